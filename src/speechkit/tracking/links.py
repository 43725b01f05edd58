"""Links from items (targets, problems, tasks) to catalogue indicators and to projects.

* **Indicators**: the catalogue's phrases are matched on the item's characters, so segmentation cannot
  break them (新开工亿元以上项目少 → 新开工亿元以上项目数; 停工和流失的项目逐渐增多 → 停工项目数 and
  流失项目数). Where a narrower indicator and a broader one match overlapping text (新开工亿元以上 also
  reads as 新开工), the broader one is dropped there (``narrows`` in ``data/indicators.toml``).
* **Projects**: a project's name, the name without its place and capacity (清河县年产5万吨新能源电池项目
  → 清河新能源电池, 新能源电池) found in the text; mentions ending in 项目/工程/中心/基地 … compared by character-bigram
  Dice (:mod:`speechkit.extraction.matching`) with those forms, generic bigrams (项目, 产业 …) left out, so a
  简称 like 清河新能源项目 finds its project; industries and places (乡镇, 园区) named in the text link
  their projects with a lower score.

Every link has a score in (0, 1] and its evidence span ``(start, end)`` into ``doc.text``. Items without
any link are listed in ``Links.unmatched``.

>>> from speechkit.extraction.items import Item
>>> it = Item(id="P1", kind="problem", title="推进效率慢", text="停工和流失的项目逐渐增多", start=100, end=112)
>>> [(l.label, l.start, l.end) for l in link_indicators(it.text, offset=it.start)]
[('停工项目数', 100, 102), ('流失项目数', 103, 105)]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extraction.matching import bigrams, normalise
from .catalogue import Catalogue, catalogue

if TYPE_CHECKING:
    import pandas as pd

    from ..document import Document
    from ..extraction.items import Item

__all__ = [
    "IndicatorLink",
    "ItemLinks",
    "Links",
    "ProjectIndex",
    "ProjectLink",
    "link",
    "link_indicators",
    "link_projects",
    "short_names",
]

NAME_THRESHOLD = 0.6  # Dice of a mention and a project name to accept the link
INDUSTRY_SCORE = 0.5
LOCATION_SCORE = 0.5
_GENERIC = frozenset(
    ("项目", "工程", "建设", "产业", "年产", "有限", "公司", "新建", "扩建", "一期", "二期", "三期", "基地")
)
_PLACE = re.compile(
    r"^(?P<root>[\u4e00-\u9fff]{2,4}?)(?:省|市|县|区|旗|镇|乡|街道|经开区|开发区|高新区|工业园区|产业园区|园区)"
)
_CAPACITY = re.compile(
    r"(?:年产|年处理|年加工|日产|新增)?[0-9.]+(?:万|千|百|亿)?"
    r"(?:吨|台|套|件|辆|只|平方米|立方米|千瓦|兆瓦|MW|GW|kW|亩|头|羽|张|片|条|米|公里|千伏|个)(?:级)?"
)
_LEAD = re.compile(r"^(?:新建|扩建|改扩建|续建|建设|年产)")
_TAIL = re.compile(r"(?:建设项目|项目|工程|一期|二期|三期)+$")
_ANCHOR = re.compile(r"项目|工程|中心|产业园|基地|电站|生产线|物流园")
_STOP = "，。；、：！？“”‘’（）《》()「」 \n,.;:!?的和及与在对把将从"


@dataclass(frozen=True)
class IndicatorLink:
    """An item → catalogue indicator link: ``phrase`` found at ``start:end`` of ``doc.text``."""

    indicator: str
    label: str
    score: float
    start: int
    end: int
    phrase: str


@dataclass(frozen=True)
class ProjectLink:
    """An item → project link. ``via`` is ``name`` (the text names the project), ``industry`` or
    ``location`` (the text names its industry or place); ``mention`` is the evidence text."""

    project_id: str
    name: str
    score: float
    start: int
    end: int
    via: str
    mention: str


@dataclass(frozen=True)
class ItemLinks:
    """Every link of one item, indicators in text order, projects best first."""

    item_id: str
    indicators: tuple[IndicatorLink, ...] = ()
    projects: tuple[ProjectLink, ...] = ()

    @property
    def linked(self) -> bool:
        return bool(self.indicators or self.projects)

    @property
    def score(self) -> float:
        """The best link score (0 when unlinked)."""
        return max([x.score for x in self.indicators] + [x.score for x in self.projects] + [0.0])

    @property
    def primary(self) -> IndicatorLink | None:
        """The indicator the item is mainly about: the first in the text scoring ≥ 0.8, else the first."""
        for x in self.indicators:
            if x.score >= 0.8:
                return x
        return self.indicators[0] if self.indicators else None


@dataclass(frozen=True)
class Links:
    """The links of a list of items, in item order; ``unmatched`` lists the ids without any link."""

    items: tuple[ItemLinks, ...]

    @property
    def unmatched(self) -> tuple[str, ...]:
        return tuple(x.item_id for x in self.items if not x.linked)

    def get(self, item_id: str) -> ItemLinks:
        for x in self.items:
            if x.item_id == item_id:
                return x
        return ItemLinks(item_id)


# ---------------------------------------------------------------------------------------------
# indicators


def link_indicators(text: str, *, offset: int = 0, cat: Catalogue | None = None) -> list[IndicatorLink]:
    """The catalogue indicators ``text`` speaks of, in text order, each with its first, best evidence.

    >>> [l.label for l in link_indicators("新开工、新竣工亿元以上项目少，签约项目中仅少量项目开工建设")]
    ['新开工亿元以上项目数', '新竣工亿元以上项目数', '新签约项目数', '新开工项目数']
    """
    cat = cat or catalogue()
    hits: dict[str, list[tuple[int, int, float, int, str]]] = defaultdict(list)
    for ind in cat:
        for ph in ind.phrases:
            for m in ph.pattern.finditer(text):
                hits[ind.id].append((m.start(), m.end(), ph.weight, ph.core, m.group(0)))
    # a narrower indicator's match removes overlapping matches of the indicators it narrows
    for ind in cat:
        if ind.id not in hits:
            continue
        for broader in ind.narrows:
            if broader in hits:
                hits[broader] = [
                    h for h in hits[broader] if not any(h[0] < n[1] and n[0] < h[1] for n in hits[ind.id])
                ]
    out = []
    for ind in cat:
        found = hits.get(ind.id)
        if not found:
            continue
        best = max(found, key=lambda h: (h[2], h[3], -h[0]))
        out.append(IndicatorLink(ind.id, ind.label, best[2], offset + best[0], offset + best[1], best[4]))
    return sorted(out, key=lambda x: (x.start, -x.score))


# ---------------------------------------------------------------------------------------------
# projects


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s or "").strip()


def short_names(name: str) -> list[str]:
    """The forms a speech may use for a project name, longest first: without 项目/工程, without
    capacity phrases, without the place (or with only its root), the bare core.

    >>> short_names("清河县年产5万吨新能源电池项目")
    ['清河县年产5万吨新能源电池项目', '清河县新能源电池', '清河新能源电池', '新能源电池']
    """
    full = _nfkc(name)
    body = _TAIL.sub("", full)
    body = _CAPACITY.sub("", body)
    forms = [full, body]
    m = _PLACE.match(body)
    if m:
        rest = _LEAD.sub("", body[m.end() :])
        if len(rest) >= 2:
            forms += [m.group("root") + rest, rest]
    else:
        forms.append(_LEAD.sub("", body))
    out: list[str] = []
    for f in forms:
        f = f.strip()
        if len(normalise(f)) >= 2 and f not in out:
            out.append(f)
    return out


def _grams(text: str, generic: frozenset[str]) -> Counter[str]:
    return Counter({g: n for g, n in bigrams(text).items() if g not in generic and len(g) == 2})


def _dice(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * sum((a & b).values()) / (sum(a.values()) + sum(b.values()))


@dataclass(frozen=True)
class _Entry:
    project_id: str
    name: str
    forms: tuple[str, ...]
    grams: tuple[Counter[str], ...]


class ProjectIndex:
    """Project names, their short forms and an inverted index of their distinctive bigrams; industries
    and places. Built once per project frame and reused for every item.

    >>> import pandas as pd
    >>> f = pd.DataFrame({"project_id": ["P1"], "name": ["清河县年产5万吨新能源电池项目"],
    ...                   "industry": ["新能源"], "location": ["清河经开区"]})
    >>> [(l.name, l.via, round(l.score, 2)) for l in ProjectIndex(f).find("加快清河新能源项目建设")]
    [('清河县年产5万吨新能源电池项目', 'name', 0.76)]
    """

    def __init__(self, frame: pd.DataFrame) -> None:
        names = [(str(pid), _nfkc(str(n))) for pid, n in zip(frame["project_id"], frame["name"]) if n == n]
        df: Counter[str] = Counter()
        for _, n in names:
            df.update(set(bigrams(n)))
        frequent = {g for g, k in df.items() if len(names) >= 8 and k / len(names) > 0.25}
        self.generic = frozenset(_GENERIC | frequent)
        self.entries: list[_Entry] = []
        self.index: dict[str, set[int]] = defaultdict(set)
        for pid, n in names:
            forms = tuple(short_names(n))
            grams = tuple(_grams(f, self.generic) for f in forms)
            k = len(self.entries)
            self.entries.append(_Entry(pid, n, forms, grams))
            for g in grams:
                for b in g:
                    self.index[b].add(k)
        self.industries: dict[str, list[int]] = defaultdict(list)
        self.locations: dict[str, list[int]] = defaultdict(list)
        by_id = {e.project_id: k for k, e in enumerate(self.entries)}
        for col, target in (("industry", self.industries), ("location", self.locations)):
            if col not in frame.columns:
                continue
            for pid, val in zip(frame["project_id"], frame[col]):
                if val != val or val is None or str(pid) not in by_id:
                    continue
                v = _nfkc(str(val))
                if len(v) >= 2:
                    target[v].append(by_id[str(pid)])

    def find(self, text: str, offset: int = 0) -> list[ProjectLink]:
        """The projects ``text`` concerns, best first, one link per project."""
        best: dict[int, ProjectLink] = {}
        raw: dict[int, float] = {}

        def offer(k: int, score: float, a: int, b: int, via: str) -> None:
            e = self.entries[k]
            if score > raw.get(k, 0.0):
                raw[k] = score
                best[k] = ProjectLink(
                    e.project_id, e.name, round(score, 3), offset + a, offset + b, via, text[a:b]
                )

        # 1. a name or a short form written out
        for k, e in enumerate(self.entries):
            for rank, form in enumerate(e.forms):
                if len(normalise(form)) < 4:
                    continue
                pos = text.find(form)
                if pos >= 0:
                    offer(k, (1.0, 0.95, 0.9, 0.85)[min(rank, 3)], pos, pos + len(form), "name")
                    break
        # 2. fuzzy: mentions ending in 项目/工程/中心/基地 …
        for m in _ANCHOR.finditer(text):
            p = m.start()
            a = p
            while a > 0 and p - a < 16 and text[a - 1] not in _STOP:
                a -= 1
            stop = p if m.group(0) in ("项目", "工程") else m.end()  # 项目 says nothing about which
            for s in range(a, p - 1):
                g = _grams(text[s:stop], self.generic)
                if sum(g.values()) < 2:
                    continue
                cands: Counter[int] = Counter()
                for b in g:
                    for k in self.index.get(b, ()):
                        cands[k] += 1
                for k, shared in cands.items():
                    if shared < 2:
                        continue
                    score = max(_dice(g, eg) for eg in self.entries[k].grams) * 0.95
                    if score >= NAME_THRESHOLD:
                        offer(k, score, s, m.end(), "name")
        # 3. industries and places
        for table, via, score in (
            (self.industries, "industry", INDUSTRY_SCORE),
            (self.locations, "location", LOCATION_SCORE),
        ):
            for value, ks in table.items():
                pos = text.find(value)
                if pos < 0:
                    continue
                for k in ks:
                    offer(k, score, pos, pos + len(value), via)
        return sorted(best.values(), key=lambda x: (-x.score, x.start, x.project_id))


def link_projects(text: str, frame: pd.DataFrame, *, offset: int = 0) -> list[ProjectLink]:
    """The projects of ``frame`` that ``text`` concerns (see :class:`ProjectIndex`)."""
    return ProjectIndex(frame).find(text, offset)


def link(items: Iterable[Item], frame: pd.DataFrame | None = None, *, doc: Document | None = None) -> Links:
    """Links of every item to indicators and, given a project frame, to projects.

    Offsets are ``item.start``-based, i.e. into ``doc.text``; ``doc`` is only used to check that.
    """
    index = ProjectIndex(frame) if frame is not None and len(frame) and "name" in frame.columns else None
    out = []
    for it in items:
        if doc is not None and doc.text[it.start : it.end] != it.text:
            raise ValueError(f"item {it.id} does not point into this document's text")
        inds = tuple(link_indicators(it.text, offset=it.start))
        projs = tuple(index.find(it.text, it.start)) if index is not None else ()
        out.append(ItemLinks(it.id, inds, projs))
    return Links(tuple(out))


def describe(links: ItemLinks, limit: int = 3) -> str:
    """The evidence of an item's links in one line: ``“停工”→停工项目数；“清河新能源项目”→清河县…项目``.

    >>> describe(ItemLinks("P1", (IndicatorLink("stalled_count", "停工项目数", 1.0, 0, 2, "停工"),)))
    '“停工”→停工项目数'
    """
    parts = [f"“{x.phrase}”→{x.label}" for x in links.indicators]
    shown: Sequence[ProjectLink] = links.projects[:limit]
    parts += [
        f"“{x.mention}”→{x.name}"
        + ("" if x.via == "name" else f"（{'产业' if x.via == 'industry' else '地点'}）")
        for x in shown
    ]
    if len(links.projects) > limit:
        parts.append(f"等{len(links.projects)}个项目")
    return "；".join(parts)
