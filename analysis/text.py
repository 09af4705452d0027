"""Where are the sentences and words of an article, as character spans?

Every extracted finding carries the sentence it stands in, so sentence boundaries must be character
offsets into the article text. Paragraphs (lines) are split first. Within a paragraph a sentence ends
at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets) followed by white space, an
optional dash (a Russian dialogue turn, a "— Ukrinform." credit) and a character that is not a
lower-case letter, unless the word before a single full stop is a known
abbreviation (``rules/abbreviations.txt``: "Mr.", "U.S.", "Gen.", "г.", "т.е.") or an initial ("J.").
That is the rule NLTK's Punkt applies when it is given abbreviations instead of training data, at 50
times the speed (8,000 rather than 160 articles of 700 words per second here), which the wording
family's throughput needs; ``make evaluate`` measures agreement with Punkt (:func:`punkt_spans`):
98.6% of sentence ends on 1,000 articles of the shared corpora.
A "sentence" longer than :data:`MAX_CONTEXT` characters (texts whose full stops were stripped) is cut
to a window around the finding by :func:`context`.

:class:`Document` is one article as every extraction family reads it: its sentences and quotation marks
are computed once and shared. :data:`WORD` is the package's word, :func:`abbreviations` its one list of
abbreviations (``rules/abbreviations.txt``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, cached_property

from analysis.config import RULES
from analysis.quotes import Quotations

#: Data files this module reads (they enter the cache key of every stage that imports it).
READS = ("rules/abbreviations.txt",)
#: Longest sentence kept whole as a finding's context; longer ones become a window around it.
MAX_CONTEXT = 600
_PARAGRAPH = re.compile(r"[^\n]+")
_AGENCY_TAG = re.compile(r"^/[A-ZА-ЯЁ-]+/\.?$")
#: A word: letters and digits, with inner hyphens and apostrophes ("well-known", "outlet's").
WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@cache
def _abbreviation_sections() -> dict[str, tuple[str, ...]]:
    sections: dict[str, list[str]] = {}
    heading = ""
    for line in (RULES / "abbreviations.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            heading = line.lstrip("# ").strip().lower()
        elif line.strip():
            sections.setdefault(heading, []).append(line.strip().lower().rstrip("."))
    return {heading: tuple(words) for heading, words in sections.items()}


@cache
def abbreviations() -> frozenset[str]:
    """Lower-case abbreviations without their final full stop (``u.s``, ``gen``, ``т.е``): the package's
    one list (``rules/abbreviations.txt``)."""
    return frozenset(word for words in _abbreviation_sections().values() for word in words)


@cache
def titles() -> tuple[str, ...]:
    """The abbreviated titles and ranks (``mr``, ``gen``, ``sen``): the first section of the list."""
    return _abbreviation_sections()["titles and ranks"]


@cache
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    parameters = PunktParameters()
    parameters.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(parameters)


def punkt_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans from NLTK's Punkt with the same abbreviations: the reference for :func:`sentence_spans`."""
    spans = []
    for paragraph in _PARAGRAPH.finditer(text):
        offset = paragraph.start()
        for start, end in _punkt().span_tokenize(paragraph.group()):
            _append(spans, text, offset + start, offset + end)
    return spans


_CANDIDATE = re.compile(r"[.!?…]+[\"”’»)\]ʺ]*(?=\s+(?:[—–]\s+)?[\"“«‘(\[ʺ]?[^\W_])")
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")


def _is_abbreviation_stop(paragraph: str, candidate: re.Match) -> bool:
    if candidate.group() != ".":
        return False
    word = _WORD_BEFORE_STOP.search(paragraph, max(0, candidate.start() - 24), candidate.end())
    if not word:
        return False
    word = word.group(1).lower()
    return word in abbreviations() or (len(word) == 1 and word.isalpha())


def _next_letter_is_lower(paragraph: str, position: int) -> bool:
    for char in paragraph[position:position + 4]:
        if char.isalnum():
            return char.islower()
    return False


def _append(spans: list, text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    span = (start + lead, start + lead + len(stripped))
    if spans and _AGENCY_TAG.match(stripped) and text[spans[-1][1]:span[0]].strip() == "":
        spans[-1] = (spans[-1][0], span[1])  # "MOSCOW, December 5." + "/TASS/." is one dateline
    else:
        spans.append(span)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, paragraphs first, end exclusive, white space trimmed."""
    spans: list[tuple[int, int]] = []
    for paragraph in _PARAGRAPH.finditer(text):
        offset, body, start = paragraph.start(), paragraph.group(), 0
        for candidate in _CANDIDATE.finditer(body):
            end = candidate.end()
            if _is_abbreviation_stop(body, candidate) or _next_letter_is_lower(body, end):
                continue
            _append(spans, text, offset + start, offset + end)
            start = end
        _append(spans, text, offset + start, offset + len(body))
    return spans


def word_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every word (letters and digits, with inner hyphens and apostrophes)."""
    return [m.span() for m in WORD.finditer(text)]


@dataclass(frozen=True)
class Sentences:
    """The sentences of one text, for looking up the sentence around a character offset."""

    text: str
    spans: tuple[tuple[int, int], ...]
    starts: tuple[int, ...] = ()

    @classmethod
    def of(cls, text: str) -> Sentences:
        spans = tuple(sentence_spans(text))
        return cls(text, spans, tuple(s for s, _ in spans))

    def index(self, position: int) -> int | None:
        """Index of the sentence containing ``position``, or None if it falls between sentences."""
        i = bisect.bisect_right(self.starts, position) - 1
        if i >= 0 and self.spans[i][0] <= position < self.spans[i][1]:
            return i
        return None

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) covering ``[start, end)``, or the span itself between sentences."""
        first = self.index(start)
        last = self.index(max(start, end - 1))
        if first is None or last is None:
            return start, end
        return self.spans[first][0], self.spans[last][1]


def context(sentences: Sentences, start: int, end: int, *, max_chars: int = MAX_CONTEXT) -> tuple[int, int, str]:
    """The sentence around a finding (start, end, text); a window of ``max_chars`` if it is longer."""
    s_start, s_end = sentences.around(start, end)
    if s_end - s_start > max_chars:
        half = max(0, (max_chars - (end - start)) // 2)
        s_start = max(s_start, start - half)
        s_end = min(s_end, end + half)
        text = sentences.text
        while s_start > 0 and s_start < start and not text[s_start - 1].isspace():
            s_start += 1
        while s_end < len(text) and s_end > end and not text[s_end].isspace():
            s_end -= 1
    return s_start, s_end, sentences.text[s_start:s_end]


class Document:
    """One article as every extraction family reads it: its text, its language, and what is computed from
    the text once and shared by the families (sentences; quotations).

    Families receive the same ``Document`` for one article from :func:`analysis.mentions.extract_text`,
    so no family splits sentences or pairs quotation marks on its own.
    """

    def __init__(self, text: str, language: str | None = None) -> None:
        self.text = text
        self.language = language

    @cached_property
    def sentences(self) -> Sentences:
        """The text's sentences (:class:`Sentences`)."""
        return Sentences.of(self.text)

    @cached_property
    def quotations(self) -> Quotations:
        """The text's quotations, paired once for every family (:class:`analysis.quotes.Quotations`)."""
        return Quotations.of(self.text)

    @classmethod
    def of(cls, text: str, language: str | None = None, document: Document | None = None) -> Document:
        """``document`` if it is the document of ``text``, else a new one (families called on bare text)."""
        if document is not None and (document.text is text or document.text == text):
            return document
        return cls(text, language)
