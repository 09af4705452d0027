"""The designations vocabulary as data: types, statuses, authorities, patrons and self-labels, validated
with errors that name the file and the entry (``analysis/lexicons/designations.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis.config import PACKAGE, read_yaml
from analysis.errors import CorpusError

LEXICON = PACKAGE / "lexicons" / "designations.yaml"


@dataclass(frozen=True)
class Status:
    """Words that carry one status in one language ("banned", "запрещ[её]н\\w*")."""

    designation: str
    canonical: str
    language: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Authority:
    """A designating authority and the ways texts name it."""

    name: str
    pattern: re.Pattern


@dataclass(frozen=True)
class Patron:
    """A state or government in an affiliation label ("Kremlin" in "Kremlin-backed")."""

    canonical: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class SelfLabel:
    """A label that needs no patron ("self-proclaimed", "пророссийский")."""

    designation: str
    canonical: str
    language: str
    pattern: str


@dataclass(frozen=True)
class Lexicon:
    """The vocabulary of ``lexicons/designations.yaml``, validated."""

    version: str
    digest: str
    types: tuple[str, ...]
    statuses: tuple[Status, ...]
    status_nouns: dict[str, tuple[str, ...]]
    participles: dict[str, tuple[str, ...]]
    finite: dict[str, tuple[str, ...]]
    registers: dict[str, tuple[str, ...]]
    authorities: tuple[Authority, ...]
    authority_terms: dict[str, tuple[str, ...]]
    patrons: tuple[Patron, ...]
    relations: dict[str, str]
    self_labels: tuple[SelfLabel, ...]
    nouns: dict[str, tuple[str, ...]]
    triggers: dict[str, tuple[str, ...]]
    path: Path = field(default=LEXICON, compare=False)


def _where(path: Path, section: str, index: int | None = None, entry: dict | None = None) -> str:
    label = f"{path}: {section}"
    if index is not None:
        name = ""
        if isinstance(entry, dict):
            keys = ("name", "canonical", "designation", "language")
            name = next((entry[key] for key in keys if entry.get(key)), "")
        label += f" entry {index + 1}" + (f" ({name!r})" if name else "")
    return label


def _require(entry, keys: tuple[str, ...], where: str) -> dict:
    if not isinstance(entry, dict):
        raise CorpusError(f"{where}: must be a mapping, got {entry!r}")
    for key in keys:
        if entry.get(key) in (None, "", []):
            raise CorpusError(f"{where}: missing {key!r}")
    return entry


def _patterns(values, where: str, *, key: str = "patterns") -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise CorpusError(f"{where}: {key!r} must be a non-empty list")
    out = []
    for value in values:
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(f"{where}: {key!r} has an empty or non-text item {value!r}")
        try:
            compiled = re.compile(value)
        except re.error as error:
            raise CorpusError(f"{where}: invalid regular expression {value!r} in {key!r}: {error}") from None
        if compiled.groups:
            raise CorpusError(f"{where}: {value!r} in {key!r} has a capturing group; use (?:...)")
        out.append(value)
    return tuple(out)


def alt(patterns: Iterable[str]) -> str:
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(ordered) + ")"


def literal(names: Iterable[str]) -> str:
    return alt(re.escape(n) for n in names)


def load_lexicon(path: Path = LEXICON) -> Lexicon:
    """Read and validate a designations lexicon.

    Raises:
        CorpusError: Naming the file and the entry when the file is malformed.
    """
    data, digest = read_yaml(path, required=("version", "types", "statuses", "verbs", "authorities", "patrons",
                                             "relations", "self_labels", "nouns", "triggers", "status_nouns",
                                             "registers"))
    types = []
    for i, entry in enumerate(data["types"] or []):
        where = _where(path, "types", i, entry)
        _require(entry, ("name", "note", "source"), where)
        types.append(entry["name"])
    known = set(types)

    def designation_of(entry: dict, where: str) -> str:
        value = entry.get("designation")
        if value not in known:
            raise CorpusError(f"{where}: designation {value!r} is not one of the types {sorted(known)}")
        return value

    statuses = []
    for i, entry in enumerate(data["statuses"] or []):
        where = _where(path, "statuses", i, entry)
        _require(entry, ("designation", "canonical", "language", "patterns", "note", "source"), where)
        designation = designation_of(entry, where)
        pattern = re.compile(r"\b" + alt(_patterns(entry["patterns"], where)) + r"\b", re.IGNORECASE)
        statuses.append(Status(designation, entry["canonical"], entry["language"], pattern))

    def by_language(section: str, keys: tuple[str, ...]) -> dict[str, dict[str, tuple[str, ...]]]:
        out: dict[str, dict[str, tuple[str, ...]]] = {}
        for i, entry in enumerate(data[section] or []):
            where = _where(path, section, i, entry)
            _require(entry, ("language", *keys, "note", "source"), where)
            out[entry["language"]] = {key: _patterns(entry[key], where, key=key) for key in keys}
        return out

    nouns_by_language = by_language("status_nouns", ("patterns",))
    verbs = by_language("verbs", ("participles", "finite"))
    registers = by_language("registers", ("patterns",))

    authorities, terms = [], {"names": [], "adjectives": [], "ru": []}
    for i, entry in enumerate(data["authorities"] or []):
        where = _where(path, "authorities", i, entry)
        _require(entry, ("name", "names", "note", "source"), where)
        names = [str(n) for n in entry["names"]]
        adjectives = [str(a) for a in entry.get("adjectives") or []]
        russian = _patterns(entry["ru"], where, key="ru") if entry.get("ru") else ()
        alternatives = [re.escape(n) for n in names + adjectives] + list(russian)
        pattern = re.compile(r"(?<![\w-])" + alt(alternatives) + r"(?![\w-])")
        authorities.append(Authority(entry["name"], pattern))
        terms["names"] += names
        terms["adjectives"] += adjectives
        terms["ru"] += list(russian)

    patrons = []
    for i, entry in enumerate(data["patrons"] or []):
        where = _where(path, "patrons", i, entry)
        _require(entry, ("canonical", "names", "note", "source"), where)
        patrons.append(Patron(entry["canonical"], tuple(str(n) for n in entry["names"])))

    relations = {}
    for i, entry in enumerate(data["relations"] or []):
        where = _where(path, "relations", i, entry)
        _require(entry, ("designation", "patterns", "note", "source"), where)
        designation = designation_of(entry, where)
        for word in _patterns(entry["patterns"], where):
            relations[word] = designation

    self_labels = []
    for i, entry in enumerate(data["self_labels"] or []):
        where = _where(path, "self_labels", i, entry)
        _require(entry, ("designation", "canonical", "patterns", "note", "source"), where)
        designation = designation_of(entry, where)
        for pattern in _patterns(entry["patterns"], where):
            self_labels.append(SelfLabel(designation, entry["canonical"], entry.get("language", "en"), pattern))

    nouns = {}
    for name, entry in (data["nouns"] or {}).items():
        where = f"{path}: nouns entry {name!r}"
        _require(entry, ("patterns", "note", "source"), where)
        nouns[name] = _patterns([str(p) for p in entry["patterns"]], where)
    for needed in ("actors", "media", "state_media", "outlets", "ru_actors", "ru_media", "platforms", "not_actors"):
        if needed not in nouns:
            raise CorpusError(f"{path}: nouns: missing list {needed!r}")

    trigger_entry = _require(data["triggers"], ("legal", "labels", "note", "source"), f"{path}: triggers")
    triggers = {}
    for group in ("legal", "labels"):
        values = trigger_entry[group]
        if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
            raise CorpusError(f"{path}: triggers {group!r} must be a list of lower-case substrings")
        if any(v != v.lower() for v in values):
            raise CorpusError(f"{path}: triggers {group!r} must be lower case")
        triggers[group] = tuple(values)

    return Lexicon(version=str(data["version"]), digest=digest, types=tuple(types), statuses=tuple(statuses),
                   status_nouns={k: v["patterns"] for k, v in nouns_by_language.items()},
                   participles={k: v["participles"] for k, v in verbs.items()},
                   finite={k: v["finite"] for k, v in verbs.items()},
                   registers={k: v["patterns"] for k, v in registers.items()},
                   authorities=tuple(authorities), authority_terms={k: tuple(v) for k, v in terms.items()},
                   patrons=tuple(patrons), relations=relations, self_labels=tuple(self_labels), nouns=nouns,
                   triggers=triggers, path=path)


@cache
def lexicon() -> Lexicon:
    """The package's designations lexicon (read once)."""
    return load_lexicon()
