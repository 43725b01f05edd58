"""Numbers and quantities in Chinese policy text.

Pure functions on strings. Units come from ``data/units.tsv`` (loaded lazily, once); the regular
expressions are compiled once, on first use.

>>> chinese_to_number("一千两百万")
12000000.0
>>> [(q.value, q.unit, q.comparator) for q in find_quantities("地区生产总值增长6%左右")]
[(6.0, '%', '左右')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources

from speechkit.errors import RuleFileError

__all__ = [
    "Quantity",
    "UnitInfo",
    "chinese_to_number",
    "find_quantities",
    "to_base",
    "unit_info",
]

# Full-width digits and signs fold to ASCII one character for one, so offsets survive.
# The full-width comma stays: in running text "，" separates clauses, not thousands.
_FOLD = str.maketrans("０１２３４５６７８９．％～－—–〜ＴＥＵ", "0123456789.%~---~TEU")
_FOLDABLE = re.compile("[０-９．％～－—–〜ＴＥＵ]")


def fold(text: str) -> str:
    """``text`` with full-width digits and signs folded to ASCII, one character for one (a cheap search
    first: canonical text rarely has any left).

    >>> fold("增长５％～６％—")
    '增长5%~6%-'
    """
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


_CN_DIGIT = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = ("亿", "万")  # split on the higher one first
_ZEROS = frozenset("零〇○Ｏ")

# Magnitude words that may follow an Arabic number (1.4万) or prefix a unit (万亿斤).
_SCALES: dict[str, Decimal] = {
    "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000),
    "万": Decimal(10) ** 4, "十万": Decimal(10) ** 5, "百万": Decimal(10) ** 6, "千万": Decimal(10) ** 7,
    "亿": Decimal(10) ** 8, "十亿": Decimal(10) ** 9, "百亿": Decimal(10) ** 10, "千亿": Decimal(10) ** 11,
    "万亿": Decimal(10) ** 12,
}  # fmt: skip
# Of these, a Chinese numeral that ends in one keeps it with the unit (三千万人 = 3000 万人).
_TRAILING_SCALES = ("万亿", "亿", "万")

_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_FIRST = "零〇○一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾"
_CN_FRAC = r"(?:点[零〇○一二三四五六七八九]+)?"

_ARABIC_FULL_RE = re.compile(rf"({_ARABIC})({'|'.join(sorted(_SCALES, key=len, reverse=True))})?")
_CN_FULL_RE = re.compile(rf"[{_CN_NUM_CHARS}]+{_CN_FRAC}")


def _cn_small(s: str) -> int | None:
    """Value of a numeral below 10000 (no 万/亿): 三千零四十六 → 3046, 三千五 → 3500, 十五 → 15."""
    total = 0
    pending: int | None = None
    last_mult = 10**5
    zero_since_mult = False
    for c in s:
        if c in _CN_DIGIT:
            d = _CN_DIGIT[c]
            if d == 0:
                if pending is not None:
                    return None
                zero_since_mult = True
                continue
            if pending is not None:
                return None
            pending = d
        elif c in _CN_SMALL:
            m = _CN_SMALL[c]
            if m >= last_mult:
                return None
            total += (1 if pending is None else pending) * m
            pending = None
            last_mult = m
            zero_since_mult = False
        else:
            return None
    if pending is not None:
        # 三千五 is 3500, 两百五 is 250; but 十五 is 15 and 三千零五 is 3005
        if last_mult < 10**5 and last_mult > 10 and not zero_since_mult:
            total += pending * last_mult // 10
        else:
            total += pending
    return total


def _cn_int(s: str) -> int | None:
    """Value of an integer Chinese numeral, or None when it is not a well-formed number."""
    if not s:
        return None
    if all(c in _CN_DIGIT for c in s):
        if len(s) == 1:
            return _CN_DIGIT[s]
        # 二〇二四 is read digit by digit; 四五 (four or five) is no number
        if len(s) >= 3 or any(c in _ZEROS for c in s):
            return int("".join(str(_CN_DIGIT[c]) for c in s))
        return None
    for big in _CN_BIG:
        if big in s:
            hi, _, lo = s.rpartition(big)
            scale = 10**8 if big == "亿" else 10**4
            h = _cn_int(hi) if hi else 1
            if h is None:
                return None
            if lo == "":
                low = 0
            elif len(lo) == 1 and lo in _CN_DIGIT and lo not in _ZEROS:
                low = _CN_DIGIT[lo] * scale // 10  # 一万二 is 12000
            else:
                low = _cn_int(lo.lstrip("".join(_ZEROS))) if lo.lstrip("".join(_ZEROS)) else 0
                if low is None or low >= scale:
                    return None
            return h * scale + low
    return _cn_small(s)


def _cn_decimal(s: str) -> Decimal | None:
    whole, sep, frac = s.partition("点")
    n = _cn_int(whole) if whole else None
    if n is None:
        return None
    if not sep:
        return Decimal(n)
    if not frac or any(c not in _CN_DIGIT or c == "两" for c in frac):
        return None
    return Decimal(f"{n}.{''.join(str(_CN_DIGIT[c]) for c in frac)}")


def _number(s: str) -> Decimal | None:
    s = s.translate(_FOLD).strip()
    if not s:
        return None
    m = _ARABIC_FULL_RE.fullmatch(s)
    if m:
        value = Decimal(m.group(1).replace(",", ""))
        return value * _SCALES[m.group(2)] if m.group(2) else value
    if _CN_FULL_RE.fullmatch(s):
        return _cn_decimal(s)
    return None


def chinese_to_number(s: str) -> float | None:
    """The value of a number written in Chinese numerals, Arabic digits, or digits with a magnitude.

    Handles 两, 〇/零, 点 decimals, financial numerals (壹贰…), full-width digits, thousand separators
    and a trailing magnitude (1.4万). Returns None for anything that is not one number: 十四五 (a plan),
    四五 (four or five), 百分之五 (a percentage: see :func:`find_quantities`).

    >>> chinese_to_number("三千零四十六"), chinese_to_number("零点五"), chinese_to_number("1.4万")
    (3046.0, 0.5, 14000.0)
    """
    value = _number(s)
    return None if value is None else float(value)


# ---------------------------------------------------------------------------------------------
# data files


def _parse_table(text: str, name: str, ncols: int) -> list[tuple[int, list[str]]]:
    """Rows of a tab-separated data file as ``(line number, fields)``; ``#`` lines are comments.

    Raises :class:`RuleFileError` naming ``name:line`` when a row has the wrong number of fields.
    """
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != ncols or not all(fields):
            raise RuleFileError(
                f"{name}:{lineno}: expected {ncols} non-empty tab-separated fields, got {line!r}"
            )
        rows.append((lineno, fields))
    return rows


def _read_data_table(name: str, ncols: int) -> list[tuple[int, list[str]]]:
    """Read ``speechkit/data/<name>`` (UTF-8) and parse it with :func:`_parse_table`."""
    try:
        text = (resources.files("speechkit") / "data" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{name}: cannot be read: {exc}") from exc
    return _parse_table(text, name, ncols)


@dataclass(frozen=True)
class UnitInfo:
    """What a unit measures and how it converts: ``1 unit = factor × base``.

    ``scale`` is the magnitude prefix of a generated unit (万 in 万元), None for a listed one.

    >>> unit_info("亿元")
    UnitInfo(unit='亿元', dimension='money', factor=100000000.0, base='元', scale='亿')
    """

    unit: str
    dimension: str
    factor: float
    base: str
    scale: str | None = None


@dataclass(frozen=True)
class _UnitTable:
    units: dict[str, tuple[UnitInfo, Decimal]]
    pattern: str  # regex alternation (a trie) of every unit, longest match first


def _parse_factor(raw: str, where: str) -> Decimal:
    try:
        if "/" in raw:
            num, den = raw.split("/", 1)
            value = Decimal(num) / Decimal(den)
        else:
            value = Decimal(raw)
    except (InvalidOperation, ArithmeticError) as exc:
        raise RuleFileError(f"{where}: factor {raw!r} is not a number") from exc
    if not value.is_finite() or value <= 0:
        raise RuleFileError(f"{where}: factor {raw!r} must be a positive number")
    return value


def _build_unit_table(rows: list[tuple[int, list[str]]], name: str) -> _UnitTable:
    listed: dict[str, tuple[UnitInfo, Decimal, bool]] = {}
    for lineno, (unit, dimension, factor_raw, base, scalable) in rows:
        where = f"{name}:{lineno}"
        if unit in listed:
            raise RuleFileError(f"{where}: unit {unit!r} is listed twice")
        if scalable not in ("y", "n"):
            raise RuleFileError(f"{where}: scalable must be 'y' or 'n', got {scalable!r}")
        factor = _parse_factor(factor_raw, where)
        listed[unit] = (UnitInfo(unit, dimension, float(factor), base), factor, scalable == "y")
    for lineno, (unit, _dimension, _factor, base, _scalable) in rows:
        if base not in listed or listed[base][1] != 1:
            raise RuleFileError(f"{name}:{lineno}: base {base!r} of {unit!r} is not listed with factor 1")
    units: dict[str, tuple[UnitInfo, Decimal]] = {}
    for unit, (info, factor, scalable) in listed.items():
        if not scalable:
            continue
        for scale, mult in _SCALES.items():
            composite = scale + unit
            if composite not in listed:
                f = factor * mult
                units[composite] = (UnitInfo(composite, info.dimension, float(f), info.base, scale), f)
    for unit, (info, factor, _scalable) in listed.items():
        units[unit] = (info, factor)
    return _UnitTable(units, _trie_regex(units))


def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation matching any of ``words``, preferring the longest (built as a trie)."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) == 1 and len(body) == 1 else f"(?:{body})") + "?"
        return body

    return build(trie)


@functools.cache
def _unit_table() -> _UnitTable:
    return _build_unit_table(_read_data_table("units.tsv", 5), "units.tsv")


def unit_info(unit: str) -> UnitInfo | None:
    """The :class:`UnitInfo` of ``unit`` (listed in units.tsv or a scaled form such as 万亿斤), or None.

    >>> unit_info("万亩").dimension
    'area'
    """
    entry = _unit_table().units.get(unit.translate(_FOLD))
    return entry[0] if entry else None


def to_base(value: float, unit: str) -> tuple[float, str] | None:
    """``value`` in ``unit`` expressed in the unit's base; None for a unit units.tsv does not know.

    >>> to_base(1.5, "亿元"), to_base(3000, "万元"), to_base(5.5, "%")
    ((150000000.0, '元'), (30000000.0, '元'), (5.5, '%'))
    """
    entry = _unit_table().units.get(unit.translate(_FOLD))
    if entry is None:
        return None
    info, factor = entry
    result = Decimal(repr(float(value))) * factor
    return float(result.quantize(Decimal(1)) if result == result.to_integral_value() else result), info.base


# ---------------------------------------------------------------------------------------------
# quantities


@dataclass(frozen=True)
class Quantity:
    """A number with its unit and comparator, found in a sentence.

    ``text == sentence[start:end]``; the span includes a comparator written next to the number
    (不低于5%, 6%左右, 3000多万人) but not the verb (增长7.5% → 7.5%).

    ``value`` is in the magnitude of the stated ``unit``: 1.4万亿斤 → 1.4 万亿斤; 3000多万人 → 3000
    万人; 5.5% and 百分之五点五 → 5.5 %. A number with a magnitude but no unit folds it into the value
    (1.4万 → 14000, unit None). ``scale_unit`` is the magnitude prefix of the unit (万亿 in 万亿斤,
    亿 in 亿元), None when there is none. :attr:`base_value` / :attr:`base_unit` convert through
    units.tsv (3000万人 → 30000000 人).

    ``comparator``: 左右 (左右, 上下, 约), 以上 (以上, 多, 余, 超过, 突破, 逾), 不低于 (不低于,
    不少于, 至少), 以内 (以内, 以下, 低于), 不超过 (不超过, 不高于, 最多), 区间 (4.5%至5%, 4.5-5%,
    with ``value_high``), or None.

    >>> q = find_quantities("力争粮食产量保持在1.4万亿斤以上")[0]
    >>> (q.text, q.value, q.unit, q.comparator, q.scale_unit, q.base_value, q.base_unit)
    ('1.4万亿斤以上', 1.4, '万亿斤', '以上', '万亿', 700000000000.0, '千克')
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    comparator: str | None
    value_high: float | None = None
    scale_unit: str | None = None

    @property
    def base_value(self) -> float | None:
        """``value`` converted to the unit's base (None without a unit)."""
        if self.unit is None:
            return self.value
        converted = to_base(self.value, self.unit)
        return converted[0] if converted else None

    @property
    def base_unit(self) -> str | None:
        """The base unit of ``unit`` in units.tsv (元 for 亿元, 千克 for 万吨), None without a unit."""
        info = unit_info(self.unit) if self.unit else None
        return info.base if info else None

    @property
    def dimension(self) -> str | None:
        """What ``unit`` measures (money, people, percent …), None without a unit."""
        info = unit_info(self.unit) if self.unit else None
        return info.dimension if info else None


_PRE_COMPARATOR = {
    "不低于": "不低于", "不少于": "不低于", "不小于": "不低于", "至少": "不低于", "最少": "不低于",
    "最低": "不低于",
    "不超过": "不超过", "不高于": "不超过", "不多于": "不超过", "不大于": "不超过", "最多": "不超过",
    "最高": "不超过",
    "超过": "以上", "高于": "以上", "大于": "以上", "多于": "以上", "逾": "以上", "突破": "以上",
    "低于": "以内", "小于": "以内", "少于": "以内",
    "大约": "左右", "约": "左右",
}  # fmt: skip
_POST_COMPARATOR = {
    "以上": "以上",
    "以下": "以内",
    "以内": "以内",
    "之内": "以内",
    "左右": "左右",
    "上下": "左右",
}
_RANGE_SEP = r"(?:至|到|-{1,2}|~)"

# Set phrases where a numeral and a classifier are no quantity.
_IDIOMS = re.compile(
    r"两度|三番五次|十万火急|一次性|二次|四周|五位一体|两头|三五成群|四面八方|五湖四海|七上八下|九牛一毛"
    r"|三令五申|三天两头|两手抓|两条腿|十全十美|百年"
)


@functools.cache
def _quantity_re() -> re.Pattern[str]:
    units = _unit_table().pattern
    scales = "|".join(sorted(_SCALES, key=len, reverse=True))
    pre = "|".join(k for k in sorted(_PRE_COMPARATOR, key=len, reverse=True) if k != "约")
    post = "|".join(sorted(_POST_COMPARATOR, key=len, reverse=True)).replace(
        "上下", "上下(?!游|功夫|联动|贯通|一心)"
    )
    # every character a quantity can begin with (comparator, 百分之/千分之, digit, numeral): the lookahead
    # lets the scan skip the places no match can start at (speed; the same matches)
    first = "".join(sorted({k[0] for k in _PRE_COMPARATOR} | set("百千0123456789" + _CN_FIRST)))
    return re.compile(
        rf"(?=[{first}])"
        rf"(?P<pre>{pre}|(?<![制节公签预契隐俭])约)?"
        r"(?:"
        rf"(?P<pct>百分之|千分之)(?P<pnum>{_ARABIC}|[{_CN_NUM_CHARS}]+{_CN_FRAC})"
        r"|"
        rf"(?:(?P<ar>(?<![0-9A-Za-z.第]){_ARABIC})"
        rf"|(?P<cn>(?<![第{_CN_NUM_CHARS}])[{_CN_FIRST}][{_CN_NUM_CHARS}]*{_CN_FRAC}))"
        r"(?P<more>多|余)?"
        rf"(?:(?P<unit>{units})(?!(?<=周)年|(?<=年)代)|(?P<scale>{scales})(?:(?P<more2>多|余)(?P<unit2>{units})?)?)?"
        r")"
        rf"(?P<post>{post})?"
    )


@dataclass
class _Raw:
    start: int
    end: int
    value: Decimal
    unit: str | None
    comparator: str | None
    numeral: str  # the number as written, for the filters
    chinese: bool
    scale: str | None  # a magnitude folded into value (万 of 1.4万), None when there is a unit
    pre: str | None
    post: str | None


def _raw_tokens(folded: str) -> list[_Raw]:
    table = _unit_table().units
    out = []
    for m in _quantity_re().finditer(folded):
        pre, post, more, more2, unit, magnitude, unit2, pct, pnum, ar, cn = m.group(
            "pre", "post", "more", "more2", "unit", "scale", "unit2", "pct", "pnum", "ar", "cn"
        )
        more = more or more2
        if magnitude and unit2:
            if magnitude + unit2 in table:  # 1.5万余家 = 1.5 万家 以上
                unit, magnitude = magnitude + unit2, None
        scale: str | None = None
        if pct:
            numeral, chinese = pnum, not pnum[0].isdigit()
            value = _number(numeral)
            unit = "%" if pct == "百分之" else "‰"
        else:
            numeral = ar or cn
            chinese = cn is not None
            if chinese and unit:
                # 三千万人 → 三千 万人, like 3000万人
                for trailing in _TRAILING_SCALES:
                    if (
                        numeral.endswith(trailing)
                        and len(numeral) > len(trailing)
                        and trailing + unit in table
                    ):
                        numeral, unit = numeral[: -len(trailing)], trailing + unit
                        break
            value = _number(numeral)
            if chinese and unit is None:
                scale = next((s for s in _TRAILING_SCALES if numeral.endswith(s) and numeral != s), None)
            if value is not None and magnitude:
                scale = magnitude
                value *= _SCALES[scale]
        if value is None:
            continue
        comparator = None
        if post:
            comparator = _POST_COMPARATOR[post]
        elif pre:
            comparator = _PRE_COMPARATOR[pre]
        elif more:
            comparator = "以上"
        out.append(_Raw(m.start(), m.end(), value, unit, comparator, numeral, chinese, scale, pre, post))
    return out


_SEP_RE = re.compile(_RANGE_SEP)


def _merge_ranges(folded: str, raws: list[_Raw]) -> list[tuple[_Raw, Decimal | None]]:
    table = _unit_table().units
    merged: list[tuple[_Raw, Decimal | None]] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        if i + 1 < len(raws) and a.post is None:
            b = raws[i + 1]
            sep = _SEP_RE.fullmatch(folded, a.end, b.start)
            if sep and b.pre is None and b.unit is not None:
                high: Decimal | None = None
                unit, value = a.unit, a.value
                if a.unit is None and a.scale is None:
                    unit = b.unit  # 4.5-5%: the first number takes the unit of the second
                elif a.unit is None and a.scale is not None:
                    # 5000万至1亿元: the first number's magnitude goes onto the second's plain unit
                    info_b = table[b.unit][0]
                    plain = b.unit[len(info_b.scale) :] if info_b.scale else b.unit
                    if a.scale + plain in table:
                        unit, value = a.scale + plain, a.value / _SCALES[a.scale]
                if unit is not None:
                    (ia, fa), (ib, fb) = table[unit], table[b.unit]
                    if ia.base == ib.base:
                        high = b.value * fb / fa
                if high is not None and unit is not None:
                    r = _Raw(a.start, b.end, value, unit, "区间", a.numeral, a.chinese, None, a.pre, b.post)
                    merged.append((r, high))
                    i += 2
                    continue
        merged.append((a, None))
        i += 1
    return merged


def _keep(raw: _Raw, idiom_spans: list[tuple[int, int]]) -> bool:
    if raw.unit is None:
        return raw.scale is not None
    if raw.unit == "年" and raw.value >= 100:
        return False  # 2024年 is a date
    if raw.chinese:
        if raw.numeral in ("一", "壹") and raw.unit[0] not in "%‰":
            return False  # 一个, 一项, 一年来: an article, not a count
        if any(s < raw.end and raw.start < e for s, e in idiom_spans):
            return False
    return True


def find_quantities(text: str) -> list[Quantity]:
    """All quantities in ``text`` with character offsets: ``text[q.start:q.end] == q.text``.

    Arabic numbers (1,200 / １２３ / 1.4万) with a unit or a magnitude, Chinese numerals with a unit
    (三千多万人, 两所) or a magnitude, percentages (5.5%, 百分之五点五), ranges (4.5%至5%, 4.5-5%).
    Not reported: bare numbers without unit, years (2024年, 2018—2020年; a number of 年 counts
    only below 100: 5年内 → 5 年), section markers (一、 （二） 1.), ordinals (第一), 一 + classifier
    (一个, 一项), set phrases (三番五次).

    >>> [(q.text, q.value, q.unit) for q in find_quantities("新增就业1,200万人以上，脱贫3000多万人")]
    [('1,200万人以上', 1200.0, '万人'), ('3000多万人', 3000.0, '万人')]
    >>> q = find_quantities("国内生产总值增长4.5%至5%")[0]
    >>> (q.value, q.value_high, q.unit, q.comparator)
    (4.5, 5.0, '%', '区间')
    """
    if not text:
        return []
    folded = fold(text)
    raws = _raw_tokens(folded)
    if not raws:
        return []
    idioms = [m.span() for m in _IDIOMS.finditer(folded)]
    table = _unit_table().units
    out = []
    for raw, high in _merge_ranges(folded, raws):
        if not _keep(raw, idioms):
            continue
        scale = table[raw.unit][0].scale if raw.unit in table else None
        out.append(
            Quantity(
                start=raw.start,
                end=raw.end,
                text=text[raw.start : raw.end],
                value=float(raw.value),
                unit=raw.unit,
                comparator=raw.comparator,
                value_high=None if high is None else float(high),
                scale_unit=scale,
            )
        )
    return out
