"""Where, in an article's own text, is each finding? The article's text with every finding highlighted.

Every family's mentions (:mod:`analysis.mentions`) are drawn on the text they were found in: naming
variants underlined in the variant's colour, labels, loaded words, descriptors, hedges and scare quotes
each in their own style, designations with the entity they are attached to and the authority that made
them, and attributions as three parts: the content tinted by the speaker's side (the topic pack's side
colours), the source underlined in the same colour, and the cue verb boxed with its class after it
(``neutral``, ``distancing``, ``endorsing``, ...). Hovering over any point of the text shows a note for
every finding that covers it; a numbered list under each article gives the same notes without hovering;
a legend explains every style. Several articles are shown side by side.

Spans overlap and nest (a quotation holding a label holding a naming variant; a designation's entity
before its label; two attributions sharing a source). :func:`highlight` walks the text once, keeping a
stack of open findings: a finding that ends while findings opened inside it are still open closes them,
closes itself and opens them again, so the HTML is always well formed and every character of the text
appears exactly once, in order. Removing the tags and unescaping gives back the article's text.

Article text is untrusted: every piece of it (the text, the title, the terms, speakers and entities
quoted in notes, the URL) is escaped; a URL becomes a link only when it is ``http`` or ``https``; the
page carries a Content-Security-Policy that allows no script at all; notes are CSS (``attr()`` renders
text, never markup). The HTML is self-contained (inline CSS, no script, nothing fetched).

Use :func:`fragment` in a notebook (``display(HTML(annotate.fragment(articles, topic=TOPIC)))``; its CSS
applies inside its own ``div.ann`` only), :func:`page` for a standalone document and :func:`write` to save
one; ``python -m analysis annotate PATH [PATH2] -o FILE.html`` does the same from the command line.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from analysis import config
from analysis import mentions as mentions_module
from analysis import topic as topic_module
from analysis.errors import CorpusError
from analysis.topic import Topic

#: The style of each kind of highlight, outermost first (the order equal spans nest in), with its legend
#: entry: name and what it shows.
STYLES: dict[str, tuple[str, str]] = {
    "quote": ("attributed content", "what a source is reported to have said: quoted (direct), paraphrased "
                                    "(indirect) or both (mixed); tinted in the colour of the speaker's side"),
    "source": ("source", "who is reported as saying it, underlined in the colour of the speaker's side"),
    "designation": ("designation", "an official designation (terrorist, extremist, foreign agent ...) attached "
                                   "to a named entity; the note names the entity and the authority"),
    "entity": ("designated entity", "the person or organisation a designation is attached to"),
    "descriptor": ("descriptor", "how an institution is described instead of named"),
    "label": ("label", "a charged or delegitimising label (the pack's lexicon, or name calling found by the "
                       "tagger)"),
    "loaded": ("loaded word", "emotionally charged wording found by the trained tagger"),
    "naming": ("naming variant", "a naming choice for a place, a person or an event, underlined in the "
                                 "colour of the variant (the pack's variant colours)"),
    "hedge": ("hedge", "an epistemic or distancing marker (alleged, so-called, claims, according to)"),
    "scare_quote": ("scare quote", "a short phrase in quotation marks that quotes no speaker"),
    "cue": ("reporting cue", "the verb or phrase that attributes the content, boxed; its class follows it"),
    "other": ("other finding", "a finding of a kind this view has no style for"),
}
#: Wording kinds -> style (kinds not listed get ``other``).
WORDING_STYLES = {"naming": "naming", "label": "label", "name_calling": "label", "loaded": "loaded",
                  "descriptor": "descriptor", "hedge": "hedge", "scare_quote": "scare_quote"}
#: Badge colour of a reporting verb's class (``analysis/lexicons/reporting_verbs.yaml``): grey for verbs that
#: report without judging, warm for verbs that cast doubt, green for verbs that endorse or commit, dark red
#: for verbs of attack or pressure. Classes not listed are shown in :data:`OTHER_CLASS_COLOUR`.
VERB_CLASS_COLOURS = {"neutral": "#717D7E", "cognitive": "#717D7E", "distancing": "#BA4A00",
                      "tentative": "#BA4A00", "questioning": "#BA4A00", "denying": "#BA4A00",
                      "endorsing": "#1E8449", "praising": "#1E8449", "promising": "#1E8449",
                      "conceding": "#1E8449", "accusing": "#922B21", "warning": "#922B21", "directive": "#922B21"}
OTHER_CLASS_COLOUR = "#5D6D7E"
#: Colour used where a colour from a pack or registry is not a plain ``#rrggbb``.
FALLBACK_COLOUR = "#95A5A6"
#: Opacity of the side colour behind attributed content.
QUOTE_TINT = 0.2
#: URL schemes shown as links; any other URL (``javascript:``, ``data:``) is shown as text only.
LINK_SCHEMES = ("http", "https")
#: Preferred longest article in :func:`examples` (words), so that an annotated view stays readable.
EXAMPLE_MAX_WORDS = 900
#: The standalone page's own style (the view's is scoped, :func:`_css`).
PAGE_CSS = "body{margin:1.5em;background:#fff}h1{font:600 1.3em system-ui,sans-serif;color:#1c2833}"
#: The page's Content-Security-Policy: inline styles and nothing else (no script, no fetch, no frame).
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Mark:
    """One highlighted span: a finding, or one part of an attribution (its content, source or cue).

    Attributes:
        start: First character (offset into the article's text).
        end: One past the last character.
        style: A key of :data:`STYLES`.
        note: Plain text describing the finding (escaped on output).
        colour: ``#rrggbb`` for the style's colour (a side, a naming variant), or None.
        badge: A short text shown after the span (a cue's verb class), or None.
        number: The finding's number in the article's list of notes.
    """

    start: int
    end: int
    style: str
    note: str
    colour: str | None = None
    badge: str | None = None
    number: int = 0

    @property
    def rank(self) -> int:
        """Nesting order among equal spans (outermost first)."""
        return list(STYLES).index(self.style)


# ---- findings and marks ------------------------------------------------------------------------------------------


def findings(text: str, *, topic: Topic | str | None = None, language: str | None = None) -> pd.DataFrame:
    """Every family's mentions of one text, as the mentions table (:data:`analysis.mentions.MENTION_COLUMNS`)."""
    return mentions_module.to_frame(mentions_module.extract_text(text, topic=topic, language=language))


def marks(found: pd.DataFrame, *, topic: Topic | str | None = None) -> list[Mark]:
    """The highlights of a mentions table of one text, numbered by finding, sorted by span.

    A finding of the sourcing family gives up to three marks (content, source, cue); a designation gives
    two (its label and its entity); any other finding one. Marks of the same span and style are merged
    (one designation that is both "terrorist" and "extremist").
    """
    topic = topic_module.load(topic)
    rows = found.sort_values(["start", "end"], kind="stable").to_dict("records")
    made = [mark for number, row in enumerate(rows, start=1) for mark in _row_marks(row, number, topic)]
    return _merge(made)


def _row_marks(row: Mapping, number: int, topic: Topic) -> list[Mark]:
    family = row["family"]
    if family == mentions_module.family_module("sourcing").FAMILY:
        return _attribution_marks(row, number, topic)
    if family == mentions_module.family_module("designations").FAMILY:
        return _designation_marks(row, number)
    style = WORDING_STYLES.get(str(row["kind"]), "other")
    term, canonical, category = _text(row.get("term")), _text(row.get("canonical")), _text(row.get("category"))
    if style == "naming":
        variant = _text(row.get("variant")) or "other"
        note = f"naming ({category}): “{term}” is the {variant} variant of {canonical}"
        colour = topic.variant_colour(variant)
    elif style == "scare_quote":
        note, colour = f"scare quote: “{term}” is put in quotation marks without a speaker", None
    elif style == "hedge":
        note, colour = f"hedge ({category}): “{term}”", None
    elif style == "descriptor":
        note, colour = f"descriptor: “{term}” stands for {canonical}", None
    else:
        note, colour = f"{style.replace('_', ' ')} ({category}): “{term}”", None
    detector, score = _text(row.get("detector")), row.get("score")
    if detector == "tagger" and not pd.isna(score):
        note += f" (tagger, score {float(score):.2f})"
    return [Mark(int(row["start"]), int(row["end"]), style, note, colour=colour, number=number)]


def _designation_marks(row: Mapping, number: int) -> list[Mark]:
    entity, designation = _text(row.get("entity")) or "an unnamed entity", _text(row.get("designation"))
    authority = _text(row.get("authority")) or "an authority the article does not name"
    voice, form = _text(row.get("voice")), _text(row.get("form"))
    how = ", ".join(part for part in (f"{voice} voice" if voice else "", form) if part)
    note = f"designation: {entity} designated {designation} by {authority}" + (f" ({how})" if how else "")
    found = [Mark(int(row["start"]), int(row["end"]), "designation", note, number=number)]
    if not pd.isna(row.get("entity_start")):
        found.append(Mark(int(row["entity_start"]), int(row["entity_end"]), "entity",
                          f"designated entity: {entity} ({designation}, by {authority})", number=number))
    return found


def _attribution_marks(row: Mapping, number: int, topic: Topic) -> list[Mark]:
    side = _text(row.get("side")) or topic_module.UNKNOWN_SIDE
    colour, side_name = topic.side_colour(side), topic.side_name(side)
    speaker = _text(row.get("speaker")) or "an unresolved source"
    verb, verb_class = _text(row.get("verb")), _text(row.get("verb_class")) or "unclassified"
    details = [f"side: {side_name}"]
    if _text(row.get("source_type")):
        details.append(f"type: {row['source_type']}")
    if _text(row.get("channel")):
        details.append(f"channel: {row['channel']}")
    if row.get("anonymous") is True:
        details.append("anonymous")
    if row.get("relayed") is True:
        details.append("relays unnamed sources")
    kind = _text(row.get("kind"))
    note = (f"{kind} attribution to {speaker} ({'; '.join(details)}); cue “{_text(row.get('term'))}” "
            f"({verb}: {verb_class})")
    found = []
    if not pd.isna(row.get("content_start")):
        found.append(Mark(int(row["content_start"]), int(row["content_end"]), "quote", note, colour=colour,
                          number=number))
    if not pd.isna(row.get("source_start")):
        found.append(Mark(int(row["source_start"]), int(row["source_end"]), "source",
                          f"source: {speaker} ({'; '.join(details)})", colour=colour, number=number))
    cue_start = row.get("cue_start") if not pd.isna(row.get("cue_start")) else row["start"]
    cue_end = row.get("cue_end") if not pd.isna(row.get("cue_end")) else row["end"]
    found.append(Mark(int(cue_start), int(cue_end), "cue", f"cue: “{_text(row.get('term'))}” ({verb}: {verb_class}) "
                      f"attributes to {speaker}", colour=colour, badge=verb_class, number=number))
    return found


def _text(value) -> str:
    """A table cell as text ('' for missing values)."""
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _merge(found: Iterable[Mark]) -> list[Mark]:
    merged: dict[tuple, Mark] = {}
    for mark in found:
        key = (mark.start, mark.end, mark.style, mark.colour)
        if key in merged:
            old = merged[key]
            note = old.note if mark.note in old.note.split("\n") else f"{old.note}\n{mark.note}"
            badges = [b for b in dict.fromkeys([old.badge, mark.badge]) if b]
            merged[key] = replace(old, note=note, badge=", ".join(badges) or None)
        else:
            merged[key] = mark
    return sorted(merged.values(), key=lambda m: (m.start, -m.end, m.rank, m.number))


# ---- HTML --------------------------------------------------------------------------------------------------------


def _colour(value: str | None) -> str | None:
    """A ``#rrggbb`` colour, or the fallback for anything else (colours enter a style attribute)."""
    if value is None:
        return None
    return value if _HEX.fullmatch(value) else FALLBACK_COLOUR


def _rgba(colour: str, alpha: float) -> str:
    colour = _colour(colour) or FALLBACK_COLOUR
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


def _open_tag(mark: Mark, covering: Sequence[Mark]) -> str:
    notes = [mark.note, *(m.note for m in reversed(covering) if m.note != mark.note)]
    style = ""
    if mark.colour:
        style = f"--c:{_colour(mark.colour)};--t:{_rgba(mark.colour, QUOTE_TINT)}"
    style_attribute = f' style="{style}"' if style else ""
    return (f'<mark class="k-{mark.style}" data-n="{mark.number}"{style_attribute} '
            f'data-note="{html.escape(chr(10).join(notes), quote=True)}">')


def _badge(mark: Mark) -> str:
    if not mark.badge:
        return ""
    colour = _colour(VERB_CLASS_COLOURS.get(mark.badge.split(", ")[0], OTHER_CLASS_COLOUR))
    return (f'<span class="badge" style="--b:{colour}" aria-hidden="true" '
            f'data-badge="{html.escape(mark.badge, quote=True)}"></span>')


def highlight(text: str, found: Iterable[Mark]) -> str:
    """The text as HTML with every mark a ``<mark>`` element, nested where marks nest and split where they cross.

    Each element carries its notes (its own, then those of the marks around it) in ``data-note``; empty
    marks are left out. Removing the tags and unescaping the result gives back ``text`` exactly.

    Raises:
        ValueError: When a mark lies outside the text.
    """
    pending = sorted((m for m in found if m.start < m.end), key=lambda m: (m.start, -m.end, m.rank, m.number))
    for mark in pending:
        if not 0 <= mark.start < mark.end <= len(text):
            raise ValueError(f"{mark.style} mark {mark.start}:{mark.end} is outside the text of {len(text)} characters")
    bounds = sorted({0, len(text), *(m.start for m in pending), *(m.end for m in pending)})
    out: list[str] = []
    stack: list[Mark] = []
    index, previous = 0, 0
    for position in bounds:
        out.append(html.escape(text[previous:position], quote=True))
        previous = position
        if any(m.end == position for m in stack):
            reopen = []
            while any(m.end == position for m in stack):
                closing = stack.pop()
                out.append("</mark>")
                if closing.end == position:
                    out.append(_badge(closing))
                else:
                    reopen.append(closing)
            for mark in reversed(reopen):
                out.append(_open_tag(mark, stack))
                stack.append(mark)
        while index < len(pending) and pending[index].start == position:
            out.append(_open_tag(pending[index], stack))
            stack.append(pending[index])
            index += 1
    return "".join(out)


def visible_text(markup: str) -> str:
    """The text a reader sees in :func:`highlight`'s output: tags removed, entities unescaped."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def _link(url: str) -> str:
    """An article's URL: a link if it is http(s), else plain text; escaped either way."""
    shown = html.escape(url, quote=True)
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in LINK_SCHEMES and not re.search(r"[\s\x00-\x1f\x7f]", url.strip()):
        return f'<a href="{shown}" rel="noopener noreferrer nofollow">{shown}</a>'
    return f'<span class="url">{shown}</span>'


def _records(articles) -> list[dict]:
    if isinstance(articles, pd.DataFrame):
        return articles.to_dict("records")
    if isinstance(articles, (Mapping, pd.Series)):
        return [dict(articles)]
    return [dict(a) for a in articles]


def _article_findings(record: Mapping, mentions: pd.DataFrame | None, topic: Topic) -> pd.DataFrame:
    if mentions is None:
        language = _text(record.get("language")) or None
        return findings(record["text"], topic=topic, language=None if language == "und" else language)
    article_id = _text(record.get("article_id"))
    if article_id and "article_id" in mentions and mentions["article_id"].notna().any():
        return mentions[mentions["article_id"] == article_id]
    return mentions   # the mentions of this one text (no article ids)


def _notes_list(found: list[Mark]) -> str:
    by_number: dict[int, list[Mark]] = {}
    for mark in found:
        by_number.setdefault(mark.number, []).append(mark)
    items = []
    for number in sorted(by_number):
        first = by_number[number][0]
        style = f' style="--c:{_colour(first.colour)};--t:{_rgba(first.colour, QUOTE_TINT)}"' if first.colour else ""
        items.append(f'<li value="{number}"><mark class="k-{first.style}"{style}>{html.escape(STYLES[first.style][0])}'
                     f'</mark> {html.escape(first.note)}</li>')
    return (f'<details class="notes"><summary>{len(by_number)} findings, in order</summary>'
            f'<ol>{"".join(items)}</ol></details>')


def article_html(article: Mapping, *, topic: Topic | str | None = None, mentions: pd.DataFrame | None = None) -> str:
    """One article as an HTML card: its title, outlet, date, URL and id, then its annotated text and notes.

    Args:
        article: An Article row (a mapping with ``text``; ``title``, ``outlet``, ``published``, ``url``,
            ``article_id`` and ``language`` are used where present).
        topic: The topic pack (its side and variant colours).
        mentions: The article's mentions (a mentions table; rows of other articles are ignored);
            default: :func:`findings` of its text.
    """
    return _card(article, topic=topic_module.load(topic), mentions=mentions)[0]


def _card(article: Mapping, *, topic: Topic, mentions: pd.DataFrame | None) -> tuple[str, list[Mark]]:
    """:func:`article_html` and the marks drawn in it."""
    text = str(article["text"])
    found = marks(_article_findings(article, mentions, topic), topic=topic)
    outlet = _text(article.get("outlet"))
    published = article.get("published")
    date = "" if published is None or pd.isna(published) else str(pd.Timestamp(published).date())
    facts = [html.escape(config.outlet_name(outlet)) if outlet else "", html.escape(date),
             _link(_text(article.get("url"))) if _text(article.get("url")) else "",
             f'<span class="id">{html.escape(_text(article.get("article_id")))}</span>'
             if _text(article.get("article_id")) else ""]
    title = _text(article.get("title")) or "(untitled)"
    border = _colour(config.outlet_colour(outlet)) if outlet else FALLBACK_COLOUR
    card = (f'<article class="card" style="--o:{border}"><header><h3>{html.escape(title)}</h3>'
            f'<p class="facts">{" · ".join(f for f in facts if f)}</p></header>'
            f'<div class="text">{highlight(text, found)}</div>{_notes_list(found)}</article>')
    return card, found


def legend(*, topic: Topic | str | None = None, styles: Iterable[str] | None = None,
           verb_classes: Iterable[str] = ()) -> str:
    """The legend: every style (or the given ones) with what it shows, the pack's side colours and the
    classes of reporting verbs (with the lexicon's description of each)."""
    topic = topic_module.load(topic)
    shown = [s for s in STYLES if styles is None or s in set(styles)]
    rows = [f'<li><mark class="k-{s}">{html.escape(STYLES[s][0])}</mark> {html.escape(STYLES[s][1])}</li>'
            for s in shown]
    sides = "".join(f'<li><mark class="k-quote" style="--c:{_colour(topic.side_colour(side))};'
                    f'--t:{_rgba(topic.side_colour(side), QUOTE_TINT * 2)}">{html.escape(topic.side_name(side))}'
                    f'</mark></li>' for side in topic.side_order)
    described = _verb_classes(topic)
    classes = "".join(
        f'<li><span class="badge" style="--b:{_colour(VERB_CLASS_COLOURS.get(c, OTHER_CLASS_COLOUR))}" '
        f'data-badge="{html.escape(c, quote=True)}"></span> {html.escape(described.get(c, ""))}</li>'
        for c in dict.fromkeys(verb_classes))
    parts = [f'<ul class="styles">{"".join(rows)}</ul>',
             f'<p>Sides (attributed content and sources):</p><ul class="sides">{sides}</ul>']
    if classes:
        parts.append(f'<p>Classes of the reporting cues shown here:</p><ul class="classes">{classes}</ul>')
    return ('<details class="legend" open><summary>Legend: hover over the text for the notes of every finding '
            f'there</summary>{"".join(parts)}</details>')


def _verb_classes(topic: Topic) -> dict[str, str]:
    from analysis.sourcing import lexicons

    return dict(lexicons.for_topic(topic).classes)


def fragment(articles, *, topic: Topic | str | None = None, mentions: pd.DataFrame | None = None,
             show_legend: bool = True) -> str:
    """One or more articles side by side, annotated, with a legend: HTML to embed (a notebook's
    ``IPython.display.HTML``); its CSS is scoped to its own ``div.ann``.

    Args:
        articles: An Article row (mapping or Series), a list of them, or an Article table.
        topic: The topic pack.
        mentions: A mentions table covering the articles (matched by ``article_id``); default: each
            article's :func:`findings`.
        show_legend: Put the legend above the articles.
    """
    topic = topic_module.load(topic)
    records = _records(articles)
    for record in records:
        if not isinstance(record.get("text"), str):
            raise CorpusError(f"article {record.get('article_id', '?')}: no text to annotate")
    made = [_card(record, topic=topic, mentions=mentions) for record in records]
    drawn = [mark for _, found in made for mark in found]
    used = {mark.style for mark in drawn}
    verb_classes = sorted({c for mark in drawn if mark.badge for c in mark.badge.split(", ")})
    top = legend(topic=topic, styles=[s for s in STYLES if s in used], verb_classes=verb_classes) if show_legend else ""
    cards = "".join(card for card, _ in made)
    return f'<div class="ann"><style>{_css()}</style>{top}<div class="grid">{cards}</div></div>'


def page(articles, *, topic: Topic | str | None = None, title: str | None = None,
         mentions: pd.DataFrame | None = None) -> str:
    """A self-contained HTML document of :func:`fragment` (inline CSS, no script, a CSP that allows none)."""
    records = _records(articles)
    title = title or "Annotated: " + " | ".join(_text(r.get("title")) or "(untitled)" for r in records)
    body = fragment(records, topic=topic, mentions=mentions)
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{html.escape(title)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n'
            f'<body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body>\n</html>\n')


def examples(articles: pd.DataFrame, found: pd.DataFrame, *, outlets: int = 2,
             max_words: int = EXAMPLE_MAX_WORDS) -> pd.DataFrame:
    """Articles worth annotating side by side: one per outlet, from the outlets with the most articles.

    From each outlet, the article with the most kinds of finding (family and kind: a naming variant, a
    label, a designation, a distancing cue ...), then the most findings, then the shortest; articles
    longer than ``max_words`` only where an outlet has no shorter one. Headline-only rows are left out
    where an outlet has full articles.

    Args:
        articles: An Article table.
        found: Their mentions (every family's; :func:`analysis.mentions.load`).
        outlets: How many outlets (and articles) to show.
        max_words: Preferred longest article, so that the view stays readable.

    Returns:
        The chosen Article rows, outlets in order of their number of articles (then slug).
    """
    if articles.empty:
        return articles
    kinds = found.assign(what=found["family"].astype(str) + ":" + found["kind"].astype(str)).groupby(
        "article_id").agg(kinds=("what", "nunique"), findings=("what", "size"))
    scored = articles.join(kinds, on="article_id").fillna({"kinds": 0, "findings": 0}).assign(
        long=lambda t: t["n_words"] > max_words,
        headline=lambda t: t["content_type"].eq("headline") if "content_type" in t else False)
    sizes = scored.groupby("outlet").size().rename("articles").reset_index()
    chosen_outlets = sizes.sort_values(["articles", "outlet"], ascending=[False, True])["outlet"].head(outlets)
    rows = []
    for outlet in chosen_outlets:
        candidates = scored[scored["outlet"] == outlet].sort_values(
            ["headline", "long", "kinds", "findings", "n_words", "article_id"],
            ascending=[True, True, False, False, True, True])
        rows.append(candidates.iloc[0])
    return pd.DataFrame(rows)[list(articles.columns)].reset_index(drop=True)


#: Columns of :func:`table_findings`.
FINDINGS_COLUMNS = ["article_id", "outlet", "style", "detail", "findings"]


def table_findings(found: pd.DataFrame) -> pd.DataFrame:
    """What an annotated view shows, counted: findings per article by style and detail.

    ``style`` is the highlight a finding gets (:data:`STYLES`; an attribution counts once, as ``cue``), and
    ``detail`` what tells findings of one style apart: a naming variant, a designation type, a reporting
    verb's class, else the finding's category.

    Args:
        found: A mentions table (every family's).

    Returns:
        Columns :data:`FINDINGS_COLUMNS`, sorted by article, then style in the order of :data:`STYLES`, then
        detail.
    """
    if found.empty:
        return pd.DataFrame(columns=FINDINGS_COLUMNS)
    sourcing = mentions_module.family_module("sourcing").FAMILY
    designation = mentions_module.family_module("designations").FAMILY
    style = [("cue" if family == sourcing else "designation" if family == designation
              else WORDING_STYLES.get(str(kind), "other")) for family, kind in zip(found["family"], found["kind"])]
    detail = [_text(verb_class) if family == sourcing else _text(kind_of) if family == designation
              else _text(variant) if s == "naming" else _text(category)
              for family, s, verb_class, kind_of, variant, category in
              zip(found["family"], style, found["verb_class"], found["designation"], found["variant"],
                  found["category"])]
    table = (found.assign(style=style, detail=[d or "unknown" for d in detail])
             .groupby(["article_id", "outlet", "style", "detail"], dropna=False).size().rename("findings")
             .reset_index())
    order = {name: rank for rank, name in enumerate(STYLES)}
    table = table.assign(rank=table["style"].map(order))
    return table.sort_values(["article_id", "rank", "detail"]).drop(columns="rank").reset_index(drop=True)[
        FINDINGS_COLUMNS]


def load_articles(paths: Iterable[str | Path]) -> pd.DataFrame:
    """The articles of text or HTML files (or anything :func:`analysis.corpus.load` reads), in order.

    Raises:
        CorpusError: When a path yields no article, with the reason it was skipped.
    """
    from analysis import corpus

    frames = []
    for path in paths:
        loaded = corpus.load(str(path), cache=False)
        if loaded.articles.empty:
            reasons = "; ".join(f"{r.source}: {r.reason}" for r in loaded.skipped.itertuples()) or "nothing read"
            raise CorpusError(f"{path}: no article to annotate ({reasons})")
        frames.append(loaded.articles)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["text"])


def write(sources, output: str | Path, *, topic: Topic | str | None = None, title: str | None = None,
          mentions: pd.DataFrame | None = None) -> Path:
    """Write :func:`page` of articles to ``output`` and return its path.

    Args:
        sources: Paths of text or HTML files, or articles (an Article table, rows, or a list of rows).
        output: The HTML file to write (its folder is created).
        topic: The topic pack.
        title: The page's title (default: the articles' titles).
        mentions: A mentions table covering the articles (default: extracted from each text).
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    if not isinstance(sources, pd.DataFrame) and all(isinstance(s, (str, Path)) for s in sources):
        sources = load_articles(sources)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page(sources, topic=topic, title=title, mentions=mentions), encoding="utf-8")
    return output


def _css() -> str:
    """The view's style sheet, every rule under ``.ann``."""
    return """
.ann{font:15px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2833}
.ann .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(24em,1fr));gap:1.2em;align-items:start}
.ann .card{border:1px solid #d5d8dc;border-top:5px solid var(--o,#95a5a6);border-radius:6px;padding:.8em 1em;
  min-width:0;background:#fff}
.ann .card h3{margin:.1em 0 .2em;font-size:1.1em;line-height:1.3}
.ann .facts{margin:0 0 .6em;color:#566573;font-size:.85em;overflow-wrap:anywhere}
.ann .facts .id,.ann .facts .url{font-family:ui-monospace,monospace}
.ann .text{white-space:pre-wrap;overflow-wrap:break-word}
.ann mark{background:none;color:inherit;position:relative;padding:0;border-radius:2px}
.ann mark.k-quote{background:var(--t,rgba(149,165,166,.16))}
.ann mark.k-source{border-bottom:2px solid var(--c,#95a5a6);font-weight:600}
.ann mark.k-cue{outline:1.5px solid var(--c,#5d6d7e);outline-offset:0;font-weight:600;background:#fff}
.ann mark.k-designation{background:#e8daef;box-shadow:inset 0 -2px 0 #6c3483}
.ann mark.k-entity{outline:1.5px dotted #6c3483;outline-offset:1px}
.ann mark.k-descriptor{background:#d6eaf8;box-shadow:inset 0 -2px 0 #2874a6}
.ann mark.k-label{background:#f5b7b1}
.ann mark.k-loaded{background:#fcf3cf;box-shadow:inset 0 -2px 0 #d4ac0d}
.ann mark.k-naming{border-bottom:3px solid var(--c,#95a5a6)}
.ann mark.k-hedge{text-decoration:underline wavy #ba4a00;text-decoration-skip-ink:none}
.ann mark.k-scare_quote{outline:1.5px dashed #7d3c98;outline-offset:1px}
.ann mark.k-other{background:#eaeded}
.ann .badge{font-size:.68em;vertical-align:super;line-height:1}
.ann .badge::after{content:attr(data-badge);color:#fff;background:var(--b,#5d6d7e);border-radius:3px;
  padding:0 .3em;margin-left:.15em;font-weight:600;white-space:nowrap}
.ann .text mark[data-note]:hover:not(:has(mark:hover)){cursor:help}
.ann .text mark[data-note]:hover:not(:has(mark:hover))::after{content:attr(data-note);position:absolute;left:0;
  top:100%;z-index:10;width:max-content;max-width:30em;white-space:pre-line;background:#1c2833;color:#fff;
  font:12.5px/1.45 system-ui,sans-serif;padding:.4em .6em;border-radius:4px;box-shadow:0 2px 8px rgba(0,0,0,.3)}
.ann .legend,.ann .notes{font-size:.85em;color:#34495e;margin:.4em 0 1em}
.ann .legend summary,.ann .notes summary{cursor:pointer;font-weight:600}
.ann .legend ul{list-style:none;padding-left:0;margin:.3em 0}
.ann .legend ul.sides li,.ann .legend ul.classes li{display:inline-block;margin-right:1em}
.ann .legend li{margin:.15em 0}
.ann .notes ol{padding-left:2.2em;margin:.3em 0}
.ann .notes li{margin:.1em 0}
"""
