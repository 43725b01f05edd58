"""The self-contained HTML report: the canonical text with every item highlighted, outline, table, charts.

One file, no network: CSS and JavaScript from ``data/report/`` are inlined, charts are inline SVG
written in Python (:mod:`speechkit.report.svg`), fonts are the reader's local CJK fonts.

>>> import speechkit
>>> doc = speechkit.from_text("同志们：一、抓实招商引资。一是考核成绩差。二是推进效率慢。")
>>> page = render_report(doc, speechkit.extract(doc))
>>> page.startswith("<!DOCTYPE html>") and "考核成绩差" in page and "<link" not in page
True
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, Any

from ..document import Document, Section
from ..errors import InputError
from ..extraction.items import Item
from ..tracking.schema import TRACKING_COLUMNS
from ._style import (
    CJK_FONT_STACK,
    GENRE_LABEL,
    KIND_COLOUR,
    KIND_LABEL,
    KIND_ORDER,
    STATUS_COLOUR,
    STATUS_ORDER,
    short_title,
)
from .svg import Bar, bar_chart

if TYPE_CHECKING:
    import pandas as pd

_REQUIRED_TRACKING = ("item_id", "status")
_KIND_LETTER = {"target": "T", "problem": "P", "task": "S"}
# at one offset, the longer span opens first; at equal spans tasks are outermost, headings innermost
_NEST_ORDER = {"task": 0, "problem": 1, "target": 2, "head": 3}

# ---------------------------------------------------------------------------------------------- assets


@cache
def _asset(name: str) -> str:
    return resources.files("speechkit").joinpath("data", "report", name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------------- highlighted text


@dataclass(frozen=True)
class _Span:
    """A stretch of the text to wrap: ``first`` opens its first piece, ``again`` a continuation."""

    start: int
    end: int
    order: int
    first: str
    again: str
    close: str
    key: int = 0


def _nest(text: str, spans: Iterable[_Span], breaks: Iterable[int] = ()) -> str:
    """``text`` HTML-escaped with ``spans`` wrapped around their stretches, properly nested.

    Spans may nest or cross: where an inner span outlives its outer one, the outer is closed and
    reopened around it (its continuation uses ``again``, without the id). ``breaks`` are offsets where
    an empty block spacer is inserted; no characters are ever added, so the element's text content is
    exactly ``text``.

    >>> a = _Span(0, 4, 0, "<a>", "<a>", "</a>", 1)
    >>> b = _Span(2, 6, 1, "<b>", "<b>", "</b>", 2)
    >>> _nest("一二三四五六", [a, b])
    '<a>一二<b>三四</b></a><b>五六</b>'
    >>> _nest("x<y", [])
    'x&lt;y'
    """
    n = len(text)
    opening: dict[int, list[_Span]] = defaultdict(list)
    points = {0, n}
    for s in spans:
        start, end = max(0, s.start), min(n, s.end)
        if start >= end:
            continue
        opening[start].append(s)
        points.update((start, end))
    brk = {b for b in breaks if 0 < b < n}
    points |= brk
    stack: list[_Span] = []
    out: list[str] = []
    prev = 0
    for pos in sorted(points):
        out.append(escape(text[prev:pos], quote=False))
        prev = pos
        if any(min(n, s.end) == pos for s in stack):
            reopen: list[_Span] = []
            while any(min(n, s.end) == pos for s in stack):
                top = stack.pop()
                out.append(top.close)
                if min(n, top.end) != pos:
                    reopen.append(top)
            for s in reversed(reopen):
                out.append(s.again)
                stack.append(s)
        if pos in brk:
            out.append('<span class="br" aria-hidden="true"></span>')
        for s in sorted(opening.get(pos, ()), key=lambda s: (-(min(n, s.end)), s.order, s.key)):
            out.append(s.first)
            stack.append(s)
    for s in reversed(stack):  # pragma: no cover - every span ends by n
        out.append(s.close)
    return "".join(out)


# ------------------------------------------------------------------------------------------ helpers


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _esc(value: object) -> str:
    return escape(str(value), quote=False)


def _slug(item_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", item_id)


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.6g}" if abs(v) >= 10000 else f"{v:g}"


def value_text(item: Item) -> str:
    """The item's value as written for a reader: ``2-3亿元``, ``≥95%``, or its qualitative level.

    >>> value_text(Item(id="T1", kind="target", title="x", text="x", start=0, end=1, value=95, unit="%", comparator="≥"))
    '≥95%'
    >>> value_text(Item(id="T1", kind="target", title="x", text="x", start=0, end=1, value=2, value_high=3, unit="亿元", comparator="区间"))
    '2-3亿元'
    """
    if item.value is None:
        return item.level or ""
    unit = item.unit or ""
    if item.value_high is not None and item.comparator == "区间":
        return f"{_num(item.value)}-{_num(item.value_high)}{unit}"
    comp = item.comparator or ""
    if comp in ("≥", "≤", ">", "<", "约", "超过", "不低于", "不超过", "以上", "以内"):
        if comp in ("以上", "以内"):
            return f"{_num(item.value)}{unit}{comp}"
        return f"{comp}{_num(item.value)}{unit}"
    return f"{_num(item.value)}{unit}{comp}"


def _sections_with_ids(doc: Document) -> list[tuple[str, Section]]:
    return [(f"sec-{i}", s) for i, s in enumerate(doc.sections())]


def _enclosing(
    sections: Sequence[tuple[str, Section]], item: Item, level: int | None = None
) -> Section | None:
    """The deepest section (or the one at ``level``) whose span holds the item's start."""
    best = None
    for _, s in sections:
        if s.start <= item.start < s.end and (level is None or s.level == level):
            if best is None or s.level >= best.level:
                best = s
    return best


def _section_name(s: Section | None) -> str:
    if s is None:
        return "（未分节）"
    return f"{s.marker}{s.title}"


# ----------------------------------------------------------------------------------------- tracking


@dataclass(frozen=True)
class _Track:
    status: str
    indicator: str = ""
    current: str = ""
    previous: str = ""
    progress: float | None = None
    projects: str = ""
    evidence: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def _clean(v: Any) -> Any:
    """``None`` for NaN/NA/empty, the value otherwise."""
    if v is None:
        return None
    try:
        if v != v:  # NaN
            return None
    except (TypeError, ValueError):
        pass
    try:
        import pandas as pd

        if v is pd.NA or v is pd.NaT:
            return None
    except ImportError:  # pragma: no cover - pandas is a core dependency
        pass
    if isinstance(v, str) and not v.strip():
        return None
    return v


def _fmt_value(v: Any, unit: Any) -> str:
    v = _clean(v)
    if v is None:
        return ""
    unit = _clean(unit) or ""
    if isinstance(v, float):
        return f"{_num(v)}{unit}"
    return f"{v}{unit}"


def _projects_text(v: Any) -> str:
    v = _clean(v) if not isinstance(v, (list, tuple, set)) else v
    if v is None:
        return ""
    if isinstance(v, (list, tuple, set)):
        return "、".join(str(x) for x in v)
    try:
        import numpy as np

        if isinstance(v, np.ndarray):
            return "、".join(str(x) for x in v.tolist())
    except ImportError:  # pragma: no cover
        pass
    return str(v)


def tracking_by_item(tracking: pd.DataFrame) -> dict[str, list[_Track]]:
    """The tracking frame's rows grouped by ``item_id`` (frame order kept); the first row of an item is
    its status in charts. ``status`` outside 未开始/进行中/已完成/滞后/无数据 is kept as written.

    ``progress`` is a share of the way to the target: a number in [0, 1] is shown as a percentage,
    a larger one as written (already a percentage).
    """
    missing = [c for c in _REQUIRED_TRACKING if c not in tracking.columns]
    if missing:
        raise InputError(
            "<tracking>", f"missing column(s) {', '.join(missing)}; expected {', '.join(TRACKING_COLUMNS)}"
        )
    out: dict[str, list[_Track]] = defaultdict(list)
    for rec in tracking.to_dict("records"):
        item_id = _clean(rec.get("item_id"))
        if item_id is None:
            continue
        progress = _clean(rec.get("progress"))
        try:
            progress = float(progress) if progress is not None else None
        except (TypeError, ValueError):
            progress = None
        out[str(item_id)].append(
            _Track(
                status=str(_clean(rec.get("status")) or "无数据"),
                indicator=str(_clean(rec.get("indicator")) or ""),
                current=_fmt_value(rec.get("current_value"), rec.get("unit")),
                previous=_fmt_value(rec.get("previous_value"), rec.get("unit")),
                progress=progress,
                projects=_projects_text(rec.get("projects")),
                evidence=str(_clean(rec.get("evidence")) or ""),
            )
        )
    return dict(out)


def _progress_text(p: float | None) -> str:
    if p is None:
        return ""
    return f"{p * 100:.0f}%" if 0 <= p <= 1 else f"{p:g}%"


# ----------------------------------------------------------------------------------------- the parts


_SENTENCE_END = re.compile(r"[。！？!?\n]")


def _heading_end(text: str, s: Section) -> int:
    """Where the heading of ``s`` ends: its first sentence (or line), within its heading paragraph.

    >>> sec = Section("一是", "ordinal_is", 2, "考核成绩差", 0, 20, 20, 0, (), True)
    >>> "一是考核成绩差。在考核中得分偏低。"[:_heading_end("一是考核成绩差。在考核中得分偏低。", sec)]
    '一是考核成绩差。'
    """
    limit = s.head_end if s.start < s.head_end <= s.end else s.end
    m = _SENTENCE_END.search(text, s.start, limit)
    if m is not None and m.start() - s.start <= 120:
        return m.end() if m.group() != "\n" else m.start()
    return min(limit, s.start + len(s.marker) + len(s.title))


def _highlighted_text(doc: Document, items: Sequence[Item], numbers: Mapping[str, str]) -> str:
    spans: list[_Span] = []
    for key, it in enumerate(items):
        slug = _slug(it.id)
        label = KIND_LABEL.get(it.kind, it.kind)
        common = (
            f'class="hl k-{_attr(it.kind)}" data-id="{_attr(slug)}" data-kind="{_attr(it.kind)}" '
            f'title="{_attr(numbers[it.id])} {_attr(label)}：{_attr(it.title or it.text)}"'
        )
        spans.append(
            _Span(
                it.start,
                it.end,
                _NEST_ORDER.get(it.kind, 1),
                f'<mark id="i-{_attr(slug)}" {common} data-n="{_attr(numbers[it.id])}" tabindex="0">',
                f"<mark {common}>",
                "</mark>",
                key,
            )
        )
    breaks = []
    for key, (anchor, s) in enumerate(_sections_with_ids(doc)):
        head_end = _heading_end(doc.text, s)
        spans.append(
            _Span(
                s.start,
                head_end,
                _NEST_ORDER["head"],
                f'<span id="{anchor}" class="sec-head lvl-{s.level}">',
                f'<span class="sec-head lvl-{s.level}">',
                "</span>",
                len(items) + key,
            )
        )
        if s.level <= 2 and s.start > 0 and doc.text[s.start - 1] != "\n":
            breaks.append(s.start)
    return _nest(doc.text, spans, breaks)


def _nav(doc: Document, counts: Mapping[int, int]) -> str:
    ids = {id(s): anchor for anchor, s in _sections_with_ids(doc)}

    def tree(sections: Sequence[Section]) -> str:
        if not sections:
            return ""
        out = ["<ol>"]
        for s in sections:
            n = counts.get(id(s), 0)
            out.append(
                f'<li><a href="#{ids[id(s)]}" title="{_attr(s.marker + s.title)}">'
                f'<span class="n" title="条目数">{n}</span><span class="mk">{_esc(s.marker)}</span>{_esc(s.title)}</a>'
                f"{tree(s.children)}</li>"
            )
        out.append("</ol>")
        return "".join(out)

    return tree(doc.outline) or '<p class="empty">（无编号提纲）</p>'


def _owner_html(owner: Sequence[str]) -> str:
    if not owner:
        return ""
    lead = f'<span class="lead">{_esc(owner[0])}</span>'
    rest = f'<span class="rest">、{_esc("、".join(owner[1:]))}</span>' if len(owner) > 1 else ""
    return lead + rest


def _status_html(tracks: Sequence[_Track]) -> tuple[str, str]:
    if not tracks:
        return '<span class="dim">—</span>', ""
    status, values = [], []
    for t in tracks:
        colour = STATUS_COLOUR.get(t.status, "#57606a")
        tip = "；".join(x for x in (t.indicator, t.projects and f"项目：{t.projects}", t.evidence) if x)
        status.append(
            f'<span class="status" style="background:{colour}" title="{_attr(tip)}">{_esc(t.status)}</span>'
            + (
                f'<span class="progress">进度 {_progress_text(t.progress)}</span>'
                if t.progress is not None
                else ""
            )
        )
        if t.current or t.previous:
            ind = (
                f'<span class="sec-lbl">{_esc(t.indicator)}</span>' if t.indicator and len(tracks) > 1 else ""
            )
            prev = f'<span class="prev">上期 {_esc(t.previous)}</span>' if t.previous else ""
            values.append(f"{ind}{_esc(t.current) or '—'}{prev}")
    return "".join(status), "".join(values)


def _table(
    items: Sequence[Item],
    numbers: Mapping[str, str],
    where: Mapping[str, Section | None],
    tracks: Mapping[str, list[_Track]] | None,
) -> str:
    head = ["#", "类别", "出处", "内容", "责任单位", "时限", "指标值", "置信度"]
    cols = ["n", "kind", "sec", "text", "owner", "dl", "val", "conf"]
    if tracks is not None:
        head += ["状态", "当前值"]
        cols += ["st", "cur"]
    out = [
        '<table class="items"><colgroup>',
        "".join(f'<col class="c-{c}">' for c in cols),
        "</colgroup><thead><tr>",
        "".join(f'<th scope="col">{h}</th>' for h in head),
        "</tr></thead><tbody>",
    ]
    for it in items:
        slug = _slug(it.id)
        sec = where[it.id]
        label = f'<span class="sec-lbl">{_esc(it.section)}</span>' if it.section else ""
        sec_title = (
            f'<span title="{_attr(sec.marker + sec.title)}">{_esc(short_title("", sec.title))}</span>'
            if sec is not None
            else '<span class="dim">—</span>'
        )
        deadline = _esc(it.deadline or "")
        if it.deadline_iso and it.deadline_iso != it.deadline:
            deadline = f'<span title="{_attr(it.deadline_iso)}">{deadline}</span>'
        conf = max(0.0, min(1.0, float(it.confidence)))
        cells = [
            f'<td class="num"><a class="to-text" href="#i-{_attr(slug)}" title="在原文中查看">{_esc(numbers[it.id])}</a></td>',
            f'<td><span class="badge k-{_attr(it.kind)}">{_esc(KIND_LABEL.get(it.kind, it.kind))}</span></td>',
            f"<td>{label}{sec_title}</td>",
            f'<td title="{_attr(it.text)}">{_esc(it.title or it.text)}</td>',
            f'<td class="owner">{_owner_html(it.owner)}</td>',
            f'<td class="nowrap">{deadline}</td>',
            f"<td>{_esc(value_text(it))}</td>",
            f'<td class="nowrap" title="{_attr(it.via)}"><span class="conf"><i style="width:{conf * 100:.0f}%"></i></span>'
            f"{conf:.2f}</td>",
        ]
        if tracks is not None:
            status, values = _status_html(tracks.get(it.id, ()))
            cells += [f"<td>{status}</td>", f'<td class="nowrap">{values}</td>']
        out.append(
            f'<tr id="r-{_attr(slug)}" class="k-{_attr(it.kind)}" data-id="{_attr(slug)}">{"".join(cells)}</tr>'
        )
    out.append("</tbody></table>")
    if not items:
        out.append('<p class="dim">未抽取到条目。</p>')
    return "".join(out)


def _charts(
    doc: Document,
    items: Sequence[Item],
    tops: Mapping[str, Section | None],
    tracks: Mapping[str, list[_Track]] | None,
) -> str:
    kinds = Counter(it.kind for it in items)
    by_kind = [Bar(KIND_LABEL[k], ((k, kinds[k]),)) for k in KIND_ORDER]
    charts = [bar_chart(by_kind, title="条目按类别", colours=KIND_COLOUR, width=330, label_px=60)]
    groups: dict[str, Counter[str]] = {}
    labels: dict[str, str] = {}
    for s in doc.outline:
        groups[_section_name(s)] = Counter()
        labels[_section_name(s)] = short_title(s.marker, s.title)
    for it in items:
        name = _section_name(tops[it.id])
        groups.setdefault(name, Counter())[it.kind] += 1
        labels.setdefault(name, name)
    by_section = [
        Bar(labels[name], tuple((k, c[k]) for k in KIND_ORDER), name)
        for name, c in groups.items()
        if sum(c.values()) or name != _section_name(None)
    ]
    charts.append(
        bar_chart(
            by_section,
            title="条目按章节",
            colours=KIND_COLOUR,
            series_labels=KIND_LABEL,
            width=520,
            label_px=190,
        )
    )
    if tracks is not None:
        status = Counter(ts[0].status for ts in tracks.values() if ts)
        order = [s for s in STATUS_ORDER] + sorted(s for s in status if s not in STATUS_ORDER)
        bars = [Bar(s, ((s, status[s]),)) for s in order if s in STATUS_ORDER or status[s]]
        colours = {s: STATUS_COLOUR.get(s, "#57606a") for s in order}
        charts.append(bar_chart(bars, title="跟踪状态", colours=colours, width=330, label_px=60))
    return "".join(f'<figure class="fig">{c}</figure>' for c in charts)


def _header(doc: Document, title: str, sha: str | None) -> str:
    from .. import __version__

    meta = [
        ("日期", doc.meta.date),
        ("讲话人", doc.meta.speaker),
        ("体裁", GENRE_LABEL.get(doc.meta.genre or "", doc.meta.genre)),
        ("会议", doc.meta.occasion),
        ("来源", Path(doc.source).name if doc.source and doc.source not in ("-", "<bytes>") else None),
        ("格式", doc.format),
        ("字数", f"{len(doc.text):,}"),
    ]
    items = "".join(f"<li>{k}<b>{_esc(v)}</b></li>" for k, v in meta if v)
    if sha:
        items += f'<li>SHA-256<b class="sha" title="{_attr(sha)}">{_esc(sha[:16])}…</b></li>'
    items += f"<li>speechkit<b>{_esc(__version__)}</b></li>"
    return (
        '<div class="kicker">SPEECHKIT 报告 · 目标 · 问题 · 任务</div>'
        f"<h1>{_esc(title)}</h1>"
        f'<ul class="meta">{items}</ul>'
    )


def _summary(counts: Counter[str], total: int, tracks: Mapping[str, list[_Track]] | None) -> str:
    cards = [f'<div class="card"><div class="num">{total}</div><div class="lbl">条目合计</div></div>']
    for k in KIND_ORDER:
        cards.append(
            f'<div class="card k-{k}"><div class="num">{counts[k]}</div><div class="lbl">{KIND_LABEL[k]}</div></div>'
        )
    if tracks is not None:
        done = sum(1 for ts in tracks.values() if ts and ts[0].status == "已完成")
        late = sum(1 for ts in tracks.values() if ts and ts[0].status == "滞后")
        cards.append(
            f'<div class="card"><div class="num">{len(tracks)}</div><div class="lbl">已跟踪 · 完成 {done} · 滞后 {late}</div></div>'
        )
    return "".join(cards)


# ------------------------------------------------------------------------------------------- public


def render_report(
    doc: Document,
    items: Sequence[Item],
    *,
    tracking: pd.DataFrame | None = None,
    title: str | None = None,
    source_sha256: str | None = None,
) -> str:
    """The report of ``doc`` and its ``items`` as one self-contained HTML page (a ``str``).

    ``tracking`` (optional) is the tracking frame with columns :data:`TRACKING_COLUMNS` (at least
    ``item_id`` and ``status``); it adds a status column, a 当前值 column and a status chart.
    ``title`` overrides the document's title; ``source_sha256`` defaults to ``doc.sha256``.

    >>> import speechkit, pandas as pd
    >>> doc = speechkit.from_text("一、目标任务。到2025年，粮食产量达到100万吨。")
    >>> items = speechkit.extract(doc)
    >>> frame = pd.DataFrame({"item_id": [it.id for it in items], "status": "进行中"})
    >>> "跟踪状态" in render_report(doc, items, tracking=frame)
    True
    """
    items = sorted(items, key=lambda it: (it.start, -it.end, _NEST_ORDER.get(it.kind, 1)))
    numbers: dict[str, str] = {}
    seen: Counter[str] = Counter()
    for it in items:
        if it.id in numbers:
            raise InputError("<items>", f"duplicate item id {it.id}")
        seen[it.kind] += 1
        numbers[it.id] = f"{_KIND_LETTER.get(it.kind, '?')}{seen[it.kind]}"
        if not (0 <= it.start <= it.end <= len(doc.text)):
            raise InputError("<items>", f"item {it.id} span {it.start}:{it.end} is outside the text")
    sections = _sections_with_ids(doc)
    where = {it.id: _enclosing(sections, it) for it in items}
    tops = {it.id: _enclosing(sections, it, level=1) for it in items}
    per_section: Counter[int] = Counter()
    for _, s in sections:
        per_section[id(s)] = sum(1 for it in items if s.start <= it.start < s.end)
    tracks = tracking_by_item(tracking) if tracking is not None else None
    counts = Counter(it.kind for it in items)
    page_title = title or doc.meta.title or (Path(doc.source).stem if doc.source else "speechkit 报告")
    from .. import __version__

    css = Template(_asset("report.css")).substitute(font_stack=CJK_FONT_STACK)
    legend = "".join(
        f'<span class="key"><mark class="hl k-{k}">{KIND_LABEL[k]}</mark></span>' for k in KIND_ORDER
    )
    filters = "".join(
        f'<label><input type="checkbox" value="{k}" checked> <span class="badge k-{k}">{KIND_LABEL[k]}</span>'
        f' <span class="count">{counts[k]}</span></label>'
        for k in KIND_ORDER
    )
    sha = source_sha256 or doc.sha256
    footer = (
        f"由 speechkit {_esc(__version__)} 生成。高亮与表格中的位置均为规范文本的字符偏移；本页不访问网络。"
    )
    return Template(_asset("template.html")).substitute(
        generator=_attr(f"speechkit {__version__}"),
        title=_esc(page_title),
        css=css,
        js=_asset("report.js"),
        header=_header(doc, page_title, sha),
        nav=_nav(doc, per_section),
        summary=_summary(counts, len(items), tracks),
        charts=_charts(doc, items, tops, tracks),
        legend=legend,
        text=_highlighted_text(doc, items, numbers),
        filters=filters,
        table=_table(items, numbers, where, tracks),
        footer=footer,
    )


def write_report(
    path: str | Path,
    doc: Document,
    items: Sequence[Item],
    *,
    tracking: pd.DataFrame | None = None,
    title: str | None = None,
    source_sha256: str | None = None,
) -> Path:
    """Render the report and write it to ``path`` atomically (UTF-8); returns the path."""
    from ..export import atomic_write

    page = render_report(doc, items, tracking=tracking, title=title, source_sha256=source_sha256)
    atomic_write(path, page.encode("utf-8"))
    return Path(path)


@dataclass(frozen=True)
class ReportResult:
    """What :func:`build_report` did: the document, its items, the tracking frame used, the file."""

    doc: Document
    items: tuple[Item, ...]
    path: Path
    tracking: Any = None


def build_report(
    source: str | Path | bytes,
    output: str | Path,
    *,
    tracking: pd.DataFrame | Callable[[Document, Sequence[Item]], pd.DataFrame | None] | None = None,
    title: str | None = None,
    model: Any = None,
) -> ReportResult:
    """Read ``source``, extract its items and write the HTML report to ``output`` (the CLI's call).

    ``tracking`` is a tracking frame, or a function ``(doc, items) -> frame`` that computes one (so a
    ``--projects`` option only has to pass ``lambda doc, items: track(doc, items, projects)``).
    """
    from ..extraction import extract
    from ..load import read

    doc = read(source)
    items = tuple(extract(doc, model=model))
    frame = tracking(doc, items) if callable(tracking) else tracking
    path = write_report(output, doc, items, tracking=frame, title=title)
    return ReportResult(doc, items, path, frame)
