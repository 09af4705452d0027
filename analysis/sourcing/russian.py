"""Who said what, by Russian word order? The reader of Russian verb cues and its closed word classes.

Russian puts the source after the verb more often than English does. The reader checks, in order:

* a relative before the cue ("..., где отметила ..."): the source is the sentence's subject;
* a quotation, a clause, ``как`` or ``Об этом`` before the cue: the source follows the verb (and a
  setting such as "в своем Telegram-канале"), and the content is the quotation (``«...», — заявила
  Захарова``), the clause before, the rest of the sentence after ``Как заявил X,``, or the sentence
  before (``Об этом заявил X``);
* a subject before the cue (``Лавров заявил, что ...``): the content follows it;
* a source after the cue (``заявил глава МИД ...``): the content follows the source;
* a verb joined to an earlier one (``... приехал в Киев и заявил``) or a gerund after a comma (``...,
  заявив, что ...``): the source is the main clause's (the earlier cue's source, else the sentence's subject);
* a participle after a comma (``Лавров, заявивший ранее о ...,``): the source is the noun phrase before it;
* an impersonal cue with a document (``говорится в заявлении МИД``, ``В докладе указано, что``, ``Это
  следует из доклада X``): the source is the document's issuer, else the document;
* an outlet told between the cue and its source (``— рассказал РИА Новости депутат X``) is skipped: the
  source is the person, and the outlet is left to the channel.

A cue under ``не`` that reports no content (``не уточняет``, ``не уточняется``) is no attribution.
"""

from __future__ import annotations

import re

from analysis.cues import Cue
from analysis.sourcing.content import Content
from analysis.sourcing.document import (
    Document,
    Reading,
    Span,
    Tokens,
    capitalised,
    is_close_mark,
    is_open_mark,
    span,
)
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
    "когда-то", "однажды", "сразу", "наконец", "наконец-то", "даже", "вдруг", "якобы", "потом", "теперь",
    "сейчас", "поэтому", "затем", "тогда", "вскоре", "впервые", "этим", "чуть", "более", "менее", "очень", "просто",
    "пока",
})
#: Words that are a noun phrase on their own.
PRONOUNS = frozenset({"он", "она", "они", "мы", "я", "вы", "ты", "оно"})
#: Possessive pronouns: they may open a noun phrase although they are stop words.
POSSESSIVES = frozenset({"его", "её", "ее", "их"})
#: Adverbs and time words between a subject and its cue ("также заявил", "ранее отмечала").
SKIP_BEFORE_CUE = frozenset({
    "также", "ранее", "уже", "неоднократно", "вновь", "снова", "тогда", "позже", "затем", "не", "публично",
    "официально", "прямо", "открыто", "лично", "однако", "же", "накануне", "вчера", "сегодня", "тоже", "еще", "ещё",
    "впоследствии", "как-то", "сразу", "наконец", "наконец-то", "даже", "вдруг", "якобы", "тут", "срочно",
    "буквально", "фактически", "откровенно", "честно", "жестко", "жёстко", "резко", "мрачно", "уклончиво",
    "дипломатично", "ожидаемо", "осторожно", "удачно", "громко", "активно", "всё-таки", "все-таки", "по-прежнему",
    "потом", "теперь", "сейчас", "поэтому", "вскоре", "впервые", "когда-то", "однажды", "пока", "просто", "вежливо",
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

#: Impersonal cues whose source is a document in a prepositional phrase ("говорится в заявлении МИД", "В
#: докладе указано, что", "следует из доклада X").
DOCUMENT_CUES = frozenset({
    "говорится", "говорилось", "сказано", "написано", "указано", "указывается", "сообщается", "отмечается",
    "подчеркивается", "подчёркивается", "уточняется", "следует из", "следовало из",
})
#: Words that name a document or statement: in "в заявлении МИД" the words after it name its issuer (stems).
DOCUMENT_NOUNS = (
    "заявлени", "документ", "доклад", "отчет", "отчёт", "сообщени", "письм", "публикаци", "стать", "материал",
    "исследовани", "пресс-релиз", "релиз", "коммюнике", "деклараци", "резолюци", "постановлени", "записк",
    "справк", "обращени", "протокол", "жалоб", "запрос", "меморандум", "соглашени", "законопроект", "сводк",
    "бюллетен", "послани", "выступлени", "интервью", "комментари", "текст", "опрос", "результат", "оценк",
    "посте", "пост", "сайте", "аккаунт", "канале", "телеграм", "блог",
)
#: Endings of the participles of reporting verbs ("Лавров, заявивший ранее о ..."): the source is before the comma.
PARTICIPLE_ENDINGS = ("вший", "вшая", "вшие", "вшего", "вшей", "вших")
#: Imperfective gerunds ("..., отмечая, что ..."); perfective ones end in "-в" ("заявив", "подчеркнув").
IMPERFECTIVE_GERUNDS = frozenset({"заявляя", "отмечая", "подчеркивая", "подчёркивая", "утверждая", "обвиняя",
                                  "добавляя"})
#: Words before a cue that join it to an earlier verb of the same subject ("... приехал и заявил").
COORDINATORS = frozenset({"и", "а"})
#: Hearers between a cue and its source or content ("рассказал журналистам", "сообщил изданию X").
HEARERS = frozenset({"журналистам", "репортерам", "репортёрам", "корреспонденту", "корреспондентам", "изданию",
                     "агентству", "газете", "телеканалу", "журналу", "порталу", "радиостанции", "телеканалам"})
#: Words of time inside a phrase walked left from a cue ("В сентябре 2022 года генеральный инспектор"): the
#: source starts after the last of them.
TIME_WORDS = frozenset({
    "года", "году", "лет", "месяца", "месяце", "неделе", "недели", "утром", "днем", "днём", "вечером", "ночью",
    "январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре", "октябре", "ноябре",
    "декабре", "понедельник", "вторник", "среду", "четверг", "пятницу", "субботу", "воскресенье", "января",
    "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
})
#: Endings of adverbs of manner between a subject and its cue ("Канцлер неожиданно раскритиковал", "Байден
#: постоянно напоминает"), and the nouns that end so.
ADVERB_ENDINGS = ("но", "ко", "чно", "мо")
NOT_ADVERBS = frozenset({"вино", "окно", "кино", "пятно", "зерно", "звено", "молоко", "яблоко", "письмо", "бюро",
                         "руно", "сукно", "полотно", "войско"})
#: Openers skipped before a sentence's subject ("Однако", "При этом", "Так").
SUBJECT_OPENERS = frozenset({"так", "тем", "более", "того", "впрочем", "прочим", "итак", "зато", "вот", "причём",
                             "причем", "правда"})
#: Prepositions: a sentence opening with one opens with an adjunct ("В конце своей речи он ..."), not its subject.
PREPOSITIONS = frozenset({"в", "во", "на", "по", "с", "со", "к", "ко", "у", "за", "из", "от", "для", "при", "после",
                          "до", "через", "между", "согласно", "о", "об", "над", "под", "перед", "против", "среди",
                          "благодаря", "вместо", "кроме"})
#: Short adjectives that end a subject like a verb ("Депутат X согласен и указывает").
PREDICATES = frozenset({"согласен", "согласна", "согласны", "уверен", "уверена", "уверены", "готов", "готова",
                        "готовы", "должен", "должна", "должны", "рад", "рада", "рады", "осторожен", "осторожна"})
#: Lower-case endings of finite verbs: a subject walked right ends before one ("Шольц посетил Киев").
_VERB_ENDINGS = ("л", "ла", "ли", "ло", "ет", "ит", "ют", "ется", "ится", "ются", "лся", "лась", "лись", "лось")
#: Nouns with those endings that may stand in a subject ("совет", "депутат" does not end so).
_NOT_VERBS = frozenset({"совет", "комитет", "кабинет", "бюджет", "ответ", "запрет", "предмет", "свет", "кредит",
                        "визит", "транзит", "аудит", "дело", "число", "село", "крыло", "роли", "земли", "посла",
                        "лимит", "паритет", "приоритет", "авторитет", "портрет", "секрет"})

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
#: Farthest (tokens before the cue) the "в" of "В заявлении МИД России говорится" is looked for.
DOCUMENT_REACH = 8
#: Farthest (tokens after a negated cue) the ", что" of its content is looked for ("не отрицает того, что").
NEGATED_REACH = 4
#: Most words of an outlet's name told between a cue and its source ("РИА Новости").
OUTLET_WORDS = 3
#: Most words of a sentence's subject found for a gerund or a joined verb ("Шольц посетил Киев, заявив").
SUBJECT_LIMIT = 10

_INVERTING_MARKS = (",", "—", "–")


def skip_setting(tokens: Tokens, j: int) -> int:
    """The token after a setting between a Russian cue and its source ("сообщил в своем Telegram-канале глава ...")."""
    k = j
    while k < len(tokens) and k - j < SETTING_LIMIT and (tokens.lows[k] in SETTING or "канал" in tokens.lows[k]
                                                         or tokens.lows[k].startswith(("telegram", "телеграм"))):
        k += 1
    return k if k < len(tokens) and tokens.words[k][0].isalnum() else j


def _document_noun(low: str) -> bool:
    """Whether a word names a document or statement ("заявлении", "доклада", "отчёте")."""
    return low.startswith(DOCUMENT_NOUNS)


def _verb_like(word: str) -> bool:
    """Whether a lower-case word looks like a finite verb ("посетил", "заявляет"): a subject ends before it."""
    return word.islower() and (word in PREDICATES or (word.endswith(_VERB_ENDINGS) and word not in _NOT_VERBS))


def _after_time(tokens: Tokens, np: tuple[int, int]) -> tuple[int, int] | None:
    """A phrase walked left without the time words it took ("В сентябре 2022 года генеральный инспектор" ->
    "генеральный инспектор"); None when nothing is left."""
    first, end = np
    for m in range(end - 1, first - 1, -1):
        if tokens.lows[m] in TIME_WORDS:
            return (m + 1, end) if m + 1 <= end else None
    return np


def cites_a_source(cue: Cue, tokens: Tokens, j: int) -> bool:
    """Whether a Russian prepositional cue before token ``j`` cites a source: "согласно" before a survey, a report
    or data does, before a norm it does not ("согласно закону", "согласно которому", "согласно своим
    должностям")."""
    if cue.lemma not in NORM_PREPOSITIONS:
        return True
    if j >= len(tokens) or tokens.lows[j] in STOP:
        return False
    for m in range(j, min(len(tokens), j + NORM_REACH)):
        if not tokens.words[m][0].isalnum() or capitalised(tokens.words[m]):
            break
        if tokens.lows[m].startswith(NORMS):
            return False   # "согласно новым правилам", "согласно букве закона"
    return True


#: Prepositional cues that also stand before a norm ("согласно закону").
NORM_PREPOSITIONS = frozenset({"согласно"})
#: Most words after "согласно" looked at for a norm ("согласно недавнему указу президента").
NORM_REACH = 3
#: Words after "согласно" that name a norm, not a source of information (stems).
NORMS = (
    "закон", "законодательств", "правил", "регламент", "договор", "соглашени", "план", "график", "указ", "решени",
    "постановлени", "конституци", "устав", "стать", "требовани", "процедур", "традици", "принцип", "логик",
    "сценари", "положени", "норм", "инструкци", "приказ", "приговор", "котор", "сво", "ним", "нему", "ней",
    "обычаю", "протокол", "условия", "услови", "распоряжени", "мандат", "меморандум", "контракт", "расписани",
    "программ", "стратеги", "доктрин", "концепци", "повестк", "букв", "гендер",
)


class RussianReader:
    """Reads the source and content of each Russian verb cue of one document."""

    def __init__(self, document: Document, content: Content) -> None:
        self.doc = document
        self.content = content
        self.verbs = document.lexicons.verb_words

    def read(self, cue: Cue, start: int, end: int, tokens: Tokens, i: int, j: int, sentence: Span
             ) -> Reading | None:
        """The source and content of the cue at token ``i`` (``j``: the token after it), or None when no
        shape fits."""
        words, lows = tokens.words, tokens.lows
        if i > 0 and lows[i - 1] == "не" and not self._reports(tokens, j):
            return None   # "не уточняет", "в договорах не уточняется": nothing is reported
        form = " ".join(lows[i:j])
        if form in DOCUMENT_CUES:
            return self._document(tokens, i, j, sentence)
        if form.endswith(PARTICIPLE_ENDINGS):
            return self._participle(tokens, i, j, sentence)
        k = self._skip_left(tokens, i)
        if k >= 0 and words[k] == "," and (form.endswith(("в", "вши")) or form in IMPERFECTIVE_GERUNDS):
            # "..., заявив, что ...": the gerund's source is the main clause's
            source = self._main_source(tokens, i, sentence)
            said = self.content.right(tokens, j, sentence, grammar=RUSSIAN)
            return Reading(source, said, "participle") if source else None
        if k >= 0 and lows[k] in COORDINATORS and self.content.quote_before(tokens.starts[i]) is None:
            # "... приехал в Киев и заявил, что ...": the subject of the verb before
            source = self._main_source(tokens, k, sentence)
            if source is not None:
                said = self.content.right(tokens, self._skip_hearer(tokens, j), sentence, grammar=RUSSIAN)
                return Reading(source, said, "source_cue")
        return self._ordered(tokens, i, j, k, sentence)

    def _ordered(self, tokens: Tokens, i: int, j: int, k: int, sentence: Span) -> Reading | None:
        """A finite cue with its source before it, or after it (after a quotation, a clause, ``как`` or
        ``Об этом``)."""
        words, lows = tokens.words, tokens.lows
        content = self.content
        s0 = sentence[0]
        start = tokens.starts[i]
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
            np = self._source_after(tokens, skip_setting(tokens, j))
            if np is None and words[k] == ",":   # "Источник, близкий к ..., сообщил": the subject before the aside
                np = self._subject_before_aside(tokens, k, s0)
                if np is not None:
                    said = content.right(tokens, self._skip_hearer(tokens, j), sentence, grammar=RUSSIAN)
                    return Reading(span(tokens, np), said, "source_cue")
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
            np = _after_time(tokens, np)
        if np is None and k >= 0 and words[k] == ",":
            np = self._subject_before_aside(tokens, k, s0)
        if np is not None:
            said = content.right(tokens, self._skip_hearer(tokens, j), sentence, grammar=RUSSIAN)
            return Reading(span(tokens, np), said, "source_cue")
        np = self._source_after(tokens, j)
        if np is not None:
            return Reading(span(tokens, np), content.right(tokens, np[1] + 1, sentence, grammar=RUSSIAN),
                           "cue_source")
        return None

    def _reports(self, tokens: Tokens, j: int) -> bool:
        """Whether a negated cue still reports content: "не скрывал, что ...", "не исключил: ..."."""
        words = tokens.words
        if j >= len(tokens):
            return False
        if words[j] == ":" or is_open_mark(words[j]):
            return True
        for m in range(j, min(len(tokens) - 1, j + NEGATED_REACH)):
            if words[m] == "," and tokens.lows[m + 1] in ("что", "чтобы"):
                return True   # "не отрицает того, что ...", "не скрывал, что ..."
            if not words[m][0].isalnum():
                break
        return False

    def _subject_before_aside(self, tokens: Tokens, k: int, s0: int) -> tuple[int, int] | None:
        """For "Источник, близкий к администрации, пожелавший остаться неназванным, сообщил": the sentence's
        first noun phrase, when it runs up to the first comma, through the asides to the comma at ``k``."""
        first = tokens.at(s0)
        while first < k and not tokens.words[first][0].isalnum():
            first += 1
        comma = next((m for m in range(first, k) if tokens.words[m] == ","), None)
        if comma is None or comma - first > SUBJECT_LIMIT:
            return None
        np = np_right(tokens, first, comma, grammar=RUSSIAN, limit=SUBJECT_LIMIT)
        return (np[0], k - 1) if np is not None and np[1] == comma - 1 else None

    def _skip_hearer(self, tokens: Tokens, j: int) -> int:
        """The token after an outlet or hearer told right after a cue ("рассказал РИА Новости", "сообщил
        журналистам"), or ``j``."""
        lows = tokens.lows
        k = j
        if k < len(tokens) and lows[k] in HEARERS:
            k += 1
        return k + self._outlet_at(tokens, k)

    def _outlet_at(self, tokens: Tokens, k: int) -> int:
        """How many tokens from ``k`` name an outlet ("РИА Новости", "ТАСС"), 0 if none: the fewest that name
        the outlet its longest reading names."""
        text, outlets = self.doc.text, self.doc.lexicons.outlets
        if k < len(tokens) and is_open_mark(tokens.words[k]):   # «Коммерсанту»: the name in quotation marks
            inner = self._outlet_at(tokens, k + 1)
            closed = k + 1 + inner
            return inner + 2 if inner and closed < len(tokens) and is_close_mark(tokens.words[closed]) else 0
        labels = []
        for n in range(1, OUTLET_WORDS + 1):
            if k + n > len(tokens) or not tokens.words[k + n - 1][0].isalnum():
                break
            found = outlets.find(text[tokens.starts[k]:tokens.ends[k + n - 1]])
            labels.append(found[0][1] if found and found[0][0] == 0 else None)
        longest = next((label for label in reversed(labels) if label is not None), None)
        return 0 if longest is None else labels.index(longest) + 1

    def _source_after(self, tokens: Tokens, j: int) -> tuple[int, int] | None:
        """The source after a cue, past an outlet or hearer it was told to ("— рассказал РИА Новости депутат X");
        the outlet itself when nothing follows it ("передает ТАСС")."""
        while j < len(tokens) and tokens.lows[j] in SKIP_BEFORE_CUE and tokens.lows[j] != "не":
            j += 1   # "это признает даже Барак Обама"
        k = self._skip_hearer(tokens, j)
        if k > j:
            np = np_right(tokens, k, len(tokens), grammar=RUSSIAN)
            if np is not None:
                return np
        return np_right(tokens, j, len(tokens), grammar=RUSSIAN)

    def _main_source(self, tokens: Tokens, i: int, sentence: Span) -> Span | None:
        """The source of the main clause before token ``i``: the source of the nearest cue before it in the
        sentence, else the sentence's subject."""
        lows = tokens.lows
        quotes = self.doc.quotes
        first = tokens.at(sentence[0])
        for m in range(i - 1, first - 1, -1):
            if lows[m] in self.verbs and not quotes.containing(tokens.starts[m]):
                cue = self.doc.lexicons.cue_for([lows[m]])
                if cue is not None and cue.language == "ru" and not cue.preposition:
                    reading = self.read(cue, tokens.starts[m], tokens.ends[m], tokens, m, m + 1, sentence)
                    if reading is not None and reading.source is not None:
                        return reading.source
                break
        return self._clause_subject(tokens, first, i)

    def _clause_subject(self, tokens: Tokens, first: int, i: int) -> Span | None:
        """The subject of the clause before token ``i``, clause by clause back to the sentence's start: a clause
        after a comma or colon counts when its subject is a pronoun or a name ("Когда ..., он отмахнулся и
        сказал"), or a relative whose noun stands before the comma ("оппозиции, которая ... и считает")."""
        words, lows = tokens.words, tokens.lows
        quotes = self.doc.quotes
        end = i
        for m in range(i - 1, first - 1, -1):
            if words[m] not in (",", ":", ";") or quotes.containing(tokens.starts[m]):
                continue
            c = m + 1
            while c < end and (lows[c] in STOP or lows[c] in SUBJECT_OPENERS) and lows[c] not in RELATIVES:
                c += 1
            if c < end and lows[c] in RELATIVES and words[m] == ",":
                np = np_left(tokens, m - 1, first, verbs=self.verbs, grammar=RUSSIAN)
                return span(tokens, np) if np else None
            if c < end and (lows[c] in PRONOUNS or capitalised(words[c])) and lows[c] not in PREPOSITIONS:
                return self._subject(tokens, c, end)
            if words[m] in (":", ";"):
                return self._subject(tokens, m + 1, end)
            end = m
        return self._subject(tokens, first, end)

    def _subject(self, tokens: Tokens, first: int, k: int) -> Span | None:
        """The sentence's subject: its first noun phrase before token ``k``, up to the first word that looks
        like a verb ("Шольц посетил Киев" -> "Шольц")."""
        words, lows = tokens.words, tokens.lows
        i = first
        while i < k and (not words[i][0].isalnum() or lows[i] in STOP or lows[i] in SUBJECT_OPENERS):
            i += 1
        if i >= k:
            return None
        if lows[i] in PREPOSITIONS or (i > first and lows[i - 1] in PREPOSITIONS):
            # "В конце своей речи он ...": the subject is a pronoun after the adjunct, or unknown
            pronoun = next((m for m in range(i, k) if lows[m] in PRONOUNS), None)
            return span(tokens, (pronoun, pronoun)) if pronoun is not None else None
        if lows[i] in PRONOUNS:
            return span(tokens, (i, i))
        end = None
        m = i
        while m < k and m - i < SUBJECT_LIMIT:
            word, low = words[m], lows[m]
            if word in ("-", "(", ")") or not word[0].isalnum():
                break
            if (low in STOP and not word.isupper() and not (m > i and capitalised(word))) or \
                    low in SKIP_BEFORE_CUE or _verb_like(word) or low in self.verbs:
                break
            end = m
            m += 1
        if end is None:
            return None
        np = _after_time(tokens, (i, end))
        return span(tokens, np) if np else None

    def _participle(self, tokens: Tokens, i: int, j: int, sentence: Span) -> Reading | None:
        """"Лавров, заявивший ранее о готовности к переговорам, прибыл ...": the source is before the comma,
        the content runs to the next comma."""
        if i < 2 or tokens.words[i - 1] != ",":
            return None
        np = np_left(tokens, i - 2, 0, verbs=self.verbs, grammar=RUSSIAN)
        if np is None:
            return None
        m = j
        while m < len(tokens) and tokens.lows[m] in SKIP_BEFORE_CUE:
            m += 1
        end = m
        while end < len(tokens) and (tokens.words[end] != "," or self.doc.quotes.containing(tokens.starts[end])):
            end += 1
        if m >= end:
            return None
        said = self.content.trim(tokens.starts[m], tokens.starts[end] if end < len(tokens) else sentence[1])
        return Reading(span(tokens, np), said, "participle")

    def _document(self, tokens: Tokens, i: int, j: int, sentence: Span) -> Reading | None:
        """An impersonal cue whose source is a document: "говорится в заявлении МИД", "В докладе указано, что",
        "Это следует из доклада X". The source is the document's issuer, else the document."""
        words, lows = tokens.words, tokens.lows
        content = self.content
        s0 = sentence[0]
        n = len(tokens)
        after = None   # the token after the source, when the source follows the cue
        if lows[i] in ("следует", "следовало"):
            np = np_right(tokens, j, n, grammar=RUSSIAN) if j < n else None
            after = np[1] + 1 if np else None
        elif j + 1 < n and lows[j] in ("в", "во"):
            np = np_right(tokens, j + 1, n, grammar=RUSSIAN)
            after = np[1] + 1 if np else None
        else:
            np = self._document_before(tokens, i)
        if np is None:
            return None   # "Как сообщается, ...", "как говорится": no source
        source = self._issuer(tokens, np)
        k = i - 1
        while k >= 0 and lows[k] in SKIP_BEFORE_CUE:
            k -= 1
        if after is None:   # "В заявлении МИД говорится, что ...": the content follows the cue
            return Reading(source, content.right(tokens, j, sentence, grammar=RUSSIAN), "source_cue")
        quote = content.quote_before(tokens.starts[k + 1] if k + 1 < n else tokens.starts[i])
        if quote is not None:
            return Reading(source, content.quotation(quote), "quote_cue_source")
        if k >= 0 and lows[k] in ("это", "этом"):
            return Reading(source, content.previous_sentence(s0), "cue_source")
        if k >= 0 and words[k] in _INVERTING_MARKS:
            return Reading(source, content.clause_before(s0, tokens.starts[k]), "clause_cue_source")
        return Reading(source, content.right(tokens, after, sentence, grammar=RUSSIAN), "cue_source")

    def _document_before(self, tokens: Tokens, i: int) -> tuple[int, int] | None:
        """The document of "В заявлении МИД говорится": a phrase after "в" just before the cue."""
        lows = tokens.lows
        k = i - 1
        while k >= 0 and lows[k] in SKIP_BEFORE_CUE:
            k -= 1
        for p in range(k, max(-1, k - DOCUMENT_REACH), -1):
            if not tokens.words[p][0].isalnum():
                return None
            if lows[p] in ("в", "во", "на"):
                np = np_right(tokens, p + 1, k + 1, grammar=RUSSIAN)
                return np if np is not None and np[1] == k else None
        return None

    def _issuer(self, tokens: Tokens, np: tuple[int, int]) -> Span:
        """The issuer named after a document ("заявлении МИД России" -> "МИД России"), else the document."""
        for m in range(np[0], np[1]):
            if _document_noun(tokens.lows[m]):
                return span(tokens, (m + 1, np[1]))
        return span(tokens, np)

    def _skip_left(self, tokens: Tokens, i: int) -> int:
        """Index of the last token before the cue that is not an adverb or a setting ("Карлсон в эфире Fox
        News утверждал": the subject is before the setting)."""
        words, lows = tokens.words, tokens.lows
        k = i - 1
        while k >= 1 and (lows[k] in SKIP_BEFORE_CUE or (words[k].islower() and lows[k].endswith(ADVERB_ENDINGS)
                                                          and lows[k] not in NOT_ADVERBS
                                                          and words[k - 1][0].isalnum())):
            k -= 1
        if k == 0 and lows[k] in SKIP_BEFORE_CUE:
            k -= 1
        if k >= 3 and lows[k - 2:k + 1] in (["на", "условиях", "анонимности"], ["на", "условии", "анонимности"]):
            k -= 3   # "Чиновники на условиях анонимности рассказали": the subject is before the condition
        if k >= 1 and words[k].islower() and lows[k].endswith("о") and (words[k - 1] in _INVERTING_MARKS
                                                                        or is_close_mark(words[k - 1])):
            k -= 1   # an adverb after the quotation: "“...”, едко заявляет пресс-служба"
        for m in range(k, max(-1, k - SETTING_LIMIT), -1):
            if lows[m] in ("в", "во", "на") and m + 1 <= k and (lows[m + 1] in SETTING or "канал" in lows[m + 1]):
                k = m - 1
                break
        return k
