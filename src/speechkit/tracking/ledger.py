"""The 督查督办 ledger (任务台账): one row per target, problem and task of a speech, with its owners,
deadline, indicator, target and current value, progress, status and linked projects, as offices keep it
in Excel — and an update that merges a new extraction or a new project snapshot into a ledger people
have already edited, without losing their edits.

Columns, in order: 序号, 类别, 任务/目标内容, 原文出处, 牵头单位, 配合单位, 责任领导, 完成时限, 指标, 目标值,
当前值, 进展情况, 状态, 关联项目, 依据, 标记, 编号. ``编号`` is the item's stable id and the merge key;
``标记`` says 新增 (appended by this update) or 原文已删除 (the item is gone from the speech).

**Who owns a cell.** Every column above is written by the machine, and the machine keeps a copy of what
it last wrote in a hidden sheet ``_speechkit``. On ``--update`` a cell is refreshed only while it still
holds what the machine last wrote (or is empty and the machine never wrote it): a cell a person changed —
牵头单位 filled in, 状态 set, 进展情况 written, even 当前值 overwritten — is theirs and is kept. Columns a
person added (备注 …), rows without 编号, the sheet's formatting and other sheets are kept; 序号 is never
renumbered. Rows are matched by 编号, else (the text was edited, so the id changed) by the text's
character-bigram Dice ≥ 0.6 within the same 类别. Items that vanished are marked 原文已删除, never
deleted; new items are appended. The sheet ``指标`` (indicator figures) is machine-owned and rebuilt.
Without the hidden sheet (a ledger from elsewhere), only empty cells are filled.

The previous file is kept as ``NAME.bak-YYYYmmdd-HHMMSS.xlsx`` beside it; every write is atomic.

>>> import speechkit
>>> doc = speechkit.from_text("同志们：一、抓实招商引资。一是考核成绩差。被认定新签约项目少。二是推进效率慢。停工和流失的项目逐渐增多。")
>>> led = build_ledger(doc, speechkit.extract(doc), None, period=Period.half(2024, 2))
>>> [(r["类别"], r["指标"], r["状态"]) for r in led.rows][-2:]
[('问题', '新签约项目数', '无数据'), ('问题', '停工项目数', '无数据')]
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, MissingDependencyError
from ..export import KIND_ZH, atomic_write
from ..extraction.indicators import COMPARATOR_FLIP as _FLIP
from ..extraction.items import Item
from ..extraction.matching import bigrams, dice
from .catalogue import Period, catalogue, compare
from .track import STATES, Tracking, track

if TYPE_CHECKING:
    import pandas as pd
    from openpyxl.worksheet.worksheet import Worksheet

    from ..document import Document

__all__ = [
    "COLUMNS",
    "MACHINE_SHEET",
    "Ledger",
    "LedgerRun",
    "LedgerUpdate",
    "build_ledger",
    "record_history",
    "render_ledger",
    "run_ledger",
    "update_ledger",
    "write_ledger",
]

COLUMNS = (
    "序号",
    "类别",
    "任务/目标内容",
    "原文出处",
    "牵头单位",
    "配合单位",
    "责任领导",
    "完成时限",
    "指标",
    "目标值",
    "当前值",
    "进展情况",
    "状态",
    "关联项目",
    "依据",
    "标记",
    "编号",
)
KEY = "编号"
SHEET = "台账"
FIGURES_SHEET = "指标"
MACHINE_SHEET = "_speechkit"
SCHEMA = "speechkit-ledger/1"
NEW, GONE = "新增", "原文已删除"
FUZZY = 0.6
_HEADER_ROW = 2  # row 1 holds the title
_LEADER = re.compile(r"(?:书记|县长|市长|区长|州长|旗长|镇长|乡长|主任|局长|部长|领导|同志)$")
_WIDTH = {  # (minimum, maximum) display width, CJK characters counting 2
    "序号": (6, 6),
    "类别": (6, 6),
    "任务/目标内容": (40, 60),
    "原文出处": (14, 26),
    "牵头单位": (12, 20),
    "配合单位": (12, 20),
    "责任领导": (10, 14),
    "完成时限": (12, 12),
    "指标": (14, 22),
    "目标值": (10, 14),
    "当前值": (10, 16),
    "进展情况": (30, 50),
    "状态": (9, 9),
    "关联项目": (16, 34),
    "依据": (24, 44),
    "标记": (10, 12),
    "编号": (12, 12),
}
_WRAP = frozenset(
    ("任务/目标内容", "原文出处", "牵头单位", "配合单位", "指标", "进展情况", "关联项目", "依据")
)
_STATUS_FILL = {
    "滞后": "FFC7CE",
    "已完成": "C6EFCE",
    "进行中": "FFEB9C",
    "未开始": "DDEBF7",
    "无数据": "EDEDED",
}


@dataclass(frozen=True, eq=False)
class Ledger:
    """A ledger ready to write: ``rows`` (dicts keyed by :data:`COLUMNS`), its ``title``, number formats
    per cell (``formats[i][column]``), the indicator comparison for the ``指标`` sheet, and the tracking."""

    title: str
    rows: tuple[dict[str, Any], ...]
    formats: tuple[dict[str, str], ...]
    figures: pd.DataFrame
    tracking: Tracking


@dataclass(frozen=True)
class LedgerUpdate:
    """What an update did: rows matched by 编号 and by text, appended, marked 原文已删除, and the cells
    kept because a person had edited them (``(编号, column)``)."""

    matched: int = 0
    matched_by_text: int = 0
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    kept: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    backup: str | None = None


# ---------------------------------------------------------------------------------------------
# rows


def _source(item: Item, by_id: Mapping[str, Item]) -> str:
    """原文出处: the section path and the titles of the enclosing items, ``一.2 抓实招商引资›推进效率慢``;
    ``开篇`` for what stands before the first numbered point."""
    titles = [item.title]
    seen = {item.id}
    parent = by_id.get(item.parent or "")
    while parent is not None and parent.id not in seen:
        titles.insert(0, parent.title)
        seen.add(parent.id)
        parent = by_id.get(parent.parent or "")
    if not item.section:
        return "开篇"
    return f"{item.section} {'›'.join(t for t in titles if t)}"


def _end_date(iso: str | None) -> date | None:
    if not iso or "/" not in iso:
        return None
    try:
        return date.fromisoformat(iso.split("/")[-1])
    except ValueError:
        return None


def _num_format(value: float, unit: str | None, suffix: str = "") -> str:
    unit = (unit or "") + suffix
    lit = f'"{unit}"' if unit else ""
    if unit.startswith("%"):
        return f"0.0{lit}"
    return f"#,##0{lit}" if float(value).is_integer() else f"#,##0.0#{lit}"


def _target_value(item: Item) -> tuple[Any, str]:
    if item.kind != "target":
        return None, ""
    if item.value is not None and item.value_high is not None:
        return f"{item.value:g}-{item.value_high:g}{item.unit or ''}", ""
    if item.value is not None:
        comp = item.comparator if item.comparator and item.comparator != "区间" else ""
        if item.measure in ("change", "points"):
            # a signed change reads as the report wrote it: 增长6%左右 / 下降2.5%以上 (Excel shows the
            # negative section without its minus sign; the comparator of a fall is read on its size)
            up, down = ("增长", "下降") if item.measure == "change" else ("提高", "降低")
            flipped = _FLIP.get(comp, comp)
            pos = f'"{up}"' + _num_format(abs(item.value), item.unit, comp)
            neg = f'"{down}"' + _num_format(abs(item.value), item.unit, flipped)
            return float(item.value), f"{pos};{neg}"
        return float(item.value), _num_format(item.value, item.unit, comp)
    return item.level, ""


def build_ledger(
    doc: Document,
    items: Sequence[Item],
    projects: pd.DataFrame | None,
    *,
    period: Period | None = None,
    previous: Period | None = None,
) -> Ledger:
    """Track ``items`` against ``projects`` (a canonical project frame, or None) and lay out the ledger."""
    t = track(items, projects, doc=doc, period=period, previous=previous)
    leaders_of: dict[str, str] = {}
    if projects is not None and "leader" in projects.columns and len(projects):
        leaders_of = {
            str(p): str(v)
            for p, v in zip(projects["project_id"], projects["leader"])
            if isinstance(v, str) and v
        }
    cat = catalogue()
    by_id = {it.id: it for it in items}
    rows: list[dict[str, Any]] = []
    formats: list[dict[str, str]] = []
    for n, (it, tr) in enumerate(zip(items, t.frame.itertuples(index=False)), 1):
        lk = t.links.get(it.id)
        owners = [o for o in it.owner if not _LEADER.search(o)]
        leaders = [o for o in it.owner if _LEADER.search(o)]
        if not leaders:
            named = [x.project_id for x in lk.projects if x.via == "name"]
            leaders = list(dict.fromkeys(leaders_of[p] for p in named if p in leaders_of))
        deadline: Any = _end_date(it.deadline_iso) or (
            _end_date(it.period_iso) if it.kind == "target" else None
        )
        if deadline is None and it.deadline:
            deadline = it.deadline
        target, target_fmt = _target_value(it)
        current = None if tr.current_value != tr.current_value else float(tr.current_value)
        primary = lk.primary
        basis = ""
        if primary is not None:
            basis = f"口径：{cat[primary.indicator].basis}；{tr.period}对比{tr.previous_period}"
        projects_text = "、".join(tr.projects[:8]) + (
            f"等{len(tr.projects)}个" if len(tr.projects) > 8 else ""
        )
        rows.append(
            {
                "序号": n,
                "类别": KIND_ZH.get(it.kind, it.kind),
                "任务/目标内容": it.text,
                "原文出处": _source(it, by_id),
                "牵头单位": owners[0] if owners else None,
                "配合单位": "、".join([*owners[1:], *it.support]) or None,
                "责任领导": "、".join(leaders) or None,
                "完成时限": deadline,
                "指标": tr.indicator if isinstance(tr.indicator, str) else it.indicator,
                "目标值": target,
                "当前值": current,
                "进展情况": tr.progress or None,
                "状态": tr.status,
                "关联项目": projects_text or None,
                "依据": "；".join(x for x in (tr.evidence, basis) if x) or None,
                "标记": None,
                KEY: it.id,
            }
        )
        fmt: dict[str, str] = {}
        if target_fmt:
            fmt["目标值"] = target_fmt
        if current is not None:
            fmt["当前值"] = _num_format(current, tr.unit)
        formats.append(fmt)
    figs = compare(projects if projects is not None else _empty(), t.period, t.previous, as_of=t.as_of)
    title = f"{doc.meta.title or doc.source or '讲话'}目标任务台账（{t.period.label}）"
    return Ledger(title, tuple(rows), tuple(formats), figs, t)


def _empty() -> pd.DataFrame:
    from .track import empty_projects

    return empty_projects()


# ---------------------------------------------------------------------------------------------
# csv / jsonl


def _plain(v: Any) -> Any:
    if isinstance(v, (datetime, date)):
        return v.isoformat()[:10]
    if isinstance(v, float):
        return None if math.isnan(v) else int(v) if v.is_integer() else v
    return v


def render_ledger(ledger: Ledger, fmt: str) -> bytes:
    """The ledger as ``xlsx``, ``csv`` (UTF-8 with BOM, for Excel) or ``jsonl`` (same keys) bytes."""
    if fmt == "xlsx":
        return _xlsx_new(ledger)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(COLUMNS)
        for r in ledger.rows:
            w.writerow(["" if _plain(r[c]) is None else _plain(r[c]) for c in COLUMNS])
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "jsonl":
        return "".join(
            json.dumps({c: _plain(r[c]) for c in COLUMNS}, ensure_ascii=False) + "\n" for r in ledger.rows
        ).encode()
    raise ValueError(f"unknown ledger format {fmt!r}; expected xlsx, csv or jsonl")


# ---------------------------------------------------------------------------------------------
# xlsx


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise MissingDependencyError('the xlsx ledger needs openpyxl: pip install "openpyxl>=3.1"') from exc
    return openpyxl


def _width(s: Any) -> int:
    text = _plain(s)
    if text is None:
        return 0
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.body = Font(name="宋体", size=10)
        self.key = Font(name="宋体", size=9, color="808080")
        self.header = Font(name="黑体", size=10, bold=True)
        self.title = Font(name="黑体", size=14, bold=True)
        self.header_fill = PatternFill("solid", fgColor="D9E1F2")
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.center = Alignment(horizontal="center", vertical="top", wrap_text=True)
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _put(ws: Worksheet, r: int, c: int, column: str, value: Any, fmt: str | None, st: _Styles) -> None:
    cell = ws.cell(r, c)
    cell.value = value
    cell.font = st.key if column == KEY else st.body
    cell.border = st.border
    if column in ("序号", "类别", "状态", "完成时限"):
        cell.alignment = st.center
    else:
        cell.alignment = st.wrap if column in _WRAP else st.top
    if isinstance(value, (date, datetime)):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        cell.number_format = fmt or ("0" if column == "序号" else "General")


def _row_height(ws: Worksheet, r: int, cols: Mapping[str, int]) -> None:
    from openpyxl.utils import get_column_letter

    lines = 1
    for name, c in cols.items():
        if name not in _WRAP:
            continue
        w = ws.column_dimensions[get_column_letter(c)].width or 10
        lines = max(lines, math.ceil(_width(ws.cell(r, c).value) / max(w - 1.5, 4)))
    ws.row_dimensions[r].height = min(15 + 13.5 * (lines - 1), 300)


def _decorate(ws: Worksheet, cols: Mapping[str, int], last_row: int, title: str | None, st: _Styles) -> None:
    """Header, title, widths, freeze, filter, status drop-down and colours, print setup."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last_col = ws.max_column
    if title is not None:
        ws.cell(1, 1).value = title
        ws.cell(1, 1).font = st.title
        ws.cell(1, 1).alignment = st.header_align
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
        ws.row_dimensions[1].height = 30
        for name, c in cols.items():
            cell = ws.cell(_HEADER_ROW, c)
            cell.font, cell.fill, cell.alignment, cell.border = (
                st.header,
                st.header_fill,
                st.header_align,
                st.border,
            )
            lo, hi = _WIDTH[name]
            content = max([_width(ws.cell(r, c).value) for r in range(_HEADER_ROW + 1, last_row + 1)] + [0])
            ws.column_dimensions[get_column_letter(c)].width = max(lo, min(hi, content + 2))
        ws.row_dimensions[_HEADER_ROW].height = 22
    ws.freeze_panes = ws.cell(_HEADER_ROW + 1, 3)
    ws.auto_filter.ref = f"A{_HEADER_ROW}:{get_column_letter(last_col)}{max(last_row, _HEADER_ROW + 1)}"
    # status: a drop-down list and a colour per state, replacing ours from an earlier run
    letter = get_column_letter(cols["状态"])
    span = f"{letter}{_HEADER_ROW + 1}:{letter}{max(last_row, _HEADER_ROW + 1) + 500}"
    allowed = '"' + ",".join(STATES) + '"'
    ws.data_validations.dataValidation = [
        dv for dv in ws.data_validations.dataValidation if dv.formula1 != allowed
    ]
    dv = DataValidation(type="list", formula1=allowed, allow_blank=True, showDropDown=False)
    dv.error, dv.errorTitle, dv.prompt = "请从列表中选择状态", "状态", "未开始/进行中/已完成/滞后/无数据"
    dv.add(span)
    ws.add_data_validation(dv)
    ours = {f'"{s}"' for s in _STATUS_FILL}
    from openpyxl.formatting.formatting import ConditionalFormattingList

    kept = ConditionalFormattingList()
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if not (rule.formula and set(rule.formula) <= ours):
                kept.add(str(cf.sqref), rule)
    ws.conditional_formatting = kept
    for state, color in _STATUS_FILL.items():
        ws.conditional_formatting.add(
            span,
            CellIsRule(operator="equal", formula=[f'"{state}"'], fill=PatternFill("solid", bgColor=color)),
        )
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{_HEADER_ROW}"


def _figures_sheet(wb: Any, ledger: Ledger, st: _Styles) -> None:
    from openpyxl.utils import get_column_letter

    if FIGURES_SHEET in wb.sheetnames:
        del wb[FIGURES_SHEET]
    ws = wb.create_sheet(FIGURES_SHEET, 1)
    f = ledger.figures
    t = ledger.tracking
    head = [
        "指标",
        "单位",
        f"上期（{t.previous.label}）",
        f"本期（{t.period.label}）",
        "变化",
        "趋势",
        "计算口径",
    ]
    ws.append(["由 speechkit 按项目数据计算，每次更新时重建；请勿在此表填写。"])
    ws.cell(1, 1).font = st.key
    ws.append(head)
    cat = catalogue()
    for r in f.itertuples(index=False):
        vals = [r.label, r.unit, _plain(r.previous), _plain(r.current), _plain(r.change), r.trend or "无数据"]
        ws.append([*vals, cat[r.indicator].basis])
    for c in range(1, len(head) + 1):
        cell = ws.cell(2, c)
        cell.font, cell.fill, cell.alignment, cell.border = (
            st.header,
            st.header_fill,
            st.header_align,
            st.border,
        )
        for r in range(3, ws.max_row + 1):
            cell = ws.cell(r, c)
            cell.font, cell.border = st.body, st.border
            if isinstance(cell.value, float):
                cell.number_format = "#,##0.0" if not cell.value.is_integer() else "#,##0"
            if c == 4 and cell.value is None:
                cell.value = "无数据"
    for c, w in enumerate((24, 6, 16, 16, 10, 8, 48), 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "B3"


def _machine_sheet(wb: Any, records: Mapping[str, Mapping[str, Any]], meta: Mapping[str, Any]) -> None:
    if MACHINE_SHEET in wb.sheetnames:
        del wb[MACHINE_SHEET]
    ws = wb.create_sheet(MACHINE_SHEET)
    ws.sheet_state = "hidden"
    ws.append([SCHEMA, json.dumps(meta, ensure_ascii=False)])
    ws.append(list(COLUMNS))
    for rec in records.values():
        ws.append([rec.get(c) for c in COLUMNS])


def _read_machine(wb: Any) -> dict[str, dict[str, Any]] | None:
    if MACHINE_SHEET not in wb.sheetnames:
        return None
    ws = wb[MACHINE_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    if len(rows) < 2 or rows[0][0] != SCHEMA:
        return None
    head = [str(h) if h is not None else "" for h in rows[1]]
    out = {}
    for row in rows[2:]:
        rec = dict(zip(head, row))
        if rec.get(KEY):
            out[str(rec[KEY])] = rec
    return out


def _meta(ledger: Ledger) -> dict[str, Any]:
    t = ledger.tracking
    return {
        "period": t.period.iso,
        "previous": t.previous.iso,
        "as_of": t.as_of.isoformat() if t.as_of else None,
        "written": datetime.now().isoformat(timespec="seconds"),
    }


def _xlsx_new(ledger: Ledger) -> bytes:
    openpyxl = _openpyxl()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET
    st = _Styles()
    cols = {name: i for i, name in enumerate(COLUMNS, 1)}
    for name, c in cols.items():
        ws.cell(_HEADER_ROW, c).value = name
    for i, (row, fmt) in enumerate(zip(ledger.rows, ledger.formats)):
        for name, c in cols.items():
            _put(ws, _HEADER_ROW + 1 + i, c, name, row[name], fmt.get(name), st)
    last = _HEADER_ROW + len(ledger.rows)
    _decorate(ws, cols, last, ledger.title, st)
    for r in range(_HEADER_ROW + 1, last + 1):
        _row_height(ws, r, cols)
    _figures_sheet(wb, ledger, st)
    _machine_sheet(wb, {r[KEY]: r for r in ledger.rows}, _meta(ledger))
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# update


def _norm(v: Any) -> str:
    """Cell values compared as people see them: empty = None = "", dates by day, numbers by value."""
    if v is None:
        return ""
    if isinstance(v, datetime):
        v = v.date()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        return "" if isinstance(v, float) and math.isnan(v) else f"{round(float(v), 6):g}"
    return str(v).strip()


def _find_header(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    for r in range(1, min(ws.max_row, 10) + 1):
        names = {
            str(ws.cell(r, c).value).strip(): c for c in range(1, ws.max_column + 1) if ws.cell(r, c).value
        }
        if KEY in names and "类别" in names:
            return r, names
    return None


def update_ledger(existing: bytes, ledger: Ledger, *, source: str = "ledger") -> tuple[bytes, LedgerUpdate]:
    """Merge ``ledger`` into an edited ledger workbook (its bytes); see the module docstring for the
    rules. Returns the new workbook's bytes and what was done."""
    openpyxl = _openpyxl()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(existing))
    except Exception as exc:  # zipfile/openpyxl raise many kinds on a bad file
        raise InputError(source, f"not an xlsx workbook ({type(exc).__name__})") from exc
    ws = None
    found = None
    for name in [SHEET, *wb.sheetnames]:
        if name in wb.sheetnames and name != MACHINE_SHEET:
            found = _find_header(wb[name])
            if found:
                ws = wb[name]
                break
    if ws is None or found is None:
        raise InputError(source, f"no ledger sheet: no header row with {KEY} and 类别")
    header_row, names = found
    cols = {c: names[c] for c in COLUMNS if c in names}  # columns a person deleted stay deleted
    machine = _read_machine(wb)
    st = _Styles()

    existing_rows: dict[str, int] = {}
    numbers: list[float] = []
    for r in range(header_row + 1, ws.max_row + 1):
        key = ws.cell(r, names[KEY]).value
        if key:
            existing_rows[str(key).strip()] = r
        if "序号" in names and isinstance(ws.cell(r, names["序号"]).value, (int, float)):
            numbers.append(float(ws.cell(r, names["序号"]).value))
    new_rows = {row[KEY]: (row, fmt) for row, fmt in zip(ledger.rows, ledger.formats)}

    # 1. match: same 编号, then the text of the same 类别
    pairs: dict[str, str] = {k: k for k in new_rows if k in existing_rows}
    old_left = [k for k in existing_rows if k not in pairs]
    new_left = [k for k in new_rows if k not in pairs]
    by_text = 0

    def text_of(old: str) -> tuple[str, str]:
        rec = (machine or {}).get(old) or {}
        r = existing_rows[old]
        txt = rec.get("任务/目标内容") or (
            ws.cell(r, names["任务/目标内容"]).value if "任务/目标内容" in names else ""
        )
        kind = rec.get("类别") or ws.cell(r, names["类别"]).value
        return str(txt or ""), str(kind or "")

    cands = []
    for o in old_left:
        otext, okind = text_of(o)
        og = bigrams(otext)
        for n in new_left:
            if new_rows[n][0]["类别"] != okind:
                continue
            s = dice(og, bigrams(new_rows[n][0]["任务/目标内容"]))
            if s >= FUZZY:
                cands.append((s, o, n))
    used_o: set[str] = set()
    used_n: set[str] = set()
    for _s, o, n in sorted(cands, reverse=True):
        if o in used_o or n in used_n:
            continue
        used_o.add(o)
        used_n.add(n)
        pairs[n] = o
        by_text += 1

    # 2. refresh matched rows where the person left the machine's value
    records: dict[str, dict[str, Any]] = {}
    kept: list[tuple[str, str]] = []
    for new_id, old_id in pairs.items():
        row, fmt = new_rows[new_id]
        r = existing_rows[old_id]
        last = (machine or {}).get(old_id)
        rec: dict[str, Any] = {}
        for name, c in cols.items():
            if name == "序号":
                rec[name] = ws.cell(r, c).value if last is None else last.get(name)
                continue
            current = ws.cell(r, c).value
            ours = _norm(last.get(name)) if last is not None else ""
            if _norm(current) == ours or (name == KEY and _norm(current) == old_id):
                _put(ws, r, c, name, row[name], fmt.get(name), st)
            elif _norm(current) != _norm(row[name]):
                kept.append((new_id, name))
            rec[name] = row[name]
        records[new_id] = rec

    # 3. vanished items: marked, never deleted
    removed = []
    for old_id in existing_rows:
        if old_id in pairs.values():
            continue
        removed.append(old_id)
        r = existing_rows[old_id]
        last = dict((machine or {}).get(old_id) or {KEY: old_id})
        if "标记" in cols:
            cell = ws.cell(r, cols["标记"])
            if _norm(cell.value) in ("", _norm(last.get("标记"))):
                _put(ws, r, cols["标记"], "标记", GONE, None, st)
            elif GONE not in str(cell.value):
                cell.value = f"{cell.value}；{GONE}"
        last["标记"] = GONE
        records[old_id] = last

    # 4. new items, appended after everything (rows people added included)
    added = []
    next_no = int(max(numbers, default=0)) + 1
    r = ws.max_row
    for new_id, (row, fmt) in new_rows.items():
        if new_id in pairs:
            continue
        r += 1
        row = {**row, "序号": next_no, "标记": NEW}
        next_no += 1
        for name, c in cols.items():
            _put(ws, r, c, name, row[name], fmt.get(name), st)
        _row_height(ws, r, cols)
        records[new_id] = row
        added.append(new_id)

    _decorate(ws, cols, ws.max_row, None, st)
    _figures_sheet(wb, ledger, st)
    _machine_sheet(wb, records, _meta(ledger))
    buf = io.BytesIO()
    wb.save(buf)
    report = LedgerUpdate(
        matched=len(pairs) - by_text,
        matched_by_text=by_text,
        added=tuple(added),
        removed=tuple(removed),
        kept=tuple(kept),
    )
    return buf.getvalue(), report


# ---------------------------------------------------------------------------------------------
# files


def _backup(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.bak-{stamp}{path.suffix}")
    k = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.bak-{stamp}-{k}{path.suffix}")
        k += 1
    shutil.copy2(path, target)
    return target


def write_ledger(
    ledger: Ledger, output: str | Path, *, update: str | Path | None = None
) -> LedgerUpdate | None:
    """Write ``ledger`` to ``output`` (format from the extension: .xlsx, .csv, .jsonl), atomically.

    With ``update`` (an existing .xlsx ledger), merge into it instead; when ``output`` already exists it
    is first copied to ``NAME.bak-YYYYmmdd-HHMMSS.xlsx``.
    """
    out = Path(output)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv", "jsonl"):
        raise InputError(str(out), "the ledger is written as .xlsx, .csv or .jsonl")
    if update is None:
        backup = _backup(out) if out.exists() and fmt == "xlsx" else None
        atomic_write(out, render_ledger(ledger, fmt))
        return LedgerUpdate(added=tuple(r[KEY] for r in ledger.rows), backup=str(backup) if backup else None)
    src = Path(update)
    if src.suffix.lower() != ".xlsx" or fmt != "xlsx":
        raise InputError(str(src), "--update merges into an .xlsx ledger and writes .xlsx")
    try:
        existing = src.read_bytes()
    except OSError as exc:
        raise InputError(str(src), exc.strerror or "cannot read") from exc
    data, report = update_ledger(existing, ledger, source=str(src))
    backup = _backup(out) if out.exists() else None
    atomic_write(out, data)
    return LedgerUpdate(
        report.matched, report.matched_by_text, report.added, report.removed, report.kept,
        str(backup) if backup else None,
    )  # fmt: skip


@dataclass(frozen=True, eq=False)
class LedgerRun:
    """What :func:`run_ledger` did: the ledger, the update report (None for a new file) and the id of the
    run stored in the history database (None without ``history``)."""

    ledger: Ledger
    update: LedgerUpdate | None
    run_id: int | None = None

    def __iter__(self) -> Any:  # ``led, report = run_ledger(...)`` keeps working
        return iter((self.ledger, self.update))


def record_history(
    ledger: Ledger, url: str | Path, *, projects: str | Path | None, note: str | None = None
) -> int:
    """Store the ledger's tracking figures (:attr:`Tracking.figures`, current and previous period) as one
    run in the history database ``url`` (any SQLAlchemy URL; a plain ``.db`` path is SQLite). The run
    names the project table (path and SHA-256) and the tracked period's label. Returns the ``run_id``."""
    import hashlib

    from .history import record_run

    t = ledger.tracking
    sha = None
    if projects is not None and Path(str(projects)).is_file():
        sha = hashlib.sha256(Path(str(projects)).read_bytes()).hexdigest()
    as_of = f"数据截至{t.as_of.isoformat()}" if t.as_of else None
    return record_run(
        url,
        t.figures,
        source=str(projects) if projects is not None else "",
        sha256=sha,
        period=t.period.label,
        note="；".join(x for x in (note, as_of) if x) or None,
    )


def run_ledger(
    speech: str,
    output: str | Path,
    *,
    projects: str | None = None,
    period: str | None = None,
    update: str | Path | None = None,
    history: str | Path | None = None,
) -> LedgerRun:
    """``speechkit ledger``: read the speech, extract, read the project table (``read_projects``), track,
    write or update the ledger, and with ``history`` (a database URL or ``.db`` path) store the run's
    figures (:func:`record_history`)."""
    from ..extraction import extract
    from ..load import read

    doc = read(speech)
    items = extract(doc)
    frame = None
    if projects:
        from .projects import read_projects

        frame = read_projects(projects).frame
    p = Period.parse(period, doc_date=doc.meta.date) if period else None
    led = build_ledger(doc, items, frame, period=p)
    if history is not None:
        from .db import database_url

        database_url(history)  # a bad URL fails before the ledger is written
    report = write_ledger(led, output, update=update)
    run_id = record_history(led, history, projects=projects, note=str(speech)) if history else None
    return LedgerRun(led, report, run_id)
