"""Two columns naming one field, and a hidden sheet that looks like the site list: the import reads on, and says so.

Columns naming one field equally surely: the first from the left is read, and a warning names every one of them
by header and letter. A visible sheet is imported before a hidden one, but a hidden sheet that looks like a site
list is named, with the `--sheet` that imports it; a hidden sheet imported because no visible one has a header is
said to be hidden. Workbooks are written here with openpyxl.
"""

from __future__ import annotations

from pathlib import Path

from advisor.cli import main
from advisor.importer import build_design, preview
from advisor.io import load
from tests.core.test_import_own_export import _book


def _csv(folder: Path, text: str) -> Path:
    path = folder / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _warnings(notes) -> list[str]:
    return [m.text for m in notes if m.severity == "warning"]


# ------------------------------------------------------------------------------------- two columns, one field

def test_two_users_columns_the_first_is_read_and_both_are_named(tmp_path):
    path = _csv(tmp_path, "Site Name,Users,Circuit,Users\nBern,10,MPLS,99\nBasel,5,MPLS,77\n")
    pre = preview(path)
    assert pre.mapping.fields == ("name", "users", "transport", None)
    assert _warnings(pre.notes) == [
        "Users (B) and Users (D) both name the users: the first from the left, Users (B), is read; Users (D) is not "
        "imported (to read it instead: --map \"D=users\")"]
    design, messages = build_design(pre)
    assert [s.users for s in design.sites] == [10, 5]  # column B, not D
    assert any(m.severity == "warning" and "Users (D) is not imported" in m.text for m in messages)


def test_users_and_seats_in_the_command_line_output(tmp_path, capsys):
    path = _csv(tmp_path, "Site Name,Seats,Circuit,Users\nBern,10,MPLS,99\nBasel,5,MPLS,77\n")
    out = tmp_path / "d.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("Values read with a guess:")
    assert lines[at + 1] == ("  Seats (B) and Users (D) both name the users: the first from the left, Seats (B), is "
                             "read; Users (D) is not imported (to read it instead: --map \"D=users\")")
    assert [s.users for s in load(out).sites] == [10, 5]


def test_the_way_out_the_warning_gives_reads_the_other_column_and_silences_it(tmp_path, capsys):
    path = _csv(tmp_path, "Site Name,Users,Circuit,Users\nBern,10,MPLS,99\nBasel,5,MPLS,77\n")
    out = tmp_path / "d.json"
    assert main(["import", str(path), "-o", str(out)]) == 0
    assert "  Users (B) and Users (D) both name the users" in capsys.readouterr().out
    assert main(["import", str(path), "-o", str(out), "--map", "D=users"]) == 0
    assert "both name the users" not in capsys.readouterr().out  # the user chose
    assert [s.users for s in load(out).sites] == [99, 77]
    assert _warnings(preview(path, hints=["Users"]).notes) == []  # a --map key naming one of them


def test_three_columns_naming_one_field(tmp_path):
    path = _csv(tmp_path, "Site Name,Headcount,Staff,Employees\nBern,10,11,12\n")
    assert _warnings(preview(path).notes) == [
        "Headcount (B), Staff (C) and Employees (D) all name the users: the first from the left, Headcount (B), is "
        "read; Staff (C) and Employees (D) are not imported (to read another instead: --map \"C=users\")"]


def test_a_weaker_header_is_noted_not_warned(tmp_path):
    # 'Location' names the site name less surely than 'Site Name': read by its strength, not its place
    path = _csv(tmp_path, "Location,Site Name,Users\nBern,Bern HQ,10\n")
    pre = preview(path)
    assert pre.mapping.fields == (None, "name", "users")
    assert _warnings(pre.notes) == []
    assert [m.text for m in pre.notes if m.severity == "info" and "Location" in m.text] == [
        "Location (A) names the site name too, less surely than Site Name (B), which is read; it is not imported "
        "(to read it instead: --map \"A=name\")"]
    # 'Site' beside 'Name' is the id (our own results workbook): read, so nothing is said of it
    path = _csv(tmp_path, "Site,Name,Users,Location\nBE,Bern,10,Bern\n")
    pre = preview(path)
    assert pre.mapping.fields == ("id", "name", "users", None)
    assert [m.text for m in pre.notes if "Site (A)" in m.text or "less surely" in m.text] == [
        "Location (D) names the site name too, less surely than Name (B), which is read; it is not imported "
        "(to read it instead: --map \"D=name\")"]


# ----------------------------------------------------------------------------------------- hidden sheets

SUMMARY = [["Site Name", "Users"], ["Bern", 10], ["Basel", 5]]
FULL = [["Site Name", "Users", "Phones", "WAN BW", "Circuit"]] + [[f"Site {i}", i, i, "2M", "MPLS"]
                                                                   for i in range(1, 21)]


def test_a_hidden_site_list_beside_a_visible_summary_is_named(tmp_path, capsys):
    path = _book(tmp_path / "b.xlsx", [("Summary", SUMMARY, True), ("Sites", FULL, False)])
    pre = preview(path)
    assert pre.sheet == "Summary"  # visible sheets first, as before
    assert _warnings(pre.notes) == [
        "hidden sheet 'Sites' looks like a site list too; the visible sheet 'Summary' was imported, as hidden sheets "
        "are only imported when named: to import it, give --sheet \"Sites\""]
    # the way out it names works, and says nothing more
    named = preview(path, sheet="Sites")
    assert (named.sheet, len(named.rows), _warnings(named.notes)) == ("Sites", 20, [])
    out = tmp_path / "d.json"
    assert main(["import", str(path), "-o", str(out), "--sheet", "Sites"]) == 0
    assert len(load(out).sites) == 20
    assert "hidden sheet" not in capsys.readouterr().out
    # the same workbook with its Sites sheet shown: nothing to say (and still the first visible site list)
    path = _book(tmp_path / "c.xlsx", [("Summary", SUMMARY, True), ("Sites", FULL, True)])
    pre = preview(path)
    assert pre.sheet == "Summary" and _warnings(pre.notes) == []


def test_the_warning_reaches_the_command_line(tmp_path, capsys):
    path = _book(tmp_path / "b.xlsx", [("Summary", SUMMARY, True), ("All sites", FULL, False)])
    assert main(["import", str(path), "-o", str(tmp_path / "d.json")]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert ("  hidden sheet 'All sites' looks like a site list too; the visible sheet 'Summary' was imported, as "
            "hidden sheets are only imported when named: to import it, give --sheet \"All sites\"") in printed


def test_a_hidden_sheet_named_sites_is_named_even_with_a_thinner_header(tmp_path):
    circuits = [["Site Name", "WAN BW"], ["Bern", "2M"]]  # no users or phones: not a site list by its header
    path = _book(tmp_path / "b.xlsx", [("Summary", SUMMARY, True), ("Sites", circuits, False)])
    assert len(_warnings(preview(path).notes)) == 1
    path = _book(tmp_path / "c.xlsx", [("Summary", SUMMARY, True), ("Circuits", circuits, False)])
    assert _warnings(preview(path).notes) == []  # a hidden sheet of something else: nothing to say


def test_several_hidden_site_lists(tmp_path):
    path = _book(tmp_path / "b.xlsx", [("Summary", SUMMARY, True), ("EMEA", FULL, False), ("APAC", FULL, False)])
    assert _warnings(preview(path).notes) == [
        "hidden sheets 'EMEA' and 'APAC' look like a site list too; the visible sheet 'Summary' was imported, as "
        "hidden sheets are only imported when named: to import one, give --sheet \"EMEA\""]


def test_a_hidden_sheet_imported_for_want_of_a_visible_header_is_said_to_be_hidden(tmp_path):
    cover = [["Contoso site survey"], ["March 2026"]]  # no header row
    path = _book(tmp_path / "b.xlsx", [("Cover", cover, True), ("Data", SUMMARY, False)])
    pre = preview(path)
    assert pre.sheet == "Data"
    assert _warnings(pre.notes) == ["sheet 'Data' is hidden; it is imported as no visible sheet has a header row "
                                    "(choose another with --sheet NAME)"]
