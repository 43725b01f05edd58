"""docx: document order, tables, Word's automatic numbering, safety of the XML parsing."""

from __future__ import annotations

import pytest

from speechkit.readers import read_raw
from speechkit.readers.docx import member_name
from speechkit.readers.numbering import chinese_number, format_number


@pytest.fixture
def outline_docx(make_docx) -> bytes:
    return make_docx(
        [
            "各位代表：",
            ("总体要求", 1, 0),
            ("指导思想", 1, 1),
            ("基本原则", 1, 1),
            ("坚持稳中求进", 1, 2),
            ("坚持问题导向", 1, 2),
            ("抓实招商引资", 1, 3),
            ("扩大有效投资", 1, 3),
            ("主要任务", 1, 0),
            ("深化改革", 1, 1),
            ("第二节", 1, 4),
        ],
        title="政府工作报告",
    )


def test_numbering_renders_like_word(outline_docx: bytes) -> None:
    raw = read_raw(outline_docx, name="报告.docx")
    assert raw.format == "docx"
    assert raw.text.split("\n") == [
        "各位代表：",
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1. 坚持稳中求进",
        "2. 坚持问题导向",
        "①抓实招商引资",
        "②扩大有效投资",
        "二、主要任务",
        "（一）深化改革",  # deeper levels restart when a higher level advances
        "2.1.1 第二节",  # isLgl: all levels in decimal
    ]
    assert raw.meta["title"] == "政府工作报告"


def test_start_override_bullets_and_no_restart(make_docx) -> None:
    raw = read_raw(
        make_docx(
            [
                ("从五开始", 3, 0),
                ("然后是六", 3, 0),
                ("甲项", 2, 0),
                ("罗马一", 2, 1),
                ("乙项", 2, 0),
                ("罗马二", 2, 1),  # lvlRestart 0: never restarts
                ("要点", 4, 0),
            ]
        )
    )
    assert raw.text.split("\n") == [
        "五、从五开始",
        "六、然后是六",
        "甲. 甲项",
        "I) 罗马一",
        "乙. 乙项",
        "II) 罗马二",
        "• 要点",
    ]


def test_numbering_through_paragraph_style(make_docx) -> None:
    raw = read_raw(make_docx(["前言"], styled=["总体要求", "主要任务"]))
    assert raw.text.split("\n") == ["前言", "一、总体要求", "二、主要任务"]


def test_without_numbering_part(make_docx) -> None:
    raw = read_raw(make_docx([("总体要求", 1, 0)], numbering=None))
    assert raw.text.endswith("总体要求")


def test_tables_in_order_headers_and_hidden_text_left_out(make_docx) -> None:
    raw = read_raw(
        make_docx(
            ["主要预期目标："],
            table=[["指标", "目标"], ["国内生产总值增长", "5%左右"]],
            header="内部资料 注意保存",
            footnote_like="这是隐藏文字",
        )
    )
    assert raw.text.split("\n") == [
        "主要预期目标：",
        "指标\t目标",
        "国内生产总值增长\t5%左右",
        "表后正文。",
        "可见文字",
    ]


def test_runs_tabs_breaks_and_deleted_text(docx_document, word_xml) -> None:
    body = (
        "<w:p><w:r><w:t>一是</w:t></w:r><w:r><w:tab/><w:t>稳就业</w:t></w:r><w:r><w:br/><w:t>二是稳物价</w:t></w:r>"
        "<w:del><w:r><w:delText>删除的文字</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>，插入的文字</w:t></w:r></w:ins></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:p><w:hyperlink><w:r><w:t>链接文字</w:t></w:r></w:hyperlink>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    raw = read_raw(docx_document(word_xml(body)))
    assert raw.text.split("\n") == ["一是\t稳就业", "二是稳物价，插入的文字", "内容控件里的段落", "链接文字"]


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        pytest.param(1, "chineseCounting", "一", id="cn-1"),
        pytest.param(10, "chineseCounting", "十", id="cn-10"),
        pytest.param(12, "chineseCounting", "十二", id="cn-12"),
        pytest.param(20, "chineseCountingThousand", "二十", id="cn-20"),
        pytest.param(105, "chineseCountingThousand", "一百零五", id="cn-105"),
        pytest.param(10, "ideographDigital", "一〇", id="digital-10"),
        pytest.param(3, "ideographTraditional", "丙", id="stems"),
        pytest.param(11, "ideographTraditional", "甲", id="stems-wrap"),
        pytest.param(1, "decimalEnclosedCircle", "①", id="circle-1"),
        pytest.param(20, "decimalEnclosedCircleChinese", "⑳", id="circle-20"),
        pytest.param(21, "decimalEnclosedCircle", "㉑", id="circle-21"),
        pytest.param(2, "lowerLetter", "b", id="lower"),
        pytest.param(28, "upperLetter", "BB", id="upper-28"),
        pytest.param(4, "lowerRoman", "iv", id="lroman"),
        pytest.param(14, "upperRoman", "XIV", id="uroman"),
        pytest.param(7, "decimal", "7", id="decimal"),
        pytest.param(7, "decimalZero", "07", id="decimal-zero"),
        pytest.param(3, "chineseLegalSimplified", "叁", id="legal"),
        pytest.param(5, "decimalFullWidth", "５", id="fullwidth"),
        pytest.param(5, "unknownFormat", "5", id="unknown"),
    ],
)
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (11, "十一"),
        (110, "一百一十"),
        (1010, "一千零一十"),
        (2025, "二千零二十五"),
        (20000, "二万"),
    ],
)
def test_chinese_number(n: int, expected: str) -> None:
    assert chinese_number(n) == expected


def test_gbk_member_names_are_repaired() -> None:
    import zipfile

    stored = "2025年上海市政府工作报告.docx".encode("gbk").decode("cp437")
    assert member_name(zipfile.ZipInfo(stored)) == "2025年上海市政府工作报告.docx"
    assert member_name(zipfile.ZipInfo("Résumé.docx")) == "Résumé.docx"
    assert member_name(zipfile.ZipInfo("讲话.docx")) == "讲话.docx"


def test_iter_zip_members_repairs_names(make_docx) -> None:
    import io
    import zipfile

    from speechkit.readers import iter_zip_members

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        info = zipfile.ZipInfo("2025年西藏政府工作报告.docx".encode("gbk").decode("cp437"))
        zf.writestr(info, make_docx(["各位代表："]))
    ((name, data),) = list(iter_zip_members(buf.getvalue()))
    assert name == "2025年西藏政府工作报告.docx"
    assert read_raw(data, name=name).text == "各位代表："


def test_xxe_entity_is_never_resolved(docx_document, word_xml, tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    body = "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p><w:p><w:r><w:t>正文照常读取。</w:t></w:r></w:p>"
    raw = read_raw(docx_document(word_xml(body, doctype)))
    assert "TOP-SECRET" not in raw.text
    assert raw.text == "正文照常读取。"


def test_billion_laughs_is_not_expanded(docx_document, word_xml) -> None:
    doctype = (
        '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    body = "<w:p><w:r><w:t>&d;</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p>"
    raw = read_raw(docx_document(word_xml(body, doctype)))
    assert "哈" not in raw.text


def test_text_box_paragraphs_follow_their_anchor(docx_document, word_xml) -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    body = (
        f'<w:p xmlns:mc="{mc}" xmlns:wps="{wps}"><w:r><w:t>正文段落</w:t></w:r><w:r><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
        "<w:p><w:r><w:t>专栏：重大工程</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing>"
        "</mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>专栏：重大工程</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    assert read_raw(docx_document(word_xml(body))).text == "正文段落\n专栏：重大工程"
