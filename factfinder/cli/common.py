"""Options and helpers shared by every CLI module (core commands and those of later stages)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click

DB_HELP = "SQLite file (default ./factfinder.db, or $FACTFINDER_DB)."


def default_db() -> str:
    return os.environ.get("FACTFINDER_DB", "factfinder.db")


def db_option(f: Any) -> Any:
    return click.option("--db", "db", default=default_db, show_default="factfinder.db", help=DB_HELP)(f)


def json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class CliError(click.ClickException):
    """A usage or set-up problem the message explains (missing store, unknown id): exit code 2."""

    exit_code = 2


def open_db(path: str, must_exist: bool = True) -> Any:
    from ..store import open_store

    if must_exist and path != ":memory:" and not Path(path).exists():
        raise CliError(f"{path}: no such database. Run `factfinder ingest PATH --db {path}` first.")
    return open_store(path)
