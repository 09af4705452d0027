"""One cache, keyed by what produced it: every kind of input changes the key, unrelated edits do not, and
every file a stage opens is covered by its key."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from analysis import cache, config, corpus, mentions, topic
from tests.conftest import RT_SEED, TASS_SEED

WORDING = ("analysis.wording", "analysis.mentions")
DESIGNATIONS = ("analysis.designations", "analysis.mentions")
SOURCING = ("analysis.sourcing", "analysis.mentions")
CORPUS = ("analysis.corpus",)
STAGES = {"wording": WORDING, "designations": DESIGNATIONS, "sourcing": SOURCING, "corpus": CORPUS}


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """A copy of the package to edit (the real one is never touched)."""
    target = tmp_path_factory.mktemp("copy") / "analysis"
    shutil.copytree(config.PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def digests(root) -> dict[str, str]:
    return {name: cache.code_digest(modules, root=root) for name, modules in STAGES.items()}


def _append(path, text: str) -> None:
    if path.suffix == ".gz":
        path.write_bytes(path.read_bytes() + b"\0")
    else:
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


# Each edit: (file in the package, the stages whose key must change, the stages whose key must not).
EDITS = [
    ("wording/scarequotes.py", {"wording"}, {"designations", "sourcing", "corpus"}),
    ("wording/lexicon.py", {"wording"}, {"designations", "sourcing", "corpus"}),
    ("tagger/model.py", {"wording"}, {"designations", "sourcing", "corpus"}),
    ("models/loaded_language.json.gz", {"wording"}, {"designations", "sourcing", "corpus"}),
    ("rules/abbreviations.txt", {"wording", "designations", "sourcing", "corpus"}, set()),
    ("lexicons/reporting_verbs.yaml", {"wording", "sourcing"}, {"designations", "corpus"}),
    ("lexicons/hedges.yaml", {"wording"}, {"designations", "sourcing", "corpus"}),
    ("lexicons/designations.yaml", {"designations"}, {"wording", "sourcing", "corpus"}),
    ("designations/grammar.py", {"designations"}, {"wording", "sourcing", "corpus"}),
    ("sourcing/speakers.py", {"sourcing"}, {"wording", "designations", "corpus"}),
    ("text.py", {"wording", "designations", "sourcing", "corpus"}, set()),
    ("quotes.py", {"wording", "designations", "sourcing", "corpus"}, set()),
    ("cues.py", {"wording", "sourcing"}, {"designations", "corpus"}),
    ("cleaning.py", {"corpus"}, {"wording", "designations", "sourcing"}),
    ("rules/furniture.yaml", {"corpus"}, {"wording", "designations", "sourcing"}),
    ("wording/tables.py", set(), {"wording", "designations", "sourcing", "corpus"}),
    ("plots/wording.py", set(), {"wording", "designations", "sourcing", "corpus"}),
]


@pytest.mark.parametrize("relative, changes, keeps", EDITS, ids=[e[0] for e in EDITS])
def test_an_edit_changes_exactly_the_keys_of_the_stages_that_use_it(package_copy, relative, changes, keeps):
    path = package_copy / relative
    assert path.exists(), relative
    original = path.read_bytes()
    before = digests(package_copy)
    try:
        _append(path, "\n# an edit\n")
        after = digests(package_copy)
    finally:
        path.write_bytes(original)
    changed = {stage for stage in STAGES if before[stage] != after[stage]}
    assert changed == changes, f"editing {relative} changed {sorted(changed)}, expected {sorted(changes)}"
    assert not changed & keeps


def test_the_copy_and_the_package_agree():
    """The digest is a function of the files alone (the copy is read statically, never imported)."""
    assert cache.code_digest(WORDING) == cache.code_digest(WORDING, root=config.PACKAGE)


def test_the_topic_pack_and_options_enter_the_key(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(topic.TOPICS / topic.DEFAULT, pack)
    before = cache.key(WORDING, topic=topic.load(pack), options={"family": "wording"})
    _append(pack / "labels.yaml", "\n# an edit\n")
    after = cache.key(WORDING, topic=topic.load(pack), options={"family": "wording"})
    assert before != after
    assert cache.key(WORDING, topic=topic.load(pack), options={"family": "other"}) != after
    assert cache.key(WORDING, topic=topic.load(pack), options={"family": "wording"}, inputs=["a"]) != after


def test_library_versions_enter_the_key():
    _, third = cache.closure(WORDING)
    assert {"ahocorasick", "pandas", "numpy"} <= set(third)
    assert "pyahocorasick" in cache.library_versions(third)


def test_extraction_imports_no_plotting_or_training():
    modules, third = cache.closure(("analysis.wording", "analysis.designations", "analysis.sourcing",
                                    "analysis.mentions"))
    assert not any(m.startswith(("analysis.plots", "analysis.figures", "analysis.corpus")) for m in modules)
    assert not {"matplotlib", "sklearn", "scipy"} & set(third)
    code = ("import sys, analysis.mentions as m; m.extract_text(open(sys.argv[1]).read()); "
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('matplotlib', 'sklearn', 'scipy')))")
    result = subprocess.run([sys.executable, "-c", code, str(RT_SEED)], capture_output=True, text=True,
                            cwd=config.ROOT, check=True)
    assert result.stdout.strip() == "[]"


_AUDIT = textwrap.dedent("""
    import json, sys
    opened = set()
    def hook(event, args):
        if event == "open" and isinstance(args[0], str):
            opened.add(args[0])
    sys.addaudithook(hook)
    stage = sys.argv[1]
    if stage == "corpus":
        from analysis import corpus
        corpus.load(sys.argv[2:], cache=False)
    else:
        from analysis import mentions
        for path in sys.argv[2:]:
            mentions.extract_text(open(path, encoding="utf-8").read(), families=[stage])
    print(json.dumps(sorted(opened)))
""")


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_every_file_a_stage_opens_is_covered_by_its_key(stage):
    """Run the stage in a fresh process and record every file it opens: each one under the package is a
    module of the stage's closure, a file it declares in READS, or a file of the topic pack."""
    result = subprocess.run([sys.executable, "-c", _AUDIT, stage, str(RT_SEED), str(TASS_SEED)],
                            capture_output=True, text=True, cwd=config.ROOT, check=True)
    opened = {p for p in json.loads(result.stdout.splitlines()[-1])}
    modules, _ = cache.closure(STAGES[stage])
    covered = {str(cache.module_file(m)) for m in modules} | {str(p) for p in cache.data_files(modules)}
    pack = str(topic.load().path)
    under_package = {p for p in opened if p.startswith(str(config.PACKAGE)) and "__pycache__" not in p}
    missing = {p for p in under_package if p not in covered and not p.startswith(pack)}
    assert under_package and not missing, f"{stage} opened files its key does not cover: {sorted(missing)}"


def test_mentions_are_cached_per_family_and_an_edit_elsewhere_keeps_them(monkeypatch):
    articles = corpus.load("seeds").articles
    first = mentions.load(articles, families=["designations"])
    entries = sorted(config.CACHE.glob("mentions/designations-*/chunk-*.parquet"))
    assert entries
    pd.testing.assert_frame_equal(first, mentions.load(articles, families=["designations"]))
    assert sorted(config.CACHE.glob("mentions/designations-*/chunk-*.parquet")) == entries
    assert mentions.cache_key("designations", articles, topic.load()) != \
        mentions.cache_key("wording", articles, topic.load())


def test_prune_deletes_entries_unused_for_days_and_a_read_counts_as_use(tmp_path):
    old, read, new = (cache.entry(stage, "a" * cache.KEY_CHARS, ".pickle", folder=tmp_path)
                      for stage in ("old", "read", "new"))
    for path in (old, read, new):
        cache.pickled(path.name.rpartition("-")[0], "a" * cache.KEY_CHARS, lambda: [1, 2], folder=tmp_path)
    folder_entry = tmp_path / f"corpus-{'b' * cache.KEY_CHARS}"
    folder_entry.mkdir()
    (folder_entry / "articles.parquet").write_bytes(b"12345")
    (tmp_path / "not-an-entry.txt").write_text("kept")
    long_ago = time.time() - 40 * 86400
    for path in (old, read, folder_entry):
        os.utime(path, (long_ago, long_ago))
    assert cache.pickled("read", "a" * cache.KEY_CHARS, lambda: None, folder=tmp_path) == [1, 2]   # used now

    assert [(p, size) for p, size, _ in cache.prune(unused_days=30, folder=tmp_path, dry_run=True)] == \
        [(folder_entry, 5), (old, old.stat().st_size)]
    assert folder_entry.exists() and old.exists()
    cache.prune(unused_days=30, folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([read.name, new.name, "not-an-entry.txt"])


def test_the_cache_command_lists_stages_and_prunes(tmp_path, monkeypatch, capsys):
    from analysis.__main__ import main

    monkeypatch.setattr(config, "CACHE", tmp_path)
    path = cache.entry("figure-x", "c" * cache.KEY_CHARS, ".pickle", folder=tmp_path)
    cache.pickled("figure-x", "c" * cache.KEY_CHARS, lambda: list(range(100)), folder=tmp_path)
    assert main(["cache"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split() == ["figure-x", "1", "0.0"]
    os.utime(path, (0, 0))
    assert main(["cache", "--prune", "--dry-run"]) == 0 and path.exists()
    assert "would delete" in capsys.readouterr().out
    assert main(["cache", "--prune", "--unused-days", "1"]) == 0 and not path.exists()
    assert "1 entries" in capsys.readouterr().out
