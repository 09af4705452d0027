"""A minimal extraction family for testing the mentions framework (not part of the product)."""

import re

FAMILY = "wording"
_KIEV = re.compile(r"\bKiev\b")


def extract(text, *, topic=None, language=None, document=None):
    return [{"kind": "naming", "category": "place_naming", "term": m.group(), "canonical": "Kyiv",
             "start": m.start(), "end": m.end(), "detector": "lexicon"} for m in _KIEV.finditer(text)]


def json_record(row):
    return {key: row[key] for key in ("start", "end", "kind", "category", "term")}


def slow_on(marker: str):
    """An ``extract`` that never finishes on texts holding ``marker`` (a stand-in for a pathological article)
    and finds nothing elsewhere: for tests of the per-article time limit."""
    import time

    def extract(text, **_):
        while marker in text:
            time.sleep(0.05)
        return []
    return extract
