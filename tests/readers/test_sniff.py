"""Format sniffing looks at the content, never at the file name."""

from __future__ import annotations

import pytest

from speechkit.readers import sniff_format
from speechkit.readers.sniff import looks_like_html, sniff_bytes, sniff_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"%PDF-1.7\n1 0 obj", "pdf", id="pdf"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "known-binary", id="png"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\x00" * 20, "known-binary", id="jpeg"),
        pytest.param(b"{\\rtf1\\ansi", "rtf", id="rtf"),
        pytest.param("一、总体要求".encode("gb18030"), "text", id="gbk-text"),
        pytest.param("BM 开头的普通文本".encode(), "text", id="text-starting-with-BM"),
        pytest.param("说明%PDF-1.4 不是PDF".encode(), "text", id="pdf-magic-inside-text"),
    ],
)
def test_sniff_bytes(data: bytes, expected: str) -> None:
    assert sniff_bytes(data) == expected


def test_docx_by_content_not_name(make_docx) -> None:
    assert sniff_bytes(make_docx(["各位代表："])) == "docx"


def test_zip_without_word_document_is_zip() -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff_bytes(buf.getvalue()) == "zip"


@pytest.mark.parametrize(
    ("streams", "expected"),
    [
        pytest.param(["WordDocument", "1Table", "\x05SummaryInformation"], "doc", id="legacy-doc"),
        pytest.param(
            ["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"], "encrypted-ooxml", id="encrypted-docx"
        ),
        pytest.param(["Workbook"], "ole", id="xls"),
    ],
)
def test_sniff_ole(make_ole, streams: list[str], expected: str) -> None:
    assert sniff_bytes(make_ole(streams)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("---\ntitle: 报告\n---\n各位代表：", "md", id="front-matter"),
        pytest.param("\n---\ntitle: 报告\n---\n<div><p>正文</p></div>", "md", id="front-matter-html-body"),
        pytest.param("# 政府工作报告\n\n各位代表：", "md", id="heading"),
        pytest.param("<!DOCTYPE html><html><body>正文</body></html>", "html", id="doctype"),
        pytest.param('<tbody><tr><td id="UCAP-CONTENT"><p>一、</p></td></tr></tbody>', "html", id="fragment"),
        pytest.param('<%@ page pageEncoding="UTF-8"%>\n<div>正文</div>', "html", id="jsp"),
        pytest.param("一、总体要求\n（一）指导思想", "txt", id="plain"),
        pytest.param("第1条 a<b 且 c>d 时", "txt", id="angle-brackets"),
        pytest.param("seg_id,rate,year\n1,GT1,2001", "txt", id="csv"),
    ],
)
def test_sniff_text(text: str, expected: str) -> None:
    assert sniff_text(text) == expected


def test_html_tags_inside_markdown_do_not_make_html() -> None:
    text = "---\ntitle: 公报\n---\n| 指标 | 比上年增长<br>（%） |\n|---|---|\n| GDP | 5.0 |"
    assert sniff_text(text) == "md"
    assert not looks_like_html("普通文本里出现一个<br>标签")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("<p>一、总体要求</p>".encode(), "html", id="html"),
        pytest.param("# 标题\n正文".encode("utf-16"), "md", id="utf16-md"),
        pytest.param(b"\x00\x01\x02\x03\x04\x05" * 50, "binary", id="junk"),
    ],
)
def test_sniff_format(data: bytes, expected: str) -> None:
    assert sniff_format(data) == expected
