"""The command line: help and README for every command, outputs of text/outline/extract, bad inputs."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import speechkit
from speechkit.cli import main
from speechkit.export import COLUMNS

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = sorted(main.commands)


def run(*args: str, input: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def stderr_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()


# ----------------------------------------------------------------------------- help and docs


def test_the_commands() -> None:
    assert {"evaluate", "extract", "outline", "text", "train"} <= set(COMMANDS)


@pytest.mark.parametrize(
    "args", [["--help"], ["-h"], *([c, "--help"] for c in COMMANDS)], ids=["main", "main-short", *COMMANDS]
)
def test_help_exits_zero(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    if args[0] in COMMANDS:
        assert main.commands[args[0]].help  # a command without a docstring shows an empty help


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"speechkit {command}" in README.read_text(encoding="utf-8")


def test_version_in_a_real_process() -> None:
    exe = Path(sys.executable).with_name("speechkit")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "speechkit.cli"]
    proc = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"speechkit, version {speechkit.__version__}"


# ----------------------------------------------------------------------------- outputs on the seed


def test_text_prints_the_canonical_text(seed_path: Path) -> None:
    result = run("text", str(seed_path))
    assert result.exit_code == 0
    assert result.stdout == speechkit.read(seed_path).text + "\n"
    assert "课桌文档" not in result.stdout


def test_outline_tree(seed_path: Path) -> None:
    result = run("outline", str(seed_path))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话 2024"
    assert sum(1 for x in lines if x.startswith(("一、", "二、", "三、", "四、"))) == 4
    first = speechkit.read(seed_path).outline[0].children[0]
    assert first.title == "考核成绩差"
    assert f"  一是 考核成绩差  [{first.start}:{first.end}]" in lines


def _check_section(node: dict[str, object], text: str, level: int) -> None:
    assert set(node) == {"marker", "level", "title", "start", "end", "children"}
    assert node["level"] == level
    start, end = node["start"], node["end"]
    assert isinstance(start, int) and isinstance(end, int)
    assert text[start:end].startswith(str(node["marker"]))
    for child in node["children"]:  # type: ignore[attr-defined]
        _check_section(child, text, level + 1)


def test_outline_json(seed_path: Path) -> None:
    result = run("outline", str(seed_path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"title", "date", "sections"}
    assert data["date"] == "2024"
    assert [s["marker"] for s in data["sections"]] == ["一、", "二、", "三、", "四、"]
    assert [len(s["children"]) for s in data["sections"]] == [3, 3, 3, 3]
    text = speechkit.read(seed_path).text
    for section in data["sections"]:
        _check_section(section, text, 1)


@pytest.fixture(scope="module")
def seed_json(seed_text: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = tmp_path_factory.mktemp("seed") / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    result = run("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_extract_json(seed_json: dict[str, object]) -> None:
    assert seed_json["schema"] == "speechkit/1"
    assert set(seed_json) >= {"schema", "source", "meta", "text", "outline", "items"}
    text = seed_json["text"]
    items = seed_json["items"]
    assert isinstance(text, str) and isinstance(items, list) and items
    assert {it["kind"] for it in items} <= {"target", "problem", "task"}
    for it in items:
        assert it["text"] == text[it["start"] : it["end"]]
    assert seed_json["source"]["sha256"] is not None  # type: ignore[index]


def test_extract_table_by_default(seed_path: Path, seed_json: dict[str, object]) -> None:
    result = run("extract", str(seed_path))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split()[:3] == ["类别", "出处", "内容"]
    assert f"{len(seed_json['items'])} items:" in result.stdout  # type: ignore[arg-type]


@pytest.mark.parametrize("ext", ["json", "jsonl", "csv", "xlsx", "md"])
def test_extract_to_file(ext: str, seed_path: Path, seed_json: dict[str, object], tmp_path: Path) -> None:
    out = tmp_path / f"items.{ext}"
    result = run("extract", str(seed_path), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert str(out) in result.stderr
    items = seed_json["items"]
    assert isinstance(items, list)
    text = str(seed_json["text"])
    texts = [it["text"] for it in items]
    if ext == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["items"] == items
    elif ext == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["text"] for r in rows] == texts
        assert all(r["text"] == text[r["start"] : r["end"]] for r in rows)
    elif ext == "csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for Chinese
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        assert list(rows[0]) == list(COLUMNS)
        assert [r["text"] for r in rows] == texts
    elif ext == "xlsx":
        from openpyxl import load_workbook

        ws = load_workbook(out).active
        values = list(ws.iter_rows(values_only=True))
        assert list(values[0]) == list(COLUMNS)
        assert [row[COLUMNS.index("text")] for row in values[1:]] == texts
    else:
        lines = out.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# 在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话"
        assert lines[2].startswith("| 类别 | 出处 | 内容 |")
        assert len(lines) == 4 + len(items)


def test_extract_from_stdin_gbk(seed_text: str, seed_json: dict[str, object]) -> None:
    result = run("extract", "-", "--format", "jsonl", input=seed_text.encode("gbk"))
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == seed_json["items"]


def test_outline_of_the_word_numbered_docx(seed_docx_file: Path, seed_path: Path) -> None:
    from_docx = json.loads(run("outline", str(seed_docx_file), "--format", "json").stdout)
    from_txt = json.loads(run("outline", str(seed_path), "--format", "json").stdout)

    def shape(sections: list[dict[str, object]]) -> list[object]:
        return [(s["marker"], s["level"], s["title"], shape(s["children"])) for s in sections]  # type: ignore[arg-type]

    assert shape(from_docx["sections"]) == shape(from_txt["sections"])
    assert (from_docx["title"], from_docx["date"]) == (from_txt["title"], from_txt["date"])


# ----------------------------------------------------------------------------- bad inputs


def _bad(kind: str, tmp_path: Path, seed_docx: bytes) -> Path:
    path = (
        tmp_path
        / {
            "missing": "missing.txt",
            "directory": "folder",
            "empty": "empty.txt",
            "junk": "junk.txt",
            "truncated-docx": "broken.docx",
        }[kind]
    )
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "junk":
        path.write_bytes(random.Random(0).randbytes(4096))
    elif kind == "truncated-docx":
        path.write_bytes(seed_docx[: len(seed_docx) // 2])
    return path


BAD = ["missing", "directory", "empty", "junk", "truncated-docx"]


def _assert_error_line(line: str, path: Path) -> None:
    assert line.startswith(f"error: {path}: ")
    assert len(line) > len(f"error: {path}: ")


@pytest.mark.parametrize("command", ["text", "outline"])
@pytest.mark.parametrize("kind", BAD)
def test_bad_input_one_error_line(command: str, kind: str, tmp_path: Path, seed_docx: bytes) -> None:
    path = _bad(kind, tmp_path, seed_docx)
    result = run(command, str(path))
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "Traceback" not in result.output
    (line,) = stderr_lines(result)
    _assert_error_line(line, path)


@pytest.mark.parametrize("kind", BAD)
def test_extract_bad_input_reports_file(kind: str, tmp_path: Path, seed_docx: bytes) -> None:
    path = _bad(kind, tmp_path, seed_docx)
    result = run("extract", str(path))
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "Traceback" not in result.output
    _assert_error_line(stderr_lines(result)[0], path)


def test_extract_single_bad_input_is_exactly_one_line(tmp_path: Path, seed_docx: bytes) -> None:
    path = _bad("missing", tmp_path, seed_docx)
    assert len(stderr_lines(run("extract", str(path)))) == 1


def test_batch_goes_on_past_a_bad_file(seed_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = run("extract", str(seed_path), str(missing), "--format", "jsonl")
    assert result.exit_code != 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows and all("text" in r for r in rows)
    lines = stderr_lines(result)
    assert any(line.startswith(f"error: {missing}: ") for line in lines)
    assert not any(str(seed_path) in line for line in lines)
    assert "Traceback" not in result.output


def test_batch_to_a_folder(seed_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("同志们：一、抓实招商引资。一是考核成绩差。二是推进效率慢。", encoding="utf-8")
    out = tmp_path / "out"
    result = run("extract", str(seed_path), str(other), "-o", str(out), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["other.json", "seed_speech.json"]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["extract", "{seed}", "--format", "xlsx"], id="xlsx-needs-output"),
        pytest.param(
            ["extract", "{seed}", "{seed}", "-o", "{tmp}/x.json"], id="several-inputs-need-a-folder"
        ),
    ],
)
def test_bad_options_one_error_line(args: list[str], seed_path: Path, tmp_path: Path) -> None:
    result = run(*(a.format(seed=seed_path, tmp=tmp_path) for a in args))
    assert result.exit_code != 0
    (line,) = stderr_lines(result)
    assert line.startswith("error: ")
    assert "Traceback" not in result.output
