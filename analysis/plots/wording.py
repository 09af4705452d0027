"""Figures of wording: naming shares, naming over time, rates per 1,000 words, distinctive terms."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import STYLE, outlet_colour, outlet_name
from analysis.plots.base import empty
from analysis.topic import Topic


def fig_naming_shares(table: pd.DataFrame, *, topic: Topic, concepts: int = 6) -> Figure:
    """Stacked bars: for each concept (panel) and outlet (bar), the share of each naming variant.

    Args:
        table: From :func:`analysis.wording.tables.table_naming_shares`.
        topic: The pack: variant colours, and the usage whose share orders the bars.
        concepts: Panels for the concepts with the most mentions.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no naming choices with enough mentions")
        order = table.groupby("concept")["mentions"].sum().sort_values(ascending=False).index[:concepts]
        fig = Figure(figsize=(11, 2.8 * ((len(order) + 1) // 2) + 0.8))
        axes = fig.subplots((len(order) + 1) // 2, 2, squeeze=False).ravel()
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
        fig.suptitle("Which name each outlet uses (share of the concept's mentions; n = mentions)", x=0.01,
                     ha="left", fontsize=10, fontweight="bold")
        return fig


def fig_naming_over_time(table: pd.DataFrame, *, topic: Topic) -> Figure:
    """Lines: per concept (panel), each outlet's monthly share of the usage the pack follows.

    Args:
        table: From :func:`analysis.wording.tables.table_naming_over_time`.
        topic: The pack, whose ``naming.usage.label`` titles the panels.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no dated naming choices with enough mentions per month")
        concepts = list(dict.fromkeys(table["concept"]))
        fig = Figure(figsize=(10, 3.2 * len(concepts)))
        axes = fig.subplots(len(concepts), 1, squeeze=False)[:, 0]
        for ax, concept in zip(axes, concepts):
            part = table[table["concept"] == concept]
            for outlet, rows in part.groupby("outlet"):
                x = pd.PeriodIndex(rows["period"], freq="M").to_timestamp()
                ax.plot(x, rows["share_usage"], marker="o", markersize=3, linewidth=1.2,
                        color=outlet_colour(outlet), label=outlet_name(outlet))
            ax.set_ylim(-0.03, 1.03)
            ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0))
            ax.set_title(f"{concept}: share of mentions in {topic.usage.label}, by month "
                         "(months with at least 10 mentions)")
            ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=7)
        return fig


def fig_wording_rates(table: pd.DataFrame, *, content_type: str | None = None) -> Figure:
    """Dot plots with 95% intervals over articles: mentions per 1,000 words, one panel per kind and category.

    Args:
        table: From :func:`analysis.wording.tables.table_category_rates`.
        content_type: ``article`` or ``headline`` (default: the type with the most outlets).
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no outlet has enough articles")
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
        for ax, (kind, category) in zip(axes, keys):
            rows_ = part[(part["kind"] == kind) & (part["category"] == category)].set_index("outlet").reindex(outlets)
            y = np.arange(len(outlets))
            rate = rows_["rate_per_1000"].to_numpy(dtype=float)
            low, high = rows_["ci_low"].to_numpy(dtype=float), rows_["ci_high"].to_numpy(dtype=float)
            err = np.vstack([rate - low, high - rate])
            ax.errorbar(rate, y, xerr=np.nan_to_num(err), fmt="none", ecolor="#7F8C8D", elinewidth=1)
            ax.scatter(rate, y, c=[outlet_colour(o) for o in outlets], s=22, zorder=3)
            ax.set_yticks(y, [outlet_name(o) for o in outlets])
            ax.set_title(f"{kind}: {category.replace('_', ' ')}", fontsize=9)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.set_xlim(left=0)
        for ax in axes[len(keys):]:
            ax.set_axis_off()
        fig.suptitle(f"Mentions per 1,000 words ({content_type}s; bars: 95% interval, bootstrap over articles)",
                     x=0.01, ha="left", fontsize=10, fontweight="bold")
        return fig


def fig_distinctive_terms(table: pd.DataFrame, *, per_outlet: int = 10) -> Figure:
    """Bars of z-scores: the terms that most distinguish each outlet from the others.

    Args:
        table: From :func:`analysis.wording.tables.table_distinctive_terms`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "fewer than two outlets with enough articles")
        outlets = sorted(table["outlet"].unique())
        columns = min(3, len(outlets))
        rows = (len(outlets) + columns - 1) // columns
        fig = Figure(figsize=(11, 2.6 * rows + 0.6))
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, outlet in zip(axes, outlets):
            part = table[table["outlet"] == outlet].nlargest(per_outlet, "z").iloc[::-1]
            stable = part["sign_share"] >= 0.975
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
        return fig
