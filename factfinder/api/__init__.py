"""Web app and JSON API over the store (FastAPI, Jinja2 pages, vendored static assets)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only when the app is wanted, not by every `factfinder` command.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
