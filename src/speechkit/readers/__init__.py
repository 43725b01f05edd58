"""Format readers: any supported file in, :class:`RawText` (the text a person sees) out.

The format is sniffed from the content, never from the file name. Every failure a user can cause
with a bad file is an :class:`~speechkit.errors.InputError` naming the input; a missing optional
program (antiword/catdoc for legacy .doc) is a :class:`~speechkit.errors.MissingDependencyError`.

>>> read_raw("一、总体要求\\r\\n（一）指导思想".encode("gbk")).text
'一、总体要求\\n（一）指导思想'
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import BinaryIO

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.errors import InputError, MissingDependencyError
from speechkit.readers._raw import RawText
from speechkit.readers.docx import iter_zip_members
from speechkit.readers.sniff import binary_kind, sniff_bytes, sniff_text

__all__ = ["RawText", "iter_zip_members", "load_bytes", "read_raw", "sniff_format"]

_MB = 1024 * 1024


def _mb(n: int | float) -> str:
    return f"{n / _MB:.1f}".rstrip("0").rstrip(".")


def _too_large(size: int, config: ReadConfig) -> str:
    return f"file too large ({_mb(size)} MB > {_mb(config.max_bytes)} MB limit)"


def load_bytes(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    config: ReadConfig = DEFAULT_READ_CONFIG,
) -> tuple[bytes, str]:
    """Get the bytes of ``source`` (a path, raw bytes or ``"-"`` for stdin) and its display name.

    Refuses missing files, directories, empty and over-large inputs with an InputError.

    >>> load_bytes("政府工作报告".encode())[1]
    '<bytes>'
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
    elif isinstance(source, str) and source == "-":
        label = name or "<stdin>"
        try:
            data = _read_limited(sys.stdin.buffer, config.max_bytes)
        except (OSError, ValueError, AttributeError) as e:
            raise InputError(label, f"cannot read standard input ({e.__class__.__name__})") from None
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or str(source)
        data = _read_path(path, label, config)
    else:
        raise InputError(name or repr(source), "not a path, '-' or bytes")
    if len(data) > config.max_bytes:
        raise InputError(label, _too_large(len(data), config))
    if not data:
        raise InputError(label, "empty file")
    return data, label


def _read_limited(stream: BinaryIO, limit: int) -> bytes:
    """Read at most ``limit + 1`` bytes in chunks (``read(n)`` would reserve ``n`` bytes at once)."""
    chunks = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _read_path(path: Path, label: str, config: ReadConfig) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except NotADirectoryError:
        raise InputError(label, "no such file") from None
    except PermissionError:
        raise InputError(label, "permission denied") from None
    except (OSError, ValueError) as e:
        raise InputError(label, f"cannot open file ({e.__class__.__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(label, "is a directory")
    if stat.S_ISREG(st.st_mode) and st.st_size > config.max_bytes:
        raise InputError(label, _too_large(st.st_size, config))
    try:
        with path.open("rb") as fh:
            return _read_limited(fh, config.max_bytes)
    except IsADirectoryError:
        raise InputError(label, "is a directory") from None
    except PermissionError:
        raise InputError(label, "permission denied") from None
    except OSError as e:
        raise InputError(label, f"cannot read file ({e.__class__.__name__})") from None


def sniff_format(data: bytes) -> str:
    """The format :func:`read_raw` would read ``data`` as.

    One of ``docx``, ``doc``, ``pdf``, ``html``, ``md``, ``txt``, or, for what cannot be read,
    ``encrypted-ooxml``, ``ole``, ``zip``, ``rtf``, ``known-binary``, ``binary``.

    >>> sniff_format("<p>一、总体要求</p>".encode())
    'html'
    """
    from speechkit.readers.text import decode_bytes, unify_newlines

    kind = sniff_bytes(data)
    if kind != "text":
        return kind
    try:
        text, _enc = decode_bytes(data)
    except InputError:
        return "binary"
    return sniff_text(unify_newlines(text))


def read_raw(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    config: ReadConfig = DEFAULT_READ_CONFIG,
) -> RawText:
    """Read a document of any supported format into :class:`RawText`.

    ``source`` is a path, the document's bytes, or ``"-"`` for standard input; ``name`` is what
    error messages call it (default: the path, ``<stdin>`` or ``<bytes>``). The format is sniffed
    from the content: docx, legacy doc, pdf, html, markdown or plain text in any common Chinese
    encoding. Raises only :class:`InputError` (and :class:`MissingDependencyError` when a .doc
    needs antiword/catdoc), never another exception, whatever the bytes.

    >>> raw = read_raw("<html><title>讲话</title><p>同志们：</p><p>今天召开会议。</p></html>".encode())
    >>> raw.format, raw.text, raw.meta["title"]
    ('html', '同志们：\\n今天召开会议。', '讲话')
    """
    data, label = load_bytes(source, name=name, config=config)
    try:
        return _dispatch(data, label, config)
    except (InputError, MissingDependencyError):
        raise
    except (MemoryError, RecursionError) as e:
        raise InputError(label, f"document too complex to read ({e.__class__.__name__})") from None
    except Exception as e:  # a reader bug must still not surface as a traceback for a user's file
        raise InputError(label, f"unreadable document ({e.__class__.__name__}: {e})"[:200]) from None


def _dispatch(data: bytes, label: str, config: ReadConfig) -> RawText:
    kind = sniff_bytes(data)
    if kind == "docx":
        from speechkit.readers.docx import read_docx

        return read_docx(data, name=label, config=config)
    if kind == "encrypted-ooxml":
        raise InputError(label, "password-protected document")
    if kind == "doc":
        from speechkit.readers.doc import read_doc

        return read_doc(data, name=label)
    if kind == "pdf":
        from speechkit.readers.pdf import read_pdf

        return read_pdf(data, name=label)
    if kind == "ole":
        raise InputError(label, "unknown format (an OLE2 file that is not a Word document: .xls/.ppt?)")
    if kind == "zip":
        raise InputError(label, "unknown format (a zip archive without word/document.xml, not a .docx)")
    if kind == "rtf":
        raise InputError(label, "unknown format (RTF is not supported; save it as .docx)")
    if kind == "known-binary":
        raise InputError(label, f"unknown format ({binary_kind(data)})")
    from speechkit.readers.text import decode_bytes, unify_newlines

    text, _enc = decode_bytes(data, name=label)
    fmt = sniff_text(unify_newlines(text))
    if fmt == "html":
        from speechkit.readers.html import read_html

        return read_html(data, name=label)
    from speechkit.readers.text import read_text

    return read_text(data, name=label, kind=fmt)
