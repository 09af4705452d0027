"""Which words report speech? The reporting verbs and their classes, defined once for every family.

``analysis/lexicons/reporting_verbs.yaml`` lists every reporting cue of English and Russian (verbs and
"according to"-type prepositions) with its lemma, its class (neutral, distancing, endorsing, ...) and its
surface forms, validated by :mod:`analysis.schema`. The sourcing family reads attributions from these
cues (:mod:`analysis.sourcing.lexicons`); the wording family's scare-quote rule asks whether a sentence
quotes a speaker with the cues marked ``quotes: true`` and the file's ``quote_frames``
(:func:`quotes_speaker`). A form given twice or a class that is not declared is an error naming the entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from analysis import schema
from analysis.config import PACKAGE
from analysis.errors import CorpusError
from analysis.text import WORD

FILE = PACKAGE / "lexicons" / "reporting_verbs.yaml"
#: Data files this module reads (they enter the cache key of every stage that imports it).
READS = ("lexicons/reporting_verbs.yaml",)


@dataclass(frozen=True)
class Cue:
    """One reporting cue of ``reporting_verbs.yaml``."""

    lemma: str
    verb_class: str
    language: str
    forms: tuple[tuple[str, ...], ...]
    preposition: bool = False
    addressee: bool = False
    quotes: bool = False


@dataclass(frozen=True)
class ReportingVerbs:
    """The cues, their classes (name -> note) and the frames that introduce a quotation."""

    classes: dict[str, str]
    cues: tuple[Cue, ...]
    quote_frames: tuple[str, ...]


def load(path=FILE) -> ReportingVerbs:
    """Read and validate the reporting verbs.

    Raises:
        CorpusError: Naming the file, the entry and the field.
    """
    data, _ = schema.read(path)
    verbs = schema.validate(schema.VerbsFile, data, path)
    cues: list[Cue] = []
    seen: dict[tuple[str, ...], str] = {}
    for index, entry in enumerate(verbs.verbs):
        where = schema.where(path, ("verbs", index), data)
        if entry.class_ not in verbs.classes:
            raise CorpusError(f"{where}: class: {entry.class_!r} is not one of {sorted(verbs.classes)}")
        forms = tuple(tuple(form.lower().split()) for form in entry.forms)
        for form in forms:
            if form in seen:
                raise CorpusError(f"{where}: forms: {' '.join(form)!r} is already listed under {seen[form]!r}")
            seen[form] = entry.lemma
        cues.append(Cue(lemma=entry.lemma, verb_class=entry.class_, language=entry.language, forms=forms,
                        preposition=entry.pattern == "preposition", addressee=entry.addressee, quotes=entry.quotes))
    frames = tuple(pattern for entry in verbs.quote_frames for pattern in entry.patterns)
    return ReportingVerbs({name: entry.note for name, entry in verbs.classes.items()}, tuple(cues), frames)


@cache
def reporting_verbs() -> ReportingVerbs:
    """The package's reporting verbs (read once per process)."""
    return load()


@cache
def _quote_cues() -> tuple[frozenset[str], re.Pattern]:
    verbs = reporting_verbs()
    forms = {" ".join(form) for cue in verbs.cues if cue.quotes for form in cue.forms}
    single = frozenset(form for form in forms if " " not in form)
    phrases = sorted((re.escape(f).replace(r"\ ", r"\s+") for f in forms if " " in f), key=len, reverse=True)
    # not inside a hyphenated word: "so-called" is a hedge, not "called"
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join([*phrases, *verbs.quote_frames]) + r")(?![\w-])", re.IGNORECASE)
    return single, pattern


def quotes_speaker(sentence: str) -> bool:
    """Whether a sentence has a cue that introduces quoted speech (every form of the cues marked
    ``quotes: true``, and the ``quote_frames``): a short quoted phrase in it quotes someone."""
    single, pattern = _quote_cues()
    return any(word.lower() in single for word in WORD.findall(sentence)) or pattern.search(sentence) is not None
