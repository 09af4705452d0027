"""Who labels whom what, outlet by outlet? The tables behind the designation figures and notebook 03.

Designation rates per 1,000 articles by outlet and type with intervals over articles, the most
designated entities per outlet, voice and form, and look-ups of one entity. Each figure's ``evidence``
function returns the designations behind one row (``python -m analysis trace FIGURE --row N``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis import compare, plots, stats
from analysis.designations import FAMILY, FORMS
from analysis.designations.lexicon import for_topic
from analysis.figures import FigureSpec
from analysis.topic import Topic

RATE_COLUMNS = ["outlet", "content_type", "designation", "articles", "mentions", "articles_with", "per_1000_articles",
                "ci_low", "ci_high", "example_term", "example_entity", "example_sentence", "example_article_id"]
ENTITY_COLUMNS = ["outlet", "rank", "entity", "designation", "designations", "mentions", "articles", "own_share",
                  "example_term", "example_sentence", "example_article_id"]


def _designation_rows(mentions: pd.DataFrame) -> pd.DataFrame:
    if mentions.empty:
        return mentions
    return mentions[mentions["family"] == FAMILY] if "family" in mentions else mentions


def _example(group: pd.DataFrame) -> pd.Series:
    first = group.sort_values(["article_id", "start"], kind="stable").iloc[0]
    return pd.Series({"example_term": first["term"], "example_entity": first["entity"],
                      "example_sentence": first["sentence"], "example_article_id": first["article_id"]})


def table_designation_rates(mentions: pd.DataFrame, articles: pd.DataFrame, *, per: int = 1000,
                            draws: int = stats.DRAWS) -> pd.DataFrame:
    """Designations per 1,000 articles by outlet, content type (full articles, headline rows) and type, with 95%
    intervals from a bootstrap over articles (designations cluster in articles), and an example per row.

    Args:
        mentions: The mentions table (rows of other families are ignored).
        articles: The Article table the mentions were extracted from (every article counts, with or without).
        per: Scale of the rate.
        draws: Bootstrap draws.
    """
    found = _designation_rows(mentions)
    if articles.empty or found.empty:
        return pd.DataFrame(columns=RATE_COLUMNS)
    types = sorted(found["designation"].dropna().unique())
    counts = (found.groupby(["article_id", "designation"]).size().unstack(fill_value=0)
              .reindex(index=articles["article_id"], columns=types, fill_value=0))
    groups = pd.Series([f"{o}\t{c}" for o, c in zip(articles["outlet"], articles["content_type"])],
                       index=counts.index)
    rates = stats.rates_by_group(counts, pd.Series(np.ones(len(counts)), index=counts.index), groups=groups,
                                 scale=per, draws=draws)
    rates[["outlet", "content_type"]] = rates["group"].str.split("\t", expand=True)
    with_any = (counts > 0).groupby(groups.to_numpy()).sum()
    rates["articles_with"] = [int(with_any.loc[g, c]) for g, c in zip(rates["group"], rates["category"])]
    rates = rates.rename(columns={"category": "designation", "count": "mentions", "rate": "per_1000_articles"})
    rates = rates[rates["mentions"] > 0]
    keyed = found.merge(articles[["article_id", "content_type"]], on="article_id", how="left")
    examples = (keyed.groupby(["outlet", "content_type", "designation"])[["article_id", "start", "term", "entity",
                                                                          "sentence"]]
                .apply(_example).reset_index())
    table = rates.merge(examples, on=["outlet", "content_type", "designation"], how="left")
    return table[RATE_COLUMNS].sort_values(["outlet", "content_type", "designation"]).reset_index(drop=True)


def table_designation_differences(mentions: pd.DataFrame, articles: pd.DataFrame, *, per: int = 1000,
                                  against: str = compare.REST, draws: int = stats.DRAWS,
                                  permutations: int = compare.PERMUTATIONS) -> pd.DataFrame:
    """Does an outlet designate more (terrorist, foreign agent, state media, ...) than the other outlets?

    Designations per 1,000 articles of each type, each outlet against the other outlets (or every pair),
    within each content type, with an interval from resampling articles, a permutation p-value over
    articles and Benjamini-Hochberg q-values over the whole table (:func:`analysis.compare.differences`).

    Returns:
        content_type, then the columns of :func:`analysis.compare.differences` (``measure`` is the
        designation type, values are per ``per`` articles, ``count`` designations and ``total`` articles).
    """
    found = _designation_rows(mentions)
    if articles.empty or found.empty:
        return compare.differences(pd.DataFrame(columns=["outlet", "content_type", "article"]), numerator=[],
                                   denominator="article", by=["content_type"])
    types = sorted(found["designation"].dropna().unique())
    counts = (found.groupby(["article_id", "designation"]).size().unstack(fill_value=0)
              .reindex(index=articles["article_id"], columns=types, fill_value=0))
    per_article = counts.reset_index(drop=True).assign(outlet=articles["outlet"].to_numpy(),
                                                       content_type=articles["content_type"].to_numpy(), article=1)
    return compare.differences(per_article, numerator=types, denominator="article", by=["content_type"],
                               against=against, scale=per, draws=draws, permutations=permutations)


def normalise_entity(entity: str) -> str:
    """A key for counting entities: no determiners, quotes or possessive, single spaces ("the Azov Regiment's" ->
    "Azov Regiment"); common nouns in lower case."""
    text = re.sub(r"[\"“”«»ʺ„]", "", entity or "").strip(" ,.;:’'")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"[’']s$", "", text)
    text = re.sub(r"\s+", " ", text)
    return text if any(ch.isupper() for ch in text) else text.lower()


def table_designated_entities(mentions: pd.DataFrame, *, topic: Topic, top: int = 8) -> pd.DataFrame:
    """The most designated entities per outlet: mentions, articles, the types they were given, the share in the
    outlet's own voice, and an example.

    Args:
        mentions: The mentions table (rows of other families are ignored).
        topic: The pack, whose vocabulary orders the types (ties between types go to the first listed).
        top: Entities per outlet.
    """
    found = _designation_rows(mentions)
    if found.empty:
        return pd.DataFrame(columns=ENTITY_COLUMNS)
    found = found.assign(key=[normalise_entity(e) for e in found["entity"].astype(str)])
    rows = []
    order = {kind: i for i, kind in enumerate(for_topic(topic).types)}
    for (outlet, key), group in found.groupby(["outlet", "key"], sort=True):
        kinds = group["designation"].value_counts()
        kinds = kinds.loc[sorted(kinds.index, key=lambda k: (-kinds[k], order.get(k, len(order)), k))]
        example = _example(group)
        rows.append({"outlet": outlet, "entity": key, "designation": kinds.index[0],
                     "designations": "; ".join(f"{k}:{v}" for k, v in kinds.items()), "mentions": len(group),
                     "articles": group["article_id"].nunique(), "own_share": float((group["voice"] == "own").mean()),
                     **example.drop("example_entity").to_dict()})
    table = pd.DataFrame(rows)
    table = table.sort_values(["outlet", "mentions", "articles", "entity"], ascending=[True, False, False, True])
    table["rank"] = table.groupby("outlet").cumcount() + 1
    return table[table["rank"] <= top][ENTITY_COLUMNS].reset_index(drop=True)


def table_voice_form(mentions: pd.DataFrame) -> pd.DataFrame:
    """Designations by outlet, voice (own, reported) and form: who applies labels and how."""
    found = _designation_rows(mentions)
    if found.empty:
        return pd.DataFrame(columns=["outlet", "voice", *FORMS, "total"])
    table = found.groupby(["outlet", "voice", "form"]).size().unstack(fill_value=0).reindex(columns=list(FORMS),
                                                                                           fill_value=0)
    table["total"] = table.sum(axis=1)
    return table.reset_index()


def examples(mentions: pd.DataFrame, *, per_type: int = 2) -> pd.DataFrame:
    """A few designations of every type with their sentences, to check by eye."""
    found = _designation_rows(mentions)
    columns = ["designation", "outlet", "form", "voice", "authority", "term", "entity", "sentence", "article_id"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    ordered = found.sort_values(["designation", "outlet", "article_id", "start"], kind="stable")
    picked = ordered.groupby("designation").head(per_type)
    return picked[columns].reset_index(drop=True)


def _rate_evidence(row: Mapping, inputs) -> pd.DataFrame:
    articles = inputs.corpus.articles
    ids = set(articles.loc[(articles["outlet"] == row["outlet"])
                           & (articles["content_type"] == row["content_type"]), "article_id"])
    found = _designation_rows(inputs.mentions(FAMILY))
    return found[found["article_id"].isin(ids) & (found["designation"] == row["designation"])]


def _entity_evidence(row: Mapping, inputs) -> pd.DataFrame:
    found = _designation_rows(inputs.mentions(FAMILY))
    keys = found["entity"].astype(str).map(normalise_entity)
    return found[(found["outlet"] == row["outlet"]) & (keys == row["entity"])]


FIGURES = [
    FigureSpec("designation_rates", "Designations per 1,000 articles by outlet and type",
               lambda inputs: table_designation_rates(inputs.mentions(FAMILY), inputs.corpus.articles),
               lambda table, topic: plots.fig_designation_rates(table), "03-designations", evidence=_rate_evidence),
    FigureSpec("designated_entities", "Most designated entities per outlet",
               lambda inputs: table_designated_entities(inputs.mentions(FAMILY), topic=inputs.topic),
               lambda table, topic: plots.fig_designated_entities(table), "03-designations",
               evidence=_entity_evidence),
]


def lookup(mentions: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Every designation of an entity (case-insensitive substring of the normalised entity), with its sentence."""
    found = _designation_rows(mentions)
    columns = ["outlet", "article_id", "designation", "voice", "form", "authority", "term", "entity", "sentence"]
    if found.empty or not entity:
        return pd.DataFrame(columns=columns)
    keys = found["entity"].astype(str).map(normalise_entity).str.lower()
    hits = found[keys.str.contains(normalise_entity(entity).lower(), regex=False)]
    return hits.sort_values(["outlet", "article_id", "start"], kind="stable")[columns].reset_index(drop=True)
