"""Who said what, by Russian word order? The reader of Russian verb cues and its closed word classes.

Russian puts the source after the verb more often than English does. The reader checks, in order:

* a relative before the cue ("..., где отметила ..."): the source is the sentence's subject;
* a quotation, a clause, ``как`` or ``Об этом`` before the cue: the source follows the verb (and a
  setting such as "в своем Telegram-канале"), and the content is the quotation (``«...», — заявила
  Захарова``), the clause before, the rest of the sentence after ``Как заявил X,``, or the sentence
  before (``Об этом заявил X``);
* a subject before the cue (``Лавров заявил, что ...``): the content follows it;
* a source after the cue (``заявил глава МИД ...``): the content follows the source.
"""

from __future__ import annotations

import re

from analysis.cues import Cue
from analysis.sourcing.content import Content
from analysis.sourcing.document import Document, Reading, Span, Tokens, is_close_mark, span
from analysis.sourcing.grammar import Grammar
from analysis.sourcing.phrases import np_left, np_right, sentence_subject

# ---- closed classes

#: Function words: a noun phrase does not run through them.
STOP = frozenset({
    "однако", "впрочем", "кроме", "что", "и", "а", "но", "в", "во", "на", "о", "об", "по", "с", "со", "к", "ко",
    "у", "за", "из", "от", "для", "при", "как", "когда", "если", "это", "этом", "том", "уже", "также", "ранее",
    "не", "ли", "же", "бы", "так", "чтобы", "после", "перед", "до", "через", "между", "который", "которая",
    "которые", "которых", "где", "там", "тут", "здесь", "его", "ее", "её", "их", "был", "была", "были", "было",
    "будет", "есть", "всё", "все", "этого", "этой", "этот", "эта", "эти", "тем", "чем", "тоже", "ещё", "еще",
    "лишь", "только", "именно", "сегодня", "вчера", "накануне", "своем", "своём", "своей", "своих",
})
#: Words that are a noun phrase on their own.
PRONOUNS = frozenset({"он", "она", "они", "мы", "я", "вы", "ты", "оно"})
#: Possessive pronouns: they may open a noun phrase although they are stop words.
POSSESSIVES = frozenset({"его", "её", "ее", "их"})
#: Adverbs and time words between a subject and its cue ("также заявил", "ранее отмечала").
SKIP_BEFORE_CUE = frozenset({
    "также", "ранее", "уже", "неоднократно", "вновь", "снова", "тогда", "позже", "затем", "не", "публично",
    "официально", "прямо", "открыто", "лично", "однако", "же", "накануне", "вчера", "сегодня", "тоже", "еще", "ещё",
    "впоследствии", "как-то",
})
#: "как заявил X": the source follows the cue.
AS = frozenset({"как"})
#: Relatives before a cue ("..., где отметила"): the source is the sentence's subject.
RELATIVES = frozenset({"где", "который", "которая", "которое", "которые", "кто"})
#: Words of a setting between a cue and its source, or a subject and its cue ("в своем Telegram-канале",
#: "в эфире", "на брифинге").
SETTING = frozenset({
    "в", "во", "на", "своем", "своём", "своей", "своих", "ходе", "рамках", "интервью", "беседе", "эфире",
    "журналистам", "соцсетях", "социальных", "сетях", "телеграм", "telegram", "канале", "брифинге",
    "пресс-конференции", "заявлении", "выступлении", "видеообращении", "обращении", "с", "со",
})

#: Russian for the language-neutral reading (noun phrases, content, prepositional cues).
RUSSIAN = Grammar(
    pronouns=PRONOUNS,
    possessives=POSSESSIVES,
    stop=STOP,
    relative_subjects=frozenset(),
    lone_adverbs=frozenset(),
    names_end_lower=False,
    complementiser="что",
    not_complementiser_after=frozenset(),
    comma_before_complementiser=True,
    infinitive=None,
    hearer_openers=frozenset(),
    adjunct_openers=frozenset(),
    source_in_cue=re.compile(r"\s(его|её|ее|их)\s"),
)

#: Most words of a setting between a cue and its source, or a subject and its cue.
SETTING_LIMIT = 6
#: Farthest (tokens after the source) the comma of "Как заявил X, ..." is looked for.
AS_COMMA_REACH = 10

_INVERTING_MARKS = (",", "—", "–")


def skip_setting(tokens: Tokens, j: int) -> int:
    """The token after a setting between a Russian cue and its source ("сообщил в своем Telegram-канале глава ...")."""
    k = j
    while k < len(tokens) and k - j < SETTING_LIMIT and (tokens.lows[k] in SETTING or "канал" in tokens.lows[k]
                                                         or tokens.lows[k].startswith(("telegram", "телеграм"))):
        k += 1
    return k if k < len(tokens) and tokens.words[k][0].isalnum() else j


class RussianReader:
    """Reads the source and content of each Russian verb cue of one document."""

    def __init__(self, document: Document, content: Content) -> None:
        self.content = content
        self.verbs = document.lexicons.verb_words

    def read(self, cue: Cue, start: int, end: int, tokens: Tokens, i: int, j: int, sentence: Span
             ) -> Reading | None:
        """The source and content of the cue at token ``i`` (``j``: the token after it), or None when no
        shape fits."""
        words, lows = tokens.words, tokens.lows
        content = self.content
        s0 = sentence[0]
        k = self._skip_left(tokens, i)
        if k >= 0 and lows[k] in RELATIVES:
            # "..., где отметила ...": the subject of the sentence
            source = sentence_subject(tokens, s0, k, grammar=RUSSIAN)
            said = content.right(tokens, j, sentence, grammar=RUSSIAN)
            return Reading(source, said, "source_cue") if source else None
        quote = content.quote_before(tokens.starts[k + 1] if k + 1 < len(tokens) else start)
        inverted = quote is not None or (k >= 0 and (words[k] in _INVERTING_MARKS or lows[k] in AS))
        if k >= 0 and lows[k] in ("этом", "это") and k - 1 >= 0 and lows[k - 1] in ("об", "о"):
            inverted = True   # "Об этом заявил X": the content is the previous sentence
        if inverted:
            np = np_right(tokens, skip_setting(tokens, j), len(tokens), grammar=RUSSIAN)
            if np is None:
                return None
            source = span(tokens, np)
            if quote:
                return Reading(source, content.quotation(quote), "quote_cue_source")
            if lows[k] in AS:
                comma = np[1] + 1
                while comma < len(tokens) and words[comma] != "," and comma - np[1] < AS_COMMA_REACH:
                    comma += 1
                if comma < len(tokens) and words[comma] == ",":   # "Как заявил X, ..."
                    said = content.to_sentence_end(tokens.ends[comma], sentence)
                elif k > 0 and words[k - 1] == ",":                # "..., как сообщила X."
                    said = content.clause_before(s0, tokens.starts[k - 1])
                else:
                    said = None
                return Reading(source, said, "cue_source")
            if lows[k] in ("этом", "это"):
                return Reading(source, content.previous_sentence(s0), "cue_source")
            return Reading(source, content.clause_before(s0, tokens.starts[k]), "clause_cue_source")
        np = np_left(tokens, k, 0, verbs=self.verbs, grammar=RUSSIAN) if k >= 0 else None
        if np is not None:
            return Reading(span(tokens, np), content.right(tokens, j, sentence, grammar=RUSSIAN), "source_cue")
        np = np_right(tokens, j, len(tokens), grammar=RUSSIAN)
        if np is not None:
            return Reading(span(tokens, np), content.right(tokens, np[1] + 1, sentence, grammar=RUSSIAN),
                           "cue_source")
        return None

    def _skip_left(self, tokens: Tokens, i: int) -> int:
        """Index of the last token before the cue that is not an adverb or a setting ("Карлсон в эфире Fox
        News утверждал": the subject is before the setting)."""
        words, lows = tokens.words, tokens.lows
        k = i - 1
        while k >= 0 and lows[k] in SKIP_BEFORE_CUE:
            k -= 1
        if k >= 1 and words[k].islower() and lows[k].endswith("о") and (words[k - 1] in _INVERTING_MARKS
                                                                        or is_close_mark(words[k - 1])):
            k -= 1   # an adverb after the quotation: "“...”, едко заявляет пресс-служба"
        for m in range(k, max(-1, k - SETTING_LIMIT), -1):
            if lows[m] in ("в", "во", "на") and m + 1 <= k and (lows[m + 1] in SETTING or "канал" in lows[m + 1]):
                k = m - 1
                break
        return k
