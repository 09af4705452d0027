"""Which words does each outlet choose? The wording family of mentions.

One pass over an article finds (``kind``):

* ``naming``: naming choices of the topic (for the default pack: Kiev/Kyiv, Artyomovsk/Bakhmut,
  "special military operation"/"invasion"), with the ``variant`` each form stands for;
* ``label``: charged and delegitimising labels from the pack's lexicon, and name calling found by the
  trained tagger;
* ``descriptor``: how an institution is described (the pack's descriptors);
* ``hedge``: epistemic and distancing markers ("alleged", "so-called", "claims", "according to");
* ``scare_quote``: one to four words in quotation marks that quote no speaker (the "referendum");
* ``loaded``: emotionally charged wording found by the trained tagger (:mod:`analysis.tagger`).

Lexicons are data (a topic pack's wording files and the package's generic hedges, matched by
:mod:`analysis.wording.lexicon`); scare quotes are judged by :mod:`analysis.wording.scarequotes`.
Where the tagger's span overlaps a lexicon label, the lexicon's row is kept. The tables behind the
figures are in :mod:`analysis.wording.tables`, distinctive terms in :mod:`analysis.wording.keyness`,
the measured accuracy in :mod:`analysis.wording.evaluation`.
"""

from __future__ import annotations

from collections.abc import Mapping

from analysis import tagger
from analysis import topic as topic_module
from analysis.text import Document
from analysis.topic import Topic
from analysis.wording import lexicon, scarequotes

FAMILY = "wording"
#: Kinds whose spans the tagger does not repeat (the lexicon's charged labels win).
CHARGED_KINDS = ("label", "loaded")


def prepare(topic: Topic) -> None:
    """Compile the pack's wording lexicons (a malformed or ambiguous lexicon raises here) and load the tagger."""
    lexicon.for_topic(topic)
    tagger.default_model()


def extract(text: str, *, topic: Topic | None = None, language: str | None = None,
            document: Document | None = None) -> list[dict]:
    """Every wording finding in one article (see the module docstring). Pure: depends only on the text and pack."""
    topic = topic_module.load(topic)
    document = Document.of(text, language, document)
    rows = [{"kind": m.entry.kind, "category": m.entry.category, "term": m.text, "canonical": m.entry.canonical,
             "variant": m.entry.variant, "start": m.start, "end": m.end, "detector": "lexicon"}
            for m in lexicon.for_topic(topic).find(text)]
    for quote in scarequotes.scare_quotes(text, sentences=document.sentences, quotations=document.quotations):
        inner = text[quote.inner_start:quote.inner_end]
        rows.append({"kind": "scare_quote", "category": "scare_quote", "term": inner,
                     "canonical": " ".join(inner.lower().split()), "start": quote.start, "end": quote.end,
                     "detector": "rule"})
    if language in (None, "en"):
        charged = [(r["start"], r["end"]) for r in rows if r["kind"] in CHARGED_KINDS]
        for span in tagger.predict_spans(text):
            if any(span.start < end and start < span.end for start, end in charged):
                continue
            term = text[span.start:span.end]
            rows.append({"kind": span.kind, "category": "loaded_language" if span.kind == "loaded" else "name_calling",
                         "term": term, "canonical": " ".join(term.lower().split()), "start": span.start,
                         "end": span.end, "detector": "tagger", "score": round(float(span.score), 4)})
    return rows


def json_record(row: Mapping) -> dict:
    """The fields of ``python -m analysis extract --family wording --jsonl`` (the CLI adds doc and family)."""
    record = {key: row.get(key) for key in ("start", "end", "kind", "category", "term", "canonical")}
    if row.get("variant") is not None:
        record["variant"] = row["variant"]
    return record


def charged_spans(text: str, *, topic: Topic | None = None) -> list[tuple[int, int]]:
    """Spans of the lexicon's charged labels: the lexicon's part of the loaded-language output."""
    return [(m.start, m.end) for m in lexicon.for_topic(topic_module.load(topic)).find(text, kinds=("label",))]
