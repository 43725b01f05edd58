"""Cell forms of 台账: every date, amount and status form offices write, and what is an error."""

from __future__ import annotations

import datetime as dt
import doctest
import math

import pytest

from speechkit.tracking import cells
from speechkit.tracking.cells import CellError, cell_text, parse_amount, parse_date, parse_status

D = dt.date

DATES = [
    ("2024.7", None, D(2024, 7, 1)),
    ("2024.07", None, D(2024, 7, 1)),
    ("2024.10", None, D(2024, 10, 1)),
    ("2024.07.15", None, D(2024, 7, 15)),
    ("2024.7.5", None, D(2024, 7, 5)),
    ("2024年7月", None, D(2024, 7, 1)),
    ("2024年7月15日", None, D(2024, 7, 15)),
    ("2024 年 7 月 15 日", None, D(2024, 7, 15)),
    ("２０２４年７月１５日", None, D(2024, 7, 15)),
    ("2024-07-15", None, D(2024, 7, 15)),
    ("2024-7", None, D(2024, 7, 1)),
    ("2024/7/15", None, D(2024, 7, 15)),
    ("2024-07-15 00:00:00", None, D(2024, 7, 15)),
    ("20240715", None, D(2024, 7, 15)),
    ("45488", None, D(2024, 7, 15)),
    (45488, None, D(2024, 7, 15)),
    (45488.0, None, D(2024, 7, 15)),
    (dt.datetime(2024, 7, 15, 0, 0), None, D(2024, 7, 15)),
    (D(2024, 7, 15), None, D(2024, 7, 15)),
    (2024.7, None, D(2024, 7, 1)),
    ("7月", 2024, D(2024, 7, 1)),
    ("7月15日", 2024, D(2024, 7, 15)),
    ("7月中旬", 2024, D(2024, 7, 11)),
    ("2024年7月底", None, D(2024, 7, 21)),
    ("2024年上半年", None, D(2024, 1, 1)),
    ("2024年下半年", None, D(2024, 7, 1)),
    ("2024年三季度", None, D(2024, 7, 1)),
    ("2024年第四季度", None, D(2024, 10, 1)),
    ("2024Q2", None, D(2024, 4, 1)),
    ("2024年底", None, D(2024, 12, 1)),
    ("2024年", None, D(2024, 1, 1)),
    ("2024年7月前", None, D(2024, 7, 1)),
    ("", None, None),
    ("-", None, None),
    ("—", None, None),
    ("/", None, None),
    ("无", None, None),
    (None, None, None),
    (float("nan"), None, None),
]


@pytest.mark.parametrize(("raw", "year", "expected"), DATES, ids=[repr(d[0]) for d in DATES])
def test_date_forms(raw: object, year: int | None, expected: dt.date | None) -> None:
    assert parse_date(raw, year=year) == expected


BAD_DATES = [
    ("2024.13.08", "impossible date"),
    ("2024-02-30", "impossible date"),
    ("7月15日", "has no year"),
    ("待定", "not yet given"),
    ("年内", "unparseable date"),
    ("12345", "no Excel date"),
    ("1850年3月", "out of range"),
]


@pytest.mark.parametrize(("raw", "message"), BAD_DATES, ids=[b[0] for b in BAD_DATES])
def test_bad_dates_say_why(raw: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_date(raw)


AMOUNTS = [
    ("3.5亿元", 1.0, 35000.0),
    ("3.5亿", 1.0, 35000.0),
    ("3500万", 1.0, 3500.0),
    ("3500万元", 1.0, 3500.0),
    ("1,200", 1.0, 1200.0),
    ("1，200", 1.0, 1200.0),
    ("约2亿", 1.0, 20000.0),
    ("2亿元左右", 1.0, 20000.0),
    ("超5000万元", 1.0, 5000.0),
    ("5000000元", 1.0, 500.0),
    ("三千万元", 1.0, 3000.0),
    ("两亿元", 1.0, 20000.0),
    (800, 1.0, 800.0),
    (2.5, 10000.0, 25000.0),  # header 总投资（亿元）
    ("2.5", 10000.0, 25000.0),
    ("3000万元", 10000.0, 3000.0),  # a unit in the cell wins over the header's
    ("-", 1.0, None),
    ("", 1.0, None),
    (None, 1.0, None),
]


@pytest.mark.parametrize(("raw", "factor", "expected"), AMOUNTS, ids=[repr(a[0]) for a in AMOUNTS])
def test_amount_forms(raw: object, factor: float, expected: float | None) -> None:
    got = parse_amount(raw, factor=factor)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("待定", "not yet given"),
        ("未定", "not yet given"),
        ("1-2亿", "unparseable"),
        ("3亿美元", "unparseable"),
    ],
)
def test_bad_amounts_say_why(raw: str, message: str) -> None:
    with pytest.raises(CellError, match=message):
        parse_amount(raw)


STATUS_FORMS = {
    "洽谈": ["洽谈", "在谈", "对接", "对接中", "接洽", "洽谈中"],
    "签约": ["签约", "已签约", "签约落地"],
    "注册": ["注册", "已注册"],
    "开工": ["开工", "新开工", "已开工", " 已开工 "],
    "在建": ["在建", "续建", "建设中", "在建中"],
    "竣工": ["竣工", "完工", "建成", "已竣工"],
    "投产": ["投产", "已投产", "达产", "运营", "建成投产"],
    "停工": ["停工", "暂停", "停建", "缓建"],
    "流失": ["流失", "终止", "退出", "撤资"],
}
STATUS_CASES = [(raw, canonical) for canonical, forms in STATUS_FORMS.items() for raw in forms]


@pytest.mark.parametrize(("raw", "canonical"), STATUS_CASES, ids=[c[0].strip() for c in STATUS_CASES])
def test_status_synonyms(raw: str, canonical: str) -> None:
    assert parse_status(raw) == canonical


def test_status_inside_a_phrase_and_errors() -> None:
    assert parse_status("项目已开工建设") == "开工"
    assert parse_status("") is None
    with pytest.raises(CellError, match="unknown status '协调中'"):
        parse_status("协调中")
    with pytest.raises(CellError, match="ambiguous status"):
        parse_status("已签约，已注册")


def test_cell_text() -> None:
    assert cell_text(1.0) == "1"
    assert cell_text(float("nan")) is None
    assert cell_text("  —  ") is None
    assert cell_text("包联\n领导") == "包联领导"
    assert cell_text(dt.datetime(2024, 7, 15, 8, 30)) == "2024-07-15 08:30:00"
    assert not math.isnan(parse_amount("0") or 0.0)


def test_doctests() -> None:
    assert doctest.testmod(cells).failed == 0
