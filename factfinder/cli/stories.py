"""`factfinder stories`, `story ID`, `contradictions` (dispute cards): fusion across reports, read from the store."""

from __future__ import annotations

import sys
from typing import Any

import click

from .common import CliError, db_option, emit, json_option, open_db
from ..store.fusion import list_disputes, review_dispute


@click.command("stories")
@click.option("--limit", default=100, show_default=True, help="At most 200 a page.")
@click.option("--offset", default=0, show_default=True)
@db_option
@json_option
def stories(limit: int, offset: int, db: str, as_json: bool) -> None:
    """Stories: reports of the same happening across outlets, largest first. Example: factfinder stories"""
    with open_db(db) as store:
        rows = store.list_stories(limit, offset).items
    if as_json:
        emit(rows)
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['reports']} report(s), {r['independent_outlets']} independent outlet(s), "
                   f"{r['disputes']} dispute(s)  first: {r['first_outlet'] or '?'} "
                   f"{r['first_published'] or ''}  {r['title'] or ''}")


@click.command("story")
@click.argument("story_id")
@db_option
@json_option
def story(story_id: str, db: str, as_json: bool) -> None:
    """One story: its reports (copies marked), fused events with their support, dispute cards.

    Example: factfinder story story-d6b1314fc9f2
    """
    with open_db(db) as store:
        detail = store.story_detail(story_id)
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
    for d in detail["disputes"]:
        click.echo("  DISPUTE " + _card(d).replace("\n", "\n  "))


@click.command("contradictions")
@click.option("--story", "story_id", help="Only this story's.")
@click.option("--hard", is_flag=True, help="Only hard disputes (values that cannot all be true).")
@click.option("--all", "include_dismissed", is_flag=True, help="Include dismissed disputes.")
@click.option("--limit", type=int, default=None,
              help="Cards per page (default 50 as text; --json prints every card unless a limit is given).")
@click.option("--offset", default=0, show_default=True)
@db_option
@json_option
def contradictions(story_id: str | None, hard: bool, include_dismissed: bool, limit: int | None, offset: int,
                   db: str, as_json: bool) -> None:
    """Disputes: where independent reports of one story disagree (dates, numbers, status, quotes,
    who said it), each value with its support. Example: factfinder contradictions --hard"""
    every = limit is None and as_json
    if limit is None:
        # a reader pages through cards; a program reading JSON gets them all, or would lose the
        # ones past the first page without knowing to ask for them
        limit = sys.maxsize if as_json else 50
    with open_db(db) as store:
        page = list_disputes(store, story_id, hard, include_dismissed, limit, offset)
    if every:
        page["limit"] = None  # unpaged
    if as_json:
        emit(page)
        return
    if not page["items"]:
        click.echo("no disputes")
    for d in page["items"]:
        click.echo(_card(d))
    if page["next_offset"] is not None:
        click.echo(f"… {page['total'] - page['next_offset']} more; next page: --offset {page['next_offset']}")


def _card(d: dict[str, Any]) -> str:
    kind = "HARD" if d["hard"] else "soft"
    flags = " [edit between copies]" if d.get("edit") else ""
    lines = [f"{d['id']}  {d['story']}  {kind} {d['slot']}: {d['about']}  ({d['status']}){flags}", f"  {d['reason']}"]
    for v in d["values"]:
        where = ", ".join(f"{r['outlet'] or '?'} {r['id']} {r['start']}:{r['end']}" for r in v["reports"])
        lines.append(f"  “{v['value']}”  support {v['support']}: {where}")
    return "\n".join(lines)


@click.command("dispute")
@click.argument("dispute_id")
@click.argument("action", type=click.Choice(["confirm", "dismiss"]))
@click.option("--who", required=True, help="Reviewer's name.")
@click.option("--why", default=None, help="Reason, kept in the audit log.")
@db_option
def dispute(dispute_id: str, action: str, who: str, why: str | None, db: str) -> None:
    """Confirm or dismiss a dispute (audit row); dismissed ones stay hidden on re-ingest.
    Example: factfinder dispute dsp-0123abcd4567 dismiss --who editor --why "same figure, rounded"
    """
    with open_db(db) as store:
        audit_id = review_dispute(store, dispute_id, action, who, why)
    if audit_id is None:
        raise CliError(f"no dispute {dispute_id!r}; list them with `factfinder contradictions`")
    click.echo(f"{dispute_id}: {action}ed (audit #{audit_id})")


COMMANDS: list[Any] = [stories, story, contradictions, dispute]
