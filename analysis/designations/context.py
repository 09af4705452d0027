"""What the parse of one text shares: the text, its grammar, the findings so far, and how a finding is recorded.

Every form's parser (:mod:`~analysis.designations.parenthetical`, :mod:`~analysis.designations.appositive`,
:mod:`~analysis.designations.clause`, :mod:`~analysis.designations.attributive`,
:mod:`~analysis.designations.footnote`) is a function of a :class:`Context` and the window it parses; it records
what it finds with :meth:`Context.add` (legal statuses) or :meth:`Context.add_label` (affiliation and legitimacy
labels). :func:`~analysis.designations.resolve.resolve` then keeps one finding per label.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.designations.cues import in_quotes
from analysis.designations.entities import coordinated, head_word
from analysis.designations.grammar import PERSON_NOUNS, TOKEN, Grammar
from analysis.designations.lexicon import Status


@dataclass(slots=True)
class Found:
    """One designation before it becomes a mention row.

    ``reading`` names the finding's place in :data:`~analysis.designations.resolve.PRECEDENCE` (usually its
    form); ``order`` is the status's position in a label that gives several ("terrorist and extremist").
    """

    start: int
    end: int
    designation: str
    canonical: str
    entity: tuple[int, int]
    authority: str | None
    voice: str
    form: str
    reading: str
    order: int = 0


@dataclass(slots=True)
class Context:
    """One text being parsed: the text, the compiled grammar ``g`` and the findings recorded so far."""

    text: str
    g: Grammar
    found: list[Found] = field(default_factory=list)

    def tokens(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The spans of the tokens (:data:`~analysis.designations.grammar.TOKEN`) in ``text[lo:hi]``."""
        return [(lo + m.start(), lo + m.end()) for m in TOKEN.finditer(self.text[lo:hi])]

    def add(self, start: int, end: int, statuses: list[Status], entity: tuple[int, int], *, authority: str | None,
            voice: str, form: str, reading: str | None = None) -> None:
        """Record a legal status phrase ``[start, end)``: one finding per status and per coordinated entity.

        Args:
            start: Start of the status phrase.
            end: End of the status phrase.
            statuses: The statuses the phrase names, in text order.
            entity: What the phrase attaches to (split when it is a coordination of names).
            authority: Who designates, normalised, or None.
            voice: ``own`` or ``reported``.
            form: The form of the phrase (one of :data:`~analysis.designations.finder.FORMS`).
            reading: The finding's place in :data:`~analysis.designations.resolve.PRECEDENCE` (default: ``form``).
        """
        if head_word(self, entity).lower() in PERSON_NOUNS:
            statuses = [s for s in statuses if s.designation != "undesirable"]   # persona non grata, not a status
        reading = reading or form
        for part in coordinated(self, entity):
            for order, status in enumerate(statuses):
                self.found.append(Found(start, end, status.designation, status.canonical, part, authority, voice,
                                        form, reading, order))

    def add_label(self, start: int, end: int, designation: str, canonical: str, entity: tuple[int, int], form: str,
                  lo: int) -> None:
        """Record an affiliation or legitimacy label ``[start, end)`` ("Kremlin-backed"); reported when quoted."""
        voice = "reported" if in_quotes(self, start, end, lo) else "own"
        self.found.append(Found(start, end, designation, canonical, entity, None, voice, form, "label"))
