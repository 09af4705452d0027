"""What does a sidecar say about a file?

Text and HTML files carry their metadata beside them: in ``<name>.meta.json`` (or ``<stem>.meta.json``),
or in a metadata table of their folder (``metadata.csv``/``.tsv``/``.jsonl`` and a few other names) with
a ``file`` column naming the file each row describes. A metadata-named table without such a column is
not a sidecar but a table of articles, and is read as one.

A broken sidecar (invalid JSON, a broken line, a row naming no file) never stops a run: the article is
read without that metadata and the broken part is a counted skip (reason ``malformed_sidecar``).
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

from analysis.errors import SkipItem
from analysis.ingest.model import ReadLog
from analysis.textio import decode_bytes, open_regular, printable, read_file_bytes

#: Names of the metadata tables read as sidecars, not as articles; the first one present in a folder wins.
SIDECAR_NAMES = {"metadata.csv", "metadata.tsv", "metadata.jsonl", "meta.csv", "meta.tsv", "sidecar.csv"}
#: Columns naming the file a sidecar row describes, first present wins.
_FILE_COLUMNS = ("file", "filename", "name", "path")
#: Largest sidecar read (bytes): a ``.meta.json`` or a folder's metadata table.
MAX_SIDECAR_BYTES = 256 * 1024 * 1024
#: Bytes of a metadata table read to decide whether it is a sidecar (its header or first line).
_PEEK_BYTES = 64 * 1024


def is_sidecar(name: str) -> bool:
    """Whether a file of this name may hold metadata for other files rather than articles."""
    return name.lower() in SIDECAR_NAMES or name.endswith(".meta.json")


def is_sidecar_table(path: Path) -> bool:
    """Whether a metadata-named table describes other files: its header (or first JSON line) has a column
    naming a file. One that does not is a table of articles."""
    try:
        descriptor = open_regular(path)
        try:
            head = os.read(descriptor, _PEEK_BYTES)
        finally:
            os.close(descriptor)
        text = decode_bytes(head).text
    except (SkipItem, OSError):
        return True  # unreadable: its reader would only repeat the skip; brat metadata and text keep working
    first = next((line for line in text.splitlines() if line.strip()), "")
    if path.suffix.lower() == ".jsonl":
        try:
            keys = list(json.loads(first))
        except (ValueError, TypeError, RecursionError):
            return True
    else:
        keys = next(csv.reader([first], delimiter="\t" if path.suffix.lower() == ".tsv" else ","), [])
    return any(str(k).strip().lower() in _FILE_COLUMNS for k in keys)


def sidecar_for(path: Path, *, log: ReadLog | None = None, label: str | None = None) -> dict:
    """Metadata for a text file from ``<name>.meta.json`` or a metadata table in its folder.

    Args:
        path: The text or HTML file.
        log: Receives a skip per broken sidecar or sidecar row (and caches the folder's table).
        label: The file's label; a sidecar's label is its sibling's (default: the path).

    Returns:
        The file's metadata record, or ``{}``.
    """
    log = log if log is not None else ReadLog()
    folder_label = (label or printable(str(path))).rpartition("/")[0]

    def sibling(name: str) -> str:
        return f"{folder_label}/{printable(name)}" if folder_label else printable(name)

    own = path.with_name(path.name + ".meta.json")
    if not own.exists():
        own = path.with_suffix(".meta.json")
    if own.exists() or own.is_symlink():
        label = sibling(own.name)
        try:
            record = json.loads(decode_bytes(read_file_bytes(own, max_bytes=MAX_SIDECAR_BYTES, name=label),
                                             name=label).text)
        except SkipItem as skip:
            log.skip(label, "malformed_sidecar", f"{skip.detail}; the article is read without it")
            return {}
        except (ValueError, RecursionError) as error:
            log.skip(label, "malformed_sidecar", f"{label}: not valid JSON ({_short(error)}); the article is "
                     "read without it")
            return {}
        if not isinstance(record, dict):
            log.skip(label, "malformed_sidecar", f"{label}: expected a JSON object; the article is read without it")
            return {}
        return record
    table = _folder_sidecar(path.parent, log=log, sibling=sibling)
    return table.get(path.name) or table.get(path.stem) or {}


def _folder_sidecar(folder: Path, *, log: ReadLog, sibling: Callable[[str], str]) -> dict[str, dict]:
    if folder in log.sidecars:
        return log.sidecars[folder]
    rows: dict[str, dict] = {}
    for name in sorted(SIDECAR_NAMES):
        candidate = folder / name
        if not candidate.exists() or not is_sidecar_table(candidate):
            continue
        label = sibling(name)
        for number, record in read_sidecar_rows(candidate, log=log, label=label):
            key = next((str(record[k]) for k in _FILE_COLUMNS if record.get(k)), None)
            if key is None:
                log.skip(f"{label}:{number}", "malformed_sidecar", f"{label} row {number}: no 'file' column naming "
                         "the text file it describes")
                continue
            rows[Path(key).name] = record
        break
    log.sidecars[folder] = rows
    return rows


def read_sidecar_rows(path: Path, *, log: ReadLog | None = None, label: str | None = None) -> list[tuple[int, dict]]:
    """The numbered rows of a metadata table: JSON lines, or CSV (TSV for ``.tsv``) with a header.

    A broken line or an unreadable file is a counted skip in ``log`` (reason ``malformed_sidecar``).
    """
    log = log if log is not None else ReadLog()
    label = label or printable(str(path))
    try:
        text = decode_bytes(read_file_bytes(path, max_bytes=MAX_SIDECAR_BYTES, name=label), name=label).text
    except SkipItem as skip:
        log.skip(label, "malformed_sidecar", f"{skip.detail}; its files are read without it")
        return []
    rows: list[tuple[int, dict]] = []
    if path.suffix == ".jsonl":
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (ValueError, RecursionError) as error:
                log.skip(f"{label}:{number}", "malformed_sidecar", f"{label} line {number}: not valid JSON "
                         f"({_short(error)})")
                continue
            if not isinstance(record, dict):
                log.skip(f"{label}:{number}", "malformed_sidecar", f"{label} line {number}: expected a JSON object")
                continue
            rows.append((number, record))
        return rows
    delimiter = "\t" if path.suffix == ".tsv" else ","
    try:
        for number, record in enumerate(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter),
                                        start=1):
            rows.append((number, record))
    except csv.Error as error:
        log.skip(f"{label}:{len(rows) + 1}", "malformed_sidecar", f"{label} row {len(rows) + 1}: {error}")
    return rows


def _short(error: Exception) -> str:
    return printable(" ".join(str(error).split()))[:200]
