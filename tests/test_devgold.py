"""Our dev gold folders -> gold.jsonl and per-half report sets for the independent scorer."""

import json

import pytest

from factfinder.errors import EvalError
from factfinder.eval.devgold import write_halves


def _set(tmp_path, ids, gold_ids):
    root = tmp_path / "dev" / "geovirus"
    (root / "gold").mkdir(parents=True)
    (root / "articles.jsonl").write_text("".join(json.dumps({"id": i, "text": "Council met."}) + "\n" for i in ids))
    for i in gold_ids:
        (root / "gold" / f"{i}.json").write_text(json.dumps({"id": i, "places": []}))
    return root


def test_only_annotated_reports_go_to_their_half(tmp_path):
    root = _set(tmp_path, ["geovirus-000", "geovirus-001", "geovirus-002"], ["geovirus-001", "geovirus-002"])
    counts = write_halves("geovirus", tmp_path / "dev", tmp_path / "build")
    assert counts == {"tune": 1, "check": 1}  # even index = tune, odd = check; -000 has no gold
    tune = [json.loads(x)["id"] for x in (tmp_path / "build" / "geo_tune" / "articles.jsonl").read_text().splitlines()]
    assert tune == ["geovirus-002"]
    assert len((root / "gold.jsonl").read_text().splitlines()) == 2


def test_a_gold_file_naming_another_report_is_refused(tmp_path):
    root = _set(tmp_path, ["geovirus-000"], [])
    (root / "gold" / "geovirus-000.json").write_text(json.dumps({"id": "geovirus-001"}))
    with pytest.raises(EvalError, match="geovirus-000.json"):
        write_halves("geovirus", tmp_path / "dev", tmp_path / "build")
