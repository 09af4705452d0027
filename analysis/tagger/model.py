"""Which words of a text does a trained tagger mark, and how sure is it?

This is all that extraction needs: the :class:`Model` (feature weights and a threshold), read from
the shipped artifact (``analysis/models/loaded_language.json.gz``), and :func:`predict_spans`.
Prediction is numpy look-ups only: every feature depends on one token type at one offset, so each
distinct token type becomes a small (offsets x classes) row of contributions once, cached, and a text
is scored with a few gathers. Neither scikit-learn nor the training code is imported here.

A predicted span is one content word whose probability of being loaded or label (``1 - p(none)``)
reaches the threshold; its kind is the likelier of the two. Closed-class words ("your", "the", "of")
are never spans. ``granularity="run"`` merges adjacent words into runs.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import numpy as np

from analysis import config
from analysis.errors import CorpusError
from analysis.tagger.features import (
    CLOSED_CLASS,
    FUNCTION_WORDS,
    LETTER,
    PIECE,
    boundary_feature,
    is_word,
    part_of_speech_lexicon,
    type_features,
)
from analysis.tagger.settings import Settings

#: The shipped model.
ARTIFACT = config.PACKAGE / "models" / "loaded_language.json.gz"
#: Data files this module reads (they enter the cache key of every stage that imports it).
READS = ("models/loaded_language.json.gz",)
#: Artifact format; bump when the meaning of a field changes.
FORMAT = 1
#: The kinds of span, in the order of the model's classes after ``none``.
KINDS = ("loaded", "label")

#: Below this share of known English words among word tokens a text is not tagged (see :func:`is_english`).
MIN_ENGLISH_SHARE = 0.5
#: Nor is a text of 12 words or more without an English function word, or one of 40 or more where they
#: are under a tenth of the words (headlines are telegraphic; running English prose is about a third).
MIN_FUNCTION_SHARE = 0.1
SHORT_TEXT_WORDS, LONG_TEXT_WORDS = 12, 40
#: Type rows kept in memory before the cache is cleared (bounds memory on enormous, varied input).
MAX_CACHED_TYPES = 500_000
#: Type rows allocated at first; the table doubles when full.
INITIAL_TYPE_CAPACITY = 4096
#: Logits are clipped here before exponentiation (exp(50) is far from overflow, and p(none) is ~0 there).
MAX_LOGIT = 50.0
#: Decimals kept of a span's score, and of the weights and bias in the artifact.
SCORE_DECIMALS = 4
WEIGHT_DECIMALS = 4
BIAS_DECIMALS = 6
#: Characters that may separate the words of one run (``granularity="run"``).
RUN_JOINERS = " ,-\u00a0"


@dataclass(frozen=True)
class Span:
    """A predicted loaded-language span: character offsets into the text (end exclusive)."""

    start: int
    end: int
    kind: str      # "loaded" or "label"
    score: float   # probability that the token is loaded or label wording, 0..1


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


class Model:
    """A trained tagger: feature weights (log-odds of loaded and of label against none) and a threshold.

    Prediction needs only this object: each distinct token type is turned into a row of contributions
    once (:meth:`_type`) and cached.
    """

    def __init__(self, *, weights: Mapping[str, Sequence[float]], bias: Sequence[float], settings: Settings,
                 threshold: float, meta: Mapping | None = None) -> None:
        self.weights = {f: (float(w[0]), float(w[1])) for f, w in weights.items()}
        self.bias = np.asarray(bias, dtype=np.float64)
        self.settings = settings
        self.threshold = float(threshold)
        self.meta = dict(meta or {})
        self._by_offset = _weights_by_offset(self.weights, settings.context)
        self._types = _TypeTable(self)

    # ---- persistence

    def to_json(self) -> dict:
        """The artifact: settings, threshold, bias, weights (rounded) and how the model was made."""
        return {"format": FORMAT, "settings": asdict(self.settings), "threshold": self.threshold,
                "classes": ["none", *KINDS], "bias": [round(float(b), BIAS_DECIMALS) for b in self.bias],
                "meta": self.meta,
                "weights": {f: [round(w[0], WEIGHT_DECIMALS), round(w[1], WEIGHT_DECIMALS)]
                            for f, w in sorted(self.weights.items())}}

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
        """The type-table row of a token (given with its leading whitespace), computed on first sight.

        The contributions are those of :func:`~analysis.tagger.features.offset_features`, looked up by offset
        without formatting each feature's name (new types keep coming, one in about forty tokens).
        """
        token = piece.lstrip()
        index = self._types.index.get(token)
        if index is None:
            full = type_features(token, lexicons=self.settings.lexicons)
            contributions = []
            for offset, weights in self._by_offset.items():
                own = full if abs(offset) <= self.settings.full_context else full[:1]
                found = [weights[f] for f in own if f in weights]
                contributions.append((sum(w[0] for w in found), sum(w[1] for w in found)))
            index = self._types.add(token, contributions)
        self._types.index[piece] = index
        return index

    def token_scores(self, text: str) -> TokenScores:
        """Every word token of a text with its score; none when the text is not English (:meth:`is_english`)."""
        if len(self._types.index) > MAX_CACHED_TYPES:
            self._types = _TypeTable(self)   # between texts only: the rows of the current text stay valid
        pieces = PIECE.findall(text)
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
        odds = np.exp(np.minimum(logits, MAX_LOGIT))
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
        return self._types.english_enough(self._ids(PIECE.findall(text)))

    def predict_spans(self, text: str, *, threshold: float | None = None,
                      granularity: str | None = None) -> list[Span]:
        """Loaded and label spans of a text (see :func:`predict_spans`)."""
        return spans_from_scores(self.token_scores(text), text=text,
                                 threshold=self.threshold if threshold is None else threshold,
                                 granularity=granularity or self.settings.granularity)


def _weights_by_offset(weights: Mapping[str, tuple[float, float]],
                       context: int) -> dict[int, dict[str, tuple[float, float]]]:
    """The weights of the features a token sees at each offset -context..+context (in that order), keyed by
    the neighbour's type feature: ``"-1|w=so-called"`` is ``"w=so-called"`` at offset -1."""
    by_offset: dict[int, dict[str, tuple[float, float]]] = {offset: {} for offset in range(-context, context + 1)}
    for name, weight in weights.items():
        prefix, separator, feature = name.partition("|")
        try:
            offset = int(prefix)
        except ValueError:
            continue
        if separator and offset in by_offset and prefix == f"{offset:+d}":
            by_offset[offset][feature] = weight
    return by_offset


class _TypeTable:
    """What the model knows of each token type seen so far: its contribution to the logits of the token
    at each offset from it, whether it is a taggable word, whether it has letters and is English, and its
    length. Row 0 stands for "beyond the edge of the text"."""

    def __init__(self, model: Model, capacity: int = INITIAL_TYPE_CAPACITY) -> None:
        context = model.settings.context
        self.index: dict[str, int] = {}
        self.contributions = np.zeros((2 * context + 1, capacity, 2))
        for offset in range(-context, context + 1):
            self.contributions[offset + context, 0] = model.weights.get(boundary_feature(offset), (0.0, 0.0))
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
        self.letters[index] = bool(LETTER.search(token))
        self.english[index] = self.letters[index] and token.lower() in part_of_speech_lexicon()
        self.content[index] = self.word[index] and part_of_speech_lexicon().get(token.lower()) not in CLOSED_CLASS
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
                     round(float(tokens.scores[i]), SCORE_DECIMALS)) for i in hits]
    runs: list[list[int]] = []
    for i in hits:
        if runs and runs[-1][-1] == i - 1 and not text[tokens.ends[i - 1]:tokens.starts[i]].strip(RUN_JOINERS):
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
                          round(float(tokens.scores[best]), SCORE_DECIMALS)))
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
