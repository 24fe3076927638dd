"""`factfinder settings`: every setting with its value, where the value came from, and its help."""

from __future__ import annotations

from typing import Any

import click

from ..errors import StageError
from ..settings import FILE_ENV, FILE_NAME, SETTINGS, Settings, settings_file
from .common import emit, json_option


@click.command("settings")
@json_option
def settings_cmd(as_json: bool) -> None:
    """List the settings: name, value, where it came from (default, the settings file or a FACTFINDER_*
    variable) and what it does. See docs/settings.md.

    Example: factfinder settings --json
    """
    current = Settings.load()
    path = settings_file()
    rows = [{"name": s.name, "value": _shown(current, s.name), "from": current.origins[s.name], "env": s.env,
             "default": s.default, "help": s.help} for s in SETTINGS]
    if as_json:
        emit({"file": str(path) if path else None, "settings": rows})
    else:
        where = str(path) if path else f"none (${FILE_ENV} is unset and there is no ./{FILE_NAME})"
        click.echo(f"settings file: {where}")
        for r in rows:
            env = "" if r["from"] == r["env"] else f"; env {r['env']}"
            click.echo(f"{r['name']} = {r['value']}  (from {r['from']}{env})\n    {r['help']}")
    _check_stages()


def _shown(current: Settings, name: str) -> Any:
    """The value, or for an unset stage slot the implementation that runs (pipeline's default)."""
    value = current[name]
    if value is None and name.startswith("stages."):
        try:
            from ..pipeline import SLOTS
        except StageError:
            return None
        return dict(SLOTS)[name.split(".", 1)[1]]
    return value


def _check_stages() -> None:
    """A stage choice that names no registered implementation fails here as it would in `ingest`."""
    from .. import pipeline  # noqa: F401  (importing it checks the chosen stages and their order)


COMMANDS = [settings_cmd]
