"""Which files are articles, and which reader reads each?

:func:`read_sources` walks the given files and folders in a fixed order and sets aside what is not an
article: hidden files, documentation and unsupported types are counted as skips; sidecars and brat
annotations are read with the files they describe. Every other file goes to the reader of its format
through :meth:`~analysis.ingest.model.ReadLog.read_file`, which opens regular files only (a named pipe, a
device, a dangling link or a link loop is a counted skip, see :func:`analysis.textio.open_regular`).

Folders passed over are counted too, each with its reason: hidden folders, folders that are symbolic links
(walked only with ``ReadOptions(follow_links=True)``, loops detected), and folders that cannot be listed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path

from analysis.errors import CorpusError
from analysis.ingest import jsondocs, tables, text, webpage
from analysis.ingest.brat import is_brat_folder, read_brat
from analysis.ingest.model import RawArticle, ReadLog, ReadOptions, label_base, source_label
from analysis.ingest.sidecar import is_sidecar, is_sidecar_table
from analysis.textio import printable

#: File names that are documentation rather than articles (read only when given explicitly).
NOT_ARTICLE_NAMES = re.compile(r"^(?:readme|license|licence|copying|changelog|notice|authors|contributing|"
                               r"requirements|manifest|index)(?:\.|$)", re.IGNORECASE)
#: Page names that mirrors (``wget -r``) give every article: ``slug/index.html`` is the article ``slug``.
PAGE_NAMES = re.compile(r"^index\.x?html?$", re.IGNORECASE)
#: Folders never walked into.
_SKIPPED_FOLDERS = {"__pycache__"}

#: The reader of each file extension.
READERS = {**{e: text.read_text_file for e in text.EXTENSIONS}, **{e: webpage.read_html for e in webpage.EXTENSIONS},
           **{e: tables.read_table for e in tables.EXTENSIONS}, **{e: jsondocs.read_json for e in jsondocs.EXTENSIONS}}


def read_sources(paths: Iterable[Path | str], *, options: ReadOptions | None = None, dataset: str = "",
                 log: ReadLog | None = None) -> Iterator[RawArticle]:
    """Read articles from files and folders, detecting each file's format.

    Args:
        paths: Files or folders (walked recursively).
        options: How to read them (column mapping, outlet, date formats).
        dataset: Name recorded with every article (e.g. the registry name).
        log: Receives per-file counts and skips; a new one is used when omitted.

    Yields:
        One :class:`~analysis.ingest.model.RawArticle` per article found.

    Raises:
        CorpusError: When a path does not exist.
    """
    options = options or ReadOptions()
    log = log if log is not None else ReadLog()
    for given in paths:
        path = Path(given).expanduser()
        if not path.exists():
            if path.is_symlink():
                raise CorpusError(f"{printable(str(path))}: a symbolic link to nothing (dangling or a loop)")
            raise CorpusError(f"{printable(str(path))}: no such file or folder")
        base = label_base(path)
        if path.is_dir():
            yield from _read_folder(path, base=base, options=options, dataset=dataset, log=log)
        else:
            yield from _read_file(path, base=base, options=options, dataset=dataset, log=log, explicit=True)


def _read_folder(folder: Path, *, base: Path, options: ReadOptions, dataset: str,
                 log: ReadLog) -> Iterator[RawArticle]:
    if is_brat_folder(folder):
        yield from read_brat(folder, base=base, options=options, dataset=dataset, log=log)
        return
    for root_path, files in walk_folder(folder, base=base, log=log, follow_links=options.follow_links):
        if is_brat_folder(root_path):
            yield from read_brat(root_path, base=base, options=options, dataset=dataset, log=log)
            continue
        for name in files:
            yield from _read_file(root_path / name, base=base, options=options, dataset=dataset, log=log,
                                  explicit=False)


def walk_folder(folder: Path, *, base: Path, log: ReadLog | None = None,
                follow_links: bool = False) -> Iterator[tuple[Path, list[str]]]:
    """The folders under ``folder`` (itself first, then depth first by name) with their file names, sorted.

    Hidden folders, ``__pycache__``, folders that are symbolic links (unless ``follow_links``), link loops
    and folders that cannot be listed are passed over, each counted in ``log`` with its reason. A brat
    folder is yielded without its subfolders (its reader walks them).

    Args:
        folder: Where to start.
        base: The folder that labels are relative to.
        log: Receives a skip per folder passed over (none when omitted).
        follow_links: Walk into linked folders; a link back to a folder already on the way is a loop.
    """
    def passed_over(path: Path, reason: str, why: str) -> None:
        if log is not None:
            label = source_label(path, base)
            log.skip(label + "/", reason, f"{label}/: {why}")

    seen = {os.path.realpath(folder)}

    def visit(path: Path) -> Iterator[tuple[Path, list[str]]]:
        try:
            with os.scandir(path) as entries:
                listing = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            passed_over(path, "unreadable_folder", f"folder cannot be listed ({error.strerror or error})")
            return
        files = []
        folders = []
        for entry in listing:
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                folders.append(entry)
            else:
                files.append(entry.name)  # every other entry (pipe, device, broken link) is refused by its reader
        yield path, files
        if is_brat_folder(path):
            return
        for entry in folders:
            sub = Path(entry.path)
            if entry.name.startswith(".") or entry.name in _SKIPPED_FOLDERS:
                passed_over(sub, "hidden_folder", "hidden folder passed over")
                continue
            if entry.is_symlink() and not follow_links:
                passed_over(sub, "linked_folder", "a symbolic link to a folder, passed over "
                            "(follow linked folders with --follow-links)")
                continue
            real = os.path.realpath(sub)
            if real in ancestors:
                passed_over(sub, "folder_loop", f"a link back to {printable(real)}, a folder it is inside")
                continue
            if real in seen:
                passed_over(sub, "folder_already_read", f"the same folder as {printable(real)}, already read")
                continue
            seen.add(real)
            ancestors.append(real)
            yield from visit(sub)
            ancestors.pop()

    ancestors: list[str] = [os.path.realpath(folder)]
    yield from visit(folder)


def _read_file(path: Path, *, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
               explicit: bool) -> Iterator[RawArticle]:
    label = source_label(path, base)
    suffix = path.suffix.lower()
    name = path.name
    if name.startswith("."):
        log.skip(label, "hidden_file", f"{label}: hidden file ignored")
        return
    if is_sidecar(name) and not explicit and (name.endswith(".meta.json") or is_sidecar_table(path)):
        return  # read together with the files it describes
    if suffix == ".ann":
        return  # brat annotations belong to their text file
    if NOT_ARTICLE_NAMES.match(name) and not explicit and not PAGE_NAMES.match(name):
        log.skip(label, "not_an_article", f"{label}: looks like documentation, not an article")
        return
    reader = READERS.get(suffix)
    if reader is None:
        log.skip(label, "unsupported_file_type",
                 f"{label}: files of type {suffix or '(none)'} are not read; supported: .txt, .html, .json, "
                 ".csv, .tsv, .jsonl, .parquet")
        return
    yield from log.read_file(label, suffix.lstrip("."),
                             partial(reader, path, label=label, options=options, dataset=dataset, log=log))
