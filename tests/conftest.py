"""Fixtures shared by the top-level tests: the bundled seed speech, ../shared, a Word-numbered .docx."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED_PATH = REPO / "corpora" / "seed_speech.txt"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# One list, level 0 rendered by Word as 一、 二、 三、 … (chineseCounting, "%1、").
NUMBERING_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
</w:numbering>
"""

Para = tuple[str, int | None, int | None]  # text, numId, ilvl

# The four top headings of the seed: typed marker, then the heading sentence up to its 。
_SEED_HEADING = re.compile(r"(?P<marker>[一二三四])、(?P<title>以“[^。]{1,40}。)")


def replace_parts(data: bytes, parts: dict[str, str | bytes]) -> bytes:
    """Rewrite a zip archive, replacing (or adding) the given members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info))
        for name, content in parts.items():
            dst.writestr(name, content)
    return out.getvalue()


def build_numbered_docx(paragraphs: Sequence[Para | str]) -> bytes:
    """A .docx whose ``(text, numId, ilvl)`` paragraphs carry Word automatic numbering (``w:numPr``)."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    for item in paragraphs:
        text, num_id, ilvl = (item, None, None) if isinstance(item, str) else item
        p = d.add_paragraph(text)
        if num_id is not None:
            p._p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl or 0}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
    buf = io.BytesIO()
    d.save(buf)
    return replace_parts(buf.getvalue(), {"word/numbering.xml": NUMBERING_XML})


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
    return build_numbered_docx(seed_paragraphs(seed))


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
    return build_numbered_docx


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files of extraction (tests/golden/*.json) from the current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
