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


class SettingsError(FactfinderError):
    """A settings file or FACTFINDER_* variable is unreadable, unknown or of the wrong type."""


class MissingExtra(FactfinderError):
    """An optional dependency is not installed; the message gives the pip line."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra '{extra}'. "
            f"Install it with: .venv/bin/pip install -e '.[{extra}]'"
        )


class StoreWriteError(StoreError):
    """The store could not be written mid-run (disk full, I/O error, locked too long). Exit code 3:
    the batch stopped; what was written stands, and running the same command again resumes."""

    exit_code = 3

    @classmethod
    def from_exception(cls, db: str, exc: BaseException) -> StoreWriteError:
        text = " ".join(str(exc).split())
        errno_ = getattr(exc, "errno", None)
        if "full" in text.lower() or errno_ == 28:  # SQLITE_FULL / ENOSPC
            why = "the disk is full (or the database reached its size limit)"
            fix = "Free some space, then run the same command again: it resumes where it stopped."
        elif "locked" in text.lower() or "busy" in text.lower():
            why = "another process kept the database locked for too long"
            fix = "Wait for the other ingest or review to finish, then run the command again."
        else:
            why = f"a database error ({type(exc).__name__}: {text[:160]})"
            fix = "Check the disk and the file; run the command again to resume, or restore the store from a backup."
        return cls(f"{db}: writing the store failed: {why}; reports written so far are kept. {fix}")


class IncompleteRead(BadInput):
    """An input read only in part: items before the problem stand, what followed was not read. The
    ingest summary counts such inputs as unaccounted-for, so it never claims more than it read."""


class OntologyError(FactfinderError):
    """A bundled ontology table is missing, not JSON, or does not match its declared schema. The message
    names the file, the key path, what was expected and the fix."""
