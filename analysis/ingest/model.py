"""What do the readers produce?

The data every reader shares: :class:`ReadOptions` (how to read, with its :class:`ColumnMap`), one
:class:`RawArticle` per article, and the :class:`ReadLog` of every file read and every :class:`Skip`.
:meth:`ReadLog.read_file` is the one place each file's articles pass through on their way out, so a rule
that holds for every reader is written there once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analysis.errors import CorpusError, SkipItem
from analysis.textio import Decoded, printable

#: Longest article text accepted from one table row or file (characters).
MAX_ARTICLE_CHARS = 2_000_000
#: Largest table file read (bytes); bigger corpora belong in Parquet or several files.
MAX_TABLE_BYTES = 4 * 1024**3

#: Column names recognised in tables, first match wins (case-insensitive).
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "maintext", "full_text", "article_text", "story"),
    "title": ("title", "headline", "heading", "title_page"),
    "lead": ("desc", "description", "lead", "summary", "subtitle", "subheading", "standfirst"),
    "url": ("url", "link", "src", "href", "source_url", "uri", "article_url"),
    "published": ("published", "date", "date_publish", "publish_date", "pubdate", "publication_date",
                  "datetime", "published_at", "created_at", "time"),
    "outlet": ("outlet", "site", "source_domain", "publisher", "domain", "media", "newspaper", "source"),
    "language": ("language", "lang"),
    "event": ("event",),
    "id": ("id", "article_id", "doc_id"),
}


@dataclass(frozen=True)
class ColumnMap:
    """Which table column holds which field; ``None`` means look it up by name."""

    text: str | None = None
    title: str | None = None
    lead: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    event: str | None = None
    id: str | None = None

    @classmethod
    def parse(cls, pairs: Iterable[str] | Mapping[str, str] | None) -> ColumnMap:
        """Build from ``["text=article", "url=link"]`` or ``{"text": "article"}``.

        Raises:
            CorpusError: On an unknown field or a malformed pair.
        """
        if not pairs:
            return cls()
        items = pairs.items() if isinstance(pairs, Mapping) else (_split_pair(p) for p in pairs)
        values = {}
        for key, column in items:
            if key not in COLUMN_CANDIDATES:
                raise CorpusError(f"column mapping: unknown field {key!r}; fields are {sorted(COLUMN_CANDIDATES)}")
            values[key] = column
        return cls(**values)


def _split_pair(pair: str) -> tuple[str, str]:
    if "=" not in pair:
        raise CorpusError(f"column mapping {pair!r}: write FIELD=COLUMN, e.g. text=article")
    key, column = pair.split("=", 1)
    return key.strip(), column.strip()


@dataclass(frozen=True)
class ReadOptions:
    """How to read a source. Dataset registry entries and the CLI fill these in.

    Attributes:
        columns: Column mapping for tables.
        outlet: Outlet for every article of the source (overrides inference).
        date_formats: ``strptime`` formats tried before general date parsing.
        dayfirst: Read numeric dates day first (True) or month first (False); ``None`` decides per column
            (see :mod:`analysis.dateorder`).
        content_type: ``article`` for full texts, ``headline`` for headline/sub-heading rows;
            ``None`` decides per table (headline when it has no body column).
        encoding: Force a text encoding instead of detecting it.
        verbatim: Keep text exactly as decoded from the file (no line-ending normalisation or
            mojibake repair), so offsets match the file; used by ``extract --no-clean``.
        follow_links: Walk into folders that are symbolic links (loops are detected and counted);
            otherwise each linked folder is counted as passed over.
    """

    columns: ColumnMap = field(default_factory=ColumnMap)
    outlet: str | None = None
    date_formats: tuple[str, ...] = ()
    dayfirst: bool | None = None
    content_type: str | None = None
    encoding: str | None = None
    verbatim: bool = False
    follow_links: bool = False


@dataclass(frozen=True)
class RawArticle:
    """One article as read, before cleaning. ``source`` names the file and row."""

    body: str
    source: str
    file_name: str = ""
    dataset: str = ""
    outlet: str | None = None
    outlet_from: str | None = None
    url: str | None = None
    title: str | None = None
    lead: str | None = None
    published: date | None = None
    published_from: str | None = None
    published_text: str | None = None   # a numeric date as read, for the column's order (analysis.dateorder)
    published_column: str | None = None
    declared_language: str | None = None
    event: str | None = None
    source_id: str | None = None
    content_type: str = "article"


@dataclass(frozen=True)
class Skip:
    """One file or row that did not become an article, and why."""

    source: str
    reason: str
    detail: str


@dataclass
class FileLog:
    """What was read from one file."""

    source: str
    format: str
    encoding: str = ""
    items: int = 0
    skipped: int = 0
    repaired_bytes: int = 0
    replaced_bytes: int = 0

    def note_decoding(self, decoded: Decoded) -> None:
        """Record the encoding a file (or one block of it) was read in and how many bytes were repaired or
        replaced; a file read in blocks keeps the first encoding other than plain UTF-8."""
        if self.encoding in ("", "utf-8"):
            self.encoding = decoded.encoding
        self.repaired_bytes += decoded.repaired
        self.replaced_bytes += decoded.replaced


#: A reader of one file, given the :class:`FileLog` it reports to (the other arguments already bound).
FileReading = Callable[..., Iterator[RawArticle]]


@dataclass
class ReadLog:
    """Everything the readers saw: per-file counts and every skip with its reason."""

    files: list[FileLog] = field(default_factory=list)
    skips: list[Skip] = field(default_factory=list)
    #: The metadata tables of each folder read so far (see :mod:`analysis.ingest.sidecar`), so a broken
    #: sidecar row is counted once per reading and a changed sidecar is read again next time.
    sidecars: dict[Path, dict[str, dict]] = field(default_factory=dict)

    def skip(self, source: str, reason: str, detail: str, file_log: FileLog | None = None) -> None:
        """Record one file or row that did not become an article, counting it against its file."""
        self.skips.append(Skip(source, reason, detail))
        if file_log is not None:
            file_log.skipped += 1

    def read_file(self, source: str, file_format: str, read: FileReading) -> Iterator[RawArticle]:
        """Run the reader of one file: log the file, count each article, and count a skipped file.

        Every reader's articles pass through here, so a rule for every reader (a limit whose breach is a
        counted skip naming the reason, the file and the position) belongs here.

        Args:
            source: The file's label (see :func:`source_label`).
            file_format: The format recorded in the file's log (``csv``, ``brat``, ...).
            read: Called with ``file_log=`` the file's :class:`FileLog`; yields the file's articles and may
                raise :class:`~analysis.errors.SkipItem` to skip the rest of the file.

        Yields:
            The articles of the file.
        """
        file_log = FileLog(source=source, format=file_format)
        self.files.append(file_log)
        try:
            for article in read(file_log=file_log):
                if len(article.body) > MAX_ARTICLE_CHARS:   # tables check their rows; this holds for every reader
                    self.skip(article.source, "too_long", f"{article.source}: {len(article.body):,} characters is "
                              f"over the {MAX_ARTICLE_CHARS:,} limit for one article", file_log)
                    continue
                file_log.items += 1
                yield article
        except SkipItem as skip:
            self.skip(source, skip.reason, skip.detail, file_log)
        except (OSError, ValueError, UnicodeError, RecursionError, MemoryError) as error:
            # The last line of defence: a reader met something its own checks did not foresee. The rest of
            # the file is one counted skip that names the error, never a traceback that ends the run.
            message = printable(" ".join(str(error).split()))[:300]
            self.skip(source, "unreadable_file", f"{source}: {type(error).__name__}: {message}", file_log)


def label_base(path: Path) -> Path:
    """The folder that source labels are relative to: the parent of a given folder, or the
    grandparent of a given file (so labels keep the corpus folder name, e.g. ``seeds/rt.txt``)."""
    if path.is_dir():
        return Path(os.path.realpath(path)).parent
    return Path(os.path.realpath(path.parent)).parent  # a linked file is labelled by its link, not its target


def source_label(path: Path, base: Path, row: int | None = None) -> str:
    """``rt_thesis/soros-nato.csv:118``: the file relative to ``base`` and the 1-based row.

    A linked file keeps its own name (its folder is resolved, not the link), so a link loop or a dangling
    link still has a label; control characters and line breaks in names are escaped (see
    :func:`analysis.textio.printable`), so every message stays on one line.
    """
    try:
        name = (Path(os.path.realpath(path.parent)) / path.name).relative_to(base).as_posix()
    except ValueError:
        name = path.as_posix()
    name = printable(name)
    return f"{name}:{row}" if row is not None else name
