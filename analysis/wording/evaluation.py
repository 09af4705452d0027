"""How accurate is the wording family's loaded-language output? Measured on SemEval-2020 PTC.

``make evaluate`` (``--only loaded_language``) scores the tagger's spans together with the default
pack's charged labels against the Loaded_Language and Name_Calling,Labeling spans of PTC 2020,
5-fold cross-validated by article, as ``../shared/gold/README.md`` specifies.
"""

from __future__ import annotations

from analysis import tagger
from analysis.wording import charged_spans


def evaluate_loaded_language() -> str:
    """Loaded-language span precision, recall and F1 on PTC 2020, cross-validated by article."""
    if not tagger.ptc_dir().exists():
        return f"loaded_language: skipped ({tagger.ptc_dir()} is absent)"
    return "loaded_language: " + str(tagger.cross_validate(extra_spans=charged_spans))


EVALUATIONS = {"loaded_language": evaluate_loaded_language}
