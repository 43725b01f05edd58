"""Raw text → the one canonical text every later stage points into.

Steps, in order (each one a small function, so tests can take them apart):

1. line endings and invisible characters (CRLF, BOM, zero-width, NBSP);
2. document-sharing-site boilerplate (patterns in ``data/boilerplate.txt``);
3. chunk markers such sites insert mid-word (``被认定新签约\\n2、项目少`` → ``被认定新签约项目少``);
4. widths: full-width digits and Latin letters → ASCII; ASCII punctuation between Chinese → full-width;
5. spaces between Chinese characters (``政 府 工 作 报 告``) and paragraph indents dropped;
6. lines hard-wrapped mid-sentence joined; blank-line runs collapsed to one paragraph break.

The result uses ``\\n`` between paragraphs and never changes after this point.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from .errors import RuleFileError

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{_CJK}]")
_TERMINAL = "。！？；：!?;:…”」』）)】"
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"}


@functools.cache
def boilerplate_patterns() -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]:
    """``(guard, pattern)`` pairs from ``data/boilerplate.txt``: a line ``GUARD<TAB>REGEX`` runs its
    (costly) regex only on texts where the cheap ``GUARD`` regex is found. A bad line raises
    :class:`RuleFileError`."""
    path = resources.files("speechkit") / "data" / "boilerplate.txt"
    out = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        needle, tab, regex = line.partition("\t")
        if not tab:
            needle, regex = "", line
        try:
            out.append((re.compile(needle) if needle else None, re.compile(regex)))
        except re.error as exc:
            raise RuleFileError(f"boilerplate.txt:{lineno}: bad pattern {regex!r}: {exc}") from exc
    return tuple(out)


def clean_invisible(text: str) -> str:
    """Unify line endings, drop BOMs, zero-width characters and control characters.

    >>> clean_invisible("一、\\r\\n抓实\\u200b招商。\\u3000\\u3000要强化")
    '一、\\n抓实招商。\\n要强化'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub("[\ufeff\u200b\u200c\u200d\u2060\u00ad]", "", text)
    # scraped pages often keep paragraphs only as a run of ideographic-space indents: 。　　要强化…
    if "\u3000\u3000" in text:  # (the pattern needs two of them: a cheap test first)
        text = re.sub("(?<=[^\n\u3000 ])[ \t]*\u3000{2,}", "\n", text)
    text = text.replace("\u00a0", " ").replace("\u3000", " ").replace("\t", " ")
    return re.sub("[\x00-\x08\x0b-\x1f\x7f]", "", text)


def remove_boilerplate(text: str) -> str:
    """Remove site boilerplate such as ``《…》由会员分享,可在线阅读…请在课桌文档上搜索。``."""
    for guard, pattern in boilerplate_patterns():
        if guard is not None and not guard.search(text):
            continue
        text = pattern.sub("\n" if pattern.pattern.startswith("\\n") else "", text)
    return text


_CHUNK_RE = re.compile(r"\n(\d{1,3})、")


def remove_chunk_markers(text: str) -> str:
    """Remove the ``\\nN、`` page or chunk markers a site inserted mid-sentence.

    A marker counts when it breaks a sentence (the text before it does not end a sentence) and the
    numbers of such markers run 2, 3, 4 … through the document; then a leading ``1、`` goes too.
    A real list item (``。\\n2、加强领导``) stays.

    >>> page = "招商引资工作是事关发展、事关全局的重中之重，任何时候抓招商工作的态度、招商工作的地位都不会改变，"
    >>> remove_chunk_markers("1、同志们:" + page + "被认定新签约\\n2、项目少。" + page + "与\\n3、企业构建关系。") == (
    ...     "同志们:" + page + "被认定新签约项目少。" + page + "与企业构建关系。")
    True
    """
    hits = []
    for m in _CHUNK_RE.finditer(text):
        before = text[: m.start()].rstrip(" ")
        if not before or before[-1] in _TERMINAL or not _CJK_RE.match(before[-1]):
            continue
        line_start = before.rfind("\n") + 1
        if len(before) - line_start < 40:
            continue  # a short line before it: a real list of headings (保障措施\n1、加强组织领导\n2、…)
        after = text[m.end() : m.end() + 1]
        if not after or after in "\n ":
            continue
        hits.append(m)
    # keep the longest run numbered 2,3,4,… (gaps allowed where a chunk boundary fell on a sentence end)
    run = [m for m in hits if int(m.group(1)) >= 2]
    seq: list[re.Match[str]] = []
    last = 1
    for m in run:
        n = int(m.group(1))
        if last < n <= last + 3:
            seq.append(m)
            last = n
    if len(seq) < 2:
        return text
    out, pos = [], 0
    for m in seq:
        out.append(text[pos : m.start()])
        pos = m.end()
    out.append(text[pos:])
    text = "".join(out)
    return re.sub(r"\A\s*1、(?=\S)", "", text)


_FW_TABLE = {i: i - 0xFEE0 for i in range(0xFF10, 0xFF1A)}  # ０-９
_FW_TABLE.update({i: i - 0xFEE0 for i in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FW_TABLE.update({i: i - 0xFEE0 for i in range(0xFF41, 0xFF5B)})  # ａ-ｚ
_FW_TABLE.update({0xFF05: ord("%"), 0xFF0E: ord("."), 0xFF0B: ord("+"), 0xFF1D: ord("="), 0xFF0F: ord("/")})
_FULL_WIDTH = re.compile("[\uff05\uff0b\uff0e\uff0f\uff10-\uff19\uff1d\uff21-\uff3a\uff41-\uff5a]")
_PUNCT_RE = re.compile(  # the leading lookahead only skips places no match can start at
    r"(?=[\s,;:!?])"
    rf"(?:(?<=[{_CJK}”“）」\d%])\s*([,;:!?])\s*(?=[{_CJK}“（「\d])|(?<=[{_CJK}])\s*([,;:!?])\s*$)",
    re.M,
)
_PAREN_RE = re.compile(rf"\((?=[^()\n]{{0,60}}[{_CJK}][^()\n]{{0,60}}\))([^()\n]*)\)")


def _full_punct(m: re.Match[str]) -> str:
    s = m.string
    before = s[m.start() - 1 : m.start()]
    after = s[m.end() : m.end() + 1]
    if before.isdigit() and after.isdigit():  # 1,000万元 and 10:30 keep their ASCII marks
        return m.group(0)
    return _HALF_TO_FULL[m.group(1) or m.group(2)]


def unify_widths(text: str) -> str:
    """Full-width digits and letters → ASCII; ASCII punctuation in Chinese context → full-width.

    >>> unify_widths("增长５．５％,确保(一)完成:好")
    '增长5.5%，确保（一）完成：好'
    """
    if _FULL_WIDTH.search(text):
        text = text.translate(_FW_TABLE)
    if any(c in text for c in ",;:!?"):  # (each match holds one: a cheap test first)
        text = _PUNCT_RE.sub(_full_punct, text)
    return _PAREN_RE.sub(lambda m: f"（{m.group(1)}）", text)


# spaces with Chinese on both sides; the pattern opens with the space, so the scan skips to spaces fast
_SPACE_RE = re.compile(
    rf"[ ](?<=[{_CJK}，。、；：！？“”（）《》][ ])[ ]*(?=[{_CJK}，。、；：！？“”（）《》])"
)


def drop_cjk_spaces(text: str) -> str:
    """Drop spaces between Chinese characters and at line ends/starts.

    >>> drop_cjk_spaces("  政 府 工 作 报 告  ")
    '政府工作报告'
    """
    text = _SPACE_RE.sub("", text)
    return "\n".join(line.strip() for line in text.split("\n"))


_MARKER_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]|[①-⑳]|第[一二三四五六七八九十]+|#|[-—*•])"
)


def join_wrapped_lines(text: str) -> str:
    """Join lines that a fixed-width layout broke mid-sentence.

    Applies only when the document shows a wrap width: at least five lines that end mid-sentence, and
    do not open a numbered point, share one length (± 2). Lines that long and ending mid-sentence join
    the next line unless it opens a numbered point.
    """
    lines = text.split("\n")
    # headings (一、… （一）… without an end mark) are short by nature: they are no evidence of a wrap width
    lens = [len(x) for x in lines if len(x) >= 15 and x[-1] not in _TERMINAL and not _MARKER_START.match(x)]
    if len(lens) < 5:
        return text
    counts: dict[int, int] = {}
    for n in lens:
        counts[n] = counts.get(n, 0) + 1
    width = max(counts, key=lambda n: sum(counts.get(n + d, 0) for d in (-2, -1, 0, 1, 2)))
    near = sum(counts.get(width + d, 0) for d in (-2, -1, 0, 1, 2))
    if near < 5 or near < 0.3 * len(lens):
        return text
    out: list[str] = []
    for line in lines:
        if (
            out
            and len(out[-1]) >= width - 2
            and out[-1][-1:] not in _TERMINAL
            and line
            and not _MARKER_START.match(line)
        ):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def collapse_blank_lines(text: str) -> str:
    """One ``\\n`` between paragraphs; no leading or trailing blank lines."""
    return (re.sub(r"\n{2,}", "\n", text) if "\n\n" in text else text).strip("\n")


_MD_NOISE = re.compile(r"<!--.*?-->|\*\*|__|^>\s?|!\[[^\]]*\]\([^)]*\)", re.S | re.M)


def strip_markdown(text: str) -> str:
    """Remove markdown emphasis, HTML comments, quote marks and images; headings (#) stay.

    >>> strip_markdown("**政府工作报告**\\n<!-- 来源 -->\\n> 新华社北京3月12日电")
    '政府工作报告\\n\\n新华社北京3月12日电'
    """
    if not any(w in text for w in ("<!--", "**", "__", ">", "![")):  # each match holds one
        return text
    return _MD_NOISE.sub("", text)


def normalize(raw: str) -> str:
    """Raw text of any reader → canonical text.

    >>> page = "招商引资工作是事关发展、事关全局的重中之重,任何时候抓招商工作的态度、招商工作的地位都不会改变,"
    >>> normalize("《讲话.docx》由会员分享,可在线阅读,更多相关《讲话.docx(4页珍藏版)》请在课桌文档上搜索。\\n"
    ...           "1、同志们:" + page + "被认定新签约\\n2、项目少," + page + "与\\n3、企业构建关系。")[-30:]
    '抓招商工作的态度、招商工作的地位都不会改变，与企业构建关系。'
    """
    text = clean_invisible(raw)
    text = strip_markdown(text)
    text = remove_boilerplate(text)
    text = drop_cjk_spaces(text)
    text = remove_chunk_markers("\n" + text)[1:] if not text.startswith("\n") else remove_chunk_markers(text)
    text = unify_widths(text)
    text = drop_cjk_spaces(text)
    text = join_wrapped_lines(text)
    return collapse_blank_lines(text)
