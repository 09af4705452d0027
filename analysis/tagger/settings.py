"""What does the tagger see, how is it regularised, and what is a span?

The :class:`Settings` of a model are stored in its artifact, so that prediction sees exactly the
features training saw. The defaults are the shipped model's (chosen by cross-validation; see
``analysis/models/README.md``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """What the model sees; stored in the artifact so that prediction matches training.

    Attributes:
        context: Neighbours on each side whose features a token sees.
        full_context: Neighbours on each side seen with all type features; further ones by word only.
        lexicons: Whether VADER valence, TextBlob subjectivity and polarity and the Brill part of speech
            are features (else word form, suffix and shape only).
        c: Inverse L2 regularisation strength of the logistic regression.
        min_count: Features seen fewer times in training are dropped.
        prune: After training, features whose weights are all smaller than this (in absolute value) are
            dropped, which keeps the artifact small.
        granularity: ``token`` (each word a span) or ``run`` (adjacent words merged, across commas and
            hyphens).
    """

    context: int = 1
    full_context: int = 1
    lexicons: bool = True
    c: float = 1.0
    min_count: int = 1
    prune: float = 0.2
    granularity: str = "token"


#: The shipped model's settings (frozen, so one shared instance is a safe default argument).
DEFAULT_SETTINGS = Settings()
