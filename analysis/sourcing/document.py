"""What do the attribution readers see of a text? Its tokens, sentences, paragraphs and quotations.

A :class:`Document` holds one text with its sentence spans, its quotations and the sourcing lexicons, and
tokenises each sentence once (:class:`Tokens`: parallel lists of offsets and words). Texts without
punctuation give long "sentences"; in a sentence longer than :data:`LONG` characters the readers work in a
window of at least :data:`WINDOW` characters either side of the cue, so the cost per cue stays bounded.

A reader's answer for one cue is a :class:`Reading`: the source and content spans and the shape they were
read from (the table in :mod:`analysis.sourcing.attributions`).
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from analysis.quotes import Quotations
from analysis.sourcing.lexicons import Lexicons
from analysis.text import WORD, Sentences, titles

#: Sentences longer than this (texts without full stops) are read in windows around each cue ...
LONG = 3000
#: ... of at least this many characters either side.
WINDOW = 300
#: Windows on the grid start this many grid blocks before the cue's block ...
WINDOW_BLOCKS_BEFORE = 1
#: ... and end this many after it.
WINDOW_BLOCKS_AFTER = 3
#: Farthest a window's edge moves (characters) to reach white space rather than cut a word.
WORD_EDGE_REACH = 40

#: A token: an initialism ("U.S."), a middle initial ("Tore O. Sandvik"), an abbreviated title ("Mr."; the
#: titles of ``rules/abbreviations.txt``), a word (:data:`analysis.text.WORD`), or one punctuation mark.
TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|(?:" + "|".join(t.capitalize() for t in titles()) + r")\.|"
                   r"(?<![\w.])[A-ZА-ЯЁ]\.(?= [A-ZА-ЯЁ][a-zа-яё])|" + WORD.pattern + r"|[^\w\s]")
OPEN_MARKS = frozenset("\"“„«‟〝‘'ʺ″")
CLOSE_MARKS = frozenset("\"”»〞’'ʺ″“")

#: A character span ``(start, end)``, end exclusive.
Span = tuple[int, int]


class Reading(NamedTuple):
    """What a reader makes of one cue: who (source) and what (content) as character spans, and the shape."""

    source: Span | None
    content: Span | None
    shape: str


class Tokens:
    """The tokens of one stretch of text: parallel lists of offsets, text and lower-case text."""

    __slots__ = ("starts", "ends", "words", "lows")

    def __init__(self, text: str, start: int, end: int) -> None:
        matches = list(TOKEN.finditer(text, start, end))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.words = [m.group() for m in matches]
        self.lows = [w.lower() for w in self.words]

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, position: int) -> int:
        """Index of the token starting at or after ``position``."""
        return bisect.bisect_left(self.starts, position)


def capitalised(word: str) -> bool:
    """Whether a word starts with a capital letter."""
    return word[:1].isupper()


def is_open_mark(word: str) -> bool:
    """Whether a token is a mark that can open a quotation."""
    return word in OPEN_MARKS


def is_close_mark(word: str) -> bool:
    """Whether a token is a mark that can close a quotation."""
    return word in CLOSE_MARKS


def span(tokens: Tokens, np: tuple[int, int]) -> Span:
    """The character span of an inclusive token range."""
    return tokens.starts[np[0]], tokens.ends[np[1]]


class Document:
    """One text with its sentences, paragraphs and quotations, and a token cache per sentence."""

    def __init__(self, text: str, sentences: Sentences, quotes: Quotations, lexicons: Lexicons) -> None:
        self.text = text
        self.quotes = quotes
        self.lexicons = lexicons
        self.sentence_spans = list(sentences.spans)
        self.sentence_starts = [s for s, _ in self.sentence_spans]
        self._tokens: dict[Span, Tokens] = {}

    def sentence(self, start: int, end: int) -> Span:
        """The span of the sentence holding ``[start, end)`` (or its paragraph); in a sentence longer than
        :data:`LONG` characters, a window of at least :data:`WINDOW` characters either side, on a grid so
        that nearby cues share it (and its tokens)."""
        i = bisect.bisect_right(self.sentence_starts, start) - 1
        if i >= 0 and self.sentence_spans[i][0] <= start < self.sentence_spans[i][1]:
            s0, s1 = self.sentence_spans[i]
        else:
            s0, s1 = self.paragraph(start)
        s1 = max(s1, end)
        if s1 - s0 <= LONG:
            return s0, s1
        block = start // WINDOW
        if (block - WINDOW_BLOCKS_BEFORE) * WINDOW > s0:
            s0 = self._word_boundary((block - WINDOW_BLOCKS_BEFORE) * WINDOW, forward=True)
        if (block + WINDOW_BLOCKS_AFTER) * WINDOW < s1:
            s1 = max(end, self._word_boundary((block + WINDOW_BLOCKS_AFTER) * WINDOW, forward=False))
        return s0, s1

    def paragraph(self, position: int) -> Span:
        """The span of the line holding ``position``."""
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return start, len(self.text) if end < 0 else end

    def previous_sentence(self, s0: int) -> Span | None:
        """The span of the sentence before the one starting at ``s0``, if any."""
        i = bisect.bisect_left(self.sentence_starts, s0) - 1
        return self.sentence_spans[i] if i >= 0 else None

    def _word_boundary(self, position: int, *, forward: bool) -> int:
        text = self.text
        step = 1 if forward else -1
        limit = WORD_EDGE_REACH
        while 0 < position < len(text) and not text[position].isspace() and limit:
            position += step
            limit -= 1
        return max(0, min(position, len(text)))

    def tokens(self, sentence: Span) -> Tokens:
        """The tokens of a sentence (or window), cached."""
        tokens = self._tokens.get(sentence)
        if tokens is None:
            tokens = self._tokens[sentence] = Tokens(self.text, *sentence)
        return tokens
