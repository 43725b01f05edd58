"""The extraction record: :class:`Item`, frozen, with offsets into the canonical text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("target", "problem", "task")


@dataclass(frozen=True)
class Item:
    """One target, problem or task, pointing at its exact span: ``text == doc.text[start:end]``.

    >>> it = Item(id="T1", kind="target", title="项目数量多", text="项目数量“多”", start=0, end=7)
    >>> it.kind, it.text
    ('target', '项目数量“多”')
    """

    id: str
    kind: str
    title: str
    text: str
    start: int
    end: int
    section: str | None = None
    parent: str | None = None
    owner: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    deadline: str | None = None
    deadline_iso: str | None = None
    indicator: str | None = None
    measure: str | None = None
    level: str | None = None
    value: float | None = None
    value_high: float | None = None
    unit: str | None = None
    comparator: str | None = None
    period: str | None = None
    period_iso: str | None = None
    strength: str | None = None
    confidence: float = 1.0
    via: str = "rule"
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready dict; tuples become lists, empty extras are dropped."""
        d = asdict(self)
        d["owner"] = list(self.owner)
        d["support"] = list(self.support)
        if not d["extra"]:
            del d["extra"]
        return d
