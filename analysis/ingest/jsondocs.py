"""What articles are in a JSON document?

One object per file (news-please's layout: ``maintext``, ``title``, ``url``, ``date_publish``,
``source_domain``, ...) or a list of objects; each object is a record (see :mod:`analysis.ingest.records`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from analysis.errors import SkipItem
from analysis.ingest.model import COLUMN_CANDIDATES, MAX_TABLE_BYTES, FileLog, RawArticle, ReadLog, ReadOptions
from analysis.ingest.records import article_from_record, clean_record, parse_json
from analysis.textio import read_text

EXTENSIONS = {".json"}
#: Keys of a news-please article; a lone object with none of them (and no text key) is not an article.
NEWSPLEASE_KEYS = {"maintext", "title", "url", "date_publish", "source_domain"}


def read_json(path: Path, *, label: str, options: ReadOptions, dataset: str, log: ReadLog,
              file_log: FileLog) -> Iterator[RawArticle]:
    """The articles of a JSON file: its object, or each object of its list (labelled ``file:N``).

    Raises:
        SkipItem: When the file is not text, not valid JSON or nested too deep (see
            :func:`~analysis.ingest.records.parse_json`).
    """
    decoded = read_text(path, max_bytes=MAX_TABLE_BYTES, verbatim=options.verbatim, name=label)
    file_log.note_decoding(decoded)
    data = parse_json(decoded.text, label=label)
    del decoded
    records = data if isinstance(data, list) else [data]
    if not records:
        raise SkipItem("empty_file", f"{label}: an empty JSON list")
    for number, record in enumerate(records, start=1):
        row_label = label if len(records) == 1 else f"{label}:{number}"
        if not isinstance(record, dict):
            log.skip(row_label, "malformed_record", f"{row_label}: expected a JSON object", file_log)
            continue
        record, replaced = clean_record(record)
        file_log.replaced_bytes += replaced
        if len(records) == 1 and NEWSPLEASE_KEYS & record.keys() == set() and not _has_text_key(record):
            log.skip(row_label, "not_an_article", f"{row_label}: JSON without article fields "
                     f"(found {sorted(record)[:8]})", file_log)
            continue
        columns = options.columns
        if "maintext" in record and columns.text is None:
            columns = replace(columns, text="maintext", published=columns.published or "date_publish",
                              outlet=columns.outlet or "source_domain", lead=columns.lead or "description")
        article = article_from_record(record, columns=columns, options=options, source=row_label,
                                      file_name=path.name, dataset=dataset, log=log, file_log=file_log,
                                      body_required=True)
        if article is not None:
            yield article


def _has_text_key(record: dict) -> bool:
    keys = {k.lower() for k in record}
    return any(c in keys for c in COLUMN_CANDIDATES["text"] + COLUMN_CANDIDATES["lead"] + ("title",))
