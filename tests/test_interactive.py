"""The notebooks' menus redraw their table for the chosen value."""

from __future__ import annotations

import pandas as pd

from analysis import interactive


def test_picker_shows_the_first_choice_then_each_new_one():
    shown: list[str] = []
    box = interactive.picker(["a", "b"], lambda v: shown.append(v) or v, description="x")
    menu, _ = box.children
    assert shown == ["a"]
    menu.value = "b"
    assert shown == ["a", "b"]


def test_event_picker_is_labelled_by_date_outlets_and_headline_and_starts_at_the_chosen_event():
    listed = pd.DataFrame({"event": ["e0001", "e0002"], "first": [pd.Timestamp("2023-02-21"), pd.NaT],
                           "outlets": [3, 2], "title": ["Putin suspends New START", "Biden in Kyiv"]})
    shown: list[str] = []
    box = interactive.event_picker(listed, shown.append, value="e0002")
    menu, _ = box.children
    assert menu.options == ("e0001 · 2023-02-21 · 3 outlets · Putin suspends New START",
                            "e0002 · undated · 2 outlets · Biden in Kyiv")
    assert shown == ["e0002"]
    menu.value = menu.options[0]
    assert shown == ["e0002", "e0001"]
