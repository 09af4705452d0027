"""Finding designations in a text: which form's parsers run in which trigger window, and the mention rows they give.

The steps, each in its own module: :mod:`~analysis.designations.windows` (where a designation is possible),
the parsers of each form (:mod:`~analysis.designations.footnote`, :mod:`~analysis.designations.parenthetical`,
:mod:`~analysis.designations.appositive`, :mod:`~analysis.designations.clause`,
:mod:`~analysis.designations.attributive`), which read their entities with :mod:`~analysis.designations.entities`
and record findings on a shared :class:`~analysis.designations.context.Context`, and
:mod:`~analysis.designations.resolve` (one finding per label). Each form's module handles English and Russian
together, so that a reader who asks how a form is found reads both languages in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis import topic as topic_module
from analysis.designations import appositive, attributive, clause, footnote, parenthetical
from analysis.designations.context import Context, Found
from analysis.designations.grammar import grammar
from analysis.designations.resolve import resolve
from analysis.designations.windows import Window, automaton, trigger_windows
from analysis.text import Document
from analysis.topic import Topic

FAMILY = "designation"
FORMS = ("parenthetical", "appositive", "clause", "attributive", "footnote")
VOICES = ("own", "reported")
JSON_FIELDS = ("start", "end", "kind", "category", "term", "entity", "entity_start", "entity_end", "designation",
               "authority", "voice", "form")

Parser = Callable[[Context, int, int], None]

#: The parsers of a window, by trigger group and script, in the order they run: a later parser may read what an
#: earlier one found ("... recognized Azov as a terrorist organization and banned its activities").
LEGAL_EN: tuple[Parser, ...] = (parenthetical.legal_en, appositive.legal_en, clause.legal_en, attributive.legal_en)
LEGAL_RU: tuple[Parser, ...] = (parenthetical.legal_ru, appositive.legal_ru, clause.legal_ru, attributive.legal_ru)
LABELS_EN: tuple[Parser, ...] = (attributive.labels_en, appositive.labels_en, parenthetical.labels_en)
LABELS_RU: tuple[Parser, ...] = (attributive.labels_ru,)

_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_LATIN = re.compile("[a-z]", re.IGNORECASE)


def run(ctx: Context, windows: list[Window]) -> list[Found]:
    """Every designation of ``ctx.text``: footnotes over the whole text, then each window's parsers (English where
    it has Latin letters, Russian where it has Cyrillic ones), then one finding per label."""
    text = ctx.text
    if "*" in text:
        footnote.find(ctx)
    for window in windows:
        lo, hi = window.start, window.end
        cyrillic = bool(_CYRILLIC.search(text, lo, hi))
        latin = bool(_LATIN.search(text, lo, hi))
        parsers: tuple[Parser, ...] = ()
        if window.legal:
            parsers += (LEGAL_EN if latin else ()) + (LEGAL_RU if cyrillic else ())
        if window.labels:
            parsers += (LABELS_EN if latin else ()) + (LABELS_RU if cyrillic else ())
        for parse in parsers:
            parse(ctx, lo, hi)
    return resolve(ctx.found)


def prepare(topic: Topic) -> None:
    """Compile the designation grammar and triggers of a pack (errors in its files raise here)."""
    automaton(grammar(topic))


def extract(text: str, *, topic: Topic | None = None, language: str | None = None,
            document: Document | None = None) -> list[dict]:
    """Every designation in one article's text, as mention rows (offsets into ``text``, end exclusive).

    Args:
        text: The article text.
        topic: The topic pack (authorities, patrons, labels; default: the default pack).
        language: Not needed: English and Russian patterns run where Latin or Cyrillic letters stand.
        document: The article's shared :class:`~analysis.text.Document` (sentences computed once).
    """
    if not text:
        return []
    g = grammar(topic_module.load(topic))   # the one place the grammar is obtained: windows and parsers read it
    sentences = Document.of(text, language, document).sentences
    windows = trigger_windows(text, sentences, g)
    if not windows and "*" not in text:
        return []
    rows = []
    for f in run(Context(text, g), windows):
        entity_start, entity_end = f.entity
        rows.append({"kind": "designation", "category": f.designation, "term": text[f.start:f.end],
                     "canonical": f.canonical, "start": f.start, "end": f.end,
                     "entity": text[entity_start:entity_end], "entity_start": entity_start, "entity_end": entity_end,
                     "designation": f.designation, "authority": f.authority, "voice": f.voice, "form": f.form,
                     "detector": "rule"})
    return rows


def json_record(row: dict) -> dict:
    """The fields of ``python -m analysis extract --family designations --jsonl``."""
    return {key: row.get(key) for key in JSON_FIELDS}
