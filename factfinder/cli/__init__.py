"""The `factfinder` command (entry point ``factfinder.cli:main``)."""

from .store import main

__all__ = ["main"]
