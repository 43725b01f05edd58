"""speechkit: Chinese policy speeches and reports as structured, traceable data.

>>> import speechkit
>>> doc = speechkit.from_text("同志们：一、抓实招商引资。一是考核成绩差。二是推进效率慢。")
>>> [s.title for s in doc.outline[0].children]
['考核成绩差', '推进效率慢']
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .document import Document, Meta, Section, Span
from .errors import InputError, MissingDependencyError, ModelError, RuleFileError, SpeechkitError
from .export import items_frame
from .extraction import Item, extract
from .load import from_text, read

if TYPE_CHECKING:  # pragma: no cover - for type checkers; at run time __getattr__ imports on first use
    from .corpus.corpus import Corpus
    from .report.html import render_report
    from .tracking.follow import follow
    from .tracking.ledger import build_ledger, write_ledger
    from .tracking.projects import read_projects
    from .tracking.track import track

# The corpus, tracking and report API, imported on first use so that ``import speechkit`` stays fast (pandas,
# SQLAlchemy and openpyxl load only when a project table or a ledger is touched).
_LAZY = {
    "Corpus": "speechkit.corpus.corpus",
    "read_projects": "speechkit.tracking.projects",
    "track": "speechkit.tracking.track",
    "build_ledger": "speechkit.tracking.ledger",
    "write_ledger": "speechkit.tracking.ledger",
    "follow": "speechkit.tracking.follow",
    "render_report": "speechkit.report.html",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'speechkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


try:
    __version__ = version("speechkit")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Corpus",
    "Document",
    "InputError",
    "Item",
    "Meta",
    "MissingDependencyError",
    "ModelError",
    "RuleFileError",
    "Section",
    "Span",
    "SpeechkitError",
    "__version__",
    "build_ledger",
    "extract",
    "follow",
    "from_text",
    "items_frame",
    "read",
    "read_projects",
    "render_report",
    "track",
    "write_ledger",
]
