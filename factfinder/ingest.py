"""Ingest: read inputs, analyse new reports, write each in its own transaction.

Nothing is lost: every input ends as a stored report, a skipped duplicate, or a quarantine row, and
the summary (the completeness report) checks that these add up.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .errors import StageError
from .nlp import MAX_CHARS
from .records import Analysis, Quarantined, Report
from .store import Store


@dataclass
class IngestSummary:
    inputs: int = 0  # files (or stdin) named or found in folders
    reports_found: int = 0  # reports read from those inputs
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    stories: int = 0  # stories in the store after fusion
    contradictions: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # one line per quarantined input

    @property
    def complete(self) -> bool:
        """Every report read is accounted for (stored, duplicate, or quarantined at analysis)."""
        return self.reports_found == self.stored + self.duplicates + self.reasons.get("analyse", 0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "reports_found": self.reports_found,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "quarantined": self.quarantined,
            "quarantined_by_reason": dict(self.reasons),
            "stories": self.stories,
            "contradictions": self.contradictions,
            "complete": self.complete,
        }

    def lines(self) -> list[str]:
        out = [
            f"inputs seen: {self.inputs}; reports read: {self.reports_found}; stored: {self.stored}; "
            f"duplicates skipped: {self.duplicates}; quarantined: {self.quarantined}"
        ]
        out.append(f"stories in the store: {self.stories}; contradictions: {self.contradictions}")
        for reason, n in sorted(self.reasons.items()):
            out.append(f"  quarantined at {reason}: {n}")
        out.append("all inputs accounted for" if self.complete else "WARNING: some reports are unaccounted for")
        return out


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    outlet: str | None = None,
    published: str | None = None,
    workers: int = 1,
    max_bytes: int = 10_000_000,
    progress: bool | None = None,
) -> IngestSummary:
    """Ingest files/folders into ``store``. Bad inputs are quarantined; the batch always goes on."""
    from .sources import count_inputs, load

    paths = [str(p) for p in paths]
    summary = IngestSummary(inputs=count_inputs(paths))
    run_id = store.start_run(paths)
    disable = None if progress is None else not progress

    def record_failure(q: Quarantined) -> None:
        store.quarantine(q)
        summary.quarantined += 1
        summary.reasons[q.stage] += 1
        summary.failures.append(q.message)

    # Phase 1: read inputs; keep only reports the store does not have yet.
    pending: list[tuple[Report, bytes | None]] = []
    seen: set[str] = set()
    # Reading is fast next to analysis; its bar counts items (a JSONL or feed file holds many).
    with tqdm(desc="reading", unit="item", disable=disable, file=sys.stderr) as bar:
        for item in load(paths, outlet=outlet, published=published, max_bytes=max_bytes):
            bar.update(1)
            if item.quarantined is not None:
                record_failure(item.quarantined)
                continue
            report = item.report
            if report is None:  # a reader broke its contract; say so rather than lose the item
                raise StageError("a source reader yielded an item with neither report nor quarantine")
            summary.reports_found += 1
            if report.id in seen or store.has_report(report.id):
                summary.duplicates += 1
                continue
            seen.add(report.id)
            if len(report.text) > MAX_CHARS:
                # Keep the document; say why it has no facts and how to get them.
                store.write_analysis(Analysis(report=report, versions={"error": "too long"}), item.raw)
                record_failure(Quarantined(
                    report.source or report.id, "analyse", "BadInput",
                    f"{report.source or report.id}: {len(report.text):,} characters is longer than the "
                    f"{MAX_CHARS:,} we analyse in one piece; it is stored without facts. Split it into "
                    "separate reports (one per article) and ingest those.", report.raw_sha256))
                continue
            pending.append((report, item.raw))

    # Phase 2: analyse and write, one transaction per report.
    raws = {r.id: raw for r, raw in pending}
    with tqdm(total=len(pending), desc="analysing", unit="report", disable=disable, file=sys.stderr) as bar:
        for report, analysis, error in _analyse_stream([r for r, _ in pending], workers):
            raw = raws.pop(report.id, None)
            if error is not None:
                # Keep the document (text and original) even though analysis failed.
                store.write_analysis(Analysis(report=report, versions={"error": error}), raw)
                record_failure(Quarantined(report.source or report.id, "analyse", "StageError", error, report.raw_sha256))
            elif store.write_analysis(analysis, raw):  # type: ignore[arg-type]
                summary.stored += 1
            else:
                summary.duplicates += 1
            bar.update(1)
    # Phase 3: fuse what is new into stories (resumes where a killed run stopped).
    from .store.fusion import update_fusion

    with tqdm(desc="fusing", unit="report", disable=disable, file=sys.stderr) as bar:
        _, result = update_fusion(store, progress=bar.update)
    summary.stories = len(result.stories)
    summary.contradictions = len(result.contradictions)
    # Phase 4: link actors across reports into identities (resumes the same way: unlinked actors).
    from .identities import update_identities

    update_identities(store)
    store.finish_run(run_id, summary.to_dict())
    return summary


def _analyse_stream(
    reports: list[Report], workers: int
) -> Iterator[tuple[Report, Analysis | None, str | None]]:
    """Parse with spaCy (n_process=workers) and run our stages; a failing report yields its error."""
    from .nlp import load
    from .pipeline import analyse_doc

    nlp = load()
    pairs = ((r.text, r) for r in reports)
    for doc, report in nlp.pipe(pairs, as_tuples=True, n_process=max(1, workers), batch_size=8):
        try:
            yield report, analyse_doc(doc, report), None
        except StageError as exc:
            yield report, None, str(exc)
