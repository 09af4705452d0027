"""Can the outlet be told from its framing alone, and by what?

Each article becomes a row of *framing features* computed from the three families' mentions, never from
the words of its text (:func:`features`): wording rates per 1,000 words by kind and category and the share
of each naming variant per concept; sourcing shares (verb class, verb class by the speaker's side, side,
source type, channel, quotation form, unnamed and relayed sources) and attributions per 1,000 words;
designations per 1,000 words by type, authority and voice. A classifier (features non-zero in at least
:data:`MIN_SUPPORT` training articles, imputation of undefined shares with the training mean,
standardisation, logistic regression with balanced class weights) learns the outlet from those features
alone (:func:`fit_and_score`).

The folds are *grouped* (scikit-learn's ``StratifiedGroupKFold``): every article of one group (the RUWA
``event`` where the article has one, else its month of publication, else one ``undated`` group) is in the
same fold, so a model is always tested on news it did not train on and cannot recognise an outlet by the
stories of the day. The same folds score a bag-of-words baseline (tf-idf of the text with every outlet's
name blanked, vocabulary and weights from the training folds, the same classifier) and chance (class
shares), so a reader sees how much of what tells outlets apart is framing and how much the words add
(topic, style, boilerplate, and the framing words themselves).

Reported per content type (full articles and headline rows differ in length and in what mentions they can
hold, so they are never mixed): macro-F1 out of fold with a 95% interval from a bootstrap over articles
(resampled within each outlet, all models on the same draws, so the difference framing - words has a paired
interval), the fold-to-fold range, confusion matrices, and the features that carry each outlet (the
coefficients of the framing model refitted on all articles, on standardised features: log-odds per standard
deviation). Each row of the features table traces to the mentions behind it (``python -m analysis trace``),
each cell of a confusion matrix to its articles.

Inclusion: English articles (the wording lexicons and the tagger read English) of at least
:data:`MIN_WORDS` words, from outlets with at least :data:`MIN_ARTICLES` such articles of the content type.
With fewer than two such outlets, or fewer than two groups, nothing is fitted and the tables say why. The
fitted result is cached (``data/cache/fingerprint-<key>.pickle``) by this module's code, the pack, the
options and the article and mention columns it reads (:func:`cache_key`).
"""

from __future__ import annotations

import hashlib
import re
import warnings
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from analysis import cache as cache_module
from analysis import config, plots, stats
from analysis import mentions as mentions_module
from analysis.designations.lexicon import for_topic as designation_vocabulary
from analysis.figures import FigureSpec
from analysis.schema import SOURCE_TYPES
from analysis.sourcing.lexicons import for_topic as sourcing_vocabulary
from analysis.topic import Topic
from analysis.wording import lexicon as wording_lexicon
from analysis.wording.tables import RATE_KINDS, concepts_with_choices

#: Fewest words an article needs: below it one mention is a rate of 100+ per 1,000 words (most RUWA
#: headline rows have 24-48 words; full articles hundreds).
MIN_WORDS = 10
#: Fewest kept articles of a content type an outlet needs to be classified (about 10 per test fold with 5 folds).
MIN_ARTICLES = 50
#: Only articles in this language are classified (the wording lexicons and the tagger read English).
LANGUAGE = "en"
FOLDS = 5
SEED = stats.SEED
#: Fewest articles (of a model's training articles) in which a feature is non-zero for the model to use it: a
#: coefficient resting on a handful of articles describes those articles, not the outlet.
MIN_SUPPORT = 20
#: Features listed per outlet (highest coefficients).
TOP_FEATURES = 5
#: Inverse regularisation strength of every logistic regression, and its iterations.
C = 1.0
MAX_ITER = 100
#: The bag-of-words baseline: terms in at least MIN_DF articles, at most BOW_TERMS of them.
MIN_DF = 3
BOW_TERMS = 20_000
#: Models scored under the same folds, in the order tables list them.
MODELS = ("framing", "words", "chance")

SCORE_COLUMNS = ["content_type", "model", "macro_f1", "ci_low", "ci_high", "minus_words", "minus_words_low",
                 "minus_words_high", "fold_min", "fold_max", "articles", "outlets", "groups", "grouping", "folds",
                 "included", "note"]
CONFUSION_COLUMNS = ["content_type", "model", "outlet", "predicted", "count", "articles", "share"]
FEATURE_COLUMNS = ["content_type", "outlet", "feature", "label", "family", "coefficient", "rank", "outlet_mean",
                   "others_mean", "mentions", "articles_with", "example", "example_article"]
OUTLET_COLUMNS = ["content_type", "model", "outlet", "articles", "precision", "recall", "f1"]
COVERAGE_COLUMNS = ["content_type", "outlet", "articles", "in_language", "long_enough", "included"]


# --- features ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A family of features: the mentions it counts, the columns whose values name each feature, and the
    denominator (per 1,000 words when ``within`` is None; else a share of the article's chosen mentions
    with the same values of the ``within`` columns, a prefix of ``key``).

    ``rows(mentions, topic)`` chooses the mentions and adds the key columns as strings; ``known(topic)``
    lists the values the pack declares (a feature even when no article has it), ``extras`` whether other
    observed values become features too; ``label(values, topic)`` is the feature's readable name.
    """

    name: str
    family: str
    key: tuple[str, ...]
    within: tuple[str, ...] | None
    rows: Callable[[pd.DataFrame, Topic], pd.DataFrame]
    known: Callable[[Topic], list[tuple[str, ...]]]
    label: Callable[[tuple[str, ...], Topic], str]
    extras: bool = True


def _text(value: str) -> str:
    return str(value).replace("_", " ")


def _as_str(rows: pd.DataFrame, **columns: pd.Series) -> pd.DataFrame:
    """``rows`` with the given columns set, as plain strings (missing stays missing)."""
    return rows.assign(**{name: values.astype("object").where(values.notna(), None) for name, values in
                          columns.items()})


def _wording_rows(mentions: pd.DataFrame, topic: Topic) -> pd.DataFrame:
    rows = mentions[mentions["kind"].isin(RATE_KINDS)]
    return _as_str(rows, kind=rows["kind"], category=rows["category"])


def _wording_known(topic: Topic) -> list[tuple[str, ...]]:
    pairs = {(e.kind, e.category) for e in wording_lexicon.for_topic(topic).entries if e.kind in RATE_KINDS}
    return sorted(pairs, key=lambda p: (RATE_KINDS.index(p[0]), p[1]))


def _wording_label(values: tuple[str, ...], topic: Topic) -> str:
    kind, category = values
    return f"{_text(kind)}s per 1,000 words" if kind == category else \
        f"{_text(kind)}: {_text(category)} per 1,000 words"


def _naming_rows(mentions: pd.DataFrame, topic: Topic) -> pd.DataFrame:
    rows = mentions[(mentions["kind"] == "naming") & mentions["variant"].notna()]
    rows = rows[rows["canonical"].isin(concepts_with_choices(topic))]
    return _as_str(rows, canonical=rows["canonical"], variant=rows["variant"])


def _naming_forms(topic: Topic) -> dict[tuple[str, str], str]:
    """The first form of each concept's variant in the pack, in the analysed language where it has one."""
    forms: dict[tuple[str, str], str] = {}
    choices = concepts_with_choices(topic)
    entries = sorted(wording_lexicon.for_topic(topic).entries, key=lambda e: e.language != LANGUAGE)
    for entry in entries:
        if entry.kind == "naming" and entry.variant and entry.canonical in choices and entry.terms:
            forms.setdefault((entry.canonical, entry.variant), entry.terms[0])
    return forms


def _naming_known(topic: Topic) -> list[tuple[str, ...]]:
    """Every (concept, variant) of the pack's naming concepts with competing forms, sorted."""
    choices = concepts_with_choices(topic)
    return sorted({(e.canonical, e.variant) for e in wording_lexicon.for_topic(topic).entries
                   if e.kind == "naming" and e.variant and e.canonical in choices})


def _naming_label(values: tuple[str, ...], topic: Topic) -> str:
    concept, variant = values
    form = _naming_forms(topic).get((concept, variant))
    shown = f'"{form}" ({_text(variant)})' if form else _text(variant)
    return f'"{concept}" named {shown}: share of its namings'


def _attributions(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["family"] == "sourcing"] if "family" in mentions else mentions


def _sourcing_rows(column: str, derive: Callable[[pd.DataFrame], pd.Series] | None = None):
    def rows(mentions: pd.DataFrame, topic: Topic) -> pd.DataFrame:
        found = _attributions(mentions)
        return _as_str(found, **{column: derive(found) if derive else found[column]})
    return rows


def _channel(found: pd.DataFrame) -> pd.Series:
    """The channel without the outlet it names (``interview:RT`` -> ``interview``); ``none`` when unstated."""
    channel = found["channel"].astype("object")
    return channel.map(lambda c: c.split(":")[0] if isinstance(c, str) else "none")


def _flag(column: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda found: found[column].astype("boolean").fillna(False).astype(bool).map({True: "yes", False: "no"})


def _verbs_by_side_rows(mentions: pd.DataFrame, topic: Topic) -> pd.DataFrame:
    found = _attributions(mentions)
    found = found[found["side"].isin(list(topic.compared_sides))]
    return _as_str(found, side=found["side"], verb_class=found["verb_class"])


def _classes(topic: Topic) -> list[str]:
    return list(sourcing_vocabulary(topic).classes)


def _designation_rows(column: str):
    def rows(mentions: pd.DataFrame, topic: Topic) -> pd.DataFrame:
        found = mentions[mentions["family"] == "designation"] if "family" in mentions else mentions
        return _as_str(found, **{column: found[column]})
    return rows


#: Every feature block, in the order of the columns of :func:`features`.
BLOCKS: tuple[Block, ...] = (
    Block("wording_rate", "wording", ("kind", "category"), None, _wording_rows, _wording_known, _wording_label),
    Block("naming_share", "wording", ("canonical", "variant"), ("canonical",), _naming_rows, _naming_known,
          _naming_label),
    Block("attribution_rate", "sourcing", ("all",), None,
          _sourcing_rows("all", lambda found: pd.Series("attribution", index=found.index)),
          lambda topic: [("attribution",)], lambda values, topic: "attributions per 1,000 words", extras=False),
    Block("quotation", "sourcing", ("kind",), (), _sourcing_rows("kind"), lambda topic: [],
          lambda values, topic: f"attributions in {_text(values[0])} form: share"),
    Block("verb_class", "sourcing", ("verb_class",), (), _sourcing_rows("verb_class"),
          lambda topic: [(c,) for c in _classes(topic)],
          lambda values, topic: f"reporting verbs: {_text(values[0])} (share of attributions)"),
    Block("verb_by_side", "sourcing", ("side", "verb_class"), ("side",), _verbs_by_side_rows,
          lambda topic: [(s, c) for s in topic.compared_sides for c in _classes(topic)],
          lambda values, topic: f"{_text(values[1])} verbs for speakers of {topic.side_name(values[0])} "
                                f"(share of that side's attributions)"),
    Block("side", "sourcing", ("side",), (), _sourcing_rows("side"), lambda topic: [(s,) for s in topic.side_order],
          lambda values, topic: f"speakers of {topic.side_name(values[0])} (share of attributions)"),
    Block("source_type", "sourcing", ("source_type",), (), _sourcing_rows("source_type"),
          lambda topic: [(t,) for t in SOURCE_TYPES],
          lambda values, topic: f"sources of type {_text(values[0])} (share of attributions)"),
    Block("channel", "sourcing", ("channel",), (), _sourcing_rows("channel", _channel), lambda topic: [("none",)],
          lambda values, topic: "no channel stated (share of attributions)" if values[0] == "none" else
          f"channel {_text(values[0])} (share of attributions)"),
    Block("anonymous", "sourcing", ("anonymous",), (), _sourcing_rows("anonymous", _flag("anonymous")),
          lambda topic: [("yes",)], lambda values, topic: "unnamed sources (share of attributions)", extras=False),
    Block("relayed", "sourcing", ("relayed",), (), _sourcing_rows("relayed", _flag("relayed")),
          lambda topic: [("yes",)], lambda values, topic: "named sources relaying unnamed ones (share of attributions)",
          extras=False),
    Block("designation_rate", "designations", ("designation",), None, _designation_rows("designation"),
          lambda topic: [(t,) for t in designation_vocabulary(topic).types],
          lambda values, topic: f"designated {_text(values[0])} per 1,000 words"),
    Block("designation_authority", "designations", ("authority",), None, _designation_rows("authority"),
          lambda topic: [(a.name,) for a in designation_vocabulary(topic).authorities],
          lambda values, topic: f"designations by the authority of {values[0]} per 1,000 words"),
    Block("designation_voice", "designations", ("voice",), None, _designation_rows("voice"),
          lambda topic: [("own",), ("reported",)],
          lambda values, topic: f"designations in {'the outlet' if values[0] == 'own' else 'a reported'} voice "
                                f"per 1,000 words"),
)
_BLOCKS = {block.name: block for block in BLOCKS}


def _family_mentions(mentions_by_family: Mapping[str, pd.DataFrame], family: str) -> pd.DataFrame:
    for name, table in mentions_by_family.items():
        if mentions_module.family_name(name) == family:
            return table
    return pd.DataFrame(columns=mentions_module.MENTION_COLUMNS)


def _block_values(block: Block, rows: pd.DataFrame, topic: Topic) -> list[tuple[str, ...]]:
    """The pack's values, then the other observed ones (sorted) where the block takes extras."""
    known = list(dict.fromkeys(tuple(v) for v in block.known(topic)))
    if block.extras and len(rows):
        seen = rows[list(block.key)].dropna().drop_duplicates()
        extra = sorted(set(map(tuple, seen.to_numpy().tolist())) - set(known))
        known += extra
    return known


def feature_name(block: Block, values: tuple[str, ...]) -> str:
    """A feature's column name: the block and its values (``verb_by_side:russia/distancing``)."""
    return f"{block.name}:{'/'.join(values)}"


def _chosen_blocks(mentions_by_family: Mapping[str, pd.DataFrame], ids: pd.Index | None, topic: Topic):
    """Each block with its chosen mentions (of the articles ``ids``, or all) and its feature values."""
    wanted = set(ids) if ids is not None else None
    by_family = {}
    for family in dict.fromkeys(block.family for block in BLOCKS):
        found = _family_mentions(mentions_by_family, family)
        by_family[family] = found if wanted is None else found[found["article_id"].isin(wanted)]
    for block in BLOCKS:
        chosen = block.rows(by_family[block.family], topic)
        yield block, chosen, _block_values(block, chosen, topic)


def catalogue(mentions_by_family: Mapping[str, pd.DataFrame], *, topic: Topic,
              articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every feature :func:`features` computes from these mentions (of these articles), in column order.

    Returns:
        feature, label (readable), family, block, values (tuple of the key values), per (``1,000 words`` or
        ``share``).
    """
    ids = pd.Index(articles["article_id"]) if articles is not None else None
    rows = [(feature_name(block, values), block.label(values, topic), block.family, block.name, values,
             "1,000 words" if block.within is None else "share")
            for block, _chosen, found in _chosen_blocks(mentions_by_family, ids, topic) for values in found]
    return pd.DataFrame(rows, columns=["feature", "label", "family", "block", "values", "per"])


def features(articles: pd.DataFrame, mentions_by_family: Mapping[str, pd.DataFrame], *,
             topic: Topic) -> pd.DataFrame:
    """The framing features of each article: counts of its mentions, never the words of its text.

    Columns (in :data:`BLOCKS` order, named ``<block>:<values>``, listed with readable labels by
    :func:`catalogue`): the pack's values of each block, then any other value these articles' mentions
    have (sorted). Rates are per 1,000 words (``n_words``); a share is the article's chosen mentions with
    the feature's values over all its chosen mentions of the block (with the same ``within`` values, e.g.
    the same concept or side), missing (NaN) when the article has none, so that a model imputes rather than
    reads "no attribution" as a choice.

    Args:
        articles: Article rows with ``article_id`` and ``n_words`` (positive).
        mentions_by_family: Mentions tables keyed by family (``wording``, ``designations``, ``sourcing``);
            a missing family contributes its pack-declared features, all zero or missing.
        topic: The pack: naming concepts, verb classes, sides, designation types and authorities.

    Returns:
        One row per article (index ``article_id``, in the order given), one float column per feature.
    """
    ids = pd.Index(articles["article_id"], name="article_id")
    words = pd.Series(articles["n_words"].to_numpy(dtype=np.float64), index=ids)
    columns: dict[str, pd.Series] = {}
    for block, chosen, values in _chosen_blocks(mentions_by_family, ids, topic):
        if not values:
            continue
        counts = _counts(chosen, list(block.key), values, ids)
        if block.within is None:
            frame = counts.div(words, axis=0) * 1000
        else:
            frame = counts / _denominators(chosen, block, values, ids)
        frame.columns = [feature_name(block, v) for v in values]
        columns.update({c: frame[c].astype(np.float64) for c in frame.columns})
    return pd.DataFrame(columns, index=ids)


def _denominators(chosen: pd.DataFrame, block: Block, values: list[tuple[str, ...]], ids: pd.Index) -> np.ndarray:
    """Per article and feature, the mentions a share is taken of (NaN where there are none)."""
    depth = len(block.within or ())
    if depth:
        prefixes = sorted({v[:depth] for v in values})
        totals = _counts(chosen, list(block.within), prefixes, ids)
        found = np.column_stack([totals[v[:depth] if depth > 1 else v[0]].to_numpy() for v in values])
    else:
        found = np.repeat(chosen.groupby("article_id").size().reindex(ids, fill_value=0).to_numpy(dtype=np.float64)
                          [:, None], len(values), axis=1)
    return np.where(found > 0, found, np.nan)


def _counts(rows: pd.DataFrame, key: list[str], values: list[tuple[str, ...]], ids: pd.Index) -> pd.DataFrame:
    """Mentions per article (rows ``ids``) and key value (columns ``values``, in that order)."""
    if rows.empty:
        return pd.DataFrame(0.0, index=ids, columns=pd.MultiIndex.from_tuples(values) if len(key) > 1 else
                            [v[0] for v in values])
    grouped = rows.dropna(subset=key).groupby(["article_id", *key]).size()
    wide = grouped.unstack(key, fill_value=0) if len(grouped) else pd.DataFrame(index=ids)
    wanted = pd.MultiIndex.from_tuples(values) if len(key) > 1 else pd.Index([v[0] for v in values])
    return wide.reindex(index=ids, columns=wanted, fill_value=0).astype(np.float64)


# --- which articles, in which groups -------------------------------------------------------------------------


def coverage(articles: pd.DataFrame, *, language: str = LANGUAGE, min_words: int = MIN_WORDS,
             min_articles: int = MIN_ARTICLES) -> pd.DataFrame:
    """Per content type and outlet: its articles, those in ``language``, those of ``min_words`` words or more,
    and whether the outlet is classified (``min_articles`` or more of the latter).

    Returns:
        content_type, outlet, articles, in_language, long_enough, included; sorted.
    """
    if articles.empty:
        return pd.DataFrame(columns=COVERAGE_COLUMNS)
    marked = articles.assign(in_language=articles["language"] == language)
    marked["long_enough"] = marked["in_language"] & (marked["n_words"] >= min_words)
    table = marked.groupby(["content_type", "outlet"], sort=True).agg(
        articles=("article_id", "size"), in_language=("in_language", "sum"),
        long_enough=("long_enough", "sum")).reset_index()
    table["included"] = table["long_enough"] >= min_articles
    return table[COVERAGE_COLUMNS]


def analysed(articles: pd.DataFrame, *, language: str = LANGUAGE, min_words: int = MIN_WORDS,
             min_articles: int = MIN_ARTICLES) -> pd.DataFrame:
    """The articles that are classified (see :func:`coverage`), sorted by content type, outlet and id."""
    table = coverage(articles, language=language, min_words=min_words, min_articles=min_articles)
    kept = set(map(tuple, table.loc[table["included"], ["content_type", "outlet"]].to_numpy().tolist()))
    chosen = articles[(articles["language"] == language) & (articles["n_words"] >= min_words)]
    chosen = chosen[np.array([(c, o) in kept for c, o in zip(chosen["content_type"], chosen["outlet"])], dtype=bool)]
    return chosen.sort_values(["content_type", "outlet", "article_id"], kind="stable")


def groups(articles: pd.DataFrame) -> pd.Series:
    """The group an article is held out with: ``event:<name>`` where the source labels its event (RUWA),
    else ``month:<YYYY-MM>`` of publication, else ``undated`` (all undated articles are one group, so that
    none of them trains a model tested on another).

    An event is the news the articles report; a month holds the news of that month. Either way a model is
    tested on news it did not see in training, so it cannot tell outlets apart by what happened that day.
    """
    event = articles["event"].astype("object") if "event" in articles else pd.Series(None, index=articles.index)
    month = articles["published"].dt.strftime("%Y-%m").astype("object")
    labels = np.where(event.notna(), "event:" + event.fillna("").astype(str),
                      np.where(month.notna(), "month:" + month.fillna("").astype(str), "undated"))
    return pd.Series(labels, index=articles.index, name="group")


def grouping(labels: pd.Series) -> str:
    """How a set of groups was formed: ``event``, ``month`` or ``event, else month``."""
    kinds = {str(g).split(":")[0] for g in labels}
    has_event, has_month = "event" in kinds, bool(kinds & {"month", "undated"})
    return "event, else month" if has_event and has_month else "event" if has_event else "month"


def assign_folds(outlets: pd.Series, labels: pd.Series, *, folds: int = FOLDS, seed: int = SEED) -> np.ndarray:
    """The test fold of each article: whole groups per fold, outlets spread as evenly as the groups allow
    (scikit-learn's ``StratifiedGroupKFold``); ``min(folds, groups)`` folds.

    Raises:
        ValueError: With fewer than two groups (nothing can be held out).
    """
    from sklearn.model_selection import StratifiedGroupKFold

    n_groups = pd.Series(labels).nunique()
    if n_groups < 2:
        raise ValueError("fewer than two groups: no news can be held out")
    splitter = StratifiedGroupKFold(n_splits=min(folds, n_groups), shuffle=True, random_state=seed)
    fold = np.full(len(outlets), -1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)   # "least populated class has fewer members than n_splits"
        for number, (_train, test) in enumerate(splitter.split(np.zeros(len(outlets)), np.asarray(outlets),
                                                               np.asarray(labels))):
            fold[test] = number
    return fold


# --- models --------------------------------------------------------------------------------------------------


def _classifier(seed: int):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, class_weight="balanced", max_iter=MAX_ITER, random_state=seed)


def supported(values: pd.DataFrame, *, min_articles: int = MIN_SUPPORT) -> list[str]:
    """The features non-zero in at least ``min_articles`` of these articles (missing counts as zero); all of
    them when none is."""
    counts = (values.fillna(0) != 0).sum()
    return list(counts.index[counts >= min_articles]) or list(values.columns)


def framing_model(*, seed: int = SEED):
    """The unfitted framing classifier: missing shares imputed with the training mean, features standardised,
    a logistic regression with balanced class weights (every outlet counts alike, however many articles)."""
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import StandardScaler

    return Pipeline([("impute", SimpleImputer(strategy="mean", keep_empty_features=True)),
                     ("scale", StandardScaler()), ("model", _classifier(seed))])


@cache
def _outlet_names() -> re.Pattern:
    """Every outlet's name, slug, aliases and domains in ``rules/outlets.yaml``, as whole words."""
    names = {n for o in config.outlets().outlets.values() for n in (o.slug, o.name, *o.aliases, *o.domains) if n}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def without_outlet_names(text: str) -> str:
    """The text with every known outlet's name blanked (``— Ukrinform.``, ``told RT``, ``Reuters reported``), so
    that the bag-of-words baseline cannot read an outlet's signature or self-references as topic."""
    return _outlet_names().sub(" ", text)


def term_counts(texts: pd.Series | np.ndarray):
    """Terms per article (scikit-learn's default tokens, lower-cased, outlet names left out), with no vocabulary
    chosen yet, so that each fold chooses its own from its training articles (:func:`_words_fold`)."""
    from sklearn.feature_extraction.text import CountVectorizer

    cleaned = [without_outlet_names(str(text)) for text in texts]
    return CountVectorizer(dtype=np.float32).fit_transform(cleaned).tocsr()


def _words_fold(counts, train: np.ndarray, test: np.ndarray, outlets: np.ndarray, seed: int):
    """The bag-of-words model of one fold: the vocabulary (terms in :data:`MIN_DF` or more training articles,
    the :data:`BOW_TERMS` most frequent) and the tf-idf weights come from the training articles only; the
    classifier is the framing model's. Returns (classes, probabilities of the test articles)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    part = counts[train]
    in_articles = np.asarray((part > 0).sum(axis=0)).ravel()
    frequency = np.asarray(part.sum(axis=0)).ravel()
    candidates = np.flatnonzero(in_articles >= (MIN_DF if len(train) >= 30 * MIN_DF else 1))
    chosen = np.sort(candidates[np.argsort(-frequency[candidates], kind="stable")[:BOW_TERMS]])
    weights = TfidfTransformer(sublinear_tf=True)
    train_x = weights.fit_transform(counts[train][:, chosen])
    classifier = _classifier(seed).fit(train_x, outlets[train])
    return classifier.classes_, classifier.predict_proba(weights.transform(counts[test][:, chosen]))


def _framing_fold(data: pd.DataFrame, train: np.ndarray, test: np.ndarray, outlets: np.ndarray, seed: int):
    """The framing model of one fold, on the features its training articles support (:func:`supported`)."""
    columns = supported(data.iloc[train])
    pipeline = framing_model(seed=seed).fit(data.iloc[train][columns], outlets[train])
    return pipeline.classes_, pipeline.predict_proba(data.iloc[test][columns])


def _chance_fold(train: np.ndarray, test: np.ndarray, outlets: np.ndarray, seed: int) -> np.ndarray:
    from sklearn.dummy import DummyClassifier

    chance = DummyClassifier(strategy="stratified", random_state=seed).fit(np.zeros((len(train), 1)), outlets[train])
    return chance.predict(np.zeros((len(test), 1)))


def _quiet():
    """Single-threaded numerical libraries (on a shared machine, many threads make small fits far slower) and
    no convergence warnings (:data:`MAX_ITER` bounds the time; the out-of-fold scores say how good a fit is)."""
    from contextlib import ExitStack

    from sklearn.exceptions import ConvergenceWarning
    from threadpoolctl import threadpool_limits

    stack = ExitStack()
    stack.enter_context(threadpool_limits(limits=1))
    stack.enter_context(warnings.catch_warnings())
    warnings.simplefilter("ignore", ConvergenceWarning)
    return stack


def _predict_folds(data: pd.DataFrame, outlets: np.ndarray, fold: np.ndarray, names: list[str],
                   texts: np.ndarray | None, seed: int) -> dict[str, np.ndarray]:
    """Out-of-fold predictions of each model: every fold's test articles predicted by models fitted on the
    other folds."""
    predicted = {name: np.empty(len(outlets), dtype=object) for name in names}
    counts = term_counts(texts) if texts is not None and "words" in names else None
    with _quiet():
        for number in range(fold.max() + 1):
            test, train = np.flatnonzero(fold == number), np.flatnonzero(fold != number)
            if len(set(outlets[train])) < 2:   # a training part with one outlet can only predict it
                for name in names:
                    predicted[name][test] = outlets[train][0]
                continue
            classes, framing = _framing_fold(data, train, test, outlets, seed)
            predicted["framing"][test] = classes[framing.argmax(axis=1)]
            if counts is not None:
                word_classes, words = _words_fold(counts, train, test, outlets, seed)
                predicted["words"][test] = word_classes[words.argmax(axis=1)]
            if "chance" in predicted:
                predicted["chance"][test] = _chance_fold(train, test, outlets, seed)
    return predicted


# --- scores ---------------------------------------------------------------------------------------------------


def _f1_from_confusion(confusion: np.ndarray) -> np.ndarray:
    """Macro-F1 of confusion matrices (``... x K x K``, true in rows): mean over outlets of 2TP / (row + column)."""
    tp = np.diagonal(confusion, axis1=-2, axis2=-1)
    denominator = confusion.sum(axis=-1) + confusion.sum(axis=-2)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(denominator > 0, 2 * tp / np.where(denominator > 0, denominator, 1), 0.0)
    return f1.mean(axis=-1)


def macro_f1_draws(true: np.ndarray, predicted: Mapping[str, np.ndarray], labels: list[str], *,
                   draws: int = stats.DRAWS, seed: int = SEED) -> tuple[dict[str, float], dict[str, np.ndarray]]:
    """Macro-F1 of each model's predictions and its bootstrap distribution over articles.

    Each draw resamples every outlet's articles with replacement (keeping the outlet's count) and scores all
    models on the same draw, so that differences between models have paired intervals. A draw is one
    multinomial over the outlet's distinct combinations of predictions, which equals resampling articles.

    Returns:
        (macro-F1 per model, ``draws`` bootstrap values per model).
    """
    names = list(predicted)
    k = len(labels)
    index = {label: i for i, label in enumerate(labels)}
    true_codes = np.array([index[t] for t in true])
    codes = np.stack([np.array([index[p] for p in predicted[m]]) for m in names], axis=1)
    rng = np.random.default_rng(seed)
    estimates, sampled = {}, {m: np.zeros((draws, k, k)) for m in names}
    for m, name in enumerate(names):
        observed = np.zeros((k, k))
        np.add.at(observed, (true_codes, codes[:, m]), 1)
        estimates[name] = float(_f1_from_confusion(observed))
    for outlet in range(k):
        rows = codes[true_codes == outlet]
        if not len(rows):
            continue
        cells, counts = np.unique(rows, axis=0, return_counts=True)
        drawn = rng.multinomial(len(rows), counts / counts.sum(), size=draws)   # draws x cells
        for m, name in enumerate(names):
            onehot = np.zeros((len(cells), k))
            onehot[np.arange(len(cells)), cells[:, m]] = 1
            sampled[name][:, outlet, :] = drawn @ onehot
    return estimates, {name: _f1_from_confusion(sampled[name]) for name in names}


def _interval(values: np.ndarray, level: float = stats.LEVEL) -> tuple[float, float]:
    alpha = (1 - level) / 2
    return float(np.quantile(values, alpha)), float(np.quantile(values, 1 - alpha))


@dataclass
class Fingerprint:
    """What the grouped cross-validation found for one set of articles (one content type).

    Attributes:
        note: Why nothing was fitted (empty when fitted).
        outlets: The outlets classified, sorted.
        predictions: One row per article: article_id, outlet, group, fold, and each model's prediction.
        scores: One row per model: model, macro_f1, ci_low, ci_high, minus_words (difference from the
            bag-of-words model) with its paired interval, fold_min, fold_max.
        confusion: model, outlet, predicted, count, articles (of the outlet), share (of its row).
        report: model, outlet, articles, precision, recall, f1.
        coefficients: Outlets x features: the standardised coefficients of the framing model fitted on all
            articles (log-odds per standard deviation of the feature).
        means: Outlets x features: each outlet's mean of each feature (NaN ignored), for reading a coefficient.
        defined: Outlets x features: the outlet's articles where the feature is defined (a share needs mentions).
        catalogue: The features (:func:`catalogue`), with labels.
        grouping: ``event``, ``month`` or ``event, else month``.
        folds: Folds used.
        coverage: Per outlet of the content type: articles, in the language, long enough, included
            (:func:`coverage`; filled by :func:`fingerprints`).
    """

    note: str = ""
    outlets: tuple[str, ...] = ()
    predictions: pd.DataFrame = field(default_factory=pd.DataFrame)
    scores: pd.DataFrame = field(default_factory=pd.DataFrame)
    confusion: pd.DataFrame = field(default_factory=pd.DataFrame)
    report: pd.DataFrame = field(default_factory=pd.DataFrame)
    coefficients: pd.DataFrame = field(default_factory=pd.DataFrame)
    means: pd.DataFrame = field(default_factory=pd.DataFrame)
    defined: pd.DataFrame = field(default_factory=pd.DataFrame)
    catalogue: pd.DataFrame = field(default_factory=pd.DataFrame)
    grouping: str = ""
    folds: int = 0
    coverage: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COVERAGE_COLUMNS))

    @property
    def fitted(self) -> bool:
        return not self.note

    def _score(self, name: str, column: str) -> float:
        chosen = self.scores[self.scores["model"] == name] if len(self.scores) else self.scores
        return float(chosen[column].iloc[0]) if len(chosen) else float("nan")

    @property
    def macro_f1(self) -> float:
        """Out-of-fold macro-F1 of the framing features."""
        return self._score("framing", "macro_f1")

    @property
    def ci(self) -> tuple[float, float]:
        """95% bootstrap interval of :attr:`macro_f1`."""
        return self._score("framing", "ci_low"), self._score("framing", "ci_high")

    @property
    def baseline_macro_f1(self) -> float:
        """Out-of-fold macro-F1 of the bag-of-words baseline under the same folds."""
        return self._score("words", "macro_f1")

    @property
    def baseline_ci(self) -> tuple[float, float]:
        return self._score("words", "ci_low"), self._score("words", "ci_high")


def fit_and_score(features: pd.DataFrame, outlets: pd.Series | np.ndarray, groups: pd.Series | np.ndarray, *,
                  texts: pd.Series | np.ndarray | None = None, folds: int = FOLDS, seed: int = SEED,
                  draws: int = stats.DRAWS, models: tuple[str, ...] = MODELS,
                  feature_catalogue: pd.DataFrame | None = None) -> Fingerprint:
    """Predict the outlet from the framing features under grouped cross-validation, and the baselines under
    the same folds.

    Args:
        features: Articles x framing features (:func:`features`), index ``article_id``.
        outlets: The outlet of each article (same order).
        groups: The group of each article (:func:`groups`): a group is never split between training and test.
        texts: The text of each article, for the bag-of-words models (left out when None).
        folds: Folds (at most one per group).
        seed: Seed of the fold assignment, the classifiers and the bootstrap.
        draws: Bootstrap draws of the macro-F1 intervals.
        models: Which of :data:`MODELS` to score besides ``framing`` (``words`` needs ``texts``).
        feature_catalogue: Labels of the features (:func:`catalogue`); default: the column names.

    Returns:
        A :class:`Fingerprint` (with a ``note`` instead of scores when there are fewer than two outlets or
        groups).
    """
    outlets = np.asarray(outlets, dtype=object)
    labels = pd.Series(np.asarray(groups, dtype=object))
    names = [m for m in MODELS if (m in models or m == "framing") and (texts is not None or m != "words")]
    columns = list(features.columns)
    catalogue_table = feature_catalogue if feature_catalogue is not None else pd.DataFrame(
        {"feature": columns, "label": columns, "family": "", "block": "", "values": [()] * len(columns), "per": ""})
    distinct = sorted(set(outlets))
    if len(distinct) < 2:
        return Fingerprint(note=f"fewer than two outlets to tell apart ({', '.join(distinct) or 'none'})",
                           outlets=tuple(distinct), catalogue=catalogue_table)
    if labels.nunique() < 2:
        return Fingerprint(note=f"all articles are in one group ({labels.iloc[0]}): no news can be held out",
                           outlets=tuple(distinct), catalogue=catalogue_table)
    fold = assign_folds(pd.Series(outlets), labels, folds=folds, seed=seed)
    data = features.reset_index(drop=True)
    predictions = pd.DataFrame({"article_id": features.index.to_numpy(), "outlet": outlets, "group": labels.to_numpy(),
                                "fold": fold})
    found = _predict_folds(data, outlets, fold, names, None if texts is None else np.asarray(texts, dtype=object),
                           seed)
    for name in names:
        predictions[name] = found[name]
    return Fingerprint(outlets=tuple(distinct), predictions=predictions,
                       scores=_scores(predictions, names, distinct, draws=draws, seed=seed),
                       confusion=_confusion(predictions, names, distinct), report=_report(predictions, names, distinct),
                       coefficients=_coefficients(data, outlets, distinct, seed=seed),
                       means=features.groupby(outlets).mean().reindex(distinct),
                       defined=features.notna().groupby(outlets).sum().reindex(distinct),
                       catalogue=catalogue_table, grouping=grouping(labels), folds=int(fold.max() + 1))


def _scores(predictions: pd.DataFrame, names: list[str], labels: list[str], *, draws: int, seed: int) -> pd.DataFrame:
    from sklearn.metrics import f1_score

    true = predictions["outlet"].to_numpy()
    estimates, sampled = macro_f1_draws(true, {m: predictions[m].to_numpy() for m in names}, labels, draws=draws,
                                        seed=seed)
    rows = []
    for name in names:
        low, high = _interval(sampled[name])
        if "words" in sampled and name != "words":
            difference = estimates[name] - estimates["words"]
            d_low, d_high = _interval(sampled[name] - sampled["words"])
        else:
            difference = d_low = d_high = float("nan")
        per_fold = [f1_score(part["outlet"], part[name], labels=sorted(set(part["outlet"])), average="macro",
                             zero_division=0) for _, part in predictions.groupby("fold")]
        rows.append((name, estimates[name], low, high, difference, d_low, d_high, min(per_fold), max(per_fold)))
    return pd.DataFrame(rows, columns=["model", "macro_f1", "ci_low", "ci_high", "minus_words", "minus_words_low",
                                       "minus_words_high", "fold_min", "fold_max"])


def _confusion(predictions: pd.DataFrame, names: list[str], labels: list[str]) -> pd.DataFrame:
    rows = []
    for name in names:
        counts = pd.crosstab(predictions["outlet"], predictions[name]).reindex(index=labels, columns=labels,
                                                                              fill_value=0)
        for outlet in labels:
            total = int(counts.loc[outlet].sum())
            for predicted in labels:
                count = int(counts.loc[outlet, predicted])
                rows.append((name, outlet, predicted, count, total, count / total if total else float("nan")))
    return pd.DataFrame(rows, columns=["model", "outlet", "predicted", "count", "articles", "share"])


def _report(predictions: pd.DataFrame, names: list[str], labels: list[str]) -> pd.DataFrame:
    from sklearn.metrics import precision_recall_fscore_support

    rows = []
    for name in names:
        precision, recall, f1, support = precision_recall_fscore_support(
            predictions["outlet"], predictions[name], labels=labels, zero_division=0)
        rows += [(name, o, int(s), float(p), float(r), float(f)) for o, p, r, f, s in
                 zip(labels, precision, recall, f1, support)]
    return pd.DataFrame(rows, columns=["model", "outlet", "articles", "precision", "recall", "f1"])


def _coefficients(data: pd.DataFrame, outlets: np.ndarray, labels: list[str], *, seed: int) -> pd.DataFrame:
    """The framing model fitted on every article: its coefficients per outlet and (standardised) feature (0 for a
    feature too rare to be used, see :func:`supported`)."""
    columns = supported(data)
    with _quiet():
        fitted = framing_model(seed=seed).fit(data[columns], outlets).named_steps["model"]
    coef = fitted.coef_
    if coef.shape[0] == 1:   # two outlets: one row, positive for the second class
        coef = np.vstack([-coef[0], coef[0]])
    table = pd.DataFrame(coef, index=list(fitted.classes_), columns=columns)
    return table.reindex(index=labels, columns=list(data.columns), fill_value=0.0)


# --- one corpus: every content type, cached -------------------------------------------------------------------

#: Mention columns the features read (a change in any other column leaves the fingerprint's cache valid).
MENTION_INPUTS = ["article_id", "family", "kind", "category", "canonical", "variant", "verb_class", "side",
                  "source_type", "channel", "anonymous", "relayed", "designation", "authority", "voice"]
ARTICLE_INPUTS = ["article_id", "outlet", "content_type", "language", "n_words", "event", "published", "text"]


def _digest(table: pd.DataFrame, columns: list[str]) -> str:
    present = table[[c for c in columns if c in table.columns]].reset_index(drop=True)
    hashed = pd.util.hash_pandas_object(present, index=False)
    return hashlib.sha256(hashed.to_numpy().tobytes() + "\0".join(present.columns).encode()).hexdigest()


def cache_key(articles: pd.DataFrame, mentions_by_family: Mapping[str, pd.DataFrame], *, topic: Topic,
              options: Mapping) -> str:
    """The key of a corpus's fingerprints: this module's code (and all it imports), the pack, the options, and
    the articles' and mentions' columns the features and the baseline read."""
    inputs = [_digest(articles, ARTICLE_INPUTS)]
    for family in mentions_module.FAMILIES:
        inputs.append(f"{family}\0{_digest(_family_mentions(mentions_by_family, family), MENTION_INPUTS)}")
    return cache_module.key((__name__,), topic=topic, options=dict(options), inputs=inputs)


def _not_fitted(coverage_table: pd.DataFrame) -> str:
    counts = ", ".join(f"{o}: {n}" for o, n in zip(coverage_table["outlet"], coverage_table["long_enough"]))
    return (f"not fitted: fewer than two outlets have {MIN_ARTICLES}+ {LANGUAGE} articles of {MIN_WORDS}+ words "
            f"({counts or 'no articles'})")


def fingerprints(articles: pd.DataFrame, mentions_by_family: Mapping[str, pd.DataFrame], *, topic: Topic,
                 folds: int = FOLDS, seed: int = SEED, draws: int = stats.DRAWS,
                 use_cache: bool = True) -> dict[str, Fingerprint]:
    """One :class:`Fingerprint` per content type of the corpus (``article``, ``headline``), each fitted on its
    own articles (:func:`analysed`), cached in ``data/cache/`` by :func:`cache_key`.

    Args:
        articles: The Article table (every content type, language and outlet; the selection happens here).
        mentions_by_family: Each family's mentions of those articles.
        topic: The pack.
        folds: Folds of the grouped cross-validation.
        seed: Seed of folds, classifiers and bootstrap.
        draws: Bootstrap draws.
        use_cache: Read and write the cache.
    """
    options = {"folds": folds, "seed": seed, "draws": draws}
    key = cache_key(articles, mentions_by_family, topic=topic, options=options)

    def compute() -> dict[str, Fingerprint]:
        table = coverage(articles)
        chosen = analysed(articles)
        results = {}
        for content_type in sorted(articles["content_type"].dropna().unique()):
            part = chosen[chosen["content_type"] == content_type]
            covered = table[table["content_type"] == content_type].reset_index(drop=True)
            if part["outlet"].nunique() < 2:
                results[content_type] = Fingerprint(note=_not_fitted(covered), coverage=covered)
                continue
            found = fit_and_score(features(part, mentions_by_family, topic=topic), part["outlet"], groups(part),
                                  texts=part["text"], folds=folds, seed=seed, draws=draws,
                                  feature_catalogue=catalogue(mentions_by_family, topic=topic, articles=part))
            found.coverage = covered
            results[content_type] = found
        return results

    return cache_module.pickled("fingerprint", key, compute, enabled=use_cache)


_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def of_inputs(inputs) -> dict[str, Fingerprint]:
    """The fingerprints of a figure's inputs (:class:`analysis.figures.Inputs`), computed once per inputs."""
    if inputs not in _MEMO:
        mentions = {family: inputs.mentions(family) for family in mentions_module.FAMILIES}
        _MEMO[inputs] = fingerprints(inputs.corpus.articles, mentions, topic=inputs.topic)
    return _MEMO[inputs]


# --- tables ---------------------------------------------------------------------------------------------------


def _excluded(found: Fingerprint) -> str:
    left = found.coverage[~found.coverage["included"]] if len(found.coverage) else found.coverage
    if left.empty:
        return ""
    return "left out (fewer than {} {} articles of {}+ words): {}".format(
        MIN_ARTICLES, LANGUAGE, MIN_WORDS, ", ".join(f"{o} ({n})" for o, n in zip(left["outlet"], left["long_enough"])))


def table_fingerprint_scores(results: Mapping[str, Fingerprint]) -> pd.DataFrame:
    """How well each model tells the outlets apart, per content type: out-of-fold macro-F1 with its 95% interval
    (bootstrap over articles within outlets), the difference from the bag of words with its paired interval, the
    range over folds, and what was compared (articles, outlets, groups and how they were formed). A content type
    that could not be fitted has one row whose ``note`` says why.

    Returns:
        :data:`SCORE_COLUMNS`, sorted by content type and model (:data:`MODELS` order).
    """
    rows = []
    for content_type, found in sorted(results.items()):
        if not found.fitted:
            rows.append({"content_type": content_type, "model": "", "note": found.note,
                         "articles": int(found.coverage["long_enough"].sum()) if len(found.coverage) else 0,
                         "outlets": 0, "groups": 0, "folds": 0, "grouping": "", "included": ""})
            continue
        shared = {"content_type": content_type, "articles": len(found.predictions), "outlets": len(found.outlets),
                  "groups": int(found.predictions["group"].nunique()), "grouping": found.grouping,
                  "folds": found.folds, "included": ", ".join(found.outlets), "note": _excluded(found)}
        rows += [{**shared, **row} for row in found.scores.to_dict("records")]
    table = pd.DataFrame(rows, columns=SCORE_COLUMNS)
    order = {m: i for i, m in enumerate(MODELS)}
    return table.sort_values(["content_type", "model"], key=lambda c: c.map(order).fillna(-1) if c.name == "model"
                             else c, kind="stable").reset_index(drop=True)


#: Models whose confusion matrices are tabled and drawn.
CONFUSION_MODELS = ("framing", "words")


def table_fingerprint_confusion(results: Mapping[str, Fingerprint],
                                *, models: tuple[str, ...] = CONFUSION_MODELS) -> pd.DataFrame:
    """Which outlet each outlet's articles were taken for, out of fold: counts and shares of each row.

    Returns:
        :data:`CONFUSION_COLUMNS` (``articles``: the outlet's articles; ``share``: count / articles), sorted.
    """
    parts = [found.confusion[found.confusion["model"].isin(models)].assign(content_type=content_type)
             for content_type, found in sorted(results.items()) if found.fitted]
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CONFUSION_COLUMNS)
    order = {m: i for i, m in enumerate(MODELS)}
    table = table[CONFUSION_COLUMNS].sort_values(
        ["content_type", "model", "outlet", "predicted"], key=lambda c: c.map(order) if c.name == "model" else c,
        kind="stable").reset_index(drop=True)
    table.attrs["note"] = _notes(results)
    return table


def _notes(results: Mapping[str, Fingerprint]) -> str:
    return "; ".join(f"{content_type}: {found.note}" for content_type, found in sorted(results.items())
                     if not found.fitted)


class _Behind:
    """The mentions behind features, for one fingerprint: each family's mentions of the classified articles and
    each block's chosen rows, computed once and shared by every feature."""

    def __init__(self, found: Fingerprint, mentions_by_family: Mapping[str, pd.DataFrame], *, topic: Topic,
                 ids: set | None = None) -> None:
        self.found, self.topic = found, topic
        self.ids = ids if ids is not None else set(found.predictions["article_id"]) if found.fitted else set()
        self.mentions_by_family = mentions_by_family
        self._families: dict[str, pd.DataFrame] = {}
        self._blocks: dict[str, pd.DataFrame] = {}
        self._entries = found.catalogue.set_index("feature") if len(found.catalogue) else None

    def _family(self, family: str) -> pd.DataFrame:
        if family not in self._families:
            rows = _family_mentions(self.mentions_by_family, family)
            self._families[family] = rows[rows["article_id"].isin(self.ids)]
        return self._families[family]

    def rows(self, feature: str) -> pd.DataFrame:
        """The mentions the feature counts (for a share: those with its values, not the whole denominator),
        sorted by article and offset."""
        if self._entries is None or feature not in self._entries.index:
            return pd.DataFrame(columns=mentions_module.MENTION_COLUMNS)
        block, values = _BLOCKS[self._entries.loc[feature, "block"]], tuple(self._entries.loc[feature, "values"])
        rows = self._family(block.family)
        if block.name not in self._blocks:
            self._blocks[block.name] = block.rows(rows, self.topic)
        chosen = self._blocks[block.name]
        keep = np.ones(len(chosen), dtype=bool)
        for column, value in zip(block.key, values):
            keep &= (chosen[column] == value).fillna(False).to_numpy(dtype=bool)
        return rows.loc[chosen.index[keep]].sort_values(["article_id", "start"], kind="stable")


def feature_mentions(found: Fingerprint, feature: str, outlet: str, mentions_by_family: Mapping[str, pd.DataFrame],
                     *, topic: Topic) -> pd.DataFrame:
    """The mentions behind one feature in one outlet's classified articles: those the feature counts (for a share,
    the mentions with the feature's values, not the whole denominator), sorted by article and offset."""
    ids = set(found.predictions.loc[found.predictions["outlet"] == outlet, "article_id"]) if found.fitted else set()
    return _Behind(found, mentions_by_family, topic=topic, ids=ids).rows(feature)


def table_fingerprint_features(results: Mapping[str, Fingerprint], mentions_by_family: Mapping[str, pd.DataFrame],
                               *, topic: Topic, top: int = TOP_FEATURES) -> pd.DataFrame:
    """The features that carry each outlet: per content type, the ``top`` features with the highest coefficient
    for each outlet (``rank`` 1..top) in the framing model fitted on all its articles, and every outlet's
    coefficient on each of those features (``rank`` empty where the feature is not among the outlet's top), so a
    feature can be read across outlets. A coefficient is the change in the log-odds of the outlet per standard
    deviation of the feature; ``outlet_mean`` and ``others_mean`` give the feature's raw mean in the outlet's
    articles and in the other outlets' (over articles where it is defined), ``mentions`` and ``articles_with``
    the mentions behind it in the outlet, with the first as an example.

    Returns:
        :data:`FEATURE_COLUMNS`, sorted by content type, outlet, rank (top first) and coefficient.
    """
    rows = []
    for content_type, found in sorted(results.items()):
        if not found.fitted:
            continue
        coefficients = found.coefficients
        chosen = {outlet: list(coefficients.loc[outlet].sort_values(ascending=False, kind="stable").index[:top])
                  for outlet in found.outlets}
        union = list(dict.fromkeys(f for outlet in found.outlets for f in chosen[outlet]))
        labels = found.catalogue.set_index("feature")
        outlet_of = dict(zip(found.predictions["article_id"], found.predictions["outlet"]))
        behind = _Behind(found, mentions_by_family, topic=topic)
        weighted, defined = (found.means.fillna(0) * found.defined)[union], found.defined[union]
        with np.errstate(invalid="ignore", divide="ignore"):
            others = (weighted.sum() - weighted) / (defined.sum() - defined)
        for feature in union:
            found_rows = behind.rows(feature)
            by_outlet = dict(tuple(found_rows.groupby(found_rows["article_id"].map(outlet_of), sort=False)))
            for outlet in found.outlets:
                evidence = by_outlet.get(outlet, found_rows.iloc[:0])
                first = evidence.iloc[0] if len(evidence) else None
                rows.append({"content_type": content_type, "outlet": outlet, "feature": feature,
                             "label": labels.loc[feature, "label"], "family": labels.loc[feature, "family"],
                             "coefficient": float(coefficients.loc[outlet, feature]),
                             "rank": chosen[outlet].index(feature) + 1 if feature in chosen[outlet] else None,
                             "outlet_mean": float(found.means.loc[outlet, feature]),
                             "others_mean": float(others.loc[outlet, feature]),
                             "mentions": len(evidence), "articles_with": int(evidence["article_id"].nunique()),
                             "example": "" if first is None else str(first["sentence"]),
                             "example_article": "" if first is None else str(first["article_id"])})
    table = pd.DataFrame(rows, columns=FEATURE_COLUMNS)
    table["rank"] = pd.array(table["rank"], dtype="Int64")
    return table.sort_values(["content_type", "outlet", "rank", "coefficient"], ascending=[True, True, True, False],
                             na_position="last", kind="stable").reset_index(drop=True)


def table_fingerprint_outlets(results: Mapping[str, Fingerprint]) -> pd.DataFrame:
    """Per content type, model and outlet: articles, precision, recall and F1 out of fold.

    Returns:
        :data:`OUTLET_COLUMNS`, sorted.
    """
    parts = [found.report.assign(content_type=content_type) for content_type, found in sorted(results.items())
             if found.fitted]
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=OUTLET_COLUMNS)
    order = {m: i for i, m in enumerate(MODELS)}
    return table[OUTLET_COLUMNS].sort_values(["content_type", "model", "outlet"],
                                             key=lambda c: c.map(order) if c.name == "model" else c,
                                             kind="stable").reset_index(drop=True)


# --- evidence and figures -------------------------------------------------------------------------------------


def _articles_as_evidence(articles: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"article_id": articles["article_id"], "outlet": articles["outlet"], "family": "corpus",
                         "kind": "article", "term": articles["title"], "start": 0, "end": articles["text"].str.len(),
                         "sentence": articles["text"].str.slice(0, 200)})


def _scores_evidence(row: Mapping, inputs) -> pd.DataFrame:
    """The articles a score was measured on."""
    found = of_inputs(inputs).get(str(row["content_type"]))
    if found is None or not found.fitted:
        return _articles_as_evidence(inputs.corpus.articles.iloc[:0])
    articles = inputs.corpus.articles
    return _articles_as_evidence(articles[articles["article_id"].isin(set(found.predictions["article_id"]))])


def _confusion_evidence(row: Mapping, inputs) -> pd.DataFrame:
    """The articles of the row's outlet that the row's model took for the row's ``predicted`` outlet."""
    found = of_inputs(inputs)[str(row["content_type"])]
    predictions = found.predictions
    ids = predictions.loc[(predictions["outlet"] == row["outlet"]) & (predictions[str(row["model"])] ==
                                                                     row["predicted"]), "article_id"]
    articles = inputs.corpus.articles
    return _articles_as_evidence(articles[articles["article_id"].isin(set(ids))])


def _features_evidence(row: Mapping, inputs) -> pd.DataFrame:
    found = of_inputs(inputs)[str(row["content_type"])]
    mentions = {family: inputs.mentions(family) for family in mentions_module.FAMILIES}
    return feature_mentions(found, str(row["feature"]), str(row["outlet"]), mentions, topic=inputs.topic)


def _scores_of(inputs) -> pd.DataFrame:
    return table_fingerprint_scores(of_inputs(inputs))


def _confusion_of(inputs) -> pd.DataFrame:
    return table_fingerprint_confusion(of_inputs(inputs))


def _features_of(inputs) -> pd.DataFrame:
    mentions = {family: inputs.mentions(family) for family in mentions_module.FAMILIES}
    table = table_fingerprint_features(of_inputs(inputs), mentions, topic=inputs.topic)
    table.attrs["note"] = _notes(of_inputs(inputs))
    return table


FIGURES = [
    FigureSpec("fingerprint_scores", "Can the outlet be told from its framing alone? Macro-F1 under grouped folds",
               _scores_of, lambda table, topic: plots.fig_fingerprint_scores(table), "06-fingerprint",
               evidence=_scores_evidence),
    FigureSpec("fingerprint_confusion", "Which outlet each outlet's articles are taken for (out of fold)",
               _confusion_of, lambda table, topic: plots.fig_fingerprint_confusion(table), "06-fingerprint",
               evidence=_confusion_evidence),
    FigureSpec("fingerprint_features", "The framing features that carry each outlet",
               _features_of, lambda table, topic: plots.fig_fingerprint_features(table), "06-fingerprint",
               evidence=_features_evidence),
]


def summary(results: Mapping[str, Fingerprint]) -> str:
    """What the fingerprints found, one paragraph per content type, for a reader (the numbers of the scores table)."""
    if not results:
        return "No articles: nothing to fit."
    paragraphs = []
    for content_type, found in sorted(results.items()):
        if not found.fitted:
            paragraphs.append(f"{content_type}: {found.note}.")
            continue
        scores = found.scores.set_index("model")
        score = {name: f"{row['macro_f1']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]"
                 for name, row in scores.iterrows()}
        text = (f"{content_type}: {len(found.predictions):,} {LANGUAGE} texts of {len(found.outlets)} outlets "
                f"({', '.join(found.outlets)}), held out by {found.grouping} "
                f"({found.predictions['group'].nunique()} groups, {found.folds} folds). Macro-F1 out of fold: framing "
                f"features alone {score['framing']}")
        if "words" in scores.index:
            row = scores.loc["framing"]
            text += (f", bag of words {score['words']} (framing minus words {row['minus_words']:+.2f} "
                     f"[{row['minus_words_low']:+.2f}, {row['minus_words_high']:+.2f}])")
        if "chance" in scores.index:
            text += f", chance {score['chance']}"
        excluded = _excluded(found)
        paragraphs.append(text + "." + (f" {excluded[0].upper()}{excluded[1:]}." if excluded else ""))
    return "\n\n".join(paragraphs)
