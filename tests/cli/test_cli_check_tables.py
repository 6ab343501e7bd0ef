"""`advisor check --xlsx / --csv`: the link sizing, sites and findings tables as spreadsheets, numbers as numbers."""

import csv
import json

import openpyxl
import pytest

EXAMPLE = "resources/examples/hq-12-branches-mpls.json"


def test_workbook_has_the_three_tables_with_the_check_figures(cli, tmp_path):
    out = tmp_path / "tables.xlsx"
    proc = cli("check", EXAMPLE, "--xlsx", str(out))
    assert proc.returncode == 0, proc.stderr
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Link sizing", "Sites", "Findings"]
    rows = list(wb["Link sizing"].iter_rows(values_only=True))
    header = rows[1]
    by_link = {r[0]: dict(zip(header, r, strict=True)) for r in rows[2:]}
    # Zürich's link: 7 calls x 55.20 kbps = 386.40 kbps of voice (138-byte frames x 8 x 50 per second)
    zurich = by_link["l-br01"]
    assert zurich["Busy-hour calls"] == 7 and zurich["Voice (kbps)"] == pytest.approx(7 * 55.2)
    checked = {x["id"]: x for x in json.loads(cli("check", EXAMPLE, "--json").stdout)["links"]}
    for link_id, row in by_link.items():
        assert row["Total (kbps)"] == pytest.approx(checked[link_id]["kbps"], abs=0.005)
    findings = list(wb["Findings"].iter_rows(values_only=True))
    assert findings[1][:2] == ("Severity", "Code") and len(findings) - 2 == len(
        json.loads(cli("check", EXAMPLE, "--json").stdout)["findings"])


def test_csv_of_one_table(cli, tmp_path):
    out = tmp_path / "sites.csv"
    assert cli("check", EXAMPLE, "--csv", str(out), "--table", "sites").returncode == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:2] == ["Site", "Name"]
    assert {r[0] for r in rows[1:]} == {s["id"] for s in json.loads(open(EXAMPLE, encoding="utf-8").read())["sites"]}


def test_unwritable_target_exit_2(cli, tmp_path):
    proc = cli("check", EXAMPLE, "--xlsx", str(tmp_path / "missing-folder" / "t.xlsx"))
    assert proc.returncode == 2 and "cannot write" in proc.stderr and "Traceback" not in proc.stderr
