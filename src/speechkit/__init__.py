"""speechkit: Chinese policy speeches and reports as structured, traceable data.

>>> import speechkit
>>> doc = speechkit.from_text("同志们：一、抓实招商引资。一是考核成绩差。二是推进效率慢。")
>>> [s.title for s in doc.outline[0].children]
['考核成绩差', '推进效率慢']
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from .document import Document, Meta, Section, Span
from .errors import InputError, MissingDependencyError, ModelError, RuleFileError, SpeechkitError
from .export import items_frame
from .extraction import Item, extract
from .load import from_text, read

if TYPE_CHECKING:
    from .corpus.corpus import Corpus


def __getattr__(name: str) -> Any:
    """``speechkit.Corpus`` is imported on first use, so ``import speechkit`` stays cheap."""
    if name == "Corpus":
        from .corpus.corpus import Corpus

        return Corpus
    raise AttributeError(f"module 'speechkit' has no attribute {name!r}")


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
    "extract",
    "from_text",
    "items_frame",
    "read",
]
