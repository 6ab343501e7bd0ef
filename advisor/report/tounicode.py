"""The ToUnicode map of each embedded font subset, which tells a PDF reader what text a glyph stands for (copy,
search, text extraction, screen readers).

reportlab writes each code's character as `<%04X>`: a character beyond the Basic Multilingual Plane (an emoji such
as U+1F600, a CJK Extension B ideograph) becomes five hex digits, which readers take as U+1F60 and a stray digit,
so a name with 😀 copies out as 'ὠ'. The PDF reference asks for UTF-16BE there: a surrogate pair, <D83DDE00>.
"""

from __future__ import annotations


def utf16_hex(code: int) -> str:
    """A code point as the big-endian UTF-16 hex string a ToUnicode bfchar entry holds: 0041, D83DDE00."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset) -> str:
    """reportlab's ToUnicode CMap for one subset (`ttfonts.makeToUnicodeCMap`), each character in UTF-16BE."""
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])


def install() -> None:
    """Make reportlab's TrueType fonts write their ToUnicode maps in UTF-16BE (looked up by name when a document's
    fonts are written, so this holds for every document from now on)."""
    from reportlab.pdfbase import ttfonts

    ttfonts.makeToUnicodeCMap = to_unicode_cmap
