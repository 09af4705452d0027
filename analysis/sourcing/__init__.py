"""Who is quoted, with which verb, through which channel, and for which side?

The sourcing family of the mentions table (see :mod:`analysis.mentions`): one row per attribution
(``family = "sourcing"``), direct quotations, paraphrases and mixed forms alike, with

==================  ===================================================================================
``kind``            ``direct`` (the content is a quotation), ``mixed`` (it contains one), ``indirect``
``category``        the cue's class: neutral, distancing, endorsing, conceding, accusing, denying,
                    warning, directive, promising, questioning, praising, tentative, cognitive
                    (``lexicons/reporting_verbs.yaml``); ``verb_class`` repeats it
``term``            the cue as written ("has repeatedly stressed" -> ``stressed``); ``start``/``end``
                    and ``cue_start``/``cue_end`` are its span
``canonical``       the cue's lemma (``stress``, ``according to``, ``заявить``, ``:``); ``verb`` repeats it
``source_*``        the span of the source phrase as written ("he", "the lawmaker"), or null
``content_*``       the span of what is attributed, or null
``speaker``         the resolved source: "Igor Zhovkva, the deputy head of Vladimir Zelensky’s office"
                    (well-known office holders spelled as in the pack's ``sources.yaml``; null for an
                    unresolved pronoun)
``channel``         telegram, facebook, x_twitter, instagram, vk, youtube, tiktok, social_media,
                    interview:<Outlet>, interview, media:<Outlet>, press_conference, briefing,
                    video_address, statement, speech, or null (``lexicons/channels.yaml``)
``anonymous``       the source withholds a name; ``relayed``: a named source passes on unnamed ones
``source_type``     government, military, legislator, expert, media, activist, ordinary, document,
                    other, anonymous, unknown (``lexicons/sources.yaml``)
``side``            one of the topic pack's sides (``pack.yaml``), or ``unknown``
``side_reason``     why: ``role`` (the role or description names a country or institution: "UK Defence
                    Secretary", "a Western diplomat"), ``known_person`` (an office holder of the pack),
                    ``source_phrase``, ``name``, ``outlet_country``; or why it is ``unknown``:
                    ``no_source``, ``outlet_without_country``, ``person_not_in_pack``,
                    ``unresolved_reference``, ``description_without_side``
``detector``        the shape the attribution was read from (see :mod:`analysis.sourcing.attributions`)
==================  ===================================================================================

Extraction is rules and lexicons only (no model download): quotation pairing
(:mod:`analysis.quotes`), cue and span reading (:mod:`analysis.sourcing.attributions`),
speaker resolution and description (:mod:`analysis.sourcing.speakers`). English and Russian are read;
texts detected as another language (Ukrainian, Arabic, Chinese, ...) are skipped explicitly and
give no rows, rather than rows read with the wrong grammar. Accuracy is measured by
``make evaluate`` (:mod:`analysis.sourcing.evaluation`); the figures' tables are built in
:mod:`analysis.sourcing.tables`.
"""

from __future__ import annotations

import bisect

from analysis import topic as topic_module
from analysis.sourcing import attributions as reading
from analysis.sourcing.lexicons import for_topic
from analysis.sourcing.speakers import SpeakerResolver
from analysis.text import Document
from analysis.topic import Topic

FAMILY = "sourcing"
#: Throughput is measured on articles of this many words (``python -m analysis bench --family sourcing``).
BENCH_WORDS = 750
#: Languages read; others are skipped (no rows). None (unknown) is read as English and Russian.
LANGUAGES = ("en", "ru")

#: Characters either side of the source and cue searched for a channel ("wrote on Telegram on Saturday").
FRAME = 250
#: Fields of ``python -m analysis extract --family sourcing --jsonl`` (the CLI adds ``doc`` and ``family``).
JSON_FIELDS = ("cue", "source", "content", "speaker", "verb", "verb_class", "channel", "anonymous", "source_type",
               "side", "side_reason", "kind", "relayed")


def _frame(text: str, spans: list[tuple[int, int]], starts: list[int],
           attribution: reading.Attribution) -> str:
    """The attribution's sentence(s) around its source and cue (at most :data:`FRAME` characters either
    side), without its content."""
    start = min(attribution.cue_start, attribution.source[0] if attribution.source else attribution.cue_start)
    end = max(attribution.cue_end, attribution.source[1] if attribution.source else attribution.cue_end)
    first = bisect.bisect_right(starts, start) - 1
    last = bisect.bisect_right(starts, max(start, end - 1)) - 1
    s0 = spans[first][0] if first >= 0 else 0
    s1 = spans[last][1] if last >= 0 else len(text)
    s0, s1 = max(s0, start - FRAME), min(max(s1, end), end + FRAME)
    if attribution.content is None:
        return text[s0:s1]
    c0, c1 = attribution.content
    return f"{text[s0:max(s0, min(c0, s1))]} {text[min(s1, max(c1, s0)):s1]}"


def prepare(topic: Topic) -> None:
    """Compile the sourcing vocabulary of a pack (errors in its files raise here)."""
    for_topic(topic)


def extract(text: str, *, topic: Topic | None = None, language: str | None = None,
            document: Document | None = None) -> list[dict]:
    """Every attribution in one article, as mention rows (offsets into ``text``).

    Args:
        text: The article text.
        topic: The topic pack (sides, office holders; default: the default pack).
        language: Its detected language; only English and Russian (or unknown) texts are read.
        document: The article's shared :class:`~analysis.text.Document` (sentences computed once).
    """
    if language not in (None, "und", *LANGUAGES) or not text.strip():
        return []
    document = Document.of(text, language, document)
    sentences = document.sentences
    lexicons = for_topic(topic_module.load(topic))
    quotes = document.quotations
    resolver = SpeakerResolver(text, lexicons, quotes)
    attributions = reading.find(text, sentences=sentences, quotes=quotes, lexicons=lexicons)
    resolver.prepare(attributions)
    spans = list(sentences.spans)
    starts = [s for s, _ in spans]
    rows = []
    for attribution in attributions:
        content = text[attribution.content[0]:attribution.content[1]] if attribution.content else ""
        described = resolver.describe(attribution, _frame(text, spans, starts, attribution), content)
        source, body = attribution.source, attribution.content
        rows.append({
            "kind": described.kind, "category": attribution.cue.verb_class,
            "term": text[attribution.cue_start:attribution.cue_end], "canonical": attribution.cue.lemma,
            "start": attribution.cue_start, "end": attribution.cue_end, "detector": attribution.shape,
            "cue_start": attribution.cue_start, "cue_end": attribution.cue_end,
            "source_start": source[0] if source else None, "source_end": source[1] if source else None,
            "content_start": body[0] if body else None, "content_end": body[1] if body else None,
            "speaker": described.speaker, "verb": attribution.cue.lemma, "verb_class": attribution.cue.verb_class,
            "channel": described.channel, "anonymous": described.anonymous, "relayed": described.relayed,
            "source_type": described.source_type, "side": described.side, "side_reason": described.side_reason,
        })
    return rows


def _pair(row: dict, start: str, end: str) -> list[int] | None:
    return None if row.get(start) is None else [int(row[start]), int(row[end])]


def json_record(row: dict) -> dict:
    """The CLI's fields of one mention row: ``cue``, ``source`` and ``content`` as [start, end] (or null), ..."""
    return {"cue": _pair(row, "cue_start", "cue_end"), "source": _pair(row, "source_start", "source_end"),
            "content": _pair(row, "content_start", "content_end"), "speaker": row.get("speaker"),
            "verb": row.get("verb"), "verb_class": row.get("verb_class"), "channel": row.get("channel"),
            "anonymous": row.get("anonymous"), "source_type": row.get("source_type"), "side": row.get("side"),
            "side_reason": row.get("side_reason"), "kind": row.get("kind"), "relayed": row.get("relayed")}
