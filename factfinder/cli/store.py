"""`factfinder ingest`, `verify`, `backup`, `stats`: fill the store, check it, copy it, count it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import CliError, db_option, emit, json_option, max_bytes_option, open_db


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--outlet", help="Outlet name for inputs that do not carry one.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that do not carry one.")
@click.option("--workers", default=1, show_default=True, help="Local processes for parsing.")
@max_bytes_option
@click.option("--report-seconds", default=300.0, show_default=True,
              help="Stop analysing one report after this long (it is stored without facts and quarantined).")
@click.option("--no-progress", is_flag=True, help="Hide the progress bars.")
@json_option
def ingest(paths: tuple[str, ...], db: str, outlet: str | None, published: str | None, workers: int,
           max_bytes: int, report_seconds: float, no_progress: bool, as_json: bool) -> None:
    """Ingest text, HTML, RSS/Atom, JSONL, WARC files or folders.

    Example: factfinder ingest reports/ feed.xml --db cases.db --outlet "AP"
    """
    from ..ingest import ingest as run_ingest

    if published is not None:
        from datetime import date

        try:
            date.fromisoformat(published)
        except ValueError:
            raise click.BadParameter(f"{published!r} is not a date; use YYYY-MM-DD", param_hint="--published") from None
    _check_inputs(paths)
    store = open_db(db, must_exist=False)
    with store:
        summary = run_ingest(store, paths, outlet=outlet, published=published, workers=workers,
                             max_bytes=max_bytes, report_seconds=report_seconds,
                             progress=False if no_progress else None)
    for line in summary.failures:
        click.echo(f"error: {line}", err=True)
    for line in summary.notices:
        click.echo(f"note: {line}", err=True)
    if as_json:
        emit({**summary.to_dict(), "db": str(Path(db).resolve())})
    else:
        for line in summary.lines():
            click.echo(line)
        click.echo(f"database: {Path(db).resolve()}")
    if summary.quarantined or not summary.complete:
        sys.exit(1)


def _check_inputs(paths: tuple[str, ...]) -> None:
    """A URL is a usage mistake, said as such before anything is read (the readers would call it an
    "unsupported file type"). A missing path is the readers' to quarantine, so the batch goes on."""
    urls = [p for p in paths if "://" in p or p.lower().startswith("www.")]
    if urls:
        raise CliError("\n".join(f"{u}: a URL; factfinder reads files, it does not fetch pages. Save the page "
                                  "(or its RSS feed) to a file and ingest that file." for u in urls))


@click.command()
@db_option
@json_option
def verify(db: str, as_json: bool) -> None:
    """Re-compute the audit hash chain and re-hash every stored original; exit 1 on any alteration.

    Example: factfinder verify --db cases.db
    """
    from ..store.integrity import verify as run_verify

    with open_db(db) as store:
        result = run_verify(store.conn)
    if as_json:
        emit(result.to_dict())
    else:
        for line in result.lines():
            click.echo(line)
    if result.problems:
        sys.exit(1)


@click.command()
@click.argument("out", type=click.Path(dir_okay=False))
@db_option
def backup(out: str, db: str) -> None:
    """Copy the whole store (facts, reviews, audit chain, originals) to a new file while it stays in use
    (SQLite online backup). To restore, stop the writers and put the copy in the store's place.

    Example: factfinder backup cases-2026-12-01.db --db cases.db
    """
    with open_db(db) as store:
        path = store.backup(out)
    click.echo(f"backup written to {path}; `factfinder verify --db {path}` checks it")


@click.command()
@db_option
@json_option
def stats(db: str, as_json: bool) -> None:
    """Counts per record type. Example: factfinder stats --json"""
    with open_db(db) as store:
        counts = store.stats()
    if as_json:
        emit(counts)
    else:
        for name, n in counts.items():
            click.echo(f"{name:12} {n}")


COMMANDS = [ingest, verify, backup, stats]
