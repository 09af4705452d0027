"""In which language is an article written?

Uses py3langid (a maintained fork of langid.py, with its model inside the package: no download),
restricted to the languages news corpora about Russia, Ukraine and their neighbours plausibly contain.
The restriction matters: over all 97 languages of the model, short English headlines are often read
as Nigerian Pidgin or Central Bikol. A fixed prior (:data:`PRIOR`) favours the languages these corpora
are mostly written in; it only decides between close candidates, which happens on headlines of a few
words ("Ukraine invasion: Caernarfon stages solidarity rally" was French without it). On the 20,123
articles of ../shared/corpora it changed 8 short English headlines from fr/de/da/sv to English and
nothing else. ``make evaluate`` measures agreement with the language folders of the PPN corpus.
"""

from __future__ import annotations

import re
from functools import cache

#: ISO 639-1 codes considered. English and Russian first; Ukrainian, Belarusian and the languages
#: of outlets' other editions (RT, RRN and War on Fakes publish in Arabic, Chinese, French, Spanish,
#: German) and of the region.
LANGUAGES = ("en", "ru", "uk", "be", "de", "fr", "es", "it", "pt", "pl", "cs", "sk", "bg", "sr", "hr", "ro",
             "hu", "lt", "lv", "et", "fi", "sv", "no", "da", "nl", "el", "tr", "ka", "hy", "az", "kk", "ar",
             "fa", "he", "zh", "ja", "ko", "hi")
#: Characters of text examined. Six hundred decide as well as two thousand on the PPN and RUWA
#: corpora (same disagreements) at a third of the cost.
SAMPLE_CHARS = 600
UNDETERMINED = "und"
#: Prior probability of each language: English, Russian and Ukrainian, then the rest evenly.
PRIOR = {**dict.fromkeys(LANGUAGES, 0.2 / (len(LANGUAGES) - 3)), "en": 0.5, "ru": 0.2, "uk": 0.1}
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str, *, min_letters: int = 12) -> str:
    """ISO 639-1 code of the text's language, or ``und`` when there is too little text to tell.

    Args:
        text: Article text (only the first ``SAMPLE_CHARS`` characters are used).
        min_letters: Fewer letters than this give ``und``.
    """
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample)) < min_letters:
        return UNDETERMINED
    scores = _identifier().rank(sample)
    return max(scores, key=lambda pair: pair[1] * PRIOR[pair[0]])[0]
