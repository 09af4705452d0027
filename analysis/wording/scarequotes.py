"""Which quotation marks distance the outlet from a word rather than quote a speaker?

A scare quote puts one to four words in quotation marks without quoting anyone: the "referendum",
so-called "peacekeepers". The same marks around a speaker's words ("a proper invitation", Smith told
Politico) are a quotation. A short quoted span is taken as a scare quote when

* it holds one to four words and at least one letter, within one line;
* its sentence has no attribution cue (the reporting verbs marked ``quotes: true`` in
  ``analysis/lexicons/reporting_verbs.yaml``, such as said, told, wrote, called, stressed, the headline
  verbs accuses, slams, urges, warns, or "according to", Russian заявил, сообщил, по словам, and the
  file's ``quote_frames`` such as "called it", "dubbed"; :func:`analysis.cues.quotes_speaker`), and no
  colon introduces or follows it (headlines quote as "‘Gold is more stable’:
  Malaysia needles US"), so no speaker is quoted;
* it is not a proper name in quotes (every word capitalised, as Russian typography quotes the
  "Azov" battalion or «Газпром»), unless a distancing word such as "so-called" precedes it.

Short quoted spans are paired once per article by :mod:`analysis.quotes` (``Quotations.short``: straight,
curly, angle, low-high and single marks; an apostrophe inside a word never closes a single-quoted span),
the same pairing the sourcing family reads quotations from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis import cues
from analysis.quotes import Quotations
from analysis.text import Sentences

MAX_WORDS = 4
_DISTANCING_BEFORE = re.compile(r"(?:so[- ]called|self[- ]styled|alleged|supposed|purported|"
                                r"так называем\w+|якобы|мнимы\w+)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class QuotedSpan:
    """A short quoted span and what it was judged to be."""

    start: int          # the opening mark
    end: int            # after the closing mark
    inner_start: int
    inner_end: int
    words: int
    scare: bool
    reason: str         # scare_quote, attributed, proper_name, too_long


def _is_proper_name(inner: str) -> bool:
    words = _WORD.findall(inner)
    return bool(words) and all(w[0].isupper() for w in words)


def quoted_spans(text: str, *, sentences: Sentences | None = None,
                 quotations: Quotations | None = None) -> list[QuotedSpan]:
    """Every short quoted span (up to ``MAX_WORDS`` words) with the reason it is or is not a scare quote.

    Args:
        text: The article text.
        sentences: Its sentences (computed when not given).
        quotations: Its quotation marks, paired once per article (:class:`analysis.quotes.Quotations`).
    """
    sentences = sentences or Sentences.of(text)
    quotations = quotations or Quotations.of(text)
    spans: dict[tuple[int, int], QuotedSpan] = {}
    for match in quotations.short:
        inner = match.group("inner")
        words = len(_WORD.findall(inner))
        if words == 0 or inner != inner.strip() and len(inner.strip()) == 0:
            continue
        if words > MAX_WORDS:
            continue
        s_start, s_end = sentences.around(match.start(), match.end())
        sentence = text[s_start:s_end]
        before = text[max(s_start, match.start() - 24):match.start()]
        after = text[match.end():match.end() + 2]
        if _DISTANCING_BEFORE.search(before):
            scare, reason = True, "scare_quote"
        elif after.startswith(":") or before.rstrip().endswith(":") or cues.quotes_speaker(sentence):
            scare, reason = False, "attributed"
        elif _is_proper_name(inner):
            scare, reason = False, "proper_name"
        else:
            scare, reason = True, "scare_quote"
        key = (match.start(), match.end())
        spans.setdefault(key, QuotedSpan(match.start(), match.end(), match.start("inner"), match.end("inner"),
                                         words, scare, reason))
    return sorted(spans.values(), key=lambda s: s.start)


def scare_quotes(text: str, *, sentences: Sentences | None = None,
                 quotations: Quotations | None = None) -> list[QuotedSpan]:
    """The quoted spans judged to be scare quotes."""
    return [span for span in quoted_spans(text, sentences=sentences, quotations=quotations) if span.scare]
