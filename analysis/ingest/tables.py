"""What articles are in a table?

CSV (delimiter sniffed), TSV, JSON lines and Parquet: one record per row, its columns found by name or
given by a column mapping (see :mod:`analysis.ingest.records`). Bad rows are counted and skipped; a table
that cannot be read at all is one skip.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from analysis.errors import CorpusError, SkipItem
from analysis.ingest.model import (
    MAX_ARTICLE_CHARS,
    MAX_TABLE_BYTES,
    ColumnMap,
    FileLog,
    RawArticle,
    ReadLog,
    ReadOptions,
)
from analysis.ingest.records import article_from_record, clean_record, parse_json, resolve_columns
from analysis.textio import open_regular, read_blocks

PARQUET_EXTENSIONS = {".parquet", ".pq"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
EXTENSIONS = {".csv", ".tsv", *JSONL_EXTENSIONS, *PARQUET_EXTENSIONS}
#: Characters of a CSV file the delimiter is guessed from.
SNIFF_CHARS = 20000
#: Distinct key sets of JSON-lines records whose column mapping is remembered.
MAX_KEY_SETS = 1000
#: Parquet rows read at a time.
PARQUET_BATCH_ROWS = 10_000


def read_table(path: Path, *, label: str, options: ReadOptions, dataset: str, log: ReadLog,
               file_log: FileLog) -> Iterator[RawArticle]:
    """The articles of a table, one per row that has one (rows labelled ``file:N``).

    Raises:
        SkipItem: When the file is too large, empty, not text or not a readable table.
        CorpusError: When a mapped column is missing or no text column can be found.
    """
    suffix = path.suffix.lower()
    if suffix in PARQUET_EXTENSIONS:
        rows = _parquet_rows(path, label=label, log=log, file_log=file_log)
    elif suffix in JSONL_EXTENSIONS:
        yield from _jsonl_articles(path, label=label, options=options, dataset=dataset, log=log, file_log=file_log)
        return
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


def _table_text(path: Path, *, label: str, options: ReadOptions, file_log: FileLog) -> Iterator[str]:
    """The decoded text of a table, block by block (:func:`analysis.textio.read_blocks`), each block's decoding
    noted in the file's log."""
    for decoded in read_blocks(path, max_bytes=MAX_TABLE_BYTES, name=label, what="one table; split it or "
                               "convert it to Parquet", verbatim=options.verbatim, encoding=options.encoding):
        file_log.note_decoding(decoded)
        yield decoded.text


def _lines(blocks: Iterator[str]) -> Iterator[str]:
    """The lines of the blocks, each with its line break (``\n``, ``\r\n`` or ``\r``, as :mod:`csv` expects)."""
    for block in blocks:
        yield from io.StringIO(block, newline="")


def _csv_rows(path: Path, *, label: str, delimiter: str | None, log: ReadLog, file_log: FileLog,
              options: ReadOptions) -> Iterator[tuple[int, dict]]:
    blocks = _table_text(path, label=label, options=options, file_log=file_log)
    first = next(blocks, "")
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(first[:SNIFF_CHARS], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    csv.field_size_limit(MAX_ARTICLE_CHARS * 4)
    reader = csv.reader(_lines(itertools.chain([first], blocks)), delimiter=delimiter)
    del first
    try:
        header = next(reader)
    except StopIteration:
        raise SkipItem("empty_file", f"{label}: no header row") from None
    except csv.Error as error:
        raise SkipItem("malformed_table", f"{label}: unreadable header ({error})") from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        raise SkipItem("malformed_table", f"{label}: the header row is empty")
    header = _unique_header(header, label=label, log=log)
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


def _unique_header(header: list[str], *, label: str, log: ReadLog) -> list[str]:
    """The header with repeated names made unique (``text``, ``text_2``): the first column of a name is the
    one read, and each repeat is a counted skip (reason ``duplicate_column``) rather than a silent overwrite."""
    counts = Counter(header)
    if all(n == 1 for n in counts.values()):
        return header
    seen: Counter = Counter()
    out = []
    for position, name in enumerate(header, start=1):
        seen[name] += 1
        if seen[name] == 1:
            out.append(name)
            continue
        renamed = f"{name}_{seen[name]}"
        while renamed in counts:
            renamed += "_"
        out.append(renamed)
        log.skip(f"{label}:column {position}", "duplicate_column",
                 f"{label} column {position}: {name!r} repeats an earlier column; the first {name!r} is read, "
                 f"this one is kept as {renamed!r}")
    return out


def _jsonl_articles(path: Path, *, label: str, options: ReadOptions, dataset: str, log: ReadLog,
                    file_log: FileLog) -> Iterator[RawArticle]:
    """The articles of a JSON-lines table. Columns are found in every record, not only the first: a record
    without a text column is a headline only until a record with one has been seen, then a counted skip."""
    mappings: dict[tuple[str, ...], tuple[ColumnMap, bool] | CorpusError] = {}
    body_seen = False
    usable = 0
    unusable: CorpusError | None = None
    number = 0
    for line in _jsonl_lines(_table_text(path, label=label, options=options, file_log=file_log)):
        number += 1
        if not line.strip():
            continue
        row = f"{label}:{number}"
        try:
            record = parse_json(line, label=f"{label} line {number}")
        except SkipItem as skip:
            log.skip(row, "malformed_row" if skip.reason == "malformed_json" else skip.reason, skip.detail, file_log)
            continue
        if not isinstance(record, dict):
            log.skip(row, "malformed_row", f"{label} line {number}: expected a JSON object", file_log)
            continue
        record, replaced = clean_record(record)
        file_log.replaced_bytes += replaced
        keys = tuple(record)
        if keys not in mappings:
            if len(mappings) >= MAX_KEY_SETS:   # records that each have their own keys: keep memory bounded
                mappings.clear()
            try:
                mappings[keys] = resolve_columns(list(keys), options.columns, source=label)
            except CorpusError as error:
                mappings[keys] = error
        mapping = mappings[keys]
        if isinstance(mapping, CorpusError):
            unusable = unusable or mapping
            log.skip(row, "empty_text", f"{label} line {number}: {_after_label(str(mapping), label)}", file_log)
            continue
        columns, has_body = mapping
        usable += 1
        body_seen = body_seen or has_body
        article = article_from_record(record, columns=columns, options=options, source=row, file_name=path.name,
                                      dataset=dataset, log=log, file_log=file_log,
                                      body_required=has_body or body_seen, complete=False)
        if article is not None:
            yield article
    if unusable is not None and usable == 0:
        raise unusable


def _jsonl_lines(blocks: Iterator[str]) -> Iterator[str]:
    """The lines of JSON-lines text (split at ``\n`` only: JSON strings escape every other line break)."""
    for block in blocks:
        start = 0
        while start < len(block):
            end = block.find("\n", start)
            end = len(block) if end < 0 else end
            yield block[start:end]
            start = end + 1


def _after_label(message: str, label: str) -> str:
    return message[len(label) + 2:] if message.startswith(label + ": ") else message


def _parquet_rows(path: Path, *, label: str, log: ReadLog, file_log: FileLog) -> Iterator[tuple[int, dict]]:
    """The rows of a Parquet file, row group by row group: a row group whose pages are corrupt is one
    counted skip naming its rows (reason ``corrupt_row_group``), and the next row group is read."""
    import pyarrow.parquet as pq

    handle = os.fdopen(open_regular(path, name=label), "rb")
    with handle:
        try:
            table = pq.ParquetFile(handle)
            groups = table.metadata.num_row_groups
        except Exception as error:  # pyarrow raises several types for corrupt files
            raise SkipItem("malformed_table", f"{label}: not a readable Parquet file ({_short(error)})") from None
        number = 0
        for group in range(groups):
            try:
                expected = table.metadata.row_group(group).num_rows
            except Exception:  # a corrupt footer entry
                expected = 0
            first = number + 1
            read = 0
            try:
                for batch in table.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=[group]):
                    for record in batch.to_pylist():
                        number += 1
                        read += 1
                        yield number, record
            except Exception as error:  # corrupt pages raise OSError or ArrowInvalid, by codec and page
                rows = f"rows {first + read}-{first + expected - 1}" if expected > read else "its rows"
                log.skip(f"{label}:row group {group + 1}", "corrupt_row_group",
                         f"{label} row group {group + 1} ({rows}): unreadable ({_short(error)})", file_log)
                number = first - 1 + max(expected, read)


def _short(error: Exception) -> str:
    return " ".join(str(error).split())[:200]
