"""The notebooks run top to bottom on the bundled data, without errors and without a missing-glyph warning
(Chinese drawn as empty boxes), and are committed without outputs.

Each notebook runs with nbclient on a ``python3`` kernel in a temporary copy of ``notebooks/`` and ``corpora/``
(cwd = the copied ``notebooks/``), so nothing is written into the repository. A control notebook that draws
Chinese with DejaVu Sans only shows that the glyph check does catch the warning.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

nbformat = pytest.importorskip(
    "nbformat", reason='notebook tests need the test extra: pip install -e ".[test]"'
)
nbclient = pytest.importorskip(
    "nbclient", reason='notebook tests need the test extra: pip install -e ".[test]"'
)
pytest.importorskip("ipykernel", reason='notebook tests need the test extra: pip install -e ".[test]"')
pytest.importorskip("matplotlib", reason='notebook tests need the test extra: pip install -e ".[test]"')

from speechkit.errors import MissingDependencyError  # noqa: E402
from speechkit.report import plots  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 120  # seconds, per cell
GLYPH_RE = re.compile(r"Glyph \d+ .{0,80}?missing from font|missing from font\(s\)")
# Prepended to every executed copy: show each warning every time, so none is swallowed as a repeat.
WARNINGS_CELL = "import warnings\nwarnings.simplefilter('always')"


def glyph_messages(nb: nbformat.NotebookNode) -> list[str]:
    """Missing-glyph warnings in any cell's output: streams (stderr, stdout), errors and text results."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts = [out.get("text", ""), "\n".join(out.get("traceback", []))]
            texts.append(str(out.get("data", {}).get("text/plain", "")))
            for text in texts:
                found.extend(m.group(0) for m in GLYPH_RE.finditer(str(text)))
    return found


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    """Run ``nb`` on a python3 kernel in ``cwd`` with the warnings cell first; raises CellExecutionError."""
    nb.cells.insert(0, nbformat.v4.new_code_cell(WARNINGS_CELL))
    client = nbclient.NotebookClient(
        nb, timeout=CELL_TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    client.execute()
    return nb


@pytest.fixture(scope="module")
def cjk() -> str:
    try:
        return plots.cjk_font(configure=False)
    except MissingDependencyError as exc:
        pytest.skip(f"no CJK font installed (CI installs fonts-wqy-microhei): {exc}")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of notebooks/ and corpora/ (without the training corpus the notebooks do not read)."""
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    shutil.copytree(REPO / "corpora", root / "corpora", ignore=shutil.ignore_patterns("train"))
    return root / "notebooks"


def test_three_notebooks_exist() -> None:
    assert [p.name for p in NOTEBOOKS] == ["01_quickstart.ipynb", "02_corpus.ipynb", "03_tracking.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebook_has_no_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for i, cell in enumerate(nb.cells):
        assert "execution" not in cell.metadata, f"cell {i} keeps run timings: python notebooks/strip.py"
        if cell.cell_type == "code":
            assert cell.outputs == [], f"cell {i} has outputs: python notebooks/strip.py {path.name}"
            assert cell.execution_count is None, f"cell {i} has an execution count: python notebooks/strip.py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_without_errors_or_missing_glyphs(path: Path, workdir: Path, cjk: str) -> None:
    nb = nbformat.read(workdir / path.name, as_version=4)
    try:
        executed = execute(nb, workdir)
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{path.name} failed:\n{exc}")
    assert glyph_messages(executed) == [], f"{path.name} drew characters its font lacks"
    images = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images, f"{path.name} shows no figure"


def test_glyph_check_catches_a_font_without_chinese(workdir: Path) -> None:
    """The same run and check flag a notebook that plots Chinese with DejaVu Sans only."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "%matplotlib inline\n"
            "import matplotlib\n"
            "from matplotlib.figure import Figure\n"
            "matplotlib.rcParams['font.family'] = 'DejaVu Sans'\n"
            "fig = Figure(figsize=(3, 2))\n"
            "fig.add_subplot().set_title('招商引资')\n"
            "fig"
        )
    ]
    executed = execute(nb, workdir)
    assert glyph_messages(executed), "a title in 招商引资 drawn with DejaVu Sans must be reported"


def test_glyph_messages_reads_streams_and_ignores_clean_output() -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output(
            "stream",
            name="stderr",
            text="UserWarning: Glyph 25307 (\\N{CJK UNIFIED "
            "IDEOGRAPH-62DB}) missing from font(s) DejaVu Sans.\n",
        ),
        nbformat.v4.new_output("stream", name="stdout", text="招商引资 ok\n"),
    ]
    nb.cells = [cell]
    assert len(glyph_messages(nb)) == 1
    cell.outputs = cell.outputs[1:]
    assert glyph_messages(nb) == []
