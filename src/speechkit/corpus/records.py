"""One document in, plain rows out: what a worker process (or a Dask task) does with a :class:`Source`.

Rows are dicts of str/int/float/None only, so they pickle cheaply between processes and write the same
way to Parquet, CSV and JSONL. The column lists are fixed here: every part of a batch output has the
same schema, whatever the document.

>>> from speechkit.corpus.sources import Source
>>> r = process(Source("<seed>", None, "seed.txt"), data="同志们：一、抓实招商引资。要加强服务。".encode())
>>> r.document["n_items"] == len(r.items), r.error
(True, None)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.corpus.sources import Source, read_bytes, sha256
from speechkit.errors import SpeechkitError
from speechkit.extraction.items import KINDS, Item

#: Columns of the documents table (``Corpus.documents()``), before any MANIFEST columns.
DOCUMENT_COLUMNS: tuple[str, ...] = (
    "path",
    "relpath",
    "sha256",
    "format",
    "title",
    "date",
    "year",
    "speaker",
    "occasion",
    "genre",
    "chars",
    *(f"n_{k}" for k in KINDS),
    "n_items",
    "error",
)
#: Document columns repeated on every item row (prefixed so they never clash with item fields).
ITEM_DOC_COLUMNS: tuple[str, ...] = (
    "path",
    "relpath",
    "sha256",
    "format",
    "doc_title",
    "doc_date",
    "doc_year",
    "doc_speaker",
    "doc_genre",
)
#: Every :class:`~speechkit.extraction.items.Item` field; ``owner``/``support`` joined with 、.
ITEM_FIELDS: tuple[str, ...] = tuple(Item.__dataclass_fields__)
ITEM_COLUMNS: tuple[str, ...] = ITEM_DOC_COLUMNS + ITEM_FIELDS
INT_COLUMNS = frozenset({"year", "doc_year", "chars", "start", "end", "n_items", *(f"n_{k}" for k in KINDS)})
FLOAT_COLUMNS = frozenset({"value", "value_high", "confidence"})
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


@dataclass(frozen=True)
class DocResult:
    """What processing one source gives: its documents-table row, its item rows, or an error.

    ``skipped`` is true when the document's hash was already done (a resumed run); then ``items`` is
    empty and ``document`` holds only path and sha256.
    """

    path: str
    sha256: str | None
    document: dict[str, Any]
    items: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False


def year_of(date: str | None) -> int | None:
    """The year of a document date (``2024-01-05``, ``2024年``, ``2024``).

    >>> year_of("2024年1月"), year_of(None)
    (2024, None)
    """
    m = _YEAR.search(date or "")
    return int(m.group(1)) if m else None


def _item_row(it: Item, doc_cols: dict[str, Any]) -> dict[str, Any]:
    row = dict(doc_cols)
    for name in ITEM_FIELDS:
        value = getattr(it, name)
        if name in ("owner", "support"):
            value = "、".join(value)
        elif name == "extra":
            value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
        row[name] = value
    return row


def _error_row(source: Source, digest: str | None, reason: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(DOCUMENT_COLUMNS)
    row.update(path=source.path, relpath=source.relpath, sha256=digest, error=reason)
    return row


def process(
    source: Source,
    *,
    done: frozenset[str] | set[str] = frozenset(),
    config: ReadConfig = DEFAULT_READ_CONFIG,
    model: Any = None,
    data: bytes | None = None,
    location: Source | None = None,
) -> DocResult:
    """Read and extract one document; never raises for a bad document (the error is in the result).

    ``done`` holds the hashes a resumed run has already written: such a document is hashed, not read.
    ``location`` is where to read the bytes when that differs from the address reported (a Dask
    worker reads by absolute path); ``data`` gives the bytes directly.
    """
    from speechkit.extraction import extract
    from speechkit.load import read

    digest: str | None = None
    try:
        if data is None:
            data = read_bytes(location or source, config)
        digest = sha256(data)
        if digest in done:
            return DocResult(source.path, digest, {"path": source.path, "sha256": digest}, skipped=True)
        doc = read(data, name=source.path, config=config)
        items = extract(doc, model=model)
    except SpeechkitError as e:
        reason = getattr(e, "reason", None) or str(e)
        return DocResult(source.path, digest, _error_row(source, digest, reason), error=reason)
    except (MemoryError, RecursionError) as e:
        reason = f"document too complex ({e.__class__.__name__})"
        return DocResult(source.path, digest, _error_row(source, digest, reason), error=reason)
    except Exception as e:  # a bug on one document must not stop a corpus run
        reason = f"internal error ({e.__class__.__name__}: {e})"[:200]
        return DocResult(source.path, digest, _error_row(source, digest, reason), error=reason)
    meta = doc.meta
    year = year_of(meta.date)
    counts = {f"n_{k}": 0 for k in KINDS}
    for it in items:
        counts[f"n_{it.kind}"] = counts.get(f"n_{it.kind}", 0) + 1
    document = {
        "path": source.path,
        "relpath": source.relpath,
        "sha256": digest,
        "format": doc.format,
        "title": meta.title,
        "date": meta.date,
        "year": year,
        "speaker": meta.speaker,
        "occasion": meta.occasion,
        "genre": meta.genre,
        "chars": len(doc.text),
        **counts,
        "n_items": len(items),
        "error": None,
    }
    doc_cols = {
        "path": source.path,
        "relpath": source.relpath,
        "sha256": digest,
        "format": doc.format,
        "doc_title": meta.title,
        "doc_date": meta.date,
        "doc_year": year,
        "doc_speaker": meta.speaker,
        "doc_genre": meta.genre,
    }
    return DocResult(source.path, digest, document, [_item_row(it, doc_cols) for it in items])


def reason_kind(reason: str) -> str:
    """The general kind of a failure reason, for a summary: details in brackets and names cut off.

    >>> reason_kind("unknown format (a zip archive without word/document.xml, not a .docx)")
    'unknown format'
    >>> reason_kind("zip member word/document.xml inflates beyond limit (ratio 900:1 > 200:1, 90 MB)")
    'inflates beyond limit'
    """
    base = reason.split(" (", 1)[0].strip()
    m = re.search(r"(inflates beyond limit|corrupt zip member|file too large|internal error)", base)
    return m.group(1) if m else base
