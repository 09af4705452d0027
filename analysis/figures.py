"""Which figures does the project publish, and how is each one rebuilt?

One registry (:func:`registry`) maps every figure name to its table function and its figure function:
the corpus figures here, and the ``FIGURES`` of every extraction family (see :mod:`analysis.mentions`). ``make figures``
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
    """A registered figure: how to build its table from the inputs, and how to draw the table."""

    name: str
    title: str
    table: Callable[[Inputs], pd.DataFrame]
    plot: Callable[[pd.DataFrame], Figure]
    notebook: str


class Inputs:
    """What figures are built from: the corpus, and the mentions of each family (loaded when asked)."""

    def __init__(self, corpus: corpus_module.Corpus) -> None:
        self.corpus = corpus
        self._mentions: dict[str, pd.DataFrame] = {}

    def mentions(self, family: str) -> pd.DataFrame:
        """The mentions table of one family on the corpus's articles (cached on disk by content)."""
        if family not in self._mentions:
            from analysis import mentions

            self._mentions[family] = mentions.load(self.corpus.articles, families=[family])
        return self._mentions[family]


CORPUS_FIGURES = [
    FigureSpec("articles_over_time", "Dated articles per month and outlet",
               lambda inputs: corpus_module.table_articles_over_time(inputs.corpus.articles),
               plots.fig_articles_over_time, "01-corpus"),
    FigureSpec("article_length", "Article length in words by outlet",
               lambda inputs: corpus_module.table_article_length(inputs.corpus.articles),
               plots.fig_article_length, "01-corpus"),
]


def registry() -> dict[str, FigureSpec]:
    """Every registered figure: the corpus's, then each available extraction family's ``FIGURES``."""
    from analysis import mentions

    specs = list(CORPUS_FIGURES)
    for family in mentions.available_families():
        specs += getattr(mentions.family_module(family), "FIGURES", [])
    return {spec.name: spec for spec in specs}


def get(name: str) -> FigureSpec:
    """A registered figure by name.

    Raises:
        CorpusError: For an unknown name, listing the registered ones.
    """
    specs = registry()
    if name not in specs:
        raise CorpusError(f"unknown figure {name!r}; registered: {', '.join(specs)}")
    return specs[name]


def render(name: str, source: corpus_module.Corpus | Inputs) -> tuple[pd.DataFrame, Figure]:
    """The table and figure of a registered figure, without writing anything (for notebooks)."""
    spec = get(name)
    table = spec.table(source if isinstance(source, Inputs) else Inputs(source))
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
    names = list(only) if only else list(registry())
    for name in names:
        get(name)
    inputs = Inputs(corpus_module.load(spec))
    return [save(name, *render(name, inputs), folder=folder) for name in names]
