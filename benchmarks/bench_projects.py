"""Project table reading speed: the 青禾县 table (320 projects) from XLSX, GBK CSV, JSON and SQLite, and a
CSV of 20 times as many rows. Not a test: figures only.

usage: python benchmarks/bench_projects.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
XLSX = ROOT / "corpora" / "projects" / "zhaoshang_2024.xlsx"
CSV = ROOT / "corpora" / "projects" / "zhaoshang_2024_gbk.csv"


def best_of(repeat: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    from speechkit.tracking.db import write_projects
    from speechkit.tracking.projects import read_projects

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    table = read_projects(XLSX)
    tmp = Path(tempfile.mkdtemp())
    (tmp / "zs.json").write_bytes(table.to_json())
    write_projects(table, tmp / "zs.db")
    lines = CSV.read_bytes().split(b"\r\n")
    head, body = lines[:3], lines[3:-2]  # title, subtitle, header (its line breaks are bare \n)
    big = tmp / "big.csv"
    big.write_bytes(b"\r\n".join(head + body * 20) + b"\r\n")
    print(f"{'source':<24s} {'rows':>6s} {'seconds':>8s} {'rows/s':>8s}")
    for name, src in [("xlsx", XLSX), ("csv (GBK)", CSV), ("json", tmp / "zs.json"), ("sqlite", tmp / "zs.db"),
                      ("csv (GBK) x20", big)]:  # fmt: skip
        n = len(read_projects(src))
        t = best_of(args.repeat, lambda src=src: read_projects(src))
        print(f"{name:<24s} {n:>6d} {t:>8.3f} {n / t:>8.0f}")


if __name__ == "__main__":
    main()
