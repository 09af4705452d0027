"""Reports a reader can follow: the index page, hidden code, one parameters table, and figures that are never
blank where their table has data (small corpora: points without intervals, integer ticks on count axes)."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import matplotlib
import matplotlib.collections
import matplotlib.text
import nbformat
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import config, corpus, figures, index, outputs, report, stats, topic
from analysis.errors import CorpusError
from analysis.plots import base

matplotlib.use("Agg")

HOSTILE = "<script>document.title='PWNED'</script>"
HOSTILE_IMG = '<img src=x onerror="document.title=\'PWNED\'">'


# --- the corpus table and the index page ---------------------------------------------------------------------


def _articles() -> pd.DataFrame:
    """A small Article table with several outlets, languages, content types, an undated row and two datasets."""
    rows = [("a1", "rt", "2023-06-11", "en", "article", "seeds"), ("a2", "rt", "2022-02-24", "en", "headline", "ruwa"),
            ("a3", "rt", None, "ru", "article", "rt_thesis"), ("a4", "tass", "2023-12-05", "en", "article", "seeds"),
            ("a5", "bbc", "2023-02-01", "en", "article", "aj_bbc"), ("a6", "bbc", "2023-02-03", "uk", "headline",
                                                                     "aj_bbc")]
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "published", "language", "content_type", "dataset"])
    return table.assign(published=pd.to_datetime(table["published"]))


def _expected(articles: pd.DataFrame) -> pd.DataFrame:
    """The per-outlet counts, computed here independently of :func:`analysis.index.corpus_table`."""
    rows = {}
    for outlet in sorted(set(articles["outlet"])):
        mine = articles[articles["outlet"] == outlet]
        dated = mine["published"].dropna()
        rows[outlet] = {"articles": len(mine), "full_articles": int(sum(mine["content_type"] == "article")),
                        "headlines": int(sum(mine["content_type"] == "headline")),
                        "first": dated.min().date().isoformat() if len(dated) else "",
                        "last": dated.max().date().isoformat() if len(dated) else "",
                        "undated": int(mine["published"].isna().sum()),
                        "languages": dict(mine["language"].value_counts()), "datasets": set(mine["dataset"])}
    return pd.DataFrame.from_dict(rows, orient="index")


@pytest.mark.parametrize("source", ["table", "seeds"])
def test_corpus_table_counts_match_the_article_table(source):
    articles = _articles() if source == "table" else corpus.load("seeds").articles
    table = index.corpus_table(articles).set_index("outlet")
    expected = _expected(articles)
    assert list(table.index[:-1]) == list(expected.index) and table.index[-1] == ""
    for outlet, row in expected.iterrows():
        got = table.loc[outlet]
        assert (got["articles"], got["full_articles"], got["headlines"], got["undated"]) == (
            row["articles"], row["full_articles"], row["headlines"], row["undated"])
        assert (got["first"], got["last"]) == (row["first"], row["last"])
        languages = dict((lang, int(n.replace(",", ""))) for lang, n in
                         (part.split(" ") for part in got["languages"].split(" · ")))
        assert languages == row["languages"]
        assert set(got["datasets"].split(", ")) == row["datasets"]
    total = table.loc[""]
    assert (total["articles"], total["undated"], total["headlines"]) == (
        len(articles), int(articles["published"].isna().sum()), int((articles["content_type"] == "headline").sum()))


def _rendered(folder: Path, names: list[str]) -> None:
    """Stand-ins for rendered reports (the index lists the HTML files it finds)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")


def _figures(folder: Path, names: list[str]) -> None:
    for name in names:
        fig = Figure(figsize=(6, 3))
        fig.add_subplot().plot([0, 1, 2], [2, 0, 1])
        folder.mkdir(parents=True, exist_ok=True)
        fig.savefig(folder / f"{name}.png", dpi=100)


def _page_table(page: str) -> pd.DataFrame:
    found = re.search(r'<table class="corpus">.*?</table>', page, re.S)
    return pd.read_html(io.StringIO(found.group(0)))[0]


def test_index_lists_every_rendered_report_with_its_key_figure_and_the_corpus(tmp_path):
    notebooks = report.notebooks()
    rendered = [p.stem for p in notebooks if p.stem in ("01-corpus", "02-loaded-wording", "04-sourcing")]
    _rendered(tmp_path, rendered)
    registered = figures.registry()
    _figures(tmp_path / "figures", list(registered))
    articles = _articles()
    path = index.write(tmp_path, articles=articles, corpus="my corpus", topic=topic.load(),
                       figures_folder=tmp_path / "figures", notebooks=notebooks)
    page = path.read_text(encoding="utf-8")
    cards = re.findall(r'<li class="card" id="([^"]+)"><a href="([^"]+)">', page)
    assert cards == [(name, f"{name}.html") for name in rendered]   # only the reports that exist, in order
    for name in rendered:
        title, _ = index.heading(config.NOTEBOOKS / f"{name}.py")
        assert f'<span class="title">{title}</span>' in page
    # the key figure of 02 is the first registered figure it shows, as a thumbnail no wider than THUMBNAIL_WIDTH
    assert index.key_figure(config.NOTEBOOKS / "02-loaded-wording.py", figures_folder=tmp_path / "figures")[0] \
        == "naming_shares"
    thumbnails = re.findall(r'<img src="data:image/png;base64,([^"]+)"', page)
    assert len(thumbnails) == len(rendered)
    from PIL import Image

    for data in thumbnails:
        with Image.open(io.BytesIO(base64.b64decode(data))) as image:
            assert image.format == "PNG" and 0 < image.width <= index.THUMBNAIL_WIDTH
            assert 0 < image.height <= index.THUMBNAIL_HEIGHT
    shown = _page_table(page)
    expected = _expected(articles)
    assert list(shown["Articles"][:-1]) == list(expected["articles"])
    assert list(shown["Undated"][:-1]) == list(expected["undated"]) and shown["Articles"].iloc[-1] == len(articles)
    assert "<script" not in page.lower() and "http://" not in page and "https://" not in page


def test_a_report_without_a_registered_figure_shows_its_first_image(tmp_path):
    notebook = config.NOTEBOOKS / "01-corpus.py"
    _rendered(tmp_path, ["01-corpus"])
    executed = nbformat.v4.new_notebook()
    buffer = io.BytesIO()
    fig = Figure(figsize=(4, 2))
    fig.add_subplot().bar([0, 1], [1, 2])
    fig.savefig(buffer, format="png")
    executed.cells = [nbformat.v4.new_code_cell("x", outputs=[nbformat.v4.new_output(
        "display_data", data={"image/png": base64.b64encode(buffer.getvalue()).decode()})])]
    nbformat.write(executed, tmp_path / "01-corpus.ipynb")
    found = index.card(tmp_path / "01-corpus.html", notebook=notebook, figures_folder=tmp_path / "no-figures")
    assert found.thumbnail.startswith("data:image/png;base64,") and found.figure == "first figure of the report"


@pytest.mark.parametrize("field", ["link", "outlet", "dataset", "corpus"])
def test_hostile_text_is_escaped_on_the_index(tmp_path, field):
    articles = _articles()
    links = [index.Link(title="a plain link", href="annotated/a.html")]
    if field == "link":
        links += [index.Link(title=HOSTILE, href="annotated/b.html", note=HOSTILE_IMG),
                  index.Link(title="bad link", href="javascript:alert(1)")]
    elif field == "outlet":
        articles.loc[0, "outlet"] = HOSTILE_IMG
    elif field == "dataset":
        articles.loc[0, "dataset"] = HOSTILE
    path = index.write(tmp_path, articles=articles, corpus=HOSTILE if field == "corpus" else "seeds",
                       topic=topic.load(), figures_folder=tmp_path, notebooks=[], links=links)
    page = path.read_text(encoding="utf-8")
    assert "<script" not in page.lower() and "<img src=x" not in page and "javascript:" not in page
    assert "&lt;script&gt;" in page or "&lt;img src=x" in page
    assert '<a href="annotated/a.html">a plain link</a>' in page


@pytest.mark.parametrize("href, kept", [("01-corpus.html", True), ("annotated/rt-1.html", True),
                                        ("https://example.org/a", True), ("javascript:alert(1)", False),
                                        ("JavaScript:alert(1)", False), ("data:text/html,<b>", False),
                                        ("//evil.example/x", False), ("vbscript:x", False)])
def test_only_relative_and_http_links_are_kept(href, kept):
    assert (index.safe_href(href) == href) == kept


@pytest.mark.parametrize("name, title, starts", [
    ("01-corpus", "01 · The corpus: what went in, what came out", "Reads the corpus named by CORPUS"),
    ("04-sourcing", "04 · Sourcing: who is quoted, with which verb, through which channel, for which side",
     "Reads the corpus named by CORPUS")])
def test_title_and_summary_come_from_the_notebooks_first_cell(name, title, starts):
    found_title, summary = index.heading(config.NOTEBOOKS / f"{name}.py")
    assert found_title == title and summary.startswith(starts) and len(summary) <= index.SUMMARY_CHARACTERS + 1
    assert "`" not in summary


# --- rendered reports ----------------------------------------------------------------------------------------


def _executed(tmp_path: Path, *, corpus_value: str = "seeds") -> Path:
    """An executed notebook as papermill leaves it: a parameters cell, the injected cell, code with outputs."""
    node = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('CORPUS = "default"\nOUTLETS = "all"\nLIMIT = 3')
    parameters.metadata["tags"] = ["parameters"]
    injected = nbformat.v4.new_code_cell(f"# Parameters\nCORPUS = {corpus_value!r}\n")
    injected.metadata["tags"] = ["injected-parameters"]
    code = nbformat.v4.new_code_cell("print(CORPUS + ' unmistakable_code_marker')", execution_count=3, outputs=[
        nbformat.v4.new_output("stream", name="stdout", text=f"{corpus_value} printed output\n")])
    node.cells = [nbformat.v4.new_markdown_cell("# 09 · A test report\n\nWhat it shows."), parameters, injected,
                  code]
    node.metadata["papermill"] = {"parameters": {"CORPUS": corpus_value}}
    node.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "09-test.ipynb"
    nbformat.write(node, path)
    return path


@pytest.mark.parametrize("show_code", [False, True])
def test_reports_hide_code_behind_a_toggle_unless_asked(tmp_path, show_code, monkeypatch):
    monkeypatch.delenv(report.SHOW_CODE_ENV, raising=False)
    page = report.to_html(_executed(tmp_path), tmp_path / "09-test.html", show_code=show_code).read_text("utf-8")
    toggle = re.search(r"<input[^>]*id=\"nf-show-code\"[^>]*>", page).group(0)
    assert ("checked" in toggle) == show_code
    # the toggle precedes the cells inside <main>, and the CSS hides code inputs while it is not ticked
    main = page[page.index("<main>"):]
    assert main.index('id="nf-show-code"') < main.index("jp-CodeCell")
    assert ".nf-toggle:not(:checked) ~ .jp-CodeCell .jp-Cell-inputWrapper" in page
    assert "unmistakable_code_marker" in page and "seeds printed output" in page
    assert "<title>09 · A test report</title>" in page
    # no script at all, nothing from the web
    assert "<script" not in page.lower() and not re.search(r'(src|href)="https?://', page)


def test_show_code_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(report.SHOW_CODE_ENV, "1")
    page = report.to_html(_executed(tmp_path), tmp_path / "09-test.html").read_text("utf-8")
    assert re.search(r"<input[^>]*checked[^>]*id=\"nf-show-code\"|<input[^>]*id=\"nf-show-code\"[^>]*checked", page)


def test_the_parameters_appear_once_as_a_table_of_effective_values(tmp_path):
    executed = _executed(tmp_path, corpus_value=HOSTILE)
    assert report.parameters_of(nbformat.read(executed, as_version=4)) == {"CORPUS": HOSTILE, "OUTLETS": "all",
                                                                            "LIMIT": 3}
    page = report.to_html(executed, tmp_path / "09-test.html", show_code=True).read_text("utf-8")
    assert page.count("Parameters of this run") == 1
    assert "celltag_parameters" not in page and "celltag_injected-parameters" not in page
    assert "# Parameters" not in page and "&quot;default&quot;" not in page   # neither parameter cell is shown
    table = page[page.index("Parameters of this run"):]
    table = table[:table.index("</table>")]
    assert "LIMIT" in table and "OUTLETS" in table and "&lt;script&gt;" in table
    assert "<script" not in page.lower()
    assert "reading options" not in table   # none were given


def test_the_reading_options_of_a_run_appear_with_its_parameters(tmp_path):
    from analysis.ingest import ColumnMap, ReadOptions

    executed = _executed(tmp_path)
    given = ReadOptions(columns=ColumnMap(text="<b>body</b>"), outlet="bbc", dayfirst=True)
    with corpus.reading_options(given):
        page = report.to_html(executed, tmp_path / "09-test.html").read_text("utf-8")
    table = page[page.index("Parameters of this run"):]
    table = table[:table.index("</table>")]
    assert "reading options" in table and "--map text=&lt;b&gt;body&lt;/b&gt; --outlet bbc --dayfirst" in table


# --- where a run's output goes -------------------------------------------------------------------------------


def test_another_corpus_writes_figures_beside_its_reports():
    pack = topic.load()
    assert outputs.figures_folder("seeds", pack) == config.REPORTS / "seeds" / "ukraine_war" / "figures"
    assert outputs.figures_folder("default", pack) == config.FIGURES
    assert config.FIGURES not in outputs.figures_folder("seeds", pack).parents


# --- small corpora: never blank where there is data ----------------------------------------------------------

SMALL = {"one outlet, one article": ("seeds", "rt"), "two outlets, one article each": ("seeds", "all")}


@pytest.fixture(scope="module")
def small_inputs():
    return {label: figures.Inputs(corpus.load(spec).select(outlets=outlets))
            for label, (spec, outlets) in SMALL.items()}


def _drawn(fig: Figure) -> bool:
    """Whether any visible axes carries data (lines, markers, bars, images), not just a placeholder text."""
    return any(ax.axison and (ax.lines or ax.collections or ax.patches or ax.images) for ax in fig.axes)


def _ink(fig: Figure) -> float:
    """Share of pixels that are not white in the saved PNG."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    from PIL import Image

    with Image.open(io.BytesIO(buffer.getvalue())) as image:
        pixels = np.asarray(image.convert("L"))
    return float((pixels < 245).mean())


@pytest.mark.parametrize("label", sorted(SMALL))
@pytest.mark.parametrize("name", sorted(figures.registry()))
def test_a_figure_is_never_blank_where_its_table_has_data(small_inputs, label, name):
    table, fig = figures.render(name, small_inputs[label])
    estimates = table.select_dtypes("float").to_numpy(dtype=float)
    if table.empty or ("note" in table and not np.isfinite(estimates).any()):
        # nothing to draw (one outlet has nothing to compare with; rows that only note why a model was not
        # fitted): the figure says why in words
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text().strip()]
        assert texts
        return
    assert _drawn(fig), f"{name} draws nothing on {label} although its table has {len(table)} rows of estimates"
    assert _ink(fig) > 0.01


def test_an_interval_from_too_few_articles_is_not_drawn_and_the_figure_says_so(small_inputs):
    table, fig = figures.render("sourcing_anonymity", small_inputs["two outlets, one article each"])
    assert table["ci_low"].isna().all() and (table["articles"] < stats.MIN_ARTICLES_FOR_INTERVAL).all()
    texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
    assert any("intervals need more articles" in t for t in texts)
    assert any(f"fewer than {stats.MIN_ARTICLES_FOR_INTERVAL} articles" in t for t in texts)
    hollow = [line for ax in fig.axes for line in ax.lines if line.get_markerfacecolor() == "white"]
    assert hollow and not [c for ax in fig.axes for c in ax.collections
                           if isinstance(c, matplotlib.collections.LineCollection)]   # no interval drawn


@pytest.mark.parametrize("name, axis", [("articles_over_time", "y"), ("designated_entities", "x")])
def test_count_axes_have_integer_ticks(small_inputs, name, axis):
    _, fig = figures.render(name, small_inputs["two outlets, one article each"])
    checked = 0
    for ax in fig.axes:
        if not ax.axison:
            continue
        low, high = sorted(ax.get_ylim() if axis == "y" else ax.get_xlim())
        ticks = [t for t in (ax.get_yticks() if axis == "y" else ax.get_xticks()) if low - 1e-9 <= t <= high + 1e-9]
        assert ticks and all(float(t).is_integer() for t in ticks), (name, ticks)
        checked += 1
    assert checked


def test_the_note_says_how_many_estimates_lack_an_interval():
    assert base.no_interval_note(0, 5) == ""
    assert "all rates" in base.no_interval_note(4, 4, unit="rates")
    assert "2 of 7 shares" in base.no_interval_note(2, 7, unit="shares")
    assert f"fewer than {stats.MIN_ARTICLES_FOR_INTERVAL} articles" in base.no_interval_note(1, 2)


@pytest.mark.parametrize("name", ["01-corpus", "02-loaded-wording", "03-designations", "04-sourcing"])
def test_notebooks_state_the_interval_threshold(name):
    text = (config.NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8")
    assert f"fewer than {stats.MIN_ARTICLES_FOR_INTERVAL} articles" in " ".join(text.replace("#", " ").split())
    assert "MIN_ARTICLES_FOR_INTERVAL" in text


# --- a real run ------------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_render_all_writes_reports_and_an_index_that_lists_them(tmp_path, monkeypatch):
    monkeypatch.delenv(report.SHOW_CODE_ENV, raising=False)
    written = report.render_all("seeds", only=["01-corpus", "03-designations"], folder=tmp_path)
    assert [p.name for p in written] == ["01-corpus.html", "03-designations.html", "index.html"]
    page = written[-1].read_text(encoding="utf-8")
    assert re.findall(r'<li class="card" id="([^"]+)">', page) == ["01-corpus", "03-designations"]
    assert page.count("data:image/png;base64,") == 2   # 01 and 03 show figures; their first is the thumbnail
    links = re.findall(r'<a href="(annotated/[^"]+)">', page)
    assert links and all((tmp_path / link).is_file() for link in links)
    shown = _page_table(page)
    articles = corpus.load("seeds").articles
    assert list(shown["Articles"]) == [*articles.groupby("outlet").size().tolist(), len(articles)]
    report_page = written[0].read_text(encoding="utf-8")
    assert "checked" not in re.search(r"<input[^>]*id=\"nf-show-code\"[^>]*>", report_page).group(0)
    assert report_page.count("Parameters of this run") == 1 and "<code>'seeds'</code>" in report_page


# --- in a real browser -----------------------------------------------------------------------------------------

PWNED = "document.title='PWNED'"
HOSTILE_ARTICLE = (f"<script>{PWNED}</script> Kiev regime said <img src=x onerror=\"{PWNED}\">\n\n"
                   "MOSCOW, June 1. The spokesman claimed that the \"neo-Nazis\" in Kiev had shelled the town, "
                   f"according to officials. <a href=\"javascript:{PWNED}\">more</a> "
                   f"<b onmouseover=\"{PWNED}\">x</b>\n")
_SURFACE = {
    "scripts": "document.scripts.length",
    "handlers": "Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
                ".some(a => a.name.startsWith('on'))).length",
    "javascript_links": "Array.from(document.links).filter(a => a.protocol === 'javascript:').length",
    "visible_code": "Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputArea'))"
                    ".filter(e => e.offsetParent !== null).length",
}


@pytest.mark.slow
def test_index_and_a_report_of_a_hostile_corpus_in_a_browser(chromium, tmp_path, monkeypatch):
    """The index, one report and the annotated view open in Chromium: figures decode, no script error, and an
    article carrying a script, an ``onerror`` image and a ``javascript:`` link changes nothing."""
    monkeypatch.delenv(report.SHOW_CODE_ENV, raising=False)
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (articles / "plain.txt").write_text("Kyiv, June 2. The minister said the talks would go on.\n", encoding="utf-8")
    out = tmp_path / "out"
    written = report.render_all(str(articles), only=["00-seeds", "01-corpus"], folder=out)
    assert [p.name for p in written] == ["00-seeds.html", "01-corpus.html", "index.html"]
    for page in written:
        result = chromium.open(page, expressions=_SURFACE)
        assert "PWNED" not in result.title, page.name
        assert result.errors == [], page.name
        assert result.values["handlers"] == 0 and result.values["javascript_links"] == 0, page.name
        assert result.values["visible_code"] == 0, page.name          # code hidden by default
        assert all(u.startswith(("file:", "data:")) for u in result.requests), page.name   # nothing from the web
        assert result.images and all(i.natural_width > 0 and i.natural_height > 0 for i in result.images), page.name
    assert "document.title='PWNED'" in chromium.open(written[0]).text   # the article's text is shown, as text
    annotated = re.findall(r'<a href="(annotated/[^"]+)">', written[-1].read_text(encoding="utf-8"))
    assert annotated
    view = chromium.open(out / annotated[0], expressions=_SURFACE)
    assert view.errors == [] and view.values["scripts"] == 0 and view.values["handlers"] == 0


def _sleepy_notebook(tmp_path: Path, marker: Path) -> Path:
    """A notebook whose only cell sleeps past the timeout the first time it runs (it leaves ``marker``)."""
    notebook = tmp_path / "99-sleepy.py"
    notebook.write_text(f"# %%\nimport pathlib, time\nmarker = pathlib.Path({str(marker)!r})\n"
                        "if not marker.exists():\n    marker.touch()\n    time.sleep(60)\nprint('done')\n",
                        encoding="utf-8")
    return notebook


def test_a_kernel_that_stops_answering_is_given_one_fresh_run(tmp_path, capsys):
    marker = tmp_path / "first-run"
    notebook = _sleepy_notebook(tmp_path, marker)
    executed = report.execute(notebook, parameters={}, output=tmp_path / "out.ipynb", timeout=3)
    outputs = [o for c in nbformat.read(executed, as_version=4).cells for o in c.get("outputs", [])]
    assert marker.exists() and any("done" in o.get("text", "") for o in outputs)
    assert "99-sleepy.py: no answer from the kernel (CellTimeoutError); running it again" in capsys.readouterr().err


def test_a_kernel_that_never_answers_is_a_one_line_error(tmp_path, monkeypatch):
    notebook = tmp_path / "99-stuck.py"
    notebook.write_text("# %%\nimport time\ntime.sleep(60)\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"^99-stuck.py: no answer from the kernel \(CellTimeoutError\) in 2 "
                                          r"attempts$"):
        report.execute(notebook, parameters={}, output=tmp_path / "out.ipynb", timeout=2)
