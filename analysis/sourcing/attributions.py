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
``source_cue``         Goncharenko claims that Washington ...      before the cue / after it: a ``that``
                       Smith told Politico that "a proper ..."     clause, a quotation, a colon, or the
                       Zakharova has repeatedly stressed that ...  rest of the sentence
``cue_source``         according to the deputy head of ..., ...    after the cue / the rest of the sentence
                       по словам Захаровой, ...; как заявил X, ...
``participle``         ..., saying that ...; ..., adding that ...  the main clause's source / after it
``passive``            he was told that ...; it is expected ...    a ``by`` phrase or none / after it
``colon``              Trump: 'We are going to win so much.'       before the colon / after it
=====================  ==========================================  ========================================

A quotation that continues after the attribution in the same paragraph (“A,” she said. “B.”) is
part of the content, which is one span from its first to its last character. Russian word order is
read too: the source follows the verb after a quotation or clause (``«...», — заявила Захарова``),
after ``как`` (``как заявил Лавров, ...``) and after ``Об этом``. Pronouns and short names are
resolved to full names by :mod:`analysis.sourcing.speakers`.

Texts without punctuation (quotes and full stops stripped) give long "sentences"; in a sentence longer
than :data:`LONG` characters the reader works in a window of at least :data:`WINDOW` characters either
side of the cue, so the cost per cue stays bounded. Every span is built from offsets of the text
itself, and the mentions framework checks that it lies inside the article.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from analysis.sourcing.lexicons import Cue, Lexicons
from analysis.sourcing.quotes import Quotations
from analysis.text import Sentences

#: Sentences longer than this (texts without full stops) are read in windows around each cue ...
LONG = 3000
#: ... of at least this many characters either side.
WINDOW = 300
#: Longest content (characters) that is not a quotation: a paraphrase runs to its sentence's end.
MAX_PARAPHRASE = 1500

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Maj|Prof|Rev|St|Jr|Sr|Adm"
                    r"|Amb|Pres|Brig|Cmdr|Hon)\.|\w+(?:[-'’]\w+)*|[^\w\s]")
_OPEN_MARKS = set("\"“„«‟〝‘'ʺ″")
_CLOSE_MARKS = set("\"”»〞’'ʺ″“")

# ---- English word classes (closed classes only: the reader has no part-of-speech tagger)
_SKIP_BEFORE_CUE = {
    "has", "have", "had", "also", "repeatedly", "reportedly", "previously", "earlier", "later", "then", "once",
    "recently", "again", "further", "publicly", "privately", "already", "still", "often", "frequently", "even",
    "just", "now", "would", "will", "could", "might", "may", "must", "should", "can", "did", "does", "do", "not",
    "never", "always", "quickly", "immediately", "originally", "first", "openly", "explicitly", "directly",
    "simply", "flatly", "categorically", "allegedly", "apparently", "himself", "herself", "themselves", "itself",
    "however", "too", "all", "both", "in", "turn", "n't", "since", "long", "ever", "yet", "only", "indeed",
    "subsequently", "initially", "separately", "last", "week", "today", "yesterday", "tonight",
}
_BE = {"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "am", "get", "got", "gets", "getting"}
_PRONOUNS = {"he", "she", "they", "we", "i", "you", "it", "who", "which", "one", "this", "someone", "everyone",
             "nobody", "anyone", "both", "others", "many", "some", "most", "few", "all"}
_POSSESSIVES = {"his", "her", "its", "their", "our", "my", "your", "его", "её", "ее", "их"}
_RELATIVES = {"who", "which", "that"}
_OBJECT_PRONOUNS = {"him", "her", "them", "us", "me", "you", "it", "reporters", "journalists", "lawmakers",
                    "supporters", "voters", "listeners", "viewers", "audiences", "members", "colleagues"}
_NP_FUNCTION = {"of", "the", "a", "an", "for", "to", "at", "'s", "’s", "and", "&", "de", "von", "van", "der", "al",
                "bin", "la", "le", "du", "da"}
_NP_CONNECTORS = _NP_FUNCTION | {"in", "from", "on", "по", "при", "в", "во"}
_STOP = {
    "that", "which", "when", "while", "as", "because", "if", "but", "or", "so", "than", "since", "after", "before",
    "is", "was", "were", "are", "be", "been", "has", "have", "had", "will", "would", "could", "can", "may",
    "might", "should", "must", "did", "does", "do", "not", "said", "says", "say", "told", "in", "on", "with",
    "from", "by", "about", "into", "over", "under", "against", "during", "without", "through", "where", "whether",
    "what", "why", "how", "there", "here", "it", "this", "these", "those", "then", "also", "however", "although",
    "though", "until", "unless", "once", "yet", "still", "even", "only", "just", "very", "more", "most", "no",
    "its", "their", "our", "your", "my", "his", "her", "him", "them", "us", "me", "we", "i", "you", "they", "he",
    "she", "who", "whom", "whose", "and", "up", "out", "off", "down", "like", "among", "amid", "despite", "toward",
    "towards", "upon", "via", "per", "being", "having", "get", "got", "make", "made", "take", "took", "go", "went",
    "ve", "s", "ll", "re", "m", "d", "t",   # contractions whose apostrophe was stripped ("I ve said")
}
_NOUN_USE = {"the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "such", "any",
             "no", "every", "each", "whose", "new", "latest", "recent", "previous", "false", "unfounded", "baseless",
             "similar", "repeated", "numerous", "widespread", "initial", "original", "controversial", "frequent"}
_NOUN_FORMS = {"claim", "claims", "report", "reports", "call", "calls", "comment", "comments", "reply", "replies",
               "warning", "warnings", "promise", "promises", "pledge", "pledges", "vow", "vows", "demand", "demands",
               "appeals", "estimates", "fear", "fears", "hope", "hopes", "doubts", "question", "questions", "praise",
               "show", "shows", "find", "finds", "note", "notes", "tweet", "tweets", "stress", "disputes", "attack",
               "request", "post", "answer", "blame", "concerns", "reads", "welcome", "allegations", "statement",
               "remarks", "want", "thought", "know", "feel", "expect", "reporting", "writing", "speaking", "found",
               "saying", "state", "states", "reading", "testimony", "questioning", "calling", "pointing"}
#: Forms that are more often nouns than verbs: a cue only before "that", a colon or a quotation, or after a pronoun.
_NEEDS_COMPLEMENT = {"maintains", "maintained", "add", "note", "notes", "show", "shows", "report", "reports",
                     "call", "calls", "find", "finds", "fear", "fears", "hope", "hopes", "doubts", "questions",
                     "praise", "post",
                     "claim", "warning", "attack", "question", "request", "blame", "demand", "demands", "stress",
                     "comment", "comments", "reply", "answer", "promise", "pledge", "vow", "appeals", "estimates",
                     "reads", "welcome", "tweet", "tweets", "read", "dispute", "disputes", "concerns"}
#: Forms that stay verbs before "of" ("speaking of", "thought of").
_VERBAL_BEFORE_OF = {"speaking", "saying", "thought", "found", "know", "reporting", "writing", "calling"}
_REFLEXIVES = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"}
#: Document nouns that "show", "find" or "suggest" (polls show, the study found).
_DOCUMENTS = {"poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "data", "analysis",
              "research", "results", "numbers", "figures", "records", "documents", "evidence", "statistics"}
#: Words after a comma that end a reported clause: a relative clause or an attribution of its own.
_CLAUSE_BREAKS = {"which", "who", "whose", "according", "citing", "который", "которая", "которые", "которое",
                  "заявил", "заявила", "сообщил", "сообщила", "отметил", "отметила", "добавил", "добавила"}
_CONTENT_OPENERS = {"whether", "if", "how", "what", "why", "when", "where", "who", "which"}
_ADJUNCT_OPENERS = {"on", "in", "at", "during", "after", "before", "via", "from", "to", "while", "last", "this",
                    "earlier", "later", "late", "early", "yesterday", "today", "tonight", "monday", "tuesday",
                    "wednesday", "thursday", "friday", "saturday", "sunday", "through", "with", "by", "as",
                    "when", "following", "amid", "over", "under", "recently", "again", "too", "also", "once",
                    "publicly", "then", "separately", "previously", "repeatedly", "for", "about", "of", "ahead",
                    "shortly", "just", "quickly", "immediately", "not", "never", "has", "had", "but", "and",
                    "a", "an", "the", "his", "her", "their", "its", "local", "time", "morning", "afternoon", "evening",
                    "night", "week", "month", "year", "day", "days", "weeks", "months", "ago"}

# ---- Russian closed classes
_RU_STOP = {"однако", "впрочем", "кроме", "что", "и", "а", "но", "в", "во", "на", "о", "об", "по", "с", "со", "к", "ко",
            "у", "за", "из", "от", "для", "при", "как", "когда", "если", "это", "этом", "том", "уже", "также",
            "ранее", "не", "ли", "же",
            "бы", "так", "чтобы", "после", "перед", "до", "через", "между", "который", "которая", "которые",
            "которых", "где", "там", "тут", "здесь", "его", "ее", "её", "их", "был", "была", "были", "было",
            "будет", "есть", "всё", "все", "этого", "этой", "этот", "эта", "эти", "тем", "чем", "тоже", "ещё",
            "еще", "лишь", "только", "именно", "сегодня", "вчера", "накануне", "своем", "своём", "своей", "своих"}
_RU_PRONOUNS = {"он", "она", "они", "мы", "я", "вы", "ты", "оно"}
_RU_SKIP_BEFORE_CUE = {"также", "ранее", "уже", "неоднократно", "вновь", "снова", "тогда", "позже", "затем", "не",
                       "публично", "официально", "прямо", "открыто", "лично", "однако", "же", "накануне", "вчера",
                       "сегодня", "тоже", "еще", "ещё", "впоследствии", "как-то"}
_RU_AS = {"как"}
_RU_RELATIVES = {"где", "который", "которая", "которое", "которые", "кто"}


@dataclass(frozen=True)
class Attribution:
    """One attribution: a cue, its source and its content, as character spans (end exclusive)."""

    cue: Cue
    cue_start: int
    cue_end: int
    source: tuple[int, int] | None
    content: tuple[int, int] | None
    shape: str


class _Tokens:
    """The tokens of one stretch of text: parallel lists of offsets, text and lower-case text."""

    __slots__ = ("starts", "ends", "words", "lows")

    def __init__(self, text: str, start: int, end: int) -> None:
        matches = list(_TOKEN.finditer(text, start, end))
        self.starts = [m.start() for m in matches]
        self.ends = [m.end() for m in matches]
        self.words = [m.group() for m in matches]
        self.lows = [w.lower() for w in self.words]

    def __len__(self) -> int:
        return len(self.starts)

    def at(self, position: int) -> int:
        """Index of the token starting at or after ``position``."""
        return bisect.bisect_left(self.starts, position)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_open_mark(word: str) -> bool:
    return word in _OPEN_MARKS


def _is_close_mark(word: str) -> bool:
    return word in _CLOSE_MARKS


class _Document:
    """One text with its sentences, paragraphs and quotations, and a token cache per sentence."""

    def __init__(self, text: str, sentences: Sentences, quotes: Quotations, lexicons: Lexicons) -> None:
        self.text = text
        self.quotes = quotes
        self.lexicons = lexicons
        self.sentence_spans = list(sentences.spans)
        self.sentence_starts = [s for s, _ in self.sentence_spans]
        self._tokens: dict[tuple[int, int], _Tokens] = {}

    def sentence(self, start: int, end: int) -> tuple[int, int]:
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
        if (block - 1) * WINDOW > s0:
            s0 = self._word_boundary((block - 1) * WINDOW, forward=True)
        if (block + 3) * WINDOW < s1:
            s1 = max(end, self._word_boundary((block + 3) * WINDOW, forward=False))
        return s0, s1

    def paragraph(self, position: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, position) + 1
        end = self.text.find("\n", position)
        return start, len(self.text) if end < 0 else end

    def _word_boundary(self, position: int, *, forward: bool) -> int:
        text = self.text
        step = 1 if forward else -1
        limit = 40
        while 0 < position < len(text) and not text[position].isspace() and limit:
            position += step
            limit -= 1
        return max(0, min(position, len(text)))

    def tokens(self, span: tuple[int, int]) -> _Tokens:
        tokens = self._tokens.get(span)
        if tokens is None:
            tokens = self._tokens[span] = _Tokens(self.text, *span)
        return tokens


# ------------------------------------------------------------------------------------------ candidates


_NEXT_WORD = re.compile(r"\s+(\w+(?:[-'’]\w+)*)")


def _candidates(text: str, lexicons: Lexicons) -> list[tuple[Cue, int, int]]:
    """Every occurrence of a cue form: (cue, start, end), the longest form at each word."""
    low = text.lower()
    if len(low) != len(text):   # a few characters change length when lower-cased ("İ"): keep offsets exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    found = []
    resume = 0
    for match in _WORD.finditer(low):
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


# ------------------------------------------------------------------------------------------ noun phrases


def _skip_parenthetical_left(tokens: _Tokens, k: int, floor: int) -> int:
    """Index before a bracketed group that ends at ``k`` (``k`` unchanged if it is not a ``)``)."""
    if tokens.words[k] != ")":
        return k
    depth = 0
    for i in range(k, max(floor, k - 25) - 1, -1):
        if tokens.words[i] == ")":
            depth += 1
        elif tokens.words[i] == "(":
            depth -= 1
            if depth == 0:
                return i - 1
    return k


def _continues_left(tokens: _Tokens, i: int, floor: int, stop: set[str]) -> bool:
    """Whether token ``i`` belongs to a noun phrase that continues to its right: a content word, an acronym
    ("US" is not "us"), or a connector between two of them ("envoy to NATO", "sources in Washington")."""
    word, low = tokens.words[i], tokens.lows[i]
    if low not in stop or word.isupper():
        return True
    if low not in _NP_CONNECTORS or i <= floor:
        return False
    before, before_low = tokens.words[i - 1], tokens.lows[i - 1]
    return before[0].isalnum() and (before_low not in stop or _capitalised(before) or before_low in _NP_FUNCTION)


def _np_left(tokens: _Tokens, k: int, floor: int, *, verbs: frozenset[str], russian: bool = False
             ) -> tuple[int, int] | None:
    """The noun phrase ending at token ``k`` (inclusive token range), walking left; None if there is none."""
    if k < floor:
        return None
    words, lows = tokens.words, tokens.lows
    pronouns = _RU_PRONOUNS if russian else _PRONOUNS
    if lows[k] in pronouns or (not russian and lows[k] in _RELATIVES and k > floor and words[k - 1] != ","
                               and lows[k] != "that"):
        return (k, k)
    stop = _RU_STOP if russian else _STOP
    if lows[k] in stop and not words[k].isupper():
        return None   # "went ahead and said": a function word is not the end of a noun phrase
    end = k
    k = _skip_parenthetical_left(tokens, k, floor)
    i = k
    taken = 0
    while i >= floor and taken < 14:
        word, low = words[i], lows[i]
        if word == ")":
            j = _skip_parenthetical_left(tokens, i, floor)
            if j == i:
                break
            i = j
            continue
        if not word[0].isalnum():
            if word in ("-", "&") and i > floor and words[i - 1][0].isalnum():
                i -= 1
                continue
            break
        if not _continues_left(tokens, i, floor, stop) or (low in verbs and i < end and not _capitalised(word)):
            break
        i -= 1
        taken += 1
    first = i + 1
    while first <= end and (lows[first] in _NP_FUNCTION - {"the", "a", "an"}
                            or (lows[first] in stop and not words[first].isupper())):
        first += 1
    if first > end:
        return None
    if not russian and not any(_capitalised(w) or w.lower() in _PRONOUNS for w in words[first:end + 1]) and \
            first == end and lows[end] in _SKIP_BEFORE_CUE:
        return None
    return (first, end)


def _np_right(tokens: _Tokens, i: int, ceiling: int, *, russian: bool = False, limit: int = 10
              ) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (inclusive token range), walking right."""
    if i >= ceiling:
        return None
    words, lows = tokens.words, tokens.lows
    stop = _RU_STOP if russian else _STOP
    pronouns = _RU_PRONOUNS if russian else _PRONOUNS
    if lows[i] in pronouns and not (i + 1 < ceiling and words[i + 1][0].isalnum() and lows[i] in _POSSESSIVES):
        return (i, i)
    if not words[i][0].isalnum():
        return None
    j = i
    end = None
    named = False   # the last word taken is part of a capitalised name
    while j < ceiling and j - i < limit:
        word, low = words[j], lows[j]
        if not word[0].isalnum():
            if word in ("-", "&") and j + 1 < ceiling and words[j + 1][0].isalnum():
                j += 1
                continue
            break
        if low in _NP_FUNCTION:
            following = words[j + 1] if j + 1 < ceiling else ""
            if low != "of" and end is not None and not (_capitalised(following) or following.lower() in ("the",)):
                break   # "told the Europeans to stop": an infinitive, not "envoy to NATO"
        elif low in stop and not (j == i and low in _POSSESSIVES):
            break
        elif not russian and not _capitalised(word) and named and lows[i] not in ("the", "a", "an"):
            break   # "said Caddell speaking of": a name ends at the first lower-case word after it
        named = _capitalised(word) and low not in _NP_FUNCTION
        end = j
        j += 1
    while end is not None and end >= i and lows[end] in _NP_FUNCTION:
        end -= 1
    if end is None or end < i:
        return None
    return (i, end)


def _boundary(tokens: _Tokens, k: int) -> bool:
    """Whether token ``k`` separates an aside: a comma, a dash, or a ``-`` standing alone ("--")."""
    word = tokens.words[k]
    if word in (",", "—", "–"):
        return True
    return word == "-" and (k == 0 or tokens.ends[k - 1] < tokens.starts[k] or tokens.words[k - 1] == "-")


_RU_SETTING = {"в", "во", "на", "своем", "своём", "своей", "своих", "ходе", "рамках", "интервью", "беседе", "эфире",
               "журналистам", "соцсетях", "социальных", "сетях", "телеграм", "telegram", "канале", "брифинге",
               "пресс-конференции", "заявлении", "выступлении", "видеообращении", "обращении", "с", "со"}


def _skip_russian_setting(tokens: _Tokens, j: int) -> int:
    """The token after a setting between a Russian cue and its source ("сообщил в своем Telegram-канале глава ...")."""
    k = j
    while k < len(tokens) and k - j < 6 and (tokens.lows[k] in _RU_SETTING or "канал" in tokens.lows[k]
                                             or tokens.lows[k].startswith(("telegram", "телеграм"))):
        k += 1
    return k if k < len(tokens) and tokens.words[k][0].isalnum() else j


def _span(tokens: _Tokens, np: tuple[int, int]) -> tuple[int, int]:
    return tokens.starts[np[0]], tokens.ends[np[1]]


# ------------------------------------------------------------------------------------------ reading


class _Reader:
    """Reads the source and content of each cue of one document."""

    def __init__(self, document: _Document) -> None:
        self.doc = document
        self.text = document.text
        self.verbs = document.lexicons.verb_words
        self.last_source: dict[int, tuple[int, int]] = {}   # sentence start -> first source found in it

    # -- helpers on the text
    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` without surrounding white space and trailing sentence punctuation."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–"):
            if text[end - 1] in ".!?" and end - 2 >= start and text[end - 2] in _CLOSE_MARKS:
                break
            end -= 1
        return (start, end) if end > start else None

    def _content_quote(self, quote: tuple[int, int]) -> tuple[int, int]:
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
        if len(gap) > 80:
            return False
        words = _WORD.findall(gap)
        if not words:
            return True
        lows = [w.lower() for w in words]
        return len(words) <= 10 and any(w in self.verbs for w in lows)

    def _quote_before(self, position: int) -> tuple[int, int] | None:
        """The quotation that ends just before ``position`` (only commas, dashes and spaces between, in the
        same paragraph; it may end in the sentence before: «...!» — сказала она)."""
        i = position
        text = self.text
        while i > 0 and text[i - 1] in " \t,—–-":
            i -= 1
        return self.doc.quotes.ending_at(i)

    def _quote_after(self, position: int, ceiling: int) -> tuple[int, int] | None:
        i = position
        text = self.text
        ceiling = min(ceiling, len(text))
        while i < ceiling and (text[i].isspace() or text[i] in ",:—–-"):
            i += 1
        return self.doc.quotes.starting_at(i)

    # -- content to the right of a cue
    def _content_right(self, tokens: _Tokens, j: int, sentence: tuple[int, int], cue: Cue,
                       *, russian: bool) -> tuple[int, int] | None:
        """The content after token index ``j`` (first token after the cue and its source or hearer)."""
        s0, s1 = sentence
        words, lows = tokens.words, tokens.lows
        n = len(tokens)
        quote = self._quote_after(tokens.starts[j] if j < n else s1, s1 + 1)
        if quote:
            return self._content_quote(quote)
        if j >= n:
            # a colon or nothing at the end of the paragraph: the content may be the next paragraph's quotation
            if self.text[s1 - 1:s1] == ":":
                nxt = self.doc.quotes.next_after(s1)
                if nxt and not self.text[s1:nxt[0]].strip():
                    return self._content_quote(nxt)
            return None
        that = "что" if russian else "that"
        for i in range(j, min(n, j + 22)):
            word, low = words[i], lows[i]
            if russian and i == j and word == ",":
                continue   # "заявил, что ..."
            if low == that and (i == j or russian or lows[i - 1] not in ("so", "such", "now")):
                if russian and i > j and words[i - 1] == "," and i - j > 12:
                    break
                return self._to_clause_end(tokens, i, sentence)
            if word == ":":
                after = tokens.ends[i]
                quote = self._quote_after(after, s1 + 1)
                if quote:
                    return self._content_quote(quote)
                if after >= s1 or not self.text[after:s1].strip():
                    nxt = self.doc.quotes.next_after(after)
                    if nxt and not self.text[after:nxt[0]].strip():
                        return self._content_quote(nxt)
                    return None
                return self._to_clause_end(tokens, i + 1, sentence)
            if _is_open_mark(word) and (i == j or words[i - 1] in (",", ":")):
                quote = self.doc.quotes.starting_at(tokens.starts[i])
                if quote:
                    return self._content_quote(quote)
            if word in (".", "!", "?", ";", ",", "(", "—", "–"):
                break
        # no complementiser: an infinitive ("told the Europeans to stop ..."), or the rest of the clause unless
        # it is only adjuncts ("on Facebook on Saturday")
        if j >= n:
            return None
        if not russian and lows[j] == "to":
            if j + 1 < n and (lows[j + 1] in _NOUN_USE or lows[j + 1] in _OBJECT_PRONOUNS
                              or _capitalised(words[j + 1])):
                return None   # "said to reporters": a hearer, not an infinitive
            return self._to_clause_end(tokens, j, sentence)
        if self._adjuncts_only(tokens, j, n):
            return None
        if not russian and lows[j] in _ADJUNCT_OPENERS - {"a", "an", "the", "his", "her", "their", "its"} \
                and lows[j] not in _CONTENT_OPENERS:
            return None
        return self._to_clause_end(tokens, j, sentence)

    def _to_clause_end(self, tokens: _Tokens, i: int, sentence: tuple[int, int]) -> tuple[int, int] | None:
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
            if word == ";" or following in _CLAUSE_BREAKS or (following.endswith("ing") and following in self.verbs):
                end = tokens.starts[k]
                break
        start = tokens.starts[i] if i < len(tokens) else end
        return self._to_sentence_end(start, (sentence[0], end))

    def _adjuncts_only(self, tokens: _Tokens, j: int, n: int) -> bool:
        rest = [w for w in tokens.lows[j:n] if w[0].isalnum()]
        if not rest:
            return True
        if len(rest) > 9:
            return False
        return rest[0] in _ADJUNCT_OPENERS and rest[0] not in _CONTENT_OPENERS

    def _to_sentence_end(self, start: int, sentence: tuple[int, int]) -> tuple[int, int] | None:
        end = sentence[1]
        quote = self.doc.quotes.containing(end - 1)
        if quote and quote[0] >= start:
            end = quote[1]
        end = min(end, start + MAX_PARAPHRASE) if end - start > MAX_PARAPHRASE else end
        return self._trim(start, end)

    def _clause_before(self, sentence_start: int, end: int) -> tuple[int, int] | None:
        """The clause before a clause-final attribution: from its sentence's start to ``end``."""
        start = max(sentence_start, end - MAX_PARAPHRASE)
        quote = self.doc.quotes.containing(start)
        if quote and quote[0] < start:
            start = quote[0]
        return self._trim(start, end)

    # -- the main decision
    def read(self, cue: Cue, start: int, end: int) -> Attribution | None:
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
            return self._preposition(cue, start, end, tokens, i, j, sentence, russian=russian)
        return (self._russian if russian else self._english)(cue, start, end, tokens, i, j, sentence)

    def _inside_name(self, tokens: _Tokens, i: int, sentence: tuple[int, int]) -> bool:
        """A capitalised cue word inside a name or title ("Secretary of State Antony Blinken")."""
        word = tokens.words[i]
        if not _capitalised(word) or i == 0 or tokens.starts[i] == sentence[0]:
            return False
        before, after = tokens.words[i - 1], tokens.words[i + 1] if i + 1 < len(tokens) else ""
        if not before[0].isalnum():
            return False
        start, end = self.doc.paragraph(tokens.starts[i])
        line = _WORD.findall(self.text[start:end])
        if line and sum(_capitalised(w) for w in line) >= 0.7 * len(line):
            return False   # a headline in title case: "Trump Says He Will Win"
        return before.lower() in ("of", "the") or _capitalised(before) or _capitalised(after[:1] or "x")

    def _preposition(self, cue: Cue, start: int, end: int, tokens: _Tokens, i: int, j: int,
                     sentence: tuple[int, int], *, russian: bool) -> Attribution | None:
        """according to X, ... / ..., according to X / по словам X, ... / по его словам, ..."""
        pronoun = re.search(r"\s(его|её|ее|их)\s", self.text[start:end]) if russian else None
        if pronoun:   # the source inside the cue: "по его мнению"
            source, after = (start + pronoun.start(1), start + pronoun.end(1)), j
        else:
            np = _np_right(tokens, j, len(tokens), russian=russian, limit=14)
            if np is None:
                return None
            source = _span(tokens, np)
            after = np[1] + 1
        s0 = sentence[0]
        before = self.text[s0:start].strip()
        if before.endswith((",", "—", "–")) or (len(before.split()) > 2 and not before.endswith("(")):
            content = self._clause_before(s0, start)   # "CONTENT, according to X"
        else:
            # "According to X, CONTENT": from after the next comma to the end of the sentence
            k = after
            while k < len(tokens) and tokens.words[k] != "," and k - after < 12:
                k += 1
            content = self._to_sentence_end(tokens.ends[k] if k < len(tokens) else tokens.ends[-1], sentence) \
                if k < len(tokens) else None
        return Attribution(cue, start, end, source, content, "cue_source")

    def _english(self, cue: Cue, start: int, end: int, tokens: _Tokens, i: int, j: int,
                 sentence: tuple[int, int]) -> Attribution | None:
        words, lows = tokens.words, tokens.lows
        s0, s1 = sentence
        form = lows[i]
        if not self._verb_use(cue, tokens, i, end):
            return None
        k = self._skip_left(tokens, i, form)
        if form == "called" and k >= 0:
            named = _np_left(tokens, k, 0, verbs=self.verbs)
            if named is not None and lows[named[0]] in ("a", "an", "another"):
                return None   # naming: "a firm called Cambridge Analytica"
        if k >= 0 and lows[k] in _BE and not form.endswith("ing") and form not in ("says", "say"):
            return self._passive(cue, start, end, tokens, i, j, sentence)
        if form == "asked" and (k < 0 or tokens.starts[k] < s0 or lows[k] == "when"):
            return self._asked(cue, start, end, tokens, j, sentence)
        # 1. "“...,” said X": a quotation just before the cue, the source after it
        quote = self._quote_before(tokens.starts[k + 1] if k + 1 < len(tokens) else start)
        if quote and (k < 0 or tokens.starts[k] >= quote[0] or _is_close_mark(words[k]) or _boundary(tokens, k)):
            np = _np_right(tokens, j, len(tokens))
            if np is not None:
                return Attribution(cue, start, end, _span(tokens, np), self._content_quote(quote),
                                   "quote_cue_source")
        # 2. a subject just before the cue
        np = _np_left(tokens, k, 0, verbs=self.verbs) if k >= 0 else None
        if np is not None:
            if np[0] > 1 and _boundary(tokens, np[0] - 1):
                np = self._apposition(tokens, np) or np   # "Igor Zhovkva, the deputy head of ..., has said"
            return self._with_subject(cue, start, end, tokens, np, j, sentence)
        # 3. a boundary before the cue: "..., said Caddell." or "Larry Cohen, a senior adviser ..., said"
        if k >= 0 and _boundary(tokens, k):
            right = _np_right(tokens, j, len(tokens))
            if right is not None and (right[1] + 1 >= len(tokens) or words[right[1] + 1] in ",.;!?"):
                return Attribution(cue, start, end, _span(tokens, right), self._clause_before(s0, tokens.starts[k]),
                                   "clause_cue_source")
            subject = self._subject_before_aside(tokens, k, s0)
            if subject is not None:
                return self._with_subject(cue, start, end, tokens, subject, j, sentence)
            content = self._content_right(tokens, self._after_hearer(tokens, j, cue), sentence, cue, russian=False)
            if form.endswith("ing"):   # "..., saying that ...": the main clause's subject
                source = self.last_source.get(s0) or self._sentence_subject(tokens, s0, k)
                return Attribution(cue, start, end, source, content, "participle")
            if right is not None:
                return Attribution(cue, start, end, _span(tokens, right), self._clause_before(s0, tokens.starts[k]),
                                   "clause_cue_source")
            return None
        # 4. a second verb: "Sanders, who endorsed Canova in May and said ..."
        if k > 0 and lows[k] in ("and", "but"):
            source = self.last_source.get(s0) or self._sentence_subject(tokens, s0, k)
            if source is not None:
                content = self._content_right(tokens, self._after_hearer(tokens, j, cue), sentence, cue,
                                              russian=False)
                return Attribution(cue, start, end, source, content, "source_cue")
        return None

    def _verb_use(self, cue: Cue, tokens: _Tokens, i: int, end: int) -> bool:
        """Whether an English cue form is used as a reporting verb here, rather than as a noun, an adjective,
        an infinitive or in another sense ("his claims", "300 pledged delegates", "declined to comment",
        "the notes", "found herself")."""
        lows = tokens.lows
        form = lows[i]
        before = lows[i - 1] if i > 0 else ""
        after = lows[tokens.at(end)] if tokens.at(end) < len(tokens) else ""
        if before in _NOUN_USE or before.endswith(("'s", "’s")) or before.isdigit():
            return False
        if form in _NOUN_FORMS and after in ("of", "from", "by", "that's") and form not in _VERBAL_BEFORE_OF:
            return False
        if form == cue.lemma and before == "to":
            return False
        if form in _NEEDS_COMPLEMENT and after not in ("that", ":", ",") and not _is_open_mark(after) \
                and before not in _PRONOUNS and not self._document_before(tokens, i):
            return False
        if cue.lemma == "refuse" and after not in ("that", ":", ",") and \
                not (after == "to" and self._comment_after(tokens, end)):
            return False   # "has never refused dialogue": an act, not speech (PolNeAR does count "agreed to")
        if form == "asked" and before in ("who", "and") and re.match(
                r"\s*(?:not\s+to\s+be|to\s+(?:be|remain)\s+(?:identified|named|unnamed|anonymous)|for\s+anonymity|that\s+"
                r"(?:his|her|their)\s+name|not\s+to\s+(?:use|give|publish|disclose))", self.text[end:end + 40]):
            return False   # "a commander, who asked to be identified only by his call sign": anonymity, not a cue
        return not (form in ("found", "finds", "find") and after in _REFLEXIVES)

    def _comment_after(self, tokens: _Tokens, end: int) -> bool:
        """Whether "to" after a cue opens a speech act: "declined to comment", "refused to say", "agreed to talk"."""
        return bool(re.match(r"\s*to\s+(?:comment|say|discuss|elaborate|answer|respond|confirm|speak|talk|disclose|"
                             r"give|provide|name|specify|identify|reveal|be\s+interviewed)\b", self.text[end:end + 40]))

    def _with_subject(self, cue: Cue, start: int, end: int, tokens: _Tokens, np: tuple[int, int], j: int,
                      sentence: tuple[int, int]) -> Attribution:
        """An attribution whose source is the subject ``np`` before the cue; the content after or before it."""
        s0, s1 = sentence
        words = tokens.words
        source = _span(tokens, np)
        self.last_source.setdefault(s0, source)
        before = np[0] - 1
        content = self._content_right(tokens, self._after_hearer(tokens, j, cue), sentence, cue, russian=False)
        if before >= 0 and (_boundary(tokens, before) or _is_close_mark(words[before])):
            quote = self._quote_before(tokens.starts[np[0]])
            if quote:   # "“...,” he said"
                return Attribution(cue, start, end, source, self._content_quote(quote), "quote_source_cue")
            if content is None:   # "Kiev has signed ..., Zhovkva wrote."
                return Attribution(cue, start, end, source, self._clause_before(s0, tokens.starts[before]),
                                   "clause_source_cue")
        return Attribution(cue, start, end, source, content, "source_cue")

    def _skip_left(self, tokens: _Tokens, i: int, form: str) -> int:
        """Index of the last token before the cue that is not an auxiliary or adverb ("has repeatedly")."""
        lows, words = tokens.lows, tokens.words
        k = i - 1
        while k >= 0 and (lows[k] in _SKIP_BEFORE_CUE or lows[k].endswith(("n't", "n’t"))
                          or (lows[k].endswith("ly") and len(lows[k]) > 4 and not _capitalised(words[k]))
                          or (lows[k] in _BE and form.endswith("ing"))):
            k -= 1
        return k

    def _document_before(self, tokens: _Tokens, i: int) -> bool:
        """Whether the word before a cue is a document noun: "polls show", "the study found"."""
        return i > 0 and tokens.lows[i - 1] in _DOCUMENTS

    def _asked(self, cue: Cue, start: int, end: int, tokens: _Tokens, j: int,
               sentence: tuple[int, int]) -> Attribution | None:
        """"Asked whether ..., Reid said ...": the source is the subject after the comma."""
        comma = j
        while comma < len(tokens) and tokens.words[comma] != "," and comma - j < 30:
            comma += 1
        if comma >= len(tokens) or tokens.words[comma] != ",":
            return None
        np = _np_right(tokens, comma + 1, len(tokens))
        source = _span(tokens, np) if np else None
        content = self._trim(tokens.starts[j], tokens.starts[comma]) if comma > j else None
        return Attribution(cue, start, end, source, content, "participle")

    def _subject_before_aside(self, tokens: _Tokens, k: int, s0: int) -> tuple[int, int] | None:
        """For ``NAME, APPOSITION OR ASIDE, said``: the range from the name to the end of the aside."""
        words, lows = tokens.words, tokens.lows
        floor = max(tokens.at(s0), k - 45)
        boundaries = 0
        for m in range(k - 1, floor - 1, -1):
            if not _boundary(tokens, m):
                continue
            boundaries += 1
            if boundaries > 3:
                return None
            name = _np_left(tokens, m - 1, floor, verbs=self.verbs)
            if name is None:
                continue
            if not any(_capitalised(w) for w in words[name[0]:name[1] + 1]) and lows[name[1]] not in _PRONOUNS \
                    and lows[name[0]] not in ("the", "a", "an"):
                continue
            before = name[0] - 1
            if before < floor or _boundary(tokens, before) or words[before] in (".", ":", ";") or \
                    _is_close_mark(words[before]) or lows[before] in ("and", "but", "while", "meanwhile"):
                return (name[0], k - 1)
        return None

    def _apposition(self, tokens: _Tokens, np: tuple[int, int]) -> tuple[int, int] | None:
        """For ``NAME, APPOSITION,`` before a cue: the range from the name to the apposition's end."""
        comma = np[0] - 1
        name = _np_left(tokens, comma - 1, 0, verbs=self.verbs)
        if name is None or name[1] - name[0] > 5 or not _capitalised(tokens.words[name[1]]) \
                or tokens.lows[name[1]] in _STOP:
            return None   # not a name before the comma ("However, Smith pointed out")
        before = name[0] - 1
        if before >= 0 and tokens.words[before] not in (",", ".", ":", ";") and \
                not _is_close_mark(tokens.words[before]) and tokens.lows[before] not in ("and", "but", "while"):
            return None
        return (name[0], np[1])

    def _sentence_subject(self, tokens: _Tokens, s0: int, k: int, *, russian: bool = False) -> tuple[int, int] | None:
        """The first noun phrase of the sentence (the subject of a main clause a participle hangs on)."""
        i = tokens.at(s0)
        while i < k and not tokens.words[i][0].isalnum():
            i += 1
        np = _np_right(tokens, i, k, russian=russian, limit=12)
        return _span(tokens, np) if np else None

    def _after_hearer(self, tokens: _Tokens, j: int, cue: Cue) -> int:
        """The token after a hearer object ("told Politico", "told reporters", "assured him")."""
        if not cue.addressee or j >= len(tokens):
            return j
        lows, words = tokens.lows, tokens.words
        if lows[j] in _OBJECT_PRONOUNS:
            return j + 1
        if lows[j] in ("that", ":") or _is_open_mark(words[j]):
            return j
        np = _np_right(tokens, j, len(tokens), limit=9)
        if np is not None and (any(_capitalised(w) for w in words[np[0]:np[1] + 1])
                               or lows[np[0]] in ("the", "a", "an", "his", "her", "their")):
            return np[1] + 1
        return j

    def _passive(self, cue: Cue, start: int, end: int, tokens: _Tokens, i: int, j: int,
                 sentence: tuple[int, int]) -> Attribution | None:
        """"was told that ...", "is expected to ...", "as reported by X": source from a by-phrase, if any."""
        k = i - 1
        while k >= 0 and (tokens.lows[k] in _BE or tokens.lows[k] in _SKIP_BEFORE_CUE):
            k -= 1
        if k >= 0 and tokens.lows[k] in ("it", "this", "что", "это"):
            return None   # "it can be noted that ...": the author's own voice
        source = None
        k = j
        if k < len(tokens) and tokens.lows[k] == "by":
            np = _np_right(tokens, k + 1, len(tokens))
            if np:
                source = _span(tokens, np)
                k = np[1] + 1
        content = self._content_right(tokens, self._after_hearer(tokens, k, cue), sentence, cue, russian=False)
        if content is None and source is None:
            return None
        return Attribution(cue, start, end, source, content, "passive")

    def _russian(self, cue: Cue, start: int, end: int, tokens: _Tokens, i: int, j: int,
                 sentence: tuple[int, int]) -> Attribution | None:
        words, lows = tokens.words, tokens.lows
        s0, s1 = sentence
        k = i - 1
        while k >= 0 and lows[k] in _RU_SKIP_BEFORE_CUE:
            k -= 1
        if k >= 1 and words[k].islower() and lows[k].endswith("о") and (words[k - 1] in (",", "—", "–")
                                                                        or _is_close_mark(words[k - 1])):
            k -= 1   # an adverb after the quotation: "“...”, едко заявляет пресс-служба"
        for m in range(k, max(-1, k - 6), -1):
            if lows[m] in ("в", "во", "на") and m + 1 <= k and (lows[m + 1] in _RU_SETTING or "канал" in lows[m + 1]):
                k = m - 1   # "Карлсон в эфире Fox News утверждал": the subject is before the setting
                break
        if k >= 0 and lows[k] in _RU_RELATIVES:
            # "..., где отметила ...": the subject of the sentence
            source = self._sentence_subject(tokens, s0, k, russian=True)
            content = self._content_right(tokens, j, sentence, cue, russian=True)
            return Attribution(cue, start, end, source, content, "source_cue") if source else None
        quote = self._quote_before(tokens.starts[k + 1] if k + 1 < len(tokens) else start)
        inverted = quote is not None or (k >= 0 and (words[k] in (",", "—", "–") or lows[k] in _RU_AS))
        if k >= 0 and lows[k] in ("этом", "это") and k - 1 >= 0 and lows[k - 1] in ("об", "о"):
            inverted = True   # "Об этом заявил X": the content is the previous sentence
        if inverted:
            j = _skip_russian_setting(tokens, j)
            np = _np_right(tokens, j, len(tokens), russian=True)
            if np is None:
                return None
            source = _span(tokens, np)
            if quote:
                content = self._content_quote(quote)
                shape = "quote_cue_source"
            elif lows[k] in _RU_AS:
                comma = np[1] + 1
                while comma < len(tokens) and words[comma] != "," and comma - np[1] < 10:
                    comma += 1
                if comma < len(tokens) and words[comma] == ",":   # "Как заявил X, ..."
                    content = self._to_sentence_end(tokens.ends[comma], sentence)
                elif k > 0 and words[k - 1] == ",":                # "..., как сообщила X."
                    content = self._clause_before(s0, tokens.starts[k - 1])
                else:
                    content = None
                shape = "cue_source"
            elif lows[k] in ("этом", "это"):
                content = self._previous_sentence(s0)
                shape = "cue_source"
            else:
                content = self._clause_before(s0, tokens.starts[k])
                shape = "clause_cue_source"
            return Attribution(cue, start, end, source, content, shape)
        np = _np_left(tokens, k, 0, verbs=self.verbs, russian=True) if k >= 0 else None
        if np is not None:
            content = self._content_right(tokens, j, sentence, cue, russian=True)
            return Attribution(cue, start, end, _span(tokens, np), content, "source_cue")
        np = _np_right(tokens, j, len(tokens), russian=True)
        if np is not None:
            content = self._content_right(tokens, np[1] + 1, sentence, cue, russian=True)
            return Attribution(cue, start, end, _span(tokens, np), content, "cue_source")
        return None

    def _previous_sentence(self, s0: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self.doc.sentence_starts, s0) - 1
        if i < 0:
            return None
        return self._trim(*self.doc.sentence_spans[i])


# ------------------------------------------------------------------------------------------ colon cues

_COLON_LINE = re.compile(r"^[ \t]*((?:[A-ZА-ЯЁ][\w’'.\-]+)(?:[ \t]+(?:[A-ZА-ЯЁ][\w’'.\-]*|of|de|von|van|al|bin|camp|"
                         r"campaign|spokesman|spokeswoman|aide)){0,4})[ \t]*:[ \t]+(?=\S)", re.MULTILINE)
_NOT_SPEAKERS = {"photo", "photos", "video", "watch", "read", "update", "updated", "note", "editor", "related",
                 "source", "sources", "also", "more", "live", "breaking", "opinion", "analysis", "exclusive",
                 "image", "images", "getty", "credit", "tags", "topics", "share", "subscribe", "listen", "see",
                 "correction", "disclosure", "warning", "background", "context", "explainer", "timeline",
                 "factbox", "quiz", "contributing", "look", "wow", "updates", "follow", "q", "podcast", "fact",
                 "check", "verdict", "claim", "summary", "graphic",
                 "map", "chart", "table", "figure", "january", "february", "march", "april", "may", "june", "july",
                 "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday",
                 "thursday", "friday", "saturday", "sunday", "day", "week", "part", "chapter", "step", "tip",
                 "question", "answer", "example", "here", "this", "that", "these", "what", "why", "how", "where",
                 "when", "who", "the", "a", "an", "and", "but", "so", "yes", "no", "ukraine", "russia", "war",
                 "фото", "видео", "читайте", "источник", "подробнее", "смотрите", "важно", "итог", "итоги"}
#: The pseudo-cues of punctuation: a colon after a speaker's name, a dash before a headline's source.
_COLON = Cue(lemma=":", verb_class="neutral", language="en", forms=((":",),))


def _could_speak(name: str, lexicons: Lexicons) -> bool:
    """Whether a phrase before a colon names a speaker ("Pat Caddell", "General Staff", "Poll") rather than a
    topic or place ("Occupied Mariupol", "Shelling of Zaporizhzhia", "Fake")."""
    words = name.split()
    if any(w.lower().strip(".’'s") in lexicons.people for w in words) or lexicons.outlet_name(name):
        return True
    if lexicons.source_type(name) is not None:
        return True
    if lexicons.sides.labels(name) or not 2 <= len(words) <= 4:
        return False
    return all(w[:1].isupper() for w in words)


def _colon_attributions(document: _Document, occupied: list[tuple[int, int]]) -> list[Attribution]:
    """``Name: text`` at the start of a line (headlines, interview transcripts)."""
    text = document.text
    reader = _Reader(document)
    out = []
    for match in _COLON_LINE.finditer(text):
        name = match.group(1)
        first = name.split()[0].lower().strip(".")
        if first in _NOT_SPEAKERS or any(w.lower().strip(".") in _NOT_SPEAKERS for w in name.split()[1:2]) \
                or name[:1].isdigit() or not _could_speak(name, document.lexicons):
            continue
        colon = text.index(":", match.end(1))
        if any(s <= colon < e for s, e in occupied):
            continue
        line_end = text.find("\n", colon)
        line_end = len(text) if line_end < 0 else line_end
        content_start = match.end()
        quote = document.quotes.starting_at(content_start)
        trimmed = reader._trim(*(quote if quote else (content_start, line_end)))
        if trimmed is None or len(text[trimmed[0]:trimmed[1]].split()) < 2:
            continue
        out.append(Attribution(_COLON, colon, colon + 1, match.span(1), trimmed, "colon"))
    return out


_DASH_TITLE = re.compile(r"\A\s*(?P<content>[^\n]{8,}?)[ \t]+(?P<dash>[–—])[ \t]+"
                         r"(?P<source>[^\n–—.!?:;\"“”«»]{2,60}?)[ \t]*$", re.MULTILINE)
_DASH = Cue(lemma="–", verb_class="neutral", language="en", forms=(("–",),))


def _dash_title(document: _Document) -> list[Attribution]:
    """A headline ending in a dash and a source, as RT and TASS write them: "... bid – Kiev"."""
    match = _DASH_TITLE.match(document.text)
    if match is None or len(match.group("source").split()) > 6:
        return []
    source = match.group("source")
    if not (source[:1].isupper() or source.split()[0].lower() in ("the", "a", "an")):
        return []
    if any(w.lower() in document.lexicons.verb_words for w in _WORD.findall(source)):
        return []
    return [Attribution(_DASH, match.start("dash"), match.end("dash"), match.span("source"), match.span("content"),
                        "title_dash")]


# ------------------------------------------------------------------------------------------ entry point


def find(text: str, *, sentences: Sentences, quotes: Quotations, lexicons: Lexicons) -> list[Attribution]:
    """Every attribution in a text, sorted by cue position.

    Args:
        text: The article text (offsets are into it).
        sentences: Its sentence spans.
        quotes: Its quotations (:class:`analysis.sourcing.quotes.Quotations`).
        lexicons: The sourcing lexicons.
    """
    document = _Document(text, sentences, quotes, lexicons)
    reader = _Reader(document)
    found = []
    for cue, start, end in _candidates(text, lexicons):
        if quotes.containing(start):
            continue   # words inside a quotation are the quoted speaker's, not the article's attribution
        attribution = reader.read(cue, start, end)
        if attribution is not None:
            found.append(attribution)
    found += _colon_attributions(document, [(a.cue_start, a.cue_end) for a in found])
    found += _dash_title(document)
    return sorted(found, key=lambda a: (a.cue_start, a.cue_end))
