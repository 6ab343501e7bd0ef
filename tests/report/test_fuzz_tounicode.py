"""Text beyond the Basic Multilingual Plane (an emoji in a site name) copies out of the PDF as itself: each font
subset's ToUnicode map writes such a character as a UTF-16 surrogate pair (reportlab wrote five hex digits, which
readers took as U+1F60 'ὠ' and a stray digit)."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from report_fixtures import pdf_text, results_for, star_design

from advisor.report import build_pdf, tounicode


def test_utf16_hex_by_hand():
    assert tounicode.utf16_hex(0x41) == "0041"
    assert tounicode.utf16_hex(0x00E9) == "00E9"
    # U+1F600: 0x1F600 − 0x10000 = 0xF600; high 0xD800 + (0xF600 >> 10 = 0x3D), low 0xDC00 + (0xF600 & 0x3FF = 0x200)
    assert tounicode.utf16_hex(0x1F600) == "D83DDE00"


def _to_unicode_maps(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    maps = []
    for page in reader.pages[:4]:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            if "/ToUnicode" in font:
                maps.append(font["/ToUnicode"].get_object().get_data().decode("latin-1"))
    return maps


def test_emoji_in_a_site_name_reads_back_from_the_pdf():
    design = star_design(3, names=("Office 😀 north", "Ljubljana"))
    pdf = build_pdf(design, results_for(design))
    maps = "\n".join(_to_unicode_maps(pdf))
    assert "<D83DDE00>" in maps
    assert not re.search(r"<[0-9A-F]{5}>", maps)  # no entry of an odd number of hex digits
    text = pdf_text(pdf)
    assert "Office 😀 north" in text
    assert "\u1f60" not in text  # 'ὠ': the first four hex digits of 1F600 read as a character


def test_bmp_entries_are_written_as_before():
    cmap = tounicode.to_unicode_cmap("AAAAAA+Font", [0, 0x41, 0x4E2D])
    assert "<00> <0000>\n<01> <0041>\n<02> <4E2D>" in cmap
    assert "<00> <02>" in cmap and "3 beginbfchar" in cmap
