"""The `factfinder` command: a thin shell over library functions, one module per command group.

Exit codes: 0 ok; 1 some inputs failed (quarantined), a gate failed or `verify` found an alteration;
2 usage or setup error; 3 the store could not be written mid-run (disk full, I/O error, locked too long;
what was written stands, rerun to resume).

Every command is listed statically below (no registration at run time), so a reader or a tool can
follow `factfinder X` to its module: store (ingest, verify, backup, stats), reports (search, show,
actors, quarantine), facts (events, quotes, claims), stories (stories, story, contradictions, dispute),
cases (case, review, audit), web (serve, user, datasette-metadata), evaluate (eval), export,
settings.
"""

from __future__ import annotations

from typing import Any

import click

from ..errors import FactfinderError
from . import cases, evaluate, export, facts, reports, settings, store, stories, web

COMMANDS: list[click.Command] = [
    *store.COMMANDS, *reports.COMMANDS, *facts.COMMANDS, *stories.COMMANDS, *cases.COMMANDS,
    *web.COMMANDS, *evaluate.COMMANDS, *export.COMMANDS, *settings.COMMANDS,
]


class Group(click.Group):
    """Turns our errors into one readable line and exit code 2, instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactfinderError as exc:
            click.echo(f"factfinder: {' '.join(str(exc).split())}", err=True)
            ctx.exit(getattr(exc, "exit_code", 2))


@click.group(cls=Group, commands=COMMANDS)
@click.version_option(package_name="factfinder")
def main() -> None:
    """factfinder: news reports in, sourced facts, events and case files out."""


__all__ = ["COMMANDS", "main"]
