"""ingest --dask on a real dask.distributed cluster: one scheduler and two worker processes (each under
its nanny) on loopback, started here and stopped after. The store must equal a one-process ingest of the
same reports, and a worker killed mid-run must cost nothing but time."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from factfinder.ingest import ingest
from factfinder.store import open_store

from sample_counts import SAMPLES, fact_counts

# Dask, factfinder.scale and the CLI are imported inside the tests, not when pytest collects this file:
# importing them at collection changed what tests/test_api.py's derandomized schema fuzzing generated.
pytestmark = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="the 'dask' extra is not installed")


def _start(args: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", *args], stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True, env=None if env is None else {**os.environ, **env})


@contextlib.contextmanager
def _cluster(home: Path, worker_args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Iterator[str]:
    """A scheduler and two single-threaded workers (under nannies, as `dask worker` runs them); yields its
    address while the workers are still starting (``_ready`` waits), and stops them all afterwards."""
    info = home / "scheduler.json"
    procs = [_start(["distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                     "--scheduler-file", str(info)], home / "scheduler.log", env)]
    try:
        address = _scheduler_address(info, time.monotonic() + 60)
        for n in (1, 2):
            procs.append(_start(["distributed.cli.dask_worker", address, "--nthreads", "1", "--no-dashboard",
                                 "--host", "127.0.0.1", "--name", f"w{n}", "--local-directory", str(home),
                                 *worker_args], home / f"worker{n}.log", env))
        yield address
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)


def _scheduler_address(info: Path, deadline: float) -> str:
    """The address in the scheduler's file, once the file is there and written whole."""
    while True:
        try:
            return str(json.loads(info.read_text())["address"])
        except (OSError, ValueError, KeyError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Address of a scheduler with two single-threaded workers."""
    with _cluster(tmp_path_factory.mktemp("dask")) as address:
        yield address  # the workers are still starting: _ready() waits, so other set-up overlaps theirs


def _ready(address: str) -> None:
    from distributed import Client

    with Client(address, timeout="30s") as client:
        client.wait_for_workers(2, timeout=120)


def test_cluster_ingest_equals_one_process(cluster, one_process, tmp_path):
    from click.testing import CliRunner

    from factfinder.cli import main

    reference, expected = one_process
    _ready(cluster)
    db = tmp_path / "dask.db"
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(db), "--dask", cluster,
                                       "--no-progress", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["complete"] and summary["stored"] == 7 and summary["duplicates"] == 0
    assert (summary["stories"], summary["disputes"]) == (expected.stories, expected.disputes)
    got = fact_counts(db)
    assert got == fact_counts(reference)
    assert sum(n.get("events", 0) for n in got.values()) > 0  # the comparison compared real facts


def test_killed_worker_partition_is_redone_without_duplicates(cluster, one_process, tmp_path):
    """SIGKILL the worker process that is analysing a partition: the scheduler gives the partition to the
    other worker (the nanny restarts the killed one); every report is stored once, with all its facts."""
    from distributed import Client

    reference, _ = one_process
    # 21 reports: the seven samples three times under other ids (ids differ, texts repeat), so each
    # worker gets several partitions and there is time to kill one mid-run.
    with open_store(str(reference)) as store:
        rows = store.rows("SELECT id, url, outlet, published, dateline, title, text FROM reports ORDER BY id")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({**r, "id": f"{r['id']}-copy{k}"}) + "\n" for k in range(3) for r in rows))
    db = tmp_path / "killed.db"
    _ready(cluster)
    outcome: dict = {}

    def run() -> None:
        try:
            with open_store(str(db)) as store:
                outcome["summary"] = ingest(store, [batch], dask=cluster, progress=False)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = exc

    with Client(cluster, timeout="30s") as client:
        pids = client.run(os.getpid)
        thread = threading.Thread(target=run)
        thread.start()
        victim = None
        deadline = time.monotonic() + 120
        while victim is None and time.monotonic() < deadline and thread.is_alive():
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                time.sleep(0.5)  # let it get into the partition
                victim = busy[0]
                os.kill(pids[victim], signal.SIGKILL)
            time.sleep(0.05)
        thread.join(240)
        assert victim is not None, "no worker was seen analysing"
        assert not thread.is_alive()
        assert "error" not in outcome, outcome.get("error")
        summary = outcome["summary"]
        assert summary.complete and summary.stored == 21
        assert (summary.duplicates, summary.quarantined) == (0, 0)
        client.wait_for_workers(2, timeout=120)  # the nanny brought the killed worker back
        assert pids[victim] not in client.run(os.getpid).values()
    got = fact_counts(db)
    want = {f"{rid}-copy{k}": counts for rid, counts in fact_counts(reference).items() for k in range(3)}
    assert got == want


def test_a_report_that_kills_every_worker_is_quarantined_and_the_batch_goes_on(one_process, tmp_path):
    """A report that ends its worker process whenever it is analysed (tests/dask_poison.py, preloaded in
    every worker): its partition is retried one report per task, the others of the partition are stored
    with all their facts, and the report itself is stored without facts and quarantined, saying why."""
    reference, _ = one_process
    with open_store(str(reference)) as store:
        rows = store.rows("SELECT id, url, outlet, published, dateline, title, text FROM reports ORDER BY id")
    reports = [{**r, "id": f"{r['id']}-copy{k}"} for k in range(2) for r in rows]
    reports.insert(5, {"id": "poison-1", "text": "POISON Officials said on Monday that talks would resume."})
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in reports))
    home = tmp_path / "dask"
    home.mkdir()
    # No retry on another worker before a task counts as killing its workers (the default is 3): each
    # death costs a worker restart, and the test needs only the rule, not Dask's patience.
    env = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"}
    preload = str(Path(__file__).with_name("dask_poison.py"))
    with _cluster(home, ("--preload", preload), env) as address:
        _ready(address)
        db = tmp_path / "poisoned.db"
        with open_store(str(db)) as store:
            summary = ingest(store, [batch], dask=address, progress=False)
            quarantine = store.rows("SELECT stage, message FROM quarantine")
    assert summary.complete and summary.stored == 14 and summary.reasons["analyse"] == 1
    assert scale_partition_size(len(reports)) > 1  # the poison shared its partition with another report
    ((stage, message),) = [(q["stage"], q["message"]) for q in quarantine]
    assert stage == "analyse" and "batch.jsonl:6" in message and "died every time" in message
    assert "stored without facts" in message
    got = fact_counts(db)
    assert got.pop("poison-1") == {}  # kept (text and original), without facts
    assert got == {f"{rid}-copy{k}": counts for rid, counts in fact_counts(reference).items() for k in range(2)}


def scale_partition_size(n: int) -> int:
    from factfinder import scale

    return scale.partition_size(n, 2)


def test_unreachable_scheduler_names_the_address_and_stores_nothing(tmp_path, monkeypatch):
    from factfinder import scale

    monkeypatch.setattr(scale, "CONNECT_SECONDS", 2.0)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free once closed: nothing listens there
    address = f"tcp://127.0.0.1:{port}"
    with open_store(str(tmp_path / "x.db")) as store:
        with pytest.raises(scale.ClusterError) as err:
            ingest(store, [SAMPLES], dask=address, progress=False)
        assert store.rows("SELECT count(*) AS n FROM reports")[0]["n"] == 0
    message = str(err.value)
    assert address in message and "dask scheduler" in message and "local:N" in message


def test_partition_gives_what_one_process_gives():
    """A task's nlp.pipe over a partition yields the same records as parsing each report alone."""
    from factfinder import scale
    from factfinder.ingest import analyse_bounded
    from factfinder.sources import load

    reports = [i.report for i in load([SAMPLES]) if i.report]
    got = scale.analyse_partition(reports, 0)
    assert [r for r, _, _ in got] == [r.id for r in reports]
    assert got == [(r.id, *analyse_bounded(r, 0)) for r in reports]
    assert sum(len(a.events) for _, a, _ in got if a is not None) > 0  # real facts were compared


def test_targets_and_partitions():
    from factfinder import scale

    assert scale.parse_target("tcp://10.0.0.5:8786").address == "tcp://10.0.0.5:8786"
    assert scale.parse_target("sched.example:8786").address == "tcp://sched.example:8786"
    assert scale.parse_target("local:3").local == 3
    for bad in ("local:0", "local:x", "tcp://nohost", "tcp://:8786"):
        with pytest.raises(scale.ClusterError):
            scale.parse_target(bad)
    assert scale.partition_size(7, 2) == 1
    assert scale.partition_size(100, 2) == 13
    assert scale.partition_size(100_000, 4) == scale.PARTITION_MAX
