"""The mentions framework: one table for every family, spans checked, sentences attached, cache."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import config, corpus, mentions
from tests.conftest import write
from tests.fake_family import slow_on


@pytest.fixture
def fake_family(monkeypatch):
    monkeypatch.setattr(mentions, "FAMILIES", {"wording": "tests.fake_family"})


def test_extract_text_adds_sentence_and_ids(fake_family):
    text = "Headline about Kiev\n\nKiev has already signed declarations. Moscow disagrees."
    rows = mentions.extract_text(text, article_id="rt-1", outlet="rt")
    assert [(r["term"], r["start"], r["sentence"]) for r in rows] == [
        ("Kiev", 15, "Headline about Kiev"), ("Kiev", 21, "Kiev has already signed declarations.")]
    assert all(r["family"] == "wording" and r["article_id"] == "rt-1" for r in rows)


def test_a_span_outside_the_text_is_an_error(fake_family, monkeypatch):
    import tests.fake_family as fake

    monkeypatch.setattr(fake, "extract", lambda text, **_: [{"kind": "naming", "term": "x", "start": 5,
                                                            "end": len(text) + 3}])
    with pytest.raises(mentions.ExtractionError, match="start/end = 5/.* outside the text"):
        mentions.extract_text("short text")


def test_mentions_table_from_the_seeds(fake_family):
    articles = corpus.load("seeds").articles
    table = mentions.load(articles)
    assert list(table.columns) == mentions.MENTION_COLUMNS
    assert set(table["outlet"]) == {"rt", "tass"} and (table["term"] == "Kiev").all()
    assert mentions.check_spans(table, articles) == []
    assert str(table["start"].dtype) == "Int64"
    again = mentions.load(articles)   # from the cache
    pd.testing.assert_frame_equal(table, again)
    assert list(config.CACHE.glob("mentions/wording-*/chunk-*.parquet"))


def test_check_spans_reports_bad_rows(fake_family):
    articles = corpus.load("seeds").articles
    table = mentions.load(articles, cache=False)
    table.loc[0, "end"] = 10**6
    assert any("outside the text" in p for p in mentions.check_spans(table, articles))


def test_unknown_family_is_reported():
    with pytest.raises(KeyError, match="unknown family 'colour'"):
        mentions.family_module("colour")


def test_extract_cli_offsets_point_into_the_file_text_with_no_clean(tmp_path):
    raw = "All news\r\n\r\nKiev said\x0c on Monday that Kiev would wait.\r\n"
    path = write(tmp_path / "doc.txt", raw.encode("utf-8"))
    code = ("import sys, analysis.mentions as m; m.FAMILIES = {'wording': 'tests.fake_family'}; "
            "from analysis.__main__ import main; sys.exit(main(sys.argv[1:]))")
    result = subprocess.run([sys.executable, "-c", code, "extract", str(path), "--jsonl", "--no-clean"],
                            capture_output=True, text=True, cwd=config.ROOT, check=False)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in records] == ["doc.txt", "doc.txt"]
    text = path.read_bytes().decode("utf-8")
    assert [text[r["start"]:r["end"]] for r in records] == ["Kiev", "Kiev"]
    assert records[0]["start"] == raw.index("Kiev")


def test_an_article_over_the_time_limit_is_left_out_and_named(fake_family, monkeypatch):
    import tests.fake_family as fake

    monkeypatch.setattr(fake, "extract", slow_on("STUCK"))
    articles = pd.DataFrame({"article_id": ["a-1", "a-2"], "outlet": ["rt", "rt"], "published": [None, None],
                             "language": ["en", "en"], "text": ["Fine text.", "STUCK here."]})
    failures: list = []
    table = mentions.extract_articles(articles, time_limit=0.3, failures=failures, jobs=1)
    assert table.empty
    assert [(a, reason) for a, reason, _ in failures] == [("a-2", "extraction_timeout")]
    assert "0.3 s limit" in failures[0][2]
    with pytest.warns(mentions.ExtractionWarning, match="a-2"):
        mentions.extract_articles(articles, time_limit=0.3, jobs=1)


def test_extract_cli_reports_a_timed_out_article_by_file_and_id(tmp_path):
    # A real article through the real families, with a limit no extraction can meet.
    (tmp_path / "report.txt").write_text("Officials said the talks had failed. " * 2000, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "analysis", "extract", "--no-cache", "--time-limit", "0.001",
                           "--strict", str(tmp_path / "report.txt")], capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert "0 documents (1 left out of extraction" in done.stderr
    assert "extraction_timeout" in done.stderr and "report.txt (" in done.stderr
