"""The seed read from UTF-8, GBK, UTF-16 and a Word-numbered .docx gives one text and one outline.

The .docx has paragraph breaks where the scraped text has none (a heading is a paragraph of its own),
so the fair comparison is: the same text once the line breaks are removed, and the same outline —
markers, styles, titles, nesting, and offsets that point at the same characters of that text.
Everything a format may legitimately change (``inline``, ``head_end``) is left out.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

import speechkit
from speechkit.document import Document, Section

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: s.encode("utf-8-sig"),
    "gbk": lambda s: s.encode("gbk"),
    "utf-16-bom": lambda s: s.encode("utf-16"),  # Python writes the BOM
    "utf-16-be-bom-crlf": lambda s: b"\xfe\xff" + s.replace("\n", "\r\n").encode("utf-16-be"),
}


def flat(text: str) -> str:
    return text.replace("\n", "")


def outline_key(doc: Document) -> tuple[object, ...]:
    """The outline with offsets mapped into the text without line breaks."""
    text = doc.text

    def at(i: int) -> int:
        return i - text.count("\n", 0, i)

    def node(s: Section) -> tuple[object, ...]:
        return (
            s.marker,
            s.style,
            s.level,
            s.title,
            at(s.start),
            at(s.end),
            tuple(node(c) for c in s.children),
        )

    return tuple(node(s) for s in doc.outline)


@pytest.fixture(scope="module")
def reference(seed_text: str) -> Document:
    return speechkit.read(seed_text.encode("utf-8"), name="seed.txt")


def test_utf16_fixture_has_a_bom(seed_text: str) -> None:
    assert ENCODINGS["utf-16-bom"](seed_text)[:2] in (b"\xff\xfe", b"\xfe\xff")


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_encodings_give_identical_documents(seed_text: str, reference: Document, encoding: str) -> None:
    doc = speechkit.read(ENCODINGS[encoding](seed_text), name=f"seed.{encoding}.txt")
    assert doc.format == "txt"
    assert doc.text == reference.text
    assert doc.outline == reference.outline
    assert doc.meta == reference.meta
    assert doc.sha256 == reference.sha256


def test_seed_file_on_disk_matches_bytes(seed_path, reference: Document) -> None:
    doc = speechkit.read(seed_path)
    assert doc.text == reference.text
    assert doc.outline == reference.outline


@pytest.fixture(scope="module")
def docx_doc(seed_docx: bytes) -> Document:
    return speechkit.read(seed_docx, name="seed.docx")


def test_docx_headings_carry_no_typed_marker(seed_docx: bytes) -> None:
    import io

    import docx

    numbered = [
        p
        for p in docx.Document(io.BytesIO(seed_docx)).paragraphs
        if p._p.pPr is not None and p._p.pPr.numPr is not None
    ]
    assert len(numbered) == 4
    assert all(p.text.startswith("以“") for p in numbered)


def test_docx_renders_word_numbering(docx_doc: Document) -> None:
    assert docx_doc.format == "docx"
    heads = [line for line in docx_doc.text.split("\n") if line.startswith(("一、", "二、", "三、", "四、"))]
    assert [h[:2] for h in heads] == ["一、", "二、", "三、", "四、"]
    assert heads[0] == "一、以“等不起、慢不得、坐不住”的姿态，抓实招商引资。"


def test_docx_text_equals_txt_modulo_line_breaks(docx_doc: Document, reference: Document) -> None:
    assert "\n" not in reference.text
    assert flat(docx_doc.text) == reference.text


def test_docx_outline_equals_txt_outline(docx_doc: Document, reference: Document) -> None:
    assert outline_key(docx_doc) == outline_key(reference)
    assert [s.inline for s in docx_doc.outline] == [False] * 4  # headings are paragraphs in the .docx


def test_docx_meta_equals_txt_meta(docx_doc: Document, reference: Document) -> None:
    assert docx_doc.meta == reference.meta


def test_shared_seed_is_the_bundled_seed(shared_dir, reference: Document) -> None:
    seeds = sorted((shared_dir / "seed").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seed is not present")
    assert speechkit.read(seeds[0]).text == reference.text


def test_docx_numbering_levels_become_outline_levels(make_numbered_docx) -> None:
    data = make_numbered_docx(
        [
            "各位代表：",
            ("总体要求", 1, 0),
            ("指导思想", 1, 1),
            "坚持稳中求进。",
            ("基本原则", 1, 1),
            ("主要任务", 1, 0),
            ("深化改革", 1, 1),
        ]
    )
    doc = speechkit.read(data, name="plan.docx")
    assert doc.text.split("\n")[:3] == ["各位代表：", "一、总体要求", "（一）指导思想"]
    assert [(s.marker, s.title, [(c.marker, c.title) for c in s.children]) for s in doc.outline] == [
        ("一、", "总体要求", [("（一）", "指导思想"), ("（二）", "基本原则")]),
        ("二、", "主要任务", [("（一）", "深化改革")]),
    ]
