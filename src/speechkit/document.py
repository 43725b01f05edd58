"""The records every stage shares: a :class:`Document` with one canonical text and its outline.

Every offset in speechkit points into ``Document.text``; nothing edits that text afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One node of a document's outline.

    ``marker`` is the numbering as written (``一、``, ``（二）``, ``3.``, ``一是``, ``第一，``, ``#``);
    ``style`` names the numbering family (``cn``, ``paren_cn``, ``num``, ``paren_num``, ``circled``,
    ``part``, ``ordinal_is``, ``ordinal_di``, ``sequence``, ``dash``, ``md``); ``level`` is the depth
    (1 = top); ``title`` the lead phrase; ``start``/``end`` the span of the whole point, children included;
    ``head_end`` the end of its heading paragraph (marker line, or the first sentence for in-paragraph points);
    ``inline`` is true for in-paragraph enumerations (一是, 第一，, 首先).

    >>> s = Section("一、", "cn", 1, "抓实招商引资", 0, 12, 12, 0, ())
    >>> s.title
    '抓实招商引资'
    """

    marker: str
    style: str
    level: int
    title: str
    start: int
    end: int
    head_end: int
    index: int
    children: tuple[Section, ...] = ()
    inline: bool = False

    def walk(self) -> Iterator[Section]:
        """This node and all its descendants, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: ``{"marker", "level", "title", "start", "end", "children"}``."""
        return {
            "marker": self.marker,
            "level": self.level,
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True)
class Span:
    """A stretch of the canonical text: a paragraph or a sentence."""

    start: int
    end: int


@dataclass(frozen=True)
class Meta:
    """What the document says about itself.

    >>> Meta(title="在2024年上半年招商引资工作总结暨下半年工作安排部署会议上的讲话", date="2024").date
    '2024'
    """

    title: str | None = None
    date: str | None = None
    speaker: str | None = None
    occasion: str | None = None
    genre: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "title": self.title,
            "date": self.date,
            "speaker": self.speaker,
            "occasion": self.occasion,
            "genre": self.genre,
        }


@dataclass(frozen=True)
class Document:
    """A read document: canonical ``text``, its ``outline``, paragraphs, metadata and provenance.

    >>> doc = Document(text="一、抓实招商引资。", outline=(), paragraphs=(Span(0, 9),), meta=Meta())
    >>> doc.text[doc.paragraphs[0].start:doc.paragraphs[0].end]
    '一、抓实招商引资。'
    """

    text: str
    outline: tuple[Section, ...]
    paragraphs: tuple[Span, ...]
    meta: Meta
    source: str | None = None
    format: str = "txt"
    sha256: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def sections(self) -> Iterator[Section]:
        """Every outline node, depth first, in document order."""
        for top in self.outline:
            yield from top.walk()

    def outline_dict(self) -> dict[str, object]:
        """The outline as ``{"title", "date", "sections": [...]}``."""
        return {
            "title": self.meta.title,
            "date": self.meta.date,
            "sections": [s.to_dict() for s in self.outline],
        }
