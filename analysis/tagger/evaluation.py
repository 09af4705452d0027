"""How well does the tagger find loaded language in articles it has not seen, and how does a lexicon do?

Accuracy is estimated by :func:`cross_validate` only: article-level folds, each fold predicted by a
model trained on the other folds, with the threshold chosen on the other folds' predictions, scored
with :func:`analysis.tagger.ptc.score_spans`. The shipped model is trained on all 371 PTC articles,
so its in-sample scores say nothing about unseen text. Training the fold models takes minutes; their
token scores are cached in ``data/cache/`` (:func:`out_of_fold_scores`).

The baseline (:func:`score_lexicon_baseline`) tags every word a sentiment lexicon calls strongly
charged, with nothing trained.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field

import numpy as np

from analysis import cache
from analysis.tagger.features import subjectivity_lexicon, token_rows, tokens, vader_lexicon
from analysis.tagger.model import Span, TokenScores, spans_from_scores
from analysis.tagger.ptc import TECHNIQUES, GoldSpan, load_ptc, ratios, score_counts, score_spans, span_bounds
from analysis.tagger.settings import DEFAULT_SETTINGS, Settings
from analysis.tagger.training import fit, token_labels

#: Number of article-level folds.
DEFAULT_FOLDS = 5
#: Thresholds tried when choosing one by cross-validation.
THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.10, 0.701, 0.025))
#: The threshold stored in a fold model; never used, since spans are cut from its token scores at the
#: thresholds chosen by cross-validation.
FOLD_MODEL_THRESHOLD = 0.5
#: The lexicon baseline's "strongly charged": VADER valence (-4..4) at least this far from 0, or TextBlob
#: subjectivity (0..1) at least this.
BASELINE_MIN_VALENCE = 2.0
BASELINE_MIN_SUBJECTIVITY = 0.8


@dataclass
class CrossValidation:
    """Cross-validated span scores: each article predicted by a model that never saw it.

    Attributes:
        folds: Number of article-level folds.
        articles: Articles scored.
        scores: Precision, recall, F1 and counts (see :func:`score_spans`), each fold at the threshold
            chosen on the other folds' predictions, counts summed over all folds (micro-average).
        by_kind: ``loaded`` spans against Loaded_Language gold, ``label`` against Name_Calling,Labeling.
        recall_by_technique: Share of each technique's gold spans overlapped by any predicted span.
        threshold: The threshold best on all out-of-fold predictions together (the shipped default).
        fold_thresholds: The threshold each fold was scored at.
        pooled: Scores of all folds at ``threshold`` (slightly optimistic: chosen on the same data).
        tagger_only: With ``extra_spans``: the same scores of the tagger's spans alone.
        settings: The model settings.
        seconds: Wall time.
    """

    folds: int
    articles: int
    scores: dict
    by_kind: dict
    recall_by_technique: dict
    threshold: float
    fold_thresholds: list
    pooled: dict
    tagger_only: dict | None
    settings: Settings
    seconds: float
    by_threshold: dict = field(default_factory=dict)

    def summary(self) -> dict:
        """The figures worth keeping with the artifact (rounded)."""
        def brief(s: dict) -> dict:
            return {k: round(v, 4) if isinstance(v, float) else v for k, v in s.items()}
        return {"folds": self.folds, "articles": self.articles, "scores": brief(self.scores),
                "by_kind": {k: brief(v) for k, v in self.by_kind.items()},
                "recall_by_technique": {k: round(v, 4) for k, v in self.recall_by_technique.items()},
                "threshold": self.threshold, "fold_thresholds": self.fold_thresholds,
                "pooled": brief(self.pooled)}

    def __str__(self) -> str:
        s = self.scores
        lines = [f"loaded language (PTC, {self.articles} articles, {self.folds}-fold cross-validation by article, "
                 f"micro-averaged): span precision {s['precision']:.3f} ({s['predicted_overlapping']:,} of "
                 f"{s['predicted']:,} predicted spans overlap a target span), recall {s['recall']:.3f} "
                 f"({s['gold_overlapped']:,} of {s['gold']:,} gold spans hit), F1 {s['f1']:.3f}"]
        if self.tagger_only is not None:
            t = self.tagger_only
            lines.append(f"  tagger alone: precision {t['precision']:.3f}, recall {t['recall']:.3f}, F1 {t['f1']:.3f}"
                         f" ({t['predicted']:,} spans); the rest adds the extra (lexicon) spans")
        lines.append(f"  thresholds per fold (chosen on the other folds): {', '.join(map(str, self.fold_thresholds))}; "
                     f"best on all folds together {self.threshold} (F1 there {self.pooled['f1']:.3f}, optimistic)")
        for kind, k in self.by_kind.items():
            lines.append(f"  kind {kind}: precision {k['precision']:.3f}, recall {k['recall']:.3f}, F1 {k['f1']:.3f} "
                         f"({k['predicted']:,} predicted, {k['gold']:,} gold)")
        lines.append("  recall by technique (any predicted span): " + ", ".join(
            f"{t} {r:.3f}" for t, r in self.recall_by_technique.items()))
        lines.append(f"  settings: {asdict(self.settings)}; {self.seconds:.0f} s")
        return "\n".join(lines)


def fold_of(article_ids: Iterable[str], *, folds: int, seed: int = 0) -> dict[str, int]:
    """Article id -> fold, a seeded shuffle of the sorted ids dealt round-robin (sizes differ by at most one)."""
    ids = sorted(article_ids)
    order = np.random.default_rng(seed).permutation(len(ids))
    return {ids[j]: rank % folds for rank, j in enumerate(order)}


def _best_threshold(counts: Mapping[float, np.ndarray]) -> float:
    """The threshold with the highest F1 (the lower one on ties) from summed counts per threshold."""
    return max(sorted(counts), key=lambda t: (ratios(*map(int, counts[t]))["f1"], -t))


# ------------------------------------------------------------------------------ out-of-fold scores


def out_of_fold_scores(articles: Mapping[str, str], labels: Mapping[str, Sequence[GoldSpan]], *, folds: int,
                       settings: Settings, seed: int = 0, cache: bool = True) -> dict[str, TokenScores]:
    """Article id -> token scores (as :meth:`Model.token_scores`) from the model trained without its fold.

    Training the fold models takes minutes, so the result is cached in ``data/cache/`` under a key made
    of the tagger package's code, the settings, the folds and every article and span.
    """
    def compute() -> dict[str, TokenScores]:
        return _fold_scores(articles, labels, folds=folds, settings=settings, seed=seed)

    if not cache:
        return compute()
    model_settings = {k: v for k, v in asdict(settings).items() if k != "granularity"}   # spans are made later
    return _cached_out_of_fold(articles, labels, options=[model_settings, folds, seed], compute=compute)


def _fold_scores(articles: Mapping[str, str], labels: Mapping[str, Sequence[GoldSpan]], *, folds: int,
                 settings: Settings, seed: int) -> dict[str, TokenScores]:
    """Train one model per fold on the other folds and score the fold's articles with it."""
    assignment = fold_of(articles, folds=folds, seed=seed)
    prepared = {}
    for article_id in sorted(articles):
        found, words, rows = token_rows(articles[article_id], settings=settings)
        prepared[article_id] = (rows, token_labels(found, words, labels.get(article_id, ())))
    scored = {}
    for fold in range(folds):
        training = [a for a in sorted(articles) if assignment[a] != fold]
        model = fit([r for a in training for r in prepared[a][0]],
                    np.concatenate([prepared[a][1] for a in training]), settings=settings,
                    threshold=FOLD_MODEL_THRESHOLD)
        for article_id in (a for a in sorted(articles) if assignment[a] == fold):
            scored[article_id] = model.token_scores(articles[article_id])
    return scored


def _cached_out_of_fold(articles: Mapping[str, str], labels: Mapping[str, Sequence[GoldSpan]], *, options: list,
                        compute: Callable[[], dict[str, TokenScores]]) -> dict[str, TokenScores]:
    """The out-of-fold scores of an identical earlier run from the cache (:mod:`analysis.cache`), else
    ``compute()``, stored there. The key covers the tagger's code and data, the options, every article and span.
    """
    inputs = (f"{a}\0{articles[a]}\0{[(g.technique, g.start, g.end) for g in labels.get(a, ())]!r}"
              for a in sorted(articles))
    key = cache.key((__name__,), options={"options": options}, inputs=inputs)

    def arrays() -> dict:   # plain arrays, not classes: ``python -m`` would pickle them as __main__'s
        return {a: (t.starts, t.ends, t.scores, t.is_label, t.content) for a, t in compute().items()}

    return {a: TokenScores(*stored) for a, stored in cache.pickled("tagger-oof", key, arrays).items()}


# -------------------------------------------------------------------------------- cross-validation


def cross_validate(*, folds: int = DEFAULT_FOLDS, extra_spans: Callable[[str], Iterable] | None = None,
                   articles: Mapping[str, str] | None = None, labels: Mapping[str, Sequence[GoldSpan]] | None = None,
                   settings: Settings = DEFAULT_SETTINGS, seed: int = 0,
                   thresholds: Sequence[float] = THRESHOLDS, cache: bool = True) -> CrossValidation:
    """Article-level cross-validation of the tagger, scored with :func:`score_spans`.

    Each fold's articles are predicted by a model trained on the other folds. A fold is scored at the
    threshold that maximises F1 on the other folds' (out-of-fold) predictions, so no score uses a
    threshold tuned on the articles it scores; counts are summed over folds.

    Args:
        folds: Number of folds.
        extra_spans: Optional ``text -> [(start, end), ...]`` whose spans are added to the tagger's
            predictions before scoring (the wording lexicon's ``loaded`` and ``label`` spans), so that
            the whole loaded-language output is scored.
        articles, labels: Training data (default: PTC, :func:`load_ptc`).
        settings: Model settings.
        seed: Seed of the fold assignment.
        thresholds: Thresholds to choose from.
        cache: Reuse the out-of-fold token scores of an identical earlier run (see :func:`out_of_fold_scores`).
    """
    started = time.perf_counter()
    if articles is None or labels is None:
        ptc_articles, ptc_labels = load_ptc()
        articles = ptc_articles if articles is None else articles
        labels = ptc_labels if labels is None else labels
    assignment = fold_of(articles, folds=folds, seed=seed)
    scored = out_of_fold_scores(articles, labels, folds=folds, settings=settings, seed=seed, cache=cache)
    extra = {a: span_bounds(extra_spans(articles[a])) for a in articles} if extra_spans else {}

    def predicted(article_id: str, threshold: float, *, with_extra: bool = True) -> list[Span]:
        spans = spans_from_scores(scored[article_id], threshold=threshold, text=articles[article_id],
                                  granularity=settings.granularity)
        if with_extra and article_id in extra:
            spans += [Span(int(s), int(e), "extra", 1.0) for s, e in extra[article_id]]
        return spans

    gold = {a: list(labels.get(a, ())) for a in articles}
    counts = {(fold, t): np.zeros(4, dtype=np.int64) for fold in range(folds) for t in thresholds}
    for article_id in sorted(articles):
        for t in thresholds:
            counts[assignment[article_id], t] += score_counts(predicted(article_id, t), gold[article_id])
    pooled_counts = {t: sum(counts[f, t] for f in range(folds)) for t in thresholds}
    threshold = _best_threshold(pooled_counts)
    fold_thresholds = [_best_threshold({t: pooled_counts[t] - counts[f, t] for t in thresholds})
                       for f in range(folds)]
    chosen = {a: fold_thresholds[assignment[a]] for a in articles}
    final = {a: predicted(a, chosen[a]) for a in articles}
    scores = score_spans(final, gold)
    tagger_only = None
    if extra_spans:
        tagger_only = score_spans({a: predicted(a, chosen[a], with_extra=False) for a in articles}, gold)
    by_kind, recall_by_technique = {}, {}
    for technique, kind in TECHNIQUES.items():
        by_kind[kind] = score_spans({a: [s for s in final[a] if s.kind == kind] for a in articles},
                                    {a: [g for g in gold[a] if g.technique == technique] for a in articles})
        recall_by_technique[technique] = score_spans(
            final, {a: [g for g in gold[a] if g.technique == technique] for a in articles})["recall"]
    return CrossValidation(
        folds=folds, articles=len(articles), scores=scores, by_kind=by_kind,
        recall_by_technique=recall_by_technique, threshold=threshold, fold_thresholds=fold_thresholds,
        pooled=ratios(*map(int, pooled_counts[threshold])), tagger_only=tagger_only, settings=settings,
        seconds=time.perf_counter() - started,
        by_threshold={t: round(ratios(*map(int, c))["f1"], 4) for t, c in pooled_counts.items()})


# ------------------------------------------------------------------------------- lexicon baseline


def lexicon_spans(text: str, *, min_valence: float = BASELINE_MIN_VALENCE,
                  min_subjectivity: float = BASELINE_MIN_SUBJECTIVITY) -> list[tuple[int, int]]:
    """Words a sentiment lexicon calls strongly charged: the baseline the tagger is compared with.

    A word is a span when its VADER valence is at least ``min_valence`` in either direction or its
    TextBlob subjectivity is at least ``min_subjectivity``: a "lexicon of biased words".
    """
    valence, subjectivity = vader_lexicon(), subjectivity_lexicon()
    spans = []
    for start, end, token in tokens(text):
        lower = token.lower()
        if abs(valence.get(lower, 0.0)) >= min_valence or subjectivity.get(lower, (0.0, 0.0))[0] >= min_subjectivity:
            spans.append((start, end))
    return spans


def score_lexicon_baseline() -> dict:
    """:func:`lexicon_spans` on every PTC article, scored with :func:`score_spans` (nothing is trained)."""
    articles, labels = load_ptc()
    return score_spans({a: lexicon_spans(t) for a, t in articles.items()}, labels)
