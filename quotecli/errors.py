"""quotecli's exceptions. The library raises them; only cli.py turns them into exit codes."""
from __future__ import annotations


class QuotecliError(Exception):
    """Base class: ``str(err)`` is one line a user can act on."""

    exit_code = 1


class InputError(QuotecliError):
    """An input cannot be read as text (missing, unreadable, binary, too large)."""


class ModelError(QuotecliError):
    """The Stanza models cannot be found, loaded or downloaded."""


class UsageError(QuotecliError):
    exit_code = 2
