"""Sub-unit candidates: sentences (for problems stated without numbers) and clauses (for targets).

A target is usually one clause (地区生产总值增长6%左右), sometimes two (3年要实现脱贫3000多万人，平均每年
1000多万人), or one element of a list of quoted levels (项目数量“多”、产业集聚“高”).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .units import sentences

_CLAUSE_SPLIT = re.compile(r"[，。；：！？；\n]")
# a list of quoted levels: 项目数量“多”、产业集聚“高”、…、开工活跃“热 (a lost closing quote keeps one character)
_QUOTED_LEVEL = re.compile(
    r"(?:(?<=[、：:])|^)[\u4e00-\u9fff]{2,10}“(?:[^”“。，、]{1,6}”|[^”“。，、](?=[\u4e00-\u9fff]))(?=[、，。；]|$|[\u4e00-\u9fff])"
)
# 城镇新增就业人数、城镇登记失业率、节能减排等约束性指标完成…目标: the indicators are named apart from
# their values, so each name is a target of its own (ANNOTATION precedents)
_NAMED_LIST = re.compile(r"(?P<names>(?:[^、，；。：“”]{2,16}、)+[^、，；。：“”]{2,16})等[^，；。]{0,10}指标")
_SEMI = re.compile(r"；")
_HARD_GAP = re.compile(r"[。：；\n]")
_COUNTED = re.compile(r"\d+(?:\.\d+)?\s*(?:%|[\u4e00-\u9fff]{1,3})")
# a piece that is only a quantity (98.5%, 35万亩以上) or a count continuing its subject (183人全部脱贫)
_BARE = re.compile(
    r"(?:[\d.]+[^\d、，；。]{0,5}?(?:以上|以下|以内|左右)?|[\d.]+(?:人|户)(?:全部|均|都|全).*)"
)
# a clause stating a result: its predicate of change or level at the end (农机作业条件加快改善,
# 总量保持全区领先, 取得明显进展, 达到国际先进水平, 人民生活更宽裕)
RESULT_END = re.compile(
    r"(?:提升|提高|增强|改善|优化|拓展|解决|建立|形成|完善|健全|齐全|满足需要|达标|转变|进步|下降|降低|扩大|缩小|好转|"
    r"巩固|领先|覆盖|协同发展|全部脱贫|摘帽|相当|(?:持续|保持|总体|基本)稳定)$"
    r"|取得[^，。；]{0,6}(?:进展|突破|成效|成果)$|(?:达到|接近|迈入|进入|走在|迈上)[^，。；]{1,16}(?:水平|阶段|时期|前列|行列|台阶)$"
    r"|更(?!好)[\u4e00-\u9fff]{2}$"
)
_LEAD_NOISE = re.compile(  # used with .match(text, pos): anchored there
    r"(?:同时|并且|并|其中|此外|另外|特别是|尤其是|重点是|主要是|以及|和|而且|从而|进而)[，、]?"
)


class _Shifted:
    """A match found in a slice, with offsets moved back into the whole text."""

    def __init__(self, m: re.Match[str], offset: int) -> None:
        self._m, self._o = m, offset

    def start(self) -> int:
        return self._m.start() + self._o

    def end(self) -> int:
        return self._m.end() + self._o


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses of ``text[start:end]``: stretches between ，。；：！？ and line breaks.

    >>> t = "地区生产总值增长6%左右；一般公共预算收入增长6%。"
    >>> [t[a:b] for a, b in clause_spans(t, 0, len(t))]
    ['地区生产总值增长6%左右', '一般公共预算收入增长6%']
    """
    out = []
    pos = start
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return [(a, b) for a, b in out if b - a >= 2]


def clause_candidates(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Target candidates inside ``text[start:end]``: ``(start, end, shape)``, shape ``one``, ``two`` or ``list``.

    >>> t = "目标是：项目数量“多”、产业集聚“高”，确保完成任务。"
    >>> [(t[a:b], s) for a, b, s in clause_candidates(t, 0, len(t))][:3]
    [('目标是', 'one'), ('项目数量“多”、产业集聚“高”', 'one'), ('项目数量“多”、产业集聚“高”，确保完成任务', 'two')]
    """
    spans = clause_spans(text, start, end)
    last = len(spans) - 1
    for i, (a, b) in enumerate(spans):
        m = _LEAD_NOISE.match(text, a, b)
        a2 = m.end() if m else a
        if 2 <= b - a2 <= 80:
            yield a2, b, "one"
        if i < last and b - a2 <= 24:
            c, d = spans[i + 1]
            # two clauses make one target when the first is short: 3年要实现脱贫3000多万人，平均每年1000多万人
            if d - a2 <= 90 and not _HARD_GAP.search(text, b, c):
                yield a2, d, "two"
        # the cheap membership tests skip the patterns where they cannot match
        if text.find("“", a, b) >= 0:
            elements = [_Shifted(e, a) for e in _QUOTED_LEVEL.finditer(text[a:b])]
            if len(elements) >= 2 and any(text[e.end() : e.end() + 1] == "、" for e in elements):
                for e in elements:
                    yield e.start(), e.end(), "list"
        if text.find("、", a, b) < 0:
            continue
        # several counted items in one clause (新增主板上市企业1家、“新三板”挂牌企业2家): one target each
        # a piece that opens on its number (…贫困人口96户、183人全部脱贫; 分别达到95.5%、98.5%) names nothing
        # of its own: it continues the piece before, so only named pieces count
        pieces = text[a:b].split("、")
        named = [x for x in pieces if _COUNTED.search(x) and len(x) >= 3 and not _BARE.fullmatch(x)]
        if len(named) >= 2:
            pos = a
            for piece in pieces:
                if piece in named:
                    yield pos, pos + len(piece), "items"
                pos += len(piece) + 1
        named = _NAMED_LIST.search(text, a, b) if text.find("指标", a, b) >= 0 else None
        if named:
            pos = named.start("names")
            for name in named.group("names").split("、"):
                if 2 <= len(name) <= 16:
                    yield pos, pos + len(name), "names"
                pos += len(name) + 1


def sentence_candidates(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences of ``text[start:end]``, the leading clause of a lead-in (…问题依然存在：) cut off.

    >>> t = "问题依然存在：财政收支不平衡，收入增长乏力。实体经济发展不充分。"
    >>> [t[a:b] for a, b in sentence_candidates(t, 0, len(t))]
    ['财政收支不平衡，收入增长乏力。', '实体经济发展不充分。']
    """
    for a, b in sentences(text, start, end):
        colon = text.find("：", a, b)
        if 0 <= colon < b - 4:
            a = colon + 1
        # a list of shortcomings separated by semicolons (有的…；有的…；) gives one candidate per piece
        pos = a
        for m in _SEMI.finditer(text, a, b):
            if m.end() - pos >= 4:
                yield pos, m.end()
            pos = m.end()
        if b - pos >= 4:
            yield pos, b
