"""matplotlib plots of items, sections, tracking status and indicator series — with a CJK font.

matplotlib draws Chinese as empty boxes unless a font with CJK glyphs is configured; :func:`cjk_font`
finds one (WenQuanYi Micro Hei, Noto Sans CJK, Source Han Sans, SimHei, Microsoft YaHei, PingFang),
registers it with matplotlib's font manager when it is only on disk, and sets ``rcParams``. Every plot
helper calls it, draws on a new :class:`~matplotlib.figure.Figure` (no pyplot state) or on ``ax``, and
returns the Axes (``ax.figure`` is the figure: ``ax.figure.savefig("items.png")``).

Needs the ``plot`` extra: ``pip install "speechkit[plot]"``.

>>> ax = plot_items_by_kind(pd.DataFrame({"kind": ["task", "task", "target"]}))  # doctest: +SKIP
>>> ax.figure.savefig("条目.png")  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import MissingDependencyError
from ._style import KIND_COLOUR, KIND_LABEL, KIND_ORDER, STATUS_COLOUR, STATUS_ORDER, short_title

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

# Family names in order of preference; the first one matplotlib knows wins.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK JP",
    "Arial Unicode MS",
)
# Files where those fonts live on Debian/Ubuntu, Fedora, macOS and Windows (used when matplotlib's font
# cache predates the font's installation).
CJK_FONT_FILES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
INSTALL_HINT = (
    "no CJK font found for matplotlib; install one (Debian/Ubuntu: apt-get install fonts-wqy-microhei "
    "or fonts-noto-cjk; Fedora: google-noto-sans-cjk-fonts; macOS and Windows have PingFang / Microsoft "
    "YaHei) or pass font='/path/to/font.ttf|.ttc|.otf'"
)


def _mpl() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - matplotlib is in the test extra
        raise MissingDependencyError('plots need matplotlib: pip install "speechkit[plot]"') from exc
    return matplotlib


def _register(path: str) -> str:
    """Add the font file at ``path`` to matplotlib's font manager; its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


@cache
def _find(font: str | None) -> str:
    from matplotlib import font_manager

    if font is not None:
        if os.path.sep in font or "/" in font or Path(font).suffix.lower() in (".ttf", ".ttc", ".otf"):
            if not Path(font).is_file():
                raise MissingDependencyError(f"font file {font} does not exist")
            return _register(font)
        known = {f.name for f in font_manager.fontManager.ttflist}
        if font not in known:
            raise MissingDependencyError(f"matplotlib knows no font named {font!r}; {INSTALL_HINT}")
        return font
    known = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in known:
            return family
    for path in CJK_FONT_FILES:
        if Path(path).is_file():
            try:
                return _register(path)
            except (OSError, RuntimeError, ValueError):  # an unreadable file: try the next
                continue
    raise MissingDependencyError(INSTALL_HINT)


def cjk_font(font: str | None = None, *, configure: bool = True) -> str:
    """The family name of a CJK font matplotlib can use; with ``configure`` also set ``rcParams``.

    ``font`` may name a family or a font file (registered with matplotlib's font manager). Without it,
    the fonts of :data:`CJK_FAMILIES` known to matplotlib are tried in order, then the files of
    :data:`CJK_FONT_FILES`. Raises :class:`~speechkit.errors.MissingDependencyError` naming the package
    to install when there is none.

    >>> cjk_font()  # doctest: +SKIP
    'WenQuanYi Micro Hei'
    """
    mpl = _mpl()
    family = _find(font)
    if configure:
        rest = [f for f in mpl.rcParams["font.sans-serif"] if f != family]
        mpl.rcParams["font.family"] = "sans-serif"
        mpl.rcParams["font.sans-serif"] = [family, *rest]
        mpl.rcParams["axes.unicode_minus"] = False
    return family


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def _frame(data: Any) -> pd.DataFrame:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return data
    items = list(data)
    if items and hasattr(items[0], "kind") and hasattr(items[0], "start"):
        from ..export import items_frame

        return items_frame(items)
    return pd.DataFrame(items)


def _need(frame: pd.DataFrame, columns: Iterable[str], what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} needs column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}"
        )


def _style(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="x", color="#e6e9ec", linewidth=0.8)
    ax.set_axisbelow(True)


def plot_items_by_kind(items: Any, *, ax: Axes | None = None, font: str | None = None) -> Axes:
    """Horizontal bars: how many 目标, 问题 and 任务. ``items`` is an items frame (column ``kind``) or a
    sequence of :class:`~speechkit.extraction.items.Item`."""
    cjk_font(font)
    frame = _frame(items)
    _need(frame, ["kind"], "plot_items_by_kind")
    counts = frame["kind"].value_counts()
    ax = _axes(ax, (5, 2.4))
    labels = [KIND_LABEL[k] for k in KIND_ORDER]
    values = [int(counts.get(k, 0)) for k in KIND_ORDER]
    bars = ax.barh(labels, values, color=[KIND_COLOUR[k] for k in KIND_ORDER])
    ax.bar_label(bars, padding=3)
    ax.invert_yaxis()
    ax.set_xlabel("条目数")
    ax.set_title("条目按类别")
    _style(ax)
    return ax


def _top_label(section: Any) -> str:
    if section is None or (isinstance(section, float) and section != section) or not str(section).strip():
        return "（未分节）"
    return str(section).split(".", 1)[0]


def plot_items_by_section(
    items: Any,
    *,
    doc: Any = None,
    level: int = 1,
    ax: Axes | None = None,
    font: str | None = None,
) -> Axes:
    """Stacked horizontal bars: items per section, split by kind.

    ``items`` is an items frame (columns ``kind``, ``section`` — labels like ``二.3``) or Items. Sections
    are grouped at ``level`` (1: 一, 二 …; 2: 一.1 …). With ``doc`` (the :class:`~speechkit.Document`)
    top-level labels show the section titles, in document order.
    """
    cjk_font(font)
    frame = _frame(items)
    _need(frame, ["kind", "section"], "plot_items_by_section")

    def group(section: Any) -> str:
        if _top_label(section) == "（未分节）":
            return "（未分节）"
        return ".".join(str(section).split(".")[:level])

    groups = frame.assign(_g=frame["section"].map(group))
    table = groups.groupby(["_g", "kind"]).size().unstack(fill_value=0)
    order = list(dict.fromkeys(groups["_g"]))
    titles: dict[str, str] = {}
    if doc is not None and level == 1:
        for s in doc.outline:
            label = "".join(c for c in s.marker if c not in "、.．，,")
            titles[label] = short_title(s.marker, s.title)
        known = [label for label in titles if label in table.index]
        order = known + [g for g in order if g not in known]
    table = table.reindex(order)
    ax = _axes(ax, (7, 0.5 * len(order) + 1.4))
    left = [0] * len(order)
    names = [_cut(titles.get(g, g), 22) for g in order]
    for k in KIND_ORDER:
        if k not in table.columns:
            continue
        vals = [int(v) for v in table[k]]
        ax.barh(names, vals, left=left, color=KIND_COLOUR[k], label=KIND_LABEL[k])
        left = [a + b for a, b in zip(left, vals)]
    for y, total in enumerate(left):
        ax.text(total, y, f" {total}", va="center", fontsize=9, color="#57606a")
    ax.invert_yaxis()
    ax.set_xlabel("条目数")
    ax.set_title("条目按章节")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    _style(ax)
    return ax


def _cut(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def plot_status(tracking: pd.DataFrame, *, ax: Axes | None = None, font: str | None = None) -> Axes:
    """Bars of tracking status (未开始/进行中/已完成/滞后/无数据), one count per ``item_id`` (its first
    row), in the status colours of the HTML report."""
    cjk_font(font)
    _need(tracking, ["status"], "plot_status")
    frame = tracking.drop_duplicates("item_id") if "item_id" in tracking.columns else tracking
    counts = frame["status"].fillna("无数据").value_counts()
    order = [s for s in STATUS_ORDER] + sorted(s for s in counts.index if s not in STATUS_ORDER)
    ax = _axes(ax, (5, 2.8))
    values = [int(counts.get(s, 0)) for s in order]
    bars = ax.barh(order, values, color=[STATUS_COLOUR.get(s, "#57606a") for s in order])
    ax.bar_label(bars, padding=3)
    ax.invert_yaxis()
    ax.set_xlabel("条目数")
    ax.set_title("跟踪状态")
    _style(ax)
    return ax


def plot_series(
    series: pd.DataFrame,
    *,
    indicators: Sequence[str] | None = None,
    ax: Axes | None = None,
    font: str | None = None,
) -> Axes:
    """Indicator values over years: one line per indicator from a frame with columns ``year``,
    ``indicator``, ``value``, ``unit``. The unit goes into the legend (and the y label when all share
    one); ``indicators`` picks and orders the lines."""
    cjk_font(font)
    _need(series, ["year", "indicator", "value"], "plot_series")
    ax = _axes(ax, (7, 3.6))
    names = list(indicators) if indicators is not None else list(dict.fromkeys(series["indicator"]))
    units: set[str] = set()
    for name in names:
        part = series[series["indicator"] == name].sort_values("year")
        if part.empty:
            continue
        unit = ""
        if "unit" in part.columns:
            vals = [u for u in part["unit"].dropna().unique() if str(u).strip()]
            unit = str(vals[0]) if vals else ""
        units.add(unit)
        label = f"{name}（{unit}）" if unit else str(name)
        ax.plot(part["year"].astype(int), part["value"].astype(float), marker="o", label=label)
    ax.set_xlabel("年份")
    ax.set_ylabel(f"数值（{next(iter(units))}）" if len(units) == 1 and next(iter(units)) else "数值")
    ax.set_title("指标历年数值")
    ax.xaxis.get_major_locator().set_params(integer=True)
    if names:
        ax.legend(frameon=False, fontsize=9)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(color="#e6e9ec", linewidth=0.8)
    return ax


def plot_history(
    history: pd.DataFrame,
    *,
    indicator: str,
    item_id: str | None = None,
    ax: Axes | None = None,
    font: str | None = None,
) -> Axes:
    """One indicator across tracking runs: a frame from :func:`speechkit.tracking.history.history`
    (columns ``run_id, at, indicator, period, value, unit``), the run's time on the x axis, one line per
    period the figures are for (``2024年上半年``, ``2024年下半年``: a half still running grows from run to
    run, a closed one stays flat). ``indicator`` is the catalogue id or name (停工项目数); figures repeated
    for several items of one run count once, ``item_id`` keeps one item's.

    >>> ax = plot_history(history(db), indicator="停工项目数")  # doctest: +SKIP
    >>> ax.figure.savefig("停工.png")  # doctest: +SKIP
    """
    from matplotlib import dates as mdates

    from ..tracking.catalogue import amount_text, catalogue
    from ..tracking.history import indicator_id

    cjk_font(font)
    _need(history, ["run_id", "at", "indicator", "period", "value"], "plot_history")
    ind = indicator_id(indicator)
    cat = catalogue()
    label = cat[ind].label if ind in cat else indicator
    rows = history[history["indicator"] == ind]
    if item_id is not None:
        rows = rows[rows["item_id"] == item_id]
    rows = rows.dropna(subset=["value"]).drop_duplicates(["run_id", "period"]).sort_values(["at", "run_id"])
    unit = next((str(u) for u in rows.get("unit", []) if isinstance(u, str) and u), "")
    ax = _axes(ax, (7, 3.6))
    for period, part in rows.groupby("period", sort=False):
        ax.plot(part["at"], part["value"].astype(float), marker="o", label=str(period))
        last = part.iloc[-1]
        ax.annotate(
            amount_text(float(last["value"]), unit),
            (last["at"], float(last["value"])),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize=8,
        )
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    # dates the way a Chinese reader writes them (2024年, 08月, 08月15日), not English month names;
    # zero-padded, because %-m is not portable (Windows)
    ax.xaxis.set_major_formatter(
        mdates.ConciseDateFormatter(
            locator,
            formats=["%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M", "%S.%f"],
            zero_formats=["", "%Y年", "%m月", "%m月%d日", "%H:%M", "%H:%M"],
            offset_formats=[
                "",
                "%Y年",
                "%Y年%m月",
                "%Y年%m月%d日",
                "%Y年%m月%d日",
                "%Y年%m月%d日 %H:%M",
            ],
        )
    )
    ax.set_xlabel("跟踪时间")
    ax.set_ylabel(f"{label}（{unit}）" if unit else label)
    ax.set_title(f"{label}：历次跟踪" + (f"（{item_id}）" if item_id else ""))
    if len(rows):
        ax.legend(frameon=False, fontsize=9, title="统计期", title_fontsize=9)
    else:
        ax.text(0.5, 0.5, "无数据", transform=ax.transAxes, ha="center", va="center", color="#57606a")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(color="#e6e9ec", linewidth=0.8)
    return ax


def save_history_plot(history: pd.DataFrame, path: str | Path, *, indicator: str) -> Path:
    """Draw :func:`plot_history` and write it to ``path`` (format from the extension: png, svg, pdf),
    atomically; ``speechkit history --plot`` calls it."""
    import io

    from ..errors import InputError
    from ..export import atomic_write

    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise InputError(str(path), "the plot is written as .png, .svg or .pdf")
    ax = plot_history(history, indicator=indicator)
    buf = io.BytesIO()
    ax.figure.savefig(buf, format=fmt, dpi=150)
    atomic_write(path, buf.getvalue())
    return Path(path)
