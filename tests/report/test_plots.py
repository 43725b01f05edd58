"""matplotlib plots: a CJK font is found, every plot renders to PNG without a missing-glyph warning,
and the same check does catch the warning when the font has no Chinese glyphs."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

import speechkit
from speechkit.errors import MissingDependencyError

matplotlib = pytest.importorskip(
    "matplotlib", reason='plots need the plot extra: pip install "speechkit[plot]"'
)
from speechkit.report import plots  # noqa: E402

WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


@pytest.fixture(autouse=True)
def _rc() -> Iterator[None]:
    """Every test leaves matplotlib's global rcParams as it found them."""
    with matplotlib.rc_context():
        yield


@pytest.fixture(scope="module")
def font() -> str:
    try:
        return plots.cjk_font(configure=False)
    except MissingDependencyError as exc:
        pytest.skip(f"no CJK font installed: {exc}")


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> tuple[speechkit.Document, pd.DataFrame]:
    doc = speechkit.read(seed_path)
    return doc, speechkit.items_frame(speechkit.extract(doc))


def glyph_warnings(draw: Callable[[], object]) -> tuple[list[str], bytes]:
    """Messages of missing-glyph warnings raised while drawing and saving to PNG, and the PNG."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax = draw()
        buf = io.BytesIO()
        ax.figure.savefig(buf, format="png", dpi=60)
    messages = [str(w.message) for w in caught]
    return [m for m in messages if "missing from font" in m or "Glyph" in m], buf.getvalue()


def _tracking(frame: pd.DataFrame) -> pd.DataFrame:
    statuses = ["已完成", "进行中", "滞后", "未开始", "无数据", None]
    return pd.DataFrame(
        {"item_id": frame["id"], "status": [statuses[i % len(statuses)] for i in range(len(frame))]}
    )


SERIES = pd.DataFrame(
    {
        "year": [2021, 2022, 2023, 2024, 2022, 2023, 2024],
        "indicator": ["地区生产总值"] * 4 + ["新签约项目数"] * 3,
        "value": [1020.5, 1100.0, -5.0, 1230.0, 12, 18, 25],
        "unit": ["亿元"] * 4 + ["个"] * 3,
    }
)


def test_cjk_font_is_found_and_configured(font: str) -> None:
    assert font in plots.CJK_FAMILIES
    assert plots.cjk_font() == font
    assert matplotlib.rcParams["font.sans-serif"][0] == font
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
    assert matplotlib.rcParams["axes.unicode_minus"] is False


@pytest.mark.skipif(not WQY.is_file(), reason="fonts-wqy-microhei is not installed")
def test_cjk_font_from_a_file() -> None:
    assert plots.cjk_font(str(WQY)) == "WenQuanYi Micro Hei"


def test_no_cjk_font_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plots, "CJK_FAMILIES", ())
    monkeypatch.setattr(plots, "CJK_FONT_FILES", ())
    plots._find.cache_clear()
    try:
        with pytest.raises(MissingDependencyError, match=r"fonts-wqy-microhei.*fonts-noto-cjk.*font="):
            plots.cjk_font()
    finally:
        plots._find.cache_clear()


def test_unknown_font_name_or_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(MissingDependencyError, match="does not exist"):
        plots.cjk_font(str(tmp_path / "no.ttf"))
    with pytest.raises(MissingDependencyError, match="no font named"):
        plots.cjk_font("No Such Font Family")


def test_items_by_kind(font: str, seed) -> None:
    _, frame = seed
    found, png = glyph_warnings(lambda: plots.plot_items_by_kind(frame))
    assert found == []
    assert png.startswith(b"\x89PNG")
    ax = plots.plot_items_by_kind(frame)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["目标", "问题", "任务"]
    assert [p.get_width() for p in ax.patches] == [
        (frame["kind"] == k).sum() for k in ("target", "problem", "task")
    ]


def test_items_by_kind_takes_items_too(font: str, seed_path: Path) -> None:
    items = speechkit.extract(speechkit.read(seed_path))
    ax = plots.plot_items_by_kind(items)
    assert sum(p.get_width() for p in ax.patches) == len(items)


def test_items_by_section(font: str, seed) -> None:
    doc, frame = seed
    found, _ = glyph_warnings(lambda: plots.plot_items_by_section(frame, doc=doc))
    assert found == []
    ax = plots.plot_items_by_section(frame, doc=doc)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[:4] == ["一、抓实招商引资", "二、抓细招商引资", "三、抓牢招商引资", "四、抓严招商引资"]
    assert labels[4:] == ["（未分节）"]
    assert sum(p.get_width() for p in ax.patches) == len(frame)
    second = plots.plot_items_by_section(frame, level=2)
    assert "一.1" in [t.get_text() for t in second.get_yticklabels()]


def test_status(font: str, seed) -> None:
    _, frame = seed
    tracking = _tracking(frame)
    found, _ = glyph_warnings(lambda: plots.plot_status(tracking))
    assert found == []
    ax = plots.plot_status(tracking)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["已完成", "进行中", "未开始", "滞后", "无数据"]
    widths = dict(zip([t.get_text() for t in ax.get_yticklabels()], [p.get_width() for p in ax.patches]))
    assert widths["无数据"] == tracking["status"].isna().sum() + (tracking["status"] == "无数据").sum()


def test_series(font: str) -> None:
    found, _ = glyph_warnings(lambda: plots.plot_series(SERIES))
    assert found == []  # a negative value draws "-" with axes.unicode_minus off: no U+2212 glyph needed
    ax = plots.plot_series(SERIES)
    assert [line.get_label() for line in ax.get_lines()] == ["地区生产总值（亿元）", "新签约项目数（个）"]
    assert list(ax.get_lines()[1].get_xdata()) == [2022, 2023, 2024]
    assert ax.get_ylabel() == "数值"
    one = plots.plot_series(SERIES, indicators=["新签约项目数"])
    assert one.get_ylabel() == "数值（个）"


def test_plot_without_cjk_font_does_warn(monkeypatch: pytest.MonkeyPatch, seed) -> None:
    """The control: with only DejaVu Sans (no Chinese glyphs), the same check catches the warning."""
    _, frame = seed
    monkeypatch.setattr(plots, "cjk_font", lambda font=None, configure=True: "DejaVu Sans")
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    found, _ = glyph_warnings(lambda: plots.plot_items_by_kind(frame))
    assert found and "missing from font" in found[0]


def test_missing_columns_are_named(font: str) -> None:
    with pytest.raises(ValueError, match="year"):
        plots.plot_series(pd.DataFrame({"indicator": ["x"], "value": [1]}))
