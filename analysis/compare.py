"""Is the difference between outlets real? Differences with intervals and tests, across every family's tables.

Every number the project compares is a rate or a share estimated from a sample of articles, and
findings cluster in articles: an article that repeats a label ten times is one editorial choice, not
ten. So every comparison here treats the *article* as the unit:

* the **interval** of a difference comes from a bootstrap over articles (each group's articles drawn
  with replacement, independently, as in :mod:`analysis.stats`; or, where the groups share articles,
  all the articles of the stratum drawn together, see ``cluster`` in :func:`differences`);
* the **p-value** comes from a permutation test that reshuffles whole articles between the groups
  compared (two-sided, ``p = (1 + #extreme) / (1 + permutations)``);
* the **q-value** is the Benjamini-Hochberg adjustment over every test of one returned table
  (:func:`bh_qvalues`), so "q < 0.05" means: among the rows of this table called different, about 5% or
  fewer are expected to be false discoveries.

One function, :func:`differences`, does this for any ratio ``sum(numerator) / sum(denominator)`` of a
per-article table; every family's ``*_differences`` table calls it, and so do the three comparisons
this module adds:

* :func:`attribution_asymmetry`: within an outlet, does the reporting-verb class (distancing,
  endorsing, conceding, accusing, ...) depend on the side the speaker speaks for?
  :func:`verb_class_across_outlets` asks the same of one side or one speaker across outlets.
* :func:`naming_adoption` and :func:`naming_switches`: the share of each variant of a naming concept
  by outlet and month, and the month in which an outlet's dominant variant changed, where it did.

Comparisons with fewer than :data:`MIN_ARTICLES` articles on either side get values but no interval
and no test (a percentile bootstrap of a handful of articles is not an interval). Every random draw
comes from a generator seeded by the seed and the names of what is compared, so tables are byte-stable
and adding an outlet does not change another outlet's draws.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis import plots, stats
from analysis.figures import FigureSpec
from analysis.topic import Topic

#: Permutations per test (the smallest p-value is 1 / (PERMUTATIONS + 1)).
PERMUTATIONS = 2000
#: Fewest articles on each side of a comparison for an interval and a test (the same rule as every interval).
MIN_ARTICLES = stats.MIN_ARTICLES_FOR_INTERVAL
#: The other group of a one-against-the-rest comparison.
REST = "rest"
#: Largest block (rows x columns) gathered at once by the permutation test, to bound memory.
CHUNK_ELEMENTS = 4_000_000
#: Columns of :func:`differences` after the ``by`` columns (``outlet`` stands for the ``group`` column).
DIFFERENCE_COLUMNS = ["measure", "outlet_a", "outlet_b", "value_a", "value_b", "difference", "ci_low", "ci_high",
                      "p_value", "q_value", "articles_a", "articles_b", "count_a", "count_b", "total_a", "total_b"]
#: Naming switches: fewest mentions of a concept in a month for the month to count, fewest counted months
#: on each side of a switch, fewest mentions on each side.
SWITCH_MONTH_MENTIONS = 5
SWITCH_MIN_MONTHS = 2
SWITCH_SIDE_MENTIONS = 20
#: Share of counted months a switch must agree with (months before dominated by the old variant, after by the new).
SWITCH_AGREEMENT = 0.75


# --- the one core: differences with intervals, permutation p-values and q-values ----------------------------------


def bh_qvalues(p_values: Iterable[float]) -> np.ndarray:
    """Benjamini-Hochberg q-values: for the i-th smallest of m p-values, ``min over j >= i of p_(j) * m / j``,
    capped at 1. NaN p-values (comparisons not tested) stay NaN and do not count in m."""
    p = np.asarray(list(p_values) if not isinstance(p_values, np.ndarray | pd.Series) else p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    m = int(tested.sum())
    if not m:
        return q
    values = p[tested]
    order = np.argsort(values, kind="stable")
    scaled = values[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = adjusted
    q[tested] = out
    return q


def differences(per_article: pd.DataFrame, *, numerator: str | Sequence[str], denominator: str,
                group: str = "outlet", by: Sequence[str] = (), against: str = REST,
                order: Sequence[str] | None = None, cluster: str | None = None, scale: float = 1.0,
                min_articles: int = MIN_ARTICLES, draws: int = stats.DRAWS, permutations: int = PERMUTATIONS,
                seed: int = stats.SEED, level: float = stats.LEVEL) -> pd.DataFrame:
    """Differences of a ratio between groups, with a bootstrap interval, a permutation p-value and a q-value.

    The ratio of a group is ``sum(numerator) / sum(denominator) * scale`` over its rows: mentions per
    1,000 words (numerator: mentions, denominator: words, scale 1,000), designations per 1,000 articles
    (denominator: 1 per article), or the share of attributions in a class (denominator: attributions).

    * Interval: percentile interval of the difference over ``draws`` bootstrap samples. Without
      ``cluster``, each group's rows are drawn with replacement independently (a group's size is fixed by
      the design, as an outlet's articles are); "the rest" is the sum of the other groups' draws.
      With ``cluster``, all clusters of the stratum are drawn together and each takes its rows in every
      group along (an article with attributions to two sides brings both), so groups that share
      articles keep their correlation.
    * p-value: two-sided permutation test of "the group label does not matter". The labels of the
      rows are reshuffled among the pooled rows of the two groups compared (for ``rest``: among all rows of
      the stratum, one shuffle serving every group), group sizes kept; the difference is recomputed and
      ``p = (1 + #{|d*| >= |d|}) / (1 + valid permutations)``. A row is the unit reshuffled: an article, or
      with ``cluster`` an article's block of one group (its attributions to one side).
    * q-value: :func:`bh_qvalues` over every tested row of the returned table.

    The interval and the test are separate procedures and can disagree near the 5% boundary. Where one
    group has no count at all, its bootstrap has no spread, so the interval reflects the other group only
    and is too narrow; the permutation test has no such blind spot.

    Args:
        per_article: One row per article (or per article and group): the ``group`` column, the numerator
            column(s), the denominator column, the ``by`` columns and, if given, the ``cluster`` column.
        numerator: One count column or several (each gives its own rows, ``measure`` = the column's name).
        denominator: The column summed below the ratio.
        group: The column whose values are compared (``outlet``, ``side``).
        by: Strata compared separately (``content_type``); a comparison never mixes strata.
        against: ``"rest"`` (each group against all other rows of the stratum), ``"pairs"`` (every pair of
            groups, the first in ``order`` as ``_a``), or a group value (every other group against it).
        order: The groups to compare and their order (default: every group, sorted).
        cluster: Column naming the unit of the bootstrap when groups share articles (``article_id``).
        scale: Multiplier of the ratio (1,000 for a rate per 1,000 words).
        min_articles: Fewest rows (with ``cluster``: distinct clusters) in each group for an interval and a
            test; other comparisons keep their values with NaN interval, p and q.
        draws: Bootstrap draws.
        permutations: Permutations per test.
        seed: Seed; each stratum and comparison draws from a generator seeded by it and their names.
        level: Confidence level of the interval.

    Returns:
        One row per stratum, measure and comparison: the ``by`` columns, ``measure``, ``<group>_a``,
        ``<group>_b`` (``rest`` for the other groups), ``value_a``, ``value_b`` (ratios times ``scale``),
        ``difference`` (a - b), ``ci_low``, ``ci_high``, ``p_value``, ``q_value``, ``articles_a``,
        ``articles_b`` (rows, or distinct clusters), ``count_a``, ``count_b`` (numerator sums) and
        ``total_a``, ``total_b`` (denominator sums); sorted by stratum, measure (in the order given) and
        groups (in ``order``).
    """
    measures = [numerator] if isinstance(numerator, str) else list(numerator)
    by = list(by)
    a_column, b_column = f"{group}_a", f"{group}_b"
    columns = [*by, *[{"outlet_a": a_column, "outlet_b": b_column}.get(c, c) for c in DIFFERENCE_COLUMNS]]
    if against not in (REST, "pairs") and not isinstance(against, str):
        raise ValueError(f"against must be 'rest', 'pairs' or a value of {group!r}, not {against!r}")
    frame = per_article[per_article[group].notna()]
    if order is not None:
        frame = frame[frame[group].isin(list(order))]
    integral = all(pd.api.types.is_integer_dtype(per_article[c]) or pd.api.types.is_bool_dtype(per_article[c])
                   for c in [*measures, denominator])
    options = dict(measures=measures, denominator=denominator, group=group, against=against, order=order,
                   cluster=cluster, scale=scale, min_articles=min_articles, draws=draws,
                   permutations=permutations, seed=seed, level=level)
    parts = []
    strata = frame.groupby(by, sort=True, dropna=False) if by else [((), frame)]
    for key, stratum in strata:
        key = key if isinstance(key, tuple) else (key,)
        parts += _compare_stratum(stratum, key=key, **options)
    table = pd.DataFrame(parts, columns=[*by, *DIFFERENCE_COLUMNS])
    if table.empty:
        return pd.DataFrame(columns=columns)
    table["q_value"] = bh_qvalues(table["p_value"].to_numpy(dtype=float))
    if integral:
        table[["count_a", "count_b", "total_a", "total_b"]] = table[["count_a", "count_b", "total_a",
                                                                     "total_b"]].round().astype("int64")
    ranks = {name: i for i, name in enumerate(order or sorted(frame[group].unique()))}
    ranks[REST] = len(ranks)
    table = table.assign(_m=table["measure"].map({m: i for i, m in enumerate(measures)}),
                         _a=table["outlet_a"].map(ranks), _b=table["outlet_b"].map(ranks))
    table = table.sort_values([*by, "_m", "_a", "_b"], kind="stable").drop(columns=["_m", "_a", "_b"])
    return table.rename(columns={"outlet_a": a_column, "outlet_b": b_column}).reset_index(drop=True)[columns]


def _seed(seed: int, *parts: object) -> int:
    """A seed for one stratum and comparison: the same names give the same draws whatever else is compared."""
    key = "\x1f".join(map(str, parts)).encode()
    return int(np.random.SeedSequence([seed, zlib.crc32(key)]).generate_state(1)[0])


def _compare_stratum(stratum: pd.DataFrame, *, key: tuple, measures: list[str], denominator: str, group: str,
                     against: str, order: Sequence[str] | None, cluster: str | None, scale: float,
                     min_articles: int, draws: int, permutations: int, seed: int, level: float) -> list[tuple]:
    """The rows of :func:`differences` for one stratum."""
    present = set(stratum[group])
    groups = [g for g in order if g in present] if order is not None else sorted(present)
    if len(groups) < 2 or (against not in (REST, "pairs") and against not in present):
        return []
    labels = stratum[group].to_numpy()
    values = stratum[[*measures, denominator]].to_numpy(dtype=np.float64)
    rows = {g: np.flatnonzero(labels == g) for g in groups}
    sums = {g: values[rows[g]].sum(axis=0) for g in groups}
    total = sum(sums.values())
    if cluster is None:
        units = {g: len(rows[g]) for g in groups}
        boot = {g: _bootstrap_weights(len(rows[g]), draws=draws, seed=_seed(seed, "bootstrap", *key, g))
                @ values[rows[g]] for g in groups}
    else:
        codes, uniques = pd.factorize(stratum[cluster])
        units = {g: len(np.unique(codes[rows[g]])) for g in groups}
        weights = _bootstrap_weights(len(uniques), draws=draws, seed=_seed(seed, "bootstrap", *key))
        boot = {}
        for g in groups:
            by_cluster = np.zeros((len(uniques), values.shape[1]))
            np.add.at(by_cluster, codes[rows[g]], values[rows[g]])
            boot[g] = weights @ by_cluster
    boot_total = sum(boot.values())
    if against == REST:
        comparisons = [(g, REST) for g in groups]
    elif against == "pairs":
        comparisons = [(a, b) for i, a in enumerate(groups) for b in groups[i + 1:]]
    else:
        comparisons = [(g, against) for g in groups if g != against]

    rest_units = {g: len(labels) - len(rows[g]) if cluster is None else len(np.unique(codes[labels != g]))
                  for g in groups}

    def other_units(a: str, b: str) -> int:
        return rest_units[a] if b == REST else units[b]

    shuffled = None
    if against == REST and any(min(units[a], other_units(a, b)) >= min_articles for a, b in comparisons):
        rng = np.random.default_rng(_seed(seed, "permutation", *key))
        shuffled = _permuted_sums(values, labels, groups, permutations=permutations, rng=rng)
    out = []
    for a, b in comparisons:
        sum_a = sums[a]
        sum_b = total - sum_a if b == REST else sums[b]
        units_b = other_units(a, b)
        tested = (units[a] >= min_articles) & (units_b >= min_articles) & (sum_a[-1] > 0) & (sum_b[-1] > 0) \
            & ((sum_a[:-1] + sum_b[:-1]) > 0)
        p = low = high = np.full(len(measures), np.nan)
        if tested.any():
            if b == REST:
                perm_a = shuffled[:, groups.index(a)]
                perm_b = total - perm_a
            else:
                rng = np.random.default_rng(_seed(seed, "permutation", *key, a, b))
                pooled = np.concatenate([rows[a], rows[b]])
                pair = _permuted_sums(values[pooled], labels[pooled], [a, b], permutations=permutations, rng=rng)
                perm_a, perm_b = pair[:, 0], pair[:, 1]
            p = np.where(tested, _p_values(_ratio(sum_a) - _ratio(sum_b), _ratio(perm_a) - _ratio(perm_b)), np.nan)
            boot_a = boot[a]
            boot_b = boot_total - boot_a if b == REST else boot[b]
            low, high = _interval(_ratio(boot_a) - _ratio(boot_b), level=level)
            low, high = np.where(tested, low * scale, np.nan), np.where(tested, high * scale, np.nan)
        value_a, value_b = _ratio(sum_a) * scale, _ratio(sum_b) * scale
        for k, measure in enumerate(measures):
            out.append((*key, measure, a, b, value_a[k], value_b[k], value_a[k] - value_b[k], low[k], high[k], p[k],
                        np.nan, units[a], units_b, sum_a[k], sum_b[k], sum_a[-1], sum_b[-1]))
    return out


def _ratio(sums: np.ndarray) -> np.ndarray:
    """Numerator columns over the last (denominator) column, along the last axis; NaN where it is zero."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return sums[..., :-1] / sums[..., -1:]


def _interval(draws: np.ndarray, *, level: float) -> tuple[np.ndarray, np.ndarray]:
    alpha = (1 - level) / 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)   # a column without a single valid draw is NaN
        return np.nanquantile(draws, alpha, axis=0), np.nanquantile(draws, 1 - alpha, axis=0)


def _p_values(observed: np.ndarray, permuted: np.ndarray) -> np.ndarray:
    """Two-sided permutation p-values per column: (1 + permutations at least as extreme) / (1 + valid ones).

    A permuted difference counts as extreme when ``|d*| >= |d|`` up to rounding (a permutation that
    reproduces the observed split must count)."""
    valid = ~np.isnan(permuted)
    tolerance = 1e-9 * np.maximum(np.abs(observed), 1e-12)
    extreme = (np.abs(permuted) >= np.abs(observed) - tolerance) & valid
    return (1 + extreme.sum(axis=0)) / (1 + valid.sum(axis=0))


def _permuted_sums(values: np.ndarray, labels: np.ndarray, groups: Sequence[str], *, permutations: int,
                   rng: np.random.Generator) -> np.ndarray:
    """``permutations`` x groups x columns: each group's column sums after reshuffling the rows' labels (group
    sizes kept). Only the non-zero cells are summed (one weighted count per permutation), which makes the
    test cost permutations x non-zero cells rather than x rows x columns."""
    codes = np.full(len(labels), -1, dtype=np.int32)
    for index, name in enumerate(groups):
        codes[labels == name] = index
    width = values.shape[1]
    block = len(groups) * width
    out = np.empty((permutations, len(groups), width))
    constant = (values == values[:1]).all(axis=0) if len(values) else np.ones(width, dtype=bool)
    sizes = np.bincount(codes, minlength=len(groups))
    out[:, :, constant] = sizes[:, None] * values[0, constant] if len(values) else 0.0
    rows, columns = np.nonzero(values * ~constant)
    if not len(rows):
        return out
    cells = values[rows, columns]
    chunk = min(permutations, max(1, CHUNK_ELEMENTS // max(1, len(labels), len(cells))))
    base = (np.arange(chunk, dtype=np.int64) * block)[:, None] + columns
    weights = np.tile(cells, chunk)
    for first in range(0, permutations, chunk):
        count = min(chunk, permutations - first)
        shuffled = rng.permuted(np.tile(codes, (count, 1)), axis=1)
        flat = shuffled[:, rows].astype(np.int64)
        flat *= width
        flat += base[:count]
        sums = np.bincount(flat.ravel(), weights=weights[:flat.size], minlength=count * block)
        sums = sums.reshape(count, len(groups), width)
        out[first:first + count, :, ~constant] = sums[:, :, ~constant]
    return out


def _bootstrap_weights(n: int, *, draws: int, seed: int) -> np.ndarray:
    """``draws`` x ``n``: how often each of ``n`` rows is drawn in each bootstrap sample.

    The same multinomial distribution as :func:`analysis.stats.bootstrap_weights`, drawn as ``n`` uniform
    picks per sample and counted, which is about ten times faster for thousands of articles."""
    rng = np.random.default_rng(seed)
    if not n:
        return np.zeros((draws, 0))
    picks = rng.integers(0, n, size=(draws, n)) + np.arange(draws)[:, None] * n
    return np.bincount(picks.ravel(), minlength=draws * n).reshape(draws, n).astype(np.float64)


# --- attribution asymmetry: does the verb depend on the speaker's side? -------------------------------------------


def _attributions(mentions: pd.DataFrame) -> pd.DataFrame:
    """The sourcing rows of a mentions table (all rows when it has no ``family`` column)."""
    from analysis.sourcing import FAMILY  # the sourcing family's package imports no table module

    return mentions[mentions["family"] == FAMILY] if "family" in mentions else mentions


def _framing_classes() -> tuple[str, ...]:
    from analysis.sourcing.tables import FRAMING_CLASSES  # imported here: sourcing.tables imports this module

    return FRAMING_CLASSES


def _first_examples(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The first row (by article and offset) of each ``keys`` group: its sentence and article."""
    if rows.empty:
        return pd.DataFrame(columns=[*keys, "example", "example_article"])
    first = rows.sort_values(["article_id", "start"], kind="stable").drop_duplicates(keys)
    return first[[*keys, "sentence", "article_id"]].rename(columns={"sentence": "example",
                                                                    "article_id": "example_article"})


def attribution_asymmetry(mentions: pd.DataFrame, *, topic: Topic, classes: Iterable[str] | None = None,
                          sides: Sequence[str] | None = None, against: str = "pairs",
                          min_articles: int = MIN_ARTICLES, draws: int = stats.DRAWS,
                          permutations: int = PERMUTATIONS, seed: int = stats.SEED) -> pd.DataFrame:
    """Within each outlet, does the reporting-verb class depend on the side the speaker speaks for?

    For every outlet, verb class and pair of the pack's compared sides: the share of each side's
    attributions whose cue is of the class ("claimed" is distancing, "stressed" endorsing), the difference
    between the sides with a 95% interval, a permutation p-value and a Benjamini-Hochberg q-value over the
    whole table, the articles and attributions behind each side, and an example sentence of each side.

    Clustering: an article is one writer's choices, and one article often quotes both sides. The unit
    is therefore an article's block of attributions to one side. The interval draws whole *articles*
    (with all their blocks, so that the two sides of one article stay together: ``cluster="article_id"``
    in :func:`differences`); the permutation test reshuffles the side labels of whole blocks within the
    outlet. Shuffling single attributions would treat an article that says "claimed" ten times as ten
    observations and give p-values far too small. Shuffling blocks treats the two blocks of one article as
    independent, which they are not: the article's own style is shared by both, so the real difference
    varies less than the shuffled ones and the test errs on the cautious side. (Shuffling sides within
    articles instead would only use articles that quote both sides, a minority.)

    Args:
        mentions: Sourcing mentions (rows of other families are ignored).
        topic: The pack, whose compared sides and their order are used.
        classes: Verb classes (default: distancing, endorsing, conceding, accusing).
        sides: Sides compared (default: the pack's compared sides), in the order that makes ``side_a``.
        against: ``"pairs"`` (every pair of sides) or ``"rest"`` (each side against the other sides given).
        min_articles: Fewest articles quoting each side for an interval and a test.

    Returns:
        outlet, verb_class, side_a, side_b, share_a, share_b, difference, ci_low, ci_high, p_value,
        q_value, articles_a, articles_b, attributions_a, attributions_b, count_a, count_b (attributions of
        the class), example_a, example_article_a, example_b, example_article_b.
    """
    classes = list(_framing_classes() if classes is None else classes)
    sides = list(topic.compared_sides if sides is None else sides)
    rows = _attributions(mentions)
    rows = rows[rows["side"].isin(sides)]
    columns = ["outlet", "verb_class", "side_a", "side_b", "share_a", "share_b", "difference", "ci_low", "ci_high",
               "p_value", "q_value", "articles_a", "articles_b", "attributions_a", "attributions_b", "count_a",
               "count_b", "example_a", "example_article_a", "example_b", "example_article_b"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    keys = ["outlet", "article_id", "side"]
    blocks = pd.crosstab([rows[k] for k in keys], rows["verb_class"]).reindex(columns=classes, fill_value=0)
    blocks = blocks.assign(attributions=rows.groupby(keys).size()).reset_index()
    table = differences(blocks, numerator=classes, denominator="attributions", group="side", by=["outlet"],
                        against=against, order=sides, cluster="article_id", min_articles=min_articles,
                        draws=draws, permutations=permutations, seed=seed)
    table = table.rename(columns={"measure": "verb_class", "value_a": "share_a", "value_b": "share_b",
                                  "total_a": "attributions_a", "total_b": "attributions_b"})
    examples = _first_examples(rows, ["outlet", "side", "verb_class"])
    table = _with_examples(table, examples, keys=["outlet", "verb_class"], group="side", rest=rows)
    return table[columns]


def _with_examples(table: pd.DataFrame, examples: pd.DataFrame, *, keys: list[str], group: str,
                   rest: pd.DataFrame) -> pd.DataFrame:
    """Add ``example_a``/``example_article_a`` and ``_b`` to a differences table: the first sentence of each
    group's rows counted in the row (for ``rest``, the first among the other groups' rows)."""
    measure = keys[-1]
    for suffix in ("a", "b"):
        named = examples.rename(columns={group: f"{group}_{suffix}", "example": f"example_{suffix}",
                                         "example_article": f"example_article_{suffix}"})
        table = table.merge(named, on=[*keys, f"{group}_{suffix}"], how="left")
    if (table[f"{group}_b"] == REST).any():
        ordered = rest.sort_values(["article_id", "start"], kind="stable")
        for index in table.index[table[f"{group}_b"] == REST]:
            row = table.loc[index]
            keep = pd.Series(True, index=ordered.index)
            for key in keys[:-1]:
                keep &= ordered[key] == row[key]
            found = ordered[keep & (ordered[measure] == row[measure]) & (ordered[group] != row[f"{group}_a"])]
            if len(found):
                table.loc[index, ["example_b", "example_article_b"]] = [found["sentence"].iloc[0],
                                                                        found["article_id"].iloc[0]]
    return table


def verb_class_across_outlets(mentions: pd.DataFrame, *, side: str | None = None, speaker: str | None = None,
                              classes: Iterable[str] | None = None, against: str = REST,
                              min_articles: int = MIN_ARTICLES, draws: int = stats.DRAWS,
                              permutations: int = PERMUTATIONS, seed: int = stats.SEED) -> pd.DataFrame:
    """Is one side (or one speaker) framed with the same verbs in every outlet?

    The share of the chosen attributions whose cue is of each class, compared between outlets with
    :func:`differences` (articles resampled and reshuffled between outlets; each outlet against the others
    by default): "is a spokeswoman 'stressing' in one outlet and 'claiming' in another?" Content types are
    pooled (one speaker's attributions are too few to split); an outlet whose rows are headlines is
    compared on headlines.

    Args:
        mentions: Sourcing mentions.
        side: Keep attributions to speakers of this side.
        speaker: Keep attributions whose resolved speaker contains this text (case-insensitive), e.g. a surname.
        classes: Verb classes (default: distancing, endorsing, conceding, accusing).
        against: ``"rest"``, ``"pairs"`` or an outlet.

    Returns:
        verb_class, outlet_a, outlet_b, share_a, share_b, difference, ci_low, ci_high, p_value, q_value,
        articles_a, articles_b, attributions_a, attributions_b, count_a, count_b, example_a, example_article_a,
        example_b, example_article_b.
    """
    classes = list(_framing_classes() if classes is None else classes)
    rows = _attributions(mentions)
    if side is not None:
        rows = rows[rows["side"] == side]
    if speaker is not None:
        rows = rows[rows["speaker"].fillna("").str.contains(speaker, case=False, regex=False)]
    columns = ["verb_class", "outlet_a", "outlet_b", "share_a", "share_b", "difference", "ci_low", "ci_high",
               "p_value", "q_value", "articles_a", "articles_b", "attributions_a", "attributions_b", "count_a",
               "count_b", "example_a", "example_article_a", "example_b", "example_article_b"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    per_article = pd.crosstab([rows["outlet"], rows["article_id"]], rows["verb_class"]).reindex(columns=classes,
                                                                                              fill_value=0)
    per_article = per_article.assign(attributions=rows.groupby(["outlet", "article_id"]).size()).reset_index()
    table = differences(per_article, numerator=classes, denominator="attributions", against=against,
                        min_articles=min_articles, draws=draws, permutations=permutations, seed=seed)
    table = table.rename(columns={"measure": "verb_class", "value_a": "share_a", "value_b": "share_b",
                                  "total_a": "attributions_a", "total_b": "attributions_b"})
    examples = _first_examples(rows, ["outlet", "verb_class"])
    return _with_examples(table, examples, keys=["verb_class"], group="outlet", rest=rows)[columns]


def quoted_speakers(mentions: pd.DataFrame, *, side: str | None = None, top: int = 10) -> pd.DataFrame:
    """The most quoted speakers (of one side), by name: the resolved speaker up to its first comma
    ("Name, role" -> "Name"), with attributions, articles and outlets.

    Returns:
        name, attributions, articles, outlets, sorted by attributions (then name).
    """
    rows = _attributions(mentions)
    rows = rows[rows["speaker"].notna() & ((rows["side"] == side) if side is not None else True)]
    columns = ["name", "attributions", "articles", "outlets"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(name=rows["speaker"].str.split(",").str[0].str.strip())
    table = rows.groupby("name").agg(attributions=("start", "size"), articles=("article_id", "nunique"),
                                     outlets=("outlet", "nunique")).reset_index()
    table = table.sort_values(["attributions", "name"], ascending=[False, True], kind="stable")
    return table.head(top)[columns].reset_index(drop=True)


# --- naming adoption: which name, month by month, and when did it change? -----------------------------------------

_PERIODS = {"M": "%Y-%m", "Y": "%Y"}
ADOPTION_COLUMNS = ["concept", "outlet", "period", "variant", "mentions", "concept_mentions", "articles",
                    "outlet_articles", "share", "ci_low", "ci_high", "example", "example_article"]
SWITCH_COLUMNS = ["concept", "outlet", "status", "month", "from_variant", "to_variant", "share_before",
                  "share_after", "months_before", "months_after", "mentions_before", "mentions_after",
                  "months_agreeing", "example_before", "example_article_before", "example_after",
                  "example_article_after"]


def naming_adoption(mentions: pd.DataFrame, articles: pd.DataFrame, *, topic: Topic,
                    concepts: Sequence[str] | None = None, freq: str = "M", min_articles: int = MIN_ARTICLES,
                    draws: int = stats.DRAWS, seed: int = stats.SEED) -> pd.DataFrame:
    """The share of each variant of a naming concept by outlet and month, with intervals over articles.

    For every concept the pack follows over time, outlet and month in which the outlet names the
    concept: each variant the outlet ever uses for it, its mentions, and its share of the concept's
    mentions that month with a 95% interval from resampling the month's articles that name the concept
    (:func:`analysis.stats.ratio_intervals`). Months with fewer than ``min_articles`` such articles keep
    their share but get no interval.

    Args:
        mentions: Wording mentions (``kind == "naming"`` rows with a variant and a date are used).
        articles: The articles the mentions come from, to count each outlet's dated articles per month
            (``outlet_articles``: how much the outlet published, whether or not it named the concept).
        topic: The pack, whose ``naming.over_time`` concepts are followed.
        concepts: Concepts to follow instead.
        freq: ``M`` for months, ``Y`` for years.

    Returns:
        concept, outlet, period, variant, mentions, concept_mentions, articles (naming the concept),
        outlet_articles, share, ci_low, ci_high, example, example_article (the variant's first mention in
        the period), sorted by concept, outlet, period and variant.
    """
    concepts = list(topic.over_time if concepts is None else concepts)
    naming = mentions[(mentions["kind"] == "naming") & mentions["canonical"].isin(concepts)
                      & mentions["variant"].notna() & mentions["published"].notna()]
    if naming.empty:
        return pd.DataFrame(columns=ADOPTION_COLUMNS)
    naming = naming.assign(period=naming["published"].dt.strftime(_PERIODS[freq]))
    dated = articles[articles["published"].notna()]
    published = dated.groupby([dated["outlet"], dated["published"].dt.strftime(_PERIODS[freq])]).size()
    first = _first_examples(naming, ["canonical", "outlet", "period", "variant"])
    examples = {tuple(key): (sentence, article) for *key, sentence, article in first.itertuples(index=False)}
    keys = ["canonical", "outlet", "period", "article_id"]
    counts = pd.crosstab([naming[k] for k in keys], naming["variant"])
    rows = []
    for (concept, outlet), block in counts.groupby(level=["canonical", "outlet"], sort=True):
        variants = sorted(block.columns[block.to_numpy().sum(axis=0) > 0])
        block = block[variants]
        for period, part in block.groupby(level="period", sort=True):
            matrix = part.to_numpy()
            totals = matrix.sum(axis=1)
            share, low, high = stats.ratio_intervals(matrix, totals, draws=draws, seed=seed)
            if len(matrix) < min_articles:
                low, high = np.full(len(variants), np.nan), np.full(len(variants), np.nan)
            for k, variant in enumerate(variants):
                sentence, article = examples.get((concept, outlet, period, variant), (None, None))
                rows.append((concept, outlet, period, variant, int(matrix[:, k].sum()), int(totals.sum()),
                             len(matrix), int(published.get((outlet, period), 0)), share[k], low[k], high[k],
                             sentence, article))
    table = pd.DataFrame(rows, columns=ADOPTION_COLUMNS)
    return table.sort_values(["concept", "outlet", "period", "variant"], kind="stable").reset_index(drop=True)


def naming_switches(adoption: pd.DataFrame, *, min_mentions: int = SWITCH_MONTH_MENTIONS,
                    min_months: int = SWITCH_MIN_MONTHS, min_side_mentions: int = SWITCH_SIDE_MENTIONS,
                    agreement: float = SWITCH_AGREEMENT) -> pd.DataFrame:
    """The month in which each outlet's dominant name for a concept changed, where it did.

    The rule, applied to each outlet and concept of a :func:`naming_adoption` table:

    1. Only months with at least ``min_mentions`` mentions of the concept count; each counted month's
       *dominant* variant is its most frequent one (ties: the variant used more over the whole series).
    2. Every boundary between two counted months is a candidate switch. It splits the months into a
       *before* and an *after* part, each of at least ``min_months`` counted months and
       ``min_side_mentions`` mentions. Pooling each part's mentions gives its dominant variant and that
       variant's share.
    3. A candidate is a switch when the two parts' dominant variants differ, each holds more than half of
       its part's mentions, and the split agrees with at least ``agreement`` of the counted months (months
       before dominated by the old variant plus months after dominated by the new one): a series that
       flips back and forth month by month has no switch. Among switches, the one that agrees with most
       months wins, then the one that agrees with most mentions (old-variant mentions before plus
       new-variant mentions after), then the earliest.
    4. The switch ``month`` is the first counted month of the after part (the change happened between the
       last counted month before it and this month; uncounted months in between are not evidence either way).

    ``status`` is ``switched``, ``stable`` (enough counted months, no candidate is a switch) or ``too few
    months`` (fewer than ``2 * min_months`` counted months). For these two, ``month`` and ``to_variant`` are
    empty, ``from_variant`` is the dominant variant over all counted months (``stable`` only) and
    ``share_before``, ``months_before`` and ``mentions_before`` describe all counted months, and
    ``months_agreeing`` counts the months the ``stable`` variant dominates.

    Returns:
        concept, outlet, status, month, from_variant, to_variant, share_before, share_after, months_before,
        months_after, mentions_before, mentions_after, months_agreeing, and an example sentence (with its
        article) of the old variant in the last month before and of the new variant in the switch month.
    """
    rows = []
    for (concept, outlet), part in adoption.groupby(["concept", "outlet"], sort=True):
        rows.append(_switch(part, concept=concept, outlet=outlet, min_mentions=min_mentions, min_months=min_months,
                            min_side_mentions=min_side_mentions, agreement=agreement))
    return pd.DataFrame(rows, columns=SWITCH_COLUMNS)


def _switch(part: pd.DataFrame, *, concept: str, outlet: str, min_mentions: int, min_months: int,
            min_side_mentions: int, agreement: float) -> tuple:
    """One row of :func:`naming_switches`."""
    wide = part.pivot_table(index="period", columns="variant", values="mentions", aggfunc="sum", fill_value=0)
    wide = wide[wide.sum(axis=1) >= min_mentions]
    overall = wide.sum().sort_values(ascending=False, kind="stable") if len(wide) else pd.Series(dtype=float)
    empty = (None,) * 4
    if len(wide) < 2 * min_months:
        return (concept, outlet, "too few months", None, None, None, np.nan, np.nan, len(wide), 0,
                int(wide.to_numpy().sum()), 0, 0, *empty)
    wide = wide[list(overall.index)]   # columns by overall use, so idxmax breaks ties toward the more used variant
    dominant = wide.idxmax(axis=1).to_numpy()
    counts = wide.to_numpy()
    best = None
    for cut in range(min_months, len(wide) - min_months + 1):
        before, after = counts[:cut].sum(axis=0), counts[cut:].sum(axis=0)
        if before.sum() < min_side_mentions or after.sum() < min_side_mentions:
            continue
        old, new = int(before.argmax()), int(after.argmax())
        share_old, share_new = before[old] / before.sum(), after[new] / after.sum()
        if old == new or share_old <= 0.5 or share_new <= 0.5:
            continue
        agreeing = int((dominant[:cut] == wide.columns[old]).sum() + (dominant[cut:] == wide.columns[new]).sum())
        if agreeing < agreement * len(wide):
            continue
        score = (agreeing, before[old] + after[new], -cut)
        if best is None or score > best[0]:
            best = (score, cut, old, new, share_old, share_new, before.sum(), after.sum(), agreeing)
    if best is None:
        share = overall.iloc[0] / overall.sum()
        return (concept, outlet, "stable", None, overall.index[0], None, share, np.nan, len(wide), 0,
                int(overall.sum()), 0, int((dominant == overall.index[0]).sum()), *empty)
    _, cut, old, new, share_old, share_new, mentions_before, mentions_after, agreeing = best
    old_name, new_name = wide.columns[old], wide.columns[new]
    month = wide.index[cut]
    used = part[(part["mentions"] > 0) & part["period"].isin(wide.index)].sort_values("period", kind="stable")
    before_example = used[(used["variant"] == old_name) & (used["period"] < month)].iloc[-1]
    after_example = used[(used["variant"] == new_name) & (used["period"] >= month)].iloc[0]
    return (concept, outlet, "switched", month, old_name, new_name, share_old, share_new, cut, len(wide) - cut,
            int(mentions_before), int(mentions_after), agreeing, before_example["example"],
            before_example["example_article"], after_example["example"], after_example["example_article"])


def table_naming_adoption(mentions: pd.DataFrame, articles: pd.DataFrame, *, topic: Topic) -> pd.DataFrame:
    """The table behind the ``naming_adoption`` figure: :func:`naming_adoption` with each outlet-concept's
    switch (:func:`naming_switches`) repeated on its rows: ``switch_month``, ``switch_from``, ``switch_to``
    (empty where it did not switch)."""
    adoption = naming_adoption(mentions, articles, topic=topic)
    columns = [*ADOPTION_COLUMNS, "switch_month", "switch_from", "switch_to"]
    if adoption.empty:
        return pd.DataFrame(columns=columns)
    switches = naming_switches(adoption)
    switches = switches[switches["status"] == "switched"].rename(
        columns={"month": "switch_month", "from_variant": "switch_from", "to_variant": "switch_to"})
    table = adoption.merge(switches[["concept", "outlet", "switch_month", "switch_from", "switch_to"]],
                           on=["concept", "outlet"], how="left")
    return table[columns]


# --- the figures' tables, and the mentions behind one of their rows ---------------------------------------------

#: Columns of :func:`table_outlet_differences`.
OUTLET_DIFFERENCE_COLUMNS = ["family", "content_type", "measure", "unit", *DIFFERENCE_COLUMNS[1:]]
UNITS = {"wording": "per 1,000 words", "designations": "per 1,000 articles", "sourcing": "share of attributions"}


def table_outlet_differences(*, wording: pd.DataFrame, designations: pd.DataFrame, sourcing: pd.DataFrame,
                             articles: pd.DataFrame, topic: Topic, permutations: int = PERMUTATIONS) -> pd.DataFrame:
    """Each outlet against all other outlets, in every family: wording rates per 1,000 words (English
    articles), designations per 1,000 articles, and shares of attributions by side, anonymity and verb
    class, within each content type. q-values are computed within each family's table.

    Args:
        wording: Wording mentions of the English articles.
        designations: Designation mentions.
        sourcing: Sourcing mentions.
        articles: Every article of the corpus (wording rates use its English ones).
        topic: The pack (its sides and verb classes).

    Returns:
        family, content_type, measure (``kind/category``, designation type, or ``dimension=value``), unit,
        outlet_a, outlet_b, value_a, value_b, difference, ci_low, ci_high, p_value, q_value, articles_a,
        articles_b, count_a, count_b, total_a, total_b.
    """
    from analysis.designations.tables import table_designation_differences  # these import this module
    from analysis.sourcing.tables import table_share_differences
    from analysis.wording.tables import table_rate_differences

    english = articles[articles["language"] == "en"]
    parts = {"wording": table_rate_differences(wording, english, permutations=permutations),
             "designations": table_designation_differences(designations, articles, permutations=permutations),
             "sourcing": table_share_differences(sourcing, articles, topic=topic, permutations=permutations)}
    tables = [part.assign(family=family, unit=UNITS[family]) for family, part in parts.items() if len(part)]
    if not tables:
        return pd.DataFrame(columns=OUTLET_DIFFERENCE_COLUMNS)
    return pd.concat(tables, ignore_index=True)[OUTLET_DIFFERENCE_COLUMNS]


def _articles_of(inputs, row: Mapping, *, language: str | None = None) -> tuple[set, set]:
    """The ids of the articles on each side of a differences row (outlet ``a``; outlet ``b`` or the rest)."""
    articles = inputs.corpus.articles
    if language is not None:
        articles = articles[articles["language"] == language]
    articles = articles[articles["content_type"] == row["content_type"]]
    a = articles["outlet"] == row["outlet_a"]
    b = ~a if row["outlet_b"] == REST else articles["outlet"] == row["outlet_b"]
    return set(articles.loc[a, "article_id"]), set(articles.loc[b, "article_id"])


def _outlet_differences_evidence(row: Mapping, inputs) -> pd.DataFrame:
    """The mentions counted in a row of :func:`table_outlet_differences`, outlet ``a``'s then the others'."""
    family, measure = str(row["family"]), str(row["measure"])
    found = inputs.mentions(family)
    ids_a, ids_b = _articles_of(inputs, row, language="en" if family == "wording" else None)
    if family == "wording":
        kind, category = measure.split("/", 1)
        keep = (found["kind"] == kind) & (found["category"] == category)
    elif family == "designations":
        keep = found["designation"] == measure
    else:
        dimension, value = measure.split("=", 1)
        if dimension == "side":
            keep = found["side"].fillna("unknown") == value
        elif dimension == "verb_class":
            keep = found["verb_class"] == value
        else:
            keep = found[dimension].fillna(False).astype(bool)
    return found[keep & found["article_id"].isin(ids_a | ids_b)]


def _asymmetry_evidence(row: Mapping, inputs) -> pd.DataFrame:
    """The attributions counted in a row of :func:`attribution_asymmetry` (both sides)."""
    found = _attributions(inputs.mentions("sourcing"))
    sides = set(inputs.topic.compared_sides) - {row["side_a"]} if row["side_b"] == REST else {row["side_b"]}
    return found[(found["outlet"] == row["outlet"]) & (found["verb_class"] == row["verb_class"])
                 & found["side"].isin(sides | {row["side_a"]})]


def _english(inputs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The English articles and their wording mentions (the naming figures' inputs)."""
    from analysis.wording.tables import wording_articles

    articles = wording_articles(inputs)
    mentions = inputs.mentions("wording")
    return articles, mentions[mentions["article_id"].isin(set(articles["article_id"]))]


def _adoption_evidence(row: Mapping, inputs) -> pd.DataFrame:
    """The mentions of a row of :func:`table_naming_adoption`: the variant's in the outlet's month."""
    _, found = _english(inputs)
    period = found["published"].dt.strftime(_PERIODS["M"] if len(str(row["period"])) == 7 else _PERIODS["Y"])
    return found[(found["kind"] == "naming") & (found["canonical"] == row["concept"])
                 & (found["outlet"] == row["outlet"]) & (found["variant"] == row["variant"])
                 & (period == str(row["period"]))]


def _outlet_differences(inputs) -> pd.DataFrame:
    _, wording = _english(inputs)
    return table_outlet_differences(wording=wording, designations=inputs.mentions("designations"),
                                    sourcing=inputs.mentions("sourcing"), articles=inputs.corpus.articles,
                                    topic=inputs.topic)


def _naming_adoption(inputs) -> pd.DataFrame:
    articles, wording = _english(inputs)
    return table_naming_adoption(wording, articles, topic=inputs.topic)


FIGURES = [
    FigureSpec("outlet_differences", "Where outlets really differ: each outlet against the others, in every family",
               _outlet_differences,
               lambda table, topic: plots.fig_outlet_differences(table, topic=topic, min_articles=MIN_ARTICLES),
               "05-compare", evidence=_outlet_differences_evidence),
    FigureSpec("attribution_asymmetry", "Attribution asymmetry: the verb class by the speaker's side, in each outlet",
               lambda inputs: attribution_asymmetry(inputs.mentions("sourcing"), topic=inputs.topic),
               lambda table, topic: plots.fig_attribution_asymmetry(table, topic=topic, min_articles=MIN_ARTICLES),
               "05-compare", evidence=_asymmetry_evidence),
    FigureSpec("naming_adoption", "Naming adoption: each variant's share by outlet and month, and when it switched",
               _naming_adoption,
               lambda table, topic: plots.fig_naming_adoption(table, topic=topic, min_mentions=SWITCH_MONTH_MENTIONS,
                                                              min_articles=MIN_ARTICLES),
               "05-compare", evidence=_adoption_evidence),
]
