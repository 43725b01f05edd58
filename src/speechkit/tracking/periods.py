"""Reporting periods: 全年, 上半年/下半年, 季度, 月, or any span of days.

A :class:`Period` is a closed interval of calendar days with a Chinese label. ``Period.parse`` reads what
users type on the command line (``2024``, ``2024H2``, ``2024Q3``, ``2024-07``, ``2024-01-01/2024-06-30``)
and what speeches write (``2024年下半年``, ``三季度``, ``7月``, ``下半年`` resolved against the document's date
by :mod:`speechkit.extraction.dates`).

>>> Period.half(2024, 2)
Period(start=datetime.date(2024, 7, 1), end=datetime.date(2024, 12, 31), label='2024年下半年')
>>> Period.half(2024, 2).previous().label
'2024年上半年'
>>> Period.parse("下半年", doc_date="2024").label
'2024年下半年'
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..errors import InputError

__all__ = ["Period"]

_CN_Q = "一二三四"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@dataclass(frozen=True)
class Period:
    """The days ``start`` … ``end`` (both included) and a label for people.

    >>> p = Period.quarter(2024, 3)
    >>> p.label, p.contains(date(2024, 9, 30)), p.previous().label
    ('2024年三季度', True, '2024年二季度')
    """

    start: date
    end: date
    label: str = ""

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends before it starts: {self.start} > {self.end}")
        if not self.label:
            object.__setattr__(self, "label", f"{self.start.isoformat()}至{self.end.isoformat()}")

    # -- constructors ---------------------------------------------------------------------------

    @classmethod
    def year(cls, y: int) -> Period:
        """全年: ``Period.year(2024).label == '2024年'``."""
        return cls(date(y, 1, 1), date(y, 12, 31), f"{y}年")

    @classmethod
    def half(cls, y: int, h: int) -> Period:
        """上半年 (``h=1``) or 下半年 (``h=2``)."""
        if h not in (1, 2):
            raise ValueError(f"half must be 1 or 2, not {h}")
        if h == 1:
            return cls(date(y, 1, 1), date(y, 6, 30), f"{y}年上半年")
        return cls(date(y, 7, 1), date(y, 12, 31), f"{y}年下半年")

    @classmethod
    def quarter(cls, y: int, q: int) -> Period:
        """一季度 … 四季度 (``q`` 1–4)."""
        if not 1 <= q <= 4:
            raise ValueError(f"quarter must be 1–4, not {q}")
        return cls(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y}年{_CN_Q[q - 1]}季度")

    @classmethod
    def month(cls, y: int, m: int) -> Period:
        """One calendar month: ``Period.month(2024, 7).label == '2024年7月'``."""
        return cls(date(y, m, 1), _month_end(y, m), f"{y}年{m}月")

    @classmethod
    def from_iso(cls, iso: str, label: str = "") -> Period:
        """``YYYY-MM-DD/YYYY-MM-DD`` (the ``*_iso`` fields of items) → a Period, named like the helpers
        when it is exactly a year, half, quarter or month.

        >>> Period.from_iso("2024-01-01/2024-06-30").label
        '2024年上半年'
        """
        a, _, b = iso.partition("/")
        start, end = date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
        return cls(start, end, label or _name(start, end))

    @classmethod
    def parse(cls, text: str, *, doc_date: str | None = None) -> Period:
        """A period from what a user types or a speech writes.

        Accepted: ``2024``, ``2024H1``/``2024H2``, ``2024Q1``…``2024Q4``, ``2024-07``, ``2024-01-01/2024-06-30``,
        and Chinese expressions (``2024年上半年``, ``下半年``, ``三季度``, ``2024年7月``, ``全年``) resolved
        against ``doc_date`` when they name no year. Raises :class:`~speechkit.errors.InputError` otherwise.

        >>> Period.parse("2024Q3").label, Period.parse("2024年7月").label, Period.parse("全年", doc_date="2024").label
        ('2024年三季度', '2024年7月', '2024年')
        """
        s = text.strip()
        if m := re.fullmatch(r"(\d{4})", s):
            return cls.year(int(m.group(1)))
        if m := re.fullmatch(r"(\d{4})[-_ ]?[Hh]([12])", s):
            return cls.half(int(m.group(1)), int(m.group(2)))
        if m := re.fullmatch(r"(\d{4})[-_ ]?[Qq]([1-4])", s):
            return cls.quarter(int(m.group(1)), int(m.group(2)))
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", s):
            return cls.month(int(m.group(1)), int(m.group(2)))
        if "/" in s:
            try:
                return cls.from_iso(s)
            except ValueError as exc:
                raise InputError(text, "not a period: expected YYYY-MM-DD/YYYY-MM-DD") from exc
        from ..extraction.dates import resolve

        expr = "全年" if s in ("全年", "本年", "本年度") else s
        iso = resolve(expr, doc_date)
        if iso is None:
            hint = "" if doc_date else " (a period without a year needs the document's date)"
            raise InputError(
                text, f"not a period: expected 2024, 2024H2, 2024Q3, 2024-07, 2024年下半年 …{hint}"
            )
        return cls.from_iso(iso)

    # -- arithmetic -----------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    def previous(self) -> Period:
        """The period of the same kind just before: 下半年 → 上半年, 一季度 → 上年四季度, 2024年 → 2023年,
        a month → the month before; any other span → the same number of days before it."""
        kind = _kind(self.start, self.end)
        y = self.start.year
        if kind == "year":
            return Period.year(y - 1)
        if kind == "half":
            return Period.half(y, 1) if self.start.month == 7 else Period.half(y - 1, 2)
        if kind == "quarter":
            q = (self.start.month - 1) // 3 + 1
            return Period.quarter(y, q - 1) if q > 1 else Period.quarter(y - 1, 4)
        if kind == "month":
            m = self.start.month
            return Period.month(y, m - 1) if m > 1 else Period.month(y - 1, 12)
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def elapsed(self, as_of: date) -> float:
        """The share of the period gone by on ``as_of`` (0 before it starts, 1 after it ends).

        >>> round(Period.year(2024).elapsed(date(2024, 7, 1)), 3)
        0.5
        """
        if as_of < self.start:
            return 0.0
        if as_of >= self.end:
            return 1.0
        return ((as_of - self.start).days + 1) / self.days

    @property
    def iso(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


def _kind(start: date, end: date) -> str | None:
    if start.day != 1 or end != _month_end(end.year, end.month) or start.year != end.year:
        return None
    months = end.month - start.month + 1
    if months == 12:
        return "year"
    if months == 6 and start.month in (1, 7):
        return "half"
    if months == 3 and start.month in (1, 4, 7, 10):
        return "quarter"
    if months == 1:
        return "month"
    return None


def _name(start: date, end: date) -> str:
    kind = _kind(start, end)
    y = start.year
    if kind == "year":
        return f"{y}年"
    if kind == "half":
        return f"{y}年{'上' if start.month == 1 else '下'}半年"
    if kind == "quarter":
        return f"{y}年{_CN_Q[(start.month - 1) // 3]}季度"
    if kind == "month":
        return f"{y}年{start.month}月"
    return f"{start.isoformat()}至{end.isoformat()}"
