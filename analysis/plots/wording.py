"""Figures of wording: naming shares, naming over time, rates per 1,000 words, distinctive terms."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import STYLE, outlet_colour, outlet_name
from analysis.plots.base import empty, estimates, hollow, no_interval_note, note
from analysis.stats import MIN_ARTICLES_FOR_INTERVAL
from analysis.topic import Topic


def fig_naming_shares(table: pd.DataFrame, *, topic: Topic, concepts: int = 6, min_mentions: int = 5) -> Figure:
    """Stacked bars: for each concept (panel) and outlet (bar), the share of each naming variant.

    Args:
        table: From :func:`analysis.wording.tables.table_naming_shares`.
        topic: The pack: variant colours, and the usage whose share orders the bars.
        concepts: Panels for the concepts with the most mentions.
        min_mentions: An outlet naming a concept fewer times is left out of its panel (and listed under the
            figure), unless no outlet names any concept that often (a small corpus): then every outlet is drawn.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no naming choices")
        group = table.groupby(["concept", "outlet"])["mentions"].transform("sum")
        enough = group >= min_mentions
        if enough.any():
            table, small = table[enough], table[~enough]
        else:
            small = table.iloc[:0]
        order = table.groupby("concept")["mentions"].sum().sort_values(ascending=False).index[:concepts]
        small = small[small["concept"].isin(order)].groupby(["concept", "outlet"])["mentions"].sum()
        left_out = (f"Left out (fewer than {min_mentions} mentions of the concept): "
                    + "; ".join(f"{c}: " + ", ".join(f"{outlet_name(o)} ({n})" for (_, o), n in part.items())
                                for c, part in small.groupby(level="concept")) + ".") if len(small) else ""
        columns = min(2, len(order))
        lines = (len(order) + columns - 1) // columns
        fig = Figure(figsize=(max(7.0, 5.5 * columns), 2.8 * lines + 1.0))
        axes = fig.subplots(lines, columns, squeeze=False).ravel()
        for ax, concept in zip(axes, order):
            part = table[table["concept"] == concept]
            wide = part.pivot_table(index="outlet", columns="variant", values="share", fill_value=0)
            counts = part.groupby("outlet")["mentions"].sum()
            followed = [c for c in wide.columns if c in topic.usage.variants]
            wide = wide.loc[wide[followed].sum(axis=1).sort_values().index] if followed else wide
            left = np.zeros(len(wide))
            for variant in wide.columns:
                ax.barh(range(len(wide)), wide[variant], left=left, color=topic.variant_colour(variant),
                        label=variant.replace("_", " "), height=0.7)
                left += wide[variant].to_numpy()
            ax.set_yticks(range(len(wide)), [f"{outlet_name(o)} (n={counts[o]:,})" for o in wide.index])
            ax.set_xlim(0, 1)
            ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
            ax.set_title(concept)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), fontsize=7, ncols=min(5, len(wide.columns)))
        for ax in axes[len(order):]:
            ax.set_axis_off()
        fig.suptitle("Which name each outlet uses\n(share of the concept's mentions; n = mentions)", x=0.01,
                     ha="left", fontsize=10, fontweight="bold")
        note(fig, left_out if enough.any() else f"Every outlet is drawn: none names a concept {min_mentions} times, "
                                                "so each share rests on a few mentions.")
        return fig


def fig_naming_over_time(table: pd.DataFrame, *, topic: Topic, min_mentions: int = 10) -> Figure:
    """Lines: per concept (panel), each outlet's monthly share of the usage the pack follows; months with fewer
    than ``min_mentions`` mentions are hollow points, not joined to the line.

    Args:
        table: From :func:`analysis.wording.tables.table_naming_over_time`.
        topic: The pack, whose ``naming.usage.label`` titles the panels.
        min_mentions: Fewest mentions in a month for its share to be joined into the outlet's line.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no dated naming choices")
        concepts = list(dict.fromkeys(table["concept"]))
        fig = Figure(figsize=(10, 3.2 * len(concepts) + 0.4))
        axes = fig.subplots(len(concepts), 1, squeeze=False)[:, 0]
        for ax, concept in zip(axes, concepts):
            part = table[table["concept"] == concept]
            for outlet, rows in part.groupby("outlet"):
                x = pd.PeriodIndex(rows["period"], freq="M").to_timestamp()
                enough = (rows["mentions"] >= min_mentions).to_numpy()
                colour = outlet_colour(outlet)
                if enough.any():
                    ax.plot(x[enough], rows["share_usage"][enough], marker="o", markersize=3, linewidth=1.2,
                            color=colour, label=outlet_name(outlet))
                if (~enough).any():
                    ax.plot(x[~enough], rows["share_usage"][~enough], markersize=3.5, alpha=0.7,
                            label=None if enough.any() else outlet_name(outlet), **hollow(colour))
            ax.set_ylim(-0.05, 1.05)
            ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
            ax.set_title(f"{concept}: share of mentions in {topic.usage.label}, by month")
            ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7)
        note(fig, f"Lines join months with at least {min_mentions} mentions; hollow points: months with fewer, "
                  "whose share moves a lot with one mention.")
        return fig


def fig_wording_rates(table: pd.DataFrame, *, content_type: str | None = None) -> Figure:
    """Dot plots with 95% intervals over articles: mentions per 1,000 words, one panel per kind and category.

    Args:
        table: From :func:`analysis.wording.tables.table_category_rates`.
        content_type: ``article`` or ``headline`` (default: the type with the most outlets).
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no articles")
        if content_type is None:
            content_type = table.groupby("content_type")["outlet"].nunique().idxmax()
        part = table[table["content_type"] == content_type]
        keys = (part.groupby(["kind", "category"])["mentions"].sum().sort_values(ascending=False)
                .index[:12].tolist())
        columns = 3
        rows = (len(keys) + columns - 1) // columns
        outlets = sorted(part["outlet"].unique())
        fig = Figure(figsize=(11, 0.28 * len(outlets) * rows + 1.2 * rows + 0.6))
        axes = fig.subplots(rows, columns, squeeze=False, sharey=True).ravel()
        shown = missing = 0
        for ax, (kind, category) in zip(axes, keys):
            rows_ = part[(part["kind"] == kind) & (part["category"] == category)].set_index("outlet").reindex(outlets)
            y = np.arange(len(outlets))
            rate = rows_["rate_per_1000"].to_numpy(dtype=float)
            low, high = rows_["ci_low"].to_numpy(dtype=float), rows_["ci_high"].to_numpy(dtype=float)
            for position, outlet in enumerate(outlets):
                missing += estimates(ax, rate[position:position + 1], y[position:position + 1],
                                     low[position:position + 1], high[position:position + 1],
                                     colour=outlet_colour(outlet), ecolor="#7F8C8D", markersize=5)
            shown += int(np.isfinite(rate).sum())
            ax.set_yticks(y, [outlet_name(o) for o in outlets])
            ax.set_title(f"{kind}: {category.replace('_', ' ')}", fontsize=9)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.set_xlim(left=0)
        for ax in axes[len(keys):]:
            ax.set_axis_off()
        fig.suptitle(f"Mentions per 1,000 words ({content_type}s; bars: 95% interval, bootstrap over articles)",
                     x=0.01, ha="left", fontsize=10, fontweight="bold")
        note(fig, no_interval_note(missing, shown, unit="rates"))
        return fig


def fig_distinctive_terms(table: pd.DataFrame, *, per_outlet: int = 10) -> Figure:
    """Bars of z-scores: the terms that most distinguish each outlet from the others.

    Args:
        table: From :func:`analysis.wording.tables.table_distinctive_terms`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "fewer than two outlets with articles in the language")
        outlets = sorted(table["outlet"].unique())
        columns = min(3, len(outlets))
        rows = (len(outlets) + columns - 1) // columns
        fig = Figure(figsize=(11, 2.6 * rows + 0.6))
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, outlet in zip(axes, outlets):
            part = table[table["outlet"] == outlet].nlargest(per_outlet, "z").iloc[::-1]
            stable = part["sign_share"].astype(float) >= 0.975   # NaN (too few articles to tell): grey
            ax.barh(range(len(part)), part["z"], color=[outlet_colour(outlet) if s else "#D5D8DC" for s in stable])
            ax.set_yticks(range(len(part)), part["term"])
            ax.set_title(outlet_name(outlet))
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
        for ax in axes[len(outlets):]:
            ax.set_axis_off()
        fig.suptitle("Terms that distinguish each outlet: z-score of the weighted log-odds against all other outlets\n"
                     "(grey: the sign does not hold in 97.5% of bootstrap draws over articles)", x=0.01, ha="left",
                     fontsize=10, fontweight="bold")
        unknown = int(table["sign_share"].isna().sum())
        if unknown:
            note(fig, f"Grey also where an outlet, or the others together, has fewer than {MIN_ARTICLES_FOR_INTERVAL} "
                      f"articles ({unknown:,} of {len(table):,} terms): too few to resample, so these terms describe "
                      "the articles at hand, not the outlet.")
        return fig
