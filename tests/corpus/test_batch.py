"""Batch runs: counts and bad files, the three output formats, jobs, resume and recovery, the CLI."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import speechkit
from speechkit.cli import main
from speechkit.corpus.batch import run
from speechkit.corpus.sinks import read_output
from speechkit.errors import InputError, MissingDependencyError

from .conftest import BAD, GOOD, SPEECH_B


def normalised(frame: pd.DataFrame) -> pd.DataFrame:
    """A batch output as comparable values: sorted rows, missing values as None, numbers as float
    (CSV cannot tell an empty string from a missing value: both are None here)."""
    frame = frame.copy()
    for c in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[c]):
            frame[c] = frame[c].astype("float64")
        col = frame[c].astype(object)
        frame[c] = col.where(col.notna() & (col != ""), None)
    return frame.sort_values(["path", "start", "end", "id"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def reference(corpus_dir: Path) -> pd.DataFrame:
    return normalised(speechkit.Corpus(corpus_dir).items())


def test_counts_and_bad_files_reported(work_dir: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.csv"
    r = run(work_dir, tmp_path / "items.csv", jobs=1, errors=errors, quiet=True)
    assert (r.total, r.ok, r.failed, r.skipped) == (GOOD + BAD, GOOD, BAD, 0)
    assert r.failed_by_reason["empty file"] == 1
    with errors.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert {Path(x["path"]).name for x in rows} == {"empty.txt", "broken.docx"}
    assert all(x["reason"] for x in rows)
    assert f"{GOOD} ok, {BAD} failed" in r.summary()


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_each_format_holds_the_corpus_items(
    fmt: str, corpus_dir: Path, tmp_path: Path, reference: pd.DataFrame
) -> None:
    out = tmp_path / f"items.{fmt}"
    r = run(corpus_dir, out, jobs=1, quiet=True)
    assert r.items == len(reference)
    got = normalised(read_output(out))
    pd.testing.assert_frame_equal(got[list(reference.columns)], reference)


def test_jobs_two_gives_the_same_items(corpus_dir: Path, tmp_path: Path, reference: pd.DataFrame) -> None:
    r = run(corpus_dir, tmp_path / "items.parquet", jobs=2, quiet=True, errors=tmp_path / "e.csv")
    assert (r.ok, r.failed) == (GOOD, BAD)
    got = normalised(read_output(tmp_path / "items.parquet"))
    pd.testing.assert_frame_equal(got[list(reference.columns)], reference)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_resume_skips_documents_already_done(fmt: str, work_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / f"items.{fmt}"
    first = run(work_dir, out, jobs=1, quiet=True)
    n = len(read_output(out))
    again = run(work_dir, out, jobs=1, quiet=True)
    assert (again.ok, again.skipped, again.failed, again.items) == (0, GOOD, BAD, 0)  # bad files are retried
    assert len(read_output(out)) == n
    (work_dir / "new.md").write_text(SPEECH_B.replace("防汛", "抗旱"), encoding="utf-8")
    more = run(work_dir, out, jobs=1, quiet=True)
    assert (more.ok, more.skipped) == (1, GOOD)
    assert len(read_output(out)) == n + more.items
    over = run(work_dir, out, jobs=1, quiet=True, resume=False)
    assert (over.ok, over.skipped) == (GOOD + 1, 0)
    assert len(read_output(out)) == first.items + more.items


def test_an_interrupted_run_resumes_without_loss_or_doubles(
    work_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reference: pd.DataFrame
) -> None:
    from speechkit.corpus import batch

    calls = []

    def dies_on_the_fifth(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 5:
            raise KeyboardInterrupt
        return process(*args, **kwargs)

    process = batch.process
    monkeypatch.setattr(batch, "process", dies_on_the_fifth)
    monkeypatch.setattr(batch, "COMMIT_DOCS", 2)
    out = tmp_path / "items.parquet"
    with pytest.raises(KeyboardInterrupt):
        run(work_dir, out, jobs=1, quiet=True, manifest=False)
    partial = len(read_output(out))
    assert 0 < partial < len(reference)
    monkeypatch.setattr(batch, "process", process)
    again = run(work_dir, out, jobs=1, quiet=True, manifest=False)
    assert again.skipped > 0 and again.ok + again.skipped == GOOD
    got = normalised(read_output(out))
    cols = [c for c in reference.columns if c in got.columns and c != "path"]
    pd.testing.assert_frame_equal(got[cols], reference[cols])


def test_resume_is_keyed_by_content_not_path(work_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "items.jsonl"
    run(work_dir, out, jobs=1, quiet=True)
    (work_dir / "a_speech.txt").rename(work_dir / "renamed.txt")
    again = run(work_dir, out, jobs=1, quiet=True)
    assert (again.ok, again.skipped) == (0, GOOD)


def test_an_interrupted_csv_is_cut_back_to_its_last_commit(work_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "items.csv"
    run(work_dir, out, jobs=1, quiet=True)
    good = out.read_bytes()
    with out.open("ab") as fh:
        fh.write("half,a,row,from,a,killed,run\n半行".encode())  # rows written, commit never logged
    again = run(work_dir, out, jobs=1, quiet=True)
    assert again.ok == 0
    assert out.read_bytes() == good


def test_an_unlogged_parquet_part_is_dropped(work_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "items.parquet"
    run(work_dir, out, jobs=1, quiet=True)
    parts = sorted(out.glob("part-*.parquet"))
    (out / "part-99999-deadbeef.parquet").write_bytes(parts[0].read_bytes())
    log = out.with_name("items.parquet.done")
    log.write_text(log.read_text(encoding="utf-8") + "cut-line-without-tabs", encoding="utf-8")
    n = len(read_output(out))
    again = run(work_dir, out, jobs=1, quiet=True)
    assert again.ok == 0
    assert sorted(out.glob("part-*.parquet")) == parts
    assert len(read_output(out)) == n // 2


def test_a_changed_manifest_refuses_to_resume(work_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "items.csv"
    run(work_dir, out, jobs=1, quiet=True)
    (work_dir / "MANIFEST.tsv").write_text("path\tregion\na_speech.txt\t华东\n", encoding="utf-8")
    with pytest.raises(InputError, match="no-resume"):
        run(work_dir, out, jobs=1, quiet=True)
    assert run(work_dir, out, jobs=1, quiet=True, resume=False).ok == GOOD


def test_parquet_without_pyarrow_names_the_extra(
    work_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"speechkit\[parquet\]"):
        run(work_dir, tmp_path / "items.parquet", jobs=1, quiet=True)
    assert not (tmp_path / "items.parquet").exists()


def test_an_unknown_output_extension_is_refused(work_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.parquet, \.csv or \.jsonl"):
        run(work_dir, tmp_path / "items.xlsx", jobs=1, quiet=True)


def test_cli_batch(work_dir: Path, tmp_path: Path) -> None:
    out, errors = tmp_path / "items.jsonl", tmp_path / "errors.csv"
    args = ["batch", str(work_dir), "-o", str(out), "--jobs", "1", "--errors", str(errors), "-q"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 2  # bad files were reported
    assert f"{GOOD} ok, {BAD} failed" in result.stderr
    assert "error: " in result.stderr and "empty.txt: empty file" in result.stderr
    assert "Traceback" not in result.stderr
    assert errors.exists() and len(read_output(out)) > 0
    again = CliRunner().invoke(main, args, catch_exceptions=False)
    assert f"0 ok, {BAD} failed, {GOOD} already done" in again.stderr


def test_cli_batch_on_a_bad_output(work_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["batch", str(work_dir), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_workers_of_a_killed_run_exit(work_dir: Path, tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    for i in range(30):  # enough distinct documents that the run is still going when it is killed
        (work_dir / f"copy{i}.md").write_text(SPEECH_B + f"\n三、第{i}项补充要求。", encoding="utf-8")
    script = (
        "import sys\n"
        "from speechkit.corpus.batch import run\n"
        "if __name__ == '__main__':\n"
        "    run(sys.argv[1], sys.argv[2], jobs=2, quiet=True)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(work_dir), str(tmp_path / "items.csv")], env=env
    )
    parent = psutil.Process(proc.pid)
    deadline = time.monotonic() + 30
    workers: list = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers = [c for c in parent.children() if "spawn_main" in " ".join(c.cmdline())]
        time.sleep(0.05)
    assert len(workers) == 2, "the pool did not start"
    proc.kill()
    proc.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    for p in alive:  # pragma: no cover - only when the test fails
        p.kill()
    assert not alive
