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
