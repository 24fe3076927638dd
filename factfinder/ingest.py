"""Ingest: read inputs, analyse new reports, write each in its own transaction.

Nothing is lost: every report read ends as a stored report, a sighting of a stored report, a skipped
duplicate, or a quarantine row, and the summary (the completeness report) checks that these add up.

What counts as "the same report" (by id; an input without an id gets one derived from its text):

* same id, same text (after whitespace/NFC normalisation), same outlet, URL and source: a duplicate
  (re-ingesting adds nothing);
* same id, same text, another outlet, URL or file: a **sighting**, kept in the ``sightings`` table
  (outlet, URL, capture time, source, original bytes), so corroboration can count it;
* same id, **different text**: not a duplicate. It is stored under the derived id
  ``<id>~<8 hex of its text hash>`` (stable, so a re-run finds it again) and the summary prints a
  note naming both sources. Quarantining it would keep the bytes out of the store; renaming keeps
  both versions and says so.

A report longer than ``section_chars`` (default 100,000 characters) is split at paragraph
boundaries (else line, sentence or word boundaries) into section reports ``<id>#s<n>``; each is
analysed on its own, so every span is an honest offset into a text that is stored as it is, and
``report_sections`` records where each section sits in the whole (the original bytes are kept once).
Analysis of one report is bounded by ``report_seconds`` (SIGALRM, in the process that analyses it);
a report over it is stored without facts and quarantined at "analyse" with the fix.

With ``workers > 1`` reports are parsed and analysed by a pool of forked processes that die with the
ingest (PR_SET_PDEATHSIG, plus a watchdog on the parent pid): a killed ingest leaves no workers.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tqdm import tqdm

from .errors import StageError, StoreWriteError
from .nlp import MAX_CHARS
from .records import Analysis, Quarantined, Report
from .settings import MAX_BYTES
from .store import Store

SECTION_CHARS = 100_000
REPORT_SECONDS = 300.0


@dataclass
class IngestSummary:
    inputs: int = 0  # files (or stdin) named or found in folders
    reports_found: int = 0  # reports read from those inputs
    sections: int = 0  # extra reports made by splitting long ones into sections
    stored: int = 0
    duplicates: int = 0
    sightings: int = 0  # same report (id and text) seen again from another outlet, URL or file
    renamed: int = 0  # same id, different text: stored under a derived id
    quarantined: int = 0
    incomplete_inputs: int = 0  # inputs whose reader stopped part-way (what followed was not read)
    stories: int = 0  # stories in the store after fusion
    disputes: int = 0  # open dispute cards (`factfinder contradictions`): what a reader should look at
    reasons: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)  # one line per quarantined input
    notices: list[str] = field(default_factory=list)  # one line per renamed report

    @property
    def complete(self) -> bool:
        """Every report read is accounted for, and no input stopped part-way."""
        found = self.reports_found + self.sections
        accounted = self.stored + self.duplicates + self.sightings + self.reasons.get("analyse", 0)
        return found == accounted and not self.incomplete_inputs

    def to_dict(self) -> dict[str, Any]:
        return {
            "inputs": self.inputs,
            "reports_found": self.reports_found,
            "sections": self.sections,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "sightings": self.sightings,
            "renamed": self.renamed,
            "quarantined": self.quarantined,
            "quarantined_by_reason": dict(sorted(self.reasons.items())),
            "incomplete_inputs": self.incomplete_inputs,
            "stories": self.stories,
            "disputes": self.disputes,
            "complete": self.complete,
        }

    def lines(self) -> list[str]:
        out = [
            f"inputs seen: {self.inputs}; reports read: {self.reports_found}; stored: {self.stored}; "
            f"duplicates skipped: {self.duplicates}; sightings recorded: {self.sightings}; "
            f"quarantined: {self.quarantined}"
        ]
        if self.sections:
            out.append(f"long reports split: {self.sections} extra section report(s)")
        if self.renamed:
            out.append(f"stored under a derived id (same id, different text): {self.renamed}")
        out.append(f"stories in the store: {self.stories}; open disputes: {self.disputes} "
                   "(`factfinder contradictions` lists them)")
        for reason, n in sorted(self.reasons.items()):
            out.append(f"  quarantined at {reason}: {n}")
        if self.incomplete_inputs:
            out.append(f"  inputs not read to the end: {self.incomplete_inputs}")
        out.append("all inputs accounted for" if self.complete else "WARNING: some reports are unaccounted for")
        return out


def ingest(store: Store, paths: Iterable[str | Path], **options: Any) -> IngestSummary:
    """Ingest files/folders into ``store`` (options: see ``_ingest``). Bad inputs are quarantined and the
    batch goes on; a store that cannot be written (disk full, I/O error) raises StoreWriteError."""
    import errno

    try:
        return _ingest(store, paths, **options)
    except store.driver_errors as exc:
        raise StoreWriteError.from_exception(store.path, exc) from exc
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT):
            raise StoreWriteError.from_exception(store.path, exc) from exc
        raise


def _ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    outlet: str | None = None,
    published: str | None = None,
    workers: int = 1,
    max_bytes: int = MAX_BYTES,
    progress: bool | None = None,
    section_chars: int = SECTION_CHARS,
    report_seconds: float = REPORT_SECONDS,
    dask: str | None = None,
) -> IngestSummary:
    from .sources import INCOMPLETE, count_inputs, load

    paths = [str(p) for p in paths]
    summary = IngestSummary(inputs=count_inputs(paths))
    run_id = store.start_run(paths)
    disable = None if progress is None else not progress
    section_chars = max(1, min(section_chars, MAX_CHARS))

    def record_failure(q: Quarantined) -> None:
        store.quarantine(q)
        summary.quarantined += 1
        summary.reasons[q.stage] += 1
        summary.failures.append(q.message)
        if q.error == INCOMPLETE:
            summary.incomplete_inputs += 1

    # Phase 1: read inputs; keep only reports the store does not have yet.
    batch = _Batch(store)
    pending: list[tuple[Report, bytes | None]] = []
    sections: list[tuple[Report, str, int, int, int, int]] = []
    # Reading is fast next to analysis; its bar counts items (a JSONL or feed file holds many).
    with tqdm(desc="reading", unit="item", disable=disable, file=sys.stderr) as bar:
        for item in load(paths, outlet=outlet, published=published, max_bytes=max_bytes):
            bar.update(1)
            if item.quarantined is not None:
                record_failure(item.quarantined)
                continue
            if item.report is None:  # a reader broke its contract; say so rather than lose the item
                raise StageError("a source reader yielded an item with neither report nor quarantine")
            summary.reports_found += 1
            parts = split_sections(item.report, section_chars)
            summary.sections += len(parts) - 1
            for n, (unit, start, end) in enumerate(parts, start=1):
                verdict, unit = batch.classify(unit, item.raw)
                if verdict == "duplicate":
                    summary.duplicates += 1
                    continue
                if verdict == "sighting":
                    continue  # written after phase 2 (the report it sights may be in this batch)
                if verdict == "renamed":
                    summary.renamed += 1
                    summary.notices.append(batch.notes[-1])
                if len(parts) > 1:
                    sections.append((unit, item.report.id, n, len(parts), start, end))
                pending.append((unit, item.raw))

    # Phase 2: analyse and write, one transaction per report; every DERIVE_EVERY stored reports
    # (and at the end) the fresh analyses go on to fusion and identities (phase 3) as they are.
    raws = {r.id: raw for r, raw in pending}
    fresh: dict[str, Analysis] = {}
    with tqdm(total=len(pending), desc="analysing", unit="report", disable=disable, file=sys.stderr) as bar:
        for report, analysis, error in _analyse_stream([r for r, _ in pending], workers, report_seconds, dask):
            raw = raws.pop(report.id, None)
            if error is not None:
                # Keep the document (text and original) even though analysis failed.
                failed = Analysis(report=report, versions={"error": error})
                if store.write_analysis(failed, raw):
                    fresh[report.id] = failed
                record_failure(Quarantined(report.source or report.id, "analyse", "StageError", error,
                                           report.raw_sha256))
            elif store.write_analysis(analysis, raw):  # type: ignore[arg-type]
                summary.stored += 1
                fresh[report.id] = analysis  # type: ignore[assignment]
            else:  # another process stored this id first: a duplicate, a sighting, or another text
                _after_race(store, batch, summary, report, raw, report_seconds)
            bar.update(1)
            if len(fresh) >= DERIVE_EVERY:
                derive(store, fresh)
                fresh.clear()
    for unit, parent, n, of, start, end in sections:
        if store.has_report(unit.id):
            store.add_section(unit.id, parent, n, of, start, end)
    for report_id, seen, raw in batch.sightings:
        if store.add_sighting(report_id, seen, raw):
            summary.sightings += 1
        else:
            summary.duplicates += 1
    # Phase 3: what is new goes into stories and identities (this batch's analyses, plus whatever a
    # killed run or a concurrent ingest stored and did not derive: the work left is always "reports
    # without a profile, actors without an identity").
    derive(store, fresh)
    from .store.fusion import FusionTables

    summary.stories, summary.disputes = FusionTables(store).counts()
    store.finish_run(run_id, summary.to_dict())
    return summary


DERIVE_EVERY = 256  # stored reports between derive rounds: bounds the analyses held in memory


def derive(store: Store, fresh: Mapping[str, Analysis] | None = None) -> tuple[int, int]:
    """The cross-report steps over what is new: fuse reports without a profile, then link actors
    without an identity, each in one transaction under the write lock (so a concurrent ingest
    cannot derive from stale state). ``fresh``: analyses just written, used as they are (others are
    read back from the store). Returns (reports fused, actors linked)."""
    with store.write():
        fused = fuse_stored(store, fresh or {})
    with store.write():
        linked = link_identities(store)
    return fused, linked


def fuse_stored(store: Store, fresh: Mapping[str, Analysis] | None = None, tables: Any = None) -> int:
    """Fuse the stored reports not fused yet, reading only the state they touch; returns how many.
    ``tables``: the store's fusion tables (default ``FusionTables(store)``)."""
    from .derive.stories import Fuser, FuserState, FuseOptions, Profile
    from .records import from_dict
    from .store.fusion import FusionTables, dispute_status

    tables = tables or FusionTables(store)
    status = dispute_status(store)
    if not tables.built():  # a store fused before the index was persisted: build it once
        profiles = tuple(from_dict(Profile, p) for p in tables.all_profiles())
        tables.write(Fuser.from_state(FuserState(FuseOptions(), profiles)).changes(status))  # type: ignore[arg-type]
    todo = tables.unfused()
    if not todo:
        return 0
    fuser = Fuser(tables=tables)
    for rid in todo:
        analysis = (fresh or {}).get(rid) or store.load_analysis(rid)
        if analysis is not None:
            fuser.add(analysis)
    tables.write(fuser.changes(status), reports_rowid=tables.last_report_rowid())
    return len(todo)


def link_identities(store: Store) -> int:
    """Link the actors not linked yet to identities, reading only their blocks; returns how many."""
    from .derive.identities import StoredActor, further_blocks, link
    from .store.identities import IdentityTables

    tables = IdentityTables(store, StoredActor, further_blocks)
    if not tables.built():  # a store linked before the index was persisted: build it once
        tables.build()
    todo = tables.unlinked()
    if todo:
        tables.write(link(todo, tables), todo)
    return len(todo)


def _after_race(store: Store, batch: _Batch, summary: IngestSummary, report: Report, raw: bytes | None,
                seconds: float) -> None:
    """A concurrent ingest stored ``report.id`` between our check and our write: classify again."""
    batch.seen.pop(report.id, None)
    verdict, unit = batch.classify(report, raw)
    if verdict == "duplicate":
        summary.duplicates += 1
    elif verdict == "sighting":
        pass  # written with the others below
    else:  # a different text under the same id: analyse it again under its derived id (spans carry the id)
        analysis, error = analyse_bounded(unit, seconds)
        if error is None and store.write_analysis(analysis, raw):  # type: ignore[arg-type]
            summary.stored += 1
            summary.renamed += 1
            summary.notices.append(batch.notes[-1])
        else:
            summary.duplicates += 1


class _Batch:
    """What this batch and the store already hold, by id: tells duplicates, sightings and id clashes apart."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seen: dict[str, tuple[str, str | None, str | None, str | None]] = {}
        self.sightings: list[tuple[str, Report, bytes | None]] = []
        self.notes: list[str] = []

    def _known(self, report_id: str) -> tuple[str, str | None, str | None, str | None] | None:
        if report_id in self.seen:
            return self.seen[report_id]
        stored = self.store.report_identity(report_id)
        if stored is None:
            return None
        from .sources.base import normalise_for_id

        return (normalise_for_id(stored[0]), *stored[1:])  # type: ignore[return-value]

    def classify(self, report: Report, raw: bytes | None) -> tuple[str, Report]:
        """("new" | "renamed" | "duplicate" | "sighting", the report as it will be stored)."""
        from .sources.base import normalise_for_id, sha256

        key = normalise_for_id(report.text)
        verdict = "new"
        original = report
        for _ in range(2):
            known = self._known(report.id)
            if known is None:
                self.seen[report.id] = (key, report.outlet, report.url, report.source)
                if verdict == "renamed":
                    self.notes.append(
                        f"{report.source}: id '{original.id}' is already used for a different text "
                        f"(from {self._source_of(original.id)}); stored as '{report.id}'.")
                return verdict, report
            if known[0] == key:
                if (report.outlet, report.url, report.source) == known[1:]:
                    return "duplicate", report
                self.sightings.append((report.id, report, raw))
                return "sighting", report
            derived = f"{original.id}~{sha256(key.encode('utf-8'))[:8]}"
            report, verdict = replace(original, id=derived), "renamed"
        raise StageError(f"{report.source}: ids '{original.id}' and '{report.id}' both hold other texts")

    def _source_of(self, report_id: str) -> str:
        known = self.seen.get(report_id)
        if known is not None:
            return known[3] or report_id
        stored = self.store.report_identity(report_id)
        return (stored[3] if stored else None) or "the store"


def split_sections(report: Report, limit: int) -> list[tuple[Report, int, int]]:
    """``report`` itself when short enough, else section reports ``<id>#s<n>`` with their offsets."""
    spans = section_spans(report.text, limit)
    if len(spans) == 1:
        return [(report, 0, len(report.text))]
    out = []
    for n, (start, end) in enumerate(spans, start=1):
        out.append((replace(report, id=f"{report.id}#s{n}", text=report.text[start:end],
                            source=f"{report.source or report.id}#s{n}",
                            dateline=report.dateline if n == 1 else None), start, end))
    return out


def section_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive sections of at most ``limit`` characters, cut at the last paragraph
    break in the window (else line break, sentence end, space; a hard cut only in an unbroken run)."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        window = text[start : start + limit + 1]
        cut = _cut(window)
        end = start + cut
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end if end > start else start + cut))
        start += cut
        while start < n and text[start].isspace():
            start += 1
    if start < n:
        spans.append((start, n))
    return spans or [(0, n)]


def _cut(window: str) -> int:
    for sep in ("\n\n", "\n", ". ", " "):
        i = window.rfind(sep, len(window) // 2, len(window) - 1)
        if i > 0:
            return i + len(sep)
    return len(window) - 1


# ---------------------------------------------------------------- analysis, bounded


class _Timeout(BaseException):
    """Raised by SIGALRM inside a report's analysis (BaseException: stages' `except Exception` let it pass)."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    usable = seconds > 0 and hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def on_alarm(signum: int, frame: Any) -> None:
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def analyse_bounded(report: Report, seconds: float) -> tuple[Analysis | None, str | None]:
    """Parse and analyse one report within ``seconds``; (analysis, None) or (None, one-line error)."""
    from .nlp import load
    from .pipeline import analyse_doc

    name = report.source or report.id
    try:
        with _time_limit(seconds):
            return analyse_doc(load()(report.text), report), None
    except _Timeout:
        return None, (f"{name}: analysis took longer than {seconds:g} s and was stopped; the report is stored "
                      "without facts. Split it into shorter reports (or raise --report-seconds) and ingest it again.")
    except StageError as exc:
        return None, " ".join(str(exc).split())
    except Exception as exc:  # noqa: BLE001 - the parser failing on one report must not stop the batch
        return None, f"{name}: the parser failed ({type(exc).__name__}: {' '.join(str(exc).split())[:200]})."


def _analyse_stream(
    reports: list[Report], workers: int, seconds: float, dask: str | None = None
) -> Iterator[tuple[Report, Analysis | None, str | None]]:
    """Analyses in input order; with workers > 1 from forked processes that die with this one; with
    ``dask`` (tcp://HOST:PORT or local:N) from a Dask cluster, as partitions complete (factfinder.scale)."""
    if not reports:
        return
    if dask:
        from .scale import analyse_on_cluster

        yield from analyse_on_cluster(reports, dask, seconds)
        return
    if workers <= 1 or len(reports) == 1:
        for report in reports:
            analysis, error = analyse_bounded(report, seconds)
            yield report, analysis, error
        return
    from .nlp import load

    load()  # once, before forking: the workers share the loaded model
    # A worker that dies (out of memory, a crash in C) or hangs is noticed at once (its process
    # sentinel) or after this long; its report is quarantined, a new worker takes its place.
    wait = max(2 * seconds, seconds + 10) if seconds > 0 else None
    pool = _Workers(workers, seconds)
    try:
        todo = iter(reports)
        in_flight: deque[tuple[Report, int]] = deque()

        def submit(slot: int) -> None:
            report = next(todo, None)
            if report is not None:
                pool.send(slot, report)
                in_flight.append((report, slot))

        for slot in range(workers):
            submit(slot)
        while in_flight:
            report, slot = in_flight.popleft()
            analysis, error = pool.result(slot, wait)
            if error is None and analysis is None:
                error = (f"{report.source or report.id}: the worker analysing it gave no answer (it died or hung); "
                         "the report is stored without facts. Ingest it again alone (--workers 1) to see why.")
            submit(slot)
            yield report, analysis, error
    finally:
        pool.close()


class _Workers:
    """Forked analysis workers with one pipe each. No lock or queue is shared between them (as in
    multiprocessing.Pool, whose terminate() can wait forever on a lock a killed worker held), so a
    worker that dies can only lose its own report."""

    def __init__(self, n: int, seconds: float) -> None:
        import multiprocessing

        self._ctx = multiprocessing.get_context("fork")
        self._seconds = seconds
        self._procs: list[Any] = []
        self._conns: list[Any] = []
        for _ in range(n):
            proc, conn = self._spawn()
            self._procs.append(proc)
            self._conns.append(conn)

    def _spawn(self) -> tuple[Any, Any]:
        mine, theirs = self._ctx.Pipe()
        proc = self._ctx.Process(target=_work, args=(theirs, os.getpid(), self._seconds), daemon=True)
        proc.start()
        theirs.close()
        return proc, mine

    def send(self, slot: int, report: Report) -> None:
        try:
            self._conns[slot].send(report)
        except OSError:  # the worker is gone: the next result() notices and replaces it
            pass

    def result(self, slot: int, wait: float | None) -> tuple[Analysis | None, str | None]:
        """The answer of worker ``slot``; (None, None) when it died or gave none within ``wait``."""
        from multiprocessing.connection import wait as ready

        conn, proc = self._conns[slot], self._procs[slot]
        if ready([conn, proc.sentinel], wait) and conn.poll():
            try:
                return conn.recv()
            except (EOFError, OSError):
                pass
        self._replace(slot)
        return None, None

    def _replace(self, slot: int) -> None:
        proc, conn = self._procs[slot], self._conns[slot]
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        conn.close()
        self._procs[slot], self._conns[slot] = self._spawn()

    def close(self) -> None:
        for conn in self._conns:
            try:
                conn.send(None)
            except OSError:
                pass
        for proc, conn in zip(self._procs, self._conns, strict=True):
            proc.join(2)
            if proc.is_alive():
                proc.kill()
                proc.join(2)
            conn.close()


def _work(conn: Any, parent: int, seconds: float) -> None:
    """A worker's loop: analyse each report it is sent, until told to stop or the parent is gone."""
    _worker_init(parent)
    while True:
        try:
            report = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        if report is None:
            os._exit(0)
        conn.send(analyse_bounded(report, seconds))


def _worker_init(parent: int) -> None:
    """In each worker: die when the ingest dies, even by SIGKILL (Linux PDEATHSIG, else a watchdog)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


