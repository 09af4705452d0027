"""What does a sidecar say about a file?

Text and HTML files carry their metadata beside them: in ``<name>.meta.json`` (or ``<stem>.meta.json``),
or in a metadata table of their folder (``metadata.csv``/``.tsv``/``.jsonl`` and a few other names) with
a ``file`` column naming the file each row describes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from analysis.errors import CorpusError
from analysis.textio import decode_bytes

#: Names of the metadata tables read as sidecars, not as articles; the first one present in a folder wins.
SIDECAR_NAMES = {"metadata.csv", "metadata.tsv", "metadata.jsonl", "meta.csv", "meta.tsv", "sidecar.csv"}
#: Columns naming the file a sidecar row describes, first present wins.
_FILE_COLUMNS = ("file", "filename", "name", "path")


def is_sidecar(name: str) -> bool:
    """Whether a file of this name holds metadata for other files rather than articles."""
    return name.lower() in SIDECAR_NAMES or name.endswith(".meta.json")


def sidecar_for(path: Path) -> dict:
    """Metadata for a text file from ``<name>.meta.json`` or a metadata table in its folder.

    Raises:
        CorpusError: When the ``.meta.json`` is not valid JSON, or a metadata table row names no file.
    """
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
        records = read_sidecar_rows(candidate)
        for number, record in enumerate(records, start=1):
            key = next((str(record[k]) for k in _FILE_COLUMNS if record.get(k)), None)
            if key is None:
                raise CorpusError(f"{candidate} row {number}: no 'file' column naming the text file it describes")
            rows[Path(key).name] = record
        break
    _SIDECAR_CACHE[folder] = rows
    return rows


def read_sidecar_rows(path: Path) -> list[dict]:
    """The rows of a metadata table: JSON lines, or CSV (TSV for ``.tsv``) with a header."""
    text = decode_bytes(path.read_bytes(), name=str(path)).text
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    delimiter = "\t" if path.suffix == ".tsv" else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))
