"""Writing results: JSON, JSONL, CSV, XLSX, Markdown and a terminal table; DataFrames at the edge.

Every file is written atomically (a temporary file in the same folder, then ``os.replace``), so an
interrupted run never leaves half a file where a good one stood.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import Document
from .errors import MissingDependencyError
from .extraction.indicators import format_value
from .extraction.items import Item

if TYPE_CHECKING:
    import pandas as pd

SCHEMA = "speechkit/1"
FORMATS = ("table", "json", "jsonl", "csv", "xlsx", "md")
COLUMNS = (
    "id",
    "kind",
    "section",
    "title",
    "owner",
    "deadline",
    "deadline_iso",
    "indicator",
    "measure",
    "value",
    "unit",
    "comparator",
    "period",
    "strength",
    "parent",
    "start",
    "end",
    "confidence",
    "via",
    "text",
)
KIND_ZH = {"target": "目标", "problem": "问题", "task": "任务"}


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def document_json(
    doc: Document, items: Sequence[Item], *, source_sha256: str | None = None
) -> dict[str, Any]:
    """The ``--format json`` document: schema, source, meta, text, outline, items."""
    return {
        "schema": SCHEMA,
        "source": {"path": doc.source, "format": doc.format, "sha256": source_sha256 or doc.sha256},
        "meta": doc.meta.to_dict(),
        "text": doc.text,
        "outline": [s.to_dict() for s in doc.outline],
        "items": [it.to_dict() for it in items],
    }


def _flat(item: Item) -> dict[str, Any]:
    d = item.to_dict()
    d["owner"] = "、".join(item.owner)
    return {k: d.get(k) for k in COLUMNS}


def items_frame(items: Iterable[Item], doc: Document | None = None) -> pd.DataFrame:
    """Items as a pandas DataFrame, one row per item; document metadata as columns when ``doc`` is given.

    >>> from speechkit.extraction.items import Item
    >>> items_frame([Item(id="T1", kind="target", title="项目数量多", text="项目数量“多”", start=0, end=7)]).loc[0, "kind"]
    'target'
    """
    import pandas as pd

    rows = [_flat(it) for it in items]
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    if doc is not None:
        frame.insert(0, "doc_title", doc.meta.title)
        frame.insert(1, "doc_date", doc.meta.date)
        frame.insert(2, "source", doc.source)
    return frame


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cut(s: str, n: int) -> str:
    out, w = "", 0
    for c in s:
        cw = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if w + cw > n - 1 and _width(s) > n:
            return out + "…"
        out += c
        w += cw
    return out


def render_table(items: Sequence[Item]) -> str:
    """A readable terminal table: kind, section, title, owner, deadline, value."""
    header = ("类别", "出处", "内容", "责任单位", "时限", "指标值")
    widths = (6, 10, 44, 22, 14, 14)
    rows = [header]
    for it in items:
        value = ""
        if it.value is not None:
            value = (
                format_value(it.value, it.unit, it.comparator, it.measure)
                if it.comparator not in ("区间",) or it.value_high is None
                else f"{it.value:g}-{it.value_high:g}{it.unit or ''}"
            )
        elif it.level:
            value = it.level
        rows.append(
            (
                KIND_ZH.get(it.kind, it.kind),
                it.section or "",
                it.title or it.text,
                "、".join(it.owner),
                it.deadline or "",
                value,
            )
        )
    lines = []
    for r in rows:
        cells = []
        for cell, w in zip(r, widths):
            cell = _cut(str(cell).replace("\n", " "), w)
            cells.append(cell + " " * (w - _width(cell)))
        lines.append("  ".join(cells).rstrip())
    counts = {k: sum(1 for it in items if it.kind == k) for k in ("target", "problem", "task")}
    lines.append(
        f"\n{len(items)} items: {counts['target']} 目标, {counts['problem']} 问题, {counts['task']} 任务"
    )
    return "\n".join(lines)


def render(doc: Document, items: Sequence[Item], fmt: str, *, source_sha256: str | None = None) -> bytes:
    """Bytes of the output in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "json":
        return (
            json.dumps(document_json(doc, items, source_sha256=source_sha256), ensure_ascii=False, indent=1)
            + "\n"
        ).encode()
    if fmt == "jsonl":
        return "".join(json.dumps(it.to_dict(), ensure_ascii=False) + "\n" for it in items).encode()
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(COLUMNS))
        w.writeheader()
        for it in items:
            w.writerow(_flat(it))
        return ("\ufeff" + buf.getvalue()).encode("utf-8")  # BOM: Excel opens Chinese CSV correctly
    if fmt == "md":
        out = [
            f"# {doc.meta.title or doc.source or ''}",
            "",
            "| 类别 | 出处 | 内容 | 责任单位 | 时限 |",
            "|---|---|---|---|---|",
        ]
        for it in items:
            cell = it.text.replace("|", "\\|").replace("\n", " ")
            out.append(
                f"| {KIND_ZH[it.kind]} | {it.section or ''} | {cell} | {'、'.join(it.owner)} | {it.deadline or ''} |"
            )
        return ("\n".join(out) + "\n").encode()
    if fmt == "xlsx":
        return _xlsx(items)
    if fmt == "table":
        return (render_table(items) + "\n").encode()
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _xlsx(items: Sequence[Item]) -> bytes:
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise MissingDependencyError("xlsx output needs openpyxl: pip install openpyxl") from exc
    wb = Workbook()
    ws = wb.active
    ws.title = "items"
    ws.append(list(COLUMNS))
    for it in items:
        row = _flat(it)
        ws.append([row[c] for c in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    widths = {"title": 30, "text": 80, "owner": 24, "indicator": 20}
    for i, col in enumerate(COLUMNS, 1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = widths.get(col, 12)
    for row in ws.iter_rows(min_row=2):
        row[COLUMNS.index("text")].alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
