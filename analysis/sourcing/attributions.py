"""Who is quoted or paraphrased, with which cue, saying what? Attributions as character spans.

Every reporting cue of ``lexicons/reporting_verbs.yaml`` in a text (said, told, claims, stressed,
according to, заявил, по словам, ...) is read in its sentence, and a colon after a name at the start
of a line (``Pat Caddell: Democrat voters worried``) is a cue too. For each cue the reader finds the
*source* (who) and the *content* (what) from the shape around it:

=====================  ==========================================  ========================================
shape                  example                                     source / content
=====================  ==========================================  ========================================
``quote_cue_source``   “We will win,” said Caddell.                after the cue / the quotation before
``quote_source_cue``   "This is the strongest wording," he wrote.  before the cue / the quotation before
``clause_source_cue``  Kiev has signed ..., Zhovkva wrote.         before the cue / the clause before
``clause_cue_source``  Kiev has signed ..., said Zhovkva.          after the cue / the clause before
``source_cue``         Goncharenko claims that Washington ...      before the cue / after it: a ``that``
                       Smith told Politico that "a proper ..."     clause, a quotation, a colon, or the
                       Zakharova has repeatedly stressed that ...  rest of the sentence
``cue_source``         according to the deputy head of ..., ...    after the cue / the rest of the sentence
                       по словам Захаровой, ...; как заявил X, ...
``participle``         ..., saying that ...; ..., adding that ...  the main clause's source / after it
``passive``            he was told that ...; it is expected ...    a ``by`` phrase or none / after it
``colon``              Trump: 'We are going to win so much.'       before the colon / after it
``title_dash``         Talks resume in May – Foreign Ministry      after the dash / the headline before it
=====================  ==========================================  ========================================

A quotation that continues after the attribution in the same paragraph (“A,” she said. “B.”) is
part of the content, which is one span from its first to its last character. Russian word order is
read too: the source follows the verb after a quotation or clause (``«...», — заявила Захарова``),
after ``как`` (``как заявил Лавров, ...``) and after ``Об этом``. Pronouns and short names are
resolved to full names by :mod:`analysis.sourcing.speakers`.

The reading is split by question:

* :mod:`~analysis.sourcing.document`: the text as the readers see it (tokens, sentences, windows in long
  sentences without full stops, paragraphs);
* :mod:`~analysis.sourcing.grammar`: what the language-neutral reading needs to know about a language;
* :mod:`~analysis.sourcing.phrases`: the noun phrase (source) left or right of a cue;
* :mod:`~analysis.sourcing.content`: where the content runs;
* :mod:`~analysis.sourcing.english` and :mod:`~analysis.sourcing.russian`: each language's verb cues;
* :mod:`~analysis.sourcing.shapes`: prepositional cues, colon lines and dash headlines;
* this module: the cue candidates, which of them are cues, and :func:`find`, the entry point.

Every span is built from offsets of the text itself, and the mentions framework checks that it lies
inside the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.cues import Cue
from analysis.quotes import Quotations
from analysis.sourcing import shapes
from analysis.sourcing.content import Content
from analysis.sourcing.document import WORD, Document, Span, Tokens, capitalised
from analysis.sourcing.english import ENGLISH, EnglishReader
from analysis.sourcing.lexicons import Lexicons
from analysis.sourcing.russian import RUSSIAN, RussianReader
from analysis.text import Sentences

#: A capitalised cue word stands in a title-case headline ("Trump Says He Will Win"), not inside a name,
#: when at least this share of its line's words are capitalised.
TITLE_CASE_SHARE = 0.7


@dataclass(frozen=True)
class Attribution:
    """One attribution: a cue, its source and its content, as character spans (end exclusive)."""

    cue: Cue
    cue_start: int
    cue_end: int
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    shape: str


# ------------------------------------------------------------------------------------------ candidates


_NEXT_WORD = re.compile(r"\s+(\w+(?:[-'’]\w+)*)")


def _candidates(text: str, lexicons: Lexicons) -> list[tuple[Cue, int, int]]:
    """Every occurrence of a cue form: (cue, start, end), the longest form at each word."""
    low = text.lower()
    if len(low) != len(text):   # a few characters change length when lower-cased ("İ"): keep offsets exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    found = []
    resume = 0
    for match in WORD.finditer(low):
        entries = lexicons.cues.get(match.group())
        if not entries or match.start() < resume:
            continue
        for form, cue in entries:
            end = match.end()
            for word in form[1:]:
                following = _NEXT_WORD.match(low, end)
                if following is None or following.group(1) != word:
                    end = -1
                    break
                end = following.end()
            if end > 0:
                found.append((cue, match.start(), end))
                resume = end
                break
    return found


# ------------------------------------------------------------------------------------------ reading


class _Reader:
    """Reads the source and content of each cue of one document, handing it to its shape's reader."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.content = Content(document)
        self.english = EnglishReader(document, self.content)
        self.russian = RussianReader(document, self.content)

    def read(self, cue: Cue, start: int, end: int) -> Attribution | None:
        """The attribution of the cue at ``[start, end)``, or None when it is not one here."""
        doc = self.doc
        sentence = doc.sentence(start, end)
        tokens = doc.tokens(sentence)
        i = tokens.at(start)
        j = tokens.at(end)
        if i >= len(tokens) or tokens.starts[i] != start:
            return None
        russian = cue.language == "ru"
        if self._inside_name(tokens, i, sentence):
            return None
        if cue.preposition:
            reading = shapes.preposition(self.content, cue, start, end, tokens, j, sentence,
                                         grammar=RUSSIAN if russian else ENGLISH)
        else:
            reading = (self.russian if russian else self.english).read(cue, start, end, tokens, i, j, sentence)
        return None if reading is None else Attribution(cue, start, end, *reading)

    def _inside_name(self, tokens: Tokens, i: int, sentence: Span) -> bool:
        """A capitalised cue word inside a name or title ("Secretary of State Antony Blinken")."""
        word = tokens.words[i]
        if not capitalised(word) or i == 0 or tokens.starts[i] == sentence[0]:
            return False
        before, after = tokens.words[i - 1], tokens.words[i + 1] if i + 1 < len(tokens) else ""
        if not before[0].isalnum():
            return False
        start, end = self.doc.paragraph(tokens.starts[i])
        line = WORD.findall(self.doc.text[start:end])
        if line and sum(capitalised(w) for w in line) >= TITLE_CASE_SHARE * len(line):
            return False   # a headline in title case: "Trump Says He Will Win"
        return before.lower() in ("of", "the") or capitalised(before) or capitalised(after[:1] or "x")


# ------------------------------------------------------------------------------------------ entry point


def find(text: str, *, sentences: Sentences, quotes: Quotations, lexicons: Lexicons) -> list[Attribution]:
    """Every attribution in a text, sorted by cue position.

    Args:
        text: The article text (offsets are into it).
        sentences: Its sentence spans.
        quotes: Its quotations (:class:`analysis.quotes.Quotations`).
        lexicons: The sourcing lexicons.
    """
    document = Document(text, sentences, quotes, lexicons)
    reader = _Reader(document)
    found = []
    for cue, start, end in _candidates(text, lexicons):
        if quotes.containing(start):
            continue   # words inside a quotation are the quoted speaker's, not the article's attribution
        attribution = reader.read(cue, start, end)
        if attribution is not None:
            found.append(attribution)
    occupied = [(a.cue_start, a.cue_end) for a in found]
    found += [Attribution(cue, start, end, *reading)
              for cue, start, end, reading in shapes.colon_lines(document, reader.content, occupied)]
    found += [Attribution(cue, start, end, *reading) for cue, start, end, reading in shapes.dash_title(document)]
    return sorted(found, key=lambda a: (a.cue_start, a.cue_end))
