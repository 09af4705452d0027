"""Cleaning: the seeds exactly, the BBC bodies, and each rule on real lines."""

from __future__ import annotations

import csv

import pytest

from analysis import cleaning
from analysis.config import load_outlets
from analysis.errors import CorpusError
from tests.conftest import CORPORA, RT_SEED, TASS_SEED, needs_shared, write

RT_FURNITURE = ["icon", "bookmark", "HomeWorld News", "©", "Dimitar Dilkoff", "READ MORE", "Top stories",
                "RT Features", "petri dish", "Kakhovka", "Podcasts", "0:00", "RT News App", "cookies",
                "All rights reserved", "عربي"]


def test_rt_seed_starts_at_headline_and_ends_with_last_paragraph():
    cleaned = cleaning.clean_article(RT_SEED.read_text(encoding="utf-8"), outlet="rt")
    text = cleaning.compose(cleaned.title, cleaned.body)
    assert cleaned.title == "More than ten NATO states don’t support Ukraine's bid – Kiev"
    assert text.startswith("More than ten NATO states don’t support Ukraine's bid – Kiev\n\n"
                           "The other 21 member states have already assured Ukraine of support")
    assert text.endswith("among the main reasons for launching its military operation in Ukraine more than a year ago.")
    for furniture in RT_FURNITURE:
        assert furniture not in text, furniture
    assert text.count("More than ten NATO states don’t support") == 1   # the repeated headline is gone
    assert "the US-led military bloc" in text and "Zhovkva wrote on Facebook" in text
    assert "“unlikely”" not in text and "NATO membership ‘unlikely’" not in text   # the READ MORE teaser


def test_tass_seed_drops_all_news_and_keeps_dateline():
    cleaned = cleaning.clean_article(TASS_SEED.read_text(encoding="utf-8"), outlet="tass")
    text = cleaning.compose(cleaned.title, cleaned.body)
    assert text.startswith("US wants allies to stop talking to Kiev about joining NATO — Ukrainian lawmaker\n\n"
                           "According to his claims, Washington")
    assert "All news" not in text
    assert "MOSCOW, December 5. /TASS/. Ukraine should accept" in text
    assert "(designated as terrorist and extremist in Russia)" in text
    assert text.endswith("is to make sure that Ukraine remains neutral.")


BBC_FURNITURE = ["BBC Homepage", "Skip to content", "Accessibility Help", "Shareclose panel", "Copy link",
                 "Related Topics", "More on this story", "Top Stories", "Most Read", "BBC News Services",
                 "Elsewhere on the BBC", "Terms of Use", "© 2023 BBC", "external linking", "Image caption",
                 "Image source", "This video can not be played", "enable JavaScript", "Published"]


@needs_shared("corpora", "aj_bbc_2023")
def test_bbc_bodies_lose_navigation_and_footer():
    with (CORPORA / "aj_bbc_2023" / "bbc.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 201
    words = []
    for row in rows:
        cleaned = cleaning.clean_article(row["article"], outlet="bbc")
        assert cleaned.title and " - BBC News" not in cleaned.title
        for furniture in BBC_FURNITURE:
            assert furniture not in cleaned.body, (row["link"], furniture)
        words.append(len(cleaned.body.split()))
    first = cleaning.clean_article(rows[0]["article"], outlet="bbc")
    assert first.title == "Ukraine war: The renowned airman fighting from a low-flying helicopter"
    assert first.body.startswith("The best way to come back alive is to stay low")
    assert sorted(words)[len(words) // 2] > 300   # the median body is an article, not a stub


@pytest.mark.parametrize("line, rule", [
    ("date 2023-06-11 icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon chevron lefticon",
     "icon_bar"),
    ("11 Jun, 2023 14:51", "date_only"),
    ("26:20", "time_only"),
    ("NATO membership ‘unlikely’ for Ukraine now – US ambassador READ MORE: NATO membership", "read_more"),
    ("NATO head Jens Stoltenberg (L) and Ukrainian President Vladimir Zelensky give a joint press conference "
     "in Kiev. ©  AFP / Dimitar Dilkoff", "copyright"),
    ("This website uses cookies. Read RT Privacy policy to find out more.", "cookies"),
    ("Anna Merchuk, 18, co-founded a charity in Milton Keynes [Courtesy of Anna Merchuk]", "bracketed_credit"),
    ("By Marc Foreman", "byline"),
    ("THANK YOU FOR READING TO THE END.SHARE INFORMATION ON SOCIAL NETWORKS. IT'S IMPORTANT!", "call_to_share"),
    ("عربيespрусdefrrs", "script_mix"),
    ("Kiev has already signed declarations of support for its membership in NATO.", None),
    ("By then, the offensive had stalled.", None),
    ("On 24 February 2022, Vladimir Putin sent troops into Ukraine.", None),
])
def test_line_rules(line, rule):
    assert cleaning.furniture_rule(line, cleaning.line_rules()) == rule


def test_long_paragraph_mentioning_a_marker_is_kept():
    paragraph = ("The outlet added a note " * 20) + "© AFP and READ MORE: were in the page it quoted."
    assert cleaning.furniture_rule(paragraph, cleaning.line_rules()) is None


@pytest.mark.parametrize("glued, paragraphs", [
    ("like many others, they had no choice but to leave their home.They fled their western city.",
     ["like many others, they had no choice but to leave their home.", "They fled their western city."]),
    ("“We were discussing it,” Anna told Al Jazeera.Anna Merchuk, 18, co-founded a charity [Courtesy of Anna]“So we",
     ["“We were discussing it,” Anna told Al Jazeera.", "Anna Merchuk, 18, co-founded a charity [Courtesy of Anna]",
      "“So we"]),
    ('was "creating a devastating and deadly legacy".He said', ['was "creating a devastating and deadly legacy".',
                                                                "He said"]),
    ('to "support communities facing the consequences of war"."As a result',
     ['to "support communities facing the consequences of war".', '"As a result']),
    ("Mr.Smith met Dr.Jones in the U.S.Then", ["Mr.Smith met Dr.Jones in the U.S.Then"]),
    ("It costs 3.5 billion.", ["It costs 3.5 billion."]),
])
def test_unglue(glued, paragraphs):
    assert cleaning.unglue(glued).split("\n") == paragraphs


def test_unwrap_joins_hard_wrapped_lines_only():
    lines = ["between anti government protesters and radical nationalists in", "the city after the radical groups",
             "Mayor Kernes said they were armed.", "Second paragraph starts here"]
    assert cleaning.unwrap(lines) == [
        "between anti government protesters and radical nationalists in the city after the radical groups",
        "Mayor Kernes said they were armed.", "Second paragraph starts here"]


@pytest.mark.parametrize("raw, expected", [
    ("Ukraine´s war", "Ukraine’s war"),
    ("´Settling somewhere new is hard´", "‘Settling somewhere new is hard’"),
    ("no\u00a0break and\u200bzero width", "no break andzero width"),
    ("“curly” – dashes — kept", "“curly” – dashes — kept"),
])
def test_normalise_characters(raw, expected):
    assert cleaning.normalise_characters(raw) == expected


@pytest.mark.parametrize("title, outlet, expected", [
    ("‘We’ll fight to the end.’ Ukraine defiant (18.01.22 18:23) « War in Ukraine | Censor.NET", "censor",
     "‘We’ll fight to the end.’ Ukraine defiant"),
    ("Ukraine war: The airman fighting Ukraine´s war in the sky - BBC News", "bbc",
     "Ukraine war: The airman fighting Ukraine’s war in the sky"),
    ("Kremlin says talks stalled | Reuters", "reuters", "Kremlin says talks stalled"),
    ("Russia - Ukraine talks", "reuters", "Russia - Ukraine talks"),
    (None, "rt", None),
])
def test_clean_title(title, outlet, expected):
    assert cleaning.clean_title(title, outlet=outlet) == expected


def test_learned_boilerplate_counts_distinct_articles_and_keeps_long_paragraphs():
    stock = "Russia launched its military operation in Ukraine on February 24, 2022, citing the need to protect Donbas."
    bodies = {"site": [f"Story {i} happened today.\n\nSubscribe to our channel\n\n{stock}" for i in range(30)],
              "small": ["Subscribe to our channel"] * 5}
    learned = cleaning.learn_boilerplate(bodies)
    assert learned == {"site": frozenset({"Subscribe to our channel"})}
    body, removed = cleaning.remove_boilerplate(bodies["site"][0], learned["site"])
    assert removed == 1 and body == f"Story 0 happened today.\n\n{stock}"


def test_malformed_outlet_registry_names_file_and_entry(tmp_path):
    bad = write(tmp_path / "outlets.yaml", "groups: {russian_state: state media}\noutlets:\n  rt:\n    name: RT\n"
                "    group: russian_state\n    colour: '#C0392B'\n    signatures: ['(unclosed']\n")
    with pytest.raises(CorpusError, match=r"outlets.yaml: outlet 'rt' signatures: invalid regular expression"):
        load_outlets(bad)
    bad.write_text("groups: {russian_state: state media}\noutlets:\n  rt:\n    name: RT\n    colour: red\n",
                   encoding="utf-8")
    with pytest.raises(CorpusError, match="outlet 'rt' needs a text field 'group'"):
        load_outlets(bad)


def test_malformed_furniture_rules_name_the_rule(tmp_path):
    bad = write(tmp_path / "furniture.yaml", "drop_lines:\n  broken: '[unclosed'\ntrailer_lines: {}\n")
    with pytest.raises(CorpusError, match="rule 'broken': invalid regular expression"):
        cleaning.load_line_rules(bad)
