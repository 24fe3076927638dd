"""Scale-out: the same pure per-report analysis, mapped over partitions of a batch on a Dask cluster.

``ingest --dask tcp://HOST:8786`` (a running scheduler) or ``--dask local:N`` (a LocalCluster of N worker
processes on loopback, started and stopped with the ingest). Workers only analyse: each partition is
parsed with ``nlp.pipe`` and every report goes through ``pipeline.analyse_doc``, exactly as in one
process; the records come back to the one writer (the ingest loop) as partitions complete. No stage
imports Dask; this module is the only one that does, and only when ``--dask`` is given.

Failures, and what becomes of the reports:

* the scheduler cannot be reached, has no workers, or runs another factfinder: ``ClusterError`` (exit 2)
  before anything is analysed; nothing is written, running the same command again starts over;
* a worker dies (killed, out of memory): the scheduler gives its partition to another worker; results
  of a partition arrive once, and a report id already delivered is never delivered again;
* a partition keeps killing workers (Dask's ``KilledWorker``): its reports are retried one per task; a
  report whose own task still kills its workers is tried once more at the end with nothing else of the
  ingest on the cluster (Dask also blames the tasks queued beside the killer), and when it kills its
  workers then too it comes back as an error (stored without facts and quarantined, saying so);
* the scheduler goes away mid-run, or a task fails for a reason outside the analysis (a worker without
  factfinder installed): ``ClusterLost`` (exit 3). Reports already written stand; those not analysed
  are not stored, so running the same command again analyses exactly those.

Bounding one report's analysis (``--report-seconds``) needs SIGALRM in the main thread, which Dask's
task threads are not: on a cluster a report over the limit is stopped by its worker exiting (the
nanny starts a new one), and the retry rules above quarantine it.
"""

from __future__ import annotations

import logging
import math
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import FactfinderError, MissingExtra
from .records import Analysis, Report

try:  # the `dask` extra; without it only analyse_on_cluster() is unusable, and it says so
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - depends on install
    WorkerPlugin = object  # type: ignore[misc,assignment]

CONNECT_SECONDS = 10.0  # how long to try the scheduler before saying it cannot be reached
WORKER_SECONDS = 30.0  # how long to wait for at least one worker to join
PARTITION_MAX = 32  # reports per task at most: a killed worker costs at most this much work again
IN_FLIGHT_PER_WORKER = 3  # partitions submitted ahead per worker: enough to keep it busy, bounded memory

Result = tuple[Report, Analysis | None, str | None]


class ClusterError(FactfinderError):
    """The Dask cluster cannot be used (unreachable, no workers, other versions). Nothing was analysed."""

    exit_code = 2


class ClusterLost(FactfinderError):
    """The cluster failed mid-run. Reports written so far stand; running the command again resumes."""

    exit_code = 3


@dataclass(frozen=True, slots=True)
class Target:
    """Where to analyse: ``address`` of a running scheduler, or ``local`` worker processes."""

    spec: str
    address: str | None = None
    local: int = 0


def parse_target(spec: str) -> Target:
    """``tcp://HOST:PORT`` (also tls://, ws://, or HOST:PORT) or ``local:N``."""
    text = spec.strip()
    if text.startswith("local"):
        n = text.partition(":")[2] or str(os.cpu_count() or 1)
        if not n.isdigit() or int(n) < 1:
            raise ClusterError(f"--dask {spec!r}: 'local:N' needs a number of worker processes N >= 1, e.g. local:2.")
        return Target(spec, local=int(n))
    address = text if "://" in text else f"tcp://{text}"
    host, _, port = address.partition("://")[2].rpartition(":")
    if not host or not port.isdigit():
        raise ClusterError(f"--dask {spec!r}: expected a scheduler address tcp://HOST:PORT (e.g. tcp://127.0.0.1:8786) "
                           "or local:N for N local worker processes.")
    return Target(spec, address=address)


# ---------------------------------------------------------------- on the workers


class LoadPipeline(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the spaCy pipeline and the stages once per worker process, when the worker joins, so no
    task pays for it and a worker that cannot load them says so before it is given reports."""

    name = "factfinder-pipeline"
    idempotent = True

    def setup(self, worker: Any) -> None:
        from .nlp import load
        from .pipeline import analyse_doc

        # One tiny report loads the lexicons and gazetteer parts the stages load lazily on first use.
        text = "Officials in Vilnius said on Monday that talks would resume."
        analyse_doc(load()(text), Report(id="warm-up", text=text))


def worker_versions() -> dict[str, str]:
    """factfinder's version and every stage's NAME in this process (what the results will carry)."""
    from . import __version__
    from .pipeline import STAGES

    return {"factfinder": __version__, **{s.__name__.rsplit(".", 1)[-1]: s.NAME for s in STAGES}}


def analyse_partition(reports: list[Report], seconds: float) -> list[tuple[str, Analysis | None, str | None]]:
    """(report id, analysis, error) for each report: ``nlp.pipe`` over the partition, ``analyse_doc`` on each
    Doc. A failure of one report is its error, not the partition's. Each step (the next Doc, parsed in
    batches of 8, and its analysis) may take ``seconds``; past that the worker exits (a thread cannot be
    stopped) and the partition is redone elsewhere, then split (see the module doc)."""
    from .ingest import analyse_bounded
    from .nlp import load
    from .pipeline import analyse_doc

    out: list[tuple[str, Analysis | None, str | None]] = []
    docs = load().pipe(((r.text, r) for r in reports), as_tuples=True, batch_size=8)
    broken = False
    while len(out) < len(reports) and not broken:
        with _exit_after(seconds):
            try:
                doc, report = next(docs)
            except Exception:  # noqa: BLE001 - the parser failed inside a batch: the rest one by one
                broken = True
                continue
            try:
                out.append((report.id, analyse_doc(doc, report), None))
            except FactfinderError as exc:  # analyse_doc names the stage and the report
                out.append((report.id, None, " ".join(str(exc).split())))
    for report in reports[len(out):]:
        with _exit_after(seconds):
            out.append((report.id, *analyse_bounded(report, 0)))
    return out


class _exit_after:
    """Ends this worker process when the block runs longer than ``seconds`` (0: no limit)."""

    def __init__(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, os._exit, args=(70,)) if seconds > 0 else None

    def __enter__(self) -> None:
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()


# ---------------------------------------------------------------- on the writer's side


def analyse_on_cluster(reports: list[Report], spec: str, seconds: float) -> Iterator[Result]:
    """Each report once, as its partition completes on the cluster ``spec`` (see ``parse_target``)."""
    target = parse_target(spec)
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtra("ingest --dask", "dask") from exc
    with _connect(target, distributed) as client:
        _check_workers(client, target)
        yield from _stream(client, distributed, reports, seconds)


class _connect:
    """A Client for ``target`` (starting a LocalCluster for local:N), closed with the cluster afterwards."""

    def __init__(self, target: Target, distributed: Any) -> None:
        self.target, self.d = target, distributed
        self.cluster: Any = None
        self.client: Any = None

    def __enter__(self) -> Any:
        import dask

        t = self.target
        try:
            if t.local:
                # One retry, not Dask's three, before a partition counts as killing its workers: every
                # death costs a worker restart (model load) and, for a report over --report-seconds, that long.
                with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
                    self.cluster = self.d.LocalCluster(n_workers=t.local, threads_per_worker=1, processes=True,
                                                       host="127.0.0.1", dashboard_address=None,
                                                       silence_logs=logging.ERROR)
                self.client = self.d.Client(self.cluster, set_as_default=False)
            else:
                self.client = self.d.Client(t.address, timeout=f"{CONNECT_SECONDS}s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            self.__exit__()
            if t.local:
                raise ClusterError(f"--dask {t.spec}: could not start {t.local} local Dask worker process(es) "
                                   f"({type(exc).__name__}: {exc}). Try fewer workers, or --workers N.") from exc
            raise ClusterError(
                f"--dask {t.spec}: no Dask scheduler answered at {t.address} within {CONNECT_SECONDS:g} s "
                f"({type(exc).__name__}). Start one there (`dask scheduler --port {t.address.rpartition(':')[2]}` "
                "and `dask worker " + t.address + "` on each machine), check the address and firewall, or run "
                "on this machine with --dask local:N. Nothing was analysed or stored.") from exc
        return self.client

    def __exit__(self, *exc: object) -> None:
        for thing in (self.client, self.cluster):
            if thing is not None:
                try:
                    thing.close()
                except Exception:  # noqa: BLE001 - closing a broken cluster must not hide the real error
                    pass


def _check_workers(client: Any, target: Target) -> None:
    """At least one worker, and every worker running the stage versions this writer would."""
    try:
        client.wait_for_workers(1, timeout=WORKER_SECONDS)
    except (TimeoutError, OSError) as exc:
        raise ClusterError(f"--dask {target.spec}: the scheduler has no workers (waited {WORKER_SECONDS:g} s). "
                           f"Start some: `dask worker {client.scheduler.address}`.") from exc
    mine = worker_versions()
    try:
        answers = client.run(worker_versions)
        client.register_plugin(LoadPipeline())
    except (OSError, TimeoutError):
        raise
    except Exception as exc:  # noqa: BLE001 - a worker without factfinder or its model: say which fix
        raise ClusterError(
            f"--dask {target.spec}: a worker could not load factfinder's pipeline ({type(exc).__name__}: "
            f"{' '.join(str(exc).split())[:200]}). Install the same factfinder and its model on every worker "
            "(scripts/bootstrap there). Nothing was analysed or stored.") from exc
    for address, theirs in answers.items():
        if theirs != mine:
            diff = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
            raise ClusterError(
                f"--dask {target.spec}: worker {address} runs other factfinder code ({', '.join(diff)}: "
                f"{[theirs.get(k) for k in diff]} there, {[mine.get(k) for k in diff]} here). Install the same "
                "factfinder on every worker, so results do not depend on which worker analysed a report.")


def partition_size(n_reports: int, n_workers: int) -> int:
    """Several partitions per worker (balance, little work redone after a kill), at most PARTITION_MAX."""
    return max(1, min(PARTITION_MAX, math.ceil(n_reports / (4 * max(1, n_workers)))))


def _stream(client: Any, d: Any, reports: list[Report], seconds: float) -> Iterator[Result]:
    """Partitions out in input order, a bounded number in flight; results yielded as they complete."""
    from distributed.client import FutureCancelledError

    by_id = {r.id: r for r in reports}
    workers = max(1, sum(client.nthreads().values()))  # task slots: worker processes x threads each
    size = partition_size(len(reports), workers)
    queue = [reports[i : i + size] for i in range(0, len(reports), size)]
    queue.reverse()  # pop() from the end: partitions go out in input order
    window = IN_FLIGHT_PER_WORKER * workers
    delivered: set[str] = set()  # a report id is yielded once, whatever the cluster did
    pending = d.as_completed([], loop=client.loop)
    parts: dict[str, tuple[list[Report], bool]] = {}  # future key -> (reports, already split once)
    run = f"{os.getpid()}-{id(pending):x}"  # keys unique to this run: another ingest's tasks are not ours
    suspects: list[Report] = []  # reports whose one-report tasks' workers died: see _confirm

    def submit(part: list[Report], split: bool) -> None:
        future = client.submit(analyse_partition, part, seconds, key=f"factfinder-{run}-{part[0].id}-{len(part)}",
                               pure=False)
        parts[future.key] = (part, split)
        pending.add(future)

    def top_up() -> None:
        while queue and pending.count() < window:
            submit(queue.pop(), False)

    top_up()
    try:
        for future in pending:
            part, split = parts.pop(future.key)
            outcome = _outcome(future)
            future.release()
            if isinstance(outcome, list):
                for report_id, analysis, error in outcome:
                    if report_id in by_id and report_id not in delivered:
                        delivered.add(report_id)
                        yield by_id[report_id], analysis, error
            elif len(part) > 1 and not split:  # KilledWorker: retry one report per task to find which one
                for report in part:
                    submit([report], True)
            elif part[0].id not in delivered:
                suspects.append(part[0])
            top_up()
        for report, analysis, error in _confirm(client, suspects, seconds, run):
            if report.id not in delivered:
                delivered.add(report.id)
                yield report, analysis, error
    except (OSError, TimeoutError, FutureCancelledError) as exc:  # the scheduler went away
        raise ClusterLost(_lost(len(reports) - len(delivered), exc)) from exc
    finally:
        for future in list(pending.futures):
            future.cancel()


def _confirm(client: Any, suspects: list[Report], seconds: float, run: str) -> Iterator[Result]:
    """The reports whose one-report tasks died, run again one at a time with nothing else of this ingest
    on the cluster. Dask blames a worker's death on every task assigned to that worker, the ones queued
    beside the running one too, so its verdict can name a report that only waited next to the killer;
    alone, only the report itself can be the killer. One that still kills its workers is stored without
    facts and quarantined, saying so."""
    for report in suspects:
        future = client.submit(analyse_partition, [report], seconds, key=f"factfinder-{run}-{report.id}-alone",
                               pure=False)
        again = _outcome(future)
        future.release()
        if isinstance(again, list):
            for _, analysis, error in again:
                yield report, analysis, error
        else:
            yield report, None, (
                f"{report.source or report.id}: the Dask workers analysing it died every time, also with it "
                f"the only task of this ingest on the cluster ({again}); the report is stored without facts. "
                "Ingest it alone in one process to see why.")


def _outcome(future: Any) -> list[tuple[str, Analysis | None, str | None]] | str:
    """The partition's results, or why its workers kept dying (KilledWorker). A lost scheduler raises
    (OSError, CancelledError); any other task error is not about a report (no factfinder on the worker,
    a broken install) and raises ClusterLost."""
    from distributed.client import FutureCancelledError
    from distributed.scheduler import KilledWorker

    try:
        return future.result()  # type: ignore[no-any-return]
    except KilledWorker as exc:
        return f"KilledWorker: {' '.join(str(exc).split())[:160]}"
    except (OSError, TimeoutError, FutureCancelledError):
        raise
    except Exception as exc:  # noqa: BLE001 - name it, say what is kept
        raise ClusterLost(f"a Dask task failed outside the analysis ({type(exc).__name__}: "
                          f"{' '.join(str(exc).split())[:200]}). Reports written so far are kept; fix the workers "
                          "(same factfinder install as here) and run the same command again to resume.") from exc


def _lost(left: int, exc: BaseException) -> str:
    return (f"lost the Dask cluster mid-run ({type(exc).__name__}: {' '.join(str(exc).split())[:160]}); "
            f"{left} report(s) were not analysed and are not stored. Reports written so far are kept: "
            "run the same command again when the scheduler is back to analyse the rest.")
