"""Round 47 of the hostile-input hunt, the PDF: a saved option named as the design's own column ("Current design"),
which the app refuses to name one but a file edited by hand holds, headed a second column of that name in the
"Options considered" table."""

from __future__ import annotations

import pytest
from report_fixtures import options_design, pdf_text, results_for, section_text

from advisor.model import Scenario
from advisor.report import build_pdf, options


@pytest.mark.parametrize("name", ["Current design", "CURRENT DESIGN", "Current\u00a0design\u200b"])
def test_an_option_named_as_the_design_is_not_compared_and_says_why(name):
    design = options_design(3)
    design = design.model_copy(update={"scenarios": (Scenario(name=name, codec="g729"), *design.scenarios)})
    compared = options.compare(design, results_for(design))
    assert [o.name for o in compared.outcomes] == ["Current design", "G.711", "G.729"]
    assert len(compared.problems) == 1
    assert compared.problems[0].endswith("its name reads as the column of the design itself ('Current design'); "
                                         "rename it to compare it")
    section = section_text(pdf_text(build_pdf(design, results_for(design))), "Options considered")
    assert "Current design G.711 G.729" in section  # the table's heading row: the design's column once
    assert section.count("Current design G.") == 1
    assert "Not compared: scenario '" in section


def test_an_option_whose_name_only_starts_like_the_design_is_compared():
    design = options_design(3)
    design = design.model_copy(update={"scenarios": (Scenario(name="Current design 2", codec="g729"),)})
    compared = options.compare(design, results_for(design))
    assert [o.name for o in compared.outcomes] == ["Current design", "Current design 2"]
    assert compared.problems == ()


@pytest.mark.parametrize("epoch", ["abc", "1e10", "99999999999999999999", "-99999999999999999999"])
def test_a_source_date_epoch_that_is_no_time_does_not_end_the_pdf(monkeypatch, epoch):
    """Build systems set SOURCE_DATE_EPOCH; reportlab read 'abc' with int() and '99999999999999999999' with
    gmtime(): `advisor report` and `advisor exercises` ended in an unexpected internal error. The value is passed
    over: the design document carries its issued day in any case (the same bytes as without the variable), the
    exercise sheet reportlab's own fixed day, as without it."""
    from advisor.exercises import generate
    from advisor.exercises.pdf import sheet_pdf

    design = options_design(3)
    results = results_for(design)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain_report, plain_sheet = build_pdf(design, results), sheet_pdf(generate(2, 5), 5)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_pdf(design, results) == plain_report
    assert sheet_pdf(generate(2, 5), 5) == plain_sheet


def test_an_exercise_sheet_opened_as_a_design_is_named_as_one(tmp_path):
    """advisor's exercise sheets carry no design: opening one said "this PDF carries no design (only PDFs made by
    advisor do)", of a PDF advisor made."""
    from advisor.exercises import generate
    from advisor.exercises.pdf import key_pdf, sheet_pdf
    from advisor.io import DesignFileError, load

    for name, pdf in (("sheet.pdf", sheet_pdf(generate(1, 3), 3)), ("key.pdf", key_pdf(generate(1, 3), 3))):
        path = tmp_path / name
        path.write_bytes(pdf)
        with pytest.raises(DesignFileError) as err:
            load(path)
        assert str(err.value) == (f"{path}: an exercise sheet or answer key made by advisor, which carries no "
                                  "design; open a design document made by advisor report, or the design file")
