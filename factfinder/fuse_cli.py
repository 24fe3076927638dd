"""`factfinder stories`, `story ID`, `contradictions`, `fuse`: fusion across reports."""

from __future__ import annotations

import json
from typing import Any

import click

from .cliutil import db_option, emit, json_option, open_db
from .store import Store


def stories_rows(store: Store, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT s.id, s.title, s.first_report, s.independent_outlets, s.reports,"
        " (SELECT count(*) FROM contradictions c WHERE c.story_id = s.id) AS contradictions,"
        " r.published AS first_published, r.outlet AS first_outlet"
        " FROM stories s LEFT JOIN reports r ON r.id = s.first_report"
        " ORDER BY s.reports DESC, s.id LIMIT ? OFFSET ?", (limit, offset))
    return rows


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    row = store.conn.execute("SELECT id, data FROM stories WHERE id = ? OR id LIKE ?",
                             (story_id, story_id + "%")).fetchone()
    if row is None:
        return None
    story = json.loads(row["data"])
    members = store.rows(
        "SELECT r.id, r.outlet, r.published, r.title, r.url, sr.copy_of FROM story_reports sr"
        " JOIN reports r ON r.id = sr.report_id WHERE sr.story_id = ? ORDER BY r.published, r.rowid", (row["id"],))
    return {"story": story, "reports": members, "contradictions": contradiction_rows(store, row["id"])}


def contradiction_rows(store: Store, story_id: str | None = None) -> list[dict[str, Any]]:
    sql = "SELECT id, story_id, field, data FROM contradictions"
    rows = store.rows(sql + (" WHERE story_id = ?" if story_id else "") + " ORDER BY story_id, id",
                      (story_id,) if story_id else ())
    return [{"id": r["id"], "story_id": r["story_id"], "field": r["field"], **json.loads(r["data"])} for r in rows]


@click.command("stories")
@click.option("--limit", default=100, show_default=True)
@db_option
@json_option
def stories(limit: int, db: str, as_json: bool) -> None:
    """Stories: reports of the same happening across outlets. Example: factfinder stories --json"""
    with open_db(db) as store:
        rows = stories_rows(store, limit)
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
        detail = story_detail(store, story_id)
    if detail is None:
        raise click.ClickException(f"no story {story_id!r}; list them with `factfinder stories`")
    if as_json:
        emit(detail)
        return
    s = detail["story"]
    click.echo(f"{s['id']}  {s.get('title') or ''}\n{len(s['report_ids'])} report(s), "
               f"{s['independent_outlets']} independent outlet(s)")
    for r in detail["reports"]:
        copy = f"  (copy of {r['copy_of']})" if r["copy_of"] else ""
        click.echo(f"  {r['published'] or '?':10}  {r['outlet'] or '?'}  {r['id']}{copy}")
    for ev, support in zip(s.get("events", []), s.get("event_support", []), strict=False):
        click.echo(f"  event {ev['plover']}/{ev.get('mode') or '-'} {'; '.join(ev.get('sources') or []) or '?'} -> "
                   f"{'; '.join(ev.get('targets') or []) or '?'}  told by {len(support)} span(s)")
    for c in detail["contradictions"]:
        click.echo(f"  CONTRADICTION {c['field']}: " + " vs ".join(
            f"{v} ({o or '?'}, {rid})" for v, o, rid in zip(c["values"], c.get("outlets") or [None] * len(c["values"]),
                                                       c["report_ids"], strict=False)))


@click.command("contradictions")
@db_option
@json_option
def contradictions(db: str, as_json: bool) -> None:
    """Where reports of one story disagree (dates, numbers, places, actors, who said it)."""
    with open_db(db) as store:
        rows = contradiction_rows(store)
    if as_json:
        emit(rows)
        return
    if not rows:
        click.echo("no contradictions")
    for c in rows:
        sides = " vs ".join(f"“{v}” ({o or '?'}, {rid} {sp['start']}:{sp['end']})" for v, o, rid, sp in zip(
            c["values"], c.get("outlets") or [None] * len(c["values"]), c["report_ids"], c["spans"], strict=False))
        click.echo(f"{c['story_id']}  {c['field']}: {sides}")


COMMANDS: list[Any] = [stories, story, contradictions]
