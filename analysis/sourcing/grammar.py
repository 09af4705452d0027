"""What does the language-neutral reading need to know about a language? Its closed word classes.

The attribution readers have no part-of-speech tagger. Noun phrases (:mod:`analysis.sourcing.phrases`),
content spans (:mod:`analysis.sourcing.content`) and prepositional cues (:mod:`analysis.sourcing.shapes`)
are read the same way in every language, from the few closed classes a :class:`Grammar` lists. Each
language's reader defines its own: :data:`analysis.sourcing.english.ENGLISH`,
:data:`analysis.sourcing.russian.RUSSIAN`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Grammar:
    """The closed word classes of one language that the language-neutral reading needs.

    Attributes:
        pronouns: Words that are a noun phrase on their own ("he", "они").
        possessives: Pronouns that may open a noun phrase although they are stop words ("his office").
        stop: Function words: never the end of a noun phrase, and a noun phrase walked right stops at them.
        relative_subjects: Relative pronouns that are the subject of a following cue ("..., who said").
        lone_adverbs: Words that are not a noun phrase on their own, uncapitalised ("also said").
        names_end_lower: Whether a name ends at the first lower-case word after it ("said Caddell speaking").
        complementiser: The word that opens reported speech ("that", "что").
        not_complementiser_after: Words after which the complementiser is not one ("so that").
        comma_before_complementiser: Whether the complementiser may follow a comma after the cue
            ("заявил, что"); then a complementiser after a comma far from the cue opens another clause.
        infinitive: The infinitive marker after a cue ("told them to stop"), if the language has one.
        hearer_openers: Words after the infinitive marker that make it a preposition before a hearer
            ("said to reporters", "said to the committee").
        adjunct_openers: Words that open an adjunct, not content, right after the cue ("said on Monday").
        source_in_cue: A pronoun inside a prepositional cue that is its source ("по его словам"), if any.
        source_heads: Lower-case nouns that go on a phrase after a capitalised word ("American officials",
            "Ukrainian military sources") rather than end a name.
    """

    pronouns: frozenset[str]
    possessives: frozenset[str]
    stop: frozenset[str]
    relative_subjects: frozenset[str]
    lone_adverbs: frozenset[str]
    names_end_lower: bool
    complementiser: str
    not_complementiser_after: frozenset[str]
    comma_before_complementiser: bool
    infinitive: str | None
    hearer_openers: frozenset[str]
    adjunct_openers: frozenset[str]
    source_in_cue: re.Pattern[str] | None
    source_heads: frozenset[str] = frozenset()
