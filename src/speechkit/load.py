"""``read``: any file a user brings → a :class:`~speechkit.document.Document`.

The data flow of the first three stages: a format reader (``speechkit.readers``) gives the raw text,
``normalize`` makes the canonical text, ``outline`` and ``meta`` describe it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .config import DEFAULT_READ_CONFIG, ReadConfig
from .document import Document
from .meta import extract_meta
from .normalize import normalize
from .outline import outline, paragraphs


def from_text(
    raw: str, *, source: str | None = None, fmt: str = "txt", container: dict[str, str] | None = None
) -> Document:
    """A :class:`Document` from text already in memory.

    >>> doc = from_text("讲话\\n一、抓实招商引资。一是考核成绩差。二是推进效率慢。")
    >>> [c.title for c in doc.outline[0].children]
    ['考核成绩差', '推进效率慢']
    """
    text = normalize(raw)
    return Document(
        text=text,
        outline=outline(text),
        paragraphs=paragraphs(text),
        meta=extract_meta(text, container),
        source=source,
        format=fmt,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    config: ReadConfig = DEFAULT_READ_CONFIG,
) -> Document:
    """Read a speech, report or plan (.txt/.md in any common Chinese encoding, .docx, .doc, .pdf, .html,
    or ``-`` for standard input) into a :class:`Document`.

    Raises :class:`speechkit.errors.InputError` naming the file for anything unreadable.

    >>> doc = read("同志们：一、抓实招商引资。一是考核成绩差。".encode("gb18030"))
    >>> doc.outline[0].title
    '抓实招商引资'
    """
    from .readers import read_raw

    raw = read_raw(source, name=name, config=config)
    if name is None and isinstance(source, (str, os.PathLike)) and str(source) != "-":
        name = str(Path(source))
    doc = from_text(raw.text, source=name, fmt=raw.format, container=dict(raw.meta))
    return doc
