"""What the analyses share: documents from what a caller passes, a label per document, CJK-aware
column widths, and frames rendered as a terminal table, CSV or JSON."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Document

if TYPE_CHECKING:
    import pandas as pd

DocLike = Document | str
DocsLike = Document | str | Iterable[Document | str]

_YEAR_RE = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")


def as_documents(doc_or_docs: DocsLike) -> list[Document]:
    """One or more documents: a :class:`Document`, a text (read with ``from_text``) or an iterable of
    either.

    >>> [d.text for d in as_documents(["抓实招商引资。", "优化营商环境。"])]
    ['抓实招商引资。', '优化营商环境。']
    """
    from ..load import from_text

    items = [doc_or_docs] if isinstance(doc_or_docs, (Document, str)) else list(doc_or_docs)
    out = []
    for d in items:
        if isinstance(d, Document):
            out.append(d)
        elif isinstance(d, str):
            out.append(from_text(d))
        else:
            raise TypeError(f"expected a Document or a text, got {type(d).__name__}")
    return out


def doc_label(doc: Document, index: int) -> str:
    """How a document is named in a result: its source path, else its title, else ``#index``."""
    return doc.source or doc.meta.title or f"#{index}"


def doc_year(doc: Document) -> int | None:
    """The year of a document: its date, else a year (1940–2099) in its file name.

    >>> from speechkit.load import from_text
    >>> doc_year(from_text("政府工作报告", source="reports/hailar_2018.txt"))
    2018
    """
    if doc.meta.date and doc.meta.date[:4].isdigit():
        return int(doc.meta.date[:4])
    if doc.source:
        years = _YEAR_RE.findall(Path(doc.source).name)
        if years:
            return int(years[-1])
    return None


def char_width(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def display_width(s: str) -> int:
    """Terminal columns of ``s``: East Asian wide and full-width characters count 2.

    >>> display_width("GDP增长")
    7
    """
    return sum(char_width(c) for c in s)


def fit(s: str, width: int, *, align: str = "left") -> str:
    """``s`` cut (with …) or padded with spaces to exactly ``width`` columns.

    >>> fit("招商引资工作", 9) + "|"
    '招商引资…|'
    >>> fit("招商", 6, align="right") + "|"
    '  招商|'
    """
    if display_width(s) > width:
        if align == "right":  # keep the end, the part next to what follows
            out, w = "", 1
            for c in reversed(s):
                if w + char_width(c) > width:
                    break
                out, w = c + out, w + char_width(c)
            s = "…" + out
        else:
            out, w = "", 1
            for c in s:
                if w + char_width(c) > width:
                    break
                out, w = out + c, w + char_width(c)
            s = out + "…"
    pad = " " * (width - display_width(s))
    return pad + s if align == "right" else s + pad


def one_line(s: object) -> str:
    """A cell as one line: line breaks and tabs become spaces; None and NaN become empty."""
    if s is None or (isinstance(s, float) and s != s):
        return ""
    if isinstance(s, float):
        return f"{s:g}"
    return re.sub(r"[\t\r\n]+", " ", str(s))


def render_table(frame: pd.DataFrame, columns: Sequence[str], max_width: int = 60) -> str:
    """Aligned columns (CJK aware) of ``frame[columns]``, each as wide as its widest cell up to
    ``max_width``; numbers right-aligned."""
    cells = [[one_line(v) for v in frame[c].tolist()] for c in columns]
    widths = [
        min(max_width, max([display_width(c), *(display_width(v) for v in col)]))
        for c, col in zip(columns, cells)
    ]
    numeric = [frame[c].dtype.kind in "if" for c in columns]
    lines = ["  ".join(fit(c, w) for c, w in zip(columns, widths)).rstrip()]
    for r in range(len(frame)):
        lines.append(
            "  ".join(
                fit(cells[i][r], widths[i], align="right" if numeric[i] else "left")
                for i in range(len(columns))
            ).rstrip()
        )
    return "\n".join(lines)


def frame_bytes(frame: pd.DataFrame, fmt: str, *, table_columns: Sequence[str] | None = None) -> bytes:
    """``frame`` as ``table`` (terminal), ``csv`` (UTF-8 with BOM, for Excel) or ``json`` (records)."""
    if fmt == "csv":
        buf = io.StringIO()
        frame.to_csv(buf, index=False)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        return (json.dumps(records, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "table":
        return (render_table(frame, list(table_columns or frame.columns)) + "\n").encode("utf-8")
    raise ValueError(f"unknown format {fmt!r}; expected table, csv or json")
