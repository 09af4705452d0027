"""Where does the noun phrase next to a cue begin and end? Sources as token ranges, walking left or right.

The reader has no part-of-speech tagger: a noun phrase is a run of content words, capitalised words and
acronyms, joined by the connectors of names ("Secretary of State", "envoy to NATO", "bin Salman"), and it
ends at a function word, punctuation or a verb of the lexicons. Which words are function words, pronouns
and so on depends on the language: each reader passes its :class:`~analysis.sourcing.grammar.Grammar`.
Ranges are inclusive token indexes into :class:`~analysis.sourcing.document.Tokens`.
"""

from __future__ import annotations

from analysis.sourcing.document import Tokens, capitalised, is_close_mark
from analysis.sourcing.grammar import Grammar

#: The joints inside names and titles, in any language ("Secretary of State", "Ursula von der Leyen").
NP_FUNCTION = frozenset({"of", "the", "a", "an", "for", "to", "at", "'s", "’s", "and", "&", "de", "von", "van",
                         "der", "al", "bin", "la", "le", "du", "da"})
#: Joints that may also link two noun phrases into one ("sources in Washington", "посол в США").
NP_CONNECTORS = NP_FUNCTION | {"in", "from", "on", "по", "при", "в", "во"}
#: Post-modifiers of a source's head and the preposition each takes ("people familiar with the matter",
#: "a person close to the administration", "officials briefed on the talks", "sources with knowledge of").
POSTMODIFIERS = {"familiar": "with", "close": "to", "briefed": "on", "knowledgeable": "about", "involved": "in",
                 "acquainted": "with", "privy": "to", "близкий": "к", "близкие": "к", "знакомый": "с",
                 "знакомые": "с", "близких": "к", "знакомых": "с"}
#: Relative pronouns that open a clause inside a source ("officials who spoke on condition of anonymity").
RELATIVE_OPENERS = frozenset({"who", "that", "которые", "который", "которая"})
#: Joints that cannot open a noun phrase (articles can: "the deputy head").
_NOT_OPENING = NP_FUNCTION - {"the", "a", "an"}
_ARTICLES = ("the", "a", "an")

#: Most words a noun phrase walked leftwards takes.
LEFT_LIMIT = 14
#: Most words a noun phrase walked rightwards takes, unless the caller says otherwise.
RIGHT_LIMIT = 10
#: Most words of a sentence's first noun phrase (the subject a participle hangs on).
SUBJECT_LIMIT = 12
#: Farthest back (tokens) a bracketed group before a noun phrase is looked for.
PARENTHESIS_REACH = 25
#: Longest name (tokens) before the comma of an apposition ("Igor Zhovkva, the deputy head of ...").
APPOSITION_NAME_LIMIT = 5


def boundary(tokens: Tokens, k: int) -> bool:
    """Whether token ``k`` separates an aside: a comma, a dash, or a ``-`` standing alone ("--")."""
    word = tokens.words[k]
    if word in (",", "—", "–"):
        return True
    return word == "-" and (k == 0 or tokens.ends[k - 1] < tokens.starts[k] or tokens.words[k - 1] == "-")


def _skip_parenthetical_left(tokens: Tokens, k: int, floor: int) -> int:
    """Index before a bracketed group that ends at ``k`` (``k`` unchanged if it is not a ``)``)."""
    if tokens.words[k] != ")":
        return k
    depth = 0
    for i in range(k, max(floor, k - PARENTHESIS_REACH) - 1, -1):
        if tokens.words[i] == ")":
            depth += 1
        elif tokens.words[i] == "(":
            depth -= 1
            if depth == 0:
                return i - 1
    return k


def _continues_left(tokens: Tokens, i: int, floor: int, stop: frozenset[str]) -> bool:
    """Whether token ``i`` belongs to a noun phrase that continues to its right: a content word, an acronym
    ("US" is not "us"), or a connector between two of them ("envoy to NATO", "sources in Washington")."""
    word, low = tokens.words[i], tokens.lows[i]
    if low not in stop or word.isupper():
        return True
    if i > floor and POSTMODIFIERS.get(tokens.lows[i - 1]) == low:
        return True   # "familiar with", "close to"
    if low == "with" and i + 1 < len(tokens) and tokens.lows[i + 1] == "knowledge":
        return True   # "people with knowledge of the talks"
    if low not in NP_CONNECTORS or i <= floor:
        return False
    before, before_low = tokens.words[i - 1], tokens.lows[i - 1]
    return before[0].isalnum() and (before_low not in stop or capitalised(before) or before_low in NP_FUNCTION)


def np_left(tokens: Tokens, k: int, floor: int, *, verbs: frozenset[str], grammar: Grammar
            ) -> tuple[int, int] | None:
    """The noun phrase ending at token ``k`` (inclusive token range), walking left; None if there is none.

    Args:
        tokens: The sentence's tokens.
        k: The last token of the phrase (the one before the cue and its adverbs).
        floor: The first token the phrase may take.
        verbs: The lexicons' verb words: a lower-case one inside the phrase ends it.
        grammar: The cue's language.
    """
    if k < floor:
        return None
    words, lows = tokens.words, tokens.lows
    if lows[k] in grammar.pronouns or (lows[k] in grammar.relative_subjects and k > floor and words[k - 1] != ","
                                       and lows[k] != "that"):
        return (k, k)
    stop = grammar.stop
    if lows[k] in stop and not words[k].isupper():
        return None   # "went ahead and said": a function word is not the end of a noun phrase
    end = k
    k = _skip_parenthetical_left(tokens, k, floor)
    i = k
    taken = 0
    while i >= floor and taken < LEFT_LIMIT:
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
        if not _continues_left(tokens, i, floor, stop) or (low in verbs and i < end and not capitalised(word)):
            break
        i -= 1
        taken += 1
    first = i + 1
    while first <= end and (lows[first] in _NOT_OPENING or (lows[first] in stop and not words[first].isupper())):
        first += 1
    if first > end:
        return None
    if first == end and lows[end] in grammar.lone_adverbs and \
            not any(capitalised(w) or w.lower() in grammar.pronouns for w in words[first:end + 1]):
        return None
    return (first, end)


def np_right(tokens: Tokens, i: int, ceiling: int, *, grammar: Grammar, limit: int = RIGHT_LIMIT
             ) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` (inclusive token range), walking right; None if there is none.

    Args:
        tokens: The sentence's tokens.
        i: The first token of the phrase.
        ceiling: The token after the last one the phrase may take.
        grammar: The cue's language.
        limit: Most words the phrase takes.
    """
    if i >= ceiling:
        return None
    words, lows = tokens.words, tokens.lows
    stop, possessives = grammar.stop, grammar.possessives
    if lows[i] in grammar.pronouns and not (i + 1 < ceiling and words[i + 1][0].isalnum() and lows[i] in possessives):
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
        if j > i and POSTMODIFIERS.get(lows[j - 1]) == low:
            j += 1   # "people familiar with the talks": the phrase goes on
            while j < ceiling and lows[j] in _ARTICLES:
                j += 1
            continue
        if low in NP_FUNCTION:
            following = words[j + 1] if j + 1 < ceiling else ""
            if low != "of" and end is not None and not (capitalised(following) or following.lower() in ("the",)):
                break   # "told the Europeans to stop": an infinitive, not "envoy to NATO"
        elif low in stop and not (j == i and low in possessives):
            break
        elif grammar.names_end_lower and not capitalised(word) and named and lows[i] not in _ARTICLES \
                and low not in grammar.source_heads:
            break   # "said Caddell speaking of": a name ends at the first lower-case word after it
        named = capitalised(word) and low not in NP_FUNCTION
        end = j
        j += 1
    while end is not None and end >= i and lows[end] in NP_FUNCTION:
        end -= 1
    if end is None or end < i:
        return None
    return (i, end)


def relative_head(tokens: Tokens, np: tuple[int, int], *, verbs: frozenset[str], grammar: Grammar
                  ) -> tuple[int, int]:
    """A subject whose relative clause ends just before the cue ("Officials who spoke on condition of
    anonymity said"): the range from the head before the relative pronoun to the end of ``np``; ``np``
    itself when no relative pronoun precedes it."""
    pronoun = np[0] - 1
    if pronoun < 1 or tokens.lows[pronoun] not in RELATIVE_OPENERS or boundary(tokens, pronoun - 1):
        return np
    head = np_left(tokens, pronoun - 1, 0, verbs=verbs, grammar=grammar)
    if head is None or tokens.lows[head[1]] in grammar.pronouns:
        return np
    return (head[0], np[1])


def sentence_subject(tokens: Tokens, s0: int, k: int, *, grammar: Grammar) -> tuple[int, int] | None:
    """The character span of the sentence's first noun phrase (the subject of a main clause a participle
    hangs on), looked for before token ``k``."""
    i = tokens.at(s0)
    while i < k and not tokens.words[i][0].isalnum():
        i += 1
    np = np_right(tokens, i, k, grammar=grammar, limit=SUBJECT_LIMIT)
    return (tokens.starts[np[0]], tokens.ends[np[1]]) if np else None


def apposition(tokens: Tokens, np: tuple[int, int], *, verbs: frozenset[str], grammar: Grammar
               ) -> tuple[int, int] | None:
    """For ``NAME, APPOSITION,`` before a cue, where ``np`` is the apposition: the range from the name to the
    apposition's end; None if what precedes the comma is not a name ("However, Smith pointed out")."""
    comma = np[0] - 1
    name = np_left(tokens, comma - 1, 0, verbs=verbs, grammar=grammar)
    if name is None or name[1] - name[0] > APPOSITION_NAME_LIMIT or not capitalised(tokens.words[name[1]]) \
            or tokens.lows[name[1]] in grammar.stop:
        return None
    if tokens.lows[name[0]].endswith("ing"):
        return None   # "Speaking to Le Monde, Poland's Foreign Minister ... said": an adjunct, not a name
    before = name[0] - 1
    if before >= 0 and tokens.words[before] not in (",", ".", ":", ";") and \
            not is_close_mark(tokens.words[before]) and tokens.lows[before] not in ("and", "but", "while"):
        return None
    return (name[0], np[1])
