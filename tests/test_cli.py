"""The command line, run as users run it: ``python -m analysis ...`` in a child process."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

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


# --- everyday input: reading options everywhere, make variables, extract's output formats --------------


def test_every_command_that_reads_a_corpus_takes_the_reading_options():
    from analysis.__main__ import parser

    for command in ("corpus", "events", "extract", "figures", "report", "trace", "annotate", "bench",
                    "sourcing-unknown"):
        args = ["seeds"] if command in ("corpus", "events", "extract") else []
        args += ["x"] if command == "trace" else []
        args += ["-o", "x.html"] if command == "annotate" else []
        parsed = parser().parse_args([command, *args, "--dayfirst", "--map", "text=body", "--outlet", "bbc",
                                      "--date-format", "%d.%m.%Y"])
        assert (parsed.dayfirst, parsed.map, parsed.outlet, parsed.date_format) == (
            True, ["text=body"], "bbc", ["%d.%m.%Y"]), command
        assert parser().parse_args([command, *args]).dayfirst is None, command


def test_figures_reads_a_csv_corpus_with_the_options_given(tmp_path):
    csv = write(tmp_path / "feed" / "export.csv",
                'name,day,wording\nTalks continue,04/03/2024,"Officials said the talks would continue next '
                'week in Geneva, two diplomats said."\n')
    failed = run("figures", "--corpus", str(csv), "--only", "article_length", env_extra={"ANALYSIS_VIA_MAKE": "1"})
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1
    assert 'MAP="text=COLUMN"' in failed.stderr and "--map" not in failed.stderr
    plain = run("figures", "--corpus", str(csv), "--only", "article_length")
    assert "--map text=COLUMN" in plain.stderr
    done = run("figures", "--corpus", str(csv), "--only", "article_length", "--map", "text=wording",
               "--map", "published=day", "--dayfirst")
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("variables, expected", [
    (["MAP=text=body url=link", "DAYFIRST=1", "OUTLET=bbc"],
     "--map 'text=body' --map 'url=link' --outlet 'bbc'  --dayfirst"),
    (["DATE_FORMAT=%d.%m.%Y"], "--date-format '%d.%m.%Y'"),
    ([], ""),
])
def test_make_report_passes_the_reading_options(variables, expected):
    result = subprocess.run(["make", "-n", "report", "CORPUS=x", *variables], capture_output=True, text=True,
                            cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "-m analysis " in line]
    assert [line.split("-m analysis ")[1].split()[0] for line in lines] == ["figures", "report"]
    for line in lines:
        assert line.rstrip().endswith(expected) if expected else "--map" not in line and "--dayfirst" not in line


@pytest.mark.parametrize("message, spelt", [
    ("x.csv: no text column; Name the body column with --map text=COLUMN (or ...)", 'MAP="text=COLUMN"'),
    ("pass --dayfirst (make: DAYFIRST=1) to read them day first", "pass DAYFIRST=1 (make: DAYFIRST=1)"),
    ("give --outlet bbc", "give OUTLET=bbc"),
])
def test_errors_through_make_name_make_variables(message, spelt):
    from analysis.__main__ import make_spelling

    assert spelt in make_spelling(message)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extract")
    outputs = {}
    for suffix in ("parquet", "csv", "jsonl"):
        path = folder / f"mentions.{suffix}"
        result = run("extract", "seeds", "--family", "designations", "--family", "sourcing", "-o", str(path))
        assert result.returncode == 0, result.stderr
        outputs[suffix] = path
    return outputs


def test_extract_writes_the_format_its_suffix_names(extracted):
    import pandas as pd

    table = pd.read_parquet(extracted["parquet"])
    assert len(table) > 5 and set(table["family"]) == {"designation", "sourcing"}
    from_csv = pd.read_csv(extracted["csv"], keep_default_na=False, na_values=[""])
    assert list(from_csv.columns) == list(table.columns)
    key = ["article_id", "family", "start", "end", "term"]
    assert from_csv[key].values.tolist() == table[key].values.tolist()
    records = [json.loads(line) for line in extracted["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(table)
    assert sorted({r["family"] for r in records}) == ["designations", "sourcing"]   # the --family names
    assert Counter(r["family"].rstrip("s") for r in records) == Counter(f.rstrip("s") for f in table["family"])


@pytest.mark.parametrize("args, message", [
    (["-o", "mentions.txt"], "extract -o mentions.txt: .txt names no output format; use .csv, .jsonl"),
    (["-o", "mentions"], "no suffix names no output format"),
    (["--jsonl", "-o", "mentions.csv"], "writes csv, not JSON lines"),
])
def test_extract_refuses_an_output_it_cannot_name(args, message):
    result = run("extract", "seeds", "--family", "designations", *args)
    assert result.returncode == 2 and message in result.stderr and result.stderr.count("\n") == 1


def test_files_of_one_name_in_different_folders_are_different_documents(tmp_path):
    # wget mirrors and CMS exports name every article the same; each keeps its own document name.
    for folder, said in (("kyiv", "The mayor said the bridge was closed."),
                         ("odesa", "The governor said the port was open.")):
        write(tmp_path / "news" / folder / "article.txt", said.encode())
    write(tmp_path / "news" / "other.txt", b"The minister said nothing new today.")
    done = run("extract", "--jsonl", "--no-cache", "--family", "sourcing", str(tmp_path / "news"))
    assert done.returncode == 0, done.stderr
    docs = {json.loads(line)["doc"] for line in done.stdout.splitlines()}
    assert docs == {"news/kyiv/article.txt", "news/odesa/article.txt", "other.txt"}
