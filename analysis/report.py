"""How do the notebooks become readable HTML reports?

Each numbered notebook (``notebooks/NN-name.py``, py:percent) is converted with jupytext, executed with
papermill (its ``parameters`` cell receives ``CORPUS`` and ``TOPIC``), and rendered with nbconvert to
``reports/NN-name.html`` for the default corpus and pack, or ``reports/<corpus>/<topic>/NN-name.html`` for any
other run (:mod:`analysis.outputs`), so a run on a user's corpus never rewrites tracked files. The executed
notebook is kept beside it (``reports/NN-name.ipynb``) for anyone who wants the outputs in JupyterLab.

Article text in reports is untrusted: tables go through pandas' HTML rendering, which escapes cell contents,
and no notebook writes raw HTML built from article text.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from analysis import outputs
from analysis import topic as topic_module
from analysis.config import NOTEBOOKS, ROOT
from analysis.errors import CorpusError
from analysis.topic import Topic

KERNEL = "python3"


def notebooks() -> list[Path]:
    """The numbered notebooks in order (``notebooks/NN-*.py``)."""
    return sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]-*.py"))


def execute(notebook: Path, *, parameters: dict, output: Path, timeout: int = 1800) -> Path:
    """Execute a py:percent notebook with papermill and write the executed ``.ipynb``.

    Raises:
        CorpusError: When a cell fails, naming the notebook and the cell's error.
    """
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
                                   language="python", cwd=str(ROOT), progress_bar=False, execution_timeout=timeout)
    except PapermillExecutionError as error:
        raise CorpusError(f"{notebook.name}: cell {error.exec_count} failed: {error.ename}: {error.evalue}") from None
    finally:
        source.unlink(missing_ok=True)
    return output


def to_html(executed: Path, html: Path) -> Path:
    """Render an executed notebook to standalone HTML (code cells kept, for traceability)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    html.write_text(body, encoding="utf-8")
    return html


def render(notebook: Path, *, corpus: str = "default", topic: Topic | str | None = None,
           folder: Path | None = None) -> Path:
    """Execute one notebook on a corpus and topic pack and write ``<folder>/<name>.html``."""
    topic = topic_module.load(topic)
    folder = folder if folder is not None else outputs.reports_folder(corpus, topic)
    executed = execute(notebook, parameters={"CORPUS": corpus, "TOPIC": topic.reference},
                       output=folder / f"{notebook.stem}.ipynb")
    return to_html(executed, folder / f"{notebook.stem}.html")


def render_all(corpus: str = "default", *, topic: Topic | str | None = None, only: Iterable[str] | None = None,
               folder: Path | None = None) -> list[Path]:
    """Render every numbered notebook (or only the named ones) on a corpus and topic pack."""
    chosen = notebooks()
    if only:
        wanted = set(only)
        chosen = [p for p in chosen if p.stem in wanted]
        missing = wanted - {p.stem for p in chosen}
        if missing:
            raise CorpusError(f"no notebook named {sorted(missing)}; notebooks: {[p.stem for p in notebooks()]}")
    return [render(notebook, corpus=corpus, topic=topic, folder=folder) for notebook in chosen]
