"""What can go wrong with input, in words a user can act on."""

from __future__ import annotations


class CorpusError(Exception):
    """Input that cannot be used, with the file, row and problem in the message.

    Example: ``CorpusError: rt_thesis/soros-nato.csv row 118: column 'content' is empty``.
    """


class SkipItem(Exception):
    """One file or row that is skipped and counted in the ingestion report.

    Attributes:
        reason: A short machine-readable reason (``empty_text``, ``binary_file``, ...).
        detail: A sentence for the user that names the file, row and problem.
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail
