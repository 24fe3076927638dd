"""`factfinder events`, `quotes`, `claims`: filtered queries over stored facts."""

from __future__ import annotations

from typing import Any

import click

from .common import db_option, json_option, open_db, show_rows
from ..store.reads import EventFilter
from ..review import resolve_country, validate_date, validate_event_type


@click.command("events")
@click.option("--type", "plover", help="PLOVER type, e.g. COERCE.")
@click.option("--actor", help="Source or target actor (canonical name, as `factfinder actors` lists it).")
@click.option("--since", help="Event date on or after (YYYY-MM-DD; year or month also work).")
@click.option("--until", help="Event date on or before.")
@click.option("--country", help="Country of a source or target actor: ISO code or name, e.g. BLR.")
@click.option("--include-unknown", is_flag=True,
              help="Also list events whose actor and recipient are both unknown (? -> ?), hidden by default.")
@click.option("--limit", default=100, show_default=True, help="At most 200 a page.")
@click.option("--offset", default=0, show_default=True)
@db_option
@json_option
def events(plover: str | None, actor: str | None, since: str | None, until: str | None, country: str | None,
           include_unknown: bool, limit: int, offset: int, db: str, as_json: bool) -> None:
    """Events, coded in PLOVER, newest first; actors shown as identities (one name per person across
    spellings). Example: factfinder events --type COERCE --country BLR --since 2020"""
    plover = validate_event_type(plover) if plover else None
    country = resolve_country(country)[0] if country else None  # type: ignore[index]
    since = validate_date(since, "--since") if since else None
    until = validate_date(until, "--until") if until else None
    with open_db(db) as store:
        f = EventFilter(type=plover, actor=actor, country=country, since=since, until=until,
                        known_actors=not include_unknown)
        rows = store.with_identities(store.list_events(f, limit=limit, offset=offset).items)
    show_rows(rows, as_json, _event_line)


def _event_line(r: dict[str, Any]) -> str:
    neg = "NOT " if r["negated"] else ""
    who, whom = "; ".join(r["source_names"]) or "?", "; ".join(r["target_names"]) or "?"
    return (f"{r['date'] or '?':12} {neg}{r['plover']}/{r['mode'] or '-'} {who} -> "
            f"{whom}  [{r['report_id']} {r['start']}:{r['end']}] per {r['asserted_by']}")


def _quote_line(r: dict[str, Any]) -> str:
    mark = "“{}”" if r["direct"] else "(indirect) {}"
    return f"{r['speaker'] or '?'} {r['cue'] or ''}: {mark.format(r['text'])}  [{r['report_id']}]"


def _claim_line(r: dict[str, Any]) -> str:
    return f"{r['asserted_by']}: {r['kind']} '{r['label']}' — “{r['text']}”  [{r['report_id']}]"


@click.command("quotes")
@click.option("--speaker", help="Speaker (substring, case-insensitive).")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def quotes(speaker: str | None, limit: int, db: str, as_json: bool) -> None:
    """Quotes with their speakers. Example: factfinder quotes --speaker Khan"""
    with open_db(db) as store:
        rows = store.list_quotes(speaker=speaker, limit=limit).items
    show_rows(rows, as_json, _quote_line)


@click.command("claims")
@click.option("--asserted-by", "asserted_by", help="Who asserts (substring, case-insensitive).")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def claims(asserted_by: str | None, limit: int, db: str, as_json: bool) -> None:
    """Legal characterisations and hedged assertions, as claims of who makes them.

    Example: factfinder claims --asserted-by Kestria
    """
    with open_db(db) as store:
        rows = store.list_claims(asserted_by=asserted_by, limit=limit).items
    show_rows(rows, as_json, _claim_line)


COMMANDS: list[Any] = [events, quotes, claims]
