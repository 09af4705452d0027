"""Topic packs: listing, validation with one-line errors, the skeleton, and the second shipped pack on
sentences we wrote (``tests/data/israel_gaza_cases.jsonl``) and a sample corpus (``data/samples/``)."""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config, corpus, figures, mentions, outputs, schema, topic
from analysis.errors import CorpusError

CASES = Path(__file__).parent / "data" / "israel_gaza_cases.jsonl"
SAMPLE = config.DATA / "samples" / "israel_gaza"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True,
                          cwd=config.ROOT, check=False)


# ---- finding and listing packs -------------------------------------------------------------------------------


def test_shipped_packs_are_listed_and_valid():
    names = [path.name for path in topic.available()]
    assert names == ["israel_gaza", "ukraine_war"]
    for name in names:
        pack = mentions.prepare(name)
        assert pack.side_order[-1] == "unknown" and len(pack.compared_sides) >= 2
    result = run_cli("topics")
    assert result.returncode == 0 and "ukraine_war" in result.stdout and "israel_gaza" in result.stdout


def test_default_pack_and_environment(monkeypatch):
    assert topic.load().name == topic.DEFAULT
    monkeypatch.setenv(topic.ENV, "israel_gaza")
    assert topic.load().name == "israel_gaza"
    assert topic.load(topic.TOPICS / "ukraine_war").name == "ukraine_war"   # a folder works as well as a name


def test_an_unknown_pack_lists_the_packs(tmp_path):
    with pytest.raises(CorpusError, match="no topic pack 'cold_war'; shipped packs: israel_gaza, ukraine_war"):
        topic.load("cold_war")
    with pytest.raises(CorpusError, match="not a topic pack"):
        topic.load(tmp_path)
    result = run_cli("extract", str(config.SEEDS), "--topic", "cold_war")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "israel_gaza, ukraine_war" in result.stderr


# ---- malformed packs: one line naming the file, the entry and the field ---------------------------------------

MALFORMED = [
    ("pack.yaml", "  - {key: ukraine, name: Ukraine, colour:", "  - {key: ukraine, colour:",
     r"pack.yaml: sides\[1\] \(ukraine\): name: field required"),
    ("sources.yaml", "{side: ukraine,", "{side: kyiv,",
     r"sources.yaml: sides\[1\] \(kyiv\): side: 'kyiv' is not a side"),
    ("naming.yaml", "      russian: [Kiev]", "      russian: [Kiev, Kyiv]",
     r"naming.yaml: entries \(Kyiv\): terms: 'kyiv' is claimed twice within kind naming"),
    ("designations.yaml", "ru: ['Росси\\w*',", "ru: ['Росси(\\w*',",
     r"designations.yaml: authorities\[0\] \(Russia\): ru\[0\]: invalid regular expression"),
    ("pack.yaml", "  over_time: [Kyiv, the war]", "  over_time: [Kyiv, Moscow]",
     r"pack.yaml: naming: over_time\[1\]: 'Moscow' is not a naming concept"),
    ("sources.yaml", "side: russia, type: government, role: \"President of Russia\"",
     "side: russia, type: president, role: \"President of Russia\"",
     r"sources.yaml: people\[0\] \(Vladimir Putin\): type: Input should be"),
]


@pytest.mark.parametrize("file, old, new, message", MALFORMED, ids=[m[3].split(":")[1].strip() for m in MALFORMED])
def test_a_malformed_pack_is_one_line_naming_file_entry_and_field(tmp_path, file, old, new, message):
    pack = tmp_path / "broken"
    shutil.copytree(topic.TOPICS / "ukraine_war", pack)
    text = (pack / file).read_text(encoding="utf-8")
    assert old in text, old
    (pack / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        mentions.prepare(pack)
    result = run_cli("topics", "check", str(pack))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {pack / file}") and result.stderr.count("\n") == 1


# ---- a new pack ---------------------------------------------------------------------------------------------


def test_topics_new_writes_a_documented_valid_skeleton(tmp_path):
    result = run_cli("topics", "new", "cold_war", "--folder", str(tmp_path))
    assert result.returncode == 0, result.stderr
    pack = tmp_path / "cold_war"
    assert {p.name for p in pack.iterdir()} >= {"README.md", "pack.yaml", "naming.yaml", "sources.yaml"}
    assert "cold_war" in (pack / "README.md").read_text(encoding="utf-8")
    loaded = mentions.prepare(pack)
    rows = mentions.extract_text("Jane Example said the Exampleton talks had failed.", topic=loaded)
    assert {(r["family"], r["kind"]) for r in rows} >= {("wording", "naming"), ("sourcing", "indirect")}
    assert run_cli("topics", "new", "cold_war", "--folder", str(tmp_path)).returncode == 2   # exists
    assert run_cli("topics", "new", "Cold War", "--folder", str(tmp_path)).returncode == 2   # not a name


# ---- the israel_gaza pack on sentences we wrote ----------------------------------------------------------------


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


#: Cases the generic machinery does not get right yet, each with the reason (strict: a fix is noticed).
KNOWN_MISSES: dict[str, str] = {
    "ig-d07": "an active designation with 'proscribed' as its verb ('Britain proscribed Hamas as ...'): the generic "
              "finite designating verbs lack proscribe",
    "ig-d08": "a designation in a relative clause whose subject is the authority ('which the US and the EU list as')",
    "ig-d13": "a possessive media label attaches to its noun ('mouthpiece'), not to the outlet named earlier",
}


def _found(case: dict) -> list[dict]:
    return mentions.extract_text(case["text"], families=[case["family"]], topic="israel_gaza", language="en")


def _matches(expected: dict, row: dict, text: str) -> bool:
    if row.get("kind") == "loaded" or row.get("detector") == "tagger":
        return False
    family = row["family"]
    if family == "wording":
        return row["kind"] == expected["kind"] and row["canonical"] == expected["canonical"] and \
            ("variant" not in expected or row.get("variant") == expected["variant"]) and \
            row["term"].lower() == expected["term"].lower()
    if family == "designation":
        start = text.find(expected["term"])
        overlaps = start >= 0 and row["start"] < start + len(expected["term"]) and start < row["end"]
        entity = expected["entity"].lower()
        return overlaps and row["designation"] == expected["designation"] and \
            (entity in row["entity"].lower() or row["entity"].lower() in entity)
    speaker = (row.get("speaker") or text[row["source_start"]:row["source_end"]] if row.get("source_start")
               is not None else row.get("speaker") or "")
    return row["verb"] == expected["verb"] and speaker.lower().startswith(expected["speaker"].lower()) and \
        row["side"] == expected["side"] and bool(row["anonymous"]) == bool(expected["anonymous"])


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["id"])
def test_israel_gaza_sentences(case, request):
    if case["id"] in KNOWN_MISSES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_MISSES[case["id"]], strict=True))
    found = [r for r in _found(case) if r.get("detector") != "tagger"]
    if not case["expect"]:
        assert found == [], f"expected nothing, found {[(r['kind'], r['term']) for r in found]}"
    for expected in case["expect"]:
        assert any(_matches(expected, row, case["text"]) for row in found), \
            f"{expected} not among {[(r['kind'], r['term'], r.get('entity') or r.get('speaker')) for r in found]}"


# ---- end to end on the sample corpus -------------------------------------------------------------------------


def test_sample_corpus_reads_every_article():
    loaded = corpus.load(str(SAMPLE), cache=False)
    assert len(loaded.articles) == 24 and set(loaded.articles["outlet"]) == {
        "reuters", "timesofisrael", "aljazeera", "wafa", "rt"}
    assert loaded.articles["published"].notna().all()
    assert set(loaded.skipped["reason"]) == {"not_an_article"}   # the README


@pytest.mark.slow
def test_figures_of_the_second_pack_use_its_concepts_and_sides():
    paths = figures.build_all(str(SAMPLE), topic="israel_gaza")
    pack = topic.load("israel_gaza")
    folder = outputs.figures_folder(str(SAMPLE), pack)
    assert {p.parent for p in paths} == {folder} and folder != config.FIGURES
    import pandas as pd

    sides = pd.read_csv(folder / "sourcing_sides_types.csv")
    assert set(sides.loc[sides["dimension"] == "side", "value"]) == set(pack.side_order)
    over_time = pd.read_csv(folder / "naming_over_time.csv")
    assert set(over_time["usage"]) <= {pack.usage.name}
    shares = pd.read_csv(folder / "naming_shares.csv")
    assert set(shares["variant"]) & {"palestinian", "israeli_official"}
    assert (outputs.processed(str(SAMPLE), pack) / "mentions_sourcing.parquet").exists()
    manifest = json.loads((outputs.processed(str(SAMPLE), pack) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["topic"] == "israel_gaza" and set(manifest["families"]) == set(mentions.FAMILIES)


def test_schema_names_the_norway_problem(tmp_path):
    data = {"title": "t", "description": "d", "languages": ["en"], "naming": {"usage": {
        "name": "u", "label": "l", "variants": ["x"], "note": "n", "source": "s"}},
            "sides": [{"key": "a", "name": "A", "colour": "#000000", "countries": [False], "note": "n", "source": "s"}]}
    with pytest.raises(CorpusError, match=r"countries\[0\]: .*put the value in quotes"):
        schema.validate(schema.PackFile, data, tmp_path / "pack.yaml")


# ---- the code knows how to read a pack, never which conflict it is about -------------------------------------

_TOPIC_WORDS = re.compile(r"Kyiv|Kiev|Kremlin|Moscow|Zelensk|Putin|Donbas|Donetsk|Crimea|Киев|Кремл|Москв|Израил|"
                          r"Israel|Gaza|Hamas|\bukraine\b|\brussia\b|\bРосси[яи]\b|\bРФ\b", re.IGNORECASE)


def _code_strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings (docstrings may give examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_no_topic_knowledge_in_the_code():
    found = [f"{path.relative_to(config.ROOT)}:{line}: {value[:60]!r}"
             for path in sorted(config.PACKAGE.rglob("*.py")) for line, value in _code_strings(path)
             if _TOPIC_WORDS.search(value)]
    assert found == []
    assert not [p for p in config.PACKAGE.glob("*.py") if re.search("Kyiv", p.read_text(encoding="utf-8"))]
