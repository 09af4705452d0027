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
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import pickle
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import numpy as np

from analysis import config
from analysis.errors import CorpusError

#: The shipped model.
ARTIFACT = config.PACKAGE / "models" / "loaded_language.json.gz"
#: PTC techniques the tagger learns, and the kind each becomes.
TECHNIQUES = {"Loaded_Language": "loaded", "Name_Calling,Labeling": "label"}
KINDS = ("loaded", "label")
#: Artifact format; bump when the meaning of a field changes.
FORMAT = 1
#: Thresholds tried when choosing one by cross-validation.
THRESHOLDS = tuple(round(t, 3) for t in np.arange(0.10, 0.701, 0.025))

#: A token: a word (letters or digits, with inner hyphens and apostrophes) or one other visible character.
TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*|\S")
#: The same with its leading whitespace, so that token offsets are a cumulative sum of lengths.
_PIECE = re.compile(r"\s*(?:[^\W_]+(?:[-'’][^\W_]+)*|\S)")
_LETTER = re.compile(r"[^\W\d_]")
#: Below this share of known English words among word tokens a text is not tagged (see :func:`is_english`).
MIN_ENGLISH_SHARE = 0.5
#: Nor is a text of 12 words or more without an English function word, or one of 40 or more where they
#: are under a tenth of the words (headlines are telegraphic; running English prose is about a third).
MIN_FUNCTION_SHARE = 0.1
SHORT_TEXT_WORDS, LONG_TEXT_WORDS = 12, 40
#: The commonest English function words: about a third of the words of English prose, few of French or German.
FUNCTION_WORDS = frozenset({
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "on", "with", "as", "by", "at", "from", "this",
    "be", "are", "have", "has", "had", "not", "but", "or", "an", "will", "would", "said", "his", "her", "he", "she",
    "they", "their", "its", "which", "who", "been", "were", "than", "also", "after", "about"})
#: Type rows kept in memory before the cache is cleared (bounds memory on enormous, varied input).
MAX_CACHED_TYPES = 500_000


def ptc_dir() -> Path:
    """The PTC folder in the shared gold annotations (may be absent in a fresh clone)."""
    return config.shared_dir() / "gold" / "ptc2020"


# --------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Span:
    """A predicted loaded-language span: character offsets into the text (end exclusive)."""

    start: int
    end: int
    kind: str      # "loaded" or "label"
    score: float   # probability that the token is loaded or label wording, 0..1


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


@dataclass(frozen=True)
class TokenScores:
    """The word tokens of one text with the model's scores (arrays of equal length, in text order).

    Attributes:
        starts, ends: Character offsets of each word token.
        scores: ``1 - p(none)``: the probability that the word is loaded or label wording.
        is_label: Whether label is likelier than loaded.
        content: False for closed-class words (articles, pronouns, prepositions, conjunctions), which
            may sit inside a loaded phrase but are never a span on their own or at a span's edge.
    """

    starts: np.ndarray
    ends: np.ndarray
    scores: np.ndarray
    is_label: np.ndarray
    content: np.ndarray

    @classmethod
    def empty(cls) -> TokenScores:
        none = np.zeros(0, dtype=np.int64)
        return cls(none, none, np.zeros(0), none.astype(bool), none.astype(bool))


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


# ------------------------------------------------------------------------------------------ features


@dataclass(frozen=True)
class Settings:
    """What the model sees; stored in the artifact so that prediction matches training.

    Attributes:
        context: Neighbours on each side whose features a token sees.
        full_context: Neighbours on each side seen with all type features; further ones by word only.
        lexicons: Whether VADER valence, TextBlob subjectivity and polarity and the Brill part of speech
            are features (else word form, suffix and shape only).
        c: Inverse L2 regularisation strength of the logistic regression.
        min_count: Features seen fewer times in training are dropped.
        prune: After training, features whose weights are all smaller than this (in absolute value) are
            dropped, which keeps the artifact small.
        granularity: ``token`` (each word a span) or ``run`` (adjacent words merged, across commas and
            hyphens).
    """

    context: int = 1
    full_context: int = 1
    lexicons: bool = True
    c: float = 1.0
    min_count: int = 1
    prune: float = 0.2
    granularity: str = "token"


def _package_file(package: str, *parts: str) -> Path:
    """A data file inside an installed package, found without importing the package (TextBlob's import
    alone takes a second and a half)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the tagger reads a lexicon inside the {package!r} package, which is not "
                                  f"installed: run `make install` (pip install -r requirements.txt)", name=package)
    return Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)


@cache
def _vader() -> dict[str, float]:
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
def _subjectivity() -> dict[str, tuple[float, float]]:
    """Adjective -> (mean subjectivity 0..1, mean polarity -1..1) from TextBlob's ``en-sentiment.xml``."""
    path = _package_file("textblob", "en", "en-sentiment.xml")
    senses: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for word in ElementTree.fromstring(path.read_bytes()).iter("word"):
        form = (word.get("form") or "").lower()
        if form:
            senses[form].append((float(word.get("subjectivity", 0)), float(word.get("polarity", 0))))
    return {form: (sum(s for s, _ in v) / len(v), sum(p for _, p in v) / len(v)) for form, v in senses.items()}


@cache
def _part_of_speech() -> dict[str, str]:
    """Lower-case word -> its most likely Brill tag from TextBlob's ``en-lexicon.txt`` (about 93,000 words).

    The lexicon lists case variants apart ("YOUR JJ", "your PRP$"); the lower-case entry wins.
    """
    text = _package_file("textblob", "en", "en-lexicon.txt").read_text(encoding="utf-8")
    entries = [line.split()[:2] for line in text.splitlines() if not line.startswith(";;;") and len(line.split()) >= 2]
    tags = {word: tag for word, tag in entries if word.islower()}
    for word, tag in entries:
        tags.setdefault(word.lower(), tag)
    return tags


#: Brill tags of closed-class words: determiners, pronouns, prepositions, conjunctions, modals, particles.
CLOSED_CLASS = frozenset({"DT", "PDT", "WDT", "PRP", "PRP$", "WP", "WP$", "WRB", "IN", "CC", "TO", "MD", "EX",
                          "RP", "POS"})

_PUNCTUATION_SHAPES = frozenset("\"“”‘’'«»!?.,;:()-–—")


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


#: Inflectional endings tried, in order, when a word is not in a lexicon: (ending, replacement).
_ENDINGS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
            ("ing", "e"), ("ily", "y"), ("ly", ""))


#: Endings in "s" that are not inflections ("heinous", "crisis", "chaos", "press").
_NOT_PLURAL = ("ous", "ss", "us", "is", "os")


def _stem(lower: str) -> str:
    """A word without its first matching inflectional ending ("slammed" -> "slamm", "lies" -> "lie")."""
    if lower.endswith(_NOT_PLURAL):
        return lower
    for ending, replacement in _ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            return lower[:-len(ending)] + replacement
    return lower


def _lookup(lexicon: Mapping[str, object], lower: str):
    """A lower-case word's lexicon entry, or that of its form without an inflectional ending ("blasted")."""
    found = lexicon.get(lower)
    if found is not None or len(lower) < 5 or lower.endswith(_NOT_PLURAL):
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
    if len(lower) > 4:
        features += ["x3=" + lower[-3:], "x4=" + lower[-4:]]
        stem = _stem(lower)
        if stem != lower:
            features.append("st=" + stem)
    if "-" in lower:
        features.append("hyphen")
    if lexicons:
        valence = _lookup(_vader(), lower)
        if valence is not None:
            features += [f"v{round(valence):+d}", f"v|{min(3, round(abs(valence)))}"]
        subjective = _lookup(_subjectivity(), lower)
        if subjective is not None:
            features += [f"subj{round(subjective[0] * 4)}", f"pol{round(subjective[1] * 2):+d}"]
        features.append("pos=" + _part_of_speech().get(lower, "?"))
    return features


def _offset_features(token: str, settings: Settings) -> list[list[str]]:
    """For each offset -context..+context, the features this token contributes to the token it is that far from.

    The token at position ``i + d`` contributes ``features[d + context]`` to the token at ``i``.
    """
    full = type_features(token, lexicons=settings.lexicons)
    rows = []
    for offset in range(-settings.context, settings.context + 1):
        own = full if abs(offset) <= settings.full_context else full[:1]
        rows.append([f"{offset:+d}|{f}" for f in own])
    return rows


def _boundary_feature(offset: int) -> str:
    return f"{offset:+d}|OUT"


def is_word(token: str) -> bool:
    """Whether a token can be tagged: it has letters, and they are all Latin (no Cyrillic, no Greek)."""
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and all(ch < "\u0250" for ch in letters)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) of every token: words and single other visible characters."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]


def token_rows(text: str, *, settings: Settings) -> tuple[list[tuple[int, int, str]], list[int], list[list[str]]]:
    """Tokens, the indices of the word tokens, and each word token's features (as in training)."""
    found = tokens(text)
    per_type = {t: _offset_features(t, settings) for t in {t for _, _, t in found}}
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
                features.append(_boundary_feature(offset))
        rows.append(features)
    return found, words, rows


def token_labels(found: Sequence[tuple[int, int, str]], words: Sequence[int], spans: Iterable[GoldSpan]) -> np.ndarray:
    """Class of each word token: 0 none, 1 loaded, 2 label (a token inside both kinds is a label)."""
    starts = np.array([found[i][0] for i in words], dtype=np.int64)
    ends = np.array([found[i][1] for i in words], dtype=np.int64)
    classes = np.zeros(len(words), dtype=np.int8)
    for span in spans:
        inside = (starts < span.end) & (ends > span.start)
        classes[inside] = np.maximum(classes[inside], 1 + KINDS.index(span.kind))
    return classes


# ----------------------------------------------------------------------------------------- the model


class Model:
    """A trained tagger: feature weights (log-odds of loaded and of label against none) and a threshold.

    Prediction needs only this object: each distinct token type is turned into a row of contributions
    once (:meth:`_row`) and cached.
    """

    def __init__(self, *, weights: Mapping[str, Sequence[float]], bias: Sequence[float], settings: Settings,
                 threshold: float, meta: Mapping | None = None) -> None:
        self.weights = {f: (float(w[0]), float(w[1])) for f, w in weights.items()}
        self.bias = np.asarray(bias, dtype=np.float64)
        self.settings = settings
        self.threshold = float(threshold)
        self.meta = dict(meta or {})
        self._types = _TypeTable(self)

    # ---- persistence

    def to_json(self) -> dict:
        """The artifact: settings, threshold, bias, weights (rounded) and how the model was made."""
        return {"format": FORMAT, "settings": asdict(self.settings), "threshold": self.threshold,
                "classes": ["none", *KINDS], "bias": [round(float(b), 6) for b in self.bias],
                "meta": self.meta,
                "weights": {f: [round(w[0], 4), round(w[1], 4)] for f, w in sorted(self.weights.items())}}

    def save(self, path: Path = ARTIFACT) -> Path:
        """Write the artifact as JSON, one feature a line (``zcat`` shows it), gzip-compressed when the name
        ends in ``.gz`` (the shipped model: 0.3 rather than 1.2 MB)."""
        data = self.to_json()
        weights = data.pop("weights")
        head = json.dumps(data, indent=1, ensure_ascii=False)[:-2]
        lines = [f" {json.dumps(f, ensure_ascii=False)}: {json.dumps(w)}" for f, w in weights.items()]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = head + ',\n "weights": {\n' + ",\n".join(lines) + "\n }\n}\n"
        if path.suffix == ".gz":  # gzip without a time stamp, so that a retrained model is byte-stable
            with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
                handle.write(text.encode("utf-8"))
        else:
            path.write_text(text, encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> Model:
        """Read an artifact written by :meth:`save`.

        Raises:
            CorpusError: Naming the file when it is missing, not JSON, or of another format.
        """
        try:
            raw = Path(path).read_bytes()
            data = json.loads(gzip.decompress(raw) if Path(path).suffix == ".gz" else raw)
        except FileNotFoundError:
            raise CorpusError(f"{path}: no tagger model; build it with `python -m analysis.tagger train`") from None
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}: not valid JSON: {error}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise CorpusError(f"{path}: expected a tagger model of format {FORMAT}")
        try:
            return cls(weights=data["weights"], bias=data["bias"], settings=Settings(**data["settings"]),
                       threshold=data["threshold"], meta=data.get("meta"))
        except (KeyError, TypeError, IndexError, ValueError) as error:
            raise CorpusError(f"{path}: malformed tagger model ({error!r})") from None

    # ---- prediction

    def _type(self, piece: str) -> int:
        """The type-table row of a token (given with its leading whitespace), computed on first sight."""
        token = piece.lstrip()
        index = self._types.index.get(token)
        if index is None:
            weights, contributions = self.weights, []
            for features in _offset_features(token, self.settings):
                found = [weights[f] for f in features if f in weights]
                contributions.append((sum(w[0] for w in found), sum(w[1] for w in found)))
            index = self._types.add(token, contributions)
        self._types.index[piece] = index
        return index

    def token_scores(self, text: str) -> TokenScores:
        """Every word token of a text with its score; none when the text is not English (:meth:`is_english`)."""
        if len(self._types.index) > MAX_CACHED_TYPES:
            self._types = _TypeTable(self)   # between texts only: the rows of the current text stay valid
        pieces = _PIECE.findall(text)
        ids = self._ids(pieces)
        types = self._types
        if not types.english_enough(ids):
            return TokenScores.empty()
        context = self.settings.context
        padded = np.concatenate([types.edge, ids, types.edge])
        at = np.flatnonzero(types.word[ids])   # word tokens, as positions in ids
        logits = self.bias + types.contributions[context].take(ids[at], axis=0)
        for offset in range(1, context + 1):
            logits += types.contributions[context - offset].take(padded[at + context - offset], axis=0)
            logits += types.contributions[context + offset].take(padded[at + context + offset], axis=0)
        odds = np.exp(np.minimum(logits, 50.0))
        scores = 1.0 - 1.0 / (1.0 + odds[:, 0] + odds[:, 1])
        ends = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))[at]
        words = ids[at]
        return TokenScores(ends - types.length[words], ends, scores, odds[:, 1] > odds[:, 0], types.content[words])

    def _ids(self, pieces: list[str]) -> np.ndarray:
        """Type-table rows of the tokens (pieces with their leading whitespace)."""
        ids = list(map(self._types.index.get, pieces))
        if None in ids:
            ids = [self._type(p) if i is None else i for i, p in zip(ids, pieces)]
        return np.array(ids, dtype=np.int64)

    def is_english(self, text: str) -> bool:
        """Whether this model tags a text: at least :data:`MIN_ENGLISH_SHARE` of its words (tokens with
        letters, in any script) are in TextBlob's English lexicon of about 93,000 words, and a longer text
        has enough common English function words ("the", "of"; see :data:`MIN_FUNCTION_SHARE`)."""
        return self._types.english_enough(self._ids(_PIECE.findall(text)))

    def predict_spans(self, text: str, *, threshold: float | None = None,
                      granularity: str | None = None) -> list[Span]:
        """Loaded and label spans of a text (see :func:`predict_spans`)."""
        return spans_from_scores(self.token_scores(text), text=text,
                                 threshold=self.threshold if threshold is None else threshold,
                                 granularity=granularity or self.settings.granularity)


class _TypeTable:
    """What the model knows of each token type seen so far: its contribution to the logits of the token
    at each offset from it, whether it is a taggable word, whether it has letters and is English, and its
    length. Row 0 stands for "beyond the edge of the text"."""

    def __init__(self, model: Model, capacity: int = 4096) -> None:
        context = model.settings.context
        self.index: dict[str, int] = {}
        self.contributions = np.zeros((2 * context + 1, capacity, 2))
        for offset in range(-context, context + 1):
            self.contributions[offset + context, 0] = model.weights.get(_boundary_feature(offset), (0.0, 0.0))
        self.word = np.zeros(capacity, dtype=bool)
        self.letters = np.zeros(capacity, dtype=bool)
        self.english = np.zeros(capacity, dtype=bool)
        self.content = np.zeros(capacity, dtype=bool)
        self.function = np.zeros(capacity, dtype=bool)
        self.length = np.zeros(capacity, dtype=np.int64)
        self.edge = np.zeros(context, dtype=np.int64)
        self.size = 1

    def add(self, token: str, contributions: Sequence) -> int:
        """Store a new type's row; return its index."""
        if self.size == len(self.word):
            self.contributions = np.concatenate([self.contributions, np.zeros_like(self.contributions)], axis=1)
            for name in ("word", "letters", "english", "content", "function", "length"):
                column = getattr(self, name)
                setattr(self, name, np.concatenate([column, np.zeros_like(column)]))
        index, self.size = self.size, self.size + 1
        self.contributions[:, index] = contributions
        self.word[index] = is_word(token)
        self.letters[index] = bool(_LETTER.search(token))
        self.english[index] = self.letters[index] and token.lower() in _part_of_speech()
        self.content[index] = self.word[index] and _part_of_speech().get(token.lower()) not in CLOSED_CLASS
        self.function[index] = token.lower() in FUNCTION_WORDS
        self.length[index] = len(token)
        self.index[token] = index
        return index

    def english_enough(self, ids: np.ndarray) -> bool:
        """Whether the tokens with letters are English enough to tag (see :data:`MIN_ENGLISH_SHARE` and
        :data:`MIN_FUNCTION_SHARE`)."""
        lettered = np.count_nonzero(self.letters[ids])
        if lettered == 0 or np.count_nonzero(self.english[ids]) < MIN_ENGLISH_SHARE * lettered:
            return False
        function = np.count_nonzero(self.function[ids])
        if lettered >= LONG_TEXT_WORDS:
            return function >= MIN_FUNCTION_SHARE * lettered
        return lettered < SHORT_TEXT_WORDS or function > 0


def spans_from_scores(tokens: TokenScores, *, threshold: float, text: str = "",
                      granularity: str = "token") -> list[Span]:
    """Spans from token scores: each content word at or above the threshold, or runs of such words.

    With ``granularity="run"``, neighbouring words at or above the threshold that ``text`` separates
    only by spaces, commas or hyphens are one span, trimmed of closed-class words at either end; its
    score is its best word's, and so is its kind.
    """
    hits = np.flatnonzero(tokens.scores >= threshold)
    if granularity == "token":
        hits = hits[tokens.content[hits]]
        return [Span(int(tokens.starts[i]), int(tokens.ends[i]), KINDS[int(tokens.is_label[i])],
                     round(float(tokens.scores[i]), 4)) for i in hits]
    runs: list[list[int]] = []
    for i in hits:
        if runs and runs[-1][-1] == i - 1 and not text[tokens.ends[i - 1]:tokens.starts[i]].strip(" ,-\u00a0"):
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = []
    for run in runs:
        kept = [i for i in run if tokens.content[i]]
        if not kept:
            continue
        best = max(run, key=lambda i: tokens.scores[i])
        spans.append(Span(int(tokens.starts[kept[0]]), int(tokens.ends[kept[-1]]), KINDS[int(tokens.is_label[best])],
                          round(float(tokens.scores[best]), 4)))
    return spans


@cache
def model_version(path: Path = ARTIFACT) -> str:
    """A short digest of the shipped artifact, for the wording family's ``VERSION`` (and so cache keys)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12] if Path(path).exists() else "missing"


@cache
def default_model() -> Model:
    """The shipped model (``analysis/models/loaded_language.json.gz``), loaded once per process."""
    return Model.load(ARTIFACT)


def predict_spans(text: str, *, threshold: float | None = None, granularity: str | None = None) -> list[Span]:
    """Loaded-language and name-calling spans in an English text, by the shipped model.

    Args:
        text: Any text; non-English text (mostly unknown or non-Latin words) gives no spans.
        threshold: Minimum score of a span (default: the threshold chosen by cross-validation).
        granularity: ``token`` (default: one content word a span) or ``run`` (adjacent words merged).

    Returns:
        Spans sorted by offset, each inside ``text`` and starting and ending on a content word, with
        ``kind`` ``loaded`` or ``label`` and ``score`` 0..1.
    """
    return default_model().predict_spans(text, threshold=threshold, granularity=granularity)


def is_english(text: str) -> bool:
    """Whether the shipped model tags a text (see :meth:`Model.is_english`)."""
    return default_model().is_english(text)


# ------------------------------------------------------------------------------------------ training


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


def _fit(rows: Sequence[Sequence[str]], classes: np.ndarray, *, settings: Settings,
         threshold: float, meta: Mapping | None = None) -> Model:
    """A model from feature rows and classes (0 none, 1 loaded, 2 label)."""
    from sklearn.linear_model import LogisticRegression

    matrix, vocabulary = _design(rows, min_count=settings.min_count)
    present = sorted(set(int(c) for c in classes))
    if len(present) < 2:
        raise ValueError("training data needs tokens inside and outside target spans")
    classifier = LogisticRegression(C=settings.c, max_iter=2000, tol=1e-4)
    classifier.fit(matrix, classes)
    # log-odds of each class against "none", for classes 1 and 2; a class never seen gets -inf-like odds
    coef = np.zeros((3, matrix.shape[1]))
    intercept = np.full(3, -30.0)
    if len(present) == 2:
        coef[present[1]], intercept[present[1]] = classifier.coef_[0], classifier.intercept_[0]
        intercept[present[0]] = 0.0
    else:
        coef[present], intercept[present] = classifier.coef_, classifier.intercept_
    if 0 in present:
        coef -= coef[0]
        intercept -= intercept[0]
    features = sorted(vocabulary, key=vocabulary.get)
    keep = np.abs(coef[1:]).max(axis=0) >= max(settings.prune, 0.00005)   # 0.00005: zero after rounding
    weights = {f: (coef[1, j], coef[2, j]) for j, f in enumerate(features) if keep[j]}
    return Model(weights=weights, bias=intercept[1:], settings=settings, threshold=threshold, meta=meta)


def train(*, articles: Mapping[str, str] | None = None, labels: Mapping[str, Sequence[GoldSpan]] | None = None,
          settings: Settings = Settings(), threshold: float = 0.25, meta: Mapping | None = None) -> Model:
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
    return _fit(rows, np.concatenate(classes) if classes else np.zeros(0), settings=settings,
                threshold=threshold, meta=meta)


# ------------------------------------------------------------------------------------------- scoring


def _bounds(spans: Iterable) -> np.ndarray:
    """(n, 2) array of (start, end) from spans given as objects with ``start``/``end`` or as pairs."""
    pairs = [(s.start, s.end) if hasattr(s, "start") else (s[0], s[1]) for s in spans]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def score_counts(predicted: Iterable, gold: Iterable) -> tuple[int, int, int, int]:
    """For one article: (predicted spans, those overlapping a gold span, gold spans, those overlapped)."""
    p, g = _bounds(predicted), _bounds(gold)
    if len(p) == 0 or len(g) == 0:
        return len(p), 0, len(g), 0
    overlap = (p[:, None, 0] < g[None, :, 1]) & (g[None, :, 0] < p[:, None, 1])
    return len(p), int(overlap.any(axis=1).sum()), len(g), int(overlap.any(axis=0).sum())


def _ratios(predicted: int, correct: int, gold: int, found: int) -> dict:
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
    return {**_ratios(*map(int, totals)), "articles": len(ids)}


# ---------------------------------------------------------------------------------- cross-validation


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
    return max(sorted(counts), key=lambda t: (_ratios(*map(int, counts[t]))["f1"], -t))


def out_of_fold_scores(articles: Mapping[str, str], labels: Mapping[str, Sequence[GoldSpan]], *, folds: int,
                       settings: Settings, seed: int = 0, cache: bool = True) -> dict[str, tuple]:
    """Article id -> token scores (as :meth:`Model.token_scores`) from the model trained without its fold.

    Training the fold models takes minutes, so the result is cached in ``data/cache/`` under a key made
    of this module's code, the settings, the folds and every article and span.
    """
    digest = hashlib.sha256(Path(__file__).read_bytes())
    model_settings = {k: v for k, v in asdict(settings).items() if k != "granularity"}   # spans are made later
    digest.update(json.dumps([model_settings, folds, seed]).encode())
    for article_id in sorted(articles):
        digest.update(f"{article_id}\0{articles[article_id]}\0".encode())
        digest.update(repr([(g.technique, g.start, g.end) for g in labels.get(article_id, ())]).encode())
    path = config.CACHE / f"tagger-oof-{digest.hexdigest()[:24]}.pickle"
    if cache and path.exists():   # plain arrays, not classes: ``python -m`` would pickle them as __main__'s
        return {a: TokenScores(*arrays) for a, arrays in pickle.loads(path.read_bytes()).items()}
    assignment = fold_of(articles, folds=folds, seed=seed)
    prepared = {}
    for article_id in sorted(articles):
        found, words, rows = token_rows(articles[article_id], settings=settings)
        prepared[article_id] = (rows, token_labels(found, words, labels.get(article_id, ())))
    scored = {}
    for fold in range(folds):
        training = [a for a in sorted(articles) if assignment[a] != fold]
        model = _fit([r for a in training for r in prepared[a][0]],
                     np.concatenate([prepared[a][1] for a in training]), settings=settings, threshold=0.5)
        for article_id in (a for a in sorted(articles) if assignment[a] == fold):
            scored[article_id] = model.token_scores(articles[article_id])
    if cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = path.with_name(f".{path.name}.{os.getpid()}")
        arrays = {a: (t.starts, t.ends, t.scores, t.is_label, t.content) for a, t in scored.items()}
        staging.write_bytes(pickle.dumps(arrays, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(staging, path)   # atomic: a concurrent reader never sees half a file
    return scored


def cross_validate(*, folds: int = 5, extra_spans: Callable[[str], Iterable] | None = None,
                   articles: Mapping[str, str] | None = None, labels: Mapping[str, Sequence[GoldSpan]] | None = None,
                   settings: Settings = Settings(), seed: int = 0,
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
    extra = {a: _bounds(extra_spans(articles[a])) for a in articles} if extra_spans else {}

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
        pooled=_ratios(*map(int, pooled_counts[threshold])), tagger_only=tagger_only, settings=settings,
        seconds=time.perf_counter() - started,
        by_threshold={t: round(_ratios(*map(int, c))["f1"], 4) for t, c in pooled_counts.items()})


def lexicon_spans(text: str, *, min_valence: float = 2.0, min_subjectivity: float = 0.8) -> list[tuple[int, int]]:
    """Words a sentiment lexicon calls strongly charged: the baseline the tagger is compared with.

    A word is a span when its VADER valence is at least ``min_valence`` in either direction or its
    TextBlob subjectivity is at least ``min_subjectivity``: a "lexicon of biased words".
    """
    valence, subjectivity = _vader(), _subjectivity()
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


# ------------------------------------------------------------------------------------------ command


def throughput(corpus: str = "default", *, words: int = 700, count: int = 200, repeat: int = 3) -> dict:
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


def rebuild(*, settings: Settings = Settings(), folds: int = 5, path: Path = ARTIFACT) -> tuple[Model, CrossValidation]:
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


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.tagger train|cv [--granularity run] [--no-lexicons] [--context N] [--c C]``."""
    parser = argparse.ArgumentParser(prog="python -m analysis.tagger", description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["train", "cv", "baseline", "bench"],
                        help="train: cross-validate, then rebuild the shipped model; cv: cross-validate only; "
                             "baseline: score a sentiment lexicon's charged words the same way; "
                             "bench: articles of 700 words tagged per second on one core")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--granularity", choices=["token", "run"], default=Settings.granularity)
    parser.add_argument("--no-lexicons", action="store_true", help="word form, suffix and shape features only")
    parser.add_argument("--context", type=int, default=Settings.context)
    parser.add_argument("--full-context", type=int, default=Settings.full_context)
    parser.add_argument("--c", type=float, default=Settings.c, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=Settings.min_count)
    parser.add_argument("--prune", type=float, default=Settings.prune,
                        help="drop features whose weights are all below this in absolute value")
    parser.add_argument("--output", type=Path, default=ARTIFACT, help="where train writes the model")
    args = parser.parse_args(argv)
    settings = Settings(context=args.context, full_context=args.full_context, lexicons=not args.no_lexicons,
                        c=args.c, min_count=args.min_count, prune=args.prune, granularity=args.granularity)
    try:
        if args.command == "baseline":
            b = score_lexicon_baseline()
            print(f"lexicon baseline (VADER |valence| >= 2 or TextBlob subjectivity >= 0.8, all {b['articles']} PTC "
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
