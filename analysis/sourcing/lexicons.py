"""Which words signal an attribution, and what do they say about the source and the channel?

Compiles the sourcing family's vocabulary, validated by :mod:`analysis.schema`:

* the reporting cues of :mod:`analysis.cues` (``analysis/lexicons/reporting_verbs.yaml``: verbs and
  "according to"-type prepositions, English and Russian, each with its lemma and class);
* ``sources.yaml``: the package's role terms (source types), anonymity patterns and role concepts (what a
  description such as "the Ukrainian leader" may name), extended by the
  topic pack's institutions, the terms that mark each side, and well-known office holders;
* ``channels.yaml``: platforms, settings (press conference, video address, statement) and outlets, each
  outlet with its country, which the pack's sides map to a side.

A malformed entry is a :class:`~analysis.errors.CorpusError` naming the file, the entry and the field.
Every byte of these files enters the cache key of the sourcing mentions (:mod:`analysis.cache`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from analysis import cues as cues_module
from analysis import schema
from analysis import topic as topic_module
from analysis.config import PACKAGE
from analysis.cues import Cue
from analysis.schema import SOURCE_TYPES  # noqa: F401  (the source types, documented in sources.yaml)
from analysis.topic import Topic

LEXICONS = PACKAGE / "lexicons"
#: Data files this module reads (a pack's sources.yaml and channels.yaml are covered by its digest; the
#: reporting verbs are read by :mod:`analysis.cues`).
READS = ("lexicons/sources.yaml", "lexicons/channels.yaml")
LANGUAGES = schema.LANGUAGES
#: Results one :class:`Memo` keeps before it starts over: enough for the names, roles and phrases that recur
#: across a corpus, small enough (a few MB per memo) that memory stays flat over any number of articles.
MEMO_SIZE = 1 << 14


@dataclass(frozen=True)
class Person:
    """A well-known office holder of ``sources.yaml``."""

    name: str
    side: str
    source_type: str
    role: str


class Memo(dict):
    """The results of a pure function of the lexicons, kept across articles: ``memo[key]`` computes a missing one.

    Names, roles and source phrases recur from article to article, and looking them up in the lexicons again
    costs more than the rest of describing a source. The memo is emptied whenever it holds ``size`` results,
    which bounds its memory however many articles one process reads.
    """

    def __init__(self, function: Callable[[Hashable], object], *, size: int = MEMO_SIZE) -> None:
        super().__init__()
        self.function = function
        self.size = size

    def __missing__(self, key: Hashable) -> object:
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.function(key)
        return value


_TERM_WORD = re.compile(r"\w+(?:[.'’\-]\w+)*\.?")
_LEADING_THE = re.compile(r"^(?:the|The)\s+")


class Words:
    """The words of a text as :class:`Terms` look them up: offsets, words, without possessives, lower case."""

    __slots__ = ("starts", "words", "bares", "lows")

    def __init__(self, starts: list[int], words: list[str]) -> None:
        self.starts = starts
        self.words = words
        self.bares = [w[:-2] if w.endswith(("'s", "’s")) else w[:-1] if w.endswith(".") else w for w in words]
        self.lows = [b.lower() for b in self.bares]

    @classmethod
    def of(cls, text: str) -> Words:
        matches = list(_TERM_WORD.finditer(text.replace("-", " ")))
        return cls([m.start() for m in matches], [m.group() for m in matches])


@dataclass(frozen=True, eq=False)
class Terms:
    """Lexicon terms mapped to labels, found by looking words up rather than by one large regular expression.

    Terms are whole words, case-insensitive unless written in capitals ("US", "EU"), with ``*`` for
    any ending ("росси*") and several words for phrases ("Verkhovna Rada"); a possessive "'s" is ignored.
    """

    words: dict[str, str]
    exact: dict[str, str]
    stems: tuple[tuple[str, str], ...]
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    prefixes: tuple[str, ...] = ()
    case_sensitive: bool = False

    @classmethod
    def build(cls, labelled: Iterable[tuple[str, str]], *, case_sensitive: bool = False) -> Terms:
        fold = (lambda w: w) if case_sensitive else str.lower
        words: dict[str, str] = {}
        exact: dict[str, str] = {}
        stems: list[tuple[str, str]] = []
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for term, label in labelled:
            parts = term.replace("-", " ").split()
            if len(parts) > 1:
                key = tuple(fold(_bare(p)) for p in parts)
                phrases.setdefault(key[0], []).append((key, label))
            elif term.endswith("*"):
                stems.append((fold(term[:-1]), label))
            elif _exact_case(term) or case_sensitive:
                exact.setdefault(term, label)
                exact.setdefault(_bare(term), label)
            else:
                words.setdefault(_bare(term).lower(), label)
        ordered = {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in phrases.items()}
        return cls(words, exact, tuple(stems), ordered, tuple(stem for stem, _ in stems), case_sensitive)

    def find(self, text: str | Words) -> list[tuple[int, str]]:
        """(offset, label) of every term in ``text`` (or its :class:`Words`), in text order."""
        if isinstance(text, str):
            return _find_short(self, text) if len(text) < 120 else self._find(Words.of(text))
        return self._find(text)

    def _find(self, words: Words) -> list[tuple[int, str]]:
        bares = words.bares
        lows = bares if self.case_sensitive else words.lows
        exact, single, phrases, prefixes = self.exact, self.words, self.phrases, self.prefixes
        found = []
        for i, low in enumerate(lows):
            label = single.get(low)
            if low in phrases:
                for phrase, phrase_label in phrases[low]:
                    if len(lows) - i >= len(phrase) and all(
                            w == p or (p.endswith("*") and w.startswith(p[:-1])) for w, p in zip(lows[i:], phrase)):
                        label = phrase_label
                        break
            if label is None and exact:
                label = exact.get(words.words[i]) or exact.get(bares[i])
            if label is None and prefixes and low.startswith(prefixes):
                label = next(lab for stem, lab in self.stems if low.startswith(stem))
            if label is not None:
                found.append((words.starts[i], label))
        return found

    def first(self, text: str | Words) -> str | None:
        """The label of the earliest term in ``text``."""
        found = self.find(text)
        return found[0][1] if found else None

    def whole(self, text: str) -> str | None:
        """The label if ``text`` is exactly one term ("Kiev", "the Kremlin" without its article), else None."""
        return _whole(self, text)

    def labels(self, text: str) -> set[str]:
        """Every label whose terms occur in ``text``."""
        return {label for _, label in self.find(text)}


@lru_cache(maxsize=1 << 16)
def _find_short(terms: Terms, text: str) -> list[tuple[int, str]]:
    """:meth:`Terms.find` of a short text (names and roles recur across articles)."""
    return terms._find(Words.of(text))


@lru_cache(maxsize=MEMO_SIZE)
def _whole(terms: Terms, text: str) -> str | None:
    """:meth:`Terms.whole` (cached: the same names and source phrases are tested again and again)."""
    text = _LEADING_THE.sub("", text.strip())
    found = terms.find(text)
    if len(found) != 1 or found[0][0] != 0:
        return None
    words = _TERM_WORD.findall(text.replace("-", " "))
    label = found[0][1]
    fold = (lambda w: _bare(w)) if terms.case_sensitive else (lambda w: _bare(w).lower())
    key = [fold(w) for w in words]
    if len(words) == 1 or any(len(p) == len(key) and all(w == q or (q.endswith("*") and w.startswith(q[:-1]))
                                                         for w, q in zip(key, p))
                              for p, _ in terms.phrases.get(key[0], ())):
        return label   # the whole text is one phrase ("Western officials" is not "Western Sahara")
    return None


def _bare(word: str) -> str:
    """A word without a possessive or a final full stop ("Zelensky’s" -> "Zelensky", "Sen." -> "Sen")."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(".") else word


def _exact_case(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class Lexicons:
    """Everything the sourcing family reads from its lexicons, compiled for matching."""

    classes: dict[str, str]
    cues: dict[str, tuple[tuple[tuple[str, ...], Cue], ...]]
    types: Terms
    type_order: tuple[str, ...]
    sides: Terms
    anonymous: re.Pattern
    roles: Terms
    people: dict[str, Person]
    channels: Terms
    platforms: frozenset[str]
    outlets: Terms
    outlet_sides: dict[str, str]
    interview: re.Pattern
    media: re.Pattern
    forms: dict[str, Cue] = field(default_factory=dict)
    #: First words of verb cues (not of prepositions like "по словам"): a noun phrase does not run through them.
    verb_words: frozenset[str] = frozenset()
    #: The pack's headline words that are never a speaker before a colon ("Ukraine: ...").
    not_speakers: frozenset[str] = frozenset()

    def source_type(self, text: str) -> str | None:
        """The first type, in the order of ``sources.yaml``, whose terms occur in ``text``."""
        found = self.types.labels(text)
        return next((t for t in self.type_order if t in found), None) if found else None

    def cue_for(self, words: Iterable[str]) -> Cue | None:
        """The cue whose surface form is exactly ``words`` (lower case), if any."""
        return self.forms.get(" ".join(words))

    def outlet_name(self, text: str | Words) -> str | None:
        """The display name of the first outlet named in ``text``."""
        return self.outlets.first(text)

    def channel(self, text: str | Words) -> str | None:
        """The channel named in ``text``: the first platform if any (Telegram, X/Twitter), else the first
        setting (press conference, statement)."""
        found = [label for _, label in self.channels.find(text)]
        return next((c for c in found if c in self.platforms), found[0] if found else None)


def _load_sources(sources: schema.SourcesFile):
    types = [(term, entry.type) for entry in sources.types for term in entry.terms]
    order = tuple(entry.type for entry in sources.types)
    people = {}
    for entry in sources.people:
        person = Person(entry.name, entry.side, entry.type, entry.role)
        for alias in [entry.name, *entry.aliases]:
            people[alias.lower()] = person
    labelled = []
    for entry in sources.sides:
        # a known person's name in a role marks the side too ("deputy head of Vladimir Zelensky's office")
        terms = [*entry.terms, *(alias for alias, person in people.items() if person.side == entry.side)]
        labelled += [(term, entry.side) for term in terms]
    anonymous = re.compile("|".join(entry.pattern for entry in sources.anonymous), re.IGNORECASE)
    roles = Terms.build([(term, entry.role) for entry in sources.roles for term in entry.terms])
    return Terms.build(types), order, Terms.build(labelled), anonymous, roles, people


def _load_channels(channels: schema.ChannelsFile, country_sides: dict[str, str]):
    def channel_terms(entries) -> list[tuple[str, str]]:
        return [(term, entry.channel) for entry in entries for term in entry.terms]

    platforms, settings = channel_terms(channels.platforms), channel_terms(channels.settings)
    terms = Terms.build([*platforms, *settings])
    platform_names = frozenset(label for _, label in platforms)
    labelled, alternatives, outlet_sides = [], [], {}
    for entry in channels.outlets:
        side = country_sides.get(entry.country)
        if side is not None:
            outlet_sides[entry.name] = side
        for term in entry.terms:
            labelled.append((term, entry.name))
            body = r"[\s\-]+".join(re.escape(w) for w in term.rstrip("*").split())
            ending = r"\w*" if term.endswith("*") else ""
            alternatives.append(rf"(?<!\w){body}{ending}(?!\w)")
    outlet_any = "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"

    def framed(entries: list[schema.FramedPattern]) -> re.Pattern:
        parts = [entry.pattern.replace("{outlet}", f"(?P<outlet{index}>{outlet_any})")
                 for index, entry in enumerate(entries)]
        return re.compile("|".join(f"(?:{p})" for p in parts))

    return (terms, platform_names, Terms.build(labelled, case_sensitive=True), outlet_sides,
            framed(channels.interview_patterns), framed(channels.media_patterns))


def load(topic: Topic) -> Lexicons:
    """Read, validate and compile the sourcing vocabulary of a topic: the package's reporting verbs,
    channels, roles and anonymity patterns, extended by the pack's sides, institutions and office holders.

    Raises:
        CorpusError: Naming the file and entry when a vocabulary file is malformed.
    """
    verbs = cues_module.reporting_verbs()
    classes, cue_list = verbs.classes, verbs.cues
    sources = topic_module.vocabulary(topic, schema.SourcesFile, "sources.yaml")
    types, type_order, sides, anonymous, roles, people = _load_sources(sources)
    channels = topic_module.vocabulary(topic, schema.ChannelsFile, "channels.yaml")
    channel_terms, platforms, outlets, outlet_sides, interview, media = _load_channels(channels, topic.country_sides())
    by_first: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    forms: dict[str, Cue] = {}
    for cue in cue_list:
        for form in cue.forms:
            by_first.setdefault(form[0], []).append((form, cue))
            forms[" ".join(form)] = cue
    cues = {word: tuple(sorted(entries, key=lambda e: -len(e[0]))) for word, entries in by_first.items()}
    return Lexicons(classes=classes, cues=cues, types=types, type_order=type_order, sides=sides,
                    anonymous=anonymous, roles=roles, verb_words=frozenset(word for word, entries in cues.items()
                                                              if any(not cue.preposition for _, cue in entries)),
                    people=people, channels=channel_terms, platforms=platforms, outlets=outlets,
                    outlet_sides=outlet_sides, interview=interview, media=media, forms=forms,
                    not_speakers=topic.not_speakers)


@cache
def for_topic(topic: Topic) -> Lexicons:
    """The sourcing vocabulary of a topic pack (compiled once per pack and process)."""
    return load(topic)
