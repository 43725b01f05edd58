"""Target values across a series of reports: one row per quantified target of each document, with the
indicator name normalised so the same indicator lines up across years (地区生产总值增长 / GDP增长 /
经济增长 → ``地区生产总值增长``), and a pivot of indicator × year.

The targets come from :func:`speechkit.extract` (``kind == 'target'`` with a value); their indicator
name as written, measure (level / change / points) and signed value come from the shared indicator
vocabulary and parser, :mod:`speechkit.extraction.indicators` (``data/indicators/``):

1. the name is normalised by :func:`~speechkit.extraction.indicators.canonical_indicator` with the budget
   scope dropped (区本级固定资产投资 and 全社会固定资产投资 are one series), falling back to the name as
   written without scope words (:func:`~speechkit.extraction.indicators.clean_name`); a bare verb
   (完成, 新建 …: ``non_names.txt``) gives no indicator;
2. a change gets the suffix 增长 (下降 for a fall, with its magnitude as value and the comparator as
   written), unless the name is a rate or share itself; a level keeps the bare name: 地区生产总值增长 8 %
   and 地区生产总值 296 亿元 are two series;
3. a target whose indicator is named before its own text (``地区生产总值增长8%，|达到296亿元|``) is marked
   ``note = 'inherited'``; names joined by 、 or 城乡 with one value each or one value for all
   (``城镇…、农村…均增长8%``, ``城乡…分别增长7%和8%``), and a change with the level it reaches
   (``地区生产总值增长8%，达到296亿元``), give one row each (``note = 'split'``).

>>> from speechkit import from_text
>>> doc = from_text("2015年政府工作报告\\n今年主要预期目标是：地区生产总值增长8%，达到296亿元；"
...                 "社会消费品零售总额增长11.5%。", source="report_2015.txt")
>>> target_series(doc)[["year", "indicator", "value", "unit"]].values.tolist()
[[2015, '地区生产总值增长', 8.0, '%'], [2015, '地区生产总值', 296.0, '亿元'], [2015, '社会消费品零售总额增长', 11.5, '%']]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..document import Document
from ..extraction.indicators import canonical_indicator, clean_name, parse_statement, vocabulary
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
_RATE_END = ("率", "比重", "比例", "占比", "强度", "价格", "指数", "涨幅", "增速")
_FLIP = {"以上": "以内", "不低于": "不超过", "以内": "以上", "不超过": "不低于"}


def series_name(indicator: str | None) -> str | None:
    """The series name of an indicator as written: canonical without the budget scope, else the name
    without scope words; None for a bare verb.

    >>> series_name("区本级固定资产投资"), series_name("GDP"), series_name("数字经济核心产业增加值"), series_name("完成")
    ('固定资产投资', '地区生产总值', '数字经济核心产业增加值', None)
    """
    canon = canonical_indicator(indicator, scope=False)
    if canon is not None:
        return canon
    name = clean_name(indicator)
    return None if not name or name in vocabulary().non_names else name


def _suffix(name: str, measure: str | None, value: float) -> str:
    if measure not in ("change", "points") or name.endswith(_RATE_END):
        return ""
    return "增长" if value >= 0 else "下降"


def _rows_for(doc: Document, index: int, items: Sequence[Item]) -> list[tuple[object, ...]]:
    year = doc_year(doc)
    path = doc_label(doc, index)
    rows: list[tuple[object, ...]] = []
    for it in sorted((i for i in items if i.kind == "target"), key=lambda i: i.start):
        if it.value is None:
            continue
        note = "inherited" if it.indicator and it.indicator not in it.text else ""
        # (name, value, value_high, comparator, measure, unit) per row
        values = [(series_name(it.indicator), it.value, it.value_high, it.comparator, it.measure, it.unit)]
        stated = [s for s in parse_statement(doc.text, it.start, it.end) if s.indicator]
        if stated:
            first = stated[0]
            group = [s for s in stated if (s.start, s.name_end) == (first.start, first.name_end)]
            names = {canonical_indicator(s.indicator, scope=False) for s in group}
            # one value per name (城镇、农村…分别增长), or a change and a level of one name (增长6%，达到500亿元)
            measures = {s.measure for s in group}
            if len(group) > 1 and (len(names) == len(group) or len(measures) == len(group)):
                values = [
                    (
                        canonical_indicator(s.indicator, scope=False),
                        s.value,
                        s.value_high,
                        s.comparator,
                        s.measure,
                        s.unit,
                    )
                    for s in group
                ]
                note = "split"
        for name, value, high, comp, measure, unit in values:
            grow = _suffix(name, measure, value) if name else ""
            if grow == "下降":  # the magnitude of a fall, the comparator as written
                value, high = -value, (None if high is None else -high)
                comp = _FLIP.get(comp, comp) if comp else comp
            rows.append(
                (
                    year,
                    (name + grow) if name else None,
                    value,
                    high,
                    unit,
                    comp,
                    it.strength,
                    it.period,
                    it.text,
                    it.start,
                    it.end,
                    path,
                    it.indicator,
                    note,
                    it.id,
                )
            )
    return rows


def target_series(docs: DocsLike, items: Sequence[Sequence[Item]] | None = None) -> pd.DataFrame:
    """Quantified targets of each document, one row per target (see the module for the normalisation):
    ``year`` (the document's date, else a year in its file name), ``indicator`` (normalised), ``value``,
    ``value_high``, ``unit``, ``comparator`` (左右/以上/以内…), ``strength`` (确保/力争), ``period``,
    ``text``, ``start``, ``end`` (offsets into the document's canonical text), ``path``,
    ``indicator_raw`` (as extracted), ``note`` (inherited: named before the target's own text; split:
    one row of several stated together), ``item_id``.

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
