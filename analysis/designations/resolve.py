"""Which finding stands when several forms read the same label? One finding per label, type and entity."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from analysis.designations.context import Found

#: The readings of a label, most specific first; where two clash, the earlier one wins. A reading is the finding's
#: form, except that a Russian predicate ("X — это террористическая организация") yields to the other clauses, a
#: status label before names reads as attributive even where a colon or dash makes its form appositive ("terrorist
#: organisations: X and Y"), and every affiliation or legitimacy label ("Kremlin-backed", "(backed by Moscow)",
#: ", installed by the occupiers"), whatever its form, comes last.
PRECEDENCE = ("footnote", "parenthetical", "appositive", "clause", "predicate", "attributive", "label")
RANK = {reading: rank for rank, reading in enumerate(PRECEDENCE)}

#: Labels are shorter than this many characters, so overlapping ones sit in neighbouring buckets.
BUCKET = 1024


def resolve(found: list[Found]) -> list[Found]:
    """One finding per label, type and entity. Where two readings of the same label clash (same type, overlapping
    spans), the one earlier in :data:`PRECEDENCE` wins; one reading may attach a label to several entities
    ("organizations like al-Qaeda and Islamic State").

    Returns:
        The findings kept, in text order.
    """
    kept: dict[tuple[str, int], list[Found]] = {}
    out: list[Found] = []

    def clashes(candidate: Found, other: Found) -> bool:
        if not (candidate.start < other.end and other.start < candidate.end):
            return False
        same_entity = candidate.entity[0] < other.entity[1] and other.entity[0] < candidate.entity[1]
        return same_entity or other.reading != candidate.reading

    for candidate in sorted(found, key=lambda f: (RANK[f.reading], f.start, -(f.end - f.start))):
        home = candidate.start // BUCKET
        nearby = [other for b in (home - 1, home, home + 1) for other in kept.get((candidate.designation, b), ())]
        if not any(clashes(candidate, other) for other in nearby):
            kept.setdefault((candidate.designation, home), []).append(candidate)
            out.append(candidate)
    return sorted(out, key=lambda f: (f.start, f.end, f.entity, f.order, f.designation))
