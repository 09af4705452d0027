"""Is a stored result still valid? One cache for every stage, keyed by everything that produced it.

A stage (loading a corpus, one family's mentions, the tagger's out-of-fold scores) is named by its
*entry modules*. Its key is a SHA-256 over

* the source of every module of ``analysis/`` the stage imports: the closure of its entry modules,
  found by reading their ``import`` statements (imports inside functions included, so the closure is
  never smaller than what runs), with the ``__init__.py`` of every package on the way;
* every data file those modules read, declared beside the code that reads it in a module-level
  ``READS`` tuple of globs relative to the package (``READS = ("rules/abbreviations.txt",)``);
* the versions of the third-party distributions those modules import, or read data from without
  importing (declared in ``LIBRARIES``), since a new pandas or vaderSentiment may change results;
* the topic pack's digest where the stage reads one (:attr:`analysis.topic.Topic.digest`), the stage's
  options, and its inputs (article texts, or the size and time of every input file), given by the caller.

No version string is bumped by hand. Editing ``scarequotes.py`` or ``rules/abbreviations.txt`` changes
the key of every stage that imports or reads them, and only those: an edit to the designations grammar
leaves the wording cache valid. ``tests/test_cache.py`` checks both on a copy of the package, and that
every file a stage actually opens is covered.

Entries are files (or folders) in ``data/cache/`` named ``<stage>-<key>``; they are written to a
temporary name and renamed, so a reader never sees half an entry and several processes may fill the
same entry at once.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import config

PACKAGE_NAME = "analysis"
#: Characters of the hex digest used in entry names (96 bits).
KEY_CHARS = 24
#: Module-level tuples of strings a module declares for its key: the data files it reads, the libraries it
#: reads data from without importing them.
DECLARED = ("READS", "LIBRARIES")
#: Days a keyed entry may go unused before :func:`prune` deletes it (``python -m analysis cache --prune``).
PRUNE_DAYS = 30
#: Source files whose parsed imports and declarations are kept (the package has about two hundred).
FILE_FACTS_KEPT = 1024


# ---- what a stage is made of ----------------------------------------------------------------------------------


def module_file(module: str, *, root: Path = config.PACKAGE) -> Path | None:
    """The source file of ``analysis.x.y`` under ``root`` (the package folder), or None if it is not a module."""
    parts = module.split(".")[1:]
    base = root.joinpath(*parts)
    for candidate in (base.with_suffix(".py") if parts else None, base / "__init__.py"):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


def _imports(path: Path, module: str) -> tuple[set[str], set[str]]:
    """The ``analysis`` modules and the third-party top-level names one file imports."""
    ours, theirs = _file_facts(path.read_bytes(), path)[0]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    resolved = set()
    for level, source in ours:
        if level:
            base = ".".join(package.split(".")[: len(package.split(".")) - level + 1])
            source = f"{base}.{source}" if source else base
        resolved.add(source)
    return {name for name in resolved if name.split(".")[0] == PACKAGE_NAME}, set(theirs)


@lru_cache(maxsize=FILE_FACTS_KEPT)
def _file_facts(source: bytes, path: Path) -> tuple[tuple[frozenset, frozenset], dict[str, tuple]]:
    """One parse of a source file's bytes, kept while the file holds them: its imports (``(level, name)`` of every
    imported module, relative ones unresolved; third-party top-level names) and its declared tuples
    (:data:`DECLARED`). A run keys a dozen stages whose closures share most files; parsing each file
    once instead of once per stage saves seconds on every cached rerun."""
    tree = ast.parse(source, filename=str(path))
    ours: set[tuple[int, str]] = set()
    theirs: set[str] = set()
    for node in _walk_runtime(tree):
        if isinstance(node, ast.Import):
            names = [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source = node.module or ""
            names = [(node.level, source)] + [(node.level, f"{source}.{alias.name}" if source else alias.name)
                                              for alias in node.names]
        else:
            continue
        for level, name in names:
            top = name.split(".")[0]
            if level or top == PACKAGE_NAME:
                ours.add((level, name))
            elif top and top not in sys.stdlib_module_names and top != "__future__":
                theirs.add(top)
    declarations = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) \
            else []
        for target in targets:
            if isinstance(target, ast.Name) and target.id in DECLARED and node.value is not None:
                declarations.setdefault(target.id, tuple(ast.literal_eval(node.value)))
    return (frozenset(ours), frozenset(theirs)), declarations


def _walk_runtime(tree: ast.AST):
    """Every node that can run: ``if TYPE_CHECKING:`` blocks are for type checkers only."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child.test):
                todo.extend(child.orelse)
            else:
                todo.append(child)


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def closure(modules: Iterable[str], *, root: Path = config.PACKAGE) -> tuple[list[str], list[str]]:
    """Every ``analysis`` module the entry modules import, directly or not, and the third-party names.

    Returns:
        (sorted module names, sorted third-party top-level import names).
    """
    seen: set[str] = set()
    third: set[str] = set()
    todo = list(modules)
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):   # importing a.b.c runs a/__init__ and a/b/__init__ too
            prefix = ".".join(parts[:depth])
            path = module_file(prefix, root=root)
            if path is None or prefix in seen:
                continue
            seen.add(prefix)
            ours, theirs = _imports(path, prefix)
            third |= theirs | set(declared(path, "LIBRARIES"))
            todo.extend(ours)
    return sorted(seen), sorted(third)


def declared(path: Path, name: str) -> tuple[str, ...]:
    """A module's top-level tuple of strings ``name`` (one of :data:`DECLARED`), read without importing it."""
    if name not in DECLARED:
        raise ValueError(f"{name!r} is not a declared name ({', '.join(DECLARED)})")
    return _file_facts(path.read_bytes(), path)[1].get(name, ())


def data_files(modules: Iterable[str], *, root: Path = config.PACKAGE) -> list[Path]:
    """Every data file declared (``READS``) by the given modules, sorted."""
    files: set[Path] = set()
    for module in modules:
        path = module_file(module, root=root)
        for pattern in declared(path, "READS") if path else ():
            files.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(files)


@cache
def _distributions() -> Mapping[str, list[str]]:
    return importlib.metadata.packages_distributions()


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """``distribution -> version`` for third-party top-level import names (unknown names are skipped)."""
    versions = {}
    for name in names:
        for distribution in _distributions().get(name, ()):
            try:
                versions[distribution] = importlib.metadata.version(distribution)
            except importlib.metadata.PackageNotFoundError:
                continue
    return dict(sorted(versions.items()))


def code_digest(modules: Iterable[str], *, root: Path = config.PACKAGE) -> str:
    """SHA-256 over the closure's sources, its declared data files and its libraries' versions."""
    modules = tuple(sorted(modules))
    if root == config.PACKAGE:
        return _code_digest(modules)
    return _compute_code_digest(modules, root)


@cache
def _code_digest(modules: tuple[str, ...]) -> str:
    return _compute_code_digest(modules, config.PACKAGE)


def _compute_code_digest(modules: tuple[str, ...], root: Path) -> str:
    names, third = closure(modules, root=root)
    digest = hashlib.sha256()
    for name in names:
        digest.update(f"module {name}\0".encode())
        digest.update(module_file(name, root=root).read_bytes())
    for path in data_files(names, root=root):
        digest.update(f"data {path.relative_to(root).as_posix()}\0".encode())
        digest.update(path.read_bytes())
    digest.update(json.dumps(library_versions(third)).encode())
    return digest.hexdigest()


def key(modules: Iterable[str], *, topic=None, options: Mapping | None = None, inputs: Iterable[str | bytes] = (),
        root: Path = config.PACKAGE) -> str:
    """The cache key of a stage: its code and data (:func:`code_digest`), the topic pack, options and inputs.

    Args:
        modules: The stage's entry modules (``("analysis.wording", "analysis.mentions")``).
        topic: The :class:`analysis.topic.Topic` the stage reads, if any.
        options: Everything else that changes the result (JSON-serialisable, or given by ``repr``).
        inputs: The stage's inputs, in order (article ids and texts, file names with sizes and times).
        root: The package folder (a copy, in tests).
    """
    digest = hashlib.sha256(code_digest(modules, root=root).encode())
    digest.update(f"\0topic {topic.digest if topic is not None else '-'}\0".encode())
    digest.update(json.dumps(options or {}, sort_keys=True, default=repr).encode())
    for item in inputs:
        digest.update(b"\0")
        digest.update(item if isinstance(item, bytes) else item.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:KEY_CHARS]


# ---- entries ------------------------------------------------------------------------------------------------


def entry(stage: str, stage_key: str, suffix: str = ".parquet", *, folder: Path | None = None) -> Path:
    """Where the entry of a stage and key lives (``data/cache/mentions-wording-<key>.parquet``)."""
    return (folder or config.CACHE) / f"{stage}-{stage_key}{suffix}"


def pickled(stage: str, stage_key: str, compute: Callable[[], object], *, enabled: bool = True,
            folder: Path | None = None) -> object:
    """A value of plain Python and numpy objects from the cache, or computed and stored (atomically)."""
    if not enabled:
        return compute()
    path = entry(stage, stage_key, ".pickle", folder=folder)
    if path.exists():
        _used(path)
        return pickle.loads(path.read_bytes())
    value = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    staging.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    os.replace(staging, path)
    return value


def frame(stage: str, stage_key: str, compute: Callable[[], pd.DataFrame], *, enabled: bool = True,
          folder: Path | None = None) -> pd.DataFrame:
    """A table from the cache, or computed and stored (atomically) when absent."""
    if not enabled:
        return compute()
    path = entry(stage, stage_key, folder=folder)
    if path.exists():
        _used(path)
        return pd.read_parquet(path)
    table = compute()
    write_frame(table, path)
    return table


def write_frame(table: pd.DataFrame, path: Path, *, metadata: Mapping[str, str] | None = None) -> None:
    """Write a Parquet file under a temporary name, then rename it: readers never see half a file. ``metadata``
    is added to the file's key-value metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_name(f".{path.name}.{os.getpid()}")
    if metadata:
        arrow = pa.Table.from_pandas(table, preserve_index=False)
        arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}),
                                               **{k.encode(): v.encode() for k, v in metadata.items()}})
        pq.write_table(arrow, staging)
    else:
        table.to_parquet(staging, index=False)
    os.replace(staging, path)


def write_folder(tables: Mapping[str, pd.DataFrame], folder: Path) -> None:
    """Write several tables into ``folder`` as ``<name>.parquet``, atomically as a whole."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}-"))
    for name, table in tables.items():
        table.to_parquet(staging / f"{name}.parquet", index=False)
    try:
        staging.rename(folder)
    except OSError:  # another process stored the same entry first
        shutil.rmtree(staging, ignore_errors=True)


def read_folder(folder: Path, names: Iterable[str]) -> dict[str, pd.DataFrame] | None:
    """The tables of a folder entry, or None when it is absent or incomplete."""
    paths = {name: folder / f"{name}.parquet" for name in names}
    if not all(p.exists() for p in paths.values()):
        return None
    _used(folder)
    return {name: pd.read_parquet(path) for name, path in paths.items()}


def _used(path: Path) -> None:
    """Mark an entry as used now (its modification time), so that :func:`prune` keeps what is in use."""
    with contextlib.suppress(OSError):   # a read-only cache, or removed meanwhile: the entry is still read
        os.utime(path)


# ---- pruning ------------------------------------------------------------------------------------------------


def entries(folder: Path | None = None) -> list[tuple[str, Path]]:
    """``(stage, path)`` of every keyed entry in the cache folder (``<stage>-<key>[.suffix]``), by name."""
    found = []
    for path in sorted((folder or config.CACHE).glob("*")):
        stage, _, rest = path.name.partition(".")[0].rpartition("-")
        if stage and len(rest) == KEY_CHARS and all(c in "0123456789abcdef" for c in rest):
            found.append((stage, path))
    return found


def size(path: Path) -> int:
    """Bytes of a file, or of every file under a folder."""
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size if path.exists() else 0


def remove(path: Path) -> None:
    """Delete an entry (file or folder); one another process removed first is not an error."""
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def prune(*, unused_days: float = PRUNE_DAYS, folder: Path | None = None, dry_run: bool = False,
          ) -> list[tuple[Path, int, str]]:
    """Delete the keyed entries not used for ``unused_days`` days (an entry is used when written or read).

    A key names everything that produced an entry, so an entry of old code, an old pack or a corpus since changed
    is never read again but is never overwritten either; this is how it goes. A pruned entry that is still
    wanted is simply computed again. Returns ``(path, bytes, reason)`` of each entry deleted (or, with
    ``dry_run``, that would be).
    """
    limit = time.time() - unused_days * 86400
    pruned = []
    for _stage, path in entries(folder):
        try:
            used = path.stat().st_mtime
        except OSError:
            continue
        if used < limit:
            pruned.append((path, size(path), f"unused for {(time.time() - used) / 86400:.0f} days"))
            if not dry_run:
                remove(path)
    return pruned
