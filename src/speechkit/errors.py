"""The exception tree of speechkit.

Every error a user can cause with a bad file or a bad option is a :class:`SpeechkitError`;
the CLI turns it into one line ``error: FILE: what is wrong`` and a non-zero exit code.
"""

from __future__ import annotations


class SpeechkitError(Exception):
    """Base class of every error speechkit raises on purpose."""

    exit_code = 1


class InputError(SpeechkitError):
    """A document cannot be read: missing, empty, corrupt, encrypted, too large, unknown format.

    ``source`` names the file (or ``<stdin>``/``<bytes>``), ``reason`` says what is wrong.

    >>> str(InputError("讲话.docx", "empty file"))
    '讲话.docx: empty file'
    """

    exit_code = 2

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class MissingDependencyError(SpeechkitError):
    """An optional feature needs a package or program that is not installed."""

    exit_code = 3


class RuleFileError(SpeechkitError):
    """A data file shipped with speechkit (lexicon, pattern, dictionary) is malformed.

    The message names the file and line.
    """


class ModelError(SpeechkitError):
    """The trained model file is missing, corrupt or from an incompatible version."""
