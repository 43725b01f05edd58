"""Peak memory of a whole process tree (parent + workers), sampled; also usable as a command wrapper.

    python benchmarks/treemem.py -- python -m speechkit batch DIR -o items.parquet --jobs 2

prints the wall time, the CPU time and the peak summed RSS of the command and all its descendants. RSS is read with
psutil when installed, else from /proc (Linux).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

try:
    import psutil
except ImportError:  # pragma: no cover - /proc fallback
    psutil = None

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_tree(root: int) -> tuple[int, dict[int, float]]:
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        stats[pid] = (int(fields[21]) * _PAGE, (int(fields[11]) + int(fields[12])) / _TICK)
    rss, cpu, stack = 0, {}, [root]
    while stack:
        pid = stack.pop()
        if pid in stats:
            rss += stats[pid][0]
            cpu[pid] = stats[pid][1]
        stack.extend(children.get(pid, ()))
    return rss, cpu


def tree_stats(pid: int) -> tuple[int, dict[int, float]]:
    """Summed resident memory (bytes) of ``pid`` and all its descendants, and each one's CPU seconds."""
    if psutil is None:
        return _proc_tree(pid)
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, {}
    rss, cpu = 0, {}
    for p in procs:
        try:
            with p.oneshot():
                rss += p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return rss, cpu


def tree_rss(pid: int) -> int:
    """Summed resident memory (bytes) of ``pid`` and all its descendants."""
    return tree_stats(pid)[0]


class PeakSampler:
    """``with PeakSampler(pid) as s: …`` then ``s.peak`` (bytes, sampled every ``interval`` seconds) and
    ``s.cpu`` (CPU seconds the tree used meanwhile, workers that came and went included)."""

    def __init__(self, pid: int | None = None, interval: float = 0.1) -> None:
        self.pid = pid or os.getpid()
        self.interval = interval
        self.peak = 0
        self._base: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        rss, cpu = tree_stats(self.pid)
        self.peak = max(self.peak, rss)
        self._last.update(cpu)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    @property
    def cpu(self) -> float:
        return sum(t - self._base.get(pid, 0.0) for pid, t in self._last.items())

    def __enter__(self) -> PeakSampler:
        self._base = dict(tree_stats(self.pid)[1])
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        print(__doc__)
        return 2
    start = time.perf_counter()
    proc = subprocess.Popen(argv)
    with PeakSampler(proc.pid, interval=0.25) as sampler:
        code = proc.wait()
    seconds = time.perf_counter() - start
    print(
        f"exit {code}; wall {seconds:.1f} s; CPU {sampler.cpu:.1f} s; "
        f"peak RSS of the process tree {sampler.peak / 2**20:.0f} MB",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
