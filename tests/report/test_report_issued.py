"""The design's issued day: a validated field of the design, the PDF's creation and modification date, the date on
its cover and pages, set by `advisor report --issued` (default: the design's own, else today) and by the app's
export, and carried in the design inside the PDF."""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError
from pypdf import PdfReader
from report_fixtures import pdf_text, results_for, star_design

from advisor.model import Design
from advisor.report import build_pdf, extract_design
from advisor.validation import describe

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "single-site-campus.json"
MIDNIGHT_UTC = datetime.timezone.utc


def test_issued_is_a_calendar_day_written_yyyy_mm_dd():
    assert Design.model_validate({"issued": "2026-03-01"}).issued == datetime.date(2026, 3, 1)
    assert Design.model_validate({}).issued is None
    day = Design(issued="2024-02-29")  # a leap day
    assert Design.model_validate_json(day.model_dump_json()) == day
    assert json.loads(day.model_dump_json())["issued"] == "2024-02-29"


@pytest.mark.parametrize(("value", "says"), [
    ("2026-02-30", "2026-02-30 is not a calendar day"),
    ("2025-02-29", "2025-02-29 is not a calendar day"),
    ("1/3/2026", "must be a date written YYYY-MM-DD"),
    ("2026-03-01T00:00:00", "must be a date written YYYY-MM-DD"),
    (1772323200, "must be a date written YYYY-MM-DD"),  # a Unix time is not taken for a day
    (True, "must be a date written YYYY-MM-DD"),
])
def test_anything_else_is_refused_naming_the_field(value, says):
    with pytest.raises(ValidationError) as info:
        Design.model_validate({"issued": value})
    (message,) = describe(info.value)
    assert message.startswith("issued: ") and says in message


def _info(pdf: bytes):
    return PdfReader(io.BytesIO(pdf)).metadata


def test_the_pdf_is_dated_with_the_issued_day():
    design = star_design(4).model_copy(update={"issued": datetime.date(2026, 3, 1)})
    pdf = build_pdf(design, results_for(design))
    meta = _info(pdf)
    expected = datetime.datetime(2026, 3, 1, tzinfo=MIDNIGHT_UTC)
    assert meta.creation_date == expected and meta.modification_date == expected
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert "1 March 2026" in pages[0].extract_text()  # the cover
    assert all("1 March 2026" in page.extract_text() for page in pages[1:])  # every page's footer
    assert Design.model_validate_json(extract_design(pdf)).issued == datetime.date(2026, 3, 1)


def test_an_undated_design_gives_an_undated_pdf():
    design = star_design(3, date=None)
    pdf = build_pdf(design, results_for(design))
    meta = _info(pdf)
    assert meta.creation_date is None and meta.modification_date is None  # not reportlab's 2000-01-01
    assert "January 2000" not in pdf_text(pdf) and b"D:2000" not in pdf


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor", "report", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_report_issued_sets_the_day(tmp_path):
    out = tmp_path / "doc.pdf"
    proc = run(str(EXAMPLE), "-o", str(out), "--issued", "2025-12-24")
    assert proc.returncode == 0, proc.stderr
    assert _info(out.read_bytes()).creation_date == datetime.datetime(2025, 12, 24, tzinfo=MIDNIGHT_UTC)
    assert Design.model_validate_json(extract_design(out.read_bytes())).issued == datetime.date(2025, 12, 24)


def test_report_keeps_the_designs_own_day_else_today(tmp_path):
    dated = tmp_path / "dated.json"
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    dated.write_text(json.dumps({**data, "issued": "2025-06-30"}), encoding="utf-8")
    assert run(str(dated), "-o", str(tmp_path / "a.pdf")).returncode == 0
    assert _info((tmp_path / "a.pdf").read_bytes()).creation_date.date() == datetime.date(2025, 6, 30)
    before = datetime.date.today()
    assert run(str(EXAMPLE), "-o", str(tmp_path / "b.pdf")).returncode == 0
    day = _info((tmp_path / "b.pdf").read_bytes()).creation_date.date()
    assert before <= day <= datetime.date.today()


@pytest.mark.parametrize("value", ["2026-02-30", "tomorrow", "2026-3-1", ""])
def test_a_bad_issued_day_exits_2_with_one_line(tmp_path, value):
    out = tmp_path / "doc.pdf"
    proc = run(str(EXAMPLE), "-o", str(out), "--issued", value)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("advisor: error: --issued") and "Traceback" not in proc.stderr
    assert not out.exists()


def test_the_apps_export_dates_an_undated_design_today():
    pytest.importorskip("PySide6")
    from advisor.ui.export import issued

    undated, dated = Design(), Design(issued="2025-01-15")
    assert issued(undated, today=datetime.date(2026, 3, 1)).issued == datetime.date(2026, 3, 1)
    assert issued(dated, today=datetime.date(2026, 3, 1)) is dated
