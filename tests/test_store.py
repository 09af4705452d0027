"""The incremental mentions store: only missing articles are extracted, families are stored apart, damaged
files are rebuilt, left-out articles are tried again, and one process, two, or a Dask cluster give the same rows."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from analysis import config, corpus, mentions, store, topic
from tests.fake_family import slow_on

FAMILIES = {"wording": "tests.store_family", "designations": "tests.store_family_b"}


@pytest.fixture
def family(monkeypatch, tmp_path):
    """Two test families (tests/store_family.py); returns a function giving (and clearing) the log of the
    articles they extracted, in whichever process."""
    monkeypatch.setattr(mentions, "FAMILIES", FAMILIES)
    log = tmp_path / "extracted.log"
    monkeypatch.setenv("STORE_FAMILY_LOG", str(log))
    monkeypatch.setenv("STORE_FAMILY_CRASH", str(tmp_path / "crash"))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(config.ROOT), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")

    def extracted() -> list[str]:
        lines = log.read_text(encoding="utf-8").split() if log.exists() else []
        log.unlink(missing_ok=True)
        return sorted(lines)
    return extracted


def articles(numbers, *, extra: dict | None = None) -> pd.DataFrame:
    """Articles ``a<n>``: even ones name Kiev twice, odd ones have no mention; ``extra`` adds words to some."""
    texts = [f"a{n} said Kiev was calm; Kiev agreed." if n % 2 == 0 else f"a{n} said nothing at all."
             for n in numbers]
    texts = [f"{t} {(extra or {}).get(n, '')}".strip() for n, t in zip(numbers, texts)]
    return pd.DataFrame({"article_id": [f"id-{n}" for n in numbers], "outlet": ["rt" if n % 3 else "tass"
                                                                                 for n in numbers],
                         "published": pd.to_datetime([f"2023-01-{1 + n % 28:02d}" for n in numbers]),
                         "language": "en", "text": texts})


def test_only_new_articles_are_extracted_and_articles_without_mentions_count_as_done(family):
    first = articles(range(40))
    table, key = mentions.load_family(first, "wording", jobs=1)
    assert family() == sorted(f"a{n}" for n in range(40))
    pd.testing.assert_frame_equal(table, mentions.extract_articles(first, families=["wording"], jobs=1))
    family()
    assert len(table) == 40 and set(table["article_id"]) == {f"id-{n}" for n in range(0, 40, 2)}
    again, same = mentions.load_family(first, "wording", jobs=1)
    assert family() == [] and same == key
    pd.testing.assert_frame_equal(again, table)

    grown = articles(range(44))
    bigger, grown_key = mentions.load_family(grown, "wording", jobs=1)
    assert family() == ["a40", "a41", "a42", "a43"]
    assert grown_key != key
    pd.testing.assert_frame_equal(bigger, mentions.extract_articles(grown, families=["wording"], jobs=1))
    family()
    # A selection reads only its own articles' rows.
    part, _ = mentions.load_family(grown.iloc[10:20], "wording", jobs=1)
    assert family() == [] and sorted(set(part["article_id"])) == [f"id-{n}" for n in range(10, 20, 2)]


def test_an_edited_text_or_date_is_extracted_again(family):
    mentions.load_family(articles(range(6)), "wording", jobs=1)
    family()
    edited = articles(range(6), extra={4: "Kiev again."})
    edited.loc[1, "published"] = pd.Timestamp("2024-05-05")
    table, _ = mentions.load_family(edited, "wording", jobs=1)
    assert family() == ["a1", "a4"]
    assert (table["article_id"] == "id-4").sum() == 3


def test_editing_one_family_re_extracts_that_family_only(family, monkeypatch):
    both = articles(range(20))
    mentions.load(both, jobs=1)
    assert family() == sorted([f"a{n}" for n in range(20)] + [f"b:a{n}" for n in range(20)])
    original = mentions.producer_key

    def edited(name, pack):   # as if the second family's lexicon had changed
        return original(name, pack) + ("-edited" if name in ("designations", FAMILIES["designations"]) else "")
    monkeypatch.setattr(mentions, "producer_key", edited)
    table = mentions.load(both, jobs=1)
    assert family() == sorted(f"b:a{n}" for n in range(20))
    assert sorted(table["family"].unique()) == ["designation", "wording"]


def _folder(name: str = "wording"):
    return store.folder(name, mentions.producer_key(name, topic.load()))


@pytest.mark.parametrize("damage", ["truncate", "flip", "foreign", "other_schema"])
def test_a_damaged_or_foreign_chunk_is_deleted_and_rebuilt_never_read(family, damage):
    numbers = range(40)
    expected, _ = mentions.load_family(articles(numbers), "wording", jobs=1)
    family()
    chunks = sorted(_folder().glob("chunk-*.parquet"))
    assert len(chunks) == 3   # 16, 16 and 8 articles
    path = chunks[1]
    covered = set(store.scan(_folder(), mentions.producer_key("wording", topic.load())).covered[path])
    in_chunk = [n for n, k in zip(numbers, mentions.article_keys(articles(numbers))) if k in covered]
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "flip":   # a byte inside the first column's data pages, footer intact
        middle = bytearray(data)
        for offset in range(8, 40):
            middle[offset] ^= 0xFF
        path.write_bytes(bytes(middle))
    elif damage == "foreign":   # a Parquet file of mentions without the store's metadata
        expected.to_parquet(path)
    else:   # the store's metadata, but a column missing (another version of the table)
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        pq.write_table(table.drop_columns(["side_reason"]).replace_schema_metadata(table.schema.metadata), path)
    with pytest.warns(store.StoreWarning, match="deleted"):
        found, _ = mentions.load_family(articles(numbers), "wording", jobs=1)
    assert family() == sorted(f"a{n}" for n in in_chunk) and len(in_chunk) in (8, 16)
    pd.testing.assert_frame_equal(found, expected)


def test_articles_over_the_time_limit_or_that_raise_are_reported_and_tried_again(family, monkeypatch):
    import tests.store_family as fake

    real = fake.extract
    monkeypatch.setattr(fake, "extract", lambda text, **kw: slow_on("STUCK")(text) or real(text, **kw))
    given = articles(range(6), extra={2: "STUCK", 3: "RAISE"})
    failures: list = []
    table, _ = mentions.load_family(given, "wording", jobs=1, time_limit=0.3, failures=failures)
    assert sorted((a, reason) for a, reason, _ in failures) == [("id-2", "extraction_timeout"),
                                                                ("id-3", store.EXTRACTION_ERROR)]
    assert "ValueError" in dict((a, d) for a, _, d in failures)["id-3"]
    assert set(table["article_id"]) == {"id-0", "id-4"}
    family()
    monkeypatch.setattr(fake, "extract", real)
    with pytest.warns(mentions.ExtractionWarning, match="id-3"):   # still raises: reported again
        table, _ = mentions.load_family(given, "wording", jobs=1)
    assert family() == ["a2", "a3"]   # only the two left out are tried again
    assert set(table["article_id"]) == {"id-0", "id-2", "id-4"}


def test_a_worker_that_dies_once_is_retried_and_nothing_is_lost(family, tmp_path):
    (tmp_path / "crash").write_text("once")
    given = articles(range(80), extra={33: "CRASH"})
    failures: list = []
    table, _ = mentions.load_family(given, "wording", jobs=2, failures=failures)
    assert failures == [] and not (tmp_path / "crash").exists()
    pd.testing.assert_frame_equal(table, mentions.extract_articles(given, families=["wording"], jobs=1))


def test_a_worker_that_always_dies_loses_only_its_chunk_and_a_rerun_completes(family, tmp_path):
    (tmp_path / "crash").write_text("always")
    given = articles(range(80), extra={33: "CRASH"})
    failures: list = []
    table, _ = mentions.load_family(given, "wording", jobs=2, failures=failures)
    reported = {a for a, reason, _ in failures if reason == store.WORKER_DIED}
    assert "id-33" in reported and len(reported) == len(failures) == store.MIN_CHUNK
    assert set(table["article_id"]) == {f"id-{n}" for n in range(0, 80, 2)} - reported
    family()
    (tmp_path / "crash").unlink()
    again, _ = mentions.load_family(given, "wording", jobs=2)
    assert family() == sorted(f"a{n.split('-')[1]}" for n in reported)
    pd.testing.assert_frame_equal(again, mentions.extract_articles(given, families=["wording"], jobs=1))


@pytest.fixture
def cluster(monkeypatch):
    """A local Dask cluster of two single-threaded workers that import this checkout (started per test: its
    workers see the environment the test set before it)."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(config.ROOT), os.environ.get("PYTHONPATH", "")]))
    with store.local_cluster(2) as found:
        yield found


def test_a_dask_worker_that_dies_is_retried_then_reported_and_a_rerun_completes(family, tmp_path, cluster):
    (tmp_path / "crash").write_text("once")
    given = articles(range(64), extra={9: "CRASH"})
    failures: list = []
    table, _ = mentions.load_family(given, "wording", scheduler=cluster.scheduler_address, jobs=2,
                                    failures=failures)
    assert failures == [] and not (tmp_path / "crash").exists()   # the worker died once; its chunk was retried
    expected = mentions.extract_articles(given, families=["wording"], jobs=1)
    pd.testing.assert_frame_equal(table, expected)

    (tmp_path / "crash").write_text("always")
    more = articles(range(64, 128), extra={100: "CRASH"})
    table, _ = mentions.load_family(more, "wording", scheduler=cluster.scheduler_address, jobs=2,
                                    failures=failures)
    reported = {a for a, reason, _ in failures}
    assert {reason for _, reason, _ in failures} == {store.WORKER_DIED} and "id-100" in reported
    assert len(reported) == store.MIN_CHUNK and set(table["article_id"]).isdisjoint(reported)
    family()
    (tmp_path / "crash").unlink()
    table, _ = mentions.load_family(more, "wording", scheduler=cluster.scheduler_address, jobs=2)
    assert family() == sorted(f"a{n.split('-')[1]}" for n in reported)
    pd.testing.assert_frame_equal(table, mentions.extract_articles(more, families=["wording"], jobs=1))


def test_one_process_two_processes_and_a_dask_cluster_give_the_same_rows(mirror, tmp_path, monkeypatch, cluster):
    """The real families on real articles: the same table uncached, from the store filled by one process, by two,
    and by a Dask cluster of two workers (each into its own store), and read back from the store."""
    given = corpus.load("aj_bbc_2023").articles.sample(32, random_state=12).reset_index(drop=True)
    uncached = mentions.load(given, cache=False, jobs=1)
    assert len(uncached) > 500 and set(uncached["family"]) == {"wording", "designation", "sourcing"}
    for run, options in {"one": {"jobs": 1}, "two": {"jobs": 2},
                         "dask": {"jobs": 2, "scheduler": cluster.scheduler_address}}.items():
        monkeypatch.setattr(config, "CACHE", tmp_path / run)
        pd.testing.assert_frame_equal(mentions.load(given, **options), uncached, obj=run)
        pd.testing.assert_frame_equal(mentions.load(given, jobs=1), uncached, obj=f"{run}, stored")
        assert len(list((tmp_path / run / store.FOLDER).glob("*/chunk-*.parquet"))) >= 3


def test_chunks_are_cut_by_articles_characters_and_processes():
    assert store.plan([], jobs=2) == []
    assert [len(c) for c in store.plan([10] * 10_000, jobs=2)] == [store.CHUNK_ARTICLES] * 39 + [16]
    assert [len(c) for c in store.plan([10] * 1000, jobs=2)] == [125] * 8
    assert [len(c) for c in store.plan([10] * 100, jobs=2)] == [16] * 6 + [4]
    big = store.CHUNK_CHARACTERS // 2 + 1
    assert [len(c) for c in store.plan([big, big, big, 5], jobs=1)] == [1, 1, 2]
    assert sum(store.plan([3] * 77, jobs=4), []) == list(range(77))


def test_extract_reruns_take_stored_documents_and_the_cache_folder_comes_from_the_environment(tmp_path):
    import subprocess
    import sys

    from tests.conftest import write

    for n in range(3):
        write(tmp_path / "in" / f"doc{n}.txt", f"Report {n}\n\nKiev said on Monday that talks would go on.")
    code = ("import sys, analysis.mentions as m; m.FAMILIES = {'wording': 'tests.fake_family'}; "
            "from analysis.__main__ import main; sys.exit(main(sys.argv[1:]))")
    environment = {**os.environ, config.CACHE_ENV: str(tmp_path / "cache")}

    def run(*options: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, "extract", str(tmp_path / "in"), "--quiet", "--jobs", "2",
                               "--no-clean", *options],
                              capture_output=True, text=True, cwd=config.ROOT, env=environment, check=False)
        assert done.returncode == 0, done.stderr
        return done.stderr

    assert "0 documents from the mentions store, 3 extracted now" in run()
    write(tmp_path / "in" / "doc3.txt", "Report 3\n\nNothing was said in Kiev.")
    assert "3 documents from the mentions store, 1 extracted now" in run()
    assert list((tmp_path / "cache" / store.FOLDER).glob("wording-*/chunk-*.parquet"))
    write(tmp_path / "in" / "doc4.txt", "Report 4\n\nKiev was quiet.")
    told = run("--store-only")
    assert "4 documents from the mentions store, 1 extracted now" in told and "mentions in" not in told
    assert "every family's mentions of 5 documents (--store-only" in told
    assert "5 documents from the mentions store, 0 extracted now" in run()


def test_update_extracts_what_the_store_lacks_and_reads_nothing_back(family, monkeypatch):
    counts: dict = {}
    keys = store.update(articles(range(10)), jobs=1, summary=counts)
    both = sorted(f"{f}a{n}" for f in ("", "b:") for n in range(12))   # each family logs the articles it extracts
    assert family() == [a for a in both if int(a.rpartition("a")[2]) < 10] and counts == {"extracted": 10, "stored": 0}
    read = store.read
    monkeypatch.setattr(store, "read", lambda *a, **k: pytest.fail("update read mentions back"))
    assert store.update(articles(range(12)), jobs=1, summary=counts) != keys
    assert family() == ["a10", "a11", "b:a10", "b:a11"] and counts == {"extracted": 2, "stored": 10}
    monkeypatch.setattr(store, "read", read)
    loaded = mentions.load_families(articles(range(10)), jobs=1)
    assert family() == [] and {name: key for name, (_, key) in loaded.items()} == keys


def test_prune_deletes_the_folders_no_current_producer_writes_and_inputs_of_dead_runs(family):
    mentions.load_families(articles(range(6)), jobs=1)
    kept = sorted(p.name for p in (config.CACHE / store.FOLDER).iterdir() if p.name != "inputs")
    assert len(kept) == len(FAMILIES)
    old = config.CACHE / store.FOLDER / f"wording-{'0' * 24}"                # an older producer's chunks
    old.mkdir()
    (old / "chunk-x.parquet").write_bytes(b"rows of an older version")
    inputs = config.CACHE / store.FOLDER / "inputs"   # where a run writes the articles its tasks read
    inputs.mkdir(exist_ok=True)
    dead, running = inputs / "dead.parquet", inputs / "running.parquet"
    dead.write_bytes(b"x")
    running.write_bytes(b"y")
    os.utime(dead, (0, 0))

    assert [(p, reason) for p, _, reason in store.prune(dry_run=True)] == [
        (old, "written by other code, data or topic pack"), (dead, "input file of a run that died")]
    assert old.exists() and dead.exists()
    assert [p for p, _, _ in store.prune()] == [old, dead]
    assert sorted(p.name for p in (config.CACHE / store.FOLDER).iterdir()) == sorted([*kept, "inputs"])
    assert running.exists() and not dead.exists()
    family()
    mentions.load_families(articles(range(6)), jobs=1)                      # the current store still serves
    assert family() == []
