"""Which way round a column's numeric dates are read: values, then URLs, then month first with a note."""

from __future__ import annotations

from datetime import date

import pytest

from analysis import corpus, dateorder
from analysis.ingest import ReadOptions
from tests.conftest import write

BODIES = ["Officials said the talks would continue next week in Geneva, according to two diplomats.",
          "The minister said on Tuesday that the grain plan had been agreed after months of talks.",
          "Engineers restored power to most of the city by evening, the regional governor said.",
          "Prices of bread and fuel rose again in March, the statistics office reported on Friday."]


@pytest.mark.parametrize("value, order", [
    ("04/03/2024", "ambiguous"),
    ("13/03/2024", "day_first"),
    ("03/13/2024", "month_first"),
    ("04.03.2024 14:05", "ambiguous"),
    ("04-03-2024", "ambiguous"),
    ("03/03/2024", None),          # the same either way
    ("2024-03-04", None),          # ISO: not day/month
    ("13/14/2024", None),          # no reading is a date
    ("4 March 2024", None),
    ("04/03/24", None),            # no four-digit year: never read
])
def test_order_of(value, order):
    assert dateorder.order_of(value) == order


def _csv(path, rows, *, url=True, first_body=0):
    header = "title,date,url,body" if url else "title,date,body"
    lines = [header]
    for number, (day, link) in enumerate(rows):
        body = BODIES[(first_body + number) % len(BODIES)]
        lines.append(f'Story {number},{day},{link},"{body}"' if url else f'Story {number},{day},"{body}"')
    return write(path, "\n".join(lines) + "\n")


def _dates(loaded):
    return dict(zip(loaded.articles["title"], loaded.articles["published"].dt.date))


def test_a_day_above_12_settles_the_column_day_first(tmp_path):
    path = _csv(tmp_path / "feed" / "settled.csv", [("04/03/2024", ""), ("05/03/2024", ""), ("13/03/2024", "")])
    loaded = corpus.load(str(path), cache=False)
    assert _dates(loaded) == {"Story 0": date(2024, 3, 4), "Story 1": date(2024, 3, 5), "Story 2": date(2024, 3, 13)}
    row = loaded.dates.iloc[0]
    assert (row["source"], row["column"], row["order"], row["decided_by"]) == ("feed/settled.csv", "date",
                                                                               "day_first", "values")
    assert (row["values"], row["ambiguous"], row["day_first_values"]) == (3, 2, 1)
    assert "dates:" not in loaded.summary()


def test_a_month_above_12_settles_the_column_month_first(tmp_path):
    path = _csv(tmp_path / "feed" / "us.csv", [("04/03/2024", ""), ("03/13/2024", "")])
    loaded = corpus.load(str(path), cache=False)
    assert _dates(loaded) == {"Story 0": date(2024, 4, 3), "Story 1": date(2024, 3, 13)}
    assert loaded.dates["order"].tolist() == ["month_first"]


def test_all_ambiguous_dates_agree_with_the_urls(tmp_path):
    path = _csv(tmp_path / "feed" / "bbc.csv", [
        ("04/03/2024", "https://www.bbc.com/news/world/2024/03/04/talks-continue"),
        ("05/03/2024", "https://www.bbc.com/news/world-europe-68470000"),         # no date in this URL
        ("06/03/2024", "https://www.bbc.com/news/2024/03/06/power-restored")])
    loaded = corpus.load(str(path), cache=False)
    assert _dates(loaded) == {"Story 0": date(2024, 3, 4), "Story 1": date(2024, 3, 5), "Story 2": date(2024, 3, 6)}
    row = loaded.dates.iloc[0]
    assert (row["order"], row["decided_by"], row["url_day_first"], row["url_month_first"]) == (
        "day_first", "urls", 2, 0)
    assert row["note"] == ""


def test_all_ambiguous_without_urls_reads_month_first_and_says_so(tmp_path):
    path = _csv(tmp_path / "feed" / "export.csv", [("04/03/2024", None), ("05/06/2024", None)], url=False)
    loaded = corpus.load(str(path), cache=False)
    assert _dates(loaded) == {"Story 0": date(2024, 4, 3), "Story 1": date(2024, 5, 6)}
    row = loaded.dates.iloc[0]
    assert (row["order"], row["decided_by"]) == ("month_first", "default")
    note = "feed/export.csv column 'date': all 2 numeric dates are ambiguous"
    assert row["note"].startswith(note) and "04/03/2024 = 3 April 2024" in row["note"]
    summary = loaded.summary()
    assert "dates:" in summary and note in summary and "--dayfirst" in summary


def test_dayfirst_option_reads_every_value_day_first(tmp_path):
    path = _csv(tmp_path / "feed" / "export.csv", [("04/03/2024", None), ("05/06/2024", None)], url=False)
    loaded = corpus.load(str(path), cache=False, options=ReadOptions(dayfirst=True))
    assert _dates(loaded) == {"Story 0": date(2024, 3, 4), "Story 1": date(2024, 6, 5)}
    assert loaded.dates.empty and "dates:" not in loaded.summary()


def test_columns_of_two_files_are_decided_apart(tmp_path):
    _csv(tmp_path / "feed" / "a.csv", [("04/03/2024", ""), ("13/03/2024", "")])
    _csv(tmp_path / "feed" / "b.csv", [("04/03/2024", ""), ("03/14/2024", "")], first_body=2)
    loaded = corpus.load(str(tmp_path / "feed"), cache=False)
    assert loaded.dates[["source", "order"]].values.tolist() == [["feed/a.csv", "day_first"],
                                                                 ["feed/b.csv", "month_first"]]
    assert sorted(loaded.articles["published"].dt.strftime("%Y-%m-%d")) == [
        "2024-03-04", "2024-03-13", "2024-03-14", "2024-04-03"]


def test_a_conflicting_column_follows_the_majority():
    rows = [{"source": "x.csv:1", "url": None, "published_text": "13/03/2024", "published_column": "date"},
            {"source": "x.csv:2", "url": None, "published_text": "14/03/2024", "published_column": "date"},
            {"source": "x.csv:3", "url": None, "published_text": "03/15/2024", "published_column": "date"},
            {"source": "x.csv:4", "url": None, "published_text": "02/03/2024", "published_column": "date"}]
    table = dateorder.settle(rows)
    assert table[["order", "decided_by"]].values.tolist() == [["day_first", "values (conflicting)"]]
    assert rows[3]["published"] == date(2024, 3, 2) and "published" not in rows[0]
