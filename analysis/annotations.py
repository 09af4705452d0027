"""How are our own hand-labelled sets read? (``data/annotations/*.jsonl``, see its README)

Each file is JSON lines whose first object documents the format (a ``_format`` or ``_header`` key);
every other line is one labelled sentence. Families validate their own labels; this module reads the
lines and reports a malformed one with its file and line number.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from analysis.errors import CorpusError

HEADER_KEYS = ("_format", "_header")


def read_jsonl(path: Path, *, required: tuple[str, ...] = ()) -> Iterator[tuple[int, dict]]:
    """(line number, row) for every labelled line; the header object and blank lines are skipped.

    Raises:
        CorpusError: Naming the file and line when a line is not a JSON object or lacks a required key.
    """
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path.name} line {number}: not JSON: {error}") from None
        if not isinstance(row, dict):
            raise CorpusError(f"{path.name} line {number}: expected a JSON object")
        if any(key in row for key in HEADER_KEYS):
            continue
        for key in required:
            if key not in row:
                raise CorpusError(f"{path.name} line {number}: missing field {key!r}")
        yield number, row
