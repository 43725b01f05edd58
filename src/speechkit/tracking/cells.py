"""Cell values of 招商引资/重点项目 台账: dates, amounts and statuses as offices write them.

Each parser takes one raw cell (a string, a number, a date from Excel or a database) and returns the
value in speechkit's canonical form, ``None`` for an empty cell, or raises :class:`CellError` whose
message says what is wrong; :mod:`speechkit.tracking.projects` turns that into a ``RowProblem``.

Choices (documented in ``docs/architecture.md``): a date naming a period rather than a day stands for the
period's first day (``2024.7`` → 2024-07-01, ``2024年上半年`` → 2024-01-01, ``2024年四季度`` → 2024-10-01,
``2024年底`` → 2024-12-01, ``7月中旬`` → the 11th, ``7月底``/``下旬`` → the 21st); amounts are in 万元.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import cache
from importlib import resources
from typing import Any

from ..errors import RuleFileError
from ..extraction.numbers import chinese_to_number

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Excel serial day numbers accepted as dates: 1954-10-03 … 2119-01-10.
_SERIAL_MIN, _SERIAL_MAX = 20000, 80000
_YEAR_MIN, _YEAR_MAX = 1980, 2100

STATUSES: tuple[str, ...] = ("洽谈", "签约", "注册", "开工", "在建", "竣工", "投产", "停工", "流失")
"""The canonical project statuses, in lifecycle order (停工 and 流失 can happen at any stage)."""


class CellError(ValueError):
    """A cell value that cannot be read; the message names the value and what was expected."""


# ----------------------------------------------------------------------------- data files


def _data_lines(name: str) -> list[tuple[int, str]]:
    try:
        text = (resources.files("speechkit") / "data" / "projects" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"projects/{name}: cannot be read: {exc}") from exc
    return [
        (n, line.rstrip("\n"))
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def data_pairs(name: str) -> list[tuple[str, str]]:
    """``canonical<TAB>synonym`` lines of ``data/projects/<name>``, in file order."""
    pairs = []
    for n, line in _data_lines(name):
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != 2 or not all(fields):
            raise RuleFileError(f"projects/{name}:{n}: expected canonical<TAB>synonym, got {line!r}")
        pairs.append((fields[0], fields[1]))
    return pairs


def fold(text: str) -> str:
    """NFKC (full-width digits and brackets to ASCII) without any whitespace.

    >>> fold("２０２４ 年 7月\\n")
    '2024年7月'
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


@cache
def _blanks() -> frozenset[str]:
    return frozenset(fold(line) for _, line in _data_lines("blanks.txt"))


@cache
def _status_table() -> dict[str, str]:
    table = {s: s for s in STATUSES}
    for canonical, synonym in data_pairs("statuses.tsv"):
        if canonical not in STATUSES:
            raise RuleFileError(f"projects/statuses.tsv: unknown canonical status {canonical!r}")
        table[_status_key(synonym)] = canonical
    return table


def _status_key(text: str) -> str:
    return "".join(c for c in fold(text) if unicodedata.category(c)[0] not in "PZSC")


# ----------------------------------------------------------------------------- text


def is_blank(value: Any) -> bool:
    """True for an empty cell: None, NaN/NaT, an empty string or a placeholder (``-``, ``/``, ``无``…).

    >>> is_blank(None), is_blank(" — "), is_blank("待定"), is_blank(float("nan"))
    (True, True, False, True)
    """
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value).__name__ in ("NaTType", "NAType"):  # pandas NaT and NA
        return True
    if isinstance(value, str):
        f = fold(value)
        return not f or f in _blanks()
    return False


def cell_text(value: Any) -> str | None:
    """A cell as the text a person sees: numbers without a spurious ``.0``, dates as ISO, line breaks
    inside a cell removed; None for a blank cell.

    >>> cell_text(12.0), cell_text(3500.5), cell_text(dt.datetime(2024, 7, 15)), cell_text(" 青禾\\n镇 ")
    ('12', '3500.5', '2024-07-15', '青禾镇')
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    text = re.sub(r"\s*[\r\n]+\s*", "", text)
    return text or None


# ----------------------------------------------------------------------------- dates

_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YMD = re.compile(r"(\d{4})[.\-/年](\d{1,2})[.\-/月](\d{1,2})[日号]?")
_YM = re.compile(r"(\d{4})[.\-/年](\d{1,2})月?(上旬|中旬|下旬|初|中|底|末)?")
_MD = re.compile(r"(\d{1,2})月(?:(\d{1,2})[日号]?|(上旬|中旬|下旬|初|中|底|末))?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SERIAL = re.compile(r"(\d{5})(?:\.0+)?")
_PERIOD = re.compile(
    r"(\d{4})年?(?:度)?(全年|上半年|下半年|年初|年中|年底|年末|底|末|"
    r"第?[一二三四1-4]季度|[Qq][1-4])?"
)
_PART_DAY = {None: 1, "上旬": 1, "初": 1, "中旬": 11, "中": 11, "下旬": 21, "底": 21, "末": 21}
_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _make(y: int, m: int, d: int, raw: str) -> dt.date:
    if not _YEAR_MIN <= y <= _YEAR_MAX:
        raise CellError(f"year {y} out of range in date {raw!r}")
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise CellError(f"impossible date {raw!r}") from None


def _period_start(y: int, part: str | None, raw: str) -> dt.date:
    if part in (None, "全年", "上半年", "年初"):
        return _make(y, 1, 1, raw)
    if part in ("下半年", "年中"):
        return _make(y, 7, 1, raw)
    if part in ("年底", "年末", "底", "末"):
        return _make(y, 12, 1, raw)
    q = _QUARTER[part.strip("第季度Qq")]
    return _make(y, 3 * q - 2, 1, raw)


def parse_date(value: Any, *, year: int | None = None) -> dt.date | None:
    """The date of a 台账 cell; None for a blank cell; :class:`CellError` when it cannot be read.

    ``year`` is the year of the table (from its title) used for a date without one (``7月15日``);
    without it such a date is an error. A period stands for its first day.

    >>> [str(parse_date(v)) for v in ("2024.7", "2024.07.15", "2024年7月", "2024年7月15日", "2024-07-15",
    ...                               "2024/7/15", "20240715", 45488, "2024年上半年", "2024年四季度")]
    ['2024-07-01', '2024-07-15', '2024-07-01', '2024-07-15', '2024-07-15', '2024-07-15', '2024-07-15', \
'2024-07-15', '2024-01-01', '2024-10-01']
    >>> str(parse_date("7月中旬", year=2024))
    '2024-07-11'
    >>> parse_date("2024.13.5")
    Traceback (most recent call last):
    ...
    speechkit.tracking.cells.CellError: impossible date '2024.13.5'
    """
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date()
    if isinstance(value, bool):
        raise CellError(f"not a date: {value!r}")
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            return parse_date(repr(value), year=year)  # 2024.7 typed into a number cell
        return parse_date(str(int(value)), year=year)
    raw = str(value).strip()
    text = _TIME_TAIL.sub("", unicodedata.normalize("NFKC", raw).strip())
    text = "".join(text.split()).rstrip("前后左右")
    if m := _YMD.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _YM.fullmatch(text):
        return _make(int(m[1]), int(m[2]), _PART_DAY[m[3]], raw)
    if m := _COMPACT.fullmatch(text):
        return _make(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _SERIAL.fullmatch(text):
        n = int(m[1])
        if _SERIAL_MIN <= n <= _SERIAL_MAX:
            return EXCEL_EPOCH + dt.timedelta(days=n)
        raise CellError(f"number {raw!r} is no Excel date")
    if m := _PERIOD.fullmatch(text):
        return _period_start(int(m[1]), m[2], raw)
    if m := _MD.fullmatch(text):
        if year is None:
            raise CellError(f"date {raw!r} has no year and the table names none")
        day = int(m[2]) if m[2] else _PART_DAY[m[3]]
        return _make(year, int(m[1]), day, raw)
    if fold(raw) in ("待定", "未定", "待确定"):
        raise CellError(f"date not yet given ({raw})")
    raise CellError(f"unparseable date {raw!r}")


# ----------------------------------------------------------------------------- amounts

_UNIT_FACTOR = {
    "亿元": 10000.0,
    "亿": 10000.0,
    "千万元": 1000.0,
    "千万": 1000.0,
    "百万元": 100.0,
    "百万": 100.0,
    "万元": 1.0,
    "万": 1.0,
    "元": 0.0001,
}
_AMOUNT = re.compile(
    r"(?:约|大约|近|超|超过|逾|计划|总投资|投资)?"
    r"(?P<num>[0-9][0-9,]*(?:\.[0-9]+)?|[〇零一二两三四五六七八九十百千点壹贰叁肆伍陆柒捌玖拾佰仟]+)"
    r"(?P<unit>亿元|亿|千万元|千万|百万元|百万|万元|万|元)?"
    r"(?:人民币)?(?:左右|以上|多|余|余元)?"
)


def unit_factor(unit: str | None) -> float:
    """万元 per unit: ``unit_factor("亿元") == 10000.0``; None or an unknown unit → 1.0 (万元)."""
    return _UNIT_FACTOR.get(unit or "", 1.0)


def parse_amount(value: Any, *, factor: float = 1.0) -> float | None:
    """An amount in 万元; None for a blank cell; :class:`CellError` for 待定 or anything unreadable.

    ``factor`` converts a bare number into 万元 (10000.0 under a header ``总投资（亿元）``); a unit written
    in the cell wins over it.

    >>> [parse_amount(v) for v in ("3.5亿元", "3500万", "1,200", "约2亿", "-", 800, "三千万元")]
    [35000.0, 3500.0, 1200.0, 20000.0, None, 800.0, 3000.0]
    >>> parse_amount(2.5, factor=10000.0)
    25000.0
    >>> parse_amount("待定")
    Traceback (most recent call last):
    ...
    speechkit.tracking.cells.CellError: amount not yet given (待定)
    """
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"not an amount: {value!r}")
    if isinstance(value, (int, float)):
        return float(value) * factor
    raw = str(value).strip()
    text = fold(raw)
    if text in ("待定", "未定", "待确定", "不详", "未知"):
        raise CellError(f"amount not yet given ({raw})")
    m = _AMOUNT.fullmatch(text)
    if not m:
        raise CellError(f"unparseable amount {raw!r}")
    num = m["num"]
    number = float(num.replace(",", "")) if num[0].isdigit() else chinese_to_number(num)
    if number is None:
        raise CellError(f"unparseable amount {raw!r}")
    return number * (_UNIT_FACTOR[m["unit"]] if m["unit"] else factor)


# ----------------------------------------------------------------------------- statuses


def parse_status(value: Any) -> str | None:
    """The canonical status (洽谈 签约 注册 开工 在建 竣工 投产 停工 流失) of a status cell.

    An exact synonym (``data/projects/statuses.tsv``) wins; otherwise a cell that contains synonyms of
    exactly one stage gets that stage. Anything else is a :class:`CellError`.

    >>> [parse_status(v) for v in ("在谈", "已签约", "续建", "建成", "达产", "缓建", "撤资", "项目已开工建设")]
    ['洽谈', '签约', '在建', '竣工', '投产', '停工', '流失', '开工']
    """
    if is_blank(value):
        return None
    raw = str(value).strip()
    key = _status_key(raw)
    table = _status_table()
    if key in table:
        return table[key]
    found = {canonical for word, canonical in table.items() if len(word) > 1 and word in key}
    if len(found) == 1:
        return found.pop()
    if found:
        raise CellError(f"ambiguous status {raw!r} ({'/'.join(sorted(found, key=STATUSES.index))})")
    raise CellError(f"unknown status {raw!r}")
