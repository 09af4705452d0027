"""Which way round are a column's numeric dates: day first or month first?

``04/03/2024`` is 4 March in most of the world and 3 April in the United States. One value cannot say
which; a column can. The readers keep the text of every numeric date (``DD/MM/YYYY`` or ``MM/DD/YYYY``,
with ``/``, ``.`` or ``-``) with the column it came from, and :func:`settle` decides each column once all
its rows are read:

1. a value whose first field is above 12 (``13/03/2024``) settles the column as day first, one whose second
   field is above 12 (``03/13/2024``) as month first; a column with both is read the way most such values
   are (month first on a tie) and the decision says so;
2. where every value is ambiguous, the dates in the rows' URLs (``/2024/03/04/``) decide, when they agree
   with one reading more often than with the other;
3. otherwise the column is read month first, and the ingestion report (:attr:`analysis.corpus.Corpus.dates`)
   and the corpus summary say so in one line naming the file and column.

A column is a table's date column, or the date field of the one-article files (sidecars, JSON documents)
of one folder. ``--dayfirst`` (``ReadOptions.dayfirst=True``) reads every column day first and a registry
entry's ``dayfirst: false`` every column month first; a ``--date-format`` is explicit too. Either way
:func:`settle` is not asked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import PurePosixPath

import pandas as pd

from analysis import metadata

#: A numeric date with a four-digit year: first field, separator, second field, the same separator, year.
NUMERIC_DATE = re.compile(r"^\s*(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)"
                          r"(?P<year>(?:19|20)\d\d)(?=$|[\sT,])")
#: Largest month number: a field above it can only be the day.
MAX_MONTH = 12

DAY_FIRST = "day_first"
MONTH_FIRST = "month_first"
AMBIGUOUS = "ambiguous"

#: Columns of the date-order table, one row per column holding numeric dates.
COLUMNS = ["source", "column", "order", "decided_by", "values", "ambiguous", "day_first_values",
           "month_first_values", "url_day_first", "url_month_first", "note"]


def order_of(value) -> str | None:
    """Which order a numeric date shows: ``day_first``, ``month_first``, ``ambiguous``, or None.

    None for anything that is not a numeric date, for impossible ones (both fields above 12) and for
    values that read the same either way (``03/03/2024``).
    """
    match = NUMERIC_DATE.match(str(value)) if isinstance(value, str) else None
    if not match:
        return None
    first, second = int(match["first"]), int(match["second"])
    if first > MAX_MONTH and second <= MAX_MONTH:
        return DAY_FIRST
    if second > MAX_MONTH and first <= MAX_MONTH:
        return MONTH_FIRST
    if first > MAX_MONTH or first == second:
        return None
    return AMBIGUOUS


def read(value: str, *, dayfirst: bool) -> date | None:
    """The date of a numeric date read in the given order; None when that reading is not a date."""
    match = NUMERIC_DATE.match(value)
    if not match:
        return None
    day, month = (match["first"], match["second"]) if dayfirst else (match["second"], match["first"])
    return metadata.make_date(match["year"], month, day)


def column_of(source: str, column: str | None) -> tuple[str, str]:
    """``(where, column)``: the table file of a ``file:row`` source, else the folder of a one-article file."""
    name, _, row = source.rpartition(":")
    if row.isdigit():
        return name, column or "?"
    parent = PurePosixPath(source).parent.as_posix()
    return (parent if parent != "." else "") + "/", column or "?"


def settle(rows: list[dict]) -> pd.DataFrame:
    """Decide the order of each column's numeric dates and set the dates of its ambiguous rows.

    Args:
        rows: Dicts with ``source``, ``url``, ``published_text`` (the date as read, or None when the
            reader did not keep it) and ``published_column``; rows whose ``published_text`` is
            ambiguous get ``published`` (and ``published_from="column"``) set in place.

    Returns:
        One row per column with numeric dates (columns :data:`COLUMNS`), sorted by source and column.
    """
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        text = row.get("published_text")
        if text and order_of(text):
            groups[column_of(row["source"], row.get("published_column"))].append(row)
    records = []
    for (where, column), members in groups.items():
        votes = Counter(order_of(row["published_text"]) for row in members)
        ambiguous = [row for row in members if order_of(row["published_text"]) == AMBIGUOUS]
        url_votes = _url_votes(ambiguous)
        order, decided_by = _decide(votes, url_votes)
        for row in ambiguous:
            row["published"] = read(row["published_text"], dayfirst=order == DAY_FIRST)
            row["published_from"] = "column"
        note = ""
        if decided_by == "default" and ambiguous:
            note = (f"{where} column {column!r}: all {len(members):,} numeric dates are ambiguous (day and month "
                    f"both 12 or under) and no URL date decides; read month first ({ambiguous[0]['published_text']}"
                    f" = {_spelt(read(ambiguous[0]['published_text'], dayfirst=False))}); pass --dayfirst "
                    "(make: DAYFIRST=1) to read them day first")
        records.append({"source": where, "column": column, "order": order, "decided_by": decided_by,
                        "values": len(members), "ambiguous": len(ambiguous), "day_first_values": votes[DAY_FIRST],
                        "month_first_values": votes[MONTH_FIRST], "url_day_first": url_votes[DAY_FIRST],
                        "url_month_first": url_votes[MONTH_FIRST], "note": note})
    table = pd.DataFrame(records, columns=COLUMNS)
    return table.sort_values(["source", "column"]).reset_index(drop=True)


def _spelt(day: date | None) -> str:
    """``3 April 2024``."""
    return f"{day.day} {day:%B %Y}" if day else "not a date"


def _url_votes(rows: list[dict]) -> Counter:
    """How many ambiguous rows' URL dates agree with the day-first and with the month-first reading."""
    votes: Counter = Counter()
    for row in rows:
        in_url = metadata.date_from_url(row.get("url"))
        if in_url is None:
            continue
        for order in (DAY_FIRST, MONTH_FIRST):
            if read(row["published_text"], dayfirst=order == DAY_FIRST) == in_url:
                votes[order] += 1
    return votes


def _decide(votes: Counter, url_votes: Counter) -> tuple[str, str]:
    """``(order, decided_by)`` from the settling values, else the URL dates, else month first."""
    if votes[DAY_FIRST] or votes[MONTH_FIRST]:
        order = DAY_FIRST if votes[DAY_FIRST] > votes[MONTH_FIRST] else MONTH_FIRST
        conflicting = votes[DAY_FIRST] and votes[MONTH_FIRST]
        return order, "values (conflicting)" if conflicting else "values"
    if url_votes[DAY_FIRST] != url_votes[MONTH_FIRST]:
        return (DAY_FIRST if url_votes[DAY_FIRST] > url_votes[MONTH_FIRST] else MONTH_FIRST), "urls"
    return MONTH_FIRST, "default"


def notes(table: pd.DataFrame) -> list[str]:
    """The one-line notes of the columns read month first by default."""
    if table.empty:
        return []
    return [note for note in table["note"] if note]
