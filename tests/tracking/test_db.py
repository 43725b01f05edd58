"""Project tables in SQLite and a real PostgreSQL through the same code path."""

from __future__ import annotations

import doctest
from pathlib import Path

import pandas as pd
import pytest
import sqlalchemy as sa

from speechkit.errors import InputError
from speechkit.tracking import db as db_module
from speechkit.tracking.db import database_url, engine, write_projects
from speechkit.tracking.projects import ProjectTable, read_projects


@pytest.fixture(scope="module")
def zs(zhaoshang_xlsx: Path) -> ProjectTable:
    return read_projects(zhaoshang_xlsx)


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("台账.db", "sqlite:///台账.db"),
        ("/tmp/x.sqlite", "sqlite:////tmp/x.sqlite"),
        ("sqlite:///x.db", "sqlite:///x.db"),
        ("postgresql://u:p@h/zs", "postgresql+psycopg://u:p@h/zs"),
        ("postgres://u@h/zs", "postgresql+psycopg://u@h/zs"),
        ("postgresql+psycopg://u@h/zs", "postgresql+psycopg://u@h/zs"),
    ],
)
def test_database_url(given: str, url: str) -> None:
    assert database_url(given) == url


def test_bad_urls() -> None:
    with pytest.raises(InputError, match="not a database URL"):
        database_url("台账.txt")
    with pytest.raises(InputError, match="unknown database kind"):
        engine("nosuchdb://x/y")


def test_sqlite_types(zs: ProjectTable, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zs.db'}"
    write_projects(zs, url)
    cols = {
        c["name"]: type(c["type"]).__name__ for c in sa.inspect(sa.create_engine(url)).get_columns("projects")
    }
    assert cols["investment"] == "FLOAT" and cols["signed"] == "DATE" and cols["row"] == "INTEGER"
    assert cols["备注"] == "TEXT"


def test_postgresql_round_trip(zs: ProjectTable, pg_url: str) -> None:
    assert write_projects(zs, pg_url, "zhaoshang") == 320
    back = read_projects(pg_url, table="zhaoshang")
    pd.testing.assert_frame_equal(back.frame, zs.frame)
    assert back.problems == ()
    assert back.source.endswith("#zhaoshang") and back.source.startswith("postgresql+psycopg://")
    write_projects(zs, pg_url, "zhaoshang")  # replaces the table
    assert len(read_projects(pg_url, table="zhaoshang")) == 320


def test_postgresql_missing_table(pg_url: str) -> None:
    with pytest.raises(InputError, match=r"no table 'projects' \(tables: none\)"):
        read_projects(pg_url)


def test_postgresql_unreachable(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open database"):
        read_projects(f"postgresql://nobody@/zs?host={tmp_path}&port=1")


def test_a_table_written_by_someone_else(tmp_path: Path) -> None:
    """A database table with Chinese headers of its own reads like a spreadsheet."""
    url = f"sqlite:///{tmp_path / 'office.db'}"
    eng = sa.create_engine(url)
    with eng.begin() as conn:
        conn.execute(
            sa.text('CREATE TABLE "重点项目" ("项目名称" TEXT, "总投资（亿元）" REAL, "开工时间" TEXT)')
        )
        conn.execute(
            sa.text("INSERT INTO \"重点项目\" VALUES ('城关镇项目', 1.5, '2024.5'), (NULL, 2, NULL)")
        )
    t = read_projects(url, table="重点项目")
    assert t.records()[0]["investment"] == 15000.0 and t.records()[0]["started"] == "2024-05-01"
    assert [str(p) for p in t.problems] == ["2: 项目名称: no project name: row dropped"]


def test_doctests() -> None:
    assert doctest.testmod(db_module).failed == 0
