"""`factfinder eval`: scores against gold files (factfinder.eval does the work)."""

from __future__ import annotations

import click

from .common import emit


@click.command(name="eval")
@click.option("--reports", "reports_path", type=click.Path(exists=True), help="Reports JSONL (DESIGN.md format).")
@click.option("--gold", "gold_path", type=click.Path(exists=True), help="Gold JSONL or JSON object.")
@click.option("--plover", "plover_path", type=click.Path(exists=True, dir_okay=False), help="PLOVER_GSR_CAMEO.json.")
@click.option("--timeml", "timeml_path", type=click.Path(exists=True, file_okay=False),
              help="Folder of TimeML .tml files.")
@click.option("--geovirus", "geovirus_path", type=click.Path(exists=True, dir_okay=False), help="GeoVirus.xml.")
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
    from ..eval import evaluate

    if not any([reports_path, plover_path, timeml_path, geovirus_path, gum_path]):
        raise click.UsageError("give --reports (with --gold), --plover, --timeml, --geovirus or --gum")
    scores = evaluate(reports=reports_path, gold=gold_path, plover=plover_path, timeml=timeml_path,
                      geovirus=geovirus_path)
    if disputes_path:
        if not reports_path:
            raise click.UsageError("--contradictions needs --reports (the reports the disagreements are between)")
        from ..eval.disputes import score_disputes

        scores.update(score_disputes(disputes_path, reports_path))
    if gum_path:
        from ..eval.gum import score_gum

        scores.update(score_gum(gum_path, half))
    emit(scores)


COMMANDS = [eval_cmd]
