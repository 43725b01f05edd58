"""Incremental, resumable outputs of a batch run: Parquet parts, appended CSV or JSONL, and a done log.

Rows arrive document by document and are committed in groups: a Parquet output is a dataset folder
(``items.parquet/part-00000.parquet``…, each part written atomically; ``pandas.read_parquet`` reads the
folder), a CSV or JSONL output is appended to, flushed and synced. After each commit the hashes of the
committed documents go to the done log beside the output (``items.parquet.done``), with the part name
or the output's size at that point. A re-run reads the log, skips those documents, and first undoes
whatever an interrupted run left past its last commit (a CSV tail is truncated, an unlogged part
deleted), so an interrupted run never duplicates or loses a document.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from speechkit.corpus.records import FLOAT_COLUMNS, INT_COLUMNS
from speechkit.errors import InputError, MissingDependencyError

FORMATS = ("parquet", "csv", "jsonl")
_LOG_MAGIC = "# speechkit-batch 1"


def output_format(output: str | os.PathLike[str]) -> str:
    """The format an output path asks for, from its extension.

    >>> output_format("items.parquet"), output_format("out/items.jsonl")
    ('parquet', 'jsonl')
    """
    ext = Path(output).suffix.lower().lstrip(".")
    ext = {"pq": "parquet", "ndjson": "jsonl", "tsv": "csv"}.get(ext, ext)
    if ext not in FORMATS:
        raise InputError(os.fspath(output), "output must end in .parquet, .csv or .jsonl")
    return ext


def require_pyarrow() -> Any:
    """``pyarrow``, or a MissingDependencyError naming the extra that installs it."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MissingDependencyError(
            'writing .parquet needs pyarrow: pip install "speechkit[parquet]" (or write .csv/.jsonl)'
        ) from None
    return pyarrow


def arrow_schema(columns: Sequence[str], int_columns: frozenset[str] = frozenset()) -> Any:
    """The fixed Arrow schema of a batch output: ints, floats, the rest strings."""
    pa = require_pyarrow()
    fields = []
    for c in columns:
        if c in INT_COLUMNS or c in int_columns:
            fields.append(pa.field(c, pa.int64()))
        elif c in FLOAT_COLUMNS:
            fields.append(pa.field(c, pa.float64()))
        else:
            fields.append(pa.field(c, pa.string()))
    return pa.schema(fields)


def _fsync(fh: Any) -> None:
    fh.flush()
    os.fsync(fh.fileno())


class Sink:
    """Write item rows incrementally to ``output``; remember committed documents in ``output.done``.

    ``resume=False`` starts over: the output and its done log are removed first.
    """

    def __init__(
        self,
        output: str | os.PathLike[str],
        columns: Sequence[str],
        *,
        int_columns: frozenset[str] = frozenset(),
        resume: bool = True,
    ) -> None:
        self.output = Path(output)
        self.format = output_format(output)
        self.columns = tuple(columns)
        self.int_columns = int_columns
        self.log_path = self.output.with_name(self.output.name + ".done")
        self._signature = hashlib.sha256(("\t".join([self.format, *self.columns])).encode()).hexdigest()[:16]
        self._schema = arrow_schema(self.columns, int_columns) if self.format == "parquet" else None
        self._chunks: list[Any] = []  # encoded rows: Arrow record batches, or CSV/JSONL bytes
        self._n_rows = 0
        self._pending: list[tuple[str, str]] = []  # (sha256, path) of documents in the buffer
        self.done: dict[str, str] = {}  # sha256 -> path, committed
        self._parts = 0
        if resume and self.log_path.exists():
            self._recover()
        else:
            self._clear()
            self._start()
        self._log = self.log_path.open("a", encoding="utf-8")

    # ------------------------------------------------------------------ state

    def _clear(self) -> None:
        if self.format == "parquet":
            if self.output.is_dir():
                for part in self.output.glob("part-*.parquet"):
                    part.unlink()
            elif self.output.exists():
                self.output.unlink()
        elif self.output.exists():
            self.output.unlink()
        if self.log_path.exists():
            self.log_path.unlink()

    def _start(self) -> None:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if self.format == "parquet":
            self.output.mkdir(exist_ok=True)
        else:
            with self.output.open("wb") as fh:
                if self.format == "csv":
                    fh.write(self._csv_bytes([dict(zip(self.columns, self.columns))], bom=True))
                _fsync(fh)
        with self.log_path.open("w", encoding="utf-8") as fh:
            fh.write(f"{_LOG_MAGIC} {self._signature}\n")
            _fsync(fh)

    def _recover(self) -> None:
        lines = self.log_path.read_text(encoding="utf-8").splitlines()
        if not lines or not lines[0].startswith(_LOG_MAGIC):
            raise InputError(str(self.log_path), "not a speechkit batch log; rerun with --no-resume")
        if lines[0].split()[-1] != self._signature:
            raise InputError(
                str(self.output),
                "written with other columns or format (a different MANIFEST?); rerun with --no-resume",
            )
        marks: list[str] = []
        for line in lines[1:]:
            parts = line.split("\t")
            if len(parts) != 3:
                continue  # a line cut by an interruption: its commit did not finish
            digest, path, mark = parts
            self.done[digest] = path
            marks.append(mark)
        if self.format == "parquet":
            if not self.output.is_dir():
                self._clear()
                self.done.clear()
                self._start()
                return
            logged = set(marks)
            for part in self.output.glob("part-*.parquet"):
                if part.name not in logged:
                    part.unlink()  # written after the last logged commit
            self._parts = len(list(self.output.glob("part-*.parquet")))
        else:
            size = int(marks[-1]) if marks else None
            if not self.output.exists():
                self._clear()
                self.done.clear()
                self._start()
                return
            actual = self.output.stat().st_size
            if size is None:
                with self.output.open("rb") as fh:
                    head = fh.readline()
                size = len(head) if self.format == "csv" else 0
            if actual < size:
                raise InputError(str(self.output), "shorter than its done log says; rerun with --no-resume")
            if actual > size:
                with self.output.open("r+b") as fh:
                    fh.truncate(size)
                    _fsync(fh)

    # ------------------------------------------------------------------ writing

    @property
    def buffered_docs(self) -> int:
        return len(self._pending)

    @property
    def buffered_rows(self) -> int:
        return self._n_rows

    def add(self, sha256: str, path: str, rows: list[dict[str, Any]]) -> None:
        """Buffer one document's rows (committed by :meth:`commit`), encoded at once: an Arrow record
        batch or CSV/JSONL bytes take a fraction of the memory of the row dicts."""
        if rows:
            if self.format == "parquet":
                pa = require_pyarrow()
                self._chunks.append(
                    pa.RecordBatch.from_pylist(
                        [{c: r.get(c) for c in self.columns} for r in rows], schema=self._schema
                    )
                )
            elif self.format == "csv":
                self._chunks.append(self._csv_bytes(rows, bom=False))
            else:
                self._chunks.append(self._jsonl_bytes(rows))
        self._n_rows += len(rows)
        self._pending.append((sha256, path))

    def commit(self) -> None:
        """Write the buffered rows durably, then log their documents as done."""
        if not self._pending:
            return
        if self.format == "parquet":
            mark = self._write_part()
        else:
            with self.output.open("ab") as fh:
                for data in self._chunks:
                    fh.write(data)
                _fsync(fh)
                mark = str(fh.tell())
        for digest, path in self._pending:
            self._log.write(f"{digest}\t{path.replace(chr(9), ' ').replace(chr(10), ' ')}\t{mark}\n")
            self.done[digest] = path
        _fsync(self._log)
        self._chunks = []
        self._n_rows = 0
        self._pending = []

    def close(self) -> None:
        self.commit()
        self._log.close()

    def _write_part(self) -> str:
        from speechkit.export import atomic_write

        pa = require_pyarrow()
        import pyarrow.parquet as pq

        table = pa.Table.from_batches(self._chunks, schema=self._schema)
        name = f"part-{self._parts:05d}-{uuid.uuid4().hex[:8]}.parquet"
        buf = io.BytesIO()
        pq.write_table(table, buf, compression="zstd")
        atomic_write(self.output / name, buf.getvalue())
        self._parts += 1
        return name

    def _csv_bytes(self, rows: list[dict[str, Any]], *, bom: bool) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        for r in rows:
            writer.writerow(["" if r.get(c) is None else r.get(c) for c in self.columns])
        return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode("utf-8")

    def _jsonl_bytes(self, rows: list[dict[str, Any]]) -> bytes:
        return "".join(
            json.dumps({c: r.get(c) for c in self.columns}, ensure_ascii=False) + "\n" for r in rows
        ).encode("utf-8")


def read_output(output: str | os.PathLike[str]) -> Any:
    """A batch output (Parquet dataset folder, CSV or JSONL) as one pandas DataFrame."""
    import pandas as pd

    fmt = output_format(output)
    if fmt == "parquet":
        require_pyarrow()
        return pd.read_parquet(output)
    if fmt == "csv":
        return pd.read_csv(output, encoding="utf-8-sig", keep_default_na=False, na_values=[""])
    return pd.read_json(output, lines=True, dtype=False)
