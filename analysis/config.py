"""Where everything lives, and how outlets are named and coloured.

Every path is derived from the package location, so notebooks, scripts and tests agree on them
without path strings of their own. Outlets (canonical slugs, display names, colours, domains, page
furniture) are data in ``analysis/rules/outlets.yaml``.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from analysis.errors import CorpusError

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
DATA = ROOT / "data"
SEEDS = DATA / "seeds"
EXTERNAL = DATA / "external"
#: Environment variable naming another cache folder (benchmarks and tests isolate their caches with it).
CACHE_ENV = "ANALYSIS_CACHE"
CACHE = Path(os.environ[CACHE_ENV]).expanduser().resolve() if os.environ.get(CACHE_ENV) else DATA / "cache"
DATASETS_FILE = DATA / "datasets.yaml"
FIGURES = ROOT / "figures"
REPORTS = ROOT / "reports"
NOTEBOOKS = ROOT / "notebooks"
RULES = PACKAGE / "rules"
#: Data files this module reads (they enter the cache key of every stage that imports it).
READS = ("rules/outlets.yaml", "house.mplstyle")
STYLE = PACKAGE / "house.mplstyle"

#: Environment variable naming a local folder that mirrors the registered datasets
#: (one sub-folder per dataset, as in ``../shared/corpora``).
MIRROR_ENV = "ANALYSIS_DATA_MIRROR"
#: Environment variable naming the shared folder with gold annotations (default ``../shared``).
SHARED_ENV = "ANALYSIS_SHARED"

#: Colour for outlets that are not in the registry.
UNKNOWN_COLOURS = ("#95A5A6", "#AAB7B8", "#85929E", "#A6ACAF", "#909497")


def shared_dir() -> Path:
    """The folder with shared gold annotations and corpora (may not exist in a fresh clone)."""
    return Path(os.environ.get(SHARED_ENV, ROOT.parent / "shared")).resolve()


def mirror_dir() -> Path | None:
    """The local dataset mirror named by ``ANALYSIS_DATA_MIRROR``, if set."""
    value = os.environ.get(MIRROR_ENV)
    return Path(value).expanduser().resolve() if value else None


@dataclass(frozen=True)
class Furniture:
    """Page furniture rules of one outlet (see ``rules/outlets.yaml``)."""

    title: re.Pattern | None = None
    repeats_title: bool = False
    header_end: tuple[re.Pattern, ...] = ()
    title_cleanup: tuple[re.Pattern, ...] = ()
    leading: tuple[re.Pattern, ...] = ()
    inline: tuple[re.Pattern, ...] = ()
    trailing: tuple[re.Pattern, ...] = ()


@dataclass(frozen=True)
class Outlet:
    """One news outlet."""

    slug: str
    name: str
    group: str
    colour: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    signatures: tuple[re.Pattern, ...] = ()
    furniture: Furniture = field(default_factory=Furniture)
    active_since: int | None = None


@dataclass(frozen=True)
class OutletRegistry:
    """All known outlets, and the groups they belong to (``groups`` in ``rules/outlets.yaml``)."""

    outlets: dict[str, Outlet]
    groups: dict[str, str]

    def get(self, slug: str | None) -> Outlet | None:
        return self.outlets.get(slug) if slug else None

    def name(self, slug: str) -> str:
        outlet = self.outlets.get(slug)
        return outlet.name if outlet else slug

    def colour(self, slug: str) -> str:
        outlet = self.outlets.get(slug)
        if outlet:
            return outlet.colour
        index = int(hashlib.sha1(slug.encode()).hexdigest(), 16) % len(UNKNOWN_COLOURS)
        return UNKNOWN_COLOURS[index]

    def group(self, slug: str) -> str:
        outlet = self.outlets.get(slug)
        return outlet.group if outlet else "other"


_OUTLET_KEYS = {"name", "group", "colour", "domains", "aliases", "signatures", "furniture", "active_since"}
_FURNITURE_KEYS = {"title", "repeats_title", "header_end", "title_cleanup", "leading", "inline", "trailing"}


def _compile(patterns, *, where: str, flags: int = 0) -> tuple[re.Pattern, ...]:
    if patterns is None:
        return ()
    if not isinstance(patterns, list):
        raise CorpusError(f"{where}: expected a list of regular expressions, got {patterns!r}")
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern, flags))
        except (re.error, TypeError) as error:
            raise CorpusError(f"{where}: invalid regular expression {pattern!r}: {error}") from None
    return tuple(compiled)


def _parse_outlet(slug: str, entry: dict, *, where: str, groups: dict[str, str]) -> Outlet:
    if not isinstance(entry, dict):
        raise CorpusError(f"{where}: outlet {slug!r} must be a mapping")
    unknown = set(entry) - _OUTLET_KEYS
    if unknown:
        raise CorpusError(f"{where}: outlet {slug!r} has unknown keys {sorted(unknown)}")
    for key in ("name", "group", "colour"):
        if not isinstance(entry.get(key), str):
            raise CorpusError(f"{where}: outlet {slug!r} needs a text field {key!r}")
    if entry["group"] not in groups:
        raise CorpusError(f"{where}: outlet {slug!r} has group {entry['group']!r}; use one of {sorted(groups)} "
                          f"(declared under 'groups')")
    raw = entry.get("furniture") or {}
    unknown = set(raw) - _FURNITURE_KEYS
    if unknown:
        raise CorpusError(f"{where}: outlet {slug!r} furniture has unknown keys {sorted(unknown)}")
    here = f"{where}: outlet {slug!r} furniture"
    title = _compile([raw["title"]], where=here)[0] if raw.get("title") else None
    furniture = Furniture(
        title=title,
        repeats_title=bool(raw.get("repeats_title", False)),
        header_end=_compile(raw.get("header_end"), where=here),
        title_cleanup=_compile(raw.get("title_cleanup"), where=here),
        leading=_compile(raw.get("leading"), where=here, flags=re.DOTALL),
        inline=_compile(raw.get("inline"), where=here),
        trailing=_compile(raw.get("trailing"), where=here),
    )
    return Outlet(
        slug=slug,
        name=entry["name"],
        group=entry["group"],
        colour=entry["colour"],
        domains=tuple(d.lower() for d in entry.get("domains") or ()),
        aliases=tuple(entry.get("aliases") or ()),
        signatures=_compile(entry.get("signatures"), where=f"{where}: outlet {slug!r} signatures",
                            flags=re.MULTILINE),
        furniture=furniture,
        active_since=int(entry["active_since"]) if entry.get("active_since") else None,
    )


def read_yaml(path: Path, *, required: tuple[str, ...] = ()) -> tuple[dict, str]:
    """A YAML mapping from a rules or registry file, and a digest of its text.

    Raises:
        CorpusError: Naming the file when it is not valid YAML or lacks a required key.
    """
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CorpusError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or not set(required) <= data.keys():
        raise CorpusError(f"{path}: expected a mapping with {', '.join(map(repr, required))}")
    return data, hashlib.sha256(text.encode()).hexdigest()[:16]


def load_outlets(path: Path = RULES / "outlets.yaml") -> OutletRegistry:
    """Read and validate an outlet registry file.

    Raises:
        CorpusError: Naming the file and entry when the file is malformed.
    """
    data, _ = read_yaml(path, required=("groups", "outlets"))
    if not isinstance(data["outlets"], dict):
        raise CorpusError(f"{path}: 'outlets' must be a mapping of slug to outlet")
    groups = data["groups"]
    if not isinstance(groups, dict) or not all(isinstance(v, str) and v.strip() for v in groups.values()):
        raise CorpusError(f"{path}: 'groups' must map each group to a sentence saying what it is")
    outlets = {slug: _parse_outlet(slug, entry, where=str(path), groups=groups)
               for slug, entry in data["outlets"].items()}
    return OutletRegistry(outlets=outlets, groups=groups)


@cache
def outlets() -> OutletRegistry:
    """The package's outlet registry (read once)."""
    return load_outlets()


def outlet_name(slug: str) -> str:
    """Display name of an outlet slug (the slug itself when unknown)."""
    return outlets().name(slug)


def outlet_colour(slug: str) -> str:
    """Fixed colour of an outlet slug."""
    return outlets().colour(slug)
