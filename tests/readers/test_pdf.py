"""PDF: running headers/footers and page numbers removed, wrapped lines joined into paragraphs."""

from __future__ import annotations

import pytest

from speechkit.errors import InputError
from speechkit.readers import read_raw
from speechkit.readers.pdf import NO_TEXT, remove_running_lines

P1 = "坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，加快构建新发展格局，着力推动高质量发展。更好统筹发展和安全，"
P1 += "切实增强经济活力，持续改善社会预期。"
P2 = "今年发展主要预期目标是：国内生产总值增长百分之五左右；城镇新增就业一千二百万人以上，城镇调查失业率百分之五点五左右；"
P2 += "居民消费价格涨幅百分之二左右。"
P3 = "各位代表！任务艰巨，使命光荣。"
P4 = "以上就是今年的主要工作安排。"


def _wrap(text: str, first: int = 28, width: int = 30) -> list[str]:
    lines = [text[:first]]
    rest = text[first:]
    while rest:
        lines.append(rest[:width])
        rest = rest[width:]
    return lines


def _layout(paragraphs: list[str], start_y: float) -> list[tuple[float, float, str]]:
    out = []
    y = start_y
    for para in paragraphs:
        for i, line in enumerate(_wrap(para)):
            out.append((96.0 if i == 0 else 72.0, y, line))
            y -= 16
    return out


@pytest.fixture
def cjk_report(make_pdf) -> bytes:
    body = _layout([P1, P2], 736)
    # P2 continues on page 2: move its last two lines there.
    page1 = [
        (72.0, 800.0, "政府工作报告（2025年）"),
        (220.0, 760.0, "一、总体要求"),
        *body[:-2],
        (280.0, 40.0, "- 1 -"),
    ]
    page2 = [
        (72.0, 800.0, "政府工作报告（2025年）"),
        *[(x, 760.0 - 16 * i, t) for i, (x, _y, t) in enumerate(body[-2:])],
        *_layout([P3], 712),
        (280.0, 40.0, "- 2 -"),
    ]
    page3 = [(72.0, 800.0, "政府工作报告（2025年）"), *_layout([P4], 760), (280.0, 40.0, "- 3 -")]
    return make_pdf([page1, page2, page3], cjk=True)


def test_cjk_paragraphs_rejoined_and_running_lines_removed(cjk_report: bytes) -> None:
    raw = read_raw(cjk_report, name="报告.pdf")
    assert raw.format == "pdf"
    assert raw.text.split("\n") == ["一、总体要求", P1, P2, P3, P4]
    assert raw.meta["pages"] == "3"


def test_latin_pdf_punctuation_rule(make_pdf) -> None:
    words = "alpha bravo charl delta echoo foxtr golfo hotel india julie kilos limao".split()

    def full(k: int) -> str:  # 59 characters in Courier: reaches the right margin
        return " ".join(words[k:] + words[:k])[:59]

    pages = []
    for n in (1, 2, 3):
        pages.append(
            [
                (72, 800, "Annual Work Report"),
                (72, 760, full(n)),
                (72, 744, full(n + 3)),
                (72, 728, "short end of a paragraph."),
                (72, 712, full(n + 6)[:58] + "."),
                (72, 696, full(n + 1)),
                (72, 680, f"last line {words[n]}"),
                (250, 40, f"Page {n} of 3"),
            ]
        )
    raw = read_raw(make_pdf(pages, font="Courier"))
    lines = raw.text.split("\n")
    assert "Annual Work Report" not in raw.text
    assert "Page" not in raw.text
    assert lines[:3] == [
        f"{full(1)} {full(4)} short end of a paragraph.",
        full(7)[:58] + ".",  # ends a sentence at the margin: no first-line indents, so a new paragraph
        f"{full(2)} last line bravo",
    ]
    assert len(lines) == 9


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param(
            [["国务院公报", "正文一", "- 1 -"], ["国务院公报", "正文二", "- 2 -"]],
            [["正文一"], ["正文二"]],
            id="header-and-dash-numbers",
        ),
        pytest.param([["正文一", "第1页"], ["正文二", "第2页 共2页"]], [["正文一"], ["正文二"]], id="di-ye"),
        pytest.param([["正文一", "1/12"]], [["正文一"]], id="slash-number-single-page"),
        pytest.param(
            [["一、总体要求", "正文甲", "正文乙", "正文丙"], ["二、主要任务", "正文丁", "正文戊"]],
            [["一、总体要求", "正文甲", "正文乙", "正文丙"], ["二、主要任务", "正文丁", "正文戊"]],
            id="different-headings-kept",
        ),
    ],
)
def test_remove_running_lines(pages: list[list[str]], expected: list[list[str]]) -> None:
    assert remove_running_lines(pages) == expected


def test_scanned_pdf_needs_ocr(make_pdf) -> None:
    with pytest.raises(InputError, match=r"no text layer \(scanned\?\); it needs OCR") as info:
        read_raw(make_pdf([[], []], drawing_only=True), name="scan.pdf")
    assert info.value.reason == NO_TEXT


def test_encrypted_pdf(make_pdf) -> None:
    with pytest.raises(InputError, match="password-protected"):
        read_raw(make_pdf([[(72, 700, "secret")]], encrypt=True), name="locked.pdf")


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.4\n" + b"\x00garbage" * 50, id="garbage"),
        pytest.param(b"%PDF-1.4\n1 0 obj << /Type /Catalog", id="truncated"),
    ],
)
def test_corrupt_pdf(data: bytes) -> None:
    with pytest.raises(InputError, match=r"corrupt PDF|no text layer"):
        read_raw(data, name="bad.pdf")
