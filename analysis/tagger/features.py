"""What does the tagger know about a token?

A text is cut into tokens (:data:`TOKEN`): words and single other visible characters. A token *type*
has features that do not depend on where it stands (:func:`type_features`): its lower-case form,
suffixes, the form without an inflectional ending, its shape, hyphenation, and what three word lists
shipped inside installed packages say of it: the VADER valence (``vaderSentiment``), the TextBlob
subjectivity and polarity of adjectives, and the Brill part of speech of TextBlob's lexicon. A token
sees the type features of itself and of its neighbours, each prefixed with the neighbour's offset
(``-1|w=so-called``; :func:`offset_features`), so every feature depends on one type at one offset.

The word lists are read from the package files without importing the packages.
"""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from analysis.tagger.settings import Settings

#: A token: a word (letters or digits, with inner hyphens and apostrophes) or one other visible character.
TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\S")
#: The same with its leading whitespace, so that token offsets are a cumulative sum of lengths.
PIECE = re.compile(r"\s*(?:[^\W_]+(?:[-'’][^\W_]+)*|\S)")
#: A letter in any script.
LETTER = re.compile(r"[^\W\d_]")

#: The commonest English function words: about a third of the words of English prose, few of French or German.
FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "by", "at", "from", "this",
    "be", "are", "have", "has", "had", "not", "but", "or", "an", "will", "would", "said", "his", "her", "he", "she",
    "they", "their", "its", "which", "who", "been", "were", "than", "also", "after", "about"})
#: Brill tags of closed-class words: determiners, pronouns, prepositions, conjunctions, modals, particles.
CLOSED_CLASS = frozenset({"DT", "PDT", "WDT", "PRP", "PRP$", "WP", "WP$", "WRB", "IN", "CC", "TO", "MD", "EX",
                          "RP", "POS"})

#: Punctuation tokens whose shape feature names the character; other punctuation is just "P".
_PUNCTUATION_SHAPES = frozenset("\"“”‘’'«»!?.,;:()-–—")
#: Inflectional endings tried, in order, when a word is not in a lexicon: (ending, replacement).
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
            ("ing", "e"), ("ily", "y"), ("ly", ""))
#: Endings in "s" that are not inflections ("heinous", "crisis", "chaos", "press").
_NOT_PLURAL = ("ous", "ss", "us", "is", "os")
#: The first code point after the Latin blocks (Basic Latin to Latin Extended-B): letters from here on
#: (IPA, Greek, Cyrillic, ...) make a token untaggable.
_AFTER_LATIN = "\u0250"

#: Words of at least this many characters get suffix and stem features.
MIN_SUFFIXED_LENGTH = 5
#: Lengths of the suffix features ("x3=ous", "x4=eous").
SUFFIX_LENGTHS = (3, 4)
#: A stem keeps at least this many characters ("lies" -> "lie", but "dies" stays).
MIN_STEM_LENGTH = 3
#: Words shorter than this are looked up in a lexicon only as written, never without an ending.
MIN_INFLECTED_LENGTH = 5
#: VADER valence features: the rounded valence, and its magnitude capped at this.
MAX_VALENCE_BIN = 3
#: TextBlob subjectivity (0..1) and polarity (-1..1) are rounded to this many steps per unit.
SUBJECTIVITY_BINS = 4
POLARITY_BINS = 2


# ------------------------------------------------------------------------------ word lists in packages

#: Packages whose data files are read without importing them (their versions enter cache keys).
LIBRARIES = ("vaderSentiment", "textblob")


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package (TextBlob's import
    alone takes a second and a half)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the tagger reads a lexicon inside the {package!r} package, which is not "
                                  f"installed: run `make install` (pip install -r requirements.txt)", name=package)
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


@cache
def vader_lexicon() -> dict[str, float]:
    """Word -> mean valence (-4..4) from the lexicon inside the vaderSentiment package."""
    text = _package_file("vaderSentiment", "vader_lexicon.txt").read_text(encoding="utf-8")
    valence = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                valence[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return valence


@cache
def subjectivity_lexicon() -> dict[str, tuple[float, float]]:
    """Adjective -> (mean subjectivity 0..1, mean polarity -1..1) from TextBlob's ``en-sentiment.xml``."""
    path = _package_file("textblob", "en", "en-sentiment.xml")
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for word in ElementTree.fromstring(path.read_bytes()).iter("word"):
        form = (word.get("form") or "").lower()
        if form:
            senses[form].append((float(word.get("subjectivity", 0)), float(word.get("polarity", 0))))
    return {form: (sum(s for s, _ in v) / len(v), sum(p for _, p in v) / len(v)) for form, v in senses.items()}


@cache
def part_of_speech_lexicon() -> dict[str, str]:
    """Lower-case word -> its most likely Brill tag from TextBlob's ``en-lexicon.txt`` (about 93,000 words).

    The lexicon lists case variants apart ("YOUR JJ", "your PRP$"); the lower-case entry wins.
    """
    text = _package_file("textblob", "en", "en-lexicon.txt").read_text(encoding="utf-8")
    entries = [line.split()[:2] for line in text.splitlines() if not line.startswith(";;;") and len(line.split()) >= 2]
    tags = {word: tag for word, tag in entries if word.islower()}
    for word, tag in entries:
        tags.setdefault(word.lower(), tag)
    return tags


# ------------------------------------------------------------------------------------ one token type


def _shape(token: str) -> str:
    if not token[0].isalnum():
        return "P" + token if token in _PUNCTUATION_SHAPES else "P"
    if len(token) > 1 and token.isupper():
        return "AA"
    if token[0].isupper():
        return "Aa"
    if any(ch.isdigit() for ch in token):
        return "d"
    return "a"


def _stem(lower: str) -> str:
    """A word without its first matching inflectional ending ("slammed" -> "slamm", "lies" -> "lie")."""
    if lower.endswith(_NOT_PLURAL):
        return lower
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= MIN_STEM_LENGTH:
            return lower[:-len(ending)] + replacement
    return lower


def _lookup(lexicon: Mapping[str, object], lower: str):
    """A lower-case word's lexicon entry, or that of its form without an inflectional ending ("blasted")."""
    found = lexicon.get(lower)
    if found is not None or len(lower) < MIN_INFLECTED_LENGTH or lower.endswith(_NOT_PLURAL):
        return found
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending):
            found = lexicon.get(lower[:-len(ending)] + replacement)
            if found is not None:
                return found
    return None


def type_features(token: str, *, lexicons: bool = True) -> list[str]:
    """Features of one token type, independent of where it stands; the word form comes first."""
    lower = token.lower()
    features = ["w=" + lower, "s=" + _shape(token)]
    if not token[0].isalnum():
        return features
    if len(lower) >= MIN_SUFFIXED_LENGTH:
        features += [f"x{n}=" + lower[-n:] for n in SUFFIX_LENGTHS]
        stem = _stem(lower)
        if stem != lower:
            features.append("st=" + stem)
    if "-" in lower:
        features.append("hyphen")
    if lexicons:
        valence = _lookup(vader_lexicon(), lower)
        if valence is not None:
            features += [f"v{round(valence):+d}", f"v|{min(MAX_VALENCE_BIN, round(abs(valence)))}"]
        subjective = _lookup(subjectivity_lexicon(), lower)
        if subjective is not None:
            features += [f"subj{round(subjective[0] * SUBJECTIVITY_BINS)}",
                         f"pol{round(subjective[1] * POLARITY_BINS):+d}"]
        features.append("pos=" + part_of_speech_lexicon().get(lower, "?"))
    return features


def offset_features(token: str, settings: Settings) -> list[list[str]]:
    """For each offset -context..+context, the features this token contributes to the token it is that far from.

    The token at position ``i + d`` contributes ``features[d + context]`` to the token at ``i``.
    """
    full = type_features(token, lexicons=settings.lexicons)
    rows = []
    for offset in range(-settings.context, settings.context + 1):
        own = full if abs(offset) <= settings.full_context else full[:1]
        rows.append([f"{offset:+d}|{f}" for f in own])
    return rows


def boundary_feature(offset: int) -> str:
    """The feature a token sees where its neighbour at ``offset`` would be beyond the edge of the text."""
    return f"{offset:+d}|OUT"


# ---------------------------------------------------------------------------------------- a text


def is_word(token: str) -> bool:
    """Whether a token can be tagged: it has letters, and they are all Latin (no Cyrillic, no Greek)."""
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and all(ch < _AFTER_LATIN for ch in letters)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every token: words and single other visible characters."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def token_rows(text: str, *, settings: Settings) -> tuple[list[tuple[int, int, str]], list[int], list[list[str]]]:
    """Tokens, the indices of the word tokens, and each word token's features (as in training)."""
    found = tokens(text)
    per_type = {t: offset_features(t, settings) for t in {t for _, _, t in found}}
    words = [i for i, (_, _, t) in enumerate(found) if is_word(t)]
    context, n = settings.context, len(found)
    rows = []
    for i in words:
        features = []
        for offset in range(-context, context + 1):
            j = i + offset
            if 0 <= j < n:
                features += per_type[found[j][2]][offset + context]
            else:
                features.append(boundary_feature(offset))
        rows.append(features)
    return found, words, rows
