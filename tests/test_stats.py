"""Intervals over articles: weights, ratios, clustering."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import stats


def test_bootstrap_weights_draw_n_articles_each_time():
    weights = stats.bootstrap_weights(7, draws=50, seed=1)
    assert weights.shape == (50, 7) and (weights.sum(axis=1) == 7).all()
    assert (stats.bootstrap_weights(7, draws=50, seed=1) == weights).all()   # deterministic


def test_ratio_interval_contains_the_estimate_and_widens_when_mentions_cluster():
    words = np.full(100, 700.0)
    spread = np.ones(100)                       # one mention in every article
    clustered = np.zeros(100)
    clustered[:2] = 50                          # the same 100 mentions in two articles
    estimate, low, high = stats.ratio_intervals(spread, words, scale=1000)
    assert low[0] <= estimate[0] <= high[0] and abs(estimate[0] - 1000 / 700) < 1e-9
    c_estimate, c_low, c_high = stats.ratio_intervals(clustered, words, scale=1000)
    assert c_estimate[0] == estimate[0]
    assert (c_high - c_low)[0] > 5 * (high - low)[0]


def test_rates_by_group():
    counts = pd.DataFrame({"label": [1, 0, 2, 0], "hedge": [0, 1, 0, 0]})
    totals = pd.Series([100, 100, 100, 100])
    groups = pd.Series(["rt", "rt", "bbc", "bbc"])
    table = stats.rates_by_group(counts, totals, groups=groups, scale=1000, draws=100, min_articles=2)
    row = table.set_index(["group", "category"]).loc[("rt", "label")]
    assert row["count"] == 1 and row["articles"] == 2 and row["rate"] == 5.0
    assert row["ci_low"] <= row["rate"] <= row["ci_high"]
    default = stats.rates_by_group(counts, totals, groups=groups, scale=1000, draws=100)
    assert default["rate"].tolist() == table["rate"].tolist() and default["ci_low"].isna().all()


@pytest.mark.parametrize("articles, interval", [(1, False), (2, False), (stats.MIN_ARTICLES_FOR_INTERVAL - 1, False),
                                                (stats.MIN_ARTICLES_FOR_INTERVAL, True), (50, True)])
def test_an_interval_needs_enough_articles(articles, interval):
    """From one article every bootstrap draw is that article: the interval would have zero width, as if certain."""
    mentions = np.arange(articles, dtype=float) % 3
    words = np.full(articles, 500.0)
    estimate, low, high = stats.ratio_intervals(mentions, words, scale=1000)
    assert abs(estimate[0] - mentions.sum() / words.sum() * 1000) < 1e-9
    assert np.isfinite([low[0], high[0]]).all() == interval
    if interval:
        assert low[0] < estimate[0] < high[0]


def test_empty_input_gives_nan_not_an_error():
    estimate, low, high = stats.ratio_intervals(np.zeros((0, 2)), np.zeros(0))
    assert np.isnan(estimate).all() and np.isnan(low).all()
