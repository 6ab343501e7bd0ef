"""`advisor bom`: JSON, CSV and XLSX outputs (re-read), the PSTN choice, exit statuses, and messages for bad input.

Each test runs through `advisor.cli.main` once `bom` is a registered sub-command (skipped until then), and through
a parser holding only this command's `register`, with main's error handling."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from advisor import cli

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))
HQ_12 = next(p for p in EXAMPLES if p.stem == "hq-12-branches-mpls")


@pytest.fixture
def advisor():
    return cli.main


def write_design(tmp_path: Path, users: int, branch_phones: int | None = None) -> Path:
    """HQ with call processing; all calls go to the PSTN: users × 2 calls × 180 s / 3600 E."""
    sites = [{"id": "hq", "kind": "hq", "users": users, "cucm_publisher": True, "cucm_subscribers": 2}]
    links = []
    if branch_phones is not None:
        sites.append({"id": "big", "users": branch_phones, "survivability": "srst", "pstn_gateway": True})
        links.append({"id": "l1", "a": "hq", "b": "big", "capacity_kbps": 1_000_000})
    path = tmp_path / "design.json"
    path.write_text(json.dumps({"name": "hand", "vpn": {"technology": "none"}, "sites": sites, "links": links,
                                "traffic": {"calls_per_user": 2, "holding_time_s": 180, "intra_site_share": 0,
                                            "on_net_share": 0, "pstn_share": 1}}), encoding="utf-8")
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_json(advisor, capsys, example):
    assert advisor(["bom", str(example), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["items"] and out["items"]
    for item in out["items"]:
        assert list(item)[:5] == ["site", "item", "model", "quantity", "reason"]
        assert isinstance(item["quantity"], int) and item["reason"]


def test_text_output_lists_lines_totals_and_reasons(advisor, capsys):
    assert advisor(["bom", str(HQ_12)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Bill of materials: HQ + 12 branches on MPLS VPN")
    assert "Totals" in out and "Reasons" in out and "GET VPN key server" in out and "Source:" in out


@pytest.mark.parametrize("users, pstn, model, quantity", [
    # 100 users × 2 × 180 / 3600 = 10 E -> 18 trunks (Erlang B, 1 %): 1 E1, 1 T1, 18 SIP sessions
    (100, "e1", "E1 PRI (30 B-channels)", 1), (100, "t1", "T1 PRI (23 B-channels)", 1),
    (100, "sip", "SIP trunk sessions", 18),
    # 200 users: 20 E -> 30 trunks: ceil(30 / 30) = 1 E1, ceil(30 / 23) = 2 T1, 30 SIP sessions
    (200, "e1", "E1 PRI (30 B-channels)", 1), (200, "t1", "T1 PRI (23 B-channels)", 2),
    (200, "sip", "SIP trunk sessions", 30),
])
def test_pstn_choice(advisor, capsys, tmp_path, users, pstn, model, quantity):
    assert advisor(["bom", str(write_design(tmp_path, users)), "--json", "--pstn", pstn]) == 0
    lines = [i for i in json.loads(capsys.readouterr().out)["items"] if i["category"] == "pstn"]
    assert [(i["model"], i["quantity"]) for i in lines] == [(model, quantity)]


def test_csv_has_the_same_lines_as_json(advisor, capsys, tmp_path):
    target = tmp_path / "bom.csv"
    assert advisor(["bom", str(HQ_12), "--csv", str(target)]) == 0
    assert "wrote" in capsys.readouterr().out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Site", "Site name", "Item", "Model", "Quantity"]
    advisor(["bom", str(HQ_12), "--json"])
    items = json.loads(capsys.readouterr().out)["items"]
    assert [(r[0], r[2], r[3], int(r[4]), r[5]) for r in rows[1:]] == [
        (i["site"], i["item"], i["model"], i["quantity"], i["reason"]) for i in items]


def test_xlsx_reopens_with_the_same_cells(advisor, capsys, tmp_path):
    target = tmp_path / "bom.xlsx"
    assert advisor(["bom", str(HQ_12), "--xlsx", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target} (29 lines)\n"
    advisor(["bom", str(HQ_12), "--json"])
    items = json.loads(capsys.readouterr().out)["items"]
    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["Bill of materials", "Totals", "Assumptions"]
    ws = wb["Bill of materials"]
    assert ws["A1"].value == "Bill of materials: HQ + 12 branches on MPLS VPN"
    assert ws.freeze_panes == "A3" and ws["A2"].font.b
    cells = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)]
    assert [(c[0], c[2], c[3], c[4], c[5], c[6]) for c in cells] == [
        (i["site"], i["item"], i["model"], i["quantity"], i["reason"], i["source"]) for i in items]
    assert all(ws.cell(row=r, column=5).data_type == "n" for r in range(3, ws.max_row + 1))
    totals = {(r[0], r[1]): r[2] for r in wb["Totals"].iter_rows(min_row=3, values_only=True)}
    assert totals[("SRST router (branch)", "Cisco ISR 4321")] == 6  # br01, 04, 05, 08, 09, 12


def test_exit_1_when_a_branch_has_no_fitting_router(advisor, capsys, tmp_path):
    # 2,500 phones: more than the largest platform in the table (2,000 devices)
    assert advisor(["bom", str(write_design(tmp_path, 10, branch_phones=2500)), "--json"]) == 1
    router = next(i for i in json.loads(capsys.readouterr().out)["items"] if i["category"] == "router")
    assert router["quantity"] == 0 and "no platform" in router["reason"]


@pytest.mark.parametrize("extra, message", [
    (["--vpn-hubs", "0"], "--vpn-hubs 0: give 1 to 8"),
    (["--csv", "{tmp}"], "is a folder"),
    (["--csv", "{tmp}/missing/bom.csv"], "does not exist"),
    (["--xlsx", "{tmp}/bom.xls"], "must end in .xlsx"),
    (["--csv", "{design}"], "would overwrite the input design"),
])
def test_bad_options_exit_2_with_a_message(advisor, capsys, tmp_path, extra, message):
    design = write_design(tmp_path, 10)
    argv = ["bom", str(design), *(x.format(tmp=tmp_path, design=design) for x in extra)]
    assert advisor(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize("content, message", [("{not json", "not valid JSON"),
                                              ('{"sites": [{"id": "a", "users": -1}]}', "sites[0].users")])
def test_bad_files_exit_2(advisor, capsys, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert advisor(["bom", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_one_output_at_a_time(advisor, tmp_path):
    with pytest.raises(SystemExit) as exc:
        advisor(["bom", str(HQ_12), "--json", "--csv", str(tmp_path / "x.csv")])
    assert exc.value.code == 2
