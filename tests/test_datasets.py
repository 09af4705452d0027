"""The dataset registry: parsing, locating, verifying, and fetching over HTTP from a local server."""

from __future__ import annotations

import tarfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from analysis import config, datasets
from analysis.errors import CorpusError
from tests.conftest import CORPORA, needs_shared, write


def test_registry_names_every_shared_corpus_with_licence_and_citation():
    registry = datasets.registry()
    assert set(registry) == {"seeds", "rt_thesis", "ruwa", "ppn_en", "ppn_ru", "aj_bbc_2023"}
    for name, dataset in registry.items():
        assert dataset.licence and dataset.citation, name
        if name != "seeds":
            assert dataset.upstream.startswith("https://github.com/") and dataset.archive.endswith(".tar.gz")
            assert datasets.manifest_path(name).exists()


def test_unavailable_dataset_says_how_to_get_it(monkeypatch, tmp_path):
    monkeypatch.delenv(config.MIRROR_ENV, raising=False)
    monkeypatch.setattr(datasets, "EXTERNAL", tmp_path)
    with pytest.raises(datasets.DatasetUnavailable, match=r"Run `make data`.*ANALYSIS_DATA_MIRROR"):
        datasets.locate("ruwa")
    assert datasets.available() == ["seeds"]


def test_malformed_registry_names_file_and_entry(tmp_path):
    bad = write(tmp_path / "datasets.yaml", "datasets:\n  x:\n    title: X\n    licence: L\n    citation: C\n"
                "    read: {format: docx}\n")
    with pytest.raises(CorpusError, match=r"datasets.yaml: dataset 'x' has format 'docx'"):
        datasets.load_registry(bad)


@needs_shared("corpora")
def test_mirror_is_located_and_verified(mirror):
    assert datasets.locate("ruwa") == mirror / "ruwa"
    assert datasets.available() == list(datasets.registry())
    result = datasets.verify("aj_bbc_2023")
    assert result.ok and result.checked == 2


@needs_shared("corpora")
def test_verification_reports_a_changed_file(mirror, tmp_path):
    copy = tmp_path / "aj_bbc_2023"
    copy.mkdir()
    (copy / "aljazeera.csv").write_bytes((mirror / "aj_bbc_2023" / "aljazeera.csv").read_bytes() + b"\n")
    result = datasets.verify("aj_bbc_2023", copy)
    assert not result.ok
    assert result.mismatched == ("aljazeera.csv",) and result.missing == ("bbc.csv",)
    assert "1 missing (e.g. bbc.csv); 1 with a different checksum (e.g. aljazeera.csv)" in result.describe()


@pytest.fixture
def server(tmp_path):
    """A local HTTP server standing in for GitHub's archive download."""
    root = tmp_path / "www"
    root.mkdir()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def github_archive(path: Path, top: str, files: dict[str, bytes]) -> None:
    """A tar.gz laid out like GitHub's: everything under one top folder."""
    staging = path.parent / "staging" / top
    for relative, content in files.items():
        write(staging / relative, content)
    with tarfile.open(path, "w:gz") as tar:
        tar.add(staging, arcname=top)


@needs_shared("corpora", "aj_bbc_2023")
def test_fetch_downloads_extracts_and_verifies_against_the_real_manifest(server, tmp_path, monkeypatch):
    root, base = server
    real = {f"data/{name}": (CORPORA / "aj_bbc_2023" / name).read_bytes() for name in ("aljazeera.csv", "bbc.csv")}
    real["data/unrelated.csv"] = b"not,listed\n"
    real["README.md"] = b"# project"
    github_archive(root / "9206c44.tar.gz", "project4-journalism_subjectivity-9206c44abc", real)
    original = datasets.get("aj_bbc_2023")
    monkeypatch.setitem(datasets.registry(), "aj_bbc_2023",
                        datasets.Dataset(**{**original.__dict__, "archive": f"{base}/9206c44.tar.gz"}))
    result = datasets.fetch("aj_bbc_2023", destination=tmp_path / "external")
    assert result.ok and result.checked == 2
    target = tmp_path / "external" / "aj_bbc_2023"
    assert sorted(p.name for p in target.iterdir()) == [".verified", "aljazeera.csv", "bbc.csv"]


def test_fetch_refuses_files_that_do_not_match(server, tmp_path, monkeypatch):
    root, base = server
    github_archive(root / "v1.tar.gz", "repo-v1", {"data/a.csv": b"title,text\nA,tampered\n"})
    manifests = tmp_path / "manifests"
    write(manifests / "mini.tsv", "path\tbytes\tsha256\na.csv\t16\t" + "0" * 64 + "\n")
    monkeypatch.setattr(datasets, "MANIFESTS", manifests)
    mini = datasets.Dataset(name="mini", title="Mini", licence="CC0", citation="-", format="csv",
                            read=datasets.ReadOptions(), archive=f"{base}/v1.tar.gz", folder="data")
    monkeypatch.setitem(datasets.registry(), "mini", mini)
    with pytest.raises(CorpusError, match=r"mini: downloaded files do not match data/manifests/mini.tsv"):
        datasets.fetch("mini", destination=tmp_path / "external")
    assert not (tmp_path / "external" / "mini").exists()
    monkeypatch.setitem(datasets.registry(), "mini", datasets.Dataset(**{**mini.__dict__,
                                                                         "archive": f"{base}/missing.tar.gz"}))
    with pytest.raises(CorpusError, match="could not download"):
        datasets.fetch("mini", destination=tmp_path / "external")
