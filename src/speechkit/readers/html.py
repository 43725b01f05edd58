"""HTML pages and fragments: keep the main text a reader sees, drop site chrome.

Scripts, styles, navigation, headers/footers, forms, share buttons, comment boxes and the like
are removed (by tag and by ``id``/``class`` hints); the main content container is then chosen
generically by where the non-link CJK text is (not by site-specific ids). Block elements become
line breaks, table cells are joined by a tab.
"""

from __future__ import annotations

import html as html_lib
import re

from lxml import etree
from lxml import html as lxml_html

from speechkit.errors import InputError
from speechkit.readers._raw import RawText
from speechkit.readers.text import cjk_count, decode_bytes, unify_newlines

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "noscript",
        "form",
        "iframe",
        "head",
        "template",
        "svg",
        "button",
        "select",
        "input",
        "textarea",
        "object",
        "embed",
        "frameset",
        "frame",
        "canvas",
        "audio",
        "video",
        "map",
        "link",
        "meta",
        "title",
    }
)
_JSP_PREFIXES = ("c:", "fmt:", "jsp:", "fn:", "s:", "sql:", "x:", "tiles:", "spring:")
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "caption",
        "blockquote",
        "pre",
        "section",
        "article",
        "main",
        "center",
        "address",
        "figure",
        "figcaption",
        "hr",
        "fieldset",
        "body",
        "html",
        "details",
        "summary",
        "legend",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_HINT_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navi",
        "navigation",
        "menu",
        "menubar",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "footer",
        "foot",
        "share",
        "sharing",
        "bdshare",
        "jiathis",
        "comment",
        "comments",
        "sidebar",
        "related",
        "recommend",
        "ad",
        "ads",
        "advert",
        "advertisement",
        "banner",
        "login",
        "copyright",
        "toolbar",
        "pagination",
        "pager",
        "social",
        "header",
        "topbar",
        "subnav",
        "sitemap",
        "location",
        "position",
    }
)
_HINT_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"[ \t\n\r\f\v]+")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,8}|#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6});")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_JSP = re.compile(r"<%.*?%>", re.S)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DATE_META_NAMES = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "date",
    "dc.date",
    "dcterms.created",
)

_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}


def decode_html(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode HTML bytes: a declared ``<meta charset>`` is used if it decodes cleanly.

    >>> decode_html('<meta charset="gbk"><p>各位代表</p>'.encode("gbk"))[1]
    'gb18030'
    """
    try:
        # Real GBK is almost never valid UTF-8, while UTF-8 declared as gb2312 would decode as junk.
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        enc = _CHARSET_ALIASES.get(declared, declared)
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, name=name)


def _hinted(el: etree._Element) -> bool:
    for attr in ("id", "class", "role"):
        value = el.get(attr)
        if not value:
            continue
        for token in _HINT_SPLIT.split(value):
            if token.lower() in _HINT_WORDS:
                return True
    return False


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _drop_chrome(root: etree._Element) -> None:
    total = cjk_count(root.text_content()) or 1
    doomed = []
    for el in root.iter():
        tag = _tag(el)
        if not tag:
            doomed.append(el)
        elif tag in _DROP_TAGS or tag.startswith(_JSP_PREFIXES):
            doomed.append(el)
        elif tag not in ("html", "body") and (
            _hinted(el) or _HIDDEN_STYLE.search(el.get("style") or "") or el.get("hidden") is not None
        ):
            # Never throw away the bulk of the page on the strength of a class name.
            if cjk_count(el.text_content()) < 0.5 * total:
                doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _link_free_counts(root: etree._Element) -> dict[etree._Element, int]:
    """Per element: CJK characters in its subtree that are not inside a link."""
    order = [el for el in root.iter() if isinstance(el.tag, str)]
    in_link: dict[etree._Element, bool] = {}
    for el in order:
        parent = el.getparent()
        in_link[el] = _tag(el) == "a" or (parent is not None and in_link.get(parent, False))
    counts: dict[etree._Element, int] = {}
    for el in reversed(order):
        n = 0 if in_link[el] else cjk_count(el.text or "")
        for child in el:
            if not isinstance(child.tag, str):
                continue
            n += counts.get(child, 0)
            if not in_link[el]:
                n += cjk_count(child.tail or "")
        counts[el] = n
    return counts


def _main_container(root: etree._Element, counts: dict[etree._Element, int]) -> etree._Element:
    body = root.find(".//body")
    node = body if body is not None else root
    total = counts.get(node, 0)
    for el in node.iter("article", "main"):
        if counts.get(el, 0) >= 0.5 * total:
            node = el
            break
    while True:
        children = [c for c in node if isinstance(c.tag, str)]
        if not children:
            return node
        best = max(children, key=lambda c: counts.get(c, 0))
        here = counts.get(node, 0)
        rest = here - counts.get(best, 0)
        # Descend only past a little chrome (a date line, "责任编辑"), and never into a single
        # paragraph: its siblings are then text too.
        if counts.get(best, 0) == 0 or rest > max(12, 0.1 * here) or _is_leaf(best):
            return node
        node = best


def _is_leaf(el: etree._Element) -> bool:
    return not any(_tag(d) in _BLOCK_TAGS or _tag(d) in ("br", "td", "th") for d in el.iterdescendants())


def _render(el: etree._Element, out: list[str], pre: bool = False) -> None:
    tag = _tag(el)
    if tag == "br":
        out.append("\n")
    elif tag == "hr":
        out.append("\n")
    else:
        block = tag in _BLOCK_TAGS
        if block:
            out.append("\n")
        elif tag in _CELL_TAGS:
            prev = el.getprevious()
            if prev is not None and _tag(prev) in _CELL_TAGS:
                out.append("\t")
        in_pre = pre or tag == "pre"
        if el.text:
            out.append(_text(el.text, in_pre))
        for child in el:
            if isinstance(child.tag, str):
                _render(child, out, in_pre)
            if child.tail:
                out.append(_text(child.tail, in_pre))
        if block:
            out.append("\n")
        return


def _text(s: str, pre: bool) -> str:
    if "&" in s and _ENTITY.search(s):
        s = html_lib.unescape(s)  # double-escaped entities such as "&amp;nbsp;"
    if pre:
        return s
    return _WS.sub(" ", s)


def _lines(pieces: list[str]) -> str:
    text = "".join(pieces)
    lines = (line.strip(" \t") for line in text.split("\n"))
    return "\n".join(line for line in lines if line.strip())


def _clean_title(title: str | None) -> str:
    return _WS.sub(" ", title or "").strip()


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Extract the main text of an HTML page or fragment; return ``(text, meta)``.

    ``meta`` may hold ``title`` (the ``<h1>`` if ``<title>`` contains it, else ``<title>``)
    and ``date`` (from a ``<meta name="PubDate">``-like tag).

    >>> html_to_text('<html><head><title>通知</title></head><body><nav>首页</nav>'
    ...              '<div><p>一、总体要求</p><p>（一）指导思想。</p></div></body></html>')
    ('一、总体要求\\n（一）指导思想。', {'title': '通知'})
    """
    markup = _XML_DECL.sub("", _JSP.sub("", markup), count=1)
    if not markup.strip():
        return "", {}
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, recover=True
    )
    try:
        root = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return "", {}
    if root is None:
        return "", {}

    meta: dict[str, str] = {}
    title_el = root.find(".//title")
    title = _clean_title(title_el.text_content() if title_el is not None else "")
    h1 = root.find(".//h1")
    h1_text = _clean_title(h1.text_content()) if h1 is not None else ""
    if h1_text and title and h1_text in title:
        title = h1_text
    if title:
        meta["title"] = title
    for m in root.iter("meta"):
        key = (m.get("name") or m.get("property") or "").lower()
        if key in _DATE_META_NAMES and (m.get("content") or "").strip():
            meta["date"] = m.get("content", "").strip()
            break

    _drop_chrome(root)
    counts = _link_free_counts(root)
    main = _main_container(root, counts)
    out: list[str] = []
    h1 = root.find(".//h1")
    if h1 is not None and h1 is not main and main not in list(h1.iterancestors()):
        if _precedes(root, h1, main):
            out.extend(["\n", _clean_title(h1.text_content()), "\n"])
    _render(main, out)
    return _lines(out), meta


def _precedes(root: etree._Element, a: etree._Element, b: etree._Element) -> bool:
    for el in root.iter():
        if el is a:
            return True
        if el is b:
            return False
    return False


def read_html(data: bytes, *, name: str = "<bytes>") -> RawText:
    """Read an HTML page (or a fragment such as a gov.cn ``<td id="UCAP-CONTENT">`` cell).

    >>> raw = read_html('<p>各位代表：</p><p>现在，我代表市人民政府向大会报告工作。</p>'.encode())
    >>> raw.text
    '各位代表：\\n现在，我代表市人民政府向大会报告工作。'
    """
    markup, encoding = decode_html(data, name=name)
    text, meta = html_to_text(unify_newlines(markup))
    if not text.strip():
        raise InputError(name, "no text in HTML page")
    meta["encoding"] = encoding
    meta["source_format"] = "html"
    return RawText(text, "html", meta)
