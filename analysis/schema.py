"""Is a vocabulary file well formed? One schema for every lexicon and topic-pack file.

Every YAML file of vocabulary, the package's generic ones (``analysis/lexicons/``) and a topic pack's
(``analysis/topics/<name>/``), is validated here with pydantic before any family compiles it, so that
a malformed file stops loading with one line naming the file, the entry and the field::

    analysis/topics/mine/naming.yaml: entries[3] (Example Place): category: field required

Models forbid unknown keys (a misspelt key is an error, not a silent no-op). Regular expressions are
compiled on load. Cross-file rules (a side that the pack does not declare, a term claimed by two
entries of one kind) are checked where both files are known, in :mod:`analysis.topic` and the families'
compilers, and reported with :func:`where` in the same one-line form.

Files and their models:

===========================  ==================  =======================================================
file                         model               what it holds
===========================  ==================  =======================================================
``pack.yaml``                :class:`PackFile`   title, sides and their colours, naming concepts
wording lexicons             :class:`WordingFile` naming pairs, war naming, labels, descriptors, hedges
``designations.yaml``        :class:`DesignationFile`  statuses, verbs, authorities, patrons, nouns, ...
``sources.yaml``             :class:`SourcesFile` role terms, sides' terms, office holders, anonymity
``channels.yaml``            :class:`ChannelsFile` platforms, settings, outlets (with their country)
``reporting_verbs.yaml``     :class:`VerbsFile`  reporting cues and their classes
===========================  ==================  =======================================================
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from analysis.errors import CorpusError

LANGUAGES = ("en", "ru")


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"invalid regular expression {value!r}: {error}") from None
    return value


def _no_groups(value: str) -> str:
    if re.compile(value).groups:
        raise ValueError(f"{value!r} has a capturing group; use (?:...)")
    return value


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"{value!r} is not a colour like '#C0392B'")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
Regex = Annotated[str, AfterValidator(_not_blank), AfterValidator(_compiles)]
#: A regular expression without capturing groups (it is joined into larger ones).
Pattern = Annotated[Regex, AfterValidator(_no_groups)]
Colour = Annotated[str, AfterValidator(_colour)]
Language = Literal["en", "ru"]
Terms = Annotated[list[Text], Field(min_length=1)]
Patterns = Annotated[list[Pattern], Field(min_length=1)]


class Strict(BaseModel):
    """A mapping with a fixed set of keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Documented(Strict):
    """An entry that says what it is (``note``) and where the usage is documented (``source``)."""

    note: Text
    source: Text


# ---- pack.yaml -----------------------------------------------------------------------------------------------


class Side(Documented):
    """One side of the topic: who a speaker or an outlet stands for."""

    key: Annotated[str, AfterValidator(lambda v: _identifier(v))]
    name: Text
    colour: Colour
    #: ISO 3166 codes of the countries whose outlets count with this side (``channels.yaml`` outlets).
    countries: list[Annotated[str, Field(pattern=r"^[A-Z]{2}$")]] = []
    #: Whether figures that compare sides (verb framing by side) show it; ``false`` for a catch-all.
    compare: bool = True


class Usage(Documented):
    """The naming usage that the over-time figure follows (the share of a concept's mentions in it)."""

    name: Text
    label: Text
    variants: Terms


class Naming(Strict):
    """How naming choices are summarised."""

    usage: Usage
    #: Concepts drawn month by month (each must have competing variants in the naming lexicons).
    over_time: list[Text] = []
    #: Colours of naming variants in figures (others are grey).
    variant_colours: dict[str, Colour] = {}


class Grammar(Documented):
    """Words of this topic that the generic grammars need: headline words that are not speakers."""

    not_speakers: list[Text] = []


class PackFile(Strict):
    """``pack.yaml``: what a topic pack is about, and its sides and naming concepts."""

    title: Text
    description: Text
    languages: Annotated[list[Language], Field(min_length=1)]
    sides: Annotated[list[Side], Field(min_length=1)]
    naming: Naming
    grammar: Grammar | None = None
    #: Wording lexicon files of this pack, in matching order (each a :class:`WordingFile`).
    wording: list[Text] = []


def _identifier(value: str) -> str:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        raise ValueError(f"{value!r} must be lower case letters, digits and underscores")
    if value == "unknown":
        raise ValueError("'unknown' is reserved for a speaker whose side is not known")
    return value


# ---- wording lexicons --------------------------------------------------------------------------------------


class WordingEntry(Documented):
    """One entry of a wording lexicon: a concept and its surface terms (or forms by variant)."""

    canonical: Text
    category: Text
    terms: list[Text] | None = None
    forms: dict[str, list[Text]] | None = None
    language: Language = "en"
    inflect: Literal["en", "possessive", "ru", "none"] | None = None
    case_sensitive: bool = False

    def model_post_init(self, _context: Any) -> None:
        if (self.terms is None) == (self.forms is None):
            raise ValueError("give either 'terms' (a list) or 'forms' (variant: list of terms)")


class WordingFile(Strict):
    """A wording lexicon: one ``kind`` and its entries."""

    kind: Literal["naming", "label", "descriptor", "hedge"]
    entries: list[WordingEntry]


# ---- designations -----------------------------------------------------------------------------------------


class DesignationType(Documented):
    name: Text


class Status(Documented):
    designation: Text
    canonical: Text
    language: Language
    patterns: Patterns


class LanguagePatterns(Documented):
    language: Language
    patterns: Patterns


class Verbs(Documented):
    language: Language
    participles: Patterns
    finite: Patterns


class Authority(Documented):
    name: Text
    names: Terms
    adjectives: list[Text] = []
    ru: list[Pattern] = []


class Patron(Documented):
    canonical: Text
    names: Terms


class Relation(Documented):
    designation: Text
    patterns: Patterns


class SelfLabel(Documented):
    designation: Text
    canonical: Text
    language: Language = "en"
    patterns: Patterns


class Nouns(Documented):
    patterns: Patterns


class Triggers(Documented):
    legal: list[Text] = []
    labels: list[Text] = []


class Names(Documented):
    names: Terms


class DesignationFile(Strict):
    """The designations vocabulary. The package's file holds the generic forms of English and Russian
    (types, statuses, verbs, registers, nouns); a pack's file adds its authorities, patrons and labels."""

    types: list[DesignationType] = []
    statuses: list[Status] = []
    status_nouns: list[LanguagePatterns] = []
    verbs: list[Verbs] = []
    registers: list[LanguagePatterns] = []
    authorities: list[Authority] = []
    patrons: list[Patron] = []
    relations: list[Relation] = []
    self_labels: list[SelfLabel] = []
    nouns: dict[str, Nouns] = {}
    triggers: Triggers | None = None
    #: Patrons of a possessive media label ("the Kremlin's mouthpiece").
    possessive_patrons: Names | None = None
    #: Who installs officials in "appointed by ..." (regular expressions).
    installers: Nouns | None = None


# ---- sourcing -----------------------------------------------------------------------------------------------

SOURCE_TYPES = ("government", "military", "legislator", "expert", "media", "activist", "ordinary", "document",
                "other", "anonymous", "unknown")


class TypeTerms(Documented):
    type: Literal[SOURCE_TYPES]  # type: ignore[valid-type]
    terms: Terms


class SideTerms(Documented):
    side: Text
    terms: Terms


class Anonymous(Documented):
    pattern: Regex


class RoleTerms(Documented):
    role: Text
    terms: Terms


class Person(Documented):
    name: Text
    aliases: list[Text] = []
    side: Text
    type: Literal[SOURCE_TYPES]  # type: ignore[valid-type]
    role: Text


class SourcesFile(Strict):
    """Who is speaking. The package's file: role terms and anonymity; a pack's: its sides' terms, its
    institutions' roles and its office holders."""

    types: list[TypeTerms] = []
    sides: list[SideTerms] = []
    anonymous: list[Anonymous] = []
    roles: list[RoleTerms] = []
    people: list[Person] = []


class ChannelTerms(Documented):
    channel: Text
    terms: Terms


class FramedPattern(Documented):
    pattern: Regex

    def model_post_init(self, _context: Any) -> None:
        if "{outlet}" not in self.pattern:
            raise ValueError("'pattern' must contain {outlet}")


class Outlet(Documented):
    name: Text
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    terms: Terms


class ChannelsFile(Strict):
    """Through which medium a statement reached the article."""

    platforms: list[ChannelTerms] = []
    settings: list[ChannelTerms] = []
    interview_patterns: list[FramedPattern] = []
    media_patterns: list[FramedPattern] = []
    outlets: list[Outlet] = []


class VerbClass(Documented):
    pass


class Cue(Documented):
    lemma: Text
    class_: Text = Field(alias="class")
    language: Language
    forms: Terms
    pattern: Literal["verb", "preposition"] = "verb"
    addressee: bool = False
    quotes: bool = False


class QuoteFrames(Documented):
    patterns: Patterns


class VerbsFile(Strict):
    """Reporting cues and the class of each, and the frames that introduce a quotation."""

    classes: dict[str, VerbClass]
    verbs: list[Cue]
    quote_frames: list[QuoteFrames] = []


# ---- reading --------------------------------------------------------------------------------------------------

Model = TypeVar("Model", bound=BaseModel)
_NAME_KEYS = ("canonical", "name", "lemma", "key", "type", "side", "channel", "designation", "pattern")


def where(path: Path, loc: tuple, data: object = None) -> str:
    """``file: section[3] (name): field``: where in a file an error is, with the entry's name if it has one."""
    parts, node, label = [], data, ""
    for step in loc:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
        else:
            parts.append(str(step))
        try:
            node = node[step] if node is not None else None
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(step, int) and isinstance(node, dict):
            name = next((node[k] for k in _NAME_KEYS if isinstance(node.get(k), str)), None)
            if name:
                parts[-1] += f" ({name})"
    label = ": ".join(parts)
    return f"{path}: {label}" if label else str(path)


def read(path: Path) -> tuple[object, bytes]:
    """The parsed YAML of a vocabulary file and its bytes (for digests).

    Raises:
        CorpusError: Naming the file when it cannot be read or is not YAML.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CorpusError(f"{path}: cannot be read: {error.strerror or error}") from None
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problem = str(error).replace("\n", " ")
        raise CorpusError(f"{path}: not valid YAML: {problem}") from None
    return data, raw


def validate(model: type[Model], data: object, path: Path) -> Model:
    """``data`` as ``model``; the first problem becomes one line naming the file, entry and field.

    Raises:
        CorpusError: ``path: entries[3] (Example Place): category: field required``.
    """
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        loc = tuple(step for step in first["loc"] if step not in ("function-after[_not_blank(), str]",))
        message = first["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if first["type"] == "missing":
            message = "field required"
        elif first["type"] == "extra_forbidden":
            message = "unknown field"
        if isinstance(first.get("input"), bool):
            message += (f" (YAML reads an unquoted yes, no, on, off or NO as {first['input']}: "
                        "put the value in quotes)")
        raise CorpusError(f"{where(path, _clean_loc(loc), data)}: {message}") from None


def load(model: type[Model], path: Path) -> Model:
    """Read and validate one vocabulary file."""
    data, _ = read(path)
    return validate(model, data, path)


def _clean_loc(loc: tuple) -> tuple:
    """Pydantic's location without its internal steps (union members, validator names)."""
    return tuple(step for step in loc if isinstance(step, int) or not (
        "[" in str(step) or str(step).startswith(("function-", "literal[", "list[", "dict[", "str"))))
