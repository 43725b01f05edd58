"""Fixtures of the tracking tests: the team's project table, small canonical frames written by hand (every
figure in the catalogue, link and ledger tests is counted from their rows by hand), and a throwaway
PostgreSQL server.

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
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
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


COLUMNS = (
    "project_id", "name", "company", "investment", "status", "signed", "started", "finished",
    "industry", "location", "owner_unit", "leader", "row",
)  # fmt: skip


def make_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A canonical frame from partial rows: missing fields are None/NaN/NaT, dates parsed."""
    full = [{c: r.get(c) for c in COLUMNS} for r in rows]
    frame = pd.DataFrame(full, columns=list(COLUMNS))
    frame["investment"] = pd.to_numeric(frame["investment"], errors="coerce").astype(float)
    for c in ("signed", "started", "finished"):
        frame[c] = pd.to_datetime(frame[c])
    frame["row"] = range(2, len(frame) + 2)
    return frame


# 2024, a county's 招商 projects, counted by hand:
#   上半年: signed P1 P2 P3 P4 P10 (5; 协议 12000+8000+15000+4000 = 39000 known, P4 unknown), ≥1亿 P1 P3 (2);
#           started P1 P2 (2; ≥1亿 P1); finished none; 停工 by last date P2 (1); 流失 P4 (1)
#   下半年: signed P5–P9 (5; 6000+20000+30000+3000+5000 = 64000), ≥1亿 P6 P7 (2); started P3 P5 P6 P10
#           (4; ≥1亿 P3 P6); finished P1 (1, 投产, ≥1亿); 停工 P8 P10 (2); 流失 P9 (1)
#   now: 在建/开工 P3 P5 P6 (3); leader known for P1 P3 P5 P6 of the 8 not 流失 (50%)
SEED_ROWS: list[dict[str, object]] = [
    {"project_id": "P1", "name": "清河县年产5万吨新能源电池项目", "investment": 12000, "status": "投产",
     "signed": "2024-02-10", "started": "2024-04-01", "finished": "2024-11-20", "industry": "新能源",
     "location": "清河经开区", "owner_unit": "县发改局", "leader": "王副县长"},
    {"project_id": "P2", "name": "河口镇农产品冷链物流中心", "investment": 8000, "status": "停工",
     "signed": "2024-03-05", "started": "2024-05-15", "industry": "现代物流", "location": "河口镇",
     "owner_unit": "县商务局"},
    {"project_id": "P3", "name": "清河县高端装备制造产业园项目", "investment": 15000, "status": "在建",
     "signed": "2024-04-18", "started": "2024-07-08", "industry": "装备制造", "location": "清河经开区",
     "leader": "李副县长"},
    {"project_id": "P4", "name": "河口镇生态康养度假区项目", "investment": None, "status": "流失",
     "signed": "2024-06-20", "industry": "文旅康养", "location": "河口镇"},
    {"project_id": "P5", "name": "清河县光伏组件生产线项目", "investment": 6000, "status": "在建",
     "signed": "2024-07-12", "started": "2024-08-01", "industry": "新能源", "location": "清河经开区",
     "leader": "王副县长"},
    {"project_id": "P6", "name": "清河县年产10万套汽车零部件项目", "investment": 20000, "status": "开工",
     "signed": "2024-08-02", "started": "2024-10-10", "industry": "装备制造", "location": "清河经开区",
     "leader": "李副县长", "owner_unit": "县工信局"},
    {"project_id": "P7", "name": "清河县储能电站项目", "investment": 30000, "status": "签约",
     "signed": "2024-09-09", "industry": "新能源", "location": "城关镇"},
    {"project_id": "P8", "name": "城关镇预制菜加工项目", "investment": 3000, "status": "停工",
     "signed": "2024-10-15", "industry": "食品加工", "location": "城关镇"},
    {"project_id": "P9", "name": "河口镇物流园二期项目", "investment": 5000, "status": "流失",
     "signed": "2024-11-30", "industry": "现代物流", "location": "河口镇"},
    {"project_id": "P10", "name": "城关镇新型建材项目", "investment": 4000, "status": "停工",
     "signed": "2024-05-06", "started": "2024-09-01", "industry": "新型建材", "location": "城关镇"},
]  # fmt: skip


@pytest.fixture
def seed_projects() -> pd.DataFrame:
    return make_frame(SEED_ROWS)


@pytest.fixture
def frame_of() -> Callable[[list[dict[str, object]]], pd.DataFrame]:
    """``frame_of([{"project_id": "P1", "name": "甲项目", "signed": "2024-03-01"}])``: a canonical frame."""
    return make_frame


@pytest.fixture
def libreoffice_csv(tmp_path: Path) -> Callable[[Path], str]:
    """``libreoffice_csv(xlsx)``: the first sheet as LibreOffice Calc reads it (converted headless to
    UTF-8 CSV, a throwaway profile); skips when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")

    def convert(path: Path) -> str:
        out = tmp_path / "libreoffice-out"
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(path)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        return (out / (path.stem + ".csv")).read_text(encoding="utf-8")

    return convert
