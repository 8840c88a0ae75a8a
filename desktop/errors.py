"""Errors that reach people.

A `UserFacingError` is something the operator can act on: its message is one clear sentence in
Bahasa Indonesia that says what happened and what to do. Anything else is a bug: it is logged with
its traceback and shown in the crash dialog.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message is meant for the operator (and the command line) as it is."""

    def __init__(self, message: str, *, code: str = "error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code

    def __str__(self) -> str:
        return self.message
