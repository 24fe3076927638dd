"""Fusion as users see it: stories and contradictions in the store, incremental as reports arrive."""

from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import CORPUS, need_shared
from factfinder.cli import main


def run_json(*args: str):
    res = CliRunner().invoke(main, [*args, "--json"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    start = res.output.index("[") if res.output.lstrip().startswith("[") else res.output.index("{")
    return json.loads(res.output[start:])


def test_corpus_stories_match_labels(corpus_db):
    db = str(corpus_db)
    stories = run_json("stories", "--db", db)
    assert len(stories) == 4
    biggest = stories[0]
    assert biggest["reports"] == 7 and biggest["independent_outlets"] == 7
    detail = run_json("story", biggest["id"], "--db", db)
    assert "ap-2024-09-30-lithuania-icc" in [r["id"] for r in detail["reports"]]
    assert detail["data"]["events"], "a story fuses its reports' events"
    support = detail["data"]["event_support"]
    assert all(span["report_id"] and span["end"] > span["start"] for spans in support for span in spans)


def test_export_gold_carries_story_ids(corpus_db):
    res = CliRunner().invoke(main, ["export", "--format", "gold", "--db", str(corpus_db)], catch_exceptions=False)
    rows = [json.loads(line) for line in res.output.splitlines() if line.strip()]
    labels = {json.loads(line)["id"]: json.loads(line)["story"] for line in CORPUS.read_text().splitlines()}
    by_story: dict[str, set[str]] = {}
    for row in rows:
        by_story.setdefault(row["story"], set()).add(labels[row["id"]])
    assert len(rows) == 10 and all(len(gold) == 1 for gold in by_story.values())


def test_new_report_joins_existing_story_and_contradiction_is_listed(tmp_path):
    need_shared(CORPUS)
    db = tmp_path / "inc.db"
    first = tmp_path / "first.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    first.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(first), "--db", str(db), "--no-progress"]).exit_code == 0
    before = run_json("stories", "--db", str(db))
    assert len(before) == 1 and before[0]["reports"] == 3
    # A rewritten report of the same happening with a different arrest count arrives later.
    seed = json.loads(lines[0])
    variant = dict(seed, id="rewrite-1", outlet="Example Daily", text=seed["text"].replace(
        "more than 65,000 people arrested", "more than 35,000 people arrested").replace(
        "Hundreds of thousands of people fled", "Many people have fled"))
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps(variant) + "\n", encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(later), "--db", str(db), "--no-progress"]).exit_code == 0
    after = run_json("stories", "--db", str(db))
    assert len(after) == 1 and after[0]["reports"] == 4
    cards = run_json("contradictions", "--db", str(db))["items"]
    # "arrested over the last four years": a cumulative count, compared with cumulative counts
    numbers = [c for c in cards
               if c["slot"] == "number" and c["about"] in ("people detained", "people detained overall")]
    assert numbers, cards
    sides = {r["id"]: v["value"] for v in numbers[0]["values"] for r in v["reports"]}
    assert "rewrite-1" in sides and "ap-2024-09-30-lithuania-icc" in sides
    assert sides["rewrite-1"] != sides["ap-2024-09-30-lithuania-icc"]
    assert numbers[0]["hard"], "more than 35,000 vs more than 65,000 cannot both hold"


def test_rewritten_sample_reports_join_one_story():
    """Our own samples: two outlets rewrite one arrest (other wording, other quoted names, the same
    act against the same people on the same day); a third report is another happening."""
    from pathlib import Path

    from factfinder.eval import evaluate

    path = Path(__file__).resolve().parents[1] / "factfinder" / "samples" / "marenia-reports.jsonl"
    assert evaluate(reports=str(path))["stories.pairwise_f1"] == 1.0
