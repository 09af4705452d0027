"""The loaded-language tagger: PTC loading, the PTC span scorer, the shipped model on real sentences,
bad input, determinism, and the artifact without ../shared."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from analysis import tagger
from analysis.errors import CorpusError
from analysis.tagger import evaluation, features, model, ptc, training
from analysis.tagger.model import Span
from analysis.tagger.ptc import GoldSpan
from analysis.tagger.settings import Settings
from tests.conftest import GOLD, RT_SEED, TASS_SEED, needs_shared, write

PTC = GOLD / "ptc2020"

# ------------------------------------------------------------------------------------------ PTC data


@needs_shared("gold", "ptc2020")
def test_ptc_articles_and_target_spans():
    articles, labels = ptc.load_ptc(PTC)
    assert len(articles) == 371 and set(labels) == set(articles)
    spans = [s for v in labels.values() for s in v]
    counts = {t: sum(s.technique == t for s in spans) for t in ptc.TECHNIQUES}
    assert counts == {"Loaded_Language": 2123, "Name_Calling,Labeling": 1058}   # as gold/README.md says
    assert all(0 <= s.start < s.end <= len(articles[s.article_id]) for s in spans)
    assert sum(1 for v in labels.values() if not v) == 49   # articles without a target span are kept
    assert labels["111111111"] == []
    text = articles["111111112"]
    assert [text[s.start:s.end] for s in labels["111111112"]][:2] == [
        "a striking blow against freedom", 'the nation that gave the world the Magna Carta is dead"']


def _ptc_folder(tmp_path, labels: str):
    write(tmp_path / "train-articles" / "article7.txt", "Crooked rulers and their vile lies.\n\nCalm text.")
    write(tmp_path / "train-articles" / "article8.txt", "No label file for this one.")
    write(tmp_path / "train-labels" / "article7.task2-TC.labels", labels)
    return tmp_path


def test_ptc_format_overlaps_and_other_techniques(tmp_path):
    folder = _ptc_folder(tmp_path, "7\tName_Calling,Labeling\t0\t14\n7\tLoaded_Language\t0\t7\n"
                                   "7\tDoubt\t19\t34\n7\tLoaded_Language\t25\t29\n")
    articles, labels = ptc.load_ptc(folder)
    assert set(articles) == {"7", "8"} and labels["8"] == []
    assert labels["7"] == [GoldSpan("7", "Loaded_Language", 0, 7), GoldSpan("7", "Name_Calling,Labeling", 0, 14),
                           GoldSpan("7", "Loaded_Language", 25, 29)]   # Doubt is not a target
    found, words, _ = features.token_rows(articles["7"], settings=Settings(lexicons=False))
    classes = training.token_labels(found, words, labels["7"])
    assert [found[i][2] for i in words][:6] == ["Crooked", "rulers", "and", "their", "vile", "lies"]
    assert classes.tolist()[:6] == [2, 2, 0, 0, 1, 0]   # inside both kinds: label


@pytest.mark.parametrize("line, problem", [
    ("7\tLoaded_Language\t0\n", "line 1: expected"),
    ("7\tLoaded_Language\tzero\t7\n", "line 1: expected"),
    ("7\tLoaded_Language\t0\t7\n7\tLoaded_Language\t5\t999\n", "line 2: span 5-999"),
    ("9\tLoaded_Language\t0\t7\n", "of article 9 does not fit article 7"),
])
def test_malformed_ptc_labels_name_file_and_line(tmp_path, line, problem):
    with pytest.raises(CorpusError, match=problem) as error:
        ptc.load_ptc(_ptc_folder(tmp_path, line))
    assert "article7.task2-TC.labels" in str(error.value)


def test_missing_ptc_folder_says_what_to_do(tmp_path):
    with pytest.raises(CorpusError, match="gold/ptc2020"):
        ptc.load_ptc(tmp_path / "nowhere")


# ------------------------------------------------------------------------------------------- scoring


@pytest.mark.parametrize("predicted, gold, expected", [
    ({"a": [(0, 5)]}, {"a": [(0, 5)]}, (1, 1, 1, 1)),                      # exact match
    ({"a": [(5, 9)]}, {"a": [(0, 5)]}, (1, 0, 1, 0)),                      # touching is not overlapping
    ({"a": [(4, 9)]}, {"a": [(0, 5)]}, (1, 1, 1, 1)),                      # one character is enough
    ({"a": [(0, 2), (3, 5)]}, {"a": [(0, 5)]}, (2, 2, 1, 1)),              # two words in one gold span
    ({"a": [(0, 20)]}, {"a": [(0, 5), (10, 15)]}, (1, 1, 2, 2)),           # one span over two gold spans
    ({"a": [(0, 5), (30, 40)]}, {"a": [(0, 5), (0, 5)]}, (2, 1, 2, 2)),    # a span annotated twice counts twice
    ({"a": []}, {"a": [(0, 5)]}, (0, 0, 1, 0)),                            # no predictions
    ({}, {"a": [(0, 5)]}, (0, 0, 1, 0)),                                   # article without predictions
    ({"a": [(0, 5)]}, {"a": []}, (1, 0, 0, 0)),                            # no gold spans
    ({"b": [(0, 5)]}, {"a": [(0, 5)]}, (1, 0, 1, 0)),                      # spans are compared within articles
    ({"a": [(0, 5)], "b": [(1, 2), (3, 4), (6, 7)]},                       # micro-average over articles
     {"a": [(0, 5)], "b": [(10, 12)]}, (4, 1, 2, 1)),
])
def test_score_spans_counts(predicted, gold, expected):
    result = ptc.score_spans(predicted, gold)
    assert (result["predicted"], result["predicted_overlapping"], result["gold"], result["gold_overlapped"]) == expected
    p = expected[1] / expected[0] if expected[0] else 0.0
    r = expected[3] / expected[2] if expected[2] else 0.0
    assert result["precision"] == pytest.approx(p) and result["recall"] == pytest.approx(r)
    assert result["f1"] == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)


def test_score_spans_takes_span_objects_and_ignores_kinds():
    predicted = {"a": [Span(0, 7, "loaded", 0.9), Span(20, 25, "label", 0.4)]}
    gold = {"a": [GoldSpan("a", "Name_Calling,Labeling", 0, 14), GoldSpan("a", "Loaded_Language", 21, 22)]}
    assert ptc.score_spans(predicted, gold)["f1"] == 1.0
    assert ptc.score_spans({}, {})["f1"] == 0.0


# ------------------------------------------------------------------------------- the shipped model


@pytest.mark.parametrize("sentence, charged", [
    # ppn_en/2023/09/13/rrn.media/__1694611617.html.json
    ("But Ukrainians, like Americans, have a chance to get rid of bloodthirsty presidents in 2024 through "
     "elections.", ["bloodthirsty"]),
    # ppn_en/2023/09/13/rrn.media/__1694609667.html.json
    ("“Your smugness, your cowardice, your ridiculous speeches, your total lack of empathy and authority make "
     "you a despicable puppet, a sad mop fit to wipe away the blood and death it brings to a country whose "
     "lights have gone out.", ["cowardice", "ridiculous", "puppet"]),
    # ppn_en/2023/09/13/rrn.media/__1694609499.html.json
    ("Earlier, the scandalous advisor to Ukrainian President Mykhaylo Podolyak posted his bloodthirsty version of "
     "the “Christmas gift list”.", ["scandalous", "bloodthirsty"]),
    # ppn_en/2023/09/13/rrn.media/__1694608575.html.json
    ("People are growing tired of Washington’s puppet presidents and prime ministers making their lives worse in "
     "exchange for lofty rhetoric about “democracy.", ["puppet"]),
    # the example
    ("The barbaric, bloodthirsty regime shelled the city again.", ["bloodthirsty"]),
])
def test_charged_words_light_up(sentence, charged):
    found = {sentence[s.start:s.end] for s in tagger.predict_spans(sentence)}
    assert set(charged) <= found, found


@pytest.mark.parametrize("sentence", [
    # TASS seed
    "Ukraine announced a fast-track NATO membership bid in September 2022, and was assured at a NATO summit in "
    "Vilnius in 2023 that it would be accepted into the bloc once it met all the required conditions.",
    # RT seed
    "The other 21 member states have already assured Ukraine of support",
    "The meeting of foreign ministers will take place in Brussels on Tuesday, a spokesman said.",
])
def test_plain_reporting_stays_dark(sentence):
    assert tagger.predict_spans(sentence) == []


@pytest.mark.parametrize("seed, most", [(TASS_SEED, 0.02), (RT_SEED, 0.03)])
def test_seeds_do_not_light_up_everywhere(seed, most):
    text = seed.read_text(encoding="utf-8")
    spans = tagger.predict_spans(text)
    words = len(features.TOKEN.findall(text))
    assert len(spans) <= most * words, [text[s.start:s.end] for s in spans]


def _check_spans(text: str, spans: list[Span]) -> None:
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
        assert span.kind in model.KINDS and 0.0 <= span.score <= 1.0
        assert features.is_word(text[span.start:span.end])
        assert text[span.start:span.end] == text[span.start:span.end].strip()
    assert [s.start for s in spans] == sorted(s.start for s in spans)


@pytest.mark.parametrize("text", [
    "",
    "   \n\n\t ",
    "„",
    "“So-called “peacekeepers” and the ‘referendum\" of the «junta",                 # unbalanced, mixed quotes
    "Kiev regime’s неонацисты shelled Донецк again, the puppet junta's thugs said",   # Cyrillic and Latin mixed
    "Nazi" * 3000,                                                                      # one enormous word
    "\u200b\ufeff disgusting\u00a0lies \u2028 vile",
    "_".join(["evil"] * 50),
])
def test_bad_input_never_crashes_and_spans_stay_inside(text):
    _check_spans(text, tagger.predict_spans(text))
    _check_spans(text, tagger.predict_spans(text, threshold=0.0))


def test_text_without_punctuation():
    # rt_thesis/clinton-maidan.csv row 6: the collector stripped quotes, apostrophes and full stops
    text = ("For the past few days as uproar rages across America various prominent folk have reached for the "
            "usual blame Russia deflection technique Some of it has been quite demented Ranging from people "
            "claiming that Russian news reporters covering the events are actually orchestrating them to others "
            "alleging the whole thing is a dastardly Kremlin plot")
    spans = tagger.predict_spans(text)
    _check_spans(text, spans)
    assert len(spans) <= 3   # no sentence ends: the words are still scored one by one


def test_enormous_text_keeps_offsets():
    sentence = TASS_SEED.read_text(encoding="utf-8")
    text = ("Those ignorant critics spread dishonest propaganda. " + sentence + "\n\n") * 400   # about 2.5 MB
    spans = tagger.predict_spans(text)
    _check_spans(text, spans)
    assert sum(text[s.start:s.end] == "dishonest" for s in spans) == 400


@pytest.mark.parametrize("text", [
    # ppn_ru/2023/09/13/rrn.media/ru__1694608566.html.json
    "Олигарх, который заплатил снайперам за убийство протестующих на Майдане, теперь спокойно наживается на "
    "оружии. После того как Зеленский назвал его ʺразбойникомʺ, торговец оружием Сергей Пашинский стал главным "
    "ʺторговцем смертьюʺ на Украине. The barbaric regime.",
    "Le régime barbare et sanguinaire de Kiev a encore bombardé la ville, selon les autorités locales.",
    "Das barbarische Regime hat die Stadt erneut beschossen, teilten die Behörden mit.",
])
def test_non_english_text_gives_nothing(text):
    assert not tagger.is_english(text)
    assert tagger.predict_spans(text) == []


def test_threshold_and_kinds():
    text = "Those ignorant critics and their hysterical, dishonest propaganda were exposed by decent people."
    everything = tagger.predict_spans(text, threshold=0.0)
    assert [text[s.start:s.end] for s in everything] == ["ignorant", "critics", "hysterical", "dishonest",
                                                         "propaganda", "were", "exposed", "decent", "people"]
    assert {s.kind for s in everything} == {"loaded", "label"}
    runs = tagger.predict_spans(text, granularity="run")
    assert "hysterical, dishonest propaganda" in [text[s.start:s.end] for s in runs]
    default = tagger.predict_spans(text)
    assert {(s.start, s.end) for s in default} == {(s.start, s.end) for s in everything
                                                   if s.score >= tagger.default_model().threshold}
    assert tagger.predict_spans(text, threshold=1.01) == []


def test_shipped_artifact_documents_its_cross_validation():
    data = json.loads(gzip.decompress(model.ARTIFACT.read_bytes()))
    cv = data["meta"]["cross_validation"]
    assert data["format"] == model.FORMAT and data["threshold"] == cv["threshold"]
    assert cv["folds"] == 5 and cv["articles"] == 371
    assert cv["scores"]["f1"] >= 0.35     # the goal, on unseen articles
    assert model.ARTIFACT.stat().st_size < 1_000_000   # small enough to ship in the package


def test_artifact_works_in_a_fresh_process_without_shared(tmp_path):
    code = ("from analysis import tagger; import json; text = 'The barbaric, bloodthirsty regime shelled the city.'; "
            "print(json.dumps([[s.start, s.end, s.kind, s.score] for s in tagger.predict_spans(text)]))")
    env = {**os.environ, "ANALYSIS_SHARED": str(tmp_path / "no-shared"), "ANALYSIS_DATA_MIRROR": ""}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path,
                            check=True)
    here = [[s.start, s.end, s.kind, s.score] for s in
            tagger.predict_spans("The barbaric, bloodthirsty regime shelled the city.")]
    assert json.loads(result.stdout) == here and here


def test_prediction_loads_no_training_code(tmp_path):
    code = ("import sys; from analysis import tagger; tagger.predict_spans('The barbaric, bloodthirsty regime.'); "
            "print(sorted(m for m in sys.modules if m.startswith(('analysis.tagger', 'sklearn', 'scipy'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert result.stdout.split() == ["['analysis.tagger',", "'analysis.tagger.features',", "'analysis.tagger.model',",
                                     "'analysis.tagger.settings']"]


def test_package_exports_resolve():
    for name in tagger.__all__:
        assert getattr(tagger, name) is not None, name
    assert tagger.cross_validate is evaluation.cross_validate and tagger.GoldSpan is GoldSpan
    with pytest.raises(AttributeError):
        tagger.no_such_name  # noqa: B018


def test_model_round_trips_through_json(tmp_path):
    shipped = tagger.default_model()
    copy = model.Model.load(shipped.save(tmp_path / "model.json"))
    text = TASS_SEED.read_text(encoding="utf-8")
    ours, theirs = shipped.token_scores(text), copy.token_scores(text)
    for name in ("starts", "ends", "scores", "is_label", "content"):
        np.testing.assert_allclose(getattr(ours, name), getattr(theirs, name), err_msg=name)


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON"),
    ('{"format": 99}', "format"),
    ('{"format": 1, "weights": {}}', "malformed"),
])
def test_malformed_artifact_is_named(tmp_path, content, problem):
    path = write(tmp_path / "model.json", content)
    with pytest.raises(CorpusError, match=problem) as error:
        model.Model.load(path)
    assert "model.json" in str(error.value)


# ---------------------------------------------------------------------------------------- training


def _tiny_training_set():
    """Three small articles of PTC-like sentences, labelled by phrase."""
    articles = {"1": "The radical left and its hysterical mob attacked the decent people.\n\nThe vote was held.",
                "2": "A disgusting, shameful betrayal by corrupt elites.\n\nThe report was published on Monday.",
                "3": "Officials met on Tuesday to discuss the budget.\n\nThe vile thugs of the regime lied."}
    phrases = {"1": [("Name_Calling,Labeling", "radical left"), ("Loaded_Language", "hysterical mob")],
               "2": [("Loaded_Language", "disgusting, shameful betrayal"),
                     ("Name_Calling,Labeling", "corrupt elites")],
               "3": [("Name_Calling,Labeling", "vile thugs")]}
    labels = {a: [GoldSpan(a, technique, articles[a].index(phrase), articles[a].index(phrase) + len(phrase))
                  for technique, phrase in found] for a, found in phrases.items()}
    return articles, labels


def test_training_is_deterministic_and_learns():
    articles, labels = _tiny_training_set()
    settings = Settings(lexicons=False)
    first = training.train(articles=articles, labels=labels, settings=settings)
    second = training.train(articles=articles, labels=labels, settings=settings)
    assert first.to_json() == second.to_json()
    scored = first.token_scores(articles["3"])
    by_word = {articles["3"][s:e]: p for s, e, p in zip(scored.starts, scored.ends, scored.scores)}
    assert by_word["thugs"] > by_word["budget"]


@needs_shared("gold", "ptc2020")
def test_cross_validation_on_a_few_ptc_articles_with_extra_spans():
    articles, labels = ptc.load_ptc(PTC)
    few = sorted(articles)[:12]
    articles = {a: articles[a] for a in few}
    labels = {a: labels[a] for a in few}
    settings = Settings(lexicons=False, context=1)
    plain = evaluation.cross_validate(folds=3, articles=articles, labels=labels, settings=settings)
    again = evaluation.cross_validate(folds=3, articles=articles, labels=labels, settings=settings)
    assert plain.summary() == again.summary()
    assert plain.scores["gold"] == sum(len(v) for v in labels.values())
    assert set(plain.fold_thresholds) <= set(evaluation.THRESHOLDS)

    def first_word(text):   # a stand-in for the wording lexicon: one (start, end) per article
        return [(0, text.index(" "))]

    extra = evaluation.cross_validate(folds=3, articles=articles, labels=labels, settings=settings,
                                  extra_spans=first_word)
    assert extra.tagger_only is not None
    assert extra.scores["predicted"] == extra.tagger_only["predicted"] + len(few)
    assert "tagger alone" in str(extra)


def test_folds_are_article_level_and_seeded():
    ids = [str(i) for i in range(23)]
    folds = evaluation.fold_of(ids, folds=5, seed=0)
    sizes = np.bincount(list(folds.values()))
    assert sizes.max() - sizes.min() <= 1 and folds == evaluation.fold_of(reversed(ids), folds=5, seed=0)


@pytest.mark.slow
@needs_shared("gold", "ptc2020")
def test_shipped_model_is_rebuilt_by_training_on_all_ptc():
    """Training on all of PTC gives the shipped model, up to where the solver stops: lbfgs stops at a
    tolerance (``training.TOLERANCE``), and its path through floating point depends on the machine's BLAS
    kernels, so a model trained on another CPU differs in the last digits of its weights and in the few
    features whose weights sit at the pruning cut. Measured between two machines: 99.8% of the features
    shared, token scores within 0.03, one span of the seeds different (a token at the threshold)."""
    shipped = tagger.default_model()
    rebuilt = training.train(settings=shipped.settings, threshold=shipped.threshold)
    ours, theirs = set(rebuilt.to_json()["weights"]), set(shipped.to_json()["weights"])
    assert len(ours & theirs) >= 0.99 * len(theirs)
    text = TASS_SEED.read_text(encoding="utf-8") + "\n\nThe barbaric, bloodthirsty regime lied."
    np.testing.assert_allclose(rebuilt.token_scores(text).scores, shipped.token_scores(text).scores, atol=0.05)
    for seed in (TASS_SEED, RT_SEED):   # spans differ only where a token's score sits at the threshold
        seed_text = seed.read_text(encoding="utf-8")
        differ = {(s.start, s.end) for s in rebuilt.predict_spans(seed_text)} ^ \
            {(s.start, s.end) for s in shipped.predict_spans(seed_text)}
        scores = shipped.token_scores(seed_text)
        for start, end in differ:
            inside = (scores.starts >= start) & (scores.ends <= end)
            assert np.abs(scores.scores[inside] - shipped.threshold).min() < 0.05, (seed.name, start, end)
