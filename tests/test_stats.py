"""Intervals over articles: weights, ratios, clustering."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
    table = stats.rates_by_group(counts, totals, groups=groups, scale=1000, draws=100)
    row = table.set_index(["group", "category"]).loc[("rt", "label")]
    assert row["count"] == 1 and row["articles"] == 2 and row["rate"] == 5.0
    assert row["ci_low"] <= row["rate"] <= row["ci_high"]


def test_empty_input_gives_nan_not_an_error():
    estimate, low, high = stats.ratio_intervals(np.zeros((0, 2)), np.zeros(0))
    assert np.isnan(estimate).all() and np.isnan(low).all()
