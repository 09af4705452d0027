"""Which topic is studied? Read, validate, list and scaffold topic packs.

The package knows how to read news text in English and Russian; what it knows about one conflict is
data, in a *topic pack*: a folder (``analysis/topics/<name>/``, or any folder of a user's) holding

``pack.yaml``
    title and description; the *sides* (who a speaker or an outlet stands for), each with display name,
    colour and the countries whose outlets count with it; the naming *usage* the over-time figure
    follows and the concepts it draws; words the generic grammars must not read as speakers;
wording lexicons (listed in ``pack.yaml``)
    naming pairs (one place, two names), war naming, charged labels, descriptors, topic hedges
    (:class:`analysis.schema.WordingFile`);
``designations.yaml``
    designating authorities, patrons of affiliation labels ("Kremlin-backed"), topic labels and triggers;
``sources.yaml``
    the terms that put a speaker on a side, the topic's institutions by source type, office holders.

The generic vocabulary of the package (``analysis/lexicons/``: reporting verbs, channels, roles,
anonymity, designation forms, generic hedges) is read first and a pack's files of the same name add to
it (:func:`vocabulary`). Every file is validated on load (:mod:`analysis.schema`); a malformed pack is
one line naming the file, the entry and the field. A pack's :attr:`Topic.digest` covers every file in
its folder and enters every cache key of what reads it.

``python -m analysis topics`` lists the packs; ``python -m analysis topics new NAME`` writes a
documented skeleton to fill in (see the README, "Study another topic").
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from analysis import schema
from analysis.config import PACKAGE
from analysis.errors import CorpusError

#: Folder of the packs shipped with the package.
TOPICS = PACKAGE / "topics"
#: Folder of the package's generic vocabulary, which every pack extends.
LEXICONS = PACKAGE / "lexicons"
#: The pack used when none is named (``--topic``, ``TOPIC=``, the ``TOPIC`` notebook parameter).
DEFAULT = "ukraine_war"
#: Environment variable naming the pack to use when a command is given none.
ENV = "ANALYSIS_TOPIC"
#: The side of a speaker whose side the text does not give.
UNKNOWN_SIDE = "unknown"
UNKNOWN_COLOUR = "#D5D8DC"
#: Colour of naming variants a pack gives no colour.
OTHER_VARIANT_COLOUR = "#95A5A6"
#: The skeleton written by ``topics new`` (a documented, valid, nearly empty pack).
SKELETON = PACKAGE / "topics" / "_skeleton"


@dataclass(frozen=True, eq=False)
class Topic:
    """A validated topic pack.

    Attributes:
        name: The folder's name (``ukraine_war``).
        path: The folder.
        digest: SHA-256 of every file in the folder (names and bytes); it enters cache keys.
        spec: ``pack.yaml`` as validated.
    """

    name: str
    path: Path
    digest: str
    spec: schema.PackFile

    @property
    def reference(self) -> str:
        """How to name this pack to ``--topic``: its name if it is shipped, else its folder."""
        return self.name if self.path == (TOPICS / self.name).resolve() else str(self.path)

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def sides(self) -> tuple[schema.Side, ...]:
        return tuple(self.spec.sides)

    @property
    def side_keys(self) -> tuple[str, ...]:
        """The pack's sides, in the order figures show them."""
        return tuple(side.key for side in self.spec.sides)

    @property
    def side_order(self) -> tuple[str, ...]:
        """The pack's sides, then ``unknown``."""
        return (*self.side_keys, UNKNOWN_SIDE)

    @property
    def compared_sides(self) -> tuple[str, ...]:
        """The sides whose framing is compared (catch-all sides such as ``other`` left out)."""
        return tuple(side.key for side in self.spec.sides if side.compare)

    def side_name(self, key: str) -> str:
        """Display name of a side (``nato_eu`` -> ``NATO/EU``)."""
        return next((side.name for side in self.spec.sides if side.key == key), key)

    def side_colour(self, key: str) -> str:
        """Fixed colour of a side."""
        return next((side.colour for side in self.spec.sides if side.key == key), UNKNOWN_COLOUR)

    def country_sides(self) -> dict[str, str]:
        """ISO country code -> side, for outlets quoted as sources."""
        return {country: side.key for side in self.spec.sides for country in side.countries}

    @property
    def usage(self) -> schema.Usage:
        """The naming usage the over-time figure follows (its variants and label)."""
        return self.spec.naming.usage

    @property
    def over_time(self) -> tuple[str, ...]:
        """Naming concepts drawn month by month."""
        return tuple(self.spec.naming.over_time)

    def variant_colour(self, variant: str) -> str:
        """Colour of a naming variant in figures."""
        return self.spec.naming.variant_colours.get(variant, OTHER_VARIANT_COLOUR)

    @property
    def not_speakers(self) -> frozenset[str]:
        """Lower-case headline words that are never a speaker before a colon ("Ukraine: ...")."""
        grammar = self.spec.grammar
        return frozenset(word.lower() for word in grammar.not_speakers) if grammar else frozenset()

    @property
    def wording_files(self) -> tuple[Path, ...]:
        """The wording lexicons: the pack's, in the order ``pack.yaml`` lists them, then the package's."""
        return (*(self.path / name for name in self.spec.wording), LEXICONS / "hedges.yaml")

    def file(self, name: str) -> Path | None:
        """The pack's file ``name`` if it has one."""
        path = self.path / name
        return path if path.is_file() else None

    def describe(self) -> str:
        """One paragraph for ``python -m analysis topics``."""
        sides = ", ".join(f"{s.key} ({s.name})" for s in self.spec.sides)
        return f"{self.name:14} {self.title}\n{'':14} sides: {sides}\n{'':14} {self.path}"


# ---- finding and reading packs --------------------------------------------------------------------------------


def available() -> list[Path]:
    """The shipped packs' folders (every folder of ``analysis/topics/`` with a ``pack.yaml``)."""
    return sorted(p for p in TOPICS.iterdir() if (p / "pack.yaml").is_file() and not p.name.startswith("_"))


def resolve(name_or_path: str | Path | None = None) -> Path:
    """The folder of a pack given by name (``israel_gaza``) or path; the default pack for None.

    Raises:
        CorpusError: Listing the shipped packs when there is no such pack.
    """
    if name_or_path is None or str(name_or_path) == "":
        name_or_path = os.environ.get(ENV) or DEFAULT
    given = Path(name_or_path).expanduser()
    for candidate in (given, TOPICS / str(name_or_path)):
        if (candidate / "pack.yaml").is_file():
            return candidate.resolve()
    names = ", ".join(p.name for p in available())
    if given.is_dir():
        raise CorpusError(f"{given}: not a topic pack (no pack.yaml); write one with "
                          f"`python -m analysis topics new NAME`; shipped packs: {names}")
    raise CorpusError(f"no topic pack {str(name_or_path)!r}; shipped packs: {names} (or give a pack's folder)")


def folder_digest(folder: Path) -> str:
    """SHA-256 over the relative name and bytes of every file in ``folder`` (hidden files and caches aside)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith((".", "__")) for part in relative.parts):
            digest.update(f"{relative.as_posix()}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def load(name_or_path: str | Path | Topic | None = None) -> Topic:
    """Read and validate a topic pack (cached while its files are unchanged).

    Args:
        name_or_path: A shipped pack's name, a pack folder, a :class:`Topic` (returned as is), or None for
            ``$ANALYSIS_TOPIC`` or the default pack.

    Raises:
        CorpusError: One line naming the file, the entry and the field of the first problem found.
    """
    if isinstance(name_or_path, Topic):
        return name_or_path
    folder = resolve(name_or_path)
    return _load(folder, _signature(folder))


def _signature(folder: Path) -> tuple:
    """Names, sizes and times of a pack's files: cheap to read on every call, and changed by any edit."""
    return tuple((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                 for p in sorted(folder.rglob("*")) if p.is_file())


@cache
def _load(folder: Path, signature: tuple) -> Topic:
    spec = schema.load(schema.PackFile, folder / "pack.yaml")
    topic = Topic(name=folder.name, path=folder, digest=folder_digest(folder), spec=spec)
    check(topic)
    return topic


def vocabulary(topic: Topic, model: type[schema.Model], name: str) -> schema.Model:
    """The package's generic file ``name`` (if any) extended by the pack's file of the same name (if any):
    lists are joined (package entries first), mappings joined key by key."""
    parts = [schema.load(model, path) for path in (LEXICONS / name, topic.file(name)) if path and path.is_file()]
    if not parts:
        return model()
    merged = parts[0]
    for extra in parts[1:]:
        merged = _merge(merged, extra)
    return merged


def _merge(base: schema.Model, extra: schema.Model) -> schema.Model:
    values = {}
    for field in type(base).model_fields:
        mine, theirs = getattr(base, field), getattr(extra, field)
        if isinstance(mine, list):
            values[field] = [*mine, *theirs]
        elif isinstance(mine, dict):
            joined = dict(mine)
            for key, value in theirs.items():
                joined[key] = _merge(joined[key], value) if key in joined and isinstance(value, BaseModel) \
                    else value
            values[field] = joined
        elif mine is None or theirs is None:
            values[field] = theirs if mine is None else mine
        elif isinstance(mine, BaseModel):
            values[field] = _merge(mine, theirs)
        else:
            values[field] = theirs
    return type(base).model_construct(**values)


def check(topic: Topic) -> None:
    """Rules that span a pack's files: every side named is declared, no term or person is claimed twice,
    the followed usage and the over-time concepts exist in the naming lexicons.

    Raises:
        CorpusError: One line naming the file, the entry and the field.
    """
    pack = topic.path / "pack.yaml"
    keys = [side.key for side in topic.spec.sides]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise CorpusError(f"{schema.where(pack, ('sides', index))} ({key}): key: side declared twice")
    countries: dict[str, str] = {}
    for index, side in enumerate(topic.spec.sides):
        for country in side.countries:
            if country in countries:
                raise CorpusError(f"{schema.where(pack, ('sides', index))} ({side.key}): countries: {country} "
                                  f"is already counted with {countries[country]!r}")
            countries[country] = side.key
    _check_sources(topic, set(keys))
    _check_wording(topic)


def _check_sources(topic: Topic, sides: set[str]) -> None:
    path = topic.file("sources.yaml")
    if path is None:
        return
    data, _ = schema.read(path)
    sources = schema.validate(schema.SourcesFile, data, path)
    claimed: dict[str, str] = {}
    def declared(side: str, where: str) -> None:
        if side not in sides:
            raise CorpusError(f"{where}: side: {side!r} is not a side of {path.parent / 'pack.yaml'} "
                              f"({', '.join(sorted(sides))})")

    for index, entry in enumerate(sources.sides):
        where = schema.where(path, ("sides", index), data)
        declared(entry.side, where)
        for term in entry.terms:
            if claimed.get(term, entry.side) != entry.side:
                raise CorpusError(f"{where}: terms: {term!r} is already a term of side {claimed[term]!r}")
            claimed[term] = entry.side
    names: dict[str, str] = {}
    for index, person in enumerate(sources.people):
        where = schema.where(path, ("people", index), data)
        declared(person.side, where)
        for alias in (person.name, *person.aliases):
            if names.get(alias.lower(), person.name) != person.name:
                raise CorpusError(f"{where}: aliases: {alias!r} already names {names[alias.lower()]!r}")
            names[alias.lower()] = person.name


def _check_wording(topic: Topic) -> None:
    pack = topic.path / "pack.yaml"
    variants: dict[str, set[str]] = {}
    for index, name in enumerate(topic.spec.wording):
        path = topic.path / name
        if not path.is_file():
            raise CorpusError(f"{schema.where(pack, ('wording', index))}: {name!r} is not a file of the pack")
        lexicon = schema.load(schema.WordingFile, path)
        if lexicon.kind == "naming":
            for entry in lexicon.entries:
                variants.setdefault(entry.canonical, set()).update(entry.forms or ())
    known = set().union(*variants.values()) if variants else set()
    for variant in topic.usage.variants:
        if variant not in known:
            raise CorpusError(f"{pack}: naming: usage: variants: {variant!r} is not a variant of any naming entry")
    for index, concept in enumerate(topic.over_time):
        if len(variants.get(concept, ())) < 2:
            raise CorpusError(f"{schema.where(pack, ('naming', 'over_time', index))}: {concept!r} is not a naming "
                              f"concept with competing variants")


# ---- a new pack -----------------------------------------------------------------------------------------------


def new(name: str, *, folder: Path | None = None) -> Path:
    """Write a documented skeleton pack ``name`` (into ``analysis/topics/`` unless ``folder`` is given).

    Raises:
        CorpusError: When the name is not a lower-case identifier or the folder exists.
    """
    if not name.replace("_", "").isalnum() or not name[:1].isalpha() or name != name.lower():
        raise CorpusError(f"{name!r}: a pack name is lower-case letters, digits and underscores")
    target = (folder or TOPICS) / name
    if target.exists():
        raise CorpusError(f"{target}: already exists")
    shutil.copytree(SKELETON, target)
    readme = target / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("NAME", name), encoding="utf-8")
    load(target)   # the skeleton is a valid pack
    return target
