"""Round 60 of the hostile-input hunt, the command line: a corpus of about 2,000 design files (every example and
generated designs, each with one mutation: wrong JSON types, numbers at and past their bounds, hostile text,
structure, version-0 files, designs embedded in PDFs) through `check`, `check --json`, `explain`, `bom` and
`configs`, and about 540 hostile site lists through `import`. Each defect found, as the short sequence that shows it.

- `import` of a workbook whose header cell for the site name is a formula saved without its value (a sheet written
  by a script, never opened in Excel) said "no column for the site name (columns: BadCell(reason='a formula saved
  without its value (open the workbook in Excel and save it, or type the value)') (A), Site ID (B), …)": the
  program's own name for an unreadable cell, shown as the column's header.
- `import` of a workbook whose list starts below its first 30 rows (a sheet whose cells start at row 41) said
  "its sheet is empty; import takes a site list …" of a sheet that holds one; a CSV file with 40 blank lines above
  its list said "no header row found in the first 30 rows of the file" as if those rows named no columns. Both now
  say the rows are blank and which row first holds something, for --header-row.
- `check` (and every command that reads a design, a PDF's attachment too) of a design nesting 10,000 lists said
  "the JSON is nested too deeply", and nothing of where in the file; every other JSON problem names its line and
  column. It now names where the nesting passes 500 lists and objects.
"""

import json
import zlib
from pathlib import Path

import openpyxl
import pytest

from tests.cli.inprocess import refusal as _one_line
from tests.cli.inprocess import run as _run

ROOT = Path(__file__).resolve().parents[2]
MPLS_PDF = ROOT / "resources" / "examples" / "hq-12-branches-mpls.pdf"
HEAD = ["Site Name", "Users", "WAN BW", "Circuit"]
ROWS = [["Head Office", 450, "10 Mbps", "MPLS"], ["Lyon", 120, "2 Mbps", "MPLS"]]
HEADER_HELP = ("a header row names at least two columns such as Site Name, Users, Phones, WAN BW, Circuit or "
               "Latency (ms); name the header row with --header-row N, or map its columns with --map")


def _workbook(path: Path, first_row: int = 1, head: list | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sites"
    for r, row in enumerate([head or HEAD, *ROWS], first_row):
        for c, value in enumerate(row, 1):
            ws.cell(r, c).value = value
    wb.save(path)
    return path


# -- a header cell that cannot be read -----------------------------------------------------------------------------

def test_a_header_formula_without_its_value_is_no_header_not_the_programs_word(capsys, tmp_path):
    # openpyxl writes a formula without a saved value, as any script does: the import reads no value in it
    book = _workbook(tmp_path / "sites.xlsx", head=['="Site "&"Name"', "Users", "WAN BW", "Circuit"])
    line = _one_line(capsys, "import", book, "-o", tmp_path / "d.json")
    assert line == ("advisor: error: sites.xlsx: no column for the site name (columns: Users (B), WAN BW (C), "
                    "Circuit (D)); map one, e.g. --map \"Location=name\"")
    assert "BadCell" not in line and "reason=" not in line
    # the column is there all the same, by its letter
    code, out, _err = _run(capsys, "import", book, "-o", tmp_path / "d.json", "--map", "A=name")
    assert code == 0 and out.startswith("Imported 2 sites from sites.xlsx")


def test_a_header_error_value_is_no_header_either(capsys, tmp_path):
    book = _workbook(tmp_path / "sites.xlsx")
    wb = openpyxl.load_workbook(book)
    wb.active["A1"].value = "#REF!"
    wb.active["A1"].data_type = "e"
    wb.save(book)
    line = _one_line(capsys, "import", book, "-o", tmp_path / "d.json")
    assert line.startswith("advisor: error: sites.xlsx: no column for the site name (columns: Users (B), ")
    assert "BadCell" not in line


# -- a list below blank rows ---------------------------------------------------------------------------------------

def test_a_workbook_whose_list_starts_at_row_41_is_not_called_empty(capsys, tmp_path):
    book = _workbook(tmp_path / "sites.xlsx", first_row=41)
    line = _one_line(capsys, "import", book, "-o", tmp_path / "d.json")
    assert line == ("advisor: error: sites.xlsx: no header row found in the first 30 rows of its sheet: they are "
                    f"blank (the first row that holds something is row 41); {HEADER_HELP}")
    # the sheet named: read whole, the same words
    assert _one_line(capsys, "import", book, "-o", tmp_path / "d.json", "--sheet", "Sites") == line.replace(
        "of its sheet", "of sheet 'Sites'")
    code, out, _err = _run(capsys, "import", book, "-o", tmp_path / "d.json", "--header-row", "41")
    assert code == 0 and out.startswith("Imported 2 sites from sites.xlsx, sheet 'Sites' (header on row 41)")


def test_a_workbook_with_a_blank_sheet_before_the_list_names_the_sheet(capsys, tmp_path):
    book = _workbook(tmp_path / "sites.xlsx", first_row=35)
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("Cover", 0)
    wb.save(book)
    line = _one_line(capsys, "import", book, "-o", tmp_path / "d.json")
    assert line == ("advisor: error: sites.xlsx: no header row found in the first 30 rows of any of its 2 sheets: "
                    "they are blank (the first row that holds something is row 35 of sheet 'Sites'); "
                    f"{HEADER_HELP}")


def test_a_csv_file_with_blank_lines_above_its_list_says_so(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("\n" * 40 + "Site Name,Users\nHead Office,450\nLyon,120\n", encoding="utf-8")
    line = _one_line(capsys, "import", sites, "-o", tmp_path / "d.json")
    assert line == ("advisor: error: sites.csv: no header row found in the first 30 rows of the file: they are "
                    f"blank (the first row that holds something is row 41); {HEADER_HELP}")


@pytest.mark.parametrize("content", [b"", b"\n\n,,,\n"])
def test_an_empty_site_list_is_still_called_empty(capsys, tmp_path, content):
    sites = tmp_path / "sites.csv"
    sites.write_bytes(content)
    assert _one_line(capsys, "import", sites, "-o", tmp_path / "d.json").startswith(
        "advisor: error: sites.csv: the file is empty; ")
    book = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(book)
    assert _one_line(capsys, "import", book, "-o", tmp_path / "d.json").startswith(
        "advisor: error: empty.xlsx: its sheet is empty; ")


# -- a design nested too deeply ------------------------------------------------------------------------------------

# The document's '{' is the first level; the 500th '[' the 501st. On the line '  "notes": [[[…', the 500th '['
# stands in column 11 + 500 = 511.
DEEP = '{\n  "name": "[[[[ {{{{",\n  "notes": ' + "[" * 10_000 + "]" * 10_000 + "\n}\n"
WHERE = "the JSON is nested too deeply (more than 500 lists and objects inside each other from line 3, column 511)"


@pytest.mark.parametrize("command", [["check"], ["check", "--json"], ["explain"], ["bom"], ["configs"]])
def test_a_design_nested_too_deeply_says_where(capsys, tmp_path, command):
    design = tmp_path / "deep.json"
    design.write_text(DEEP, encoding="utf-8")
    assert _one_line(capsys, *command, design) == f"advisor: error: {design}: {WHERE}"


def test_a_design_pdf_whose_attachment_nests_too_deeply_says_where(capsys, tmp_path):
    pdf = MPLS_PDF.read_bytes()
    start = pdf.index(b"/Length ", pdf.index(b"/application#2Fjson") - 200)
    length = int(pdf[start + 8:pdf.index(b" ", start + 8)])
    stream = pdf.index(b"stream\n", start) + len(b"stream\n")
    packed = zlib.compress(DEEP.encode())
    hostile = (pdf[:start + 8] + str(len(packed)).encode() + pdf[start + 8 + len(str(length)):stream] + packed
               + pdf[stream + length:])
    path = tmp_path / "deep.pdf"
    path.write_bytes(hostile)
    assert _one_line(capsys, "check", path) == f"advisor: error: {path}: {WHERE}"


def test_nesting_that_a_design_holds_is_read(capsys, tmp_path):
    # 400 levels in a field the design does not know: refused by the field's name, not by its depth
    design = tmp_path / "d.json"
    design.write_text(json.dumps({"notes": "", "zz": json.loads("[" * 399 + "]" * 399)}), encoding="utf-8")
    assert _one_line(capsys, "check", design) == f"advisor: error: {design}: invalid design: zz: is not a known field"
