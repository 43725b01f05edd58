"""``speechkit.Corpus``: many documents at once, for a notebook — documents and items as DataFrames.

>>> import tempfile, pathlib, speechkit
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "讲话.txt").write_text("同志们：一、抓实招商引资。要加强服务，确保营商环境评价取得新成绩。", encoding="utf-8")
>>> corpus = speechkit.Corpus(d)
>>> len(corpus), [doc.meta.genre is not None for doc in corpus]
(1, [True])
>>> items = corpus.items()
>>> row = items.iloc[0]
>>> corpus.read(row.path).text[row.start:row.end] == row.text
True
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.corpus.manifest import Manifest, find_manifest
from speechkit.corpus.records import (
    DOCUMENT_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    ITEM_COLUMNS,
    DocResult,
)
from speechkit.corpus.sources import Source, find_sources, read_bytes
from speechkit.document import Document
from speechkit.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

PathSpec = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


class Corpus:
    """The documents of a folder (recursive), a glob, a ``.zip`` archive or a list of paths.

    Listing is cheap and nothing is read until asked: iterating yields :class:`~speechkit.Document`s
    one at a time (unreadable ones are skipped; :meth:`documents` lists them with their error);
    :meth:`documents` and :meth:`items` read and extract everything once (``jobs`` processes) and
    return DataFrames. A ``MANIFEST.tsv`` in the folder (or in/beside the archive) is joined on the
    documents' relative paths; pass ``manifest=PATH`` for another, ``manifest=False`` for none.
    For corpora too large for memory, use :func:`speechkit.corpus.batch.run` (``speechkit batch``).
    """

    def __init__(
        self,
        source: PathSpec,
        *,
        manifest: Manifest | str | os.PathLike[str] | bool | None = None,
        config: ReadConfig = DEFAULT_READ_CONFIG,
    ) -> None:
        self.spec = source
        self.config = config
        self.sources: tuple[Source, ...] = tuple(find_sources(source))
        if isinstance(manifest, Manifest):
            self.manifest: Manifest | None = manifest
        elif manifest is False:
            self.manifest = None
        elif manifest is None or manifest is True:
            self.manifest = find_manifest(source)
        else:
            self.manifest = Manifest.load(manifest)
        self._results: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None

    def __repr__(self) -> str:
        spec = os.fspath(self.spec) if isinstance(self.spec, (str, os.PathLike)) else "[…]"
        return f"Corpus({spec!r}, {len(self)} documents)"

    @property
    def paths(self) -> list[str]:
        """Every document's address (a file path or ``ARCHIVE.zip!/member``), in corpus order."""
        return [s.path for s in self.sources]

    def __len__(self) -> int:
        return len(self.sources)

    def __iter__(self) -> Iterator[Document]:
        """Documents one at a time, read lazily; unreadable ones are skipped."""
        for s in self.sources:
            try:
                yield self._read(s)
            except InputError:
                continue

    def read(self, path: str | os.PathLike[str]) -> Document:
        """One document of the corpus (or any path / ``ARCHIVE!/member``); raises InputError if unreadable."""
        address = os.fspath(path)
        source = next((s for s in self.sources if s.path == address), None) or Source.parse(address)
        return self._read(source)

    def _read(self, source: Source) -> Document:
        from speechkit.load import read

        return read(read_bytes(source, self.config), name=source.path, config=self.config)

    # ------------------------------------------------------------------ tables

    def _collect(self, jobs: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        if self._results is None:
            from speechkit.corpus.batch import map_documents

            docs: list[dict[str, Any]] = []
            items: list[dict[str, Any]] = []
            for r in map_documents(self.sources, jobs=jobs, config=self.config):
                extra = self._extra(r)
                docs.append({**r.document, **extra})
                items.extend({**row, **extra} for row in r.items)
            self._results = (docs, items)
        return self._results

    def _extra(self, r: DocResult) -> dict[str, Any]:
        if self.manifest is None:
            return {}
        return self.manifest.lookup(r.document.get("relpath") or "")

    def documents(self, *, jobs: int = 1) -> pd.DataFrame:
        """One row per document: path, sha256, format, title, date, year, speaker, genre, chars,
        n_target/n_problem/n_task/n_items, error (None when readable), then MANIFEST columns.

        The first call of :meth:`documents` or :meth:`items` reads and extracts the whole corpus on
        ``jobs`` processes (0 = every core); later calls reuse the result.
        """
        docs, _ = self._collect(jobs)
        return self._frame(docs, DOCUMENT_COLUMNS)

    def items(self, *, jobs: int = 1) -> pd.DataFrame:
        """One row per item, every :class:`~speechkit.Item` field; ``start``/``end`` are offsets into that
        document's canonical text (``corpus.read(path).text``); document metadata as ``doc_*`` columns,
        ``path`` and ``sha256`` to find the document again, then MANIFEST columns."""
        _, items = self._collect(jobs)
        return self._frame(items, ITEM_COLUMNS)

    def _frame(self, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
        import pandas as pd

        extra = self.manifest.columns if self.manifest else ()
        ints = INT_COLUMNS | (self.manifest.int_columns if self.manifest else frozenset())
        cols = list(columns) + list(extra)
        frame = pd.DataFrame.from_records(rows, columns=cols) if rows else pd.DataFrame(columns=cols)
        for c in cols:
            if c in ints:
                frame[c] = frame[c].astype("Int64")
            elif c in FLOAT_COLUMNS:
                frame[c] = frame[c].astype("float64")
        return frame
