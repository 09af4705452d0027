"""What articles are in a brat annotation folder?

The layout of PolNeAR: ``text/NAME.txt`` beside ``attributions/NAME_*.ann``, and a ``metadata.tsv`` (in
the folder or its parent) with ``filename``, ``publisher``, ``publication_date`` and ``title``. Each text
file is one article; the ``.ann`` files are not articles and are left to the evaluation code.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from analysis import metadata
from analysis.ingest.model import FileLog, RawArticle, ReadLog, ReadOptions, source_label
from analysis.ingest.records import with_options
from analysis.ingest.sidecar import read_sidecar_rows
from analysis.textio import read_text


def is_brat_folder(path: Path) -> bool:
    """A PolNeAR-style folder: ``text/*.txt`` beside ``attributions/*.ann``."""
    return (path / "text").is_dir() and (path / "attributions").is_dir()


def read_brat(folder: Path, *, base: Path, options: ReadOptions, dataset: str,
              log: ReadLog) -> Iterator[RawArticle]:
    """One article per ``text/*.txt`` of a brat folder, each file logged on its own (format ``brat``).

    Args:
        folder: The folder holding ``text/`` and ``attributions/``.
        base: The folder that source labels are relative to.
        options: How to read (outlet, date formats, verbatim).
        dataset: Name recorded with every article.
        log: Receives per-file counts and skips.
    """
    meta = _brat_metadata(folder, base=base, log=log)
    for path in sorted((folder / "text").glob("*.txt")):
        label = source_label(path, base)
        yield from log.read_file(label, "brat", partial(
            _read_brat_text, path, label=label, record=meta.get(path.stem, {}), options=options, dataset=dataset))


def _brat_metadata(folder: Path, *, base: Path, log: ReadLog) -> dict[str, dict]:
    for candidate in (folder / "metadata.tsv", folder.parent / "metadata.tsv", folder / "metadata.csv",
                      folder.parent / "metadata.csv"):
        if candidate.exists():
            rows = read_sidecar_rows(candidate, log=log, label=source_label(candidate, base))
            return {str(r.get("filename") or r.get("file") or ""): r for _, r in rows}
    return {}


def _read_brat_text(path: Path, *, label: str, record: dict, options: ReadOptions, dataset: str,
                    file_log: FileLog) -> Iterator[RawArticle]:
    decoded = read_text(path, verbatim=options.verbatim, name=label)
    file_log.note_decoding(decoded)
    fields: dict = {}
    if record:
        fields["outlet"] = metadata.outlet_from_name(record.get("publisher"))
        fields["title"] = record.get("title") or None
        fields["published_raw"] = record.get("publication_date") or None
    yield RawArticle(body=decoded.text, source=label, file_name=path.name, dataset=dataset,
                     **with_options(fields, options, meta_from="metadata"))
