"""`speechkit follow` against the hand-checked verdicts of benchmarks/follow_check.tsv.

For every real report pair in ../shared/corpora/reports, prints a Markdown table (indicator, measure,
target, result, our verdict, correct verdict) and then one summary table: the precision of our
achieved/missed calls, the stated results we did not pair (correct achieved/missed, ours no_evidence
or no target at all), and the targets we read that the hand check has no line for. Not a test:
figures only (docs/follow_check.md quotes them).

usage: python benchmarks/follow_check.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "follow_check.tsv"


def load_gold() -> dict[str, dict[tuple[str, str], tuple[str, str]]]:
    gold: dict[str, dict[tuple[str, str], tuple[str, str]]] = defaultdict(dict)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pair, indicator, measure, verdict, note = line.split("\t")
        gold[pair][(indicator, measure)] = (verdict, note)
    return gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    folder = args.shared / "corpora" / "reports"
    if not folder.is_dir():
        print(f"{folder} not found", file=sys.stderr)
        return 2

    import speechkit
    from speechkit.tracking.follow import _fmt, follow

    summary = []
    for pair, expected in load_gold().items():
        name_n, name_n1 = pair.split(">")
        pairs = follow(speechkit.read(folder / name_n), speechkit.read(folder / name_n1))
        print(f"\n### {name_n} → {name_n1}\n")
        print("| indicator | measure | target | result | ours | correct | |")
        print("|---|---|---|---|---|---|---|")
        calls = right = unpaired = extra = 0
        seen = set()
        for p in pairs:
            t, r = p.target, p.result
            key = (t.indicator, t.measure)
            seen.add(key)
            correct = expected.get(key, ("?", ""))[0]
            if correct == "?":
                extra += 1
            if p.verdict != "no_evidence":
                calls += 1
                right += p.verdict == correct
            elif correct in ("achieved", "missed"):
                unpaired += 1
            result = "—" if r is None else _fmt(r.value, r.unit, r.comparator, t.measure)
            mark = "ok" if p.verdict == correct else "**wrong**"
            target = _fmt(t.value, t.unit, t.comparator, t.measure)
            print(f"| {t.indicator} | {t.measure} | {target} | {result} | {p.verdict} | {correct} | {mark} |")
        for (indicator, measure), (verdict, note) in expected.items():
            if (indicator, measure) not in seen:
                print(f"| {indicator} | {measure} | (not read) | | — | {verdict} | {note} |")
                if verdict in ("achieved", "missed"):
                    unpaired += 1
        summary.append((f"{name_n} → {name_n1}", len(pairs), calls, right, unpaired, extra))

    print("\n### Summary\n")
    print(
        "| report pair | targets read | achieved/missed calls | correct | precision | stated results not paired | targets without a hand verdict |"
    )
    print("|---|---|---|---|---|---|---|")
    tot = [0, 0, 0, 0, 0]
    for name, n, calls, right, unpaired, extra in summary:
        prec = f"{right / calls:.2f}" if calls else "—"
        print(f"| {name} | {n} | {calls} | {right} | {prec} | {unpaired} | {extra} |")
        for i, v in enumerate((n, calls, right, unpaired, extra)):
            tot[i] += v
    prec = f"{tot[2] / tot[1]:.2f}" if tot[1] else "—"
    print(f"| all | {tot[0]} | {tot[1]} | {tot[2]} | {prec} | {tot[3]} | {tot[4]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
