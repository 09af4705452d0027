"""Parenthetical designations: "Alexey Goncharenko (designated as terrorist and extremist in Russia)",
"Meta (признана экстремистской и запрещена в РФ)", and the label "(a militia backed by the Kremlin)"."""

from __future__ import annotations

import re

from analysis.designations.context import Context
from analysis.designations.cues import authority_in, statuses_in
from analysis.designations.entities import entity_before, is_name, valid_legal_entity


def legal_en(ctx: Context, lo: int, hi: int) -> None:
    """English legal statuses in brackets after their entity, in ``[lo, hi)``."""
    if "(" not in ctx.text[lo:hi]:
        return
    for match in ctx.g.en_paren.finditer(ctx.text, lo, hi):
        start, end = match.span("phrase")
        entity = entity_before(ctx, match.start(), lo)
        if not valid_legal_entity(ctx, entity):
            continue
        by_agent = re.search(r"\bby\b", ctx.text[start:end], re.IGNORECASE)
        voice = "reported" if by_agent or match.group("paux") in ("was", "were", "had been") else "own"
        ctx.add(start, end, statuses_in(ctx, start, end, language="en"), entity,
                authority=authority_in(ctx, (start, end)), voice=voice, form="parenthetical")


def legal_ru(ctx: Context, lo: int, hi: int) -> None:
    """Russian legal statuses in brackets: "Meta (признана экстремистской и запрещена в РФ)"."""
    text = ctx.text
    if "(" not in text[lo:hi]:
        return
    for match in ctx.g.ru_paren.finditer(text, lo, hi):
        start, end = match.span("phrase")
        entity = entity_before(ctx, match.start(), lo)
        if valid_legal_entity(ctx, entity):
            ctx.add(start, end, statuses_in(ctx, start, end, language="ru"), entity,
                    authority=authority_in(ctx, (start, end)), voice="own", form="parenthetical")


def labels_en(ctx: Context, lo: int, hi: int) -> None:
    """"Vostok (a militia backed by Moscow)": an affiliation label in brackets after a name."""
    window = ctx.text[lo:hi].lower()
    if " by " not in window or "(" not in window:
        return
    for match in ctx.g.backed_by.finditer(ctx.text, lo, hi):
        _backed_by(ctx, match, lo)


def _backed_by(ctx: Context, match: re.Match, lo: int) -> None:
    start, end = match.span("phrase")
    before = ctx.text[max(lo, start - 40):start]
    parenthetical = re.search(r"\(\s*(?:an?|the)\s+[\w\s-]{0,40}$", before)
    if not parenthetical:
        return
    paren = max(lo, start - 40) + parenthetical.start()
    entity = entity_before(ctx, paren, lo)
    if entity and any(is_name(ctx, *t) for t in ctx.tokens(*entity)):
        patron = ctx.g.patron_canonical.get(match.group("patron").lower(), match.group("patron"))
        ctx.add_label(start, end, "state_affiliated", f"{patron}-backed", entity, "parenthetical", lo)
