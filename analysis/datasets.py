"""Which public corpora can this project read, where are they, and are they intact?

The registry (``data/datasets.yaml``) names each corpus with its upstream repository, revision,
licence and citation, and says how to read it. ``data/manifests/<name>.tsv`` lists every file of the
corpus with its size and SHA-256, so a download or a mirror can be verified file by file.

A corpus is found, in this order, in the local mirror named by ``ANALYSIS_DATA_MIRROR`` (one folder
per dataset, as in ``../shared/corpora``), in ``data/external/<name>`` (fetched by ``make data``), or
in the repository itself (the seeds).
"""

from __future__ import annotations

import hashlib
import shutil
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.config import DATA, DATASETS_FILE, EXTERNAL, MIRROR_ENV, mirror_dir, read_yaml
from analysis.errors import CorpusError
from analysis.ingest import ColumnMap, ReadOptions

MANIFESTS = DATA / "manifests"
FORMATS = {"txt", "csv", "tsv", "jsonl", "parquet", "newsplease", "html", "brat"}


class DatasetUnavailable(CorpusError):
    """A registered dataset that is neither mirrored nor downloaded."""


@dataclass(frozen=True)
class Dataset:
    """One registered corpus."""

    name: str
    title: str
    licence: str
    citation: str
    read: ReadOptions
    format: str
    upstream: str | None = None
    revision: str | None = None
    notes: str | None = None
    shipped: str | None = None
    archive: str | None = None
    folder: str | None = None
    expected_articles: int | None = None


def _parse(name: str, entry: dict, *, where: Path) -> Dataset:
    if not isinstance(entry, dict):
        raise CorpusError(f"{where}: dataset {name!r} must be a mapping")
    for key in ("title", "licence", "citation", "read"):
        if key not in entry:
            raise CorpusError(f"{where}: dataset {name!r} needs {key!r}")
    read = entry["read"] or {}
    fmt = read.get("format")
    if fmt not in FORMATS:
        raise CorpusError(f"{where}: dataset {name!r} has format {fmt!r}; use one of {sorted(FORMATS)}")
    try:
        columns = ColumnMap.parse(read.get("columns"))
    except CorpusError as error:
        raise CorpusError(f"{where}: dataset {name!r}: {error}") from None
    options = ReadOptions(columns=columns, outlet=read.get("outlet"),
                          date_formats=tuple(read.get("date_formats") or ()),
                          dayfirst=None if read.get("dayfirst") is None else bool(read["dayfirst"]),
                          content_type=read.get("content_type"))
    fetch = entry.get("fetch") or {}
    if not entry.get("shipped") and not fetch.get("archive"):
        raise CorpusError(f"{where}: dataset {name!r} needs either 'shipped' or 'fetch: {{archive: ...}}'")
    return Dataset(name=name, title=entry["title"], licence=entry["licence"], citation=entry["citation"],
                   read=options, format=fmt, upstream=entry.get("upstream"), revision=entry.get("revision"),
                   notes=entry.get("notes"), shipped=entry.get("shipped"), archive=fetch.get("archive"),
                   folder=fetch.get("folder"), expected_articles=entry.get("articles"))


def load_registry(path: Path = DATASETS_FILE) -> dict[str, Dataset]:
    """Read and validate a dataset registry file.

    Raises:
        CorpusError: Naming the file and entry when it is malformed.
    """
    data, _ = read_yaml(path, required=("datasets",))
    if not isinstance(data["datasets"], dict):
        raise CorpusError(f"{path}: 'datasets' must be a mapping of name to dataset")
    return {name: _parse(name, entry, where=path) for name, entry in data["datasets"].items()}


@cache
def registry() -> dict[str, Dataset]:
    """The project's dataset registry (read once)."""
    return load_registry()


def get(name: str) -> Dataset:
    """A registered dataset by name.

    Raises:
        CorpusError: For an unknown name, listing the known ones.
    """
    datasets = registry()
    if name not in datasets:
        raise CorpusError(f"unknown dataset {name!r}; registered: {', '.join(sorted(datasets))}")
    return datasets[name]


def locate(name: str) -> Path:
    """The folder holding a dataset.

    Raises:
        DatasetUnavailable: When it is neither mirrored, downloaded nor shipped.
    """
    dataset = get(name)
    if dataset.shipped:
        return DATA / dataset.shipped
    mirror = mirror_dir()
    if mirror is not None and (mirror / name).is_dir():
        return mirror / name
    if (EXTERNAL / name / ".verified").exists():
        return EXTERNAL / name
    where = f"{MIRROR_ENV}={mirror}" if mirror else f"{MIRROR_ENV} is not set"
    raise DatasetUnavailable(f"dataset {name!r} is not available ({where}; {EXTERNAL / name} not fetched). "
                             f"Run `make data` to download it, or set {MIRROR_ENV} to a folder that holds {name}/")


def is_available(name: str) -> bool:
    """Whether :func:`locate` would find the dataset."""
    try:
        locate(name)
    except DatasetUnavailable:
        return False
    return True


def available() -> list[str]:
    """Names of the registered datasets that can be read here, in registry order."""
    return [name for name in registry() if is_available(name)]


# --- manifests and verification -----------------------------------------------------------------


def sha256_file(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def manifest_path(name: str) -> Path:
    return MANIFESTS / f"{name}.tsv"


def read_manifest(name: str) -> list[tuple[str, int, str]]:
    """(relative path, size in bytes, SHA-256) of every file of a dataset.

    Raises:
        CorpusError: When the manifest is missing or malformed.
    """
    path = manifest_path(name)
    if not path.exists():
        raise CorpusError(f"{path}: no manifest for dataset {name!r}; build one with "
                          f"`python -m analysis data manifest {name}` from a trusted copy")
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if number == 1 and line.startswith("path\t"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not parts[1].isdigit() or len(parts[2]) != 64:
            raise CorpusError(f"{path} line {number}: expected 'path<TAB>bytes<TAB>sha256'")
        rows.append((parts[0], int(parts[1]), parts[2]))
    return rows


def write_manifest(name: str, root: Path) -> Path:
    """Record every file under ``root`` as the manifest of dataset ``name``."""
    MANIFESTS.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith("."))
    lines = ["path\tbytes\tsha256"]
    lines += [f"{p.relative_to(root).as_posix()}\t{p.stat().st_size}\t{sha256_file(p)}" for p in files]
    path = manifest_path(name)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True)
class Verification:
    """Result of checking a dataset folder against its manifest."""

    name: str
    root: Path
    checked: int
    missing: tuple[str, ...]
    mismatched: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched

    def describe(self) -> str:
        if self.ok:
            return f"{self.name}: {self.checked} files verified in {self.root}"
        problems = []
        if self.missing:
            problems.append(f"{len(self.missing)} missing (e.g. {self.missing[0]})")
        if self.mismatched:
            problems.append(f"{len(self.mismatched)} with a different checksum (e.g. {self.mismatched[0]})")
        return f"{self.name}: {'; '.join(problems)} in {self.root}"


def verify(name: str, root: Path | None = None) -> Verification:
    """Check every file of a dataset (sizes first, then SHA-256) against its manifest."""
    root = root or locate(name)
    missing, mismatched = [], []
    entries = read_manifest(name)
    for relative, size, digest in entries:
        path = root / relative
        if not path.is_file():
            missing.append(relative)
        elif path.stat().st_size != size or sha256_file(path) != digest:
            mismatched.append(relative)
    return Verification(name, root, len(entries), tuple(missing), tuple(mismatched))


# --- download -----------------------------------------------------------------------------------


def fetch(name: str, *, force: bool = False, destination: Path = EXTERNAL) -> Verification:
    """Download a dataset's upstream archive, keep the files its manifest lists, and verify them.

    The result lands in ``destination/<name>`` and is marked verified only when every file matches.

    Raises:
        CorpusError: When the download fails or the files do not match the manifest (the partial
            download is removed).
    """
    dataset = get(name)
    if dataset.shipped:
        return verify(name, DATA / dataset.shipped) if manifest_path(name).exists() else \
            Verification(name, DATA / dataset.shipped, 0, (), ())
    target = destination / name
    if (target / ".verified").exists() and not force:
        return verify(name, target)
    entries = read_manifest(name)
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination) as tmp:
        archive = Path(tmp) / "archive.tar.gz"
        try:
            with urllib.request.urlopen(dataset.archive, timeout=120) as response, archive.open("wb") as out:
                shutil.copyfileobj(response, out)
        except OSError as error:
            raise CorpusError(f"{name}: could not download {dataset.archive}: {error}") from None
        staging = Path(tmp) / name
        _extract(archive, staging, folder=dataset.folder or ".", wanted={e[0] for e in entries}, name=name)
        result = verify(name, staging)
        if not result.ok:
            raise CorpusError(f"{name}: downloaded files do not match data/manifests/{name}.tsv: "
                              f"{result.describe()}")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    (target / ".verified").write_text(f"{dataset.archive}\n", encoding="utf-8")
    return verify(name, target)


def _extract(archive: Path, staging: Path, *, folder: str, wanted: set[str], name: str) -> None:
    """Extract the wanted files from ``<top>/<folder>/`` of a GitHub archive."""
    staging.mkdir(parents=True)
    prefix = "" if folder in ("", ".") else folder.strip("/") + "/"
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            parts = member.name.split("/", 1)
            if len(parts) < 2 or not parts[1].startswith(prefix):
                continue
            relative = parts[1][len(prefix):]
            if relative not in wanted or ".." in Path(relative).parts:
                continue
            out = staging / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            source = tar.extractfile(member)
            if source is None:
                raise CorpusError(f"{name}: cannot read {member.name} from the archive")
            with source, out.open("wb") as handle:
                shutil.copyfileobj(source, handle)

