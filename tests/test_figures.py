"""Every registered figure is rebuilt from its table, written with its CSV twin, byte-stable."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import config, corpus, figures, mentions, outputs, topic

EXPECTED_COLUMNS = {
    "articles_over_time": ["outlet", "content_type", "period", "articles"],
    "article_length": ["outlet", "content_type", "articles", "mean", "p05", "p25", "median", "p75", "p95"],
}


def test_corpus_figures_have_expected_columns():
    assert set(EXPECTED_COLUMNS) == {spec.name for spec in figures.CORPUS_FIGURES}


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_figure_is_rebuilt_with_its_data_twin(name, tmp_path):
    loaded = corpus.load("seeds")
    table, figure = figures.render(name, loaded)
    assert list(table.columns) == EXPECTED_COLUMNS[name]
    assert set(table["outlet"]) == {"rt", "tass"}
    png = figures.save(name, table, figure, folder=tmp_path)
    twin = pd.read_csv(tmp_path / f"{name}.csv")
    assert list(twin.columns) == EXPECTED_COLUMNS[name] and len(twin) == len(table)
    first = png.read_bytes()
    assert first.startswith(b"\x89PNG") and len(first) > 5000
    figures.save(name, *figures.render(name, loaded), folder=tmp_path)
    assert png.read_bytes() == first   # byte-stable reruns


@pytest.mark.parametrize("name", sorted(EXPECTED_COLUMNS))
def test_figure_of_an_empty_table(name):
    empty = corpus.load("seeds").select(outlets="nobody")
    table, figure = figures.render(name, empty)
    assert table.empty and figure is not None


def test_build_all_writes_every_figure(tmp_path):
    paths = figures.build_all("seeds", folder=tmp_path)
    assert sorted(p.name for p in paths) == sorted(f"{name}.png" for name in figures.registry())
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(f"{name}.csv" for name in figures.registry())



def test_a_cached_rerun_reads_no_mention_and_rewrites_no_named_table(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(outputs, "PROCESSED", tmp_path / "processed")
    reads = []
    real = mentions.load_families
    monkeypatch.setattr(mentions, "load_families", lambda *args, **kwargs: reads.append(1) or real(*args, **kwargs))
    figures.build_all("seeds", folder=tmp_path / "first")
    named = sorted((tmp_path / "processed").rglob("*.parquet"))
    assert len(named) == 1 + len(mentions.FAMILIES) and reads == [1]
    written = {path: path.stat().st_mtime_ns for path in named}

    figures.build_all("seeds", folder=tmp_path / "again")
    assert reads == [1]                                                  # no mention read, no named table rewritten
    assert {path: path.stat().st_mtime_ns for path in named} == written
    for png in (tmp_path / "first").glob("*.png"):
        assert (tmp_path / "again" / png.name).read_bytes() == png.read_bytes()

    gone = next(p for p in named if p.name == "mentions_sourcing.parquet")
    gone.unlink()                                                        # a missing named table is written again
    figures.build_all("seeds", folder=tmp_path / "third")
    assert reads == [1, 1] and gone.exists()
    assert pd.read_parquet(gone).equals(figures.Inputs(corpus.load("seeds")).mentions("sourcing"))

#: The column of each table that counts the mentions (or articles) behind a row, where there is one.
COUNT_COLUMNS = {"mentions", "count", "articles_over_time:articles", "article_length:articles"}


def _count_column(name: str, table: pd.DataFrame) -> str | None:
    if f"{name}:articles" in COUNT_COLUMNS:
        return "articles"
    return next((c for c in ("mentions", "count") if c in table.columns), None) \
        if name != "distinctive_terms" else None


def _check_evidence(name: str, inputs: figures.Inputs) -> int:
    """Every row's evidence: as many mentions as the row counts, and the row's example sentence among them."""
    table = figures.get(name).table(inputs)
    count = _count_column(name, table)
    example = next((c for c in ("example", "example_sentence") if c in table.columns), None)
    for row in table.to_dict("records"):
        found = figures.evidence(name, row, inputs)
        assert list(found.columns) == figures.EVIDENCE_COLUMNS
        if count:
            assert len(found) == row[count], (name, row)
        if example and isinstance(row[example], str) and row[example]:
            assert row[example] in set(found["sentence"]), (name, row)
    return len(table)


@pytest.mark.parametrize("name", sorted(figures.registry()))
def test_every_row_of_every_figure_traces_to_its_mentions(name):
    _check_evidence(name, figures.Inputs(corpus.load("seeds")))


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(figures.registry()))
def test_every_row_traces_to_its_mentions_on_a_real_corpus(name, mirror):
    assert _check_evidence(name, figures.Inputs(corpus.load("aj_bbc_2023"))) > 0


def test_trace_cli_prints_the_mentions_behind_a_row(tmp_path):
    import subprocess
    import sys

    from analysis import config

    env_code = ("import sys; from analysis import config, outputs; from pathlib import Path; "
                f"outputs.PROCESSED = Path({str(tmp_path)!r}); config.CACHE = Path({str(tmp_path / 'cache')!r}); "
                f"config.REPORTS = Path({str(tmp_path / 'reports')!r}); "
                "from analysis.__main__ import main; sys.exit(main(sys.argv[1:]))")
    run = lambda *args: subprocess.run([sys.executable, "-c", env_code, *args], capture_output=True,  # noqa: E731
                                       text=True, cwd=config.ROOT, check=False)
    missing = run("trace", "naming_shares", "--corpus", "seeds")
    assert missing.returncode == 2 and "build it first" in missing.stderr
    assert run("figures", "--corpus", "seeds", "--only", "naming_shares").returncode == 0
    table = pd.read_csv(tmp_path / "reports" / "seeds" / "ukraine_war" / "figures" / "naming_shares.csv")
    row = int(table.index[table["mentions"] == table["mentions"].max()][0]) + 1
    result = run("trace", "naming_shares", "--corpus", "seeds", "--row", str(row))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"row {row}: ") and f"{table['mentions'].max()} mentions" in lines[1]
    assert len(lines) == 2 + table["mentions"].max() and table.loc[row - 1, "example"] in result.stdout
    assert run("trace", "naming_shares", "--corpus", "seeds", "--row", "999").returncode == 2


def test_a_drawn_figure_is_taken_from_the_cache_while_its_table_and_code_are_unchanged(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "CACHE", tmp_path / "cache")   # empty: another test may have drawn this figure
    spec = figures.get("article_length")
    inputs = figures.Inputs(corpus.load("seeds"))
    table = spec.table(inputs)
    calls = []

    def draw():
        calls.append(1)
        return spec.plot(table, inputs.topic)

    key = figures.drawn_key(spec, table, inputs.topic)
    first = figures.save(spec.name, table, draw, folder=tmp_path / "a", drawn_key=key).read_bytes()
    again = figures.save(spec.name, table, draw, folder=tmp_path / "b", drawn_key=key).read_bytes()
    direct = figures.save(spec.name, table, spec.plot(table, inputs.topic), folder=tmp_path / "c").read_bytes()
    assert calls == [1] and first == again == direct              # drawn once; the same bytes as a fresh drawing
    assert figures.drawn_key(spec, table.iloc[:-1], inputs.topic) != key
    assert figures.drawn_key(spec, table, topic.load("israel_gaza")) != key   # the pack's colours and names
