"""What articles are in these files?

One entry point, :func:`read_sources`, takes files and folders in the formats users actually have and
yields one :class:`RawArticle` per article, with its text as read and the metadata the source states.
Every file and row that does not become an article is recorded as a :class:`Skip` with a reason, so
nothing disappears without a count. Cleaning, inference and deduplication happen downstream
(:mod:`analysis.corpus`).

Formats, detected by extension and content, each read by its own module:

* folders or lists of ``.txt`` files (:mod:`~analysis.ingest.text`), with metadata from a sidecar table
  (``metadata.csv``/``.tsv``/``.jsonl`` with a ``file`` column, or ``<name>.meta.json``;
  :mod:`~analysis.ingest.sidecar`) or from the text itself;
* ``.html`` pages, main text extracted with trafilatura (:mod:`~analysis.ingest.webpage`);
* news-please JSON files (``maintext``, ``title``, ``url``, ``date_publish``, ...;
  :mod:`~analysis.ingest.jsondocs`);
* tables: CSV, TSV, JSONL and Parquet, with columns found by name or given by a column mapping
  (:mod:`~analysis.ingest.tables`, rows to articles in :mod:`~analysis.ingest.records`);
* the brat layout of PolNeAR (``text/NAME.txt`` beside ``attributions/NAME_*.ann`` and a
  ``metadata.tsv`` with ``filename``, ``publisher``, ``publication_date`` and ``title``;
  :mod:`~analysis.ingest.brat`).

Which files are read, and by which reader, is decided in :mod:`~analysis.ingest.walk`; the data the
readers produce, and :meth:`ReadLog.read_file` through which every file's articles pass, are in
:mod:`~analysis.ingest.model`.
"""

from __future__ import annotations

from analysis.ingest.model import (
    COLUMN_CANDIDATES,
    MAX_ARTICLE_CHARS,
    MAX_TABLE_BYTES,
    ColumnMap,
    FileLog,
    RawArticle,
    ReadLog,
    ReadOptions,
    Skip,
)
from analysis.ingest.walk import read_sources

__all__ = ["COLUMN_CANDIDATES", "MAX_ARTICLE_CHARS", "MAX_TABLE_BYTES", "ColumnMap", "FileLog", "RawArticle",
           "ReadLog", "ReadOptions", "Skip", "read_sources"]
