"""Fixtures shared by the top-level tests: the bundled seed speech, ../shared, a Word-numbered .docx."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from docx_builders import Para, build_docx

REPO = Path(__file__).resolve().parents[1]
SEED_PATH = REPO / "corpora" / "seed_speech.txt"
# The four top headings of the seed: typed marker, then the heading sentence up to its 。
_SEED_HEADING = re.compile(r"(?P<marker>[一二三四])、(?P<title>以“[^。]{1,40}。)")


def seed_paragraphs(seed: str) -> list[Para | str]:
    """The seed's lines as paragraphs, each of the four top headings (一、…四、) split off into a
    paragraph of its own that carries numPr instead of the typed marker."""
    paras: list[Para | str] = []
    headings = 0
    for line in seed.split("\n"):
        pos = 0
        for m in _SEED_HEADING.finditer(line):
            if line[pos : m.start()].strip():
                paras.append(line[pos : m.start()])
            paras.append((m.group("title"), 1, 0))
            headings += 1
            pos = m.end()
        if line[pos:].strip():
            paras.append(line[pos:])
    assert headings == 4, f"the seed should have four top headings, found {headings}"
    return paras


def seed_docx_bytes(seed: str) -> bytes:
    """The seed speech as a .docx whose top headings use Word automatic numbering, no typed 一、."""
    return build_docx(seed_paragraphs(seed))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` next to the repository (may be absent: tests that need it skip)."""
    return Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED_PATH


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled seed speech, raw (boilerplate and chunk markers included)."""
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_docx(seed_text: str) -> bytes:
    return seed_docx_bytes(seed_text)


@pytest.fixture(scope="session")
def seed_docx_file(seed_docx: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Word-numbered seed written to ``seed.docx`` in a temporary folder."""
    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    path.write_bytes(seed_docx)
    return path


@pytest.fixture
def make_numbered_docx() -> Callable[[Sequence[Para | str]], bytes]:
    """``make_numbered_docx([("总体要求", 1, 0), ("指导思想", 1, 1), "正文。"])``: numId 1 renders 一、 / （一）."""
    return build_docx


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files of extraction (tests/golden/*.json) from the current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
