"""Strip outputs, execution counts and run metadata from notebooks: python notebooks/strip.py [NB.ipynb …]"""

import sys
from pathlib import Path

import nbformat

paths = [Path(p) for p in sys.argv[1:]] or sorted(Path(__file__).parent.glob("*.ipynb"))
for path in paths:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, path)
