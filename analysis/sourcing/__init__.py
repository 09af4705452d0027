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
                    (well-known office holders spelled as in ``lexicons/sources.yaml``; null for an
                    unresolved pronoun)
``channel``         telegram, facebook, x_twitter, instagram, vk, youtube, tiktok, social_media,
                    interview:<Outlet>, interview, media:<Outlet>, press_conference, briefing,
                    video_address, statement, speech, or null (``lexicons/channels.yaml``)
``anonymous``       the source withholds a name; ``relayed``: a named source passes on unnamed ones
``source_type``     government, military, legislator, expert, media, activist, ordinary, document,
                    other, anonymous, unknown (``lexicons/sources.yaml``)
``side``            russia, ukraine, united_states, nato_eu, other, unknown
``detector``        the shape the attribution was read from (see :mod:`analysis.sourcing.attributions`)
==================  ===================================================================================

Extraction is rules and lexicons only (no model download): quotation pairing
(:mod:`analysis.sourcing.quotes`), cue and span reading (:mod:`analysis.sourcing.attributions`),
speaker resolution and description (:mod:`analysis.sourcing.speakers`). English and Russian are read;
texts detected as another language (Ukrainian, Arabic, Chinese, ...) are skipped explicitly and
give no rows, rather than rows read with the wrong grammar. Accuracy is measured by
``make evaluate`` (:mod:`analysis.sourcing.evaluation`); the figures' tables are built here.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import pandas as pd

from analysis import stats
from analysis.sourcing import attributions as reading
from analysis.sourcing import lexicons as vocabulary
from analysis.sourcing.quotes import Quotations
from analysis.sourcing.speakers import SpeakerResolver
from analysis.text import Sentences

FAMILY = "sourcing"
#: Throughput is measured on articles of this many words (``python -m analysis bench --family sourcing``).
BENCH_WORDS = 750
#: Languages read; others are skipped (no rows). None (unknown) is read as English and Russian.
LANGUAGES = ("en", "ru")


def _version() -> str:
    """The lexicons' version (the mentions cache also hashes every module of this package)."""
    return vocabulary.lexicons().version


VERSION = _version()
#: Characters either side of the source and cue searched for a channel ("wrote on Telegram on Saturday").
FRAME = 250
#: Fields of ``python -m analysis extract --family sourcing --jsonl`` (the CLI adds ``doc`` and ``family``).
JSON_FIELDS = ("cue", "source", "content", "speaker", "verb", "verb_class", "channel", "anonymous", "source_type",
               "side", "kind", "relayed")


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


def extract(text: str, *, language: str | None = None, sentences: Sentences | None = None) -> list[dict]:
    """Every attribution in one article, as mention rows (offsets into ``text``).

    Args:
        text: The article text.
        language: Its detected language; only English and Russian (or unknown) texts are read.
        sentences: Its sentence spans (computed when not given).
    """
    if language not in (None, "und", *LANGUAGES) or not text.strip():
        return []
    sentences = sentences if sentences is not None else Sentences.of(text)
    lexicons = vocabulary.lexicons()
    quotes = Quotations.of(text)
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
            "source_type": described.source_type, "side": described.side,
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
            "kind": row.get("kind"), "relayed": row.get("relayed")}


# ------------------------------------------------------------------------------------------ tables for figures

#: Sides in the order figures show them.
SIDE_ORDER = ("russia", "ukraine", "united_states", "nato_eu", "other", "unknown")
#: Verb classes the framing figure compares ("claimed" for one side, "stressed" for the other?).
FRAMING_CLASSES = ("distancing", "endorsing", "conceding", "accusing")
_EXAMPLE = ["example", "example_article"]


def _attributions(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions[mentions["family"] == FAMILY] if "family" in mentions else mentions


def shares(mentions: pd.DataFrame, *, by: list[str], column: str, values: Iterable[str] | None = None,
           draws: int = stats.DRAWS, seed: int = stats.SEED) -> pd.DataFrame:
    """Share of attributions taking each value of ``column`` within each group, with article-bootstrap intervals.

    Attributions cluster in articles (one article quoting one speaker ten times), so intervals come from
    resampling the group's *articles* (:func:`analysis.stats.ratio_intervals`, fixed seed).

    Args:
        mentions: Sourcing mention rows with ``article_id``, ``sentence``, ``start`` and the grouping columns.
        by: Grouping columns (``["outlet"]``, ``["outlet", "side"]``).
        column: The categorical column whose shares are estimated (``side``, ``channel``, ``verb_class``).
        values: Values to report (default: every value seen); missing values count as ``"none"``.

    Returns:
        One row per group and value: the group columns, ``value``, ``count``, ``attributions`` (in the group),
        ``articles``, ``share``, ``ci_low``, ``ci_high``, and an example sentence with its article.
    """
    columns = [*by, "value", "count", "attributions", "articles", "share", "ci_low", "ci_high", *_EXAMPLE]
    rows = _attributions(mentions)
    if rows.empty:
        return pd.DataFrame(columns=columns)
    rows = rows.assign(value=rows[column].astype("object").where(rows[column].notna(), "none").astype(str))
    wanted = list(values) if values is not None else sorted(rows["value"].unique())
    examples = (rows.sort_values(["article_id", "start"]).drop_duplicates([*by, "value"])
                .set_index([*by, "value"])[["sentence", "article_id"]])
    out = []
    for key, group in rows.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        counts = pd.crosstab(group["article_id"], group["value"]).reindex(columns=wanted, fill_value=0)
        totals = group.groupby("article_id").size().reindex(counts.index)
        estimate, low, high = stats.ratio_intervals(counts.to_numpy(), totals.to_numpy(), draws=draws, seed=seed)
        for i, value in enumerate(wanted):
            example = examples.loc[(*key, value)] if (*key, value) in examples.index else None
            out.append((*key, value, int(counts[value].sum()), len(group), counts.shape[0], estimate[i], low[i],
                        high[i], None if example is None else example["sentence"],
                        None if example is None else example["article_id"]))
    return pd.DataFrame(out, columns=columns).sort_values([*by, "value"], kind="stable").reset_index(drop=True)


def table_sides_types(mentions: pd.DataFrame) -> pd.DataFrame:
    """Who is quoted: the share of each outlet's attributions by speaker side and by source type.

    Returns:
        outlet, dimension (``side`` or ``source_type``), value, count, attributions, articles, share,
        ci_low, ci_high, example, example_article.
    """
    parts = [shares(mentions, by=["outlet"], column=dimension, values=values).assign(dimension=dimension)
             for dimension, values in (("side", SIDE_ORDER), ("source_type", vocabulary.SOURCE_TYPES))]
    table = pd.concat(parts, ignore_index=True)
    return table[["outlet", "dimension", *[c for c in table.columns if c not in ("outlet", "dimension")]]]


def table_channels(mentions: pd.DataFrame) -> pd.DataFrame:
    """Through which channel: the share of each outlet's attributions by channel.

    Outlet-specific channels are grouped (``interview:Politico`` -> ``interview``, ``media:TASS`` ->
    ``media``); ``none`` is an attribution whose channel the text does not state.

    Returns:
        outlet, value (channel), count, attributions, articles, share, ci_low, ci_high, example, example_article.
    """
    rows = _attributions(mentions)
    if not rows.empty:
        rows = rows.assign(channel=rows["channel"].astype("object").map(
            lambda c: c.split(":")[0] if isinstance(c, str) else None))
    return shares(rows, by=["outlet"], column="channel")


def table_anonymity(mentions: pd.DataFrame) -> pd.DataFrame:
    """How often each outlet relies on unnamed sources, and on named sources relaying unnamed ones.

    Returns:
        outlet, measure (``anonymous`` or ``relayed``), count, attributions, articles, share, ci_low,
        ci_high, example, example_article.
    """
    parts = []
    rows = _attributions(mentions)
    for measure in ("anonymous", "relayed"):
        flagged = rows.assign(flag=rows[measure].fillna(False).astype(bool).map({True: "yes", False: "no"}))
        part = shares(flagged, by=["outlet"], column="flag", values=["yes"])
        parts.append(part.drop(columns="value").assign(measure=measure))
    table = pd.concat(parts, ignore_index=True)
    order = ["outlet", "measure", "count", "attributions", "articles", "share", "ci_low", "ci_high", *_EXAMPLE]
    return table[order].sort_values(["outlet", "measure"], kind="stable").reset_index(drop=True)


def table_verbs_by_side(mentions: pd.DataFrame, *, sides: Iterable[str] = SIDE_ORDER[:4],
                        classes: Iterable[str] | None = None) -> pd.DataFrame:
    """How each outlet frames each side: the share of attributions to speakers of a side by verb class.

    Does an outlet write "claimed" for one side and "stressed" for the other? Within each outlet and
    speaker side, the share of attributions whose cue is distancing, endorsing, ... (all classes by
    default), with article-bootstrap intervals.

    Returns:
        outlet, side, value (verb class), count, attributions, articles, share, ci_low, ci_high, example,
        example_article.
    """
    rows = _attributions(mentions)
    rows = rows[rows["side"].isin(list(sides))] if not rows.empty else rows
    classes = list(classes) if classes is not None else list(vocabulary.lexicons().classes)
    return shares(rows, by=["outlet", "side"], column="verb_class", values=classes)


def examples(mentions: pd.DataFrame, *, per_outlet: int = 3, verb_class: str | None = None) -> pd.DataFrame:
    """A few attributions per outlet to read by eye: the first ones (by article and offset) with a named speaker.

    Args:
        mentions: Sourcing mention rows.
        per_outlet: Rows per outlet.
        verb_class: Only attributions of this class (``distancing``, ``endorsing``, ...).
    """
    columns = ["outlet", "speaker", "verb", "verb_class", "channel", "side", "source_type", "kind", "sentence"]
    rows = _attributions(mentions)
    if verb_class is not None:
        rows = rows[rows["verb_class"] == verb_class]
    rows = rows[rows["speaker"].notna()].sort_values(["outlet", "article_id", "start"], kind="stable")
    return rows.groupby("outlet", sort=True).head(per_outlet)[columns].reset_index(drop=True)


def _most_common(values: pd.Series):
    return values.mode().iloc[0]


def top_speakers(mentions: pd.DataFrame, *, per_outlet: int = 5) -> pd.DataFrame:
    """The most quoted speakers of each outlet: attributions, articles, side, type and their most common verb class.

    Returns:
        outlet, speaker, side, source_type, attributions, articles, top_class, distancing (share of the
        speaker's attributions with a distancing verb), sorted by outlet and attributions.
    """
    rows = _attributions(mentions)
    rows = rows[rows["speaker"].notna()]
    columns = ["outlet", "speaker", "side", "source_type", "attributions", "articles", "top_class", "distancing"]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    grouped = rows.groupby(["outlet", "speaker"], sort=True)
    most = _most_common
    table = grouped.agg(side=("side", most), source_type=("source_type", most), attributions=("start", "size"),
                        articles=("article_id", "nunique"), top_class=("verb_class", most),
                        distancing=("verb_class", lambda s: float((s == "distancing").mean()))).reset_index()
    table = table.sort_values(["outlet", "attributions", "speaker"], ascending=[True, False, True], kind="stable")
    return table.groupby("outlet", sort=True).head(per_outlet)[columns].reset_index(drop=True)


def _figures() -> list:
    from analysis import plots
    from analysis.figures import FigureSpec

    def of(table):
        return lambda inputs: table(inputs.mentions(FAMILY))

    return [
        FigureSpec("sourcing_sides_types", "Who is quoted: speaker side and source type by outlet",
                   of(table_sides_types), plots.fig_sourcing_sides_types, "04-sourcing"),
        FigureSpec("sourcing_channels", "Through which channel attributed statements reach each outlet",
                   of(table_channels), plots.fig_sourcing_channels, "04-sourcing"),
        FigureSpec("sourcing_anonymity", "Unnamed sources and relayed unnamed sources by outlet",
                   of(table_anonymity), plots.fig_sourcing_anonymity, "04-sourcing"),
        FigureSpec("sourcing_verbs_by_side", "Reporting-verb classes by outlet and speaker side",
                   of(table_verbs_by_side), plots.fig_sourcing_verbs_by_side, "04-sourcing"),
    ]


def evaluate_polnear() -> str:
    """``make evaluate``: attribution relations against PolNeAR (dev held out, train reported separately)."""
    from analysis.sourcing import evaluation

    return evaluation.evaluate_polnear()


def evaluate_ru() -> str:
    """``make evaluate``: the hand-labelled Russian and pro-Russian sentences."""
    from analysis.sourcing import evaluation

    return evaluation.evaluate_annotations()


def evaluate_written() -> str:
    """``make evaluate``: passages written and labelled by a colleague who had not read the rules."""
    from analysis.sourcing import evaluation

    return evaluation.evaluate_annotations(evaluation.WRITTEN, name="sourcing_written")


EVALUATIONS = {"sourcing_polnear": evaluate_polnear, "sourcing_ru": evaluate_ru, "sourcing_written": evaluate_written}


FIGURES = _figures()
