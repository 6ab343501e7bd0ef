"""Thai names in the PDF: printed in a Thai font found on the system, not as boxes. Each defect found, as the short
sequence that shows it.

- A site named 'สำนักงานใหญ่ กรุงเทพ' or 'เชียงใหม่', or a customer 'บริษัท ไทย จำกัด', on a system with a Thai
  TrueType font (fonts-tlwg-loma-ttf): `advisor report` printed every Thai letter, vowel and tone mark as a box
  (DejaVu Sans's missing glyph), where the app shows the name; the PDF embedded no Thai font, and its DejaVu
  subsets carried the Thai codes (copied out as Thai, drawn as boxes).
- The same names measured for the tables' columns: each letter and each mark as wide as a box ('เชียงใหม่', nine
  characters, nine boxes), where the marks above and below a letter take no room of their own.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_fixtures import results_for, star_design
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFontFile

from advisor.report import build_pdf, fallback_fonts, fonts, tables, widths

HQ = "สำนักงานใหญ่ กรุงเทพ"  # head office, Bangkok
CHIANG_MAI = "เชียงใหม่"
CUSTOMER = "บริษัท ไทย จำกัด"


def _thai_font_installed() -> bool:
    """Whether fontconfig lists a Thai TrueType font (or the variable names a file), whatever the code finds."""
    try:
        out = subprocess.run(["fc-list", ":lang=th", "file"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    listed = [line.split(":")[0].strip().lower() for line in out.splitlines()]
    named = os.environ.get("ADVISOR_FALLBACK_FONT") or "/usr/share/fonts/truetype/tlwg/Loma.ttf"
    return any(p.endswith((".ttf", ".ttc")) for p in listed) or Path(named).is_file()


needs_thai = pytest.mark.skipif(not _thai_font_installed(), reason="no Thai TrueType font on this system "
                                                                   "(Debian: fonts-tlwg-loma-ttf)")


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


def _is_thai(char: str) -> bool:
    return 0x0E00 <= ord(char) <= 0x0E7F


# -- runs, markup and cells ---------------------------------------------------------------------------------------

@needs_thai
def test_thai_runs_go_to_the_thai_font_a_space_with_the_letter_before():
    T = fonts.FALLBACK
    assert list(fonts.runs(HQ)) == [(T, HQ)]
    assert list(fonts.runs(f"Site {CHIANG_MAI} 2")) == [(fonts.SANS, "Site "), (T, CHIANG_MAI + " "),
                                                       (fonts.SANS, "2")]
    assert fonts.needs_fallback(CHIANG_MAI) and not fonts.sans_only(CHIANG_MAI)
    assert fonts.markup(f"R&D <{CHIANG_MAI}>") == f'R&amp;D &lt;<font name="{T}">{CHIANG_MAI}</font>&gt;'
    assert list(fonts.mono_runs(f"description {CHIANG_MAI}")) == [(fonts.mono(), "description "), (T, CHIANG_MAI)]
    # a table cell lays it out as a paragraph in two fonts, no longer as a plain DejaVu string
    assert not isinstance(tables.cell(CHIANG_MAI, 100.0), str)


@needs_thai
def test_dejavu_keeps_what_it_has_and_cjk_and_thai_take_their_own_fonts():
    assert list(fonts.runs("฿100")) == [(fonts.SANS, "฿100")]  # the baht sign is DejaVu's
    lao = "ວຽງຈັນ"  # Vientiane: DejaVu has these Lao letters
    assert list(fonts.runs(lao)) == [(fonts.SANS, lao)]
    if fonts.cjk_available():
        assert list(fonts.runs(f"Zürich 東京 {CHIANG_MAI}")) == [
            (fonts.SANS, "Zürich "), (fonts.CJK, "東京 "), (fonts.FALLBACK, CHIANG_MAI)]


_DERIVED = ("_fallbacks", "_fallback_names", "_classes", "_claimed", "_chars", "_run")


@pytest.fixture
def fallbacks_afresh():
    """The fallback fonts' character sets worked out again before and after the test (which fakes a coverage)."""
    for name in _DERIVED:
        getattr(fonts, name).cache_clear()
    yield
    for name in _DERIVED:
        getattr(fonts, name).cache_clear()


@needs_thai
def test_scripts_that_need_shaping_stay_boxes_even_when_the_thai_font_has_them(monkeypatch, fallbacks_afresh):
    """A Thai font that also had Devanagari, Khmer and Myanmar glyphs would draw them one by one, vowel signs on the
    wrong side: they stay DejaVu's boxes (still copied out as written)."""
    shaped = frozenset([*range(0x0900, 0x0980), *range(0x1780, 0x1800), *range(0x1000, 0x10A0)])
    coverage = fonts._coverage
    monkeypatch.setattr(fonts, "_coverage", lambda name: coverage(name) | shaped if name == fonts.FALLBACK
                        else coverage(name))
    for word in ("नमस्ते", "ភ្នំពេញ", "မြန်မာ"):
        assert list(fonts.runs(word)) == [(fonts.SANS, word)], word
        assert fonts.font_for(word[0]) == fonts.SANS and not fonts.needs_fallback(word)
    assert list(fonts.runs(f"{CHIANG_MAI} नमस्ते")) == [(fonts.FALLBACK, CHIANG_MAI + " "), (fonts.SANS, "नमस्ते")]



def test_scripts_that_need_shaping_stay_boxes_even_when_the_cjk_font_has_them(monkeypatch, fallbacks_afresh):
    """ADVISOR_CJK_FONT naming a font of every script: its Devanagari, Khmer and Myanmar would be drawn glyph by
    glyph as the Thai font's would; they stay DejaVu's boxes too, and its CJK still prints in it."""
    if not fonts.cjk_available():
        pytest.skip("no CJK TrueType font on this system")
    shaped = frozenset([*range(0x0900, 0x0980), *range(0x1780, 0x1800), *range(0x1000, 0x10A0)])
    coverage = fonts._coverage
    monkeypatch.setattr(fonts, "_coverage", lambda name: coverage(name) | shaped if name == fonts.CJK
                        else coverage(name))
    for word in ("नमस्ते", "ភ្នំពេញ", "မြန်မာ"):
        assert list(fonts.runs(word)) == [(fonts.SANS, word)], word
        assert fonts.font_for(word[0]) == fonts.SANS and not fonts.needs_fallback(word)
    assert list(fonts.runs("東京 नमस्ते")) == [(fonts.CJK, "東京 "), (fonts.SANS, "नमस्ते")]


# -- widths -------------------------------------------------------------------------------------------------------

@needs_thai
def test_thai_is_measured_in_its_font_its_marks_taking_no_room():
    # sara ii above ช and mai ek above ม add nothing: as wide as the letters without them
    assert fonts.string_width(CHIANG_MAI, 10) == pytest.approx(fonts.string_width("เชยงใหม", 10))
    path = pdfmetrics.getFont(fonts.FALLBACK).face.filename
    advance = TTFontFile(path).charWidths  # the font file's own advance widths, in thousandths of an em
    expected = sum(advance[ord(c)] for c in CHIANG_MAI) * 7.5 / 1000
    widths.forget()
    assert widths._text_width(CHIANG_MAI, 7.5) == pytest.approx(expected)
    assert widths._text_width(CHIANG_MAI, 7.5, True) == pytest.approx(expected)  # no bold face: the same
    assert fonts.string_width(f"HQ {HQ}", 10) == pytest.approx(
        pdfmetrics.stringWidth("HQ ", fonts.SANS, 10) + sum(advance[ord(c)] for c in HQ) * 10 / 1000)


# -- the PDF ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def thai_pdf() -> bytes:
    design = star_design(5, names=(HQ, CHIANG_MAI, "Zürich"))
    design = design.model_copy(update={"customer": CUSTOMER})
    return build_pdf(design, results_for(design))


def _copied_out(pdf: bytes) -> dict[str, set[str]]:
    """Each font of the PDF (its name without the subset's prefix) -> the characters its codes copy out as (its
    ToUnicode map); each font checked to be embedded."""
    out: dict[str, set[str]] = defaultdict(set)
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for code in re.findall(r"(?m)^<[0-9A-Fa-f]+> <([0-9A-Fa-f]{4})>$", cmap):
                out[name].add(chr(int(code, 16)))
    return out


@needs_thai
def test_a_thai_site_name_prints_in_the_embedded_thai_font(thai_pdf):
    copied = _copied_out(thai_pdf)
    letters = {c for c in HQ + CHIANG_MAI + CUSTOMER if _is_thai(c)}
    for name, chars in copied.items():  # no DejaVu face draws a Thai letter (its missing glyph: a box)
        if name.startswith("DejaVu"):
            assert not {c for c in chars if _is_thai(c)}, name
    thai = [name for name, chars in copied.items() if letters <= chars]  # one font draws them all: the Thai one
    assert thai == [pdfmetrics.getFont(fonts.FALLBACK).face.name.decode()], sorted(copied)


@needs_thai
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_the_thai_names_copy_out_of_the_pdf_as_written(thai_pdf, tmp_path):
    path = tmp_path / "thai.pdf"
    path.write_bytes(thai_pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    assert "\ufffd" not in text
    for name in (HQ, CHIANG_MAI, CUSTOMER, f"'{CHIANG_MAI}'"):
        assert name in text, name


_LATIN_SCRIPT = r"""
import io, json, sys
sys.path.insert(0, sys.argv[1])
from report_fixtures import results_for, star_design
from pypdf import PdfReader
from advisor.report import build_pdf, fonts
design = star_design(4)
pdf = build_pdf(design, results_for(design))
names = {str(f.get_object()["/BaseFont"]).split("+", 1)[-1] for page in PdfReader(io.BytesIO(pdf)).pages
         for f in (page["/Resources"].get("/Font") or {}).values()}
print(json.dumps({"fonts": sorted(names), "looked_for": fonts._register_fallback.cache_info().currsize}))
"""


def test_a_latin_design_neither_looks_for_nor_embeds_the_thai_font():
    """Zürich, São Paulo, Αθήνα, Москва: DejaVu alone, the fallback never even looked for (nor parsed)."""
    proc = subprocess.run([sys.executable, "-c", _LATIN_SCRIPT, str(Path(__file__).parent)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["looked_for"] == 0
    assert set(out["fonts"]) <= {fonts.SANS, fonts.SANS_BOLD, "DejaVuSansMono"}, out["fonts"]


# -- finding the font ---------------------------------------------------------------------------------------------

@needs_thai
def test_the_variable_names_the_thai_font_and_a_file_without_thai_is_passed_over(monkeypatch, tmp_path):
    system = pdfmetrics.getFont(fonts.FALLBACK).face.filename
    copy = tmp_path / f"copy{Path(system).suffix}"
    copy.write_bytes(Path(system).read_bytes())
    monkeypatch.setenv("ADVISOR_FALLBACK_FONT", str(copy))
    assert fonts._load_fallback().face.filename == str(copy)  # the variable's file first
    (tmp_path / "not-a-font.ttf").write_bytes(b"not a font")
    for other in (tmp_path / "missing.ttf", fonts.FONT_DIR / "DejaVuSans.ttf", tmp_path / "not-a-font.ttf"):
        monkeypatch.setenv("ADVISOR_FALLBACK_FONT", str(other))
        assert fonts._load_fallback().face.filename == system, other  # no Thai, or no font: the system's
    monkeypatch.delenv("ADVISOR_FALLBACK_FONT")
    # beside DejaVu's regular text, the regular upright face (not Loma-Bold, sorted first by name)
    assert not re.search("bold|oblique|italic", Path(fonts._load_fallback().face.filename).name, re.IGNORECASE)


def test_thai_paths_list_regular_faces_first(monkeypatch):
    listed = ["/f/tlwg/Loma-Bold.ttf", "/f/tlwg/Loma-BoldOblique.ttf", "/f/tlwg/Loma-Oblique.ttf",
              "/f/tlwg/Loma.ttf", "/f/tlwg/TlwgMono.ttf", "/f/tlwg/Garuda.ttf"]
    monkeypatch.setattr(fallback_fonts, "system_fonts", lambda lang: sorted(listed) if lang == "th" else [])
    monkeypatch.delenv("ADVISOR_FALLBACK_FONT", raising=False)
    paths = fallback_fonts.thai_paths()
    known = len(fallback_fonts.THAI_CANDIDATES)  # the known sans-serif faces first, then fontconfig's regular ones
    assert paths[:known] == list(fallback_fonts.THAI_CANDIDATES)
    assert paths[known:known + 2] == ["/f/tlwg/Garuda.ttf", "/f/tlwg/Loma.ttf"]
