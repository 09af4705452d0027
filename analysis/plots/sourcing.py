"""Figures of sourcing: who is quoted (side, type), through which channel, how anonymously, with which verb."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import STYLE, outlet_name
from analysis.plots.base import empty, estimates, no_interval_note, note
from analysis.topic import Topic

TYPE_COLOURS = {"government": "#1F618D", "military": "#6E2C00", "legislator": "#AF601A", "expert": "#117A65",
                "media": "#7D3C98", "activist": "#B03A2E", "ordinary": "#F4D03F", "document": "#5D6D7E",
                "other": "#A6ACAF", "anonymous": "#17202A", "unknown": "#E5E8E8"}
#: Classes drawn by :func:`fig_sourcing_verbs_by_side`, and the fewest attributions a point needs.
FRAMING_CLASSES = ("distancing", "endorsing", "conceding", "accusing")
MIN_ATTRIBUTIONS = 10


def _stacked(ax, table: pd.DataFrame, colours: dict[str, str], labels: dict[str, str] | None = None) -> None:
    """Horizontal stacked bars of ``share`` per outlet, values in the order of ``colours``."""
    wide = table.pivot_table(index="outlet", columns="value", values="share", fill_value=0)
    values = [v for v in colours if v in wide.columns]
    totals = table.groupby("outlet")["attributions"].first()
    wide = wide.loc[sorted(wide.index, key=lambda o: (-totals[o], o))][values]
    left = np.zeros(len(wide))
    for value in values:
        ax.barh(range(len(wide)), wide[value], left=left, color=colours[value], height=0.7,
                label=(labels or {}).get(value, value.replace("_", " ")))
        left += wide[value].to_numpy()
    ax.set_yticks(range(len(wide)), [f"{outlet_name(o)} (n={totals[o]:,})" for o in wide.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
    ax.grid(axis="x", linewidth=0.4)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=7, ncols=4, frameon=False)


def side_colours(topic: Topic) -> dict[str, str]:
    """The pack's side colours in its order, then ``unknown``."""
    return {side: topic.side_colour(side) for side in topic.side_order}


def side_labels(topic: Topic) -> dict[str, str]:
    """The pack's side names (``nato_eu`` -> ``NATO/EU``)."""
    return {side: topic.side_name(side) for side in topic.side_order}


def fig_sourcing_sides_types(table: pd.DataFrame, *, topic: Topic) -> Figure:
    """Two panels of stacked bars: each outlet's attributions by speaker side and by source type.

    Args:
        table: From :func:`analysis.sourcing.tables.table_sides_types`.
        topic: The pack, whose sides give the colours and names of the left panel.
    """
    with mpl.rc_context(fname=str(STYLE)):
        outlets = table["outlet"].nunique() if len(table) else 0
        fig = Figure(figsize=(12, 0.42 * max(outlets, 3) + 2.2))
        if not outlets:
            return empty(fig, "no attributions")
        left, right = fig.subplots(1, 2, sharey=True)
        _stacked(left, table[table["dimension"] == "side"], side_colours(topic), side_labels(topic))
        left.set_title("Speaker's side")
        _stacked(right, table[table["dimension"] == "source_type"], TYPE_COLOURS)
        right.set_title("Source type")
        fig.suptitle("Who is quoted: share of each outlet's attributions (n = attributions)", x=0.01, ha="left")
        return fig


def fig_sourcing_channels(table: pd.DataFrame) -> Figure:
    """A grid of shares: outlets (rows) by channel (columns); ``none`` = channel not stated.

    Args:
        table: From :func:`analysis.sourcing.tables.table_channels`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no attributions")
        wide = table.pivot_table(index="outlet", columns="value", values="share", fill_value=0)
        totals = table.groupby("outlet")["attributions"].first()
        order = [c for c in table.groupby("value")["count"].sum().sort_values(ascending=False).index if c != "none"]
        columns = order + (["none"] if "none" in wide.columns else [])
        wide = wide.loc[sorted(wide.index, key=lambda o: (-totals[o], o))][columns]
        fig = Figure(figsize=(max(7, 0.85 * len(columns) + 3), 0.42 * max(len(wide), 3) + 1.8))
        ax = fig.add_subplot()
        shown = wide.to_numpy().copy()
        if "none" in columns:
            shown[:, -1] = np.nan   # "not stated" dominates; keep the colour scale for stated channels
        image = ax.imshow(shown, aspect="auto", cmap="Blues", vmin=0, vmax=max(0.05, np.nanmax(shown) if
                                                                                 np.isfinite(shown).any() else 0.05))
        for (row, column), share in np.ndenumerate(wide.to_numpy()):
            if share > 0:
                ax.text(column, row, f"{share:.0%}" if share >= 0.01 else "<1%", ha="center", va="center", fontsize=7,
                        color="white" if np.isfinite(shown[row, column]) and shown[row, column] > 0.6 * np.nanmax(shown)
                        else "black")
        ax.set_xticks(range(len(columns)), [c.replace("_", " ") for c in columns], rotation=35, ha="right")
        ax.set_yticks(range(len(wide)), [f"{outlet_name(o)} (n={totals[o]:,})" for o in wide.index])
        ax.grid(False)
        fig.colorbar(image, ax=ax, fraction=0.03, format=mpl.ticker.PercentFormatter(1.0, decimals=0))
        ax.set_title("Channel of attributed statements: share of each outlet's attributions\n"
                     "(last column: channel not stated)", loc="left")
        return fig


def fig_sourcing_anonymity(table: pd.DataFrame) -> Figure:
    """Dots with 95% intervals: each outlet's share of unnamed sources and of named sources relaying unnamed ones.

    Args:
        table: From :func:`analysis.sourcing.tables.table_anonymity`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no attributions")
        totals = table.groupby("outlet")["attributions"].first()
        outlets = sorted(totals.index, key=lambda o: (-totals[o], o))
        fig = Figure(figsize=(11, 0.42 * max(len(outlets), 3) + 1.6))
        axes = fig.subplots(1, 2, sharey=True)
        titles = {"anonymous": "Unnamed sources", "relayed": "Named sources relaying unnamed ones"}
        missing = 0
        for ax, measure in zip(axes, ("anonymous", "relayed")):
            part = table[table["measure"] == measure].set_index("outlet").reindex(outlets)
            y = np.arange(len(outlets))
            missing += estimates(ax, part["share"], y, part["ci_low"], part["ci_high"], colour="#34495E",
                                 ecolor="#95A5A6", capsize=2)
            ax.set_yticks(y, [f"{outlet_name(o)} (n={totals[o]:,})" for o in outlets])
            ax.invert_yaxis()
            ax.set_xlim(left=0)
            ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            ax.set_title(titles[measure])
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
        fig.suptitle("Share of each outlet's attributions, with 95% intervals from resampling articles", x=0.01,
                     ha="left")
        note(fig, no_interval_note(missing, 2 * len(outlets), unit="shares"))
        return fig


def fig_sourcing_verbs_by_side(table: pd.DataFrame, *, topic: Topic, classes: tuple[str, ...] = FRAMING_CLASSES,
                               min_attributions: int = MIN_ATTRIBUTIONS) -> Figure:
    """Small multiples, one per verb class: within each outlet (row), the share of attributions to each
    side's speakers (colour) that use a verb of that class, with 95% intervals.

    Args:
        table: From :func:`analysis.sourcing.tables.table_verbs_by_side`.
        topic: The pack, whose sides give the colours and names.
        classes: Verb classes to draw, one panel each.
        min_attributions: Outlet-side groups with fewer attributions are not drawn, unless no group has that many
            (a small corpus): then every group is drawn, as hollow points without intervals.
    """
    with mpl.rc_context(fname=str(STYLE)):
        chosen = table[table["value"].isin(classes)] if len(table) else table
        shown = chosen[chosen["attributions"] >= min_attributions] if len(chosen) else chosen
        few = shown.empty and not chosen.empty
        if few:
            shown = chosen
        if shown.empty:
            return empty(Figure(figsize=(8, 3)), "no attributions to the compared sides")
        totals = shown.groupby("outlet")["attributions"].sum()
        outlets = sorted(shown["outlet"].unique(), key=lambda o: (-totals[o], o))
        colours, labels = side_colours(topic), side_labels(topic)
        sides = [s for s in colours if s in set(shown["side"])]
        fig = Figure(figsize=(12, 0.5 * max(len(outlets), 3) + 2.4))
        axes = fig.subplots(1, len(classes), sharey=True, squeeze=False)[0]
        offsets = np.linspace(-0.25, 0.25, len(sides)) if len(sides) > 1 else np.zeros(1)
        missing = 0
        for ax, verb_class in zip(axes, classes):
            part = shown[shown["value"] == verb_class]
            for offset, side in zip(offsets, sides):
                rows = part[part["side"] == side].set_index("outlet").reindex(outlets).dropna(subset=["share"])
                y = np.array([outlets.index(o) for o in rows.index], dtype=float) + offset
                missing += estimates(ax, rows["share"], y, rows["ci_low"], rows["ci_high"], colour=colours[side],
                                     elinewidth=0.8, capsize=1.5, markersize=3.5, label=labels[side])
            ax.set_yticks(range(len(outlets)), [outlet_name(o) for o in outlets])
            ax.set_ylim(len(outlets) - 0.5, -0.5)
            ax.set_xlim(left=0)
            ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            ax.set_title(verb_class)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
        handles, labels = _unique_legend(axes)
        fig.legend(handles, labels, loc="outside right upper", fontsize=8, frameon=False,
                   title="speaker's side")
        scope = (f"no outlet quotes a side {min_attributions} times: every group is drawn" if few
                 else f"groups of {min_attributions}+ attributions")
        fig.suptitle(f"Share of attributions to each side's speakers that use a verb of the class\n"
                     f"(95% intervals from resampling articles; {scope})", x=0.01, ha="left")
        note(fig, no_interval_note(missing, int(shown["share"].notna().sum()), unit="shares"))
        return fig


def _unique_legend(axes) -> tuple[list, list[str]]:
    """One legend entry per label over all panels (a side may be drawn in some panels only)."""
    found: dict[str, object] = {}
    for ax in axes:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            found.setdefault(label, handle)
    return list(found.values()), list(found)
