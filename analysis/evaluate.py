"""How accurate are the project's automatic judgements, measured on data with known answers?

``make evaluate`` (``python -m analysis evaluate``) runs every registered evaluation whose data is
present and prints its figures; the README quotes them. Each evaluation is a function returning a
plain-text report.

* ``language``: detected language against the language folders of the PPN corpus (``ppn_en``,
  ``ppn_ru``), whose split the corpus README says was checked from the text itself;
* ``sentences``: agreement of the rule-based sentence splitter with NLTK's Punkt;
* the ``EVALUATIONS`` of every extraction family's ``evaluation`` module (see :mod:`analysis.mentions`), then
  of each module in :data:`COMPARISONS`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable

import pandas as pd

from analysis import corpus, datasets
from analysis.errors import CorpusError

#: Modules beyond the extraction families that declare ``EVALUATIONS`` (same-event grouping, ...).
COMPARISONS = ("analysis.events", "analysis.fingerprint", "analysis.compare")


def evaluate_language() -> str:
    """Agreement of detected language with PPN's language folders, with every disagreement listed."""
    wanted = {"ppn_en": "en", "ppn_ru": "ru"}
    missing = [name for name in wanted if not datasets.is_available(name)]
    if missing:
        return f"language: skipped ({', '.join(missing)} not available; set ANALYSIS_DATA_MIRROR or run make data)"
    loaded = corpus.load(list(wanted))
    articles = loaded.articles.assign(expected=loaded.articles["dataset"].map(wanted))
    agree = articles["language"] == articles["expected"]
    lines = [f"language: {int(agree.sum()):,} of {len(articles):,} distinct PPN articles "
             f"({agree.mean():.2%}) detected as their folder's language"]
    confusion = pd.crosstab(articles["expected"], articles["language"])
    lines += ["confusion (rows: folder, columns: detected):", confusion.to_string()]
    wrong = articles[~agree]
    if len(wrong):
        lines.append("disagreements (check by eye: several folder labels are wrong, e.g. Arabic and Chinese "
                     "texts filed as English):")
        for _, row in wrong.iterrows():
            lines.append(f"  {row['source']}: folder {row['expected']}, detected {row['language']}: "
                         f"{row['text'][:70]!r}")
    return "\n".join(lines)


def evaluate_sentences(*, sample: int = 1000, seed: int = 2) -> str:
    """Agreement of the sentence splitter with NLTK's Punkt (same abbreviations) on the corpus's texts."""
    from analysis.text import punkt_spans, sentence_spans

    articles = corpus.load("default").articles
    chosen = articles.sample(min(sample, len(articles)), random_state=seed)
    agree = differ = 0
    for text in chosen["text"]:
        ours = {end for _, end in sentence_spans(text)}
        reference = {end for _, end in punkt_spans(text)}
        agree += len(ours & reference)
        differ += len(ours ^ reference)
    share = agree / max(1, agree + differ)
    return (f"sentences: {agree:,} of {agree + differ:,} sentence ends ({share:.2%}) agree with NLTK Punkt given the "
            f"same abbreviations, on {len(chosen):,} articles of the default corpus (sample seed {seed})")


def registry() -> dict[str, Callable[[], str]]:
    """Every evaluation: language and sentences, then each extraction family's ``evaluation.EVALUATIONS``."""
    from analysis import mentions

    evaluations: dict[str, Callable[[], str]] = {"language": evaluate_language, "sentences": evaluate_sentences}
    for family in mentions.FAMILIES:
        module = mentions.family_part(family, "evaluation")
        evaluations.update(getattr(module, "EVALUATIONS", {}) if module else {})
    for name in COMPARISONS:
        evaluations.update(getattr(importlib.import_module(name), "EVALUATIONS", {})
                           if importlib.util.find_spec(name) else {})
    return evaluations


def run(only: Iterable[str] | None = None) -> str:
    """Run the registered evaluations (or only the named ones) and join their reports."""
    evaluations = registry()
    names = list(only) if only else list(evaluations)
    unknown = [n for n in names if n not in evaluations]
    if unknown:
        raise CorpusError(f"unknown evaluation {unknown}; registered: {', '.join(evaluations)}")
    return "\n\n".join(evaluations[name]() for name in names)
