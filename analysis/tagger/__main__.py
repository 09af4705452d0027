"""The tagger's command line: ``python -m analysis.tagger train|cv|baseline|bench``.

``train`` cross-validates, then rebuilds the shipped model (``make model``); ``cv`` cross-validates
only; ``baseline`` scores a sentiment lexicon's charged words the same way; ``bench`` measures how
many articles the shipped model tags per second.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import analysis.tagger
from analysis.errors import CorpusError
from analysis.tagger.evaluation import (
    BASELINE_MIN_SUBJECTIVITY,
    BASELINE_MIN_VALENCE,
    DEFAULT_FOLDS,
    CrossValidation,
    cross_validate,
    score_lexicon_baseline,
)
from analysis.tagger.model import ARTIFACT, Model, default_model
from analysis.tagger.ptc import load_ptc
from analysis.tagger.settings import DEFAULT_SETTINGS, Settings
from analysis.tagger.training import train

#: ``bench``: articles of about this many words, this many of them, best of this many warm passes.
BENCH_WORDS, BENCH_ARTICLES, BENCH_REPEATS = 700, 200, 3


def rebuild(*, settings: Settings = DEFAULT_SETTINGS, folds: int = DEFAULT_FOLDS,
            path: Path = ARTIFACT) -> tuple[Model, CrossValidation]:
    """Cross-validate, then train on every PTC article at the cross-validated threshold and save the artifact."""
    articles, labels = load_ptc()
    report = cross_validate(folds=folds, articles=articles, labels=labels, settings=settings)
    started = time.perf_counter()
    meta = {"trained_on": f"PTC (SemEval-2020 Task 11) train-articles: {len(articles)} articles, "
                          f"{sum(len(v) for v in labels.values())} Loaded_Language and Name_Calling,Labeling spans",
            "date": date.today().isoformat(), "command": "python -m analysis.tagger train",
            "cross_validation": report.summary()}
    model = train(articles=articles, labels=labels, settings=settings, threshold=report.threshold, meta=meta)
    model.meta["training_seconds"] = round(time.perf_counter() - started, 1)
    model.meta["features"] = len(model.weights)
    model.save(path)
    return model, report


def throughput(corpus: str = "default", *, words: int = BENCH_WORDS, count: int = BENCH_ARTICLES,
               repeat: int = BENCH_REPEATS) -> dict:
    """Articles of ``words`` words tagged per second on one core.

    The texts are :func:`analysis.bench.sample_articles`: the corpus's full articles closest to
    ``words`` words. The first pass (``cold_seconds``) includes loading the model and lexicons and
    building the row of every token type on first sight; the speed is the best of ``repeat`` passes
    after it, as in a long run where the type cache is warm.
    """
    from analysis.bench import sample_articles

    texts = sample_articles(corpus, words=words, count=count)
    default_model.cache_clear()
    started = time.perf_counter()
    model = default_model()
    spans = sum(len(model.predict_spans(text)) for text in texts)
    cold = time.perf_counter() - started
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        spans = sum(len(model.predict_spans(text)) for text in texts)
        best = min(best, time.perf_counter() - started)
    actual = sum(len(text.split()) for text in texts)
    return {"articles": count, "mean_words": round(actual / count), "seconds": round(best, 4),
            "cold_seconds": round(cold, 3), "articles_per_second": round(count / best),
            "articles_per_second_at_words": round(actual / words / best), "spans": spans, "words": words}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis.tagger",
                                     description=analysis.tagger.__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["train", "cv", "baseline", "bench"],
                        help="train: cross-validate, then rebuild the shipped model; cv: cross-validate only; "
                             "baseline: score a sentiment lexicon's charged words the same way; "
                             f"bench: articles of {BENCH_WORDS} words tagged per second on one core")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS)
    parser.add_argument("--granularity", choices=["token", "run"], default=Settings.granularity)
    parser.add_argument("--no-lexicons", action="store_true", help="word form, suffix and shape features only")
    parser.add_argument("--context", type=int, default=Settings.context)
    parser.add_argument("--full-context", type=int, default=Settings.full_context)
    parser.add_argument("--c", type=float, default=Settings.c, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=Settings.min_count)
    parser.add_argument("--prune", type=float, default=Settings.prune,
                        help="drop features whose weights are all below this in absolute value")
    parser.add_argument("--output", type=Path, default=ARTIFACT, help="where train writes the model")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.tagger train|cv [--granularity run] [--no-lexicons] [--context N] [--c C]``."""
    args = _parser().parse_args(argv)
    settings = Settings(context=args.context, full_context=args.full_context, lexicons=not args.no_lexicons,
                        c=args.c, min_count=args.min_count, prune=args.prune, granularity=args.granularity)
    try:
        if args.command == "baseline":
            b = score_lexicon_baseline()
            print(f"lexicon baseline (VADER |valence| >= {BASELINE_MIN_VALENCE:g} or TextBlob subjectivity >= "
                  f"{BASELINE_MIN_SUBJECTIVITY:g}, all {b['articles']} PTC "
                  f"articles): precision {b['precision']:.3f} ({b['predicted_overlapping']:,} of {b['predicted']:,}), "
                  f"recall {b['recall']:.3f} ({b['gold_overlapped']:,} of {b['gold']:,}), F1 {b['f1']:.3f}")
            return 0
        if args.command == "bench":
            r = throughput()
            print(f"tagger: {r['articles']} articles of {r['mean_words']} words in {r['seconds']} s on one core: "
                  f"{r['articles_per_second']:,} articles/s = {r['articles_per_second_at_words']:,} articles of "
                  f"{r['words']} words/s ({r['spans']:,} spans); first pass, with loading the model and "
                  f"building the type cache: {r['cold_seconds']} s")
            return 0
        if args.command == "cv":
            print(cross_validate(folds=args.folds, settings=settings))
            return 0
        model, report = rebuild(settings=settings, folds=args.folds, path=args.output)
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report)
    size = args.output.stat().st_size
    print(f"wrote {args.output} ({size / 1024:.0f} KiB, {len(model.weights):,} features, threshold "
          f"{model.threshold}) in {model.meta['training_seconds']} s of training on all articles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
