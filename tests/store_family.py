"""A family for testing the mentions store (not part of the product): finds the word Kiev like
``tests/fake_family.py``, and on request logs each article it extracts, raises, or kills its process.

Set by the tests through the environment, so that worker processes (forked or spawned by Dask) see it too:

* ``STORE_FAMILY_LOG``: a file; one line (the article's first word) is appended per extracted article;
* ``STORE_FAMILY_CRASH``: a marker file; while it exists, a text holding ``CRASH`` ends its process at once
  (``os._exit``), and the marker is removed first unless it contains ``always``;
* a text holding ``RAISE`` raises ``ValueError``.
"""

import os
import re
from pathlib import Path

FAMILY = "wording"
_KIEV = re.compile(r"\bKiev\b")


def extract(text, *, topic=None, language=None, document=None, tag=""):
    log = os.environ.get("STORE_FAMILY_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(tag + text.split()[0] + "\n")
    marker = Path(os.environ.get("STORE_FAMILY_CRASH", "/nonexistent"))
    if "CRASH" in text and marker.exists():
        if "always" not in marker.read_text():
            marker.unlink()
        os._exit(3)
    if "RAISE" in text:
        raise ValueError("a family that breaks on this text")
    return [{"kind": "naming", "category": "place_naming", "term": m.group(), "canonical": "Kyiv",
             "start": m.start(), "end": m.end(), "detector": "lexicon"} for m in _KIEV.finditer(text)]


def json_record(row):
    return {key: row[key] for key in ("start", "end", "kind", "category", "term")}
