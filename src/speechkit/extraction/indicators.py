"""Indicator statements: which indicator a clause gives a value for, whether that value is a level, a
change or a change in percentage points, with its sign and comparator.

One vocabulary and one clause reader for the whole package: the extractor's target attributes
(:mod:`.pipeline`), report-to-report tracking (:mod:`speechkit.tracking.follow`) and the target series
(:mod:`speechkit.analysis.series`). The vocabulary is data, in ``data/indicators/``:

- ``names.tsv``: canonical name, which way a level and a change are good, synonyms (地区生产总值 ←
  国内生产总值, GDP, 经济增长 …);
- ``qualifiers.tsv``: words that make a narrower indicator (农村 + 居民人均可支配收入 → 农村居民人均可支配收入,
  规上 + 工业增加值 → 规模以上工业增加值), the budget scope (区本级), and 城乡 = 城镇|农村;
- ``cues.tsv``: the words of the clause (增长/下降, 增速/降幅, fillers, other periods, predicates that end a
  name, comparators written before a number such as 控制在 and 超, words dropped from a name);
- ``non_names.txt``: bare verbs that name no indicator (完成, 新建 …).

:func:`parse_statement` reads "indicator + value" clauses and returns one :class:`Statement` per
(indicator, value):

- the indicator is a vocabulary name made narrower by a qualifier right before it, distributed over a
  coordination (城镇、农村居民人均可支配收入分别…, 一、二、三产增加值…; 城乡…分别 → 城镇 and 农村), and
  dropped where the name is part of another measure (人均地区生产总值, 占地区生产总值比重);
- the measure is ``level`` (1256万人, 失业率5.1%), ``change`` (增长5%, 下降2.7%, 降幅3%: signed) or
  ``points`` (提高1.5个百分点);
- ``value``/``value_high`` are signed (下降2.7% → −2.7) and the comparator turns round with the sign so it
  reads on the signed value (降低2.5%以上 → −2.5 以内: at most −2.5);
- comparators: 左右, 以上, 以内, 不低于, 不超过, 区间 from the number (:mod:`.numbers`), plus 控制在/压缩到
  before a number (→ 以内) and 超 (→ 以上).

By default only vocabulary indicators and annual figures are read (what tracking compares);
``all_values=True`` (the extractor) reads every value of the clause: values of other periods, changes in
any unit (比上年增加1800亿元 → change +1800 亿元), and values of indicators outside the vocabulary, named
by the words before them as written (``indicator`` None).

>>> [(s.indicator, s.measure, s.value, s.unit, s.comparator) for s in parse_statement("国内生产总值达到134.9万亿元、增长5%。")]
[('地区生产总值', 'level', 134.9, '万亿元', None), ('地区生产总值', 'change', 5.0, '%', None)]
>>> [(s.name, s.measure, s.value, s.comparator) for s in parse_statement("城镇新增就业1200万人以上，单位GDP能耗降低2.5%左右")]
[('城镇新增就业', 'level', 1200.0, '以上'), ('单位GDP能耗', 'change', -2.5, '左右')]
>>> canonical_indicator("规上工业增加值"), canonical_indicator("城镇常住居民人均可支配收入")
('规模以上工业增加值', '城镇居民人均可支配收入')
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

from ..errors import RuleFileError
from .numbers import Quantity, _trie_regex, find_quantities, to_base, unit_info

__all__ = [
    "MEASURES",
    "Statement",
    "Vocabulary",
    "canonical_indicator",
    "clean_name",
    "format_value",
    "parse_statement",
    "vocabulary",
]

MEASURES = ("level", "change", "points")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SEPARATORS = "、和及与"
_CLAUSE_END = "，,；;。：:！？\n"
_CLAUSE_END_RE = re.compile(f"[{_CLAUSE_END}]")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
COMPARATOR_FLIP = {"以上": "以内", "不低于": "不超过", "以内": "以上", "不超过": "不低于"}
"""A comparator read on a signed fall, as the report words it on the fall's size (下降2.5%以上 = −2.5 以内)."""
_FLIP = COMPARATOR_FLIP
_DIRECTIONS = ("up", "down", "-")
_QUALIFIER_KINDS = ("narrow", "scope", "split")
_CUE_KINDS = (
    "neutral",
    "block_pre",
    "block_post",
    "rate_noun",
    "up",
    "down",
    "filler",
    "skip",
    "predicate",
    "comparator",
    "strip",
    "strip_end",
    "action",
)
# nouns that hold a verb of a predicate: 增加值 is no 增加, 增长率 no 增长
_NOUNS = re.compile(r"增加值|增长率|增长点|增长极|下降率|增速|增幅|涨幅|降幅")
# list markers and joiners before a name: （10）, 9., 一、, ——, 、, 的
_MARKER = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+[、是]|——|[-、，,的])+"
)
_LIST_MARK = re.compile(r"[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]")
# words that end a name's clause before its value: 较2023年, 比上年末, 每年, 为
_TRAIL = re.compile(
    r"(?:(?:较|比)(?:上年|去年|(?:19|20)\d\d年)(?:末|底|同期)?|同比|每年|年均|分别|均|为|是|要|达)+$"
)
# words that open a target clause before its indicator (确保…, 到2025年…, 其中…)
_LEAD = re.compile(
    r"^(?:确保|力争|努力|要|争取|全力|力求|实现|其中|并|且|同时|预计|"
    r"(?:到|至|在)?(?:(?:19|20)\d\d年|今年|年内|明年|本年)(?:底|末)?(?:前|时)?|每年|全年|今年|年内|年底前)+"
)


@dataclass(frozen=True)
class Vocabulary:
    """The indicator vocabulary and cue words, loaded once from ``data/indicators/``."""

    names: dict[str, str]  # surface form → canonical name
    directions: dict[str, tuple[str, str]]  # canonical → (level direction, change direction)
    name_re: re.Pattern[str]
    qualifiers: dict[str, str]  # surface → canonical qualifier (narrow and scope)
    scope: frozenset[str]  # canonical qualifiers of kind scope
    splits: dict[str, tuple[str, ...]]
    neutral: tuple[str, ...]
    block_pre: tuple[str, ...]
    block_post: tuple[str, ...]
    rate_nouns: dict[str, int]  # noun → sign
    up: tuple[str, ...]
    down: tuple[str, ...]
    known_re: re.Pattern[str]  # every cue and filler word, longest first
    skip: tuple[str, ...]
    predicates: tuple[str, ...]
    comparators: dict[str, str]
    strip: tuple[str, ...]
    strip_end: tuple[str, ...]
    non_names: frozenset[str]
    actions: frozenset[str] = frozenset()  # 新增|3个|电商产业园: the counted thing follows the count

    def direction(self, indicator: str, measure: str) -> str:
        """Which way ``measure`` of ``indicator`` is good: up, down or - (a qualified name takes its
        base's direction).

        >>> vocabulary().direction("城镇调查失业率", "level"), vocabulary().direction("农村居民人均可支配收入", "change")
        ('down', 'up')
        """
        dirs = self.directions.get(indicator)
        if dirs is None:
            base = next((i for i in self.directions if indicator.endswith(i)), None)
            dirs = self.directions[base] if base else ("-", "-")
        return dirs[0] if measure == "level" else dirs[1]


def _read(name: str) -> str:
    try:
        return (resources.files("speechkit") / "data" / "indicators" / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(f"indicators/{name}: cannot be read: {exc}") from exc


def _rows(name: str, ncols: int) -> list[tuple[int, list[str]]]:
    rows = []
    for lineno, line in enumerate(_read(name).splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [unicodedata.normalize("NFKC", f.strip()) for f in line.split("\t")]
        if len(fields) != ncols or not all(fields):
            raise RuleFileError(
                f"indicators/{name}:{lineno}: expected {ncols} non-empty tab-separated fields, got {line!r}"
            )
        rows.append((lineno, fields))
    return rows


def _alternation(words: set[str] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _longest_first(words: set[str] | list[str], flags: int = 0) -> str:
    """Any of ``words``, the longest where several begin at one place: the matches of
    :func:`_alternation`, written as a trie (one step per character instead of one try per word).

    Under IGNORECASE two words whose openings differ only in case would make two branches match one
    character, where the trie could prefer the shorter word: those keep the alternation.
    """
    if flags & re.IGNORECASE:
        openings = {w[:k] for w in words for k in range(1, len(w) + 1)}
        if len({o.lower() for o in openings}) < len(openings):
            return _alternation(words)
    return _trie_regex(words)


def _by_length(words: object) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


@functools.cache
def vocabulary() -> Vocabulary:
    """The indicator vocabulary (cached; a malformed line raises :class:`RuleFileError` naming file:line).

    >>> v = vocabulary()
    >>> v.names["国内生产总值"], v.names["GDP"], v.qualifiers["规上"]
    ('地区生产总值', '地区生产总值', '规模以上')
    """
    names: dict[str, str] = {}
    loose: set[str] = set()  # names looked up by canonical_indicator, never matched in running text
    directions: dict[str, tuple[str, str]] = {}
    for lineno, (ident, level, change, synonyms) in _rows("names.tsv", 4):
        where = f"indicators/names.tsv:{lineno}"
        row_loose = ident.startswith("~")
        ident = ident.lstrip("~")
        if level not in _DIRECTIONS or change not in _DIRECTIONS:
            raise RuleFileError(f"{where}: directions must be up, down or -, got {level!r} {change!r}")
        if ident in directions:
            raise RuleFileError(f"{where}: indicator {ident!r} is listed twice")
        directions[ident] = (level, change)
        for raw in {ident, *synonyms.split("|")}:
            syn = raw.lstrip("~")
            if row_loose or raw.startswith("~"):
                loose.add(syn)
            if syn in names and names[syn] != ident:
                raise RuleFileError(f"{where}: {syn!r} is already a name of {names[syn]!r}")
            names[syn] = ident
    qualifiers: dict[str, str] = {}
    scope: set[str] = set()
    splits: dict[str, tuple[str, ...]] = {}
    for lineno, (word, canon, kind) in _rows("qualifiers.tsv", 3):
        if kind not in _QUALIFIER_KINDS:
            raise RuleFileError(
                f"indicators/qualifiers.tsv:{lineno}: unknown kind {kind!r} (expected one of {_QUALIFIER_KINDS})"
            )
        if kind == "split":
            splits[word] = tuple(canon.split("|"))
        else:
            qualifiers[word] = canon
            if kind == "scope":
                scope.add(canon)
    cues: dict[str, dict[str, str]] = {}
    for lineno, (kind, word, value) in _rows("cues.tsv", 3):
        where = f"indicators/cues.tsv:{lineno}"
        if kind not in _CUE_KINDS:
            raise RuleFileError(f"{where}: unknown kind {kind!r} (expected one of {_CUE_KINDS})")
        if kind == "rate_noun" and value not in ("up", "down"):
            raise RuleFileError(f"{where}: a rate_noun needs up or down, got {value!r}")
        if kind == "comparator" and value not in ("以上", "以内", "不低于", "不超过", "左右"):
            raise RuleFileError(f"{where}: unknown comparator {value!r}")
        cues.setdefault(kind, {})[word] = value
    get = cues.get
    non_names = set()
    for line in _read("non_names.txt").splitlines():
        word = unicodedata.normalize("NFKC", line.split("#", 1)[0].strip())
        if word:
            non_names.add(word)
    known = {w for k in ("neutral", "filler", "rate_noun", "up", "down") for w in get(k, {})}
    return Vocabulary(
        names=names,
        directions=directions,
        name_re=re.compile(
            _longest_first([n for n in names if n not in loose], re.IGNORECASE), re.IGNORECASE
        ),
        qualifiers=qualifiers,
        scope=frozenset(scope),
        splits=splits,
        neutral=_by_length(get("neutral", {})),
        block_pre=tuple(get("block_pre", {})),
        block_post=tuple(get("block_post", {})),
        rate_nouns={w: (1 if v == "up" else -1) for w, v in get("rate_noun", {}).items()},
        up=tuple(get("up", {})),
        down=tuple(get("down", {})),
        known_re=re.compile(_longest_first(known)),
        skip=tuple(get("skip", {})),
        predicates=_by_length(get("predicate", {})),
        comparators=dict(get("comparator", {})),
        strip=_by_length(get("strip", {})),
        strip_end=_by_length(get("strip_end", {})),
        non_names=frozenset(non_names),
        actions=frozenset(get("action", {})),
    )


# ---------------------------------------------------------------------------------------------
# names


_BRACKETS_QUOTES = re.compile(r"[(（][^()（）]*[)）]|[\s“”\"'‘’《》]")


def clean_name(name: str | None) -> str:
    """A name as written with widths folded, brackets, quotes, spaces, scope words (全区, 全社会, 按可比口径,
    常住) and trailing joiners (均, 分别, 预期目标) removed.

    >>> clean_name("一般公共财政预算收入按可比口径"), clean_name("全区（含开发区）地区生产总值")
    ('一般公共财政预算收入', '地区生产总值')
    """
    if not name:
        return ""
    v = vocabulary()
    out = unicodedata.normalize("NFKC", name)
    out = _BRACKETS_QUOTES.sub("", out)
    if out in v.names:
        return out
    for w in v.strip:
        out = out.replace(w, "")
    out = out.strip("，,、；;：:")
    stripped = True
    while stripped:
        stripped = False
        for w in v.strip_end:
            if out.endswith(w) and len(out) > len(w):
                out, stripped = out[: -len(w)], True
    return out


@functools.cache
def _qualifier_words() -> tuple[str, ...]:
    """Qualifiers and split words, longest first (sorted once)."""
    v = vocabulary()
    return _by_length(list(v.qualifiers) + list(v.splits))


def _compose(name: str, scope: bool) -> str | None:
    """Canonical name of a cleaned name: a synonym, or qualifier(s) + a synonym."""
    v = vocabulary()
    if name in v.names:
        return v.names[name]
    for q in _qualifier_words():
        if name.startswith(q) and len(name) > len(q):
            rest = _compose(name[len(q) :], scope)
            if rest is None:
                continue
            if q in v.splits:
                return q + rest
            canon = v.qualifiers[q]
            if canon in v.scope and not scope:
                return rest
            return rest if rest.startswith(canon) else canon + rest
    return None


def canonical_indicator(name: str | None, *, scope: bool = True) -> str | None:
    """The canonical vocabulary name of an indicator name as written, or None when the vocabulary does
    not know it (or it is a bare verb such as 完成).

    A qualifier makes a narrower indicator (城镇 + 居民人均可支配收入); ``scope=False`` drops the budget
    scope (区本级固定资产投资 → 固定资产投资), for series across years that switch wordings.

    >>> canonical_indicator("GDP"), canonical_indicator("区本级固定资产投资"), canonical_indicator("区本级固定资产投资", scope=False)
    ('地区生产总值', '本级固定资产投资', '固定资产投资')
    >>> canonical_indicator("农村牧区常住居民人均可支配收入"), canonical_indicator("数字经济核心产业增加值"), canonical_indicator("完成")
    ('农村居民人均可支配收入', None, None)
    """
    cleaned = clean_name(name)
    if not cleaned or cleaned in vocabulary().non_names:
        return None
    return _compose(cleaned, scope)


def format_value(
    value: float, unit: str | None, comparator: str | None = None, measure: str | None = "level"
) -> str:
    """A value as a report would say it: 增长5%左右, 下降3%以上, 提高1.5个百分点, 1256万人.

    >>> format_value(-2.5, "%", "以内", "change"), format_value(1200, "万人", "以上")
    ('下降2.5%以上', '1200万人以上')
    """
    unit = unit or ""
    if comparator == "区间":
        comparator = ""
    if measure in ("change", "points"):
        if value < 0 and comparator:
            comparator = _FLIP.get(comparator, comparator)
        if measure == "change":
            verb = "增长" if value >= 0 else "下降"
        else:
            verb = "提高" if value >= 0 else "降低"
        return f"{verb}{abs(value):g}{unit}{comparator or ''}"
    return f"{value:g}{unit}{comparator or ''}"


# ---------------------------------------------------------------------------------------------
# statements


@dataclass(frozen=True)
class Statement:
    """One value stated for one indicator: ``text[start:end]`` runs from the indicator name to the value,
    ``text[start:name_end]`` is the name as written (with its qualifiers: 规上工业增加值; a coordination
    or 城乡 for all its members), ``text[q_start:q_end]`` the number.

    ``indicator`` is the canonical name (None for a name outside the vocabulary, read with
    ``all_values=True``); ``measure`` level, change or points; ``value``/``value_high`` signed and in the
    unit as written; ``comparator`` reads on the signed value.
    """

    indicator: str | None
    name: str
    measure: str
    value: float
    unit: str
    comparator: str | None
    start: int
    end: int
    q_start: int
    q_end: int
    value_high: float | None = None
    name_end: int = -1

    @property
    def base(self) -> tuple[float, str]:
        """``value`` in the base unit of units.tsv (1.4万亿斤 → 斤's base)."""
        converted = to_base(self.value, self.unit) if self.unit else None
        return converted if converted else (self.value, self.unit)

    @property
    def base_high(self) -> float | None:
        if self.value_high is None:
            return None
        converted = to_base(self.value_high, self.unit) if self.unit else None
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
    known: bool = True


_SUFFIXES: dict[int, tuple[object, tuple[int, ...], frozenset[str]]] = {}


def _index(words: tuple[str, ...] | dict[str, str]) -> tuple[tuple[int, ...], frozenset[str]]:
    """The word lengths, longest first, and the set of ``words``."""
    index = _SUFFIXES.get(id(words))
    if index is None or index[0] is not words:  # the vocabulary's word lists: indexed once each
        lengths = tuple(sorted({len(w) for w in words}, reverse=True))
        index = _SUFFIXES[id(words)] = (words, lengths, frozenset(words))
    return index[1], index[2]


def _ends_with(text: str, pos: int, words: tuple[str, ...] | dict[str, str]) -> str | None:
    """The longest of ``words`` that ends at ``pos`` in ``text`` (one set lookup per word length)."""
    lengths, known = _index(words)
    for n in lengths:
        if n <= pos and text[pos - n : pos] in known:
            return text[pos - n : pos]
    return None


def _opens_with(text: str, pos: int, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that begins at ``pos`` in ``text`` with more text after it."""
    lengths, known = _index(words)
    for n in lengths:
        if pos + n < len(text) and text[pos : pos + n] in known:
            return text[pos : pos + n]
    return None


def _mention(text: str, m: re.Match[str], v: Vocabulary, floor: int) -> _Group | None:
    """The indicator group of a name match, or None where the name is part of another measure."""
    start, end = m.span()
    ident = v.names.get(m.group(0)) or v.names[next(k for k in v.names if k.lower() == m.group(0).lower())]
    if text.startswith(v.block_post, end) or _ends_with(text, start, v.block_pre):
        return None
    rate = 1 if re.search(r"增长|增速$", m.group(0)) else 0
    qual = _ends_with(text, start, v.qualifiers) if start > floor else None
    split = _ends_with(text, start, v.splits) if start > floor else None
    if split and (not qual or len(split) >= len(qual)):
        members = [v.qualifiers.get(q, q) + ident for q in v.splits[split]]
        return _Group(start - len(split), end, members, whole=ident, rate=rate)
    if qual:
        canon = v.qualifiers[qual]
        group = _Group(
            start - len(qual), end, [ident if ident.startswith(canon) else canon + ident], rate=rate
        )
        # coordinated qualifiers: 城镇、农村居民人均可支配收入
        while group.start - 1 > floor and text[group.start - 1] in _SEPARATORS:
            prev = _ends_with(text, group.start - 1, v.qualifiers)
            if not prev:
                break
            group.members.insert(0, v.qualifiers[prev] + ident)
            group.start -= 1 + len(prev)
    else:
        group = _Group(start, end, [ident], rate=rate)
        # coordinated heads: 一、二、三产增加值
        name = m.group(0)
        while group.start - 1 > floor and text[group.start - 1] in _SEPARATORS:
            for k in (1, 2):
                cand = text[group.start - 1 - k : group.start - 1] + name[k:]
                if group.start - 1 - k >= floor and cand in v.names:
                    group.members.insert(0, v.names[cand])
                    group.start -= 1 + k
                    break
            else:
                break
    before = group.start
    if before > floor and _CJK.match(text[before - 1]):
        if not (_ends_with(text, before, v.neutral) or text[before - 1] in "年的"):
            return None  # an unknown modifier: 服务贸易进出口, 海外旅游收入 — a narrower indicator
    return group


def _strange(text: str, v: Vocabulary) -> bool:
    """True when ``text`` holds words that are neither cues nor fillers: it names another measure."""
    rest = v.known_re.sub("", _YEAR.sub("", text))
    return len(_CJK.findall(rest)) > 1


def _measure(window: str, v: Vocabulary, rate: int) -> tuple[str | None, int]:
    """(level | change | None, sign) from the words between the indicator (or last value) and a value."""
    window = window.replace("增加值", "")
    for noun, sign in v.rate_nouns.items():
        if noun in window:
            return "change", sign
    best, sign = -1, 0
    for verbs, s in ((v.up, 1), (v.down, -1)):
        for w in verbs:
            pos = window.rfind(w)
            if pos >= 0 and pos + len(w) > best:
                best, sign = pos + len(w), s
    if best >= 0:
        if window[best : best + 1] in ("到", "至", "为"):
            return "level", 0
        return "change", sign
    if rate:
        return "change", 1
    if window.strip(_SEPARATORS + "，分别均 ") == "":
        return None, 0  # a list: the measure of the value before
    return "level", 0


def _comparator(text: str, q: Quantity, offset: int, v: Vocabulary) -> str | None:
    """The quantity's comparator, or one written right before it (控制在5.5% → 以内, 超10亿元 → 以上)."""
    if q.comparator is not None:
        return q.comparator
    cue = _ends_with(text, q.start + offset, v.comparators)
    return v.comparators[cue] if cue else None


def _signed(
    text: str, q: Quantity, offset: int, sign: int, v: Vocabulary
) -> tuple[float, float | None, str | None]:
    value, high, comp = q.value, q.value_high, _comparator(text, q, offset, v)
    if sign < 0:
        value, high = -value, (None if high is None else -high)
        comp = _FLIP.get(comp, comp) if comp else comp
    return value, high, comp


def _distribute(text: str, group: _Group, offset: int, v: Vocabulary) -> list[Statement]:
    if not group.values:
        return []
    runs: list[list[tuple[Quantity, int, str, int]]] = []
    for val in group.values:
        if runs and runs[-1][-1][2] == val[2]:
            runs[-1].append(val)
        else:
            runs.append([val])
    members: list[str] = group.members
    if group.whole is not None:
        said = "分别" in text[group.end : group.values[-1][0].end + offset]
        if not (said or any(len(r) == len(members) for r in runs)):
            members = [group.whole]
    name = text[group.start : group.end]
    out = []
    for run in runs:
        if len(members) == 1:
            if group.known and len(run) > 1 and "分别" in text[group.end : run[-1][0].start + offset]:
                continue  # 分别 over values of names we could not read: whose value is whose is unknown
            pairs = [(members[0], val) for val in run]
        elif len(run) == 1:
            pairs = [(m, run[0]) for m in members]
        else:
            pairs = list(zip(members, run, strict=False))
        for ident, (q, off, measure, sign) in pairs:
            value, high, comp = _signed(text, q, off, sign, v)
            out.append(
                Statement(
                    indicator=ident if group.known else None,
                    name=name,
                    measure=measure,
                    value=value,
                    unit=q.unit or "",
                    comparator=comp,
                    start=group.start,
                    end=q.end + off,
                    q_start=q.start + off,
                    q_end=q.end + off,
                    value_high=high,
                    name_end=group.end,
                )
            )
    return out


@functools.lru_cache(maxsize=16)
def _starts_of(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern matching (zero-width) at every place where one of ``words`` begins, overlaps included."""
    return re.compile(f"(?=(?:{_longest_first(words)}))") if words else re.compile("(?!)")


def _generic_name(text: str, a: int, b: int, v: Vocabulary) -> tuple[int, int]:
    """The span of the indicator name as written in ``text[a:b]`` (the words before a value): lead words
    (确保, 到2025年, 全市) dropped, cut at the first predicate (达到, 增长, 控制在) outside a vocabulary name."""
    head = text[a:b]
    lead = _LEAD.match(head)
    i = lead.end() if lead and lead.end() < len(head) else 0
    while True:
        w = _opens_with(head, i, v.neutral)
        if w is None:
            break
        i += len(w)
    protected = [m.span() for m in v.name_re.finditer(head)] + [m.span() for m in _NOUNS.finditer(head)]
    # the first place from i + 2 where any predicate begins outside a protected name
    cut = len(head)
    for m in _starts_of(v.predicates).finditer(head, i + 2):
        if not any(s <= m.start() < e for s, e in protected):
            cut = m.start()
            break
    name = head[i:cut]
    lead = _MARKER.match(name)
    if lead:
        i, name = i + lead.end(), name[lead.end() :]
    for words in (v.comparators, v.strip_end):
        w = _ends_with(name, len(name), words)
        if w and len(name) > len(w):
            name = name[: -len(w)]
    name = _TRAIL.sub("", name).rstrip("的，、 “")
    if name.endswith("”") and name.count("“") < name.count("”"):
        name = name[:-1]
    if v.known_re.fullmatch(name) or _YEAR.fullmatch(name):
        name = ""  # 比上年, 同比: no name
    return a + i, a + i + len(name)


@functools.lru_cache(maxsize=8)
def _clause_marks(text: str, s: int, e: int) -> list[int]:
    """Where the clause ends (，；。：！？ and line breaks) stand in the sentence ``text[s:e]``."""
    return [m.start() for m in _CLAUSE_END_RE.finditer(text, s, e)]


def _last_mark(text: str, s: int, e: int, lo: int, hi: int) -> int:
    """``max(text.rfind(c, lo, hi) for c in _CLAUSE_END)``: the last clause end in ``text[lo:hi]``, else
    -1, for ``lo`` and ``hi`` inside the sentence ``text[s:e]`` (whose marks are found once)."""
    marks = _clause_marks(text, s, e)
    k = bisect.bisect_left(marks, hi)
    return marks[k - 1] if k and marks[k - 1] >= lo else -1


def _sentence_statements(
    text: str, s: int, e: int, year: int | None, v: Vocabulary, all_values: bool
) -> list[Statement]:
    sentence = text[s:e]
    tokens: list[tuple[int, str, object]] = []
    for m in v.name_re.finditer(text, s, e):
        tokens.append((m.start(), "name", m))
    for q in find_quantities(sentence):
        info = unit_info(q.unit) if q.unit else None
        if (info is None or info.dimension in ("time", "multiple")) and not all_values:
            continue
        if q.unit == "年" and q.value >= 100:
            continue
        tokens.append((q.start + s, "value", q))
    tokens.sort(key=lambda t: (t[0], t[1] == "value"))
    out: list[Statement] = []
    group: _Group | None = None
    last_end = s
    prev_measure: tuple[str, int] | None = None
    read: set[int] = set()

    def flush() -> None:
        nonlocal out
        if group is not None:
            got = _distribute(text, group, s, v)
            read.update(x.q_start for x in got)
            out += got

    for pos, kind, obj in tokens:
        if kind == "name":
            m = obj
            assert isinstance(m, re.Match)
            if pos < last_end:
                continue  # a name inside a value already read
            new = _mention(text, m, v, s)
            if (
                new is not None
                and group is not None
                and group.known
                and not group.values
                and text[group.end : new.start].strip() in tuple(_SEPARATORS)
            ):
                group.members.extend(new.members)  # 固定资产投资、社会消费品零售总额均…
                group.end = new.end
                group.whole = None
            else:
                flush()
                group, prev_measure = new, None
            last_end = m.end()
            continue
        q = obj
        assert isinstance(q, Quantity)
        if group is None:
            continue
        window = text[last_end:pos]
        mark = _last_mark(text, s, e, last_end, pos)
        own = mark + 1 - last_end if mark >= 0 else 0  # where the value's own clause starts in window
        if _strange(window[own:], v):
            flush()
            group = None
            continue
        clause_start = _last_mark(text, s, e, s, pos) + 1
        clause = text[max(clause_start, s) : pos]
        years = {int(y) for y in _YEAR.findall(window + clause)}
        if not all_values and (any(w in clause or w in window for w in v.skip) or (year and years - {year})):
            last_end = q.end + s
            continue
        after = text[q.end + s : e]
        if after.startswith("的") and _strange(
            re.split(r"[，,；;。：:、）)]", after[1:], maxsplit=1)[0][:8], v
        ):
            last_end = q.end + s  # 过10亿元的县: a threshold describing something else
            continue
        measure, sign = _measure(window, v, group.rate if not group.values else 0)
        if measure is None:
            measure, sign = prev_measure if prev_measure is not None else ("level", 0)
        info = unit_info(q.unit or "")
        dim = info.dimension if info else None
        if dim == "percentage_point" and (measure == "change" or all_values):
            measure = "points"
        elif measure == "change" and dim != "percent" and not all_values:
            last_end = q.end + s  # 比上年增加1800亿元: an increment, not a rate
            continue
        elif measure == "level" and dim == "percentage_point":
            last_end = q.end + s
            continue
        group.values.append((q, s, measure, sign))
        prev_measure = (measure, sign)
        last_end = q.end + s
    flush()
    if all_values:
        out += _generic_statements(text, s, e, [t[2] for t in tokens if t[1] == "value"], read, v)  # type: ignore[misc]
    return sorted(out, key=lambda x: (x.q_start, x.start))


def _generic_statements(
    text: str, s: int, e: int, quantities: list[Quantity], read: set[int], v: Vocabulary
) -> list[Statement]:
    """Statements for the values no vocabulary indicator claimed, named by the words before them."""
    out: list[Statement] = []
    prev: Statement | None = None
    prev_end = s
    for q in quantities:
        qs, qe = q.start + s, q.end + s
        if qs in read:
            prev, prev_end = None, qe
            continue
        clause_start = max(_last_mark(text, s, e, s, qs) + 1, s, prev_end)
        a, b = _generic_name(text, clause_start, qs, v)
        between = text[prev_end:qs] if prev is not None else ""
        listed = prev is not None and between.strip(_SEPARATORS + "，,分别均 ") == ""
        near = (
            prev is not None and not re.search(r"[；;：:\n（(]", between) and not _LIST_MARK.search(between)
        )
        if listed or (near and b - a < 2 and not _strange(text[clause_start:qs], v)):
            a, b = prev.start, prev.name_end  # 分别为10公里和20公里; 增长10%，达到50个
        if b - a < 1:
            prev, prev_end = None, qe
            continue
        window = text[b:qs]
        measure, sign = _measure(window, v, 0)
        if listed and prev is not None and measure is None:
            measure = prev.measure
            sign = -1 if prev.value < 0 else 1
        measure = measure or "level"
        noun = _ends_with(text, b, v.rate_nouns)
        if (
            measure == "level"
            and noun
            and not _strange(window, v)
            and not any(p in window for p in v.predicates)
        ):
            measure, sign = "change", v.rate_nouns[noun]  # 物价涨幅3%
        info = unit_info(q.unit or "")
        if info is not None and info.dimension == "percentage_point":
            measure = "points"
        value, high, comp = _signed(text, q, s, sign if measure != "level" else 0, v)
        name = text[a:b]
        st = Statement(
            indicator=canonical_indicator(name),
            name=name,
            measure=measure,
            value=value,
            unit=q.unit or "",
            comparator=comp,
            start=a,
            end=qe,
            q_start=qs,
            q_end=qe,
            value_high=high,
            name_end=b,
        )
        out.append(st)
        prev, prev_end = st, qe
    return out


_SENT = re.compile(r"[^。！？!?\n]+[。！？!?]*")


def parse_statement(
    text: str, start: int = 0, end: int | None = None, *, year: int | None = None, all_values: bool = False
) -> list[Statement]:
    """Indicator statements in ``text[start:end]``, sentence by sentence, with offsets into ``text``.

    ``year``: the year the figures are for; a value whose clause names another year (由2010年的…) is
    left out. ``all_values``: read every value (see the module docstring), as the extractor does.

    >>> [(s.indicator, s.measure, s.value) for s in parse_statement("城乡居民人均可支配收入分别增长6.5%、9.4%。")]
    [('城镇居民人均可支配收入', 'change', 6.5), ('农村居民人均可支配收入', 'change', 9.4)]
    >>> [(s.name, s.value, s.comparator) for s in parse_statement("城镇登记失业率控制在4.5%", all_values=True)]
    [('城镇登记失业率', 4.5, '以内')]
    >>> [(s.name, s.indicator, s.value) for s in parse_statement("全年新签约项目50个以上", all_values=True)]
    [('新签约项目', None, 50.0)]
    >>> parse_statement("人均地区生产总值增长5%，对经济增长的贡献率为30%")
    []
    """
    v = vocabulary()
    end = len(text) if end is None else end
    out: list[Statement] = []
    for m in _SENT.finditer(text, start, end):
        out += _sentence_statements(text, m.start(), m.end(), year, v, all_values)
    return out
