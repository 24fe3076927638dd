"""`factfinder events`, `quotes`, `claims`: filtered queries over stored facts."""

from __future__ import annotations

import json
from typing import Any

import click

from .cliutil import db_option, emit, json_option, open_db
from .queries import claims_query, events_query, quotes_query


@click.command("events")
@click.option("--type", "plover", help="PLOVER type, e.g. COERCE.")
@click.option("--actor", help="Source or target actor (substring, case-insensitive).")
@click.option("--since", help="Event date on or after (YYYY-MM-DD; year or month also work).")
@click.option("--until", help="Event date on or before.")
@click.option("--country", help="ISO 3166 alpha-3 of a source or target actor, e.g. BLR.")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def events(plover: str | None, actor: str | None, since: str | None, until: str | None, country: str | None,
           limit: int, db: str, as_json: bool) -> None:
    """Events, coded in PLOVER. Example: factfinder events --type COERCE --country BLR --since 2020"""
    with open_db(db) as store:
        rows = events_query(store, plover=plover, actor=actor, since=since, until=until, country=country,
                            limit=limit)
    if as_json:
        emit(rows)
        return
    for r in rows:
        neg = "NOT " if r["negated"] else ""
        click.echo(f"{r['date'] or '?':12} {neg}{r['plover']}/{r['mode'] or '-'} {r['sources'] or '?'} -> "
                   f"{r['targets'] or '?'}  [{r['report_id']} {r['start']}:{r['end']}] per {r['asserted_by']}")


@click.command("quotes")
@click.option("--speaker", help="Speaker (substring, case-insensitive).")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def quotes(speaker: str | None, limit: int, db: str, as_json: bool) -> None:
    """Quotes with their speakers. Example: factfinder quotes --speaker Khan"""
    with open_db(db) as store:
        rows = quotes_query(store, speaker=speaker, limit=limit)
    if as_json:
        emit(rows)
        return
    for r in rows:
        mark = "“{}”" if r["direct"] else "(indirect) {}"
        click.echo(f"{r['speaker'] or '?'} {r['cue'] or ''}: {mark.format(r['text'])}  [{r['report_id']}]")


@click.command("claims")
@click.option("--asserted-by", "asserted_by", help="Who asserts (substring, case-insensitive).")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def claims(asserted_by: str | None, limit: int, db: str, as_json: bool) -> None:
    """Legal characterisations and hedged assertions, as claims of who makes them."""
    with open_db(db) as store:
        rows = claims_query(store, asserted_by=asserted_by, limit=limit)
    if as_json:
        emit(rows)
        return
    for r in rows:
        hedges = json.loads(r["data"]).get("attribution", {}).get("hedges") or []
        extra = f" (hedges: {', '.join(hedges)})" if hedges else ""
        click.echo(f"{r['asserted_by']}: {r['kind']} '{r['label']}' — “{r['text']}”{extra}  [{r['report_id']}]")


COMMANDS: list[Any] = [events, quotes, claims]
