"""Indicator statements: which indicator a clause gives a value for, and whether that value is a level or a change.

A work report states its targets (国内生产总值增长5%左右；城镇新增就业1200万人以上) and, a year later, its
results (国内生产总值达到134.9万亿元、增长5%) in the same clause shape: an indicator name, a verb, a
number. :func:`statements` reads those clauses in a stretch of text and returns one
:class:`Statement` per (indicator, value):

- the indicator is a name from ``data/indicators.tsv`` (synonyms fold to one id), made narrower by a
  qualifier right before it (农村 + 居民人均可支配收入 → 农村居民人均可支配收入, 规上 + 工业增加值 →
  规模以上工业增加值), distributed over a coordination (城镇、农村居民人均可支配收入分别…, 一、二、三产增加值…;
  城乡…分别 → 城镇 and 农村), and dropped where the name is part of another measure (人均地区生产总值,
  占地区生产总值比重, 经济增长的贡献率);
- the measure is ``level`` (1256万人, 1.4万亿斤, 失业率5.1%), ``change`` (增长5%, 下降2.7%, 降幅3%: a signed
  percentage) or ``pp`` (提高1.5个百分点); a change stated in another unit (比上年增加1800亿元) is an
  increment and no statement;
- a value whose clause names a period other than the year (年均, 累计, 一季度, 2010年的…) is left out,
  and so is a value separated from the indicator by words naming something else.

The cue words are data: ``data/follow_cues.tsv``.

>>> [(s.indicator, s.measure, s.value, s.unit, s.comparator) for s in statements("国内生产总值达到134.9万亿元、增长5%。")]
[('国内生产总值', 'level', 134.9, '万亿元', None), ('国内生产总值', 'change', 5.0, '%', None)]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

from ..errors import RuleFileError
from ..extraction.numbers import Quantity, find_quantities, to_base, unit_info

__all__ = ["Lexicon", "Statement", "lexicon", "statements"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_SEPARATORS = "、和及与"
_CLAUSE_END = "，,；;。：:！？\n"
_YEAR = re.compile(r"((?:19|20)\d\d)年")
_FLIP = {"以上": "以内", "不低于": "不超过", "以内": "以上", "不超过": "不低于"}
_DIRECTIONS = ("up", "down", "-")


@dataclass(frozen=True)
class Lexicon:
    """Indicator names and cue words, loaded once from ``indicators.tsv`` and ``follow_cues.tsv``."""

    names: dict[str, str]  # surface form → indicator id
    directions: dict[str, tuple[str, str]]  # id → (level direction, change direction)
    name_re: re.Pattern[str]
    qualifiers: dict[str, str]  # surface → canonical qualifier
    splits: dict[str, tuple[str, ...]]
    neutral: tuple[str, ...]
    block_pre: tuple[str, ...]
    block_post: tuple[str, ...]
    rate_nouns: dict[str, int]  # noun → sign
    up: tuple[str, ...]
    down: tuple[str, ...]
    known_re: re.Pattern[str]  # every cue and filler word, longest first
    skip: tuple[str, ...]

    def direction(self, indicator: str, measure: str) -> str:
        """Which way ``measure`` of ``indicator`` is good (a qualified id takes its base's direction)."""
        dirs = self.directions.get(indicator)
        if dirs is None:
            base = next((i for i in self.directions if indicator.endswith(i)), None)
            dirs = self.directions[base] if base else ("-", "-")
        return dirs[0] if measure == "level" else dirs[1]


def _rows(name: str, ncols: int) -> list[tuple[int, list[str]]]:
    try:
        text = (resources.files("speechkit") / "data" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"{name}: cannot be read: {exc}") from exc
    rows = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != ncols or not all(fields):
            raise RuleFileError(
                f"{name}:{lineno}: expected {ncols} non-empty tab-separated fields, got {line!r}"
            )
        rows.append((lineno, fields))
    return rows


def _alternation(words: set[str] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.cache
def lexicon() -> Lexicon:
    """The indicator lexicon and cue words (cached; a malformed line raises :class:`RuleFileError`).

    >>> lexicon().names["地区生产总值"], lexicon().direction("城镇调查失业率", "level")
    ('国内生产总值', 'down')
    """
    names: dict[str, str] = {}
    directions: dict[str, tuple[str, str]] = {}
    for lineno, (ident, level, change, synonyms) in _rows("indicators.tsv", 4):
        where = f"indicators.tsv:{lineno}"
        if level not in _DIRECTIONS or change not in _DIRECTIONS:
            raise RuleFileError(f"{where}: directions must be up, down or -, got {level!r} {change!r}")
        if ident in directions:
            raise RuleFileError(f"{where}: indicator {ident!r} is listed twice")
        directions[ident] = (level, change)
        for syn in {ident, *synonyms.split("|")}:
            if syn in names and names[syn] != ident:
                raise RuleFileError(f"{where}: {syn!r} is already a name of {names[syn]!r}")
            names[syn] = ident
    cues: dict[str, dict[str, str]] = {}
    kinds = (
        "qualifier",
        "split",
        "neutral",
        "block_pre",
        "block_post",
        "rate_noun",
        "up",
        "down",
        "filler",
        "skip",
    )
    for lineno, (kind, word, value) in _rows("follow_cues.tsv", 3):
        if kind not in kinds:
            raise RuleFileError(f"follow_cues.tsv:{lineno}: unknown kind {kind!r} (expected one of {kinds})")
        if kind == "rate_noun" and value not in ("up", "down"):
            raise RuleFileError(f"follow_cues.tsv:{lineno}: a rate_noun needs up or down, got {value!r}")
        cues.setdefault(kind, {})[word] = value
    get = cues.get
    known = {w for k in ("neutral", "filler", "rate_noun", "up", "down") for w in get(k, {})}
    return Lexicon(
        names=names,
        directions=directions,
        name_re=re.compile(_alternation(list(names)), re.IGNORECASE),
        qualifiers=dict(get("qualifier", {})),
        splits={w: tuple(v.split("|")) for w, v in get("split", {}).items()},
        neutral=tuple(sorted(get("neutral", {}), key=len, reverse=True)),
        block_pre=tuple(get("block_pre", {})),
        block_post=tuple(get("block_post", {})),
        rate_nouns={w: (1 if v == "up" else -1) for w, v in get("rate_noun", {}).items()},
        up=tuple(get("up", {})),
        down=tuple(get("down", {})),
        known_re=re.compile(_alternation(known)),
        skip=tuple(get("skip", {})),
    )


@dataclass(frozen=True)
class Statement:
    """One value stated for one indicator: ``text[start:end]`` runs from the indicator name to the value.

    ``value``/``value_high`` are signed for a change (下降2.7% → −2.7) and in the unit as written;
    ``comparator`` is turned round with the sign (降低2.5%以上 → −2.5, 以内). ``quantity`` is the span of
    the number itself.
    """

    indicator: str
    measure: str  # level | change | pp
    value: float
    unit: str
    comparator: str | None
    start: int
    end: int
    q_start: int
    q_end: int
    value_high: float | None = None

    @property
    def base(self) -> tuple[float, str]:
        """``value`` in the base unit of units.tsv (1.4万亿斤 → 1.4e12 斤's base)."""
        converted = to_base(self.value, self.unit)
        return converted if converted else (self.value, self.unit)

    @property
    def base_high(self) -> float | None:
        if self.value_high is None:
            return None
        converted = to_base(self.value_high, self.unit)
        return converted[0] if converted else self.value_high


@dataclass
class _Group:
    """Indicator mention(s) that the next values belong to."""

    start: int
    end: int
    members: list[str]
    whole: str | None = None  # the undivided id of a split (城乡… without 分别)
    rate: int = 0  # the name itself states a change (经济增长, 经济增速)
    values: list[tuple[Quantity, int, str, int]] = field(default_factory=list)  # q, offset, measure, sign


def _ends_with(text: str, pos: int, words: tuple[str, ...] | dict[str, str]) -> str | None:
    return next((w for w in sorted(words, key=len, reverse=True) if text.startswith(w, pos - len(w))), None)


def _mention(text: str, m: re.Match[str], lex: Lexicon, floor: int) -> _Group | None:
    """The indicator group of a name match, or None where the name is part of another measure."""
    start, end = m.span()
    ident = (
        lex.names.get(m.group(0)) or lex.names[next(k for k in lex.names if k.lower() == m.group(0).lower())]
    )
    if text.startswith(lex.block_post, end) or _ends_with(text, start, lex.block_pre):
        return None
    rate = 1 if re.search(r"增长|增速$", m.group(0)) else 0
    qual = _ends_with(text, start, lex.qualifiers) if start > floor else None
    split = _ends_with(text, start, lex.splits) if start > floor else None
    if split and (not qual or len(split) >= len(qual)):
        members = [lex.qualifiers.get(q, q) + ident for q in lex.splits[split]]
        return _Group(start - len(split), end, members, whole=ident, rate=rate)
    if qual:
        group = _Group(start - len(qual), end, [lex.qualifiers[qual] + ident], rate=rate)
        # coordinated qualifiers: 城镇、农村居民人均可支配收入
        while group.start - 1 > floor and text[group.start - 1] in _SEPARATORS:
            prev = _ends_with(text, group.start - 1, lex.qualifiers)
            if not prev:
                break
            group.members.insert(0, lex.qualifiers[prev] + ident)
            group.start -= 1 + len(prev)
    else:
        group = _Group(start, end, [ident], rate=rate)
        # coordinated heads: 一、二、三产增加值
        name = m.group(0)
        while group.start - 1 > floor and text[group.start - 1] in _SEPARATORS:
            for k in (1, 2):
                cand = text[group.start - 1 - k : group.start - 1] + name[k:]
                if group.start - 1 - k >= floor and cand in lex.names:
                    group.members.insert(0, lex.names[cand])
                    group.start -= 1 + k
                    break
            else:
                break
    before = group.start
    if before > floor and _CJK.match(text[before - 1]):
        if not (_ends_with(text, before, lex.neutral) or text[before - 1] in "年的"):
            return None  # an unknown modifier: 服务贸易进出口, 海外旅游收入 — a narrower indicator
    return group


def _strange(text: str, lex: Lexicon) -> bool:
    """True when ``text`` holds words that are neither cues nor fillers: it names another measure."""
    rest = lex.known_re.sub("", _YEAR.sub("", text))
    return len(_CJK.findall(rest)) > 1


def _measure(window: str, lex: Lexicon, rate: int) -> tuple[str | None, int]:
    """(level | change | None, sign) from the words between the indicator (or last value) and a value."""
    for noun, sign in lex.rate_nouns.items():
        if noun in window:
            return "change", sign
    best, sign = -1, 0
    for verbs, s in ((lex.up, 1), (lex.down, -1)):
        for v in verbs:
            pos = window.rfind(v)
            if pos >= 0 and pos + len(v) > best:
                best, sign = pos + len(v), s
    if best >= 0:
        if window[best : best + 1] in ("到", "至", "为"):
            return "level", 0
        return "change", sign
    if rate:
        return "change", 1
    if window.strip(_SEPARATORS + "，分别均 ") == "":
        return None, 0  # a list: the measure of the value before
    return "level", 0


def _distribute(text: str, group: _Group, offset: int, sentence_end: int) -> list[Statement]:
    if not group.values:
        return []
    runs: list[list[tuple[Quantity, int, str, int]]] = []
    for v in group.values:
        if runs and runs[-1][-1][2] == v[2]:
            runs[-1].append(v)
        else:
            runs.append([v])
    members = group.members
    if group.whole is not None:
        said = "分别" in text[group.end : group.values[-1][0].end + offset]
        if not (said or any(len(r) == len(members) for r in runs)):
            members = [group.whole]
    out = []
    for run in runs:
        if len(members) == 1:
            if len(run) > 1 and "分别" in text[group.end : run[-1][0].start + offset]:
                continue  # 分别 over values of names we could not read: whose value is whose is unknown
            pairs = [(members[0], v) for v in run]
        elif len(run) == 1:
            pairs = [(m, run[0]) for m in members]
        else:
            pairs = list(zip(members, run, strict=False))
        for ident, (q, off, measure, sign) in pairs:
            value, high, comp = q.value, q.value_high, q.comparator
            if sign < 0:
                value, high = -value, (None if high is None else -high)
                comp = _FLIP.get(comp, comp) if comp else comp
            out.append(
                Statement(
                    indicator=ident,
                    measure=measure,
                    value=value,
                    unit=q.unit or "",
                    comparator=comp,
                    start=group.start,
                    end=q.end + off,
                    q_start=q.start + off,
                    q_end=q.end + off,
                    value_high=high,
                )
            )
    return out


def _sentence_statements(text: str, s: int, e: int, year: int | None, lex: Lexicon) -> list[Statement]:
    sentence = text[s:e]
    tokens: list[tuple[int, str, object]] = []
    for m in lex.name_re.finditer(text, s, e):
        tokens.append((m.start(), "name", m))
    for q in find_quantities(sentence):
        info = unit_info(q.unit) if q.unit else None
        if info is None or info.dimension in ("time", "multiple"):
            continue
        tokens.append((q.start + s, "value", q))
    tokens.sort(key=lambda t: (t[0], t[1] == "value"))
    out: list[Statement] = []
    group: _Group | None = None
    last_end = s
    prev_measure: tuple[str, int] | None = None
    for pos, kind, obj in tokens:
        if kind == "name":
            m = obj
            assert isinstance(m, re.Match)
            if pos < last_end:
                continue  # a name inside a value already read
            new = _mention(text, m, lex, s)
            if (
                new is not None
                and group is not None
                and not group.values
                and text[group.end : new.start].strip() in tuple(_SEPARATORS)
            ):
                group.members.extend(new.members)  # 固定资产投资、社会消费品零售总额均…
                group.end = new.end
                group.whole = None
            else:
                if group is not None:
                    out += _distribute(text, group, s, e)
                group, prev_measure = new, None
            last_end = m.end()
            continue
        q = obj
        assert isinstance(q, Quantity)
        if group is None:
            continue
        window = text[last_end:pos]
        own = max(window.rfind(c) for c in _CLAUSE_END) + 1
        if _strange(window[own:], lex):
            out += _distribute(text, group, s, e)
            group = None
            continue
        clause_start = max(text.rfind(c, s, pos) for c in _CLAUSE_END) + 1
        clause = text[max(clause_start, s) : pos]
        years = {int(y) for y in _YEAR.findall(window + clause)}
        if any(w in clause or w in window for w in lex.skip) or (year and years - {year}):
            last_end = q.end + s
            continue
        after = text[q.end + s : e]
        if after.startswith("的") and _strange(
            re.split(r"[，,；;。：:、）)]", after[1:], maxsplit=1)[0][:8], lex
        ):
            last_end = q.end + s  # 过10亿元的县: a threshold describing something else
            continue
        measure, sign = _measure(window, lex, group.rate if not group.values else 0)
        if measure is None:
            if prev_measure is None:
                measure, sign = "level", 0
            else:
                measure, sign = prev_measure
        info = unit_info(q.unit or "")
        dim = info.dimension if info else None
        if measure == "change" and dim == "percentage_point":
            measure = "pp"
        elif measure == "change" and dim != "percent":
            last_end = q.end + s  # 比上年增加1800亿元: an increment, not a rate
            continue
        elif measure == "level" and dim == "percentage_point":
            last_end = q.end + s
            continue
        group.values.append((q, s, measure, sign))
        prev_measure = (measure, sign)
        last_end = q.end + s
    if group is not None:
        out += _distribute(text, group, s, e)
    return out


_SENT = re.compile(r"[^。！？!?\n]+[。！？!?]*")


def statements(
    text: str, start: int = 0, end: int | None = None, *, year: int | None = None
) -> list[Statement]:
    """Indicator statements in ``text[start:end]``, sentence by sentence, with offsets into ``text``.

    ``year``: the year the figures are for; a value whose clause names another year (由2010年的…) is
    left out.

    >>> [(s.indicator, s.measure, s.value) for s in statements("城乡居民人均可支配收入分别增长6.5%、9.4%。")]
    [('城镇居民人均可支配收入', 'change', 6.5), ('农村居民人均可支配收入', 'change', 9.4)]
    >>> [(s.indicator, s.value, s.comparator) for s in statements("单位国内生产总值能耗降低2.5%左右")]
    [('单位国内生产总值能耗', -2.5, '左右')]
    >>> statements("人均地区生产总值增长5%，对经济增长的贡献率为30%")
    []
    """
    lex = lexicon()
    end = len(text) if end is None else end
    out: list[Statement] = []
    for m in _SENT.finditer(text, start, end):
        out += _sentence_statements(text, m.start(), m.end(), year, lex)
    return out
