"""Characters the PDF can only print as empty boxes are said before the customer finds them: `report` warns on
stderr, and the app's Export PDF says it with its question and in the status bar. Before, a design with Chinese
names on a machine without a CJK font gave a PDF of boxes and no word at all."""

from __future__ import annotations

import pytest

from advisor.report import fonts, unprinted
from tests.report.report_fixtures import star_design

_DERIVED = ("_fallbacks", "_fallback_names", "_classes", "_claimed", "_chars", "_run")
DEVANAGARI = "दिल्ली"  # Delhi: a script the PDF cannot lay out, a box whatever the fonts
BEIJING = "北京"


@pytest.fixture
def no_cjk_font(monkeypatch):
    """This machine as one without any CJK TrueType font (the fallback's sets worked out again around the test)."""
    fonts.register()
    for name in _DERIVED:
        getattr(fonts, name).cache_clear()
    monkeypatch.setattr(fonts, "_register_cjk", lambda: False)
    yield
    for name in _DERIVED:
        getattr(fonts, name).cache_clear()


def test_latin_greek_cyrillic_arabic_and_invisible_marks_print():
    fonts.register()
    texts = ["Zürich", "Αθήνα", "Москва", "القاهرة", "a\u2066b\u2069c", "R&D\u200b lab", "–→ ✓"]
    assert unprinted.boxed(texts) == []
    assert unprinted.warning(star_design(6, names=("Zürich", "Αθήνα", "Москва", "القاهرة"))) is None


def test_a_script_the_pdf_cannot_lay_out_is_boxes_and_said_so():
    fonts.register()
    # each distinct letter once, in the order met; the vowel sign and the virama are boxes too
    assert unprinted.boxed(["Delhi " + DEVANAGARI, DEVANAGARI]) == ["द", "ि", "ल", "्", "ी"]
    said = unprinted.warning(star_design(4, names=("Zürich", DEVANAGARI)))
    assert said is not None
    assert said.startswith(f"the PDF shows 5 characters of this design as empty boxes, in “{DEVANAGARI}”: ")
    assert "letters join or change order" in said and "ADVISOR_CJK_FONT" not in said
    assert said.endswith("The text still copies out of the PDF as written")


def test_chinese_names_without_a_cjk_font_name_the_font_to_install(no_cjk_font):
    assert fonts.font_for("北") == fonts.SANS and fonts.boxed("北")
    design = star_design(5, names=(f"{BEIJING} HQ", "上海", "Zürich"))
    said = unprinted.warning(design)
    assert said is not None
    # 北 京 上 海: four characters, first met in the first branch's name, then in one more text
    assert said.startswith(f"the PDF shows 4 characters of this design as empty boxes, in “{BEIJING} HQ” and 1 more "
                           "text: ")
    assert "fonts-wqy-microhei" in said and "ADVISOR_CJK_FONT" in said
    assert "letters join" not in said and "has the others" not in said


def test_chinese_names_print_where_a_cjk_font_is_found():
    if not fonts.cjk_available():
        pytest.skip("no CJK TrueType font on this system")
    assert unprinted.warning(star_design(4, names=(f"{BEIJING} HQ", "上海"))) is None


def test_a_long_text_is_quoted_in_part(no_cjk_font):
    name = "一二三四五六七八九十"  # ten ideographs in one long name
    long_name = name + " " + "x" * 60
    said = unprinted.warning(star_design(3, names=(long_name,)))
    assert said.startswith(f"the PDF shows 10 characters of this design as empty boxes, in “{long_name[:39]}…”: ")


def test_the_remedies_of_mixed_kinds_are_each_given(no_cjk_font):
    said = unprinted.warning(star_design(4, names=(BEIJING, DEVANAGARI, "\ue000 private")))
    assert "fonts-wqy-microhei" in said and "letters join or change order" in said
    assert "has the others" in said  # a private-use character no font here has


# -- the command line ---------------------------------------------------------------------------------------------

def test_report_warns_on_stderr_and_still_writes_the_pdf(capsys, tmp_path):
    from tests.cli.inprocess import run

    src, out = tmp_path / "d.json", tmp_path / "d.pdf"
    src.write_text(star_design(3, names=(DEVANAGARI,)).model_dump_json(), encoding="utf-8")
    code, stdout, stderr = run(capsys, "report", src, "-o", out)
    assert code == 0 and out.read_bytes().startswith(b"%PDF")
    assert stdout.startswith("wrote ")
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("advisor: warning: the PDF shows 5 characters"), stderr


def test_report_of_printable_names_says_nothing_more(capsys, tmp_path):
    from tests.cli.inprocess import run

    src, out = tmp_path / "d.json", tmp_path / "d.pdf"
    src.write_text(star_design(3).model_dump_json(), encoding="utf-8")
    code, _stdout, stderr = run(capsys, "report", src, "-o", out)
    assert (code, stderr) == (0, "")


def test_a_large_latin_design_is_checked_by_one_search(monkeypatch):
    # Only the JSON's one search runs when nothing is beyond the bundled font: the texts are never walked
    design = star_design(2000)
    monkeypatch.setattr(unprinted, "strings", lambda _value: pytest.fail("walked"))
    assert unprinted.warning(design.model_copy(update={"name": "Plain"})) is None
