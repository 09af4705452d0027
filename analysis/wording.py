"""Which words does each outlet choose? The wording family of mentions, and the tables behind its figures.

One pass over an article finds (``kind``):

* ``naming``: naming choices (Kiev/Kyiv, Artyomovsk/Bakhmut, "special military operation"/"invasion",
  "reunification"/"annexation"), with the ``variant`` each form stands for;
* ``label``: charged and delegitimising labels ("Kiev regime", "neo-Nazis", "orcs", "Kremlin mouthpiece")
  from the lexicon, and name calling found by the trained tagger;
* ``descriptor``: how an institution is described ("US-led military bloc", "collective West");
* ``hedge``: epistemic and distancing markers ("alleged", "so-called", "claims", "according to");
* ``scare_quote``: one to four words in quotation marks that quote no speaker (the "referendum");
* ``loaded``: emotionally charged wording found by the trained tagger (:mod:`analysis.tagger`).

Lexicons are data (``analysis/lexicons/*.yaml``, matched by :mod:`analysis.lexicon`); scare quotes are
judged by :mod:`analysis.scarequotes`. Where the tagger's span overlaps a lexicon label, the lexicon's
row is kept. The tables below turn the mentions table into naming shares, rates per 1,000 words and
distinctive terms, each with intervals over articles and an example sentence per row.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
from collections.abc import Mapping
from functools import cache

import numpy as np
import pandas as pd

from analysis import keyness, lexicon, scarequotes, stats
from analysis.config import PACKAGE
from analysis.figures import FigureSpec
from analysis.text import Sentences

FAMILY = "wording"
SCARE_QUOTE_RULES = "1"

#: Variants that stand for the Russian state's usage, for "share of Russian usage" summaries.
RUSSIAN_VARIANTS = ("russian", "official_russian")


def _version() -> str:
    digest = hashlib.sha256(SCARE_QUOTE_RULES.encode())
    for path in sorted((PACKAGE / "lexicons").glob("*.yaml")):
        digest.update(path.read_bytes())
    model = PACKAGE / "models"
    for path in sorted(model.glob("*")) if model.exists() else []:
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


VERSION = _version()


@cache
def _tagger():
    """The trained loaded-language tagger, or None where the package ships no model."""
    if importlib.util.find_spec("analysis.tagger") is None:
        return None
    return importlib.import_module("analysis.tagger")


def extract(text: str, *, language: str | None = None, sentences: Sentences | None = None) -> list[dict]:
    """Every wording finding in one article (see the module docstring). Pure: depends only on ``text``."""
    rows = [{"kind": m.entry.kind, "category": m.entry.category, "term": m.text, "canonical": m.entry.canonical,
             "variant": m.entry.variant, "start": m.start, "end": m.end, "detector": "lexicon"}
            for m in lexicon.default().find(text)]
    for quote in scarequotes.scare_quotes(text, sentences=sentences):
        inner = text[quote.inner_start:quote.inner_end]
        rows.append({"kind": "scare_quote", "category": "scare_quote", "term": inner,
                     "canonical": " ".join(inner.lower().split()), "start": quote.start, "end": quote.end,
                     "detector": "rule"})
    tagger = _tagger()
    if tagger is not None and (language in (None, "en")):
        charged = [(r["start"], r["end"]) for r in rows if r["kind"] in ("label", "loaded")]
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


def charged_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the lexicon's charged labels: the lexicon's part of the loaded-language output."""
    return [(m.start, m.end) for m in lexicon.default().find(text, kinds=("label",))]


# --- tables behind the figures ---------------------------------------------------------------------


def _example(mentions: pd.DataFrame) -> tuple[str, str]:
    """The first mention's sentence and article, to let a reader check a row."""
    if mentions.empty:
        return "", ""
    first = mentions.sort_values(["article_id", "start"]).iloc[0]
    return str(first["sentence"]), str(first["article_id"])


def table_naming_shares(mentions: pd.DataFrame, *, min_mentions: int = 5, draws: int = stats.DRAWS) -> pd.DataFrame:
    """Share of each naming variant per concept and outlet, with intervals over articles.

    Only concepts with competing forms in the lexicon are counted, and an outlet appears for a concept
    once it names the concept ``min_mentions`` times.

    Returns:
        concept, category, outlet, variant, mentions, articles, share, ci_low, ci_high, example,
        example_article.
    """
    columns = ["concept", "category", "outlet", "variant", "mentions", "articles", "share", "ci_low", "ci_high",
               "example", "example_article"]
    naming = mentions[(mentions["kind"] == "naming") & mentions["variant"].notna()]
    choices = _concepts_with_choices()
    naming = naming[naming["canonical"].isin(choices)]
    rows = []
    for (concept, outlet), part in naming.groupby(["canonical", "outlet"], sort=True):
        if len(part) < min_mentions:
            continue
        per_article = pd.crosstab(part["article_id"], part["variant"])
        totals = per_article.sum(axis=1).to_numpy()
        share, low, high = stats.ratio_intervals(per_article.to_numpy(), totals, draws=draws)
        for k, variant in enumerate(per_article.columns):
            chosen = part[part["variant"] == variant]
            example, article = _example(chosen)
            rows.append((concept, part["category"].iloc[0], outlet, variant, len(chosen),
                         int((per_article[variant] > 0).sum()), share[k], low[k], high[k], example, article))
    return pd.DataFrame(rows, columns=columns).sort_values(["concept", "outlet", "variant"]).reset_index(drop=True)


@cache
def _concepts_with_choices() -> frozenset[str]:
    variants: dict[str, set] = {}
    for entry in lexicon.default().entries:
        if entry.kind == "naming" and entry.variant:
            variants.setdefault(entry.canonical, set()).add(entry.variant)
    return frozenset(c for c, v in variants.items() if len(v) > 1)


def table_naming_over_time(mentions: pd.DataFrame, *, concepts: tuple[str, ...] = ("Kyiv", "the war"),
                           freq: str = "M", min_mentions: int = 10) -> pd.DataFrame:
    """Per concept, outlet and month: mentions of the concept and the share in the Russian state's usage.

    Returns:
        concept, outlet, period, mentions, russian_usage, share_russian_usage.
    """
    columns = ["concept", "outlet", "period", "mentions", "russian_usage", "share_russian_usage"]
    naming = mentions[(mentions["kind"] == "naming") & mentions["canonical"].isin(concepts)
                      & mentions["variant"].notna() & mentions["published"].notna()]
    if naming.empty:
        return pd.DataFrame(columns=columns)
    fmt = "%Y-%m" if freq == "M" else "%Y"
    naming = naming.assign(period=naming["published"].dt.strftime(fmt),
                           russian=naming["variant"].isin(RUSSIAN_VARIANTS))
    table = (naming.groupby(["canonical", "outlet", "period"])
             .agg(mentions=("russian", "size"), russian_usage=("russian", "sum")).reset_index()
             .rename(columns={"canonical": "concept"}))
    table = table[table["mentions"] >= min_mentions]
    table["share_russian_usage"] = table["russian_usage"] / table["mentions"]
    return table[columns].sort_values(["concept", "outlet", "period"]).reset_index(drop=True)


def table_category_rates(mentions: pd.DataFrame, articles: pd.DataFrame, *, draws: int = stats.DRAWS,
                         kinds: tuple[str, ...] = ("label", "descriptor", "hedge", "scare_quote", "loaded"),
                         min_articles: int = 20) -> pd.DataFrame:
    """Mentions per 1,000 words by outlet, content type, kind and category, with intervals over articles.

    Outlets with fewer than ``min_articles`` articles of a content type are left out of that type.

    Returns:
        outlet, content_type, kind, category, mentions, words, articles, rate_per_1000, ci_low, ci_high,
        example, example_article.
    """
    columns = ["outlet", "content_type", "kind", "category", "mentions", "words", "articles", "rate_per_1000",
               "ci_low", "ci_high", "example", "example_article"]
    chosen = mentions[mentions["kind"].isin(kinds)]
    if articles.empty:
        return pd.DataFrame(columns=columns)
    keys = chosen["kind"] + "/" + chosen["category"]
    counts = pd.crosstab(chosen["article_id"], keys)
    rows = []
    for (outlet, content_type), part in articles.groupby(["outlet", "content_type"], sort=True):
        if len(part) < min_articles or counts.empty:
            continue
        block = counts.reindex(part["article_id"], fill_value=0)
        rate, low, high = stats.ratio_intervals(block.to_numpy(), part["n_words"].to_numpy(), scale=1000,
                                                draws=draws)
        mine = chosen[chosen["article_id"].isin(set(part["article_id"]))]
        for k, key in enumerate(block.columns):
            kind, category = key.split("/", 1)
            example, article = _example(mine[(mine["kind"] == kind) & (mine["category"] == category)])
            rows.append((outlet, content_type, kind, category, int(block[key].sum()), int(part["n_words"].sum()),
                         len(part), rate[k], low[k], high[k], example, article))
    return pd.DataFrame(rows, columns=columns).sort_values(["content_type", "kind", "category", "outlet"]) \
        .reset_index(drop=True)


def table_distinctive_terms(articles: pd.DataFrame, *, top: int = 12, language: str = "en",
                            content_type: str = "article", min_articles: int = 20, draws: int = 200) -> pd.DataFrame:
    """The terms that most distinguish each outlet from the others (weighted log-odds, see
    :mod:`analysis.keyness`), for outlets with at least ``min_articles`` articles, with an example sentence.

    Returns:
        outlet, term, count, articles_with_term, rate_per_10k, delta, z, ci_low, ci_high, sign_share,
        example, example_article.
    """
    chosen = articles[(articles["language"] == language) & (articles["content_type"] == content_type)]
    sizes = chosen["outlet"].value_counts()
    chosen = chosen[chosen["outlet"].isin(sizes[sizes >= min_articles].index)]
    columns = ["outlet", "term", "count", "articles_with_term", "rate_per_10k", "delta", "z", "ci_low", "ci_high",
               "sign_share", "example", "example_article"]
    if chosen["outlet"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    table = keyness.distinctive_terms(chosen, top=top, draws=draws).rename(columns={"group": "outlet"})
    texts = dict(zip(chosen["article_id"], chosen["text"]))
    table["example"] = [_sentence_with(texts.get(a, ""), term) for a, term in
                        zip(table["example_article"], table["term"])]
    return table[columns]


def _sentence_with(text: str, term: str) -> str:
    found = keyness.kwic(pd.DataFrame({"outlet": ["x"], "article_id": ["x"], "text": [text]}), term, limit=1)
    if found.empty:
        return ""
    start = int(found["start"].iloc[0])
    sentences = Sentences.of(text)
    s_start, s_end = sentences.around(start, start + 1)
    return text[s_start:s_end]


def wording_articles(inputs) -> pd.DataFrame:
    """The articles the wording figures compare: English texts."""
    articles = inputs.corpus.articles
    return articles[articles["language"] == "en"]


def _mentions_of(inputs) -> pd.DataFrame:
    mentions = inputs.mentions("wording")
    english = set(wording_articles(inputs)["article_id"])
    return mentions[mentions["article_id"].isin(english)]


def _figures() -> list[FigureSpec]:
    from analysis import plots

    return [
        FigureSpec("naming_shares", "Naming choices: share of each variant by outlet",
                   lambda inputs: table_naming_shares(_mentions_of(inputs)), plots.fig_naming_shares,
                   "02-loaded-wording"),
        FigureSpec("naming_over_time", "Naming choices by month: share in the Russian state's usage",
                   lambda inputs: table_naming_over_time(_mentions_of(inputs)), plots.fig_naming_over_time,
                   "02-loaded-wording"),
        FigureSpec("wording_rates", "Labels, descriptors, hedges, scare quotes and loaded wording per 1,000 words",
                   lambda inputs: table_category_rates(_mentions_of(inputs), wording_articles(inputs)),
                   plots.fig_wording_rates, "02-loaded-wording"),
        FigureSpec("distinctive_terms", "Terms that distinguish each outlet (weighted log-odds)",
                   lambda inputs: table_distinctive_terms(wording_articles(inputs)), plots.fig_distinctive_terms,
                   "02-loaded-wording"),
    ]


FIGURES = _figures()


def evaluate_loaded_language() -> str:
    """Loaded-language span precision, recall and F1 on PTC 2020, cross-validated by article."""
    tagger = _tagger()
    if tagger is None:
        return "loaded_language: skipped (no tagger in this build)"
    if not tagger.ptc_dir().exists():
        return f"loaded_language: skipped ({tagger.ptc_dir()} is absent)"
    return "loaded_language: " + str(tagger.cross_validate(extra_spans=charged_spans))


EVALUATIONS = {"loaded_language": evaluate_loaded_language}


def naming_summary(shares: pd.DataFrame) -> pd.DataFrame:
    """One row per concept and outlet: the share of the Russian state's usage (wide, for reading)."""
    if shares.empty:
        return pd.DataFrame()
    russian = shares[shares["variant"].isin(RUSSIAN_VARIANTS)]
    wide = russian.groupby(["concept", "outlet"])["share"].sum().unstack("outlet")
    return wide.round(2).replace({np.nan: None})


def examples(mentions: pd.DataFrame, *, per_group: int = 3, by: tuple[str, ...] = ("kind", "category"),
             seed: int = 1) -> pd.DataFrame:
    """A few mentions per group with their sentence and article, for a reader to check."""
    columns = list(dict.fromkeys([*by, "outlet", "term", "sentence", "article_id", "start"]))
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    picked = mentions.sample(frac=1.0, random_state=seed).groupby(list(by)).head(per_group)
    return picked[columns].sort_values(list(dict.fromkeys([*by, "outlet"]))).reset_index(drop=True)


def counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per kind and category, by outlet (wide)."""
    if mentions.empty:
        return pd.DataFrame()
    return pd.crosstab([mentions["kind"], mentions["category"]], mentions["outlet"])
