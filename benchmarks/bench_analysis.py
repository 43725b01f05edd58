"""Speed of the analyses over the real government work reports of ``shared/corpora/reports``.

Prints the wall time (best of ``--repeat``) of reading and extracting the reports, then of
``frequencies``, ``tfidf_keywords``, ``kwic``, ``target_series`` (items given) and ``compare`` of
consecutive reports (items given), with characters per second where it means something. Warm: jieba's
dictionary is loaded before timing. Not a test: figures only.

usage: python benchmarks/bench_analysis.py [--shared ../shared] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import speechkit
    from speechkit.analysis import compare, frequencies, kwic, target_series, tfidf_keywords
    from speechkit.segment import tokenizer

    paths = sorted((args.shared / "corpora" / "reports").glob("*_gwr_*.*"))
    if not paths:
        raise SystemExit(f"no reports under {args.shared}/corpora/reports")
    tokenizer().initialize()
    t_read, docs = best(lambda: [speechkit.read(p) for p in paths], 1)
    t_ext, items = best(lambda: [speechkit.extract(d) for d in docs], 1)
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} reports, {chars:,} characters; read {t_read:.2f} s, extract {t_ext:.2f} s")
    from speechkit.segment import tokens

    for name, fn in [
        ("segment.tokens (jieba alone)", lambda: [tokens(d.text) for d in docs]),
        ("frequencies (top 20, all)", lambda: frequencies(docs, 20)),
        ("tfidf_keywords (top 10 each)", lambda: tfidf_keywords(docs, 10)),
        ("kwic 地区生产总值", lambda: kwic(docs, "地区生产总值")),
        ("kwic regex 增长\\d+%", lambda: kwic(docs, r"增长\d+(?:\.\d+)?%", regex=True)),
        ("target_series (items given)", lambda: target_series(docs, items)),
    ]:
        t, out = best(fn, args.repeat)
        print(f"{name:32s} {t * 1000:8.1f} ms  {chars / t / 1e6:6.2f} M chars/s  ({len(out)} rows)")
    pairs = [(i, i + 1) for i in range(len(docs) - 1) if paths[i].stem[:-4] == paths[i + 1].stem[:-4]]
    total = 0.0
    n_items = 0
    for i, j in pairs:
        t, _ = best(lambda i=i, j=j: compare(docs[i], docs[j], items[i], items[j]), args.repeat)
        total += t
        n_items += len(items[i]) + len(items[j])
    if pairs:
        print(
            f"compare (items given)            {total / len(pairs) * 1000:8.1f} ms per pair "
            f"({len(pairs)} consecutive pairs, {n_items / len(pairs):.0f} items per pair)"
        )


if __name__ == "__main__":
    main()
