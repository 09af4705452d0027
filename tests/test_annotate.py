"""The annotated view: every finding in its place, the article's text intact, nothing of the article executed."""

from __future__ import annotations

import html
import random
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis import annotate, corpus, figures, mentions, plots, topic
from analysis.__main__ import main
from analysis.annotate import Mark
from tests.conftest import RT_SEED, TASS_SEED

HOSTILE_TEXT = (
    "Kiev regime says <script>document.title='PWNED'</script> talks stalled\n\n"
    "MOSCOW, December 5. /TASS/. The so-called \"referendum\" was a sham, "
    "<img src=x onerror=\"document.title='PWNED'\"> Alexey Goncharenko (designated as terrorist and extremist in "
    "Russia) said. \"We will never accept <script>document.title='PWNED'</script> this,\" the lawmaker wrote on "
    "Telegram, adding that the Kiev regime claims victory. <a href=\"javascript:document.title='PWNED'\">click</a> "
    "& <b onmouseover=\"document.title='PWNED'\">more</b> <style>body{display:none}</style>")
HOSTILE = {"article_id": "tass-hostile", "outlet": "tass", "url": "javascript:document.title='PWNED'",
           "title": "<script>document.title='PWNED'</script> Kiev <img src=x onerror=alert(1)>",
           "published": "2023-12-05", "language": "en", "text": HOSTILE_TEXT}
#: The elements the view is made of; anything else in a page would have come from an article.
OUR_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "div", "details", "summary", "ul", "ol", "li",
            "p", "article", "header", "h3", "mark", "span", "a"}


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of the article body (``div.text``) as a browser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.depth = 0          # depth inside the current div.text (0: outside)
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if self.depth:
            self.depth += 1
        elif tag == "div" and attributes.get("class") == "text":
            self.depth = 1
            self.texts.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data


def _elements(markup: str) -> _Elements:
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser


class _Coverage(HTMLParser):
    """For each character of highlighted text, the numbers of the marks open around it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[int | None] = []
        self.covering: list[frozenset[int]] = []
        self.text = ""
        self.balanced = True

    def handle_starttag(self, tag, attrs):
        self.stack.append(int(dict(attrs)["data-n"]) if tag == "mark" else None)

    def handle_endtag(self, tag):
        if not self.stack:
            self.balanced = False
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text += data
        self.covering.extend([frozenset(n for n in self.stack if n is not None)] * len(data))


# ---- highlighting: the text intact, every mark where it belongs ---------------------------------------------


def _short(markup: str) -> str:
    """``<mark ... data-n="2" ...>`` as ``<2>`` and ``</mark>`` as ``</>``; badges dropped."""
    markup = re.sub(r'<span class="badge"[^>]*></span>', "", markup)
    return re.sub(r'<mark [^>]*data-n="(\d+)"[^>]*>', r"<\1>", markup).replace("</mark>", "</>")


@pytest.mark.parametrize("spans, expected", [
    ([("naming", 0, 9, 1), ("label", 3, 6, 2)], "<1>abc<2>def</>ghi</>j"),                 # nested
    ([("naming", 0, 6, 1), ("label", 3, 9, 2)], "<1>abc<2>def</></><2>ghi</>j"),           # crossing: split, reopened
    ([("naming", 0, 3, 1), ("quote", 0, 3, 2)], "<2><1>abc</></>defghij"),                 # equal: quote outermost
    ([("naming", 0, 3, 1), ("hedge", 3, 6, 2)], "<1>abc</><2>def</>ghij"),                 # touching
    ([("naming", 2, 2, 1), ("hedge", 4, 10, 2)], "abcd<2>efghij</>"),                      # empty mark left out
    ([("quote", 0, 10, 1), ("source", 2, 5, 2), ("cue", 4, 7, 3)],
     "<1>ab<2>cd<3>e</></><3>fg</>hij</>"),                                                 # three levels, crossing
])
def test_marks_nest_and_split_where_spans_cross(spans, expected):
    found = [Mark(start, end, style, f"note {number}", number=number) for style, start, end, number in spans]
    markup = annotate.highlight("abcdefghij", found)
    assert _short(markup) == expected
    assert annotate.visible_text(markup) == "abcdefghij"


def test_highlighting_keeps_the_text_and_puts_every_character_in_its_marks():
    """Property over random texts full of markup characters and random overlapping marks: the visible text is
    the article's text exactly, the tags balance, and each character lies in exactly the marks that cover it."""
    alphabet = list("ab <>&\"'=/\n;é—") + ["&amp;", "&lt;", "<script>", "</mark>", "\u2028", "😀"]
    styles = list(annotate.STYLES)
    generator = random.Random(9)
    for _ in range(400):
        text = "".join(generator.choice(alphabet) for _ in range(generator.randint(0, 40)))
        found = []
        for number in range(1, generator.randint(0, 9) + 1):
            start = generator.randint(0, len(text))
            found.append(Mark(start, generator.randint(start, len(text)), generator.choice(styles),
                              generator.choice(["<b>", "a\"b", "x & y", "note"]), number=number))
        markup = annotate.highlight(text, found)
        assert annotate.visible_text(markup) == text
        coverage = _Coverage()
        coverage.feed(markup)
        coverage.close()
        assert coverage.balanced and coverage.text == text
        expected = [frozenset(m.number for m in found if m.start <= i < m.end) for i in range(len(text))]
        assert coverage.covering == expected


def test_a_mark_outside_the_text_is_an_error():
    with pytest.raises(ValueError, match="outside the text"):
        annotate.highlight("short", [Mark(2, 9, "naming", "x")])


# ---- findings of the seeds -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():
    """The seeds, their mentions as the pipeline makes them, and the default pack."""
    loaded = corpus.load("seeds", cache=False)
    inputs = figures.Inputs(loaded, topic=None)
    found = pd.concat([inputs.mentions(name) for name in mentions.FAMILIES], ignore_index=True)
    return loaded.articles, found, topic.load()


def test_findings_of_a_text_are_the_pipelines_mentions(seeds):
    articles, found, pack = seeds
    columns = ["family", "kind", "term", "start", "end", "entity", "speaker", "verb_class", "side"]
    for article in articles.to_dict("records"):
        mine = annotate.findings(article["text"], topic=pack, language=article["language"])
        theirs = found[found["article_id"] == article["article_id"]]
        key = ["start", "end", "family", "kind", "term"]
        assert len(mine) == len(theirs) > 10
        pd.testing.assert_frame_equal(mine[columns].sort_values(key).reset_index(drop=True),
                                      theirs[columns].sort_values(key).reset_index(drop=True), check_dtype=False)


def test_marks_of_the_tass_seed(seeds):
    articles, found, pack = seeds
    tass = articles[articles["outlet"] == "tass"].iloc[0]
    rows = found[found["article_id"] == tass["article_id"]]
    made = annotate.marks(rows, topic=pack)
    text = tass["text"]
    designation = [m for m in made if m.style == "designation"]
    assert len(designation) == 1   # terrorist and extremist: one span, one mark, both notes
    assert text[designation[0].start:designation[0].end] == "designated as terrorist and extremist in Russia"
    assert "Alexey Goncharenko designated terrorist by Russia" in designation[0].note
    assert "Alexey Goncharenko designated extremist by Russia" in designation[0].note
    assert [text[m.start:m.end] for m in made if m.style == "entity"] == ["Alexey Goncharenko"]
    claims = [m for m in made if m.style == "cue" and text[m.start:m.end] == "claims"]
    assert len(claims) == 1 and claims[0].badge == "distancing"
    assert "Alexey Goncharenko, Verkhovna Rada member" in claims[0].note
    # every attribution's content is tinted in its side's colour, every naming variant in the variant's colour
    sourcing = rows[rows["family"] == "sourcing"].dropna(subset=["content_start"])
    quotes = {(m.start, m.end, m.colour) for m in made if m.style == "quote"}
    expected = {(int(r.content_start), int(r.content_end), pack.side_colour(r.side)) for r in sourcing.itertuples()}
    assert expected == quotes
    naming = rows[rows["kind"] == "naming"]
    assert {(int(r.start), int(r.end), pack.variant_colour(r.variant)) for r in naming.itertuples()} == {
        (m.start, m.end, m.colour) for m in made if m.style == "naming"}


def test_table_findings_counts_every_finding_once(seeds):
    _, found, _ = seeds
    table = annotate.table_findings(found)
    assert list(table.columns) == annotate.FINDINGS_COLUMNS
    assert table["findings"].sum() == len(found)
    cues = table[table["style"] == "cue"].set_index(["article_id", "detail"])["findings"].sort_index()
    sourcing = found[found["family"] == "sourcing"]
    expected = sourcing.groupby(["article_id", "verb_class"]).size().sort_index()
    assert cues.to_dict() == expected.to_dict()
    naming = table[(table["style"] == "naming") & (table["outlet"] == "tass")].set_index("detail")["findings"]
    assert naming.to_dict() == {"official_russian": 1, "russian": 5}


def test_fig_findings_draws_each_count(seeds):
    _, found, _ = seeds
    table = annotate.table_findings(found)
    figure = plots.fig_findings(table)
    axes = figure.axes
    assert len(axes) == table["article_id"].nunique() == 2
    for ax, (_, part) in zip(axes, table.groupby("article_id", sort=False)):
        widths = sorted(p.get_width() for p in ax.patches if p.get_width() > 0)
        assert widths == sorted(part["findings"].tolist())


def test_examples_take_the_richest_short_article_of_the_biggest_outlets():
    articles = pd.DataFrame({
        "article_id": ["a1", "a2", "a3", "b1", "b2", "c1"], "outlet": ["a", "a", "a", "b", "b", "c"],
        "n_words": [300, 2000, 250, 400, 500, 100], "content_type": "article", "text": "x"})
    found = pd.DataFrame({
        "article_id": ["a1", "a1", "a2", "a2", "a2", "a3", "b1", "b2", "b2", "c1", "c1", "c1"],
        "family": ["wording", "sourcing", "wording", "sourcing", "designation", "wording", "wording", "wording",
                   "wording", "wording", "sourcing", "designation"],
        "kind": ["naming", "direct", "naming", "direct", "designation", "hedge", "naming", "naming", "naming",
                 "naming", "direct", "designation"]})
    chosen = annotate.examples(articles, found)
    # a (3 articles) and b (2): a2 has most kinds but is long, a1 has two kinds; b2 has more findings than b1
    assert chosen["article_id"].tolist() == ["a1", "b2"]
    assert list(chosen.columns) == list(articles.columns)


# ---- escaping: no markup of an article survives ------------------------------------------------------------


def test_a_hostile_article_is_shown_as_text_and_nothing_of_it_is_markup():
    page = annotate.page([HOSTILE], title="Hostile article")
    parsed = _elements(page)
    assert {tag for tag, _ in parsed.tags} <= OUR_TAGS
    assert not [name for _, attributes in parsed.tags for name in attributes if name.startswith("on")]
    assert not [a for tag, a in parsed.tags if tag == "a"]   # a javascript: URL is no link
    ours = _elements(annotate.page([{"text": "plain"}], title="Hostile article")).tags
    assert [tag for tag, _ in parsed.tags].count("style") == [tag for tag, _ in ours].count("style")   # ours only
    assert "<script" not in page.lower()
    assert parsed.texts == [HOSTILE_TEXT]      # the text, exactly, as a browser reads it
    assert "javascript:document.title=&#x27;PWNED&#x27;" in page   # the URL shown as text
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt; Kiev" in page   # the title too
    found = annotate.marks(annotate.findings(HOSTILE_TEXT, language="en"))
    assert {"label", "hedge", "scare_quote", "designation", "quote", "cue"} <= {m.style for m in found}
    assert 'http-equiv="Content-Security-Policy"' in page and "default-src 'none'" in page


def test_default_title_is_escaped():
    page = annotate.page([HOSTILE])
    assert "<title>Annotated: &lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt; Kiev &lt;img" in page


@pytest.mark.parametrize("url, link", [
    ("https://tass.com/politics/1716565", True),
    ("http://example.org/a?b=1&c=2", True),
    ("javascript:document.title='PWNED'", False),
    ("JaVaScRiPt:alert(1)", False),
    (" javascript:alert(1)", False),
    ("java\nscript:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False),
    ("vbscript:msgbox", False),
    ("https://x.org/\" onmouseover=\"alert(1)", False),   # whitespace: shown as text
    ("//evil.example/x", False),
    ("tass.com/politics", False),
])
def test_only_http_urls_become_links(url, link):
    shown = annotate._link(url)
    parsed = _elements(shown)
    anchors = [a for tag, a in parsed.tags if tag == "a"]
    assert bool(anchors) == link
    if link:
        assert anchors[0]["href"] == url and set(anchors[0]) == {"href", "rel"}
    assert not [name for _, attributes in parsed.tags for name in attributes if name.startswith("on")]
    assert html.unescape(re.sub(r"<[^>]*>", "", shown)) == url


def test_fragment_css_applies_inside_its_own_div_only():
    markup = annotate.fragment([HOSTILE])
    assert markup.startswith('<div class="ann"><style>')
    css = re.search(r"<style>(.*?)</style>", markup, re.S).group(1)
    selectors = [rule.split("{")[0].strip() for rule in css.split("}") if "{" in rule]
    assert selectors and all(part.strip().startswith(".ann") for rule in selectors for part in rule.split(","))


def test_mentions_of_another_text_are_refused():
    found = annotate.findings(HOSTILE_TEXT, language="en")
    with pytest.raises(ValueError, match="outside the text"):
        annotate.fragment([{**HOSTILE, "text": HOSTILE_TEXT[:100]}], mentions=found)


# ---- command line ------------------------------------------------------------------------------------------


def test_cli_writes_two_articles_side_by_side(tmp_path, capsys):
    output = tmp_path / "out" / "seeds.html"
    assert main(["annotate", str(RT_SEED), str(TASS_SEED), "-o", str(output)]) == 0
    page = output.read_text(encoding="utf-8")
    assert page.count('<article class="card"') == 2
    assert html.escape("More than ten NATO states don’t support Ukraine's bid – Kiev") in page
    assert "designated as terrorist and extremist in Russia" in page
    assert str(output) in capsys.readouterr().out


def test_cli_reads_an_article_of_a_corpus_by_id(tmp_path):
    articles = corpus.load("seeds", cache=False).articles
    wanted = articles.loc[articles["outlet"] == "tass", "article_id"].iloc[0]
    output = tmp_path / "one.html"
    assert main(["annotate", "--corpus", "seeds", "--article-id", wanted, "-o", str(output)]) == 0
    assert output.read_text(encoding="utf-8").count('<article class="card"') == 1


@pytest.mark.parametrize("arguments, message", [
    (["--corpus", "seeds", "--article-id", "no-such-id"], "corpus 'seeds' has no article no-such-id"),
    ([], "usage: python -m analysis annotate"),
    (["missing-file.txt"], "missing-file.txt"),
])
def test_cli_errors_speak_to_the_user(arguments, message, tmp_path, capsys):
    assert main(["annotate", *arguments, "-o", str(tmp_path / "x.html")]) == 2
    assert message in capsys.readouterr().err


# ---- in a real browser ---------------------------------------------------------------------------------------

_ATTACK_SURFACE = {
    "scripts": "document.scripts.length",
    "images": "document.images.length",
    "handlers": "Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes)"
                ".some(a => a.name.startsWith('on'))).length",
    "links": "Array.from(document.links).map(a => a.protocol)",
    "text": "Array.from(document.querySelectorAll('.ann .text')).map(e => e.textContent)",
    "marks": "document.querySelectorAll('.ann .text mark').length",
    "note": "getComputedStyle(document.querySelector('.ann .text mark.k-designation'), '::after').content",
    "visible": "getComputedStyle(document.querySelector('.ann .text')).display",
}


def test_a_hostile_article_changes_nothing_in_a_browser(chromium, tmp_path):
    output = annotate.write([HOSTILE], tmp_path / "hostile.html", title="Hostile article")
    result = chromium.open(output, screenshot=True, expressions=_ATTACK_SURFACE, hover=".ann .text mark.k-designation")
    assert result.title == "Hostile article"
    assert result.errors == []
    assert result.requests == [output.resolve().as_uri()]   # nothing fetched: no <img src=x>
    assert result.images == []
    values = result.values
    assert values["scripts"] == 0 and values["images"] == 0 and values["handlers"] == 0 and values["links"] == []
    assert values["text"] == [HOSTILE_TEXT] and values["visible"] == "block"   # the article's <style> hid nothing
    assert values["marks"] >= 10
    assert "designated terrorist by Russia" in values["note"]   # the hover note shows
    assert "document.title='PWNED'" in result.text
    assert result.screenshot.startswith(b"\x89PNG") and len(result.screenshot) > 10_000


def test_two_articles_side_by_side_in_a_browser(chromium, tmp_path):
    output = annotate.write([RT_SEED, TASS_SEED], tmp_path / "seeds.html")
    cards = "Array.from(document.querySelectorAll('.ann .card')).map(c => {const r = c.getBoundingClientRect(); " \
            "return [r.left, r.top, r.width, r.height]; })"
    result = chromium.open(output, expressions={"cards": cards, "badges": _BADGES})
    assert result.errors == [] and result.requests == [output.resolve().as_uri()]
    (left_a, top_a, width_a, height_a), (left_b, top_b, width_b, height_b) = result.values["cards"]
    assert top_a == top_b and left_b >= left_a + width_a and min(width_a, height_a, width_b, height_b) > 200
    assert "distancing" in result.values["badges"] and "neutral" in result.values["badges"]


_BADGES = ("Array.from(document.querySelectorAll('.ann .text .badge')).map(b => "
           "getComputedStyle(b, '::after').content.replace(/\"/g, ''))")


@pytest.mark.slow
def test_the_seeds_notebook_report_in_a_browser(chromium, tmp_path):
    """The rendered notebook embeds the view: no script error, its figures decode, the view is there."""
    from analysis import report
    from analysis.config import NOTEBOOKS

    page = report.render(NOTEBOOKS / "00-seeds.py", corpus="seeds", folder=tmp_path)
    result = chromium.open(page, expressions={"cards": "document.querySelectorAll('.ann .card').length"})
    assert result.errors == []
    assert result.values["cards"] == 2
    assert result.images and all(i.natural_width > 0 and i.natural_height > 0 for i in result.images)
