"""Which figures does the project publish, and how is each one rebuilt?

One registry maps every figure name to its table function and its figure function. ``make figures``
(``python -m analysis figures``) loads the corpus once, builds each table, draws it, and writes
``figures/<name>.png`` beside ``figures/<name>.csv`` (the data the figure plots). Tables are sorted and
PNGs are saved at a fixed dpi without a software stamp, so reruns on the same input are byte-stable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis import corpus as corpus_module
from analysis import plots
from analysis.config import FIGURES
from analysis.errors import CorpusError

DPI = 150


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: how to build its table from a corpus, and how to draw the table."""

    name: str
    title: str
    table: Callable[[corpus_module.Corpus], pd.DataFrame]
    plot: Callable[[pd.DataFrame], Figure]
    notebook: str


REGISTRY: dict[str, FigureSpec] = {
    spec.name: spec for spec in (
        FigureSpec("articles_over_time", "Dated articles per month and outlet",
                   lambda c: corpus_module.table_articles_over_time(c.articles),
                   plots.fig_articles_over_time, "01-corpus"),
        FigureSpec("article_length", "Article length in words by outlet",
                   lambda c: corpus_module.table_article_length(c.articles),
                   plots.fig_article_length, "01-corpus"),
    )
}


def get(name: str) -> FigureSpec:
    """A registered figure by name.

    Raises:
        CorpusError: For an unknown name, listing the registered ones.
    """
    if name not in REGISTRY:
        raise CorpusError(f"unknown figure {name!r}; registered: {', '.join(REGISTRY)}")
    return REGISTRY[name]


def render(name: str, corpus: corpus_module.Corpus) -> tuple[pd.DataFrame, Figure]:
    """The table and figure of a registered figure, without writing anything (for notebooks)."""
    spec = get(name)
    table = spec.table(corpus)
    return table, spec.plot(table)


def save(name: str, table: pd.DataFrame, figure: Figure, *, folder: Path = FIGURES) -> Path:
    """Write ``<name>.csv`` and ``<name>.png`` into ``folder``; returns the PNG path."""
    folder.mkdir(parents=True, exist_ok=True)
    table.to_csv(folder / f"{name}.csv", index=False, lineterminator="\n")
    png = folder / f"{name}.png"
    figure.savefig(png, dpi=DPI, metadata={"Software": None})
    return png


def build_all(spec: str | Iterable[str] = "default", *, only: Iterable[str] | None = None,
              folder: Path = FIGURES) -> list[Path]:
    """Load the corpus once and rebuild every registered figure (or only the named ones)."""
    names = list(only) if only else list(REGISTRY)
    for name in names:
        get(name)
    loaded = corpus_module.load(spec)
    return [save(name, *render(name, loaded), folder=folder) for name in names]
