"""PDF with a text layer: page lines, running headers/footers and page numbers removed,
hard-wrapped lines joined back into paragraphs.

A line joins the next one when it reaches the right margin and the next line is not indented
(and, in documents that do not mark paragraphs by first-line indentation, when it does not end
with sentence-final punctuation). A PDF without a text layer (a scan) asks for OCR.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import statistics
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

from speechkit.errors import InputError, MissingDependencyError
from speechkit.readers._raw import RawText

NO_TEXT = "PDF has no text layer (scanned?); it needs OCR"
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—‐_·•\s]*\d{1,4}[-–—‐_·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?"
    r"|[-–—\s]*[ivxlc]{1,6}[-–—\s]*)$",
    re.I,
)
_FINAL = re.compile(r"[。！？!?；;：:…][”’」』）)]*$|\.[”’\"')]*$")
_ASCII_WORD_END = re.compile(r"[A-Za-z0-9,]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9(]")


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int


@dataclass
class _Page:
    lines: list[_Line]
    width: float


def _classify(name: str, exc: BaseException) -> InputError:
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and len(chain) < 10:
        chain.append(seen)
        chain.extend(a for a in getattr(seen, "args", ()) if isinstance(a, BaseException))
        seen = seen.__cause__ or seen.__context__
    names = " ".join(type(e).__name__ for e in chain)
    if "Password" in names or "Encryption" in names:
        return InputError(name, "password-protected document")
    return InputError(name, "corrupt PDF")


def _extract(data: bytes, name: str) -> list[_Page]:
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a declared dependency
        raise MissingDependencyError("reading PDF needs pdfplumber: pip install pdfplumber") from None
    # pdfminer logs and warns loudly about damaged files; the InputError says enough.
    logger = logging.getLogger("pdfminer")
    old_level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return _pages(pdfplumber, data, name)
    finally:
        logger.setLevel(old_level)


def _pages(pdfplumber: Any, data: bytes, name: str) -> list[_Page]:
    pages: list[_Page] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for number, page in enumerate(pdf.pages):
                    found = page.extract_text_lines(strip=True, return_chars=False)
                    lines = [
                        _Line(
                            str(d["text"]),
                            float(d["x0"]),
                            float(d["x1"]),
                            float(d["top"]),
                            float(d["bottom"]),
                            number,
                        )
                        for d in found
                        if str(d.get("text", "")).strip()
                    ]
                    pages.append(_Page(lines, float(page.width)))
                    page.close()
        except (InputError, MissingDependencyError):
            raise
        except Exception as e:  # pdfminer raises a zoo of exception types on damaged input
            raise _classify(name, e) from None
    return pages


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def remove_running_lines(pages: list[list[str]], edge: int = 2) -> list[list[str]]:
    """Drop page numbers and headers/footers repeated at the top/bottom of most pages.

    ``pages`` holds each page's lines in reading order. Lines differing only in their digits
    ("第3页" / "第4页") count as the same running line.

    >>> pages = [["国务院公报", f"正文{i}", f"- {i} -"] for i in range(1, 4)]
    >>> remove_running_lines(pages)
    [['正文1'], ['正文2'], ['正文3']]
    """
    keep = _running_mask([[_Line(t, 0, 0, 0, 0, i) for t in p] for i, p in enumerate(pages)], edge)
    return [[t for t, k in zip(p, m, strict=True) if k] for p, m in zip(pages, keep, strict=True)]


def _running_mask(pages: list[list[_Line]], edge: int = 2) -> list[list[bool]]:
    n = len(pages)
    top: Counter[str] = Counter()
    bottom: Counter[str] = Counter()

    def edge_of(lines: list[_Line]) -> int:
        # On a short page only the very first and last lines can be running lines.
        return min(edge, max(1, len(lines) // 3))

    for lines in pages:
        k = edge_of(lines)
        top.update({_key(line.text) for line in lines[:k]})
        bottom.update({_key(line.text) for line in lines[-k:]})
    threshold = max(2, (n + 1) // 2)
    masks = []
    for lines in pages:
        mask = []
        k = edge_of(lines)
        for i, line in enumerate(lines):
            at_top = i < k
            at_bottom = i >= len(lines) - k
            key = _key(line.text)
            running = n >= 2 and (
                (at_top and top[key] >= threshold) or (at_bottom and bottom[key] >= threshold)
            )
            number = (at_top or at_bottom) and _PAGE_NUMBER.match(line.text.strip()) is not None
            mask.append(not (running or number))
        masks.append(mask)
    return masks


def _join(prev: str, cur: str) -> str:
    if _ASCII_WORD_END.search(prev) and _ASCII_WORD_START.search(cur):
        return prev + " " + cur
    if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and cur[:1].islower():
        return prev[:-1] + cur
    return prev + cur


def _paragraphs(pages: list[_Page]) -> list[str]:
    """Join the wrapped lines of all pages into paragraphs (see the module docstring)."""
    body = [line for page in pages for line in page.lines]
    if not body:
        return []
    heights = [line.bottom - line.top for line in body if line.bottom > line.top]
    char_w = statistics.median(heights) if heights else 10.0

    geometry: dict[int, tuple[float, float]] = {}
    for number, page in enumerate(pages):
        if not page.lines:
            continue
        xs0 = sorted(line.x0 for line in page.lines)
        xs1 = sorted(line.x1 for line in page.lines)
        left = xs0[len(xs0) // 10]
        right = xs1[-1 - len(xs1) // 10] if len(xs1) >= 5 else xs1[-1]
        geometry[number] = (left, right)

    def indented(line: _Line) -> bool:
        left, _right = geometry[line.page]
        return line.x0 > left + 0.8 * char_w

    def near_right(line: _Line) -> bool:
        _left, right = geometry[line.page]
        return line.x1 >= right - 1.5 * char_w

    indents = sum(1 for line in body if indented(line) and line.x0 < geometry[line.page][0] + 4.5 * char_w)
    indent_marks_paragraphs = indents >= max(2, 0.05 * len(body))

    out: list[str] = [body[0].text]
    for prev, cur in itertools.pairwise(body):
        gap = cur.page == prev.page and cur.top - prev.bottom > 1.2 * char_w
        join = (
            near_right(prev)
            and not indented(cur)
            and not gap
            and (indent_marks_paragraphs or not _FINAL.search(prev.text))
        )
        if join:
            out[-1] = _join(out[-1], cur.text)
        else:
            out.append(cur.text)
    return out


def read_pdf(data: bytes, *, name: str = "<bytes>") -> RawText:
    """Read a PDF's text layer into paragraphs, without running headers, footers, page numbers.

    >>> read_pdf(b"%PDF-1.4 garbage")
    Traceback (most recent call last):
    ...
    speechkit.errors.InputError: <bytes>: corrupt PDF
    """
    pages = _extract(data, name)
    if not any(page.lines for page in pages):
        if not pages:
            raise InputError(name, "corrupt PDF")
        raise InputError(name, NO_TEXT)
    masks = _running_mask([page.lines for page in pages])
    kept = [
        _Page([line for line, keep in zip(page.lines, mask, strict=True) if keep], page.width)
        for page, mask in zip(pages, masks, strict=True)
    ]
    paras = _paragraphs(kept)
    text = "\n".join(p.strip() for p in paras if p.strip())
    if not text:
        raise InputError(name, NO_TEXT)
    return RawText(text, "pdf", {"source_format": "pdf", "pages": str(len(pages))})
