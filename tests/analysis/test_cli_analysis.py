"""The analysis commands: keywords, kwic, compare — outputs, formats, bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner, Result

from speechkit.analysis._common import display_width
from speechkit.cli import main

VERSIONS = Path(__file__).resolve().parents[2] / "corpora" / "versions"
V1, V2 = str(VERSIONS / "speech_v1.txt"), str(VERSIONS / "speech_v2.txt")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_keywords_table_of_one_file() -> None:
    r = run("keywords", V1, "--top", "5")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["rank", "word", "count", "share"]
    assert len(lines) == 6
    assert "同志们" not in r.stdout and "我们" not in r.stdout


def test_keywords_csv_and_json_of_several_files() -> None:
    r = run("keywords", V1, V2, "--top", "3", "--format", "csv")
    assert r.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert len(rows) == 6 and {row["path"] for row in rows} == {V1, V2}
    r = run("keywords", V1, V2, "--tfidf", "--top", "2", "--format", "json")
    data = json.loads(r.stdout)
    assert [d["rank"] for d in data] == [1, 2, 1, 2]
    assert all(d["score"] > 0 for d in data)


def test_keywords_goes_on_past_a_bad_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.txt")
    r = run("keywords", missing, V1)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"error: {missing}")
    assert "rank" in r.stdout
    assert "Traceback" not in r.stderr


def test_kwic_lines_are_aligned() -> None:
    r = run("kwic", "老旧小区", V1, "--width", "8")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 3
    assert {display_width(line.split("老旧小区")[0]) for line in lines} == {16 + 2}


def test_kwic_csv_has_offsets_and_sections() -> None:
    r = run("kwic", r"\d+公里", V1, V2, "--regex", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert [row["match"] for row in rows] == ["20公里", "20公里", "25公里", "25公里"]
    text = Path(V1).read_text(encoding="utf-8")
    assert all(row["section"] for row in rows)
    assert int(rows[0]["end"]) - int(rows[0]["start"]) == 4 and "20公里" in text


def test_kwic_bad_pattern_is_one_line() -> None:
    r = run("kwic", "(", V1, "--regex")
    assert r.exit_code != 0
    assert r.stderr.startswith("error: pattern: invalid regular expression")


def test_compare_table_json_csv(tmp_path: Path) -> None:
    r = run("compare", V1, V2)
    assert r.exit_code == 0
    assert "~ 目标  value: 20公里 → 25公里" in r.stdout
    assert r.stdout.rstrip().endswith("1 new, 11 kept, 2 dropped, 5 changed (threshold 0.5)")
    out = tmp_path / "diff.json"
    r = run("compare", V1, V2, "-o", str(out))
    assert r.exit_code == 0 and out.exists()
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["counts"] == {"new": 1, "kept": 11, "dropped": 2, "changed": 5}
    assert data["a"]["source"] == V1 and len(data["rows"]) == 19
    r = run("compare", V1, V2, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert {row["status"] for row in rows} == {"new", "kept", "dropped", "changed"}


def test_compare_bad_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = run("compare", V1, str(empty))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"error: {empty}")
