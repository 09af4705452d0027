"""How is a tagger model learned from PTC-style annotations?

Every word token is a row of features (:func:`analysis.tagger.features.token_rows`) with a class (0
none, 1 loaded, 2 label; :func:`token_labels`). A multinomial logistic regression (scikit-learn, L2)
is fitted on the sparse 0/1 design matrix, and its coefficients become the log-odds of loaded and of
label against none for each feature, which is all a :class:`~analysis.tagger.model.Model` keeps.
Training is deterministic: the solver has no randomness. scipy and scikit-learn are imported only
when a model is fitted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from analysis.tagger.features import token_rows
from analysis.tagger.model import KINDS, Model
from analysis.tagger.ptc import GoldSpan, load_ptc
from analysis.tagger.settings import DEFAULT_SETTINGS, Settings

#: Solver limits of the logistic regression.
MAX_ITERATIONS = 2000
TOLERANCE = 1e-4
#: Bias of a class never seen in training: odds of about e^-30, i.e. never predicted.
UNSEEN_CLASS_BIAS = -30.0
#: Weights below this in absolute value round to zero in the artifact (4 decimals), so they are always dropped.
WEIGHT_FLOOR = 0.00005
#: Default threshold of a model trained by :func:`train` (``python -m analysis.tagger train`` passes the
#: cross-validated one instead).
DEFAULT_THRESHOLD = 0.25


def token_labels(found: Sequence[tuple[int, int, str]], words: Sequence[int], spans: Iterable[GoldSpan]) -> np.ndarray:
    """Class of each word token: 0 none, 1 loaded, 2 label (a token inside both kinds is a label)."""
    starts = np.array([found[i][0] for i in words], dtype=np.int64)
    ends = np.array([found[i][1] for i in words], dtype=np.int64)
    classes = np.zeros(len(words), dtype=np.int8)
    for span in spans:
        inside = (starts < span.end) & (ends > span.start)
        classes[inside] = np.maximum(classes[inside], 1 + KINDS.index(span.kind))
    return classes


def _design(rows: Sequence[Sequence[str]], *, min_count: int, vocabulary: dict[str, int] | None = None):
    """Sparse 0/1 matrix of feature rows, and the vocabulary (features seen at least ``min_count`` times)."""
    from scipy.sparse import csr_matrix

    if vocabulary is None:
        counts = Counter(f for row in rows for f in row)
        vocabulary = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    indices, indptr = [], [0]
    for row in rows:
        indices.extend(sorted({vocabulary[f] for f in row if f in vocabulary}))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = csr_matrix((data, np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
                        shape=(len(rows), len(vocabulary)))
    return matrix, vocabulary


def fit(rows: Sequence[Sequence[str]], classes: np.ndarray, *, settings: Settings,
        threshold: float, meta: Mapping | None = None) -> Model:
    """A model from feature rows and classes (0 none, 1 loaded, 2 label)."""
    from sklearn.linear_model import LogisticRegression

    matrix, vocabulary = _design(rows, min_count=settings.min_count)
    present = sorted(set(int(c) for c in classes))
    if len(present) < 2:
        raise ValueError("training data needs tokens inside and outside target spans")
    classifier = LogisticRegression(C=settings.c, max_iter=MAX_ITERATIONS, tol=TOLERANCE)
    classifier.fit(matrix, classes)
    # log-odds of each class against "none", for classes 1 and 2; a class never seen gets -inf-like odds
    coef = np.zeros((3, matrix.shape[1]))
    intercept = np.full(3, UNSEEN_CLASS_BIAS)
    if len(present) == 2:
        coef[present[1]], intercept[present[1]] = classifier.coef_[0], classifier.intercept_[0]
        intercept[present[0]] = 0.0
    else:
        coef[present], intercept[present] = classifier.coef_, classifier.intercept_
    if 0 in present:
        coef -= coef[0]
        intercept -= intercept[0]
    features = sorted(vocabulary, key=vocabulary.get)
    keep = np.abs(coef[1:]).max(axis=0) >= max(settings.prune, WEIGHT_FLOOR)
    weights = {f: (coef[1, j], coef[2, j]) for j, f in enumerate(features) if keep[j]}
    return Model(weights=weights, bias=intercept[1:], settings=settings, threshold=threshold, meta=meta)


def train(*, articles: Mapping[str, str] | None = None, labels: Mapping[str, Sequence[GoldSpan]] | None = None,
          settings: Settings = DEFAULT_SETTINGS, threshold: float = DEFAULT_THRESHOLD,
          meta: Mapping | None = None) -> Model:
    """Train the tagger on PTC-style data (deterministic: the solver has no randomness).

    Args:
        articles: Article id -> text (default: every PTC training article, :func:`load_ptc`).
        labels: Article id -> target spans (default: the PTC spans of those articles).
        settings: Features and regularisation.
        threshold: The model's default threshold (``python -m analysis.tagger train`` passes the one
            chosen by cross-validation).
        meta: Provenance stored in the artifact.
    """
    if articles is None or labels is None:
        ptc_articles, ptc_labels = load_ptc()
        articles = ptc_articles if articles is None else articles
        labels = ptc_labels if labels is None else labels
    rows: list[list[str]] = []
    classes = []
    for article_id in sorted(articles):
        found, words, features = token_rows(articles[article_id], settings=settings)
        rows += features
        classes.append(token_labels(found, words, labels.get(article_id, ())))
    return fit(rows, np.concatenate(classes) if classes else np.zeros(0), settings=settings,
               threshold=threshold, meta=meta)
