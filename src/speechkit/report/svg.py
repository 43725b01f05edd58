"""Inline SVG bar charts for the HTML report, written in Python: no JavaScript library, no network.

>>> svg = bar_chart([Bar("任务", (("task", 3),))], title="按类别", colours={"task": "#0072B2"})
>>> svg.startswith("<svg") and "任务" in svg and ">3<" in svg
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

FONT_PX = 13
ROW_H = 26
BAR_H = 16
TITLE_H = 26
LEGEND_H = 24


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart: a label and its stacked parts ``(series, value)``."""

    label: str
    parts: tuple[tuple[str, float], ...]
    tooltip: str | None = None

    @property
    def total(self) -> float:
        return sum(v for _, v in self.parts)


def text_width(s: str, px: int = FONT_PX) -> float:
    """Estimated rendered width of ``s`` in pixels (wide CJK characters count a full em).

    >>> text_width("招商") > text_width("ab")
    True
    """
    return sum(px if unicodedata.east_asian_width(c) in "WF" else px * 0.58 for c in s)


def _fit(s: str, max_px: float) -> str:
    if text_width(s) <= max_px:
        return s
    out = ""
    for c in s:
        if text_width(out + c + "…") > max_px:
            break
        out += c
    return out + "…"


def _num(v: float) -> str:
    return f"{v:g}"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    colours: Mapping[str, str],
    series_labels: Mapping[str, str] | None = None,
    width: int = 400,
    label_px: int = 150,
) -> str:
    """A horizontal (stacked) bar chart as an ``<svg>`` element with a ``<title>`` for screen readers.

    ``colours`` maps each series to its fill; ``series_labels`` (when there is more than one series)
    adds a legend. An empty ``bars`` gives a chart that says 无数据.
    """
    series = [s for s in colours if any(k == s and v for b in bars for k, v in b.parts)]
    legend = bool(series_labels) and len(series) > 1
    label_w = min(label_px, max([text_width(b.label) for b in bars] + [40.0]) + 8)
    plot_x = label_w + 4
    plot_w = width - plot_x - 34
    height = TITLE_H + max(len(bars), 1) * ROW_H + (LEGEND_H if legend else 0) + 6
    top = max((b.total for b in bars), default=0) or 1
    desc = "；".join(f"{b.label} {_num(b.total)}" for b in bars) or "无数据"
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}：{escape(desc)}">',
        f"<title>{escape(title)}：{escape(desc)}</title>",
        f'<text class="chart-title" x="0" y="17">{escape(title)}</text>',
    ]
    if not bars:
        out.append(f'<text class="chart-empty" x="0" y="{TITLE_H + 17}">无数据</text>')
    for i, b in enumerate(bars):
        y = TITLE_H + i * ROW_H
        label = _fit(b.label, label_w - 8)
        out.append(
            f'<text class="chart-label" x="{label_w:.0f}" y="{y + ROW_H / 2 + 4.5:.1f}" '
            f'text-anchor="end"><title>{escape(b.tooltip or b.label)}</title>{escape(label)}</text>'
        )
        x = plot_x
        for key, value in b.parts:
            if not value:
                continue
            w = plot_w * value / top
            name = (series_labels or {}).get(key, key)
            out.append(
                f'<rect x="{x:.1f}" y="{y + (ROW_H - BAR_H) / 2:.1f}" width="{max(w, 1):.1f}" height="{BAR_H}" '
                f'fill="{colours.get(key, "#888")}" rx="2"><title>{escape(b.label)} · {escape(name)}：'
                f"{_num(value)}</title></rect>"
            )
            x += w
        out.append(
            f'<text class="chart-value" x="{x + 5:.1f}" y="{y + ROW_H / 2 + 4.5:.1f}">{_num(b.total)}</text>'
        )
    if legend:
        y = TITLE_H + max(len(bars), 1) * ROW_H + 8
        x = plot_x
        for key in series:
            name = (series_labels or {}).get(key, key)
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" fill="{colours[key]}" rx="2"/>')
            out.append(f'<text class="chart-legend" x="{x + 16:.1f}" y="{y + 11:.1f}">{escape(name)}</text>')
            x += 16 + text_width(name, 12) + 18
    out.append("</svg>")
    return "".join(out)
