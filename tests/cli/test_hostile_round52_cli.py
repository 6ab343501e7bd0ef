"""Round 52 on the command line: the less-travelled commands as a presales engineer drives them.

- `configs` of a design without sites, printed (no -o), printed nothing and said nothing, exit 0; with -o it says
  "no configuration sketch (no site)". It now says so on standard error.
- `compare --xlsx` wrote every figure without a number format ("36621.92" kbps in Excel), and `bom --xlsx` the
  quantities ("1829" SIP sessions): both are grouped now, as the app's exports.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.cli.test_hostile_round48_cli import _run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def test_configs_of_a_design_without_sites_says_there_is_nothing(tmp_path, capsys):
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    code, out, err = _run(capsys, "configs", empty)
    assert code == 0 and out == ""
    assert "no configuration sketch: the design has no site" in err  # was silent


def test_compare_xlsx_groups_the_figures(tmp_path, capsys):
    out_file = tmp_path / "options.xlsx"
    code, _, err = _run(capsys, "compare", EXAMPLES / "hq-40-branches-internet.json", "--vary", "codec=g711,g729",
                        "--xlsx", out_file)
    assert code == 0, err
    ws = openpyxl.load_workbook(out_file)["Options compared"]
    rows = {row[0].value: row[1:] for row in ws.iter_rows(min_row=3)}
    assert [c.number_format for c in rows["total WAN load (kbps)"]] == ["#,##0.00"] * 3  # was General
    assert rows["errors"][0].number_format == "#,##0"
    assert ws["A1"].value.startswith("Options compared: ")


def test_bom_xlsx_groups_the_quantities(tmp_path, capsys):
    data = json.loads((EXAMPLES / "single-site-campus.json").read_text(encoding="utf-8"))
    data["sites"][0]["users"] = 90_000
    design = tmp_path / "big.json"
    design.write_text(json.dumps(data), encoding="utf-8")
    out_file = tmp_path / "bom.xlsx"
    code, _, err = _run(capsys, "bom", design, "--pstn", "sip", "--xlsx", out_file)
    assert code == 0, err
    wb = openpyxl.load_workbook(out_file)
    sip = next(r for r in wb["Bill of materials"].iter_rows(min_row=3) if r[2].value == "PSTN SIP trunk")
    assert sip[4].value == 1829 and sip[4].number_format == "#,##0"
    total = next(r for r in wb["Totals"].iter_rows(min_row=3) if r[0].value == "PSTN SIP trunk")
    assert total[2].number_format == "#,##0"
