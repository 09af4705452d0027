"""How do the notebooks become readable HTML reports?

Each numbered notebook (``notebooks/NN-name.py``, py:percent) is converted with jupytext, executed with
papermill (its ``parameters`` cell receives ``CORPUS`` and ``TOPIC``), and rendered with nbconvert to
``reports/NN-name.html`` for the default corpus and pack, or ``reports/<corpus>/<topic>/NN-name.html`` for any
other run (:mod:`analysis.outputs`), so a run on a user's corpus never rewrites tracked files. The executed
notebook is kept beside it (``reports/NN-name.ipynb``) for anyone who wants the outputs in JupyterLab, and
:func:`render_all` ends by writing the run's ``index.html`` (:mod:`analysis.index`).

A report reads as a document: code cells are hidden until the reader ticks "Show code" at the top of the page
(a checkbox and CSS, no script; ``show_code=True``, ``SHOW_CODE=1`` or ``--show-code`` ticks it from the start);
the notebook's parameters cell and the cell papermill injects are replaced by one table of the parameters in
effect. The page loads nothing from the web (the lab template's require.js, MathJax and Mermaid are left out).
While notebooks run, a progress bar on standard error counts notebooks and, below it, the cells of the one
running (quiet when standard error is not a terminal).

Article text in reports is untrusted: tables go through pandas' HTML rendering, which escapes cell contents,
no notebook writes raw HTML built from article text, and the parameters table escapes its values.
"""

from __future__ import annotations

import ast
import copy
import html
import os
import re
import shlex
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat
import pandas as pd

from analysis import outputs
from analysis import topic as topic_module
from analysis.config import NOTEBOOKS, ROOT
from analysis.errors import CorpusError
from analysis.topic import Topic

KERNEL = "python3"
#: The kernel process stays quiet on the terminal (its start-up notice about a local TCP connection, its
#: shutdown); errors in cells still come back through papermill and stop the run.
KERNEL_ARGUMENTS = ["--log-level=CRITICAL"]
#: Seconds a notebook cell may take before its kernel is taken for lost (a full-corpus fit takes about two minutes).
CELL_TIMEOUT = 1800
#: Runs of a notebook whose kernel stops answering before the error is reported.
KERNEL_ATTEMPTS = 2
#: Folder of the nbconvert templates; ``report/report.html.j2`` extends JupyterLab's.
TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"
#: Tags of the cells that set parameters: replaced in the rendered page by one table of the effective values.
PARAMETER_TAGS = ("parameters", "injected-parameters")
#: Environment variable that renders reports with their code shown (``SHOW_CODE=1``).
SHOW_CODE_ENV = "SHOW_CODE"


def notebooks() -> list[Path]:
    """The numbered notebooks in order (``notebooks/NN-*.py``)."""
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.py"))


def show_code_default() -> bool:
    """Whether ``$SHOW_CODE`` asks for code in the reports (``1``, ``true``, ``yes``)."""
    return os.environ.get(SHOW_CODE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def execute(notebook: Path, *, parameters: dict, output: Path, timeout: int | None = None,
            progress: bool | dict = False) -> Path:
    """Execute a py:percent notebook with papermill and write the executed ``.ipynb``.

    A cell that gets no answer from its kernel within ``timeout`` seconds (a message lost between kernel
    and client leaves both waiting, idle) is not an error of the notebook: the whole notebook runs again
    once, in a fresh kernel, with a note on standard error.

    Args:
        timeout: Seconds a cell may take (default :data:`CELL_TIMEOUT`).
        progress: papermill's per-cell progress bar: False, True, or tqdm options (``{"position": 1}``).

    Raises:
        CorpusError: When a cell fails, or times out twice, naming the notebook and the cell's error.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    for attempt in range(KERNEL_ATTEMPTS):
        try:
            return _execute(notebook, parameters=parameters, output=output, timeout=timeout or CELL_TIMEOUT,
                            progress=progress)
        except (CellTimeoutError, DeadKernelError) as error:
            if attempt + 1 == KERNEL_ATTEMPTS:
                raise CorpusError(f"{notebook.name}: no answer from the kernel ({type(error).__name__}) in "
                                  f"{KERNEL_ATTEMPTS} attempts") from None
            print(f"{notebook.name}: no answer from the kernel ({type(error).__name__}); running it again",
                  file=sys.stderr)
    raise AssertionError("unreachable")


def _execute(notebook: Path, *, parameters: dict, output: Path, timeout: int, progress: bool | dict) -> Path:
    import jupytext
    import papermill
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    node = jupytext.read(notebook)
    node.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    node.metadata["language_info"] = {"name": "python"}
    source = output.with_suffix(".input.ipynb")
    jupytext.write(node, source, fmt="ipynb")
    declared = papermill.inspect_notebook(str(source))
    parameters = {key: value for key, value in parameters.items() if key in declared}   # 01 takes no TOPIC
    try:
        papermill.execute_notebook(str(source), str(output), parameters=parameters, kernel_name=KERNEL,
                                   language="python", cwd=str(ROOT), progress_bar=progress, log_output=False,
                                   execution_timeout=timeout, extra_arguments=KERNEL_ARGUMENTS)
    except PapermillExecutionError as error:
        raise CorpusError(f"{notebook.name}: cell {error.exec_count} failed: {error.ename}: {error.evalue}") from None
    finally:
        source.unlink(missing_ok=True)
    return output


def parameters_of(node: nbformat.NotebookNode) -> dict[str, object]:
    """The parameters in effect in an executed notebook: the defaults of its ``parameters`` cell (plain
    assignments of literals), overridden by the values papermill injected."""
    values: dict[str, object] = {}
    for cell in node.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            values.update(_literal_assignments(cell.source))
    values.update(node.metadata.get("papermill", {}).get("parameters", {}) or {})
    return values


def _literal_assignments(source: str) -> dict[str, object]:
    found: dict[str, object] = {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return found
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and \
                isinstance(statement.targets[0], ast.Name):
            try:
                found[statement.targets[0].id] = ast.literal_eval(statement.value)
            except ValueError:
                found[statement.targets[0].id] = ast.unparse(statement.value)
    return found


def parameters_table(values: dict[str, object]) -> str:
    """The parameters as an HTML table (every name and value escaped)."""
    rows = "".join(f"<tr><th scope=\"row\"><code>{html.escape(str(name))}</code></th>"
                   f"<td><code>{html.escape(repr(value))}</code></td></tr>" for name, value in values.items())
    return (f'<div class="nf-parameters"><table><caption>Parameters of this run</caption><tbody>{rows}</tbody>'
            "</table></div>")


def presented(node: nbformat.NotebookNode, *, extra: dict[str, object] | None = None) -> nbformat.NotebookNode:
    """A copy of an executed notebook as a report shows it: the parameters cell and papermill's injected cell
    replaced by one table of the effective parameters, placed after the first markdown cell, and the page titled
    by the notebook's first heading. ``extra`` adds rows to that table (the reading options of the run)."""
    shown = copy.deepcopy(node)
    heading = next((re.search(r"^#\s+(.+?)\s*$", c.source, re.MULTILINE) for c in shown.cells
                    if c.cell_type == "markdown"), None)
    if heading:
        shown.metadata["title"] = heading.group(1).replace("`", "")
    values = {**parameters_of(shown), **(extra or {})}
    shown.cells = [c for c in shown.cells if not set(c.metadata.get("tags", [])) & set(PARAMETER_TAGS)]
    if values:
        first = next((i for i, c in enumerate(shown.cells) if c.cell_type == "markdown"), -1)
        shown.cells.insert(first + 1, nbformat.v4.new_markdown_cell(parameters_table(values)))
    return shown


def to_html(executed: Path, html_path: Path, *, show_code: bool | None = None) -> Path:
    """Render an executed notebook to one self-contained HTML page (code hidden behind a toggle unless
    ``show_code``; default: :func:`show_code_default`). Reading options in effect for the run
    (:func:`analysis.corpus.reading_options`) are shown with its parameters."""
    from nbconvert import HTMLExporter

    from analysis import corpus as corpus_module

    show_code = show_code_default() if show_code is None else show_code
    exporter = HTMLExporter(template_name="lab", extra_template_paths=[str(TEMPLATES / "report")],
                            template_file=TEMPLATE)
    reading = corpus_module.options_from_environment()
    extra = {"reading options": corpus_module.options_as_arguments(reading)} if reading else None
    body, _ = exporter.from_notebook_node(presented(nbformat.read(executed, as_version=4), extra=extra),
                                          resources={"show_code": show_code})
    html_path.write_text(body, encoding="utf-8")
    return html_path


def render(notebook: Path, *, corpus: str = "default", topic: Topic | str | None = None,
           folder: Path | None = None, show_code: bool | None = None, progress: bool | dict = False) -> Path:
    """Execute one notebook on a corpus and topic pack and write ``<folder>/<name>.html``."""
    topic = topic_module.load(topic)
    folder = folder if folder is not None else outputs.reports_folder(corpus, topic)
    executed = execute(notebook, parameters={"CORPUS": corpus, "TOPIC": topic.reference},
                       output=folder / f"{notebook.stem}.ipynb", progress=progress)
    return to_html(executed, folder / f"{notebook.stem}.html", show_code=show_code)


def render_all(corpus: str = "default", *, topic: Topic | str | None = None, only: Iterable[str] | None = None,
               folder: Path | None = None, show_code: bool | None = None, links: Sequence | None = None,
               index: bool = True) -> list[Path]:
    """Render every numbered notebook (or only the named ones) on a corpus and topic pack, then the index.

    Args:
        corpus: The corpus specification.
        topic: The topic pack.
        only: Notebook names (``01-corpus``) to render; the index still lists every report in the folder.
        folder: Where to write (default: :func:`analysis.outputs.reports_folder`).
        show_code: Show code cells from the start (default: ``$SHOW_CODE``).
        links: Extra links for the index (:class:`analysis.index.Link`); default: the annotated seed articles
            (:func:`annotated_seeds`).
        index: Write ``index.html`` (:mod:`analysis.index`).

    Returns:
        The HTML reports written, then the index.
    """
    from tqdm.auto import tqdm

    chosen = notebooks()
    if only:
        wanted = set(only)
        chosen = [p for p in chosen if p.stem in wanted]
        missing = wanted - {p.stem for p in chosen}
        if missing:
            raise CorpusError(f"no notebook named {sorted(missing)}; notebooks: {[p.stem for p in notebooks()]}")
    topic = topic_module.load(topic)
    folder = folder if folder is not None else outputs.reports_folder(corpus, topic)
    written = []
    with tqdm(chosen, desc="reports", unit="notebook", file=sys.stderr, disable=None, dynamic_ncols=True) as bar:
        for notebook in bar:
            bar.set_postfix_str(notebook.stem)
            cells = {"position": 1, "leave": False, "desc": notebook.stem, "file": sys.stderr, "disable": bar.disable,
                     "dynamic_ncols": True}
            written.append(render(notebook, corpus=corpus, topic=topic, folder=folder, show_code=show_code,
                                  progress=cells))
        if index:
            bar.set_postfix_str("index.html")
            written.append(write_index(corpus, topic=topic, folder=folder, links=links))
    return written


def write_index(corpus: str, *, topic: Topic | str | None = None, folder: Path | None = None,
                links: Sequence | None = None, articles: pd.DataFrame | None = None) -> Path:
    """Write the run's ``index.html`` (:func:`analysis.index.write`) for the reports already in ``folder``.

    The Article table is the one ``make figures`` published for this corpus
    (``data/processed/<corpus>/articles.parquet``) when it is there, else the corpus is loaded (cached).
    """
    from analysis import corpus as corpus_module
    from analysis import index

    topic = topic_module.load(topic)
    folder = folder if folder is not None else outputs.reports_folder(corpus, topic)
    if articles is None:
        published = outputs.processed(corpus) / "articles.parquet"
        columns = ["article_id", "outlet", "published", "language", "content_type", "dataset"]
        articles = (pd.read_parquet(published, columns=columns) if published.is_file()
                    else corpus_module.load(corpus).articles)
    if links is None:
        links = annotated_seeds(folder, topic=topic)
    command = "python -m analysis report " + shlex.join(["--corpus", str(corpus), "--topic", topic.reference])
    return index.write(folder, articles=articles, corpus=str(corpus), topic=topic,
                       figures_folder=outputs.figures_folder(corpus, topic), notebooks=notebooks(), links=links,
                       command=command)


def annotated_seeds(folder: Path, *, topic: Topic) -> list:
    """The shipped seed articles with every finding marked in their text (:func:`analysis.annotate.write`): one
    page per article and one with them side by side, written into ``folder/annotated/``; their links for the
    index, titled by the articles' headlines (escaped on the page)."""
    from analysis import annotate, figures, index, mentions
    from analysis import corpus as corpus_module
    from analysis.config import outlet_name

    seeds = figures.Inputs(corpus_module.load("seeds"), topic=topic)
    found = pd.concat([seeds.mentions(family) for family in mentions.FAMILIES], ignore_index=True)
    articles = seeds.corpus.articles.sort_values(["published", "article_id"], kind="stable")
    target = folder / "annotated"
    links = [index.Link(title="All seed articles side by side",
                        href=_relative(annotate.write(articles, target / "seeds.html", topic=topic, mentions=found),
                                       folder),
                        note=f"{len(articles)} articles, {len(found):,} findings")]
    for article in articles.to_dict("records"):
        one = found[found["article_id"] == article["article_id"]]
        page = annotate.write(articles[articles["article_id"] == article["article_id"]],
                              target / f"{_file_safe(article['article_id'])}.html", topic=topic, mentions=one)
        date = article["published"].strftime("%d %B %Y") if pd.notna(article["published"]) else "undated"
        links.append(index.Link(title=str(article.get("title") or article["article_id"]), href=_relative(page, folder),
                                note=f"{outlet_name(article['outlet'])}, {date}: {len(one):,} findings"))
    return links


def _relative(path: Path, folder: Path) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _file_safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(name)).strip("._") or "article"
