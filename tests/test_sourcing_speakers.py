"""Who the source is (issue 10): unnamed sources, back-references by gender and role, outlets as channel or
source, side and why. Each case is a passage written for this test, with the attribution it must give."""

from __future__ import annotations

import pytest

from analysis import mentions
from analysis.sourcing import referents
from analysis.sourcing.speakers import SIDE_REASONS


def _row(text: str, cue: str, *, language: str = "en", occurrence: int = -1) -> dict:
    rows = [r for r in mentions.extract_text(text, families=["sourcing"], language=language) if r["term"] == cue]
    assert rows, f"no attribution with cue {cue!r} in {text!r}"
    return rows[occurrence]


# (passage, cue, speaker starts with (None: no speaker), anonymous, side, channel)
CASES = [
    # an unnamed source is never the person named before it
    ("Prime Minister Denys Shmyhal spoke in Lviv on Friday. A senior Western official, speaking on condition of "
     "anonymity, told the BBC that stocks of interceptors were low.", "told", "A senior Western official", True,
     "nato_eu", "interview:BBC"),
    ("Chancellor Olaf Scholz arrived in Vilnius. A European diplomat, who asked not to be named, said the summit "
     "text was agreed.", "said", "A European diplomat", True, "nato_eu", None),
    ("Dmytro Kuleba visited Warsaw. Officials who spoke on condition of anonymity said the talks would resume.",
     "said", "Officials", True, "unknown", None),
    ("The ceasefire could start next week, according to people familiar with the negotiations.", "according to",
     "people familiar with the negotiations", True, "unknown", None),
    ("Sources told CNN that the shipment had been delayed.", "told", "Sources", True, "unknown", "interview:CNN"),
    ("A battalion commander, who gave only his call sign, Tiger, said the village had been retaken.", "said",
     "A battalion commander", True, "unknown", None),
    # "they" repeats the unnamed group, with its side and channel
    ("Two Ukrainian officials told Reuters that the grid had lost a third of its capacity. They said repairs "
     "would take months.", "said", "Two Ukrainian officials", True, "ukraine", "interview:Reuters"),
    # pronouns agree in gender with the person they name
    ("Kaja Kallas met Dmytro Kuleba in Brussels. She said the bloc would keep its sanctions.", "said",
     "Kaja Kallas", False, "nato_eu", None),
    ("Мария Захарова и Сергей Лавров прибыли в Минск. Она заявила, что Запад несет ответственность.", "заявила",
     "Maria Zakharova", False, "russia", None),
    # a definite description goes to the person whose role, side and gender it fits
    ("President Volodymyr Zelensky toured Kharkiv. Kremlin spokesman Dmitry Peskov said Moscow saw no progress. "
     "The Ukrainian leader claimed that Russia wanted a frozen war.", "claimed", "Volodymyr Zelensky", False,
     "ukraine", None),
    ("Russian Deputy Foreign Minister Sergei Ryabkov commented on the missile plans. The diplomat stressed that "
     "Moscow would respond.", "stressed", "Sergei Ryabkov", False, "russia", None),
    # a description that fits nobody stays a description, with its own side
    ("Antony Blinken landed in Kyiv. The Hungarian minister said Budapest would not block the package.", "said",
     "The Hungarian minister", False, "nato_eu", None),
    # outlets: a source when they report, a channel when a speaker talks to them
    ("Ukraine's navy spokesman Dmytro Pletenchuk told Reuters that two landing ships had been hit.", "told",
     "Dmytro Pletenchuk", False, "ukraine", "interview:Reuters"),
    ("The Washington Post reported that the aid bill had stalled.", "reported", "The Washington Post", False,
     "united_states", "media:The Washington Post"),
    ("The Washington Post reported that the aid bill had stalled. The newspaper said votes were missing.", "said",
     "The Washington Post", False, "united_states", "media:The Washington Post"),
    ("The Financial Times reported the plan, citing three people briefed on the talks.", "citing",
     "three people briefed on the talks", True, "unknown", "interview:Financial Times"),
    ("Speaking to Le Monde, Polish Foreign Minister Radoslaw Sikorski said Warsaw would buy more tanks.", "said",
     "Radoslaw Sikorski", False, "nato_eu", "interview:Le Monde"),
    ("Как рассказал РИА Новости депутат Госдумы Андрей Картаполов, законопроект внесут осенью.", "рассказал",
     "Андрей Картаполов", False, "russia", "interview:RIA Novosti"),
    # roles after the name, in a relative clause, and around a middle initial
    ("“The line holds,” said General Mykola Petrenko, commander of Ukraine's eastern group.", "said",
     "Mykola Petrenko", False, "ukraine", None),
    ("Olena Marchuk, who speaks for Ukraine's border guard, said queues had grown.", "said", "Olena Marchuk",
     False, "ukraine", None),
    ("Latvia's Defence Minister Andris J. Kalnins said Riga would buy more drones.", "said", "Andris J. Kalnins",
     False, "nato_eu", None),
    # "he" goes to the nearest man, or to the nearest person whose gender is not known
    ("Estonian Prime Minister Kristjan Tamm gave an interview on Sunday. He said Tallinn would raise spending.",
     "said", "Kristjan Tamm", False, "nato_eu", None),
    # an unnamed source at the head of a phrase that names someone else
    ("Two sources close to Zelensky said the reshuffle was ready.", "said", "Two sources close to Zelensky", True,
     "ukraine", None),
    # Russian: a long subject with asides, a condition of anonymity, an outlet in guillemets, an outlet as source
    ("Источник, близкий к правительству, пожелавший остаться неназванным, сообщил «Ведомостям», что бюджет "
     "пересмотрят.", "сообщил", "Источник", True, "unknown", "interview:Vedomosti"),
    ("Региональные чиновники на условиях анонимности рассказали РБК, что призыв продлят.", "рассказали",
     "Региональные чиновники", True, "unknown", "interview:RBC"),
    ("Как сообщил Интерфакс, поезда задерживаются.", "сообщил", "Интерфакс", False, "russia", "media:Interfax"),
    # a channel named once carries over to the same speaker's next cue
    ("Lt. Gen. Anna Berg told the Financial Times that the line held. She added that reserves had arrived.",
     "added", "Anna Berg", False, "unknown", "interview:Financial Times"),
]


@pytest.mark.parametrize("text, cue, speaker, anonymous, side, channel", CASES)
def test_speaker_anonymity_side_and_channel(text, cue, speaker, anonymous, side, channel):
    language = "ru" if any("а" <= c <= "я" for c in text.lower()) else "en"
    row = _row(text, cue, language=language)
    assert (row["speaker"] or "").startswith(speaker), row["speaker"]
    assert (row["anonymous"], row["side"], row["channel"]) == (anonymous, side, channel)
    assert row["side_reason"] in SIDE_REASONS


@pytest.mark.parametrize("text, cue, reason", [
    ("UK Defence Secretary John Healey said training would expand.", "said", "role"),
    ("Peskov said the Kremlin would respond.", "said", "known_person"),
    ("Ukrainian officials said the bridge was hit.", "said", "source_phrase"),
    ("Jane Doe said the bridge was hit.", "said", "person_not_in_pack"),
    ("The analyst said the bridge was hit.", "said", "description_without_side"),
    ("Residents were told that the bridge was closed.", "told", "no_source"),
])
def test_side_reason_says_where_the_side_came_from_or_why_there_is_none(text, cue, reason):
    assert _row(text, cue)["side_reason"] == reason


@pytest.mark.parametrize("name, gender", [
    ("Annalena Baerbock", "f"), ("Antony Blinken", "m"), ("Мария Захарова", "f"), ("Zakharova", "f"),
    ("Peskov", "m"), ("Ursula von der Leyen", "f"), ("Nikita Khrushchev", "m"), ("X. Y.", None),
])
def test_name_gender(name, gender):
    assert referents.name_gender(name) == gender


@pytest.mark.parametrize("cue, gender", [("заявила", "f"), ("заявил", "m"), ("заявили", "pl"),
                                         ("признался", "m"), ("said", None)])
def test_russian_cue_gender(cue, gender):
    assert referents.cue_gender(cue) == gender


@pytest.mark.parametrize("phrase, new", [
    ("a senior official", True), ("two diplomats", True), ("officials", True), ("Ukrainian officials", True),
    ("the minister", False), ("несколько источников", True), ("the two diplomats", False), ("Reuters", False),
])
def test_indefinite_phrases_introduce_someone_new(phrase, new):
    assert referents.indefinite(phrase) is new


def test_a_capitalised_plural_is_new_only_when_the_caller_knows_it_is_a_noun():
    assert not referents.indefinite("Officials")   # could be a name ("Reuters", "Jones")
    assert referents.indefinite("Officials", is_noun=lambda word: word.lower() == "officials")
