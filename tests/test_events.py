"""Same-event grouping: the command line, grouping cases, the linkage by hand, scores against hand-counted
pairs, the side-by-side table, and the measured grouping on real data (with ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from analysis import events, topic
from analysis.config import ROOT
from tests.conftest import write

NATO_TALKS = [
    ("bbc", "2023-12-06", "Washington told allies to stop NATO membership talks with Ukraine, says MP",
     "Ukrainian lawmaker Oleksiy Goncharenko says US Secretary of State Antony Blinken told European allies to stop "
     "the conversation about Ukraine joining NATO in 2024. Mr Goncharenko wrote on Telegram that several sources in "
     "Washington had confirmed the message and that the presidential office in Kyiv had accepted it, adding that "
     "Ukraine should now focus on joining the European Union."),
    ("aljazeera", "2023-12-05", "US asked Europeans to drop NATO talk with Kyiv, Ukrainian legislator claims",
     "A Ukrainian member of parliament, Oleksiy Goncharenko, claimed on Tuesday that Blinken told the Europeans to "
     "stop the NATO conversation with Ukraine, citing sources in Washington. Goncharenko said Ukraine would not be "
     "granted NATO membership in 2024 and that the presidential office had accepted this, urging Kyiv to "
     "concentrate on the European Union instead."),
]
FLOODS = ("aljazeera", "2023-12-05", "Heavy floods swamp villages in southern Germany after days of rain",
          "Rivers burst their banks across Bavaria on Tuesday, forcing hundreds of residents from their homes as "
          "emergency crews worked through the night. Meteorologists warned that more rain was expected over the "
          "weekend, and farmers said the harvest of winter crops had been badly damaged.")


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=ROOT,
                          check=False)


def test_cli_groups_the_seeds_with_articles_of_the_same_event(tmp_path):
    """The TASS seed (5 December 2023) and two articles we wrote about the same claim group together; the RT
    seed (June) and a same-day article about something else stay apart; --jsonl gives the documented fields."""
    table = pd.DataFrame([*NATO_TALKS, FLOODS], columns=["outlet", "published", "title", "text"])
    path = tmp_path / "others.csv"
    table.to_csv(path, index=False)
    result = run("events", "seeds", str(path), "--map", "outlet=outlet", "--map", "published=published",
                 "--map", "title=title", "--map", "text=text", "--jsonl", "--no-cache")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5 and all(list(r) == events.JSONL_FIELDS for r in records)
    by_doc = {r["doc"]: r for r in records}
    tass = by_doc["tass_2023-12-05_us-wants-allies-to-stop.txt"]
    rt = by_doc["rt_2023-06-11_more-than-ten-nato-states.txt"]
    same = [r for r in records if r["event"] == tass["event"]]
    assert sorted(r["outlet"] for r in same) == ["aljazeera", "bbc", "tass"]
    assert rt["event"] == "e0001" and rt["event"] != tass["event"]   # numbered by date: June first
    floods = [r for r in records if r["outlet"] == "aljazeera" and r["event"] != tass["event"]]
    assert len(floods) == 1 and floods[0]["published"] == "2023-12-05"
    assert "5 articles in 3 events" in result.stderr and "1 covered by two or more outlets" in result.stderr


def test_cli_lists_events_and_checks_its_options(tmp_path):
    path = write(tmp_path / "two.csv", "outlet,published,text\n" + "\n".join(
        f'{o},{d},"{t}. {x}"' for o, d, t, x in NATO_TALKS) + "\n")
    result = run("events", str(path), "--map", "outlet=outlet", "--map", "published=published", "--map", "text=text",
                 "--no-cache", "--window", "0")
    assert result.returncode == 0, result.stderr
    assert "no event is covered by two or more outlets" in result.stdout   # a day apart, window 0 days
    wider = run("events", str(path), "--map", "outlet=outlet", "--map", "published=published", "--map", "text=text",
                "--no-cache", "--window", "1")
    assert "aljazeera, bbc" in wider.stdout and "window 1 days" in wider.stderr
    bad = run("events", str(path), "--map", "outlet=outlet", "--map", "text=text", "--no-cache", "--threshold", "2")
    assert bad.returncode == 2 and bad.stderr.startswith("error: ") and "threshold" in bad.stderr


def _articles(rows: list[tuple[str, str | None, str, str]]) -> pd.DataFrame:
    """Article table rows from (outlet, date or None, language, text)."""
    return pd.DataFrame({"article_id": [f"{o}-{n:04d}" for n, (o, *_rest) in enumerate(rows)],
                         "outlet": [r[0] for r in rows],
                         "published": pd.to_datetime([r[1] for r in rows]),
                         "language": [r[2] for r in rows], "text": [r[3] for r in rows],
                         "title": [r[3].split(".")[0] for r in rows]})


CONVOY = ("A convoy of lorries carrying grain crossed the river bridge near Odesa port at dawn, the harbour master "
          "said, after the shipping corridor reopened for cargo vessels and insurers lowered their premiums")
QUAKE = ("A strong earthquake shook the mountain villages of the northern province overnight, collapsing school "
         "buildings, and rescuers searched the rubble for survivors while aftershocks continued")
CONVOY_RU = ("Колонна грузовиков с зерном пересекла мост через реку у порта Одессы на рассвете, сообщил капитан "
             "порта, после того как коридор для судов снова открыли")


@pytest.mark.parametrize("rows, together, apart", [
    # the same event reported by two outlets on the same day
    ([("bbc", "2023-03-01", "en", CONVOY), ("rt", "2023-03-01", "en", CONVOY + " officials confirmed"),
      ("tass", "2023-03-01", "en", QUAKE)], [(0, 1)], [(0, 2), (1, 2)]),
    # the same words ten days apart are not the same event (window of three days)
    ([("bbc", "2023-03-01", "en", CONVOY), ("rt", "2023-03-11", "en", CONVOY)], [], [(0, 1)]),
    # two days apart they are
    ([("bbc", "2023-03-01", "en", CONVOY), ("rt", "2023-03-03", "en", CONVOY)], [(0, 1)], []),
    # an undated article joins the dated event it matches, by text alone
    ([("bbc", "2023-03-01", "en", CONVOY), ("rt", None, "en", CONVOY + " on Wednesday"),
      ("tass", "2023-03-02", "en", QUAKE)], [(0, 1)], [(1, 2)]),
    # the same report in two languages is not grouped: articles are compared within a language
    ([("bbc", "2023-03-01", "en", CONVOY), ("tass", "2023-03-01", "ru", CONVOY_RU)], [], [(0, 1)]),
])
def test_grouping_cases(rows, together, apart):
    articles = _articles(rows)
    found = events.group(articles).to_numpy()
    for a, b in together:
        assert found[a] == found[b], (rows[a][:2], rows[b][:2])
    for a, b in apart:
        assert found[a] != found[b], (rows[a][:2], rows[b][:2])


def test_event_ids_are_numbered_by_date_and_do_not_depend_on_row_order():
    articles = _articles([("bbc", "2023-03-05", "en", QUAKE), ("rt", "2023-03-01", "en", CONVOY),
                          ("tass", None, "en", "An unrelated note about a chess tournament in the capital"),
                          ("bbc", "2023-03-01", "en", CONVOY)])
    found = events.group(articles)
    assert found.tolist() == ["e0002", "e0001", "e0003", "e0001"]
    shuffled = articles.sample(frac=1, random_state=3)
    assert events.group(shuffled).loc[articles.index].tolist() == found.tolist()
    assert events.group(articles.iloc[0:0]).empty


@pytest.mark.parametrize("pairs, threshold, expected", [
    # 0-1 and 1-2 at 0.5: 0-1 merges first (ties: lower ids); {0,1} with 2 averages (0 + 0.5) / 2 = 0.25
    ([(0, 1, 0.5), (1, 2, 0.5)], 0.3, [0, 0, 2]),
    ([(0, 1, 0.5), (1, 2, 0.5)], 0.25, [0, 0, 0]),
    # the best pair first: 1-2 (0.9) merges before 0-1 (0.6); then {1,2} with 0 averages (0.6 + 0.1) / 2 = 0.35
    ([(0, 1, 0.6), (1, 2, 0.9), (0, 2, 0.1)], 0.4, [0, 1, 1]),
    ([(0, 1, 0.6), (1, 2, 0.9), (0, 2, 0.1)], 0.35, [0, 0, 0]),
    # nothing similar enough: every article is its own event
    ([(0, 1, 0.05)], 0.1, [0, 1, 2]),
])
def test_average_linkage_by_hand(pairs, threshold, expected):
    table = pd.DataFrame(pairs, columns=["i", "j", "similarity"])
    assert events.average_linkage(3, table, threshold=threshold).tolist() == expected


def _pairs_by_hand(predicted, gold, outlets=None):
    both = found = wanted = 0
    for a, b in combinations(range(len(predicted)), 2):
        if outlets is not None and outlets[a] == outlets[b]:
            continue
        same_p, same_g = predicted[a] == predicted[b], gold[a] == gold[b]
        found += same_p
        wanted += same_g
        both += same_p and same_g
    return found, wanted, both


@pytest.mark.parametrize("predicted, gold, outlets", [
    (list("aabbb"), list("xxxyy"), None),
    (list("aabbb"), list("xxxyy"), ["rt", "bbc", "rt", "rt", "bbc"]),
    (list("abcde"), list("xxxxx"), None),
    (list("aaaaa"), list("vwxyz"), ["rt", "rt", "bbc", "tass", "bbc"]),
    (list("aabbccdd"), list("xxyyxxyy"), ["o1", "o2", "o1", "o2", "o3", "o1", "o2", "o3"]),
])
def test_pair_scores_count_pairs_like_a_hand_count(predicted, gold, outlets):
    scores = events.pair_scores(predicted, gold, outlets=outlets)
    found, wanted, both = _pairs_by_hand(predicted, gold, outlets)
    assert (scores["predicted"], scores["gold"], scores["both"]) == (found, wanted, both)
    assert scores["precision"] == pytest.approx(both / found if found else 1.0)
    assert scores["recall"] == pytest.approx(both / wanted if wanted else 1.0)


def test_pair_and_bcubed_scores_of_a_worked_example():
    # predicted {1,2} {3,4,5}; gold {1,2,3} {4,5}: pairs 4 and 4, shared 2 -> P = R = 0.5
    scores = events.pair_scores(list("aabbb"), list("xxxyy"))
    assert (scores["precision"], scores["recall"], scores["f1"]) == (0.5, 0.5, 0.5)
    # B-cubed precision: articles 1,2: 2/2; 3: 1/3; 4,5: 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
    # B-cubed recall: 1,2: 2/3; 3: 1/3; 4,5: 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    b3 = events.bcubed_scores(list("aabbb"), list("xxxyy"))
    assert b3["precision"] == pytest.approx(11 / 15) and b3["recall"] == pytest.approx(11 / 15)


def _mention(family, article_id, outlet, sentence, **fields):
    return {"family": family, "article_id": article_id, "outlet": outlet, "sentence": sentence, "start": 0, **fields}


def test_side_by_side_lays_out_each_outlets_choices_with_examples():
    articles = pd.DataFrame({"article_id": ["rt-1", "rt-2", "bbc-1"], "outlet": ["rt", "rt", "bbc"],
                             "published": pd.to_datetime(["2023-03-01"] * 3), "event": "e0007",
                             "title": ["Kiev regime shells city", "Kiev claims success", "Kyiv says it hit depot"],
                             "text": ["Kiev regime shells city.", "Kiev claims success.", "Kyiv says it hit depot."]})
    mentions = pd.DataFrame([
        _mention("wording", "rt-1", "rt", "The Kiev regime shelled the city.", kind="naming", term="Kiev",
                 variant="russian", category="place_naming", detector="lexicon"),
        _mention("wording", "rt-2", "rt", "Kiev claims success.", kind="naming", term="Kiev", variant="russian",
                 category="place_naming", detector="lexicon"),
        _mention("wording", "rt-1", "rt", "The Kiev regime shelled the city.", kind="label", term="Kiev regime",
                 category="delegitimising", detector="lexicon"),
        _mention("wording", "bbc-1", "bbc", "Kyiv says it hit a depot.", kind="naming", term="Kyiv",
                 variant="ukrainian", category="place_naming", detector="lexicon"),
        _mention("wording", "bbc-1", "bbc", "Kyiv says it hit a depot.", kind="label", term="depot",
                 category="name_calling", detector="tagger"),
        _mention("sourcing", "bbc-1", "bbc", "A military source said the depot burned.", kind="indirect",
                 speaker="A military source", side="ukraine", verb="say", anonymous=True),
        _mention("sourcing", "rt-2", "rt", "Kiev claimed success, Peskov said.", kind="indirect",
                 speaker="Dmitry Peskov", side="russia", verb="claim", anonymous=False),
        _mention("wording", "other-9", "rt", "Not in this event.", kind="naming", term="Kiev", variant="russian",
                 category="place_naming", detector="lexicon"),
    ])
    table = events.side_by_side(articles, mentions, topic=topic.load("ukraine_war"))
    assert list(table.columns) == events.SIDE_BY_SIDE_COLUMNS
    assert table["aspect"].drop_duplicates().tolist() == list(events.ASPECTS)
    assert len(table) == len(events.ASPECTS) * 2 and set(table["event"]) == {"e0007"}
    cell = table.set_index(["aspect", "outlet"])
    assert cell.loc[("naming", "rt"), "choices"] == "Kiev (russian) ×2"   # the other event's mention is not counted
    assert cell.loc[("naming", "bbc"), "choices"] == "Kyiv (ukrainian)"
    assert cell.loc[("labels", "rt"), "choices"] == "Kiev regime (delegitimising)"
    assert cell.loc[("labels", "bbc"), "choices"] == events.NONE_FOUND   # the tagger's labels are left out
    assert cell.loc[("naming", "rt"), "example_article_id"] == "rt-1"
    assert cell.loc[("naming", "rt"), "example_sentence"] == "The Kiev regime shelled the city."
    side = topic.load("ukraine_war").side_name
    expected = f"1 of 1 attributions: {side('ukraine')}: A military source"
    assert cell.loc[("unnamed sources", "bbc"), "choices"] == expected
    assert cell.loc[("verbs", "rt"), "choices"] == f"{side('russia')}: claim"
    assert cell.loc[("designations", "bbc"), "mentions"] == 0
    assert cell.loc[("headlines", "rt"), "choices"] == "Kiev regime shells city | Kiev claims success"
    assert events.wide(table).shape == (len(events.ASPECTS), 2)


def test_table_events_names_each_event_by_its_most_central_article():
    articles = _articles([("bbc", "2023-03-01", "en", CONVOY), ("rt", "2023-03-01", "en", CONVOY + " again"),
                          ("tass", "2023-03-02", "en", CONVOY + " later"), ("bbc", "2023-03-02", "en", QUAKE)])
    found = events.group(articles)
    table = events.table_events(articles, found, min_outlets=2)
    assert list(table.columns) == events.EVENT_COLUMNS and len(table) == 1
    row = table.iloc[0]
    assert (row["articles"], row["outlets"], row["outlet_list"]) == (3, 3, "bbc, rt, tass")
    assert row["article_id"] in set(articles["article_id"][:3])
    assert events.choose_event(articles, found) == row["event"]
    with pytest.raises(events.CorpusError):
        events.choose_event(articles, found, "e9999")


def test_fulltext_gold_set_holds_ids_and_labels_only():
    gold = events.read_fulltext_gold()
    assert list(gold.columns) == ["article_id", "event", "slice"]
    assert set(gold["slice"]) == {"tuning", "test"} and gold["article_id"].is_unique
    labelled = gold[gold["event"] != ""]
    assert (labelled.groupby("event").size() >= 2).all()   # an event label names at least two articles
    tuning = set(labelled.loc[labelled["slice"] == "tuning", "event"])
    test = set(labelled.loc[labelled["slice"] == "test", "event"])
    assert tuning and test and not tuning & test   # no event spans both slices


@pytest.mark.slow
def test_grouping_the_whole_default_corpus_is_fast_and_meets_its_tuning_scores(full_corpus):
    """The measured numbers, as regressions: the tuning articles' pair F1 and the time on the whole corpus."""
    articles = full_corpus.articles.reset_index(drop=True)
    started = pd.Timestamp.now()
    found = events.group(articles)
    assert (pd.Timestamp.now() - started).total_seconds() < 60
    gold = events.read_fulltext_gold()
    gold = gold[gold["slice"] == "tuning"]
    position = pd.Series(np.arange(len(articles)), index=articles["article_id"])
    predicted = found.to_numpy()[position.loc[gold["article_id"]].to_numpy()]
    labels = gold["event"].where(gold["event"] != "", "single:" + gold["article_id"])
    assert events.pair_scores(predicted, labels)["f1"] >= 0.65   # measured 0.706


@pytest.mark.slow
def test_ruwa_events_are_pure_on_held_out_sites(mirror):
    from analysis import corpus

    articles = corpus.load("ruwa").articles.reset_index(drop=True)
    articles = articles[articles["event"].notna()].reset_index(drop=True)
    held_out = events.ruwa_cores(articles) & ~articles["outlet"].isin(events.RUWA_TUNING_SITES)
    found = events.group(articles)
    scores = events.pair_scores(found[held_out], articles.loc[held_out, "event"])
    assert scores["precision"] >= 0.95   # measured 0.989: our events do not mix RUWA's labels
