"""What is in the corpus? Load, clean, deduplicate and describe the Article table.

:func:`load` turns corpus specifications (registered dataset names, files, folders) into a
:class:`Corpus`: the Article table, one row per distinct article, and the ingestion report (every
skipped file or row with its reason, every dropped duplicate with the copy it duplicates, per-file
encodings and repairs, the boilerplate lines learned per outlet).

Article table columns (see ``data/README.md``):

``article_id`` stable id (outlet slug + hash of the normalised URL, or of outlet, title and raw text);
``outlet`` canonical slug; ``url``; ``title``; ``published`` (date or missing); ``language`` (ISO 639-1,
``und`` when undetermined); ``text`` (cleaned body starting with the headline); ``source`` (file and
row); ``dataset``; ``content_type`` (``article`` or ``headline``); ``event``; ``n_words``;
``outlet_from``, ``published_from``, ``title_from`` (which evidence each came from); ``duplicates``
(copies merged into this row).

The per-article step (:func:`prepare`) is a pure function of one raw article, so it can run on all
cores or on a cluster; deduplication and boilerplate learning look across articles.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import pandas as pd

from analysis import cache as cache_module
from analysis import cleaning, config, datasets, dateorder, dedup, metadata
from analysis.errors import CorpusError
from analysis.ingest import ColumnMap, RawArticle, ReadLog, ReadOptions, read_sources
from analysis.ingest.walk import walk_folder
from analysis.language import detect_language
from analysis.textio import printable

#: Input size (bytes) from which the per-article step runs on all cores.
PARALLEL_FROM_BYTES = 5_000_000

ARTICLE_COLUMNS = ["article_id", "outlet", "url", "title", "published", "language", "text", "source", "dataset",
                   "content_type", "event", "n_words", "outlet_from", "published_from", "title_from",
                   "duplicates"]
SKIP_COLUMNS = ["source", "reason", "detail"]
_CANDIDATE_COLUMNS = [c for c in ARTICLE_COLUMNS if c not in ("n_words", "duplicates")] + ["headline", "body"]
#: Environment variable that carries reading options (``--map``, ``--outlet``, ``--date-format``, ``--dayfirst``)
#: to every :func:`load` that is given none: notebooks run by ``report``, the ``bench`` subprocess.
OPTIONS_ENV = "ANALYSIS_READ_OPTIONS"
#: Texts converted to Arrow at a time when the Article table is finished (:func:`text_column`).
TEXT_SLICE = 2000
FILE_COLUMNS = ["source", "format", "encoding", "items", "skipped", "repaired_bytes", "replaced_bytes"]
#: Columns of :meth:`Corpus.file_accounting`.
FILE_ACCOUNT_COLUMNS = ["source", "format", "seen", "articles", "duplicates", "dropped", "skipped", "adds_up"]
#: Skip reasons given after reading (the item was read, then dropped), as opposed to while reading.
AFTER_READING = ("empty_after_cleaning", "duplicate_id")
#: Files listed one by one in the CLI summary (tables and files with skips first).
SUMMARY_FILES = 15


# --- what to read --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """One thing to read: a registered dataset or paths given by the user."""

    name: str
    paths: tuple[Path, ...]
    options: ReadOptions = field(default_factory=ReadOptions)


def resolve(specs: str | Iterable[str], *, options: ReadOptions | None = None) -> list[Source]:
    """Turn corpus specifications into sources.

    Args:
        specs: Dataset names, paths, or the keywords ``seeds`` (the shipped seeds), ``default``
            (seeds and every registered dataset available here) and ``all`` (every registered dataset;
            an error if one is missing). A string may hold several, separated by commas.
        options: Reading options for paths (datasets bring their own).

    Raises:
        CorpusError: For a name that is neither a dataset nor an existing path.
    """
    if isinstance(specs, str):
        specs = [specs]
    names: list[str] = []
    for spec in specs:
        names.extend(part.strip() for part in str(spec).split(",") if part.strip())
    sources: list[Source] = []
    for name in names:
        if name == "default":
            sources += [_dataset_source(n) for n in datasets.available()]
        elif name == "all":
            sources += [_dataset_source(n) for n in datasets.registry()]
        elif name in datasets.registry() and not Path(name).exists():
            sources.append(_dataset_source(name))
        elif Path(name).exists():
            sources.append(Source(name=Path(name).name, paths=(Path(name),), options=options or ReadOptions()))
        elif Path(name).is_symlink():
            raise CorpusError(f"{printable(name)}: a symbolic link to nothing (its target is missing, or links "
                              "point at each other in a loop)")
        else:
            raise CorpusError(f"{name!r} is neither a registered dataset ({', '.join(datasets.registry())}) "
                              f"nor an existing file or folder")
    unique = {(s.name, s.paths): s for s in sources}
    return list(unique.values())


def options_to_json(options: ReadOptions) -> str:
    """The user-given reading options (column mapping, outlet, date formats, day first) as JSON."""
    columns = {k: v for k, v in vars(options.columns).items() if v is not None}
    return json.dumps({"columns": columns, "outlet": options.outlet, "date_formats": list(options.date_formats),
                       "dayfirst": options.dayfirst}, ensure_ascii=False, sort_keys=True)


def options_as_arguments(options: ReadOptions) -> str:
    """The user-given reading options as the command line spells them (``--map text=body --dayfirst``)."""
    parts = [f"--map {field}={column}" for field, column in vars(options.columns).items() if column is not None]
    parts += [f"--outlet {options.outlet}"] if options.outlet else []
    parts += [f"--date-format {fmt}" for fmt in options.date_formats]
    parts += ["--dayfirst"] if options.dayfirst else []
    return " ".join(parts)


def options_from_environment() -> ReadOptions | None:
    """The reading options in ``$ANALYSIS_READ_OPTIONS`` (see :func:`reading_options`), or None.

    Raises:
        CorpusError: When the variable is not what :func:`options_to_json` writes.
    """
    text = os.environ.get(OPTIONS_ENV, "").strip()
    if not text:
        return None
    try:
        values = json.loads(text)
        return ReadOptions(columns=ColumnMap.parse(values.get("columns") or {}), outlet=values.get("outlet"),
                           date_formats=tuple(values.get("date_formats") or ()), dayfirst=values.get("dayfirst"))
    except (ValueError, AttributeError, TypeError) as error:
        raise CorpusError(f"${OPTIONS_ENV} is not valid reading options ({error}); unset it") from None


@contextmanager
def reading_options(options: ReadOptions | None) -> Iterator[None]:
    """Within the block, every :func:`load` given no options (also in notebooks and subprocesses started
    here) reads paths with ``options``; the environment is restored afterwards."""
    before = os.environ.get(OPTIONS_ENV)
    if options is not None and options != ReadOptions():
        os.environ[OPTIONS_ENV] = options_to_json(options)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(OPTIONS_ENV, None)
        else:
            os.environ[OPTIONS_ENV] = before


def _dataset_source(name: str) -> Source:
    dataset = datasets.get(name)
    return Source(name=name, paths=(datasets.locate(name),), options=dataset.read)


# --- one article ----------------------------------------------------------------------------------


def _hash(text: str, size: int = 12) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:size]


def article_id(outlet: str, url: str | None, title: str | None, raw_body: str) -> str:
    """Stable id: outlet slug and a hash of the normalised URL, or of title and raw text without one."""
    key = metadata.normalise_url(url) or f"{title or ''}\n{' '.join(raw_body.split())}"
    return f"{outlet}-{_hash(key)}"


def title_from_url(url: str | None) -> str | None:
    """A readable headline from a URL slug (``.../hold-the-rise-of-homelessness``), for listings only."""
    if not url:
        return None
    path = [p for p in re.split(r"/+", url.split("?")[0]) if p]
    slug = next((p for p in reversed(path) if re.search(r"[a-z]-[a-z]", p)), None)
    if not slug:
        return None
    slug = re.sub(r"^\d+-|\.html?$", "", slug)
    words = slug.replace("_", "-").split("-")
    text = " ".join(w for w in words if w)
    return text[:1].upper() + text[1:] if text else None


def _outlet(raw: RawArticle) -> tuple[str, str]:
    if raw.outlet:
        return raw.outlet, raw.outlet_from or "metadata"
    from_url = metadata.outlet_from_domain(metadata.domain_of(raw.url))
    if from_url:
        return from_url, "url"
    if _is_page(raw):
        from_name = metadata.outlet_from_filename(raw.file_name)
        if from_name:
            return from_name, "filename"
    from_text = metadata.outlet_from_text(raw.body)
    if from_text:
        return from_text, "text"
    return "unknown", "none"


def _published(raw: RawArticle) -> tuple[date | None, str | None]:
    if raw.published:
        return raw.published, raw.published_from or "metadata"
    for how, finder in (("text", metadata.date_from_text), ("page", metadata.date_from_published_mark)):
        found = finder(raw.body)
        if found:
            return found, how
    found = metadata.date_from_url(raw.url)
    if found:
        return found, "url"
    found = metadata.date_from_filename(raw.file_name)
    if found:
        return found, "filename"
    partial = metadata.dateline_without_year(raw.body)
    year = metadata.page_year(raw.body) if partial else None
    if partial and year:
        found = metadata.make_date(year, *partial)
        if found:
            return found, "dateline+page_year"
    return None, None


def document_name(source: str, article_id: str) -> str:
    """How a finding names its document: the file name for one-article files, else the article id."""
    name, _, row = source.rpartition(":")
    return article_id if row.isdigit() else Path(source).name


def document_names(sources: Iterable[str], article_ids: Iterable[str]) -> list[str]:
    """:func:`document_name` of each article, except that files of the same name in different folders (two
    ``article.txt``, or ``index.html`` pages) are named by their path as read, so no two documents share a name."""
    sources, article_ids = list(sources), list(article_ids)
    names = [document_name(s, a) for s, a in zip(sources, article_ids)]
    counts = Counter(names)
    return [source if counts[name] > 1 and name != article_id else name
            for name, source, article_id in zip(names, sources, article_ids)]


def raw_document(raw: RawArticle) -> dict:
    """An uncleaned article for extraction on the text exactly as read (``extract --no-clean``)."""
    outlet, _ = _outlet(raw)
    identifier = article_id(outlet, raw.url, raw.title, raw.body)
    published, _ = _published(raw)
    return {"article_id": identifier, "doc": document_name(raw.source, identifier), "outlet": outlet,
            "published": published, "language": detect_language(raw.body), "text": raw.body,
            "source": raw.source, "url": raw.url, "published_text": raw.published_text,
            "published_column": raw.published_column}


def prepare(raw: RawArticle) -> dict:
    """Clean one raw article and infer its metadata: a pure function of one article.

    Returns:
        A row for the Article table without its ``text``, which is ``headline`` (the headline the text
        starts with, if any) and ``body`` (the text without it) joined by :func:`analysis.cleaning.compose`
        once boilerplate is removed (one copy of each text, not two), plus ``removed`` (cleaning statistics),
        ``published_text`` and ``published_column`` (a numeric date as read, for
        :func:`analysis.dateorder.settle`); or, when nothing is left,
        ``{"skip": reason, "source": ..., "detail": ...}``.
    """
    outlet, outlet_from = _outlet(raw)
    cleaned = cleaning.clean_article(raw.body, outlet=outlet, title=raw.title,
                                     infer_title=raw.content_type == "article" and raw.title is None
                                     and _is_page(raw))
    title, title_from = cleaned.title, cleaned.title_from
    include_title = title is not None
    if title is None:
        title, title_from = title_from_url(raw.url), ("url" if raw.url else None)
    headline = cleaned.title if include_title else None
    text = cleaning.compose(headline, cleaned.body)
    if not text.strip():
        return {"skip": "empty_after_cleaning", "source": raw.source,
                "detail": f"{raw.source}: nothing is left after removing page furniture"}
    published, published_from = _published(raw)
    removed = dict(cleaned.removed)
    if _before_outlet_existed(outlet, published):
        published, published_from = None, None  # metadata error: before the outlet existed
        removed["date_before_outlet_existed"] = 1
    return {
        "article_id": article_id(outlet, raw.url, raw.title, raw.body),
        "outlet": outlet,
        "url": raw.url,
        "title": title,
        "published": published,
        "language": detect_language(text),
        "source": raw.source,
        "dataset": raw.dataset,
        "content_type": raw.content_type,
        "event": raw.event,
        "outlet_from": outlet_from,
        "published_from": published_from,
        "title_from": title_from,
        "published_text": raw.published_text,
        "published_column": raw.published_column,
        "headline": headline,
        "body": cleaned.body,
        "removed": removed,
    }


def _before_outlet_existed(outlet: str, published: date | None) -> bool:
    profile = config.outlets().get(outlet)
    return bool(published and profile and profile.active_since and published.year < profile.active_since)


def settle_dates(rows: list[dict]) -> pd.DataFrame:
    """Read each column's ambiguous numeric dates in the order the column shows (:func:`analysis.dateorder.settle`).

    Rows are :func:`prepare` rows; the date-order table is returned and the date fields are dropped.
    """
    table = dateorder.settle(rows)
    for row in rows:
        if row.pop("published_text", None) and row.get("published_from") == "column" \
                and _before_outlet_existed(row["outlet"], row.get("published")):
            row["published"], row["published_from"] = None, None
            if "removed" in row:
                row["removed"]["date_before_outlet_existed"] = 1
        row.pop("published_column", None)
    return table


def _is_page(raw: RawArticle) -> bool:
    """Whether the article was captured as a whole page (text or HTML file) rather than a table row."""
    name = raw.source.rsplit(":", 1)[0] if raw.source.rsplit(":", 1)[-1].isdigit() else raw.source
    return name.lower().endswith((".txt", ".html", ".htm", ".xhtml"))


# --- the corpus ----------------------------------------------------------------------------------


@dataclass
class Corpus:
    """The Article table and the ingestion report.

    Attributes:
        articles: One row per distinct article (columns ``ARTICLE_COLUMNS``).
        skipped: Every file or row that did not become an article: ``source``, ``reason``, ``detail``.
        duplicates: Every dropped copy and the article it duplicates (see :mod:`analysis.dedup`).
        files: Per file read: format, encoding, items, skips, repaired and replaced bytes.
        boilerplate: Lines learned as boilerplate per outlet (``outlet``, ``line``, ``removed``).
        cleaning: How often each cleaning rule fired (``rule``, ``count``).
        dates: How each column's numeric day/month dates were read (:data:`analysis.dateorder.COLUMNS`).
    """

    articles: pd.DataFrame
    skipped: pd.DataFrame
    duplicates: pd.DataFrame
    files: pd.DataFrame
    boilerplate: pd.DataFrame
    cleaning: pd.DataFrame
    dates: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=dateorder.COLUMNS))

    TABLES = ("articles", "skipped", "duplicates", "files", "boilerplate", "cleaning", "dates")

    def accounting(self) -> dict[str, int]:
        """Items read = articles + duplicates dropped + items skipped after reading."""
        read = int(self.files["items"].sum()) if len(self.files) else 0
        after = int(self.skipped["reason"].isin(AFTER_READING).sum())
        return {"items_read": read, "articles": len(self.articles), "duplicates": len(self.duplicates),
                "skipped_after_reading": after,
                "skipped_before_reading": len(self.skipped) - after}

    def file_accounting(self) -> pd.DataFrame:
        """Per file read: ``seen`` (items the reader met) = ``articles`` kept + ``duplicates`` merged into
        another copy + ``dropped`` after reading (empty after cleaning, an id taken) + ``skipped`` while
        reading; ``adds_up`` checks it. Columns :data:`FILE_ACCOUNT_COLUMNS`, sorted by source."""
        return file_accounting(self)

    def summary(self) -> str:
        """A plain-text overview: articles per outlet and language, dates, skips and duplicates."""
        return describe_text(self)

    def select(self, *, outlets: str | Iterable[str] = "all", languages: str | Iterable[str] = "all") -> Corpus:
        """The same corpus with only some outlets' or languages' articles (the report is kept whole)."""
        return replace(self, articles=select(self.articles, outlets=outlets, languages=languages))


def _row_stream(sources: list[Source], log: ReadLog) -> Iterator[RawArticle]:
    for source in sources:
        yield from read_sources(source.paths, options=source.options, dataset=source.name, log=log)


def build(sources: list[Source], *, jobs: int = 1) -> Corpus:
    """Read, clean, deduplicate and describe (no cache; see :func:`load`)."""
    log = ReadLog()
    raws = _row_stream(sources, log)
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            rows = list(pool.map(prepare, raws, chunksize=256))
    else:
        rows = [prepare(raw) for raw in raws]
    skips = [(s.source, s.reason, s.detail) for s in log.skips]
    dates = settle_dates([row for row in rows if "skip" not in row])
    kept_rows = []
    removed: Counter = Counter()
    for row in rows:
        if "skip" in row:
            skips.append((row["source"], row["skip"], row["detail"]))
        else:
            removed.update(row.pop("removed"))
            kept_rows.append(row)
    # Python objects until the end: an Arrow-backed string column would copy every text on creation and on
    # each change; the columns take their types once, when the table is finished.
    frame = pd.DataFrame(kept_rows if kept_rows else None, columns=None if kept_rows else _CANDIDATE_COLUMNS,
                         dtype=object)
    del rows, kept_rows
    outcome = dedup.find_duplicates(frame)
    for index in outcome.id_conflicts:
        row = frame.loc[index]
        skips.append((row["source"], "duplicate_id",
                      f"{row['source']}: same id ({row['article_id']}, same URL) as another article with "
                      f"different text; the first one read is kept"))
    keep = outcome.keep.copy()
    keep.loc[outcome.id_conflicts] = False
    frame = frame[keep].copy()
    counts = outcome.duplicates.groupby("article_id").size()
    frame["duplicates"] = frame["article_id"].map(counts).fillna(0).astype(int)

    frame, boilerplate, empties = _remove_boilerplate(frame)
    skips += empties
    # The text is the headline and the body joined (one article's words counted at a time); it is composed only
    # once the table is sorted, straight into the finished column (see text_column).
    frame["n_words"] = [len(body.split()) + (len(headline.split()) if headline else 0)
                        for headline, body in zip(frame["headline"], frame["body"])]
    frame["published"] = pd.to_datetime(frame["published"], errors="coerce").astype("datetime64[ms]")
    frame = frame.sort_values(["outlet", "published", "article_id"], na_position="last").reset_index(drop=True)
    text = text_column(_texts(frame.pop("headline").tolist(), frame.pop("body").tolist()))
    frame = _typed(frame)   # sorted first: sorting typed text columns would copy them
    frame["text"] = text
    frame = frame[ARTICLE_COLUMNS]
    for column in ("url", "title", "event", "published_from", "title_from"):
        frame[column] = frame[column].astype("string")
    return Corpus(
        articles=frame,
        skipped=pd.DataFrame(skips, columns=SKIP_COLUMNS).sort_values(["reason", "source"]).reset_index(drop=True),
        duplicates=outcome.duplicates.sort_values(["outlet", "article_id", "dropped_source"]).reset_index(drop=True),
        files=pd.DataFrame([vars(f) for f in log.files], columns=FILE_COLUMNS),
        boilerplate=boilerplate,
        cleaning=pd.DataFrame(sorted(removed.items()), columns=["rule", "count"]),
        dates=dates,
    )


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each column of Python objects given its inferred type (``str`` for text), converted and
    released one column at a time."""
    def typed(column: str) -> pd.Series:
        values = frame.pop(column)
        return pd.Series(values.tolist()) if values.dtype == object else values
    return pd.DataFrame({column: typed(column) for column in list(frame.columns)})


def text_column(texts: Iterable[str | None], *, slice_size: int = TEXT_SLICE) -> pd.Series:
    """Strings as a ``str`` column, converted to Arrow ``slice_size`` at a time as ``texts`` yields them.

    ``pd.Series(list_of_texts)`` holds about three more copies of the texts while it converts (measured: 600 MB
    of peak memory for 160 MB of text); this holds the column and one slice more.
    """
    import numpy as np
    import pyarrow as pa

    slices, part = [], []
    for text in texts:
        part.append(text)
        if len(part) == slice_size:
            slices.append(pa.array(part, type=pa.large_string()))
            part = []
    if part or not slices:
        slices.append(pa.array(part, type=pa.large_string()))
    array = pa.chunked_array(slices, type=pa.large_string())
    return pd.Series(pd.array(array, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))


def _texts(headlines: list[str | None], bodies: list[str]) -> Iterator[str]:
    """Each article's text (:func:`analysis.cleaning.compose` of headline and body), releasing each body once
    its text is made, so that bodies and texts are never all held at once."""
    for index, headline in enumerate(headlines):
        text = cleaning.compose(headline, bodies[index])
        bodies[index] = None
        yield text


def _remove_boilerplate(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, str, str]]]:
    """Learn each outlet's boilerplate lines from the distinct articles and remove them."""
    learned = cleaning.learn_boilerplate(cleaning.group_by_outlet(zip(frame["outlet"], frame["body"])))
    hits: Counter = Counter()
    empties: list[tuple[str, str, str]] = []
    drop = []
    for index, outlet, headline, body in zip(frame.index, frame["outlet"], frame["headline"], frame["body"]):
        lines = learned.get(outlet)
        if not lines:
            continue
        hits.update((outlet, p) for p in body.split("\n\n") if p in lines)
        new_body, removed = cleaning.remove_boilerplate(body, lines)
        if not removed:
            continue
        text = cleaning.compose(headline, new_body)
        if not text.strip():
            drop.append(index)
            source = frame.at[index, "source"]
            empties.append((source, "empty_after_cleaning", f"{source}: only boilerplate lines of its outlet"))
            continue
        frame.at[index, "body"] = new_body
    table = pd.DataFrame([(o, line, hits.get((o, line), 0)) for o, line in cleaning.learned_lines_table(learned)],
                         columns=["outlet", "line", "removed"])
    return frame.drop(index=drop), table, empties


# --- cache ---------------------------------------------------------------------------------------


def cache_key(sources: list[Source]) -> str:
    """A key that changes when any input file, reading option, rule, pipeline module or library changes
    (:mod:`analysis.cache`: the closure of this module's imports and the data files they read)."""
    inputs = []
    for source in sources:
        inputs.append(f"{source.name}|{source.options!r}")
        for path in source.paths:
            for file in sorted(_walk(Path(path), follow_links=source.options.follow_links)):
                status = _stat(file)
                inputs.append(f"{file}|{status.st_mode}|{status.st_size}|{status.st_mtime_ns}")
    return cache_module.key((__name__,), inputs=inputs)


def _walk(path: Path, *, follow_links: bool = False) -> Iterator[Path]:
    """Every file the readers would look at under ``path`` (links unresolved, so a loop cannot raise)."""
    if not path.is_dir():
        yield Path(os.path.abspath(path))
        return
    for root, files in walk_folder(path, base=path, follow_links=follow_links):
        for name in files:
            yield Path(os.path.abspath(root / name))


def _stat(path: Path) -> os.stat_result:
    """The file's status, or its link's when the link is dangling or a loop (read as a counted skip)."""
    try:
        return path.stat()
    except OSError:
        return path.lstat()


def load(specs: str | Iterable[str] = "default", *, options: ReadOptions | None = None, cache: bool = True,
         jobs: int | None = None) -> Corpus:
    """Load a corpus: read, clean, deduplicate; reuse the cached result when nothing changed.

    Args:
        specs: What to read (see :func:`resolve`): ``"default"``, ``"seeds"``, dataset names, paths.
        options: Reading options for paths (column mapping, outlet, date formats); default: those of
            :func:`reading_options` in effect, else none.
        cache: Reuse and store results in ``data/cache/`` keyed by inputs, rules and code.
        jobs: Processes for the per-article step (default: all cores for large inputs).

    Returns:
        The corpus with its ingestion report.
    """
    sources = resolve(specs, options=options if options is not None else options_from_environment())
    if not sources:
        raise CorpusError("nothing to read: no dataset is available and no path was given")
    folder = cache_module.entry("corpus", cache_key(sources), "") if cache else None
    stored = cache_module.read_folder(folder, Corpus.TABLES) if folder is not None else None
    if stored is not None:
        return Corpus(**stored)
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 4) if sum(_size(s) for s in sources) > PARALLEL_FROM_BYTES else 1
    corpus = build(sources, jobs=jobs)
    if folder is not None:
        cache_module.write_folder({name: getattr(corpus, name) for name in Corpus.TABLES}, folder)
    return corpus


def _size(source: Source) -> int:
    statuses = (_stat(f) for p in source.paths for f in _walk(Path(p), follow_links=source.options.follow_links))
    return sum(s.st_size for s in statuses if stat.S_ISREG(s.st_mode))


# --- description ---------------------------------------------------------------------------------


def overview(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles per outlet and language, with words and date range."""
    if articles.empty:
        return pd.DataFrame(columns=["outlet", "language", "articles", "median_words", "first", "last", "undated"])
    grouped = articles.groupby(["outlet", "language"], observed=True)
    table = grouped.agg(articles=("article_id", "size"), median_words=("n_words", "median"),
                        first=("published", "min"), last=("published", "max"),
                        undated=("published", lambda s: int(s.isna().sum()))).reset_index()
    table["median_words"] = table["median_words"].round().astype(int)
    for column in ("first", "last"):
        table[column] = table[column].dt.strftime("%Y-%m-%d").fillna("")
    return table.sort_values(["outlet", "language"]).reset_index(drop=True)


def skipped_by_reason(corpus: Corpus) -> pd.DataFrame:
    """Skipped items per reason, with one example each."""
    return skipped_by_reason_table(corpus.skipped)


def skipped_by_reason_table(skipped: pd.DataFrame) -> pd.DataFrame:
    """Skipped items (columns ``SKIP_COLUMNS``) per reason, with one example each."""
    if skipped.empty:
        return pd.DataFrame(columns=["reason", "items", "example"])
    grouped = skipped.sort_values(["reason", "source"]).groupby("reason")
    return pd.DataFrame({"items": grouped.size(), "example": grouped["detail"].first()}).reset_index()


def _file_of(label: str) -> str:
    """The file of a source label: ``x.csv:118`` and ``x.parquet:row group 2`` -> the file; else the label."""
    name, _, position = label.rpartition(":")
    return name if name and (position.isdigit() or position.startswith("row group")) else label


def file_accounting(corpus: Corpus) -> pd.DataFrame:
    """See :meth:`Corpus.file_accounting`."""
    files = corpus.files
    if files.empty:
        return pd.DataFrame(columns=FILE_ACCOUNT_COLUMNS)
    kept = Counter(_file_of(s) for s in corpus.articles["source"])
    merged = Counter(_file_of(s) for s in corpus.duplicates["dropped_source"])
    after = corpus.skipped[corpus.skipped["reason"].isin(AFTER_READING)]
    dropped = Counter(_file_of(s) for s in after["source"])
    table = pd.DataFrame({
        "source": files["source"], "format": files["format"],
        "seen": files["items"].astype(int) + files["skipped"].astype(int),
        "articles": [kept.get(f, 0) for f in files["source"]],
        "duplicates": [merged.get(f, 0) for f in files["source"]],
        "dropped": [dropped.get(f, 0) for f in files["source"]],
        "skipped": files["skipped"].astype(int),
    })
    table["adds_up"] = table["seen"] == table[["articles", "duplicates", "dropped", "skipped"]].sum(axis=1)
    return table.sort_values("source").reset_index(drop=True)


def accounting_line(account: dict[str, int]) -> str:
    """The one-line intake summary of :meth:`Corpus.accounting` that ``corpus`` and ``extract`` print."""
    return (f"read {account['items_read']:,} items; {account['duplicates']:,} duplicates merged; "
            f"{account['skipped_after_reading']:,} dropped after reading; "
            f"{account['skipped_before_reading']:,} files or rows skipped while reading")


def files_summary(per_file: pd.DataFrame, *, rows: int = SUMMARY_FILES) -> pd.DataFrame:
    """The per-file accounting a summary prints: files that do not add up, then those with skips or several
    items, at most ``rows``, and one row totalling the rest."""
    order = per_file.assign(_rank=(~per_file["adds_up"]).astype(int) * 4 + (per_file["skipped"] > 0) * 2
                            + (per_file["seen"] > 1)).sort_values(["_rank", "seen"], ascending=False)
    shown, rest = order.head(rows).drop(columns="_rank"), order.iloc[rows:].drop(columns="_rank")
    if len(rest):
        total = rest[["seen", "articles", "duplicates", "dropped", "skipped"]].sum()
        shown = pd.concat([shown, pd.DataFrame([{"source": f"({len(rest):,} more files)", "format": "",
                                                 **total.to_dict(), "adds_up": bool(rest["adds_up"].all())}])],
                          ignore_index=True)
    return shown


def describe_text(corpus: Corpus) -> str:
    """The CLI's plain-text summary of a corpus."""
    articles = corpus.articles
    lines = [f"{len(articles):,} articles from {articles['outlet'].nunique()} outlets"]
    dated = articles["published"].dropna()
    if len(dated):
        lines.append(f"published {dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d} "
                     f"({int(articles['published'].isna().sum()):,} undated)")
    lines += ["", "articles per outlet and language:", overview(articles).to_string(index=False)]
    account = corpus.accounting()
    lines += ["", accounting_line(account)]
    per_file = corpus.file_accounting()
    if len(per_file) > 1 or (len(per_file) and per_file["seen"].iloc[0] > 1):
        lines += ["", "per file (seen = articles + duplicates + dropped + skipped):",
                  files_summary(per_file).to_string(index=False, max_colwidth=60)]
    if len(corpus.duplicates):
        lines += ["duplicates by match:", corpus.duplicates.groupby(["outlet", "match"]).size()
                  .rename("copies").reset_index().to_string(index=False)]
    if notes := dateorder.notes(corpus.dates):
        lines += ["", "dates:"] + notes
    table = skipped_by_reason(corpus)
    if len(table):
        lines += ["", "skipped by reason:", table.to_string(index=False, max_colwidth=90)]
    return "\n".join(lines)


def to_json_records(articles: pd.DataFrame, *, fields: Iterable[str] = ARTICLE_COLUMNS) -> Iterator[str]:
    """One JSON object per article (dates as ``YYYY-MM-DD``, missing values as null)."""
    columns = list(fields)
    for record in articles[columns].to_dict(orient="records"):
        out = {}
        for key, value in record.items():
            if value is pd.NaT or (not isinstance(value, str) and pd.isna(value)):
                out[key] = None
            elif isinstance(value, pd.Timestamp):
                out[key] = value.strftime("%Y-%m-%d")
            elif hasattr(value, "item"):
                out[key] = value.item()
            else:
                out[key] = value
        yield json.dumps(out, ensure_ascii=False)


# --- tables for figures ----------------------------------------------------------------------------


def select(articles: pd.DataFrame, *, outlets: str | Iterable[str] = "all",
           languages: str | Iterable[str] = "all") -> pd.DataFrame:
    """Articles of some outlets and languages (``"all"``, a comma-separated string or a list)."""
    def chosen(value):
        if isinstance(value, str):
            return None if value == "all" else [v.strip() for v in value.split(",") if v.strip()]
        return list(value)

    mask = pd.Series(True, index=articles.index)
    if (wanted := chosen(outlets)) is not None:
        mask &= articles["outlet"].isin(wanted)
    if (wanted := chosen(languages)) is not None:
        mask &= articles["language"].isin(wanted)
    return articles[mask]


def table_articles_over_time(articles: pd.DataFrame, *, freq: str = "M") -> pd.DataFrame:
    """Dated articles per outlet, content type and month (``M``) or year (``Y``).

    Columns: ``outlet``, ``content_type``, ``period`` (``2023-06`` or ``2023``), ``articles``.
    Undated articles are left out; :func:`overview` counts them.
    """
    dated = articles.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame(columns=["outlet", "content_type", "period", "articles"])
    fmt = "%Y-%m" if freq == "M" else "%Y"
    table = (dated.assign(period=dated["published"].dt.strftime(fmt))
             .groupby(["outlet", "content_type", "period"]).size().rename("articles").reset_index())
    return table.sort_values(["outlet", "content_type", "period"]).reset_index(drop=True)


def table_article_length(articles: pd.DataFrame) -> pd.DataFrame:
    """Length in words per outlet and content type: count, mean and the 5/25/50/75/95th percentiles."""
    columns = ["outlet", "content_type", "articles", "mean", "p05", "p25", "median", "p75", "p95"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    grouped = articles.groupby(["outlet", "content_type"])["n_words"]
    table = grouped.describe(percentiles=[0.05, 0.25, 0.5, 0.75, 0.95]).reset_index()
    table = table.rename(columns={"count": "articles", "5%": "p05", "25%": "p25", "50%": "median",
                                  "75%": "p75", "95%": "p95"})
    table["articles"] = table["articles"].astype(int)
    for column in ("mean", "p05", "p25", "median", "p75", "p95"):
        table[column] = table[column].round(1)
    return table[columns].sort_values(["content_type", "outlet"]).reset_index(drop=True)


def examples(articles: pd.DataFrame, *, per_outlet: int = 2, chars: int = 200, seed: int = 1) -> pd.DataFrame:
    """A few articles per outlet with the start of their text, to check cleaning by eye."""
    columns = ["outlet", "published", "language", "title", "start", "source"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    picked = articles.sample(frac=1.0, random_state=seed).groupby("outlet").head(per_outlet)
    picked = picked.assign(start=picked["text"].str.slice(0, chars))
    return picked[columns].sort_values(["outlet", "source"]).reset_index(drop=True)
