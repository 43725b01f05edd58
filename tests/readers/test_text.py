"""Plain text and markdown: encodings, BOMs, line ends, front matter."""

from __future__ import annotations

import codecs

import pytest

from speechkit.errors import InputError
from speechkit.readers import read_raw
from speechkit.readers.text import decode_bytes, split_front_matter

SIMPLIFIED = "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2024年工作回顾\n（一）经济社会发展主要目标任务圆满完成。"
TRADITIONAL = "各位代表：\n現在，我代表政府向大會報告工作，請予審議。\n一、經濟發展\n（一）推動產業轉型升級，擴大國內需求。"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param(SIMPLIFIED.encode(), SIMPLIFIED, "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + SIMPLIFIED.encode(), SIMPLIFIED, "utf-8-sig", id="utf-8-bom"),
        pytest.param(
            codecs.BOM_UTF16_LE + SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16-le", id="utf-16-le-bom"
        ),
        pytest.param(
            codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, "utf-16-be", id="utf-16-be-bom"
        ),
        pytest.param(SIMPLIFIED.encode("utf-16-le"), SIMPLIFIED, "utf-16-le", id="utf-16-le-no-bom"),
        pytest.param(SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED, "utf-16-be", id="utf-16-be-no-bom"),
        pytest.param(SIMPLIFIED.encode("gbk"), SIMPLIFIED, "gb18030", id="gbk"),
        pytest.param(SIMPLIFIED.encode("gb2312"), SIMPLIFIED, "gb18030", id="gb2312"),
        pytest.param(TRADITIONAL.encode("big5"), TRADITIONAL, "big5", id="big5-stays-traditional"),
        pytest.param(TRADITIONAL.encode("gb18030"), TRADITIONAL, "gb18030", id="traditional-in-gb18030"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    assert decode_bytes(data) == (text, encoding)


def test_utf8_with_a_damaged_byte_stays_utf8() -> None:
    data = bytearray((SIMPLIFIED * 5).encode())
    data[40] = 0xFF
    text, encoding = decode_bytes(bytes(data))
    assert encoding == "utf-8"
    assert "国务院，向大会" in text and text.count("\ufffd") <= 3


def test_utf8_cut_inside_last_character_is_still_utf8() -> None:
    data = SIMPLIFIED.encode()[:-1]
    text, encoding = decode_bytes(data)
    assert encoding == "utf-8"
    assert text.startswith("各位代表")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        pytest.param(b"a\r\nb\r\n", "a\nb\n", id="crlf"),
        pytest.param(b"a\rb", "a\nb", id="cr"),
        pytest.param("一、总体要求\r\n（一）".encode("gbk"), "一、总体要求\n（一）", id="gbk-crlf"),
    ],
)
def test_line_ends(data: bytes, text: str) -> None:
    assert read_raw(data).text == text


def test_markdown_front_matter_goes_to_meta() -> None:
    source = (
        "---\ntitle: '政府工作报告'\ndate: 2025-01-22\nsource: https://www.gov.cn/x.htm\n"
        "tags:\n  - 规划\n---\n\n# 一、总体要求\n\n正文。\n"
    )
    raw = read_raw(source.encode())
    assert raw.format == "md"
    assert raw.text == "\n# 一、总体要求\n\n正文。\n"
    assert raw.meta["title"] == "政府工作报告"
    assert raw.meta["date"] == "2025-01-22"
    assert raw.meta["url"] == "https://www.gov.cn/x.htm"
    assert raw.meta["encoding"] == "utf-8"


def test_markdown_with_html_body_is_rendered() -> None:
    source = (
        "\n---\ntitle: 推进情况\n---\n\n<div>\n<p>　　（一）扩大有效投资</p>\n<p>　　1．增速。</p>\n</div>\n"
    )
    raw = read_raw(source.encode())
    assert raw.format == "md"
    assert raw.meta["source_format"] == "md+html"
    assert raw.text == "　　（一）扩大有效投资\n　　1．增速。"


def test_markdown_by_heading_without_front_matter() -> None:
    raw = read_raw("# 政府工作报告\n各位代表：".encode())
    assert raw.format == "md"
    assert raw.text == "# 政府工作报告\n各位代表："


def test_front_matter_closed_by_four_dashes() -> None:
    fields, body = split_front_matter("---\ntitle: 纲要\n----\n\n正文")
    assert fields == {"title": "纲要"}
    assert body == "\n正文"


def test_plain_text_keeps_its_text_verbatim() -> None:
    text = "　　同志们：\n　　今天召开会议。\n\n\n一是抓落实。"
    raw = read_raw(text.encode())
    assert raw.format == "txt"
    assert raw.text == text


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes(range(256)) * 4, id="all-bytes"),
        pytest.param(b"\x00" * 100, id="nuls"),
        pytest.param(b"\x01\x02\x03\x04\x05\x06\x07\x08" * 40, id="controls"),
    ],
)
def test_binary_junk_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="binary data, not a document"):
        read_raw(data, name="junk.txt")


def test_whitespace_only_has_no_text() -> None:
    with pytest.raises(InputError, match="no text"):
        read_raw(b"  \r\n\t\n")
