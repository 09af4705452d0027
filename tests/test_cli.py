"""The command line, run as users run it: ``python -m analysis ...`` in a child process."""

from __future__ import annotations

import json
import subprocess
import sys

from analysis.config import ROOT, SEEDS
from analysis.corpus import ARTICLE_COLUMNS
from tests.conftest import write


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, check=False)


def test_corpus_summary_of_the_seeds():
    result = run("corpus", str(SEEDS), "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "2 articles from 2 outlets" in result.stdout
    assert "published 2023-06-11 to 2023-12-05" in result.stdout
    assert "not_an_article" in result.stdout   # the README beside the seeds, counted as skipped


def test_corpus_jsonl_writes_one_object_per_article():
    result = run("corpus", "seeds", "--jsonl", "--no-cache")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["outlet"] for r in records] == ["rt", "tass"]
    assert set(records[0]) == set(ARTICLE_COLUMNS)
    assert records[1]["title"].startswith("US wants allies") and records[1]["published"] == "2023-12-05"
    assert "2 articles" in result.stderr


def test_corpus_with_a_column_mapping_and_outlet(tmp_path):
    table = write(tmp_path / "mine.csv", "when,words\n2022-03-01,Kiev said on Tuesday that talks would go on.\n")
    result = run("corpus", str(table), "--map", "text=words", "--map", "published=when", "--outlet", "ukrinform",
                 "--jsonl", "--no-cache")
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    expected = ("ukrinform", "2022-03-01", f"{tmp_path.name}/mine.csv:1")
    assert (record["outlet"], record["published"], record["source"]) == expected


def test_errors_are_one_line_with_status_2(tmp_path):
    table = write(tmp_path / "renamed.csv", "when,words\n2022-01-01,Some text\n")
    result = run("corpus", str(table), "--no-cache")
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and "--map text=COLUMN" in result.stderr
    assert "Traceback" not in result.stderr
    missing = run("corpus", "nowhere-at-all")
    assert missing.returncode == 2 and "neither a registered dataset" in missing.stderr


def test_strict_fails_when_something_was_skipped():
    result = run("corpus", "seeds", "--strict", "--no-cache")
    assert result.returncode == 1 and "1 items were skipped" in result.stderr


def test_datasets_lists_the_registry_without_a_mirror():
    result = run("datasets", env_extra={"ANALYSIS_DATA_MIRROR": "/nonexistent"})
    assert result.returncode == 0
    assert "seeds        available" in result.stdout and "ruwa         not available (make data)" in result.stdout
