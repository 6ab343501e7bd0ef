"""Round 26, through the command line: `advisor bom --json/--csv/--xlsx` and `advisor check --json` name their
sources without the limit tables' file names ('[srst_platforms.json]', '[signalling.json]'), as the text output
already did; `advisor configs` counts one call in the singular; `advisor explain` lists the ids of a shared name."""

import json
import re
from pathlib import Path

import openpyxl

from advisor import cli

HQ_12 = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
TABLE_FILE = re.compile(r"\[[\w.-]+\.json\]")


def test_bom_json_and_csv_carry_no_table_file_names(capsys):
    assert cli.main(["bom", str(HQ_12), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert any(i["category"] == "router" for i in items)  # the branch routers cite the platform table
    assert all(i["source"] and not TABLE_FILE.search(i["source"] + i["reason"]) for i in items)
    assert cli.main(["bom", str(HQ_12), "--csv", "-"]) == 0
    out = capsys.readouterr().out
    assert "Source" in out and "SRST router" in out
    assert not TABLE_FILE.search(out)


def test_bom_workbook_carries_no_table_file_names(tmp_path, capsys):
    target = tmp_path / "bom.xlsx"
    assert cli.main(["bom", str(HQ_12), "--xlsx", str(target)]) == 0
    capsys.readouterr()
    book = openpyxl.load_workbook(target, read_only=True)
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    book.close()
    assert any("SRST router" in c for c in cells)
    assert not any(TABLE_FILE.search(c) for c in cells)


def test_check_json_signalling_convention_has_no_table_file_name(capsys):
    cli.main(["check", str(HQ_12), "--json"])
    conv = json.loads(capsys.readouterr().out)["conventions"]["signalling"]
    assert conv.startswith("SCCP") and "sources: " in conv and not TABLE_FILE.search(conv)


def test_configs_one_call_in_the_singular(tmp_path, capsys):
    """1 user at each end, 1 call of 18 s each, all on-net: the link offers 2 × 18 / 3600 = 0.01 E, which Erlang B
    carries on 1 trunk at 0.01 / 1.01 = 0.99 % blocking: 1 call."""
    path = tmp_path / "one.json"
    path.write_text(json.dumps({
        "name": "one call", "vpn": {"technology": "none"},
        "traffic": {"calls_per_user": 1, "holding_time_s": 18, "intra_site_share": 0, "on_net_share": 1,
                    "pstn_share": 0},
        "sites": [{"id": "hq", "kind": "hq", "users": 1, "cucm_publisher": True, "cucm_subscribers": 1},
                  {"id": "br", "users": 1, "survivability": "srst"}],
        "links": [{"id": "l1", "a": "hq", "b": "br", "capacity_kbps": 2048}]}), encoding="utf-8")
    assert cli.main(["configs", str(path)]) == 0
    out = capsys.readouterr().out
    assert "link l1 to br: 1 call × " in out and "1 calls" not in out




def test_explain_lists_the_ids_of_a_shared_name(tmp_path, capsys):
    sites = [{"id": "hq", "kind": "hq", "users": 10, "cucm_publisher": True}]
    sites += [{"id": f"b{i}", "name": "Branch", "users": 5} for i in range(1, 8)]  # 7 sites named 'Branch'
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "m", "name": "access" if s["id"] in ("b1", "b2") else s["id"]}
             for s in sites]
    path = tmp_path / "dup.json"
    path.write_text(json.dumps({"name": "dup", "sites": sites, "clouds": [{"id": "m", "kind": "mpls"}],
                                "links": links}), encoding="utf-8")
    assert cli.main(["explain", str(path), "--site", "branch"]) == 2
    err = capsys.readouterr().err
    assert "7 sites are named 'branch'" in err and "(b1, b2, b3, b4, b5 and 2 more)" in err
    assert len(err.strip().splitlines()) == 1
    assert cli.main(["explain", str(path), "--link", "Access"]) == 2
    assert "2 links are named 'Access': give the id instead (l-b1, l-b2)" in capsys.readouterr().err
