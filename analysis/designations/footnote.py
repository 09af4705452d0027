"""Footnoted designations: "«Мемориал»*" with "*организация признана иноагентом" on a line of its own.

A footnote line that names a status gives that status to every word its marker (``*``, ``**``, ``***``) stands on
elsewhere in the text.
"""

from __future__ import annotations

import re

from analysis.designations.context import Context
from analysis.designations.cues import authority_in, statuses_in
from analysis.designations.entities import entity_before, inner, is_name
from analysis.designations.lexicon import Status


def find(ctx: Context) -> None:
    """Every footnoted designation of the whole text (footnotes stand outside the trigger windows)."""
    text, g = ctx.text, ctx.g
    notes: dict[str, tuple[int, int, list[Status], str]] = {}
    for match in g.footnote.finditer(text):
        start, end = match.span("body")
        while end > start and text[end - 1].isspace():
            end -= 1
        language = "ru" if re.search("[а-яё]", text[start:end], re.IGNORECASE) else "en"
        statuses = statuses_in(ctx, start, end, language=language)
        if statuses and match.group("stars") not in notes:
            notes[match.group("stars")] = (start, end, statuses, language)
    if not notes:
        return
    line_starts = {m.start("stars") for m in g.footnote.finditer(text)}
    for marker in g.marker.finditer(text):
        if marker.start() in line_starts:
            continue
        note = notes.get(marker.group("stars"))
        if not note:
            continue
        start, end, statuses, _ = note
        line_start = text.rfind("\n", 0, marker.start()) + 1
        entity = _marked(ctx, marker.start(), line_start)
        if entity and entity[1] > entity[0]:
            ctx.add(start, end, statuses, entity, authority=authority_in(ctx, (start, end)), voice="own",
                    form="footnote")


def _marked(ctx: Context, end: int, lo: int) -> tuple[int, int] | None:
    """What a footnote marker stands on: a quoted name, else back to the nearest capitalised word (Russian names
    of organisations capitalise only their first word: "Фонд борьбы с коррупцией*")."""
    tokens = ctx.tokens(max(lo, end - 100), end)
    if tokens and ctx.text[tokens[-1][0]] in "«“" and tokens[-1][1] - tokens[-1][0] > 2:
        return inner(ctx, tokens[-1])
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 7), -1):
        word = ctx.text[tokens[k][0]:tokens[k][1]]
        if not word[0].isalnum():
            break
        if is_name(ctx, *tokens[k]):
            j = k
            while j > 0 and is_name(ctx, *tokens[j - 1]):
                j -= 1
            return tokens[j][0], tokens[-1][1]
    return entity_before(ctx, end, lo)
