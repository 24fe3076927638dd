"""`factfinder export`: the store, as reviewed, in the interchange formats of docs/formats.md."""

from __future__ import annotations

import sys

import click

from .common import db_option, open_db


@click.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gold", "jsonl", "csv", "xlsx", "plover", "cameo", "geojson", "graphml"]),
              help="gold: extractor output for scoring; csv: ACLED-style events; xlsx: the same events typed,"
                   " with quotes and actors sheets; plover: PLOVER 0.7 JSONL; cameo: GDELT 2.0 event TSV;"
                   " geojson; graphml (see docs/formats.md).")
@db_option
@click.option("--out", type=click.Path(), help="Write to FILE instead of standard output.")
@click.option("--reviewed-only", is_flag=True, help="Only events and quotes a reviewer accepted or amended.")
def export(fmt: str, db: str, out: str | None, reviewed_only: bool) -> None:
    """Export the store, as reviewed (rejected facts left out, amendments applied).

    Example: factfinder export --format gold --db cases.db > pred.jsonl

    Example: factfinder export --format xlsx --db cases.db --out events.xlsx
    """
    from ..export import BINARY_FORMATS
    from ..export import export as run_export

    if reviewed_only and fmt == "gold":
        raise click.UsageError("the gold export is the extractor's own output (for scoring); --reviewed-only"
                               " applies to the other formats")
    binary = fmt in BINARY_FORMATS
    if binary and not out and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is a binary format: give --out FILE.{fmt} (or redirect standard output)")
    with open_db(db) as store:
        if out:
            with (open(out, "wb") if binary else open(out, "w", encoding="utf-8", newline="")) as fh:
                result = run_export(store, fmt, fh, reviewed_only=reviewed_only)
            sheets = ", ".join(f"{n} {name}" for name, n in result.sheets.items())
            click.echo(f"wrote {sheets or f'{result.written} records'} to {out}", err=True)
        else:
            result = run_export(store, fmt, sys.stdout.buffer if binary else sys.stdout, reviewed_only=reviewed_only)
    for line in result.lines():  # records the format's required fields rule out, counted by reason
        click.echo(line, err=True)


COMMANDS = [export]
