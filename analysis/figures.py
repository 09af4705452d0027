"""Which figures does the project publish, and how is each one rebuilt?

One registry (:func:`registry`) maps every figure name to its table function, its figure function and
its evidence function: the corpus figures here, and the ``FIGURES`` of every extraction family's
``tables`` module (see :mod:`analysis.mentions`). ``make figures`` (``python -m analysis figures``) loads
the corpus once, builds each table, draws it, and writes ``<name>.png`` beside ``<name>.csv`` (the data
the figure plots) into ``figures/`` for the default corpus and pack, or an ignored folder for any other
run (:mod:`analysis.outputs`). Tables are sorted and PNGs are saved at a fixed dpi without a software
stamp, so reruns on the same input are byte-stable. Building the figures also writes the Article table and
every family's mentions to their named place (``data/processed/<corpus>/<topic>/mentions_<family>.parquet``)
unless they are there already. A rerun whose tables are all cached and whose named tables are current
reads no mention: it hashes the articles, finds each table and drawn figure in the cache, and writes them.

:func:`evidence` returns the mentions behind one row of a figure's table, each with its article, span
and sentence (``python -m analysis trace FIGURE --row N``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from analysis import cache as cache_module
from analysis import corpus as corpus_module
from analysis import mentions as mentions_module
from analysis import outputs, plots
from analysis import topic as topic_module
from analysis.errors import CorpusError
from analysis.topic import Topic

DPI = 150
#: Columns of :func:`evidence`: one row per mention behind a figure's row.
EVIDENCE_COLUMNS = ["article_id", "outlet", "family", "kind", "term", "start", "end", "sentence"]


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: how to build its table from the inputs, how to draw the table (with the topic's
    colours and names), and which mentions stand behind one row of the table."""

    name: str
    title: str
    table: Callable[[Inputs], pd.DataFrame]
    plot: Callable[[pd.DataFrame, Topic], Figure]
    notebook: str
    evidence: Callable[[Mapping, Inputs], pd.DataFrame] | None = None


class Inputs:
    """What figures are built from: the corpus, the topic pack, and the mentions of each family (loaded
    when asked, from the cache keyed by what produced them).

    Args:
        corpus: The loaded corpus (or a selection of it).
        topic: The topic pack (a :class:`Topic`, a name, a folder, or None for the default).
        name: The corpus specification: where :meth:`publish` writes each family's mentions
            (:func:`analysis.outputs.publish_mentions`).
        jobs, scheduler, progress: How articles missing from the mentions store are extracted
            (:func:`analysis.store.load_families`).
    """

    def __init__(self, corpus: corpus_module.Corpus, *, topic: Topic | str | None = None,
                 name: str | None = None, jobs: int | None = None, scheduler: str | None = None,
                 progress: bool | None = None) -> None:
        self.corpus = corpus
        self.topic = topic_module.load(topic)
        self.name = name
        self.extraction = {"jobs": jobs, "scheduler": scheduler, "progress": progress}
        self._mentions: dict[str, pd.DataFrame] = {}
        self._keys: dict[str, str] = {}
        self._article_keys: list[str] | None = None
        self._digest: str | None = None

    def digest(self) -> str:
        """SHA-256 of the Article table's column names and every value (with the mentions' code and the pack, it
        determines the mentions and every figure's table)."""
        if self._digest is None:
            articles = self.corpus.articles
            values = pd.util.hash_pandas_object(articles, index=False).to_numpy().tobytes()
            self._digest = hashlib.sha256(repr(list(articles.columns)).encode() + values).hexdigest()
        return self._digest

    def mentions(self, family: str) -> pd.DataFrame:
        """The mentions table of one family on the corpus's articles."""
        family = mentions_module.family_name(family)
        if family not in self._mentions:
            self.load([family])
        return self._mentions[family]

    def load(self, families: Iterable[str] | None = None) -> None:
        """Load the mentions of several families at once (the articles missing from the store are extracted in
        one pass for all of them, which shares each article's sentences and quotations)."""
        names = [mentions_module.family_name(f) for f in (families if families is not None else
                                                          mentions_module.FAMILIES)]
        wanted = [name for name in names if name not in self._mentions]
        if not wanted:
            return
        found = mentions_module.load_families(self.corpus.articles, wanted, topic=self.topic, **self.extraction)
        for family, (mentions, key) in found.items():
            self._mentions[family], self._keys[family] = mentions, key

    def key(self, family: str) -> str:
        """The key of one family's mentions of the corpus (:func:`analysis.mentions.cache_key`), known without
        reading them."""
        family = mentions_module.family_name(family)
        if family not in self._keys:
            if self._article_keys is None:
                self._article_keys = mentions_module.article_keys(self.corpus.articles)
            self._keys[family] = mentions_module.combined_key(mentions_module.producer_key(family, self.topic),
                                                              self._article_keys)
        return self._keys[family]

    def unpublished(self) -> list[str]:
        """The families whose mentions at their named place (:func:`analysis.outputs.publish_mentions`) are not
        this corpus's under this pack and code (none without a ``name``)."""
        if self.name is None:
            return []
        return [family for family in mentions_module.FAMILIES
                if outputs.published_key(family=family, corpus=self.name, topic=self.topic) != self.key(family)]

    def publish(self, families: Iterable[str]) -> None:
        """Write these families' mentions to their named place (needs a ``name``)."""
        if self.name is None:
            raise ValueError("Inputs without a corpus name have no named place to publish to")
        for family in families:
            outputs.publish_mentions(self.mentions(family), family=family, corpus=self.name, topic=self.topic,
                                     key=self.key(family), articles=len(self.corpus.articles))


def _articles_evidence(row: Mapping, inputs: Inputs) -> pd.DataFrame:
    """The articles behind a row of a corpus figure (outlet, content type, and period where given)."""
    articles = inputs.corpus.articles
    keep = (articles["outlet"] == row["outlet"]) & (articles["content_type"] == row["content_type"])
    if "period" in row:
        fmt = "%Y-%m" if len(str(row["period"])) == 7 else "%Y"
        keep &= articles["published"].dt.strftime(fmt) == str(row["period"])
    chosen = articles[keep]
    return pd.DataFrame({"article_id": chosen["article_id"], "outlet": chosen["outlet"], "family": "corpus",
                         "kind": "article", "term": chosen["title"], "start": 0, "end": chosen["text"].str.len(),
                         "sentence": chosen["text"].str.slice(0, 200)})


CORPUS_FIGURES = [
    FigureSpec("articles_over_time", "Dated articles per month and outlet",
               lambda inputs: corpus_module.table_articles_over_time(inputs.corpus.articles),
               lambda table, topic: plots.fig_articles_over_time(table), "01-corpus", evidence=_articles_evidence),
    FigureSpec("article_length", "Article length in words by outlet",
               lambda inputs: corpus_module.table_article_length(inputs.corpus.articles),
               lambda table, topic: plots.fig_article_length(table), "01-corpus", evidence=_articles_evidence),
]


#: Modules that compare outlets across families; each may declare ``FIGURES`` (imported when the registry is read).
COMPARISONS = ("analysis.compare", "analysis.fingerprint", "analysis.events")


def registry() -> dict[str, FigureSpec]:
    """Every registered figure: the corpus's, each extraction family's ``tables.FIGURES``, then the
    ``FIGURES`` of each module in :data:`COMPARISONS`."""
    specs = list(CORPUS_FIGURES)
    for family in mentions_module.FAMILIES:
        tables = mentions_module.family_part(family, "tables")
        specs += getattr(tables, "FIGURES", []) if tables else []
    for name in COMPARISONS:
        specs += getattr(_optional_module(name), "FIGURES", [])
    return {spec.name: spec for spec in specs}


def _optional_module(name: str) -> object | None:
    """The module ``name``, or None while it does not exist."""
    import importlib.util

    return importlib.import_module(name) if importlib.util.find_spec(name) else None


def get(name: str) -> FigureSpec:
    """A registered figure by name.

    Raises:
        CorpusError: For an unknown name, listing the registered ones.
    """
    specs = registry()
    if name not in specs:
        raise CorpusError(f"unknown figure {name!r}; registered: {', '.join(specs)}")
    return specs[name]


def render(name: str, source: corpus_module.Corpus | Inputs, *, cache: bool = True) -> tuple[pd.DataFrame, Figure]:
    """The table and figure of a registered figure (for notebooks), the table from ``data/cache`` when nothing
    that produced it changed (:func:`table`; ``cache=False`` builds it anew); nothing else is written."""
    spec = get(name)
    inputs = source if isinstance(source, Inputs) else Inputs(source)
    found = table(spec, inputs) if cache else spec.table(inputs)
    return found, spec.plot(found, inputs.topic)


def _table_modules(spec: FigureSpec) -> tuple[str, ...]:
    return tuple(sorted({s.table.__module__ for s in registry().values()} | {spec.table.__module__, __name__,
                                                                             mentions_module.__name__}))


def table(spec: FigureSpec, inputs: Inputs, *, modules: Iterable[str] | None = None) -> pd.DataFrame:
    """A figure's table from ``data/cache``, or built and stored (:func:`table_key`), so a rerun of ``make figures``
    on unchanged inputs only draws."""
    return cache_module.pickled(f"figure-{spec.name}", table_key(spec, inputs, modules=modules),
                                lambda: spec.table(inputs))


def table_key(spec: FigureSpec, inputs: Inputs, *, modules: Iterable[str] | None = None) -> str:
    """The key of a figure's table: the code of every module that registers figures and of the mentions families
    (the closures of their imports and the data files they declare, :mod:`analysis.cache`; one digest for all
    figures, computed once per run), the topic pack, and a digest of every value of the Article table."""
    modules = _table_modules(spec) if modules is None else modules
    return cache_module.key(modules, topic=inputs.topic, options={"figure": spec.name}, inputs=[inputs.digest()])


def _table_stored(spec: FigureSpec, inputs: Inputs, *, modules: Iterable[str]) -> bool:
    return cache_module.entry(f"figure-{spec.name}", table_key(spec, inputs, modules=modules), ".pickle").exists()


def evidence(name: str, row: Mapping, inputs: Inputs) -> pd.DataFrame:
    """Every mention (or article) behind one row of a figure's table, with article, span and sentence.

    Raises:
        CorpusError: When the figure has no evidence function.
    """
    spec = get(name)
    if spec.evidence is None:
        raise CorpusError(f"figure {name!r} does not record the mentions behind its rows")
    found = spec.evidence(row, inputs)
    for column in EVIDENCE_COLUMNS:
        if column not in found:
            found = found.assign(**{column: None})
    return found[EVIDENCE_COLUMNS].sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def save(name: str, table: pd.DataFrame, figure: Figure | Callable[[], Figure], *, folder: Path,
         drawn_key: str | None = None) -> Path:
    """Write ``<name>.csv`` and ``<name>.png`` into ``folder``; returns the PNG path.

    ``figure`` may be a function that draws it: with ``drawn_key`` (:func:`drawn_key`), the PNG is then taken
    from ``data/cache`` when the same table was drawn by the same code before, and drawn only otherwise.
    """
    folder.mkdir(parents=True, exist_ok=True)
    csv = table.to_csv(index=False, lineterminator="\n")
    (folder / f"{name}.csv").write_text(csv, encoding="utf-8")
    png = folder / f"{name}.png"
    if not callable(figure):
        figure.savefig(png, dpi=DPI, metadata={"Software": None})
        return png
    if drawn_key is None:
        figure().savefig(png, dpi=DPI, metadata={"Software": None})
        return png

    def draw() -> bytes:
        buffer = io.BytesIO()
        figure().savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
        return buffer.getvalue()

    png.write_bytes(cache_module.pickled(f"drawn-{name}", drawn_key, draw))
    return png


def drawn_key(spec: FigureSpec, table: pd.DataFrame, topic: Topic) -> str:
    """The key of a drawn figure: the code of its plot function's module (with the plots, the house style and
    the outlet registry it imports), the topic pack (colours and names), the dpi, and the table's CSV bytes."""
    csv = table.to_csv(index=False, lineterminator="\n")
    return cache_module.key((spec.plot.__module__, plots.__name__), topic=topic,
                            options={"figure": spec.name, "dpi": DPI}, inputs=[csv])


def build_all(spec: str | Iterable[str] = "default", *, topic: Topic | str | None = None,
              only: Iterable[str] | None = None, folder: Path | None = None, cache: bool = True,
              jobs: int | None = None, scheduler: str | None = None, progress: bool | None = None) -> list[Path]:
    """Load the corpus once and rebuild every registered figure (or only the named ones).

    Figures go to :func:`analysis.outputs.figures_folder` (``figures/`` only for the default corpus and
    pack) unless ``folder`` is given; the Article table and every family's mentions are written to their
    named places on the way. With ``cache``, each figure's table is reused from ``data/cache`` while nothing
    that produced it changed (:func:`table`). ``jobs``, ``scheduler`` and ``progress``: how articles missing from
    the mentions store are extracted (:func:`analysis.store.load_families`).
    """
    names = list(only) if only else list(registry())
    for name in names:
        get(name)
    topic = topic_module.load(topic)
    loaded = corpus_module.load(spec)
    inputs = Inputs(loaded, topic=topic, name=spec, jobs=jobs, scheduler=scheduler, progress=progress)
    outputs.publish_articles(loaded.articles, corpus=spec, digest=inputs.digest())
    target = folder if folder is not None else outputs.figures_folder(spec, topic)
    modules = _table_modules(get(names[0])) if names else ()
    unpublished = inputs.unpublished()
    if unpublished or not cache or not all(_table_stored(get(name), inputs, modules=modules) for name in names):
        inputs.load()   # a cached rerun whose tables and named mentions are current reads no mention at all
    inputs.publish(unpublished)
    written = []
    for name in names:
        figure = get(name)
        found = table(figure, inputs, modules=modules) if cache else figure.table(inputs)
        draw = partial(figure.plot, found, inputs.topic)
        written.append(save(name, found, draw, folder=target,
                            drawn_key=drawn_key(figure, found, inputs.topic) if cache else None))
    return written
