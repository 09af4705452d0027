"""Which words and phrases distinguish one outlet's writing from another's?

Weighted log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
"Fightin' Words", *Political Analysis* 16(4)): for a term w, group i and comparison j (the rest of
the corpus, or one other group),

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    z_w     = delta_w / sqrt(1 / (y_iw + a_w) + 1 / (y_jw + a_w))

with prior pseudo-counts a_w = a0 * (share of w in the whole corpus). The prior shrinks rare terms
towards no difference, which plain log-odds ratios do not. Terms are unigrams to trigrams of words;
n-grams that begin or end with an English stop word are dropped.

The z-score treats every token as independent, but terms cluster in articles (a single article can
repeat "Kiev regime" twenty times). Each reported term therefore also gets a bootstrap interval over
articles for delta and the share of draws in which its sign holds, so a reader can tell a distinctive
term of many articles from a quirk of a few. :func:`kwic` shows a term in context by outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from analysis import cache, stats

#: Words of two or more letters, with inner hyphens and apostrophes ("US-led", "Kiev’s"); single letters
#: (the "s" and "t" left where rt_thesis lost its apostrophes, "u s" from "U.S.") are not terms.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}(?:['’-][^\W\d_]+)*\b"


def count_terms(texts: Iterable[str], *, ngram_range: tuple[int, int] = (1, 3), min_df: int = 5,
                max_features: int | None = 200_000, use_cache: bool = True) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Article x term counts (lower-cased; n-grams edged by stop words removed).

    Counting every n-gram of a few thousand articles takes seconds, so the result is kept in ``data/cache``
    under a key of this module's code, the options and the texts (:mod:`analysis.cache`).

    Returns:
        The sparse count matrix and the term for each column.
    """
    texts = [str(text) for text in texts]
    options = {"ngram_range": list(ngram_range), "min_df": min_df, "max_features": max_features}
    if not use_cache:
        return _count_terms(texts, ngram_range=ngram_range, min_df=min_df, max_features=max_features)
    key = cache.key((__name__,), options=options, inputs=texts)
    return cache.pickled("keyness-terms", key, lambda: _count_terms(texts, ngram_range=ngram_range, min_df=min_df,
                                                                     max_features=max_features))


def _count_terms(texts: list[str], *, ngram_range: tuple[int, int], min_df: int,
                 max_features: int | None) -> tuple[sparse.csr_matrix, np.ndarray]:
    vectorizer = CountVectorizer(lowercase=True, token_pattern=TOKEN_PATTERN, ngram_range=ngram_range,
                                 min_df=min_df, max_features=max_features, dtype=np.int32)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # empty vocabulary: too few or too short texts
        return sparse.csr_matrix((0, 0), dtype=np.int32), np.array([], dtype=object)
    terms = vectorizer.get_feature_names_out()
    keep = np.array([_content_ngram(t) for t in terms], dtype=bool)
    return matrix[:, keep].tocsr(), terms[keep]


def _content_ngram(term: str) -> bool:
    words = term.split()
    return words[0] not in ENGLISH_STOP_WORDS and words[-1] not in ENGLISH_STOP_WORDS


def log_odds(y_i: np.ndarray, y_j: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds ratio with informative Dirichlet prior, and its z-score (per term)."""
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), prior.sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + prior) / (n_i + a0 - y_i - prior))
                 - np.log((y_j + prior) / (n_j + a0 - y_j - prior)))
        variance = 1.0 / (y_i + prior) + 1.0 / (y_j + prior)
    return delta, delta / np.sqrt(variance)


def distinctive_terms(articles: pd.DataFrame, *, by: str = "outlet", against: str = "rest", top: int = 20,
                      prior_weight: float = 1000.0, min_df: int = 5, min_articles: int = 3, draws: int = 200,
                      seed: int = stats.SEED) -> pd.DataFrame:
    """The terms that most distinguish each group (outlet) from the rest, or from one other group.

    Args:
        articles: Article table rows (``text`` and the ``by`` column).
        by: Column that defines the groups.
        against: ``"rest"`` (each group against all others) or a group name (each against that one).
        top: Terms reported per group (the highest z-scores).
        prior_weight: a0, the total pseudo-count of the prior.
        min_df: Terms must occur in at least this many articles overall.
        min_articles: ...and in at least this many of the group's articles to be reported.
        draws: Bootstrap draws over articles for the interval of delta.

    Returns:
        One row per group and term: group, against, term, count, articles_with_term, rate_per_10k,
        delta, z, ci_low, ci_high, sign_share (share of draws with the same sign), example_article;
        ``ci_low``, ``ci_high`` and ``sign_share`` are NaN when the group or the rest has fewer than
        :data:`analysis.stats.MIN_ARTICLES_FOR_INTERVAL` articles.
    """
    columns = ["group", "against", "term", "count", "articles_with_term", "rate_per_10k", "delta", "z", "ci_low",
               "ci_high", "sign_share", "example_article"]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    matrix, terms = count_terms(articles["text"], min_df=min_df)
    if matrix.shape[1] == 0:
        return pd.DataFrame(columns=columns)
    groups = articles[by].to_numpy()
    total = np.asarray(matrix.sum(axis=0)).ravel().astype(np.float64)
    row_totals = np.asarray(matrix.sum(axis=1)).ravel().astype(np.float64)
    prior = prior_weight * total / total.sum()
    rows = []
    for group in sorted(set(groups)):
        if against != "rest" and group == against:
            continue
        mine = groups == group
        other = ~mine if against == "rest" else groups == against
        if not other.any():
            continue
        y_i = np.asarray(matrix[mine].sum(axis=0)).ravel().astype(np.float64)
        y_j = np.asarray(matrix[other].sum(axis=0)).ravel().astype(np.float64)
        delta, z = log_odds(y_i, y_j, prior)
        present = np.asarray((matrix[mine] > 0).sum(axis=0)).ravel()
        candidates = np.where(present >= min_articles)[0]
        chosen = candidates[np.argsort(-z[candidates])][:top]
        if not len(chosen):
            continue
        if min(mine.sum(), other.sum()) >= stats.MIN_ARTICLES_FOR_INTERVAL:
            low, high, sign = _bootstrap_delta(matrix[mine][:, chosen], matrix[other][:, chosen], prior[chosen],
                                               row_totals[mine], row_totals[other], prior.sum(), draws=draws,
                                               seed=seed)
        else:   # too few articles on one side to resample: no interval, no stability (see analysis.stats)
            low = high = sign = np.full(len(chosen), np.nan)
        words_i = max(1.0, y_i.sum())
        for k, column in enumerate(chosen):
            example = _first_article_with(matrix[mine], column, articles.loc[mine, "article_id"].to_numpy())
            rows.append((group, against, terms[column], int(y_i[column]), int(present[column]),
                         y_i[column] / words_i * 10_000, delta[column], z[column], low[k], high[k], sign[k], example))
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["group", "z"], ascending=[True, False]).reset_index(drop=True)


def _bootstrap_delta(block_i, block_j, prior, totals_i, totals_j, a0, *, draws, seed):
    """Percentile interval of delta and sign stability, resampling articles within each group."""
    w_i = stats.bootstrap_weights(block_i.shape[0], draws=draws, seed=seed)
    w_j = stats.bootstrap_weights(block_j.shape[0], draws=draws, seed=seed + 1)
    y_i = np.asarray(block_i.T.dot(w_i.T)).T          # draws x terms
    y_j = np.asarray(block_j.T.dot(w_j.T)).T
    n_i = (w_i @ totals_i)[:, None]                    # each draw's token total
    n_j = (w_j @ totals_j)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        d = (np.log((y_i + prior) / (n_i + a0 - y_i - prior)) - np.log((y_j + prior) / (n_j + a0 - y_j - prior)))
    point_sign = np.sign(np.nanmedian(d, axis=0))
    return (np.nanquantile(d, 0.025, axis=0), np.nanquantile(d, 0.975, axis=0),
            (np.sign(d) == point_sign).mean(axis=0))


def _first_article_with(block, column: int, ids: np.ndarray) -> str:
    rows = block[:, column].nonzero()[0]
    return str(ids[rows[0]]) if len(rows) else ""


def kwic(articles: pd.DataFrame, term: str, *, width: int = 60, limit: int | None = 20,
         by: str = "outlet") -> pd.DataFrame:
    """Keyword in context: up to ``limit`` occurrences (None: all) of ``term`` per group, case-insensitive,
    whole words.

    Returns:
        group, article_id, left, match, right, start (offset into the article text).
    """
    pattern = re.compile(r"(?<!\w)" + r"[\s\-]+".join(map(re.escape, term.split())) + r"(?!\w)", re.IGNORECASE)
    rows = []
    for group, part in articles.groupby(by, sort=True):
        found = 0
        for article_id, text in zip(part["article_id"], part["text"]):
            for match in pattern.finditer(text):
                left = text[max(0, match.start() - width):match.start()].replace("\n", " ")
                right = text[match.end():match.end() + width].replace("\n", " ")
                rows.append((group, article_id, left, match.group(), right, match.start()))
                found += 1
                if limit is not None and found >= limit:
                    break
            if limit is not None and found >= limit:
                break
    return pd.DataFrame(rows, columns=["group", "article_id", "left", "match", "right", "start"])
