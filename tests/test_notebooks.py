"""Every notebook runs on a small corpus; its pair is in sync; its report escapes article text."""

from __future__ import annotations

import jupytext
import pytest

from analysis import config, report
from analysis.config import NOTEBOOKS
from tests.conftest import write

NOTEBOOK_NAMES = [p.stem for p in report.notebooks()]


def test_there_are_numbered_notebooks():
    assert NOTEBOOK_NAMES[:2] == ["00-seeds", "01-corpus"]


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_paired_ipynb_is_in_sync_and_stripped(name):
    text = jupytext.read(NOTEBOOKS / f"{name}.py")
    paired = NOTEBOOKS / f"{name}.ipynb"
    assert paired.exists(), f"run `make notebooks` to write {paired.name}"
    notebook = jupytext.read(paired)
    assert [(c.cell_type, c.source) for c in notebook.cells] == [(c.cell_type, c.source) for c in text.cells], \
        f"{paired.name} is out of sync with {name}.py: run `make notebooks`"
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_first_code_cell_is_the_parameters_cell(name):
    cells = [c for c in jupytext.read(NOTEBOOKS / f"{name}.py").cells if c.cell_type == "code"]
    assert "parameters" in cells[0].metadata.get("tags", [])
    assert "CORPUS =" in cells[0].source and "OUTLETS =" in cells[0].source


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_on_the_seeds(name, tmp_path):
    html = report.render(NOTEBOOKS / f"{name}.py", corpus="seeds", folder=tmp_path)
    page = html.read_text(encoding="utf-8")
    assert "data:image/png;base64" in page
    executed = jupytext.read(tmp_path / f"{name}.ipynb")
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if o.get("output_type") == "error"]


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_on_a_real_two_outlet_corpus(name, tmp_path, mirror):
    """The seeds are too small to reach every code path (scare quotes, distinctive terms need outlets
    with 20+ articles); Al Jazeera and BBC (405 articles) reach them in seconds."""
    html = report.render(NOTEBOOKS / f"{name}.py", corpus="aj_bbc_2023", folder=tmp_path)
    assert "data:image/png;base64" in html.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in NOTEBOOK_NAMES if n != "01-corpus"])
def test_notebook_runs_under_another_topic_pack(name, tmp_path):
    """The second shipped pack on the articles we wrote for it: its sides and naming usage, not the default's."""
    sample = str(config.DATA / "samples" / "israel_gaza")
    html = report.render(NOTEBOOKS / f"{name}.py", corpus=sample, topic="israel_gaza", folder=tmp_path)
    executed = jupytext.read(tmp_path / f"{name}.ipynb")
    injected = [c.source for c in executed.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert injected and 'TOPIC = "israel_gaza"' in injected[0]
    outputs = [o for c in executed.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if o.get("output_type") == "error"]
    assert "data:image/png;base64" in html.read_text(encoding="utf-8")


def test_reports_of_another_corpus_or_pack_go_to_an_ignored_folder():
    from analysis import outputs, topic

    default, other = topic.load(), topic.load("israel_gaza")
    assert outputs.reports_folder("default", default) == config.REPORTS
    assert outputs.figures_folder("default", default) == config.FIGURES
    assert outputs.reports_folder("default", other) == config.REPORTS / "default" / "israel_gaza"
    assert outputs.figures_folder("../my-scrape/", default).parts[-3:] == ("my-scrape", "ukraine_war", "figures")
    assert config.FIGURES not in outputs.figures_folder("seeds", default).parents


@pytest.mark.slow
def test_report_escapes_untrusted_article_text(tmp_path):
    hostile = ('Kiev says <script>alert("owned")</script> talks <img src=x onerror=alert(1)> stalled\n\n'
               'MOSCOW, December 5. /TASS/. The text goes on <b onmouseover="steal()">here</b> for a while, '
               'long enough to be an article of its own with several words in it.')
    write(tmp_path / "hostile" / "tass_2023-12-05_hostile.txt", hostile)
    html = report.render(NOTEBOOKS / "01-corpus.py", corpus=str(tmp_path / "hostile"), folder=tmp_path / "out")
    page = html.read_text(encoding="utf-8")
    assert '<script>alert("owned")</script>' not in page
    assert "<img src=x onerror=alert(1)>" not in page
    assert '<b onmouseover="steal()">' not in page
    assert "&lt;script&gt;alert" in page   # shown to the reader as text
