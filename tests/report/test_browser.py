"""The HTML report in a real headless Chromium: it paints, the Chinese text shows (no tofu), highlights
are coloured, and the DOM after the page's script still carries every highlight.

Skips (with the reason) only when no ``chromium`` is installed (Debian: ``apt-get install chromium
fonts-wqy-microhei``, which ``.ci/run`` does).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html
import numpy as np
import pytest

import speechkit
from speechkit.report._style import CJK_FONT_STACK
from speechkit.report.html import render_report

PIL = pytest.importorskip("PIL.Image", reason="Pillow (a matplotlib dependency) reads the screenshots")

CHROMIUM = next(
    (
        p
        for p in (shutil.which("chromium"), shutil.which("chromium-browser"), shutil.which("google-chrome"))
        if p
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium fonts-wqy-microhei)"
)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def chromium(page: Path, out_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={out_dir / 'profile'}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=90,
        check=True,
    )


def screenshot(page: Path, png: Path, size: str = "1280,2000") -> np.ndarray:
    chromium(page, png.parent, f"--screenshot={png}", f"--window-size={size}")
    return np.asarray(PIL.open(png).convert("RGB")).astype(np.int16)


@pytest.fixture(scope="module")
def seed_report(seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The seed's report rendered once: the HTML file, its screenshot, the screenshot with the speech's
    text made transparent, and the DOM after the script ran."""
    out = tmp_path_factory.mktemp("browser")
    doc = speechkit.read(seed_path)
    items = speechkit.extract(doc)
    page = render_report(doc, items)
    html = out / "seed.html"
    html.write_text(page, encoding="utf-8")
    hidden = out / "seed_hidden.html"
    hidden.write_text(
        page.replace("</style>", "#text, #text * { color: transparent !important; }</style>", 1),
        encoding="utf-8",
    )
    dom = chromium(html, out, "--dump-dom").stdout
    return {
        "doc": doc,
        "items": items,
        "png": out / "seed.png",
        "pixels": screenshot(html, out / "seed.png"),
        "hidden": screenshot(hidden, out / "seed_hidden.png"),
        "dom": dom,
    }


def test_screenshot_is_not_blank(seed_report) -> None:
    px = seed_report["pixels"]
    assert px.shape == (2000, 1280, 3)
    assert px.std() > 30
    non_white = (px < 235).any(axis=2).mean()
    assert non_white > 0.05, f"only {non_white:.1%} of the page is painted"


def test_speech_text_is_painted(seed_report) -> None:
    """The screenshot differs from one where the speech's characters are transparent: the text paints."""
    diff = np.abs(seed_report["pixels"] - seed_report["hidden"]).sum(axis=2) > 60
    assert diff.sum() > 20_000, f"only {diff.sum()} pixels change when the text is hidden"
    # and only inside the text column (right of the outline), not in the header or sidebar
    ys, xs = np.nonzero(diff)
    assert xs.min() > 280 and ys.min() > 300


def _near(px: np.ndarray, rgb: tuple[float, float, float], tol: int = 5) -> int:
    return int((np.abs(px - np.array(rgb)) <= tol).all(axis=2).sum())


def _over_white(rgb: tuple[int, int, int], alpha: float) -> tuple[float, float, float]:
    r, g, b = (255 * (1 - alpha) + c * alpha for c in rgb)
    return r, g, b


@pytest.mark.parametrize(
    ("kind", "rgb", "alpha"),
    [("target", (0, 158, 115), 0.16), ("problem", (213, 94, 0), 0.13), ("task", (0, 114, 178), 0.08)],
)
def test_highlight_colours_are_painted(
    seed_report, kind: str, rgb: tuple[int, int, int], alpha: float
) -> None:
    """The tint of each kind's highlight (as report.css sets it) covers a real area of the text."""
    assert any(it.kind == kind for it in seed_report["items"])
    assert _near(seed_report["hidden"], _over_white(rgb, alpha)) > 500


def test_dom_after_script_keeps_text_and_every_highlight(seed_report) -> None:
    tree = lxml.html.fromstring(seed_report["dom"])
    (text,) = tree.xpath('//div[@id="text"]')
    assert text.text_content() == seed_report["doc"].text
    for it in seed_report["items"]:
        assert tree.xpath(f'//mark[@id="i-{it.id}"][@data-kind="{it.kind}"]'), it.id
        assert tree.xpath(f'//tr[@id="r-{it.id}"]'), it.id
    assert len(tree.xpath("//svg[@class='chart']//rect")) >= 3


def _glyph_page(path: Path, strings: list[str]) -> None:
    cells = "".join(
        f'<div style="position:absolute;left:{20 + 110 * j}px;top:{20 + 130 * i}px;width:100px;height:110px;'
        f'font-size:88px;line-height:110px;text-align:center">{ch}</div>'
        for i, s in enumerate(strings)
        for j, ch in enumerate(s)
    )
    path.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{{margin:0;background:#fff;color:#000;'
        f"font-family:{CJK_FONT_STACK}}}</style></head><body>{cells}</body></html>",
        encoding="utf-8",
    )


def _glyphs(px: np.ndarray, rows: int, cols: int) -> list[np.ndarray]:
    ink = (px.mean(axis=2) < 128).astype(np.int8)
    return [
        ink[20 + 130 * i : 130 + 130 * i, 20 + 110 * j : 120 + 110 * j]
        for i in range(rows)
        for j in range(cols)
    ]


def _distinct(cells: list[np.ndarray]) -> float:
    """Smallest share of differing ink pixels between any two cells (0: two cells look the same)."""
    out = 1.0
    for a in range(len(cells)):
        for b in range(a + 1, len(cells)):
            union = (cells[a] | cells[b]).sum()
            out = min(out, float((cells[a] ^ cells[b]).sum() / max(union, 1)))
    return out


def test_chinese_glyphs_are_real_not_tofu(tmp_path: Path) -> None:
    """Different CJK characters in the report's font stack paint different shapes. Characters no font
    has (private use area) paint the same tofu box — the control that shows the check can fail."""
    cjk = ["招商引资", "目标任务"]
    tofu = ["\ue000\ue001\ue002\ue003"]
    _glyph_page(tmp_path / "cjk.html", cjk)
    _glyph_page(tmp_path / "tofu.html", tofu)
    real = _glyphs(screenshot(tmp_path / "cjk.html", tmp_path / "cjk.png", "480,300"), 2, 4)
    boxes = _glyphs(screenshot(tmp_path / "tofu.html", tmp_path / "tofu.png", "480,300"), 1, 4)
    assert all(c.sum() > 200 for c in real), "a CJK character painted no ink"
    assert _distinct(real) > 0.3, "two different CJK characters look alike: tofu boxes?"
    assert all(c.sum() > 100 for c in boxes), "the control should paint tofu boxes"
    assert _distinct(boxes) < 0.1, "characters without a font should all be the same tofu box"
