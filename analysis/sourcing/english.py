"""Who said what, by English word order? The reader of English verb cues and its closed word classes.

For a verb cue ("said", "told", "claims", "stressed") the reader first checks that the form is used as a
reporting verb here (not "his claims", "declined to comment", "the notes"), skips auxiliaries and adverbs
before it ("has repeatedly said"), then reads the shape around it:

* a passive ("he was told that ...", "as reported by X"): the source is a ``by`` phrase or none;
* "asked" opening a sentence ("Asked whether ..., Reid said"): the source is the subject after the comma;
* a quotation just before the cue (“...,” said Caddell): the source follows the cue;
* a subject just before the cue, with its apposition ("Igor Zhovkva, the deputy head of ..., has said")
  or with an aside ("Larry Cohen, a senior adviser who ..., said");
* a clause before the cue ("..., said Caddell."), a participle ("..., saying that ...") or a second verb
  ("Sanders, who endorsed Canova and said ...") whose source is the sentence's subject.

The content is read to the right of the cue and its hearer ("told Politico that ..."), or is the
quotation or clause before the source.
"""

from __future__ import annotations

import re

from analysis.cues import Cue
from analysis.sourcing.content import ADJUNCT_OPENERS, CONTENT_OPENERS, Content
from analysis.sourcing.document import Document, Reading, Span, Tokens, capitalised, is_close_mark, is_open_mark, span
from analysis.sourcing.grammar import Grammar
from analysis.sourcing.phrases import apposition, boundary, np_left, np_right, relative_head, sentence_subject

# ---- closed classes (the reader has no part-of-speech tagger)

#: Auxiliaries, adverbs and time words between a subject and its cue ("has repeatedly said").
SKIP_BEFORE_CUE = frozenset({
    "has", "have", "had", "also", "repeatedly", "reportedly", "previously", "earlier", "later", "then", "once",
    "recently", "again", "further", "publicly", "privately", "already", "still", "often", "frequently", "even",
    "just", "now", "would", "will", "could", "might", "may", "must", "should", "can", "did", "does", "do", "not",
    "never", "always", "quickly", "immediately", "originally", "first", "openly", "explicitly", "directly",
    "simply", "flatly", "categorically", "allegedly", "apparently", "himself", "herself", "themselves", "itself",
    "however", "too", "all", "both", "in", "turn", "n't", "since", "long", "ever", "yet", "only", "indeed",
    "subsequently", "initially", "separately", "last", "week", "today", "yesterday", "tonight",
})
#: Forms of "be" (and "get") before a participle: a passive ("was told", "got asked").
BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s", "am", "get", "got", "gets", "getting"})
#: Words that are a noun phrase on their own.
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "you", "it", "who", "which", "one", "this", "someone",
                      "everyone", "nobody", "anyone", "both", "others", "many", "some", "most", "few", "all"})
#: Possessive pronouns: they may open a noun phrase ("his office").
POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
#: Relative pronouns that are the subject of the cue after them ("Sanders, who said").
RELATIVES = frozenset({"who", "which", "that"})
#: Hearers after a cue that takes one ("told reporters", "assured him").
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "you", "it", "reporters", "journalists", "lawmakers",
                             "supporters", "voters", "listeners", "viewers", "audiences", "members", "colleagues"})
#: Function words: a noun phrase does not run through them.
STOP = frozenset({
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
})
#: Determiners and adjectives before a cue form that make it a noun ("his claims", "unfounded allegations").
NOUN_USE = frozenset({
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "these", "those", "such", "any", "no",
    "every", "each", "whose", "new", "latest", "recent", "previous", "false", "unfounded", "baseless", "similar",
    "repeated", "numerous", "widespread", "initial", "original", "controversial", "frequent",
})
#: Cue forms that are nouns (or not speech) before "of", "from", "by" ("claims of", "reports from").
NOUN_FORMS = frozenset({
    "claim", "claims", "report", "reports", "call", "calls", "comment", "comments", "reply", "replies", "warning",
    "warnings", "promise", "promises", "pledge", "pledges", "vow", "vows", "demand", "demands", "appeals",
    "estimates", "fear", "fears", "hope", "hopes", "doubts", "question", "questions", "praise", "show", "shows",
    "find", "finds", "note", "notes", "tweet", "tweets", "stress", "disputes", "attack", "request", "post",
    "answer", "blame", "concerns", "reads", "welcome", "allegations", "statement", "remarks", "want", "thought",
    "know", "feel", "expect", "reporting", "writing", "speaking", "found", "saying", "state", "states", "reading",
    "testimony", "questioning", "calling", "pointing",
})
#: Forms that are more often nouns than verbs: a cue only before "that", a colon or a quotation, or after a pronoun.
NEEDS_COMPLEMENT = frozenset({
    "maintains", "maintained", "add", "note", "notes", "show", "shows", "report", "reports", "call", "calls",
    "find", "finds", "fear", "fears", "hope", "hopes", "doubts", "questions", "praise", "post", "claim", "warning",
    "attack", "question", "request", "blame", "demand", "demands", "stress", "comment", "comments", "reply",
    "answer", "promise", "pledge", "vow", "appeals", "estimates", "reads", "welcome", "tweet", "tweets", "read",
    "dispute", "disputes", "concerns",
})
#: Forms that stay verbs before "of" ("speaking of", "thought of").
VERBAL_BEFORE_OF = frozenset({"speaking", "saying", "thought", "found", "know", "reporting", "writing", "calling"})
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"})
#: Days that date a statement between its subject and its cue ("on Saturday dismissed").
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
#: Document nouns that "show", "find" or "suggest" (polls show, the study found).
DOCUMENTS = frozenset({"poll", "polls", "survey", "surveys", "study", "studies", "report", "reports", "data",
                       "analysis", "research", "results", "numbers", "figures", "records", "documents", "evidence",
                       "statistics"})

#: English for the language-neutral reading (noun phrases, content, prepositional cues).
ENGLISH = Grammar(
    pronouns=PRONOUNS,
    possessives=POSSESSIVES,
    stop=STOP,
    relative_subjects=RELATIVES,
    lone_adverbs=SKIP_BEFORE_CUE,
    names_end_lower=True,
    complementiser="that",
    not_complementiser_after=frozenset({"so", "such", "now"}),
    comma_before_complementiser=False,
    infinitive="to",
    hearer_openers=NOUN_USE | OBJECT_PRONOUNS,
    adjunct_openers=ADJUNCT_OPENERS - {"a", "an", "the", "his", "her", "their", "its"} - CONTENT_OPENERS,
    source_in_cue=None,
    source_heads=frozenset({
        "official", "officials", "source", "sources", "diplomat", "diplomats", "lawmaker", "lawmakers", "officer",
        "officers", "spokesman", "spokeswoman", "spokesperson", "analyst", "analysts", "expert", "experts",
        "intelligence", "military", "authorities", "government", "ministry", "envoy", "envoys", "ambassador",
        "minister", "leader", "leaders", "commander", "commanders", "troops", "soldiers", "forces", "investigators",
        "prosecutors", "people", "residents", "media", "security", "defence", "defense", "army", "navy", "aide",
        "aides", "adviser", "advisers", "negotiators", "insiders", "agencies", "agency", "counterparts"}),
)

# ---- tuned reach of the shapes

#: An "-ly" word this short or shorter is not an adverb ("only", "ally", "july").
SHORT_LY_WORD = 4
#: Farthest (tokens) the comma after "Asked whether ..." is looked for.
ASKED_COMMA_REACH = 30
#: Farthest back (tokens) the subject before an aside is looked for ("Larry Cohen, a senior adviser ..., said").
ASIDE_REACH = 45
#: Most commas or dashes an aside between a subject and its cue may hold.
MAX_ASIDE_BOUNDARIES = 3
#: Most words of a hearer after a cue ("told the Senate Foreign Relations Committee that").
HEARER_LIMIT = 9
#: Characters after a cue searched for "to comment", "to be identified" and the like.
LOOKAHEAD = 40

#: "declined to comment", "refused to say", "agreed to talk": "to" after a cue opens a speech act.
_SPEECH_ACT = re.compile(r"\s*to\s+(?:comment|say|discuss|elaborate|answer|respond|confirm|speak|talk|disclose|"
                         r"give|provide|name|specify|identify|reveal|be\s+interviewed)\b")
#: "who asked not to be named": a request for anonymity, not a cue.
_ANONYMITY = re.compile(r"\s*(?:not\s+to\s+be|to\s+(?:be|remain)\s+(?:identified|named|unnamed|anonymous)|for\s+"
                        r"anonymity|that\s+(?:his|her|their)\s+name|not\s+to\s+(?:use|give|publish|disclose))")
_COMPLEMENT_FOLLOWERS = ("that", ":", ",")


class EnglishReader:
    """Reads the source and content of each English verb cue of one document."""

    def __init__(self, document: Document, content: Content) -> None:
        self.text = document.text
        self.content = content
        self.verbs = document.lexicons.verb_words
        self.last_source: dict[int, Span] = {}   # sentence start -> first source found in it

    def read(self, cue: Cue, start: int, end: int, tokens: Tokens, i: int, j: int, sentence: Span
             ) -> Reading | None:
        """The source and content of the cue at token ``i`` (``j``: the token after it), or None when the
        form is not used as a reporting verb here or no shape fits."""
        words, lows = tokens.words, tokens.lows
        content = self.content
        s0 = sentence[0]
        form = lows[i]
        if not self._verb_use(cue, tokens, i, end):
            return None
        k = self._skip_left(tokens, i, form)
        if form == "called" and k >= 0:
            named = np_left(tokens, k, 0, verbs=self.verbs, grammar=ENGLISH)
            if named is not None and lows[named[0]] in ("a", "an", "another"):
                return None   # naming: "a firm called Cambridge Analytica"
        if k >= 0 and lows[k] in BE and not form.endswith("ing") and form not in ("says", "say"):
            return self._passive(cue, tokens, i, j, sentence)
        if form == "asked" and (k < 0 or tokens.starts[k] < s0 or lows[k] == "when"):
            return self._asked(tokens, j)
        # 1. "“...,” said X": a quotation just before the cue, the source after it
        quote = content.quote_before(tokens.starts[k + 1] if k + 1 < len(tokens) else start)
        if quote and (k < 0 or tokens.starts[k] >= quote[0] or is_close_mark(words[k]) or boundary(tokens, k)):
            np = np_right(tokens, j, len(tokens), grammar=ENGLISH)
            if np is not None:
                return Reading(span(tokens, np), content.quotation(quote), "quote_cue_source")
        # 2. a subject just before the cue
        np = np_left(tokens, k, 0, verbs=self.verbs, grammar=ENGLISH) if k >= 0 else None
        if np is not None:
            np = relative_head(tokens, np, verbs=self.verbs, grammar=ENGLISH)
            if np[0] > 1 and boundary(tokens, np[0] - 1):
                # "Igor Zhovkva, the deputy head of ..., has said"
                np = apposition(tokens, np, verbs=self.verbs, grammar=ENGLISH) or np
            return self._with_subject(cue, tokens, np, j, sentence)
        # 3. a boundary before the cue: "..., said Caddell." or "Larry Cohen, a senior adviser ..., said"
        if k >= 0 and boundary(tokens, k):
            right = np_right(tokens, j, len(tokens), grammar=ENGLISH)
            if right is not None and (right[1] + 1 >= len(tokens) or words[right[1] + 1] in ",.;!?"):
                return Reading(span(tokens, right), content.clause_before(s0, tokens.starts[k]), "clause_cue_source")
            subject = self._subject_before_aside(tokens, k, s0)
            if subject is not None:
                return self._with_subject(cue, tokens, subject, j, sentence)
            said = content.right(tokens, self._after_hearer(tokens, j, cue), sentence, grammar=ENGLISH)
            if form.endswith("ing"):   # "..., saying that ...": the main clause's subject
                source = self.last_source.get(s0) or sentence_subject(tokens, s0, k, grammar=ENGLISH)
                return Reading(source, said, "participle")
            if right is not None:
                return Reading(span(tokens, right), content.clause_before(s0, tokens.starts[k]), "clause_cue_source")
            return None
        # 4. a second verb: "Sanders, who endorsed Canova in May and said ..."
        if k > 0 and lows[k] in ("and", "but"):
            source = self.last_source.get(s0) or sentence_subject(tokens, s0, k, grammar=ENGLISH)
            if source is not None:
                said = content.right(tokens, self._after_hearer(tokens, j, cue), sentence, grammar=ENGLISH)
                return Reading(source, said, "source_cue")
        return None

    def _verb_use(self, cue: Cue, tokens: Tokens, i: int, end: int) -> bool:
        """Whether an English cue form is used as a reporting verb here, rather than as a noun, an adjective,
        an infinitive or in another sense ("his claims", "300 pledged delegates", "declined to comment",
        "the notes", "found herself")."""
        lows = tokens.lows
        form = lows[i]
        before = lows[i - 1] if i > 0 else ""
        after = lows[tokens.at(end)] if tokens.at(end) < len(tokens) else ""
        if before in NOUN_USE or before.endswith(("'s", "’s")) or before.isdigit():
            return False
        if form in NOUN_FORMS and after in ("of", "from", "by", "that's") and form not in VERBAL_BEFORE_OF:
            return False
        if form == cue.lemma and before == "to":
            return False
        if form in NEEDS_COMPLEMENT and after not in _COMPLEMENT_FOLLOWERS and not is_open_mark(after) \
                and before not in PRONOUNS and not self._document_before(tokens, i):
            return False
        if cue.lemma == "refuse" and after not in _COMPLEMENT_FOLLOWERS and \
                not (after == "to" and self._comment_after(end)):
            return False   # "has never refused dialogue": an act, not speech (PolNeAR does count "agreed to")
        if form == "asked" and before in ("who", "and") and _ANONYMITY.match(self.text[end:end + LOOKAHEAD]):
            return False   # "a commander, who asked to be identified only by his call sign": anonymity, not a cue
        return not (form in ("found", "finds", "find") and after in REFLEXIVES)

    def _comment_after(self, end: int) -> bool:
        """Whether "to" after a cue opens a speech act: "declined to comment", "refused to say", "agreed to talk"."""
        return bool(_SPEECH_ACT.match(self.text[end:end + LOOKAHEAD]))

    def _document_before(self, tokens: Tokens, i: int) -> bool:
        """Whether the word before a cue is a document noun: "polls show", "the study found"."""
        return i > 0 and tokens.lows[i - 1] in DOCUMENTS

    def _skip_left(self, tokens: Tokens, i: int, form: str) -> int:
        """Index of the last token before the cue that is not an auxiliary or adverb ("has repeatedly")."""
        lows, words = tokens.lows, tokens.words
        k = i - 1
        while k >= 0:
            if lows[k] in SKIP_BEFORE_CUE or lows[k].endswith(("n't", "n’t")) \
                    or (lows[k].endswith("ly") and len(lows[k]) > SHORT_LY_WORD and not capitalised(words[k])) \
                    or (lows[k] in BE and form.endswith("ing")):
                k -= 1
            elif lows[k] in WEEKDAYS and k > 0 and lows[k - 1] == "on":
                k -= 2   # "Yermak, the head of ..., on Saturday dismissed"
            else:
                return k
        return k

    def _with_subject(self, cue: Cue, tokens: Tokens, np: tuple[int, int], j: int, sentence: Span) -> Reading:
        """An attribution whose source is the subject ``np`` before the cue; the content after or before it."""
        s0 = sentence[0]
        words = tokens.words
        content = self.content
        source = span(tokens, np)
        self.last_source.setdefault(s0, source)
        before = np[0] - 1
        said = content.right(tokens, self._after_hearer(tokens, j, cue), sentence, grammar=ENGLISH)
        if before >= 0 and (boundary(tokens, before) or is_close_mark(words[before])):
            quote = content.quote_before(tokens.starts[np[0]])
            if quote:   # "“...,” he said"
                return Reading(source, content.quotation(quote), "quote_source_cue")
            if said is None:   # "Kiev has signed ..., Zhovkva wrote."
                return Reading(source, content.clause_before(s0, tokens.starts[before]), "clause_source_cue")
        return Reading(source, said, "source_cue")

    def _asked(self, tokens: Tokens, j: int) -> Reading | None:
        """"Asked whether ..., Reid said ...": the source is the subject after the comma."""
        comma = j
        while comma < len(tokens) and tokens.words[comma] != "," and comma - j < ASKED_COMMA_REACH:
            comma += 1
        if comma >= len(tokens) or tokens.words[comma] != ",":
            return None
        np = np_right(tokens, comma + 1, len(tokens), grammar=ENGLISH)
        source = span(tokens, np) if np else None
        said = self.content.trim(tokens.starts[j], tokens.starts[comma]) if comma > j else None
        return Reading(source, said, "participle")

    def _subject_before_aside(self, tokens: Tokens, k: int, s0: int) -> tuple[int, int] | None:
        """For ``NAME, APPOSITION OR ASIDE, said``: the range from the name to the end of the aside."""
        words, lows = tokens.words, tokens.lows
        floor = max(tokens.at(s0), k - ASIDE_REACH)
        boundaries = 0
        for m in range(k - 1, floor - 1, -1):
            if not boundary(tokens, m):
                continue
            boundaries += 1
            if boundaries > MAX_ASIDE_BOUNDARIES:
                return None
            name = np_left(tokens, m - 1, floor, verbs=self.verbs, grammar=ENGLISH)
            if name is None:
                continue
            if not any(capitalised(w) for w in words[name[0]:name[1] + 1]) and lows[name[1]] not in PRONOUNS \
                    and lows[name[0]] not in ("the", "a", "an"):
                continue
            before = name[0] - 1
            if before > floor and boundary(tokens, before) and lows[name[0]] in ("the", "a", "an"):
                named = apposition(tokens, name, verbs=self.verbs, grammar=ENGLISH)
                if named is not None:   # "Kaja Kallas, the EU's foreign policy chief, who visited ..., warned"
                    return (named[0], k - 1)
            if before < floor or boundary(tokens, before) or words[before] in (".", ":", ";") or \
                    is_close_mark(words[before]) or lows[before] in ("and", "but", "while", "meanwhile"):
                return (name[0], k - 1)
        return None

    def _after_hearer(self, tokens: Tokens, j: int, cue: Cue) -> int:
        """The token after a hearer object ("told Politico", "told reporters", "assured him")."""
        if not cue.addressee or j >= len(tokens):
            return j
        lows, words = tokens.lows, tokens.words
        if lows[j] in OBJECT_PRONOUNS:
            return j + 1
        if lows[j] in ("that", ":") or is_open_mark(words[j]):
            return j
        np = np_right(tokens, j, len(tokens), grammar=ENGLISH, limit=HEARER_LIMIT)
        if np is not None and (any(capitalised(w) for w in words[np[0]:np[1] + 1])
                               or lows[np[0]] in ("the", "a", "an", "his", "her", "their")):
            return np[1] + 1
        return j

    def _passive(self, cue: Cue, tokens: Tokens, i: int, j: int, sentence: Span) -> Reading | None:
        """"was told that ...", "is expected to ...", "as reported by X": source from a by-phrase, if any."""
        k = i - 1
        while k >= 0 and (tokens.lows[k] in BE or tokens.lows[k] in SKIP_BEFORE_CUE):
            k -= 1
        if k >= 0 and tokens.lows[k] in ("it", "this", "что", "это"):
            return None   # "it can be noted that ...": the author's own voice
        source = None
        k = j
        if k < len(tokens) and tokens.lows[k] == "by":
            np = np_right(tokens, k + 1, len(tokens), grammar=ENGLISH)
            if np:
                source = span(tokens, np)
                k = np[1] + 1
        said = self.content.right(tokens, self._after_hearer(tokens, k, cue), sentence, grammar=ENGLISH)
        if said is None and source is None:
            return None
        return Reading(source, said, "passive")
