"""What every format reader returns: the document's text as a person sees it, before normalisation."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RawText:
    """Text extracted from one file, paragraphs separated by ``\\n``.

    ``format`` is the sniffed format (``txt``, ``md``, ``html``, ``docx``, ``doc``, ``pdf``);
    ``meta`` holds what the container itself states (``title`` of an HTML page or docx core
    properties, ``encoding`` of a text file …).

    >>> RawText("一、抓实招商引资\\n要坚持问题导向。", "txt").format
    'txt'
    """

    text: str
    format: str
    meta: dict[str, str] = field(default_factory=dict)
