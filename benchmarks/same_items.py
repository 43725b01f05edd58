"""Record, or check, everything ``read`` + ``extract`` give on a fixed set of documents.

A guard for speed work: a change that must not change any output is checked by recording the outputs
before it and comparing after it. Per document the dump holds the canonical text's sha256, the metadata,
the paragraphs, the whole outline (every ``Section`` field) and every ``Item`` with all its dataclass
fields, in document order.

Documents: every readable file under ``SHARED/corpora`` (archives and tables skipped, unreadable files
listed as such), ``SHARED/seed/*.txt``, the repository's ``corpora/seed_speech.txt``,
``corpora/train/*.txt``, ``corpora/reports/*.txt`` and ``corpora/versions/*.txt``; with ``--zip N`` also
every k-th of the reports in ``SHARED/reports/gov_work_reports.zip`` (N of them).

usage: python benchmarks/same_items.py [--shared ../shared] [--zip N] -o BASELINE.json
       python benchmarks/same_items.py [--shared ../shared] [--zip N] --check BASELINE.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SKIP = frozenset({".zip", ".csv", ".tsv", ".xlsx"})


def sources(shared: Path, n_zip: int) -> Iterator[tuple[str, Path | bytes]]:
    """``(name, path or bytes)`` of every document to dump, in a fixed order."""
    if (shared / "corpora").is_dir():
        for path in sorted((shared / "corpora").rglob("*")):
            if path.is_file() and path.suffix.lower() not in SKIP:
                yield f"shared/{path.relative_to(shared)}", path
    for path in sorted((shared / "seed").glob("*.txt")):
        yield f"shared/{path.relative_to(shared)}", path
    yield "corpora/seed_speech.txt", ROOT / "corpora" / "seed_speech.txt"
    for sub in ("train", "reports", "versions"):
        for path in sorted((ROOT / "corpora" / sub).glob("*.txt")):
            yield f"corpora/{sub}/{path.name}", path
    archive = shared / "reports" / "gov_work_reports.zip"
    if n_zip > 0 and archive.is_file():
        with zipfile.ZipFile(archive) as zf:
            members = sorted(
                i.filename
                for i in zf.infolist()
                if not i.is_dir() and Path(i.filename).suffix.lower() in (".txt", ".md")
            )
            step = max(1, len(members) // n_zip)
            for name in members[::step][:n_zip]:
                yield f"zip/{name}", zf.read(name)


def _plain(value: Any) -> Any:
    """JSON-ready: tuples as lists, floats kept exactly (repr round-trips)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def dump_one(source: Path | bytes) -> dict[str, Any]:
    """Everything ``read`` + ``extract`` give for one document."""
    from speechkit import extract, read
    from speechkit.errors import SpeechkitError

    try:
        doc = read(source)
    except SpeechkitError as e:
        return {"unreadable": str(e)}
    items = extract(doc)
    return {
        "sha256": doc.sha256,
        "chars": len(doc.text),
        "meta": doc.meta.to_dict(),
        "paragraphs": [[p.start, p.end] for p in doc.paragraphs],
        "outline": [_plain(dataclasses.asdict(s)) for s in doc.outline],
        "items": [_plain(dataclasses.asdict(it)) for it in items],
    }


def dump(shared: Path, n_zip: int) -> dict[str, Any]:
    return {name: dump_one(src) for name, src in sources(shared, n_zip)}


def differences(old: dict[str, Any], new: dict[str, Any], limit: int = 40) -> list[str]:
    """Human-readable differences between two dumps (at most ``limit`` lines per document)."""
    out: list[str] = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            out.append(f"{name}: missing now")
            continue
        if name not in old:
            out.append(f"{name}: not in the baseline")
            continue
        a, b = old[name], new[name]
        if a == b:
            continue
        lines: list[str] = []
        for key in sorted(set(a) | set(b)):
            if key == "items":
                continue
            if a.get(key) != b.get(key):
                lines.append(f"{name}: {key} differs")
        ia, ib = a.get("items", []), b.get("items", [])
        if len(ia) != len(ib):
            lines.append(f"{name}: {len(ia)} items before, {len(ib)} now")
        for k, (x, y) in enumerate(zip(ia, ib)):
            for field in sorted(set(x) | set(y)):
                if x.get(field) != y.get(field):
                    lines.append(
                        f"{name}: item {k} ({x.get('id')}) {field}: {x.get(field)!r} → {y.get(field)!r}"
                    )
        out.extend(lines[:limit])
        if len(lines) > limit:
            out.append(f"{name}: … {len(lines) - limit} more")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--zip", type=int, default=0, help="also N reports of gov_work_reports.zip")
    ap.add_argument("-o", "--output", help="write the dump here")
    ap.add_argument("--check", help="compare with this dump and print the differences")
    args = ap.parse_args()
    if not args.output and not args.check:
        ap.error("give -o FILE or --check FILE")
    now = dump(Path(args.shared), args.zip)
    n_items = sum(len(d.get("items", [])) for d in now.values())
    print(f"{len(now)} documents, {n_items} items", file=sys.stderr)
    if args.output:
        Path(args.output).write_text(
            json.dumps(now, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8"
        )
    if args.check:
        old = json.loads(Path(args.check).read_text(encoding="utf-8"))
        diff = differences(old, json.loads(json.dumps(now)))
        for line in diff:
            print(line)
        print("IDENTICAL" if not diff else f"{len(diff)} differences")
        return 0 if not diff else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
