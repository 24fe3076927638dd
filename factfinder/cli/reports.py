"""`factfinder search`, `show`, `actors`, `quarantine`: what the store holds, report by report."""

from __future__ import annotations

import click

from .common import CliError, db_option, emit, json_option, open_db, show_rows


@click.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
@json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over report titles and texts. Example: factfinder search "crackdown" """
    with open_db(db) as store:
        hits = store.search(query, limit)
    show_rows(hits, as_json, lambda h: f"{h['id']}  {h['outlet'] or '-'}  {h['published'] or '-'}\n    {h['snippet']}",
              "no reports match")


@click.command()
@click.argument("report_id")
@db_option
@json_option
def show(report_id: str, db: str, as_json: bool) -> None:
    """A report with every fact extracted from it. Example: factfinder show r1a2b3c"""
    from ..records import to_dict

    with open_db(db) as store:
        analysis = store.load_analysis(report_id)
    if analysis is None:
        raise CliError(f"no report with id (or id prefix) {report_id!r}; list ids with `factfinder search`")
    if as_json:
        emit(to_dict(analysis))
        return
    r = analysis.report
    click.echo(f"{r.id}  {r.outlet or '-'}  {r.published or '-'}  {r.url or ''}")
    if r.title:
        click.echo(r.title)
    click.echo(f"sha256 {r.raw_sha256}  captured {r.captured_at}  source {r.source}")
    click.echo("")
    click.echo(r.text)
    click.echo("")
    for a in analysis.actors:
        roles = f" ({'; '.join(a.roles)})" if a.roles else ""
        click.echo(f"actor    {a.canonical} [{a.kind}{', ' + a.country if a.country else ''}]{roles}")
    for e in analysis.events:
        who = e.attribution.asserted_by if e.attribution else "?"
        click.echo(f"event    {e.plover}/{e.mode or '-'} {'; '.join(e.sources) or '?'} -> "
                   f"{'; '.join(e.targets) or '?'} [{e.trigger.start}:{e.trigger.end}] asserted by {who}")
    for q in analysis.quotes:
        click.echo(f"quote    {q.speaker or '?'} {q.cue or ''}: “{q.span.text}”")
    for d in analysis.dates:
        click.echo(f"date     {d.span.text if d.span else ''} = {d.value} ({d.precision})")
    for p in analysis.places:
        click.echo(f"place    {p.name} {p.country or ''} ({p.role})")
    for m in analysis.magnitudes:
        click.echo(f"number   {m.span.text} = {m.quantity:g} {m.unit or ''}")


@click.command()
@db_option
@click.option("--limit", default=100, show_default=True)
@json_option
def actors(db: str, limit: int, as_json: bool) -> None:
    """Actors across reports, one per identity with its variant spellings. Example: factfinder actors --json"""
    with open_db(db) as store:
        rows = store.actors_summary(limit)
    if as_json:
        emit(rows)
        return
    for r in rows:
        roles = f"  roles: {'; '.join(r['roles'])}" if r["roles"] else ""
        others = [v for v in r["variants"] if v != r["canonical"]]
        aka = f"  also: {'; '.join(others)}" if others else ""
        click.echo(f"{r['canonical']}  [{r['kinds'] or '-'}; {r['countries'] or '-'}]  in {r['reports']} report(s)"
                   f"{aka}{roles}")


@click.command()
@db_option
@json_option
def quarantine(db: str, as_json: bool) -> None:
    """Inputs that could not be ingested, with the reason. Example: factfinder quarantine --json"""
    with open_db(db) as store:
        rows = store.quarantined()
    show_rows(rows, as_json, lambda r: f"{r['source']}  [{r['stage']}/{r['error']}]  {r['message']}",
              "quarantine is empty")


COMMANDS = [search, show, actors, quarantine]
