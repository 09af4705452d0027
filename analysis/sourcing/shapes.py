"""Which attributions have a fixed shape, read the same way in either language?

* A preposition before its source: ``according to X, ...``, ``..., according to X``, ``по словам X``, and
  ``по его словам`` with the pronoun inside the cue as the source.
* A colon after a speaker's name at the start of a line, in headlines and transcripts:
  ``Pat Caddell: Democrat voters worried``. The colon is the cue (:data:`COLON`).
* A headline ending in a dash and a source, as RT and TASS write them: ``... bid – Kiev``. The dash is the
  cue (:data:`DASH`).
"""

from __future__ import annotations

import re

from analysis.cues import Cue
from analysis.sourcing import russian
from analysis.sourcing.content import Content
from analysis.sourcing.document import WORD, Document, Reading, Span, Tokens, span
from analysis.sourcing.grammar import Grammar
from analysis.sourcing.lexicons import Lexicons
from analysis.sourcing.phrases import np_right

#: A cue occurrence and what was read from it: (cue, cue start, cue end, reading).
Found = tuple[Cue, int, int, Reading]

# ---- prepositions

#: Most words of the source after a prepositional cue ("according to the deputy head of ...").
PREPOSITION_SOURCE_LIMIT = 14
#: Farthest (tokens after the source) the comma of "According to X, ..." is looked for.
PREPOSITION_COMMA_REACH = 12
#: Most words before the cue that still open the sentence ("And according to X, ..."); with more, the
#: content is the clause before the cue.
OPENING_WORDS = 2


def preposition(content: Content, cue: Cue, start: int, end: int, tokens: Tokens, j: int, sentence: Span,
                *, grammar: Grammar) -> Reading | None:
    """according to X, ... / ..., according to X / по словам X, ... / по его словам, ...

    Args:
        content: The document's content reader.
        cue: The prepositional cue, at characters ``[start, end)``.
        start: Where the cue starts.
        end: Where it ends.
        tokens: The sentence's tokens.
        j: The first token after the cue.
        sentence: The sentence's span.
        grammar: The cue's language.
    """
    if cue.language == "ru" and not russian.cites_a_source(cue, tokens, j):
        return None   # "согласно закону": a norm, not a source
    text = content.text
    pronoun = grammar.source_in_cue.search(text[start:end]) if grammar.source_in_cue else None
    if pronoun:   # the source inside the cue: "по его мнению"
        source, after = (start + pronoun.start(1), start + pronoun.end(1)), j
    else:
        np = np_right(tokens, j, len(tokens), grammar=grammar, limit=PREPOSITION_SOURCE_LIMIT)
        if np is None:
            return None
        source = span(tokens, np)
        after = np[1] + 1
    s0 = sentence[0]
    before = text[s0:start].strip()
    if before.endswith((",", "—", "–")) or (len(before.split()) > OPENING_WORDS and not before.endswith("(")):
        said = content.clause_before(s0, start)   # "CONTENT, according to X"
    else:
        # "According to X, CONTENT": from after the next comma to the end of the sentence
        k = after
        while k < len(tokens) and tokens.words[k] != "," and k - after < PREPOSITION_COMMA_REACH:
            k += 1
        said = content.to_sentence_end(tokens.ends[k], sentence) if k < len(tokens) else None
    return Reading(source, said, "cue_source")


# ---- colon lines

#: The pseudo-cue of a colon after a speaker's name.
COLON = Cue(lemma=":", verb_class="neutral", language="en", forms=((":",),))
_COLON_LINE = re.compile(r"^[ \t]*((?:[A-ZА-ЯЁ][\w’'.\-]+)(?:[ \t]+(?:[A-ZА-ЯЁ][\w’'.\-]*|of|de|von|van|al|bin|camp|"
                         r"campaign|spokesman|spokeswoman|aide)){0,4})[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
#: First (or second) words of a line before a colon that do not name a speaker: page furniture, dates,
#: function words ("Photo:", "Update:", "Monday:", "Here's what:").
NOT_SPEAKERS = frozenset({
    "photo", "photos", "video", "watch", "read", "update", "updated", "note", "editor", "related", "source",
    "sources", "also", "more", "live", "breaking", "opinion", "analysis", "exclusive", "image", "images", "getty",
    "credit", "tags", "topics", "share", "subscribe", "listen", "see", "correction", "disclosure", "warning",
    "background", "context", "explainer", "timeline", "factbox", "quiz", "contributing", "look", "wow", "updates",
    "follow", "q", "podcast", "fact", "check", "verdict", "claim", "summary", "graphic", "map", "chart", "table",
    "figure", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "day",
    "week", "part", "chapter", "step", "tip", "question", "answer", "example", "here", "this", "that", "these",
    "what", "why", "how", "where", "when", "who", "the", "a", "an", "and", "but", "so", "yes", "no",
    "фото", "видео", "читайте", "источник", "подробнее", "смотрите", "важно", "итог", "итоги",
})
#: Fewest and most words of a phrase before a colon that may name a speaker by capitals alone.
MIN_NAME_WORDS = 2
MAX_NAME_WORDS = 4
#: Fewest words after the colon for the line to report speech.
MIN_COLON_CONTENT_WORDS = 2


def _could_speak(name: str, lexicons: Lexicons) -> bool:
    """Whether a phrase before a colon names a speaker ("Pat Caddell", "General Staff", "Poll") rather than a
    topic or place ("Occupied Mariupol", "Shelling of Zaporizhzhia", "Fake")."""
    words = name.split()
    bare = [re.sub(r"(?:['’]s|[.'’])$", "", w.lower()) for w in words]   # "Zelensky's" -> "zelensky"
    if name.lower() in lexicons.people or any(w in lexicons.people for w in bare) or lexicons.outlet_name(name):
        return True   # a known office holder, by full name ("Ben Wallace") or surname, or an outlet
    if lexicons.source_type(name) is not None:
        return True
    if lexicons.sides.labels(name) or not MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS:
        return False
    return all(w[:1].isupper() for w in words)


def colon_lines(document: Document, content: Content, occupied: list[Span]) -> list[Found]:
    """``Name: text`` at the start of a line (headlines, interview transcripts), where no other cue
    already holds the colon (``occupied``: the spans of the cues found)."""
    text = document.text
    out = []
    not_speakers = NOT_SPEAKERS | document.lexicons.not_speakers   # the generic words and the pack's
    for match in _COLON_LINE.finditer(text):
        name = match.group(1)
        first = name.split()[0].lower().strip(".")
        if first in not_speakers or any(w.lower().strip(".") in not_speakers for w in name.split()[1:2]) \
                or name[:1].isdigit() or not _could_speak(name, document.lexicons):
            continue
        colon = text.index(":", match.end(1))
        if any(s <= colon < e for s, e in occupied):
            continue
        line_end = text.find("\n", colon)
        line_end = len(text) if line_end < 0 else line_end
        content_start = match.end()
        quote = document.quotes.starting_at(content_start)
        trimmed = content.trim(*(quote if quote else (content_start, line_end)))
        if trimmed is None or len(text[trimmed[0]:trimmed[1]].split()) < MIN_COLON_CONTENT_WORDS:
            continue
        out.append((COLON, colon, colon + 1, Reading(match.span(1), trimmed, "colon")))
    return out


# ---- dash headlines

#: The pseudo-cue of a dash before a headline's source.
DASH = Cue(lemma="–", verb_class="neutral", language="en", forms=(("–",),))
_DASH_TITLE = re.compile(r"\A\s*(?P<content>[^\n]{8,}?)[ \t]+(?P<dash>[–—])[ \t]+"
                         r"(?P<source>[^\n–—.!?:;\"“”«»]{2,60}?)[ \t]*$", re.MULTILINE)
#: Most words of the source after a headline's dash.
MAX_DASH_SOURCE_WORDS = 6


def dash_title(document: Document) -> list[Found]:
    """A headline ending in a dash and a source, as RT and TASS write them: "... bid – Kiev"."""
    match = _DASH_TITLE.match(document.text)
    if match is None or len(match.group("source").split()) > MAX_DASH_SOURCE_WORDS:
        return []
    source = match.group("source")
    if not (source[:1].isupper() or source.split()[0].lower() in ("the", "a", "an")):
        return []
    if any(w.lower() in document.lexicons.verb_words for w in WORD.findall(source)):
        return []
    return [(DASH, match.start("dash"), match.end("dash"),
             Reading(match.span("source"), match.span("content"), "title_dash"))]
