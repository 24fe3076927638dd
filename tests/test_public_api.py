"""The small public API, pinned: what `import factfinder` offers, and that it works end to end."""

from __future__ import annotations

from pathlib import Path

import factfinder

SAMPLES = Path(factfinder.__file__).parent / "samples"


def test_exported_names_are_pinned():
    assert sorted(factfinder.__all__) == ["Settings", "__version__", "analyse", "load_reports", "open_store",
                                          "to_pandas"]
    assert all(hasattr(factfinder, name) for name in factfinder.__all__)


def test_public_api_round_trip(tmp_path):
    items = list(factfinder.load_reports(str(SAMPLES)))
    reports = [i.report for i in items if i.report is not None]
    assert len(reports) == 7 and not [i for i in items if i.quarantined]
    analysis = factfinder.analyse(reports[0])
    assert analysis.report.id == reports[0].id and analysis.mentions and analysis.versions["model"]
    with factfinder.open_store(tmp_path / "api.db") as store:
        assert store.write_analysis(analysis) and store.load_analysis(reports[0].id) == analysis
