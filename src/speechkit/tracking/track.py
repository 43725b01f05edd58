"""Track items against project data: each target, problem and task gets figures, a status and a short
progress sentence.

``track(items, projects)`` links every item (:mod:`speechkit.tracking.links`), computes the figures of its
indicators (:mod:`speechkit.tracking.catalogue`) for the period and the period before, and judges a status:

=========  ==============================================================================================
status     rule
=========  ==============================================================================================
无数据     the item has no link, or none of its indicators has a figure and it concerns no project
已完成     a target with a number: the current figure reaches it (≥, or ≤ for 以内/以下/不超过/控制在);
           an item whose linked projects are all 竣工/投产
进行中     a target with a number: the figure is on pace, i.e. at least ``value × share of the period
           gone by`` (pro rata in time, ``as_of`` = the project table's latest date); a share or other
           level target not reached yet while the period runs; any other item: its indicator improved
           against the previous period (read by the indicator's direction: more 签约 is better, more 停工
           is worse), or, without a previous figure, a more-is-better figure above 0; linked projects
           under way (开工/在建)
滞后       behind pace; a level target not reached when the period is over; an indicator that worsened
           (停工和流失的项目逐渐增多 with more 停工 this period than last); a linked project 停工/流失; a
           deadline (``deadline_iso``) passed before ``as_of`` without 已完成
未开始     the period has not begun (pro-rata share 0); the indicator did not move; the linked projects
           are all before 开工 (洽谈/签约/注册)
=========  ==============================================================================================

An item that names an indicator outright (新开工亿元以上, 专人负责) is judged by those alone; looser wordings
(``weak`` in ``data/indicators.toml``: 重大项目, 质量贡献) count only for an item that names none.
An item with several indicators takes the worst: any 滞后 → 滞后, all 已完成 → 已完成, else 进行中 if any
is, else 未开始. Tasks linked to projects by name are judged by the projects; other items by indicators
first, projects second.

**The period.** ``period`` when given; otherwise an item's own period (``period_iso``, e.g. a target "到
2024年底"); otherwise the period the document deploys work for (:func:`plan_period`); otherwise the
document's year (``doc.meta.date``); without a document date, the span of the project table's dates;
without either, the current year.

A mid-year meeting ("2024年上半年…工作总结暨下半年工作安排部署会议") is tracked over 下半年 against 上半年:
the 督查 office follows up the work the meeting deployed (its targets: 项目数量"多", 开工活跃"热") and asks
of each problem it diagnosed in 上半年 (新开工亿元以上项目少, 停工和流失的项目逐渐增多) whether 下半年 did
better. ``--period 2024H1`` gives the meeting's own baseline instead: 上半年 against 2023年下半年. ``previous`` defaults to the period of the same kind just before
(:meth:`Period.previous`: 下半年 → 上半年).

>>> import pandas as pd
>>> from speechkit.extraction.items import Item
>>> frame = pd.DataFrame({"project_id": ["P1", "P2", "P3"], "name": ["甲项目", "乙项目", "丙项目"],
...     "investment": [1.0, 2.0, 3.0], "status": ["停工", "停工", "停工"], "started": pd.NaT, "finished": pd.NaT,
...     "signed": pd.to_datetime(["2024-03-01", "2024-08-01", "2024-09-01"])})
>>> items = [Item(id="P-1", kind="problem", title="停工增多", text="停工的项目逐渐增多", start=0, end=9)]
>>> t = track(items, frame, period=Period.half(2024, 2))
>>> t.frame.loc[0, "indicator"], t.frame.loc[0, "status"]
('停工项目数', '滞后')
>>> t.frame.loc[0, "progress"]
'2024年上半年停工项目数1个，下半年2个，增加1个'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..extraction.items import Item
from .catalogue import (
    STATUSES,
    WEAK,
    Figure,
    Indicator,
    amount_text,
    catalogue,
    data_as_of,
    figure,
    trend,
)
from .links import Links, describe, link
from .periods import Period
from .schema import FIGURE_COLUMNS, PROJECT_COLUMNS, STATES
from .schema import TRACKING_COLUMNS as FRAME_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

    from ..document import Document

__all__ = [
    "FRAME_COLUMNS",
    "PROJECT_COLUMNS",
    "STATES",
    "Tracking",
    "default_period",
    "empty_projects",
    "plan_period",
    "project_tracker",
    "track",
]

_UPPER = ("以内", "以下", "不高于", "不超过", "控制在", "低于")
_DONE = frozenset(("竣工", "投产"))
_STOPPED = frozenset(("停工", "流失"))
_UNDERWAY = frozenset(("开工", "在建"))


@dataclass(frozen=True, eq=False)
class Tracking:
    """What :func:`track` found.

    * ``frame``: one row per item — ``item_id, kind, indicator, current_value, previous_value, unit,
      status, progress, projects, link_score, evidence`` (then ``period, previous_period, indicators,
      project_ids`` for tools);
    * ``figures``: one row per item, indicator and period — ``item_id, indicator, period, value, unit,
      status`` (then ``label, role, start, end, note``); ``role`` is ``current`` or ``previous``, and
      ``status`` is the indicator's own status on current rows, empty on previous ones;
    * ``unmatched``: ids of the items with no link at all.
    """

    frame: pd.DataFrame
    figures: pd.DataFrame
    unmatched: tuple[str, ...]
    period: Period
    previous: Period
    as_of: date | None
    links: Links = field(repr=False)


def empty_projects() -> pd.DataFrame:
    """A canonical project frame with no rows (for a speech tracked without project data)."""
    import pandas as pd

    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in PROJECT_COLUMNS})
    frame["investment"] = frame["investment"].astype(float)
    for c in ("signed", "started", "finished"):
        frame[c] = pd.to_datetime(frame[c])
    return frame


# the period a title or occasion deploys work for: 下半年工作安排, 三季度工作部署, 2025年工作计划 …
_PLAN = re.compile(
    r"(?:(\d{4})年)?(上半年|下半年|[一二三四]季度|第[一二三四]季度)[^，。、；]{0,8}?"
    r"(?:工作)?(?:安排|部署|计划|打算|要点|任务)"
)


def plan_period(doc: Document) -> Period | None:
    """The part of the year the document deploys work for, when its title or occasion names one: a
    mid-year meeting "上半年…工作总结暨下半年工作安排部署会议" plans for 下半年. The year is the one named
    before it, else the document's year.

    >>> from speechkit.document import Document, Meta
    >>> meta = Meta(title="在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话", date="2024")
    >>> plan_period(Document("", (), (), meta)).label
    '2024年下半年'
    >>> plan_period(Document("", (), (), Meta(title="2024年上半年工作总结", date="2024"))) is None
    True
    """
    from ..extraction.dates import parse_doc_date

    parsed = parse_doc_date(doc.meta.date)
    year = parsed[0].year if parsed is not None else None
    found = None
    for text in (doc.meta.title, doc.meta.occasion):
        for m in _PLAN.finditer(text or ""):
            found = m
        if found is not None:
            break
    if found is None:
        return None
    named = re.findall(r"(\d{4})年", (found.string[: found.start(2)]))
    y = int(found.group(1) or (named[-1] if named else 0) or year or 0)
    if not y:
        return None
    return Period.parse(f"{y}年{found.group(2).lstrip('第')}")


def default_period(doc: Document | None, frame: pd.DataFrame | None) -> Period:
    """The period the document plans for (:func:`plan_period`: 下半年 of a mid-year meeting), else the
    document's year (``doc.meta.date``), else the span of the project dates, else this year.

    >>> from speechkit.document import Document, Meta
    >>> default_period(Document("", (), (), Meta(date="2024-07-10")), None).label
    '2024年'
    """
    from ..extraction.dates import parse_doc_date

    if doc is not None:
        planned = plan_period(doc)
        if planned is not None:
            return planned
    parsed = parse_doc_date(doc.meta.date) if doc is not None else None
    if parsed is not None:
        return Period.year(parsed[0].year)
    if frame is not None:
        import pandas as pd

        dates = [
            pd.to_datetime(frame[c], errors="coerce") for c in ("signed", "started", "finished") if c in frame
        ]
        lo = [s.min() for s in dates if s.notna().any()]
        hi = [s.max() for s in dates if s.notna().any()]
        if lo:
            return Period(min(lo).date(), max(hi).date())
    return Period.year(date.today().year)


# ---------------------------------------------------------------------------------------------
# statuses


def _goal(item: Item, ind: Indicator) -> float | None:
    """The item's number in the indicator's unit, when they measure the same thing."""
    from ..extraction.numbers import unit_info

    if item.value is None:
        return None
    if not item.unit:
        return float(item.value) if ind.unit in ("个", "次") else None
    a, b = unit_info(item.unit), unit_info(ind.unit)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    if a.dimension == "count":
        return float(item.value)
    return float(item.value) * a.factor / b.factor


def _target_status(
    item: Item, ind: Indicator, cur: float, goal: float, period: Period, as_of: date | None
) -> str:
    when = as_of or date.today()
    over = when >= period.end
    if item.comparator in _UPPER:
        if cur <= goal:
            return "已完成" if over else "进行中"
        return "滞后"
    if cur >= goal:
        return "已完成"
    pro_rata = ind.aggregate == "count" or (ind.aggregate == "sum" and ind.date != "none")
    if not pro_rata or ind.date == "none":
        return "滞后" if over else "进行中"
    share = period.elapsed(when)
    if share <= 0:
        return "未开始"
    return "进行中" if cur >= goal * share else "滞后"


def _trend_status(ind: Indicator, cur: float, prev: float | None) -> str:
    t = trend(ind, cur, prev)
    if t is None:
        if ind.direction == "up":
            return "进行中" if cur > 0 else "未开始"
        return "无数据"
    return {"改善": "进行中", "恶化": "滞后", "持平": "未开始"}[t]


def _worsening(ind: Indicator, cur: float | None, prev: float | None) -> float:
    """How much worse the figure got, relative to the previous one (0 when better or unknown).

    >>> _worsening(catalogue()["stalled_count"], 8, 5), _worsening(catalogue()["signed_count"], 48, 96)
    (0.6, 0.5)
    """
    if cur is None or prev is None or trend(ind, cur, prev) != "恶化":
        return 0.0
    return abs(cur - prev) / max(abs(prev), 1.0)


def _combine(states: Sequence[str]) -> str:
    known = [s for s in states if s != "无数据"]
    if not known:
        return "无数据"
    if "滞后" in known:
        return "滞后"
    if all(s == "已完成" for s in known):
        return "已完成"
    if any(s in ("进行中", "已完成") for s in known):
        return "进行中"
    return "未开始"


def _project_status(statuses: Sequence[str | None]) -> str:
    known = [s for s in statuses if s in STATUSES]
    if not known:
        return "无数据"
    if any(s in _STOPPED for s in known):
        return "滞后"
    if all(s in _DONE for s in known):
        return "已完成"
    if any(s in _UNDERWAY or s in _DONE for s in known):
        return "进行中"
    return "未开始"


def _deadline_passed(item: Item, as_of: date | None) -> bool:
    if not item.deadline_iso or as_of is None:
        return False
    try:
        end = date.fromisoformat(item.deadline_iso.split("/")[-1])
    except ValueError:
        return False
    return end < as_of


# ---------------------------------------------------------------------------------------------
# progress sentences


def _short(label: str, other: Period) -> str:
    """下半年 instead of 2024年下半年 after 2024年上半年 was named."""
    y = f"{other.start.year}年"
    return label[len(y) :] if label.startswith(y) and len(label) > len(y) else label


def _sentence(cur: Figure, prev: Figure) -> str:
    if cur.value is None:
        return f"{cur.label}无数据（{cur.note}）" if cur.note else f"{cur.label}无数据"
    if prev.value is None:
        return f"{cur.period.label}{cur.label}{cur.text}"
    diff = cur.value - prev.value
    change = (
        "持平" if abs(diff) < 1e-9 else f"{'增加' if diff > 0 else '减少'}{amount_text(abs(diff), cur.unit)}"
    )
    if cur.unit == "%" and abs(diff) >= 1e-9:
        change = f"{'提高' if diff > 0 else '下降'}{abs(round(diff, 1)):g}个百分点"
    return f"{prev.period.label}{cur.label}{prev.text}，{_short(cur.period.label, prev.period)}{cur.text}，{change}"


def _join(sentences: Sequence[str], limit: int = 8) -> str:
    """At most ``limit`` sentences, then 等N项指标."""
    unique = list(dict.fromkeys(sentences))
    if len(unique) <= limit + 1:
        return "；".join(unique)
    return "；".join(unique[:limit]) + f"；等{len(unique)}项指标"


def _projects_sentence(statuses: Sequence[str | None]) -> str:
    counts = {s: sum(1 for x in statuses if x == s) for s in STATUSES}
    parts = [f"{n}个{s}" for s, n in counts.items() if n]
    unknown = len(statuses) - sum(counts.values())
    if unknown:
        parts.append(f"{unknown}个状态不明")
    return f"关联项目{len(statuses)}个：" + "、".join(parts)


# ---------------------------------------------------------------------------------------------


def track(
    items: Sequence[Item],
    projects_frame: pd.DataFrame | None,
    *,
    doc: Document | None = None,
    period: Period | None = None,
    previous: Period | None = None,
    as_of: date | None = None,
) -> Tracking:
    """Figures, status and progress of every item against a canonical project frame (may be None: then
    every figure is "no data"). See the module docstring for the rules and the default period."""
    import pandas as pd

    frame = projects_frame if projects_frame is not None else empty_projects()
    base = period or default_period(doc, frame)
    as_of = as_of or data_as_of(frame)
    links = link(items, frame, doc=doc)
    cat = catalogue()
    by_id = frame.set_index(frame["project_id"].astype(str)) if len(frame) else None

    rows, fig_rows = [], []
    for it, lk in zip(items, links.items):
        p = base
        if period is None and it.period_iso:
            try:
                p = Period.from_iso(it.period_iso)
            except ValueError:
                p = base
        prev = previous or p.previous()
        states: list[str] = []
        sentences: list[str] = []
        worse: list[float] = []
        primary = lk.primary
        cur_v = prev_v = None
        unit = None
        # a looser wording (weak phrase, score 0.6: 重大项目 → 亿元以上签约项目数) counts only when the item
        # names no indicator outright: 专人负责 … 重大项目挂钩推进 is judged by 专人负责, not by 签约
        strong = [il for il in lk.indicators if il.score > WEAK]
        for il in strong or lk.indicators:
            ind = cat[il.indicator]
            cur = figure(ind, frame, p, as_of=as_of)
            old = figure(ind, frame, prev, as_of=as_of)
            goal = _goal(it, ind) if it.kind == "target" and il is primary else None
            if cur.value is None:
                st = "无数据"
            elif goal is not None:
                st = _target_status(it, ind, cur.value, goal, p, as_of)
            else:
                st = _trend_status(ind, cur.value, old.value)
            states.append(st)
            sentences.append(_sentence(cur, old))
            worse.append(_worsening(ind, cur.value, old.value))
            if il is primary:
                cur_v, prev_v, unit = cur.value, old.value, ind.unit
            for f, role in ((cur, "current"), (old, "previous")):
                fig_rows.append(
                    {
                        "item_id": it.id,
                        "indicator": ind.id,
                        "period": f.period.label,
                        "value": f.value,
                        "unit": f.unit,
                        "status": st if role == "current" else None,
                        "label": f.label,
                        "role": role,
                        "start": f.period.start,
                        "end": f.period.end,
                        "note": f.note,
                    }
                )
        named = [x for x in lk.projects if x.via == "name"]
        proj_status: list[str | None] = []
        if by_id is not None and "status" in frame.columns:
            for x in named or lk.projects:
                s = by_id.loc[x.project_id, "status"] if x.project_id in by_id.index else None
                if isinstance(s, pd.Series):
                    s = s.iloc[0]
                proj_status.append(s if isinstance(s, str) else None)
        ind_state = _combine(states)
        proj_state = _project_status(proj_status) if proj_status else "无数据"
        if it.kind == "task" and named:
            status = proj_state if proj_state != "无数据" else ind_state
        else:
            status = ind_state if ind_state != "无数据" else proj_state
        if status in ("未开始", "进行中") and _deadline_passed(it, as_of):
            status = "滞后"
        # what went wrong first, the worst change first (停工 5 → 8 before 新开工 59 → 53): the ledger
        # shows a few sentences
        order = sorted(range(len(sentences)), key=lambda k: (states[k] != "滞后", -worse[k]))
        progress = _join([sentences[k] for k in order])
        if proj_status:
            progress = "；".join(x for x in (progress, _projects_sentence(proj_status)) if x)
        rows.append(
            {
                "item_id": it.id,
                "kind": it.kind,
                "indicator": primary.label if primary else None,
                "current_value": cur_v,
                "previous_value": prev_v,
                "unit": unit,
                "status": status,
                "progress": progress,
                "projects": [x.name for x in lk.projects],
                "link_score": lk.score if lk.linked else None,
                "evidence": describe(lk),
                "period": p.label,
                "previous_period": prev.label,
                "indicators": [x.indicator for x in lk.indicators],
                "project_ids": [x.project_id for x in lk.projects],
            }
        )
    out = pd.DataFrame(
        rows, columns=[*FRAME_COLUMNS, "period", "previous_period", "indicators", "project_ids"]
    )
    for c in ("current_value", "previous_value", "link_score"):
        out[c] = out[c].astype(float)
    figs = pd.DataFrame(fig_rows, columns=[*FIGURE_COLUMNS, "label", "role", "start", "end", "note"])
    figs["value"] = figs["value"].astype(float)
    return Tracking(out, figs, links.unmatched, base, previous or base.previous(), as_of, links)


def project_tracker(
    projects: str | Path | pd.DataFrame,
    *,
    period: str | Period | None = None,
    mapping: Mapping[str, str] | str | Path | None = None,
    table: str | None = None,
) -> Callable[[Document, Sequence[Item]], pd.DataFrame]:
    """A function ``(doc, items) -> tracking frame`` for :func:`speechkit.report.html.build_report`: it
    reads ``projects`` (a path or URL for :func:`~speechkit.tracking.projects.read_projects`, or a
    canonical frame), parses ``period`` against the document's date (``下半年``, ``2024H2``) and calls
    :func:`track`. ``speechkit report FILE --projects DATA`` uses it.

    >>> fn = project_tracker(empty_projects(), period="2024H2")
    >>> import speechkit
    >>> doc = speechkit.from_text("同志们：一、抓实招商引资。一是推进效率慢。停工和流失的项目逐渐增多。")
    >>> fn(doc, speechkit.extract(doc))[["indicator", "status"]].values.tolist()[-1]
    ['停工项目数', '无数据']
    """

    def run(doc: Document, items: Sequence[Item]) -> pd.DataFrame:
        if isinstance(projects, (str, Path)):
            from .projects import read_projects

            frame = read_projects(projects, mapping=mapping, table=table).frame
        else:
            frame = projects
        p = Period.parse(period, doc_date=doc.meta.date) if isinstance(period, str) else period
        return track(items, frame, doc=doc, period=p).frame

    return run
