"""Word .docx: body paragraphs and tables in document order, automatic list numbers rendered.

Safety first: the zip's member sizes and compression ratios are checked *before* anything is
inflated (zip bombs are refused quickly, in little memory), and XML is parsed with entity
resolution, DTD loading and network access switched off (no XXE, no billion laughs).

Word's automatic numbering (``word/numbering.xml``) is rendered by ``numbering.py``, since the text a
person sees starts with "一、", "（一）", "1." or "①" although the XML only says "numId 3, level 1".
Headers, footers, comments and footnotes are left out.
"""

from __future__ import annotations

import io
import os
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from speechkit.config import DEFAULT_READ_CONFIG, ReadConfig
from speechkit.errors import InputError
from speechkit.readers._raw import RawText
from speechkit.readers.numbering import Numbering, Style, parse_styles

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC_NS = "http://purl.org/dc/elements/1.1/"
_MB = 1024 * 1024
_RATIO_FLOOR = _MB  # parts smaller than this are never refused for their compression ratio
_MAX_MEMBERS = 20_000

CORRUPT = "corrupt or truncated .docx"


def _mb(n: float) -> str:
    return f"{n / _MB:.1f}".rstrip("0").rstrip(".")


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads a DTD or touches the network.

    >>> b"ENTITY" in etree.tostring(etree.fromstring(
    ...     b'<!DOCTYPE d [<!ENTITY e "ENTITY">]><d>&e;</d>', safe_xml_parser()))
    False
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


# --------------------------------------------------------------------------- zip safety


def member_name(info: zipfile.ZipInfo) -> str:
    """The real name of a zip member, repairing GBK names that were read as cp437.

    Zip tools on Chinese Windows store names in GBK without the UTF-8 flag; Python then decodes
    them as cp437 ("2025─Ω…"). Such names are re-decoded as GBK when that yields CJK text.

    >>> info = zipfile.ZipInfo("2025年上海市政府工作报告.docx".encode("gbk").decode("cp437"))
    >>> member_name(info)
    '2025年上海市政府工作报告.docx'
    """
    name = info.filename
    if name.isascii():
        return name
    try:
        fixed = name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name
    cjk = sum(1 for c in fixed if "\u4e00" <= c <= "\u9fff")
    non_ascii = sum(1 for c in fixed if not c.isascii())
    return fixed if cjk and cjk >= 0.6 * non_ascii else name


@dataclass
class _Budget:
    remaining: int


def _read_member(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    name: str,
    config: ReadConfig,
    budget: _Budget,
    *,
    what: str = "docx part",
) -> bytes:
    """Inflate one member after checking its declared size and ratio against the limits."""
    declared = info.file_size
    limit = min(config.max_inflated_bytes, budget.remaining)
    if declared > limit:
        raise InputError(
            name,
            f"{what} {info.filename} inflates beyond limit ({_mb(declared)} MB > "
            f"{_mb(config.max_inflated_bytes)} MB)",
        )
    if declared > _RATIO_FLOOR:
        ratio = declared / max(info.compress_size, 1)
        if ratio > config.max_compression_ratio:
            raise InputError(
                name,
                f"{what} {info.filename} inflates beyond limit (ratio {ratio:.0f}:1 > "
                f"{config.max_compression_ratio:g}:1, {_mb(declared)} MB)",
            )
    if info.flag_bits & 0x1:
        raise InputError(name, "password-protected document")
    out = io.BytesIO()
    # zipfile never returns more than the declared size (and then checks the CRC), but count anyway.
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > limit:
                raise InputError(name, f"{what} {info.filename} inflates beyond limit ({_mb(limit)} MB)")
    budget.remaining -= out.tell()
    return out.getvalue()


def _open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, IndexError):
        raise InputError(name, CORRUPT) from None
    if len(zf.infolist()) > _MAX_MEMBERS:
        raise InputError(name, f"{CORRUPT} (more than {_MAX_MEMBERS} zip members)")
    return zf


def iter_zip_members(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    config: ReadConfig = DEFAULT_READ_CONFIG,
) -> Iterator[tuple[str, bytes]]:
    """Yield ``(member name, bytes)`` for each file in a zip archive, with zip-bomb checks.

    Member names stored in GBK without the UTF-8 flag are repaired (see :func:`member_name`).
    Each member may inflate to at most ``config.max_bytes``, the whole archive to
    ``config.max_inflated_bytes`` times the member count is never reached: every member is checked
    before it is inflated.

    >>> buf = io.BytesIO()
    >>> with zipfile.ZipFile(buf, "w") as zf:
    ...     zf.writestr("讲话.txt", "同志们：".encode())
    >>> [(n, b.decode()) for n, b in iter_zip_members(buf.getvalue())]
    [('讲话.txt', '同志们：')]
    """
    from speechkit.readers import load_bytes

    data, label = load_bytes(source, name=name, config=config)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, IndexError):
        raise InputError(label, "corrupt or truncated zip archive") from None
    with zf:
        member_config = ReadConfig(
            max_bytes=config.max_bytes,
            max_inflated_bytes=config.max_bytes,
            max_compression_ratio=config.max_compression_ratio,
        )
        for info in zf.infolist():
            if info.is_dir():
                continue
            budget = _Budget(config.max_bytes)
            try:
                content = _read_member(zf, info, label, member_config, budget, what="zip member")
            except (
                zipfile.BadZipFile,
                zlib.error,
                EOFError,
                OSError,
                NotImplementedError,
                RuntimeError,
                ValueError,
            ):
                raise InputError(label, f"corrupt zip member {member_name(info)}") from None
            yield member_name(info), content


# --------------------------------------------------------------------------- numbering


_SKIP_IN_PARA = frozenset(
    {
        "del",
        "moveFrom",
        "rPr",
        "pPr",
        "instrText",
        "delText",
        "delInstrText",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "annotationRef",
        "fldData",
        "sectPr",
    }
)


class _Walker:
    def __init__(self, ns: str, numbering: Numbering, styles: dict[str, Style]) -> None:
        self.w = ns
        self.numbering = numbering
        self.styles = styles

    def q(self, tag: str) -> str:
        return f"{{{self.w}}}{tag}"

    def local(self, el: etree._Element) -> str:
        tag = el.tag
        if not isinstance(tag, str):
            return ""
        return tag.rsplit("}", 1)[-1]

    def ns(self, el: etree._Element) -> str:
        tag = el.tag
        return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""

    # block level ---------------------------------------------------------
    def blocks(self, container: etree._Element) -> Iterator[str]:
        for child in container:
            if self.ns(child) != self.w:
                if self.ns(child) == MC_NS:
                    yield from self._alternate_blocks(child)
                continue
            tag = self.local(child)
            if tag == "p":
                yield from self.paragraph(child)
            elif tag == "tbl":
                yield from self.table(child)
            elif tag == "sdt":
                content = child.find(self.q("sdtContent"))
                if content is not None:
                    yield from self.blocks(content)
            elif tag in ("customXml", "ins", "moveTo", "smartTag"):
                yield from self.blocks(child)

    def _alternate_blocks(self, el: etree._Element) -> Iterator[str]:
        choice = el.find(f"{{{MC_NS}}}Choice")
        if choice is not None:
            yield from self.blocks(choice)

    def table(self, tbl: etree._Element) -> Iterator[str]:
        rows: list[list[list[str]]] = []
        for tr in self._rows(tbl):
            cells = [list(self.blocks(tc)) for tc in self._cells(tr)]
            rows.append(cells)
        single_column = all(len(r) <= 1 for r in rows)
        for cells in rows:
            if single_column or len(cells) == 1:
                for lines in cells:
                    yield from (line for line in lines if line.strip())
            else:
                texts = [" ".join(line.strip() for line in lines if line.strip()) for lines in cells]
                if any(texts):
                    yield "\t".join(texts)

    def _rows(self, tbl: etree._Element) -> Iterator[etree._Element]:
        for child in tbl:
            tag = self.local(child)
            if tag == "tr":
                yield child
            elif tag in ("sdt", "customXml"):
                inner = child.find(self.q("sdtContent")) if tag == "sdt" else child
                if inner is not None:
                    yield from self._rows(inner)

    def _cells(self, tr: etree._Element) -> Iterator[etree._Element]:
        for child in tr:
            tag = self.local(child)
            if tag == "tc":
                yield child
            elif tag in ("sdt", "customXml"):
                inner = child.find(self.q("sdtContent")) if tag == "sdt" else child
                if inner is not None:
                    yield from self._cells(inner)

    # paragraph level -----------------------------------------------------
    def paragraph(self, p: etree._Element) -> Iterator[str]:
        label = self._number_label(p)  # before any numbered paragraph inside a text box
        parts: list[str] = []
        boxes: list[str] = []
        self._inline(p, parts, boxes)
        text = "".join(parts)
        if text.strip():
            lines = text.split("\n")
            lines[0] = label + lines[0]
            for line in lines:
                if line.strip():
                    yield line
        yield from boxes

    def _inline(self, el: etree._Element, parts: list[str], boxes: list[str]) -> None:
        for child in el:
            ns = self.ns(child)
            tag = self.local(child)
            if ns == MC_NS:
                if tag == "AlternateContent":
                    choice = child.find(f"{{{MC_NS}}}Choice")
                    if choice is not None:
                        self._inline(choice, parts, boxes)
                continue
            if ns == self.w:
                if tag in _SKIP_IN_PARA:
                    continue
                if tag == "t":
                    parts.append(child.text or "")
                elif tag == "tab" or tag == "ptab":
                    parts.append("\t")
                elif tag in ("br", "cr"):
                    parts.append("\n")
                elif tag == "noBreakHyphen":
                    parts.append("-")
                elif tag == "softHyphen":
                    continue
                elif tag == "sym":
                    parts.append(self._sym(child))
                elif tag == "r":
                    if not self._hidden(child):
                        self._inline(child, parts, boxes)
                elif tag == "txbxContent":
                    boxes.extend(self.blocks(child))
                else:
                    self._inline(child, parts, boxes)
            elif ns.endswith("/math") and tag == "t":
                parts.append(child.text or "")
            elif tag == "Fallback":
                continue
            else:
                self._inline(child, parts, boxes)

    def _sym(self, el: etree._Element) -> str:
        code = el.get(self.q("char")) or ""
        try:
            ch = chr(int(code, 16))
        except ValueError:
            return ""
        return "" if "\uf000" <= ch <= "\uf0ff" else ch

    def _hidden(self, run: etree._Element) -> bool:
        rpr = run.find(self.q("rPr"))
        if rpr is None:
            return False
        vanish = rpr.find(self.q("vanish"))
        return vanish is not None and vanish.get(self.q("val"), "true") not in ("0", "false", "off")

    def _number_label(self, p: etree._Element) -> str:
        ppr = p.find(self.q("pPr"))
        num_id: str | None = None
        ilvl: int | None = None
        style_id: str | None = None
        if ppr is not None:
            style_el = ppr.find(self.q("pStyle"))
            if style_el is not None:
                style_id = style_el.get(self.q("val"))
            num_pr = ppr.find(self.q("numPr"))
            if num_pr is not None:
                nid = num_pr.find(self.q("numId"))
                lvl = num_pr.find(self.q("ilvl"))
                if nid is not None:
                    num_id = nid.get(self.q("val"))
                if lvl is not None and (lvl.get(self.q("val")) or "").isdigit():
                    ilvl = int(lvl.get(self.q("val")) or 0)
        from_style = False
        if num_id is None and style_id is not None:
            seen: set[str] = set()
            sid: str | None = style_id
            while sid is not None and sid not in seen:
                seen.add(sid)
                style = self.styles.get(sid)
                if style is None:
                    break
                if style.num_id is not None:
                    num_id = style.num_id
                    if ilvl is None:
                        ilvl = style.ilvl
                    from_style = True
                    break
                sid = style.based_on
        if num_id is None or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = self.numbering.level_for_style(num_id, style_id) if from_style and style_id else 0
        return self.numbering.label(num_id, min(ilvl, 8))


# --------------------------------------------------------------------------- reading


def _find_member(zf: zipfile.ZipFile, path: str) -> zipfile.ZipInfo | None:
    path = path.lstrip("/")
    for info in zf.infolist():
        if info.filename == path:
            return info
    lower = path.lower()
    for info in zf.infolist():
        if info.filename.lower() == lower:
            return info
    return None


def _parse_part(raw: bytes, name: str, part: str) -> etree._Element:
    try:
        root = etree.fromstring(raw, safe_xml_parser())
    except etree.XMLSyntaxError:
        raise InputError(name, f"{CORRUPT} ({part} is not well-formed XML)") from None
    if root is None:
        raise InputError(name, f"{CORRUPT} ({part} is empty)")
    return root


def _relationship_targets(
    zf: zipfile.ZipFile, rels_path: str, base_dir: str, name: str, config: ReadConfig, budget: _Budget
) -> dict[str, str]:
    info = _find_member(zf, rels_path)
    if info is None:
        return {}
    try:
        root = _parse_part(_read_member(zf, info, name, config, budget), name, rels_path)
    except InputError:
        return {}
    targets: dict[str, str] = {}
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(base_dir, target))
        )
        targets.setdefault(kind, path)
    return targets


def read_docx(data: bytes, *, name: str = "<bytes>", config: ReadConfig = DEFAULT_READ_CONFIG) -> RawText:
    """Read a .docx: paragraphs and tables in order, Word list numbers rendered, title to meta.

    >>> import docx, io
    >>> d = docx.Document()
    >>> d.core_properties.title = "政府工作报告"
    >>> _ = d.add_paragraph("各位代表：")
    >>> buf = io.BytesIO(); d.save(buf)
    >>> raw = read_docx(buf.getvalue())
    >>> raw.text, raw.meta["title"]
    ('各位代表：', '政府工作报告')
    """
    zf = _open_zip(data, name)
    try:
        return _read_docx(zf, name, config)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, KeyError, IndexError) as e:
        raise InputError(name, CORRUPT) from e
    except NotImplementedError:
        raise InputError(name, f"{CORRUPT} (unsupported zip compression)") from None
    except RuntimeError as e:
        if "encrypted" in str(e).lower() or "password" in str(e).lower():
            raise InputError(name, "password-protected document") from None
        raise InputError(name, CORRUPT) from None
    finally:
        zf.close()


def _read_docx(zf: zipfile.ZipFile, name: str, config: ReadConfig) -> RawText:
    budget = _Budget(config.max_inflated_bytes)
    package = _relationship_targets(zf, "_rels/.rels", "", name, config, budget)
    main_path = package.get("officeDocument", "word/document.xml")
    main_info = _find_member(zf, main_path) or _find_member(zf, "word/document.xml")
    if main_info is None:
        raise InputError(name, f"{CORRUPT} (no word/document.xml)")
    # Check the main part's size before inflating anything else of note.
    main_raw = _read_member(zf, main_info, name, config, budget)
    base_dir = posixpath.dirname(main_info.filename)
    rels_path = posixpath.join(base_dir, "_rels", posixpath.basename(main_info.filename) + ".rels")
    parts = _relationship_targets(zf, rels_path, base_dir, name, config, budget)

    doc_root = _parse_part(main_raw, name, main_info.filename)
    del main_raw
    ns = W_STRICT_NS if doc_root.tag.startswith(f"{{{W_STRICT_NS}}}") else W_NS

    def optional_part(kind: str, default: str, rels: dict[str, str] = parts) -> etree._Element | None:
        info = _find_member(zf, rels.get(kind, default)) or _find_member(zf, default)
        if info is None:
            return None
        try:
            return _parse_part(_read_member(zf, info, name, config, budget), name, info.filename)
        except InputError as e:
            if "inflates beyond limit" in e.reason or "password" in e.reason:
                raise
            return None  # a damaged optional part costs its feature, not the document

    styles = parse_styles(optional_part("styles", posixpath.join(base_dir, "styles.xml")), ns)
    numbering = Numbering(optional_part("numbering", posixpath.join(base_dir, "numbering.xml")), styles, ns)
    body = doc_root.find(f"{{{ns}}}body")
    if body is None:
        raise InputError(name, f"{CORRUPT} (document has no body)")
    walker = _Walker(ns, numbering, styles)
    lines = [line.rstrip() for line in walker.blocks(body)]
    text = "\n".join(line for line in lines if line.strip())
    if not text.strip():
        raise InputError(name, "no text in document")
    meta: dict[str, str] = {"source_format": "docx"}
    core = optional_part("core-properties", "docProps/core.xml", package)
    if core is not None:
        title = core.find(f"{{{_DC_NS}}}title")
        if title is not None and (title.text or "").strip():
            meta["title"] = title.text.strip()  # type: ignore[union-attr]
    return RawText(text, "docx", meta)
