"""Batch runs over a corpus: all cores (a process pool) or a Dask cluster, streaming to Parquet/CSV/JSONL.

The parent only lists the documents (:mod:`speechkit.corpus.sources`) and writes rows
(:mod:`speechkit.corpus.sinks`); workers read, extract and return rows, a few documents per task, with
a bounded number of tasks in flight, so memory stays flat however large the corpus. Each worker loads
the extraction model once. Bad documents are collected, never fatal; documents already done (by content
hash) are skipped on a re-run.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "讲话.txt").write_text("同志们：一、抓实招商引资。要加强服务，确保营商环境评价取得新成绩。", encoding="utf-8")
>>> r = run(d, d / "items.csv", jobs=1, quiet=True)
>>> (r.ok, r.failed)
(1, 0)
"""

from __future__ import annotations

import collections
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.corpus.manifest import Manifest
from speechkit.corpus.records import ITEM_COLUMNS, DocResult, process, reason_kind
from speechkit.corpus.sources import Source
from speechkit.errors import SpeechkitError

CHUNK = 4  # documents per task
TASKS_PER_CHILD = 500  # a worker process is replaced after this many tasks (bounds any slow leak)
COMMIT_DOCS = 100  # documents per commit (a Parquet part)
COMMIT_ROWS = 10_000  # rows per commit: buffered rows are Python dicts, keep them few
COMMIT_SECONDS = 30.0


@dataclass(frozen=True)
class BatchResult:
    """What a batch run did: counts, the bad documents with their reasons, wall time."""

    output: str
    total: int
    ok: int
    failed: int
    skipped: int
    items: int
    seconds: float
    errors: tuple[tuple[str, str], ...] = ()
    duplicates: int = 0
    failed_by_reason: dict[str, int] = field(default_factory=dict)

    @property
    def docs_per_second(self) -> float:
        return (self.ok + self.failed) / self.seconds if self.seconds > 0 else 0.0

    def summary(self) -> str:
        """One line (plus one per failure reason), e.g. ``2774 documents: 2770 ok, 4 failed…``."""
        head = (
            f"{self.total} documents: {self.ok} ok, {self.failed} failed, {self.skipped} already done, "
            f"{self.duplicates} duplicates (same content as another path); "
            f"{self.items} items in {self.seconds:.1f} s ({self.docs_per_second:.1f} docs/s) → {self.output}"
        )
        lines = [head] + [f"  {n} × {reason}" for reason, n in self.failed_by_reason.items()]
        return "\n".join(lines)


# --------------------------------------------------------------------------- local workers

_WORKER: dict[str, Any] = {}


def _init_worker(
    done: frozenset[str], config: ReadConfig, model_path: str | None, parent: int | None = None
) -> None:
    """Per worker process, once: the done hashes, the config and the model (loaded now, not per task);
    a worker whose ``parent`` died (a killed run) exits instead of lingering."""
    from speechkit.extraction.model import KindModel
    from speechkit.extraction.pipeline import default_model

    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()

    _WORKER["done"] = done
    _WORKER["config"] = config
    _WORKER["model"] = KindModel.load(model_path) if model_path else default_model()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _work(chunk: Sequence[Source]) -> list[DocResult]:
    return [process(s, done=_WORKER["done"], config=_WORKER["config"], model=_WORKER["model"]) for s in chunk]


def _chunks(sources: Sequence[Source], size: int) -> Iterator[list[Source]]:
    for i in range(0, len(sources), size):
        yield list(sources[i : i + size])


def resolve_jobs(jobs: int | None) -> int:
    """``0``/``None`` → every core; otherwise at least 1."""
    return (os.cpu_count() or 1) if not jobs else max(1, jobs)


def map_documents(
    sources: Sequence[Source],
    *,
    jobs: int = 0,
    done: frozenset[str] = frozenset(),
    config: ReadConfig = DEFAULT_READ_CONFIG,
    model_path: str | None = None,
    chunk: int = CHUNK,
) -> Iterator[DocResult]:
    """Process ``sources`` on ``jobs`` processes (1 = in this process), yielding results in input order.

    At most ``4 × jobs`` tasks are in flight: results are streamed, never accumulated.
    """
    jobs = resolve_jobs(jobs)
    if jobs == 1:
        _init_worker(done, config, model_path)
        for s in sources:
            yield from _work([s])
        return
    # spawn: no fork of a threaded parent (notebooks, Dask clients), workers are direct children
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(done, config, model_path, os.getpid()),
        max_tasks_per_child=TASKS_PER_CHILD,
    ) as pool:
        yield from ordered(_chunks(sources, chunk), pool.submit, _work, window=4 * jobs)


def ordered(
    chunks: Iterable[Any],
    submit: Callable[..., Any],
    fn: Callable[[Any], list[DocResult]],
    *,
    window: int,
    result: Callable[[Any], list[DocResult]] = lambda f: f.result(),
) -> Iterator[DocResult]:
    """Submit ``fn(chunk)`` with at most ``window`` tasks in flight; yield results in submission order."""
    queue: collections.deque[Future[list[DocResult]]] = collections.deque()
    it = iter(chunks)
    for c in it:
        queue.append(submit(fn, c))
        if len(queue) >= window:
            break
    while queue:
        head = queue.popleft()
        yield from result(head)
        nxt = next(it, None)
        if nxt is not None:
            queue.append(submit(fn, nxt))


# --------------------------------------------------------------------------- the run


def _progress(total: int, quiet: bool) -> Any:
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread
    return tqdm(
        total=total,
        unit="doc",
        desc="speechkit batch",
        file=sys.stderr,
        disable=quiet or not sys.stderr.isatty(),
        dynamic_ncols=True,
        smoothing=0.1,
    )


def run(
    paths: Any,
    output: str | os.PathLike[str],
    *,
    jobs: int = 0,
    errors: str | os.PathLike[str] | None = None,
    resume: bool = True,
    quiet: bool = False,
    manifest: Manifest | str | os.PathLike[str] | bool | None = None,
    client: Any = None,
    scheduler: str | None = None,
    config: ReadConfig = DEFAULT_READ_CONFIG,
    model_path: str | None = None,
    chunk: int | None = None,
) -> BatchResult:
    """Extract every document of ``paths`` into ``output`` (``.parquet`` dataset folder, ``.csv``, ``.jsonl``).

    ``paths``: anything :class:`speechkit.Corpus` takes (folder, glob, .zip, list) or a Corpus.
    ``jobs``: worker processes (0 = every core, 1 = in this process). ``client`` (a
    ``dask.distributed.Client``) or ``scheduler`` (``tcp://HOST:8786``) runs the work on Dask instead.
    ``errors``: a CSV (path, reason) of the bad documents, written at the end. ``resume``: skip documents
    whose content hash the output's done log already holds (``False`` starts over). ``manifest``: a
    MANIFEST.tsv to join (default: the corpus folder's own; ``False``: none).

    Worker processes are started with ``spawn``: a script that calls
    ``run(..., jobs=2)`` needs the usual ``if __name__ == "__main__":`` guard; notebooks need nothing.
    An interrupted run (Ctrl-C, a killed process) keeps every committed document; run again to resume.
    """
    from speechkit.corpus.corpus import Corpus
    from speechkit.corpus.sinks import Sink, output_format, require_pyarrow

    start = time.perf_counter()
    if output_format(output) == "parquet":
        require_pyarrow()
    if client is not None or scheduler is not None:
        from speechkit.corpus.distributed import require_distributed

        require_distributed()
    corpus = paths if isinstance(paths, Corpus) else Corpus(paths, manifest=manifest)
    man = corpus.manifest
    columns = ITEM_COLUMNS + (man.columns if man else ())
    sink = Sink(output, columns, int_columns=man.int_columns if man else frozenset(), resume=resume)
    done = frozenset(sink.done)
    sources = corpus.sources
    if client is not None or scheduler is not None:
        from speechkit.corpus.distributed import map_documents_dask

        results = map_documents_dask(
            sources,
            client=client,
            scheduler=scheduler,
            done=done,
            config=config,
            model_path=model_path,
            chunk=chunk or 8,
        )
    else:
        results = map_documents(
            sources, jobs=jobs, done=done, config=config, model_path=model_path, chunk=chunk or CHUNK
        )
    ok = failed = skipped = duplicates = n_items = 0
    errs: list[tuple[str, str]] = []
    seen: set[str] = set(done)
    last_commit = time.monotonic()
    bar = _progress(len(sources), quiet)
    try:
        for r in results:
            bar.update(1)
            if r.skipped:
                skipped += 1
                continue
            if r.error is not None or r.sha256 is None:
                failed += 1
                errs.append((r.path, r.error or "unreadable"))
                continue
            if r.sha256 in seen:
                duplicates += 1  # the same content under another path, earlier in this run
                continue
            seen.add(r.sha256)
            ok += 1
            rows = r.items
            if man is not None:
                extra = man.lookup(r.document.get("relpath") or "")
                rows = [{**row, **extra} for row in rows]
            n_items += len(rows)
            sink.add(r.sha256, r.path, rows)
            now = time.monotonic()
            if (
                sink.buffered_docs >= COMMIT_DOCS
                or sink.buffered_rows >= COMMIT_ROWS
                or now - last_commit >= COMMIT_SECONDS
            ):
                sink.commit()
                last_commit = now
            bar.set_postfix(failed=failed, refresh=False)
    except BrokenProcessPool:
        raise SpeechkitError(
            f"{output}: a worker process died (killed, out of memory, or started from a script without the "
            '`if __name__ == "__main__":` guard); committed documents are kept, run again to resume'
        ) from None
    finally:
        bar.close()
        sink.close()
    if errors is not None:
        write_errors(errors, errs)
    by_reason = collections.Counter(reason_kind(reason) for _, reason in errs)
    return BatchResult(
        output=os.fspath(output),
        total=len(sources),
        ok=ok,
        failed=failed,
        skipped=skipped,
        items=n_items,
        seconds=time.perf_counter() - start,
        errors=tuple(errs),
        duplicates=duplicates,
        failed_by_reason=dict(by_reason.most_common()),
    )


def write_errors(path: str | os.PathLike[str], errors: Sequence[tuple[str, str]]) -> None:
    """The bad documents as a CSV (path, reason), written atomically."""
    import csv
    import io

    from speechkit.export import atomic_write

    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["path", "reason"])
    w.writerows(errors)
    atomic_write(path, b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
