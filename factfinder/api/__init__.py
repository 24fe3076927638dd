"""Web app and JSON API over the store (FastAPI, Jinja2 pages, vendored static assets)."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
