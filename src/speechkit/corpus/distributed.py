"""The batch run on a Dask cluster: tasks of a few documents, read and extracted on the workers.

The client lists the documents and writes the output (the same Parquet parts, CSV or JSONL as a local
run, one commit per group of documents); workers only need speechkit installed and the files reachable
under the same absolute paths. Each worker process loads the extraction model once.

``pip install "speechkit[dask]"``; then ``speechkit batch DIR -o items.parquet --scheduler tcp://HOST:8786``
or ``speechkit.corpus.batch.run(DIR, "items.parquet", client=Client(...))``.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Iterator, Sequence
from typing import Any

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.corpus.records import DocResult, process
from speechkit.corpus.sources import Source
from speechkit.errors import MissingDependencyError

DASK_HINT = 'running on Dask needs dask[distributed]: pip install "speechkit[dask]"'


def require_distributed() -> Any:
    """The ``distributed`` package, or a MissingDependencyError naming the extra."""
    try:
        import distributed
    except ImportError:
        raise MissingDependencyError(DASK_HINT) from None
    return distributed


@functools.cache
def _model(model_path: str | None) -> Any:
    from speechkit.extraction.model import KindModel
    from speechkit.extraction.pipeline import default_model

    return KindModel.load(model_path) if model_path else default_model()


def _dask_work(
    chunk: Sequence[tuple[Source, Source]],
    done: frozenset[str],
    config: ReadConfig,
    model_path: str | None,
) -> list[DocResult]:
    """On a worker: process (address, location) pairs; the model is loaded once per worker process."""
    model = _model(model_path)
    return [process(s, done=done, config=config, model=model, location=where) for s, where in chunk]


def _absolute(source: Source) -> Source:
    return dataclasses.replace(source, file=os.path.abspath(source.file))


def map_documents_dask(
    sources: Sequence[Source],
    *,
    client: Any = None,
    scheduler: str | None = None,
    done: frozenset[str] = frozenset(),
    config: ReadConfig = DEFAULT_READ_CONFIG,
    model_path: str | None = None,
    chunk: int = 8,
) -> Iterator[DocResult]:
    """Process ``sources`` on a Dask cluster (an existing ``client``, or one connected to ``scheduler``),
    yielding results in input order, with a bounded number of tasks in flight."""
    from speechkit.corpus.batch import ordered

    require_distributed()
    from distributed import Client

    own = None
    if client is None:
        own = client = Client(scheduler)
    try:
        [done_future] = client.scatter([done], broadcast=True)
        threads = sum(client.nthreads().values()) or 1
        pairs = [(s, _absolute(s)) for s in sources]
        chunks = (pairs[i : i + chunk] for i in range(0, len(pairs), chunk))
        abs_model = os.path.abspath(model_path) if model_path else None

        def submit(fn: Any, c: Any) -> Any:
            return client.submit(fn, c, done_future, config, abs_model, pure=False)

        yield from ordered(chunks, submit, _dask_work, window=4 * threads)
    finally:
        if own is not None:
            own.close()
