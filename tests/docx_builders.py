"""Word documents built in code for the tests (never committed): numbered paragraphs, styles, tables.

A plain module beside the conftest files, so the top-level tests and the reader tests share one builder.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# ----------------------------------------------------------------------------- docx

# Levels of a typical Chinese official document: 一、 / （一） / 1. / ①
NUMBERING_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">
  <w:abstractNum w:abstractNumId="10">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="%1、"/><w:pStyle w:val="CNHeading1"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>
      <w:lvlText w:val="%4"/><w:suff w:val="nothing"/></w:lvl>
    <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1.%2.%5"/><w:isLgl/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>
      <w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
      <w:lvlText w:val="%2)"/><w:lvlRestart w:val="0"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>
      <w:lvlText w:val="\uf0b7"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="10"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num>
</w:numbering>
"""

Para = tuple[str, int | None, int | None]  # text, numId, ilvl


def replace_parts(data: bytes, parts: dict[str, bytes | str]) -> bytes:
    """Rewrite a zip, replacing (or adding) the given members."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in parts:
                continue
            dst.writestr(info, src.read(info))
        for name, content in parts.items():
            dst.writestr(name, content)
    return out.getvalue()


def build_docx(
    paragraphs: Sequence[Para | str],
    *,
    numbering: str | None = NUMBERING_XML,
    title: str | None = None,
    styled: Sequence[str] = (),
    table: Sequence[Sequence[str]] | None = None,
    header: str | None = None,
    footnote_like: str | None = None,
) -> bytes:
    """A .docx with numbered paragraphs (numPr on the paragraph), optional style-numbered ones."""
    d = docx.Document()
    if title is not None:
        d.core_properties.title = title
    if header is not None:
        d.sections[0].header.paragraphs[0].text = header
    style = None
    if styled:
        style = d.styles.add_style("CNHeading1", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:numId w:val="1"/></w:numPr>')
        )
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
    for text in styled:
        d.add_paragraph(text, style=style)
    if table is not None:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        d.add_paragraph("表后正文。")
    if footnote_like is not None:
        # A hidden run: Word does not show it, neither should we.
        run = d.add_paragraph("可见文字").add_run(footnote_like)
        run.font.hidden = True
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    if numbering is not None:
        data = replace_parts(data, {"word/numbering.xml": numbering})
    return data
