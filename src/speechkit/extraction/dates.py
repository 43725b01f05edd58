"""Dates, deadlines and periods, resolved against the document's date.

Every expression resolves to the interval it denotes, ``YYYY-MM-DD/YYYY-MM-DD`` (``iso``), or None:

* a **period** is the period itself: 2024年 → the whole year, 下半年 → 07-01/12-31 of the document's year,
  一季度, 上一季度, 本季度, 2024年内, 今年, 明年, “十五五”期间 (2026-01-01/2030-12-31),
  2019年1月1日至12月31日, 2018—2020年. 年内 / 今年内 / 2024年内 name the whole year too.
* a **time limit** is ``[document date, the limit]``: 年底前 in a document of 2024-07-10 →
  2024-07-10/2024-12-31; 6月底前 in one of 2024-03 → 2024-03-01/2024-06-30; 到2027年 → …/2027-12-31;
  2025年前 → …/2025-12-31 ("by 2025": the year is included); 一季度末; 十二月底.
  A limit without a year that falls before the document date is next year's (3月底前 in December).
  A limit needs the document date; without it, or when the limit lies before it, ``iso`` is None.
* **durations from now**: 今后3年, 3年内, 未来五年 run to the end of the N-th calendar year counting the
  document's own (2018-02-12 + 今后3年 → 2018-02-12/2020-12-31); N个月内 / N日内 / N天内 / N周内
  (also 本意见印发之日起30日内) are exact: 2018-11-16 + 30日内 → 2018-11-16/2018-12-16.
* vague ones have no interval: 近期, 中长期, 今后一个时期, 限期, 从2019年1月1日起 (a start without end).

``doc_date`` is written as documents state it: ``2024``, ``2024-07``, ``2024-07-10`` (also ``2024年7月10日``,
``2024/7/10``); it stands for its earliest day, so with a year only 年底前 gives 2024-01-01/2024-12-31.
Expressions relative to the current quarter or month (本季度, 上一季度, 本月) need a month.

>>> [(s.text, s.iso) for s in find_deadlines("确保年底前全部完成", "2024-07-10")]
[('年底前', '2024-07-10/2024-12-31')]
>>> [(s.text, s.iso) for s in find_periods("“十五五”期间，下半年", "2024-07-10")]
[('“十五五”期间', '2026-01-01/2030-12-31'), ('下半年', '2024-07-01/2024-12-31')]
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from .numbers import _FOLD, _cn_int, fold

__all__ = ["TimeSpan", "find_deadlines", "find_periods", "parse_doc_date", "resolve"]


@dataclass(frozen=True)
class TimeSpan:
    """A time expression in a sentence: ``text == sentence[start:end]``; ``iso`` the interval it denotes.

    >>> find_deadlines("2024年6月底前完成", "2024-03")[0]
    TimeSpan(start=0, end=9, text='2024年6月底前', iso='2024-03-01/2024-06-30')
    """

    start: int
    end: int
    text: str
    iso: str | None


# ---------------------------------------------------------------------------------------------
# the document date

_DOC_DATE = re.compile(
    r"\s*(?P<y>[0-9]{4})\s*(?:[-/.年]\s*(?P<m>[0-9]{1,2})\s*(?:[-/.月]\s*(?P<d>[0-9]{1,2})\s*日?)?\s*月?)?\s*"
)


def parse_doc_date(doc_date: str | None) -> tuple[date, str] | None:
    """The earliest day ``doc_date`` names and its precision (``year``, ``month`` or ``day``), or None.

    >>> parse_doc_date("2024-07")
    (datetime.date(2024, 7, 1), 'month')
    """
    if not doc_date:
        return None
    m = _DOC_DATE.fullmatch(doc_date.translate(_FOLD))
    if not m:
        return None
    try:
        y = int(m.group("y"))
        if m.group("d"):
            return date(y, int(m.group("m")), int(m.group("d"))), "day"
        if m.group("m"):
            return date(y, int(m.group("m")), 1), "month"
        return date(y, 1, 1), "year"
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# patterns (matched on the text with full-width digits folded, so offsets are the original ones)

_YN = r"(?:(?<![0-9])[12][0-9]{3}(?![0-9])|[零〇○一二三四五六七八九]{4})"
_MN = r"(?:1[0-2](?![0-9])|0?[1-9](?![0-9])|十[一二]?|[一二三四五六七八九])"
_DN = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_N = r"(?:[0-9]{1,3}|[两一二三四五六七八九十百]{1,4})"
_NOT_NUM_BEFORE = r"(?<![0-9零〇○一二两三四五六七八九十百千多几数半整近每])"
_BEFORE = r"(?:以前|之前|前(?!后|夕|列|沿|端|景|提|三|期|海|台|线|进|行|所|瞻|身))"
_WITHIN = r"(?:以内|之内|内(?!容|部|外|涵|在|地|蒙|陆|需|生|核|控|河|江|阁|科|务|设|资|销|循|镜|网|港|宣))"
_SUB = (
    rf"(?:(?<![0-9])(?P<m>{_MN})月份?(?:(?P<d>{_DN})[日号])?(?P<mpos>底(?!线)|末|初(?!步)|上旬|中旬|下旬)?"
    rf"|第?(?P<q>[一二三四1-4])季度(?P<qpos>末|初)?"
    r"|(?P<half>上|下)半年(?P<hpos>末|底)?"
    r"|(?P<q13>前三季度))"
)
_YEAR_POS = r"(?P<ypos>年底(?!线)|年末|年初(?!步)|底(?!线|数|子|层|气|色|部)|末(?!端)|初(?!步|心|衷|级|次|始|期|创|审|选|中|见|稿))"

_SUFFIX = rf"{_BEFORE}|{_WITHIN}|为止|以来|期间"
# A time expression: [pre] core [suffix]. The core may be empty only after a pre (到…) or before a suffix
# (…以前): so the pattern never matches the empty string, which it would otherwise do at most places.
_ATOM = re.compile(
    r"(?=[到至截直今本明来次去上下前年当全第0-9零〇○一二三四五六七八九十])"
    r"(?P<pre>截止到|截至|截止|直到|到|至)?"
    r"(?:"
    rf"{_NOT_NUM_BEFORE}(?P<sy>年底(?!线)|年末|年初(?!步)|年内(?!容|部|外|涵|在|地|蒙|陆)|全年|本年度)"
    r"|(?P<rq>本季度|当季|上一?个?季度|下一?个?季度)"
    r"|(?P<rm>本月|当月|上个?月|下个?月)"
    rf"|(?P<yr>(?P<y>{_YN})年度?|(?P<ry>今年|本年|明年|来年|次年|去年|上一年|上年|下一年)度?)?"
    rf"(?:{_SUB}|(?(yr)(?:{_YEAR_POS})?|(?(pre)|(?=(?:{_SUFFIX})))))"
    r")"
    rf"(?P<suf>{_SUFFIX})?"
)
_RPOINT1 = rf"(?:{_YN}年?(?:{_MN}月(?:{_DN}[日号])?)?|(?<![0-9]){_MN}月?(?:{_DN}[日号])?)"
_RPOINT2 = rf"(?:{_YN}年(?:{_MN}月(?:{_DN}[日号])?)?|{_MN}月(?:{_DN}[日号])?)(?:底|末)?"
_RANGE = re.compile(
    rf"(?=[0-9零〇○一二三四五六七八九十])(?P<r1>{_RPOINT1})(?:至|到|-{{1,2}}|~)(?P<r2>{_RPOINT2})"
)
_SINCE = re.compile(
    rf"(?:从|自)(?P<p>(?P<y>{_YN})年(?:(?P<m>{_MN})月(?:(?P<d>{_DN})[日号])?)?)起"
    rf"(?:[，,]?(?P<n>{_N})年(?:内|以内|之内)?)?"
)
_DURATION = re.compile(
    # the lookahead only skips places no alternative can start at (speed; same matches)
    r"(?=[今未自从本印发出实施公下0-9两一二三四五六七八九十百半])"
    rf"(?:(?P<fut>今后|未来)(?P<n1>{_N})(?P<u1>个月|年|个季度|周|天|日)(?!前|后|[0-9])"
    rf"|(?P<issued>(?:自|从)?(?:本[^，。；、\s]{{0,8}}?)?(?:印发|发布|出台|实施|施行|公布|下发)之日起)?"
    rf"(?<![0-9]){_NOT_NUM_BEFORE}(?P<n2>{_N}|半)(?P<u2>个月|年|个季度|周|天|日|个工作日){_WITHIN})"
)
_FYP = re.compile(
    r"(?=[到至“\"‘「一二三四五六七八九十第])"
    r"(?P<fpre>到|至)?"
    r"(?:(?P<q1>[“\"‘「]?)(?<![零〇一二两三四五六七八九十])(?P<n>十[一二三四五六七八九]?|[一二三四五六七八九])五(?P<q2>[”\"’」]?)"
    r"|第(?P<n2>[一二三四五六七八九十]{1,3})个五年(?:规划|计划)(?:纲要)?)"
    r"(?P<fsuf>规划期间|规划期|期间|时期|末期|期末|末(?!端)|初期|初(?!步)|以来|规划|计划)?"
)
_VAGUE = re.compile(
    r"当前和今后一个时期|今后一个时期|今后一段时期|今后一段时间|近期(?!以来)|中长期|远期|长期(?=目标|任务|规划|来看|看[，,])"
)
_LIMIT_WORD = re.compile(r"限期")
_COMPLETE_AFTER = re.compile(
    r"(?:前|内)?(?:全面|基本|全部|如期|顺利|按期)?(?:完成|建成|实现|竣工|投产|到位|开工|落地|出台|启动|通车|运营)"
)
_TRIGGER = frozenset("年月季日天期前内底末五周限起")
# what _atom reads names a year, a quarter or a month: without 年, 季 or 月 no match of _ATOM gives a hit
_ATOM_NEEDS = "年季月"
# words one of which every match of a pattern holds: a text without any of them is not scanned (speed)
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _FYP: ("五",),
    _SINCE: ("起",),
    _RANGE: ("至", "到", "-", "~"),
    _DURATION: ("内", "今后", "未来"),
    _VAGUE: ("期", "时间"),
    _LIMIT_WORD: ("限期",),
}


# ---------------------------------------------------------------------------------------------
# calendar helpers


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    k = d.month - 1 + n
    y, m = d.year + k // 12, k % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _next_year(d: date) -> date:
    return date(d.year + 1, d.month, min(d.day, calendar.monthrange(d.year + 1, d.month)[1]))


def _iso(a: date | None, b: date | None) -> str | None:
    if a is None or b is None or b < a:
        return None
    return f"{a.isoformat()}/{b.isoformat()}"


def _num(s: str | None) -> int | None:
    if s is None:
        return None
    if s.isdigit():
        return int(s)
    return _cn_int(s)


def _year(s: str | None) -> int | None:
    y = _num(s)
    return y if y is not None and 1900 <= y <= 2100 else None


def _fyp_years(n: int) -> tuple[int, int] | None:
    """First and last year of the n-th five-year plan (一五 1953–1957, 二五 1958–1962, 三五 1966–1970 …)."""
    if n == 1:
        first = 1953
    elif n == 2:
        first = 1958
    elif 3 <= n <= 20:
        first = 1966 + 5 * (n - 3)
    else:
        return None
    return first, first + 4


# ---------------------------------------------------------------------------------------------
# scanning


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    iso: str | None
    deadline: bool
    period: bool


def _limit(doc: date | None, end: date | None) -> str | None:
    return _iso(doc, end)


def _atom(m: re.Match[str], folded: str, doc: tuple[date, str] | None) -> _Hit | None:
    g = m.groupdict()
    pre, suf = g["pre"], g["suf"]
    has_sub = g["m"] or g["q"] or g["half"] or g["q13"]
    if not (g["yr"] or has_sub or g["sy"] or g["rq"] or g["rm"]):
        return None
    d0, prec = doc if doc else (None, None)
    # the year
    explicit_year = True
    if g["y"]:
        year = _year(g["y"])
        if year is None:
            return None
    elif g["ry"]:
        if d0 is None:
            year = None
        else:
            offset = {"今年": 0, "本年": 0, "明年": 1, "来年": 1, "次年": 1, "下一年": 1}.get(g["ry"], -1)
            year = d0.year + offset
    else:
        explicit_year = False
        year = d0.year if d0 else None
    point = False  # a limit point (年底, 6月底, 6月30日, 一季度末) rather than a period
    a = b = None
    if year is not None:
        if g["m"]:
            mon = _num(g["m"])
            if mon is None or not 1 <= mon <= 12:
                return None
            a, b = date(year, mon, 1), _month_end(year, mon)
            if g["d"]:
                # a day is a date, not a limit, unless marked (6月30日前, 于6月30日完成)
                day = _num(g["d"])
                if day is None or day > b.day:
                    return None
                a = b = date(year, mon, day)
            elif g["mpos"] in ("底", "末"):
                a, point = b, True
            elif g["mpos"] in ("上旬", "初"):
                b = date(year, mon, 10)
            elif g["mpos"] == "中旬":
                a, b = date(year, mon, 11), date(year, mon, 20)
            elif g["mpos"] == "下旬":
                a = date(year, mon, 21)
        elif g["q"]:
            q = _num(g["q"]) or 0
            a, b = date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
            if g["qpos"] == "末":
                a, point = b, True
            elif g["qpos"] == "初":
                b = _month_end(year, 3 * q - 2)
        elif g["half"]:
            a, b = (
                (date(year, 1, 1), date(year, 6, 30))
                if g["half"] == "上"
                else (date(year, 7, 1), date(year, 12, 31))
            )
            if g["hpos"]:
                a, point = b, True
        elif g["q13"]:
            a, b = date(year, 1, 1), date(year, 9, 30)
        elif g["rq"] or g["rm"]:
            if d0 is None or prec == "year":
                a = b = None
            elif g["rq"]:
                shift = 0 if g["rq"] in ("本季度", "当季") else (-1 if g["rq"].startswith("上") else 1)
                first = _add_months(date(d0.year, (d0.month - 1) // 3 * 3 + 1, 1), 3 * shift)
                a, b = first, _month_end(*_add_months(first, 2).timetuple()[:2])
            else:
                shift = 0 if g["rm"] in ("本月", "当月") else (-1 if g["rm"].startswith("上") else 1)
                first = _add_months(date(d0.year, d0.month, 1), shift)
                a, b = first, _month_end(first.year, first.month)
        else:
            pos = g["ypos"] or g["sy"] or ""
            a, b = date(year, 1, 1), date(year, 12, 31)
            if pos in ("年底", "年末", "底", "末"):
                a, point = b, True
            elif pos in ("年初", "初"):
                b = date(year, 3, 31)
    is_before = suf is not None and suf.endswith("前")
    is_within = suf is not None and suf.endswith("内")
    context_limit = False
    if not (pre or is_before or point):
        before = folded[max(0, m.start() - 1) : m.start()]
        context_limit = before in ("于", "在") and _COMPLETE_AFTER.match(folded, m.end()) is not None
    limit = bool(pre) or is_before or point or context_limit
    if g["sy"] == "年内" or (is_within and not point):
        limit = False  # 年内, 2024年内: the year itself
    if limit and not explicit_year and has_sub and d0 is not None and b is not None and b < d0:
        # 3月底前 written in December: next year's March
        b = _month_end(b.year + 1, b.month) if b == _month_end(b.year, b.month) else _next_year(b)
    if a is None or b is None:
        iso = None
    elif limit:
        iso = _limit(d0, b)
    elif suf == "以来":
        iso = _iso(a, d0) if d0 else None
    else:
        iso = _iso(a, b)
    deadline = limit or is_within or g["sy"] == "年内"
    period = (not point and not (limit and g["d"]) and suf != "以来") or g["sy"] == "年内"
    if suf == "以来":
        period, deadline = True, False
    return _Hit(m.start(), m.end(), iso, deadline, period)


def _range(m: re.Match[str], doc: tuple[date, str] | None) -> _Hit | None:
    r1, r2 = m.group("r1"), m.group("r2")
    y1_s = re.match(_YN, r1)
    y1 = _year(y1_s.group(0)) if y1_s else None
    rest1 = r1[y1_s.end() :].lstrip("年") if y1_s else r1
    y2_s = re.match(_YN, r2)
    y2 = _year(y2_s.group(0)) if y2_s else None
    rest2 = r2[y2_s.end() :].lstrip("年") if y2_s else r2
    if (y1_s and y1 is None) or (y2_s and y2 is None):
        return None
    if y1 is not None and "年" not in r1 and y2 is None:
        return None  # 2018—5月: not a range
    mon1 = day1 = mon2 = day2 = None
    mm = re.fullmatch(rf"(?:(?P<m>{_MN})月?(?:(?P<d>{_DN})[日号])?)?", rest1)
    if mm is None:
        return None
    mon1, day1 = _num(mm.group("m")), _num(mm.group("d"))
    mm = re.fullmatch(rf"(?:(?P<m>{_MN})月(?:(?P<d>{_DN})[日号])?)?(?P<pos>底|末)?", rest2)
    if mm is None:
        return None
    mon2, day2 = _num(mm.group("m")), _num(mm.group("d"))
    if y1 is None and mon1 is None:
        return None
    if y2 is None and mon2 is None:
        return None
    if y1 is not None and mon1 is None and mon2 is not None and y2 is None:
        return None  # 2024—6月
    doc_year = doc[0].year if doc else None
    year1 = y1 if y1 is not None else (y2 if y2 is not None else doc_year)
    year2 = y2 if y2 is not None else year1
    if year1 is None or year2 is None:
        return _Hit(m.start(), m.end(), None, True, True)
    try:
        a = date(year1, mon1 or 1, day1 or 1)
        if mon2 is None:
            b = date(year2, 12, 31)
        elif day2 is None:
            b = _month_end(year2, mon2)
        else:
            b = date(year2, mon2, day2)
    except ValueError:
        return None
    if b < a:
        return None
    return _Hit(m.start(), m.end(), _iso(a, b), True, True)


def _since(m: re.Match[str]) -> _Hit | None:
    y = _year(m.group("y"))
    if y is None:
        return None
    try:
        a = date(y, _num(m.group("m")) or 1, _num(m.group("d")) or 1)
    except ValueError:
        return None
    n = _num(m.group("n"))
    iso = _iso(a, date(y + n - 1, 12, 31)) if n else None
    return _Hit(m.start(), m.end(), iso, True, n is not None)


def _duration(m: re.Match[str], doc: tuple[date, str] | None) -> _Hit | None:
    raw_n = m.group("n1") or m.group("n2")
    unit = m.group("u1") or m.group("u2")
    half = raw_n == "半"
    n = None if half else _num(raw_n)
    if not half and (n is None or n <= 0 or n > 400):
        return None
    d0 = doc[0] if doc else None
    end: date | None = None
    if d0 is not None:
        if half and unit == "年":
            end = _add_months(d0, 6)
        elif half:
            end = None
        elif unit == "年":
            end = date(d0.year + n - 1, 12, 31) if n else None  # type: ignore[operator]
        elif unit == "个月":
            end = _add_months(d0, n)  # type: ignore[arg-type]
        elif unit == "个季度":
            end = _add_months(d0, 3 * n)  # type: ignore[operator]
        elif unit == "周":
            end = d0 + timedelta(days=7 * n)  # type: ignore[operator]
        elif unit in ("天", "日"):
            end = d0 + timedelta(days=n)  # type: ignore[arg-type]
    iso = _iso(d0, end)
    return _Hit(m.start(), m.end(), iso, True, unit == "年")


def _fyp(m: re.Match[str], doc: tuple[date, str] | None) -> _Hit | None:
    n_raw = m.group("n") or m.group("n2")
    fsuf = m.group("fsuf")
    if m.group("n") is not None:
        quoted = bool(m.group("q1")) and bool(m.group("q2"))
        # 十五 and 九五 are also plain numbers: they need quotes or a plan word
        if not quoted and fsuf is None and len(m.group("n")) == 1:
            return None
        if not fsuf and not quoted and m.group("q1"):
            return None
    n = _cn_int(n_raw)
    years = _fyp_years(n) if n else None
    if years is None:
        return None
    first, last = years
    a, b = date(first, 1, 1), date(last, 12, 31)
    if fsuf in ("末期", "期末", "末"):
        a = date(last, 1, 1)
    elif fsuf in ("初期", "初"):
        b = date(first, 12, 31)
    if m.group("fpre"):
        d0 = doc[0] if doc else None
        return _Hit(m.start(), m.end(), _iso(d0, b), True, True)
    if fsuf == "以来":
        d0 = doc[0] if doc else None
        return _Hit(m.start(), m.end(), _iso(a, d0) if d0 else None, False, True)
    return _Hit(m.start(), m.end(), _iso(a, b), False, True)


@functools.lru_cache(maxsize=1024)
def _scan(text: str, doc_date: str | None) -> tuple[_Hit, ...]:
    """Every time expression of ``text``, leftmost-longest; cached, as an item's deadlines and periods
    come from one scan."""
    if not text or _TRIGGER.isdisjoint(text):
        return ()
    folded = fold(text)
    doc = parse_doc_date(doc_date)
    found: list[tuple[int, int, int, _Hit]] = []  # (start, -end, priority, hit)

    def add(priority: int, hit: _Hit | None) -> None:
        if hit is not None and hit.end > hit.start:
            found.append((hit.start, -hit.end, priority, hit))

    def matches(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        needs = _NEEDS.get(pattern)
        return pattern.finditer(folded) if needs is None or any(w in folded for w in needs) else iter(())

    for m in matches(_FYP):
        add(0, _fyp(m, doc))
    for m in matches(_SINCE):
        add(1, _since(m))
    for m in matches(_RANGE):
        add(2, _range(m, doc))
    for m in matches(_DURATION):
        add(3, _duration(m, doc))
    for m in _ATOM.finditer(folded) if any(c in folded for c in _ATOM_NEEDS) else ():
        if m.end() > m.start():
            add(4, _atom(m, folded, doc))
    for m in matches(_VAGUE):
        add(5, _Hit(m.start(), m.end(), None, False, True))
    for m in matches(_LIMIT_WORD):
        add(6, _Hit(m.start(), m.end(), None, True, False))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[_Hit] = []
    last_end = -1
    for start, _neg_end, _prio, hit in found:
        if start >= last_end:
            out.append(hit)
            last_end = hit.end
    return tuple(out)


def find_deadlines(text: str, doc_date: str | None) -> list[TimeSpan]:
    """Expressions of a time limit in ``text``, in order: …前, …底(前), 年内, 到…年, 于…完成, N日内,
    今后N年, 限期, 从…起, 2019年1月1日至12月31日. ``text[s.start:s.end] == s.text``.

    >>> [(s.text, s.iso) for s in find_deadlines("本意见印发之日起30日内出台办法", "2018-11-16")]
    [('本意见印发之日起30日内', '2018-11-16/2018-12-16')]
    """
    return [
        TimeSpan(h.start, h.end, text[h.start : h.end], h.iso) for h in _scan(text, doc_date) if h.deadline
    ]


def find_periods(text: str, doc_date: str | None) -> list[TimeSpan]:
    """Expressions naming a period in ``text``, in order: 今年, 明年, 下半年, 一季度, 上一季度, 2024年,
    2024年内, “十五五”期间, 到2027年, 今后3年, 2019年1月1日至12月31日, 近期 (iso None) …

    >>> [(s.text, s.iso) for s in find_periods("到2027年，今后3年", "2024-07-10")]
    [('到2027年', '2024-07-10/2027-12-31'), ('今后3年', '2024-07-10/2026-12-31')]
    """
    return [TimeSpan(h.start, h.end, text[h.start : h.end], h.iso) for h in _scan(text, doc_date) if h.period]


def resolve(expr: str, doc_date: str | None) -> str | None:
    """The ``iso`` interval of one time expression (the longest one found in ``expr``), or None.

    >>> resolve("一季度", "2024-07-10"), resolve("上一季度", "2024-07-10"), resolve("十二月底", "2024")
    ('2024-01-01/2024-03-31', '2024-04-01/2024-06-30', '2024-01-01/2024-12-31')
    """
    hits = _scan(expr, doc_date)
    if not hits:
        return None
    return max(hits, key=lambda h: h.end - h.start).iso
