"""What does the Propaganda Techniques Corpus mark as loaded language, and how is a prediction scored against it?

The tagger learns from PTC (SemEval-2020 Task 11; ``../shared/gold/ptc2020``): :func:`load_ptc` reads
its training articles and their Loaded_Language and Name_Calling,Labeling spans. :func:`score_spans`
is exactly the scoring of ``../shared/gold/README.md``: span precision is the share of predicted
spans that overlap a target gold span by at least one character, span recall the share of target gold
spans overlapped by at least one predicted span, F1 their harmonic mean; counts are summed over
articles (micro-average).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis import config
from analysis.errors import CorpusError

#: PTC techniques the tagger learns, and the kind each becomes.
TECHNIQUES = {"Loaded_Language": "loaded", "Name_Calling,Labeling": "label"}


def ptc_dir() -> Path:
    """The PTC folder in the shared gold annotations (may be absent in a fresh clone)."""
    return config.shared_dir() / "gold" / "ptc2020"


@dataclass(frozen=True)
class GoldSpan:
    """One annotated PTC span of a target technique."""

    article_id: str
    technique: str   # "Loaded_Language" or "Name_Calling,Labeling"
    start: int
    end: int

    @property
    def kind(self) -> str:
        return TECHNIQUES[self.technique]


def load_ptc(folder: Path | None = None) -> tuple[dict[str, str], dict[str, list[GoldSpan]]]:
    """PTC articles and their target spans (Loaded_Language and Name_Calling,Labeling).

    Every article is returned, also those without a target span (their predictions count against
    precision). Spans are kept as annotated: they may overlap or nest, and an identical span may carry
    both techniques.

    Args:
        folder: The ``ptc2020`` folder (default: :func:`ptc_dir`).

    Returns:
        ``(articles, labels)``: article id -> text, and article id -> spans sorted by offset.

    Raises:
        CorpusError: Naming the file and line when the folder is missing or a label line is malformed.
    """
    folder = folder or ptc_dir()
    texts_dir, labels_dir = folder / "train-articles", folder / "train-labels"
    if not texts_dir.is_dir():
        raise CorpusError(f"{texts_dir}: not found; the tagger is trained on ../shared/gold/ptc2020 "
                          f"(set {config.SHARED_ENV} to the folder that holds gold/)")
    articles: dict[str, str] = {}
    labels: dict[str, list[GoldSpan]] = {}
    for path in sorted(texts_dir.glob("article*.txt")):
        article_id = path.stem.removeprefix("article")
        articles[article_id] = text = path.read_text(encoding="utf-8")
        labels[article_id] = spans = []
        label_path = labels_dir / f"article{article_id}.task2-TC.labels"
        if not label_path.exists():
            continue
        for number, line in enumerate(label_path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.split("\t")
            try:
                owner, technique, start, end = parts[0], parts[1], int(parts[2]), int(parts[3])
            except (IndexError, ValueError):
                raise CorpusError(f"{label_path} line {number}: expected ID<TAB>technique<TAB>start<TAB>end, "
                                  f"got {line!r}") from None
            if owner != article_id or not 0 <= start < end <= len(text):
                raise CorpusError(f"{label_path} line {number}: span {start}-{end} of article {owner} does not "
                                  f"fit article {article_id} ({len(text)} characters)")
            if technique in TECHNIQUES:
                spans.append(GoldSpan(article_id, technique, start, end))
        spans.sort(key=lambda s: (s.start, s.end, s.technique))
    if not articles:
        raise CorpusError(f"{texts_dir}: no article*.txt files")
    return articles, labels


# ------------------------------------------------------------------------------------------- scoring


def span_bounds(spans: Iterable) -> np.ndarray:
    """(n, 2) array of (start, end) from spans given as objects with ``start``/``end`` or as pairs."""
    pairs = [(s.start, s.end) if hasattr(s, "start") else (s[0], s[1]) for s in spans]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def score_counts(predicted: Iterable, gold: Iterable) -> tuple[int, int, int, int]:
    """For one article: (predicted spans, those overlapping a gold span, gold spans, those overlapped)."""
    p, g = span_bounds(predicted), span_bounds(gold)
    if len(p) == 0 or len(g) == 0:
        return len(p), 0, len(g), 0
    overlap = (p[:, None, 0] < g[None, :, 1]) & (g[None, :, 0] < p[:, None, 1])
    return len(p), int(overlap.any(axis=1).sum()), len(g), int(overlap.any(axis=0).sum())


def ratios(predicted: int, correct: int, gold: int, found: int) -> dict:
    """Precision, recall and F1 (0 where undefined) from the four counts of :func:`score_counts`, with the counts."""
    precision = correct / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": predicted,
            "predicted_overlapping": correct, "gold": gold, "gold_overlapped": found}


def score_spans(predicted: Mapping[str, Iterable], gold: Mapping[str, Iterable]) -> dict:
    """Span precision, recall and F1 of loaded wording, exactly as ``../shared/gold/README.md`` defines them.

    Span precision is the share of predicted spans that overlap a target gold span by at least one
    character; span recall is the share of target gold spans overlapped by at least one predicted
    span; F1 is their harmonic mean. Counts are summed over articles before dividing (micro-average),
    so long articles weigh more. Kinds are not compared: pass every predicted ``loaded`` and ``label``
    span and every Loaded_Language and Name_Calling,Labeling gold span.

    Args:
        predicted: Article id -> predicted spans (objects with ``start`` and ``end``, or pairs).
        gold: Article id -> gold spans (same forms). An article missing from ``predicted`` has no
            predictions; one missing from ``gold`` has no gold spans.

    Returns:
        ``precision``, ``recall``, ``f1`` (0 where undefined), the four counts behind them
        (``predicted``, ``predicted_overlapping``, ``gold``, ``gold_overlapped``) and ``articles``.
    """
    totals = np.zeros(4, dtype=np.int64)
    ids = set(predicted) | set(gold)
    for article_id in ids:
        totals += score_counts(predicted.get(article_id, ()), gold.get(article_id, ()))
    return {**ratios(*map(int, totals)), "articles": len(ids)}
