"""Shared fixtures: where ../shared is, a private cache, and the whole corpus loaded once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import config

SHARED = config.shared_dir()
CORPORA = SHARED / "corpora"
GOLD = SHARED / "gold"
SEEDS = config.SEEDS
RT_SEED = SEEDS / "rt_2023-06-11_more-than-ten-nato-states.txt"
#: Seconds a notebook cell may take in the tests before its kernel is taken for lost and the notebook rerun.
TEST_CELL_TIMEOUT = 300
TASS_SEED = SEEDS / "tass_2023-12-05_us-wants-allies-to-stop.txt"


def needs_shared(*parts: str):
    """Skip unless ../shared/<parts> exists, saying why."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(),
                              reason=f"{path} is absent: this test reads the real corpora or gold files in ../shared")


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the repository's data/cache, data/processed or reports/."""
    from analysis import outputs

    monkeypatch.setattr(config, "CACHE", tmp_path_factory.getbasetemp() / "cache")
    monkeypatch.setattr(outputs, "PROCESSED", tmp_path_factory.getbasetemp() / "processed")
    monkeypatch.setattr(config, "REPORTS", tmp_path_factory.getbasetemp() / "reports")


@pytest.fixture(autouse=True)
def _not_via_make(monkeypatch):
    """The suite may run under ``make test``, which marks commands as run through make: the tests of the
    CLI's own messages see them as a user at the command line does (a test of make's spelling sets it)."""
    monkeypatch.delenv("ANALYSIS_VIA_MAKE", raising=False)


@pytest.fixture(autouse=True)
def _short_cell_timeout(monkeypatch):
    """Notebook cells on the test corpora take seconds: a kernel that stops answering is retried after five
    minutes, not half an hour (analysis.report.execute)."""
    from analysis import report

    monkeypatch.setattr(report, "CELL_TIMEOUT", TEST_CELL_TIMEOUT)


@pytest.fixture
def mirror(monkeypatch):
    """Point the dataset registry at ../shared/corpora (skips without it)."""
    if not CORPORA.exists():
        pytest.skip(f"{CORPORA} is absent: this test reads the real corpora")
    monkeypatch.setenv(config.MIRROR_ENV, str(CORPORA))
    return CORPORA


@pytest.fixture(scope="session")
def full_corpus(tmp_path_factory):
    """Every registered dataset and the seeds, loaded once per test session."""
    if not CORPORA.exists():
        pytest.skip(f"{CORPORA} is absent: this test reads the real corpora")
    from analysis import corpus

    previous = os.environ.get(config.MIRROR_ENV)
    os.environ[config.MIRROR_ENV] = str(CORPORA)
    try:
        return corpus.load("all,seeds", cache=False)
    finally:
        if previous is None:
            os.environ.pop(config.MIRROR_ENV, None)
        else:
            os.environ[config.MIRROR_ENV] = previous


def write(path: Path, content: str | bytes) -> Path:
    """Create a file (and its folders) with text or bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session's browser tests (tests/browser.py); skips where there is none."""
    from tests import browser

    if browser.find_chromium() is None:
        pytest.skip(browser.MISSING)
    with browser.Browser() as opened:
        yield opened
