"""The history of tracking runs: each run's figures stored in a database, queried across months.

Two tables, created on first use in any SQLAlchemy database (a SQLite file by default):

``runs(run_id, at, source, sha256, period, note)``
    one row per tracking run: when (UTC), which project table (its path and SHA-256) and for which period.
``figures(run_id, item_id, indicator, period, value, unit, status)``
    the figures of that run, one per item and indicator.

>>> import os, tempfile
>>> import pandas as pd
>>> db = os.path.join(tempfile.mkdtemp(), "history.db")
>>> june = pd.DataFrame([{"item_id": "target-1a2b", "indicator": "签约项目数", "period": "2024-06",
...                       "value": 41.0, "unit": "个", "status": "滞后"}])
>>> record_run(db, june, source="zhaoshang_2024.xlsx", sha256="ab12", period="2024-06")
1
>>> july = june.assign(period="2024-07", value=52.0, status="正常")
>>> record_run(db, july, source="zhaoshang_2024.xlsx", sha256="cd34", period="2024-07")
2
>>> history(db, item_id="target-1a2b")[["run_id", "period", "value", "status"]].values.tolist()
[[1, '2024-06', 41.0, '滞后'], [2, '2024-07', 52.0, '正常']]
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import InputError
from .db import connect_error, database_url, engine

if TYPE_CHECKING:
    import sqlalchemy as sa

FIGURE_COLUMNS: tuple[str, ...] = ("item_id", "indicator", "period", "value", "unit", "status")
"""The columns a figures frame must have (one row per item and indicator)."""

HISTORY_COLUMNS: tuple[str, ...] = (
    "run_id",
    "at",
    "source",
    "sha256",
    "run_period",
    "note",
    *FIGURE_COLUMNS,
)
"""The columns of :func:`history`: the run's fields (its period as ``run_period``), then the figure's."""


def _tables(meta: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    import sqlalchemy as sa

    runs = sa.Table(
        "runs",
        meta,
        sa.Column("run_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("sha256", sa.String(64)),
        sa.Column("period", sa.Text),
        sa.Column("note", sa.Text),
    )
    figures = sa.Table(
        "figures",
        meta,
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.run_id", ondelete="CASCADE"), nullable=False),
        sa.Column("item_id", sa.Text, nullable=False),
        sa.Column("indicator", sa.Text),
        sa.Column("period", sa.Text),
        sa.Column("value", sa.Float),
        sa.Column("unit", sa.Text),
        sa.Column("status", sa.Text),
        sa.Index("ix_figures_item", "item_id", "indicator"),
    )
    return runs, figures


def _value(v: Any) -> Any:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT or v is pd.NA:
        return None
    if hasattr(v, "item"):  # numpy scalar
        return v.item()
    return v


def record_run(
    url: str | Path,
    figures: pd.DataFrame,
    *,
    source: str,
    sha256: str | None,
    period: str | None,
    note: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Store one tracking run and its figures in one transaction; returns the new ``run_id``.

    ``figures`` has the columns :data:`FIGURE_COLUMNS` (``value`` numeric or empty); ``at`` defaults to
    now (UTC, stored without time zone). The tables are created when missing.
    """
    import sqlalchemy as sa

    missing = [c for c in FIGURE_COLUMNS if c not in figures.columns]
    if missing:
        raise InputError("figures", f"missing columns: {', '.join(missing)}")
    when = (at or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).replace(tzinfo=None)
    runs, figs = _tables(sa.MetaData())
    rows = [
        {c: _value(v) for c, v in zip(FIGURE_COLUMNS, rec)}
        for rec in figures[list(FIGURE_COLUMNS)].itertuples(index=False, name=None)
    ]
    for r in rows:
        r["value"] = None if r["value"] is None else float(r["value"])
    eng = engine(url)
    try:
        with eng.begin() as conn:
            runs.metadata.create_all(conn)
            result = conn.execute(
                runs.insert().values(at=when, source=source, sha256=sha256, period=period, note=note)
            )
            run_id = int(result.inserted_primary_key[0])
            if rows:
                conn.execute(figs.insert(), [{"run_id": run_id, **r} for r in rows])
    except sa.exc.OperationalError as exc:
        raise connect_error(database_url(url), exc) from None
    finally:
        eng.dispose()
    return run_id


def history(url: str | Path, item_id: str | None = None, indicator: str | None = None) -> pd.DataFrame:
    """Every stored figure (of one item and/or indicator), oldest run first, with its run's fields.

    Columns :data:`HISTORY_COLUMNS`; ``at`` is datetime64, ``value`` float. An empty frame when nothing
    was recorded yet. ``history(db, indicator="签约项目数").pivot_table(index="period", columns="item_id",
    values="value")`` gives the months as rows, ready to plot.
    """
    import sqlalchemy as sa

    runs, figs = _tables(sa.MetaData())
    query = (
        sa.select(
            runs.c.run_id,
            runs.c.at,
            runs.c.source,
            runs.c.sha256,
            runs.c.period.label("run_period"),
            runs.c.note,
            *(figs.c[c] for c in FIGURE_COLUMNS),
        )
        .join_from(figs, runs, figs.c.run_id == runs.c.run_id)
        .order_by(runs.c.at, runs.c.run_id, figs.c.item_id, figs.c.indicator)
    )
    if item_id is not None:
        query = query.where(figs.c.item_id == item_id)
    if indicator is not None:
        query = query.where(figs.c.indicator == indicator)
    eng = engine(url)
    try:
        with eng.connect() as conn:
            if not sa.inspect(conn).has_table("figures"):
                rows: list[Any] = []
            else:
                rows = [tuple(r) for r in conn.execute(query)]
    except sa.exc.OperationalError as exc:
        raise connect_error(database_url(url), exc) from None
    finally:
        eng.dispose()
    frame = pd.DataFrame(rows, columns=list(HISTORY_COLUMNS), dtype=object)
    frame["run_id"] = frame["run_id"].astype("int64")
    frame["at"] = pd.to_datetime(frame["at"]).astype("datetime64[ns]")
    frame["value"] = pd.to_numeric(frame["value"]).astype("float64")
    for c in ("source", "sha256", "run_period", "note", "item_id", "indicator", "period", "unit", "status"):
        frame[c] = frame[c].astype("object")
    return frame


def indicator_id(name: str) -> str:
    """The catalogue id of an indicator given by id or by name (``新开工亿元以上项目数`` →
    ``started_count_large``); an unknown name is returned as it is (the history may hold other ids).

    >>> indicator_id("停工项目数"), indicator_id("stalled_count")
    ('stalled_count', 'stalled_count')
    """
    from .catalogue import catalogue

    labels = {ind.label: ind.id for ind in catalogue()}
    return labels.get(name.strip(), name.strip())


def figure_history(url: str | Path, item_id: str | None = None, indicator: str | None = None) -> pd.DataFrame:
    """:func:`history` for people: ``indicator`` may be a name (停工项目数), a ``label`` column (the
    indicator's name) follows ``indicator``, and a SQLite file that does not exist is an
    :class:`InputError` rather than an empty history. What ``speechkit history`` prints."""
    import sqlalchemy as sa

    from .catalogue import catalogue

    full = sa.make_url(database_url(url))
    if full.get_backend_name() == "sqlite" and full.database not in (None, "", ":memory:"):
        if not Path(full.database).is_file():  # a typo must not pass for an empty history
            raise InputError(str(url), "no such database file")
    frame = history(url, item_id=item_id, indicator=indicator_id(indicator) if indicator else None)
    labels = {ind.id: ind.label for ind in catalogue()}
    frame.insert(
        frame.columns.get_loc("indicator") + 1,
        "label",
        [labels.get(i, i) for i in frame["indicator"]],
    )
    return frame


def format_history(frame: pd.DataFrame, fmt: str) -> bytes:
    """A history frame as ``table`` (aligned text), ``csv`` (UTF-8 with BOM, for Excel) or ``json``
    (a list of records) bytes.

    >>> import pandas as pd
    >>> f = pd.DataFrame([{"run_id": 1, "at": pd.Timestamp("2024-07-01 08:00"), "run_period": "2024年下半年",
    ...     "item_id": "P-1", "label": "停工项目数", "period": "2024年下半年", "value": 8.0, "unit": "个",
    ...     "status": "滞后"}])
    >>> print(format_history(f, "table").decode())
    run  at                run_period    item_id  indicator   period        value  status
    1    2024-07-01 08:00  2024年下半年  P-1      停工项目数  2024年下半年  8个    滞后
    <BLANKLINE>
    """
    import json
    import unicodedata

    from .catalogue import amount_text

    if fmt == "csv":
        return ("\ufeff" + frame.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S")).encode("utf-8")
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r}; expected table, csv or json")
    if frame.empty:
        return b"no figures recorded\n"

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    def cell(v: Any) -> str:
        return "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)

    head = ["run", "at", "run_period", "item_id", "indicator", "period", "value", "status"]
    rows = [
        [
            str(r["run_id"]),
            pd.Timestamp(r["at"]).strftime("%Y-%m-%d %H:%M"),
            cell(r["run_period"]),
            cell(r["item_id"]),
            cell(r.get("label", r.get("indicator"))),
            cell(r["period"]),
            "无数据" if pd.isna(r["value"]) else amount_text(float(r["value"]), cell(r["unit"])),
            cell(r["status"]),
        ]
        for r in frame.to_dict("records")
    ]
    widths = [max(width(x) for x in col) for col in zip(head, *rows)]
    lines = [
        "  ".join(x + " " * (w - width(x)) for x, w in zip(row, widths)).rstrip() for row in [head, *rows]
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")
