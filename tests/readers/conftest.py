"""Fixtures for the reader tests: documents built in code (docx, PDF, OLE2), never committed."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest

from docx_builders import W_NS, build_docx, replace_parts

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def document_xml(body: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{doctype}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    )


def docx_with_document(xml: str | bytes) -> bytes:
    """A python-docx document whose word/document.xml is replaced by ``xml``."""
    buf = io.BytesIO()
    docx.Document().save(buf)
    return replace_parts(buf.getvalue(), {"word/document.xml": xml})


# ----------------------------------------------------------------------------- OLE2

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def build_ole(stream_names: Sequence[str]) -> bytes:
    """A minimal, structurally valid OLE2 compound file listing empty streams ``stream_names``."""
    ssize = 512
    entries = ["Root Entry", *stream_names]
    n_dir = (len(entries) + 3) // 4
    header = bytearray(ssize)
    header[0:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<I", header, 0x2C, 1)  # FAT sectors
    struct.pack_into("<I", header, 0x30, 1)  # first directory sector
    struct.pack_into("<I", header, 0x38, 4096)
    struct.pack_into("<III", header, 0x3C, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 0x48, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [0xFFFFFFFD] + [i + 1 for i in range(1, n_dir)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    fat_sector = struct.pack("<128I", *fat)
    directory = bytearray()
    for i, name in enumerate(entries):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if i == 0 else 2, 1)
        left, right, child = 0xFFFFFFFF, (i + 1 if 0 < i < len(entries) - 1 else 0xFFFFFFFF), 0xFFFFFFFF
        if i == 0 and len(entries) > 1:
            child = 1
        struct.pack_into("<III", entry, 68, left, right, child)
        struct.pack_into("<II", entry, 116, 0xFFFFFFFE, 0)
        directory += entry
    directory += b"\x00" * (n_dir * ssize - len(directory))
    return bytes(header) + fat_sector + bytes(directory)


# ----------------------------------------------------------------------------- PDF

Line = tuple[float, float, str]  # x, y (from the bottom), text


def build_pdf(
    pages: Sequence[Sequence[Line]],
    *,
    font: str = "Courier",
    size: float = 12,
    cjk: bool = False,
    encrypt: bool = False,
    drawing_only: bool = False,
) -> bytes:
    """A small PDF written by hand: one text line per (x, y, text), A4 pages.

    ``cjk=True`` uses the non-embedded Adobe-GB1 font STSong-Light with the UniGB-UCS2-H CMap,
    which text extractors map back to Unicode without any font file.
    """
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled later
    pages_obj = add(b"")
    if cjk:
        descriptor = add(
            b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880]"
            b" /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>"
        )
        descendant = add(
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo"
            b" << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor "
            + f"{descriptor} 0 R".encode()
            + b" /DW 1000 >>"
        )
        font_obj = add(
            b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H"
            b" /DescendantFonts [" + f"{descendant} 0 R".encode() + b"] >>"
        )
    else:
        font_obj = add(f"<< /Type /Font /Subtype /Type1 /BaseFont /{font} >>".encode())
    page_ids = []
    for lines in pages:
        ops = []
        if drawing_only:
            ops.append("0 0 m 300 300 l 100 500 l h S")
        for x, y, text in lines:
            if cjk:
                shown = "<" + text.encode("utf-16-be").hex().upper() + ">"
            else:
                shown = "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
            ops.append(f"BT /F1 {size} Tf {x} {y} Td {shown} Tj ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R"
                f" /Resources << /Font << /F1 {font_obj} 0 R >> >> >>".encode()
            )
        )
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_obj} 0 R >>".encode()
    kids = " ".join(f"{i} 0 R" for i in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    trailer_extra = ""
    if encrypt:
        enc = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -44 >>"
        )
        trailer_extra = f" /Encrypt {enc} 0 R /ID [<{'ab' * 16}> <{'ab' * 16}>]"
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {catalog} 0 R{trailer_extra} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture
def make_docx() -> Callable[..., bytes]:
    return build_docx


@pytest.fixture
def make_ole() -> Callable[[Sequence[str]], bytes]:
    return build_ole


@pytest.fixture
def make_pdf() -> Callable[..., bytes]:
    return build_pdf


@pytest.fixture
def docx_document() -> Callable[[str | bytes], bytes]:
    return docx_with_document


@pytest.fixture
def shared_corpora() -> Path:
    corpora = SHARED / "corpora"
    if not corpora.is_dir():
        pytest.skip("../shared/corpora is not present")
    return corpora.resolve()


@pytest.fixture
def word_xml() -> Callable[..., str]:
    return document_xml
