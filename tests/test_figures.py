"""Every registered figure is rebuilt from its table, written with its CSV twin, byte-stable."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import corpus, figures

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
