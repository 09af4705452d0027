"""Which words make a designation? The vocabulary as data: types, statuses, verbs, authorities, patrons and
labels, validated by :mod:`analysis.schema` with errors that name the file, the entry and the field.

The package's ``analysis/lexicons/designations.yaml`` holds the generic forms of English and Russian; a
topic pack's ``designations.yaml`` adds who designates, who backs whom, and the topic's own labels.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis import schema
from analysis import topic as topic_module
from analysis.config import PACKAGE
from analysis.errors import CorpusError
from analysis.topic import Topic

FILE = "designations.yaml"
#: The package's generic vocabulary (a pack's file of the same name extends it).
GENERIC = PACKAGE / "lexicons" / FILE
#: Noun lists the grammar needs.
NOUN_LISTS = ("actors", "media", "state_media", "outlets", "ru_actors", "ru_media", "platforms", "not_actors")
#: Data files this module reads (the pack's file is covered by the topic's digest).
READS = ("lexicons/designations.yaml",)


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
    possessive_patrons: tuple[str, ...] = ()
    installers: tuple[str, ...] = ()


def alt(patterns: Iterable[str]) -> str:
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(ordered) + ")"


def literal(names: Iterable[str]) -> str:
    return alt(re.escape(n) for n in names)


def _parts(topic: Topic) -> list[tuple[Path, object, schema.DesignationFile]]:
    """The package's designations vocabulary and the pack's, each validated on its own."""
    parts = []
    for path in (GENERIC, topic.file(FILE)):
        if path is not None and path.is_file():
            data, _ = schema.read(path)
            parts.append((path, data, schema.validate(schema.DesignationFile, data, path)))
    return parts


def _check(parts: list[tuple[Path, object, schema.DesignationFile]], merged: schema.DesignationFile) -> None:
    """Every type named exists, the noun lists the grammar needs exist, triggers are lower case."""
    known = {entry.name for entry in merged.types}
    for path, data, part in parts:
        for section in ("statuses", "relations", "self_labels"):
            for index, entry in enumerate(getattr(part, section)):
                if entry.designation not in known:
                    raise CorpusError(f"{schema.where(path, (section, index), data)}: designation: "
                                      f"{entry.designation!r} is not one of the types {sorted(known)}")
        for group in ("legal", "labels"):
            for term in getattr(part.triggers, group) if part.triggers else ():
                if term != term.lower():
                    raise CorpusError(f"{schema.where(path, ('triggers', group), data)}: {term!r} must be lower case")
    for needed in NOUN_LISTS:
        if needed not in merged.nouns:
            raise CorpusError(f"{GENERIC}: nouns: missing list {needed!r}")


def load(topic: Topic) -> Lexicon:
    """The designations vocabulary of a topic: the package's generic forms extended by the pack's file.

    Raises:
        CorpusError: Naming the file, the entry and the field when a file is malformed.
    """
    parts = _parts(topic)
    merged = topic_module.vocabulary(topic, schema.DesignationFile, FILE)
    _check(parts, merged)
    digest = hashlib.sha256(b"".join(path.read_bytes() for path, _, _ in parts)).hexdigest()[:16]

    statuses = [Status(e.designation, e.canonical, e.language,
                       re.compile(r"\b" + alt(e.patterns) + r"\b", re.IGNORECASE)) for e in merged.statuses]

    def by_language(entries, *keys: str) -> dict[str, dict[str, tuple[str, ...]]]:
        return {e.language: {key: tuple(getattr(e, key)) for key in keys} for e in entries}

    nouns_by_language = by_language(merged.status_nouns, "patterns")
    verbs = by_language(merged.verbs, "participles", "finite")
    registers = by_language(merged.registers, "patterns")

    authorities, terms = [], {"names": [], "adjectives": [], "ru": []}
    for entry in merged.authorities:
        names, adjectives, russian = list(entry.names), list(entry.adjectives), list(entry.ru)
        alternatives = [re.escape(n) for n in names + adjectives] + russian
        authorities.append(Authority(entry.name, re.compile(r"(?<![\w-])" + alt(alternatives) + r"(?![\w-])")))
        terms["names"] += names
        terms["adjectives"] += adjectives
        terms["ru"] += russian

    relations = {word: entry.designation for entry in merged.relations for word in entry.patterns}
    self_labels = [SelfLabel(e.designation, e.canonical, e.language, pattern)
                   for e in merged.self_labels for pattern in e.patterns]
    triggers = {group: tuple(getattr(merged.triggers, group)) if merged.triggers else ()
                for group in ("legal", "labels")}
    return Lexicon(digest=digest, types=tuple(e.name for e in merged.types), statuses=tuple(statuses),
                   status_nouns={k: v["patterns"] for k, v in nouns_by_language.items()},
                   participles={k: v["participles"] for k, v in verbs.items()},
                   finite={k: v["finite"] for k, v in verbs.items()},
                   registers={k: v["patterns"] for k, v in registers.items()},
                   authorities=tuple(authorities), authority_terms={k: tuple(v) for k, v in terms.items()},
                   patrons=tuple(Patron(e.canonical, tuple(e.names)) for e in merged.patrons),
                   relations=relations, self_labels=tuple(self_labels),
                   nouns={name: tuple(entry.patterns) for name, entry in merged.nouns.items()},
                   triggers=triggers,
                   possessive_patrons=tuple(merged.possessive_patrons.names) if merged.possessive_patrons else (),
                   installers=tuple(merged.installers.patterns) if merged.installers else ())


@cache
def for_topic(topic: Topic) -> Lexicon:
    """The designations vocabulary of a topic pack (read once per pack)."""
    return load(topic)
