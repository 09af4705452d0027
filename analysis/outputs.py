"""Where does a run's output go? Named places for the tables, figures and reports of a corpus and topic.

Only the default corpus under the default topic pack writes tracked files (``figures/``, the committed
figures); a run on a user's own corpus, or under another pack, writes to ignored folders, so it never
rewrites what is in git:

==============================================  ========================================================
what                                            where
==============================================  ========================================================
Article table                                   ``data/processed/<corpus>/articles.parquet``
one family's mentions                           ``data/processed/<corpus>/<topic>/mentions_<family>.parquet``
what produced them                              ``data/processed/<corpus>/<topic>/manifest.json``
figures (default corpus and pack)               ``figures/<name>.png`` beside ``figures/<name>.csv``
figures (any other corpus or pack)              ``reports/<corpus>/<topic>/figures/``
reports (default corpus and pack)               ``reports/NN-name.html`` and ``reports/index.html``
reports (any other corpus or pack)              ``reports/<corpus>/<topic>/NN-name.html`` and ``index.html``
==============================================  ========================================================

``<corpus>`` is a readable name of the corpus specification (:func:`corpus_name`: ``default``,
``seeds``, a folder's name). The named tables are plain Parquet files that pandas, R (arrow) or DuckDB
open without knowing any cache key; the manifest says which code, pack and inputs produced them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import cache, config
from analysis.topic import DEFAULT, Topic

PROCESSED = config.DATA / "processed"
DEFAULT_CORPUS = "default"
#: The Parquet metadata field of a named Article table that records the digest of its values.
DIGEST_FIELD = "analysis.digest"


def corpus_name(spec: str | Iterable[str]) -> str:
    """A readable, file-safe name of a corpus specification (``default``, ``seeds``, ``my-scrape``)."""
    parts = [spec] if isinstance(spec, str) else list(spec)
    names = []
    for part in (p.strip() for item in parts for p in str(item).split(",")):
        if not part:
            continue
        name = Path(part.rstrip("/")).name or part
        names.append(re.sub(r"[^\w.-]+", "_", name).strip("._") or "corpus")
    return "+".join(names) or "corpus"


def is_default(corpus: str, topic: Topic) -> bool:
    """Whether this is the default corpus under the shipped default pack (the run whose figures are tracked)."""
    return corpus_name(corpus) == DEFAULT_CORPUS and topic.reference == DEFAULT


def processed(corpus: str, topic: Topic | None = None) -> Path:
    """The folder of a corpus's named tables (and of one topic's, when given)."""
    folder = PROCESSED / corpus_name(corpus)
    return folder / topic.name if topic is not None else folder


def figures_folder(corpus: str, topic: Topic) -> Path:
    """Where ``make figures`` writes: ``figures/`` for the default run, else ``reports/<corpus>/<topic>/figures/``
    (ignored), beside the run's reports, so one folder holds everything a reader of that run needs."""
    return config.FIGURES if is_default(corpus, topic) else reports_folder(corpus, topic) / "figures"


def reports_folder(corpus: str, topic: Topic) -> Path:
    """Where ``make report`` writes: ``reports/`` for the default run, ``reports/<corpus>/<topic>/`` otherwise."""
    return config.REPORTS if is_default(corpus, topic) else config.REPORTS / corpus_name(corpus) / topic.name


def publish_articles(articles: pd.DataFrame, *, corpus: str, digest: str | None = None) -> Path:
    """Write the Article table to its named place. With ``digest`` (a digest of every value of the table), the
    file records it, and a file that already records it is left as it is: a cached rerun on 100,000 articles
    need not rewrite 400 MB."""
    path = processed(corpus) / "articles.parquet"
    if digest is not None and _recorded_digest(path) == digest:
        return path
    cache.write_frame(articles, path, metadata={DIGEST_FIELD: digest} if digest is not None else None)
    return path


def _recorded_digest(path: Path) -> str | None:
    """The digest a named table's Parquet metadata records, or None (no file, no digest, or not Parquet)."""
    try:
        metadata = pq.read_schema(path).metadata or {}
    except (OSError, pa.ArrowInvalid):
        return None
    value = metadata.get(DIGEST_FIELD.encode())
    return value.decode() if value is not None else None


def published_key(*, family: str, corpus: str, topic: Topic) -> str | None:
    """The key of the mentions of one family at their named place (from the manifest), or None when the file
    or its entry is missing."""
    folder = processed(corpus, topic)
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists() or not (folder / f"mentions_{family}.parquet").exists():
        return None
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    entry = manifest.get("families", {}).get(family) if isinstance(manifest, dict) else None
    return entry.get("cache_key") if isinstance(entry, dict) else None


def publish_mentions(mentions: pd.DataFrame, *, family: str, corpus: str, topic: Topic, key: str,
                     articles: int) -> Path:
    """Write one family's mentions to their named place and record what produced them in the manifest."""
    folder = processed(corpus, topic)
    path = folder / f"mentions_{family}.parquet"
    cache.write_frame(mentions, path)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    manifest.update({"corpus": corpus_name(corpus), "topic": topic.name, "topic_path": str(topic.path),
                     "topic_digest": topic.digest})
    manifest.setdefault("families", {})[family] = {
        "file": path.name, "rows": len(mentions), "articles": articles, "cache_key": key,
        "written": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "columns": "see data/README.md, 'Mentions table'",
    }
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
