"""Tracking history: runs and figures stored and queried, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import doctest
from pathlib import Path

import pandas as pd
import pytest

from speechkit.errors import InputError
from speechkit.tracking import history as history_module
from speechkit.tracking.history import HISTORY_COLUMNS, history, record_run


def _figures(month: str, signed: float, invest: float | None) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"item_id": "target-a1", "indicator": "签约项目数", "period": month, "value": signed, "unit": "个",
             "status": "滞后" if signed < 50 else "正常"},
            {"item_id": "target-b2", "indicator": "到位资金", "period": month, "value": invest, "unit": "亿元",
             "status": None},
        ]
    )  # fmt: skip


def _exercise(url: str) -> None:
    assert history(url).empty and list(history(url).columns) == list(HISTORY_COLUMNS)
    at = dt.datetime(2024, 7, 5, 8, 0, tzinfo=dt.timezone.utc)
    r1 = record_run(
        url, _figures("2024-06", 41, 12.5), source="zs.xlsx", sha256="a" * 64, period="2024-06", at=at
    )
    r2 = record_run(
        url,
        _figures("2024-07", 52, None),
        source="zs.xlsx",
        sha256="b" * 64,
        period="2024-07",
        note="7月调度",
        at=at + dt.timedelta(days=31),
    )
    assert (r1, r2) == (1, 2)
    h = history(url, item_id="target-a1")
    assert h[["run_id", "run_period", "period", "value", "status"]].values.tolist() == [
        [1, "2024-06", "2024-06", 41.0, "滞后"],
        [2, "2024-07", "2024-07", 52.0, "正常"],
    ]
    assert h["at"].tolist() == [pd.Timestamp("2024-07-05 08:00"), pd.Timestamp("2024-08-05 08:00")]
    assert h["note"].tolist() == [None, "7月调度"]
    assert h["at"].dtype == "datetime64[ns]" and h["value"].dtype == "float64"
    b = history(url, indicator="到位资金")
    assert b["value"].tolist()[0] == 12.5 and pd.isna(b["value"].tolist()[1])
    assert len(history(url)) == 4
    assert history(url, item_id="target-a1", indicator="到位资金").empty
    wide = history(url).pivot_table(index="period", columns="indicator", values="value")
    assert wide.loc["2024-07", "签约项目数"] == 52.0


def test_sqlite(tmp_path: Path) -> None:
    _exercise(str(tmp_path / "history.db"))


def test_postgresql(pg_url: str) -> None:
    _exercise(pg_url)


def test_figures_need_their_columns(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing columns: unit, status"):
        record_run(
            tmp_path / "h.db",
            pd.DataFrame({"item_id": ["x"], "indicator": ["y"], "period": ["2024"], "value": [1]}),
            source="s",
            sha256=None,
            period=None,
        )


def test_doctests() -> None:
    assert doctest.testmod(history_module).failed == 0
