"""Which files are articles, and which reader reads each?

:func:`read_sources` walks the given files and folders in a fixed order and sets aside what is not an
article: hidden files, documentation and unsupported types are counted as skips; sidecars and brat
annotations are read with the files they describe. Every other file goes to the reader of its format
through :meth:`~analysis.ingest.model.ReadLog.read_file`.
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
from analysis.ingest.sidecar import is_sidecar

#: File names that are documentation rather than articles (read only when given explicitly).
NOT_ARTICLE_NAMES = re.compile(r"^(?:readme|license|licence|copying|changelog|notice|authors|contributing|"
                               r"requirements|manifest|index)(?:\.|$)", re.IGNORECASE)
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
            raise CorpusError(f"{path}: no such file or folder")
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
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        root_path = Path(root)
        if is_brat_folder(root_path):
            dirs.clear()
            yield from read_brat(root_path, base=base, options=options, dataset=dataset, log=log)
            continue
        hidden = [d for d in dirs if d.startswith(".") or d in _SKIPPED_FOLDERS]
        for d in hidden:
            dirs.remove(d)
        for name in sorted(files):
            yield from _read_file(root_path / name, base=base, options=options, dataset=dataset, log=log,
                                  explicit=False)


def _read_file(path: Path, *, base: Path, options: ReadOptions, dataset: str, log: ReadLog,
               explicit: bool) -> Iterator[RawArticle]:
    label = source_label(path, base)
    suffix = path.suffix.lower()
    name = path.name
    if name.startswith("."):
        log.skip(label, "hidden_file", f"{label}: hidden file ignored")
        return
    if is_sidecar(name):
        return  # read together with the files it describes
    if suffix == ".ann":
        return  # brat annotations belong to their text file
    if NOT_ARTICLE_NAMES.match(name) and not explicit:
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
