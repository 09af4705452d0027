"""Figures of designations: rates by outlet and type, the most designated entities per outlet."""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.config import STYLE, outlet_name
from analysis.plots.base import empty, estimates, integer_ticks, no_interval_note, note

#: One colour per designation type: legal statuses warm, affiliation labels blue, legitimacy labels green.
TYPE_COLOURS = {"terrorist": "#922B21", "extremist": "#CB4335", "foreign_agent": "#E67E22", "undesirable": "#F5B041",
                "banned": "#7D6608", "criminal": "#6E2C00", "state_media": "#1F618D", "state_affiliated": "#5DADE2",
                "aligned": "#85C1E9", "installed": "#1E8449", "self_proclaimed": "#82E0AA"}
TYPE_ORDER = list(TYPE_COLOURS)


def _row_label(outlet: str, content_type: str, articles: int) -> str:
    return f"{outlet_name(outlet)}{' headlines' if content_type == 'headline' else ''} (n={articles:,})"


def fig_designation_rates(table: pd.DataFrame, *, min_articles: int = 20) -> Figure:
    """Small multiples, one panel per designation type: designations per 1,000 articles for each outlet (rows),
    a dot at the estimate and a line for its 95% interval over articles.

    Args:
        table: From :func:`analysis.designations.table_designation_rates`.
        min_articles: Outlets (and content types) with fewer articles are left out of the figure (not of the
            table), because a rate over a handful of articles fills the axis and says little; unless no outlet
            has that many (the seeds).
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no designations in this corpus")
        small = table["articles"] < min_articles
        left_out: list[str] = []
        if small.any() and not small.all():
            rows = table.loc[small, ["outlet", "content_type", "articles"]].itertuples(index=False)
            left_out = sorted({_row_label(o, c, n) for o, c, n in rows})
            table = table[~small]
        types = [t for t in TYPE_ORDER if t in set(table["designation"])] + sorted(
            set(table["designation"]) - set(TYPE_ORDER))
        rows = (table[["outlet", "content_type", "articles"]].drop_duplicates(["outlet", "content_type"])
                .sort_values(["content_type", "outlet"], ascending=[True, False]).to_records(index=False))
        position = {(o, c): i for i, (o, c, _) in enumerate(rows)}
        columns = min(4, len(types))
        lines = (len(types) + columns - 1) // columns
        fig = Figure(figsize=(max(8.0, 2.6 * columns + 1.8), 0.24 * len(rows) * lines + 1.0 * lines + 1.0))
        axes = fig.subplots(lines, columns, squeeze=False, sharey=True).ravel()
        missing = 0
        for ax, kind in zip(axes, types):
            part = table[table["designation"] == kind]
            y = np.array([position[(o, c)] for o, c in zip(part["outlet"], part["content_type"])])
            colour = TYPE_COLOURS.get(kind, "#7F8C8D")
            missing += estimates(ax, part["per_1000_articles"], y, part["ci_low"], part["ci_high"], colour=colour,
                                 elinewidth=1.6)
            ax.set_title(kind.replace("_", " "), fontsize=9)
            ax.set_xlim(left=0)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="x", labelsize=7)
        for ax in axes[len(types):]:
            ax.set_axis_off()
        axes[0].set_yticks(range(len(rows)), [_row_label(o, c, n) for o, c, n in rows])
        axes[0].set_ylim(-0.7, len(rows) - 0.3)
        title = ("Designations per 1,000 articles (dot) with 95% intervals over articles (line);\n"
                 "an outlet missing from a panel has none")
        fig.suptitle(title, x=0.01, ha="left", fontsize=10, fontweight="bold")
        left = f"Left out (fewer than {min_articles} articles): " + ", ".join(left_out) + "." if left_out else ""
        note(fig, no_interval_note(missing, len(table), unit="rates"), left)
        return fig


def fig_designated_entities(table: pd.DataFrame, *, columns: int = 3) -> Figure:
    """Small multiples, one panel per outlet: its most designated entities, bars coloured by the type they were
    given most often (mentions; hatched where under half of the mentions are in the outlet's own voice).

    Args:
        table: From :func:`analysis.designations.table_designated_entities`.
        columns: Panels per row.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(8, 3)), "no designations in this corpus")
        outlets = list(table.groupby("outlet")["mentions"].sum().sort_values(ascending=False).index)
        columns = min(columns, len(outlets))
        lines = (len(outlets) + columns - 1) // columns
        top = int(table["rank"].max())
        fig = Figure(figsize=(max(7.0, 4.4 * columns), (0.24 * top + 0.9) * lines + 1.2))
        axes = fig.subplots(lines, columns, squeeze=False).ravel()
        for ax, outlet in zip(axes, outlets):
            part = table[table["outlet"] == outlet].sort_values("rank", ascending=False)
            y = np.arange(len(part))
            colours = [TYPE_COLOURS.get(t, "#7F8C8D") for t in part["designation"]]
            hatches = ["////" if share < 0.5 else None for share in part["own_share"]]
            for yi, value, colour, hatch in zip(y, part["mentions"], colours, hatches):
                ax.barh(yi, value, color=colour, hatch=hatch, edgecolor="white" if hatch else None, linewidth=0,
                        height=0.7)
            labels = [entity if len(entity) <= 32 else entity[:31] + "…" for entity in part["entity"]]
            ax.set_yticks(y, labels, fontsize=7)
            ax.set_title(outlet_name(outlet), fontsize=9)
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            ax.tick_params(axis="x", labelsize=7)
            integer_ticks(ax.xaxis)
        for ax in axes[len(outlets):]:
            ax.set_axis_off()
        present = [t for t in TYPE_ORDER if t in set(table["designation"])]
        handles = [Patch(color=TYPE_COLOURS[t], label=t.replace("_", " ")) for t in present]
        handles.append(Patch(facecolor="#BBBBBB", hatch="////", edgecolor="white", label="mostly reported"))
        fig.legend(handles=handles, loc="outside lower center", ncols=min(6, len(handles)), fontsize=7)
        fig.suptitle("Most designated entities per outlet\n(mentions; colour: the type given most often)", x=0.01,
                     ha="left", fontsize=10, fontweight="bold")
        return fig
