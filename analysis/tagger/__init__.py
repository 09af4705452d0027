"""Which words of an English news article are loaded language or name-calling?

The wording lexicons find the charged labels they list; this tagger finds loaded wording they do not
list ("a complete travesty of justice", "bloodthirsty"). It is a token classifier trained on the
Propaganda Techniques Corpus (PTC, SemEval-2020 Task 11; ``../shared/gold/ptc2020``) with three
classes: ``none``, ``loaded`` (Loaded_Language) and ``label`` (Name_Calling,Labeling).

**Model.** Multinomial logistic regression (scikit-learn, L2) over the word tokens of an article. A
token's features are *type features* (lower-case form, suffixes, shape, hyphenation, the Brill part
of speech listed in TextBlob's lexicon, the VADER valence and the TextBlob subjectivity and polarity of
the word) of the token itself and of its neighbours, each prefixed with the neighbour's offset
(``-1|w=so-called``). Every feature therefore depends on one token type at one offset, so a token's
score is a sum of per-type contributions: at prediction time each distinct token type becomes a
small (offsets x classes) row once, cached, and an article is scored with a few numpy gathers. No
scikit-learn object is needed at run time; the shipped artifact is the weight of each feature as JSON
(``analysis/models/loaded_language.json.gz``), readable by any version of anything.

**Spans.** A predicted span is one content word whose probability of being loaded or label
(``1 - p(none)``) reaches the threshold; its kind is the likelier of the two. Closed-class words
("your", "the", "of") score high inside annotated phrases but are never spans. Single words score a
little better than runs of adjacent words under the PTC scoring (cross-validated F1 0.405 against
0.397; see ``analysis/models/README.md``), and they are what a table of loaded terms by outlet
counts; ``granularity="run"`` gives the runs.

**Scoring** (:func:`score_spans`) is exactly that of ``../shared/gold/README.md``: span precision is the
share of predicted spans that overlap a target gold span (Loaded_Language or Name_Calling,Labeling) by
at least one character, span recall the share of target gold spans overlapped by at least one
predicted span, F1 their harmonic mean; counts are summed over articles (micro-average).

**Accuracy** is estimated by :func:`cross_validate` only: article-level folds, each fold predicted by
a model trained on the other folds, with the threshold chosen on the other folds' predictions. The
shipped model is trained on all 371 articles, so its in-sample scores say nothing about unseen text.

Rebuild the artifact (and print the cross-validated scores) with ``python -m analysis.tagger train``.

The modules, one question each:

==================  =================================================================================
``settings``        what the model sees and how it is regularised (stored in the artifact)
``features``        tokens, token shapes, type and offset features, the word lists read from packages
``model``           the trained model, its artifact and :func:`predict_spans` (all extraction imports)
``ptc``             the PTC gold spans and the span scorer
``training``        the design matrix and the logistic-regression fit
``evaluation``      cross-validation, its out-of-fold cache, and the sentiment-lexicon baseline
``__main__``        ``python -m analysis.tagger train|cv|baseline|bench``
==================  =================================================================================

Importing this package loads only the prediction path (``settings``, ``features``, ``model``); the
names of ``ptc``, ``training`` and ``evaluation`` below are imported on first use, so extraction never
loads the training code.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from analysis.tagger.features import TOKEN, is_word, token_rows, tokens, type_features
from analysis.tagger.model import (
    ARTIFACT,
    FORMAT,
    KINDS,
    Model,
    Span,
    TokenScores,
    default_model,
    is_english,
    model_version,
    predict_spans,
    spans_from_scores,
)
from analysis.tagger.settings import Settings

if TYPE_CHECKING:
    from analysis.tagger.evaluation import (
        THRESHOLDS,
        CrossValidation,
        cross_validate,
        fold_of,
        lexicon_spans,
        out_of_fold_scores,
        score_lexicon_baseline,
    )
    from analysis.tagger.ptc import TECHNIQUES, GoldSpan, load_ptc, ptc_dir, score_counts, score_spans
    from analysis.tagger.training import token_labels, train

#: Public names of the training and evaluation modules, imported when first asked for.
_ON_FIRST_USE = {
    "analysis.tagger.ptc": ("TECHNIQUES", "GoldSpan", "load_ptc", "ptc_dir", "score_counts", "score_spans"),
    "analysis.tagger.training": ("token_labels", "train"),
    "analysis.tagger.evaluation": ("THRESHOLDS", "CrossValidation", "cross_validate", "fold_of", "lexicon_spans",
                                   "out_of_fold_scores", "score_lexicon_baseline"),
}
_HOME = {name: module for module, names in _ON_FIRST_USE.items() for name in names}

__all__ = [
    # prediction
    "ARTIFACT", "FORMAT", "KINDS", "TOKEN", "Model", "Settings", "Span", "TokenScores", "default_model",
    "is_english", "is_word", "model_version", "predict_spans", "spans_from_scores", "token_rows", "tokens",
    "type_features",
    # gold, training and evaluation (imported on first use)
    "TECHNIQUES", "GoldSpan", "load_ptc", "ptc_dir", "score_counts", "score_spans", "token_labels", "train",
    "THRESHOLDS", "CrossValidation", "cross_validate", "fold_of", "lexicon_spans", "out_of_fold_scores",
    "score_lexicon_baseline",
]


def __getattr__(name: str) -> object:
    """A training or evaluation name (see :data:`_ON_FIRST_USE`), importing its module on first use."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_HOME[name]), name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
