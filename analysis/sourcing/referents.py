"""Whom can a source phrase refer to? Its gender and number, and whether it introduces someone new.

The speaker resolver (:mod:`analysis.sourcing.speakers`) links a pronoun ("she", "он") or a definite
description ("the Ukrainian leader", "глава ведомства") to a person named elsewhere in the article, and
must never link an unnamed source ("a senior European official", "two diplomats", "источник") to one.
This module answers the questions that need no article context:

* **gender** of a name (its given name, by the name list that the ``gender-guesser`` package ships,
  else the endings of Slavic surnames and given names: Захарова, Zakharova, Мария), of a title
  ("spokeswoman", "Mrs"), of a pronoun, and of a Russian past-tense cue (заявила, заявил, заявили);
* whether a phrase is **indefinite**: an article, a numeral or a quantifier ("a", "two", "several",
  "один из"), or a bare plural ("officials said"): it introduces a new referent and resolves to nobody.

Genders are ``"f"``, ``"m"`` or ``"pl"`` (plural); None is unknown, and unknown agrees with anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

FEMALE, MALE, PLURAL = "f", "m", "pl"
#: Names and titles whose gender is kept: a person of unknown gender is asked again for every description and
#: pronoun of the article, and names recur across articles (the bound keeps memory flat).
CACHED_GENDERS = 1 << 14

_PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE, "she": FEMALE, "her": FEMALE,
                   "hers": FEMALE, "herself": FEMALE, "they": PLURAL, "them": PLURAL, "their": PLURAL,
                   "он": MALE, "его": MALE, "него": MALE, "она": FEMALE, "её": FEMALE, "ее": FEMALE, "нее": FEMALE,
                   "неё": FEMALE, "они": PLURAL, "их": PLURAL}
#: Title and role words that carry a gender ("spokeswoman", "Mrs").
_TITLE_GENDER = {"mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "madam": FEMALE, "spokeswoman": FEMALE,
                 "chairwoman": FEMALE, "congresswoman": FEMALE, "businesswoman": FEMALE, "queen": FEMALE,
                 "princess": FEMALE, "duchess": FEMALE, "lady": FEMALE, "baroness": FEMALE, "woman": FEMALE,
                 "mother": FEMALE, "wife": FEMALE, "daughter": FEMALE, "actress": FEMALE,
                 "mr": MALE, "sir": MALE, "spokesman": MALE, "chairman": MALE, "congressman": MALE,
                 "businessman": MALE, "king": MALE, "prince": MALE, "duke": MALE, "lord": MALE, "man": MALE,
                 "father": MALE, "husband": MALE, "son": MALE,
                 "женщина": FEMALE, "мать": FEMALE, "жена": FEMALE, "дочь": FEMALE, "журналистка": FEMALE,
                 "активистка": FEMALE, "депутатка": FEMALE, "мужчина": MALE, "отец": MALE, "муж": MALE, "сын": MALE}
#: Given names ending in -a/-я that are men's (Russian, Ukrainian and others the name list may lack).
_MALE_IN_A = frozenset({"nikita", "ilya", "illia", "luka", "foma", "kuzma", "savva", "mykola", "mikola",
                        "никита", "илья", "лука", "фома", "кузьма", "савва", "микола", "данила", "гаврила"})
_CYRILLIC = re.compile(r"[а-яё]")
_WORD = re.compile(r"\w+")
#: Slavic surname endings by gender (Cyrillic and transliterated).
_FEMALE_SURNAME = re.compile(r"(?:ова|ева|ёва|ина|ына|ская|цкая|ая|ova|eva|yova|ina|yna|skaya|tskaya|ska|cka)$")
_MALE_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ский|цкий|ой|ый|ov|ev|yov|in|yn|sky|skiy|skyi|tsky|ski|cki)$")
#: Russian past-tense verb endings: заявила (f), заявил (m), заявили (plural), also reflexive (-лась).
_RU_PAST = re.compile(r"(?:л(?P<f>а|ась)|л(?P<pl>и|ись)|(?P<m>л|лся))$")

#: Words that open an indefinite noun phrase: it introduces someone new ("a diplomat", "two officials").
INDEFINITE_OPENERS = frozenset({
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some",
    "many", "multiple", "numerous", "various", "other", "another", "few", "dozens", "scores", "unnamed",
    "anonymous", "один", "одна", "одно", "два", "две", "три", "четыре", "несколько", "ряд", "некоторые",
    "некий", "некая", "многие", "другой", "другие", "неназванный", "неназванные", "анонимный", "анонимные"})


@cache
def _detector():
    """The ``gender-guesser`` detector (its name list loads once, in about a quarter of a second)."""
    import gender_guesser.detector

    return gender_guesser.detector.Detector(case_sensitive=False)


@cache
def given_name_gender(word: str) -> str | None:
    """The gender of a given name ("Annalena" -> f, "Antony" -> m, "Мария" -> f), or None."""
    low = word.lower().strip(".")
    if len(low) < 2:
        return None   # an initial
    if not _CYRILLIC.match(low):
        guess = _detector().get_gender(word)
        if guess in ("female", "mostly_female"):
            return FEMALE
        if guess in ("male", "mostly_male"):
            return MALE
        if guess == "andy":
            return None
    if low in _MALE_IN_A:
        return MALE
    if _CYRILLIC.match(low):
        return FEMALE if low.endswith(("а", "я")) else MALE if low.endswith(("й", "р", "н", "л", "д", "м", "с", "в",
                                                                               "г", "т", "б", "ф", "к", "п")) else None
    return None


def surname_gender(word: str) -> str | None:
    """The gender a Slavic surname's ending gives ("Захарова", "Zakharova" -> f; "Peskov" -> m), or None."""
    low = word.lower()
    if len(low) < 4:
        return None
    if _FEMALE_SURNAME.search(low):
        return FEMALE
    if _MALE_SURNAME.search(low):
        return MALE
    return None


@lru_cache(maxsize=CACHED_GENDERS)
def name_gender(name: str) -> str | None:
    """The gender of a person's name: its given name first, else a Slavic surname's ending."""
    words = [w for w in name.replace(",", " ").split() if w[:1].isupper()]
    if not words:
        return None
    if len(words) >= 2:
        gender = given_name_gender(words[0])
        if gender:
            return gender
    return surname_gender(words[-1])


@lru_cache(maxsize=CACHED_GENDERS)
def title_gender(text: str) -> str | None:
    """The gender a title or role gives ("spokeswoman", "Mrs Smith"), or None."""
    for word in _WORD.findall(text.lower()):
        if word in _TITLE_GENDER:
            return _TITLE_GENDER[word]
    return None


def pronoun_gender(word: str) -> str | None:
    """The gender of a personal or possessive pronoun ("she" -> f, "они" -> pl), or None."""
    return _PRONOUN_GENDER.get(word.lower())


def cue_gender(cue: str) -> str | None:
    """The gender of a Russian past-tense cue's subject (заявила -> f, заявил -> m, заявили -> pl), or None."""
    last = cue.split()[-1].lower() if cue.split() else ""
    if not _CYRILLIC.search(last):
        return None
    match = _RU_PAST.search(last)
    if match is None:
        return None
    return FEMALE if match.group("f") else PLURAL if match.group("pl") else MALE


def agrees(a: str | None, b: str | None) -> bool:
    """Whether two genders may be the same person's (unknown agrees with anything)."""
    return a is None or b is None or a == b


#: Where a noun phrase's head ends: an aside, a relative clause or a post-modifier ("sources familiar with").
_HEAD_END = re.compile(r",|\(| (?:who|which|that|whose|familiar|close|briefed|with|in|at|from|of|on|for|to|"
                       r"speaking|–|—)\b")


def _head(phrase: str) -> list[str]:
    """The words of a phrase before its first aside or relative clause ("officials who spoke ..." -> officials)."""
    return _HEAD_END.split(phrase, maxsplit=1)[0].split()


def plural(phrase: str, *, is_noun: Callable[[str], bool] = lambda word: False) -> bool:
    """Whether a source phrase's head noun is an English plural ("officials", "the two diplomats").

    Args:
        phrase: The source phrase.
        is_noun: Whether a capitalised word is a common noun ("Officials" opening a sentence), not a name
            ("Reuters", "Jones").
    """
    head = _head(phrase)
    last = head[-1].lower().strip(".,") if head else ""
    if last in IRREGULAR_PLURALS:
        return True
    if not last.endswith("s") or last.endswith(("ss", "us", "is", "'s", "’s")):
        return False
    return head[-1][:1].islower() or is_noun(head[-1])


def indefinite(phrase: str, *, is_noun: Callable[[str], bool] = lambda word: False) -> bool:
    """Whether a source phrase introduces someone new: it opens with an article, a numeral or a quantifier
    ("a senior official", "two diplomats", "несколько источников") or is a bare plural ("officials",
    "Ukrainian officials")."""
    head = _head(phrase)
    if not head:
        return False
    first = head[0].lower()
    if first in INDEFINITE_OPENERS or first.isdigit():
        return True
    return plural(phrase, is_noun=is_noun) and first not in DEFINITE_OPENERS


#: English plurals without an -s.
IRREGULAR_PLURALS = frozenset({"people", "men", "women", "children", "personnel", "staff", "police"})
#: Words that open a definite noun phrase.
DEFINITE_OPENERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my",
                              "your", "этот", "эта", "эти", "тот", "та", "те"})
