"""`factfinder case ...` and `factfinder review ...` commands."""

from __future__ import annotations

import json
from typing import Any

import click

from .common import CliError, db_option, emit, json_option, open_db, show_rows
from ..records import to_dict
from ..review import REVIEW_ACTIONS, TARGET_TABLES, audit_log, record_review, resolve_country, table_of, validate_date
from ..cases import case as cases
from ..cases.dossier import FORMATS, build


@click.group()
def case() -> None:
    """Cases: Rome Statute element grids and dossiers."""


@case.command("new")
@click.argument("name")
@click.option("--actor", "actors", multiple=True, help="Actor name (repeatable); fuzzy-matched to canonical actors.")
@click.option("--country", "countries", multiple=True,
              help="ISO 3166 code (alpha-2/alpha-3) or English name, repeatable.")
@click.option("--since", help="First publication date (YYYY-MM-DD).")
@click.option("--until", help="Last publication date (YYYY-MM-DD).")
@click.option("--who", help="Who creates the case.")
@db_option
def case_new(name: str, actors: tuple[str, ...], countries: tuple[str, ...], since: str | None, until: str | None,
             who: str | None, db: str) -> None:
    """Create a case; prints its id alone on the last line.

    Example: factfinder case new "Belarus 2020-" --country BLR --since 2020-08-01
    """
    countries = tuple(resolve_country(c)[0] for c in countries)  # type: ignore[index]
    since = validate_date(since, "--since") if since else None
    until = validate_date(until, "--until") if until else None
    with open_db(db) as store:
        spec = cases.create_case(store, name, actors, countries, since, until, who)
        n = len(cases.assemble(store, spec).reports)
    click.echo(f"case '{name}' covers {n} report(s) now")
    click.echo(spec.id)


@case.command("list")
@db_option
@json_option
def case_list(db: str, as_json: bool) -> None:
    """List cases. Example: factfinder case list --json"""
    with open_db(db) as store:
        rows = cases.list_cases(store)
    show_rows(rows, as_json, _case_line, empty="no cases yet (`factfinder case new NAME` makes one)")


def _case_line(r: dict[str, Any]) -> str:
    return f"{r['id']}  {r['name']}  {r['created_at']}"


@case.command("show")
@click.argument("case_id")
@db_option
@json_option
def case_show(case_id: str, db: str, as_json: bool) -> None:
    """The element-by-evidence grid, perpetrators, victims and contradictions of a case.

    Example: factfinder case show c062e59527a --db cases.db
    """
    with open_db(db) as store:
        cf = cases.assemble(store, cases.get_case(store, case_id))
    if as_json:
        emit({"case": to_dict(cf.spec),
              "grid": cf.grid, "perpetrators": cf.perpetrators, "victims": cf.victims,
              "contradictions": cf.contradictions, "reports": [a.report.id for a in cf.reports]})
        return
    click.echo(f"{cf.spec.name} ({cf.spec.id}): {len(cf.reports)} reports, {len(cf.evidence)} evidence items")
    click.echo(f"{'element':70} {'char':>4} {'fact':>4} {'jur':>4}  status / sources")
    for r in cf.grid:
        click.echo(f"{(r['article'] + ' ' + r['label'])[:70]:70} {r['characterisations']:4} {r['supporting_facts']:4} "
                   f"{r['jurisdiction']:4}  {r['status']}{': ' + '; '.join(r['sources']) if r['sources'] else ''}")
    gaps = [r["article"] for r in cf.grid if r["status"] in ("gap", "single source")]
    click.echo(f"gaps (no or single-source evidence): {', '.join(gaps) or 'none'}")
    click.echo("alleged perpetrators (as reported):")
    for p in cf.perpetrators:
        click.echo(f"  {p['name']}{' — ' + '; '.join(p['roles']) if p['roles'] else ''} ({p['events']} event(s))")
    click.echo("victims / affected groups:")
    for v in cf.victims:
        mags = "; ".join(f"{m['text']} (per {m['asserted_by']})" for m in v["magnitudes"])
        click.echo(f"  {v['group']} ({v['events']} event(s)){': ' + mags if mags else ''}")
    click.echo(f"contradictions: {len(cf.contradictions)}")
    for c in cf.contradictions:
        click.echo(f"  {'hard' if c['hard'] else 'soft'} {c['slot']}: {c['about']}: "
                   + " vs ".join(f"{v['value']} ({v['support']})" for v in c["values"]))


@case.command("build")
@click.argument("case_id")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True)
@click.option("--out", required=True, type=click.Path(), help="Output file.")
@db_option
def case_build(case_id: str, fmt: str, out: str, db: str) -> None:
    """Write the dossier. Example: factfinder case build c1234 --format pdf --out dossier.pdf"""
    with open_db(db) as store:
        cf = cases.assemble(store, cases.get_case(store, case_id))
        path = build(cf, fmt, out)
    click.echo(f"wrote {path}")


@click.command("review")
@click.argument("action", type=click.Choice(sorted(REVIEW_ACTIONS)))
@click.argument("target_id")
@click.option("--table", "target_table", type=click.Choice(TARGET_TABLES),
              help="Table of the target; inferred from the id"
                   " (REPORT:events:3 -> events; ...@7-1-e -> legal_mappings).")
@click.option("--who", required=True, help="Reviewer name.")
@click.option("--why", help="Reason, kept in the audit log.")
@click.option("--value", help="For amend: the new value as JSON, e.g. '{\"plover\": \"COERCE\"}'.")
@db_option
def review_cmd(action: str, target_id: str, target_table: str | None, who: str, why: str | None, value: str | None,
               db: str) -> None:
    """Accept, reject or amend a suggested mapping or fact (append-only audit).

    Example: factfinder review accept 'r1:events:3@7-1-e' --who alice --why "arrest count confirmed"
    """
    inferred = table_of(target_id)
    if target_table and target_table != inferred:
        raise CliError(f"{target_id!r} names a fact of table {inferred}, not {target_table};"
                       " drop --table or fix the id")
    if action != "amend" and value:
        raise CliError(f"--value is only for amend, not {action}")
    after = None
    if value:
        try:
            after = json.loads(value)
        except json.JSONDecodeError as exc:
            raise click.BadParameter(f"not JSON: {exc.msg}", param_hint="--value") from exc
    with open_db(db) as store:
        audit_id = record_review(store, who, action, inferred, target_id, why, after)
    if audit_id is None:
        raise CliError(f"no {inferred} row with id {target_id!r}; nothing was recorded")
    click.echo(f"audit row {audit_id}: {who} {action} {inferred} {target_id}")


@click.command("audit")
@click.option("--target", help="Only rows about this id.")
@db_option
@json_option
def audit_cmd(target: str | None, db: str, as_json: bool) -> None:
    """The append-only audit log of human decisions. Example: factfinder audit --target r1:events:3"""
    with open_db(db) as store:
        rows = audit_log(store, target)
    show_rows(rows, as_json, _audit_line)


def _audit_line(r: dict[str, Any]) -> str:
    return f"{r['id']}  {r['at']}  {r['who']}  {r['action']}  {r['target_table']}:{r['target_id']}  {r['why'] or ''}"


COMMANDS = [case, review_cmd, audit_cmd]
