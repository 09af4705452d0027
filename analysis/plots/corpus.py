"""Figures of the corpus: articles over time, article length."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import LogLocator, NullFormatter, ScalarFormatter

from analysis.config import STYLE, outlet_colour, outlet_name
from analysis.plots.base import empty, integer_ticks, note
from analysis.stats import MIN_ARTICLES_FOR_INTERVAL

CONTENT_LABELS = {"article": "full articles", "headline": "headlines and sub-headings"}


def fig_articles_over_time(table: pd.DataFrame) -> Figure:
    """Small multiples: dated articles per month, one row per outlet, bars in the outlet's colour.

    Args:
        table: From :func:`analysis.corpus.table_articles_over_time`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        outlets = sorted(table["outlet"].unique()) if len(table) else []
        fig = Figure(figsize=(9, 0.55 * max(len(outlets), 2) + 1.2))
        if not outlets:
            return empty(fig, "no dated articles")
        periods = pd.PeriodIndex(table["period"], freq="M")
        start, end = periods.min(), periods.max()
        axes = fig.subplots(len(outlets), 1, sharex=True, squeeze=False)[:, 0]
        for ax, outlet in zip(axes, outlets):
            rows = table[table["outlet"] == outlet]
            for content_type, hatch in (("article", None), ("headline", "////")):
                part = rows[rows["content_type"] == content_type]
                if part.empty:
                    continue
                x = pd.PeriodIndex(part["period"], freq="M").to_timestamp()
                ax.bar(x, part["articles"], width=25, color=outlet_colour(outlet), hatch=hatch,
                       edgecolor="white" if hatch else None, linewidth=0)
            ax.set_ylabel(outlet_name(outlet), rotation=0, ha="right", va="center")
            ax.set_ylim(0, max(1, rows.groupby("period")["articles"].sum().max()) * 1.15)
            ax.tick_params(axis="y", labelsize=7)
            integer_ticks(ax.yaxis)
            ax.grid(axis="y", linewidth=0.4)
        axes[-1].set_xlim(start.to_timestamp() - pd.Timedelta(days=20), end.to_timestamp() + pd.Timedelta(days=45))
        axes[0].set_title(f"Dated articles per month and outlet, {start} to {end} (hatched: headline-only rows)")
        return fig


def fig_article_length(table: pd.DataFrame) -> Figure:
    """Box plots of article length in words per outlet (whiskers at the 5th and 95th percentiles); an outlet
    with fewer than :data:`~analysis.stats.MIN_ARTICLES_FOR_INTERVAL` articles is drawn as a dot at its median.

    Args:
        table: From :func:`analysis.corpus.table_article_length`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        kinds = [k for k in ("article", "headline") if k in set(table["content_type"])]
        height = 0.32 * max(len(table), 4) + 1.5
        fig = Figure(figsize=(9, height))
        if not kinds:
            return empty(fig, "no articles")
        sizes = [max(1, int((table["content_type"] == k).sum())) for k in kinds]
        axes = fig.subplots(len(kinds), 1, squeeze=False, gridspec_kw={"height_ratios": sizes})[:, 0]
        few = 0
        for ax, kind in zip(axes, kinds):
            rows = table[table["content_type"] == kind].sort_values("median").reset_index(drop=True)
            boxed = (rows["articles"] >= MIN_ARTICLES_FOR_INTERVAL).to_numpy()
            stats = [{"med": r["median"], "q1": r["p25"], "q3": r["p75"], "whislo": r["p05"], "whishi": r["p95"],
                      "mean": r["mean"], "label": ""} for _, r in rows[boxed].iterrows()]
            if stats:
                boxes = ax.bxp(stats, positions=np.flatnonzero(boxed), orientation="horizontal", showfliers=False,
                               showmeans=True, patch_artist=True, widths=0.6, medianprops={"color": "black"},
                               meanprops={"marker": "|", "markeredgecolor": "black", "markersize": 8})
                for patch, outlet in zip(boxes["boxes"], rows.loc[boxed, "outlet"]):
                    patch.set_facecolor(outlet_colour(outlet))
                    patch.set_alpha(0.85)
            for position in np.flatnonzero(~boxed):
                ax.plot(rows.loc[position, "median"], position, "o", color=outlet_colour(rows.loc[position, "outlet"]),
                        markersize=6, markeredgecolor="black", markeredgewidth=0.6)
            few += int((~boxed).sum())
            ax.set_yticks(range(len(rows)), [f"{outlet_name(o)} (n={n:,})" for o, n in zip(rows["outlet"],
                                                                                       rows["articles"])])
            ax.set_ylim(-0.6, len(rows) - 0.4)
            ax.set_xscale("log")
            ax.xaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            ax.xaxis.set_major_formatter(ScalarFormatter())
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.grid(axis="x", which="both", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.set_title(f"Length of {CONTENT_LABELS.get(kind, kind)}")
        axes[-1].set_xlabel("words (log scale); box: quartiles, line: median, tick: mean, "
                            "whiskers: 5th to 95th percentile")
        if few:
            note(fig, f"Dots: the median of an outlet with fewer than {MIN_ARTICLES_FOR_INTERVAL} articles, "
                      "too few for a box.")
        return fig
