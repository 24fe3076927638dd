"""`factfinder stories`, `story ID`, `contradictions`: fusion across reports, read from the store."""

from __future__ import annotations

from typing import Any

import click

from .cliutil import CliError, db_option, emit, json_option, open_db
from .queries import MAX_LIMIT, list_contradictions, list_stories, story_detail


@click.command("stories")
@click.option("--limit", default=100, show_default=True, help="At most 200 a page.")
@click.option("--offset", default=0, show_default=True)
@db_option
@json_option
def stories(limit: int, offset: int, db: str, as_json: bool) -> None:
    """Stories: reports of the same happening across outlets, largest first. Example: factfinder stories"""
    with open_db(db) as store:
        rows = list_stories(store.conn, limit, offset).items
    if as_json:
        emit(rows)
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['reports']} report(s), {r['independent_outlets']} independent outlet(s), "
                   f"{r['contradictions']} contradiction(s)  first: {r['first_outlet'] or '?'} "
                   f"{r['first_published'] or ''}  {r['title'] or ''}")


@click.command("story")
@click.argument("story_id")
@db_option
@json_option
def story(story_id: str, db: str, as_json: bool) -> None:
    """One story: its reports (copies marked), fused events with their support, contradictions."""
    with open_db(db) as store:
        detail = story_detail(store.conn, story_id)
    if detail is None:
        raise CliError(f"no story {story_id!r}; list them with `factfinder stories`")
    if as_json:
        emit(detail)
        return
    s = detail["data"]
    click.echo(f"{s['id']}  {s.get('title') or ''}\n{len(s['report_ids'])} report(s), "
               f"{s['independent_outlets']} independent outlet(s)")
    for r in detail["reports"]:
        copy = f"  (copy of {r['copy_of']})" if r["copy_of"] else ""
        click.echo(f"  {r['published'] or '?':10}  {r['outlet'] or '?'}  {r['id']}{copy}")
    for ev, support in zip(s.get("events", []), s.get("event_support", []), strict=False):
        click.echo(f"  event {ev['plover']}/{ev.get('mode') or '-'} {'; '.join(ev.get('sources') or []) or '?'} -> "
                   f"{'; '.join(ev.get('targets') or []) or '?'}  told by {len(support)} span(s)")
    for c in detail["contradictions"]:
        click.echo(f"  CONTRADICTION {_sides(c)}")


def _sides(c: dict[str, Any]) -> str:
    d = c["data"]
    outlets = d.get("outlets") or [None] * len(d["values"])
    return f"{c['field']}: " + " vs ".join(
        f"“{v}” ({o or '?'}, {rid} {sp['start']}:{sp['end']})"
        for v, o, rid, sp in zip(d["values"], outlets, d["report_ids"], d["spans"], strict=False))


@click.command("contradictions")
@click.option("--story", "story_id", help="Only this story's.")
@db_option
@json_option
def contradictions(story_id: str | None, db: str, as_json: bool) -> None:
    """Where reports of one story disagree (dates, numbers, places, actors, who said it)."""
    with open_db(db) as store:
        rows = list_contradictions(store.conn, story_id=story_id, limit=MAX_LIMIT).items
    if as_json:
        emit(rows)
        return
    if not rows:
        click.echo("no contradictions")
    for c in rows:
        click.echo(f"{c['story_id']}  {_sides(c)}")


COMMANDS: list[Any] = [stories, story, contradictions]
