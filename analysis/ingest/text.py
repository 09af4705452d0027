"""What article is in a plain text file?

The file's text is the article; its metadata come from a sidecar (see :mod:`analysis.ingest.sidecar`) or,
later, from the text itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from analysis.ingest.model import ColumnMap, FileLog, RawArticle, ReadLog, ReadOptions
from analysis.ingest.records import map_record, with_options
from analysis.ingest.sidecar import sidecar_for
from analysis.textio import read_text

EXTENSIONS = {".txt"}


def read_text_file(path: Path, *, label: str, options: ReadOptions, dataset: str, log: ReadLog,
                   file_log: FileLog) -> Iterator[RawArticle]:
    """The one article of a ``.txt`` file, with its sidecar metadata.

    Raises:
        SkipItem: When the file is not text (see :func:`analysis.textio.read_text`).
    """
    decoded = read_text(path, verbatim=options.verbatim, name=label)
    file_log.note_decoding(decoded)
    meta = sidecar_for(path, log=log, label=label)
    fields = map_record(meta, ColumnMap(), source=label) if meta else {}
    yield RawArticle(body=decoded.text, source=label, file_name=path.name, dataset=dataset,
                     **with_options(fields, options, meta_from="sidecar"))

