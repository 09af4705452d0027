"""Where in a text is a designation possible? One pass of an automaton over every trigger (a status word or a
label), then windows around the hits: each hit's sentence and line, at most :data:`WINDOW` characters either side."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import ahocorasick

from analysis.designations.grammar import Grammar
from analysis.text import Sentences

#: Longest stretch of text parsed around one trigger (texts whose full stops were stripped).
WINDOW = 320


@dataclass(frozen=True)
class Window:
    """A stretch of text around triggers: the sentence, or at most :data:`WINDOW` characters either side.

    ``legal`` and ``labels`` say which trigger groups it holds: legal statuses, affiliation and legitimacy labels.
    """

    start: int
    end: int
    legal: bool
    labels: bool


@cache
def automaton(g: Grammar) -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over every trigger of the grammar's lexicon: a single pass finds them all."""
    lex = g.lex
    terms = {term: group for group, words in lex.triggers.items() for term in words}
    for patron in {name.lower() for p in lex.patrons for name in p.names} | {"state"}:
        for relation in lex.relations:
            terms.setdefault(f"{patron}-{relation}", "labels")
            terms.setdefault(f"{patron} {relation}", "labels")
        terms.setdefault(f"pro-{patron}", "labels")
        terms.setdefault(f"pro {patron}", "labels")
    found = ahocorasick.Automaton()
    for term, group in terms.items():
        found.add_word(term, (len(term), group))
    found.make_automaton()
    return found


def trigger_windows(text: str, sentences: Sentences, g: Grammar) -> list[Window]:
    """The stretches of ``text`` worth parsing: around each trigger, within its sentence and line."""
    hits = sorted((end - length + 1, group) for end, (length, group) in automaton(g).iter(text.lower()))
    if not hits:
        return []
    starts = [s for s, _ in sentences.spans]
    raw: list[list] = []
    for position, group in hits:
        i = bisect.bisect_right(starts, position) - 1
        if i >= 0 and sentences.spans[i][0] <= position < sentences.spans[i][1]:
            lo, hi = sentences.spans[i]
        else:
            lo, hi = position, position + 1
        lo, hi = max(lo, position - WINDOW), min(hi, position + WINDOW)
        line_start = text.rfind("\n", lo, position) + 1
        line_end = text.find("\n", position, hi)
        lo, hi = max(lo, line_start), (hi if line_end < 0 else line_end)
        if raw and lo <= raw[-1][1] and hi - raw[-1][0] <= 4 * WINDOW:
            raw[-1][1] = max(raw[-1][1], hi)
            raw[-1][2 if group == "legal" else 3] = True
            continue
        if raw and lo < raw[-1][1]:
            lo = max(lo, raw[-1][1] - WINDOW // 2)   # a long run of triggers: overlap a little, not a whole window
        raw.append([lo, hi, group == "legal", group == "labels"])
    return [Window(*w) for w in raw]
