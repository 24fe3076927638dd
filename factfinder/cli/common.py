"""Options and helpers shared by every CLI module (core commands and those of later stages)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..settings import BY_NAME, DB, Settings

DB_HELP = "SQLite file or postgresql:// URL (default ./factfinder.db, or $FACTFINDER_DB)."


class SettingDefault:
    """An option default read from a setting when the command runs; help shows the built-in default
    (callable, but not a function, so click prints it rather than "(dynamic)")."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self) -> Any:
        return Settings.load()[self.name]

    def __str__(self) -> str:
        return str(BY_NAME[self.name].default)


def db_option(f: Any) -> Any:
    return click.option("--db", "db", default=SettingDefault("db"), show_default=DB, help=DB_HELP)(f)


def max_bytes_option(f: Any) -> Any:
    return click.option("--max-bytes", type=int, default=SettingDefault("max_bytes"), show_default=True,
                        help="Quarantine inputs larger than this.")(f)


def json_option(f: Any) -> Any:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class CliError(click.ClickException):
    """A usage or set-up problem the message explains (missing store, unknown id): exit code 2."""

    exit_code = 2


def show_rows(rows: list[dict[str, Any]], as_json: bool, line: Callable[[dict[str, Any]], str],
              empty: str | None = None) -> None:
    """The list commands' one output shape: the rows as JSON, or one line a row (``empty`` when none)."""
    if as_json:
        emit(rows)
        return
    if not rows and empty:
        click.echo(empty)
    for r in rows:
        click.echo(line(r))


def open_db(path: str, must_exist: bool = True) -> Any:
    from ..store import is_store_url, open_store

    if must_exist and path != ":memory:" and not is_store_url(path) and not Path(path).exists():
        raise CliError(f"{path}: no such database. Run `factfinder ingest PATH --db {path}` first.")
    return open_store(path)
