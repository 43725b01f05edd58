"""Batch throughput and memory over the real government work reports (../shared/reports).

    python benchmarks/bench_batch.py            # a fixed sample of 200 reports (every k-th by path)
    python benchmarks/bench_batch.py --sample 500
    python benchmarks/bench_batch.py --all      # all 2,774 reports
    python benchmarks/bench_batch.py --repeat 3 # three interleaved rounds, best kept (a busy machine)

Runs ``speechkit.corpus.batch.run`` on the same documents three times in one process — ``jobs=1``,
``jobs=2`` and a Dask LocalCluster of 2 worker processes — and prints documents per second, the ratio
jobs2/jobs1 (target ≥ 1.5 on 2 cores) and the peak memory of the whole process tree (parent + workers,
sampled; target < 500 MB), with ``ru_maxrss`` of this process and of its largest child. The documents
are read straight from the zip archive by the workers (``ARCHIVE.zip!/member`` addresses). On a shared
machine the rates are noisy; the CPU time per document is not, and shows the pool's own overhead.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from treemem import PeakSampler

from speechkit.corpus.batch import BatchResult, run
from speechkit.corpus.sources import zip_sources

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ZIP = SHARED / "reports" / "gov_work_reports.zip"
MANIFEST = SHARED / "reports" / "MANIFEST.tsv"


def sample(n: int | None) -> list[str]:
    """Every k-th report by sorted member path (all of them when ``n`` is None): a fixed sample that
    spans national, provincial and city reports across the years."""
    paths = sorted(s.path for s in zip_sources(ZIP))
    if n is None or n >= len(paths):
        return paths
    step = len(paths) / n
    return [paths[int(i * step)] for i in range(n)]


def _mb(n: float) -> str:
    return f"{n / 2**20:.0f} MB"


@dataclass
class Mode:
    label: str
    rates: list[float] = field(default_factory=list)
    cpu_per_doc: list[float] = field(default_factory=list)
    peak: int = 0
    results: list[BatchResult] = field(default_factory=list)

    def measure(self, fn: Callable[[], BatchResult]) -> None:
        with PeakSampler(interval=0.05) as s:
            result = fn()
        docs = result.ok + result.failed
        self.rates.append(result.docs_per_second)
        self.cpu_per_doc.append(s.cpu / max(docs, 1))
        self.peak = max(self.peak, s.peak)
        self.results.append(result)
        print(
            f"{self.label:20s} {docs:5d} docs  {result.seconds:7.1f} s  {result.docs_per_second:6.1f} docs/s  "
            f"CPU {self.cpu_per_doc[-1] * 1000:5.0f} ms/doc  {result.items:7d} items  "
            f"peak tree RSS {_mb(s.peak)}  (load {os.getloadavg()[0]:.1f})",
            flush=True,
        )

    @property
    def best(self) -> float:
        return max(self.rates)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=200, help="documents in the fixed sample (default 200)")
    ap.add_argument("--all", action="store_true", help="all 2,774 reports")
    ap.add_argument(
        "--repeat", type=int, default=1, help="rounds of the three runs, interleaved (best is kept)"
    )
    ap.add_argument("--no-dask", action="store_true", help="skip the Dask LocalCluster run")
    ap.add_argument("--format", default="parquet", choices=["parquet", "csv", "jsonl"])
    args = ap.parse_args()
    if not ZIP.exists():
        print(f"{ZIP} not found: the benchmark needs ../shared/reports", file=sys.stderr)
        return 1
    paths = sample(None if args.all else args.sample)
    print(
        f"{len(paths)} reports from {ZIP.name}; {os.cpu_count()} cores; load average "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
        flush=True,
    )
    modes = {
        k: Mode(label) for k, label in [("j1", "jobs=1"), ("j2", "jobs=2"), ("dask", "dask LocalCluster 2")]
    }
    common: dict[str, Any] = dict(resume=False, quiet=True, manifest=MANIFEST)
    ext = args.format
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        out = Path(tmp)
        for _ in range(args.repeat):
            modes["j1"].measure(lambda: run(paths, out / f"j1.{ext}", jobs=1, **common))
            modes["j2"].measure(lambda: run(paths, out / f"j2.{ext}", jobs=2, **common))
            if args.no_dask:
                continue
            from distributed import Client, LocalCluster

            t = time.perf_counter()
            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                print(f"(LocalCluster of 2 worker processes started in {time.perf_counter() - t:.1f} s)")
                modes["dask"].measure(lambda: run(paths, out / f"dask.{ext}", client=client, **common))
    used = [m for m in modes.values() if m.results]
    j1, j2 = modes["j1"], modes["j2"]
    print("best docs/s: " + ", ".join(f"{m.label} {m.best:.1f}" for m in used))
    print(f"ratio jobs2/jobs1: {j2.best / j1.best:.2f}× (target ≥ 1.5× on 2 cores)")
    if modes["dask"].results:
        print(f"ratio dask2/jobs1: {modes['dask'].best / j1.best:.2f}×")
    print(
        "CPU per document, whole process tree (steadier than rates on a busy machine; equal CPU means "
        "the pool adds no work, so jobs=2 scales with the free cores): "
        + ", ".join(f"{m.label} {min(m.cpu_per_doc) * 1000:.0f} ms" for m in used)
    )
    print(
        f"peak memory of the process tree: {_mb(max(m.peak for m in used))} (target < 500 MB; includes this "
        f"benchmark's own pandas/dask imports); ru_maxrss self "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, largest child reaped by this process "
        f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )
    counts = {(r.ok, r.failed, r.items) for m in used for r in m.results}
    print("same documents and items in every run" if len(counts) == 1 else f"RUNS DIFFER: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
