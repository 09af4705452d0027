"""Which words signal an attribution, and what do they say about the source and the channel?

Reads and validates the sourcing family's three lexicons in ``analysis/lexicons/``:

* ``reporting_verbs.yaml``: reporting cues (verbs and "according to"-type prepositions, English and
  Russian), each with its lemma and class (neutral, distancing, endorsing, conceding, ...);
* ``sources.yaml``: role and organisation terms that give a speaker's source type and side, the
  patterns of anonymous sources, and well-known office holders;
* ``channels.yaml``: platforms, settings (press conference, video address, statement) and outlets.

A malformed entry is a :class:`~analysis.errors.CorpusError` naming the file and the entry. The
combined :attr:`Lexicons.version` enters the family's ``VERSION`` and so every cache key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from analysis.config import PACKAGE, read_yaml
from analysis.errors import CorpusError

LEXICONS = PACKAGE / "lexicons"
VERBS_FILE = LEXICONS / "reporting_verbs.yaml"
SOURCES_FILE = LEXICONS / "sources.yaml"
CHANNELS_FILE = LEXICONS / "channels.yaml"

LANGUAGES = ("en", "ru")
SIDES = ("russia", "ukraine", "united_states", "nato_eu", "other", "unknown")
SOURCE_TYPES = ("government", "military", "legislator", "expert", "media", "activist", "ordinary", "document",
                "other", "anonymous", "unknown")
_VERB_KEYS = {"lemma", "class", "language", "forms", "pattern", "addressee", "note", "source"}
_PATTERNS = ("verb", "preposition")


@dataclass(frozen=True)
class Cue:
    """One reporting cue of ``reporting_verbs.yaml``."""

    lemma: str
    verb_class: str
    language: str
    forms: tuple[tuple[str, ...], ...]
    preposition: bool = False
    addressee: bool = False


@dataclass(frozen=True)
class Person:
    """A well-known office holder of ``sources.yaml``."""

    name: str
    side: str
    source_type: str
    role: str


_TERM_WORD = re.compile(r"\w+(?:[.'’\-]\w+)*\.?")


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
        text = re.sub(r"^(?:the|The)\s+", "", text.strip())
        found = self.find(text)
        if len(found) != 1 or found[0][0] != 0:
            return None
        words = _TERM_WORD.findall(text.replace("-", " "))
        label = found[0][1]
        if len(words) == 1 or any(len(p) == len(words) for p, _ in self.phrases.get(words[0].lower(), ())):
            return label
        return None

    def labels(self, text: str) -> set[str]:
        """Every label whose terms occur in ``text``."""
        return {label for _, label in self.find(text)}


@lru_cache(maxsize=1 << 16)
def _find_short(terms: Terms, text: str) -> list[tuple[int, str]]:
    """:meth:`Terms.find` of a short text (names and roles recur across articles)."""
    return terms._find(Words.of(text))


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

    version: str
    classes: dict[str, str]
    cues: dict[str, tuple[tuple[tuple[str, ...], Cue], ...]]
    types: Terms
    type_order: tuple[str, ...]
    sides: Terms
    anonymous: re.Pattern
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


def _where(path: Path, index: int, entry: object) -> str:
    label = entry.get("lemma") or entry.get("name") or entry.get("type") or entry.get("side") \
        or entry.get("channel") or entry.get("pattern") if isinstance(entry, dict) else entry
    return f"{path.name}: entry {index + 1} ({label!r})"


def _documented(path: Path, index: int, entry: object) -> dict:
    if not isinstance(entry, dict):
        raise CorpusError(f"{_where(path, index, entry)}: expected a mapping")
    for key in ("note", "source"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise CorpusError(f"{_where(path, index, entry)}: needs a text field {key!r} saying "
                              f"{'what it does' if key == 'note' else 'where the usage is documented'}")
    return entry


def _string_list(path: Path, index: int, entry: dict, key: str) -> list[str]:
    values = entry.get(key)
    if not isinstance(values, list) or not values or not all(isinstance(v, str) and v.strip() for v in values):
        raise CorpusError(f"{_where(path, index, entry)}: {key!r} must be a non-empty list of text")
    return values


def _regex(path: Path, index: int, entry: dict, pattern: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as error:
        raise CorpusError(f"{_where(path, index, entry)}: invalid regular expression {pattern!r}: {error}") from None


def _load_verbs(path: Path) -> tuple[dict[str, str], list[Cue], str]:
    data, digest = read_yaml(path, required=("version", "classes", "verbs"))
    classes = data["classes"]
    if not isinstance(classes, dict) or not classes:
        raise CorpusError(f"{path.name}: 'classes' must be a mapping of class name to its note and source")
    for name, entry in classes.items():
        _documented(path, 0, {"lemma": name, **(entry if isinstance(entry, dict) else {})})
    if not isinstance(data["verbs"], list):
        raise CorpusError(f"{path.name}: 'verbs' must be a list of entries")
    cues, seen = [], {}
    for index, entry in enumerate(data["verbs"]):
        entry = _documented(path, index, entry)
        where = _where(path, index, entry)
        unknown = set(entry) - _VERB_KEYS
        if unknown:
            raise CorpusError(f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(_VERB_KEYS)}")
        if not isinstance(entry.get("lemma"), str):
            raise CorpusError(f"{where}: needs a text field 'lemma'")
        if entry.get("class") not in classes:
            raise CorpusError(f"{where}: class {entry.get('class')!r} is not one of {sorted(classes)}")
        if entry.get("language") not in LANGUAGES:
            raise CorpusError(f"{where}: language {entry.get('language')!r} is not one of {list(LANGUAGES)}")
        pattern = entry.get("pattern", "verb")
        if pattern not in _PATTERNS:
            raise CorpusError(f"{where}: pattern {pattern!r} is not one of {list(_PATTERNS)}")
        forms = tuple(tuple(form.lower().split()) for form in _string_list(path, index, entry, "forms"))
        for form in forms:
            if form in seen:
                raise CorpusError(f"{where}: form {' '.join(form)!r} is already listed under {seen[form]!r}")
            seen[form] = entry["lemma"]
        cues.append(Cue(lemma=entry["lemma"], verb_class=entry["class"], language=entry["language"], forms=forms,
                        preposition=pattern == "preposition", addressee=bool(entry.get("addressee", False))))
    return {name: entry["note"] for name, entry in classes.items()}, cues, f"{data['version']}:{digest}"


def _load_sources(path: Path):
    data, digest = read_yaml(path, required=("version", "types", "sides", "anonymous", "people"))
    types, order = [], []
    for index, entry in enumerate(data["types"]):
        entry = _documented(path, index, entry)
        if entry.get("type") not in SOURCE_TYPES:
            raise CorpusError(f"{_where(path, index, entry)}: type {entry.get('type')!r} is not one of "
                              f"{list(SOURCE_TYPES)}")
        terms = _string_list(path, index, entry, "terms")
        types += [(t, entry["type"]) for t in terms]
        order.append(entry["type"])
    people = {}
    for index, entry in enumerate(data["people"]):
        entry = _documented(path, index, entry)
        where = _where(path, index, entry)
        if entry.get("side") not in SIDES or entry.get("type") not in SOURCE_TYPES:
            raise CorpusError(f"{where}: needs a side in {list(SIDES)} and a type in {list(SOURCE_TYPES)}")
        if not isinstance(entry.get("name"), str) or not isinstance(entry.get("role"), str):
            raise CorpusError(f"{where}: needs text fields 'name' and 'role'")
        person = Person(entry["name"], entry["side"], entry["type"], entry["role"])
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            people[alias.lower()] = person
    labelled = []
    for index, entry in enumerate(data["sides"]):
        entry = _documented(path, index, entry)
        if entry.get("side") not in SIDES:
            raise CorpusError(f"{_where(path, index, entry)}: side {entry.get('side')!r} is not one of {list(SIDES)}")
        terms = _string_list(path, index, entry, "terms")
        # a known person's name in a role marks the side too ("deputy head of Vladimir Zelensky's office")
        terms += [alias for alias, person in people.items() if person.side == entry["side"]]
        labelled += [(term, entry["side"]) for term in terms]
    sides = Terms.build(labelled)
    anonymous = []
    for index, entry in enumerate(data["anonymous"]):
        entry = _documented(path, index, entry)
        anonymous.append(_regex(path, index, entry, entry.get("pattern", ""), re.IGNORECASE).pattern)
    return (Terms.build(types), tuple(order), sides, re.compile("|".join(anonymous), re.IGNORECASE), people,
            f"{data['version']}:{digest}")


def _load_channels(path: Path):
    data, digest = read_yaml(path, required=("version", "platforms", "settings", "interview_patterns",
                                             "media_patterns", "outlets"))

    def channel_terms(key: str) -> list[tuple[str, str]]:
        labelled = []
        for index, entry in enumerate(data[key]):
            entry = _documented(path, index, entry)
            if not isinstance(entry.get("channel"), str):
                raise CorpusError(f"{_where(path, index, entry)}: needs a text field 'channel'")
            labelled += [(term, entry["channel"]) for term in _string_list(path, index, entry, "terms")]
        return labelled

    platforms, settings = channel_terms("platforms"), channel_terms("settings")
    channels = Terms.build([*platforms, *settings])
    platform_names = frozenset(label for _, label in platforms)
    labelled, alternatives, outlet_sides = [], [], {}
    for index, entry in enumerate(data["outlets"]):
        entry = _documented(path, index, entry)
        if not isinstance(entry.get("name"), str) or entry.get("side") not in SIDES:
            raise CorpusError(f"{_where(path, index, entry)}: needs a text field 'name' and a side in {list(SIDES)}")
        outlet_sides[entry["name"]] = entry["side"]
        for term in _string_list(path, index, entry, "terms"):
            labelled.append((term, entry["name"]))
            body = r"[\s\-]+".join(re.escape(w) for w in term.rstrip("*").split())
            ending = r"\w*" if term.endswith("*") else ""
            alternatives.append(rf"(?<!\w){body}{ending}(?!\w)")
    outlet_any = "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"

    def framed(key: str) -> re.Pattern:
        parts = []
        for index, entry in enumerate(data[key]):
            entry = _documented(path, index, entry)
            if "{outlet}" not in str(entry.get("pattern")):
                raise CorpusError(f"{_where(path, index, entry)}: 'pattern' must contain {{outlet}}")
            parts.append(entry["pattern"].replace("{outlet}", f"(?P<outlet{index}>{outlet_any})"))
        return _regex(path, 0, {"pattern": key}, "|".join(f"(?:{p})" for p in parts))

    return (channels, platform_names, Terms.build(labelled, case_sensitive=True), outlet_sides,
            framed("interview_patterns"), framed("media_patterns"), f"{data['version']}:{digest}")


def load(*, verbs: Path = VERBS_FILE, sources: Path = SOURCES_FILE, channels: Path = CHANNELS_FILE) -> Lexicons:
    """Read, validate and compile the three sourcing lexicons.

    Raises:
        CorpusError: Naming the file and entry when a lexicon is malformed.
    """
    classes, cue_list, verbs_version = _load_verbs(verbs)
    types, type_order, sides, anonymous, people, sources_version = _load_sources(sources)
    channel_terms, platforms, outlets, outlet_sides, interview, media, channels_version = _load_channels(channels)
    by_first: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    forms: dict[str, Cue] = {}
    for cue in cue_list:
        for form in cue.forms:
            by_first.setdefault(form[0], []).append((form, cue))
            forms[" ".join(form)] = cue
    cues = {word: tuple(sorted(entries, key=lambda e: -len(e[0]))) for word, entries in by_first.items()}
    version = hashlib.sha256(f"{verbs_version}|{sources_version}|{channels_version}".encode()).hexdigest()[:12]
    return Lexicons(version=version, classes=classes, cues=cues, types=types, type_order=type_order, sides=sides,
                    anonymous=anonymous, verb_words=frozenset(word for word, entries in cues.items()
                                                              if any(not cue.preposition for _, cue in entries)),
                    people=people, channels=channel_terms, platforms=platforms, outlets=outlets,
                    outlet_sides=outlet_sides, interview=interview, media=media, forms=forms)


@cache
def lexicons() -> Lexicons:
    """The package's sourcing lexicons (read once per process)."""
    return load()
