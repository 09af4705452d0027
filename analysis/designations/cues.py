"""What the words of and around a label say: which statuses it names, which authority designates, whether it
stands in quotation marks (a reported label), under a condition or negation (not a designation), or is a ban on
doing something ("banned from entering") rather than a status."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis.designations.grammar import BAN_ON_DOING, CLOSE_QUOTES, LEFT_IRREALIS, OPEN_QUOTES, SYMMETRIC_QUOTES
from analysis.designations.lexicon import Status

if TYPE_CHECKING:
    from analysis.designations.context import Context


def in_quotes(ctx: Context, start: int, end: int, lo: int) -> bool:
    """Whether ``[start, end)`` stands inside quotation marks of its paragraph (scare quotes or speech)."""
    text = ctx.text
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    opens, closes = OPEN_QUOTES + SYMMETRIC_QUOTES, CLOSE_QUOTES + SYMMETRIC_QUOTES
    if before and before in opens and after and after in closes:
        return True
    paragraph = text[max(lo, text.rfind("\n", lo, start) + 1):start]
    opened = sum(paragraph.count(q) for q in "“«„") - sum(paragraph.count(q) for q in "”»")
    if opened > 0:
        return True
    return (paragraph.count('"') + paragraph.count("ʺ")) % 2 == 1


def irrealis(ctx: Context, position: int, lo: int) -> bool:
    """Whether the clause left of ``position`` makes what follows unreal: a condition, wish, call or negation
    ("if", "wants to", "must be", "not")."""
    left = ctx.text[max(lo, position - 70):position]
    cut = max(left.rfind(","), left.rfind(";"), left.rfind(":"), left.rfind("—"))
    clause = left[cut + 1:] if cut >= 0 else left
    return bool(LEFT_IRREALIS.search(clause))


def authority_in(ctx: Context, *spans: tuple[int, int] | None) -> str | None:
    """The authority named first in the first of ``spans`` that names one (normalised: "Russia", "EU"), else None."""
    for span in spans:
        if not span:
            continue
        chunk = ctx.text[span[0]:span[1]]
        best = None
        for authority in ctx.g.lex.authorities:
            match = authority.pattern.search(chunk)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), authority.name)
        if best:
            return best[1]
    return None


def statuses_in(ctx: Context, start: int, end: int, *, language: str) -> list[Status]:
    """The statuses ``text[start:end]`` names in ``language``, one per type, in text order."""
    chunk = ctx.text[start:end]
    hits = []
    for status in ctx.g.lex.statuses:
        if status.language != language:
            continue
        for match in status.pattern.finditer(chunk):
            hits.append((match.start(), status))
    seen, out = set(), []
    for _, status in sorted(hits, key=lambda h: h[0]):
        if status.designation not in seen:
            seen.add(status.designation)
            out.append(status)
    return out


def rejected_ban(ctx: Context, end: int) -> bool:
    """Whether a status phrase ending at ``end`` is a ban on doing something ("banned from entering") or a
    platform's ban ("banned by Facebook"), neither of which is a designation."""
    return bool(BAN_ON_DOING.match(ctx.text, end)) or bool(
        re.match(r"\s+(?:by|on|from)\s+" + ctx.g.platforms.pattern, ctx.text[end:end + 40]))
