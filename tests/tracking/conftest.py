"""Fixtures of the tracking tests: the team's project table, and a throwaway PostgreSQL server.

The PostgreSQL cluster is started once per session in a temporary folder (initdb + pg_ctl, listening on a
Unix socket only, trust authentication); as root it runs as the ``postgres`` user. ``SPEECHKIT_TEST_PG_URL``
points the tests at a server of your own instead. The tests skip only when no PostgreSQL server binaries
exist (Debian: ``apt-get install postgresql``).
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PROJECTS = REPO / "corpora" / "projects"


@pytest.fixture(scope="session")
def zhaoshang_xlsx() -> Path:
    return PROJECTS / "zhaoshang_2024.xlsx"


@pytest.fixture(scope="session")
def zhaoshang_csv() -> Path:
    return PROJECTS / "zhaoshang_2024_gbk.csv"


def _pg_bindir() -> Path | None:
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _run(cmd: list[str], what: str) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed ({proc.returncode}): {proc.stderr or proc.stdout}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL server's ``postgres`` database for this session."""
    env = os.environ.get("SPEECHKIT_TEST_PG_URL")
    if env:
        yield env
        return
    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb/pg_ctl): apt-get install postgresql")
    tmp = Path(tempfile.mkdtemp(prefix="speechkit-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        import pwd

        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(tmp)
            pytest.skip("running as root and there is no postgres user to run PostgreSQL as")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
        runuser = shutil.which("runuser")
        as_user = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]
    data, log = tmp / "data", tmp / "server.log"

    def cmd(*args: str) -> list[str]:
        if as_user[:1] == ["su"]:
            return [*as_user, " ".join(f"'{a}'" for a in args)]
        return [*as_user, *args]

    _run(cmd(str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C", "--no-sync"), "initdb")  # fmt: skip
    options = f"-k {tmp} -p 5432 -c listen_addresses= -c fsync=off -c full_page_writes=off"
    _run(
        cmd(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"),
        "pg_ctl start",
    )
    try:
        yield f"postgresql://postgres@/postgres?host={tmp}&port=5432"
    finally:
        subprocess.run(cmd(str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"),
                       capture_output=True, timeout=60, check=False)  # fmt: skip
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    import sqlalchemy as sa

    from speechkit.tracking.db import database_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(database_url(pg_server), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.make_url(database_url(pg_server)).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
