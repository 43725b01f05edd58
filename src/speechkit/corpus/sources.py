"""Where a corpus's documents are: folders, globs, lists of paths and zip archives → :class:`Source` records.

A source is only an address; its bytes are read later, by whoever processes it (a worker process,
a Dask worker), so listing a corpus of thousands of documents costs almost nothing. A document
inside a zip archive is addressed as ``ARCHIVE.zip!/member/path.md`` (the ``jar:`` convention);
:func:`read_bytes` and :meth:`speechkit.Corpus.read` accept that form.

>>> Source.parse("/data/报告.zip!/上海市/2003.md").member
'上海市/2003.md'
"""

from __future__ import annotations

import functools
import glob
import hashlib
import os
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.errors import InputError

#: Extensions of the files a folder, glob or archive contributes (the format itself is sniffed).
READABLE = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".doc", ".pdf"})
ZIP_SEP = "!/"
_GLOB_CHARS = frozenset("*?[")


@dataclass(frozen=True)
class Source:
    """One document of a corpus: a file, or a ``member`` of the zip archive ``file``.

    ``relpath`` is the path relative to the corpus root (a folder, or an archive's root), the key a
    ``MANIFEST.tsv`` is joined on.

    >>> s = Source("讲话/2024.txt", None, "2024.txt")
    >>> s.path, s.suffix
    ('讲话/2024.txt', '.txt')
    """

    file: str
    member: str | None
    relpath: str
    stored_name: str | None = None  # the member's name as stored in the archive (before GBK repair)

    @property
    def path(self) -> str:
        """The document's address: a file path or ``ARCHIVE!/member``."""
        return self.file if self.member is None else f"{self.file}{ZIP_SEP}{self.member}"

    @property
    def suffix(self) -> str:
        return Path(self.member or self.file).suffix.lower()

    @classmethod
    def parse(cls, address: str | os.PathLike[str]) -> Source:
        """A source from a path or an ``ARCHIVE!/member`` address."""
        address = os.fspath(address)
        if ZIP_SEP in address:
            file, member = address.split(ZIP_SEP, 1)
            return cls(file, member, member)
        return cls(address, None, Path(address).name)


def _is_glob(spec: str) -> bool:
    return any(c in _GLOB_CHARS for c in spec) and not os.path.exists(spec)


# a folder's own notes (README.md, CHANGELOG.md, LICENSE.txt) describe the corpus: they are no documents
_NOTES = re.compile(r"^(?:readme|changelog|license|licence|notice)(?:\.[a-z]+)?$", re.I)


def _readable(name: str) -> bool:
    p = Path(name)
    return (
        p.suffix.lower() in READABLE
        and not p.name.startswith((".", "~$"))
        and not _NOTES.match(p.name)
        and "__MACOSX" not in p.parts
    )


def zip_sources(archive: str | os.PathLike[str], root: str | None = None) -> list[Source]:
    """The readable members of a zip archive, sorted by name (GBK member names repaired).

    ``root`` is the corpus folder the archive sits in (its members' ``relpath`` then starts with the
    archive's own relative path); without it, ``relpath`` is the member name.
    """
    from speechkit.readers.docx import member_name

    archive = os.fspath(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as e:
        raise InputError(archive, f"corrupt or unreadable zip archive ({e.__class__.__name__})") from None
    prefix = "" if root is None else Path(os.path.relpath(archive, root)).as_posix() + ZIP_SEP
    out = []
    for info in infos:
        name = member_name(info)
        if _readable(name):
            out.append(Source(archive, name, prefix + name, stored_name=info.filename))
    return sorted(out, key=lambda s: s.member or "")


def _walk(folder: str) -> Iterator[Source]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            rel = Path(os.path.relpath(full, folder)).as_posix()
            if name.lower().endswith(".zip"):
                yield from zip_sources(full, folder)
            elif _readable(name):
                yield Source(full, None, rel)


def find_sources(spec: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Source]:
    """Every document ``spec`` names, in a stable order.

    ``spec`` is a folder (walked recursively; ``.txt .md .html .htm .docx .doc .pdf`` files, and the
    readable members of any ``.zip`` inside), a glob (``reports/**/*.md``), a ``.zip`` archive, a single
    file, an ``ARCHIVE!/member`` address, or a list of any of these. A named file is taken whatever its
    extension; a missing one stays in the list (it is reported as unreadable when processed).

    >>> find_sources([]) == []
    True
    """
    if isinstance(spec, (str, os.PathLike)):
        return list(_expand(os.fspath(spec)))
    out: list[Source] = []
    for one in spec:
        out.extend(_expand(os.fspath(one)))
    return out


def _expand(spec: str) -> Iterator[Source]:
    if ZIP_SEP in spec:
        yield Source.parse(spec)
    elif os.path.isdir(spec):
        yield from _walk(spec)
    elif spec.lower().endswith(".zip") and os.path.isfile(spec):
        yield from zip_sources(spec)
    elif _is_glob(spec):
        for hit in sorted(glob.glob(spec, recursive=True)):
            if os.path.isdir(hit):
                continue
            if hit.lower().endswith(".zip"):
                yield from zip_sources(hit)
            elif _readable(hit):
                yield Source(hit, None, Path(hit).name)
    else:
        yield Source(spec, None, Path(spec).name)


def read_bytes(source: Source, config: ReadConfig = DEFAULT_READ_CONFIG) -> bytes:
    """The bytes of one document (a file, or one zip member checked against the zip-bomb limits)."""
    from speechkit.readers import load_bytes

    if source.member is None:
        return load_bytes(source.file, config=config)[0]
    from speechkit.readers.docx import _Budget, _read_member, member_name

    label = source.path
    try:
        zf, lock = _open_archive(source.file, os.stat(source.file).st_mtime_ns)
        with lock:
            info = None
            if source.stored_name is not None:
                try:
                    info = zf.getinfo(source.stored_name)
                except KeyError:
                    info = None
            if info is None:
                info = next((i for i in zf.infolist() if member_name(i) == source.member), None)
            if info is None:
                raise InputError(label, "no such member in the archive")
            member_config = ReadConfig(
                max_bytes=config.max_bytes,
                max_inflated_bytes=config.max_bytes,
                max_compression_ratio=config.max_compression_ratio,
            )
            data = _read_member(zf, info, label, member_config, _Budget(config.max_bytes), what="zip member")
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(label, "no such file") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, RuntimeError) as e:
        raise InputError(label, f"corrupt zip member ({e.__class__.__name__})") from None
    if not data:
        raise InputError(label, "empty file")
    return data


@functools.lru_cache(maxsize=4)
def _open_archive(path: str, mtime_ns: int) -> tuple[zipfile.ZipFile, threading.Lock]:
    """An open archive and its lock, kept per process: a corpus zip's directory is parsed once, not
    once per member (threads of one Dask worker share it under the lock)."""
    del mtime_ns  # part of the cache key only: a rewritten archive is opened afresh
    return zipfile.ZipFile(path), threading.Lock()


def sha256(data: bytes) -> str:
    """Hex SHA-256 of a document's bytes: the key a batch run resumes by."""
    return hashlib.sha256(data).hexdigest()
