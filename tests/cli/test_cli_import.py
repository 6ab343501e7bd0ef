"""`advisor import`: exit statuses, what it prints, the file it writes, and one-line errors (never a traceback),
through `advisor.cli.main` as users run it, and once through the real command line in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.io import load

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "import"


def advisor_import(*args: str) -> int:
    return main(["import", *args])


def test_a_workbook_is_imported(tmp_path, capsys):
    out = tmp_path / "design.json"
    assert advisor_import(str(FIXTURES / "sites.xlsx"), "-o", str(out)) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"Imported 5 sites from sites.xlsx, sheet 'Sites' (header on row 4); 3 rows skipped. "
                              f"Wrote {out}: 3 clouds, 7 links; hub: Dallas HQ.")
    for line in ("Rows skipped:", "  row 11, Users (D): the cell holds a spreadsheet error (#DIV/0!), not a value; row skipped",
                 "Defaults applied:", "How the file was read:"):
        assert line in printed.splitlines(), line
    design = load(out)
    assert {s.id for s in design.sites} == {"DAL", "AUS", "ELP", "DEN", "PHX"}
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_map_hub_sheet_and_name(tmp_path, capsys):
    source = tmp_path / "de.csv"
    source.write_text("Standortliste\nStandort,Mitarbeiter,Bandbreite\nWien,85,10M\nGraz,120,2M\n", encoding="utf-8")
    out = tmp_path / "de.json"
    code = advisor_import(str(source), "-o", str(out), "--map", "Standort=name", "--map", "Mitarbeiter=users",
                          "--map", "C=bandwidth", "--hub", "Wien", "--name", "Kunde AT")
    assert code == 0, capsys.readouterr().err
    design = load(out)
    assert design.name == "Kunde AT"
    assert [(s.name, s.users, s.cucm_publisher) for s in design.sites] == [("Wien", 85, True), ("Graz", 120, False)]
    assert sorted(link.capacity_kbps for link in design.links) == [2000, 10_000]
    capsys.readouterr()
    assert advisor_import(str(FIXTURES / "sites.xlsx"), "-o", str(out), "--sheet", "Sites 2019") == 0
    assert "sheet 'Sites 2019' (header on row 1)" in capsys.readouterr().out


def test_nothing_imported_exits_2_and_says_why(tmp_path, capsys):
    source = tmp_path / "bad.csv"
    source.write_text("Site,Users\nA,many\nB,few\n", encoding="utf-8")
    out = tmp_path / "out.json"
    assert advisor_import(str(source), "-o", str(out)) == 2
    captured = capsys.readouterr()
    assert captured.err == ("advisor: error: bad.csv: nothing imported: all 2 rows below the header were skipped "
                            "(row 2, Users (B): 'many' is not a whole number; and 1 more reason)\n")
    assert "  row 2, Users (B): 'many' is not a whole number; row skipped" in captured.out.splitlines()
    assert not out.exists()


@pytest.mark.parametrize("args, message", [
    (["--sheet", "Prices"], "no sheet 'Prices'; its sheets: 'Cover', 'Sites', 'Sites 2019'"),
    (["--hub", "Nowhere"], "hub 'Nowhere': no imported site has that name or id"),
    (["--map", "Colour=users"], "--map 'Colour=users': no column 'Colour' in the header row"),
    (["--map", "Users=colour"], "--map 'Users=colour': unknown field 'colour'"),
    (["--map", "Users"], "--map 'Users': write COLUMN=FIELD"),
    (["--sheet", "Cover"], "no header row found in the first 30 rows of sheet 'Cover'"),
])
def test_bad_options_exit_2_with_one_line(tmp_path, capsys, args, message):
    assert advisor_import(str(FIXTURES / "sites.xlsx"), "-o", str(tmp_path / "x.json"), *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("advisor: error: ") and message in err and err.count("\n") == 1


@pytest.mark.parametrize("make, message", [
    (lambda d: d / "missing.csv", "no such file"),
    (lambda d: d, "is a folder, not a site list"),
])
def test_unreadable_input_exits_2(tmp_path, capsys, make, message):
    assert advisor_import(str(make(tmp_path)), "-o", str(tmp_path / "x.json")) == 2
    assert message in capsys.readouterr().err


def test_unusable_output_exits_2(tmp_path, capsys):
    source = FIXTURES / "messy.csv"
    assert advisor_import(str(source), "-o", str(tmp_path / "no" / "such" / "x.json")) == 2
    assert "does not exist" in capsys.readouterr().err
    assert advisor_import(str(source), "-o", str(tmp_path)) == 2
    assert "is a folder" in capsys.readouterr().err
    copy = tmp_path / "sites.csv"
    copy.write_bytes(source.read_bytes())
    assert advisor_import(str(copy), "-o", str(copy)) == 2
    assert "would overwrite the site list" in capsys.readouterr().err


def test_an_existing_design_is_kept_as_a_backup(tmp_path, capsys):
    out = tmp_path / "design.json"
    out.write_text("{}", encoding="utf-8")
    assert advisor_import(str(FIXTURES / "messy.csv"), "-o", str(out)) == 0
    assert (tmp_path / "design.json.bak").read_text(encoding="utf-8") == "{}"
    assert len(load(out).sites) == 7


def test_the_header_row_option(tmp_path, capsys):
    source = tmp_path / "odd.csv"
    source.write_text("Liste\nA,B\nWien,85\n", encoding="utf-8")
    assert advisor_import(str(source), "-o", str(tmp_path / "x.json"), "--header-row", "2", "--map", "A=name",
                          "--map", "B=users") == 0
    with pytest.raises(SystemExit):  # argparse: exit status 2 and its own message
        advisor_import(str(source), "-o", str(tmp_path / "x.json"), "--header-row", "0")
    assert "rows are numbered from 1" in capsys.readouterr().err


def test_the_real_command_line(cli, tmp_path):
    out = tmp_path / "d.json"
    proc = cli("import", str(FIXTURES / "bom_semicolon.csv"), "-o", str(out))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    assert "Imported 4 sites from bom_semicolon.csv (header on row 1); 1 row skipped." in proc.stdout
    check = cli("check", str(out), "--json")
    assert check.returncode in (0, 1) and json.loads(check.stdout)["totals"]["sites"] == 4
    notes = tmp_path / "notes.txt"
    notes.write_text("Call the customer on Monday.\nAsk for the site list.\n", encoding="utf-8")
    bad = cli("import", str(notes), "-o", str(out))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "no header row found" in bad.stderr
