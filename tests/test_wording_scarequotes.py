"""Scare quotes told apart from quotations of a speaker, on real sentences."""

from __future__ import annotations

import pytest

from analysis.wording.scarequotes import quoted_spans, scare_quotes


@pytest.mark.parametrize("sentence, expected", [
    # quotations of a named speaker (RT seed, TASS seed): not scare quotes
    ('Julianne Smith told Politico that "a proper invitation" into NATO for Ukraine is "unlikely".',
     [('"a proper invitation"', "attributed"), ('"unlikely"', "attributed")]),
    ('There’s an "array of options" for NATO to do so, she added.', [('"array of options"', "attributed")]),
    ("Senate Democrats accuse Russia of ‘assault on democracy’ in report", [("‘assault on democracy’", "attributed")]),
    ("‘Gold is more stable’: Malaysia needles US with proposal", [("‘Gold is more stable’", "attributed")]),
    # scare quotes
    ('The so-called "peacekeepers" arrived in the city.', [('"peacekeepers"', "scare_quote")]),
    ("Residents voted in the “referendum” on Friday.", [("“referendum”", "scare_quote")]),
    ("Meanwhile multiplying fakes about “atrocities of Russian soldiers” were preparing the ground.",
     [("“atrocities of Russian soldiers”", "scare_quote")]),
    ("Так называемые «миротворцы» прибыли в город.", [("«миротворцы»", "scare_quote")]),
    ("вместо ʺклиматической смертиʺ на горизонте появилась беда", [("ʺклиматической смертиʺ", "scare_quote")]),
    # quoted proper names (Russian typography): not scare quotes
    ('Fighters of the "Azov" nationalist battalion surrendered.', [('"Azov"', "proper_name")]),
    ("В «Газпроме» ответили отказом.", [("«Газпроме»", "proper_name")]),
])
def test_quoted_spans(sentence, expected):
    assert [(sentence[s.start:s.end], s.reason) for s in quoted_spans(sentence)] == expected


@pytest.mark.parametrize("text", [
    'Mixed "quote marks” and an unbalanced " here',
    "Kiev’s push and the alliance’s plan",          # apostrophes, not quotes
    '"There will be no NATO membership. The NATO issue irritates US elites," the lawmaker wrote.',  # long quote
    "Malaysian PM Mahathir Mohamad has floated the idea slamming regional currency exchange as manipulative",  # none
    "",
    '"' * 50,
])
def test_no_scare_quotes(text):
    assert scare_quotes(text) == []


def test_spans_lie_inside_the_text():
    text = "The “referendum” and the «выборы» and the 'vote' and the ‘poll’" * 20
    for span in quoted_spans(text):
        assert 0 <= span.start < span.inner_start <= span.inner_end < span.end <= len(text)
