"""Whatever the input, read_raw returns RawText or raises InputError naming the input."""

from __future__ import annotations

import io
import random
import struct
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from speechkit.config import ReadConfig
from speechkit.errors import InputError
from speechkit.readers import RawText, read_raw

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 1024 * 1024


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _bomb(inflated: int) -> bytes:
    """A .docx whose word/document.xml inflates to ``inflated`` bytes of spaces (~1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            chunk = b" " * MB
            for _ in range(inflated // MB):
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return buf.getvalue()


def _lying_sizes(make_docx) -> bytes:
    """A .docx whose directory claims document.xml is 100 bytes while it inflates much further."""
    data = bytearray(make_docx(["各位代表：" * 2000]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    # central directory entry and local header both get the small size
    name = b"word/document.xml"
    pos = 0
    while (pos := data.find(b"PK\x01\x02", pos)) != -1:
        if data[pos + 46 : pos + 46 + len(name)] == name:
            struct.pack_into("<I", data, pos + 24, 100)
        pos += 4
    struct.pack_into("<I", data, info.header_offset + 22, 100)
    return bytes(data)


def _corrupt_inside(make_docx) -> bytes:
    data = bytearray(make_docx(["各位代表：现在，我代表市人民政府向大会报告工作。" * 50]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("word/document.xml")
    rng = random.Random(7)
    start = info.header_offset + 30 + len(info.filename) + 10
    for i in range(start, start + 200):
        data[i] = rng.randrange(256)
    return bytes(data)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)


Case = Callable[[Path, dict], tuple[str | Path | bytes, str, ReadConfig]]


@pytest.fixture
def builders(make_docx, make_ole, make_pdf, docx_document, word_xml) -> dict:
    return {
        "docx": make_docx,
        "ole": make_ole,
        "pdf": make_pdf,
        "docx_document": docx_document,
        "word_xml": word_xml,
    }


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


DEFAULT = ReadConfig()
CASES: list = [
    pytest.param(lambda t, b: (t / "nope.docx", "no such file", DEFAULT), id="missing-file"),
    pytest.param(lambda t, b: (t / "missing-dir" / "x.txt", "no such file", DEFAULT), id="missing-parent"),
    pytest.param(lambda t, b: (t, "is a directory", DEFAULT), id="directory"),
    pytest.param(lambda t, b: (_write(t, "empty.txt", b""), "empty file", DEFAULT), id="empty-file"),
    pytest.param(
        lambda t, b: (
            _write(t, "junk.txt", random.Random(1).randbytes(4096)),
            "binary data, not a document",
            DEFAULT,
        ),
        id="binary-junk-named-txt",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "cut.docx", b["docx"](["各位代表："] * 200)[:3000]),
            "corrupt or truncated .docx",
            DEFAULT,
        ),
        id="truncated-docx",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "bad.docx", _zip({"word/document.xml": random.Random(2).randbytes(2000)})),
            "corrupt or truncated .docx",
            DEFAULT,
        ),
        id="docx-random-bytes-in-zip",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "flipped.docx", _corrupt_inside(b["docx"])),
            "corrupt or truncated .docx",
            DEFAULT,
        ),
        id="docx-damaged-deflate-stream",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "lying.docx", _lying_sizes(b["docx"])),
            "corrupt or truncated .docx",
            DEFAULT,
        ),
        id="docx-lying-sizes",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "locked.docx", b["ole"](["\x06DataSpaces", "EncryptionInfo", "EncryptedPackage"])),
            "password-protected document",
            DEFAULT,
        ),
        id="password-protected-docx",
    ),
    pytest.param(
        lambda t, b: (_write(t, "bomb.docx", _bomb(64 * MB)), "inflates beyond limit", DEFAULT),
        id="zip-bomb-ratio",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "big.docx", _bomb(3 * MB)),
            "docx part word/document.xml inflates beyond limit",
            ReadConfig(max_inflated_bytes=1 * MB),
        ),
        id="zip-bomb-size-limit",
    ),
    pytest.param(
        lambda t, b: (
            _write(
                t,
                "xxe.docx",
                b["docx_document"](
                    b["word_xml"](
                        "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>",
                        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
                    )
                ),
            ),
            "no text in document",
            DEFAULT,
        ),
        id="xxe-in-document-xml",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "scan.pdf", b["pdf"]([[]], drawing_only=True)),
            "PDF has no text layer (scanned?); it needs OCR",
            DEFAULT,
        ),
        id="pdf-without-text",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "locked.pdf", b["pdf"]([[(72, 700, "x")]], encrypt=True)),
            "password-protected document",
            DEFAULT,
        ),
        id="encrypted-pdf",
    ),
    pytest.param(
        lambda t, b: (_write(t, "image.docx", _png()), "unknown format (PNG image)", DEFAULT),
        id="png-named-docx",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "sheet.docx", _zip({"xl/workbook.xml": b"<workbook/>"})),
            "unknown format",
            DEFAULT,
        ),
        id="xlsx-named-docx",
    ),
    pytest.param(
        lambda t, b: (_write(t, "deck.doc", b["ole"](["PowerPoint Document"])), "unknown format", DEFAULT),
        id="ppt-named-doc",
    ),
    pytest.param(
        lambda t, b: (
            _write(t, "huge.txt", "各位代表".encode() * 1000),
            "file too large (0 MB > 0 MB limit)",
            ReadConfig(max_bytes=1000),
        ),
        id="file-too-large",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_bad_input(case: Case, tmp_path: Path, builders: dict) -> None:
    source, reason, config = case(tmp_path, builders)
    with pytest.raises(InputError) as info:
        read_raw(source, config=config)
    assert str(info.value).startswith(f"{source}: ")
    assert reason in info.value.reason
    assert "root:" not in str(info.value)  # nothing of /etc/passwd ever shows


def test_name_is_used_in_messages() -> None:
    with pytest.raises(InputError, match=r"^讲话稿\.docx: empty file$"):
        read_raw(b"", name="讲话稿.docx")


def test_bytes_and_stdin_default_names(monkeypatch) -> None:
    with pytest.raises(InputError, match=r"^<bytes>: "):
        read_raw(b"")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"")))
    with pytest.raises(InputError, match=r"^<stdin>: empty file"):
        read_raw("-")


def test_stdin_is_read(monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("同志们：".encode("gbk"))))
    assert read_raw("-").text == "同志们："


def test_zip_bomb_is_refused_in_little_memory(tmp_path: Path) -> None:
    bomb = _write(tmp_path, "bomb.docx", _bomb(64 * MB))
    for config in (ReadConfig(), ReadConfig(max_inflated_bytes=1 * MB, max_compression_ratio=1e9)):
        tracemalloc.start()
        try:
            with pytest.raises(InputError, match="inflates beyond limit"):
                read_raw(bomb, config=config)
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 8 * MB, f"peak {peak / MB:.1f} MB"


def test_xxe_never_leaks_a_local_file(tmp_path: Path, docx_document, word_xml) -> None:
    secret = _write(tmp_path, "secret.txt", b"TOP-SECRET-CONTENT")
    xml = word_xml(
        "<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r></w:p>",
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>',
    )
    assert "TOP-SECRET" not in read_raw(docx_document(xml)).text


_PREFIXES = [
    b"",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"%PDF-1.4\n",
    b"<html><p>",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"---\ntitle: x\n---\n",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), body=st.binary(max_size=2048))
def test_random_bytes_never_crash(prefix: bytes, body: bytes) -> None:
    try:
        raw = read_raw(prefix + body)
    except InputError as e:
        assert str(e).startswith("<bytes>: ")
    else:
        assert isinstance(raw, RawText)
        assert raw.text.strip()


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=4000), seed=st.integers(min_value=0, max_value=2**16))
def test_damaged_docx_never_crashes(make_docx_bytes: bytes, cut: int, seed: int) -> None:
    data = bytearray(make_docx_bytes[: len(make_docx_bytes) - cut])
    rng = random.Random(seed)
    for _ in range(5):
        if data:
            data[rng.randrange(len(data))] = rng.randrange(256)
    try:
        read_raw(bytes(data))
    except InputError:
        pass


@pytest.fixture(scope="module")
def make_docx_bytes() -> bytes:
    from .conftest import build_docx

    return build_docx(
        ["各位代表：", ("总体要求", 1, 0), ("指导思想", 1, 1)], table=[["指标", "目标"], ["GDP", "5%"]]
    )
