"""What article does one record hold?

A record is a table row, a JSON object or a sidecar entry: a mapping from column names to values. Its
fields are found through a :class:`~analysis.ingest.model.ColumnMap` (given, or completed from the
column names), the reader's options are applied, and the record becomes a
:class:`~analysis.ingest.model.RawArticle` or a counted skip.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from analysis import dateorder, metadata
from analysis.errors import CorpusError, SkipItem
from analysis.ingest.model import (
    COLUMN_CANDIDATES,
    MAX_ARTICLE_CHARS,
    ColumnMap,
    FileLog,
    RawArticle,
    ReadLog,
    ReadOptions,
)

#: Deepest nesting of arrays and objects accepted in one JSON document or line; deeper ones are skipped.
MAX_JSON_DEPTH = 100
#: Most digits of a JSON integer read as a number; a longer one is kept as its digits (a string), since
#: Python refuses to convert integers of more than 4,300 digits.
MAX_JSON_INT_DIGITS = 1000

_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(text: str, *, label: str) -> object:
    """A JSON value, bounded: at most :data:`MAX_JSON_DEPTH` levels, integers of at most
    :data:`MAX_JSON_INT_DIGITS` digits as numbers.

    Raises:
        SkipItem: ``malformed_json`` when the text is not valid JSON, ``json_too_deep`` when it nests
            deeper than the limit.
    """
    try:
        value = json.loads(text, parse_int=_bounded_int)
    except RecursionError:
        raise SkipItem("json_too_deep", f"{label}: JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except ValueError as error:
        where = f", line {error.lineno} column {error.colno}" if isinstance(error, json.JSONDecodeError) else ""
        message = error.msg if isinstance(error, json.JSONDecodeError) else str(error)[:200]
        raise SkipItem("malformed_json", f"{label}: not valid JSON ({message}{where})") from None
    if _depth_over(value, MAX_JSON_DEPTH):
        raise SkipItem("json_too_deep", f"{label}: JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return value


def _bounded_int(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_JSON_INT_DIGITS else digits


def _depth_over(value: object, limit: int) -> bool:
    """Whether arrays and objects nest deeper than ``limit`` (without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def clean_record(record: dict) -> tuple[dict, int]:
    """The record with lone surrogates (``"\\ud800"`` in JSON, which no encoder can write) in its keys and
    string values replaced by U+FFFD, and how many were replaced."""
    replaced = 0
    out = {}
    for key, value in record.items():
        if isinstance(key, str) and _SURROGATE.search(key):
            replaced += len(_SURROGATE.findall(key))
            key = _SURROGATE.sub("\ufffd", key)
        if isinstance(value, str) and _SURROGATE.search(value):
            replaced += len(_SURROGATE.findall(value))
            value = _SURROGATE.sub("\ufffd", value)
        out[key] = value
    return out, replaced


def find_column(columns: list[str], field_name: str) -> str | None:
    """The first of the field's candidate names among ``columns`` (case-insensitive), as spelt there."""
    lower = {c.lower(): c for c in columns}
    for candidate in COLUMN_CANDIDATES[field_name]:
        if candidate in lower:
            return lower[candidate]
    return None


def resolve_columns(columns: list[str], given: ColumnMap, *, source: str) -> tuple[ColumnMap, bool]:
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
            resolved[field_name] = find_column(columns, field_name)
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


def _scalar(value):
    """A metadata value that reads as text (string, number, date), else ``None``: a list, an object or a
    boolean is not a title, a URL or an id, and ``str()`` of it would only invent one."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, date, datetime)):
        return None
    return value


def map_record(record: dict, columns: ColumnMap, *, source: str, complete: bool = True) -> dict:
    """Fields of one record under a column mapping.

    With ``complete``, fields the mapping leaves open are looked up by column name (for sidecars and
    JSON records); tables pass a mapping already resolved against their header.
    """
    keys = list(record)
    pick = {name: getattr(columns, name) or (find_column(keys, name) if complete else None)
            for name in COLUMN_CANDIDATES}
    out: dict = {}
    for name in ("title", "lead", "url", "event"):
        value = _scalar(_cell(record, pick[name]))
        if value is not None:
            out[name] = str(value)
    outlet_value = _scalar(_cell(record, pick["outlet"]))
    if outlet_value is not None:
        out["outlet"] = metadata.outlet_from_name(str(outlet_value))
    language = _scalar(_cell(record, pick["language"]))
    if language is not None:
        out["declared_language"] = str(language)
    source_id = _scalar(_cell(record, pick["id"]))
    if source_id is not None:
        out["source_id"] = str(source_id)
    published = _scalar(_cell(record, pick["published"]))
    if published is not None:
        out["published_raw"] = published
        out["published_column"] = pick["published"]
    return out


def with_options(fields: dict, options: ReadOptions, *, meta_from: str) -> dict:
    """Apply reader options to mapped fields and note where outlet and date came from."""
    out = dict(fields)
    if options.outlet:
        out["outlet"], out["outlet_from"] = options.outlet, "registry"
    elif out.get("outlet"):
        out["outlet_from"] = meta_from
    if out.get("published_raw") is not None:
        if options.dayfirst is None and not options.date_formats and dateorder.order_of(out["published_raw"]):
            out["published_text"] = out["published_raw"]   # its column decides the order (analysis.dateorder)
        out["published"] = metadata.parse_date(out["published_raw"], formats=options.date_formats,
                                               dayfirst=bool(options.dayfirst))
        if out["published"]:
            out["published_from"] = meta_from
    out.pop("published_raw", None)
    if options.content_type:
        out["content_type"] = options.content_type
    return out


def article_from_record(record: dict, *, columns: ColumnMap, options: ReadOptions, source: str, file_name: str,
                        dataset: str, log: ReadLog, file_log: FileLog, body_required: bool,
                        complete: bool = True) -> RawArticle | None:
    """The article of one record, or ``None`` after logging why the record is skipped.

    Args:
        record: Column name to value.
        columns: The column mapping (resolved against a table's header, or completed here by name when
            ``complete``).
        options: The reader's options.
        source: The record's label, ``file:row``.
        file_name: The file's name, kept with the article.
        dataset: Name recorded with the article.
        log: Receives the skip.
        file_log: The file's counts.
        body_required: Skip records without a body; otherwise a record with a headline or sub-heading
            becomes a headline article.
        complete: Look up columns the mapping leaves open by name.
    """
    fields = map_record(record, columns, source=source, complete=complete)
    text_column = columns.text or (find_column(list(record), "text") if complete else None)
    body = _cell(record, text_column)
    if body is not None and not isinstance(body, str):
        kind = {bool: "a boolean", list: "a list", dict: "an object", bytes: "bytes", int: "a number",
                float: "a number"}.get(type(body), f"a {type(body).__name__}")
        log.skip(source, "text_not_a_string", f"{_row_words(source)}: column {text_column!r} holds {kind}, "
                 "not text", file_log)
        return None
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
                      **with_options(fields, options, meta_from="column"))


def _row_words(source: str) -> str:
    """``rt_thesis/x.csv:118`` -> ``rt_thesis/x.csv row 118`` for messages."""
    name, _, row = source.rpartition(":")
    return f"{name} row {row}" if row.isdigit() else source
