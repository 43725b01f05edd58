"""Error analysis of item attributes: owner, deadline and value of matched items, gold beside predicted.

For every annotated document (``*.gold.json`` under the given folders, sources resolved as
:func:`speechkit.extraction.train.resolve_source` does) items are extracted and paired with gold items
exactly as ``speechkit evaluate`` pairs them; for each pair whose gold item states an attribute, the
attribute is compared as ``evaluate`` compares it and a miss is sorted into an error kind:

owner     missing (none given) · extra (gold's units plus more) · fewer (some of gold's units) ·
          wrong-lead (same units, other order) · format (same units once spaces, brackets, 等 or
          aliases are set aside) · wrong (anything else)
deadline  missing · wrong-span (one contains the other) · wrong
value     missing · sign · wrong

It also counts *owners given where gold has none*: matched items of a kind gold gives owners to (in
that document) whose gold item has no owner but the prediction has one — owner precision; and the
same for deadlines.

usage: python benchmarks/attr_errors.py [FOLDER ...] [--show KIND] [--json OUT]
       (default folders: ../shared/train, ../shared/gold, corpora/train; names: real, dev, team)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from speechkit.evaluate import _num, _same_owner  # noqa: E402
from speechkit.extraction import extract  # noqa: E402
from speechkit.extraction.items import KINDS  # noqa: E402
from speechkit.extraction.matching import match, normalise  # noqa: E402
from speechkit.extraction.owners import canonical_unit  # noqa: E402
from speechkit.extraction.train import find_gold_files, resolve_source  # noqa: E402
from speechkit.load import read  # noqa: E402

DEFAULT = {
    "real": ROOT.parent / "shared" / "train",
    "dev": ROOT.parent / "shared" / "gold",
    "team": ROOT / "corpora" / "train",
}


def _loose(unit: str) -> str:
    u = re.sub(r"[（(][^）)]*[）)]", "", unit)
    u = re.sub(r"等$", "", normalise(u))
    return normalise(canonical_unit(u))


def owner_error(pred: list[str], gold: list[str]) -> str | None:
    """The kind of an owner mistake, or None when ``evaluate`` counts it right."""
    if _same_owner(pred, gold):
        return None
    if not pred:
        return "missing"
    p, g = [normalise(x) for x in pred], [normalise(x) for x in gold]
    if sorted(p) == sorted(g):
        return "wrong-lead"
    if [_loose(x) for x in pred] == [_loose(x) for x in gold]:
        return "format"
    if set(g) < set(p):
        return "extra"
    if set(p) < set(g):
        return "fewer"
    return "wrong"


def deadline_error(pred: str, gold: str) -> str | None:
    p, g = normalise(pred), normalise(gold)
    if p == g:
        return None
    if not p:
        return "missing"
    if p in g or g in p:
        return "wrong-span"
    return "wrong"


def value_error(pred: dict[str, Any], gold: dict[str, Any]) -> str | None:
    gv, pv = _num(gold.get("value")), _num(pred.get("value"))
    if pv is not None and pv < 0 and pred.get("measure") in ("change", "points"):
        pv = -pv
    if gv is not None and pv is not None and abs(gv - pv) < 1e-6:
        return None
    if pv is None:
        return "missing"
    if gv is not None and abs(gv + pv) < 1e-6:
        return "sign"
    return "wrong"


def analyse(name: str, folder: Path) -> dict[str, Any]:
    """Rows of compared attributes and counts of error kinds for the gold files under ``folder``."""
    rows: list[dict[str, Any]] = []
    extra_owner = [0, 0]  # owners given where gold has none / pairs where gold has none
    extra_deadline = [0, 0]  # the same for deadlines
    for g in find_gold_files([folder]):
        data = json.loads(g.read_text(encoding="utf-8"))
        doc = read(resolve_source(g, data["doc"]))
        preds = [it.to_dict() for it in extract(doc)]
        gold = data["items"]
        doc_name = g.name.removesuffix(".gold.json")
        owner_kinds = {x.get("kind") for x in gold if x.get("owner")}
        deadline_kinds = {x.get("kind") for x in gold if x.get("deadline")}
        for kind in KINDS:
            p = [x for x in preds if x.get("kind") == kind]
            gk = [x for x in gold if x.get("kind") == kind]
            pairs = match(
                [x.get("text", "") for x in p], [x["text"] for x in gk], [bool(x.get("optional")) for x in gk]
            )
            for i, j, _ in pairs:
                gi, pi = gk[j], p[i]
                base = {
                    "set": name,
                    "doc": doc_name,
                    "kind": kind,
                    "gold_id": gi.get("id"),
                    "text": gi["text"],
                    "pred_text": pi.get("text", ""),
                }
                if gi.get("owner"):
                    po, go = list(pi.get("owner") or []), list(gi["owner"])
                    rows.append(
                        {**base, "attr": "owner", "gold": go, "pred": po, "error": owner_error(po, go)}
                    )
                elif kind in owner_kinds:
                    extra_owner[1] += 1
                    if pi.get("owner"):
                        extra_owner[0] += 1
                        rows.append({**base, "attr": "owner", "gold": [], "pred": list(pi["owner"]),
                                     "error": "given-where-none", "scored": False})  # fmt: skip
                if not gi.get("deadline") and kind in deadline_kinds:
                    extra_deadline[1] += 1
                    extra_deadline[0] += bool(pi.get("deadline"))
                if gi.get("deadline"):
                    pd, gd = pi.get("deadline") or "", gi["deadline"]
                    rows.append(
                        {**base, "attr": "deadline", "gold": gd, "pred": pd, "error": deadline_error(pd, gd)}
                    )
                if gi.get("value") is not None:
                    err = value_error(pi, gi)
                    rows.append(
                        {
                            **base,
                            "attr": "value",
                            "gold": gi.get("value"),
                            "pred": pi.get("value"),
                            "error": err,
                        }
                    )
    return {"rows": rows, "extra_owner": extra_owner, "extra_deadline": extra_deadline}


def summary(name: str, res: dict[str, Any]) -> str:
    rows = [r for r in res["rows"] if r.get("scored", True)]
    lines = []
    for attr in ("owner", "deadline", "value"):
        mine = [r for r in rows if r["attr"] == attr]
        ok = sum(1 for r in mine if r["error"] is None)
        kinds = Counter(r["error"] for r in mine if r["error"])
        detail = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        lines.append(f"{name:5} {attr:9} {ok}/{len(mine)}  {detail}")
    eo = res["extra_owner"]
    lines.append(f"{name:5} owners given where gold has none: {eo[0]}/{eo[1]}")
    ed = res["extra_deadline"]
    lines.append(f"{name:5} deadlines given where gold has none: {ed[0]}/{ed[1]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folders", nargs="*", help="folders of gold files (default: real, dev, team)")
    ap.add_argument(
        "--show", help="print the rows of this error kind (owner:missing, deadline:wrong…; 'all')"
    )
    ap.add_argument("--set", help="only this set (real, dev, team)")
    ap.add_argument("--json", help="write every compared row to this file")
    args = ap.parse_args(argv)
    sets = {Path(f).name: Path(f) for f in args.folders} if args.folders else dict(DEFAULT)
    if args.set:
        sets = {args.set: sets[args.set]}
    results = {}
    for name, folder in sets.items():
        if not folder.is_dir():
            print(f"{name}: {folder} missing, skipped", file=sys.stderr)
            continue
        results[name] = analyse(name, folder)
        print(summary(name, results[name]))
    if args.show:
        attr, _, kind = args.show.partition(":")
        for res in results.values():
            for r in res["rows"]:
                if (attr == "all" and r["error"]) or (
                    r["attr"] == attr and r["error"] and (not kind or r["error"] == kind)
                ):
                    print(f"\n[{r['set']}/{r['doc']} {r['gold_id']} {r['attr']}:{r['error']}]")
                    print(f"  gold: {r['gold']}\n  pred: {r['pred']}")
                    print(f"  text: {r['text'][-160:]}")
                    if normalise(r["pred_text"]) != normalise(r["text"]):
                        print(f"  pred text: {r['pred_text'][-160:]}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({k: v for k, v in results.items()}, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
