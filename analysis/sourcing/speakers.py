"""Who is the source of each attribution, what kind of source, on which side, through which channel?

Takes the attributions of one article (:mod:`analysis.sourcing.attributions`) and describes each
source the way a media researcher asks about it:

* **speaker**: the source's full name with the role the article gives it, resolved within the
  article: a surname ("Zhovkva"), a pronoun ("he"), a possessive ("his claims") or a description
  ("the lawmaker", "the deputy head of Vladimir Zelensky's office") is resolved to the person named
  with that role elsewhere in the article: "Igor Zhovkva, the deputy head of Vladimir Zelensky’s
  office". Roles come from appositions ("NAME, ROLE,"), titles before a name ("US envoy to NATO
  Julianne Smith") and, for well-known office holders named without a role, ``sources.yaml``.
  Pronouns go to the last speaker, else to the first person named in the sentence before; at the
  top of an article (a headline or lead that names the speaker only later) to the first one after.
* **source_type** and **side**: from the role and name, by the terms of ``sources.yaml`` (the side
  of the earliest marker: "US envoy to NATO" is united_states; a known person's side otherwise).
* **anonymous**: the source withholds a name ("several sources in Washington", "a senior official",
  "officials who spoke on condition of anonymity", "источник"). **relayed**: a named source whose
  words pass on unnamed ones ("Several sources in Washington have confirmed to me ...").
* **channel**: from the attribution's frame (its sentence without the content): a platform, an
  interview with or words told to a named outlet, an outlet cited as source, or a setting; a
  written statement ("he wrote") repeats the speaker's last platform.
* **kind**: ``direct`` (the content is a quotation), ``mixed`` (it contains one), ``indirect``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from analysis.quotes import Quotations
from analysis.sourcing.attributions import Attribution
from analysis.sourcing.lexicons import MEMO_SIZE, Lexicons, Memo, Words
from analysis.sourcing.lexicons import Person as KnownPerson
from analysis.sourcing.referents import (
    agrees,
    cue_gender,
    indefinite,
    name_gender,
    plural,
    pronoun_gender,
    title_gender,
)

_NAME_WORD = r"(?:[A-ZА-ЯЁ][\w’'\-]*\.?|(?:de|van|von|der|den|al|bin|la|le|du|da)\b)"
_NAME_RUN = re.compile(rf"[A-ZА-ЯЁ][\w’'\-]+(?:\]?[ \t]+{_NAME_WORD})+")
_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "он", "она", "его", "её", "ее"}
_PLURAL_PRONOUNS = {"they", "them", "their", "it", "its", "we", "our", "они", "их", "мы"}
_RELATIVES = {"who", "which", "that", "который", "которая", "которые"}
#: Sources that name nobody: first and second person, indefinite pronouns ("I said", "some say").
_UNRESOLVED = {"i", "you", "one", "some", "this", "these", "those", "many", "most", "others", "all", "both", "few",
               "someone", "everyone", "anyone", "nobody", "я", "ты", "вы", "некоторые", "многие"}
#: Words of titles and institutions that are never part of a person's name (compared without a final full stop).
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "prof", "rev", "president",
           "minister", "senator", "secretary", "general", "chancellor", "governor", "mayor", "ambassador",
           "spokesman", "spokeswoman", "spokesperson", "premier", "prime", "foreign", "defence", "defense",
           "deputy", "chief", "head", "envoy", "adviser", "advisor", "member", "commander", "judge", "lawmaker",
           "affairs", "interior", "justice", "finance", "economy", "office", "staff", "house", "department", "ministry",
           "committee", "council", "party", "national", "security", "intelligence", "armed", "forces", "state"}
_DETERMINERS = ("the ", "a ", "an ", "The ", "A ", "An ")
#: Lower-case particles inside names ("Ursula von der Leyen", "Mohammed bin Salman").
_PARTICLES = ("de", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "da", "dos", "ter")
#: An apposition starting with one of these is an adjunct, not a role ("Olaf Scholz, in his speech at the UN").
_NOT_ROLE_STARTS = {"in", "at", "on", "during", "after", "before", "speaking", "writing", "said", "says", "who",
                    "which", "when", "while", "as", "with", "from", "to", "for", "by", "via", "next", "last", "this",
                    "citing", "quoting", "referring", "according", "adding", "noting"}
_RELAY = re.compile(r"\bsources?\b|\binsiders?\b|\bpeople familiar with\b|\bofficials? who\b|"
                    r"\b(?:unnamed|anonymous) (?:official|source|diplomat)s?\b|\bисточник\w*|\bинсайдер\w*|"
                    r"\bсобеседник\w*", re.IGNORECASE)
_WRITTEN = {"write", "tweet", "post", "написать"}
_EXPLICITLY_ANONYMOUS = re.compile(r"\banonym|\bcondition of\b|\bnot authori[sz]ed\b|"
                                   r"\bnot (?:to )?be (?:named|identified)\b|\bto be identified\b|\bwas not named\b|"
                                   r"\b(?:his|her|their) names? (?:not )?(?:be )?(?:used|published|withheld|given)\b|"
                                   r"\bonly (?:by )?(?:his|her|a|their) (?:call ?sign|first name|nom de guerre)\b|"
                                   r"\bанонимн|\bне назвал\w* (?:своего |своё |свое )?им|\bпожелавш\w+ остаться|"
                                   r"\bне пожелавш", re.IGNORECASE)
#: Characters at the top of an article (headline and lead) where a pronoun may name a speaker introduced later.
_TOP = 500
#: A preposition before a capitalised name marks a place or an organisation, not a person ("in New York").
_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|downtown|across|outside|inside|into|в|во|из|на)\s+(?:the\s+)?$",
                           re.IGNORECASE)
#: Where an aside or relative clause after a source's head begins.
_ASIDE = re.compile(r",\s|\s(?:who|which|whose)\s|\s\(|\s[—–]\s")
#: Cues by which an outlet passes on its own sources ("Axios reported, citing two sources").
_CITING = {"cite", "quote", "ссылаться"}
#: Characters after an outlet's cue within which a citing cue names sources that spoke to that outlet.
CITING_REACH = 120
#: Pronouns that repeat a group source ("They said" after "Two officials told Reuters").
_GROUP_PRONOUNS = {"they", "они"}
#: Words opening a definite description, which may name someone already in the article ("the diplomat").
_DEFINITE = {"the", "this", "that", "этот", "эта"}
_STOPWORDS = {"the", "a", "an", "of", "to", "for", "in", "at", "and", "’s", "'s", "s"}
#: Where a role's head ends and its complement begins ("adviser | to the head of ...").
_ROLE_COMPLEMENT = re.compile(r"\s(?:of|to|for|at|in|on)\s|['’]s\b")
#: A capitalised word: a well-known office holder may be named by surname alone ("Lavrov said").
_CAPITALISED_WORD = re.compile(r"\b[A-ZА-ЯЁ][\w’'\-]+")
#: Characters after a speaker's cue within which their next cue keeps its channel ("..., she added").
CHANNEL_CARRY = 500
#: Why a source has its side (``side_reason``): read from its role, a well-known person of the pack, the
#: source phrase's own words, the name, or an outlet's country; or why it has none.
SIDE_REASONS = ("role", "known_person", "source_phrase", "name", "outlet_country", "no_source",
                "outlet_without_country", "person_not_in_pack", "unresolved_reference", "description_without_side")
#: Share of a description's words that a person's role must share when no role concept links them.
DESCRIPTION_OVERLAP = 0.6
#: An apposition after a name: ", the deputy head of ...," or ", a former president and now ...,".
_APPOSITION_AFTER = re.compile(r",\s+([^,.;:()\n“”\"«»]{3,100}?)(?=,|\.(?:\s|$)|;|$)")
#: Words at the start of an apposition among which its role word must be ("Ukraine's top commander").
ROLE_HEAD_WORDS = 3
#: A relative clause that states a role ("who speaks for ...", "who heads ...") and the noun it amounts to.
_ROLE_CLAUSE = re.compile(r"who (speaks for|heads|leads|chairs|commands|represents|runs) (.+)", re.IGNORECASE)
_ROLE_CLAUSE_NOUNS = {"speaks for": "spokesperson for", "heads": "head of", "leads": "head of", "chairs": "chair of",
                      "commands": "commander of", "represents": "representative of", "runs": "head of"}
#: The end of a sentence inside the text before a name (a full stop after a lower-case letter, not "U.S.").
_SENTENCE_END = re.compile(r"(?<=[a-zа-яё0-9])[.!?][\"”»]?\s+|[\n;:“”\"«»]")
#: The words before a name (a title), read right to left.
_WORD_BEFORE = re.compile(r"[\w’'.\-]+")
#: Farthest (characters) a title before a name is read.
ROLE_REACH = 60
#: Lower-case words a title before a name may hold ("special envoy", "head of the").
_ROLE_JOINTS = {"of", "the", "special", "deputy", "senior", "former", "top", "chief", "acting", "first", "vice",
                "presidential", "foreign", "defence", "defense", "prime", "state", "'s", "’s"}
#: Most content words of a description matched to a person by source type alone ("the lawmaker").
SHORT_DESCRIPTION = 2
#: Characters after a speaker's cue within which "he" or "she" goes to that speaker (gender permitting).
PRONOUN_REACH = 600


@dataclass
class Person:
    """A person (or organisation) named in the article, with the role the article gives them."""

    name: str
    role: str | None
    position: int
    source_type: str | None = None
    side: str | None = None
    gender: str | None = None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class Described:
    """What the columns of the mentions table say about one attribution's source and channel."""

    speaker: str | None
    source_type: str
    side: str
    anonymous: bool
    relayed: bool
    channel: str | None
    kind: str
    side_reason: str


_WORD = re.compile(r"\w+")
_BRACKETED = re.compile(r"\s*\([^)]*\)")
_POSSESSIVE_END = re.compile(r"['’]s$")
_CYRILLIC_CAPITAL = re.compile(r"[А-ЯЁ]")


@lru_cache(maxsize=MEMO_SIZE)
def _content_words(text: str) -> frozenset:
    """The words of a role or description that say what it is (cached: every description is compared with
    the role of every person in its article, and roles recur across articles)."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and len(w) > 1)


def _strip_brackets(text: str) -> str:
    return _BRACKETED.sub("", text).replace("[", "").replace("]", "").strip(" ,")


@lru_cache(maxsize=MEMO_SIZE)
def _same_surname(a: str, b: str) -> bool:
    """Surnames equal, allowing possessives and Russian case endings (Захарова, Захаровой).

    Cached: each name of an article is compared with each person registered before it, and names recur.
    """
    a, b = _POSSESSIVE_END.sub("", a), _POSSESSIVE_END.sub("", b)
    if a == b:
        return True
    if _CYRILLIC_CAPITAL.match(a) and len(a) >= 5 and len(b) >= 5:
        return a[:-2] == b[:-2] or a[:-1] == b[:-1] or a[:-1] == b[:-2] or a[:-2] == b[:-1]
    return False


def _core(phrase: str) -> str:
    """A source phrase without its aside or relative clause ("A Western diplomat, who asked not to be named"
    -> "A Western diplomat"; "Officials who spoke on condition of anonymity" -> "Officials")."""
    return _ASIDE.split(phrase, maxsplit=1)[0].strip() or phrase


def _role_of_clause(text: str) -> str:
    """A relative clause that states a role, as the role ("who speaks for the navy" -> "spokesperson for the
    navy", "who heads the agency" -> "head of the agency"); other text unchanged."""
    match = _ROLE_CLAUSE.match(text.strip())
    return f"{_ROLE_CLAUSE_NOUNS[match.group(1).lower()]} {match.group(2)}" if match else text


def _may_be_anonymous(frame: str) -> bool:
    """A cheap test before the regular expression: does the frame mention anonymity at all?"""
    low = frame.lower()
    return any(key in low for key in ("anonym", "condition", "authori", "named", "identified", "name", "call sign",
                                      "callsign", "анонимн", "назвал", "пожелавш"))


#: Sets of lexicons whose :class:`Lookups` are kept at once (a process reads one topic pack; tests a few).
LEXICON_SETS = 4


class Lookups:
    """What the lexicons alone say about a name, a role or a source phrase, whatever article it stands in.

    Each public method is a pure function of the lexicons and its argument. The same names, roles and phrases
    recur from article to article, so each keeps its results across articles in a
    :class:`~analysis.sourcing.lexicons.Memo` (at most ``MEMO_SIZE`` results each); one :class:`Lookups` serves
    every article that reads the same lexicons (:func:`lookups`).
    """

    def __init__(self, lexicons: Lexicons) -> None:
        self.lexicons = lexicons
        self._types = Memo(self._source_type)
        self._sides = Memo(self._first_side)
        self._known = Memo(self._lookup_known)
        self._splits = Memo(self._split)
        self._role_words = Memo(self._role_word)
        self._trimmed = Memo(self._without_titles)
        self._concepts = Memo(self._role_concepts)
        self._nouns = Memo(self._common_noun)
        self._states = Memo(self._state_only)
        self._organisations = Memo(self._not_a_person)

    def type(self, text: str) -> str | None:
        """The source type of a role, name or phrase (the first of ``sources.yaml`` whose terms occur in it)."""
        return self._types[text]

    def side(self, text: str) -> str | None:
        """The side of the earliest side marker in ``text``."""
        return self._sides[text]

    def known(self, name: str) -> KnownPerson | None:
        """The well-known office holder of ``sources.yaml`` a name or surname refers to, if any."""
        return self._known[name]

    def split(self, source: str) -> tuple[str | None, str | None]:
        """(name, role) of a source phrase (see :meth:`_split`)."""
        return self._splits[source]

    def is_role_word(self, word: str) -> bool:
        """Whether a word is a title or a role word that names no side."""
        return self._role_words[word]

    def trim_titles(self, name: str) -> str:
        """A name without the titles and role words before it."""
        return self._trimmed[name]

    def concepts(self, role: str) -> frozenset[str]:
        """The role concepts a role or description names by its head (see :meth:`_role_concepts`)."""
        return self._concepts[role]

    def is_noun(self, word: str) -> bool:
        """Whether a capitalised word is a common noun of the role lexicon or an unnamed source ("Officials")."""
        return self._nouns[word]

    def state(self, phrase: str) -> bool:
        """Whether a source phrase is just a country, a capital or a state institution ("Kiev", "the Kremlin")."""
        return self._states[phrase]

    def organisation(self, name: str) -> bool:
        """Whether a capitalised name is a country, capital, institution or outlet rather than a person."""
        return self._organisations[name]

    def _source_type(self, text: str) -> str | None:
        return self.lexicons.source_type(text) if text else None

    def _first_side(self, text: str) -> str | None:
        return self.lexicons.sides.first(text) if text else None

    def _lookup_known(self, name: str) -> KnownPerson | None:
        """The well-known office holder of ``sources.yaml`` a name or surname refers to, if any."""
        people = self.lexicons.people
        key = name.lower()
        if key in people:
            return people[key]
        surname = name.split()[-1].lower() if name.split() else key
        if surname in people and people[surname].name.split()[-1].lower() == surname:
            return people[surname]
        if re.match(r"[а-яё]", surname) and len(surname) >= 5:
            for ending in (2, 1):
                stem = surname[:-ending]
                for alias, person in people.items():
                    if alias.startswith(stem) and abs(len(alias) - len(surname)) <= 2 and " " not in alias:
                        return person
        return None

    def _split(self, source: str) -> tuple[str | None, str | None]:
        """(name, role) of a source phrase.

        "US envoy to NATO Julianne Smith" gives ("Julianne Smith", "US envoy to NATO"); "Igor Zhovkva, the deputy
        head of ..." gives the apposition as the role; "the lawmaker" gives (None, "the lawmaker").
        """
        source = source.strip()
        head, _, apposition = source.partition(",")
        head = _strip_brackets(head)
        role = None
        apposition = apposition.strip(" ,")
        if apposition and head.startswith(_DETERMINERS) and _NAME_RUN.fullmatch(_strip_brackets(apposition)):
            head, apposition = _strip_brackets(apposition), head   # "The head of Saxony, Michael Kretschmer"
        apposition = _role_of_clause(apposition)
        first = apposition.split()[0].lower() if apposition else ""
        if apposition and first not in _NOT_ROLE_STARTS and (apposition.startswith(_DETERMINERS)
                                                            or self.type(apposition) or self.side(apposition)):
            role = _strip_brackets(_core(apposition))
        words = head.split()
        end = len(words)
        start = end
        while start > 0 and (words[start - 1][:1].isupper() or words[start - 1] in _PARTICLES) \
                and words[start - 1].lower().strip(".") not in _TITLES and not self.is_role_word(words[start - 1]) \
                and not (len(words[start - 1].strip(".")) > 2 and words[start - 1].isupper()) \
                and not (self.side(words[start - 1]) and not self.known(words[start - 1])):
            start -= 1
        if start == end:
            return None, role or (head or None)
        particles = sum(w in _PARTICLES for w in words[start:end])
        if end - start - particles > 3 or (end - start == 3 and re.match(r"[А-ЯЁ]", words[end - 1])):
            # a name is a first name, an initial or patronymic, and a surname; what comes before is a title
            surname = end - 1
            while surname - 1 > start and words[surname - 1] in _PARTICLES:
                surname -= 1   # "von der Leyen"
            middle = words[surname - 1]
            kept = 3 if middle.endswith(("вич", "вна", "ична", "чна", ".")) or len(middle) <= 2 else 2
            start = max(start, surname - kept + 1)
        elif start > 0 and words[start - 1] in ("of", "for") and end - start == 3:
            start += 1   # "Secretary of State Antony Blinken": "State" belongs to the title
        name = " ".join(words[start:end])
        before = " ".join(words[:start]).strip()
        if before and before.lower() not in ("the", "a", "an"):
            role = role or before
        return name, role

    def _role_word(self, word: str) -> bool:
        """Whether a word is a title or a role word that names no side ("Minister", "spokesman")."""
        low = word.lower().strip(".,")
        return low in _TITLES or bool(self.type(word) and not self.side(word))

    def _without_titles(self, name: str) -> str:
        """A name without the titles and role words before it ("Foreign Minister Jane Doe" -> "Jane Doe")."""
        words = name.split()
        while len(words) > 1 and (words[0].lower().strip(".") in _TITLES or self.is_role_word(words[0])
                                  or self.side(words[0])):
            words = words[1:]
        return " ".join(words)

    def _role_concepts(self, role: str) -> frozenset[str]:
        """The role concepts a role or description names by its head ("the Ukrainian leader" -> leader;
        "adviser to the head of ..." -> adviser; "Пресс-секретарь президента" -> spokesperson)."""
        found = self.lexicons.roles.find(role)
        if not found:
            return frozenset()
        if re.search(r"[А-Яа-яЁё]", role):
            return frozenset({found[0][1]})
        cut = _ROLE_COMPLEMENT.search(role)
        limit = cut.start() if cut else len(role)
        return frozenset(label for offset, label in found if offset < limit) or frozenset({found[0][1]})

    def _common_noun(self, word: str) -> bool:
        """Whether a capitalised word is a common noun of the role lexicon or an unnamed source ("Officials",
        "Sources" opening a sentence)."""
        return bool(self.type(word.lower()) or self.lexicons.anonymous.fullmatch(word)) and not self.known(word)

    def _state_only(self, phrase: str) -> bool:
        """Whether a source phrase is just a country, a capital or a state institution ("Kiev", "the Kremlin")."""
        return self.lexicons.sides.whole(phrase) is not None and not self.known(phrase)

    def _not_a_person(self, name: str) -> bool:
        """Whether a capitalised name is a country, capital, institution or outlet rather than a person."""
        if self.lexicons.outlet_name(name):
            return True
        if self.lexicons.sides.whole(name):
            return not self.known(name)
        return bool(self.type(name)) and not self.known(name)


_LOOKUPS: dict[int, Lookups] = {}


def lookups(lexicons: Lexicons) -> Lookups:
    """The :class:`Lookups` of a set of lexicons, shared by the articles that read them.

    Keyed by identity: :class:`Lexicons` holds dictionaries and cannot be hashed. At most
    :data:`LEXICON_SETS` are kept; each holds its lexicons, so an identity is not reused while it is kept.
    """
    found = _LOOKUPS.get(id(lexicons))
    if found is None or found.lexicons is not lexicons:
        if len(_LOOKUPS) >= LEXICON_SETS:
            _LOOKUPS.clear()
        found = _LOOKUPS[id(lexicons)] = Lookups(lexicons)
    return found


class SpeakerResolver:
    """Resolves and describes the sources of one article's attributions, in order."""

    def __init__(self, text: str, lexicons: Lexicons, quotes: Quotations) -> None:
        self.text = text
        self.lexicons = lexicons
        self.quotes = quotes
        self.people: list[Person] = []
        self.last_speaker: Person | None = None
        self.last_position = -10**9
        self.last_channel: dict[str, tuple[str | None, int]] = {}   # speaker -> (channel, end of its cue)
        self._names = [(m.start(), m.group().replace("]", "")) for m in _NAME_RUN.finditer(text)
                       if not _PLACE_BEFORE.search(text, max(0, m.start() - 12), m.start())]
        self.lookups = lookups(lexicons)
        self._people_named: list[tuple[Person, list[int]]] | None = None
        self._group: tuple[Described, int] | None = None   # the last unnamed or plural source, and its cue's end
        self._last_outlet: str | None = None   # the last outlet cited as a source ...
        self._last_outlet_end: int | None = None   # ... and the end of its cue

    # -- classification
    def _register(self, name: str, role: str | None, position: int) -> Person:
        for person in reversed(self.people):
            if person.name == name or (len(name.split()) == 1 and _same_surname(person.surname, name)):
                if role and not person.role:
                    person.role = role
                return person
        known = self.lookups.known(name)
        if known:
            name = known.name   # one spelling per well-known person: "Zelenskyy", "Zelensky" -> "Volodymyr Zelensky"
        person = Person(name=name, role=role, position=position)
        self.people.append(person)
        return person

    def _full_name(self, surname: str, position: int) -> str | None:
        """A longer name ending in ``surname`` elsewhere in the article (earlier first, then later)."""
        before = [n for p, n in self._names if p < position and _same_surname(n.split()[-1], surname)]
        after = [n for p, n in self._names if p >= position and _same_surname(n.split()[-1], surname)]
        candidates = before[-1:] or after[:1]
        return self.lookups.trim_titles(candidates[0]) if candidates else None

    def _person_side(self, person: Person) -> str | None:
        known = self.lookups.known(person.name)
        return person.side if person.side not in (None, "unknown") else \
            (known.side if known else None) or (self.lookups.side(person.role) if person.role else None)

    def _person_role(self, person: Person) -> str:
        known = self.lookups.known(person.name)
        return " ".join(filter(None, (person.role, known.role if known else None)))

    def _person_gender(self, person: Person) -> str | None:
        if person.gender is None:
            person.gender = title_gender(person.role or "") or name_gender(person.name)
        return person.gender

    def _by_description(self, description: str, position: int, gender: str | None = None) -> Person | None:
        """The person a definite description names ("the Ukrainian leader", "the lawmaker", "глава МИД"):
        among the people of the article, the one whose role shares the description's role concept (or most
        of its words), whose side and gender agree with it, the nearest before it first; None when nobody
        fits, so that the description stays a description."""
        words = _content_words(description)
        concepts = self.lookups.concepts(description)
        if not words and not concepts:
            return None
        side = self.lookups.side(description)
        gender = gender or title_gender(description)
        wanted = self.lookups.type(description)
        if wanted in ("other", "document") or self.lexicons.anonymous.search(description):
            wanted = None   # "the official" is as likely the unnamed official of the last paragraph
        best, best_score = None, 0.0
        for rank, person in enumerate(self._candidates(position)):
            if not agrees(gender, self._person_gender(person)):
                continue
            person_side = self._person_side(person)
            if side and person_side and side != person_side:
                continue
            role = self._person_role(person)
            theirs = self.lookups.concepts(role) if role else frozenset()
            shared = concepts & theirs
            overlap = len(words & _content_words(role)) / len(words) if words and role else 0.0
            # a short description and a role of the same source type, when their concepts cannot be compared
            # ("the lawmaker" and "Verkhovna Rada member")
            same_type = bool(wanted and not (concepts and theirs) and len(words) <= SHORT_DESCRIPTION and role
                             and self.lookups.type(role) == wanted)
            if not shared and overlap < DESCRIPTION_OVERLAP and not same_type:
                continue
            score = 2 * bool(shared) + overlap + 0.5 * same_type + (side is not None and side == person_side) \
                - rank * 1e-3
            if score > best_score:
                best, best_score = person, score
        return best

    def _candidates(self, position: int, *, reach: int | None = None) -> list[Person]:
        """The people of the article nearest-first: those named before ``position`` (by their last mention
        before it, latest first; within ``reach`` characters if given), then, without a reach, those named
        only after it (a headline may describe someone named only in the text)."""
        before, after = [], []
        for person, places in self._mentioned():
            earlier = [p for p in places if p < position]
            if earlier and (reach is None or position - earlier[-1] <= reach):
                before.append((earlier[-1], person))
            elif not earlier and reach is None:
                after.append((places[0], person))
        return [p for _, p in sorted(before, key=lambda e: -e[0])] + [p for _, p in sorted(after, key=lambda e: e[0])]

    def _mentioned(self) -> list[tuple[Person, list[int]]]:
        """Every person named in the article (runs of capitalised names, well-known office holders named
        by surname alone) with the positions where they are named, each person once."""
        if self._people_named is not None:
            return self._people_named
        found: dict[str, tuple[Person, list[int]]] = {}
        runs = list(self._names) + [(m.start(), m.group()) for m in _CAPITALISED_WORD.finditer(self.text)
                                    if m.group().lower() in self.lexicons.people]
        for position, run in sorted(runs):
            name, role = self.lookups.split(run)
            if not name or self.lookups.organisation(name) or self.lookups.state(name):
                continue
            role = role or self._role_around(position, position + len(run))
            known = self.lookups.known(name)
            if known is None and len(name.split()) < 2:
                continue
            key = known.name if known else name
            if key not in found:
                person = self._find(key) or Person(name=key, role=role, position=position)
                found[key] = (person, [])
            found[key][1].append(position)
        self._people_named = list(found.values())
        return self._people_named

    def _role_around(self, start: int, end: int) -> str | None:
        """The role the article gives a name it mentions outside an attribution: a title before it ("U.S.
        special envoy Steve Witkoff", "Ukraine's top commander, Oleksandr Syrskyi") or an apposition after
        it ("Dmitry Medvedev, a former president and now ...,")."""
        return self._role_after(end) or self._title_before(start)

    def _source_role(self, role: str | None, start: int, end: int) -> str | None:
        """The role of a named source at ``[start, end)``: its own role if that names a side, else an
        apposition after the span ('"...," said General X, commander of Ukraine's eastern group'), else its
        own role or the title before it."""
        if role and self.lookups.side(role):
            return role
        return self._role_after(end) or role or self._title_before(start)

    def _role_after(self, end: int) -> str | None:
        """The role in an apposition right after ``end`` (", commander-in-chief of Ukraine's armed forces.")."""
        after = _APPOSITION_AFTER.match(self.text, end)
        return _role_of_clause(after.group(1)) if after and self._is_role(after.group(1)) else None

    def _title_before(self, start: int) -> str | None:
        """The title right before a name, in its sentence ("U.S. special envoy" Steve Witkoff)."""
        window = self.text[max(0, start - ROLE_REACH):start]
        window = _SENTENCE_END.split(window)[-1]   # a title stays in its sentence
        words = _WORD_BEFORE.findall(window.rstrip(" ,"))
        taken: list[str] = []
        for word in reversed(words):
            low = word.lower().strip(".")
            if not (word[:1].isupper() or low in _ROLE_JOINTS or self.lookups.type(low)
                    or self.lexicons.roles.find(low)) or low in ("and", "with", "met"):
                break
            taken.insert(0, word)
        while taken and taken[0].lower() in ("the", "of", "and"):
            taken.pop(0)
        role = " ".join(taken)
        return role if role and (self.lookups.type(role) or self.lexicons.roles.find(role)) else None

    def _is_role(self, text: str) -> bool:
        """Whether an apposition is a role ("the deputy head of ...", "commander-in-chief of Ukraine's armed
        forces", "who speaks for the southern command"), not an adjunct ("in his speech", "on Monday")."""
        text = _role_of_clause(text)
        words = text.split()
        if not words or words[0].lower() in _NOT_ROLE_STARTS:
            return False
        if text.startswith(_DETERMINERS):
            return True
        head = " ".join(words[:ROLE_HEAD_WORDS])   # a role word opens it ("commander-in-chief of ...")
        return bool(self.lexicons.roles.find(head)
                    or any(head[offset].islower() for offset, _ in self.lexicons.types.find(head)))

    def _forward_person(self, position: int) -> Person | None:
        """The first person named after ``position`` (for a headline or lead naming the speaker later)."""
        for start, name in self._names:
            if start > position:
                name = self.lookups.trim_titles(name)
                if len(name.split()) >= 2 and not self.lookups.side(name):
                    return Person(name=name, role=None, position=start)
        return None

    def _previous_person(self, position: int) -> Person | None:
        """The person named nearest before ``position`` in its paragraph or the one before (a speaker first)."""
        window_start = max(0, self.text.rfind("\n", 0, max(0, position - 1)) - 400)
        candidates = [self.lookups.trim_titles(n) for p, n in self._names if window_start <= p < position]
        for name in reversed(candidates):
            person = self._find(name)
            if person:
                return person
        for name in reversed(candidates):
            if len(name.split()) >= 2 and not self.lookups.organisation(name) and not self.lookups.state(name):
                return Person(name=name, role=None, position=position)
        return None

    def _pronoun(self, position: int, gender: str | None = None) -> Person | None:
        """Whom "he" or "she" at ``position`` refers to: the speaker of the last few sentences if the gender
        agrees, else the nearest person named before whose gender agrees, else the last speaker; at the top
        of an article, the first person named after."""
        last = self.last_speaker
        if last is not None and position - self.last_position < PRONOUN_REACH \
                and agrees(gender, self._person_gender(last)):
            return last
        nearby = self._candidates(position, reach=PRONOUN_REACH * 2)
        if gender is not None:   # the nearest person of that gender, else the nearest whose gender is unknown
            person = next((p for p in nearby if self._person_gender(p) == gender), None) or \
                next((p for p in nearby if self._person_gender(p) is None), None)
            if person is not None:
                return person
        person = self._previous_person(position)
        if person is not None and not agrees(gender, self._person_gender(person)):
            person = None
        person = person or (last if last is not None and agrees(gender, self._person_gender(last)) else None)
        if person is None and position < _TOP:
            person = self._forward_person(position)
        return person

    def _find(self, name: str) -> Person | None:
        for person in reversed(self.people):
            if person.name == name or _same_surname(person.surname, name.split()[-1]):
                return person
        return None

    def prepare(self, attributions: list[Attribution]) -> None:
        """Register every named source with its role first, so that earlier descriptions can be resolved."""
        for attribution in attributions:
            if attribution.source is None:
                continue
            start, end = attribution.source
            name, role = self.lookups.split(self.text[start:end])
            if name and not self.lookups.organisation(name):
                role = self._source_role(role, start, end)
                if role:
                    self._register(name, role, start)

    def resolve(self, attribution: Attribution) -> tuple[Person | None, str | None]:
        """The person behind a source span (or None), and the source phrase itself.

        A pronoun goes to a person whose gender agrees (from the pronoun, else a Russian cue's ending); an
        unnamed source ("a senior official", "officials who spoke on condition of anonymity", "источник")
        and any other indefinite phrase introduce someone new and go to nobody; a definite description goes
        to the person it describes (:meth:`_by_description`), else stays a description.
        """
        if attribution.source is None:
            return None, None
        start, end = attribution.source
        phrase = self.text[start:end]
        words = phrase.split()
        low = words[0].lower().strip(",") if words else ""
        cue = self.text[attribution.cue_start:attribution.cue_end]
        if low in _PRONOUNS or (len(words) <= 3 and low in ("his", "her", "его", "её", "ее")):
            person = self._pronoun(start, pronoun_gender(low) or cue_gender(cue))
            if person is not None and person not in self.people:
                person = self._register(person.name, person.role, person.position)
            return person, phrase
        if low in _UNRESOLVED and len(words) <= 2:
            return None, phrase   # "I said", "some say": nobody in particular
        if low in _RELATIVES and len(words) == 1:
            person = self._previous_person(start) or self.last_speaker
            return person, phrase
        if low in _PLURAL_PRONOUNS and len(words) <= 2 or self.lookups.state(phrase):
            return None, phrase
        if self.lexicons.outlets.whole(_core(phrase)):
            return None, phrase   # an outlet that reports: the source, of type media
        name, role = self.lookups.split(phrase)
        if name and len(name.split()) == 1 and phrase.startswith(name) and self.lookups.is_noun(name):
            name, role = None, role or phrase   # "Sources told CNN", "Officials said": a noun opening a sentence
        if name is None and role and low in _DEFINITE and not indefinite(phrase, is_noun=self.lookups.is_noun):
            person = self._by_description(role, start, cue_gender(cue))   # "the diplomat", "the Ukrainian leader"
            if person is not None:
                return self._register(person.name, person.role, person.position), phrase
        if name is None and self._unnamed(phrase) or self._unnamed_head(_core(phrase), name):
            return None, phrase   # someone new: never resolved to a person named elsewhere
        if name and self.lexicons.types.whole(phrase):
            return None, phrase   # an institution named by its type ("General Staff", "the Pentagon")
        if name and len(name.split()) == 1 and not self.lookups.side(name) and not self.lexicons.outlet_name(name):
            full = self._full_name(name, start)
            if full and len(full.split()) > 1:
                name = full
        if name and not self.lookups.organisation(name):
            # '"...," said Oleksandr Syrskyi, commander-in-chief of ...': the role after the source span
            person = self._register(name, self._source_role(role, start, end), start)
            return person, phrase
        if name is None and role:
            person = self._by_description(role, start, cue_gender(cue))
            if person is not None:
                return self._register(person.name, person.role, person.position), phrase
        return None, phrase

    def _unnamed(self, phrase: str) -> bool:
        """Whether a source phrase without a name introduces someone new: an unnamed source ("a European
        security official", "people familiar with the talks", "источник") or an indefinite or plural phrase
        ("two diplomats", "officials")."""
        return bool(self.lexicons.anonymous.search(phrase)) or indefinite(phrase, is_noun=self.lookups.is_noun) \
            or plural(phrase, is_noun=self.lookups.is_noun)

    def _unnamed_head(self, core: str, name: str | None) -> bool:
        """Whether an unnamed source heads a phrase that names someone after it ("two sources close to
        Zelensky", "источники Baza"): the named one is not the speaker."""
        found = self.lexicons.anonymous.search(core)
        if found is None or name is None:
            return False
        at = core.find(name.split()[0])
        return at < 0 or found.start() < at


    # -- the row
    def describe(self, attribution: Attribution, frame: str, content: str) -> Described:
        """Speaker, type, side (and why), anonymity, relay, channel and kind of one attribution (in article
        order)."""
        person, phrase = self.resolve(attribution)
        anonymous = False
        if person is None and phrase is not None:   # the aside counts only when it withholds a name
            anonymous = bool(self.lexicons.anonymous.search(_core(phrase)) or _EXPLICITLY_ANONYMOUS.search(phrase))
        if person is None and _may_be_anonymous(frame) and _EXPLICITLY_ANONYMOUS.search(frame):
            anonymous = True
        group = self._group_pronoun(phrase, attribution)
        if group is not None:   # "they" after unnamed officials: the same officials
            described = Described(**{**group.__dict__, "kind": self._kind(attribution)})
            self._group = (described, attribution.cue_end)
            return described
        speaker = self._speaker(person, phrase)
        outlet = self.lexicons.outlet_name(phrase) if phrase and person is None else None
        if person is None and outlet is None and self._outlet_reference(phrase):
            outlet = speaker = self._last_outlet   # "The newspaper said": the outlet named just before
        known = self.lookups.known(person.name) if person else None
        role = person.role if person else None
        if anonymous:
            source_type = "anonymous"
        elif person is None and phrase and self.lookups.state(phrase):
            source_type = "government"   # "Moscow views this as a threat", "Ukraine announced"
        else:
            media = "media" if phrase and self.lexicons.outlet_name(phrase) else None
            source_type = (self.lookups.type(role or "") or (known.source_type if known else None)
                           or self.lookups.type(_core(phrase or "")) or media or "unknown")
        side, side_reason = self._side_of(person, phrase, role, known, outlet)
        relayed = bool(not anonymous and phrase and content and _RELAY.search(content))
        channel = self._channel(frame, phrase, person, speaker, attribution)
        if outlet and speaker == self._last_outlet and channel is None:
            channel, source_type = f"media:{outlet}", "media"
        if outlet and channel == f"media:{outlet}":
            self._last_outlet, self._last_outlet_end = outlet, attribution.cue_end
        if person is not None and person.source_type is None:
            person.source_type, person.side = source_type, side
        if person is not None:
            self.last_speaker = person
            self.last_position = attribution.cue_start
        described = Described(speaker=speaker, source_type=source_type, side=side, anonymous=anonymous,
                              relayed=relayed, channel=channel, kind=self._kind(attribution), side_reason=side_reason)
        if person is None and phrase is not None and (anonymous or plural(phrase, is_noun=self.lookups.is_noun)):
            self._group = (described, attribution.cue_end)
        return described

    def _group_pronoun(self, phrase: str | None, attribution: Attribution) -> Described | None:
        """What "they" (они) as a source repeats: the unnamed or plural source of a cue just before it."""
        if phrase is None or phrase.strip().lower() not in _GROUP_PRONOUNS or self._group is None:
            return None
        described, end = self._group
        return described if attribution.cue_start - end <= PRONOUN_REACH else None

    def _outlet_reference(self, phrase: str | None) -> bool:
        """Whether a source phrase is a definite description of an outlet ("the newspaper", "издание")."""
        if phrase is None or self._last_outlet is None:
            return False
        words = phrase.split()
        return len(words) <= 3 and (words[0].lower() in _DEFINITE or len(words) == 1) \
            and self.lookups.type(phrase) == "media" and not self.lexicons.anonymous.search(phrase)

    def _side_of(self, person: Person | None, phrase: str | None, role: str | None, known: KnownPerson | None,
                 outlet: str | None) -> tuple[str, str]:
        """The side of a source and the reason for it (see :data:`SIDE_REASONS`)."""
        if role and self.lookups.side(role):
            return self.lookups.side(role), "role"
        if known:
            return known.side, "known_person"
        if phrase and self.lookups.side(_core(phrase)):
            return self.lookups.side(_core(phrase)), "source_phrase"
        if person is not None and self.lookups.side(person.name):
            return self.lookups.side(person.name), "name"
        if outlet and self.lexicons.outlet_sides.get(outlet):
            return self.lexicons.outlet_sides[outlet], "outlet_country"
        if phrase is None:
            return "unknown", "no_source"
        if outlet:
            return "unknown", "outlet_without_country"
        if person is not None:
            return "unknown", "person_not_in_pack"
        low = phrase.split()[0].lower().strip(",") if phrase.split() else ""
        if low in _PRONOUNS | _PLURAL_PRONOUNS | _RELATIVES | _UNRESOLVED:
            return "unknown", "unresolved_reference"
        return "unknown", "description_without_side"

    def _speaker(self, person: Person | None, phrase: str | None) -> str | None:
        if person is not None:
            role = person.role
            if role is None:
                known = self.lookups.known(person.name)
                role = known.role if known else None
            return f"{person.name}, {role}" if role else person.name
        if phrase is None:
            return None
        words = phrase.split()
        if words and len(words) <= 2 and words[-1].lower() in _PRONOUNS | _PLURAL_PRONOUNS | _RELATIVES | _UNRESOLVED:
            return None
        return _strip_brackets(_core(phrase)) or None

    def _channel(self, frame: str, phrase: str | None, person: Person | None, speaker: str | None,
                 attribution: Attribution) -> str | None:
        """The channel of an attribution: a platform; words told to an outlet (``interview:Outlet``); an
        outlet that reports (``media:Outlet``); a setting; else the channel of the same speaker's cue just
        before (a follow-up: "she added")."""
        lexicons = self.lexicons
        words = Words.of(frame)
        named_channel = lexicons.channel(words)
        if named_channel in lexicons.platforms:
            return self._remember(speaker, named_channel, attribution)
        if person is None and phrase and lexicons.outlets.whole(_core(phrase)):
            return f"media:{lexicons.outlet_name(phrase)}"   # the outlet is the source ("как сообщил Интерфакс")
        named = lexicons.outlet_name(words)
        found = lexicons.interview.search(frame) if named else None
        if found:
            outlet = next(v for v in found.groupdict().values() if v)
            return self._remember(speaker, f"interview:{lexicons.outlet_name(outlet) or outlet}", attribution)
        outlet = lexicons.outlet_name(phrase) if phrase else None
        if outlet and person is not None and not lexicons.outlet_name(person.name) \
                and self.lookups.type(person.role or "") != "media":
            # "Как рассказал РИА Новости глава МИД ...": the outlet the named speaker talked to
            return self._remember(speaker, f"interview:{outlet}", attribution)
        if outlet:
            return f"media:{outlet}"
        found = lexicons.media.search(frame) if named else None
        if found:
            outlet = next(v for v in found.groupdict().values() if v)
            return f"media:{lexicons.outlet_name(outlet) or outlet}"
        if named_channel:
            return self._remember(speaker, named_channel, attribution)
        low = frame.lower()
        if "interview" in low or "интервью" in low:
            return self._remember(speaker, "interview", attribution)
        if attribution.cue.lemma in _CITING and self._last_outlet_end is not None \
                and attribution.cue_start - self._last_outlet_end <= CITING_REACH:
            # "Axios reported, citing two sources briefed on the meeting": the sources spoke to the outlet
            return self._remember(speaker, f"interview:{self._last_outlet}", attribution)
        previous = self.last_channel.get(speaker) if speaker else None
        if previous is not None:
            channel, position = previous
            if attribution.cue_start - position <= CHANNEL_CARRY or \
                    (attribution.cue.lemma in _WRITTEN and channel in lexicons.platforms):
                return self._remember(speaker, channel, attribution)
        return self._remember(speaker, None, attribution)

    def _remember(self, speaker: str | None, channel: str | None, attribution: Attribution) -> str | None:
        if speaker:
            self.last_channel[speaker] = (channel, attribution.cue_end)
        return channel

    def _kind(self, attribution: Attribution) -> str:
        if attribution.content is None:
            return "indirect"
        start, end = attribution.content
        inside = self.quotes.within(start, end)
        if inside and inside[0][0] == start and inside[-1][1] == end:
            return "direct"
        return "mixed" if inside else "indirect"
