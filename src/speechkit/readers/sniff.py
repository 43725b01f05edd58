"""Tell a document's format from its bytes, never from its file name.

The magic numbers decide first (zip, OLE2, ``%PDF``, a few image/archive formats);
whatever is left is text, and :func:`sniff_text` then tells HTML, markdown and plain text apart.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from typing import Literal

ByteFormat = Literal["docx", "doc", "encrypted-ooxml", "ole", "pdf", "zip", "rtf", "known-binary", "text"]
TextFormat = Literal["html", "md", "txt"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Formats a user may hand us by mistake: recognised so the message can say so.
_BINARY_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"ID3", "audio file"),
    (b"OggS", "audio file"),
    (b"fLaC", "audio file"),
    (b"\x00\x00\x00\x18ftyp", "video file"),
    (b"\x00\x00\x00\x20ftyp", "video file"),
    (b"wOFF", "font file"),
    (b"SQLite format 3\x00", "SQLite database"),
)


def binary_kind(data: bytes) -> str | None:
    """Name the non-document binary format ``data`` starts with, or ``None``.

    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n....")
    'PNG image'
    >>> binary_kind("一、总体要求".encode()) is None
    True
    """
    for magic, kind in _BINARY_MAGICS:
        if data.startswith(magic):
            if magic == b"BM" and not _looks_like_bmp(data):
                continue
            if magic == b"MZ" and len(data) < 64:
                continue
            return kind
    return None


def _looks_like_bmp(data: bytes) -> bool:
    # "BM" is also how plain text may start; check the header's declared file size.
    if len(data) < 26:
        return False
    (size,) = struct.unpack_from("<I", data, 2)
    return size == len(data) and data[6:10] == b"\x00\x00\x00\x00"


def sniff_bytes(data: bytes) -> ByteFormat:
    """Classify ``data`` by its magic number; ``"text"`` means no container was recognised.

    ``"docx"`` is a zip holding ``word/document.xml``; ``"doc"`` an OLE2 file with a
    ``WordDocument`` stream; ``"encrypted-ooxml"`` an OLE2 file with ``EncryptionInfo`` /
    ``EncryptedPackage`` streams (a password-protected .docx/.xlsx); ``"ole"`` any other OLE2 file.

    >>> sniff_bytes(b"%PDF-1.7 ...")
    'pdf'
    >>> sniff_bytes("一、抓实招商引资".encode("gb18030"))
    'text'
    """
    head = data[:8]
    if head.startswith(ZIP_MAGICS):
        return "docx" if _zip_has_word_document(data) else "zip"
    if head == OLE_MAGIC:
        names = ole_stream_names(data)
        if "EncryptionInfo" in names or "EncryptedPackage" in names:
            return "encrypted-ooxml"
        if "WordDocument" in names:
            return "doc"
        return "ole"
    # %PDF may be preceded by a little junk (readers allow it), but not by much.
    pdf_at = data.find(b"%PDF-", 0, 1024)
    if pdf_at == 0 or (pdf_at > 0 and (not data[:pdf_at].strip() or b"endobj" in data)):
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if binary_kind(data) is not None:
        return "known-binary"
    return "text"


def _zip_has_word_document(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return any(n.lower() == "word/document.xml" for n in zf.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        # A truncated .docx still starts with "PK\x03\x04word/..." in its first local header.
        return b"word/" in data[:4096] or b"[Content_Types].xml" in data[:4096]


# --------------------------------------------------------------------------- OLE2

_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_OLE_NAMES = ("WordDocument", "EncryptionInfo", "EncryptedPackage", "Workbook", "Book", "PowerPoint Document")


def ole_stream_names(data: bytes) -> set[str]:
    """Names of the entries in an OLE2 (Compound File) directory; best effort, never raises.

    Reads the header, the FAT and the directory chain. If the structure is damaged, falls back
    to looking for the few names that matter, encoded as UTF-16-LE, anywhere in the file.

    >>> ole_stream_names(b"not an OLE file")
    set()
    """
    if not data.startswith(OLE_MAGIC):
        return set()
    try:
        names = _ole_directory_names(data)
    except (struct.error, ValueError, IndexError):
        names = set()
    if not names:
        names = {n for n in _OLE_NAMES if n.encode("utf-16-le") in data}
    return names


def _ole_directory_names(data: bytes) -> set[str]:
    sector_shift = struct.unpack_from("<H", data, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise ValueError("bad sector size")
    ssize = 1 << sector_shift
    n_sectors = max(0, (len(data) - ssize) // ssize) + 1

    def sector(i: int) -> bytes:
        off = (i + 1) * ssize
        if i < 0 or off >= len(data):
            raise ValueError("sector out of range")
        return data[off : off + ssize]

    # DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
    difat = [v for v in struct.unpack_from("<109I", data, 0x4C) if v < 0xFFFFFFFA]
    next_difat, n_difat = struct.unpack_from("<II", data, 0x44)
    seen = 0
    while next_difat < 0xFFFFFFFA and seen < min(n_difat, n_sectors):
        sec = sector(next_difat)
        entries = struct.unpack_from(f"<{ssize // 4}I", sec)
        difat.extend(v for v in entries[:-1] if v < 0xFFFFFFFA)
        next_difat = entries[-1]
        seen += 1
    fat: list[int] = []
    for s in difat[:n_sectors]:
        fat.extend(struct.unpack_from(f"<{ssize // 4}I", sector(s)))

    names: set[str] = set()
    current = struct.unpack_from("<I", data, 0x30)[0]
    visited: set[int] = set()
    while current not in (_ENDOFCHAIN, _FREESECT) and current not in visited and len(visited) < n_sectors:
        visited.add(current)
        sec = sector(current)
        for off in range(0, ssize, 128):
            entry = sec[off : off + 128]
            if len(entry) < 128:
                break
            name_len = struct.unpack_from("<H", entry, 64)[0]
            kind = entry[66]
            if kind in (1, 2, 5) and 2 <= name_len <= 64:
                name = entry[: name_len - 2].decode("utf-16-le", errors="replace")
                names.add(name)
        current = fat[current] if current < len(fat) else _ENDOFCHAIN
    return names


# --------------------------------------------------------------------------- text kinds

FRONT_MATTER = re.compile(r"\A\ufeff?(?:[ \t]*\r?\n)*---[ \t]*\r?\n(.*?)\r?\n-{3,}[ \t]*(?:\r?\n|\Z)", re.S)
_HTML_DOC = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.I)
_HTML_TAG = re.compile(
    r"<(?:p|div|br|span|table|tbody|tr|td|th|h[1-6]|ul|ol|li|font|strong|b|a|article|section|"
    r"meta|title|script|style|center|img)(?:\s[^<>]*)?/?>",
    re.I,
)
_LEADING_NOISE = re.compile(r"\A(?:\s|\ufeff|<%.*?%>|<\?xml[^>]*\?>|<!--.*?-->)*", re.S)
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)


def has_front_matter(text: str) -> bool:
    """Whether ``text`` opens with a YAML front-matter block (``---`` … ``---``).

    >>> has_front_matter("---\\ntitle: 政府工作报告\\n---\\n各位代表：")
    True
    """
    return FRONT_MATTER.match(text) is not None


def looks_like_html(text: str) -> bool:
    """Whether decoded ``text`` is an HTML page or fragment.

    True when it has ``<!DOCTYPE html>``, ``<html>``, ``<body>`` or ``<head>`` near the top, when it
    starts (after JSP directives, an XML declaration or comments) with a known HTML tag, or when
    known block tags are frequent.

    >>> looks_like_html('<tbody><tr><td id="UCAP-CONTENT"><p>一、总体要求</p></td></tr></tbody>')
    True
    >>> looks_like_html("一、总体要求\\n（一）指导思想")
    False
    """
    head = text[:4096]
    if _HTML_DOC.search(head):
        return True
    start = _LEADING_NOISE.sub("", head, count=1)
    if start.startswith("<") and _HTML_TAG.match(start):
        return True
    tags = _HTML_TAG.findall(text[:65536])
    return len(tags) >= 5 and len(tags) * 500 >= min(len(text), 65536)


def sniff_text(text: str) -> TextFormat:
    """Tell HTML, markdown and plain text apart in decoded text.

    Markdown needs front matter or ``#`` headings; front matter wins over HTML tags (a markdown
    file with an HTML body is still markdown).

    >>> sniff_text("# 政府工作报告\\n各位代表：")
    'md'
    >>> sniff_text("<p>各位代表：</p><p>现在，我代表市人民政府……</p>")
    'html'
    >>> sniff_text("各位代表：\\n现在，我代表市人民政府……")
    'txt'
    """
    if has_front_matter(text):
        return "md"
    if looks_like_html(text):
        return "html"
    if _MD_HEADING.search(text[:200_000]):
        return "md"
    return "txt"
