"""What was analysed, and where is each report? The index page of a run's rendered reports.

``make report`` ends by writing ``index.html`` beside the reports (``reports/`` for the default corpus and pack,
``reports/<corpus>/<topic>/`` otherwise). It says

* what corpus was analysed: articles per outlet and language, full articles and headline-only rows, the date
  range per outlet, and the datasets they came from (:func:`corpus_table`);
* under which topic pack, when, and with which code (the git commit, and whether the work tree had changes);
* one card per rendered report: its title (the notebook's first heading), a one-line summary (the first sentence
  after it), its key figure as a thumbnail, and a link (:func:`card`);
* extra links the caller passes, such as annotated articles (:class:`Link`).

A report's key figure is found without a list to keep up to date: the first registered figure
(:func:`analysis.figures.registry`) whose ``notebook`` is the report's, in the order the notebook shows them,
taken from the run's figures folder; failing that, the first image the executed notebook displayed.
Thumbnails are embedded as ``data:`` URIs, so the page works when the folder is opened from disk or moved.

Everything on the page that comes from data or from a user (outlet and dataset names, corpus paths, link
titles such as article headlines) is escaped; links other than relative paths and ``http(s)`` URLs are
dropped; the page has no script.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd

from analysis import config
from analysis.topic import Topic

#: Largest width and height of a thumbnail in pixels (shown at up to half that many CSS pixels, so it stays sharp
#: on high-density screens); its colours are reduced to a palette of 256, which keeps the page small.
THUMBNAIL_WIDTH = 640
THUMBNAIL_HEIGHT = 400
#: A summary longer than this many characters is cut at a word and ends with an ellipsis.
SUMMARY_CHARACTERS = 220
#: Columns of :func:`corpus_table`.
CORPUS_COLUMNS = ["outlet", "name", "articles", "full_articles", "headlines", "languages", "first", "last",
                  "undated", "datasets"]
_HEADING = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Link:
    """A link listed on the index (an annotated article, a data file): its text, target and a note."""

    title: str
    href: str
    note: str = ""


@dataclass(frozen=True)
class Card:
    """One rendered report on the index."""

    name: str
    title: str
    summary: str
    href: str
    figure: str = ""
    thumbnail: str = ""


# --- what was analysed -------------------------------------------------------------------------------------


def corpus_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per outlet, then a total row (``outlet`` = ``""``, ``name`` = ``All outlets``).

    Returns:
        outlet, name, articles, full_articles, headlines (headline-only rows), languages (``en 992 · ru 3``,
        most first), first, last (dates of the earliest and latest dated article, ``YYYY-MM-DD``), undated,
        datasets (comma-separated).
    """
    rows = [_describe(part, outlet=str(outlet), name=config.outlet_name(str(outlet)))
            for outlet, part in articles.groupby("outlet", sort=True)]
    rows.append(_describe(articles, outlet="", name="All outlets"))
    return pd.DataFrame(rows, columns=CORPUS_COLUMNS)


def _describe(part: pd.DataFrame, *, outlet: str, name: str) -> dict:
    published = pd.to_datetime(part["published"], errors="coerce", utc=True) if len(part) else pd.Series([])
    languages = part["language"].fillna("unknown").astype(str).value_counts()
    languages = languages.sort_index().sort_values(ascending=False, kind="stable")
    content = part["content_type"].astype(str) if "content_type" in part else pd.Series("article", index=part.index)
    datasets = sorted(part["dataset"].dropna().astype(str).unique()) if "dataset" in part else []
    return {"outlet": outlet, "name": name, "articles": len(part), "full_articles": int((content == "article").sum()),
            "headlines": int((content == "headline").sum()),
            "languages": " · ".join(f"{language} {count:,}" for language, count in languages.items()),
            "first": published.min().strftime("%Y-%m-%d") if published.notna().any() else "",
            "last": published.max().strftime("%Y-%m-%d") if published.notna().any() else "",
            "undated": int(published.isna().sum()), "datasets": ", ".join(datasets)}


def provenance(*, root: Path = config.ROOT) -> dict[str, str]:
    """When the index was written and from which code: ``generated`` (UTC), ``commit`` (or ``unknown`` outside
    a git work tree) and ``changes`` (``yes`` when tracked files differ from the commit)."""
    found = {"generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": "unknown", "changes": ""}
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"], capture_output=True,
                                text=True, timeout=10, check=True).stdout.strip()
        status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True, timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return found
    return {**found, "commit": commit or "unknown", "changes": "yes" if status else "no"}


# --- one card per report -----------------------------------------------------------------------------------


def heading(notebook: Path) -> tuple[str, str]:
    """The notebook's title (its first ``#`` heading) and a one-line summary (the first sentence after it),
    as plain text."""
    import jupytext

    cells = [c for c in jupytext.read(notebook).cells if c.cell_type == "markdown"]
    text = cells[0].source if cells else ""
    found = _HEADING.search(text)
    title = _plain(found.group(1)) if found else notebook.stem
    rest = text[found.end():] if found else text
    paragraph = next((p for p in re.split(r"\n\s*\n", rest) if p.strip() and not p.lstrip().startswith("#")), "")
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z`(])", " ".join(paragraph.split()), maxsplit=1)[0]
    return title, _shorten(_plain(sentence), SUMMARY_CHARACTERS)


def _plain(markdown: str) -> str:
    """Markdown emphasis, code and link marks removed (``[text](url)`` -> ``text``)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[`*_]{1,2}(?=\S)|(?<=\S)[`*_]{1,2}", "", text).strip()


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def key_figure(notebook: Path, *, figures_folder: Path) -> tuple[str, str, Path] | None:
    """The report's key figure: name, title and PNG of the first registered figure of the notebook (in the order
    the notebook shows them) whose PNG is in ``figures_folder``; None if there is none."""
    from analysis import figures

    specs = [spec for spec in figures.registry().values() if spec.notebook == notebook.stem]
    source = notebook.read_text(encoding="utf-8")
    shown = {name: source.find(f'"{name}"') for name in (spec.name for spec in specs)}
    specs.sort(key=lambda spec: (shown[spec.name] < 0, shown[spec.name]))
    for spec in specs:
        png = figures_folder / f"{spec.name}.png"
        if png.is_file():
            return spec.name, spec.title, png
    return None


def first_image(executed: Path) -> bytes | None:
    """The first PNG an executed notebook displayed, or None."""
    if not executed.is_file():
        return None
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            if data:
                return base64.b64decode("".join(data) if isinstance(data, list) else data)
    return None


def thumbnail(png: bytes, *, width: int = THUMBNAIL_WIDTH, height: int = THUMBNAIL_HEIGHT) -> str:
    """A PNG scaled down to fit ``width`` x ``height`` pixels (never up), in 256 colours, as a ``data:image/png``
    URI."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        image = image.convert("RGB")
        image.thumbnail((width, height), Image.LANCZOS)
        out = io.BytesIO()
        image.quantize(colors=256).save(out, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def card(report: Path, *, notebook: Path, figures_folder: Path) -> Card:
    """The card of one rendered report (``report`` is its HTML; the executed ``.ipynb`` beside it is read for
    an image when no registered figure is found)."""
    title, summary = heading(notebook)
    found = key_figure(notebook, figures_folder=figures_folder)
    if found is not None:
        _, figure, png = found
        image = png.read_bytes()
    else:
        figure, image = "first figure of the report", first_image(report.with_suffix(".ipynb"))
    return Card(name=notebook.stem, title=title, summary=summary, href=quote(report.name), figure=figure,
                thumbnail=thumbnail(image) if image else "")


# --- the page ----------------------------------------------------------------------------------------------


def safe_href(href: str) -> str:
    """``href`` if it is a relative path or an http(s) URL, else ``""`` (no ``javascript:`` or ``data:`` links)."""
    href = str(href).strip()
    parts = urlsplit(href)
    if parts.scheme in ("http", "https") and parts.netloc:
        return href
    if not parts.scheme and not parts.netloc and not href.startswith("//"):
        return href
    return ""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def page(*, corpus: str, topic: Topic, table: pd.DataFrame, cards: Sequence[Card], links: Sequence[Link] = (),
         made: dict[str, str] | None = None, command: str = "") -> str:
    """The index page (HTML5, one file, no script)."""
    made = made or provenance()
    rows = []
    for row in table.to_dict("records"):
        kind = ' class="total"' if row["outlet"] == "" else ""
        rows.append(f'<tr{kind} data-outlet="{_e(row["outlet"])}">'
                    f'<th scope="row">{_e(row["name"])}</th>'
                    + "".join(f'<td class="n">{int(row[c]):,}</td>' for c in ("articles", "full_articles",
                                                                               "headlines"))
                    + f'<td>{_e(row["languages"])}</td><td class="date">{_e(row["first"])}</td>'
                    f'<td class="date">{_e(row["last"])}</td>'
                    f'<td class="n">{int(row["undated"]):,}</td><td>{_e(row["datasets"])}</td></tr>')
    items = []
    for item in cards:
        image = (f'<img src="{_e(item.thumbnail)}" alt="{_e(item.figure)}" loading="lazy">' if item.thumbnail
                 else '<span class="nofigure">no figure</span>')
        figure = f'<p class="figure">Key figure: {_e(item.figure)}</p>' if item.figure else ""
        items.append(f'<li class="card" id="{_e(item.name)}"><a href="{_e(item.href)}">'
                     f'<span class="thumb">{image}</span><span class="title">{_e(item.title)}</span></a>'
                     f'<p>{_e(item.summary)}</p>{figure}</li>')
    listed = []
    for link in links:
        href = safe_href(link.href)
        target = f'<a href="{_e(href)}">{_e(link.title)}</a>' if href else _e(link.title)
        note = f' <span class="note">{_e(link.note)}</span>' if link.note else ""
        listed.append(f"<li>{target}{note}</li>")
    total = table.iloc[-1] if len(table) else None
    outlets = len(table) - 1
    counts = (f"{int(total['articles']):,} articles from {outlets} outlet{'s' * (outlets != 1)}"
              + (f", published {_e(total['first'])} to {_e(total['last'])}" if total is not None and total["first"]
                 else "")) if total is not None else "no articles"
    changes = " (with uncommitted changes)" if made.get("changes") == "yes" else ""
    extra = (f'<section id="links"><h2>Annotated articles and more</h2><ul class="links">{"".join(listed)}</ul>'
             "</section>") if listed else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reports: {_e(corpus)} · {_e(topic.title)}</title>
<style>
{CSS}
</style>
</head>
<body>
<header>
<h1>How outlets frame the same events: reports</h1>
<p class="lead">Corpus <strong>{_e(corpus)}</strong>: {counts}. Topic pack <strong>{_e(topic.title)}</strong>
(<code>{_e(topic.reference)}</code>).</p>
</header>
<main>
<section id="reports">
<h2>Reports</h2>
<ul class="cards">
{"".join(items)}
</ul>
</section>
{extra}
<section id="corpus">
<h2>What was analysed</h2>
<table class="corpus">
<thead><tr><th scope="col">Outlet</th><th scope="col">Articles</th><th scope="col">Full articles</th>
<th scope="col">Headline-only rows</th><th scope="col">Languages</th><th scope="col">First</th>
<th scope="col">Last</th><th scope="col">Undated</th><th scope="col">Datasets</th></tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
</section>
<section id="provenance">
<h2>How these pages were made</h2>
<dl>
<dt>Corpus</dt><dd><code>{_e(corpus)}</code></dd>
<dt>Topic pack</dt><dd>{_e(topic.title)} (<code>{_e(topic.reference)}</code>, digest
<code>{_e(topic.digest[:12])}</code>)</dd>
<dt>Code</dt><dd>commit <code>{_e(made.get("commit", "unknown"))}</code>{_e(changes)}</dd>
<dt>Written</dt><dd>{_e(made.get("generated", ""))}</dd>
{f"<dt>Command</dt><dd><code>{_e(command)}</code></dd>" if command else ""}
</dl>
</section>
</main>
</body>
</html>
"""


CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #dadce0; --link: #1a5fb4; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1180px; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI",
       Roboto, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.8rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; }
.lead { color: var(--muted); margin: 0; }
a { color: var(--link); }
code { font-size: 0.9em; background: #f3f3f3; padding: 0 0.25em; border-radius: 3px; word-break: break-all; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem;
         grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 0.8rem; display: flex; flex-direction: column; }
.card a { text-decoration: none; color: inherit; display: block; }
.card a:hover .title, .card a:focus .title { text-decoration: underline; color: var(--link); }
.card .thumb { display: flex; align-items: center; justify-content: center; height: 180px; overflow: hidden;
               background: #fafafa; border-radius: 4px; margin-bottom: 0.6rem; }
.card .thumb img { max-width: 100%; max-height: 180px; object-fit: contain; }
.card .title { display: block; font-weight: 600; font-size: 1.05rem; }
.card p { margin: 0.4rem 0 0; color: var(--muted); font-size: 0.92rem; }
.card p.figure { font-size: 0.85rem; }
.nofigure { color: var(--muted); font-size: 0.9rem; }
.links .note { color: var(--muted); font-size: 0.9rem; }
table.corpus { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
.corpus th, .corpus td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left;
                         vertical-align: top; }
.corpus td.n { text-align: right; font-variant-numeric: tabular-nums; }
.corpus td.date { white-space: nowrap; }
.corpus tr.total th, .corpus tr.total td { font-weight: 600; border-top: 2px solid var(--ink); }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; }
dt { color: var(--muted); }
dd { margin: 0; }
@media (max-width: 700px) { .corpus { display: block; overflow-x: auto; } }
"""


def reports_in(folder: Path, notebooks: Iterable[Path]) -> list[tuple[Path, Path]]:
    """The (notebook, report) pairs whose report exists in ``folder``, in the notebooks' order."""
    return [(notebook, folder / f"{notebook.stem}.html") for notebook in notebooks
            if (folder / f"{notebook.stem}.html").is_file()]


def write(folder: Path, *, articles: pd.DataFrame, corpus: str, topic: Topic, figures_folder: Path,
          notebooks: Iterable[Path], links: Sequence[Link] = (), command: str = "") -> Path:
    """Write ``folder/index.html`` listing every report of ``notebooks`` rendered in ``folder``.

    Args:
        folder: The run's reports folder.
        articles: The Article table that was analysed.
        corpus: The corpus specification as given (``default``, ``seeds``, a path).
        topic: The topic pack.
        figures_folder: The run's figures (for the key figures' PNGs).
        notebooks: The numbered notebooks (:func:`analysis.report.notebooks`).
        links: Extra links (annotated articles), each a :class:`Link` with an href relative to ``folder``.
        command: The command that made the reports, shown on the page.
    """
    cards = [card(report, notebook=notebook, figures_folder=figures_folder)
             for notebook, report in reports_in(folder, notebooks)]
    text = page(corpus=corpus, topic=topic, table=corpus_table(articles), cards=cards, links=links,
                command=command)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "index.html"
    path.write_text(text, encoding="utf-8")
    return path
