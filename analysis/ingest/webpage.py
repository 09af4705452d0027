"""What article is on an HTML page?

trafilatura extracts the main text and the page's own metadata (URL, site name, title, date); a sidecar
(see :mod:`analysis.ingest.sidecar`) overrides what the page says.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from analysis import metadata
from analysis.errors import SkipItem
from analysis.ingest.model import ColumnMap, FileLog, RawArticle, ReadLog, ReadOptions
from analysis.ingest.records import map_record, with_options
from analysis.ingest.sidecar import sidecar_for
from analysis.textio import read_text

EXTENSIONS = {".html", ".htm", ".xhtml"}


def read_html(path: Path, *, label: str, options: ReadOptions, dataset: str, log: ReadLog,
              file_log: FileLog) -> Iterator[RawArticle]:
    """The main text of an HTML page as one article.

    Raises:
        SkipItem: When the file is not text or the page has no main text.
    """
    import trafilatura

    decoded = read_text(path, name=label)
    file_log.note_decoding(decoded)
    document = trafilatura.bare_extraction(
        decoded.text, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True}, deduplicate=True)
    if document is None or not (document.text or "").strip():
        raise SkipItem("no_main_text", f"{label}: no article text found in the HTML page")
    meta = sidecar_for(path, log=log, label=label)
    fields = map_record(meta, ColumnMap(), source=label) if meta else {}
    url = fields.get("url") or document.url
    outlet_name = fields.get("outlet")
    if not outlet_name and document.sitename:
        outlet_name = metadata.outlet_from_name(document.sitename)
    published_raw = fields.get("published_raw") or document.date
    fields.update(url=url, outlet=outlet_name, title=fields.get("title") or document.title,
                  published_raw=published_raw)
    yield RawArticle(body=document.text, source=label, file_name=path.name, dataset=dataset,
                     **with_options(fields, options, meta_from="html"))
