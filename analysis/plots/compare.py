"""Figures of comparisons: differences between outlets, attribution asymmetry by side, naming adoption by month.

Every difference is drawn as a point with its 95% interval; a filled marker is a difference with
q < 0.05, a hollow one is not, and a point without a bar is one the table did not test (too few
articles on a side), so nothing with data is left blank.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import STYLE, outlet_colour, outlet_name
from analysis.plots.base import empty
from analysis.topic import Topic

#: q-value below which a difference is drawn filled.
Q_LEVEL = 0.05
NEUTRAL = "#7F8C8D"
CONTENT_LABELS = {"article": "articles", "headline": "headlines"}


def _marker_note(min_articles: int | None) -> str:
    fewer = f"fewer than {min_articles}" if min_articles else "too few"
    return (f"filled: q < {Q_LEVEL:g} (permutation test over articles, Benjamini-Hochberg); hollow: not; "
            f"no bar: {fewer} articles on a side, not tested")


def _limits(part: pd.DataFrame) -> tuple[float, float] | None:
    """x-limits that show every tested difference and its interval, and zero (None: nothing was tested)."""
    tested = part[part["q_value"].notna()]
    if tested.empty:
        return None
    values = np.concatenate([[0.0], tested["difference"], tested["ci_low"].dropna(), tested["ci_high"].dropna()])
    low, high = float(values.min()), float(values.max())
    pad = 0.08 * (high - low or 1.0)
    return low - pad, high + pad


def _point(ax, x: float, y: float, *, low: float, high: float, q: float, colour: str,
           limits: tuple[float, float] | None = None) -> None:
    """One difference: its interval (if any) and a marker filled when q < :data:`Q_LEVEL`. An untested point
    beyond ``limits`` is drawn at the edge as an arrowhead pointing to where it is."""
    if np.isfinite(low) and np.isfinite(high):
        ax.plot([low, high], [y, y], color=colour, linewidth=1.1, alpha=0.7, solid_capstyle="butt")
    tested = np.isfinite(q)
    face = colour if tested and q < Q_LEVEL else "white"
    marker = "o" if tested else "D"
    if limits is not None and not limits[0] <= x <= limits[1]:
        x, marker = (limits[1], ">") if x > limits[1] else (limits[0], "<")
    ax.plot([x], [y], marker=marker, markersize=4.5 if tested else 3.5, color=colour, markerfacecolor=face,
            markeredgewidth=1.0, linestyle="none", zorder=3, clip_on=False)


def _label(measure: str, topic: Topic | None = None) -> str:
    """A measure's name for a panel title: ``side=nato_eu`` -> "side: NATO/EU", ``label/name_calling`` ->
    "label: name calling"."""
    if measure.startswith("side=") and topic is not None:
        return f"side: {topic.side_name(measure.split('=', 1)[1])}"
    return measure.replace("verb_class=", "verb: ").replace("side=", "side: ").replace("=yes", "") \
        .replace("/", ": ").replace("_", " ")


def fig_outlet_differences(table: pd.DataFrame, *, topic: Topic | None = None, panels: int = 12,
                           min_articles: int | None = None) -> Figure:
    """Small multiples, one per measure: each outlet's difference from all other outlets with its interval.

    Panels are the measures (of any family and content type) with the most outlets that differ at
    q < 0.05, then the most mentions.

    Args:
        table: From :func:`analysis.compare.table_outlet_differences`.
        topic: The pack, for the names of sides.
        panels: Measures drawn.
        min_articles: The table's threshold for a test, named in the caption.
    """
    with mpl.rc_context(fname=str(STYLE)):
        shown = table[table["difference"].notna()] if len(table) else table
        if shown.empty:
            return empty(Figure(figsize=(8, 3)), "no two outlets to compare")
        keys = ["family", "content_type", "measure"]
        ranking = shown.assign(significant=shown["q_value"] < Q_LEVEL, mentions=shown["count_a"]) \
            .groupby(keys).agg(significant=("significant", "sum"), mentions=("mentions", "sum")).reset_index()
        ranking = ranking.sort_values(["significant", "mentions", *keys], ascending=[False, False, True, True, True],
                                      kind="stable").head(panels)
        per_panel = max(len(part) for _, part in shown.groupby(keys))
        columns = min(3, len(ranking))
        rows = (len(ranking) + columns - 1) // columns
        fig = Figure(figsize=(11.5, (0.22 * per_panel + 0.9) * rows + 0.9))
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        for ax, key in zip(axes, ranking[keys].itertuples(index=False)):
            part = shown[(shown["family"] == key.family) & (shown["content_type"] == key.content_type)
                         & (shown["measure"] == key.measure)]
            outlets = sorted(part["outlet_a"].unique())
            limits = _limits(part)
            for row in part.itertuples(index=False):
                _point(ax, row.difference, outlets.index(row.outlet_a), low=row.ci_low, high=row.ci_high,
                       q=row.q_value, colour=outlet_colour(row.outlet_a), limits=limits)
            if limits is not None:
                ax.set_xlim(*limits)
            ax.axvline(0, color="#566573", linewidth=0.8)
            ax.set_yticks(range(len(outlets)), [outlet_name(o) for o in outlets])
            ax.set_ylim(len(outlets) - 0.5, -0.5)
            unit = str(part["unit"].iloc[0])
            if unit.startswith("share"):
                ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            ax.set_xlabel(f"difference, {'percentage points' if unit.startswith('share') else unit}", fontsize=7)
            content = CONTENT_LABELS.get(key.content_type, key.content_type)
            ax.set_title(f"{key.family}: {_label(key.measure, topic)}\n({content})", fontsize=8)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
        for ax in axes[len(ranking):]:
            ax.set_axis_off()
        fig.suptitle("Each outlet minus all other outlets, with 95% intervals from resampling articles\n"
                     + _marker_note(min_articles), x=0.01, ha="left", fontsize=9, fontweight="bold")
        return fig


def _pairs(table: pd.DataFrame, count: int) -> list[tuple[str, str]]:
    """The ``count`` pairs of sides with the most attributions behind them (over all outlets), in the table's
    order (the pack's order of sides)."""
    first = table.drop_duplicates(["outlet", "side_a", "side_b"])
    weight = (first["attributions_a"] + first["attributions_b"]).groupby([first["side_a"], first["side_b"]]).sum()
    chosen = set(sorted(weight.index, key=lambda pair: (-weight[pair], pair))[:count])
    return [pair for pair in dict.fromkeys(zip(table["side_a"], table["side_b"])) if pair in chosen]   # table order


def fig_attribution_asymmetry(table: pd.DataFrame, *, topic: Topic, pairs: int = 3,
                              min_articles: int | None = None) -> Figure:
    """Forest plot, one panel per verb class: within each outlet, the share of one side's attributions with a
    verb of the class minus the other side's, with its interval. The colour is the side that gets the class
    more often; rows are outlet and pair of sides.

    Args:
        table: From :func:`analysis.compare.attribution_asymmetry`.
        topic: The pack: side names and colours.
        pairs: Pairs of sides drawn (those with the most attributions); the table has every pair.
        min_articles: The table's threshold for a test, named in the caption.
    """
    with mpl.rc_context(fname=str(STYLE)):
        shown = table[table["difference"].notna()] if len(table) else table
        if shown.empty:
            return empty(Figure(figsize=(8, 3)), "no outlet quotes two sides")
        chosen = _pairs(shown, pairs)
        shown = shown[[(a, b) in chosen for a, b in zip(shown["side_a"], shown["side_b"])]]
        totals = shown.drop_duplicates(["outlet", "side_a", "side_b"]).assign(
            n=lambda t: t["attributions_a"] + t["attributions_b"]).groupby("outlet")["n"].sum()
        outlets = sorted(totals.index, key=lambda o: (-totals[o], o))
        present = set(zip(shown["outlet"], shown["side_a"], shown["side_b"]))
        lines = [(o, a, b) for o in outlets for a, b in chosen if (o, a, b) in present]
        classes = list(dict.fromkeys(shown["verb_class"]))
        fig = Figure(figsize=(12, 0.2 * len(lines) + 2.0))
        axes = fig.subplots(1, len(classes), sharey=True, squeeze=False)[0]

        def name(side: str) -> str:
            return "the other sides" if side == "rest" else topic.side_name(side)

        for ax, verb_class in zip(axes, classes):
            part = shown[shown["verb_class"] == verb_class]
            limits = _limits(part)
            for row in part.itertuples(index=False):
                y = lines.index((row.outlet, row.side_a, row.side_b))
                more = row.side_a if row.difference > 0 else row.side_b
                colour = NEUTRAL if more == "rest" or row.difference == 0 else topic.side_colour(more)
                _point(ax, row.difference, y, low=row.ci_low, high=row.ci_high, q=row.q_value, colour=colour,
                       limits=limits)
            if limits is not None:
                ax.set_xlim(*limits)
            ax.axvline(0, color="#566573", linewidth=0.8)
            for boundary in [i for i in range(1, len(lines)) if lines[i][0] != lines[i - 1][0]]:
                ax.axhline(boundary - 0.5, color="#D5D8DC", linewidth=0.6)
            ax.set_ylim(len(lines) - 0.5, -0.5)
            ax.xaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            ax.set_title(verb_class)
            ax.set_xlabel("difference in share (points)", fontsize=7)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
        axes[0].set_yticks(range(len(lines)), [f"{outlet_name(o)} · {name(a)} − {name(b)}" for o, a, b in lines],
                           fontsize=7)
        fig.suptitle("Within each outlet: share of the first side's attributions with a verb of the class minus the "
                     "second side's, with 95% intervals from resampling articles\ncolour: the side that gets the "
                     "class more often; " + _marker_note(min_articles).replace("; no bar", ";\nno bar"), x=0.01,
                     ha="left", fontsize=9, fontweight="bold")
        return fig


def fig_naming_adoption(table: pd.DataFrame, *, topic: Topic, panels: int = 24, min_mentions: int = 5,
                        min_articles: int | None = None) -> Figure:
    """Small multiples, one per concept and outlet: each variant's share of the concept's mentions by month,
    with its interval where the month has enough articles, and the month the dominant variant switched.

    Lines join consecutive periods only; periods with fewer than ``min_mentions`` mentions of the concept
    are drawn as small pale points.

    Args:
        table: From :func:`analysis.compare.table_naming_adoption`.
        topic: The pack: variant colours.
        panels: Concept-outlet panels drawn (those with the most mentions).
        min_mentions: Mentions in a period for a full-size point joined by lines.
        min_articles: The table's threshold for an interval, named in the caption.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no dated naming choices")
        weight = table.groupby(["concept", "outlet"])["mentions"].sum()
        concepts = list(dict.fromkeys(table["concept"]))
        keys = sorted(weight.index, key=lambda k: (concepts.index(k[0]), -weight[k], k[1]))[:panels]
        columns = min(4, len(keys))
        rows = (len(keys) + columns - 1) // columns
        fig = Figure(figsize=(12, 2.3 * rows + 1.3))
        axes = fig.subplots(rows, columns, squeeze=False).ravel()
        handles = {}
        freq = "M" if len(str(table["period"].iloc[0])) == 7 else "Y"
        for ax, (concept, outlet) in zip(axes, keys):
            part = table[(table["concept"] == concept) & (table["outlet"] == outlet)]
            for variant, series in part.groupby("variant", sort=True):
                periods = pd.PeriodIndex(series["period"], freq=freq)
                x = periods.to_timestamp()
                share = series["share"].to_numpy(dtype=float)
                full = (series["concept_mentions"] >= min_mentions).to_numpy()
                colour = topic.variant_colour(variant)
                joined = np.where(full, share, np.nan)
                gaps = np.concatenate([[False], np.diff(periods.asi8) > 1])
                ax.plot(_with_breaks(x, gaps), _with_breaks(joined, gaps), color=colour, linewidth=1.0)
                ax.plot(x[full], share[full], "o", color=colour, markersize=2.8)
                ax.plot(x[~full], share[~full], "o", color=colour, markersize=2.0, alpha=0.35)
                bars = series["ci_low"].notna().to_numpy()
                if bars.any():
                    ax.vlines(x[bars], series["ci_low"][bars], series["ci_high"][bars], color=colour, linewidth=0.8,
                              alpha=0.5)
                handles.setdefault(variant, mpl.lines.Line2D([], [], color=colour, marker="o", markersize=3))
            switch = part["switch_month"].dropna()
            if len(switch):
                when = pd.Period(str(switch.iloc[0]), freq=freq).to_timestamp()
                ax.axvline(when, color="#17202A", linestyle="--", linewidth=0.9)
                ax.text(when, 0.5, f" {part['switch_from'].iloc[0]} → {part['switch_to'].iloc[0]} ",
                        fontsize=6.5, va="center", ha="left", transform=ax.get_xaxis_transform(),
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1})
            ax.set_ylim(-0.03, 1.03)
            ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
            dates = pd.PeriodIndex(part["period"], freq=freq).to_timestamp()
            if dates.min() == dates.max():   # one period: a range around it, so the date ticks have room
                ax.set_xlim(dates.min() - pd.Timedelta(days=92), dates.max() + pd.Timedelta(days=92))
            locator = mpl.dates.AutoDateLocator(maxticks=5)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mpl.dates.ConciseDateFormatter(locator))
            ax.tick_params(axis="x", labelsize=6.5)
            ax.set_title(f"{concept} · {outlet_name(outlet)} (n={int(weight[(concept, outlet)]):,})", fontsize=8)
        for ax in axes[len(keys):]:
            ax.set_axis_off()
        fig.legend(list(handles.values()), [v.replace("_", " ") for v in handles], loc="lower center",
                   ncols=min(8, len(handles)), fontsize=7, frameon=False)
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.set(rect=(0, 0.04, 1, 0.96))   # room for the legend below the panels
        fewer = f"fewer than {min_articles}" if min_articles else "too few"
        fig.suptitle("Share of each name in the concept's mentions, by month; bars: 95% interval from resampling the "
                     f"month's articles (none where {fewer} articles);\npale points: months with fewer than "
                     f"{min_mentions} mentions; dashed: the month the dominant name switched (naming_switches)",
                     x=0.01, ha="left", fontsize=9, fontweight="bold")
        return fig


def _with_breaks(values, gaps: np.ndarray):
    """``values`` with a NaN inserted before each position flagged in ``gaps``, so a line breaks there."""
    values = np.asarray(values)
    if not gaps.any():
        return values
    blank = np.datetime64("NaT") if np.issubdtype(values.dtype, np.datetime64) else np.nan
    return np.insert(values, np.flatnonzero(gaps), blank)
