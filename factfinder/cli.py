"""The `factfinder` command: a thin shell over library functions.

Exit codes: 0 ok; 1 some inputs failed (quarantined), a gate failed or `verify` found an alteration;
2 usage or setup error; 3 the store could not be written mid-run (disk full, I/O error, locked too long;
what was written stands, rerun to resume).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .cliutil import CliError, db_option, emit, json_option, open_db
from .errors import FactfinderError


class Group(click.Group):
    """Turns our errors into one readable line and exit code 2, instead of a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactfinderError as exc:
            click.echo(f"factfinder: {' '.join(str(exc).split())}", err=True)
            ctx.exit(getattr(exc, "exit_code", 2))


@click.group(cls=Group)
@click.version_option(package_name="factfinder")
def main() -> None:
    """factfinder: news reports in, sourced facts, events and case files out."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option("--outlet", help="Outlet name for inputs that do not carry one.")
@click.option("--published", help="Publication date (YYYY-MM-DD) for inputs that do not carry one.")
@click.option("--workers", default=1, show_default=True, help="Local processes for parsing.")
@click.option("--dask", help="Analyse on a Dask cluster: tcp://HOST:8786 (a running scheduler) or local:N.")
@click.option("--max-bytes", default=10_000_000, show_default=True, help="Quarantine inputs larger than this.")
@click.option("--report-seconds", default=300.0, show_default=True,
              help="Stop analysing one report after this long (it is stored without facts and quarantined).")
@click.option("--no-progress", is_flag=True, help="Hide the progress bars.")
@json_option
def ingest(paths: tuple[str, ...], db: str, outlet: str | None, published: str | None, workers: int, dask: str | None,
           max_bytes: int, report_seconds: float, no_progress: bool, as_json: bool) -> None:
    """Ingest text, HTML, RSS/Atom, JSONL, WARC files or folders.

    Example: factfinder ingest reports/ feed.xml --db cases.db --outlet "AP"
    """
    from .ingest import ingest as run_ingest

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
                             max_bytes=max_bytes, report_seconds=report_seconds, dask=dask,
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


@main.command()
@db_option
@json_option
def verify(db: str, as_json: bool) -> None:
    """Re-compute the audit hash chain and re-hash every stored original; exit 1 on any alteration.

    Example: factfinder verify --db cases.db
    """
    from .store.integrity import verify as run_verify

    with open_db(db) as store:
        result = run_verify(store.conn)
    if as_json:
        emit(result.to_dict())
    else:
        for line in result.lines():
            click.echo(line)
    if result.problems:
        sys.exit(1)


@main.command()
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


@main.command()
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


@main.command()
@click.argument("query")
@db_option
@click.option("--limit", default=20, show_default=True)
@json_option
def search(query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over report titles and texts. Example: factfinder search "crackdown" """
    with open_db(db) as store:
        hits = store.search(query, limit)
    if as_json:
        emit(hits)
        return
    if not hits:
        click.echo("no reports match")
    for h in hits:
        click.echo(f"{h['id']}  {h['outlet'] or '-'}  {h['published'] or '-'}\n    {h['snippet']}")


@main.command()
@click.argument("report_id")
@db_option
@json_option
def show(report_id: str, db: str, as_json: bool) -> None:
    """A report with every fact extracted from it. Example: factfinder show r1a2b3c"""
    from .records import to_dict

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


@main.command()
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


@main.command()
@db_option
@json_option
def quarantine(db: str, as_json: bool) -> None:
    """Inputs that could not be ingested, with the reason. Example: factfinder quarantine --json"""
    with open_db(db) as store:
        rows = store.quarantined()
    if as_json:
        emit(rows)
        return
    if not rows:
        click.echo("quarantine is empty")
    for r in rows:
        click.echo(f"{r['source']}  [{r['stage']}/{r['error']}]  {r['message']}")


@main.command(name="eval")
@click.option("--reports", "reports_path", type=click.Path(exists=True), help="Reports JSONL (DESIGN.md format).")
@click.option("--gold", "gold_path", type=click.Path(exists=True), help="Gold JSONL or JSON object.")
@click.option("--plover", "plover_path", type=click.Path(exists=True), help="PLOVER_GSR_CAMEO.json.")
@click.option("--timeml", "timeml_path", type=click.Path(exists=True), help="Folder of TimeML .tml files.")
@click.option("--geovirus", "geovirus_path", type=click.Path(exists=True), help="GeoVirus.xml.")
@click.option("--contradictions", "disputes_path", type=click.Path(exists=True),
              help="Gold disagreements JSONL (with --reports): dispute precision and recall.")
@click.option("--gum", "gum_path", type=click.Path(exists=True, file_okay=False),
              help="Folder of GUM news .conllu files (coreference).")
@click.option("--half", type=click.Choice(["tune", "check"]), default=None,
              help="Only this half of the GUM documents (factfinder/eval/splits.json).")
def eval_cmd(reports_path: str | None, gold_path: str | None, plover_path: str | None,
             timeml_path: str | None, geovirus_path: str | None, disputes_path: str | None = None,
             gum_path: str | None = None, half: str | None = None) -> None:
    """Score extraction; prints one JSON object (keys for stages not built are null).

    Example: factfinder eval --reports ../shared/corpus/reports.jsonl --gold ../shared/gold/seed.json
    """
    from .eval import evaluate

    if not any([reports_path, plover_path, timeml_path, geovirus_path, gum_path]):
        raise click.UsageError("give --reports (with --gold), --plover, --timeml, --geovirus or --gum")
    scores = evaluate(reports=reports_path, gold=gold_path, plover=plover_path, timeml=timeml_path,
                      geovirus=geovirus_path)
    if disputes_path:
        if not reports_path:
            raise click.UsageError("--contradictions needs --reports (the reports the disagreements are between)")
        from .eval.disputes import score_disputes

        scores.update(score_disputes(disputes_path, reports_path))
    if gum_path:
        from .eval.gum import score_gum

        scores.update(score_gum(gum_path, half))
    emit(scores)


@main.command()
@click.option("--format", "fmt", required=True,
              type=click.Choice(["gold", "jsonl", "csv", "plover", "cameo", "geojson", "graphml"]),
              help="gold: extractor output for scoring; csv: ACLED-style events; plover: PLOVER 0.7 JSONL;"
                   " cameo: GDELT 2.0 event TSV; geojson; graphml (see docs/formats.md).")
@db_option
@click.option("--out", type=click.Path(), help="Write to FILE instead of standard output.")
@click.option("--reviewed-only", is_flag=True, help="Only events and quotes a reviewer accepted or amended.")
def export(fmt: str, db: str, out: str | None, reviewed_only: bool) -> None:
    """Export the store, as reviewed (rejected facts left out, amendments applied).

    Example: factfinder export --format gold --db cases.db > pred.jsonl
    """
    from .export import export as run_export

    if reviewed_only and fmt == "gold":
        raise click.UsageError("the gold export is the extractor's own output (for scoring); --reviewed-only"
                               " applies to the other formats")
    with open_db(db) as store:
        if out:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                result = run_export(store, fmt, fh, reviewed_only=reviewed_only)
            click.echo(f"wrote {result.written} records to {out}", err=True)
        else:
            result = run_export(store, fmt, sys.stdout, reviewed_only=reviewed_only)
    for line in result.lines():  # records the format's required fields rule out, counted by reason
        click.echo(line, err=True)


# Commands of later stages live beside their code; each module exposes COMMANDS (click commands).
def _register() -> None:
    from .api.cli import COMMANDS as web
    from .cases.cli import COMMANDS as cases
    from .fuse_cli import COMMANDS as fusion
    from .query_cli import COMMANDS as queries

    for cmd in (*queries, *fusion, *cases, *web):
        main.add_command(cmd)


_register()


if __name__ == "__main__":  # pragma: no cover
    main()
