"""Figures of same-event grouping: which outlets covered the events most outlets covered."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import STYLE, outlet_colour, outlet_name
from analysis.plots.base import empty


def fig_events_coverage(table: pd.DataFrame) -> Figure:
    """A dot matrix: one row per event (first date and the headline of its most central article), one
    column per outlet, a dot in the outlet's colour where the outlet covered the event, its area
    proportional to the outlet's articles in the event (the number beside it).

    Args:
        table: From :func:`analysis.events.table_event_coverage`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        events = list(dict.fromkeys(table["label"])) if len(table) else []
        outlets = sorted(table["outlet"].unique()) if len(table) else []
        fig = Figure(figsize=(max(6.0, 2.2 + 0.75 * len(outlets)), 0.42 * max(len(events), 3) + 1.6))
        if not events:
            return empty(fig, "no event is covered by two or more outlets")
        ax = fig.add_subplot()
        y = {label: n for n, label in enumerate(events)}
        x = {outlet: n for n, outlet in enumerate(outlets)}
        biggest = max(1, int(table["articles"].max()))
        for _, row in table.iterrows():
            size = 30 + 370 * (row["articles"] / biggest)
            ax.scatter(x[row["outlet"]], y[row["label"]], s=size, color=outlet_colour(row["outlet"]), alpha=0.85,
                       linewidths=0)
            ax.annotate(str(int(row["articles"])), (x[row["outlet"]], y[row["label"]]), xytext=(7, -3),
                        textcoords="offset points", fontsize=7)
        ax.set_yticks(range(len(events)), events, fontsize=7)
        ax.set_xticks(range(len(outlets)), [outlet_name(o) for o in outlets], rotation=30, ha="right")
        ax.set_ylim(len(events) - 0.5, -0.5)
        ax.set_xlim(-0.6, len(outlets) - 0.4)
        ax.grid(linewidth=0.3)
        ax.set_title("Events covered by the most outlets: articles per outlet", fontsize=9)
        return fig
