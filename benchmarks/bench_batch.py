"""Batch throughput and memory over the real government work reports (../shared/reports).

    python benchmarks/bench_batch.py            # a fixed sample of 200 reports (every k-th by path)
    python benchmarks/bench_batch.py --sample 500
    python benchmarks/bench_batch.py --all      # all 2,774 reports

Runs ``speechkit.corpus.batch.run`` on the same documents three times in one process — ``jobs=1``,
``jobs=2`` and a Dask LocalCluster of 2 worker processes — and prints documents per second, the ratio
jobs2/jobs1 (target ≥ 1.5 on 2 cores) and the peak memory of the whole process tree (parent + workers,
sampled; target < 500 MB), with ``ru_maxrss`` of this process and of its largest child. The documents
are read straight from the zip archive by the workers (``ARCHIVE.zip!/member`` addresses).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

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


def measure(label: str, fn) -> tuple[BatchResult, float, int]:
    with PeakSampler(interval=0.05) as s:
        result = fn()
    print(
        f"{label:18s} {result.ok + result.failed:5d} docs  {result.seconds:7.1f} s  "
        f"{result.docs_per_second:6.1f} docs/s  {result.items:7d} items  peak tree RSS {_mb(s.peak)}",
        flush=True,
    )
    return result, result.docs_per_second, s.peak


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=200, help="documents in the fixed sample (default 200)")
    ap.add_argument("--all", action="store_true", help="all 2,774 reports")
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
    peaks = {}
    rates = {}
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        out = Path(tmp)
        common = dict(resume=False, quiet=True, manifest=MANIFEST)
        ext = args.format
        r1, rates["jobs1"], peaks["jobs1"] = measure(
            "jobs=1", lambda: run(paths, out / f"j1.{ext}", jobs=1, **common)
        )
        r2, rates["jobs2"], peaks["jobs2"] = measure(
            "jobs=2", lambda: run(paths, out / f"j2.{ext}", jobs=2, **common)
        )
        results = [r1, r2]
        if not args.no_dask:
            from distributed import Client, LocalCluster

            t = time.perf_counter()
            with (
                LocalCluster(
                    n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                print(f"(LocalCluster of 2 workers started in {time.perf_counter() - t:.1f} s)", flush=True)
                rd, rates["dask2"], peaks["dask2"] = measure(
                    "dask LocalCluster 2", lambda: run(paths, out / f"dask.{ext}", client=client, **common)
                )
            results.append(rd)
    print(f"ratio jobs2/jobs1: {rates['jobs2'] / rates['jobs1']:.2f}× (target ≥ 1.5× on 2 cores)")
    if "dask2" in rates:
        print(f"ratio dask2/jobs1: {rates['dask2'] / rates['jobs1']:.2f}×")
    print(
        f"peak memory of the process tree: {_mb(max(peaks.values()))} (target < 500 MB); ru_maxrss self "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, largest child "
        f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB"
    )
    counts = {(r.ok, r.failed, r.items) for r in results}
    print("same documents and items in every run" if len(counts) == 1 else f"RUNS DIFFER: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
