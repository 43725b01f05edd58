"""Word's automatic list numbering (``word/numbering.xml``) rendered as Word displays it.

The XML of a numbered paragraph only says "numId 3, level 1"; the text a person sees starts with
"一、", "（一）", "1." or "①". :class:`Numbering` keeps the counters per list and level (restarts,
start overrides, style links) and :func:`format_number` spells a counter in one of Word's number
formats (decimal, chineseCounting, ideographTraditional, decimalEnclosedCircle …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_TRAD = "零壹貳參肆伍陸柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """Write ``n`` in Chinese counting style (十一, 二十, 一百零一, 一万零五).

    >>> [chinese_number(n) for n in (1, 10, 11, 20, 101, 110, 1001, 10005)]
    ['一', '十', '十一', '二十', '一百零一', '一百一十', '一千零一', '一万零五']
    """
    if n <= 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        head = chinese_number(high, digits, units) + "万"
        if low == 0:
            return head
        return head + (digits[0] if low < 1000 else "") + _below_10000(low, digits, units, lead=False)
    return _below_10000(n, digits, units, lead=True)


def _below_10000(n: int, digits: str, units: str, *, lead: bool) -> str:
    out = []
    places = [(1000, units[2]), (100, units[1]), (10, units[0]), (1, "")]
    zero_pending = False
    started = False
    for value, unit in places:
        d, n = divmod(n, value)
        if d == 0:
            if started:
                zero_pending = True
            continue
        if zero_pending:
            out.append(digits[0])
            zero_pending = False
        if not (lead and not started and value == 10 and d == 1):
            out.append(digits[d])
        out.append(unit)
        started = True
    return "".join(out)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    vals = (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    )
    out = []
    for v, s in vals:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: 27 -> "aa", 28 -> "bb".
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _circled(n: int) -> str:
    if 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if 21 <= n <= 35:
        return chr(0x3251 + n - 21)
    if 36 <= n <= 50:
        return chr(0x32B1 + n - 36)
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """Render counter ``n`` in Word's ``w:numFmt`` ``fmt``.

    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "ideographTraditional",
    ...                                "decimalEnclosedCircle", "upperRoman", "lowerLetter")]
    ['3', '三', '丙', '③', 'III', 'c']
    """
    if fmt in ("decimal", "arabicAbjad", "ordinal", "cardinalText", "ordinalText"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "japaneseCounting",
        "koreanCounting",
    ):
        return chinese_number(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand", "koreanDigital"):
        return "".join("〇" if d == "0" else _CN_DIGITS[int(d)] for d in str(max(n, 0)))
    if fmt == "chineseLegalSimplified":
        return chinese_number(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return chinese_number(n, _CN_LEGAL_TRAD, "拾佰仟")
    if fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12] if n > 0 else str(n)
    if fmt == "ideographZodiacTraditional":
        return (_STEMS[(n - 1) % 10] + _BRANCHES[(n - 1) % 12]) if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _circled(n)
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalHalfWidth":
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart (1-based level), 0 = never restart
    is_lgl: bool = False
    suff: str = "tab"
    pstyle: str | None = None


@dataclass
class _Num:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, _Level] = field(default_factory=dict)


_PUA_BULLET = re.compile(r"[\uf000-\uf0ff]")
_CJK_CLOSE = frozenset("、，。．：；）】〕」』”")


class Numbering:
    """Word's automatic list numbering: definitions from numbering.xml, counters per numId.

    >>> numbering = Numbering(None, {})
    >>> numbering.label("1", 0)
    ''
    """

    def __init__(self, root: etree._Element | None, styles: dict[str, Style], ns: str = W_NS) -> None:
        self._w = ns
        self._styles = styles
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is not None:
            self._parse(root)

    def _q(self, tag: str) -> str:
        return f"{{{self._w}}}{tag}"

    def _val(self, el: etree._Element | None, child: str) -> str | None:
        if el is None:
            return None
        c = el.find(self._q(child))
        return None if c is None else c.get(self._q("val"))

    def _level(self, lvl: etree._Element) -> _Level:
        level = _Level()
        start = self._val(lvl, "start")
        if start is not None and start.lstrip("-").isdigit():
            level.start = int(start)
        level.fmt = self._val(lvl, "numFmt") or "decimal"
        level.text = self._val(lvl, "lvlText")
        restart = self._val(lvl, "lvlRestart")
        if restart is not None and restart.isdigit():
            level.restart = int(restart)
        is_lgl = lvl.find(self._q("isLgl"))
        level.is_lgl = is_lgl is not None and is_lgl.get(self._q("val"), "true") not in ("0", "false")
        level.suff = self._val(lvl, "suff") or "tab"
        level.pstyle = self._val(lvl, "pStyle")
        return level

    @staticmethod
    def _ilvl(value: str | None) -> int | None:
        return int(value) if value is not None and value.isdigit() and int(value) < 10 else None

    def _parse(self, root: etree._Element) -> None:
        for absn in root.iter(self._q("abstractNum")):
            aid = absn.get(self._q("abstractNumId"))
            if aid is None:
                continue
            levels: dict[int, _Level] = {}
            for lvl in absn.findall(self._q("lvl")):
                ilvl = self._ilvl(lvl.get(self._q("ilvl")))
                if ilvl is not None:
                    levels[ilvl] = self._level(lvl)
            self.abstracts[aid] = levels
            link = self._val(absn, "numStyleLink")
            if link:
                self.abstract_style_link[aid] = link
        for num in root.iter(self._q("num")):
            nid = num.get(self._q("numId"))
            aid = self._val(num, "abstractNumId")
            if nid is None or aid is None:
                continue
            entry = _Num(aid)
            for ov in num.findall(self._q("lvlOverride")):
                ilvl = self._ilvl(ov.get(self._q("ilvl")))
                if ilvl is None:
                    continue
                so = self._val(ov, "startOverride")
                if so is not None and so.lstrip("-").isdigit():
                    entry.start_overrides[ilvl] = int(so)
                lvl = ov.find(self._q("lvl"))
                if lvl is not None:
                    entry.level_overrides[ilvl] = self._level(lvl)
            self.nums[nid] = entry

    def levels(self, num_id: str, _depth: int = 0) -> dict[int, _Level]:
        """The effective level definitions of list ``num_id`` (overrides applied)."""
        num = self.nums.get(num_id)
        if num is None:
            return {}
        levels = dict(self.abstracts.get(num.abstract_id, {}))
        link = self.abstract_style_link.get(num.abstract_id)
        if link and _depth < 5:
            style = self._styles.get(link)
            if style is not None and style.num_id and style.num_id != num_id:
                linked = self.levels(style.num_id, _depth + 1)
                levels = {**linked, **levels} if levels else linked
        levels.update(num.level_overrides)
        return levels

    def _start(self, num_id: str, levels: dict[int, _Level], ilvl: int) -> int:
        num = self.nums.get(num_id)
        if num is not None and ilvl in num.start_overrides:
            return num.start_overrides[ilvl]
        level = levels.get(ilvl)
        return level.start if level is not None else 1

    def level_for_style(self, num_id: str, style_id: str) -> int:
        """The list level a paragraph style is linked to (``w:lvl/w:pStyle``), default 0."""
        for ilvl, level in self.levels(num_id).items():
            if level.pstyle == style_id:
                return ilvl
        return 0

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of ``(num_id, ilvl)`` and return the rendered label with suffix.

        The suffix is a space, except after closing CJK punctuation ("一、", "（一）") where the
        text follows directly.
        """
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self._start(num_id, levels, ilvl)
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            bullet = _PUA_BULLET.sub("•", level.text or "•")
            return bullet + (" " if bullet and level.suff != "nothing" else "")
        template = level.text if level.text is not None else f"%{ilvl + 1}."

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            n = counters.get(k, self._start(num_id, levels, k))
            lv = levels.get(k)
            fmt = "decimal" if level.is_lgl else (lv.fmt if lv is not None else "decimal")
            return format_number(n, fmt)

        text = re.sub(r"%([1-9])", value, template)
        if not text or level.suff == "nothing" or text[-1] in _CJK_CLOSE:
            return text
        return text + " "


# --------------------------------------------------------------------------- styles


@dataclass
class Style:
    """What a paragraph style says about numbering: its parent style and its list (numId, level)."""

    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None


def parse_styles(root: etree._Element | None, ns: str) -> dict[str, Style]:
    """The styles of ``word/styles.xml`` that carry or inherit list numbering."""
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    q = lambda t: f"{{{ns}}}{t}"  # noqa: E731
    for st in root.iter(q("style")):
        sid = st.get(q("styleId"))
        if sid is None:
            continue
        style = Style()
        based = st.find(q("basedOn"))
        if based is not None:
            style.based_on = based.get(q("val"))
        num_pr = st.find(f"{q('pPr')}/{q('numPr')}")
        if num_pr is not None:
            nid = num_pr.find(q("numId"))
            lvl = num_pr.find(q("ilvl"))
            if nid is not None:
                style.num_id = nid.get(q("val"))
            if lvl is not None and (lvl.get(q("val")) or "").isdigit():
                style.ilvl = int(lvl.get(q("val")) or 0)
        styles[sid] = style
    return styles


# --------------------------------------------------------------------------- document walk
