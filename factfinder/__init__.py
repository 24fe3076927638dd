"""factfinder: news reports in, sourced facts, PLOVER events and case files out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .settings import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from .records import Analysis, Report
    from .sources.base import SourceItem
    from .store import Store

__version__ = "0.1.0"

__all__ = ["__version__", "analyse", "open_store", "load_reports", "Settings"]


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
