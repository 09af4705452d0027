"""Which outlet published an article, when, and under which headline?

Metadata comes from the strongest evidence available, and the table records which evidence was used:

* outlet: an explicit column or sidecar value, else the URL's domain, else the prefix of a one-article
  file named ``<outlet>_<date>_<slug>.txt`` when it is a registered outlet's slug (``bbc_2024-03-01_x.txt``),
  else a signature in the text (copyright line, dateline such as ``MOSCOW, December 5. /TASS/.``);
* date: an explicit column, else a date line or dateline with a year in the text, else the URL
  (``/2023/2/27/``, ``-2022-02-28/``), else the file name (``rt_2023-06-11_...``), else a dateline
  without a year completed with a year found in the page itself (a copyright line such as
  ``© 2023 BBC``). A date whose year cannot be established is left missing, never invented.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as dateparser

from analysis.config import OutletRegistry, outlets

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    # Russian month names in the genitive, as in datelines ("5 декабря")
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6, "июл": 7, "авг": 8,
    "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}
_MONTH = r"(?P<month>[A-Za-zА-Яа-яё]{3,10})\.?"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:,?\s+\d{1,2}:\d\d(?::\d\d)?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:GMT|UTC|MSK)[+-]?\d*)?)?"

#: Date-only lines at the top of a page: "11 Jun, 2023 14:51", "date 2023-06-11", "June 11, 2023".
DATE_LINE = re.compile(
    rf"^\s*(?:(?:date|published|updated|posted)[:\s]+)?(?:"
    rf"{_YEAR}-(?P<m2>\d\d)-(?P<d2>\d\d)"
    rf"|{_DAY}\s+{_MONTH},?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<month2>[A-Za-z]{{3,10}})\.?\s+(?P<day2>\d{{1,2}}),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"){_TIME}(?=\s|$)",
    re.IGNORECASE,
)
#: Datelines: "MOSCOW, December 5. /TASS/.", "LONDON, Feb 28 (Reuters) -", "Berlin, 5 March 2022 —".
DATELINE = re.compile(
    r"^(?P<place>[A-ZА-Я][A-Za-zА-Яа-яё'’.\- ]{1,40}),\s+(?:"
    r"(?P<month_a>[A-Za-zА-Яа-яё]{3,10})\.?\s+(?P<day_a>\d{1,2})"
    r"|(?P<day_b>\d{1,2})\s+(?P<month_b>[A-Za-zА-Яа-яё]{3,10})"
    r")(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*[.,]?\s*(?:/[A-ZА-Я]+/|\([A-Za-z]+\)|[—–-])",
    re.MULTILINE,
)
URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?:/|$)"
    r"|[-_/](?P<year2>(?:19|20)\d\d)-(?P<month2>\d\d)-(?P<day2>\d\d)(?:[/_.-]|$)"
    r"|/(?P<year3>(?:19|20)\d\d)(?P<month3>\d\d)(?P<day3>\d\d)(?:/|$)"
)
#: ``bbc_2024-03-01_slug.txt``: an outlet slug, then a date, at the start of a file name.
FILENAME_OUTLET = re.compile(r"^(?P<outlet>[A-Za-z0-9]+)[_-](?:19|20)\d\d[-_]?\d\d[-_]?\d\d(?!\d)")
FILENAME_DATE = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)[-_]?(?P<month>\d\d)[-_]?(?P<day>\d\d)(?!\d)")
COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:[^\n\d]{0,80}?)(?:\d{4}\s*[-–—]\s*)?(?P<year>(?:19|20)\d\d)",
                            re.IGNORECASE)
#: "Published1 January" / "Published 16 December 2022" on pages that omit the current year.
PUBLISHED_MARK = re.compile(rf"Published ?{_DAY} {_MONTH}(?: {_YEAR})?(?=\D|$)")


def month_number(name: str) -> int | None:
    """Month number of an English or Russian month name or abbreviation."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key[:4]) or MONTHS.get(key[:3])


def make_date(year, month, day) -> date | None:
    """A date from parts, or None if they do not make a valid date."""
    try:
        return date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def parse_date(value, *, formats: tuple[str, ...] = (), dayfirst: bool = False) -> date | None:
    """Parse a date from a metadata value; None when missing or not a full date with a year.

    Args:
        value: A string, date, datetime or pandas Timestamp.
        formats: ``strptime`` formats to try first (e.g. ``"%d %b, %Y"``).
        dayfirst: Read ``01/02/2022`` as 1 February rather than 2 January.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text or text.lower() in {"nan", "none", "null", "nat", "skipped", "n/a"}:
        return None
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if not re.search(r"(?:19|20)\d\d", text):
        return None  # no year: never invent one
    try:
        return dateparser.parse(text, dayfirst=dayfirst, fuzzy=False).date()
    except (ValueError, OverflowError, dateparser.ParserError):
        match = DATE_LINE.match(text)
        return _date_from_line(match) if match else None


def _date_from_line(match: re.Match) -> date | None:
    g = match.groupdict()
    if g.get("m2"):
        return make_date(g["year"], g["m2"], g["d2"])
    if g.get("y1"):
        return make_date(g["y1"], month_number(g["month"]) or 0, g["day"])
    if g.get("y2"):
        return make_date(g["y2"], month_number(g["month2"]) or 0, g["day2"])
    return None


def date_from_text(text: str, *, head_lines: int = 12) -> date | None:
    """A publication date stated in the first lines of a page (date line or dateline with a year)."""
    for line in text.split("\n", head_lines)[:head_lines]:
        match = DATE_LINE.match(line)
        if match and (found := _date_from_line(match)):
            return found
        match = DATELINE.match(line.strip())
        if match and match.group("year"):
            found = _date_from_dateline(match, int(match.group("year")))
            if found:
                return found
    return None


def _date_from_dateline(match: re.Match, year: int) -> date | None:
    month = match.group("month_a") or match.group("month_b")
    day = match.group("day_a") or match.group("day_b")
    number = month_number(month)
    return make_date(year, number, day) if number else None


def dateline_without_year(text: str, *, head_lines: int = 12) -> tuple[int, int] | None:
    """(month, day) of a dateline that gives no year, such as ``MOSCOW, December 5. /TASS/.``."""
    for line in text.split("\n", head_lines)[:head_lines]:
        match = DATELINE.match(line.strip())
        if match and not match.group("year"):
            month = month_number(match.group("month_a") or match.group("month_b"))
            if month:
                return month, int(match.group("day_a") or match.group("day_b"))
    return None


def page_year(text: str) -> int | None:
    """The year a page was captured in, from its copyright line (the last year of a range)."""
    years = [int(m.group("year")) for m in COPYRIGHT_YEAR.finditer(text)]
    return max(years) if years else None


def date_from_published_mark(text: str) -> date | None:
    """A date from a ``Published 1 January`` mark; the year, when omitted, is the page's year."""
    match = PUBLISHED_MARK.search(text)
    if not match:
        return None
    month = month_number(match.group("month"))
    year = match.group("year") or page_year(text)
    return make_date(year, month, match.group("day")) if month and year else None


def date_from_url(url: str | None) -> date | None:
    """A date embedded in a URL path (``/news/2023/2/27/...``, ``...-2022-02-28/``)."""
    if not url:
        return None
    match = URL_DATE.search(urlsplit(url).path)
    if not match:
        return None
    g = match.groupdict()
    for suffix in ("", "2", "3"):
        if g.get(f"year{suffix}"):
            return make_date(g[f"year{suffix}"], g[f"month{suffix}"], g[f"day{suffix}"])
    return None


def date_from_filename(name: str) -> date | None:
    """A date in a file name such as ``rt_2023-06-11_more-than-ten.txt``."""
    match = FILENAME_DATE.search(name)
    return make_date(match["year"], match["month"], match["day"]) if match else None


_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$")


# --- outlets -------------------------------------------------------------------------------------

def domain_of(url: str | None) -> str | None:
    """The lower-case host of a URL without ``www.``; accepts scheme-less URLs like ``tass.com/x``."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    return host.removeprefix("www.") if _HOST.match(host) else None


def outlet_from_domain(domain: str | None, *, registry: OutletRegistry | None = None) -> str | None:
    """Canonical slug of a domain, matching subdomains; unknown domains become their main label.

    ``en.news-front.info`` -> ``newsfront``; ``example.org`` -> ``example``.
    """
    if not domain:
        return None
    registry = registry or outlets()
    domain = domain.lower().removeprefix("www.")
    for outlet in registry.outlets.values():
        for known in outlet.domains:
            if domain == known or domain.endswith("." + known):
                return outlet.slug
    labels = [label for label in domain.split(".") if label]
    if len(labels) >= 2:
        return re.sub(r"[^a-z0-9]+", "", labels[-2]) or None
    return None


def outlet_from_name(name: str | None, *, registry: OutletRegistry | None = None) -> str | None:
    """Canonical slug for an outlet named in metadata (slug, alias, display name or domain)."""
    if not name or not isinstance(name, str) or not name.strip():
        return None
    registry = registry or outlets()
    key = name.strip().lower()
    if key in registry.outlets:
        return key
    for outlet in registry.outlets.values():
        if key == outlet.name.lower() or key in (a.lower() for a in outlet.aliases):
            return outlet.slug
    if "." in key and " " not in key:
        return outlet_from_domain(key, registry=registry)
    return re.sub(r"[^a-z0-9]+", "", key) or None


def outlet_from_filename(name: str | None, *, registry: OutletRegistry | None = None) -> str | None:
    """The outlet of a file named ``<outlet>_<date>_<slug>.txt`` when its prefix is a registered slug."""
    match = FILENAME_OUTLET.match(name or "")
    if not match:
        return None
    slug = match["outlet"].lower()
    return slug if slug in (registry or outlets()).outlets else None


def outlet_from_text(text: str, *, registry: OutletRegistry | None = None) -> str | None:
    """The outlet whose signature (copyright line, dateline) appears in the text, if exactly one does."""
    registry = registry or outlets()
    found = {outlet.slug for outlet in registry.outlets.values()
             if any(sig.search(text) for sig in outlet.signatures)}
    return found.pop() if len(found) == 1 else None


# --- URLs ---------------------------------------------------------------------------------------

_TRACKING = re.compile(r"^(?:utm_|fbclid$|gclid$|ocid$|ref$|cmpid$)")


def normalise_url(url: str | None) -> str | None:
    """A canonical form of a URL for identity: lower-case host without ``www.``, no fragment,
    no tracking parameters, collapsed slashes, no trailing slash, scheme-less."""
    if not url or not isinstance(url, str) or not url.strip():
        return None
    raw = url.strip()
    if "://" not in raw:
        raw = "http://" + raw
    host = domain_of(raw)
    if not host:
        return None
    parts = urlsplit(raw)
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    return urlunsplit(("", host, path, query, "")).lstrip("/")
