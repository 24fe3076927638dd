"""`factfinder serve` and `factfinder user`: the web app's commands (registered by factfinder/cli.py)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import click

from .common import CliError, db_option, emit, json_option, open_db


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="TCP port.")
def serve(db: str, host: str, port: int) -> None:
    """Run the web app and JSON API over a store made by `factfinder ingest`. Every page needs a
    login: create one with `factfinder user add`.

    Example: factfinder serve --db cases.db --port 8000
    """
    import uvicorn

    from ..api import create_app

    with open_db(db) as store:
        users = store.count_users()
    if not users:
        click.echo(f"no users yet: create one with `factfinder user add NAME --role admin --db {db}`", err=True)
    click.echo(f"factfinder web app on http://{host}:{port}/  (API schema: /api/openapi.json)")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@click.group()
def user() -> None:
    """Manage accounts of the web app (roles: viewer, editor, admin)."""


@user.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="viewer", show_default=True)
@db_option
def user_add(name: str, role: str, db: str) -> None:
    """Create an account and print its token ONCE (only a hash is stored).

    Example: factfinder user add alice --role editor --db cases.db
    """
    from ..api.auth import add_user

    with open_db(db, must_exist=False) as store:
        token = add_user(store, name, role)
    click.echo(f"user {name} ({role}) created. Token (shown once, store it now):")
    click.echo(token)


@user.command("disable")
@click.argument("name")
@db_option
def user_disable(name: str, db: str) -> None:
    """Disable an account at once: its token stops working and its sessions end.

    Example: factfinder user disable alice --db cases.db
    """
    _set_disabled(name, db, True)
    click.echo(f"user {name} disabled; its token and sessions no longer work")


@user.command("enable")
@click.argument("name")
@db_option
def user_enable(name: str, db: str) -> None:
    """Enable a disabled account again (with its current token). Example: factfinder user enable alice"""
    _set_disabled(name, db, False)
    click.echo(f"user {name} enabled")


def _set_disabled(name: str, db: str, disabled: bool) -> None:
    from ..api.auth import set_disabled

    with open_db(db) as store:
        if not set_disabled(store, name, disabled):
            raise CliError(f"no user {name!r}; list them with `factfinder user list --db {db}`")


@user.command("rotate")
@click.argument("name")
@db_option
def user_rotate(name: str, db: str) -> None:
    """Give an account a new token (print it ONCE); the old token and every session stop working.

    Example: factfinder user rotate alice --db cases.db
    """
    from ..api.auth import rotate_token

    with open_db(db) as store:
        token = rotate_token(store, name)
    if token is None:
        raise CliError(f"no user {name!r}; list them with `factfinder user list --db {db}`")
    click.echo(f"user {name}: new token (shown once, store it now; the old one no longer works):")
    click.echo(token)


@user.command("list")
@db_option
@json_option
def user_list(db: str, as_json: bool) -> None:
    """List accounts (names, roles, token prefixes; never tokens). Example: factfinder user list"""
    with open_db(db) as store:
        rows = store.list_users()
    if as_json:
        emit(rows)
        return
    for r in rows:
        state = " (disabled)" if r["disabled"] else ""
        click.echo(f"{r['name']:20} {r['role']:7} {r['token_prefix']}…  {r['created_at']}{state}")


def datasette_metadata(db_path: str) -> dict[str, Any]:
    """The shipped Datasette metadata (api/datasette-metadata.json), keyed by the database's name
    (Datasette names a database by its file name without the extension)."""
    text = resources.files("factfinder.api").joinpath("datasette-metadata.json").read_text(encoding="utf-8")
    meta = json.loads(text)
    meta["databases"] = {Path(db_path).stem: meta["databases"]["factfinder"]}
    return meta


@click.command("datasette-metadata")
@db_option
def datasette_metadata_cmd(db: str) -> None:
    """Print Datasette metadata for the store: titles, canned queries, the users table and ad-hoc SQL
    closed (token hashes stay unreadable).

    Example: factfinder datasette-metadata --db cases.db > metadata.json && datasette cases.db -m metadata.json
    """
    emit(datasette_metadata(db))


COMMANDS = [serve, user, datasette_metadata_cmd]
