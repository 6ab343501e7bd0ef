"""Round 54: hostile site lists and exports. A workbook whose zip directory points before the file's start, or asks
for a zip version zipfile lacks, ended in an internal error; a quote never closed took the rows after it into one
cell, in silence (exit 0, "0 rows skipped"); a CSV export passed on cells a spreadsheet may run as formulas. The
reproducers are in tests/data/hostile/import/ (written by make_import_hostile.py there)."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path

import pytest

from advisor import tabular
from advisor.importer import ImportFileError, build_design, preview

FOLDER = Path(__file__).resolve().parents[1] / "data" / "hostile" / "import"
_spec = importlib.util.spec_from_file_location("make_import_hostile", FOLDER / "make_import_hostile.py")
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)
REFUSED = [(name, words) for name, (_, words) in make.cases().items() if words is not None]


def test_the_committed_files_are_what_the_script_writes():
    for name, (content, _) in make.cases().items():
        assert (FOLDER / name).read_bytes() == content, f"{name}: run {FOLDER / 'make_import_hostile.py'}"
    assert sum(p.stat().st_size for p in FOLDER.iterdir()) < 100_000


@pytest.mark.parametrize("name, words", REFUSED, ids=[name for name, _ in REFUSED])
def test_each_reproducer_is_refused_in_one_line_naming_what_is_wrong(name, words):
    with pytest.raises(ImportFileError) as caught:
        preview(FOLDER / name)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and words in message
    assert "\n" not in message and "Error" not in message and "seek" not in message


def test_the_workbook_the_damaged_ones_are_made_from_reads(tmp_path):
    path = tmp_path / "sites.xlsx"
    path.write_bytes(make.workbook())
    pre = preview(path)
    assert [tuple(r.cells[:2]) for r in pre.rows] == [("Bern", 20)]


def test_a_quote_never_closed_on_the_last_line_loses_nothing_and_is_read(tmp_path):
    """Nothing follows the open quote: the cell ends with the file, as before (no row is lost)."""
    path = tmp_path / "sites.csv"
    path.write_bytes(b'Site Name,Users,Notes\nBern,20,ok\nBasel,30,"open\n\n')
    pre = preview(path)
    design, _ = build_design(pre, pre.mapping)
    assert [s.name for s in design.sites] == ["Bern", "Basel"]


def test_quoted_cells_over_several_lines_that_close_are_read(tmp_path):
    """A cell that spans lines and is closed (a note of two lines, CR LF or CR alone) is no open quote."""
    path = tmp_path / "sites.csv"
    path.write_bytes(b'Site Name,Users,Notes\r\nBern,20,"two\r\nlines"\r\nBasel,30,"a\rb"\r\nGenf,5,x\r\n')
    pre = preview(path)
    design, _ = build_design(pre, pre.mapping)
    assert [s.name for s in design.sites] == ["Bern", "Basel", "Genf"]


def test_an_open_quote_in_a_semicolon_file_names_its_row(tmp_path):
    """Rows 3 to 5 (after the header and Bern) went into the cell of row 3: 2 lines follow it, one blank."""
    path = tmp_path / "sites.csv"
    path.write_bytes(b'Site Name;Users\nBern;20\n"Basel;30\nGenf;5\n\nLugano;7\n')
    with pytest.raises(ImportFileError) as caught:
        preview(path)
    assert str(caught.value) == ("sites.csv: row 3 opens a quoted cell (\") that no quote closes, so the 2 lines "
                                 "after it would be read into that one cell; close the quote or remove it")


@pytest.mark.parametrize("text", [
    "=1+1", "+1", "-1", "@A1", "\t=1", "\r=1",  # as before
    " =HYPERLINK(\"http://x\")", "  +SUM(1)", "\n=1+1", "\u00a0=1+1",  # after spaces or a line end
    "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20A1",  # full-width = + - @
    "\x00=1",  # a NUL (OWASP ASVS 5.0, 1.2.10)
])
def test_a_csv_cell_that_may_run_as_a_formula_starts_with_an_apostrophe(text):
    table = tabular.sheet("T", ["Name"], [[text]])
    assert list(csv.reader(io.StringIO(tabular.csv_text(table), newline=""))) == [["Name"], ["'" + text]]


@pytest.mark.parametrize("text", ["Bern", "1+1", "a=b", "Zürich – HQ", "'=quoted", "", "\u200b=1"])
def test_other_csv_cells_are_written_as_they_are(text):
    table = tabular.sheet("T", ["Name"], [[text]])
    assert tabular.csv_text(table) == f"Name\r\n{text}\r\n" if text else "Name\r\n\r\n"


def test_names_of_control_characters_alone_show_nothing_and_are_no_names(tmp_path):
    """'\\x01\\x02' (and a right-to-left override alone) named the design, from the title above the header, and a
    site: each showed nothing. As a zero-width space alone: the title is passed over and the row has no site name."""
    path = tmp_path / "controls.csv"
    path.write_bytes(b"\x01\x02\n\xe2\x80\xae\nSite Name,Users\n\x01\x02,1\nBern,2\n\x1b\x7f\xc2\x9b,3\n")
    pre = preview(path)
    design, messages = build_design(pre, pre.mapping)
    assert design.name == "Sites from controls.csv"
    assert [s.name for s in design.sites] == ["Bern"]
    skipped = [str(m) for m in messages if m.severity == "skipped"]
    assert skipped == ["rows 4, 6, Site Name (A): no site name; row skipped"]


def test_the_header_row_repeated_below_is_said_as_such(tmp_path):
    """Two exports joined: the second header was a site whose values were bad ("'Users' is not a whole number")."""
    path = tmp_path / "joined.csv"
    path.write_bytes(b"Site Name,Users,Bandwidth\nBern,20,2 Mbps\nSITE  NAME,Users,\nBasel,30,10 Mbps\n")
    pre = preview(path)
    design, messages = build_design(pre, pre.mapping)
    assert [s.name for s in design.sites] == ["Bern", "Basel"]
    assert [str(m) for m in messages if m.severity == "skipped"] == ["row 3: the header row repeated; row skipped"]
