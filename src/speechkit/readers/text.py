"""Plain text and markdown: detect the encoding, drop YAML front matter, unify line ends.

Encodings handled: UTF-8 (with or without BOM), UTF-16/32 with BOM, BOM-less UTF-16 (told by
where the NUL bytes fall), GB18030/GBK/GB2312 and Big5 (told apart by which decoding yields more
common simplified or traditional characters), and whatever charset-normalizer recognises.
Big5 text stays traditional.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from speechkit.errors import InputError
from speechkit.readers._raw import RawText
from speechkit.readers.sniff import FRONT_MATTER, has_front_matter

# The ~400 most frequent characters of simplified and of traditional Chinese text.
_COMMON_SIMPLIFIED = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使"
    "点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明"
    "看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料"
    "象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指"
    "几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶"
    "油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议"
    "声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影"
    "算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何"
    "除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属"
    "圆包火住调满县局照参红细引听该铁价严龙飞推动坚持稳就业项目投资亿元保障"
)
_COMMON_TRADITIONAL = frozenset(
    "的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後"
    "作裡用道行所然家種事成方多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因"
    "只從想實日軍者意無力它與長把機十民第公此已工使情明性知全三又關點正業外將兩高間由問很最重並物手應"
    "戰向頭文體政美相見被利什二等產或新己制身果加西斯月話合回特代內信表化老給世位次度門任常先海通教兒"
    "原東聲提立及比員解水名真論處走義各入幾口認條平系氣題活爾更別打女變四神總何電數安少報才結反受目太"
    "量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界"
    "達光放強即像難且權思王象完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今"
    "切院讓識候帶導爭運笑飛風步改收根幹造言聯持組每濟車親極林服快辦議往元英士證近失轉夫令準布始怎呢存"
    "未遠叫台單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞請技際約示復病息究線似官"
    "火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯縣鄉經濟發展項目投資億"
)

_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def cjk_count(text: str) -> int:
    """Number of CJK ideographs in ``text``.

    >>> cjk_count("GDP增长5%左右")
    4
    """
    return sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or "\u3400" <= c <= "\u4dbf")


def junk_ratio(text: str) -> float:
    """Share of characters a document would not contain: control chars, U+FFFD, unassigned.

    >>> junk_ratio("一、总体要求")
    0.0
    """
    if not text:
        return 0.0
    bad = 0
    for c in text:
        if c in _ALLOWED_CONTROLS:
            continue
        if c == "\ufffd":
            bad += 1
            continue
        cat = unicodedata.category(c)
        if cat in ("Cc", "Cs", "Cn", "Co"):
            bad += 1
    return bad / len(text)


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary junk (NULs, many control/undefined chars).

    >>> looks_binary("各位代表：\\n现在，我代表市人民政府向大会报告工作。")
    False
    >>> looks_binary("\\x00\\x01\\x02abc")
    True
    """
    if "\x00" in text:
        return True
    if len(text) > 400_000:  # a sample of head and tail says enough, and fast
        return junk_ratio(text[:200_000]) > 0.02 or junk_ratio(text[-200_000:]) > 0.02
    return junk_ratio(text) > 0.02


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> tuple[str, str]:
    """Decode document bytes, returning ``(text, encoding)``; raise InputError for binary junk.

    Order: BOM; strict UTF-8; BOM-less UTF-16 by NUL pattern; GB18030 vs Big5 scored by
    common characters and decoding errors; charset-normalizer as the last resort.

    >>> decode_bytes("各位代表：".encode("gbk"))
    ('各位代表：', 'gb18030')
    >>> decode_bytes("各位代表：".encode("big5"))
    ('各位代表：', 'big5')
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            codec = "utf-8" if enc == "utf-8-sig" else enc
            text = body.decode(codec, errors="replace")
            if looks_binary(text):
                raise InputError(name, "binary data, not a document")
            return text, enc

    nuls = data.count(0)
    if not nuls:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            # A stream cut inside its last character is still UTF-8.
            if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
                text = data.decode("utf-8", errors="replace")
                if not looks_binary(text):
                    return text, "utf-8"
        else:
            if looks_binary(text):
                raise InputError(name, "binary data, not a document")
            return text, "utf-8"
    else:
        # NULs: UTF-16 without a BOM (ASCII-heavy UTF-16 is valid UTF-8, so test this first).
        text_enc = _guess_utf16(data, nuls)
        if text_enc is not None:
            return text_enc
        raise InputError(name, "binary data, not a document")

    best = _best_cjk_decoding(data)
    if best is not None:
        return best
    guess = _charset_normalizer_guess(data)
    if guess is not None and not looks_binary(guess[0]):
        return guess
    raise InputError(name, "binary data, not a document")


def _guess_utf16(data: bytes, nuls: int) -> tuple[str, str] | None:
    odd = sum(1 for i in range(1, len(data), 2) if data[i] == 0)
    even = nuls - odd
    candidates = []
    if odd >= 0.7 * nuls:
        candidates.append("utf-16-le")
    if even >= 0.7 * nuls:
        candidates.append("utf-16-be")
    body = data[: len(data) // 2 * 2]
    for enc in candidates:
        try:
            text = body.decode(enc)
        except UnicodeDecodeError:
            continue
        if not looks_binary(text):
            return text, enc
    return None


def _best_cjk_decoding(data: bytes) -> tuple[str, str] | None:
    scored = []
    for enc, label, common in (
        ("utf-8", "utf-8", _COMMON_SIMPLIFIED | _COMMON_TRADITIONAL),  # UTF-8 with a damaged byte
        ("gb18030", "gb18030", _COMMON_SIMPLIFIED),
        ("cp950", "big5", _COMMON_TRADITIONAL),
        ("big5hkscs", "big5hkscs", _COMMON_TRADITIONAL),
    ):
        text = data.decode(enc, errors="replace")
        errors = text.count("\ufffd")
        hits = sum(1 for c in text if c in common)
        scored.append((hits - 10 * errors, -errors, text, label, errors))
    scored.sort(key=lambda t: (t[0], t[1]), reverse=True)
    for _score, _neg, text, label, errors in scored:
        if errors <= max(3, len(text) // 200) and cjk_count(text) > 0 and not looks_binary(text):
            return text, label
    return None


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        best = from_bytes(data[:200_000]).best()
        if best is None or best.encoding is None:
            return None
        return data.decode(best.encoding, errors="replace"), best.encoding
    except (LookupError, ValueError, TypeError, RuntimeError):
        return None


# --------------------------------------------------------------------------- front matter

_FM_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split YAML front matter off ``text``; return ``(fields, body)``.

    Only top-level ``key: value`` scalars are read (no YAML library needed); lists are skipped.

    >>> split_front_matter("---\\ntitle: '政府工作报告'\\ndate: 2025-01-22\\n---\\n各位代表：")
    ({'title': '政府工作报告', 'date': '2025-01-22'}, '各位代表：')
    """
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group(1).split("\n"):
        fm = _FM_LINE.match(line)
        if not fm or not fm.group(2):
            continue
        value = fm.group(2)
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields[fm.group(1).lower()] = value
    return fields, text[m.end() :]


def unify_newlines(text: str) -> str:
    """CRLF and lone CR become ``\\n``; a leading BOM is dropped.

    >>> unify_newlines("一、总体要求\\r\\n（一）指导思想\\r")
    '一、总体要求\\n（一）指导思想\\n'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _html_body(body: str) -> bool:
    start = body.lstrip()
    return bool(re.match(r"<(?:div|p|section|article|table|html|body)\b", start, re.I))


def read_text(data: bytes, *, name: str = "<bytes>", kind: str | None = None) -> RawText:
    """Read a plain text or markdown document.

    ``kind`` is ``"md"`` or ``"txt"`` when the caller has already sniffed it. Markdown front
    matter is left out of the text, its ``title``/``date`` go to ``meta``; a markdown body that is
    itself HTML (as in some blog exports) is rendered like an HTML page.

    >>> raw = read_text("---\\ntitle: 政府工作报告\\n---\\r\\n各位代表：\\r\\n".encode("gbk"))
    >>> raw.format, raw.text, raw.meta["title"], raw.meta["encoding"]
    ('md', '各位代表：\\n', '政府工作报告', 'gb18030')
    """
    from speechkit.readers.sniff import sniff_text

    text, encoding = decode_bytes(data, name=name)
    text = unify_newlines(text)
    if looks_binary(text):
        raise InputError(name, "binary data, not a document")
    fmt = kind or sniff_text(text)
    if fmt not in ("md", "txt"):
        fmt = "txt"
    meta: dict[str, str] = {"encoding": encoding, "source_format": fmt}
    if fmt == "md" and has_front_matter(text):
        fields, text = split_front_matter(text)
        for key in ("title", "date"):
            if fields.get(key):
                meta[key] = fields[key]
        for key in ("source", "link", "url"):
            if fields.get(key, "").startswith(("http://", "https://")):
                meta["url"] = fields[key]
                break
        if _html_body(text):
            from speechkit.readers.html import html_to_text

            body, html_meta = html_to_text(text)
            text = body
            meta["source_format"] = "md+html"
            for key, value in html_meta.items():
                meta.setdefault(key, value)
    if not text.strip():
        raise InputError(name, "no text in file")
    return RawText(text, fmt, meta)
