"""What articles are in a table?

CSV (delimiter sniffed), TSV, JSON lines and Parquet: one record per row, its columns found by name or
given by a column mapping (see :mod:`analysis.ingest.records`). Bad rows are counted and skipped; a table
that cannot be read at all is one skip.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

from analysis.errors import SkipItem
from analysis.ingest.model import (
    MAX_ARTICLE_CHARS,
    MAX_TABLE_BYTES,
    ColumnMap,
    FileLog,
    RawArticle,
    ReadLog,
    ReadOptions,
)
from analysis.ingest.records import article_from_record, resolve_columns
from analysis.textio import decode_bytes

PARQUET_EXTENSIONS = {".parquet", ".pq"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
EXTENSIONS = {".csv", ".tsv", *JSONL_EXTENSIONS, *PARQUET_EXTENSIONS}
#: Characters of a CSV file the delimiter is guessed from.
SNIFF_CHARS = 20000
#: Parquet rows read at a time.
PARQUET_BATCH_ROWS = 10_000


def read_table(path: Path, *, label: str, options: ReadOptions, dataset: str, log: ReadLog,
               file_log: FileLog) -> Iterator[RawArticle]:
    """The articles of a table, one per row that has one (rows labelled ``file:N``).

    Raises:
        SkipItem: When the file is too large, empty, not text or not a readable table.
        CorpusError: When a mapped column is missing or no text column can be found.
    """
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise SkipItem("file_too_large", f"{label}: {size / 1e9:.1f} GB table; split it or convert to Parquet")
    if size == 0:
        raise SkipItem("empty_file", f"{label}: file is empty")
    suffix = path.suffix.lower()
    if suffix in PARQUET_EXTENSIONS:
        rows = _parquet_rows(path, label=label)
    elif suffix in JSONL_EXTENSIONS:
        rows = _jsonl_rows(path, label=label, log=log, file_log=file_log, options=options)
    else:
        rows = _csv_rows(path, label=label, delimiter="\t" if suffix == ".tsv" else None, log=log,
                         file_log=file_log, options=options)
    columns: ColumnMap | None = None
    body_required = True
    for number, record in rows:
        if columns is None:
            columns, body_required = resolve_columns(list(record), options.columns, source=label)
        article = article_from_record(record, columns=columns, options=options, source=f"{label}:{number}",
                                      file_name=path.name, dataset=dataset, log=log, file_log=file_log,
                                      body_required=body_required, complete=False)
        if article is not None:
            yield article


def _csv_rows(path: Path, *, label: str, delimiter: str | None, log: ReadLog, file_log: FileLog,
              options: ReadOptions) -> Iterator[tuple[int, dict]]:
    data = path.read_bytes()
    if options.encoding:
        text = data.decode(options.encoding, errors="replace")
        file_log.encoding = options.encoding
    else:
        decoded = decode_bytes(data, name=label, verbatim=options.verbatim)
        file_log.note_decoding(decoded)
        text = decoded.text
    del data
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:SNIFF_CHARS], delimiters=",;\t|").delimiter
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
    file_log.note_decoding(decoded)
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
    for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for record in batch.to_pylist():
            number += 1
            yield number, record
