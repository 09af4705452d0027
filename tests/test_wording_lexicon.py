"""Lexicon matching: boundaries, case, hyphens, apostrophes, plurals, possessives, Russian cases."""

from __future__ import annotations

import pytest

from analysis import topic
from analysis.errors import CorpusError
from analysis.wording import lexicon
from tests.conftest import write


def found(text: str, kind: str | None = None) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.entry.canonical, m.entry.variant) for m in default().find(text)
            if kind is None or m.entry.kind == kind]


def default() -> lexicon.Lexicon:
    return lexicon.for_topic(topic.load("ukraine_war"))


@pytest.mark.parametrize("sentence, kind, expected", [
    ("Kiev has already signed declarations of support", "naming", [("Kiev", "Kyiv", "russian")]),
    ("Kyiv’s push to join NATO", "naming", [("Kyiv’s", "Kyiv", "ukrainian")]),
    ("Russian forces shelled Kharkov and Artyomovsk overnight", "naming",
     [("Kharkov", "Kharkiv", "russian"), ("Artyomovsk", "Bakhmut", "russian")]),
    ("the goals of its special military operation", "naming", [("special military operation", "the war",
                                                                 "official_russian")]),
    ("a year after the full-scale invasion began", "naming", [("full-scale invasion", "the war", "invasion")]),
    ("the reunification of Crimea with Russia in 2014", "naming",
     [("reunification of Crimea with Russia", "Crimea 2014", "official_russian")]),
    ("Ukraine to join the US-led military bloc", "descriptor", [("US-led military bloc", "NATO", None)]),
    ("the US led military bloc", "descriptor", [("US led military bloc", "NATO", None)]),
    ("accepted into the North Atlantic Alliance in due time", "descriptor",
     [("North Atlantic Alliance", "NATO", None)]),
    ("The Kiev regime shelled Donetsk again", "label", [("Kiev regime", "Kiev regime", None)]),
    ("fighting alongside neo-Nazis from Azov", "label", [("neo-Nazis", "neo-Nazis", None)]),
    ("the orcs retreated from the village", "label", [("orcs", "orcs", None)]),
    ("Goncharenko claims that Washington", "hedge", [("claims", "claims", None)]),
    ("the so-called referendum in Kherson", "hedge", [("so-called", "alleged", None)]),
    ("the claims could not be independently verified", "hedge",
     [("claims", "claims", None), ("could not be independently verified", "unverified", None)]),
    ("Подразделения киевского режима отступили", "label", [("киевского режима", "Kiev regime", None)]),
    ("в ходе специальной военной операции", "naming", [("специальной военной операции", "the war",
                                                        "official_russian")]),
])
def test_terms_are_found(sentence, kind, expected):
    assert found(sentence, kind) == expected


@pytest.mark.parametrize("sentence", [
    "The Kievan Rus chronicles",          # not the word Kiev
    "a Donbassy sound",                   # not a whole word
    "he would be there by noon",          # "would-be" must not match a modal
    "Russian forces crossed the regime's border",  # "regime" alone is no label
])
def test_no_false_matches(sentence):
    assert found(sentence, "naming") == [] and found(sentence, "label") == [] and found(sentence, "hedge") == []


def test_overlaps_keep_the_longest_within_a_kind_and_both_across_kinds():
    matches = default().find("The Kiev regime and the US-led military bloc")
    assert [(m.text, m.entry.kind) for m in matches] == [
        ("Kiev", "naming"), ("Kiev regime", "label"), ("US-led military bloc", "descriptor")]


def test_offsets_match_the_original_text_with_curly_apostrophes_and_cyrillic():
    text = "«Киев» и Kyiv’s allies; ЁЛКА Kiev"
    for match in default().find(text):
        assert text[match.start:match.end] == match.text


def test_every_entry_documents_its_source():
    entries = default().entries
    assert len(entries) > 60
    assert all(e.note and e.source for e in entries)
    assert {e.kind for e in entries} == {"naming", "label", "descriptor", "hedge"}


@pytest.mark.parametrize("content, message", [
    ("kind: label\nentries:\n  - canonical: X\n    category: c\n    terms: [x]\n    note: n\n",
     r"bad.yaml: entries\[0\] \(X\): source: field required"),
    ("kind: colour\nentries: []\n", r"bad.yaml: kind: Input should be 'naming', 'label'"),
    ("kind: label\nentries:\n  - canonical: X\n    category: c\n    terms: [x]\n    forms: {a: [y]}\n"
     "    note: n\n    source: s\n", r"entries\[0\] \(X\): give either 'terms'"),
    ("kind: label\nentries:\n  - canonical: X\n    category: c\n    terms: [x]\n    note: n\n"
     "    source: s\n    inflect: fr\n", r"entries\[0\] \(X\): inflect: Input should be 'en', 'possessive'"),
    ("kind: label\nentries:\n  - {canonical: X, category: c, terms: [x], note: n, source: s, colour: red}\n",
     r"entries\[0\] \(X\): colour: unknown field"),
    ("kind: label\nentries: [\n", "bad.yaml: not valid YAML"),
])
def test_malformed_lexicon_names_file_and_entry(tmp_path, content, message):
    path = write(tmp_path / "bad.yaml", content)
    with pytest.raises(CorpusError, match=message):
        lexicon.load([path])


def test_one_term_with_two_meanings_is_an_error(tmp_path):
    path = write(tmp_path / "clash.yaml", "kind: label\nentries:\n"
                 "  - {canonical: A, category: c, terms: [junta], note: n, source: s}\n"
                 "  - {canonical: B, category: d, terms: [junta], note: n, source: s}\n")
    with pytest.raises(CorpusError, match=r"clash.yaml: entries \(B\): terms: 'junta' is claimed twice within kind "
                                          r"label: also by A"):
        lexicon.load([path])
