"""One error type for everything a user can get wrong, and the exit-code table.

Core code raises ``RnnquizError("No topic named 'gru2'. Known: rnn, gru, lstm")``; ``cli.py`` catches it
once, prints the message as one line on stderr and exits with its code. No traceback unless ``--debug``.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes, documented in the README (CONTRACTS.md)."""

    OK = 0  # success; `validate` with only warnings
    CHECK_FAILED = 1  # a proof check failed
    USAGE = 2  # unknown option, topic, type, tag or id
    BANK = 3  # bank data invalid, or a bank failed to load
    STORE = 4  # store unreadable, corrupt, read-only, or of a newer schema
    INTERRUPTED = 130  # Ctrl-C; answers given so far are saved


class RnnquizError(Exception):
    """An error with a one-line message for the user and the exit code it maps to."""

    def __init__(self, message: str, exit_code: ExitCode = ExitCode.USAGE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    key: str | None = None  # an i18n key (rnnquiz/i18n.py): the message in the command's language
    values: dict[str, object] = {}

    def __str__(self) -> str:
        return self.message

    def in_lang(self, lang: str) -> str:
        """The message in `lang` when the error was made with `localized`, else as raised."""
        if self.key is None:
            return self.message
        from rnnquiz.i18n import t

        return t(self.key, lang, **self.values)


def localized(cls: type[RnnquizError], key: str, /, **values: object) -> RnnquizError:
    """`cls` with the English message of i18n `key`; cli.py prints it in the command's language."""
    from rnnquiz.i18n import t

    exc = cls(t(key, "en", **values))
    exc.key, exc.values = key, values
    return exc


def usage(key: str, /, **values: object) -> UsageError:
    """A UsageError (exit 2) whose one line comes in the command's language (i18n `key`, `err.` keys)."""
    return localized(UsageError, key, **values)  # type: ignore[return-value]


def unknown(key: str, value: str, known: Sequence[str]) -> UsageError:
    """`No topic named 'lsmt'. Did you mean 'lstm'? Known: …` (i18n `key`, or `key.close` with a near name)."""
    import difflib

    close = difflib.get_close_matches(value.casefold(), list(known), n=1, cutoff=0.6)
    if close:
        return usage(f"{key}.close", value=repr(value), close=repr(close[0]), known=", ".join(known))
    return usage(key, value=repr(value), known=", ".join(known))


class UsageError(RnnquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.USAGE)


class BankError(RnnquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.BANK)


class StoreError(RnnquizError):
    def __init__(self, message: str) -> None:
        super().__init__(message, ExitCode.STORE)
