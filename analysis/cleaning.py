"""Which part of a captured page is the article?

Text captured from the web carries the page around the article: navigation, captions and photo
credits, "READ MORE" teasers, related-story blocks, copyright and cookie notices. Cleaning keeps the
headline and the paragraphs and removes the rest, in four layers:

1. characters: Unicode NFC, mis-encoded apostrophes (``Ukraine´s``), odd spaces and invisible
   characters; curly quotes and dashes are kept as they are;
2. outlet furniture (``rules/outlets.yaml``): page templates of known outlets, e.g. the BBC's
   navigation, share bar and footer, which its bodies carry glued to the text without line breaks;
3. line rules (``rules/furniture.yaml``): lines that are never article text, wherever they stand,
   and trailer lines after which nothing belongs to the article;
4. learned boilerplate (:func:`learn_boilerplate`): short lines that repeat across many articles of
   one outlet in the corpus at hand.

Paragraphs glued together by a scraper (``...home.They fled``) are split apart, and hard-wrapped lines
are joined. The cleaned body has one paragraph per line, paragraphs separated by a blank line.

Layers 1-3 are a pure function of one article (:func:`clean_article`); layer 4 is fitted on a corpus
and applied per article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from analysis.config import RULES, Furniture, outlets, read_yaml
from analysis.errors import CorpusError
from analysis.text import abbreviations

#: Data files this module reads (they enter the cache key of every stage that imports it).
READS = ("rules/furniture.yaml",)

# --- rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineRules:
    """Generic line rules (``rules/furniture.yaml``)."""

    drop: tuple[tuple[str, re.Pattern, bool, str], ...]
    trailer: tuple[tuple[str, re.Pattern], ...]
    max_prelude_words: int
    max_line_words: int


def load_line_rules(path: Path = RULES / "furniture.yaml") -> LineRules:
    """Read and validate the generic furniture rules.

    Raises:
        CorpusError: Naming the file and rule when a rule is malformed.
    """
    data, _ = read_yaml(path, required=("drop_lines", "trailer_lines"))

    def compile_rule(name, pattern):
        try:
            return re.compile(pattern)
        except (re.error, TypeError) as error:
            raise CorpusError(f"{path}: rule {name!r}: invalid regular expression {pattern!r}: {error}") from None

    drop = []
    for name, rule in data["drop_lines"].items():
        any_length, contains = False, ""
        if isinstance(rule, dict):
            any_length = bool(rule.get("any_length", False))
            contains = str(rule.get("contains") or "")
            rule = rule.get("pattern")
        drop.append((name, compile_rule(name, rule), any_length, contains))
    trailer = tuple((name, compile_rule(name, rule)) for name, rule in data["trailer_lines"].items())
    return LineRules(drop=tuple(drop), trailer=trailer, max_prelude_words=int(data.get("max_prelude_words", 3)),
                     max_line_words=int(data.get("max_line_words", 60)))


@cache
def line_rules() -> LineRules:
    """The package's line rules (read once)."""
    return load_line_rules()


# --- 1. characters -------------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_LINE_SEPARATORS = re.compile(r"[\u2028\u2029\u0085\x0b\x0c]")
_ACUTE_OPENING = re.compile(r"(?:(?<=^)|(?<=[\s(\[“\"]))´(?=\w)")
_MULTISPACE = re.compile(r" {2,}")


def normalise_characters(text: str) -> str:
    """NFC, ``´`` used as an apostrophe or single quote, odd spaces and invisible characters.

    Curly quotes, guillemets and dashes are kept: they are evidence (scare quotes, quotations).
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _LINE_SEPARATORS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPACES.sub(" ", text)
    if "´" in text:
        text = _ACUTE_OPENING.sub("‘", text).replace("´", "’")
    return _MULTISPACE.sub(" ", text)


# --- 2. outlet furniture -------------------------------------------------------------------------


def clean_title(title: str | None, *, outlet: str | None) -> str | None:
    """A headline without site names, section names and timestamps appended by the page."""
    if not title:
        return None
    title = normalise_characters(title).replace("\n", " ").strip()
    profile = outlets().get(outlet)
    if profile:
        for pattern in profile.furniture.title_cleanup:
            title = pattern.sub("", title).strip()
        names = [profile.name, *profile.aliases]
        suffix = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        title = re.sub(rf"\s+[|–—-]\s+(?:{suffix})\s*$", "", title, flags=re.IGNORECASE).strip()
    return title or None


def strip_outlet_furniture(body: str, furniture: Furniture, *, title: str | None) -> tuple[str | None, str]:
    """Remove an outlet's page template from a body.

    Returns:
        The headline found in the page (or the given one) and the body without the template.
    """
    if furniture.title is not None:
        match = furniture.title.search(body)
        if match:
            title = title or match.group("title").strip()
    title_pattern = _loose_pattern(title) if furniture.repeats_title and title else None
    if title_pattern is not None:
        occurrences = list(title_pattern.finditer(body))
        if len(occurrences) >= 2:
            body = body[occurrences[1].end():]
        elif ends := [m.end() for p in furniture.header_end for m in p.finditer(body, 0, 4000)]:
            body = body[max(ends):]  # the page's headline differs from its title: cut after the header
    for _ in range(50):
        before = body
        body = body.lstrip(" \n.")
        if title_pattern is not None and (match := title_pattern.match(body)):
            body = body[match.end():]
        for pattern in furniture.leading:
            match = pattern.match(body)
            if match and match.end() > 0:
                body = body[match.end():]
        if body == before:
            break
    ends = [m.start() for p in furniture.trailing if (m := p.search(body, 1))]
    if ends:
        body = body[:min(ends)]
    for pattern in furniture.inline:
        body = pattern.sub(" ", body)
    return title, body


_QUOTE_LIKE = "‘’´'`\"“”"


def _loose_pattern(text: str) -> re.Pattern:
    """A pattern for ``text`` in which any quote mark matches any other (pages mix ´ ‘ ’ ')."""
    quotes = "[" + re.escape(_QUOTE_LIKE) + "]"
    return re.compile("".join(quotes if c in _QUOTE_LIKE else re.escape(c) for c in text))


# --- glued and wrapped paragraphs ---------------------------------------------------------------

_GLUED = re.compile(
    r"(?<=[a-zа-яё0-9%)\]\"”’»][.!?])(?=[A-ZА-ЯЁ“«‘])"       # ...home.They fled / ...2015.The / legacy".He
    r"|(?<=[.!?,][”»’])(?=[A-ZА-ЯЁ“«‘])"                      # ...,” she said.”Next / .”The
    r"|(?<=[.!?])(?=\"[A-ZА-ЯЁ])"                             # ..."The: a straight quote, see below
    r"|(?<=\])(?=[A-ZА-ЯЁ“«‘])"                               # [Courtesy of X]“So we decided
)
_WORD_BEFORE = re.compile(r"(\w+)[.!?]$")


def unglue(text: str) -> str:
    """Split paragraphs that a scraper glued together without a space (``home.They fled``).

    A straight quote between a full stop and a capital (``war."As``) may close the paragraph before
    or open the next one; the count of straight quotes in the paragraph so far decides.
    """
    if not _GLUED.search(text):
        return text
    pieces, last = [], 0
    for match in _GLUED.finditer(text):
        position = match.start()
        word = _WORD_BEFORE.search(text, max(0, position - 12), position)
        if word and word.group(1).lower() in abbreviations():
            continue
        if text.startswith('"', position) and text.count('"', last, position) % 2 == 1:
            position += 1  # the quote closes a quotation opened earlier in this paragraph
        pieces.append(text[last:position])
        last = position
    pieces.append(text[last:])
    return "\n".join(pieces)


_SENTENCE_END = re.compile(r"[.!?:;\"”»’)\]…]$")


def unwrap(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines: a line without closing punctuation followed by one starting in
    lower case continues the same paragraph."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and line and line[0].islower() and not _SENTENCE_END.search(out[-1]):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


# --- 3. line rules ------------------------------------------------------------------------------


def _words(line: str) -> int:
    return len(line.split())


def furniture_rule(line: str, rules: LineRules) -> str | None:
    """Name of the drop rule a line matches, or None if the line may be article text."""
    short = _words(line) <= rules.max_line_words
    for name, pattern, any_length, contains in rules.drop:
        if (short or any_length) and (not contains or contains in line) and pattern.search(line):
            return name
    return None


def _trailer_rule(line: str, rules: LineRules) -> str | None:
    for name, pattern in rules.trailer:
        if pattern.search(line):
            return name
    return None


def _same(a: str, b: str) -> bool:
    return _skeleton(a) == _skeleton(b)


def _skeleton(text: str) -> str:
    return re.sub(r"\W+", "", text.casefold())


@dataclass
class Cleaned:
    """One cleaned article.

    Attributes:
        title: The headline (given, or found in the page), None when there is none.
        title_from: Where the headline came from (``given``, ``page``, ``text``), None without one.
        body: Paragraphs without the headline, one per line, separated by blank lines.
        removed: How many lines or page elements each rule removed.
    """

    title: str | None
    title_from: str | None
    body: str
    removed: Counter = field(default_factory=Counter)


def clean_article(raw: str, *, outlet: str | None = None, title: str | None = None,
                  infer_title: bool = True) -> Cleaned:
    """Clean one captured article (layers 1-3; see the module docstring).

    Args:
        raw: The text as read.
        outlet: Canonical outlet slug, to apply that outlet's page template.
        title: The headline when the source states it; it is removed from the body where the page
            repeats it.
        infer_title: Take the first headline-like line as the title when none is given.

    Returns:
        The headline, the cleaned body and what was removed.
    """
    rules = line_rules()
    removed: Counter = Counter()
    text = normalise_characters(raw)
    given = clean_title(title, outlet=outlet)
    title_from = "given" if given else None
    profile = outlets().get(outlet)
    if profile is not None:
        found, stripped = strip_outlet_furniture(text, profile.furniture, title=given)
        if stripped != text:
            removed["outlet_template"] += 1
        text = stripped
        if found and not given:
            given, title_from = clean_title(found, outlet=outlet), "page"
    lines = unwrap([line.strip() for line in unglue(text).split("\n")])
    kept: list[str] = []
    for line in lines:
        if not line:
            continue
        rule = furniture_rule(line, rules)
        if rule:
            removed[rule] += 1
            continue
        if kept and (given or len(kept) > 1) and (trailer := _trailer_rule(line, rules)):
            removed[f"trailer:{trailer}"] += 1
            break
        kept.append(line)
    kept, title, title_from = _place_title(kept, given, title_from, rules=rules, infer=infer_title,
                                           removed=removed)
    return Cleaned(title=title, title_from=title_from, body="\n\n".join(kept), removed=removed)


def _is_headline(line: str) -> bool:
    """A line that can be a headline: 2 to 40 words, not ending like a sentence in running text."""
    return 2 <= _words(line) <= 40 and not line.endswith((".", ",", ";", ":"))


def _place_title(lines: list[str], title: str | None, title_from: str | None, *, rules: LineRules,
                 infer: bool, removed: Counter) -> tuple[list[str], str | None, str | None]:
    """Find the headline, drop breadcrumbs before it and every repeat of it in the body."""
    if title is None and infer:
        for index, line in enumerate(lines[:8]):
            if _words(line) <= rules.max_prelude_words and index + 1 < len(lines):
                continue  # a breadcrumb such as "All news" or "HomeWorld News"
            if _is_headline(line):
                title, title_from = line, "text"
            break
    if title is None:
        return lines, None, None
    for index, line in enumerate(lines[:8]):
        if _same(line, title):
            if all(_words(x) <= rules.max_prelude_words for x in lines[:index]):
                removed["prelude"] += index
                lines = lines[index:]
            break
    body = [x for x in lines if not _same(x, title)]
    removed["repeated_title"] += max(0, len(lines) - len(body) - 1)
    return body, title, title_from


def compose(title: str | None, body: str, *, include_title: bool = True) -> str:
    """The article text: the headline, a blank line, then the body."""
    if not include_title or not title:
        return body
    return f"{title}\n\n{body}" if body else title


# --- 4. learned boilerplate ----------------------------------------------------------------------


def learn_boilerplate(bodies: Mapping[str, Iterable[str]], *, min_articles: int = 20, min_share: float = 0.03,
                      min_count: int = 5, max_words: int = 20) -> dict[str, frozenset[str]]:
    """Short lines that repeat across many articles of one outlet.

    Counted over distinct articles (deduplicate first, or a repeated article makes all its lines look
    like boilerplate). Sentences of more than five words ending in a full stop are never boilerplate:
    an outlet's stock background sentence is framing worth measuring, not page furniture.

    Args:
        bodies: Cleaned bodies per outlet slug.
        min_articles: Outlets with fewer articles learn nothing.
        min_share: A line must appear in at least this share of the outlet's articles...
        min_count: ...and in at least this many of them.
        max_words: Only lines up to this many words can be boilerplate.

    Returns:
        For each outlet, the set of boilerplate lines.
    """
    learned: dict[str, frozenset[str]] = {}
    for outlet, texts in bodies.items():
        counts: Counter = Counter()
        total = 0
        for body in texts:
            total += 1
            counts.update({line for line in body.split("\n") if line and _could_be_boilerplate(line, max_words)})
        if total < min_articles:
            continue
        threshold = max(min_count, min_share * total)
        lines = frozenset(line for line, n in counts.items() if n >= threshold)
        if lines:
            learned[outlet] = lines
    return learned


def _could_be_boilerplate(line: str, max_words: int) -> bool:
    """Short lines that are not sentences of running text (a stock sentence is framing, not furniture)."""
    words = _words(line)
    return words <= max_words and not (words > 5 and line.endswith("."))


def remove_boilerplate(body: str, lines: frozenset[str]) -> tuple[str, int]:
    """A body without the given boilerplate lines, and how many lines were removed."""
    if not lines:
        return body, 0
    paragraphs = [p for p in body.split("\n\n") if p]
    kept = [p for p in paragraphs if p not in lines]
    return "\n\n".join(kept), len(paragraphs) - len(kept)


def learned_lines_table(learned: Mapping[str, frozenset[str]]) -> list[tuple[str, str]]:
    """(outlet, line) pairs, sorted, for reports."""
    return sorted((outlet, line) for outlet, lines in learned.items() for line in lines)


def group_by_outlet(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Collect (outlet, body) pairs into lists per outlet."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for outlet, body in pairs:
        grouped[outlet].append(body)
    return grouped
