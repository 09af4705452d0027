"""Figures of the annotated view: what the highlighted findings of a few articles add up to."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.annotate import STYLES
from analysis.config import STYLE, outlet_colour, outlet_name
from analysis.plots.base import empty


def fig_findings(table: pd.DataFrame, *, titles: dict[str, str] | None = None) -> Figure:
    """One panel per article: its findings by style and detail (horizontal bars in the article's outlet colour).

    Args:
        table: From :func:`analysis.annotate.table_findings`.
        titles: Panel title per article id (default: the outlet's name and the id).
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 2.5)), "no findings in these articles")
        articles = list(dict.fromkeys(table["article_id"]))
        order = {style: rank for rank, style in enumerate(STYLES)}
        rows = sorted(set(zip(table["style"], table["detail"])), key=lambda r: (order.get(r[0], len(order)), r[1]))
        fig = Figure(figsize=(3.2 * len(articles) + 2.4, 0.24 * len(rows) + 1.2))
        axes = fig.subplots(1, len(articles), squeeze=False, sharey=True).ravel()
        labels = [f"{style.replace('_', ' ')}: {detail.replace('_', ' ')}" for style, detail in rows]
        for ax, article in zip(axes, articles):
            part = table[table["article_id"] == article]
            outlet = str(part["outlet"].iloc[0])
            counts = dict(zip(zip(part["style"], part["detail"]), part["findings"]))
            values = [counts.get(row, 0) for row in rows]
            ax.barh(range(len(rows)), values, color=outlet_colour(outlet), height=0.7)
            for y, value in enumerate(values):
                if value:
                    ax.text(value, y, f" {value}", va="center", fontsize=7)
            ax.set_title((titles or {}).get(article, f"{outlet_name(outlet)} ({article})"), fontsize=9)
            ax.set_xlim(0, max(values) * 1.25 + 0.5)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="x", labelsize=7)
        axes[0].set_yticks(range(len(rows)), labels, fontsize=8)
        axes[0].invert_yaxis()
        fig.suptitle("Findings in each article by kind (the highlights of the annotated view, counted)",
                     x=0.01, ha="left", fontsize=10, fontweight="bold")
        return fig
