"""Figures of the outlet fingerprint: how well framing tells outlets apart, whom it confuses, and by what."""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.config import STYLE, outlet_name
from analysis.plots.base import empty

MODEL_COLOURS = {"framing": "#C0392B", "words": "#2E86C1", "chance": "#95A5A6"}
MODEL_LABELS = {"framing": "framing features only", "words": "bag of words (tf-idf)", "chance": "chance (class shares)"}
#: What a figure says when its table is empty and carries no note.
NOTHING = "too few outlets or articles to fit a fingerprint (see fingerprint_scores.csv, column note)"


def _message(table: pd.DataFrame) -> str:
    note = table.attrs.get("note") if hasattr(table, "attrs") else ""
    return "\n".join(textwrap.wrap(note or NOTHING, 100))


def fig_fingerprint_scores(table: pd.DataFrame) -> Figure:
    """One panel per content type: each model's out-of-fold macro-F1 with its 95% interval; a content type that
    could not be fitted shows why.

    Args:
        table: From :func:`analysis.fingerprint.table_fingerprint_scores`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        kinds = list(dict.fromkeys(table["content_type"])) if len(table) else []
        fig = Figure(figsize=(6.2 * max(len(kinds), 1), 3.4))
        if not kinds:
            return empty(fig, _message(table))
        axes = fig.subplots(1, len(kinds), squeeze=False)[0]
        for ax, kind in zip(axes, kinds):
            part = table[table["content_type"] == kind]
            fitted = part[part["model"].astype(str) != ""]
            if fitted.empty:
                ax.text(0.5, 0.5, "\n".join(textwrap.wrap(str(part["note"].iloc[0]), 55)), ha="center", va="center",
                        transform=ax.transAxes, fontsize=8)
                ax.set_axis_off()
                ax.set_title(kind)
                continue
            y = np.arange(len(fitted))
            for position, row in zip(y, fitted.to_dict("records")):
                colour = MODEL_COLOURS.get(row["model"], "#34495E")
                ax.errorbar([row["macro_f1"]], [position], xerr=[[row["macro_f1"] - row["ci_low"]],
                                                                 [row["ci_high"] - row["macro_f1"]]],
                            fmt="o", color=colour, ecolor=colour, capsize=3, markersize=6)
                ax.text(row["macro_f1"], position - 0.18,
                        f"{row['macro_f1']:.2f} [{row['ci_low']:.2f}, {row['ci_high']:.2f}]", ha="center", va="bottom",
                        fontsize=8)
            ax.set_yticks(y, [MODEL_LABELS.get(m, m) for m in fitted["model"]])
            ax.set_ylim(len(fitted) - 0.5, -0.5)
            ax.set_xlim(0, 1)
            ax.set_xlabel("macro-F1 out of fold (95% interval: articles resampled within outlets)")
            ax.grid(axis="x", linewidth=0.4)
            ax.grid(axis="y", visible=False)
            first = fitted.iloc[0]
            ax.set_title(f"{kind}: {int(first['articles']):,} texts, {int(first['outlets'])} outlets, "
                         f"{int(first['groups'])} groups ({first['grouping']})", fontsize=9)
        fig.suptitle("Telling the outlet from its framing alone, from its words, and by chance\n"
                     "(grouped folds: every model is tested on news it did not see in training)", x=0.01, ha="left",
                     fontsize=10)
        return fig


def fig_fingerprint_confusion(table: pd.DataFrame) -> Figure:
    """A grid of confusion matrices, content types in rows and models in columns: the share of each outlet's
    articles (rows) taken for each outlet (columns), with counts.

    Args:
        table: From :func:`analysis.fingerprint.table_fingerprint_confusion`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(9, 3)), _message(table))
        kinds = list(dict.fromkeys(table["content_type"]))
        models = list(dict.fromkeys(table["model"]))
        size = max(table.groupby("content_type")["outlet"].nunique())
        side = 0.55 * size + 2.4
        fig = Figure(figsize=(side * len(models) + 1.2, side * len(kinds) + 0.6))
        axes = fig.subplots(len(kinds), len(models), squeeze=False)
        image = None
        for row_axes, kind in zip(axes, kinds):
            for ax, model in zip(row_axes, models):
                part = table[(table["content_type"] == kind) & (table["model"] == model)]
                shares = part.pivot(index="outlet", columns="predicted", values="share")
                counts = part.pivot(index="outlet", columns="predicted", values="count")
                totals = part.groupby("outlet")["articles"].first()
                outlets = list(shares.index)
                shares, counts = shares.loc[outlets, outlets], counts.loc[outlets, outlets]
                image = ax.imshow(shares.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="equal")
                for (i, j), count in np.ndenumerate(counts.to_numpy()):
                    share = shares.iloc[i, j]
                    if count:
                        ax.text(j, i, f"{share:.0%}\n{int(count)}", ha="center", va="center", fontsize=6,
                                color="white" if share > 0.55 else "black")
                ax.set_xticks(range(len(outlets)), [outlet_name(o) for o in outlets], rotation=40, ha="right")
                ax.set_yticks(range(len(outlets)), [f"{outlet_name(o)} ({totals[o]:,})" for o in outlets])
                ax.set_xlabel("taken for")
                ax.grid(False)
                ax.set_title(f"{kind}: {MODEL_LABELS.get(model, model)}", fontsize=9)
        if image is not None:
            fig.colorbar(image, ax=axes, fraction=0.025, format=mpl.ticker.PercentFormatter(1.0, decimals=0))
        fig.suptitle("Out of fold: the share of each outlet's texts (rows; n) taken for each outlet (columns)",
                     x=0.01, ha="left", fontsize=10)
        return fig


def _feature_order(part: pd.DataFrame, outlets: list[str]) -> list[str]:
    """Features in the order of the outlets whose top they are in, by rank (a block per outlet)."""
    ranked = part.dropna(subset=["rank"]).sort_values(["rank"], kind="stable")
    order: list[str] = []
    for outlet in outlets:
        order += [f for f in ranked.loc[ranked["outlet"] == outlet, "feature"] if f not in order]
    return order + [f for f in dict.fromkeys(part["feature"]) if f not in order]


def fig_fingerprint_features(table: pd.DataFrame) -> Figure:
    """One heatmap per content type: the framing model's coefficient of each outlet (columns) on the features
    that carry some outlet (rows, grouped by the outlet they carry); an outlet's own top features are framed.

    Args:
        table: From :func:`analysis.fingerprint.table_fingerprint_features`.
    """
    with mpl.rc_context(fname=str(STYLE)):
        if table.empty:
            return empty(Figure(figsize=(9, 3)), _message(table))
        kinds = list(dict.fromkeys(table["content_type"]))
        heights = [table.loc[table["content_type"] == k, "feature"].nunique() for k in kinds]
        width = max(table.groupby("content_type")["outlet"].nunique())
        fig = Figure(figsize=(0.62 * width + 7.5, 0.24 * sum(heights) + 1.3 * len(kinds) + 0.8))
        axes = fig.subplots(len(kinds), 1, squeeze=False, gridspec_kw={"height_ratios": heights})[:, 0]
        limit = float(np.nanmax(np.abs(table["coefficient"].to_numpy(dtype=float)))) or 1.0
        image = None
        for ax, kind in zip(axes, kinds):
            part = table[table["content_type"] == kind]
            outlets = list(dict.fromkeys(part["outlet"]))
            order = _feature_order(part, outlets)
            wide = part.pivot(index="feature", columns="outlet", values="coefficient").loc[order, outlets]
            ranks = part.pivot(index="feature", columns="outlet", values="rank").loc[order, outlets]
            labels = part.drop_duplicates("feature").set_index("feature")["label"]
            image = ax.imshow(wide.to_numpy(dtype=float), cmap="RdBu_r", vmin=-limit, vmax=limit, aspect="auto")
            for (i, j), value in np.ndenumerate(wide.to_numpy(dtype=float)):
                top = not pd.isna(ranks.iloc[i, j])
                ax.text(j, i, f"{value:+.1f}", ha="center", va="center", fontsize=6,
                        fontweight="bold" if top else "normal",
                        color="white" if abs(value) > 0.6 * limit else "black")
                if top:
                    ax.add_patch(mpl.patches.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, linewidth=1.2,
                                                       edgecolor="#17202A"))
            ax.set_xticks(range(len(outlets)), [outlet_name(o) for o in outlets], rotation=30, ha="right")
            ax.set_yticks(range(len(order)), [textwrap.shorten(str(labels[f]), 90) for f in order], fontsize=7)
            ax.grid(False)
            ax.set_title(kind, fontsize=9)
        if image is not None:
            fig.colorbar(image, ax=list(axes), fraction=0.02, label="coefficient (log-odds per SD)")
        fig.suptitle("What carries each outlet: coefficients of the framing model on standardised features\n"
                     "(red: the feature makes the outlet more likely; framed: the outlet's top features)", x=0.01,
                     ha="left", fontsize=10)
        return fig
