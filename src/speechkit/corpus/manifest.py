"""A corpus's ``MANIFEST.tsv``: per-document metadata (level, place, year, source…) joined onto its rows.

The first column named ``path`` (or ``file``) holds each document's path relative to the corpus root;
the other columns join onto the documents and items tables. A manifest column whose name is already a
column of those tables (``title``, ``year``, ``chars``, ``level``…) is renamed ``manifest_<name>``;
columns whose values are all whole numbers become integers.

>>> m = Manifest.from_text("path\\tplace\\tyear\\n上海市/2003.md\\t上海市\\t2003\\n")
>>> m.columns, m.lookup("上海市/2003.md")
(('place', 'manifest_year'), {'place': '上海市', 'manifest_year': 2003})
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from speechkit.corpus.records import DOCUMENT_COLUMNS, ITEM_COLUMNS
from speechkit.errors import InputError

MANIFEST_NAME = "MANIFEST.tsv"
_KEYS = ("path", "file", "relpath")
_RESERVED = frozenset(DOCUMENT_COLUMNS) | frozenset(ITEM_COLUMNS)
_INT = re.compile(r"-?\d{1,18}")


def _key(path: str) -> str:
    p = path.strip().replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


@dataclass(frozen=True)
class Manifest:
    """Rows of a manifest by relative path; ``columns`` as they appear in the joined tables."""

    source: str
    columns: tuple[str, ...]
    int_columns: frozenset[str] = frozenset()
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, source: str = MANIFEST_NAME) -> Manifest:
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter="\t")
        header = next(reader, None)
        if not header:
            raise InputError(source, "empty manifest")
        header = [h.strip() for h in header]
        key_at = next((header.index(k) for k in _KEYS if k in header), 0)
        names = [(f"manifest_{h}" if h in _RESERVED else h) for h in header]
        raw: dict[str, list[str]] = {}
        for line_no, rec in enumerate(reader, start=2):
            if not rec or not any(c.strip() for c in rec):
                continue
            if len(rec) < len(header):
                rec = rec + [""] * (len(header) - len(rec))
            elif len(rec) > len(header):
                raise InputError(source, f"line {line_no}: {len(rec)} fields, the header has {len(header)}")
            raw[_key(rec[key_at])] = rec
        cols = [i for i in range(len(header)) if i != key_at]
        ints = frozenset(
            names[i]
            for i in cols
            if any(r[i].strip() for r in raw.values())
            and all(_INT.fullmatch(r[i].strip()) or not r[i].strip() for r in raw.values())
        )
        rows = {k: {names[i]: _value(r[i], names[i] in ints) for i in cols} for k, r in raw.items()}
        return cls(source, tuple(names[i] for i in cols), ints, rows)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Manifest:
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(os.fspath(path), f"cannot read manifest ({e.__class__.__name__})") from None
        return cls.from_text(text, os.fspath(path))

    def lookup(self, relpath: str) -> dict[str, Any]:
        """The manifest columns of one document (all None when it is not listed)."""
        row = self.rows.get(_key(relpath))
        return dict(row) if row is not None else dict.fromkeys(self.columns)


def _value(cell: str, as_int: bool) -> Any:
    cell = cell.strip()
    if not cell:
        return None
    return int(cell) if as_int else cell


def find_manifest(spec: object) -> Manifest | None:
    """The ``MANIFEST.tsv`` of a corpus folder, inside an archive's root, or beside the archive."""
    if not isinstance(spec, (str, os.PathLike)):
        return None
    spec = os.fspath(spec)
    if os.path.isdir(spec):
        candidate = os.path.join(spec, MANIFEST_NAME)
        return Manifest.load(candidate) if os.path.isfile(candidate) else None
    if spec.lower().endswith(".zip") and os.path.isfile(spec):
        import zipfile

        try:
            with zipfile.ZipFile(spec) as zf:
                if MANIFEST_NAME in zf.namelist():
                    return Manifest.from_text(zf.read(MANIFEST_NAME).decode("utf-8-sig"), spec)
        except (zipfile.BadZipFile, OSError, UnicodeDecodeError):
            return None
        beside = os.path.join(os.path.dirname(spec) or ".", MANIFEST_NAME)
        return Manifest.load(beside) if os.path.isfile(beside) else None
    return None
