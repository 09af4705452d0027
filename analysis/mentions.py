"""Where in each article is each finding? One mentions table for every family of extractor.

A *mention* is one finding in one article: a loaded word, a scare quote, a designation, an
attribution. Every family writes the same table (:data:`MENTION_COLUMNS`), one row per finding, with
the article, the character span and the sentence it stands in, so that any number in a figure can be
traced to its evidence. Columns a family does not use are missing (null).

Families are modules registered in :data:`FAMILIES` (CLI name -> module). A family module provides:

``FAMILY``
    the value of the ``family`` column (``wording``, ``designation``, ``sourcing``);
``VERSION``
    a string that changes whenever its lexicons, rules or model change (it enters cache keys);
``extract(text, *, language, sentences) -> list[dict]``
    a pure function of one article's text: dicts with ``kind``, ``category``, ``term``,
    ``canonical`` (and ``variant`` for naming choices), ``start``, ``end``, optionally ``detector``
    (lexicon, rule, tagger) and ``score``, and the family's own columns (offsets into ``text``, end
    exclusive); ``sentences`` is the text's :class:`analysis.text.Sentences`, shared by families;
``json_record(mention) -> dict``
    the family's fields for ``python -m analysis extract --jsonl`` (the CLI adds ``doc`` and ``family``);
``FIGURES`` (optional)
    a list of :class:`analysis.figures.FigureSpec`;
``EVALUATIONS`` (optional)
    a dict of name -> function returning a plain-text report, run by ``make evaluate``.

This module adds the article's id, outlet and date, the sentence and its offsets, and checks that every
span lies inside its article.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from types import ModuleType

import pandas as pd

from analysis import config
from analysis.text import Sentences, context

#: Family name on the command line -> module implementing it.
FAMILIES: dict[str, str] = {
    "wording": "analysis.wording",
    "designations": "analysis.designations",
    "sourcing": "analysis.sourcing",
}

COMMON_COLUMNS = ["article_id", "outlet", "published", "family", "kind", "category", "term", "canonical",
                  "variant", "start", "end", "sentence", "sentence_start", "sentence_end", "detector", "score"]
DESIGNATION_COLUMNS = ["entity", "entity_start", "entity_end", "designation", "authority", "voice", "form"]
SOURCING_COLUMNS = ["cue_start", "cue_end", "source_start", "source_end", "content_start", "content_end",
                    "speaker", "verb", "verb_class", "channel", "anonymous", "relayed", "source_type", "side"]
MENTION_COLUMNS = COMMON_COLUMNS + DESIGNATION_COLUMNS + SOURCING_COLUMNS
SPAN_PAIRS = [("start", "end"), ("sentence_start", "sentence_end"), ("entity_start", "entity_end"),
              ("cue_start", "cue_end"), ("source_start", "source_end"), ("content_start", "content_end")]
_INT_COLUMNS = [c for pair in SPAN_PAIRS for c in pair]
_BOOL_COLUMNS = ["anonymous", "relayed"]


class ExtractionError(Exception):
    """A family returned a finding whose span is not inside its article: a bug, reported with evidence."""


def family_module(name: str) -> ModuleType:
    """The module of a registered family (by CLI name or ``family`` column value).

    Raises:
        KeyError: For an unknown family, listing the registered ones.
    """
    for cli_name, module_name in FAMILIES.items():
        if name in (cli_name, cli_name.rstrip("s")):
            return importlib.import_module(module_name)
    raise KeyError(f"unknown family {name!r}; registered: {', '.join(FAMILIES)}")


def available_families() -> list[str]:
    """Registered families whose module exists (families are added one issue at a time)."""
    names = []
    for name, module_name in FAMILIES.items():
        try:
            importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        names.append(name)
    return names


def _check(row: Mapping, text: str, family: str, article_id: str | None) -> None:
    for start_key, end_key in SPAN_PAIRS:
        start, end = row.get(start_key), row.get(end_key)
        if start is None and end is None:
            continue
        if start is None or end is None or not (0 <= start <= end <= len(text)):
            raise ExtractionError(f"{family} mention in {article_id or 'text'}: {start_key}/{end_key} = "
                                  f"{start}/{end} outside the text of {len(text)} characters ({row.get('term')!r})")


def extract_text(text: str, *, families: Iterable[str] | None = None, language: str | None = None,
                 article_id: str | None = None, outlet: str | None = None, published=None) -> list[dict]:
    """All findings of the given families in one text, as mention rows (see :data:`MENTION_COLUMNS`)."""
    names = list(families) if families is not None else available_families()
    sentences = Sentences.of(text)
    rows = []
    for name in names:
        module = family_module(name)
        for found in module.extract(text, language=language, sentences=sentences):
            row = {"article_id": article_id, "outlet": outlet, "published": published, "family": module.FAMILY,
                   **found}
            _check(row, text, module.FAMILY, article_id)
            if row.get("sentence") is None:
                row["sentence_start"], row["sentence_end"], row["sentence"] = context(sentences, row["start"],
                                                                                    row["end"])
            rows.append(row)
    return rows


def to_frame(rows: Iterable[Mapping]) -> pd.DataFrame:
    """Mention rows as the mentions table: fixed columns and types, sorted by article and offset."""
    frame = pd.DataFrame(list(rows))
    for column in MENTION_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame = frame[MENTION_COLUMNS]
    for column in _INT_COLUMNS:
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in _BOOL_COLUMNS:
        frame[column] = pd.array(frame[column], dtype="boolean")
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce")
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").astype("datetime64[ms]")
    for column in MENTION_COLUMNS:
        if frame[column].dtype == object:
            frame[column] = frame[column].astype("string")
    return frame.sort_values(["article_id", "start", "end", "family", "kind"], na_position="first",
                             kind="stable").reset_index(drop=True)


def _extract_row(args: tuple) -> list[dict]:
    text, families, language, article_id, outlet, published = args
    return extract_text(text, families=families, language=language, article_id=article_id, outlet=outlet,
                        published=published)


def extract_articles(articles: pd.DataFrame, *, families: Iterable[str] | None = None,
                     jobs: int | None = None) -> pd.DataFrame:
    """The mentions table of an Article table (all cores for large inputs).

    Args:
        articles: Rows with ``article_id``, ``outlet``, ``published``, ``language`` and ``text``.
        families: CLI names of the families to run (default: every available family).
        jobs: Processes (default: all cores, at most 4, when there are more than 500 articles).
    """
    names = list(families) if families is not None else available_families()
    work = [(t, names, lang, a, o, p) for t, lang, a, o, p in
            zip(articles["text"], articles["language"], articles["article_id"], articles["outlet"],
                articles["published"])]
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 4) if len(work) > 500 else 1
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            batches = list(pool.map(_extract_row, work, chunksize=64))
    else:
        batches = [_extract_row(item) for item in work]
    return to_frame(row for batch in batches for row in batch)


@cache
def _code_digest(names: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for module_name in ("mentions", "text"):
        digest.update((config.PACKAGE / f"{module_name}.py").read_bytes())
    for name in names:
        module = family_module(name)
        digest.update(f"{name}:{module.VERSION}".encode())
        for path in _module_files(module):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _module_files(module: ModuleType) -> list[Path]:
    """The source files of a family: its module, or every module of its package."""
    if hasattr(module, "__path__"):
        return sorted(p for folder in module.__path__ for p in Path(folder).rglob("*.py"))
    return [Path(module.__file__)] if module.__file__ else []


def load(articles: pd.DataFrame, *, families: Iterable[str] | None = None, cache: bool = True,
         jobs: int | None = None) -> pd.DataFrame:
    """The mentions table of an Article table, cached in ``data/cache/`` by texts, families and code."""
    names = tuple(families) if families is not None else tuple(available_families())
    if not cache:
        return extract_articles(articles, families=names, jobs=jobs)
    digest = hashlib.sha256(_code_digest(names).encode())
    for article_id, text in zip(articles["article_id"], articles["text"]):
        digest.update(f"{article_id}\0{text}\0".encode())
    path = config.CACHE / f"mentions-{digest.hexdigest()[:24]}.parquet"
    if path.exists():
        return pd.read_parquet(path)
    frame = extract_articles(articles, families=names, jobs=jobs)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    frame.to_parquet(staging, index=False)
    os.replace(staging, path)  # atomic: readers never see a half-written file
    return frame


def check_spans(mentions: pd.DataFrame, articles: pd.DataFrame) -> list[str]:
    """Problems with spans (outside the article, or a sentence that does not match the text); empty if none."""
    texts = dict(zip(articles["article_id"], articles["text"]))
    problems = []
    for row in mentions.to_dict("records"):
        text = texts.get(row["article_id"])
        if text is None:
            problems.append(f"{row['article_id']}: no such article")
            continue
        for start_key, end_key in SPAN_PAIRS:
            start, end = row.get(start_key), row.get(end_key)
            if pd.isna(start) and pd.isna(end):
                continue
            if pd.isna(start) or pd.isna(end) or not (0 <= start <= end <= len(text)):
                problems.append(f"{row['article_id']}: {start_key}/{end_key} {start}/{end} outside the text")
        sentence_start, sentence_end = row.get("sentence_start"), row.get("sentence_end")
        if not pd.isna(sentence_start) and text[sentence_start:sentence_end] != row["sentence"]:
            problems.append(f"{row['article_id']}: sentence does not match offsets {row['sentence_start']}")
    return problems
