"""Comparisons: differences, permutation p-values, q-values, attribution asymmetry, naming switches, figures.

Numbers are checked against computations that share no code with :mod:`analysis.compare`: permutation
p-values by enumerating every split, q-values by SciPy, intervals by the delta method, shares by hand.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from analysis import compare, corpus, figures, topic
from analysis.designations.tables import table_designation_differences, table_designation_rates
from analysis.sourcing.tables import shares, table_share_differences
from analysis.wording.tables import table_category_rates, table_rate_differences

FAST = {"draws": 300, "permutations": 500}


# --- q-values -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("p, q", [
    ([0.01, 0.04, 0.03, 0.005], [0.02, 0.04, 0.04, 0.02]),          # by hand: p * 4 / rank, then running min
    ([0.5], [0.5]),
    ([0.001, 0.001, 0.9], [0.0015, 0.0015, 0.9]),
    ([0.04, np.nan, 0.01], [0.04, np.nan, 0.02]),                   # untested rows stay NaN, m = 2
    ([0.6, 0.7, 0.8], [0.8, 0.8, 0.8]),
])
def test_bh_qvalues_by_hand(p, q):
    np.testing.assert_allclose(compare.bh_qvalues(p), q, equal_nan=True)


def test_bh_qvalues_agree_with_scipy():
    p = np.random.default_rng(3).uniform(size=200) ** 3
    np.testing.assert_allclose(compare.bh_qvalues(p), scipy_stats.false_discovery_control(p, method="bh"))
    assert np.isnan(compare.bh_qvalues([np.nan, np.nan])).all() and compare.bh_qvalues([]).size == 0


# --- differences ----------------------------------------------------------------------------------------------

#: Two outlets' articles: a (6 mentions in 60 words) and b (1 mention in 50 words), and c.
ARTICLES = pd.DataFrame({"outlet": list("aaaabbbbbcc"), "x": [1, 0, 2, 3, 0, 0, 1, 0, 0, 5, 4],
                         "n": [10, 10, 20, 20, 10, 10, 10, 10, 10, 20, 20]})


def _exact_p(x: np.ndarray, n: np.ndarray, size_a: int) -> float:
    """Two-sided p-value of the difference of ratios over every split of the pooled articles."""
    observed = x[:size_a].sum() / n[:size_a].sum() - x[size_a:].sum() / n[size_a:].sum()
    extreme = total = 0
    for chosen in itertools.combinations(range(len(x)), size_a):
        mask = np.zeros(len(x), bool)
        mask[list(chosen)] = True
        d = x[mask].sum() / n[mask].sum() - x[~mask].sum() / n[~mask].sum()
        extreme += abs(d) >= abs(observed) - 1e-12
        total += 1
    return extreme / total


def test_difference_and_permutation_p_value_against_enumeration():
    table = compare.differences(ARTICLES, numerator="x", denominator="n", against="pairs", min_articles=2,
                                permutations=20000)
    row = table[(table["outlet_a"] == "a") & (table["outlet_b"] == "b")].iloc[0]
    assert (row["value_a"], row["value_b"]) == (pytest.approx(0.1), pytest.approx(0.02))
    assert row["difference"] == pytest.approx(0.08)
    assert (row["articles_a"], row["articles_b"], row["count_a"], row["count_b"], row["total_a"], row["total_b"]) \
        == (4, 5, 6, 1, 60, 50)
    pooled = ARTICLES[ARTICLES["outlet"].isin(["a", "b"])]
    exact = _exact_p(pooled["x"].to_numpy(float), pooled["n"].to_numpy(float), 4)
    assert exact == pytest.approx(16 / 126)
    assert abs(row["p_value"] - exact) < 0.01                      # 4 standard errors of 20,000 permutations
    assert (row["p_value"] * 20001) == pytest.approx(round(row["p_value"] * 20001))   # (1 + k) / (1 + P)
    assert row["ci_low"] < row["difference"] < row["ci_high"]
    np.testing.assert_allclose(table["q_value"], scipy_stats.false_discovery_control(table["p_value"]))


def test_one_against_the_rest_pools_the_other_outlets():
    table = compare.differences(ARTICLES, numerator=["x"], denominator="n", min_articles=2, **FAST)
    assert list(table["outlet_a"]) == ["a", "b", "c"] and set(table["outlet_b"]) == {compare.REST}
    c = table[table["outlet_a"] == "c"].iloc[0]
    assert c["value_b"] == pytest.approx(7 / 110) and c["articles_b"] == 9 and c["count_b"] == 7
    exact = _exact_p(np.r_[ARTICLES["x"].to_numpy(float)[9:], ARTICLES["x"].to_numpy(float)[:9]],
                     np.r_[ARTICLES["n"].to_numpy(float)[9:], ARTICLES["n"].to_numpy(float)[:9]], 2)
    assert abs(c["p_value"] - exact) < 0.05


def test_against_one_outlet_and_unknown_outlet():
    table = compare.differences(ARTICLES, numerator="x", denominator="n", against="b", min_articles=2, **FAST)
    assert list(zip(table["outlet_a"], table["outlet_b"])) == [("a", "b"), ("c", "b")]
    assert compare.differences(ARTICLES, numerator="x", denominator="n", against="zz", **FAST).empty


def test_too_few_articles_keep_values_but_get_no_interval_or_test():
    table = compare.differences(ARTICLES, numerator="x", denominator="n", against="pairs", min_articles=3, **FAST)
    small = table[(table["outlet_a"] == "a") & (table["outlet_b"] == "c")].iloc[0]
    assert small["difference"] == pytest.approx(0.1 - 9 / 40)
    assert np.isnan([small["ci_low"], small["ci_high"], small["p_value"], small["q_value"]]).all()
    tested = table[(table["outlet_a"] == "a") & (table["outlet_b"] == "b")].iloc[0]
    assert tested["q_value"] == pytest.approx(tested["p_value"])   # the only test of the table


def test_strata_are_compared_separately():
    frame = pd.concat([ARTICLES.assign(kind="article"), ARTICLES[ARTICLES["outlet"] == "a"].assign(kind="headline")])
    table = compare.differences(frame, numerator="x", denominator="n", by=["kind"], min_articles=2, **FAST)
    assert set(table["kind"]) == {"article"} and len(table) == 3   # headlines: one outlet, nothing to compare


def test_tables_are_reproducible_and_a_pair_does_not_depend_on_other_outlets():
    options = dict(numerator="x", denominator="n", against="pairs", min_articles=2, **FAST)
    first = compare.differences(ARTICLES, **options)
    pd.testing.assert_frame_equal(first, compare.differences(ARTICLES, **options))
    without_c = compare.differences(ARTICLES[ARTICLES["outlet"] != "c"], **options)
    columns = ["value_a", "value_b", "ci_low", "ci_high", "p_value"]
    pd.testing.assert_frame_equal(first.loc[[0], columns].reset_index(drop=True), without_c[columns])


def test_interval_matches_the_delta_method_on_overdispersed_counts():
    """The article bootstrap of a ratio difference agrees with the cluster-robust delta-method standard error."""
    rng = np.random.default_rng(11)
    frames = []
    for outlet, rate in (("a", 0.002), ("b", 0.003)):
        words = rng.integers(300, 1500, size=300)
        counts = rng.poisson(words * rate * rng.gamma(0.5, 2.0, size=300))
        frames.append(pd.DataFrame({"outlet": outlet, "x": counts, "n": words}))
    frame = pd.concat(frames, ignore_index=True)
    row = compare.differences(frame, numerator="x", denominator="n", against="pairs", draws=4000,
                              permutations=200).iloc[0]
    variance = 0.0
    for _, part in frame.groupby("outlet"):
        ratio = part["x"].sum() / part["n"].sum()
        residual = part["x"] - ratio * part["n"]
        variance += len(part) * residual.var(ddof=1) / part["n"].sum() ** 2
    width = 2 * 1.959964 * np.sqrt(variance)
    assert 0.9 < (row["ci_high"] - row["ci_low"]) / width < 1.1
    assert row["difference"] == pytest.approx(frames[0]["x"].sum() / frames[0]["n"].sum()
                                              - frames[1]["x"].sum() / frames[1]["n"].sum())


def test_clustered_rows_are_shuffled_as_blocks():
    """Rows are an article's block for one group; brute force over every assignment of blocks to the groups."""
    blocks = pd.DataFrame({"article_id": [1, 1, 2, 2, 3, 3, 4, 5], "side": ["s", "t", "s", "t", "s", "t", "s", "s"],
                           "k": [2, 0, 3, 1, 1, 0, 0, 2], "n": [3, 2, 4, 2, 2, 1, 1, 3]})
    row = compare.differences(blocks, numerator="k", denominator="n", group="side", against="pairs",
                              cluster="article_id", min_articles=2, permutations=20000).iloc[0]
    assert (row["articles_a"], row["articles_b"]) == (5, 3)
    s, t = blocks[blocks["side"] == "s"], blocks[blocks["side"] == "t"]
    exact = _exact_p(np.r_[s["k"], t["k"]].astype(float), np.r_[s["n"], t["n"]].astype(float), len(s))
    assert abs(row["p_value"] - exact) < 0.015


# --- attribution asymmetry ---------------------------------------------------------------------------------


def _attribution(article: str, side: str, verb_class: str, start: int, outlet: str = "x", speaker: str = "") -> dict:
    return {"family": "sourcing", "outlet": outlet, "article_id": article, "side": side, "verb_class": verb_class,
            "start": start, "speaker": speaker or f"{side} speaker",
            "sentence": f"{article}: {side} {verb_class} {start}"}


def test_attribution_asymmetry_shares_counts_examples_and_a_clear_difference():
    rows = []
    for i in range(20):   # 20 articles quote side p twice, once with a distancing verb; 20 quote side q twice, never
        rows += [_attribution(f"a{i:02}", "p", "distancing", 10), _attribution(f"a{i:02}", "p", "neutral", 50)]
        rows += [_attribution(f"b{i:02}", "q", "neutral", 10), _attribution(f"b{i:02}", "q", "endorsing", 30)]
    rows.append(_attribution("a00", "q", "distancing", 90))   # one article quotes both sides
    table = compare.attribution_asymmetry(pd.DataFrame(rows), topic=topic.load(), sides=["p", "q"],
                                          classes=["distancing", "endorsing"], **FAST)
    distancing = table[table["verb_class"] == "distancing"].iloc[0]
    assert (distancing["side_a"], distancing["side_b"]) == ("p", "q")
    assert distancing["share_a"] == pytest.approx(20 / 40) and distancing["share_b"] == pytest.approx(1 / 41)
    assert (distancing["articles_a"], distancing["articles_b"], distancing["attributions_a"],
            distancing["attributions_b"], distancing["count_a"], distancing["count_b"]) == (20, 21, 40, 41, 20, 1)
    assert distancing["p_value"] == pytest.approx(1 / 501) and distancing["q_value"] < 0.05
    assert distancing["ci_low"] > 0.3
    assert distancing["example_a"] == "a00: p distancing 10" and distancing["example_b"] == "a00: q distancing 90"
    endorsing = table[table["verb_class"] == "endorsing"].iloc[0]
    assert endorsing["share_a"] == 0 and endorsing["example_article_b"] == "b00" and pd.isna(endorsing["example_a"])


def test_attribution_asymmetry_does_not_count_one_article_as_many():
    """One article saying "claimed" twenty times is one choice: block shuffling finds nothing, while a test that
    treats attributions as independent (Fisher's exact test) calls it overwhelming."""
    rows = [_attribution("big", "p", "distancing", i) for i in range(20)]
    rows += [_attribution(f"p{i:02}", "p", "neutral", 0) for i in range(19)]
    rows += [_attribution(f"q{i:02}", "q", "neutral", 0) for i in range(20)]
    table = compare.attribution_asymmetry(pd.DataFrame(rows), topic=topic.load(), sides=["p", "q"],
                                          classes=["distancing"], **FAST)
    row = table.iloc[0]
    naive = scipy_stats.fisher_exact([[20, 19], [0, 20]]).pvalue
    assert naive < 1e-4 and row["p_value"] > 0.5
    assert row["ci_low"] <= 0 < row["ci_high"]   # drawing articles, the big one is sometimes left out


def test_verb_class_across_outlets_for_a_speaker():
    rows = [_attribution(f"x{i}", "p", "distancing" if i % 2 else "neutral", 0, outlet="x", speaker="Ann Lee, envoy")
            for i in range(12)]
    rows += [_attribution(f"y{i}", "p", "endorsing", 0, outlet="y", speaker="Ann Lee") for i in range(12)]
    rows += [_attribution(f"z{i}", "p", "distancing", 0, outlet="z", speaker="Bob Stone") for i in range(12)]
    table = compare.verb_class_across_outlets(pd.DataFrame(rows), speaker="lee", classes=["distancing"], **FAST)
    assert list(table["outlet_a"]) == ["x", "y"]
    x = table.iloc[0]
    assert (x["share_a"], x["share_b"], x["count_a"], x["attributions_b"]) == (0.5, 0.0, 6, 12)
    assert x["p_value"] < 0.01 and x["example_article_a"] == "x1"


def test_quoted_speakers_by_name():
    rows = [_attribution("a", "p", "neutral", i, speaker=s) for i, s in
            enumerate(["Ann Lee, envoy", "Ann Lee", "Bob Stone, minister", "Ann Lee, the envoy"])]
    table = compare.quoted_speakers(pd.DataFrame(rows), side="p")
    assert list(zip(table["name"], table["attributions"])) == [("Ann Lee", 3), ("Bob Stone", 1)]


# --- naming adoption and switches ----------------------------------------------------------------------------


def _adoption(series: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = []
    for period, counts in series.items():
        total = sum(counts.values())
        for variant, n in counts.items():
            rows.append({"concept": "C", "outlet": "o", "period": period, "variant": variant, "mentions": n,
                         "concept_mentions": total, "share": n / total, "example": f"{variant} in {period}" if n else
                         None, "example_article": f"{period}-{variant}" if n else None})
    return pd.DataFrame(rows)


def _months(counts: list[tuple[int, int]], start: str = "2021-01") -> dict[str, dict[str, int]]:
    periods = pd.period_range(start, periods=len(counts), freq="M").strftime("%Y-%m")
    return {p: {"old": a, "new": b} for p, (a, b) in zip(periods, counts)}


@pytest.mark.parametrize("counts, status, month, agreeing", [
    ([(10, 0)] * 4 + [(0, 10)] * 4, "switched", "2021-05", 8),
    ([(10, 0), (9, 1), (2, 8), (10, 1), (1, 12), (0, 9), (2, 15)], "switched", "2021-05", 6),   # one early new month
    ([(10, 0), (10, 0), (1, 3), (10, 0), (0, 10), (0, 10), (0, 10)], "switched", "2021-05", 6),  # 4 mentions: ignored
    ([(10, 2)] * 8, "stable", None, 8),
    ([(7, 5), (5, 6)] * 4, "stable", None, 4),            # flip-flopping months: no part has a clear majority change
    ([(10, 0), (0, 10), (10, 0)], "too few months", None, None),
])
def test_naming_switch_month(counts, status, month, agreeing):
    row = compare.naming_switches(_adoption(_months(counts))).iloc[0]
    assert row["status"] == status and (row["month"] == month if month else pd.isna(row["month"]))
    if status == "switched":
        assert (row["from_variant"], row["to_variant"]) == ("old", "new")
        assert row["months_agreeing"] == agreeing and row["example_article_after"] == f"{month}-new"
        assert row["example_article_before"] < month
    elif status == "stable":
        assert row["from_variant"] == "old" and row["months_agreeing"] == agreeing


def test_naming_adoption_shares_intervals_and_published_articles():
    mentions, articles = [], []
    for i in range(12):   # twelve articles in March: eight with one "new" mention, four with two "old" ones
        article = f"m{i}"
        articles.append({"article_id": article, "outlet": "o", "published": pd.Timestamp("2022-03-05")})
        for j in range(1 if i < 8 else 2):
            mentions.append({"article_id": article, "outlet": "o", "kind": "naming", "canonical": "C",
                             "variant": "new" if i < 8 else "old", "published": pd.Timestamp("2022-03-05"),
                             "start": j, "sentence": f"{article} {j}"})
    articles += [{"article_id": "quiet", "outlet": "o", "published": pd.Timestamp("2022-03-09")},
                 {"article_id": "april", "outlet": "o", "published": pd.Timestamp("2022-04-01")}]
    mentions.append({"article_id": "april", "outlet": "o", "kind": "naming", "canonical": "C", "variant": "old",
                     "published": pd.Timestamp("2022-04-01"), "start": 0, "sentence": "april 0"})
    table = compare.naming_adoption(pd.DataFrame(mentions), pd.DataFrame(articles), topic=topic.load(),
                                    concepts=["C"], draws=200)
    march = table[table["period"] == "2022-03"].set_index("variant")
    assert march.loc["new", "share"] == pytest.approx(0.5) and march.loc["old", "mentions"] == 8
    assert (march.loc["new", "articles"], march.loc["new", "outlet_articles"]) == (12, 13)
    assert march.loc["new", "ci_low"] < 0.5 < march.loc["new", "ci_high"]
    assert march.loc["new", "example_article"] == "m0"
    april = table[table["period"] == "2022-04"].set_index("variant")
    assert april.loc["old", "share"] == 1 and april.loc["new", "mentions"] == 0 and pd.isna(april.loc["old", "ci_low"])


# --- the families' tables: values agree with the existing rate and share tables ----------------------------


def test_family_differences_agree_with_the_family_tables():
    loaded = corpus.load("seeds")
    inputs = figures.Inputs(loaded)
    articles = loaded.articles
    wording = inputs.mentions("wording")
    rates = table_category_rates(wording, articles, min_articles=1, draws=50)
    diffs = table_rate_differences(wording, articles, **FAST)
    merged = diffs.merge(rates, left_on=["content_type", "kind", "category", "outlet_a"],
                         right_on=["content_type", "kind", "category", "outlet"])
    assert len(merged) == len(diffs) > 0
    np.testing.assert_allclose(merged["value_a"], merged["rate_per_1000"])
    designations = inputs.mentions("designations")
    per_article = table_designation_rates(designations, articles, draws=50)
    diffs = table_designation_differences(designations, articles, **FAST)
    merged = diffs.merge(per_article, left_on=["content_type", "measure", "outlet_a"],
                         right_on=["content_type", "designation", "outlet"])
    assert len(merged) > 0
    np.testing.assert_allclose(merged["value_a"], merged["per_1000_articles"])
    sourcing = inputs.mentions("sourcing")
    sides = shares(sourcing, by=["outlet"], column="side", draws=50)
    diffs = table_share_differences(sourcing, articles, topic=inputs.topic, **FAST)
    merged = diffs[diffs["dimension"] == "side"].merge(sides, left_on=["outlet_a", "value"],
                                                       right_on=["outlet", "value"])
    assert len(merged) > 0
    np.testing.assert_allclose(merged["value_a"], merged["share"])


# --- figures -------------------------------------------------------------------------------------------------

COMPARE_FIGURES = [spec.name for spec in compare.FIGURES]


def _check_rows(name: str, inputs: figures.Inputs) -> pd.DataFrame:
    """Every row's evidence holds exactly the mentions it counts, and its example sentences."""
    table = figures.get(name).table(inputs)
    for row in table.to_dict("records"):
        found = figures.evidence(name, row, inputs)
        counted = row["mentions"] if "mentions" in row else row["count_a"] + row["count_b"]
        assert len(found) == counted, (name, row)
        for column in ("example", "example_a", "example_b"):
            if isinstance(row.get(column), str):
                assert row[column] in set(found["sentence"]), (name, column, row)
    return table


@pytest.mark.parametrize("name", COMPARE_FIGURES)
def test_figure_rebuilds_on_the_seeds_and_traces_its_rows(name, tmp_path):
    inputs = figures.Inputs(corpus.load("seeds"))
    table = _check_rows(name, inputs)
    assert len(table) > 0
    png = figures.save(name, table, figures.get(name).plot(table, inputs.topic), folder=tmp_path)
    first = png.read_bytes()
    table, figure = figures.render(name, inputs)
    figures.save(name, table, figure, folder=tmp_path)
    assert png.read_bytes() == first and len(first) > 5000


@pytest.mark.parametrize("name", COMPARE_FIGURES)
def test_figure_of_an_empty_corpus(name):
    table, figure = figures.render(name, corpus.load("seeds").select(outlets="nobody"))
    assert table.empty and figure is not None


@pytest.mark.slow
@pytest.mark.parametrize("name", COMPARE_FIGURES)
def test_figure_on_a_real_two_outlet_corpus(name, mirror):
    table = _check_rows(name, figures.Inputs(corpus.load("aj_bbc_2023")))
    assert len(table) > 0
    if "q_value" in table:
        assert table["p_value"].notna().any()   # 200 articles an outlet: tested
