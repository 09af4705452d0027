"""The wording family: the seeds, bad input, the tables behind the figures, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import config, corpus, mentions, topic, wording
from analysis.wording import tables
from tests.conftest import RT_SEED, TASS_SEED


@pytest.fixture(scope="module")
def seed_mentions():
    articles = corpus.load("seeds", cache=False).articles
    return articles, mentions.extract_articles(articles, families=["wording"])


def rows(found, outlet, kind=None):
    part = found[(found["outlet"] == outlet) & (found["detector"] != "tagger")]
    return part if kind is None else part[part["kind"] == kind]


def test_seed_expectations(seed_mentions):
    articles, found = seed_mentions
    assert "Kiev" in set(rows(found, "rt", "naming")["term"]) and "Kiev" in set(rows(found, "tass", "naming")["term"])
    assert "US-led military bloc" in set(rows(found, "rt", "descriptor")["term"])
    assert "claims" in set(rows(found, "tass", "hedge")["term"])
    war = rows(found, "tass", "naming")
    assert ("special military operation", "official_russian") in set(zip(war["term"], war["variant"]))
    assert ("military operation", "operation") in set(zip(rows(found, "rt", "naming")["term"],
                                                          rows(found, "rt", "naming")["variant"]))
    # nothing from RT's page furniture: the teaser about neo-Nazis, the Dnieper feature
    assert not {"neo-Nazis", "Dnieper"} & set(rows(found, "rt")["term"])
    assert mentions.check_spans(found, articles) == []


def test_every_row_carries_its_sentence(seed_mentions):
    articles, found = seed_mentions
    texts = dict(zip(articles["article_id"], articles["text"]))
    for row in found.to_dict("records"):
        sentence = row["sentence"]
        assert row["term"] in sentence or row["kind"] == "scare_quote"
        assert texts[row["article_id"]][row["sentence_start"]:row["sentence_end"]] == sentence


@pytest.mark.parametrize("text", [
    "",
    "Kiev " * 50_000,                                                         # enormous
    "the kiev regime shelled donetsk the so called referendum was a sham",     # no punctuation (rt_thesis)
    'Mixed «quotes" and “unbalanced ones and \'Kiev regime’ »',
    "Киев и Kyiv, «киевский режим» и Kiev regime, СВО and SMO",               # Cyrillic and Latin mixed
    "\n\n\n",
])
def test_bad_input_never_crashes_and_spans_stay_inside(text):
    for row in mentions.extract_text(text, families=["wording"]):
        assert 0 <= row["start"] < row["end"] <= len(text)
        assert 0 <= row["sentence_start"] <= row["start"] and row["end"] <= row["sentence_end"] <= len(text)


def test_naming_shares_and_rates_tables(seed_mentions):
    articles, found = seed_mentions
    shares = tables.table_naming_shares(found, topic=topic.load(), min_mentions=3, draws=100)
    kyiv = shares[(shares["concept"] == "Kyiv")].set_index("outlet")
    assert kyiv.loc["rt", "variant"] == "russian" and kyiv.loc["rt", "share"] == 1.0
    assert {"example", "example_article", "ci_low", "ci_high"} <= set(shares.columns)
    assert all(isinstance(e, str) and e for e in shares["example"])
    rates = tables.table_category_rates(found, articles, min_articles=1, draws=100)
    descriptor = rates[(rates["outlet"] == "rt") & (rates["kind"] == "descriptor")].iloc[0]
    assert descriptor["mentions"] == 2 and descriptor["rate_per_1000"] == pytest.approx(2 / descriptor["words"] * 1000)
    assert descriptor["articles"] == 1 and pd.isna(descriptor["ci_low"]) and pd.isna(descriptor["ci_high"])


def test_naming_over_time_counts_the_followed_usage():
    found = pd.DataFrame({"kind": ["naming"] * 4, "canonical": ["Kyiv"] * 4, "outlet": ["rt"] * 4,
                          "variant": ["russian", "russian", "ukrainian", "russian"],
                          "published": pd.to_datetime(["2023-01-02", "2023-01-05", "2023-01-09", "2023-02-01"])})
    table = tables.table_naming_over_time(found, topic=topic.load("ukraine_war"), min_mentions=1)
    assert table[["period", "mentions", "usage_mentions"]].values.tolist() == [["2023-01", 3, 2], ["2023-02", 1, 1]]
    assert set(table["usage"]) == {"russian_state"} and table["share_usage"].tolist() == [2 / 3, 1.0]


@pytest.mark.parametrize("by", [("kind", "category"), ("outlet",), ("kind", "outlet")])
def test_examples_by_any_grouping(seed_mentions, by):
    _, found = seed_mentions
    table = tables.examples(found, per_group=1, by=by)
    assert list(table.columns) == list(dict.fromkeys([*by, "outlet", "term", "sentence", "article_id", "start"]))
    assert len(table) == found.groupby(list(by)).ngroups


def test_json_record_fields():
    row = {"start": 1, "end": 5, "kind": "naming", "category": "place_naming", "term": "Kiev", "canonical": "Kyiv",
           "variant": "russian", "sentence": "x"}
    assert wording.json_record(row) == {"start": 1, "end": 5, "kind": "naming", "category": "place_naming",
                                        "term": "Kiev", "canonical": "Kyiv", "variant": "russian"}


def test_cli_no_clean_offsets_point_into_the_raw_file():
    result = subprocess.run([sys.executable, "-m", "analysis", "extract", str(RT_SEED), str(TASS_SEED),
                             "--family", "wording", "--jsonl", "--no-clean"], capture_output=True, text=True,
                            cwd=config.ROOT, check=False)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    raw = {RT_SEED.name: RT_SEED.read_text(encoding="utf-8"), TASS_SEED.name: TASS_SEED.read_text(encoding="utf-8")}
    assert records and all(raw[r["doc"]][r["start"]:r["end"]] == r["term"] or r["kind"] == "scare_quote"
                           for r in records)
    # without cleaning, RT's page furniture (the neo-Nazi teaser) is found: that is what --no-clean means
    assert any(r["term"] == "neo-Nazis" for r in records if r["doc"] == RT_SEED.name)
