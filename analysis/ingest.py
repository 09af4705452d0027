"""What articles are in these files?

One entry point, :func:`read_sources`, takes files and folders in the formats users actually have and
yields one :class:`RawArticle` per article, with its text as read and the metadata the source states.
Every file and row that does not become an article is recorded as a :class:`Skip` with a reason, so
nothing disappears without a count. Cleaning, inference and deduplication happen downstream
(:mod:`analysis.corpus`).

Formats, detected by extension and content:

* folders or lists of ``.txt`` files, with metadata from a sidecar table (``metadata.csv``/``.tsv``/
  ``.jsonl`` with a ``file`` column, or ``<name>.meta.json``) or from the text itself;
* ``.html`` pages (main text extracted with trafilatura);
* news-please JSON files (``maintext``, ``title``, ``url``, ``date_publish``, ...);
* tables: CSV, TSV, JSONL and Parquet, with columns found by name or given by a column mapping;
* the brat layout of PolNeAR (``text/NAME.txt`` beside ``attributions/NAME_*.ann`` and a
  ``metadata.tsv`` with ``filename``, ``publisher``, ``publication_date`` and ``title``).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from analysis import metadata
from analysis.errors import CorpusError, SkipItem
from analysis.textio import decode_bytes, read_text

#: Longest article text accepted from one table row or file (characters).
MAX_ARTICLE_CHARS = 2_000_000
#: Largest table file read (bytes); bigger corpora belong in Parquet or several files.
MAX_TABLE_BYTES = 4 * 1024**3

TEXT_EXTENSIONS = {".txt"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
TABLE_EXTENSIONS = {".csv", ".tsv", ".jsonl", ".ndjson", ".parquet", ".pq"}
JSON_EXTENSIONS = {".json"}
SIDECAR_NAMES = {"metadata.csv", "metadata.tsv", "metadata.jsonl", "meta.csv", "meta.tsv", "sidecar.csv"}
NOT_ARTICLE_NAMES = re.compile(r"^(?:readme|license|licence|copying|changelog|notice|authors|contributing|"
                               r"requirements|manifest|index)(?:\.|$)", re.IGNORECASE)

#: Column names recognised in tables, first match wins (case-insensitive).
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "maintext", "full_text", "article_text", "story"),
    "title": ("title", "headline", "heading", "title_page"),
    "lead": ("desc", "description", "lead", "summary", "subtitle", "subheading", "standfirst"),
    "url": ("url", "link", "src", "href", "source_url", "uri", "article_url"),
    "published": ("published", "date", "date_publish", "publish_date", "pubdate", "publication_date",
                  "datetime", "published_at", "created_at", "time"),
    "outlet": ("outlet", "site", "source_domain", "publisher", "domain", "media", "newspaper", "source"),
    "language": ("language", "lang"),
    "event": ("event",),
    "id": ("id", "article_id", "doc_id"),
}


@dataclass(frozen=True)
class ColumnMap:
    """Which table column holds which field; ``None`` means look it up by name."""

    text: str | None = None
    title: str | None = None
    lead: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    event: str | None = None
    id: str | None = None

    @classmethod
    def parse(cls, pairs: Iterable[str] | Mapping[str, str] | None) -> ColumnMap:
        """Build from ``["text=article", "url=link"]`` or ``{"text": "article"}``.

        Raises:
            CorpusError: On an unknown field or a malformed pair.
        """
        if not pairs:
            return cls()
        items = pairs.items() if isinstance(pairs, Mapping) else (_split_pair(p) for p in pairs)
        values = {}
        for key, column in items:
            if key not in COLUMN_CANDIDATES:
                raise CorpusError(f"column mapping: unknown field {key!r}; fields are {sorted(COLUMN_CANDIDATES)}")
            values[key] = column
        return cls(**values)


def _split_pair(pair: str) -> tuple[str, str]:
    if "=" not in pair:
        raise CorpusError(f"column mapping {pair!r}: write FIELD=COLUMN, e.g. text=article")
    key, column = pair.split("=", 1)
    return key.strip(), column.strip()


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source. Dataset registry entries and the CLI fill these in.

    Attributes:
        columns: Column mapping for tables.
        outlet: Outlet for every article of the source (overrides inference).
        date_formats: ``strptime`` formats tried before general date parsing.
        dayfirst: Read ambiguous numeric dates day first.
        content_type: ``article`` for full texts, ``headline`` for headline/sub-heading rows;
            ``None`` decides per table (headline when it has no body column).
        encoding: Force a text encoding instead of detecting it.
        verbatim: Keep text exactly as decoded from the file (no line-ending normalisation or
            mojibake repair), so offsets match the file; used by ``extract --no-clean``.
    """

    columns: ColumnMap = field(default_factory=ColumnMap)
    outlet: str | None = None
    date_formats: tuple[str, ...] = ()
    dayfirst: bool = False
    content_type: str | None = None
    encoding: str | None = None
    verbatim: bool = False


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning. ``source`` names the file and row."""

    body: str
    source: str
    file_name: str = ""
    dataset: str = ""
    outlet: str | None = None
    outlet_from: str | None = None
    url: str | None = None
    title: str | None = None
    lead: str | None = None
    published: date | None = None
    published_from: str | None = None
    declared_language: str | None = None
    event: str | None = None
    source_id: str | None = None
    content_type: str = "article"


@dataclass(frozen=True)
class Skip:
    """One file or row that did not become an article, and why."""

    source: str
    reason: str
    detail: str


@dataclass
class FileLog:
    """What was read from one file."""

    source: str
    format: str
    encoding: str = ""
    items: int = 0
    skipped: int = 0
    repaired_bytes: int = 0
    replaced_bytes: int = 0


@dataclass
class ReadLog:
    """Everything the readers saw: per-file counts and every skip with its reason."""

    files: list[FileLog] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)

    def skip(self, source: str, reason: str, detail: str, file_log: FileLog | None = None) -> None:
        self.skips.append(Skip(source, reason, detail))
        if file_log is not None:
            file_log.skipped += 1


# --- discovery -----------------------------------------------------------------------------------

def label_base(path: Path) -> Path:
    """The folder that source labels are relative to: the parent of a given folder, or the
    grandparent of a given file (so labels keep the corpus folder name, e.g. ``seeds/rt.txt``)."""
    path = path.resolve()
    return path.parent if path.is_dir() else path.parent.parent


def source_label(path: Path, base: Path, row: int | None = None) -> str:
    """``rt_thesis/soros-nato.csv:118``: the file relative to ``base`` and the 1-based row."""
    try:
        name = path.resolve().relative_to(base).as_posix()
    except ValueError:
        name = path.as_posix()
    return f"{name}:{row}" if row is not None else name


def is_brat_folder(path: Path) -> bool:
    """A PolNeAR-style folder: ``text/*.txt`` beside ``attributions/*.ann``."""
    return (path / "text").is_dir() and (path / "attributions").is_dir()


def read_sources(paths: Iterable[Path | str], *, options: ReadOptions | None = None, dataset: str = "",
                 log: ReadLog | None = None) -> Iterator[RawArticle]:
    """Read articles from files and folders, detecting each file's format.

    Args:
        paths: Files or folders (walked recursively).
        options: How to read them (column mapping, outlet, date formats).
        dataset: Name recorded with every article (e.g. the registry name).
        log: Receives per-file counts and skips; a new one is used when omitted.

    Yields:
        One :class:`RawArticle` per article found.

    Raises:
        CorpusError: When a path does not exist.
    """
    options = options or ReadOptions()
    log = log if log is not None else ReadLog()
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            raise CorpusError(f"{path}: no such file or folder")
        base = label_base(path)
        if path.is_dir():
            yield from _read_folder(path, base=base, options=options, dataset=dataset, log=log)
        else:
            yield from _read_file(path, base=base, options=options, dataset=dataset, log=log, explicit=True)


def _read_folder(folder: Path, *, base: Path, options: ReadOptions, dataset: str,
                 log: ReadLog) -> Iterator[RawArticle]:
    if is_brat_folder(folder):
        yield from _read_brat(folder, base=base, options=options, dataset=dataset, log=log)
        return
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        root_path = Path(root)
        if is_brat_folder(root_path):
            dirs.clear()
            yield from _read_brat(root_path, base=base, options=options, dataset=dataset, log=log)
            continue
        hidden = [d for d in dirs if d.startswith(".") or d == "__pycache__"]
        for d in hidden:
            dirs.remove(d)
        for name in sorted(files):
            yield from _read_file(root_path / name, base=base, options=options, dataset=dataset, log=log,
                                  explicit=False)


def _read_file(path: Path, *, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
               explicit: bool) -> Iterator[RawArticle]:
    label = source_label(path, base)
    suffix = path.suffix.lower()
    name = path.name
    if name.startswith("."):
        log.skip(label, "hidden_file", f"{label}: hidden file ignored")
        return
    if name.lower() in SIDECAR_NAMES or name.endswith(".meta.json"):
        return  # read together with the files it describes
    if suffix == ".ann":
        return  # brat annotations belong to their text file
    if NOT_ARTICLE_NAMES.match(name) and not explicit:
        log.skip(label, "not_an_article", f"{label}: looks like documentation, not an article")
        return
    reader = {**{e: _read_text_file for e in TEXT_EXTENSIONS}, **{e: _read_html for e in HTML_EXTENSIONS},
              **{e: _read_table for e in TABLE_EXTENSIONS}, **{e: _read_json for e in JSON_EXTENSIONS}}.get(suffix)
    if reader is None:
        log.skip(label, "unsupported_file_type",
                 f"{label}: files of type {suffix or '(none)'} are not read; supported: .txt, .html, .json, "
                 ".csv, .tsv, .jsonl, .parquet")
        return
    file_log = FileLog(source=label, format=suffix.lstrip("."))
    log.files.append(file_log)
    try:
        yield from reader(path, label=label, base=base, options=options, dataset=dataset, log=log,
                          file_log=file_log)
    except SkipItem as skip:
        log.skip(label, skip.reason, skip.detail, file_log)


# --- plain text ---------------------------------------------------------------------------------

def _sidecar_for(path: Path) -> dict:
    """Metadata for a text file from ``<name>.meta.json`` or a metadata table in its folder."""
    own = path.with_name(path.name + ".meta.json")
    if not own.exists():
        own = path.with_suffix(".meta.json")
    if own.exists():
        try:
            return json.loads(own.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise CorpusError(f"{own}: not valid JSON ({error})") from None
    table = _folder_sidecar(path.parent)
    return table.get(path.name) or table.get(path.stem) or {}


_SIDECAR_CACHE: dict[Path, dict[str, dict]] = {}


def _folder_sidecar(folder: Path) -> dict[str, dict]:
    if folder in _SIDECAR_CACHE:
        return _SIDECAR_CACHE[folder]
    rows: dict[str, dict] = {}
    for name in sorted(SIDECAR_NAMES):
        candidate = folder / name
        if not candidate.exists():
            continue
        records = _read_sidecar_rows(candidate)
        for number, record in enumerate(records, start=1):
            key = next((str(record[k]) for k in ("file", "filename", "name", "path") if record.get(k)), None)
            if key is None:
                raise CorpusError(f"{candidate} row {number}: no 'file' column naming the text file it describes")
            rows[Path(key).name] = record
        break
    _SIDECAR_CACHE[folder] = rows
    return rows


def _read_sidecar_rows(path: Path) -> list[dict]:
    text = decode_bytes(path.read_bytes(), name=str(path)).text
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    delimiter = "\t" if path.suffix == ".tsv" else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _read_text_file(path: Path, *, label: str, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
                    file_log: FileLog) -> Iterator[RawArticle]:
    decoded = read_text(path, verbatim=options.verbatim)
    _log_decoding(file_log, decoded)
    meta = _sidecar_for(path)
    fields = _map_record(meta, ColumnMap(), source=label) if meta else {}
    article = RawArticle(body=decoded.text, source=label, file_name=path.name, dataset=dataset,
                         **_with_options(fields, options, meta_from="sidecar"))
    file_log.items += 1
    yield article


def _log_decoding(file_log: FileLog, decoded) -> None:
    file_log.encoding = decoded.encoding
    file_log.repaired_bytes += decoded.repaired
    file_log.replaced_bytes += decoded.replaced


def _with_options(fields: dict, options: ReadOptions, *, meta_from: str) -> dict:
    """Apply reader options to mapped fields and note where outlet and date came from."""
    out = dict(fields)
    if options.outlet:
        out["outlet"], out["outlet_from"] = options.outlet, "registry"
    elif out.get("outlet"):
        out["outlet_from"] = meta_from
    if out.get("published_raw") is not None:
        out["published"] = metadata.parse_date(out["published_raw"], formats=options.date_formats,
                                               dayfirst=options.dayfirst)
        if out["published"]:
            out["published_from"] = meta_from
    out.pop("published_raw", None)
    if options.content_type:
        out["content_type"] = options.content_type
    return out


# --- HTML ---------------------------------------------------------------------------------------

def _read_html(path: Path, *, label: str, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
               file_log: FileLog) -> Iterator[RawArticle]:
    import trafilatura

    decoded = read_text(path)
    _log_decoding(file_log, decoded)
    document = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True}, deduplicate=True)
    if document is None or not (document.text or "").strip():
        raise SkipItem("no_main_text", f"{label}: no article text found in the HTML page")
    meta = _sidecar_for(path)
    fields = _map_record(meta, ColumnMap(), source=label) if meta else {}
    url = fields.get("url") or document.url
    outlet_name = fields.get("outlet")
    if not outlet_name and document.sitename:
        outlet_name = metadata.outlet_from_name(document.sitename)
    published_raw = fields.get("published_raw") or document.date
    fields.update(url=url, outlet=outlet_name, title=fields.get("title") or document.title,
                  published_raw=published_raw)
    file_log.items += 1
    yield RawArticle(body=document.text, source=label, file_name=path.name, dataset=dataset,
                     **_with_options(fields, options, meta_from="html"))


# --- news-please JSON ---------------------------------------------------------------------------

NEWSPLEASE_KEYS = {"maintext", "title", "url", "date_publish", "source_domain"}


def _read_json(path: Path, *, label: str, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
               file_log: FileLog) -> Iterator[RawArticle]:
    decoded = read_text(path, max_bytes=MAX_TABLE_BYTES, verbatim=options.verbatim)
    _log_decoding(file_log, decoded)
    try:
        data = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise SkipItem("malformed_json", f"{label}: not valid JSON ({error.msg} at line {error.lineno})") from None
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        row_label = label if len(records) == 1 else f"{label}:{number}"
        if not isinstance(record, dict):
            log.skip(row_label, "malformed_record", f"{row_label}: expected a JSON object", file_log)
            continue
        if len(records) == 1 and NEWSPLEASE_KEYS & record.keys() == set() and not _has_text_key(record):
            log.skip(row_label, "not_an_article", f"{row_label}: JSON without article fields "
                     f"(found {sorted(record)[:8]})", file_log)
            continue
        columns = options.columns
        if "maintext" in record and columns.text is None:
            columns = replace(columns, text="maintext", published=columns.published or "date_publish",
                              outlet=columns.outlet or "source_domain", lead=columns.lead or "description")
        article = _article_from_record(record, columns=columns, options=options, source=row_label,
                                       file_name=path.name, dataset=dataset, log=log, file_log=file_log,
                                       body_required=True)
        if article is not None:
            file_log.items += 1
            yield article


def _has_text_key(record: dict) -> bool:
    keys = {k.lower() for k in record}
    return any(c in keys for c in COLUMN_CANDIDATES["text"] + COLUMN_CANDIDATES["lead"] + ("title",))


# --- tables -------------------------------------------------------------------------------------

def _read_table(path: Path, *, label: str, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
                file_log: FileLog) -> Iterator[RawArticle]:
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise SkipItem("file_too_large", f"{label}: {size / 1e9:.1f} GB table; split it or convert to Parquet")
    if size == 0:
        raise SkipItem("empty_file", f"{label}: file is empty")
    suffix = path.suffix.lower()
    if suffix in {".parquet", ".pq"}:
        rows = _parquet_rows(path, label=label)
    elif suffix in {".jsonl", ".ndjson"}:
        rows = _jsonl_rows(path, label=label, log=log, file_log=file_log, options=options)
    else:
        rows = _csv_rows(path, label=label, delimiter="\t" if suffix == ".tsv" else None, log=log,
                         file_log=file_log, options=options)
    columns: ColumnMap | None = None
    body_required = True
    for number, record in rows:
        if columns is None:
            columns, body_required = _resolve_columns(list(record), options.columns, source=label)
        article = _article_from_record(record, columns=columns, options=options, source=f"{label}:{number}",
                                       file_name=path.name, dataset=dataset, log=log, file_log=file_log,
                                       body_required=body_required, complete=False)
        if article is not None:
            file_log.items += 1
            yield article


def _csv_rows(path: Path, *, label: str, delimiter: str | None, log: ReadLog, file_log: FileLog,
              options: ReadOptions) -> Iterator[tuple[int, dict]]:
    data = path.read_bytes()
    if options.encoding:
        text = data.decode(options.encoding, errors="replace")
        file_log.encoding = options.encoding
    else:
        decoded = decode_bytes(data, name=label, verbatim=options.verbatim)
        _log_decoding(file_log, decoded)
        text = decoded.text
    del data
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(MAX_ARTICLE_CHARS * 4)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise SkipItem("empty_file", f"{label}: no header row") from None
    except csv.Error as error:
        raise SkipItem("malformed_table", f"{label}: unreadable header ({error})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        raise SkipItem("malformed_table", f"{label}: the header row is empty")
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            log.skip(f"{label}:{number}", "malformed_row",
                     f"{label} row {number} (line {reader.line_num}): {error}", file_log)
            continue
        number += 1
        if not any(cell.strip() for cell in row):
            log.skip(f"{label}:{number}", "blank_row", f"{label} row {number}: blank row", file_log)
            continue
        if len(row) != len(header):
            log.skip(f"{label}:{number}", "malformed_row",
                     f"{label} row {number} (line {reader.line_num}): {len(row)} fields where the header "
                     f"has {len(header)}", file_log)
            continue
        yield number, dict(zip(header, row))


def _jsonl_rows(path: Path, *, label: str, log: ReadLog, file_log: FileLog,
                options: ReadOptions) -> Iterator[tuple[int, dict]]:
    decoded = decode_bytes(path.read_bytes(), name=label, verbatim=options.verbatim)
    _log_decoding(file_log, decoded)
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            log.skip(f"{label}:{number}", "malformed_row", f"{label} line {number}: not valid JSON ({error.msg})",
                     file_log)
            continue
        if not isinstance(record, dict):
            log.skip(f"{label}:{number}", "malformed_row", f"{label} line {number}: expected a JSON object",
                     file_log)
            continue
        yield number, record


def _parquet_rows(path: Path, *, label: str) -> Iterator[tuple[int, dict]]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except Exception as error:  # pyarrow raises several types for corrupt files
        raise SkipItem("malformed_table", f"{label}: not a readable Parquet file ({error})") from None
    number = 0
    for batch in table.iter_batches(batch_size=10_000):
        for record in batch.to_pylist():
            number += 1
            yield number, record


def _find_column(columns: list[str], field_name: str) -> str | None:
    lower = {c.lower(): c for c in columns}
    for candidate in COLUMN_CANDIDATES[field_name]:
        if candidate in lower:
            return lower[candidate]
    return None


def _resolve_columns(columns: list[str], given: ColumnMap, *, source: str) -> tuple[ColumnMap, bool]:
    """Complete a column mapping from a table's header.

    Returns:
        The mapping and whether rows need a body (False for headline tables without a text column).

    Raises:
        CorpusError: When a mapped column is missing or no text column can be found.
    """
    resolved = {}
    for field_name in COLUMN_CANDIDATES:
        explicit = getattr(given, field_name)
        if explicit is not None:
            if explicit not in columns:
                raise CorpusError(f"{source}: column {explicit!r} (mapped to {field_name}) is not in the header "
                                  f"{columns}")
            resolved[field_name] = explicit
        else:
            resolved[field_name] = _find_column(columns, field_name)
    mapping = ColumnMap(**resolved)
    if mapping.text is None and mapping.title is None and mapping.lead is None:
        raise CorpusError(f"{source}: no text column; the header has {columns}. Name the body column with "
                          f"--map text=COLUMN (or 'columns: {{text: COLUMN}}' in the dataset registry)")
    return mapping, mapping.text is not None


def _cell(record: dict, column: str | None):
    if column is None:
        return None
    value = record.get(column)
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from Parquet
        return None
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _map_record(record: dict, columns: ColumnMap, *, source: str, complete: bool = True) -> dict:
    """Fields of one record under a column mapping.

    With ``complete``, fields the mapping leaves open are looked up by column name (for sidecars and
    JSON records); tables pass a mapping already resolved against their header.
    """
    keys = list(record)
    pick = {name: getattr(columns, name) or (_find_column(keys, name) if complete else None)
            for name in COLUMN_CANDIDATES}
    out: dict = {}
    for name in ("title", "lead", "url", "event"):
        value = _cell(record, pick[name])
        if value is not None:
            out[name] = str(value)
    outlet_value = _cell(record, pick["outlet"])
    if outlet_value is not None:
        out["outlet"] = metadata.outlet_from_name(str(outlet_value))
    language = _cell(record, pick["language"])
    if language is not None:
        out["declared_language"] = str(language)
    source_id = _cell(record, pick["id"])
    if source_id is not None:
        out["source_id"] = str(source_id)
    published = _cell(record, pick["published"])
    if published is not None:
        out["published_raw"] = published
    return out


def _article_from_record(record: dict, *, columns: ColumnMap, options: ReadOptions, source: str, file_name: str,
                         dataset: str, log: ReadLog, file_log: FileLog, body_required: bool,
                         complete: bool = True) -> RawArticle | None:
    fields = _map_record(record, columns, source=source, complete=complete)
    text_column = columns.text or (_find_column(list(record), "text") if complete else None)
    body = _cell(record, text_column)
    body = str(body) if body is not None else None
    content_type = "article"
    if not body:
        if body_required:
            detail = f"column {text_column!r} is empty" if text_column else "no text field"
            log.skip(source, "empty_text", f"{_row_words(source)}: {detail}", file_log)
            return None
        if not fields.get("title") and not fields.get("lead"):
            log.skip(source, "empty_text", f"{_row_words(source)}: no headline and no sub-heading", file_log)
            return None
        body = fields.pop("lead", None) or ""
        content_type = "headline"
    if len(body) > MAX_ARTICLE_CHARS:
        log.skip(source, "too_long", f"{_row_words(source)}: {len(body):,} characters is over the "
                 f"{MAX_ARTICLE_CHARS:,} limit for one article", file_log)
        return None
    fields.setdefault("content_type", content_type)
    return RawArticle(body=body, source=source, file_name=file_name, dataset=dataset,
                      **_with_options(fields, options, meta_from="column"))


def _row_words(source: str) -> str:
    """``rt_thesis/x.csv:118`` -> ``rt_thesis/x.csv row 118`` for messages."""
    name, _, row = source.rpartition(":")
    return f"{name} row {row}" if row.isdigit() else source


# --- brat (PolNeAR) -----------------------------------------------------------------------------

def _brat_metadata(folder: Path) -> dict[str, dict]:
    for candidate in (folder / "metadata.tsv", folder.parent / "metadata.tsv", folder / "metadata.csv",
                      folder.parent / "metadata.csv"):
        if candidate.exists():
            rows = _read_sidecar_rows(candidate)
            return {str(r.get("filename") or r.get("file") or ""): r for r in rows}
    return {}


def _read_brat(folder: Path, *, base: Path, options: ReadOptions, dataset: str,
               log: ReadLog) -> Iterator[RawArticle]:
    meta = _brat_metadata(folder)
    for path in sorted((folder / "text").glob("*.txt")):
        label = source_label(path, base)
        file_log = FileLog(source=label, format="brat")
        log.files.append(file_log)
        try:
            decoded = read_text(path, verbatim=options.verbatim)
        except SkipItem as skip:
            log.skip(label, skip.reason, skip.detail, file_log)
            continue
        _log_decoding(file_log, decoded)
        record = meta.get(path.stem, {})
        fields: dict = {}
        if record:
            fields["outlet"] = metadata.outlet_from_name(record.get("publisher"))
            fields["title"] = record.get("title") or None
            fields["published_raw"] = record.get("publication_date") or None
        file_log.items += 1
        yield RawArticle(body=decoded.text, source=label, file_name=path.name, dataset=dataset,
                         **_with_options(fields, options, meta_from="metadata"))
