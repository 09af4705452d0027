"""Where are the quotations in a text, as character spans? Paired once per article for every family.

:class:`analysis.text.Document` pairs an article's quotation marks once; the sourcing family reads
quoted speech from the pairs, the wording family's scare quotes are short quoted spans.
Quotation marks are paired into spans that include the marks. Curly (“ ”), low-high („ “), guillemet
(« ») and straight (") double marks are read, the modifier letter ʺ that some Russian sites use, and two apostrophes
('') as the New York Times' archive text writes them.
A straight mark opens after white space, a bracket, a dash or the start of a line, and closes
before white space or punctuation; otherwise it closes an open straight quotation. Marks nest
(« „ “ » or “ "..." ”); only the outermost quotation is a span. A quotation that is still open at
the end of a paragraph continues into the next one when that paragraph opens with a quotation mark
(the convention for quotes spanning paragraphs); otherwise the unbalanced mark is dropped. Single
marks (‘ ’ and ') form a quotation only outside double ones, when they stand at word boundaries (so
"don't" and "Zelensky’s" are apostrophes), as in headlines: Trump: 'We are going to win'.

Texts whose quotation marks were stripped (the ``rt_thesis`` bodies) simply have no quotations.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property

OPENING = "“„«‟〝"
CLOSING = "”»〞"
STRAIGHT = ("\"", "ʺ", "″", "''")
_DOUBLE = re.compile(r"''|[\"ʺ″“”„«»‟〝〞]|\n")
# Patterns below open with the mark and test the character before it with a lookbehind over both, rather than
# open with that lookbehind: the same matches, but the regular expression engine then skips ahead to the next
# mark instead of trying the lookbehind at every character of the text (a few per cent of all extraction).
#: A single mark opening a quotation: at the start of a line or after white space, a bracket, a dash or a colon.
_SINGLE_OPEN = re.compile(r"[‘'](?<![^\s(\[—–:][‘'])(?=[^\W_])")
#: A single mark closing a quotation: after a character that is not white space or a single mark.
_SINGLE_CLOSE = re.compile(r"[’'](?<=[^\s‘'][’'])(?![^\W_])")
_AFTER_OPEN = set(" \t\n([{—–-/:") | set(OPENING)
_BEFORE_CLOSE = set(" \t\n.,;:!?)]}—–-…") | set(CLOSING)


#: Characters between the marks of a short quoted span (a scare quote, a quoted name).
SHORT_CHARS = 80
_MARKS = "\"“”„«»‘’ʺ"
#: Adjacent pairs of marks around one short stretch of one line, each kind of mark on its own: straight
#: ("..."), curly (“...”, ‘...’), low-high („...“), angle («...»), straight single ('...'), and ʺ...ʺ.
_UP_TO = f"{{1,{SHORT_CHARS}}}?"
_SHORT = [
    re.compile(r'"(?<![\w"]")(?P<inner>[^' + _MARKS + r"\n]" + _UP_TO + r')"(?![\w"])'),
    re.compile(r"“(?P<inner>[^" + _MARKS + r"\n]" + _UP_TO + r")”"),
    re.compile(r"„(?P<inner>[^" + _MARKS + r"\n]" + _UP_TO + r")[“”]"),
    re.compile(r"«(?P<inner>[^" + _MARKS + r"\n]" + _UP_TO + r")»"),
    re.compile(r"‘(?<!\w‘)(?P<inner>[^‘“”«»\n]" + _UP_TO + r")’(?!\w)"),
    re.compile(r"'(?<![\w']')(?P<inner>[^'" + _MARKS + r"\n]" + _UP_TO + r")'(?![\w'])"),
    re.compile(r"ʺ(?P<inner>[^" + _MARKS + r"\n]" + _UP_TO + r")ʺ"),
]


class Quotations:
    """The quotations of one text, each read when first asked for and then kept: :attr:`spans`, the sorted,
    non-overlapping ``(start, end)`` spans of quoted speech including the marks (across paragraphs where
    the convention says so), and :attr:`short`, the short quoted spans within one line."""

    def __init__(self, text: str) -> None:
        self.text = text

    @classmethod
    def of(cls, text: str) -> Quotations:
        return cls(text)

    @cached_property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The outermost quotations, sorted, marks included."""
        double = _double(self.text)
        return tuple(sorted(double + _single(self.text, double)))

    @cached_property
    def short(self) -> tuple[re.Match, ...]:
        """Short quoted spans: matches with the group ``inner``, by kind of mark, each kind in text order
        (a span paired by two kinds appears twice; the first kind wins)."""
        return tuple(match for pattern in _SHORT for match in pattern.finditer(self.text))

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _ in self.spans]

    @cached_property
    def _ends(self) -> list[int]:
        return [e for _, e in self.spans]

    def containing(self, position: int) -> tuple[int, int] | None:
        """The quotation whose inside holds ``position`` (marks excluded), if any."""
        i = bisect.bisect_right(self._starts, position) - 1
        if i >= 0 and self.spans[i][0] < position < self.spans[i][1] - 1:
            return self.spans[i]
        return None

    def ending_at(self, position: int) -> tuple[int, int] | None:
        """The quotation that ends exactly at ``position``."""
        i = bisect.bisect_left(self._ends, position)
        if i < len(self.spans) and self._ends[i] == position:
            return self.spans[i]
        return None

    def starting_at(self, position: int) -> tuple[int, int] | None:
        """The quotation that starts exactly at ``position``."""
        i = bisect.bisect_left(self._starts, position)
        if i < len(self.spans) and self._starts[i] == position:
            return self.spans[i]
        return None

    def next_after(self, position: int) -> tuple[int, int] | None:
        """The first quotation starting at or after ``position``."""
        i = bisect.bisect_left(self._starts, position)
        return self.spans[i] if i < len(self.spans) else None

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quotations that lie inside ``[start, end)``."""
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self.spans) and self.spans[i][1] <= end:
            out.append(self.spans[i])
            i += 1
        return out


def _role(mark: str, text: str, position: int, stack: list[tuple[int, str]]) -> str:
    """Whether a double mark opens or closes a quotation here."""
    before = text[position - 1] if position else "\n"
    after = text[position + len(mark)] if position + len(mark) < len(text) else "\n"
    top = stack[-1][1] if stack else None
    if mark in "«„‟〝":
        return "open"
    if mark in "»〞":
        return "close"
    if mark == "“":
        if top == "„" or (top == "“" and before not in _AFTER_OPEN and after in _BEFORE_CLOSE):
            return "close"   # „...“ (German and Russian style), or “ misused as a closing mark
        return "open"
    if mark == "”":
        if not stack and before in _AFTER_OPEN and after not in _BEFORE_CLOSE:
            return "open"    # ” misused as an opening mark
        return "close"
    # straight marks: by their neighbours, else by what is open
    if top == mark:
        return "close"
    if before in _AFTER_OPEN and after not in _BEFORE_CLOSE:
        return "open"
    if after in _BEFORE_CLOSE or before not in _AFTER_OPEN:
        return "close" if stack else "open"
    return "open"


def _continues(text: str, newline: int) -> int | None:
    """Where the next paragraph re-opens a quotation (the offset of its mark), if it does."""
    i = newline
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and (text[i] in OPENING or text[i] in "\"ʺ″" or text.startswith("''", i)):
        return i
    return None


def _double(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    skip = -1
    for match in _DOUBLE.finditer(text):
        position, mark = match.start(), match.group()
        if mark == "\n":
            if stack:
                reopening = _continues(text, position)
                if reopening is not None and len(stack) == 1:
                    skip = reopening
                else:
                    stack.clear()
            continue
        if position == skip:
            continue
        if _role(mark, text, position, stack) == "open":
            stack.append((position, mark))
        elif stack:
            start, _ = stack.pop()
            if not stack:
                spans.append((start, position + len(mark)))
    return spans


def _single(text: str, double: list[tuple[int, int]]) -> list[tuple[int, int]]:
    starts = [s for s, _ in double]

    def inside_double(position: int) -> bool:
        i = bisect.bisect_right(starts, position) - 1
        return i >= 0 and double[i][0] <= position < double[i][1]

    closes = [m.start() for m in _SINGLE_CLOSE.finditer(text)]
    spans = []
    last_end = 0
    for opening in _SINGLE_OPEN.finditer(text):
        start = opening.start()
        if start < last_end or inside_double(start):
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        i = bisect.bisect_right(closes, start)
        if i < len(closes) and closes[i] < line_end and not inside_double(closes[i]):
            spans.append((start, closes[i] + 1))
            last_end = closes[i] + 1
    return spans


def find(text: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping spans of the outermost quotations, marks included."""
    return list(Quotations(text).spans)
