"""Project tables and tracking history in a SQL database, by URL, through SQLAlchemy 2.

One code path for every database: a SQLite file is the embedded default (``sqlite:///台账.db`` or simply
``台账.db``); PostgreSQL is the same code with ``postgresql://user@host/db`` (driven by psycopg 3:
``pip install "speechkit[postgres]"``).

>>> import tempfile, os
>>> from speechkit.tracking.projects import read_projects
>>> url = os.path.join(tempfile.mkdtemp(), "台账.db")
>>> t = read_projects([{"项目名称": "青禾县光伏电站", "总投资（亿元）": 3.5, "状态": "在建"}])
>>> write_projects(t, url)
1
>>> read_projects(url).records()[0]["investment"]
35000.0
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, MissingDependencyError

if TYPE_CHECKING:
    import sqlalchemy as sa

    from .projects import ProjectTable

_PLAIN_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def database_url(url: str | Path) -> str:
    """The SQLAlchemy URL for ``url``: a plain path ending .db/.sqlite becomes ``sqlite:///path``;
    ``postgresql://`` and ``postgres://`` use psycopg 3 (``postgresql+psycopg://``).

    >>> database_url("台账.db"), database_url("postgresql://u@localhost/zs")
    ('sqlite:///台账.db', 'postgresql+psycopg://u@localhost/zs')
    """
    text = str(url)
    if not re.match(r"^[a-z][a-z0-9]*(\+[a-z0-9_]+)?://", text):
        if Path(text).suffix.lower() in _PLAIN_SUFFIXES:
            return f"sqlite:///{text}"
        raise InputError(
            text, "not a database URL (sqlite:///file.db, postgresql://…) nor a .db/.sqlite file"
        )
    return re.sub(r"^(postgresql|postgres)://", "postgresql+psycopg://", text)


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", url)


def engine(url: str | Path) -> sa.Engine:
    """A SQLAlchemy engine for ``url`` (see :func:`database_url`); :class:`InputError` for a bad URL,
    :class:`MissingDependencyError` when the database's driver is not installed."""
    import sqlalchemy as sa

    full = database_url(url)
    try:
        return sa.create_engine(full)
    except sa.exc.NoSuchModuleError as exc:
        raise InputError(_safe(full), f"unknown database kind ({exc})") from None
    except sa.exc.ArgumentError as exc:
        raise InputError(_safe(full), f"bad database URL ({exc})") from None
    except ModuleNotFoundError as exc:
        raise MissingDependencyError(
            f'{_safe(full)}: needs the driver {exc.name}: pip install "speechkit[postgres]"'
        ) from None


def connect_error(url: str, exc: Exception) -> InputError:
    """An OperationalError of SQLAlchemy as an :class:`InputError` naming the database."""
    orig = getattr(exc, "orig", None) or exc
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return InputError(_safe(url), f"cannot open database: {first}")


def read_rows(url: str, table: str) -> tuple[list[str], list[Sequence[Any]], str]:
    """Header, rows and the display name (``url#table``) of a database table, ordered by its ``row``
    column when it has one; :class:`InputError` when the database or the table cannot be read."""
    import sqlalchemy as sa

    eng = engine(url)
    name = f"{_safe(database_url(url))}#{table}"
    if eng.dialect.name == "sqlite":
        path = eng.url.database
        if path and path != ":memory:" and not Path(path).is_file():
            raise InputError(name, "no such database file")
    try:
        with eng.connect() as conn:
            if not sa.inspect(conn).has_table(table):
                tables = sa.inspect(conn).get_table_names()
                raise InputError(name, f"no table {table!r} (tables: {', '.join(tables) or 'none'})")
            t = sa.Table(table, sa.MetaData(), autoload_with=conn)
            query = sa.select(t)
            if "row" in t.c:
                query = query.order_by(t.c["row"])
            result = conn.execute(query)
            return list(result.keys()), [tuple(r) for r in result], name
    except sa.exc.OperationalError as exc:
        raise connect_error(name, exc) from None
    except sa.exc.DatabaseError as exc:
        raise connect_error(name, exc) from None
    finally:
        eng.dispose()


def write_projects(table: ProjectTable, url: str | Path, table_name: str = "projects") -> int:
    """Write a :class:`ProjectTable`'s frame to ``table_name`` (replacing it), with typed canonical columns
    (TEXT, DOUBLE, DATE, INTEGER) and the unmapped columns as TEXT. Returns the number of rows written.
    ``read_projects(url, table=table_name)`` gives the same frame back."""
    import sqlalchemy as sa

    from .projects import CANONICAL, DATE_COLUMNS

    types: dict[str, Any] = {c: sa.Text() for c in CANONICAL}
    types.update({c: sa.Date() for c in DATE_COLUMNS})
    types["investment"] = sa.Float()
    types["row"] = sa.Integer()
    meta = sa.MetaData()
    columns = [
        sa.Column(c, types.get(c, sa.Text()), primary_key=c == "project_id", nullable=c != "project_id")
        for c in table.frame.columns
    ]
    t = sa.Table(table_name, meta, *columns)
    rows = table.records()
    for r in rows:
        for c in DATE_COLUMNS:
            if r.get(c):
                r[c] = _date(r[c])
    eng = engine(url)
    try:
        with eng.begin() as conn:
            t.drop(conn, checkfirst=True)
            t.create(conn)
            if rows:
                conn.execute(t.insert(), rows)
    except sa.exc.OperationalError as exc:
        raise connect_error(database_url(url), exc) from None
    finally:
        eng.dispose()
    return len(rows)


def _date(iso: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(iso)
