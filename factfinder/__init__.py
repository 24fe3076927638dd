"""factfinder: news reports in, sourced facts, PLOVER events and case files out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "analyse", "open_store", "load_reports"]


def analyse(report):  # type: ignore[no-untyped-def]
    """Analyse one Report -> Analysis (see factfinder.pipeline)."""
    from .pipeline import analyse as _analyse

    return _analyse(report)


def open_store(path: str = "factfinder.db"):  # type: ignore[no-untyped-def]
    """Open (and migrate) the SQLite store at ``path``."""
    from .store import open_store as _open

    return _open(path)


def load_reports(*paths: str):  # type: ignore[no-untyped-def]
    """Yield (Report | Quarantined) items from files, folders, feeds, JSONL or WARC."""
    from .sources import load as _load

    return _load(paths)
