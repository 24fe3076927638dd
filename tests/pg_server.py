"""A throwaway PostgreSQL server for the tests: initdb a cluster in a temporary folder, start it with
pg_ctl on 127.0.0.1 and a free port (its unix socket in the same folder), stop and remove it after.

The binaries come from the Debian package (scripts/install-system-deps installs postgresql-15). The
server refuses to run as root, so under root the cluster belongs to an unprivileged account
(``postgres`` when the package made it, else ``nobody``) and is started through ``runuser``.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")
USER = "factfinder"


def find_bin(name: str) -> str | None:
    for d in BIN_DIRS:
        path = Path(d) / name
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _runner() -> tuple[list[str], int | None]:
    """The command prefix to run the server binaries, and the uid owning the cluster (None: us)."""
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], uid
    raise RuntimeError("running as root and no unprivileged account (postgres, nobody) to run PostgreSQL as")


def unavailable() -> str | None:
    """Why no server can be started here (None: it can)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (scripts/bootstrap installs it)"
    for name in ("initdb", "pg_ctl"):
        if find_bin(name) is None:
            return f"{name} not found: run scripts/install-system-deps (Debian package postgresql-15)"
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser; PostgreSQL refuses to run as root"
    return None


@dataclass
class Server:
    root: Path
    port: int
    prefix: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, sql: str) -> None:
        """Run one statement (CREATE/DROP DATABASE) outside a transaction."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def stop(self) -> None:
        pg_ctl = find_bin("pg_ctl")
        subprocess.run([*self.prefix, pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop"],
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Server:
    prefix, uid = _runner()
    root = Path(tempfile.mkdtemp(prefix="factfinder-pg-"))
    if uid is not None:
        os.chown(root, uid, -1)
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    port = _free_port()
    server = Server(root, port, prefix)
    try:
        subprocess.run([*prefix, initdb, "-D", str(server.data), "-A", "trust", "-U", USER, "-E", "UTF8",
                        "--locale=C.UTF-8", "--no-sync"], capture_output=True, check=True, timeout=120)
        # fsync off and a small footprint: a test cluster, thrown away after the session
        opts = f"-h 127.0.0.1 -p {port} -k {root} -F -c max_connections=60 -c shared_buffers=32MB"
        subprocess.run([*prefix, pg_ctl, "-D", str(server.data), "-o", opts, "-l", str(root / "log"), "-w",
                        "-t", "60", "start"], capture_output=True, check=True, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        out = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"cannot start PostgreSQL: {exc}\n{out.decode(errors='replace')}\n{log}") from exc
    return server
