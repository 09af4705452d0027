"""How fast is the pipeline, and how much memory does it need?

``make bench`` (``python -m analysis bench``) loads a corpus without the cache in a fresh child
process per run, so that the peak resident memory of each run is measured on its own, and reports
wall time, items read per second, and the peak memory of the main process and of the largest worker
process (the per-article step runs on all cores). Speed goals live here, not in timed tests.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

_CHILD = """
import json, sys, time, resource
from analysis import corpus
start = time.perf_counter()
loaded = corpus.load(sys.argv[1], cache=False)
seconds = time.perf_counter() - start
account = loaded.accounting()
print(json.dumps({"seconds": seconds, "articles": account["articles"], "items_read": account["items_read"],
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
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

