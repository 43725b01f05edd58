"""Target values across a series of reports: one row per quantified target of each document, with the
indicator name normalised so the same indicator lines up across years (地区生产总值增长 / GDP增长 /
经济增长 → ``地区生产总值增长``), and a pivot of indicator × year.

The targets come from :func:`speechkit.extract` (``kind == 'target'`` with a value). The name of an
indicator is normalised in four steps, all driven by data files:

1. qualifiers are removed (``data/indicator_qualifiers.txt``: 全区, 区本级, 全社会, 按可比口径, 常住, 均 …);
2. the rest is looked up in ``data/indicator_synonyms.tsv`` (exact, else a known name of four characters
   or more at its end), falling back to the cleaned name itself; a bare verb the extractor took for a
   name (完成, 新建, 投资 …: ``data/indicator_non_names.txt``) gives no indicator;
3. a growth rate gets the suffix 增长 (a value in % with 增长/增速/增幅/提高 in the target's text, the
   indicator no rate or share itself), a fall in % the suffix 下降; a level keeps the bare name:
   地区生产总值增长 8 % and 地区生产总值 296 亿元 are two series;
4. what the extractor leaves without a name is completed where the text is explicit: a level
   (达到/突破/超过 …) right after a growth target (``地区生产总值增长8%，达到296亿元`` → 地区生产总值
   296 亿元) takes the name of that target (``note = 'inherited'``); a target without indicator takes the
   words before its number when they are a known name (``全年新增就业5700人`` → 城镇新增就业,
   ``note = 'from text'``); known names joined by 、 with one value for all (``城镇…、农村…均增长8%``)
   give one row each (``note = 'split'``).

>>> from speechkit import from_text
>>> doc = from_text("2015年政府工作报告\\n今年主要预期目标是：地区生产总值增长8%，达到296亿元；"
...                 "社会消费品零售总额增长11.5%。", source="report_2015.txt")
>>> target_series(doc)[["year", "indicator", "value", "unit"]].values.tolist()
[[2015, '地区生产总值增长', 8.0, '%'], [2015, '地区生产总值', 296.0, '亿元'], [2015, '社会消费品零售总额增长', 11.5, '%']]
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from ..document import Document
from ..errors import RuleFileError
from ..extraction.items import Item
from ._common import DocsLike, as_documents, doc_label, doc_year

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = [
    "year",
    "indicator",
    "value",
    "value_high",
    "unit",
    "comparator",
    "strength",
    "period",
    "text",
    "start",
    "end",
    "path",
    "indicator_raw",
    "note",
    "item_id",
]
_MIN_SUFFIX_MATCH = 4
_GROWTH_RE = re.compile(r"增长|增速|增幅|提高|提升|递增|上涨|涨幅")
_FALL_RE = re.compile(r"下降|降低|减少|回落")
_RATE_END = ("率", "比重", "比例", "占比", "强度", "价格", "指数", "涨幅", "增速")
_LEVEL_VERBS = frozenset({"达到", "突破", "超过"})
_PERCENT = ("%", "‰", "个百分点")
_JOIN_RE = re.compile(r"^[，,、；;\s]*$")
_NUM_START_RE = re.compile(r"[0-9零〇一二三四五六七八九十百千万两]")
_SPLIT_RE = re.compile(r"[、和及与]")
_COMMON_RE = re.compile(r"(?<!人)均|都|分别")


@dataclass(frozen=True)
class Vocabulary:
    """The indicator vocabulary: synonym → canonical name, and the qualifiers to remove."""

    canonical: dict[str, str]
    qualifiers: tuple[str, ...]
    endings: tuple[str, ...] = ()
    non_names: frozenset[str] = frozenset()

    def normalise(self, raw: str | None) -> str | None:
        """The canonical name of an indicator as written (without growth suffix), or ``None``.

        >>> v = vocabulary()
        >>> v.normalise("区本级固定资产投资"), v.normalise("一般公共财政预算收入按可比口径"), v.normalise("GDP")
        ('固定资产投资', '一般公共预算收入', '地区生产总值')
        >>> v.normalise("城镇常住居民人均可支配收入"), v.normalise("全体居民人均可支配收入")
        ('城镇居民人均可支配收入', '居民人均可支配收入')
        """
        name = self.clean(raw)
        if not name or name in self.non_names:
            return None
        if name in self.canonical:
            return self.canonical[name]
        for syn in self._by_length:
            if len(syn) >= _MIN_SUFFIX_MATCH and name.endswith(syn):
                return self.canonical[syn]
        return name

    def clean(self, raw: str | None) -> str:
        """The name with widths folded, brackets, spaces and qualifiers removed."""
        if not raw:
            return ""
        name = unicodedata.normalize("NFKC", raw)
        name = re.sub(r"[(（][^()（）]*[)）]|[\s“”\"'‘’《》]", "", name)
        for q in self.qualifiers:
            name = name.replace(q, "")
        name = name.strip("，,、；;：:")
        stripped = True
        while stripped:
            stripped = False
            for q in self.endings:
                if name.endswith(q) and len(name) > len(q):
                    name, stripped = name[: -len(q)], True
        return name

    @functools.cached_property
    def _by_length(self) -> list[str]:
        return sorted(self.canonical, key=len, reverse=True)


@functools.cache
def vocabulary() -> Vocabulary:
    """The shipped vocabulary (``data/indicator_synonyms.tsv``, ``data/indicator_qualifiers.txt``,
    ``data/indicator_non_names.txt``), loaded once."""
    data = resources.files("speechkit") / "data"
    canonical: dict[str, str] = {}
    path = data / "indicator_synonyms.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        names = [unicodedata.normalize("NFKC", x.strip()) for x in line.split("\t") if x.strip()]
        for name in names:
            if canonical.get(name, names[0]) != names[0]:
                raise RuleFileError(f"{path.name}:{n}: {name!r} already names {canonical[name]!r}")
            canonical[name] = names[0]
    quals, ends = set(), set()
    path = data / "indicator_qualifiers.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word = unicodedata.normalize("NFKC", line.split("#", 1)[0].strip())
        if word.endswith("$") and len(word) > 1:
            ends.add(word[:-1])
        elif word:
            quals.add(word)
    non_names = set()
    path = data / "indicator_non_names.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        word = unicodedata.normalize("NFKC", line.split("#", 1)[0].strip())
        if word:
            non_names.add(word)
    return Vocabulary(
        canonical,
        tuple(sorted(quals, key=len, reverse=True)),
        tuple(sorted(ends, key=len, reverse=True)),
        frozenset(non_names),
    )


def measure(item: Item, name: str) -> str:
    """``'增长'`` for a growth rate, ``'下降'`` for a fall in %, ``''`` for a level or a rate itself.

    >>> measure(Item("t", "target", "", "地区生产总值增长8%", 0, 11, value=8.0, unit="%"), "地区生产总值")
    '增长'
    >>> measure(Item("t", "target", "", "城镇登记失业率控制在4%以内", 0, 15, value=4.0, unit="%"), "城镇登记失业率")
    ''
    """
    if item.unit not in _PERCENT or name.endswith(_RATE_END):
        return ""
    if _GROWTH_RE.search(item.text):
        return "增长"
    if _FALL_RE.search(item.text):
        return "下降"
    return ""


def _text_name(item: Item) -> str | None:
    """The words before the first number of a target, when the extractor named no indicator."""
    m = _NUM_START_RE.search(item.text)
    head = item.text[: m.start()] if m else ""
    head = re.split(r"[，,。；;：:]", head)[-1]
    head = re.sub(r"^(?:确保|力争|争取|努力|实现|完成|全力|年内|全年|今年)+", "", head)
    head = (
        re.sub(r"(?:达到|突破|超过|控制在|保持在|增长|完成|实现|新增)$", "", head) if len(head) > 4 else head
    )
    return head if len(head) >= 2 else None


def _rows_for(doc: Document, index: int, items: Sequence[Item]) -> list[tuple[object, ...]]:
    vocab = vocabulary()
    year = doc_year(doc)
    path = doc_label(doc, index)
    rows: list[tuple[object, ...]] = []
    known = set(vocab.canonical.values())
    prev: tuple[Item, str] | None = None  # the last growth target and its canonical name
    for it in sorted((i for i in items if i.kind == "target"), key=lambda i: i.start):
        if it.value is None:
            continue
        raw = it.indicator
        note = ""
        base = vocab.normalise(raw)
        if (
            raw
            and vocab.clean(raw) in _LEVEL_VERBS
            and it.unit not in _PERCENT
            and prev is not None
            and _JOIN_RE.match(doc.text[prev[0].end : it.start])
        ):
            base, note = prev[1], "inherited"  # 地区生产总值增长8%，达到296亿元
        elif not raw:
            guess = vocab.normalise(_text_name(it))
            if guess in known:
                raw, base, note = _text_name(it), guess, "from text"
        names: list[str | None] = [base]
        if base and raw and _COMMON_RE.search(it.text):
            parts = [vocab.normalise(p) for p in _SPLIT_RE.split(vocab.clean(raw))]
            if len(parts) > 1 and all(p in known for p in parts):
                names, note = list(parts), "split"
        for name in names:
            grow = measure(it, name) if name else ""
            rows.append(
                (
                    year,
                    (name + grow) if name else None,
                    it.value,
                    it.value_high,
                    it.unit,
                    it.comparator,
                    it.strength,
                    it.period,
                    it.text,
                    it.start,
                    it.end,
                    path,
                    raw,
                    note,
                    it.id,
                )
            )
        prev = (it, base) if base and note != "split" and measure(it, base) == "增长" else None
    return rows


def target_series(docs: DocsLike, items: Sequence[Sequence[Item]] | None = None) -> pd.DataFrame:
    """Quantified targets of each document, one row per target (see the module for the normalisation):
    ``year`` (the document's date, else a year in its file name), ``indicator`` (normalised), ``value``,
    ``value_high``, ``unit``, ``comparator`` (左右/以上/以内…), ``strength`` (确保/力争), ``period``,
    ``text``, ``start``, ``end`` (offsets into the document's canonical text), ``path``,
    ``indicator_raw`` (as extracted), ``note`` (how a missing name was completed), ``item_id``.

    ``items`` gives the extracted items per document (default: :func:`speechkit.extract`).
    """
    import pandas as pd

    from ..extraction import extract

    documents = as_documents(docs)
    if items is not None and len(items) != len(documents):
        raise ValueError(f"{len(items)} item lists for {len(documents)} documents")
    rows = []
    for i, doc in enumerate(documents):
        rows.extend(_rows_for(doc, i, items[i] if items is not None else extract(doc)))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    return frame


def _label(value: float, value_high: object, unit: object, comparator: object) -> str:
    high = value_high if isinstance(value_high, (int, float)) and value_high == value_high else None
    v = f"{value:g}" if high is None else f"{value:g}-{high:g}"
    unit_s = unit if isinstance(unit, str) else ""
    comp = comparator if isinstance(comparator, str) and comparator != "区间" else ""
    return f"{v}{unit_s}{comp}"


def series_table(df: pd.DataFrame, *, label: bool = False, min_years: int = 1) -> pd.DataFrame:
    """Indicator × year: the value of the first target of each indicator in each year's document(s)
    (``label=True``: the value as written, ``6%左右``), for indicators with values in at least
    ``min_years`` years. Rows are ordered by first appearance, columns by year.

    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2018, 2019, 2019], "indicator": ["地区生产总值增长"] * 3,
    ...     "value": [6.0, 3.5, 9.9], "value_high": [None] * 3, "unit": ["%"] * 3, "comparator": ["左右"] * 3})
    >>> series_table(df, label=True).to_dict("index")
    {'地区生产总值增长': {2018: '6%左右', 2019: '3.5%左右'}}
    """
    import pandas as pd

    data = df.dropna(subset=["year", "indicator"])
    data = data.drop_duplicates(subset=["indicator", "year"], keep="first").copy()
    if label:
        data["cell"] = [
            _label(v, h, u, c)
            for v, h, u, c in zip(data["value"], data["value_high"], data["unit"], data["comparator"])
        ]
    else:
        data["cell"] = data["value"]
    years = data.groupby("indicator", sort=False)["year"].nunique()
    keep = [ind for ind in data["indicator"].drop_duplicates() if years[ind] >= min_years]
    if not keep:
        return pd.DataFrame()
    table = data.pivot(index="indicator", columns="year", values="cell")
    table = table.reindex(index=keep, columns=sorted(table.columns))
    table.columns = [int(c) for c in table.columns]
    table.columns.name = "year"
    table.index.name = "indicator"
    return table
