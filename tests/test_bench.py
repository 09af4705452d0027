"""The scale bench: the resampled corpus, the regular-expression floor, and a run at a tiny size."""

from __future__ import annotations

import json
import os
import re

import pandas as pd
import pytest

from analysis import bench, dedup
from analysis import corpus as corpus_module

#: Two datasets of the mirror: three outlets' full texts in English and Russian, read in seconds.
SOURCE = "aj_bbc_2023,ppn_ru"


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """The full texts of SOURCE as :func:`analysis.bench.select_sources` keeps them (skips without ../shared)."""
    from tests.conftest import CORPORA

    if not CORPORA.exists():
        pytest.skip(f"{CORPORA} is absent: this test reads the real corpora")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ANALYSIS_DATA_MIRROR", str(CORPORA))
        return bench.select_sources(corpus_module.load(SOURCE, cache=False).articles)


@pytest.mark.parametrize("paragraph, expected", [
    ("Talks resumed. The minister said so! Why? Nobody knows.",
     ["Talks resumed.", "The minister said so!", "Why?", "Nobody knows."]),
    ("Переговоры возобновились. Министр так сказал.", ["Переговоры возобновились.", "Министр так сказал."]),
    ("the U.S. envoy said talks continue", ["the U.S. envoy said talks continue"]),
    (" ".join(f"w{i}" for i in range(90)),   # a text whose full stops a collector stripped
     [" ".join(f"w{i}" for i in range(0, 40)), " ".join(f"w{i}" for i in range(40, 80)),
      " ".join(f"w{i}" for i in range(80, 90))]),
])
def test_units_are_sentences_and_long_ones_are_cut(paragraph, expected):
    assert bench.units(paragraph) == expected


def test_the_source_is_full_texts_of_outlets_with_enough_of_them(source):
    groups = source.groupby(["outlet", "language"]).size().to_dict()
    assert groups == {("aljazeera", "en"): 204, ("bbc", "en"): 198, ("rrn", "ru"): 442}   # 2 Arabic, 1+1 left out


def test_the_scale_corpus_is_distinct_deterministic_and_keeps_the_mix(source):
    built = bench.build_corpus(source, size=400, seed=3, extra=4)
    # deterministic, and the first rows do not depend on how many are added after them
    assert len(built) == 404 and built.iloc[:400].equals(bench.build_corpus(source, size=400, seed=3))
    assert not built.iloc[:30].equals(bench.build_corpus(source, size=30, seed=4))
    assert built["url"].is_unique and built["text"].is_unique
    # no article is a source article, and no two are what the deduplicator would merge
    assert not set(built["text"]) & {t.partition("\n\n")[2] for t in source["text"]}
    ids = [corpus_module.article_id(o, u, t, b) for o, u, t, b in zip(built["outlet"], built["url"], built["title"],
                                                                     built["text"])]
    rows = pd.DataFrame({"article_id": ids, "outlet": built["outlet"], "source": built["url"], "url": built["url"],
                         "body": built["text"], "content_type": "article"})
    assert dedup.find_duplicates(rows).duplicates.empty
    # the outlets and languages of the source, in its proportions (each base article is used once per round)
    shares = built.iloc[:400].groupby(["outlet", "language"]).size() / 400
    expected = source.groupby(["outlet", "language"]).size() / len(source)
    assert set(shares.index) == set(expected.index) and set(built["language"]) == {"en", "ru"}
    assert (shares - expected).abs().max() < 0.05
    # every paragraph is made of whole sentences of source articles of the same outlet and language
    pools = {key: {u for text in group["text"] for p in text.partition("\n\n")[2].split("\n\n")
                   for u in bench.units(p)} for key, group in source.groupby(["outlet", "language"])}
    for outlet, language, text in zip(built["outlet"], built["language"], built["text"]):
        assert all(_made_of(p, pools[(outlet, language)]) for p in text.split("\n\n")), outlet


def _made_of(paragraph: str, pool: set[str]) -> bool:
    """Whether ``paragraph`` is pieces of ``pool`` joined by single spaces (found by trying each cut)."""
    ends = [i for i, c in enumerate(paragraph) if c == " "] + [len(paragraph)]
    reachable = {0}
    for end in ends:
        if any(paragraph[start:end] in pool for start in reachable if start < end):
            reachable.add(end + 1)
    return len(paragraph) + 1 in reachable


def test_the_stored_corpus_ingests_to_as_many_articles(source, tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "source_articles", lambda spec: source)
    monkeypatch.setattr(corpus_module, "cache_key", lambda sources: "fixed")
    main, extra = bench.corpus_paths(200, seed=5, spec="seeds", folder=tmp_path)
    assert bench.corpus_paths(200, seed=5, spec="seeds", folder=tmp_path) == (main, extra)   # reused
    loaded = corpus_module.load([str(main), str(extra)], cache=False)
    assert len(loaded.articles) == 202 and loaded.duplicates.empty
    assert set(loaded.articles["outlet"]) == {"aljazeera", "bbc", "rrn"}
    assert set(loaded.articles["language"]) == {"en", "ru"}


@pytest.mark.parametrize("terms, text, expected", [
    (["Kyiv", "Kyivan"], "Kyiv, Kyivan and Kyivans", ["kyiv", "kyivan"]),
    (["Kremlin-backed", "the Kremlin"], "Kremlin backed; Kremlin-backed; the  Kremlin; Kremlin",
     ["kremlin backed", "kremlin-backed", "the  kremlin"]),
    (["tweet*", "said"], "He tweeted, then SAID so; retweeted", ["tweeted", "said"]),
    (["росси*"], "России и Россия, но не белоруссия", ["россии", "россия"]),
    (["'s mouthpiece"], "the Kremlin's mouthpiece", ["'s mouthpiece"]),
])
def test_the_floor_pattern_finds_whole_terms(terms, text, expected):
    assert bench.floor_pattern(terms).findall(text.lower()) == expected


def test_the_floor_pattern_finds_what_one_plain_alternation_finds(source):
    terms = bench.floor_terms()
    def alternative(term: str) -> str:   # each term on its own, its boundaries where it has word characters
        words = term.rstrip("*").replace("-", " ").split()
        body = r"[\s\-]+".join(re.escape(w) for w in words)
        return (r"(?<!\w)" if re.match(r"\w", words[0]) else "") + body + (
            r"\w*" if term.endswith("*") else r"(?!\w)" if re.search(r"\w$", words[-1]) else "")

    plain = re.compile("|".join(sorted(map(alternative, terms), key=len, reverse=True)), re.IGNORECASE)
    trie = bench.floor_pattern(terms)
    texts = list(source["text"].iloc[::200])
    found = [(m.start(), m.end()) for text in texts for m in trie.finditer(text.lower())]
    assert found == [(m.start(), m.end()) for text in texts for m in plain.finditer(text)] and len(found) > 100


def test_the_floor_terms_are_the_packs_vocabulary():
    from analysis import topic as topic_module
    from analysis.wording import lexicon

    terms = set(bench.floor_terms())
    pack = topic_module.load(None)
    wording = {t for entry in lexicon.for_topic(pack).entries for t in entry.terms}
    assert wording <= terms and {"Kyiv", "Kiev", "said", "according to"} <= terms
    assert len(terms) > 1000


@pytest.mark.slow
def test_a_tiny_run_measures_every_chosen_stage(source, tmp_path, monkeypatch, mirror):
    monkeypatch.setattr(bench, "source_articles", lambda spec: source)
    output = tmp_path / "results.json"
    lines: list[str] = []
    rows = bench.run_scale(sizes=[40], stages=["wording"], seed=1, spec="seeds", folder=tmp_path, output=output,
                           echo=lines.append)
    assert [(r["stage"], r["jobs"]) for r in rows] == [("wording", 1), ("wording", bench._cores())]
    assert json.loads(output.read_text())["rows"] == rows
    for row in rows:
        assert row["articles"] == 40 and row["seconds"] > 0 and row["peak_mb"] > 50
        assert row["articles_per_second"] == pytest.approx(40 / row["seconds"], rel=0.01)
        assert row["floor_ratio"] > 0 and row["note"].endswith("mentions")
    assert "expected duration" in lines[0] and lines[-2].startswith(bench._HEADER[:10])


def test_tree_memory_counts_pages_a_forked_worker_shares_once():
    import multiprocessing

    block = bytearray(os.urandom(1 << 20) * 200)   # 200 MB of this process's own pages
    alone = bench.tree_memory(os.getpid())
    ready = multiprocessing.get_context("fork").Event()
    worker = multiprocessing.get_context("fork").Process(target=_wait_forked, args=(ready,))
    worker.start()
    try:
        ready.wait(30)
        shared = bench.tree_memory(os.getpid())
    finally:
        worker.terminate()
        worker.join()
    assert len(block) == 200 << 20 and alone > 200 << 20
    assert shared < alone + (100 << 20)   # the sum of resident sizes would count the 200 MB twice


def _wait_forked(ready) -> None:
    import time

    ready.set()
    time.sleep(30)
