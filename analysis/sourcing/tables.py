"""How does each outlet source its reporting? The tables behind the sourcing figures and notebook 04.

Shares of each outlet's attributions by speaker side and source type, channel, anonymity, and verb
class by side, each with intervals from resampling articles and an example sentence per row; the
most-quoted speakers. The topic pack gives the sides and their order. Each figure's ``evidence``
function returns the attributions behind one row (``python -m analysis trace FIGURE --row N``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from analysis import compare, plots, stats
from analysis.figures import FigureSpec
from analysis.schema import SOURCE_TYPES
from analysis.sourcing import FAMILY
from analysis.sourcing.lexicons import for_topic
from analysis.topic import Topic

#: Verb classes the framing figure compares ("claimed" for one side, "stressed" for the other?).
FRAMING_CLASSES = ("distancing", "endorsing", "conceding", "accusing")
_EXAMPLE = ["example", "example_article"]


def _attributions(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["family"] == FAMILY] if "family" in mentions else mentions


def shares(mentions: pd.DataFrame, *, by: list[str], column: str, values: Iterable[str] | None = None,
           draws: int = stats.DRAWS, seed: int = stats.SEED) -> pd.DataFrame:
    """Share of attributions taking each value of ``column`` within each group, with article-bootstrap intervals.

    Attributions cluster in articles (one article quoting one speaker ten times), so intervals come from
    resampling the group's *articles* (:func:`analysis.stats.ratio_intervals`, fixed seed).

    Args:
        mentions: Sourcing mention rows with ``article_id``, ``sentence``, ``start`` and the grouping columns.
        by: Grouping columns (``["outlet"]``, ``["outlet", "side"]``).
        column: The categorical column whose shares are estimated (``side``, ``channel``, ``verb_class``).
        values: Values to report (default: every value seen); missing values count as ``"none"``.

    Returns:
        One row per group and value: the group columns, ``value``, ``count``, ``attributions`` (in the group),
        ``articles``, ``share``, ``ci_low``, ``ci_high``, and an example sentence with its article.
    """
    columns = [*by, "value", "count", "attributions", "articles", "share", "ci_low", "ci_high", *_EXAMPLE]
    rows = _attributions(mentions)
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(value=rows[column].astype("object").where(rows[column].notna(), "none").astype(str))
    wanted = list(values) if values is not None else sorted(rows["value"].unique())
    examples = (rows.sort_values(["article_id", "start"]).drop_duplicates([*by, "value"])
                .set_index([*by, "value"])[["sentence", "article_id"]])
    out = []
    for key, group in rows.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        counts = group.groupby(["article_id", "value"]).size().unstack(fill_value=0).reindex(columns=wanted,
                                                                                             fill_value=0)
        totals = group.groupby("article_id").size().reindex(counts.index)
        estimate, low, high = stats.ratio_intervals(counts.to_numpy(), totals.to_numpy(), draws=draws, seed=seed)
        for i, value in enumerate(wanted):
            example = examples.loc[(*key, value)] if (*key, value) in examples.index else None
            out.append((*key, value, int(counts[value].sum()), len(group), counts.shape[0], estimate[i], low[i],
                        high[i], None if example is None else example["sentence"],
                        None if example is None else example["article_id"]))
    return pd.DataFrame(out, columns=columns).sort_values([*by, "value"], kind="stable").reset_index(drop=True)


def table_sides_types(mentions: pd.DataFrame, *, topic: Topic) -> pd.DataFrame:
    """Who is quoted: the share of each outlet's attributions by speaker side (the pack's sides, then
    ``unknown``) and by source type.

    Returns:
        outlet, dimension (``side`` or ``source_type``), value, count, attributions, articles, share,
        ci_low, ci_high, example, example_article.
    """
    parts = [shares(mentions, by=["outlet"], column=dimension, values=values).assign(dimension=dimension)
             for dimension, values in (("side", topic.side_order), ("source_type", SOURCE_TYPES))]
    table = pd.concat(parts, ignore_index=True)
    return table[["outlet", "dimension", *[c for c in table.columns if c not in ("outlet", "dimension")]]]


def table_channels(mentions: pd.DataFrame) -> pd.DataFrame:
    """Through which channel: the share of each outlet's attributions by channel.

    Outlet-specific channels are grouped (``interview:Politico`` -> ``interview``, ``media:TASS`` ->
    ``media``); ``none`` is an attribution whose channel the text does not state.

    Returns:
        outlet, value (channel), count, attributions, articles, share, ci_low, ci_high, example, example_article.
    """
    rows = _attributions(mentions)
    if not rows.empty:
        rows = rows.assign(channel=rows["channel"].astype("object").map(
            lambda c: c.split(":")[0] if isinstance(c, str) else None))
    return shares(rows, by=["outlet"], column="channel")


def table_anonymity(mentions: pd.DataFrame) -> pd.DataFrame:
    """How often each outlet relies on unnamed sources, and on named sources relaying unnamed ones.

    Returns:
        outlet, measure (``anonymous`` or ``relayed``), count, attributions, articles, share, ci_low,
        ci_high, example, example_article.
    """
    parts = []
    rows = _attributions(mentions)
    for measure in ("anonymous", "relayed"):
        flagged = rows.assign(flag=rows[measure].fillna(False).astype(bool).map({True: "yes", False: "no"}))
        part = shares(flagged, by=["outlet"], column="flag", values=["yes"])
        parts.append(part.drop(columns="value").assign(measure=measure))
    table = pd.concat(parts, ignore_index=True)
    order = ["outlet", "measure", "count", "attributions", "articles", "share", "ci_low", "ci_high", *_EXAMPLE]
    return table[order].sort_values(["outlet", "measure"], kind="stable").reset_index(drop=True)


def table_verbs_by_side(mentions: pd.DataFrame, *, topic: Topic, sides: Iterable[str] | None = None,
                        classes: Iterable[str] | None = None) -> pd.DataFrame:
    """How each outlet frames each side: the share of attributions to speakers of a side by verb class.

    Does an outlet write "claimed" for one side and "stressed" for the other? Within each outlet and
    speaker side, the share of attributions whose cue is distancing, endorsing, ... (all classes by
    default), with article-bootstrap intervals. Sides are the pack's compared sides unless given.

    Returns:
        outlet, side, value (verb class), count, attributions, articles, share, ci_low, ci_high, example,
        example_article.
    """
    sides = topic.compared_sides if sides is None else sides
    rows = _attributions(mentions)
    rows = rows[rows["side"].isin(list(sides))] if not rows.empty else rows
    classes = list(classes) if classes is not None else list(for_topic(topic).classes)
    return shares(rows, by=["outlet", "side"], column="verb_class", values=classes)


def table_share_differences(mentions: pd.DataFrame, articles: pd.DataFrame, *, topic: Topic,
                            against: str = compare.REST, draws: int = stats.DRAWS,
                            permutations: int = compare.PERMUTATIONS) -> pd.DataFrame:
    """Does an outlet quote each side, quote unnamed sources, or use each verb class more than the others?

    The share of each outlet's attributions by speaker side (the pack's sides, then ``unknown``), unnamed
    (``anonymous``) and relaying unnamed sources (``relayed``), and by verb class, each outlet against the
    other outlets (or every pair), within each content type, with an interval from resampling articles, a
    permutation p-value over articles and Benjamini-Hochberg q-values over the whole table
    (:func:`analysis.compare.differences`). Articles without attributions do not count.

    Returns:
        content_type, dimension (``side``, ``anonymous``, ``relayed``, ``verb_class``), value, then the columns
        of :func:`analysis.compare.differences` (``measure`` is ``dimension=value``, values are shares,
        ``count`` attributions with the value and ``total`` attributions).
    """
    rows = _attributions(mentions)
    rows = rows.merge(articles[["article_id", "content_type"]], on="article_id", how="inner") if len(rows) else \
        rows.assign(content_type=pd.Series(dtype=object))
    classes = list(for_topic(topic).classes)
    flags = {f"side={side}": rows["side"].fillna("unknown") == side for side in topic.side_order}
    flags |= {f"{measure}=yes": rows[measure].fillna(False).astype(bool) for measure in ("anonymous", "relayed")}
    flags |= {f"verb_class={value}": rows["verb_class"] == value for value in classes}
    measures = list(flags)
    marked = pd.DataFrame({name: flag.astype("int64") for name, flag in flags.items()}, index=rows.index)
    marked[["outlet", "content_type", "article_id"]] = rows[["outlet", "content_type", "article_id"]]
    per_article = marked.groupby(["outlet", "content_type", "article_id"], sort=True)[measures].sum()
    per_article = per_article.assign(attributions=marked.groupby(["outlet", "content_type", "article_id"],
                                                                 sort=True).size()).reset_index()
    table = compare.differences(per_article, numerator=measures, denominator="attributions", by=["content_type"],
                                against=against, draws=draws, permutations=permutations)
    parts = table["measure"].str.split("=", n=1, expand=True) if len(table) else pd.DataFrame(columns=[0, 1])
    table.insert(1, "dimension", parts[0])
    table.insert(2, "value", parts[1])
    return table


def examples(mentions: pd.DataFrame, *, per_outlet: int = 3, verb_class: str | None = None) -> pd.DataFrame:
    """A few attributions per outlet to read by eye: the first ones (by article and offset) with a named speaker.

    Args:
        mentions: Sourcing mention rows.
        per_outlet: Rows per outlet.
        verb_class: Only attributions of this class (``distancing``, ``endorsing``, ...).
    """
    columns = ["outlet", "speaker", "verb", "verb_class", "channel", "side", "source_type", "kind", "sentence"]
    rows = _attributions(mentions)
    if verb_class is not None:
        rows = rows[rows["verb_class"] == verb_class]
    rows = rows[rows["speaker"].notna()].sort_values(["outlet", "article_id", "start"], kind="stable")
    return rows.groupby("outlet", sort=True).head(per_outlet)[columns].reset_index(drop=True)


def _modes(rows: pd.DataFrame, keys: list[str], column: str) -> pd.Series:
    """The most common value of ``column`` in each group of ``keys`` (ties: the smallest value, as
    ``Series.mode().iloc[0]``; missing values are not counted), indexed by the keys. One grouping for all groups:
    a ``mode()`` per speaker took seconds on the whole corpus."""
    counts = rows.groupby([*keys, column], sort=True).size().rename("n").reset_index()
    counts = counts.sort_values([*keys, "n", column], ascending=[True] * len(keys) + [False, True], kind="stable")
    return counts.drop_duplicates(keys).set_index(keys)[column]


def top_speakers(mentions: pd.DataFrame, *, per_outlet: int = 5) -> pd.DataFrame:
    """The most quoted speakers of each outlet: attributions, articles, side, type and their most common verb class.

    Returns:
        outlet, speaker, side, source_type, attributions, articles, top_class, distancing (share of the
        speaker's attributions with a distancing verb), sorted by outlet and attributions.
    """
    rows = _attributions(mentions)
    rows = rows[rows["speaker"].notna()]
    columns = ["outlet", "speaker", "side", "source_type", "attributions", "articles", "top_class", "distancing"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    keys = ["outlet", "speaker"]
    grouped = rows.groupby(keys, sort=True)
    table = grouped.agg(attributions=("start", "size"), articles=("article_id", "nunique")).reset_index()
    table["distancing"] = (rows["verb_class"] == "distancing").groupby([rows[k] for k in keys]).mean().to_numpy()
    for column, name in (("side", "side"), ("source_type", "source_type"), ("verb_class", "top_class")):
        table = table.merge(_modes(rows, keys, column).rename(name), left_on=keys, right_index=True, how="left")
    table = table.sort_values(["outlet", "attributions", "speaker"], ascending=[True, False, True], kind="stable")
    return table.groupby("outlet", sort=True).head(per_outlet)[columns].reset_index(drop=True)


#: Words stripped from the start of a speaker before speakers are grouped ("the official" is "official").
_LEADING_ARTICLE = r"^(?:the|a|an)\s+"


def unknown_share(mentions: pd.DataFrame) -> pd.DataFrame:
    """How many attributions have no side? Per outlet and over all outlets (a missing side counts as ``unknown``).

    Returns:
        outlet (``all`` for the last row, over every outlet), unknown (attributions whose side is ``unknown``),
        attributions, share (unknown / attributions), sorted by outlet with ``all`` last.
    """
    columns = ["outlet", "unknown", "attributions", "share"]
    rows = _attributions(mentions)
    if rows.empty:
        return pd.DataFrame(columns=columns)
    unknown = rows["side"].fillna("unknown").eq("unknown")
    table = unknown.groupby(rows["outlet"], sort=True).agg(["sum", "size"]).reset_index()
    table.columns = ["outlet", "unknown", "attributions"]
    table.loc[len(table)] = ["all", int(unknown.sum()), len(rows)]
    table = table.astype({"unknown": "int64", "attributions": "int64"})
    return table.assign(share=table["unknown"] / table["attributions"])[columns]


def unknown_sides(mentions: pd.DataFrame, *, top: int = 50) -> pd.DataFrame:
    """Who is quoted without a side? The most quoted speakers whose side is ``unknown``.

    What a topic pack's ``sources.yaml`` should learn next: the people, offices and descriptions the
    corpus quotes most whose side the pack does not give. Speakers are grouped by their name (the part
    of ``speaker`` before the first comma, without a leading article, case-folded), so "George Soros" and
    "George Soros, billionaire investor" are one row; attributions without a speaker are left out of the
    rows but count in the denominator of ``share_of_unknown``.

    Args:
        mentions: Sourcing mention rows with ``speaker``, ``side``, ``outlet``, ``article_id``, ``start``
            and ``sentence``.
        top: Rows to return (the most quoted first).

    Returns:
        speaker (the name as most often written), role (the role most often given with it, or None),
        attributions, articles, outlets (how many), outlet_list (comma-separated), share_of_unknown (the
        speaker's attributions over every attribution whose side is ``unknown``), example (the first sentence
        by article and offset) and example_article; sorted by attributions (descending), then speaker.
    """
    columns = ["speaker", "role", "attributions", "articles", "outlets", "outlet_list", "share_of_unknown",
               *_EXAMPLE]
    rows = _attributions(mentions)
    rows = rows[rows["side"].fillna("unknown").eq("unknown")] if not rows.empty else rows
    total = len(rows)
    rows = rows[rows["speaker"].notna()] if not rows.empty else rows
    if rows.empty:
        return pd.DataFrame(columns=columns)
    parts = rows["speaker"].astype(str).str.split(", ", n=1, expand=True).reindex(columns=[0, 1])
    name = parts[0].str.strip().str.replace(_LEADING_ARTICLE, "", regex=True, flags=re.IGNORECASE)
    rows = rows.assign(_name=name, _role=parts[1].str.strip(), _key=name.str.casefold().str.split().str.join(" "))
    rows = rows.sort_values(["article_id", "start"], kind="stable")
    grouped = rows.groupby("_key", sort=True)
    table = grouped.agg(attributions=("start", "size"), articles=("article_id", "nunique"),
                        outlets=("outlet", "nunique"), example=("sentence", "first"),
                        example_article=("article_id", "first"))
    table["outlet_list"] = grouped["outlet"].agg(lambda o: ", ".join(sorted(set(o))))
    table["speaker"] = _modes(rows, ["_key"], "_name")
    table["role"] = _modes(rows, ["_key"], "_role").reindex(table.index)
    table["share_of_unknown"] = table["attributions"] / total
    table = table.sort_values(["attributions", "speaker"], ascending=[False, True], kind="stable")
    table = table.head(top).reset_index(drop=True).astype({"role": "object"})
    return table.assign(role=table["role"].where(table["role"].notna(), None))[columns]


def _evidence(column: str, *, by: tuple[str, ...] = ("outlet",)):
    """The attributions behind one row of a :func:`shares` table: its group and its value of ``column``."""
    def evidence(row: Mapping, inputs) -> pd.DataFrame:
        rows = _attributions(inputs.mentions(FAMILY))
        keep = pd.Series(True, index=rows.index)
        for key in by:
            keep &= rows[key] == row[key]
        value = rows[column].astype("object")
        if column == "channel":
            value = value.map(lambda c: c.split(":")[0] if isinstance(c, str) else None)
        value = value.where(value.notna(), "none").astype(str)
        return rows[keep & (value == str(row["value"]))]
    return evidence


def _sides_types_evidence(row: Mapping, inputs) -> pd.DataFrame:
    return _evidence(str(row["dimension"]))(row, inputs)


def _anonymity_evidence(row: Mapping, inputs) -> pd.DataFrame:
    rows = _attributions(inputs.mentions(FAMILY))
    return rows[(rows["outlet"] == row["outlet"]) & rows[str(row["measure"])].fillna(False).astype(bool)]


def _of(table, **options):
    return lambda inputs: table(inputs.mentions(FAMILY), **{k: v(inputs) for k, v in options.items()})


FIGURES = [
    FigureSpec("sourcing_sides_types", "Who is quoted: speaker side and source type by outlet",
               _of(table_sides_types, topic=lambda inputs: inputs.topic),
               lambda table, topic: plots.fig_sourcing_sides_types(table, topic=topic), "04-sourcing",
               evidence=_sides_types_evidence),
    FigureSpec("sourcing_channels", "Through which channel attributed statements reach each outlet",
               _of(table_channels), lambda table, topic: plots.fig_sourcing_channels(table), "04-sourcing",
               evidence=_evidence("channel")),
    FigureSpec("sourcing_anonymity", "Unnamed sources and relayed unnamed sources by outlet",
               _of(table_anonymity), lambda table, topic: plots.fig_sourcing_anonymity(table), "04-sourcing",
               evidence=_anonymity_evidence),
    FigureSpec("sourcing_verbs_by_side", "Reporting-verb classes by outlet and speaker side",
               _of(table_verbs_by_side, topic=lambda inputs: inputs.topic),
               lambda table, topic: plots.fig_sourcing_verbs_by_side(table, topic=topic), "04-sourcing",
               evidence=_evidence("verb_class", by=("outlet", "side"))),
]
