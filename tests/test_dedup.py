"""Deduplication: which copies are merged, which kept, and what is never merged."""

from __future__ import annotations

import pandas as pd

from analysis import dedup

STORY = ("Billionaire George Soros is back in Kiev to discuss the country's economic reconstruction. Soros met "
         "Prime Minister Arseniy Yatsenyuk and other officials, who asked for help attracting investment, and the "
         "talks covered the banking system, energy reform, the fight against corruption and the restructuring of "
         "state companies that have been losing money for years while the war in the east drained the budget.")
STRIPPED = STORY.replace("'", " ").replace(".", "")   # rt_thesis copies lost apostrophes and full stops
EDITED = STORY.replace("for years", "for a decade")  # an updated version of the story
OTHER = ("Russian Foreign Ministry Spokeswoman Maria Zakharova said Moscow's stance on NATO membership had not "
         "changed since 2008 and that the alliance's promise to accept Kiev remained a threat to national security, "
         "adding that the goals of the operation would be achieved whatever Washington decided about new aid.")


def frame(rows):
    return pd.DataFrame([{"article_id": i, "outlet": o, "source": f"f.csv:{n}", "url": u, "body": b}
                         for n, (i, o, u, b) in enumerate(rows, start=1)])


def test_punctuation_variants_keep_the_most_complete_copy():
    result = dedup.find_duplicates(frame([("rt-1", "rt", "u1", STRIPPED), ("rt-1", "rt", "u1", STORY)]))
    assert result.keep.tolist() == [False, True]
    assert result.duplicates[["kept_source", "dropped_source", "match"]].values.tolist() == [
        ["f.csv:2", "f.csv:1", "punctuation"]]


def test_exact_and_near_copies_under_other_urls():
    result = dedup.find_duplicates(frame([("rt-1", "rt", "u1", STORY), ("rt-2", "rt", "u2", STORY),
                                          ("rt-3", "rt", "u3", EDITED), ("rt-4", "rt", "u4", OTHER)]))
    assert result.keep.tolist() == [True, False, False, True]
    matches = dict(zip(result.duplicates["dropped_source"], result.duplicates["match"]))
    assert matches == {"f.csv:2": "exact", "f.csv:3": "near"}
    assert result.duplicates.loc[result.duplicates["match"] == "near", "similarity"].iloc[0] >= dedup.NEAR_THRESHOLD


def test_copies_by_different_outlets_are_not_merged():
    result = dedup.find_duplicates(frame([("rt-1", "rt", "u1", STORY), ("rrn-1", "rrn", "u2", STORY)]))
    assert result.keep.all() and result.duplicates.empty


def test_same_url_with_different_text_is_a_conflict_not_a_duplicate():
    result = dedup.find_duplicates(frame([("bbc-1", "bbc", "u1", STORY), ("bbc-1", "bbc", "u1", OTHER)]))
    assert result.keep.all() and result.duplicates.empty
    assert result.id_conflicts == [1]


def test_headline_row_and_full_article_under_one_url_are_one_article():
    rows = frame([("bbc-1", "bbc", "u1", "Elon Musk denies he spoke to Putin about Ukraine war"),
                  ("bbc-1", "bbc", "u1", STORY)])
    rows["content_type"] = ["headline", "article"]
    result = dedup.find_duplicates(rows)
    assert result.keep.tolist() == [False, True] and result.id_conflicts == []
    assert result.duplicates["match"].tolist() == ["same_url"]


def test_short_headlines_need_identical_letters():
    a = "Russia strikes Kyiv for first time in weeks as battle rages in east"
    b = "Russia strikes Kyiv for first time in weeks as battle rages in south"
    result = dedup.find_duplicates(frame([("r-1", "reuters", "u1", a), ("r-2", "reuters", "u2", b),
                                          ("r-3", "reuters", "u3", a.upper())]))
    assert result.keep.tolist() == [True, True, False]


def test_quality_prefers_fewer_replacement_characters():
    assert dedup.quality("clean text.") > dedup.quality("clean \ufffd text.")
