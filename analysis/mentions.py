"""Where in each article is each finding? One mentions table for every family of extractor.

A *mention* is one finding in one article: a loaded word, a scare quote, a designation, an
attribution. Every family writes the same table (:data:`MENTION_COLUMNS`), one row per finding, with
the article, the character span and the sentence it stands in, so that any number in a figure can be
traced to its evidence. Columns a family does not use are missing (null).

Families are modules registered in :data:`FAMILIES` (CLI name -> module); adding a family is one module,
its vocabulary, and one line there. A family module provides:

``FAMILY``
    the value of the ``family`` column (``wording``, ``designation``, ``sourcing``);
``extract(text, *, topic=None, language=None, document=None) -> list[dict]``
    a pure function of one article's text and the topic pack: dicts with ``kind``, ``category``,
    ``term``, ``canonical`` (and ``variant`` for naming choices), ``start``, ``end``, optionally
    ``detector`` (lexicon, rule, tagger) and ``score``, and the family's own columns (offsets into
    ``text``, end exclusive); ``document`` is the text's :class:`analysis.text.Document`, whose
    sentences and quotations every family shares (computed once per article);
``json_record(mention) -> dict``
    the family's fields for ``python -m analysis extract --jsonl`` (the CLI adds ``doc`` and ``family``);
``prepare(topic)``
    compiles the family's vocabulary for a topic pack (errors in the pack surface here);

and, beside it, ``<module>.tables`` with ``FIGURES`` (a list of :class:`analysis.figures.FigureSpec`)
and optionally ``<module>.evaluation`` with ``EVALUATIONS`` (name -> function returning a plain-text
report, run by ``make evaluate``). Extraction never imports those two, so extracting loads no plotting.

This module adds the article's id, outlet and date, the sentence and its offsets, and checks that every
span lies inside its article.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from functools import cache
from types import ModuleType

import pandas as pd

from analysis import cache as cache_module
from analysis import topic as topic_module
from analysis.text import Document, context
from analysis.topic import Topic

#: Family name on the command line -> module implementing it (tables in ``<module>.tables``).
FAMILIES: dict[str, str] = {
    "wording": "analysis.wording",
    "designations": "analysis.designations",
    "sourcing": "analysis.sourcing",
}

COMMON_COLUMNS = ["article_id", "outlet", "published", "family", "kind", "category", "term", "canonical",
                  "variant", "start", "end", "sentence", "sentence_start", "sentence_end", "detector", "score"]
DESIGNATION_COLUMNS = ["entity", "entity_start", "entity_end", "designation", "authority", "voice", "form"]
SOURCING_COLUMNS = ["cue_start", "cue_end", "source_start", "source_end", "content_start", "content_end",
                    "speaker", "verb", "verb_class", "channel", "anonymous", "relayed", "source_type", "side",
                    "side_reason"]
MENTION_COLUMNS = COMMON_COLUMNS + DESIGNATION_COLUMNS + SOURCING_COLUMNS
SPAN_PAIRS = [("start", "end"), ("sentence_start", "sentence_end"), ("entity_start", "entity_end"),
              ("cue_start", "cue_end"), ("source_start", "source_end"), ("content_start", "content_end")]
_INT_COLUMNS = [c for pair in SPAN_PAIRS for c in pair]
_BOOL_COLUMNS = ["anonymous", "relayed"]
_TYPED_COLUMNS = set(_INT_COLUMNS + _BOOL_COLUMNS + ["score", "published"])
#: How the mentions table is sorted (stable: a family's own order breaks ties).
SORT_ORDER = ["article_id", "start", "end", "family", "kind"]
#: Articles below which extraction runs in one process (starting workers costs more than it saves).
PARALLEL_FROM = 500
#: Articles a worker takes at a time.
CHUNK = 64
#: Seconds one article's extraction (all families) may take; an article that takes longer is left out and
#: reported by id (a normal article takes milliseconds, the longest accepted one a few seconds).
TIME_LIMIT = 60.0
#: Columns of the table of articles left out of extraction (``failures=`` of :func:`extract_articles`).
FAILURE_COLUMNS = ["article_id", "reason", "detail"]


class ExtractionError(Exception):
    """A family returned a finding whose span is not inside its article: a bug, reported with evidence."""


class ArticleTimeout(Exception):
    """One article's extraction took longer than its time limit."""


class ExtractionWarning(UserWarning):
    """Some articles were left out of extraction (each named, with its reason)."""


@contextmanager
def time_limit(seconds: float | None, *, article_id: str | None = None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block when it runs longer than ``seconds``.

    Uses the process's real-time interval timer, so it holds in the main thread of a process (the CLI, a
    notebook kernel, a pool worker); elsewhere (a thread of a Dask worker, say) the block runs unbounded.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum, _frame):
        raise ArticleTimeout(f"{article_id or 'text'}: extraction took longer than the {seconds:g} s limit "
                             "for one article")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def family_name(name: str) -> str:
    """The CLI name of a family given by CLI name or ``family`` column value (``designation``).

    Raises:
        KeyError: For an unknown family, listing the registered ones.
    """
    for cli_name in FAMILIES:
        if name in (cli_name, cli_name.rstrip("s")):
            return cli_name
    raise KeyError(f"unknown family {name!r}; registered: {', '.join(FAMILIES)}")


def family_module(name: str) -> ModuleType:
    """The extraction module of a registered family (by CLI name or ``family`` column value), or the module of
    that dotted name (how extraction tasks name a family to a worker, which may not share this process's
    registry)."""
    if "." in name:
        return importlib.import_module(name)
    return importlib.import_module(FAMILIES[family_name(name)])


def family_part(name: str, part: str) -> ModuleType | None:
    """A family's ``tables`` or ``evaluation`` module, or None where it has none."""
    module_name = f"{FAMILIES[family_name(name)]}.{part}"
    try:
        found = importlib.util.find_spec(module_name)
    except ModuleNotFoundError:   # a family that is a single module has no parts
        return None
    return importlib.import_module(module_name) if found else None


def prepare(topic: Topic | str | None = None, *, families: Iterable[str] | None = None) -> Topic:
    """Load a topic pack and compile every family's vocabulary for it (each family's ``prepare``), so that a
    malformed pack stops a run before any article is read.

    Raises:
        CorpusError: One line naming the file, the entry and the field.
    """
    topic = topic_module.load(topic)
    for name in families if families is not None else FAMILIES:
        getattr(family_module(name), "prepare", lambda _topic: None)(topic)
    return topic


def _check(row: Mapping, text: str, family: str, article_id: str | None) -> None:
    for start_key, end_key in SPAN_PAIRS:
        start, end = row.get(start_key), row.get(end_key)
        if start is None and end is None:
            continue
        if start is None or end is None or not (0 <= start <= end <= len(text)):
            raise ExtractionError(f"{family} mention in {article_id or 'text'}: {start_key}/{end_key} = "
                                  f"{start}/{end} outside the text of {len(text)} characters ({row.get('term')!r})")


def extract_text(text: str, *, families: Iterable[str] | None = None, topic: Topic | str | None = None,
                 language: str | None = None, article_id: str | None = None, outlet: str | None = None,
                 published=None) -> list[dict]:
    """All findings of the given families (default: all) in one text, as mention rows (:data:`MENTION_COLUMNS`)."""
    names = list(families) if families is not None else list(FAMILIES)
    topic = topic_module.load(topic)
    document = Document(text, language)
    rows = []
    for name in names:
        module = family_module(name)
        for found in module.extract(text, topic=topic, language=language, document=document):
            row = {"article_id": article_id, "outlet": outlet, "published": published, "family": module.FAMILY,
                   **found}
            _check(row, text, module.FAMILY, article_id)
            if row.get("sentence") is None:
                row["sentence_start"], row["sentence_end"], row["sentence"] = context(document.sentences,
                                                                                    row["start"], row["end"])
            rows.append(row)
    return rows


def to_frame(rows: Iterable[Mapping]) -> pd.DataFrame:
    """Mention rows as the mentions table: fixed columns and types, sorted by article and offset."""
    return conform(pd.DataFrame(list(rows)))


def conform(frame: pd.DataFrame, *, keep: Iterable[str] = (), ordered: bool = False) -> pd.DataFrame:
    """A table of mention rows (from dicts, or read back from Parquet) as the mentions table: the columns of
    :data:`MENTION_COLUMNS` (then ``keep``) with their fixed types, sorted by :data:`SORT_ORDER` (stable; with
    ``ordered``, the rows are in that order already). A column that has its type already is not copied."""
    frame = frame.copy(deep=False)
    for column in MENTION_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame = frame[MENTION_COLUMNS + [c for c in keep if c in frame]]
    for column in _INT_COLUMNS:
        if frame[column].dtype != "Int64":
            frame[column] = pd.array(frame[column], dtype="Int64")
    for column in _BOOL_COLUMNS:
        if frame[column].dtype != "boolean":
            frame[column] = pd.array(frame[column], dtype="boolean")
    frame["score"] = pd.to_numeric(frame["score"], errors="coerce").astype("float64")
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").astype("datetime64[ms]")
    for column in frame.columns:   # text: ``str`` (missing is NaN), or ``string`` where every value is missing
        if column not in _TYPED_COLUMNS:
            frame[column] = frame[column].astype("string" if frame[column].isna().all() else "str")
    if ordered:
        return frame.reset_index(drop=True)
    return frame.sort_values(SORT_ORDER, na_position="first", kind="stable").reset_index(drop=True)


#: Environment variable giving the default number of processes (``--jobs`` sets it for notebook kernels).
JOBS_ENV = "ANALYSIS_JOBS"


def default_jobs(articles: int) -> int:
    """Processes for extracting this many articles: ``$ANALYSIS_JOBS`` if set, else every core when there are
    at least :data:`PARALLEL_FROM` articles, else one."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if value:
        return max(1, int(value))
    return (os.cpu_count() or 1) if articles >= PARALLEL_FROM else 1


@cache
def _worker_topic(path: str) -> Topic:
    """The pack of a worker process, read once for the whole run."""
    return topic_module.load(path)


def _extract_row(args: tuple) -> tuple[list[dict], tuple[str, str, str] | None]:
    """One article's mention rows, or no rows and why the article was left out (a time limit hit)."""
    text, families, topic, language, article_id, outlet, published, seconds = args
    topic = _worker_topic(topic) if isinstance(topic, str) else topic
    try:
        with time_limit(seconds, article_id=article_id):
            return extract_text(text, families=families, topic=topic, language=language, article_id=article_id,
                                outlet=outlet, published=published), None
    except ArticleTimeout as timeout:
        return [], (article_id, "extraction_timeout", f"{timeout} (an article of {len(text):,} characters)")


def extract_articles(articles: pd.DataFrame, *, families: Iterable[str] | None = None,
                     topic: Topic | str | None = None, jobs: int | None = None,
                     time_limit: float | None = TIME_LIMIT, failures: list | None = None,
                     progress: bool | None = False) -> pd.DataFrame:
    """The mentions table of an Article table (all cores for large inputs).

    Args:
        articles: Rows with ``article_id``, ``outlet``, ``published``, ``language`` and ``text``.
        families: CLI names of the families to run (default: every family).
        topic: The topic pack (a :class:`Topic`, a name or a folder; default: the default pack).
        jobs: Processes (default: :func:`default_jobs`).
        time_limit: Seconds one article may take (``None``: no limit); an article over it has no mentions
            and is reported.
        failures: Receives ``(article_id, reason, detail)`` for each article left out (see
            :data:`FAILURE_COLUMNS`); without it, a :class:`ExtractionWarning` names them.
        progress: Show a progress bar on standard error (None: when it is a terminal and the run is not short).
    """
    names = list(families) if families is not None else list(FAMILIES)
    topic = topic_module.load(topic)
    if jobs is None:
        jobs = default_jobs(len(articles))
    shipped = str(topic.path) if jobs > 1 else topic   # workers read the pack once from its folder
    work = [(t, names, shipped, lang, a, o, p, time_limit) for t, lang, a, o, p in
            zip(articles["text"], articles["language"], articles["article_id"], articles["outlet"],
                articles["published"])]
    # By name: how progress is shown is not part of what produced the mentions (tqdm stays out of the key).
    tqdm = importlib.import_module("tqdm").tqdm
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=len(work), unit="article", desc="extracting", file=sys.stderr, disable=not show,
              delay=2.0) as bar:
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                results = list(bar.update(1) or r for r in pool.map(_extract_row, work, chunksize=CHUNK))
        else:
            results = [bar.update(1) or _extract_row(item) for item in work]
    failed = [failure for _, failure in results if failure is not None]
    if failures is not None:
        failures.extend(failed)
    elif failed:
        warnings.warn(f"{len(failed)} article(s) left out of extraction: "
                      + "; ".join(detail for _, _, detail in failed[:5]), ExtractionWarning, stacklevel=2)
    return to_frame(row for rows, _ in results for row in rows)


def article_keys(articles: pd.DataFrame) -> list[str]:
    """Each article's key: a digest of everything of the article that extraction reads or writes into its rows
    (id, outlet, date, language, text), so an article whose text or metadata changes is extracted again."""
    stamps = pd.to_datetime(articles["published"], errors="coerce").astype("string").fillna("")
    keys = []
    for article_id, outlet, stamp, language, text in zip(articles["article_id"], articles["outlet"], stamps,
                                                         articles["language"], articles["text"]):
        fields = "\0".join("" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
                           for v in (article_id, outlet, stamp, language))
        digest = hashlib.sha256(fields.encode("utf-8", "surrogatepass") + b"\1")
        digest.update(text.encode("utf-8", "surrogatepass"))
        keys.append(digest.hexdigest()[:cache_module.KEY_CHARS])
    return keys


def producer_key(family: str, topic: Topic) -> str:
    """The digest of what produces one family's mentions: the family's code, data and libraries, this module's,
    and the topic pack (:func:`analysis.cache.key` without inputs). ``family`` is a registered name or a
    family module's dotted name."""
    module = family if "." in family else FAMILIES[family_name(family)]
    return cache_module.key((module, __name__), topic=topic, options={"family": module})


def cache_key(family: str, articles: pd.DataFrame, topic: Topic) -> str:
    """The key of one family's mentions of these articles: what produced them (:func:`producer_key`) and every
    article's key (:func:`article_keys`), in order. It changes whenever the mentions may change."""
    return combined_key(producer_key(family, topic), article_keys(articles))


def combined_key(producer: str, keys: Iterable[str]) -> str:
    """A digest of a producer key and article keys, in order."""
    digest = hashlib.sha256(producer.encode())
    for item in keys:
        digest.update(b"\0" + item.encode())
    return digest.hexdigest()[:cache_module.KEY_CHARS]


def _store() -> ModuleType:
    """:mod:`analysis.store`, imported by name: where mentions are kept is not part of what produced them, so
    the store's code (and its libraries: pyarrow's dataset reader, Dask, tqdm) stays out of :func:`producer_key`."""
    return importlib.import_module("analysis.store")


def load_family(articles: pd.DataFrame, family: str, *, topic: Topic | str | None = None, cache: bool = True,
                jobs: int | None = None, **options) -> tuple[pd.DataFrame, str]:
    """One family's mentions of an Article table and their key (:func:`cache_key`), extracting only articles
    not yet in the store (:func:`analysis.store.load_family`, which takes the further options)."""
    return _store().load_family(articles, family, topic=topic, cache=cache, jobs=jobs, **options)


def load_families(articles: pd.DataFrame, families: Iterable[str] | None = None, *,
                  topic: Topic | str | None = None, **options) -> dict[str, tuple[pd.DataFrame, str]]:
    """Each family's mentions and key, the missing articles extracted in one pass for all families
    (:func:`analysis.store.load_families`)."""
    return _store().load_families(articles, families, topic=topic, **options)


def update(articles: pd.DataFrame, families: Iterable[str] | None = None, *, topic: Topic | str | None = None,
           **options) -> dict[str, str]:
    """Extract what the store lacks of these articles, read nothing back (:func:`analysis.store.update`)."""
    return _store().update(articles, families, topic=topic, **options)


def load(articles: pd.DataFrame, *, families: Iterable[str] | None = None, topic: Topic | str | None = None,
         cache: bool = True, jobs: int | None = None, **options) -> pd.DataFrame:
    """The mentions table of an Article table, every family from the store (:func:`analysis.store.load`):
    adding articles extracts only those, editing one family's rules re-extracts that family only."""
    return _store().load(articles, families=families, topic=topic, cache=cache, jobs=jobs, **options)


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
