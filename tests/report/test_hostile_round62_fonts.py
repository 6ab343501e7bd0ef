"""Round 62 of the hostile-input hunt, the PDF's Thai fallback font. Each defect found, as the short sequence that
shows it.

- ADVISOR_FALLBACK_FONT (or ADVISOR_CJK_FONT) naming a copy of Loma.ttf whose glyph locations were damaged, then
  `advisor report` of a design with a Thai site name: "unexpected internal error (TTFError: unpack requires a buffer
  of 2 bytes)", exit 2 and no PDF. The file read as a font; its glyphs were read only when the finished document
  embedded them. (A composite glyph made of a glyph the font has not: "IndexError: list index out of range".)
- ADVISOR_FALLBACK_FONT=/proc/kmsg (a system file that says it holds nothing and gives no end when read), then
  `advisor report` of a Thai design: the report never finished.
- A site named 'กขค ั ั ั …' or notes 'Note ั ั ั …' (a Thai vowel mark alone between spaces, again and again):
  the line ran off the right edge of the page, in the findings and the designer's notes. The Thai font draws the
  mark with no width, and the words of no width were joined to their neighbours only for DejaVu's marks.
- A site named 'เชียง' THIN SPACE 'ใหม่' NARROW NO-BREAK SPACE 'กรุงเทพ' (or '東京' NNBSP '大阪'): the topology
  drawing's label printed a box for each of the two spaces. A space took the font of the Thai letter before it,
  which has no such space, where DejaVu has both.
- A heading 'abc' IDEOGRAPHIC SPACE COMBINING ACUTE IDEOGRAPHIC SPACE 'def' (a mark alone as a word beside a space
  other than a plain one): reportlab broke the line there and drew a space it never measured, 9 pt past the margin.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_fixtures import results_for, star_design
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from advisor.report import build_pdf, fallback_fonts, fonts

ROOT = Path(__file__).resolve().parents[2]
CHIANG_MAI = "เชียงใหม่"
MARK = "\u0e31"  # THAI CHARACTER MAI HAN-AKAT: a vowel mark drawn over the letter before it
THIN, NNBSP = "\u2009", "\u202f"


@pytest.fixture(autouse=True)
def _fonts():
    fonts.register()


def _thai_font() -> str | None:
    """The Thai font the PDF uses on this system, if any."""
    return pdfmetrics.getFont(fonts.FALLBACK).face.filename if fonts._register_fallback() else None


needs_thai = pytest.mark.skipif(_thai_font() is None, reason="no Thai TrueType font (Debian: fonts-tlwg-loma-ttf)")


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    """A TrueType file's tables: tag -> (offset, length)."""
    count = struct.unpack_from(">H", data, 4)[0]
    return {struct.unpack_from(">4s", data, 12 + 16 * i)[0]: struct.unpack_from(">II", data, 12 + 16 * i + 8)
            for i in range(count)}


def _damaged_copy(source: str, target: Path) -> Path:
    """`source` with every glyph but the first placed past the end of the file, 8 bytes long (its 'loca', the
    glyphs' places, overwritten)."""
    data = bytearray(Path(source).read_bytes())
    tables = _tables(bytes(data))
    head, (loca, length), glyf = tables[b"head"][0], tables[b"loca"], tables[b"glyf"][0]
    long = struct.unpack_from(">h", data, head + 50)[0] == 1
    size = 4 if long else 2
    past = len(data) - glyf + 16
    for i in range(1, length // size):
        offset = past + 8 * i
        struct.pack_into(">L" if long else ">H", data, loca + size * i, offset if long else offset // 2)
    target.write_bytes(bytes(data))
    return target


# -- a damaged font file --------------------------------------------------------------------------------------------

@needs_thai
def test_a_font_whose_glyphs_cannot_be_read_is_passed_over(tmp_path):
    system = _thai_font()
    damaged = str(_damaged_copy(system, tmp_path / "damaged.ttf"))
    # it reads as a font with Thai letters: only embedding its glyphs fails
    assert 0x0E40 in TTFont("probe", damaged).face.charToGlyph
    found = fallback_fonts.first_font([damaged, system], lambda path: TTFont("probe", path))
    assert found is not None and found.face.filename == system
    assert not fallback_fonts.glyphs_sound(TTFont("probe", damaged))
    assert fallback_fonts.glyphs_sound(TTFont("probe", system))
    assert fallback_fonts.glyphs_sound(TTFont("probe", str(fonts.FONT_DIR / "DejaVuSans.ttf")))


@needs_thai
@pytest.mark.parametrize("variable", ["ADVISOR_FALLBACK_FONT", "ADVISOR_CJK_FONT"])
def test_a_report_with_a_damaged_font_named_prints_in_the_system_font(tmp_path, variable):
    damaged = _damaged_copy(_thai_font(), tmp_path / "damaged.ttf")
    design = star_design(3, names=(CHIANG_MAI, "บริษัท"))
    src, out = tmp_path / "thai.json", tmp_path / "thai.pdf"
    src.write_text(design.model_dump_json(), encoding="utf-8")
    env = {**os.environ, variable: str(damaged)}
    proc = subprocess.run([sys.executable, "-m", "advisor", "report", str(src), "-o", str(out)], capture_output=True,
                          text=True, timeout=300, env=env, cwd=ROOT)
    assert (proc.returncode, proc.stderr) == (0, "")
    pdf = out.read_bytes()
    assert pdf.rstrip().endswith(b"%%EOF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert CHIANG_MAI in text


def test_a_file_too_small_to_be_a_font_is_not_read(tmp_path):
    # /proc/kmsg and its kin say they hold nothing, whatever reading them gives (for ever, for /proc/kmsg)
    for size in (0, 5, 27):
        (tmp_path / f"f{size}.ttf").write_bytes(b"\0" * size)
        assert not fallback_fonts.font_file(str(tmp_path / f"f{size}.ttf")), size
    assert fallback_fonts.font_file(str(fonts.FONT_DIR / "DejaVuSans.ttf"))
    if Path("/proc/self/status").is_file():
        assert not fallback_fonts.font_file("/proc/self/status")


# -- Thai marks each a word of their own ------------------------------------------------------------------------------

def _widest_word_end(pdf: bytes, tmp_path: Path) -> tuple[float, float]:
    """(right end of the rightmost word on any page, the page's width), as pdftotext places them."""
    path = tmp_path / "marks.pdf"
    path.write_bytes(pdf)
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True,
                          timeout=120).stdout.decode("utf-8", "replace")
    page = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    return max(float(x) for x in re.findall(r'<word [^>]*xMax="([\d.]+)"', html)), page


@needs_thai
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_words_of_thai_marks_alone_stay_inside_the_page(tmp_path):
    from advisor.report import styles

    design = star_design(4, names=("กขค " + " ".join([MARK] * 80) + " end",))
    design = design.model_copy(update={"notes": "Note " + " ".join([MARK] * 150)})
    right, page = _widest_word_end(build_pdf(design, results_for(design)), tmp_path)
    assert right <= page - styles.MARGIN_RIGHT + 1, (right, page)


@needs_thai
def test_a_thai_mark_alone_is_glued_like_a_dejavu_mark():
    # a word drawn with no width is joined to the word before it by a no-break space, as U+0301 is in DejaVu
    assert fonts.markup("Site \u0301 \u0301") == "Site\xa0\u0301\xa0\u0301"
    assert fonts.markup(f"Site {MARK} {MARK}") == f'Site\xa0<font name="{fonts.FALLBACK}">{MARK}\xa0{MARK}</font>'


# -- spaces the Thai font lacks --------------------------------------------------------------------------------------

@needs_thai
def test_a_space_the_thai_font_lacks_prints_in_dejavu():
    has = TTFontFile(_thai_font()).charToGlyph  # the font file's own character map
    dejavu = TTFontFile(str(fonts.FONT_DIR / "DejaVuSans.ttf")).charToGlyph
    for space in (THIN, NNBSP, "\u2028", "\u205f"):
        if ord(space) in has or ord(space) not in dejavu:
            continue
        name = f"เชียง{space}ใหม่ x"
        assert list(fonts.runs(name)) == [(fonts.FALLBACK, "เชียง"), (fonts.SANS, space), (fonts.FALLBACK, "ใหม่ "),
                                         (fonts.SANS, "x")], hex(ord(space))
        assert fonts.string_width(name, 10) == pytest.approx(
            fonts.string_width("เชียงใหม่ ", 10) + pdfmetrics.stringWidth(space + "x", fonts.SANS, 10))
    # a plain space, which it has, stays in its run
    assert list(fonts.runs("เชียง ใหม่")) == [(fonts.FALLBACK, "เชียง ใหม่")]


def test_a_space_the_listing_font_lacks_prints_in_dejavu():
    face = fonts.mono()
    if face == fonts.SANS:
        pytest.skip("no DejaVu Sans Mono on this system")
    has = TTFontFile(pdfmetrics.getFont(face).face.filename).charToGlyph
    dejavu = TTFontFile(str(fonts.FONT_DIR / "DejaVuSans.ttf")).charToGlyph
    lacking = [chr(c) for c in (0x1680, 0x2028, 0x2029) if c not in has and c in dejavu]
    if not lacking:
        pytest.skip("the listing font has every space DejaVu has")
    for space in lacking:
        assert list(fonts.mono_runs(f"description a{space}b")) == [
            (face, "description a"), (fonts.SANS, space), (face, "b")], hex(ord(space))


@needs_thai
def test_the_drawing_label_draws_no_space_in_the_thai_font():
    design = star_design(3, names=(f"เชียง{THIN}ใหม่{NNBSP}กรุงเทพ",))
    pdf = build_pdf(design, results_for(design))
    thai = pdfmetrics.getFont(fonts.FALLBACK).face.name.decode()
    drawn: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            if str(font["/BaseFont"]).split("+", 1)[-1] == thai:
                cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
                drawn |= {chr(int(c, 16)) for c in re.findall(r"(?m)^<[0-9A-Fa-f]+> <([0-9A-Fa-f]{4})>$", cmap)}
    assert "เ" in drawn and "ใ" in drawn  # the Thai letters are the Thai font's ...
    assert not drawn & {THIN, NNBSP}  # ... the spaces between them DejaVu's


def test_a_mark_after_an_ideographic_or_thin_space_is_joined_to_the_word_before():
    # A word of a lone mark (drawn with no width) after U+3000 or U+2009: reportlab breaks a line there and draws
    # the space it never measured (a heading 9 pt past the right margin). Line breaks a text keeps stay.
    from advisor.report.word_breaks import glued

    fonts.register()
    faces = (fonts.SANS, fonts.SANS_BOLD)
    assert glued("abc\u3000\u0301\u3000def", faces) == "abc\xa0\u0301\u3000def"
    assert glued("abc\u2009\u0301 def", faces) == "abc\xa0\u0301 def"
    assert glued("abc\n\u0301 def", faces) == "abc\n\u0301 def"
    assert glued("abc\u2028\u0301 def", faces) == "abc\u2028\u0301 def"
