"""Which lexicon terms occur in a text, and where?

Lexicons are YAML files of a topic pack (``analysis/topics/<name>/``, listed in its ``pack.yaml``) and the
package's generic ``analysis/lexicons/hedges.yaml``, one kind each (naming, label, descriptor, hedge),
validated by :mod:`analysis.schema`. An entry names a ``canonical`` concept, a ``category``, its surface
``terms`` (or ``forms`` by variant, for naming choices such as Kyiv/Kiev), a ``note`` and a ``source``, and
optionally its ``language`` (``en`` default, ``ru``), ``inflect`` (``en``: plural and possessive endings, the
default for English common nouns; ``possessive``: only "'s", the default for names; ``ru``: Russian case
endings on every word; ``none``) and ``case_sensitive``.

Matching respects word boundaries, ignores case (unless ``case_sensitive``), treats hyphens and spaces alike
("US-led" = "US led"), and accepts curly or straight apostrophes. All surface forms go into one Aho-Corasick
automaton over a length-preserving normalisation of the text, so offsets in the normalised text are offsets in
the original, and matching costs one pass over the text whatever the number of terms. Russian-inflected
entries (every word may take a case ending, and multi-word terms would multiply into tens of thousands of
forms) are one regular expression, run only on texts that contain Cyrillic. Within one kind, overlapping
matches keep the leftmost-longest ("US-led military bloc" rather than "military bloc"); across kinds both stay
("Kiev" is a naming choice inside the label "Kiev regime").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ahocorasick

from analysis import schema
from analysis.errors import CorpusError
from analysis.topic import Topic

KINDS = ("naming", "label", "descriptor", "hedge")
#: Data files this module reads (a pack's lexicons are covered by the topic's digest).
READS = ("lexicons/hedges.yaml",)
_EN_ENDINGS = ("", "s", "es", "'s", "s'", "'")
_POSSESSIVE_ENDINGS = ("", "'s", "'")
_RU_STRIP = ("ая", "ое", "ые", "ие", "ий", "ый", "ой", "ы", "и", "а", "я", "о", "е", "ь", "й")
_HYPHENS = "-‐‑‒–—"
_APOSTROPHES = "’‘`´ʼ"


@dataclass(frozen=True)
class Entry:
    """One lexicon entry, as written in its file."""

    kind: str
    canonical: str
    category: str
    variant: str | None
    terms: tuple[str, ...]
    language: str
    inflect: str
    case_sensitive: bool
    note: str
    source: str
    file: str


@dataclass(frozen=True)
class Match:
    """One occurrence of a lexicon term in a text."""

    start: int
    end: int
    text: str
    entry: Entry


#: Each character folded and what it becomes (one character each, so offsets stay in place).
_FOLD = (*((hyphen, " ") for hyphen in _HYPHENS), *((mark, "'") for mark in _APOSTROPHES), ("ё", "е"))


def _fold(lowered: str) -> str:
    """Hyphens as spaces, apostrophes straight, ё as е: one ``str.replace`` per character, several times
    faster on an article than ``str.translate`` with a table, which looks each character up in turn."""
    for char, replacement in _FOLD:
        if char in lowered:
            lowered = lowered.replace(char, replacement)
    return lowered


def normalise(text: str) -> str:
    """Lower case, hyphens as spaces, apostrophes straight, ё as е, keeping every offset in place."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return _fold(lowered)
    out = []  # a character whose lower case is longer (İ): fold character by character
    for char in text:
        lower = char.lower()
        if len(lower) != 1:
            lower = char
        if lower in _HYPHENS:
            lower = " "
        elif lower in _APOSTROPHES:
            lower = "'"
        elif lower == "ё":
            lower = "е"
        out.append(lower)
    return "".join(out)


def _ru_stem(word: str) -> str:
    for ending in _RU_STRIP:
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def ru_pattern(term: str) -> str:
    """A regular expression for a Russian term in any case: each word's stem and up to three more letters."""
    return r"[\s\-]+".join(re.escape(_ru_stem(w)) + r"\w{0,3}" for w in normalise(term).split())


def surface_forms(entry: Entry) -> set[str]:
    """Every normalised string that counts as an occurrence of the entry's terms (not ``inflect: ru``)."""
    forms: set[str] = set()
    for term in entry.terms:
        base = " ".join(normalise(term).split())
        if entry.inflect == "ru":
            raise ValueError("Russian-inflected entries are matched by ru_pattern, not surface forms")
        if entry.inflect == "en":
            forms.update(base + ending for ending in _EN_ENDINGS)
        elif entry.inflect == "possessive":
            forms.update(base + ending for ending in _POSSESSIVE_ENDINGS)
        else:
            forms.add(base)
    return {f for f in forms if f.strip()}


def _parse_entries(path: Path) -> list[Entry]:
    """The entries of one wording lexicon file, validated by :class:`analysis.schema.WordingFile`.

    Raises:
        CorpusError: Naming the file, the entry and the field when the file is malformed.
    """
    data = schema.load(schema.WordingFile, path)
    kind = data.kind
    entries = []
    for raw in data.entries:
        default_inflect = ("possessive" if kind == "naming" else "en") if raw.language == "en" else "none"
        inflect = raw.inflect or default_inflect
        groups = {None: raw.terms} if raw.terms is not None else raw.forms
        for variant, terms in groups.items():
            if not terms:
                continue
            entries.append(Entry(kind=kind, canonical=raw.canonical, category=raw.category, variant=variant,
                                 terms=tuple(terms), language=raw.language, inflect=inflect,
                                 case_sensitive=raw.case_sensitive, note=raw.note, source=raw.source,
                                 file=str(path)))
    return entries


_CYRILLIC = re.compile("[\u0400-\u04ff]")


@dataclass(frozen=True)
class Lexicon:
    """All entries of a set of lexicon files, compiled for matching."""

    entries: tuple[Entry, ...]
    version: str
    automaton: object
    russian: re.Pattern | None

    def find(self, text: str, *, kinds: Iterable[str] | None = None) -> list[Match]:
        """Every occurrence of every term in ``text`` (longest per kind where occurrences overlap)."""
        wanted = set(kinds) if kinds is not None else None
        normalised = normalise(text)
        found: list[Match] = []
        if self.russian is not None and _CYRILLIC.search(text):
            for match in self.russian.finditer(normalised):
                entry = self.entries[int(match.lastgroup[1:])]
                if wanted is None or entry.kind in wanted:
                    found.append(Match(match.start(), match.end(), text[match.start():match.end()], entry))
        for end_index, (length, entry_indexes) in self.automaton.iter(normalised):
            start, end = end_index - length + 1, end_index + 1
            if (start > 0 and normalised[start - 1].isalnum()) or (end < len(text) and normalised[end].isalnum()):
                continue
            if normalised[end - 1] == "'" and start > 0 and normalised[start - 1] == "'":
                continue   # 'human animals': a closing single quote, not a plural possessive (the bare form matches)
            surface = text[start:end]
            for index in entry_indexes:
                entry = self.entries[index]
                if wanted is not None and entry.kind not in wanted:
                    continue
                if entry.case_sensitive and not any(surface.startswith(t) for t in entry.terms):
                    continue
                found.append(Match(start, end, surface, entry))
        return _longest_per_kind(found)

    def table(self):
        """The entries as a DataFrame (kind, canonical, category, variant, terms, language, note, source)."""
        import pandas as pd

        return pd.DataFrame([{"kind": e.kind, "canonical": e.canonical, "category": e.category,
                              "variant": e.variant, "terms": "; ".join(e.terms), "language": e.language,
                              "note": e.note, "source": e.source, "file": e.file} for e in self.entries])


def _longest_per_kind(matches: list[Match]) -> list[Match]:
    """Leftmost-longest matches within each kind: of overlapping matches, the one that starts first
    (and, starting together, the longest) is kept."""
    kept: list[Match] = []
    ends: dict[str, int] = {}
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if match.start >= ends.get(match.entry.kind, -1):
            kept.append(match)
            ends[match.entry.kind] = match.end
    return sorted(kept, key=lambda m: (m.start, m.end, m.entry.kind))


def compile_entries(entries: list[Entry], *, version: str) -> Lexicon:
    """Build the matcher for a list of entries.

    Raises:
        CorpusError: When one surface form belongs to two entries of the same kind with different
            meanings (the lexicon would be ambiguous).
    """
    owners: dict[str, list[int]] = {}
    russian = []
    for index, entry in enumerate(entries):
        if entry.inflect == "ru":
            alternatives = "|".join(ru_pattern(t) for t in sorted(entry.terms, key=len, reverse=True))
            russian.append(f"(?P<e{index}>(?<!\\w)(?:{alternatives})(?!\\w))")
            continue
        for form in surface_forms(entry):
            owners.setdefault(form, []).append(index)
    for form, indexes in sorted(owners.items()):
        meanings = {(entries[i].kind, entries[i].canonical, entries[i].category, entries[i].variant) for i in indexes}
        kinds = [m[0] for m in meanings]
        if len(kinds) != len(set(kinds)):
            first, second = (entries[i] for i in indexes[:2])
            raise CorpusError(f"{second.file}: entries ({second.canonical}): terms: {form!r} is claimed twice "
                              f"within kind {second.kind}: also by {first.canonical} "
                              f"({first.variant or first.category}) in {first.file}")
    automaton = ahocorasick.Automaton()
    for form, indexes in owners.items():
        automaton.add_word(form, (len(form), tuple(indexes)))
    automaton.make_automaton()
    pattern = re.compile("|".join(russian)) if russian else None
    return Lexicon(entries=tuple(entries), version=version, automaton=automaton, russian=pattern)


def load(paths: Iterable[Path]) -> Lexicon:
    """Read, validate and compile lexicon files, in the order given.

    Raises:
        CorpusError: Naming the file and entry when a lexicon is malformed or a term is claimed twice.
    """
    entries: list[Entry] = []
    digest = hashlib.sha256()
    for path in paths:
        entries += _parse_entries(path)
        digest.update(path.read_bytes())
    return compile_entries(entries, version=digest.hexdigest()[:16])


@cache
def for_topic(topic: Topic) -> Lexicon:
    """The wording lexicons of a topic pack (its own, then the package's generic hedges), compiled once."""
    return load(topic.wording_files)
