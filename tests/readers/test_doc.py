"""Legacy .doc through antiword/catdoc (faked here: no .doc file can be built in code)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from speechkit.errors import InputError, MissingDependencyError
from speechkit.readers import read_raw
from speechkit.readers.doc import read_doc


def _fake_program(folder: Path, name: str, script: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def word_ole(make_ole) -> bytes:
    return make_ole(["WordDocument", "1Table", "\x05SummaryInformation"])


def test_antiword_output_becomes_lines(tmp_path, monkeypatch, word_ole) -> None:
    _fake_program(tmp_path, "antiword", "printf '一、总体要求\\n\\n（一）指导思想\\n\\n'")
    monkeypatch.setenv("PATH", str(tmp_path))
    raw = read_raw(word_ole, name="讲话.doc")
    assert raw.format == "doc"
    assert raw.text == "一、总体要求\n（一）指导思想"
    assert raw.meta["reader"] == "antiword"


def test_catdoc_used_when_antiword_fails(tmp_path, monkeypatch, word_ole) -> None:
    _fake_program(tmp_path, "antiword", "exit 1")
    _fake_program(tmp_path, "catdoc", "printf '各位代表：\\r\\n'")
    monkeypatch.setenv("PATH", str(tmp_path))
    raw = read_raw(word_ole)
    assert raw.text == "各位代表："
    assert raw.meta["reader"] == "catdoc"


def test_encrypted_doc(tmp_path, monkeypatch, word_ole) -> None:
    _fake_program(tmp_path, "antiword", "echo 'x.doc is encrypted' >&2; exit 1")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="password-protected document"):
        read_raw(word_ole, name="x.doc")


def test_timeout(tmp_path, monkeypatch) -> None:
    _fake_program(tmp_path, "antiword", "exec /bin/sleep 10")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputError, match="timed out"):
        read_doc(b"x", name="slow.doc", timeout=0.5)


def test_no_program_installed(monkeypatch, word_ole) -> None:
    monkeypatch.setattr("speechkit.readers.doc.shutil.which", lambda _name: None)
    with pytest.raises(MissingDependencyError, match="antiword or catdoc"):
        read_raw(word_ole)


@pytest.mark.skipif(not (shutil.which("antiword") or shutil.which("catdoc")), reason="antiword/catdoc absent")
def test_real_program_on_a_broken_doc(word_ole) -> None:
    with pytest.raises(InputError, match=r"^broken\.doc: corrupt or unreadable \.doc"):
        read_raw(word_ole, name="broken.doc")
