"""Which articles' mentions are stored already, and how are the others extracted? The incremental mentions store.

Each family's mentions are kept per chunk of articles in Parquet, in a folder named by what produced them
(:func:`analysis.mentions.producer_key`: the family's code, data and libraries, and the topic pack)::

    <cache>/mentions/<family>-<producer>/chunk-<digest>.parquet

``<cache>`` is :data:`analysis.config.CACHE` (``data/cache``, or ``$ANALYSIS_CACHE``). A chunk file holds the
mention rows (:data:`analysis.mentions.MENTION_COLUMNS` plus ``article_key``) of a set of articles, and in its
Parquet schema metadata (key ``analysis.store``) the producer and the keys of *every* article it covers, those
without mentions too. An article's key (:func:`analysis.mentions.article_keys`) digests its id, outlet, date,
language and text. One file per chunk is written under a hidden temporary name and renamed, so a reader sees a
chunk whole or not at all, and its rows and the articles it covers can never disagree.

:func:`load` reads which article keys are done from the files' footers, extracts the missing articles of all
asked families in one pass per article (the families share each article's sentences and quotations), in chunks,
on one process, on all cores, or on a Dask cluster (``scheduler``); each worker writes its chunk files into
the store itself, so nothing but article texts and a summary crosses between processes. The rows asked for
are then read back with pyarrow (a dataset over the chunk files, filtered on ``article_key``). So adding
articles extracts only those; editing one family's lexicon re-extracts that family only; an interrupted run
keeps every chunk it finished.

Bad input: a chunk file that is truncated, unreadable (Parquet page checksums are written and verified), from
another producer or with another schema is deleted and its articles extracted again, never read as data. An
article over the time limit, or whose extraction raises, is not recorded as done (it is tried again on the
next run) and is reported by id and reason. A chunk whose worker dies is retried once (alone, so that it is
the one to blame), then its articles are reported (``worker_died``); other chunks' results are kept.

On a cluster: start ``dask-scheduler`` on one machine and ``dask-worker tcp://HOST:8786 --nthreads 1`` on each
of the others (one single-threaded worker per core: extraction is pure Python), each with this repository's
pinned requirements and this package installed from the same commit, the cache folder at the same path
(``ANALYSIS_CACHE`` on a shared file system), then run ``python -m analysis figures --scheduler
tcp://HOST:8786``. Each task reads its articles from a Parquet file the client writes into the store and
writes its chunk files there; a worker whose code, data or topic pack differ from the client's is detected
(its producer digest differs) and its articles are reported (``worker_code_differs``), never stored.
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import multiprocessing
import os
import sys
import time
import uuid
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from analysis import cache as cache_module
from analysis import config
from analysis import mentions as mentions_module
from analysis import topic as topic_module
from analysis.topic import Topic

#: The store's folder inside the cache folder.
FOLDER = "mentions"
#: Schema metadata key of a chunk file: JSON with ``producer``, ``family`` and ``articles`` (the keys covered).
META_KEY = b"analysis.store"
#: The column holding each row's article key.
KEY_COLUMN = "article_key"
#: Articles in one chunk at most: at ~500 articles a second per core a chunk is about half a second of work,
#: so writing its file and sending its texts (a few ms) cost about 1% (measured, see the report of issue 12).
CHUNK_ARTICLES = 256
#: Characters of text in one chunk at most (a chunk of long articles is cut earlier).
CHUNK_CHARACTERS = 2_000_000
#: Chunks per process at least, so that processes finish together; never fewer articles than MIN_CHUNK.
CHUNKS_PER_JOB = 4
MIN_CHUNK = 16
#: Times a chunk whose worker died is tried again before its articles are reported.
RETRIES = 1
#: Seconds before the progress bar appears (a shorter run shows none).
PROGRESS_DELAY = 2.0
#: Seconds after which a chunk's staging file is taken for the remains of a process that died while writing it.
STALE_SECONDS = 3600
#: Environment variable naming a Dask scheduler (``local`` starts a local cluster); ``--scheduler`` sets it.
SCHEDULER_ENV = "ANALYSIS_SCHEDULER"
#: Reasons an article is left out (besides :func:`analysis.mentions._extract_row`'s ``extraction_timeout``).
WORKER_DIED = "worker_died"
EXTRACTION_ERROR = "extraction_error"
WORKER_CODE = "worker_code_differs"


def _schema() -> pa.Schema:
    """The Arrow schema of a chunk file's rows (the mentions table's columns and types, and the article key)."""
    fields = []
    for column in mentions_module.MENTION_COLUMNS:
        if column in mentions_module._INT_COLUMNS:
            kind = pa.int64()
        elif column in mentions_module._BOOL_COLUMNS:
            kind = pa.bool_()
        elif column == "score":
            kind = pa.float64()
        elif column == "published":
            kind = pa.timestamp("ms")
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    return pa.schema(fields + [pa.field(KEY_COLUMN, pa.string())])


SCHEMA = _schema()
#: Arrow types read as pandas' nullable types (the mentions table's integer and boolean columns).
_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}


# ---- where things are --------------------------------------------------------------------------------------


def folder(family: str, producer: str, *, root: Path | None = None) -> Path:
    """The store folder of one family and producer (``<cache>/mentions/<family>-<producer>``)."""
    return (root or config.CACHE) / FOLDER / f"{family}-{producer}"


def _chunk_files(where: Path) -> list[Path]:
    """The chunk files of a store folder, by name; staging files older than :data:`STALE_SECONDS` (left by a
    process that died while writing) are deleted on the way."""
    if not where.is_dir():
        return []
    now = time.time()
    for staging in where.glob(".chunk-*"):
        try:
            if now - staging.stat().st_mtime > STALE_SECONDS:
                staging.unlink()
        except OSError:   # another process renamed or removed it
            continue
    return sorted(where.glob("chunk-*.parquet"))


def _metadata(path: Path, producer: str) -> list[str]:
    """The article keys a chunk file covers, after checking its footer, schema and producer.

    Raises:
        ValueError: When the file is not a complete chunk of this producer with the current schema.
    """
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowException) as error:
        raise ValueError(f"unreadable ({error})") from None
    meta = (schema.metadata or {}).get(META_KEY)
    if meta is None:
        raise ValueError("no store metadata")
    try:
        record = json.loads(meta)
    except ValueError:
        raise ValueError("malformed store metadata") from None
    if record.get("producer") != producer:
        raise ValueError(f"from another producer ({record.get('producer')})")
    if not schema.remove_metadata().equals(SCHEMA):
        raise ValueError("another schema")
    articles = record.get("articles")
    if not isinstance(articles, list):
        raise ValueError("no list of articles")
    return articles


@dataclass
class Stored:
    """What a store folder holds: article key -> the first chunk file (by name) covering it, and each valid
    chunk file's covered keys."""

    owners: dict[str, Path]
    covered: dict[Path, list[str]]


def scan(where: Path, producer: str) -> Stored:
    """Which article keys a store folder covers (from the chunk files' footers only).

    A chunk file that fails :func:`_metadata` is deleted (its articles count as missing), with a warning.
    """
    owners: dict[str, Path] = {}
    covered: dict[Path, list[str]] = {}
    for path in _chunk_files(where):
        try:
            covered[path] = _metadata(path, producer)
        except ValueError as problem:
            _discard(path, str(problem))
            continue
        for article in covered[path]:
            owners.setdefault(article, path)
    return Stored(owners, covered)


class StoreWarning(UserWarning):
    """A chunk file of the store was damaged or foreign and was deleted; its articles are extracted again."""


def _discard(path: Path, why: str) -> None:
    warnings.warn(f"{path}: {why}; deleted, its articles will be extracted again", StoreWarning, stacklevel=3)
    path.unlink(missing_ok=True)


def write_chunk(frame: pd.DataFrame, covered: Sequence[str], *, where: Path, producer: str, family: str) -> Path:
    """Write one chunk file: ``frame`` (mention rows with ``article_key``) and the keys of every article it
    covers, under a hidden name then renamed (readers never see half a file). The name digests the keys, so
    two processes storing the same chunk write the same file."""
    if KEY_COLUMN not in frame:   # no mentions at all
        frame = frame.assign(**{KEY_COLUMN: pd.Series([], dtype="string")})
    table = pa.Table.from_pandas(frame[SCHEMA.names], schema=SCHEMA, preserve_index=False)
    record = {"producer": producer, "family": family, "articles": list(covered)}
    table = table.replace_schema_metadata({META_KEY: json.dumps(record).encode()})
    name = hashlib.sha256("\0".join(sorted(covered)).encode()).hexdigest()[:24]
    path = where / f"chunk-{name}.parquet"
    where.mkdir(parents=True, exist_ok=True)
    staging = where / f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}"
    pq.write_table(table, staging, compression="zstd", write_page_checksum=True)
    os.replace(staging, path)
    return path


_FORMAT = ds.ParquetFileFormat(default_fragment_scan_options=ds.ParquetFragmentScanOptions(
    page_checksum_verification=True))


class _Damaged(Exception):
    """Some chunk files could not be read (they were deleted); the caller extracts their articles again."""


def read(stored: Stored, keys: Iterable[str], *, columns: Sequence[str] | None = None,
         where: pc.Expression | None = None) -> pa.Table:
    """The stored rows of the given article keys as an Arrow table, each article read from its owner file
    (:func:`scan`), with only ``columns`` (default: all) and the rows matching ``where`` (a pyarrow expression,
    such as ``pc.field("outlet") == "bbc"``).

    Raises:
        _Damaged: A file could not be read; it was deleted.
    """
    wanted = set(keys)
    by_file: dict[Path, list[str]] = {}
    for article in wanted:
        if article in stored.owners:
            by_file.setdefault(stored.owners[article], []).append(article)
    names = list(columns) if columns is not None else SCHEMA.names
    if KEY_COLUMN not in names:
        names = names + [KEY_COLUMN]
    if not by_file:
        return SCHEMA.empty_table().select(names)
    # The files are read in one scan (``where`` pushed down), then the rows of other articles are dropped in
    # memory (faster than a pushed-down filter on article keys); an article in two files (two runs stored it
    # at once) makes each file be read with a filter on the articles it owns.
    twice = sum(len(stored.covered[p]) for p in by_file) > len({a for p in by_file for a in stored.covered[p]})
    groups = [([p], by_file[p]) for p in by_file] if twice else [(list(by_file), [a for o in by_file.values()
                                                                                   for a in o])]
    pieces = []
    try:
        for paths, owned in groups:
            dataset = ds.dataset([str(p) for p in paths], schema=SCHEMA, format=_FORMAT)
            table = dataset.to_table(columns=names, filter=where)
            if sum(len(stored.covered[p]) for p in paths) > len(owned):
                table = table.filter(pc.is_in(table[KEY_COLUMN], value_set=pa.array(owned, pa.string())))
            pieces.append(table)
    except (OSError, pa.ArrowException):
        for path in by_file:
            try:
                pq.read_table(path, page_checksum_verification=True)
            except (OSError, pa.ArrowException) as error:
                _discard(path, f"unreadable ({error})")
        raise _Damaged from None
    return pa.concat_tables(pieces) if len(pieces) != 1 else pieces[0]


# ---- extraction in chunks -----------------------------------------------------------------------------------


@dataclass
class Chunk:
    """One task: some articles, and for each family (by module name) which of them it must extract and where
    its chunk file goes. Everything a worker needs travels in it (a Dask worker shares no registry with us):
    the articles themselves, or (``source``) the Parquet file and row group in the store that hold them."""

    articles: list[tuple]   # (key, article_id, outlet, published, language, text)
    families: dict[str, tuple[str, str, str, frozenset]]   # module -> (name, producer, folder, keys)
    topic: str   # a shipped pack's name, else its folder (:attr:`analysis.topic.Topic.reference`)
    time_limit: float | None
    ids: list[str] = field(default_factory=list)
    source: tuple[str, int] | None = None

    def article_ids(self) -> list[str]:
        return self.ids or [a[1] for a in self.articles]

    def records(self) -> list[tuple]:
        """The chunk's articles, read from ``source`` where they are not carried."""
        if self.source is None:
            return self.articles
        path, group = self.source
        table = pq.ParquetFile(path).read_row_group(group)
        return list(zip(*(table[name].to_pylist() for name in INPUT_COLUMNS)))


#: Columns of the file of articles a Dask run's tasks read their articles from (one row group per chunk).
INPUT_COLUMNS = ["article_key", "article_id", "outlet", "published", "language", "text"]


def write_inputs(articles: pd.DataFrame, keys: Sequence[str], parts: list[list[int]], path: Path) -> None:
    """Write the articles of each chunk (positions in ``articles``, whose keys are ``keys``) as one row group of a
    Parquet file (atomically). The texts go from the Article table's Arrow buffers to the file without becoming
    Python strings, so the client holds one copy of them however many chunks wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}")
    schema = pa.schema([(name, pa.string()) for name in INPUT_COLUMNS if name != "published"])
    schema = schema.insert(3, pa.field("published", pa.timestamp("ms")))
    published = pd.to_datetime(articles["published"], errors="coerce").astype("datetime64[ms]")
    columns = {name: pa.array(articles[name].astype("str").where(articles[name].notna(), None), pa.string())
               for name in ("article_id", "outlet", "language")}
    columns.update(article_key=pa.array(keys, pa.string()), published=pa.array(published, pa.timestamp("ms")),
                   text=pa.array(articles["text"], pa.string()))
    table = pa.table([columns[name] for name in schema.names], schema=schema)
    with pq.ParquetWriter(staging, schema, compression="zstd") as writer:
        for part in parts:
            writer.write_table(table.take(part), row_group_size=len(part))
    os.replace(staging, path)


@dataclass
class ChunkResult:
    """What a task reports back: the files it wrote and the articles it left out."""

    files: list[str] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)


def run_chunk(chunk: Chunk) -> ChunkResult:
    """Extract one chunk's articles (each article once for all the families that need it) and write one chunk
    file per family into the store; runs in whichever process or worker is given the task."""
    pack = mentions_module._worker_topic(chunk.topic)
    result = ChunkResult()
    usable = {}
    for module, (name, producer, where, keys) in chunk.families.items():
        if mentions_module.producer_key(module, pack) != producer:
            result.failures += [(a[1], WORKER_CODE, f"{a[1]}: this worker's {name} code, data or topic pack differ "
                                 "from the client's; install the same version on every worker") for a in
                                chunk.records() if a[0] in keys]
        else:
            usable[module] = (name, producer, where, keys)
    values = {module: mentions_module.family_module(module).FAMILY for module in usable}
    rows: dict[str, list[dict]] = {module: [] for module in usable}
    covered: dict[str, list[str]] = {module: [] for module in usable}
    for key, article_id, outlet, published, language, text in chunk.records():
        needed = [module for module, (_, _, _, keys) in usable.items() if key in keys]
        if not needed:
            continue
        try:
            found, failure = mentions_module._extract_row(
                (text, needed, pack, language, article_id, outlet, published, chunk.time_limit))
        except Exception as error:   # an article that breaks a family: reported, tried again next run
            found, failure = [], (article_id, EXTRACTION_ERROR, f"{article_id}: {type(error).__name__}: {error}")
        if failure is not None:
            result.failures.append(failure)
            continue
        for module in needed:
            covered[module].append(key)
            rows[module] += [{**row, KEY_COLUMN: key} for row in found if row["family"] == values[module]]
    for module, (name, producer, where, _) in usable.items():
        if covered[module]:
            frame = mentions_module.conform(pd.DataFrame(rows[module]), keep=[KEY_COLUMN])
            result.files.append(str(write_chunk(frame, covered[module], where=Path(where), producer=producer,
                                                family=name)))
    return result


def plan(sizes: Sequence[int], *, jobs: int) -> list[list[int]]:
    """Positions of articles (by text length) cut into chunks: at most :data:`CHUNK_ARTICLES` articles and
    :data:`CHUNK_CHARACTERS` characters, and at least :data:`CHUNKS_PER_JOB` chunks per process."""
    if not sizes:
        return []
    most = min(CHUNK_ARTICLES, max(MIN_CHUNK, math.ceil(len(sizes) / (max(jobs, 1) * CHUNKS_PER_JOB))))
    chunks: list[list[int]] = [[]]
    characters = 0
    for position, size in enumerate(sizes):
        if chunks[-1] and (len(chunks[-1]) >= most or characters + size > CHUNK_CHARACTERS):
            chunks.append([])
            characters = 0
        chunks[-1].append(position)
        characters += size
    return chunks


def _progress(total: int, enabled: bool | None):
    from tqdm import tqdm

    show = sys.stderr.isatty() if enabled is None else enabled
    return tqdm(total=total, unit="article", desc="extracting", file=sys.stderr, disable=not show,
                delay=PROGRESS_DELAY, smoothing=0.1)


def _died(chunk: Chunk, reason: str, detail: str) -> list[tuple[str, str, str]]:
    return [(article_id, reason, f"{article_id}: {detail}") for article_id in chunk.article_ids()]


def execute(chunks: list[Chunk], *, jobs: int = 1, scheduler: str | None = None,
            progress: bool | None = None) -> list[tuple[str, str, str]]:
    """Run the chunks (in this process, on ``jobs`` processes, or on a Dask scheduler); returns the articles
    left out as ``(article_id, reason, detail)``."""
    failures: list[tuple[str, str, str]] = []
    with _progress(sum(len(c.article_ids()) for c in chunks), progress) as bar:
        def done(chunk: Chunk, result: ChunkResult) -> None:
            failures.extend(result.failures)
            bar.update(len(chunk.article_ids()))

        if scheduler:
            _on_dask(chunks, scheduler=scheduler, jobs=jobs, done=done, failures=failures, bar=bar)
        elif jobs <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                done(chunk, run_chunk(chunk))
        else:
            _on_processes(chunks, jobs=jobs, done=done, failures=failures, bar=bar)
    return failures


_STATES = None   # in a pool's worker: the shared array of chunk states (0 queued, 1 running, 2 done)


def _track(states) -> None:
    global _STATES
    _STATES = states


def _tracked(index: int, chunk: Chunk) -> ChunkResult:
    """:func:`run_chunk`, marking in the pool's shared array when chunk ``index`` starts and ends."""
    _STATES[index] = 1
    result = run_chunk(chunk)
    _STATES[index] = 2
    return result


def _on_processes(chunks: list[Chunk], *, jobs: int, done, failures: list, bar) -> None:
    """All chunks on a pool of processes. When a worker dies the pool breaks: the chunks that were running
    then are tried again one at a time, each alone in a process (so a chunk that kills its worker again is the
    one to blame, and reported); the chunks that had not started go to a new pool."""
    queue = list(chunks)
    while queue:
        states = multiprocessing.Array("b", len(queue), lock=False)
        suspects: list[Chunk] = []
        requeue: list[Chunk] = []
        # Forked workers share the client's pages (the Article table, the interpreter's objects); a garbage
        # collection in a worker writes to every object it visits and so copies those pages into the worker.
        # Frozen objects are left alone by collections.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=min(jobs, len(queue)), initializer=_track,
                                     initargs=(states,)) as pool:
                pending = {pool.submit(_tracked, i, chunk): (i, chunk) for i, chunk in enumerate(queue)}
                while pending:
                    finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                    for future in finished:
                        index, chunk = pending.pop(future)
                        try:
                            done(chunk, future.result())
                        except BrokenProcessPool:
                            (suspects if states[index] == 1 else requeue).append(chunk)
        finally:
            gc.unfreeze()
        for chunk in suspects:
            _alone(chunk, done=done, failures=failures, bar=bar)
        queue = requeue


def _alone(chunk: Chunk, *, done, failures: list, bar) -> None:
    """Run a chunk whose worker died up to :data:`RETRIES` more times, alone in a new process; report its
    articles if it dies every time."""
    for _attempt in range(RETRIES):
        try:
            with ProcessPoolExecutor(max_workers=1) as alone:
                done(chunk, alone.submit(run_chunk, chunk).result())
            return
        except BrokenProcessPool:
            continue
    failures.extend(_died(chunk, WORKER_DIED, f"its worker process died {RETRIES + 1} times extracting its "
                                              f"chunk of {len(chunk.article_ids())} articles"))
    bar.update(len(chunk.article_ids()))


def local_cluster(workers: int):
    """A local Dask cluster of single-threaded worker processes, each given one task at a time
    (``distributed.scheduler.worker-saturation``), whose scheduler fails a task at its worker's first death
    (``allowed-failures`` 0), so that :func:`execute` retries it itself, alone."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0}):
        return LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=":0")


def _client(scheduler: str, *, jobs: int):
    """A Dask client: ``local`` starts :func:`local_cluster` of ``jobs`` workers; any other value is the
    address of a running scheduler."""
    from distributed import Client

    if scheduler == "local":
        cluster = local_cluster(jobs)
        return Client(cluster), cluster
    return Client(scheduler), None


def _on_dask(chunks: list[Chunk], *, scheduler: str, jobs: int, done, failures: list, bar) -> None:
    """All chunks as tasks of a Dask cluster; each worker writes its chunk files into the store, which must be a
    file system every worker shares with the client. A chunk whose task failed (its worker died, or it raised)
    is submitted again :data:`RETRIES` time(s) on its own, once every other chunk is done (so it runs alone on
    a worker and takes no other chunk down with it), then its articles are reported. A scheduler of one's own
    may first retry a task whose worker died itself (``distributed.scheduler.allowed-failures``, default 3)."""
    from distributed import as_completed

    client, cluster = _client(scheduler, jobs=jobs)
    try:
        futures = {client.submit(run_chunk, chunk, pure=False): chunk for chunk in chunks}
        again: list[Chunk] = []
        for future in as_completed(list(futures)):
            chunk = futures.pop(future)
            try:
                done(chunk, future.result())
            except Exception:   # KilledWorker, or a task that raised (an article's errors are caught inside)
                again.append(chunk)
            # Forget the task: its files are written, and a worker that dies later must not make the scheduler
            # compute a finished chunk again.
            future.release()
        for chunk in again:
            for attempt in range(RETRIES):
                future = client.submit(run_chunk, chunk, pure=False)
                try:
                    done(chunk, future.result())
                    break
                except Exception as error:
                    if attempt == RETRIES - 1:
                        reason = WORKER_DIED if type(error).__name__ == "KilledWorker" else EXTRACTION_ERROR
                        failures.extend(_died(chunk, reason, f"its chunk failed {RETRIES + 1} times on the cluster "
                                                             f"({type(error).__name__}: {str(error)[:200]})"))
                        bar.update(len(chunk.article_ids()))
                finally:
                    future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ---- pruning ------------------------------------------------------------------------------------------------


def current_producers(topics: Iterable[Topic | str] = ()) -> set[str]:
    """The producer keys this code gives each family under the shipped packs, ``$ANALYSIS_TOPIC``'s and
    ``topics``."""
    packs = {topic_module.load(p) for p in [*topic_module.available(), None, *topics]}
    return {mentions_module.producer_key(name, pack) for pack in packs for name in mentions_module.FAMILIES}


def prune(*, topics: Iterable[Topic | str] = (), root: Path | None = None,
          dry_run: bool = False) -> list[tuple[Path, int, str]]:
    """Delete the store folders no current producer writes (older code, data or packs: their chunks are never
    read again) and input files left by a run that died (older than :data:`STALE_SECONDS`).

    A pack outside ``analysis/topics/`` keeps its folders only when given in ``topics`` (or as
    ``$ANALYSIS_TOPIC``). Returns ``(path, bytes, reason)`` of each deletion (or, with ``dry_run``, that would
    be).
    """
    base = (root or config.CACHE) / FOLDER
    current = current_producers(topics)
    pruned = []
    for where in sorted(base.glob("*-*")) if base.is_dir() else []:
        family, _, producer = where.name.rpartition("-")
        if where.is_dir() and family in mentions_module.FAMILIES and producer not in current:
            pruned.append((where, cache_module.size(where), "written by other code, data or topic pack"))
    now = time.time()
    for left in sorted((base / "inputs").glob("*.parquet")) if (base / "inputs").is_dir() else []:
        if now - left.stat().st_mtime > STALE_SECONDS:
            pruned.append((left, left.stat().st_size, "input file of a run that died"))
    if not dry_run:
        for path, _size, _reason in pruned:
            cache_module.remove(path)
    return pruned


# ---- the public entry points --------------------------------------------------------------------------------


def default_scheduler() -> str | None:
    """The Dask scheduler named by ``$ANALYSIS_SCHEDULER`` (``local`` or an address), or None."""
    return os.environ.get(SCHEDULER_ENV, "").strip() or None


def update(articles: pd.DataFrame, families: Iterable[str] | None = None, *, topic: Topic | str | None = None,
           jobs: int | None = None, scheduler: str | None = None, progress: bool | None = None,
           time_limit: float | None = mentions_module.TIME_LIMIT, failures: list | None = None,
           summary: dict | None = None) -> dict[str, str]:
    """Extract the articles each family does not have in the store yet, and read nothing back: the run that brings
    the store up to date (``python -m analysis extract --store-only``; the bench's extraction stages).

    Arguments as :func:`load_families`. Returns family -> the key of its mentions of these articles.
    """
    run = _Run(articles, families, topic=topic)
    left_out: list[tuple[str, str, str]] = []
    run.extract(jobs=jobs, scheduler=scheduler, progress=progress, time_limit=time_limit, left_out=left_out,
                summary=summary)
    _report(left_out, failures, run.names)
    return run.keys()


def load_families(articles: pd.DataFrame, families: Iterable[str] | None = None, *, topic: Topic | str | None = None,
                  jobs: int | None = None, scheduler: str | None = None, progress: bool | None = None,
                  time_limit: float | None = mentions_module.TIME_LIMIT, failures: list | None = None,
                  columns: Sequence[str] | None = None, where: pc.Expression | None = None,
                  summary: dict | None = None) -> dict[str, tuple[pd.DataFrame, str]]:
    """Each family's mentions of an Article table and their key, extracting only the articles not yet stored.

    Args:
        articles: Rows with ``article_id``, ``outlet``, ``published``, ``language`` and ``text``.
        families: CLI names (default: every registered family).
        topic: The topic pack (default: the default pack).
        jobs: Processes, or workers of ``scheduler="local"`` (default:
            :func:`analysis.mentions.default_jobs` of the articles to extract).
        scheduler: A Dask scheduler's address, or ``local`` (default: ``$ANALYSIS_SCHEDULER``, else none).
        progress: Show a progress bar on standard error (default: when it is a terminal; runs under
            :data:`PROGRESS_DELAY` seconds show none).
        time_limit: Seconds one article may take (``None``: no limit; not enforced on Dask's worker threads).
        failures: Receives ``(article_id, reason, detail)`` of each article left out; without it, a
            :class:`analysis.mentions.ExtractionWarning` names them.
        columns: Read only these columns (default: the whole mentions table, typed and sorted as
            :func:`analysis.mentions.to_frame` returns it; with ``columns``, as stored and unsorted).
        where: Read only rows matching this pyarrow expression, pushed down into the Parquet scan
            (``(pc.field("outlet") == "bbc") & (pc.field("published") >= pd.Timestamp("2023-01-01"))``).
        summary: Receives ``extracted`` (articles extracted now, for one family or more) and ``stored`` (articles
            every family had in the store already).

    Returns:
        family -> (mentions table as :func:`analysis.mentions.to_frame` returns it, its key
        (:func:`analysis.mentions.cache_key`)).
    """
    tables = read_families(articles, families, topic=topic, jobs=jobs, scheduler=scheduler, progress=progress,
                           time_limit=time_limit, failures=failures, columns=columns, where=where, summary=summary)
    return {name: (_to_pandas(table, typed=columns is None), key) for name, (table, key) in tables.items()}


def read_families(articles: pd.DataFrame, families: Iterable[str] | None = None, *, topic: Topic | str | None = None,
                  jobs: int | None = None, scheduler: str | None = None, progress: bool | None = None,
                  time_limit: float | None = mentions_module.TIME_LIMIT, failures: list | None = None,
                  columns: Sequence[str] | None = None, where: pc.Expression | None = None,
                  summary: dict | None = None, ordered: bool = True) -> dict[str, tuple[pa.Table, str]]:
    """:func:`load_families` as Arrow tables, for callers that combine or aggregate them without pandas: sorted
    by :data:`analysis.mentions.SORT_ORDER` when ``ordered`` and no ``columns`` are given (a caller that combines
    families sorts once, after combining)."""
    run = _Run(articles, families, topic=topic)
    left_out: list[tuple[str, str, str]] = []
    for _round in range(3):   # a damaged file found while reading sends its articles round again
        owners = run.extract(jobs=jobs, scheduler=scheduler, progress=progress, time_limit=time_limit,
                             left_out=left_out, summary=summary if _round == 0 else None)
        try:
            tables = {name: read(owners[name], run.article_keys, columns=columns, where=where) for name in run.names}
            break
        except _Damaged:
            continue
    else:
        raise OSError(f"the mentions store in {config.CACHE / FOLDER} keeps failing to read")
    _report(left_out, failures, run.names)
    keys = run.keys()
    return {name: (_sorted(tables[name]) if ordered and columns is None else tables[name], keys[name])
            for name in run.names}


class _Run:
    """One run over the store: the articles, their keys, and each asked family's producer and folder."""

    def __init__(self, articles: pd.DataFrame, families: Iterable[str] | None, *, topic: Topic | str | None) -> None:
        self.articles = articles
        self.names = [mentions_module.family_name(f) for f in (families if families is not None else
                                                               mentions_module.FAMILIES)]
        self.pack = topic_module.load(topic)
        self.article_keys = mentions_module.article_keys(articles)
        self.producers = {name: mentions_module.producer_key(name, self.pack) for name in self.names}
        self.folders = {name: folder(name, self.producers[name]) for name in self.names}
        self.tried: set[str] = set()   # articles left out in this run are not tried twice

    def keys(self) -> dict[str, str]:
        return {name: mentions_module.combined_key(self.producers[name], self.article_keys) for name in self.names}

    def extract(self, *, jobs: int | None, scheduler: str | None, progress: bool | None,
                time_limit: float | None, left_out: list, summary: dict | None) -> dict[str, Stored]:
        """Extract the articles some family lacks, all lacking families in one pass per article; returns what
        each family's folder holds afterwards."""
        keys, articles = self.article_keys, self.articles
        owners = {name: scan(self.folders[name], self.producers[name]) for name in self.names}
        missing = {name: frozenset(k for k in keys if k not in owners[name].owners and k not in self.tried)
                   for name in self.names}
        todo = sorted({i for i, k in enumerate(keys) if any(k in m for m in missing.values())})
        if summary is not None:
            summary.update(extracted=len(todo), stored=len(keys) - len(todo))
        if not todo:
            return owners
        chosen = articles.iloc[todo]
        jobs_now = jobs if jobs is not None else mentions_module.default_jobs(len(todo))
        todo_keys = [keys[i] for i in todo]
        first: dict[str, int] = {}
        for position, key in enumerate(todo_keys):   # an article twice in the table is extracted once
            first.setdefault(key, position)
        unique = list(first.values())
        lengths = chosen["text"].str.len().to_numpy()
        parts = [[unique[p] for p in positions] for positions in plan([int(lengths[u]) for u in unique],
                                                                       jobs=jobs_now)]
        # Every task reads its articles from a Parquet file in the store (one row group per chunk): pool workers
        # and Dask workers alike, so that no chunk's texts wait in memory as Python strings.
        digest = mentions_module.combined_key(os.urandom(8).hex(), [todo_keys[u] for u in unique])
        inputs = config.CACHE / FOLDER / "inputs" / f"{digest}.parquet"
        write_inputs(chosen, todo_keys, parts, inputs)
        ids = chosen["article_id"].astype("str").tolist()
        tasks = []
        for number, part in enumerate(parts):
            covered = {todo_keys[p] for p in part}
            tasks.append(Chunk([], {mentions_module.FAMILIES[name]: (
                name, self.producers[name], str(self.folders[name]), missing[name] & covered)
                for name in self.names if missing[name] & covered}, self.pack.reference, time_limit,
                ids=[ids[p] for p in part], source=(str(inputs), number)))
        cluster = scheduler or default_scheduler()
        try:
            found = execute(tasks, jobs=jobs_now, scheduler=cluster, progress=progress)
        finally:
            inputs.unlink(missing_ok=True)
        left_out += found
        failed_ids = {f[0] for f in found}
        self.tried |= {k for k, a in zip(keys, articles["article_id"]) if a in failed_ids}
        return {name: scan(self.folders[name], self.producers[name]) for name in self.names}


def _sorted(table: pa.Table) -> pa.Table:
    """Rows in the mentions table's order (:data:`analysis.mentions.SORT_ORDER`, missing values first, ties in
    the order read), sorted in Arrow: no copy of the rows passes through Python objects."""
    return table.sort_by([(column, "ascending", "at_start") for column in mentions_module.SORT_ORDER])


def _to_pandas(table: pa.Table, *, typed: bool) -> pd.DataFrame:
    """An Arrow table read from the store as a pandas frame: with ``typed``, the whole mentions table typed as
    :func:`analysis.mentions.conform` types it (rows already in order)."""
    frame = table.to_pandas(types_mapper=_PANDAS_TYPES.get, self_destruct=True)
    frame = frame.drop(columns=[KEY_COLUMN], errors="ignore")
    return mentions_module.conform(frame, ordered=True) if typed else frame


def _report(left_out: list, failures: list | None, names: list[str]) -> None:
    if failures is not None:
        failures.extend(left_out)
    elif left_out:
        warnings.warn(f"{', '.join(names)}: {len(left_out)} article(s) left out of extraction, not stored (tried "
                      "again next run): " + "; ".join(detail for _, _, detail in left_out[:5]),
                      mentions_module.ExtractionWarning, stacklevel=3)


def load_family(articles: pd.DataFrame, family: str, *, topic: Topic | str | None = None, cache: bool = True,
                jobs: int | None = None, **options) -> tuple[pd.DataFrame, str]:
    """One family's mentions of an Article table and their key (:func:`load_families`; ``cache=False``
    extracts every article and stores nothing)."""
    name, pack = mentions_module.family_name(family), topic_module.load(topic)
    if not cache:
        found = mentions_module.extract_articles(articles, families=[name], topic=pack, jobs=jobs,
                                                 failures=options.get("failures"))
        return found, mentions_module.cache_key(name, articles, pack)
    return load_families(articles, [name], topic=pack, jobs=jobs, **options)[name]


def load(articles: pd.DataFrame, *, families: Iterable[str] | None = None, topic: Topic | str | None = None,
         cache: bool = True, jobs: int | None = None, **options) -> pd.DataFrame:
    """The mentions table of every family (or the given ones), sorted as one table (:func:`load_families`): the
    families are combined and sorted in Arrow and converted to pandas once."""
    names = list(families) if families is not None else list(mentions_module.FAMILIES)
    if not cache:
        return mentions_module.extract_articles(articles, families=names, topic=topic, jobs=jobs,
                                                failures=options.get("failures"))
    if options.get("columns") is not None:
        frames = [frame for frame, _ in load_families(articles, names, topic=topic, jobs=jobs, **options).values()]
        return pd.concat(frames, ignore_index=True) if len(frames) != 1 else frames[0]
    tables = [table for table, _ in read_families(articles, names, topic=topic, jobs=jobs, ordered=False,
                                                  **options).values()]
    combined = _sorted(pa.concat_tables(tables))   # stable: ties keep family order, then the order read
    del tables
    return _to_pandas(combined, typed=True)
