"""Distinctive terms: log-odds with prior, clustering-aware intervals, keyword in context."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.wording import keyness


def corpus(rt: list[str], bbc: list[str]) -> pd.DataFrame:
    rows = [("rt", f"rt-{i}", t) for i, t in enumerate(rt)] + [("bbc", f"bbc-{i}", t) for i, t in enumerate(bbc)]
    return pd.DataFrame(rows, columns=["outlet", "article_id", "text"])


def test_log_odds_is_zero_without_difference_and_signed_otherwise():
    prior = np.array([1.0, 1.0])
    delta, z = keyness.log_odds(np.array([10.0, 10.0]), np.array([10.0, 10.0]), prior)
    assert np.allclose(delta, 0) and np.allclose(z, 0)
    delta, z = keyness.log_odds(np.array([30.0, 10.0]), np.array([10.0, 30.0]), prior)
    assert delta[0] > 0 > delta[1] and z[0] > 0


def test_distinctive_terms_find_each_outlets_naming_with_examples():
    rt = [f"Kiev said on day {i} that the Kiev regime would fall and the US-led military bloc waited."
          for i in range(30)]
    bbc = [f"Kyiv said on day {i} that Russia's invasion continued and officials in Kyiv waited." for i in range(30)]
    table = keyness.distinctive_terms(corpus(rt, bbc), top=12, min_df=3, draws=50)
    rt_terms = set(table[table["group"] == "rt"]["term"])
    bbc_terms = set(table[table["group"] == "bbc"]["term"])
    assert "kiev" in rt_terms and "kiev regime" in rt_terms
    assert "kyiv" in bbc_terms
    row = table[(table["group"] == "rt") & (table["term"] == "kiev")].iloc[0]
    assert row["ci_low"] > 0 and row["sign_share"] == 1.0 and row["example_article"].startswith("rt-")


def test_a_term_from_one_article_is_not_stable():
    rt = (["The junta junta junta junta junta junta junta junta spoke."]
          + [f"Plain report number {i} here." for i in range(40)])
    bbc = [f"Plain report number {i} here." for i in range(40)]
    table = keyness.distinctive_terms(corpus(rt, bbc), top=3, min_df=1, min_articles=1, draws=200)
    junta = table[(table["group"] == "rt") & (table["term"] == "junta")].iloc[0]
    assert junta["sign_share"] < 0.9   # carried by a single article: the bootstrap sees it vanish


def test_kwic_and_empty_input():
    articles = corpus(["The Kiev regime said so. Later the Kiev-regime fell."], ["Nothing here."])
    hits = keyness.kwic(articles, "Kiev regime")
    assert hits["match"].tolist() == ["Kiev regime", "Kiev-regime"]
    assert keyness.distinctive_terms(articles.iloc[:0]).empty
