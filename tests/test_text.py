"""Sentence and word spans, and the context of a finding."""

from __future__ import annotations

import pytest

from analysis.text import Sentences, context, sentence_spans, word_spans


@pytest.mark.parametrize("text, sentences", [
    ("US envoy Julianne Smith told Politico that Mr. Biden and the U.S. Army were ready. Gen. Milley agreed.",
     ["US envoy Julianne Smith told Politico that Mr. Biden and the U.S. Army were ready.", "Gen. Milley agreed."]),
    ("More than ten NATO states don’t support Ukraine's bid – Kiev\n\nThe other 21 member states agree",
     ["More than ten NATO states don’t support Ukraine's bid – Kiev", "The other 21 member states agree"]),
    ("MOSCOW, December 5. /TASS/. Ukraine should accept the fact.",
     ["MOSCOW, December 5. /TASS/.", "Ukraine should accept the fact."]),
    ("На встрече в г. Москве, т.е. в столице, говорили. Это всё.",
     ["На встрече в г. Москве, т.е. в столице, говорили.", "Это всё."]),
    ("Russian troops shelled the village. — Ukrinform.", ["Russian troops shelled the village.", "— Ukrinform."]),
    ("«Я никогда не видела ничего подобного!» — сказала она. — Это ужасно.",
     ["«Я никогда не видела ничего подобного!» — сказала она.", "— Это ужасно."]),
    ('"There will be no NATO membership," the lawmaker wrote on Telegram. Goncharenko claims more.',
     ['"There will be no NATO membership," the lawmaker wrote on Telegram.', "Goncharenko claims more."]),
])
def test_sentence_spans(text, sentences):
    assert [text[s:e] for s, e in sentence_spans(text)] == sentences


def test_word_spans_keep_inner_hyphens_and_apostrophes():
    text = "the US-led bloc, Ukraine's bid"
    assert [text[s:e] for s, e in word_spans(text)] == ["the", "US-led", "bloc", "Ukraine's", "bid"]


def test_context_is_the_sentence_or_a_window_in_long_unpunctuated_text():
    text = "First sentence here. The Kiev regime said so. Last one."
    sentences = Sentences.of(text)
    start = text.index("Kiev")
    assert context(sentences, start, start + 4)[2] == "The Kiev regime said so."
    long = "word " * 300 + "Kiev " + "word " * 300
    start = long.index("Kiev")
    s, e, window = context(Sentences.of(long), start, start + 4, max_chars=100)
    assert "Kiev" in window and e - s <= 100 and long[s:e] == window
    assert not window.startswith(" ") and not window.endswith(" ")
