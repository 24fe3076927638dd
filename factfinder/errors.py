"""One error hierarchy. Every message names the input, what was expected, and the fix."""

from __future__ import annotations


class FactfinderError(Exception):
    """Root of every error factfinder raises on purpose."""


class BadInput(FactfinderError):
    """An input could not be turned into a report; it is quarantined, the batch goes on.

    ``source`` names the input (path, path:line, URL); ``fix`` says what the user can do.
    """

    def __init__(self, source: str, problem: str, fix: str = "") -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        msg = f"{source}: {problem}"
        if fix:
            msg += f" {fix}"
        super().__init__(msg)


class StoreError(FactfinderError):
    """The store could not be opened, migrated or written."""


class StageError(FactfinderError):
    """An analysis stage failed or was wired in the wrong order."""


class EvalError(FactfinderError):
    """An evaluation file is missing or malformed."""


class MissingExtra(FactfinderError):
    """An optional dependency is not installed; the message gives the pip line."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra '{extra}'. "
            f"Install it with: .venv/bin/pip install -e '.[{extra}]'"
        )
