"""Bundled DejaVu for Latin/Greek/Cyrillic, a system CJK font when present, escaping; no glyph ever crashes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_fixtures import pdf_text, results_for, star_design

from advisor.report import build_pdf, fonts


def test_markup_escapes_user_text():
    fonts.register()
    assert fonts.markup("R&D <lab>") == "R&amp;D &lt;lab&gt;"
    assert fonts.markup('<font name="x">') == '&lt;font name="x"&gt;'


def test_only_embedded_truetype_fonts_are_used(small):
    _, _, pdf, _ = small
    reader = PdfReader(io.BytesIO(pdf))
    seen = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            font = font.get_object()
            seen.add(str(font["/BaseFont"]))
            assert font["/Subtype"] != "/Type0" or "/DescendantFonts" in font
            assert "/FontFile2" in font["/FontDescriptor"].get_object() if "/FontDescriptor" in font else True
    # Embedded subsets carry a "XXXXXX+" prefix; a bare name (Helvetica) would be a non-embedded standard font.
    assert seen and all("+" in name for name in seen), seen
    assert any("DejaVuSans" in name for name in seen)


def test_characters_no_font_has_still_build():
    design = star_design(3, names=("🚀 rocket", "\u2603 snow"))
    text = pdf_text(build_pdf(design, results_for(design)))
    assert "rocket" in text and "snow" in text


@pytest.mark.skipif(not fonts.cjk_available(), reason="no CJK TrueType font on this system")
def test_cjk_names_print_with_the_system_font():
    design = star_design(3, names=("東京", "Zürich 東京 office"))
    text = pdf_text(build_pdf(design, results_for(design)))
    assert "東京" in text
    assert list(fonts.runs("Zürich 東京")) == [(fonts.SANS, "Zürich "), (fonts.CJK, "東京")]


def test_runs_keep_dejavu_for_latin_greek_cyrillic():
    fonts.register()
    assert list(fonts.runs("Zürich Αθήνα Москва")) == [(fonts.SANS, "Zürich Αθήνα Москва")]


FALLBACK_PROBE = Path("/usr/share/fonts/truetype/dejavu/DejaVuMathTeXGyre.ttf")

_FALLBACK_SCRIPT = r"""
import io, sys
sys.path.insert(0, sys.argv[1])
from report_fixtures import pdf_text, results_for, star_design
from pypdf import PdfReader
from advisor.report import build_pdf, fonts
design = star_design(3, names=("Lab ℊ⌢ <x>",))
pdf = build_pdf(design.model_copy(update={"name": "Design ℊ⌢"}), results_for(design))
fonts_used = set()
for page in PdfReader(io.BytesIO(pdf)).pages:
    for f in (page["/Resources"].get("/Font") or {}).values():
        fonts_used.add(str(f.get_object()["/BaseFont"]))
print(fonts.cjk_available(), any("DejaVuMathTeXGyre" in f for f in fonts_used), "Lab ℊ⌢ <x>" in pdf_text(pdf))
"""


@pytest.mark.skipif(not FALLBACK_PROBE.is_file(), reason="needs DejaVu Math (fonts-dejavu-core) as a stand-in")
def test_fallback_font_switching_runs_end_to_end(tmp_path):
    # No CJK font here: a system font with glyphs DejaVu Sans lacks (ℊ, ⌢) takes the fallback's
    # place through ADVISOR_CJK_FONT, so the per-run switching in paragraphs, tables, drawings and headers runs.
    env = {**os.environ, "ADVISOR_CJK_FONT": str(FALLBACK_PROBE)}
    proc = subprocess.run([sys.executable, "-c", _FALLBACK_SCRIPT, str(Path(__file__).parent)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True", "True"]


ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI: DejaVu has no glyph of its own for them


def test_directional_isolates_print_as_nothing_and_copy_out_as_themselves():
    fonts.register()
    from reportlab.pdfbase.pdfmetrics import getFont, stringWidth

    for name in (fonts.SANS, fonts.SANS_BOLD):
        face = getFont(name).face
        # each drawn with its older kin's glyph (LRE, RLE, LRM, PDF): zero width, nothing painted
        assert [face.charToGlyph[c] for c in map(ord, ISOLATES)] == [
            face.charToGlyph[c] for c in (0x202A, 0x202B, 0x200E, 0x202C)]
        assert stringWidth(f"Lab {ISOLATES}Acme", name, 10) == stringWidth("Lab Acme", name, 10)
    # so they are DejaVu's, not a box nor a run in another font
    assert list(fonts.runs("\u2066Lab\u2069")) == [(fonts.SANS, "\u2066Lab\u2069")]
    design = star_design(3, names=("\u2067Acme\u2069 Lab", "Branch"))
    text = pdf_text(build_pdf(design, results_for(design)))
    assert "\u2067Acme\u2069 Lab" in text  # copied out of the PDF as written
