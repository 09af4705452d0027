"""How uncertain is a rate or a share that is estimated from a sample of articles?

Findings cluster in articles: one article that repeats a label ten times is one editorial choice,
not ten independent observations. Intervals here therefore come from a bootstrap over *articles*:
draw the outlet's articles with replacement, recompute the statistic, repeat. Each draw is a vector of
multinomial weights over articles, so a rate (mentions per 1,000 words) or a share (one variant's
mentions among all variants') for many categories is one matrix product per outlet.
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import numpy as np
import pandas as pd

DRAWS = 1000
SEED = 20231205
LEVEL = 0.95
#: Fewest articles behind an estimate for its bootstrap interval to be given (below: NaN, drawn as a point alone).
MIN_ARTICLES_FOR_INTERVAL = 10
#: Bootstrap weight matrices kept in memory (one per group size; 54 MB for 6,739 articles and 1,000 draws).
WEIGHTS_KEPT = 16


def bootstrap_weights(n: int, *, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """``draws`` x ``n`` matrix: how often each of ``n`` articles is drawn in each bootstrap sample.

    The matrix depends on ``n``, ``draws`` and ``seed`` only, and groups of one size recur across the tables of
    a run (every sourcing table resamples the same outlets), so recent matrices are kept (read-only).
    """
    return _weights(int(n), int(draws), int(seed))


@lru_cache(maxsize=WEIGHTS_KEPT)
def _weights(n: int, draws: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(n, np.full(n, 1.0 / n), size=draws).astype(np.float64) if n else np.zeros((draws, 0))
    weights.setflags(write=False)
    return weights


def ratio_intervals(numerators: np.ndarray, denominators: np.ndarray, *, scale: float = 1.0, draws: int = DRAWS,
                    seed: int = SEED, level: float = LEVEL, min_articles: int = MIN_ARTICLES_FOR_INTERVAL,
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Point estimate and percentile interval of sum(numerator)/sum(denominator), by article bootstrap.

    Args:
        numerators: ``n`` x ``k`` counts per article (one column per category), or a vector.
        denominators: ``n`` per-article totals (words, or all mentions of the concept).
        scale: Multiply the ratio (1,000 for rates per 1,000 words).
        min_articles: With fewer articles (rows) than this, the interval is not estimated (NaN).

    Returns:
        (estimate, low, high), each of length ``k``; NaN where the denominator sums to zero, and ``low`` and
        ``high`` NaN with fewer than ``min_articles`` articles.
    """
    numerators = np.asarray(numerators, dtype=np.float64)
    vector = numerators.ndim == 1
    if vector:
        numerators = numerators[:, None]
    denominators = np.asarray(denominators, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        estimate = numerators.sum(axis=0) / denominators.sum() * scale
        weights = bootstrap_weights(len(denominators), draws=draws, seed=seed)
        sampled = (weights @ numerators) / (weights @ denominators)[:, None] * scale
    alpha = (1 - level) / 2
    if len(denominators) and len(denominators) >= min_articles:
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)   # a category whose every draw is NaN stays NaN
            low = np.nanquantile(sampled, alpha, axis=0)
            high = np.nanquantile(sampled, 1 - alpha, axis=0)
    else:
        low = high = np.full(numerators.shape[1], np.nan)
    if vector:
        return estimate[:1], low[:1], high[:1]
    return estimate, low, high


def rates_by_group(counts: pd.DataFrame, totals: pd.Series, *, groups: pd.Series, scale: float = 1000.0,
                   draws: int = DRAWS, seed: int = SEED, min_articles: int = MIN_ARTICLES_FOR_INTERVAL) -> pd.DataFrame:
    """Rates with intervals per group: ``counts`` is articles x categories, ``totals`` articles' words.

    Groups with fewer than ``min_articles`` articles get NaN intervals (see :func:`ratio_intervals`).

    Returns:
        Long table: group, category, count, total, articles, rate, ci_low, ci_high.
    """
    rows = []
    for group in sorted(groups.unique()):
        mask = (groups == group).to_numpy()
        block = counts.to_numpy()[mask]
        words = totals.to_numpy()[mask]
        estimate, low, high = ratio_intervals(block, words, scale=scale, draws=draws, seed=seed,
                                              min_articles=min_articles)
        for column, category in enumerate(counts.columns):
            rows.append((group, category, int(block[:, column].sum()), int(words.sum()), int(mask.sum()),
                         estimate[column], low[column], high[column]))
    return pd.DataFrame(rows, columns=["group", "category", "count", "total", "articles", "rate", "ci_low", "ci_high"])
