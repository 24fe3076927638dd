"""factfinder: news reports in, sourced facts, PLOVER events and case files out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from .records import Analysis, Report
    from .sources.base import SourceItem
    from .store import Store

__version__ = "0.1.0"

__all__ = ["__version__", "analyse", "open_store", "load_reports", "to_pandas", "Settings"]


def analyse(report: Report) -> Analysis:
    """Analyse one Report -> Analysis (see factfinder.pipeline)."""
    from .pipeline import analyse as _analyse

    return _analyse(report)


def open_store(path: str | Path = "factfinder.db") -> Store:
    """Open (and migrate) the SQLite store at ``path``."""
    from .store import open_store as _open

    return _open(path)


def load_reports(*paths: str | Path) -> Iterator[SourceItem]:
    """Yield SourceItems (a Report or a Quarantined each) from files, folders, feeds, JSONL or WARC."""
    from .sources import load as _load

    return _load(paths)


def to_pandas(store: Store | str | Path = "factfinder.db", reviewed_only: bool = False) -> dict[str, Any]:
    """The store as reviewed, as pandas DataFrames ``{"events", "quotes", "actors"}`` (the XLSX sheets:
    rejected facts gone, amendments applied, a ``review`` column; dates as datetime64, nullable Int64)."""
    from .export_tables import to_pandas as _to_pandas

    return _to_pandas(store, reviewed_only)
