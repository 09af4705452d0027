"""What do the wording mentions say, outlet by outlet? The tables behind the wording figures and notebook 02.

Naming shares and their change by month, rates of labels, descriptors, hedges, scare quotes and
loaded wording per 1,000 words, and the terms that distinguish each outlet, each with intervals over
articles and an example sentence per row. The topic pack says which naming concepts have competing
variants, which variants make the usage the over-time figure follows, and how variants are coloured.
Each figure's ``evidence`` function returns the mentions behind one row of its table
(``python -m analysis trace FIGURE --row N``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

import numpy as np
import pandas as pd

from analysis import compare, plots, stats
from analysis.figures import FigureSpec
from analysis.text import Sentences
from analysis.topic import Topic
from analysis.wording import FAMILY, keyness, lexicon

#: Kinds counted per 1,000 words.
RATE_KINDS = ("label", "descriptor", "hedge", "scare_quote", "loaded")
#: Fewest mentions of a concept by an outlet for its naming shares to be drawn (fewer: listed under the figure).
MIN_NAMING_MENTIONS = 5
#: Fewest mentions of a concept by an outlet in a month for the month's share to be joined into a line (months
#: with fewer are in the table and drawn as hollow points).
MIN_MENTIONS_PER_PERIOD = 10
#: Fewest articles of an outlet for its terms to be compared (keyness); when fewer than two outlets have that
#: many, every outlet is compared, term by term in single articles, and no stability is estimated.
MIN_ARTICLES_FOR_KEYNESS = 20


# --- tables behind the figures ---------------------------------------------------------------------


def _example(mentions: pd.DataFrame) -> tuple[str, str]:
    """The first mention's sentence and article, to let a reader check a row."""
    if mentions.empty:
        return "", ""
    first = mentions.sort_values(["article_id", "start"]).iloc[0]
    return str(first["sentence"]), str(first["article_id"])


def table_naming_shares(mentions: pd.DataFrame, *, topic: Topic, min_mentions: int = 1,
                        draws: int = stats.DRAWS) -> pd.DataFrame:
    """Share of each naming variant per concept and outlet, with intervals over articles.

    Only concepts with competing forms in the lexicon are counted, and an outlet appears for a concept
    once it names the concept ``min_mentions`` times (the figure leaves out outlets with fewer than
    :data:`MIN_NAMING_MENTIONS` and lists them under it).

    Returns:
        concept, category, outlet, variant, mentions, articles, share, ci_low, ci_high, example,
        example_article.
    """
    columns = ["concept", "category", "outlet", "variant", "mentions", "articles", "share", "ci_low", "ci_high",
               "example", "example_article"]
    naming = mentions[(mentions["kind"] == "naming") & mentions["variant"].notna()]
    choices = concepts_with_choices(topic)
    naming = naming[naming["canonical"].isin(choices)]
    rows = []
    for (concept, outlet), part in naming.groupby(["canonical", "outlet"], sort=True):
        if len(part) < min_mentions:
            continue
        per_article = part.groupby(["article_id", "variant"]).size().unstack(fill_value=0)   # faster than crosstab
        totals = per_article.sum(axis=1).to_numpy()
        share, low, high = stats.ratio_intervals(per_article.to_numpy(), totals, draws=draws)
        for k, variant in enumerate(per_article.columns):
            chosen = part[part["variant"] == variant]
            example, article = _example(chosen)
            rows.append((concept, part["category"].iloc[0], outlet, variant, len(chosen),
                         int((per_article[variant] > 0).sum()), share[k], low[k], high[k], example, article))
    return pd.DataFrame(rows, columns=columns).sort_values(["concept", "outlet", "variant"]).reset_index(drop=True)


@cache
def concepts_with_choices(topic: Topic) -> frozenset[str]:
    """The pack's naming concepts that have more than one variant (the choices an outlet makes)."""
    variants: dict[str, set] = {}
    for entry in lexicon.for_topic(topic).entries:
        if entry.kind == "naming" and entry.variant:
            variants.setdefault(entry.canonical, set()).add(entry.variant)
    return frozenset(c for c, v in variants.items() if len(v) > 1)


def table_naming_over_time(mentions: pd.DataFrame, *, topic: Topic, concepts: tuple[str, ...] | None = None,
                           freq: str = "M", min_mentions: int = 1) -> pd.DataFrame:
    """Per concept, outlet and month: mentions of the concept and the share in the usage the pack follows
    (for the default pack, the Russian state's usage: Kiev, "special military operation").

    Every month with a mention is a row; the figure joins only months with :data:`MIN_MENTIONS_PER_PERIOD`
    mentions or more into a line and draws the others as hollow points.

    Args:
        mentions: Wording mentions.
        topic: The pack: its ``naming.usage`` variants and ``naming.over_time`` concepts.
        concepts: Concepts to follow (default: the pack's ``over_time``).
        freq: ``M`` for months, ``Y`` for years.
        min_mentions: Fewest mentions of a concept by an outlet in a period for a row.

    Returns:
        concept, outlet, period, mentions, usage (the usage's name), usage_mentions, share_usage.
    """
    concepts = topic.over_time if concepts is None else concepts
    columns = ["concept", "outlet", "period", "mentions", "usage", "usage_mentions", "share_usage"]
    naming = mentions[(mentions["kind"] == "naming") & mentions["canonical"].isin(concepts)
                      & mentions["variant"].notna() & mentions["published"].notna()]
    if naming.empty:
        return pd.DataFrame(columns=columns)
    naming = naming.assign(period=naming["published"].dt.strftime(_PERIODS[freq]),
                           followed=naming["variant"].isin(topic.usage.variants))
    table = (naming.groupby(["canonical", "outlet", "period"])
             .agg(mentions=("followed", "size"), usage_mentions=("followed", "sum")).reset_index()
             .rename(columns={"canonical": "concept"}))
    table = table[table["mentions"] >= min_mentions].assign(usage=topic.usage.name)
    table["share_usage"] = table["usage_mentions"] / table["mentions"]
    return table[columns].sort_values(["concept", "outlet", "period"]).reset_index(drop=True)


_PERIODS = {"M": "%Y-%m", "Y": "%Y"}


def table_category_rates(mentions: pd.DataFrame, articles: pd.DataFrame, *, draws: int = stats.DRAWS,
                         kinds: tuple[str, ...] = RATE_KINDS,
                         min_articles: int = 1) -> pd.DataFrame:
    """Mentions per 1,000 words by outlet, content type, kind and category, with intervals over articles.

    Outlets with fewer than ``min_articles`` articles of a content type are left out of that type; with fewer
    than :data:`analysis.stats.MIN_ARTICLES_FOR_INTERVAL`, the rate is given without an interval (NaN).

    Returns:
        outlet, content_type, kind, category, mentions, words, articles, rate_per_1000, ci_low, ci_high,
        example, example_article.
    """
    columns = ["outlet", "content_type", "kind", "category", "mentions", "words", "articles", "rate_per_1000",
               "ci_low", "ci_high", "example", "example_article"]
    chosen = mentions[mentions["kind"].isin(kinds)]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    keys = chosen["kind"] + "/" + chosen["category"]
    counts = pd.crosstab(chosen["article_id"], keys)
    rows = []
    for (outlet, content_type), part in articles.groupby(["outlet", "content_type"], sort=True):
        if len(part) < min_articles or counts.empty:
            continue
        block = counts.reindex(part["article_id"], fill_value=0)
        rate, low, high = stats.ratio_intervals(block.to_numpy(), part["n_words"].to_numpy(), scale=1000,
                                                draws=draws)
        mine = chosen[chosen["article_id"].isin(set(part["article_id"]))]
        for k, key in enumerate(block.columns):
            kind, category = key.split("/", 1)
            example, article = _example(mine[(mine["kind"] == kind) & (mine["category"] == category)])
            rows.append((outlet, content_type, kind, category, int(block[key].sum()), int(part["n_words"].sum()),
                         len(part), rate[k], low[k], high[k], example, article))
    return pd.DataFrame(rows, columns=columns).sort_values(["content_type", "kind", "category", "outlet"]) \
        .reset_index(drop=True)


def table_rate_differences(mentions: pd.DataFrame, articles: pd.DataFrame, *, kinds: tuple[str, ...] = RATE_KINDS,
                           against: str = compare.REST, draws: int = stats.DRAWS,
                           permutations: int = compare.PERMUTATIONS) -> pd.DataFrame:
    """Is an outlet's rate of each kind and category of wording really different from the other outlets'?

    Mentions per 1,000 words of each outlet against the other outlets' (or every pair of outlets),
    compared within each content type (headlines with headlines), with an interval from resampling
    articles, a permutation p-value over articles and Benjamini-Hochberg q-values over the whole table
    (:func:`analysis.compare.differences`). Every article of ``articles`` counts, with or without mentions.

    Returns:
        content_type, kind, category, then the columns of :func:`analysis.compare.differences` (``measure``
        is ``kind/category``, values are per 1,000 words, ``count`` mentions and ``total`` words).
    """
    chosen = mentions[mentions["kind"].isin(kinds)]
    keys = chosen["kind"] + "/" + chosen["category"]
    counts = pd.crosstab(chosen["article_id"], keys).reindex(index=articles["article_id"], fill_value=0)
    measures = sorted(counts.columns)
    per_article = counts.reset_index(drop=True).assign(outlet=articles["outlet"].to_numpy(),
                                                       content_type=articles["content_type"].to_numpy(),
                                                       n_words=articles["n_words"].to_numpy())
    table = compare.differences(per_article, numerator=measures, denominator="n_words", by=["content_type"],
                                against=against, scale=1000, draws=draws, permutations=permutations)
    parts = table["measure"].str.split("/", n=1, expand=True) if len(table) else pd.DataFrame(columns=[0, 1])
    table.insert(1, "kind", parts[0])
    table.insert(2, "category", parts[1])
    return table


def table_distinctive_terms(articles: pd.DataFrame, *, top: int = 12, language: str = "en",
                            content_type: str = "article", min_articles: int = MIN_ARTICLES_FOR_KEYNESS,
                            draws: int = 200) -> pd.DataFrame:
    """The terms that most distinguish each outlet from the others (weighted log-odds, see
    :mod:`analysis.wording.keyness`), for outlets with at least ``min_articles`` articles, with an example sentence.

    When fewer than two outlets have ``min_articles`` articles (a small corpus), every outlet with an article is
    compared, and a term needs to occur in one article only: the terms then describe the articles at hand, and
    ``sign_share`` and the interval are NaN below :data:`analysis.stats.MIN_ARTICLES_FOR_INTERVAL` articles.

    Returns:
        outlet, term, count, articles_with_term, rate_per_10k, delta, z, ci_low, ci_high, sign_share,
        example, example_article.
    """
    chosen = articles[(articles["language"] == language) & (articles["content_type"] == content_type)]
    sizes = chosen["outlet"].value_counts()
    small = (sizes >= min_articles).sum() < 2
    if not small:
        chosen = chosen[chosen["outlet"].isin(sizes[sizes >= min_articles].index)]
    columns = ["outlet", "term", "count", "articles_with_term", "rate_per_10k", "delta", "z", "ci_low", "ci_high",
               "sign_share", "example", "example_article"]
    if chosen["outlet"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    options = {"min_df": 1, "min_articles": 1} if small else {}
    table = keyness.distinctive_terms(chosen, top=top, draws=draws, **options).rename(columns={"group": "outlet"})
    texts = dict(zip(chosen["article_id"], chosen["text"]))
    table["example"] = [_sentence_with(texts.get(a, ""), term) for a, term in
                        zip(table["example_article"], table["term"])]
    return table[columns]


def _sentence_with(text: str, term: str) -> str:
    found = keyness.kwic(pd.DataFrame({"outlet": ["x"], "article_id": ["x"], "text": [text]}), term, limit=1)
    if found.empty:
        return ""
    start = int(found["start"].iloc[0])
    sentences = Sentences.of(text)
    s_start, s_end = sentences.around(start, start + 1)
    return text[s_start:s_end]


def wording_articles(inputs) -> pd.DataFrame:
    """The articles the wording figures compare: English texts."""
    articles = inputs.corpus.articles
    return articles[articles["language"] == "en"]


def _mentions_of(inputs) -> pd.DataFrame:
    mentions = inputs.mentions("wording")
    english = set(wording_articles(inputs)["article_id"])
    return mentions[mentions["article_id"].isin(english)]


# --- the evidence behind one row of a figure's table ------------------------------------------------


def _naming_evidence(row: Mapping, inputs) -> pd.DataFrame:
    found = _mentions_of(inputs)
    keep = (found["kind"] == "naming") & (found["canonical"] == row["concept"]) & (found["outlet"] == row["outlet"])
    if "variant" in row:
        keep &= found["variant"] == row["variant"]
    if "period" in row:
        keep &= found["published"].dt.strftime(_PERIODS["M"] if len(str(row["period"])) == 7 else "%Y") == \
            str(row["period"])
    return found[keep]


def _rate_evidence(row: Mapping, inputs) -> pd.DataFrame:
    articles = wording_articles(inputs)
    ids = set(articles.loc[(articles["outlet"] == row["outlet"])
                           & (articles["content_type"] == row["content_type"]), "article_id"])
    found = _mentions_of(inputs)
    return found[found["article_id"].isin(ids) & (found["kind"] == row["kind"])
                 & (found["category"] == row["category"])]


def _term_evidence(row: Mapping, inputs) -> pd.DataFrame:
    articles = wording_articles(inputs)
    chosen = articles[(articles["outlet"] == row["outlet"]) & (articles["content_type"] == "article")]
    found = keyness.kwic(chosen, str(row["term"]), limit=None)
    if found.empty:
        return found
    texts = dict(zip(chosen["article_id"], chosen["text"]))
    sentences = [_sentence_at(texts[a], int(s)) for a, s in zip(found["article_id"], found["start"])]
    return found.assign(outlet=row["outlet"], end=found["start"] + found["match"].str.len(), family=FAMILY,
                        kind="term", term=found["match"], sentence=sentences)


def _sentence_at(text: str, start: int) -> str:
    s_start, s_end = Sentences.of(text).around(start, start + 1)
    return text[s_start:s_end]


FIGURES = [
    FigureSpec("naming_shares", "Naming choices: share of each variant by outlet",
               lambda inputs: table_naming_shares(_mentions_of(inputs), topic=inputs.topic),
               lambda table, topic: plots.fig_naming_shares(table, topic=topic, min_mentions=MIN_NAMING_MENTIONS),
               "02-loaded-wording",
               evidence=_naming_evidence),
    FigureSpec("naming_over_time", "Naming choices by month: share in the usage the topic pack follows",
               lambda inputs: table_naming_over_time(_mentions_of(inputs), topic=inputs.topic),
               lambda table, topic: plots.fig_naming_over_time(table, topic=topic,
                                                               min_mentions=MIN_MENTIONS_PER_PERIOD),
               "02-loaded-wording",
               evidence=_naming_evidence),
    FigureSpec("wording_rates", "Labels, descriptors, hedges, scare quotes and loaded wording per 1,000 words",
               lambda inputs: table_category_rates(_mentions_of(inputs), wording_articles(inputs)),
               lambda table, topic: plots.fig_wording_rates(table), "02-loaded-wording",
               evidence=_rate_evidence),
    FigureSpec("distinctive_terms", "Terms that distinguish each outlet (weighted log-odds)",
               lambda inputs: table_distinctive_terms(wording_articles(inputs)),
               lambda table, topic: plots.fig_distinctive_terms(table), "02-loaded-wording",
               evidence=_term_evidence),
]


def naming_summary(shares: pd.DataFrame, *, topic: Topic) -> pd.DataFrame:
    """One row per concept and outlet: the share of the usage the pack follows (wide, for reading)."""
    if shares.empty:
        return pd.DataFrame()
    followed = shares[shares["variant"].isin(topic.usage.variants)]
    wide = followed.groupby(["concept", "outlet"])["share"].sum().unstack("outlet")
    return wide.round(2).replace({np.nan: None})


def examples(mentions: pd.DataFrame, *, per_group: int = 3, by: tuple[str, ...] = ("kind", "category"),
             seed: int = 1) -> pd.DataFrame:
    """A few mentions per group with their sentence and article, for a reader to check."""
    columns = list(dict.fromkeys([*by, "outlet", "term", "sentence", "article_id", "start"]))
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    picked = mentions.sample(frac=1.0, random_state=seed).groupby(list(by)).head(per_group)
    return picked[columns].sort_values(list(dict.fromkeys([*by, "outlet"]))).reset_index(drop=True)


def counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per kind and category, by outlet (wide)."""
    if mentions.empty:
        return pd.DataFrame()
    return pd.crosstab([mentions["kind"], mentions["category"]], mentions["outlet"])
