"""Properties over generated input: reading never fails but with InputError; offsets stay in range."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import speechkit
from speechkit.document import Document
from speechkit.errors import InputError

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

MARKERS = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "3.",
    "（1）",
    "①",
    "②",
    "一是",
    "二是",
    "三是",
    "第一，",
    "第二，",
    "首先，",
    "其次，",
    "最后，",
    "第一个问题：",
    "——",
    "# ",
    "## ",
    "同志们：",
    "各位代表：",
    "确保",
    "到2025年",
    "牵头单位：",
    "新华社记者 鞠鹏/摄",
    "\n2、",
    "“",
    "”",
]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PUNCT = st.sampled_from([*"。，、；：！？“”（）", "\n", " ", "\u3000"])
DIGITS = st.characters(min_codepoint=ord("0"), max_codepoint=ord("9"))
PIECE = st.one_of(
    st.text(CJK, min_size=1, max_size=8),
    PUNCT,
    st.text(DIGITS, min_size=1, max_size=4),
    st.sampled_from(MARKERS),
)
CHINESE = st.lists(PIECE, max_size=60).map("".join)


@SETTINGS
@given(data=st.binary(max_size=2048))
def test_random_bytes_read_or_input_error(data: bytes) -> None:
    try:
        doc = speechkit.read(data)
    except InputError as exc:
        assert str(exc).startswith("<bytes>")
        return
    assert isinstance(doc, Document)
    assert_in_range(doc)


@SETTINGS
@given(
    data=st.one_of(
        st.binary(max_size=512).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=512).map(lambda b: b"%PDF-1.4\n" + b),
        st.binary(max_size=512).map(lambda b: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b),
        st.binary(max_size=512).map(lambda b: b"\xff\xfe" + b),
        st.binary(max_size=512).map(lambda b: b"<html><body>" + b),
    )
)
def test_random_bytes_behind_magic_numbers(data: bytes) -> None:
    try:
        speechkit.read(data)
    except InputError:
        pass


def assert_in_range(doc: Document) -> None:
    n = len(doc.text)
    for s in doc.sections():
        assert 0 <= s.start <= s.head_end <= s.end <= n
        assert doc.text[s.start : s.end].startswith(s.marker)
    for p in doc.paragraphs:
        assert 0 <= p.start <= p.end <= n


@SETTINGS
@given(raw=CHINESE)
@example(raw="。一、\n一第一个问题：一、")  # an inline point whose child marker stands in a later paragraph
def test_from_text_offsets_in_range(raw: str) -> None:
    doc = speechkit.from_text(raw)
    assert_in_range(doc)


@SETTINGS
@given(raw=CHINESE)
def test_normalize_is_idempotent(raw: str) -> None:
    text = speechkit.from_text(raw).text
    assert speechkit.from_text(text).text == text


@SETTINGS
@given(raw=CHINESE)
def test_extract_items_point_into_text(raw: str) -> None:
    doc = speechkit.from_text(raw)
    for item in speechkit.extract(doc):
        assert 0 <= item.start <= item.end <= len(doc.text)
        assert item.text == doc.text[item.start : item.end]
        assert item.kind in ("target", "problem", "task")


def test_extract_items_point_into_seed(seed_text: str) -> None:
    doc = speechkit.from_text(seed_text)
    items = speechkit.extract(doc)
    assert items
    assert all(item.text == doc.text[item.start : item.end] for item in items)
