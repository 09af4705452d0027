"""Outlet fingerprint: features against hand counts, grouped folds, framing against words on constructed data,
the bootstrap against a plain one, small corpora, and the figures on a real two-outlet corpus."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import corpus, figures, fingerprint, mentions, topic
from analysis.fingerprint import Fingerprint

PACK = topic.load()


# ------------------------------------------------------------------------------------------ features by hand


def _mention(article: str, family: str, **fields) -> dict:
    return {"article_id": article, "outlet": "x", "family": family, "start": fields.pop("start", 0), **fields}


def _frame(rows: list[dict]) -> pd.DataFrame:
    return mentions.to_frame([{"end": r["start"] + 1, "term": "t", "sentence": "s", **r} for r in rows])


#: Article A (200 words) and B (50 words), with mentions written by hand.
ARTICLES = pd.DataFrame({"article_id": ["A", "B"], "outlet": ["x", "y"], "n_words": [200, 50]})
WORDING = _frame([
    _mention("A", "wording", kind="hedge", category="distancing", start=1),
    _mention("A", "wording", kind="hedge", category="distancing", start=2),
    _mention("A", "wording", kind="label", category="propaganda", start=3),
    *[_mention("A", "wording", kind="naming", category="place_naming", canonical="Kyiv", variant="russian", start=s)
      for s in (4, 5, 6)],
    _mention("A", "wording", kind="naming", category="place_naming", canonical="Kyiv", variant="ukrainian", start=7),
    _mention("B", "wording", kind="naming", category="war_naming", canonical="the war", variant="official_russian"),
])
SOURCING = _frame([
    _mention("A", "sourcing", kind="indirect", category="distancing", verb_class="distancing", side="russia",
             source_type="government", anonymous=False, relayed=False, start=10),
    _mention("A", "sourcing", kind="direct", category="neutral", verb_class="neutral", side="russia",
             source_type="government", anonymous=False, relayed=False, start=11),
    _mention("A", "sourcing", kind="indirect", category="endorsing", verb_class="endorsing", side="ukraine",
             source_type="military", anonymous=False, relayed=True, start=12),
    _mention("A", "sourcing", kind="indirect", category="neutral", verb_class="neutral", side="unknown",
             source_type="anonymous", anonymous=True, relayed=False, channel="interview:RT", start=13),
])
DESIGNATIONS = _frame([
    _mention("B", "designation", kind="designation", category="terrorist", designation="terrorist",
             authority="Russia", voice="own", form="attributive", start=20),
])
MENTIONS = {"wording": WORDING, "sourcing": SOURCING, "designations": DESIGNATIONS}
NAN = float("nan")


@pytest.fixture(scope="module")
def hand():
    return fingerprint.features(ARTICLES, MENTIONS, topic=PACK)


@pytest.mark.parametrize("feature, a, b", [
    ("wording_rate:hedge/distancing", 2 / 200 * 1000, 0.0),
    ("wording_rate:label/propaganda", 1 / 200 * 1000, 0.0),
    ("wording_rate:label/hostile_actor", 0.0, 0.0),           # declared by the pack, found nowhere
    ("naming_share:Kyiv/russian", 3 / 4, NAN),                # B never names the concept: undefined, not 0
    ("naming_share:Kyiv/ukrainian", 1 / 4, NAN),
    ("naming_share:the war/official_russian", NAN, 1.0),
    ("naming_share:the war/invasion", NAN, 0.0),
    ("attribution_rate:attribution", 4 / 200 * 1000, 0.0),
    ("quotation:direct", 1 / 4, NAN),
    ("verb_class:distancing", 1 / 4, NAN),
    ("verb_class:neutral", 2 / 4, NAN),
    ("verb_by_side:russia/distancing", 1 / 2, NAN),           # of the side's own attributions
    ("verb_by_side:ukraine/endorsing", 1.0, NAN),
    ("verb_by_side:united_states/neutral", NAN, NAN),
    ("side:unknown", 1 / 4, NAN),
    ("source_type:government", 2 / 4, NAN),
    ("channel:interview", 1 / 4, NAN),                        # "interview:RT": the outlet named is dropped
    ("channel:none", 3 / 4, NAN),
    ("anonymous:yes", 1 / 4, NAN),
    ("relayed:yes", 1 / 4, NAN),
    ("designation_rate:terrorist", 0.0, 1 / 50 * 1000),
    ("designation_authority:Russia", 0.0, 1 / 50 * 1000),
    ("designation_voice:own", 0.0, 1 / 50 * 1000),
])
def test_features_match_hand_counts(hand, feature, a, b):
    np.testing.assert_allclose(hand.loc[["A", "B"], feature].to_numpy(), [a, b], equal_nan=True)


def test_features_are_only_framing_and_in_a_fixed_order(hand):
    again = fingerprint.features(ARTICLES.iloc[::-1], MENTIONS, topic=PACK)
    assert list(again.columns) == list(hand.columns) and list(again.index) == ["B", "A"]
    catalogue = fingerprint.catalogue(MENTIONS, topic=PACK, articles=ARTICLES)
    assert list(catalogue["feature"]) == list(hand.columns)
    assert set(catalogue["block"]) == {b.name for b in fingerprint.BLOCKS}
    assert not any("interview:" in c for c in hand.columns)   # no outlet's name becomes a feature
    label = catalogue.set_index("feature").loc["naming_share:Kyiv/russian", "label"]
    assert '"Kiev"' in label   # readable: the form the pack lists for the variant


def test_features_of_a_real_extraction():
    text = ("Kiev said on Monday that the talks had failed. Officials in Kiev claimed the convoy was hit, "
            "while Kyiv's mayor said nothing.")
    rows = mentions.extract_text(text, article_id="A", outlet="x", topic=PACK)
    found = mentions.to_frame(rows)
    articles = pd.DataFrame({"article_id": ["A"], "outlet": ["x"], "n_words": [len(text.split())]})
    table = fingerprint.features(articles, {"wording": found[found["family"] == "wording"],
                                            "sourcing": found[found["family"] == "sourcing"]}, topic=PACK)
    assert table.loc["A", "naming_share:Kyiv/russian"] == pytest.approx(2 / 3)
    attributions = found[found["family"] == "sourcing"]
    assert table.loc["A", "attribution_rate:attribution"] == pytest.approx(len(attributions) / len(text.split()) * 1000)
    assert len(attributions) >= 2


# ------------------------------------------------------------------------------------------ which articles, groups


def test_groups_are_events_else_months_else_undated():
    articles = pd.DataFrame({"event": ["bucha", None, None],
                             "published": pd.to_datetime(["2022-04-03", "2022-05-09", None])})
    assert list(fingerprint.groups(articles)) == ["event:bucha", "month:2022-05", "undated"]
    assert fingerprint.grouping(fingerprint.groups(articles)) == "event, else month"


def test_coverage_and_selection():
    articles = pd.DataFrame({"article_id": [f"a{i}" for i in range(7)], "outlet": ["x"] * 4 + ["y"] * 3,
                             "content_type": "article", "language": ["en", "en", "en", "ru", "en", "en", "en"],
                             "n_words": [100, 100, 5, 100, 100, 100, 100]})
    table = fingerprint.coverage(articles, min_articles=3)
    assert table[["outlet", "articles", "in_language", "long_enough", "included"]].values.tolist() == [
        ["x", 4, 3, 2, False], ["y", 3, 3, 3, True]]
    assert list(fingerprint.analysed(articles, min_articles=3)["article_id"]) == ["a4", "a5", "a6"]


@pytest.mark.parametrize("n_groups, folds", [(12, 5), (3, 5), (40, 4)])
def test_a_group_is_never_in_training_and_test(n_groups, folds):
    rng = np.random.default_rng(n_groups)
    outlets = pd.Series(rng.choice(["x", "y", "z"], size=400))
    labels = pd.Series([f"month:{g}" for g in rng.integers(0, n_groups, size=400)])
    fold = fingerprint.assign_folds(outlets, labels, folds=folds)
    assert set(fold) == set(range(min(folds, labels.nunique())))
    assert (pd.DataFrame({"group": labels, "fold": fold}).groupby("group")["fold"].nunique() == 1).all()
    again = fingerprint.assign_folds(outlets, labels, folds=folds)
    assert (fold == again).all()   # the seed fixes the folds


# ------------------------------------------------------------------------------------------ constructed outlets

OUTLETS = ["x", "y", "z"]
TOPICS = [[f"topic{g}w{i}" for i in range(30)] for g in range(12)]
COMMON = [f"common{i}" for i in range(200)]


def constructed(*, framing: bool, words: bool, n: int = 360, seed: int = 1):
    """Articles of three outlets over twelve months; each month has its own news words. The outlets differ in
    framing features only (``framing``) or in the words they use only (``words``)."""
    rng = np.random.default_rng(seed)
    outlet = np.array(OUTLETS * (n // 3))
    month = rng.integers(0, 12, size=n)
    shift = {o: i for i, o in enumerate(OUTLETS)}
    values = rng.normal(size=(n, 8))
    if framing:
        values[:, 0] += 1.5 * np.array([shift[o] for o in outlet])
        values[:, 1] -= 1.5 * np.array([shift[o] for o in outlet])
    favourite = {o: [f"{o}style{i}" for i in range(15)] for o in OUTLETS}
    texts = []
    for o, m in zip(outlet, month):
        chosen = list(rng.choice(COMMON, 40)) + list(rng.choice(TOPICS[m], 15))
        if words:
            chosen += list(rng.choice(favourite[o], 6))
        texts.append(" ".join(chosen))
    features = pd.DataFrame(values, columns=[f"f{i}" for i in range(8)],
                            index=pd.Index([f"a{i}" for i in range(n)], name="article_id"))
    return features, pd.Series(outlet), pd.Series([f"month:{m}" for m in month]), pd.Series(texts)


def _fit(features, outlets, labels, texts) -> Fingerprint:
    return fingerprint.fit_and_score(features, outlets, labels, texts=texts, draws=300)


def test_outlets_that_differ_only_in_framing_are_told_apart_by_framing_not_words():
    found = _fit(*constructed(framing=True, words=False))
    assert found.macro_f1 > 0.6 and found.baseline_macro_f1 < 0.5
    assert found.ci[0] > found.baseline_ci[1]
    framing = found.scores.set_index("model").loc["framing"]
    assert framing["minus_words_low"] > 0   # the paired interval of the difference excludes 0
    assert list(found.coefficients.loc["z", ["f0", "f1"]] > 0) == [True, False]   # the shift, read back


def test_outlets_that_differ_only_in_words_are_told_apart_by_words_not_framing():
    found = _fit(*constructed(framing=False, words=True))
    assert found.baseline_macro_f1 > 0.8 and found.macro_f1 < 0.5
    assert found.baseline_ci[0] > found.ci[1]
    chance = found.scores.set_index("model").loc["chance"]
    assert chance["ci_low"] < 1 / 3 < chance["ci_high"] + 0.05


def test_grouped_folds_keep_the_news_of_the_day_out():
    """Each month is covered by one outlet only, in words no other month uses: held out by month, the words
    cannot name the outlet; held out article by article (no groups), the news of the day gives it away."""
    features, _, labels, texts = constructed(framing=False, words=False)
    month = labels.str.split(":").str[1].astype(int)
    outlets = pd.Series([OUTLETS[m % 3] for m in month])
    grouped = _fit(features, outlets, labels, texts)
    ungrouped = _fit(features, outlets, pd.Series(features.index), texts)
    assert grouped.baseline_macro_f1 < 0.5 < 0.9 < ungrouped.baseline_macro_f1
    test_groups = grouped.predictions.groupby("fold")["group"].apply(set)
    assert all(not (test_groups[a] & test_groups[b]) for a in test_groups.index for b in test_groups.index if a != b)


def test_only_the_models_asked_for_are_scored():
    features, outlets, labels, texts = constructed(framing=True, words=False, n=90)
    found = fingerprint.fit_and_score(features, outlets, labels, texts=texts, models=("chance",), draws=50)
    assert list(found.scores["model"]) == ["framing", "chance"] and "words" not in found.predictions
    assert np.isnan(found.baseline_macro_f1) and np.isnan(found.scores["minus_words"]).all()


def test_fewer_than_two_outlets_or_groups_is_said_not_fitted():
    features, outlets, labels, texts = constructed(framing=True, words=False, n=30)
    one = fingerprint.fit_and_score(features, pd.Series(["x"] * 30), labels, texts=texts)
    assert not one.fitted and "fewer than two outlets" in one.note
    single = fingerprint.fit_and_score(features, outlets, pd.Series(["month:1"] * 30), texts=texts)
    assert not single.fitted and "one group" in single.note
    assert np.isnan(single.macro_f1)


# ------------------------------------------------------------------------------------------ the interval


def test_macro_f1_and_its_bootstrap_match_plain_computations():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(3)
    labels = ["a", "b", "c"]
    true = rng.choice(labels, size=300, p=[0.6, 0.3, 0.1])
    noisy = np.where(rng.random(300) < 0.7, true, rng.choice(labels, size=300))
    other = np.where(rng.random(300) < 0.5, true, rng.choice(labels, size=300))
    estimates, sampled = fingerprint.macro_f1_draws(true, {"m": noisy, "o": other}, labels, draws=4000)
    assert estimates["m"] == pytest.approx(f1_score(true, noisy, labels=labels, average="macro"))
    # plain bootstrap: resample each true outlet's articles with replacement
    plain = []
    for _ in range(1500):
        index = np.concatenate([rng.choice(np.flatnonzero(true == label), size=(true == label).sum())
                                for label in labels])
        plain.append(f1_score(true[index], noisy[index], labels=labels, average="macro"))
    assert np.quantile(sampled["m"], [0.025, 0.5, 0.975]) == pytest.approx(np.quantile(plain, [0.025, 0.5, 0.975]),
                                                                           abs=0.015)
    assert sampled["m"].shape == (4000,) and (sampled["m"] - sampled["o"]).mean() == pytest.approx(
        estimates["m"] - estimates["o"], abs=0.02)


# ------------------------------------------------------------------------------------------ the baseline's words


@pytest.mark.parametrize("text, expected", [
    ("Troops repel attacks near six settlements. — Ukrinform.", "Troops repel attacks near six settlements. —  ."),
    ("He told RT on Monday", "He told   on Monday"),
    ("An artist, a start", "An artist, a start"),
    ("Reuters reported, citing bbc.com", "  reported, citing  "),
])
def test_the_baseline_reads_no_outlet_names(text, expected):
    assert fingerprint.without_outlet_names(text) == expected


# ------------------------------------------------------------------------------------------ corpora and figures


def test_the_cache_key_follows_what_the_features_read():
    base = fingerprint.cache_key(ARTICLES.assign(content_type="article", language="en", text="t", event=None,
                                                 published=pd.NaT), MENTIONS, topic=PACK, options={})
    changed = dict(MENTIONS, sourcing=SOURCING.assign(verb_class="accusing"))
    unread = dict(MENTIONS, sourcing=SOURCING.assign(score=0.5))
    articles = ARTICLES.assign(content_type="article", language="en", text="t", event=None, published=pd.NaT)
    assert fingerprint.cache_key(articles, changed, topic=PACK, options={}) != base
    assert fingerprint.cache_key(articles, unread, topic=PACK, options={}) == base


FIGURE_NAMES = ["fingerprint_scores", "fingerprint_confusion", "fingerprint_features"]


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_the_seeds_say_there_is_not_enough_to_fit(name):
    inputs = figures.Inputs(corpus.load("seeds"))
    table, figure = figures.render(name, inputs)
    assert figure is not None
    if name == "fingerprint_scores":
        assert len(table) == 1 and "not fitted" in table["note"].iloc[0] and "rt: 1" in table["note"].iloc[0]
    else:
        assert table.empty and "not fitted" in table.attrs["note"]


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_an_empty_selection_draws_a_message(name):
    table, figure = figures.render(name, corpus.load("seeds").select(outlets="nobody"))
    assert table.empty and figure is not None


@pytest.mark.slow
def test_figures_rebuild_on_a_real_two_outlet_corpus(mirror, tmp_path):
    inputs = figures.Inputs(corpus.load("aj_bbc_2023"))
    scores, _ = figures.render("fingerprint_scores", inputs)
    framing = scores.set_index("model").loc["framing"]
    chance = scores.set_index("model").loc["chance"]
    assert framing["outlets"] == 2 and framing["grouping"] == "month" and framing["groups"] >= 5
    assert framing["ci_low"] > chance["ci_high"]   # framing alone tells Al Jazeera from the BBC
    confusion, _ = figures.render("fingerprint_confusion", inputs)
    assert (confusion.groupby(["model", "outlet"])["count"].sum() ==
            confusion.groupby(["model", "outlet"])["articles"].first()).all()
    table, figure = figures.render("fingerprint_features", inputs)
    assert set(table["outlet"]) == {"aljazeera", "bbc"} and table["rank"].notna().sum() == 2 * fingerprint.TOP_FEATURES
    for row in table.head(6).to_dict("records"):
        found = figures.evidence("fingerprint_features", row, inputs)
        assert len(found) == row["mentions"] and (not row["example"] or row["example"] in set(found["sentence"]))
    png = figures.save("fingerprint_features", table, figure, folder=tmp_path)
    assert png.read_bytes().startswith(b"\x89PNG")
