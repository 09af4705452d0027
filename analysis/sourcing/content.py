"""Where does what was said run? The content of a cue as a character span.

Content is a quotation (with the quotations that continue it in the same paragraph: “A,” she said. “B.”),
a clause after a complementiser ("that", "что") or a colon, the rest of the sentence after the cue, or the
clause before a clause-final attribution ("Kiev has signed ..., Zhovkva wrote"). A paraphrase runs to its
sentence's end, or to where the journalist's own words start (a semicolon, ", which ...", ", saying ..."),
and at most :data:`MAX_PARAPHRASE` characters. The language of the cue enters through its
:class:`~analysis.sourcing.grammar.Grammar`.
"""

from __future__ import annotations

from analysis.sourcing.document import CLOSE_MARKS, WORD, Document, Span, Tokens, capitalised, is_open_mark
from analysis.sourcing.grammar import Grammar

#: Longest content (characters) that is not a quotation: a paraphrase runs to its sentence's end.
MAX_PARAPHRASE = 1500
#: Farthest (tokens after the cue) a complementiser, colon or opening quotation mark is looked for.
COMPLEMENTISER_REACH = 22
#: A complementiser after a comma farther than this (tokens) from the cue opens a clause of its own.
FAR_COMPLEMENTISER = 12
#: Longest text (characters) between two quotations that may only attribute them (", he said, ") ...
MAX_CONTINUATION_GAP = 80
#: ... in at most this many words.
MAX_CONTINUATION_WORDS = 10
#: Longest rest of a sentence (words) that may be only adjuncts ("on Facebook on Saturday").
MAX_ADJUNCT_WORDS = 9

#: Words after a comma that end a reported clause: a relative clause or an attribution of its own.
CLAUSE_BREAKS = frozenset({"which", "who", "whose", "according", "citing", "который", "которая", "которые",
                           "которое", "заявил", "заявила", "сообщил", "сообщила", "отметил", "отметила", "добавил",
                           "добавила"})
#: Words that open reported content although they also open adjuncts ("said when ...", "asked whether ...").
CONTENT_OPENERS = frozenset({"whether", "if", "how", "what", "why", "when", "where", "who", "which"})
#: Words that open adjuncts ("said on Monday", "said last week"). English words, checked after cues of both
#: languages (after a Russian cue they catch English outlet names: "сказал The Guardian").
ADJUNCT_OPENERS = frozenset({
    "on", "in", "at", "during", "after", "before", "via", "from", "to", "while", "last", "this", "earlier", "later",
    "late", "early", "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "through", "with", "by", "as", "when", "following", "amid", "over", "under", "recently",
    "again", "too", "also", "once", "publicly", "then", "separately", "previously", "repeatedly", "for", "about",
    "of", "ahead", "shortly", "just", "quickly", "immediately", "not", "never", "has", "had", "but", "and", "a",
    "an", "the", "his", "her", "their", "its", "local", "time", "morning", "afternoon", "evening", "night", "week",
    "month", "year", "day", "days", "weeks", "months", "ago",
})

#: Endings of the gerunds after a comma that start an attribution of their own (", saying", ", заявив", ", отмечая").
_GERUND_ENDINGS = ("ing", "в", "я")
_TRAILING = ".,;:—–"
_SENTENCE_ENDS = ".!?"
_BREAKS = (".", "!", "?", ";", ",", "(", "—", "–")


class Content:
    """Reads content spans in one document."""

    def __init__(self, document: Document) -> None:
        self.doc = document
        self.text = document.text
        self.verbs = document.lexicons.verb_words

    def trim(self, start: int, end: int) -> Span | None:
        """``[start, end)`` without surrounding white space and trailing sentence punctuation."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
            if text[end - 1] in _SENTENCE_ENDS and end - 2 >= start and text[end - 2] in CLOSE_MARKS:
                break
            end -= 1
        return (start, end) if end > start else None

    def quotation(self, quote: Span) -> Span:
        """A quotation extended by the quotations that continue it in the same paragraph."""
        start, end = quote
        _, paragraph_end = self.doc.paragraph(start)
        while True:
            nxt = self.doc.quotes.next_after(end)
            if nxt is None or nxt[0] >= paragraph_end:
                break
            gap = self.text[end:nxt[0]]
            if not self._continuation_gap(gap):
                break
            end = nxt[1]
        return start, max(end, quote[1])

    def _continuation_gap(self, gap: str) -> bool:
        """Whether the text between two quotations only attributes them (", he said, " or " ")."""
        if len(gap) > MAX_CONTINUATION_GAP:
            return False
        words = WORD.findall(gap)
        if not words:
            return True
        lows = [w.lower() for w in words]
        return len(words) <= MAX_CONTINUATION_WORDS and any(w in self.verbs for w in lows)

    def quote_before(self, position: int) -> Span | None:
        """The quotation that ends just before ``position`` (only commas, dashes and spaces between, in the
        same paragraph; it may end in the sentence before: «...!» — сказала она)."""
        i = position
        text = self.text
        while i > 0 and text[i - 1] in " \t,—–-":
            i -= 1
        return self.doc.quotes.ending_at(i)

    def quote_after(self, position: int, ceiling: int) -> Span | None:
        """The quotation that starts just after ``position`` (only spaces, commas, colons and dashes between)."""
        i = position
        text = self.text
        ceiling = min(ceiling, len(text))
        while i < ceiling and (text[i].isspace() or text[i] in ",:—–-"):
            i += 1
        return self.doc.quotes.starting_at(i)

    def right(self, tokens: Tokens, j: int, sentence: Span, *, grammar: Grammar) -> Span | None:
        """The content after token index ``j`` (first token after the cue and its source or hearer).

        Args:
            tokens: The sentence's tokens.
            j: The first token after the cue (and its source or hearer).
            sentence: The sentence's span.
            grammar: The cue's language.
        """
        s0, s1 = sentence
        words, lows = tokens.words, tokens.lows
        n = len(tokens)
        quote = self.quote_after(tokens.starts[j] if j < n else s1, s1 + 1)
        if quote:
            return self.quotation(quote)
        if j >= n:
            # a colon or nothing at the end of the paragraph: the content may be the next paragraph's quotation
            if self.text[s1 - 1:s1] == ":":
                nxt = self.doc.quotes.next_after(s1)
                if nxt and not self.text[s1:nxt[0]].strip():
                    return self.quotation(nxt)
            return None
        that = grammar.complementiser
        comma_first = grammar.comma_before_complementiser
        for i in range(j, min(n, j + COMPLEMENTISER_REACH)):
            word, low = words[i], lows[i]
            if comma_first and i == j and word == ",":
                continue   # "заявил, что ..."
            if low == that and (i == j or lows[i - 1] not in grammar.not_complementiser_after):
                if comma_first and i > j and words[i - 1] == "," and i - j > FAR_COMPLEMENTISER:
                    break
                return self.to_clause_end(tokens, i, sentence)
            if word == ":":
                after = tokens.ends[i]
                quote = self.quote_after(after, s1 + 1)
                if quote:
                    return self.quotation(quote)
                if after >= s1 or not self.text[after:s1].strip():
                    nxt = self.doc.quotes.next_after(after)
                    if nxt and not self.text[after:nxt[0]].strip():
                        return self.quotation(nxt)
                    return None
                return self.to_clause_end(tokens, i + 1, sentence)
            if is_open_mark(word) and (i == j or words[i - 1] in (",", ":")):
                quote = self.doc.quotes.starting_at(tokens.starts[i])
                if quote:
                    return self.quotation(quote)
            if word in _BREAKS:
                break
        # no complementiser: an infinitive ("told the Europeans to stop ..."), or the rest of the clause unless
        # it is only adjuncts ("on Facebook on Saturday")
        if lows[j] == grammar.infinitive:
            if j + 1 < n and (lows[j + 1] in grammar.hearer_openers or capitalised(words[j + 1])):
                return None   # "said to reporters": a hearer, not an infinitive
            return self.to_clause_end(tokens, j, sentence)
        if _adjuncts_only(tokens, j, n) or lows[j] in grammar.adjunct_openers:
            return None
        return self.to_clause_end(tokens, j, sentence)

    def to_clause_end(self, tokens: Tokens, i: int, sentence: Span) -> Span | None:
        """From token ``i`` to the end of its sentence, or to where the reported clause ends outside quotations:
        a semicolon, or a comma before a relative clause or another attribution (", which was passed in
        2010", ", saying he was a stronger leader") that the journalist adds."""
        end = sentence[1]
        words, lows = tokens.words, tokens.lows
        for k in range(i, len(tokens)):
            word = words[k]
            if word not in (";", ",") or self.doc.quotes.containing(tokens.starts[k]):
                continue
            following = lows[k + 1] if k + 1 < len(tokens) else ""
            gerund = following.endswith(_GERUND_ENDINGS) and following in self.verbs
            if word == ";" or following in CLAUSE_BREAKS or gerund:
                end = tokens.starts[k]
                break
        start = tokens.starts[i] if i < len(tokens) else end
        return self.to_sentence_end(start, (sentence[0], end))

    def to_sentence_end(self, start: int, sentence: Span) -> Span | None:
        """From ``start`` to the sentence's end (or the end of a quotation running past it), at most
        :data:`MAX_PARAPHRASE` characters."""
        end = sentence[1]
        quote = self.doc.quotes.containing(end - 1)
        if quote and quote[0] >= start:
            end = quote[1]
        end = min(end, start + MAX_PARAPHRASE) if end - start > MAX_PARAPHRASE else end
        return self.trim(start, end)

    def clause_before(self, sentence_start: int, end: int) -> Span | None:
        """The clause before a clause-final attribution: from its sentence's start to ``end``."""
        start = max(sentence_start, end - MAX_PARAPHRASE)
        quote = self.doc.quotes.containing(start)
        if quote and quote[0] < start:
            start = quote[0]
        return self.trim(start, end)

    def previous_sentence(self, s0: int) -> Span | None:
        """The sentence before the one starting at ``s0`` ("Об этом заявил X": the content came before)."""
        previous = self.doc.previous_sentence(s0)
        return self.trim(*previous) if previous else None


def _adjuncts_only(tokens: Tokens, j: int, n: int) -> bool:
    """Whether the tokens from ``j`` hold only adjuncts ("on Facebook on Saturday") or nothing."""
    rest = [w for w in tokens.lows[j:n] if w[0].isalnum()]
    if not rest:
        return True
    if len(rest) > MAX_ADJUNCT_WORDS:
        return False
    return rest[0] in ADJUNCT_OPENERS and rest[0] not in CONTENT_OPENERS
