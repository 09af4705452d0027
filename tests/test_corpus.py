"""The Article table: seeds, inference without metadata, accounting, cache, and every real corpus."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analysis import config, corpus
from analysis.errors import CorpusError
from analysis.ingest import ColumnMap, ReadOptions
from tests.conftest import RT_SEED, TASS_SEED, write


def test_seeds_match_their_readme():
    loaded = corpus.load("seeds")
    articles = loaded.articles.set_index("outlet")
    assert list(loaded.articles.columns) == corpus.ARTICLE_COLUMNS
    rt, tass = articles.loc["rt"], articles.loc["tass"]
    assert rt["title"] == "More than ten NATO states don’t support Ukraine's bid – Kiev"
    assert str(rt["published"].date()) == "2023-06-11"
    assert tass["title"] == "US wants allies to stop talking to Kiev about joining NATO — Ukrainian lawmaker"
    assert str(tass["published"].date()) == "2023-12-05"
    assert set(loaded.articles["language"]) == {"en"}
    assert rt["text"].startswith(rt["title"] + "\n\n")
    assert rt["source"] == f"seeds/{RT_SEED.name}"
    assert loaded.skipped["reason"].tolist() == ["not_an_article"]   # the seeds' README.md
    assert loaded.accounting() == {"items_read": 2, "articles": 2, "duplicates": 0, "skipped_after_reading": 0,
                                   "skipped_before_reading": 1}


def test_metadata_is_inferred_from_the_text_and_a_missing_year_is_not_invented(tmp_path):
    write(tmp_path / "in" / "rt-page.txt", RT_SEED.read_text(encoding="utf-8"))
    write(tmp_path / "in" / "tass_2023-12-05_x.txt", TASS_SEED.read_text(encoding="utf-8"))
    write(tmp_path / "other" / "tass-no-date.txt", TASS_SEED.read_text(encoding="utf-8"))
    articles = corpus.load(str(tmp_path / "in"), cache=False).articles.set_index("source")
    rt = articles.loc["in/rt-page.txt"]
    assert (rt["outlet"], rt["outlet_from"], str(rt["published"].date()), rt["published_from"]) == \
        ("rt", "text", "2023-06-11", "text")
    dated = articles.loc["in/tass_2023-12-05_x.txt"]
    assert (dated["outlet"], str(dated["published"].date()), dated["published_from"]) == \
        ("tass", "2023-12-05", "filename")
    undated = corpus.load(str(tmp_path / "other"), cache=False).articles.iloc[0]
    assert undated["outlet"] == "tass" and pd.isna(undated["published"])   # "MOSCOW, December 5" has no year


def test_article_ids_are_stable_and_url_based():
    first = corpus.load("seeds", cache=False).articles["article_id"].tolist()
    again = corpus.load("seeds", cache=False).articles["article_id"].tolist()
    assert first == again and first[0].startswith("rt-")
    same = corpus.article_id("rt", "https://www.rt.com//news/1-a/", None, "x")
    assert same == corpus.article_id("rt", "http://rt.com/news/1-a", "other title", "other text")


def test_table_corpus_with_options_and_duplicate_ids(tmp_path):
    story = "Kiev has repeatedly declared its desire to become a full NATO member as soon as possible. " * 3
    other = "Moscow views this as a threat to national security and says nothing has changed since 2008. " * 3
    write(tmp_path / "t" / "items.csv", "link,body,when\n"
          f"https://www.rt.com/news/1-a/,{story},2023-01-02\n"
          f"https://www.rt.com/news/1-a/,{other},2023-01-02\n"           # same URL, different article
          f"https://www.rt.com/news/2-b/,{story.replace('.', '')},2023-01-03\n")  # same text, stripped
    options = ReadOptions(columns=ColumnMap(text="body", url="link", published="when"))
    loaded = corpus.load(str(tmp_path / "t"), options=options, cache=False)
    assert len(loaded.articles) == 1
    assert loaded.articles["duplicates"].tolist() == [1]
    assert loaded.skipped["reason"].tolist() == ["duplicate_id"]
    assert "same id" in loaded.skipped["detail"].iloc[0]
    account = loaded.accounting()
    assert account["items_read"] == account["articles"] + account["duplicates"] + account["skipped_after_reading"]


def test_cache_returns_the_same_tables_and_notices_changes(tmp_path):
    folder = tmp_path / "c"
    shutil.copy(RT_SEED, write(folder / "placeholder.txt", "x").parent / RT_SEED.name)
    (folder / "placeholder.txt").unlink()
    fresh = corpus.load(str(folder))
    cached = corpus.load(str(folder))
    pd.testing.assert_frame_equal(fresh.articles, cached.articles)
    assert len(list(config.CACHE.glob("corpus-*"))) >= 1
    write(folder / TASS_SEED.name, TASS_SEED.read_text(encoding="utf-8"))
    assert len(corpus.load(str(folder)).articles) == 2


def test_unknown_source_is_an_error():
    with pytest.raises(CorpusError, match="neither a registered dataset"):
        corpus.resolve("no_such_dataset_or_path")


def test_json_records_have_the_article_fields():
    loaded = corpus.load("seeds")
    records = [json.loads(line) for line in corpus.to_json_records(loaded.articles)]
    assert len(records) == 2 and set(records[0]) == set(corpus.ARTICLE_COLUMNS)
    assert records[0]["published"] == "2023-06-11" and records[0]["event"] is None


def test_overview_and_tables_for_figures():
    articles = corpus.load("seeds").articles
    overview = corpus.overview(articles)
    assert overview[["outlet", "language", "articles"]].values.tolist() == [["rt", "en", 1], ["tass", "en", 1]]
    over_time = corpus.table_articles_over_time(articles)
    assert over_time[["outlet", "period", "articles"]].values.tolist() == [["rt", "2023-06", 1], ["tass", "2023-12", 1]]
    length = corpus.table_article_length(articles)
    assert set(length["outlet"]) == {"rt", "tass"} and (length["median"] > 300).all()


# --- the real corpora in ../shared -----------------------------------------------------------------


@pytest.mark.slow
def test_every_item_of_every_corpus_is_accounted_for(full_corpus):
    account = full_corpus.accounting()
    assert account["items_read"] == account["articles"] + account["duplicates"] + account["skipped_after_reading"]
    files = full_corpus.files
    assert int(files["items"].sum()) == account["items_read"]
    assert full_corpus.articles["article_id"].is_unique


@pytest.mark.slow
@pytest.mark.parametrize("dataset, items, articles", [
    ("rt_thesis", 2084, 991),      # 994 unique URLs; three carry a body identical to another URL's
    ("ppn_en", 2665, 2035),
    ("ppn_ru", 456, 446),
    ("seeds", 2, 2),
])
def test_corpus_counts(full_corpus, dataset, items, articles):
    files = full_corpus.files
    read = int(files.loc[files["source"].str.startswith(dataset + "/"), "items"].sum())
    assert read == items
    assert int((full_corpus.articles["dataset"] == dataset).sum()) == articles


@pytest.mark.slow
def test_ruwa_and_aj_bbc_counts(full_corpus):
    articles = full_corpus.articles
    ruwa = articles[articles["dataset"] == "ruwa"]
    skipped_ruwa = full_corpus.skipped[full_corpus.skipped["source"].str.startswith("ruwa/")]
    merged_ruwa = full_corpus.duplicates[full_corpus.duplicates["dropped_source"].str.startswith("ruwa/")]
    assert len(ruwa) + len(skipped_ruwa) + len(merged_ruwa) == 16_545
    assert set(ruwa["event"]) == {"beginning", "nuclear", "azovstal", "railway", "bucha", "theatre", "prisoners",
                                  "supermarket", "sinking"}
    aj_bbc = articles[articles["dataset"] == "aj_bbc_2023"]
    assert aj_bbc["outlet"].value_counts().to_dict()["aljazeera"] == 204
    aj = aj_bbc[aj_bbc["outlet"] == "aljazeera"]
    assert aj["published"].notna().all() and set(aj["published_from"]) == {"url"}


HAND_CHECKED = [
    # source, outlet, published, title (checked against the raw files by hand)
    ("rt_thesis/soros-nato.csv:1", "rt", "2019-05-31",
     "‘Gold is more stable’: Malaysia needles US with proposal for pan-Asian bullion-backed currency"),
    ("ruwa/RUWA_04.08.23.csv:16512", "tass", "2022-03-06",
     "Over 13,000 tonnes of humanitarian cargoes prepared for Ukraine — defense ministry"),
    ("ruwa/RUWA_04.08.23.csv:4670", "censor", "2022-01-26", "Who is to take over state-owned Ukreximbank?"),
    ("aj_bbc_2023/aljazeera.csv:1", "aljazeera", "2023-02-27",
     "Hold the rise of homelessness among ukrainian refugees in the uk"),          # from the URL slug
    ("aj_bbc_2023/bbc.csv:1", "bbc", None,                                          # "Published13 hours ago"
     "Ukraine war: The renowned airman fighting from a low-flying helicopter"),
    ("ppn_en/2023/09/13/rrn.media/__1694616662.html.json", "rrn", "2022-03-11",
     "Origins of the Donetsk and Lugansk People's Republics"),
]


@pytest.mark.slow
@pytest.mark.parametrize("source, outlet, published, title", HAND_CHECKED)
def test_hand_checked_articles(full_corpus, source, outlet, published, title):
    row = full_corpus.articles.set_index("source").loc[source]
    assert row["outlet"] == outlet
    assert (None if pd.isna(row["published"]) else str(row["published"].date())) == published
    assert row["title"] == title


@pytest.mark.slow
def test_rt_thesis_keeps_the_punctuated_version(full_corpus):
    row = full_corpus.articles.set_index("url").loc["https://www.rt.com/business/222071-george-soros-ukraine-meeting/"]
    assert "the country's economic reconstruction. Soros met" in row["text"]
    assert row["duplicates"] == 3


@pytest.mark.slow
def test_impossible_dates_are_rejected(full_corpus):
    tribunal = full_corpus.articles[full_corpus.articles["outlet"] == "tribunalukraine"]
    assert tribunal["published"].dropna().dt.year.min() >= 2022
    assert int(full_corpus.cleaning.set_index("rule").loc["date_before_outlet_existed", "count"]) > 0


def test_a_text_file_named_after_its_outlet_takes_the_outlet_and_date(tmp_path):
    folder = tmp_path / "mine"
    write(folder / "bbc_2024-03-01_talks-continue.txt",
          "Talks continue in Geneva\n\nOfficials said the talks would continue next week, according to two "
          "diplomats who asked not to be named.\n")
    write(folder / "mysite_2024-03-02_other.txt",
          "Power restored\n\nEngineers restored power to most of the city by evening, the governor said.\n")
    loaded = corpus.load(str(folder), cache=False)
    rows = loaded.articles.set_index("outlet")
    assert sorted(rows.index) == ["bbc", "unknown"]
    assert rows.loc["bbc", "outlet_from"] == "filename" and rows.loc["bbc", "published_from"] == "filename"
    assert str(rows.loc["bbc", "published"].date()) == "2024-03-01"


def test_each_file_accounts_for_every_item_it_held(tmp_path):
    write(tmp_path / "c" / "wire.csv", (b'title,text\nA,"Officials said the talks failed on Monday."\n'
                                        b'A,"Officials said the talks failed on Monday."\nB,\n'
                                        b'C,"The minister said the port would reopen."\n'))
    write(tmp_path / "c" / "note.txt", b"The mayor said the bridge was closed.")
    loaded = corpus.load(str(tmp_path / "c"), cache=False)
    table = loaded.file_accounting()
    assert list(table.columns) == corpus.FILE_ACCOUNT_COLUMNS
    rows = {r.source: (r.seen, r.articles, r.duplicates, r.dropped, r.skipped, r.adds_up)
            for r in table.itertuples()}
    assert rows == {"c/note.txt": (1, 1, 0, 0, 0, True), "c/wire.csv": (4, 2, 1, 0, 1, True)}
    assert "per file (seen = articles + duplicates + dropped + skipped)" in loaded.summary()
