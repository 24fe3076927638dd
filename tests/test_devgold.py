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


def test_te3_articles_carry_the_creation_time_and_the_timeml_text():
    from factfinder.eval.devgold import TE3_DIR, te3_articles
    from factfinder.eval.timeml import parse_tml

    if not TE3_DIR.is_dir():
        pytest.skip("needs ../shared/eval/te3_platinum")
    arts = {a["id"]: a for a in te3_articles()}
    assert len(arts) == len(list(TE3_DIR.glob("*.tml")))
    first = sorted(TE3_DIR.glob("*.tml"))[0]
    doc = parse_tml(first)
    art = arts[first.stem]
    assert art["published"] == doc.dct and len(art["published"]) == 10
    assert art["text"] == doc.text  # the same offsets the dates scorer uses
    assert art["outlet"] == first.stem.split("_")[0].upper()


def test_te3_articles_name_the_missing_folder(tmp_path):
    from factfinder.eval.devgold import te3_articles

    with pytest.raises(EvalError, match="te3_platinum"):
        te3_articles(tmp_path / "nowhere")
