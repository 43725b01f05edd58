"""Keyword in context (KWIC): every occurrence of a word or pattern with the text either side, its
offsets into the canonical text and the outline section it stands in.

>>> from speechkit import from_text
>>> doc = from_text("一、抓实招商引资\\n招商引资是一把手工程。\\n二、优化营商环境\\n以营商环境促招商引资。")
>>> k = kwic(doc, "招商引资", width=4)
>>> k[["left", "match", "right", "section"]].values.tolist()
[['一、抓实', '招商引资', '\\n招商引', '抓实招商引资'], ['商引资\\n', '招商引资', '是一把手', '抓实招商引资'], ['商环境促', '招商引资', '。', '优化营商环境']]
>>> print(render_kwic(k, width=4))
一、抓实  招商引资   招商引
 商引资   招商引资  是一把手
商环境促  招商引资  。
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..document import Document, Section
from ..errors import InputError
from ._common import DocsLike, as_documents, display_width, doc_label, fit, one_line

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["path", "section", "left", "match", "right", "start", "end"]


def section_at(doc: Document, offset: int) -> Section | None:
    """The innermost outline section whose span holds ``offset``.

    >>> from speechkit import from_text
    >>> doc = from_text("一、抓实招商引资。一是考核成绩差。二是推进效率慢。")
    >>> section_at(doc, doc.text.index("效率")).title
    '推进效率慢'
    """
    found = None
    level = list(doc.outline)
    while level:
        inner = next((s for s in level if s.start <= offset < s.end), None)
        if inner is None:
            break
        found = inner
        level = list(inner.children)
    return found


def compile_pattern(pattern: str, regex: bool = False) -> re.Pattern[str]:
    """The pattern as a compiled regular expression; a literal unless ``regex``.

    >>> compile_pattern("1+1").pattern
    '1\\\\+1'
    """
    if not pattern:
        raise InputError("pattern", "empty pattern")
    try:
        return re.compile(pattern if regex else re.escape(pattern))
    except re.error as exc:
        raise InputError("pattern", f"invalid regular expression {pattern!r}: {exc}") from exc


def kwic(doc_or_docs: DocsLike, pattern: str, width: int = 20, regex: bool = False) -> pd.DataFrame:
    """Every match of ``pattern`` (literal text, or a regular expression with ``regex=True``), one row
    each: ``path``, ``section`` (title of the innermost outline section holding the match), ``left``,
    ``match``, ``right`` (``width`` characters either side, exact slices of the canonical text),
    ``start``, ``end`` (the match's offsets: ``doc.text[start:end] == match``).

    Matches are found left to right without overlaps; a regex matching the empty string only is skipped.

    >>> kwic("力争全年地区生产总值增长6%左右。", r"增长\\d+(\\.\\d+)?%", width=6, regex=True)[["left", "match"]].values.tolist()
    [['地区生产总值', '增长6%']]
    """
    import pandas as pd

    rx = compile_pattern(pattern, regex)
    if width < 0:
        raise InputError("width", f"must not be negative, got {width}")
    rows = []
    for i, doc in enumerate(as_documents(doc_or_docs)):
        text = doc.text
        label = doc_label(doc, i)
        for m in rx.finditer(text):
            s, e = m.span()
            if s == e:
                continue
            sec = section_at(doc, s)
            rows.append(
                (
                    label,
                    sec.title if sec else None,
                    text[max(0, s - width) : s],
                    text[s:e],
                    text[e : e + width],
                    s,
                    e,
                )
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def render_kwic(frame: pd.DataFrame, width: int = 20) -> str:
    """Concordance lines: the left context right-aligned in ``2 × width`` columns (a Chinese character
    takes two), the match, the right context; line breaks shown as spaces.
    """
    if frame.empty:
        return ""
    cols = 2 * width
    match_w = max(display_width(one_line(m)) for m in frame["match"])
    lines = []
    for left, match, right in zip(frame["left"], frame["match"], frame["right"]):
        lines.append(
            f"{fit(one_line(left), cols, align='right')}  {fit(one_line(match), match_w)}  "
            f"{one_line(right)}".rstrip()
        )
    return "\n".join(lines)
