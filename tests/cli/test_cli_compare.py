"""`advisor compare`: the JSON contract, the table, spreadsheets, and named errors (exit 2)."""

import json

import openpyxl

from advisor import io
from advisor.analysis import analyse
from advisor.model import Scenario

EXAMPLE = "resources/examples/hq-12-branches-mpls.json"


def test_json_columns_match_separate_checks(cli):
    proc = cli("compare", EXAMPLE, "--vary", "codec=g711,g729", "--json")
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)["scenarios"]
    assert [s["name"] for s in got] == ["Current design", "codec=g711", "codec=g729"]
    for s in got:
        assert {"name", "wan_kbps", "errors", "warnings", "tunnels", "key_servers", "bom"} <= set(s)
    # the current design already uses G.729: its column equals the codec=g729 one
    assert got[0]["wan_kbps"] == got[2]["wan_kbps"]
    check = json.loads(cli("check", EXAMPLE, "--json").stdout)
    assert got[0]["errors"] == sum(f["severity"] == "error" for f in check["findings"])
    # G.711 per call 112.8 kbps against G.729's 55.2 (hand figures in tests/core/test_scenarios.py): more WAN kbps
    assert got[1]["wan_kbps"] > 2 * got[2]["wan_kbps"] - 200


def test_saved_scenarios_are_compared_without_vary(cli, tmp_path):
    design = io.load(EXAMPLE)
    saved = design.model_copy(update={"scenarios": (Scenario(name="DMVPN option", technology="dmvpn"),)})
    path = tmp_path / "d.json"
    io.save(saved, path)
    proc = cli("compare", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)["scenarios"]
    assert [s["name"] for s in got] == ["Current design", "DMVPN option"]
    variant = analyse(design.model_copy(update={"vpn": design.vpn.model_copy(update={"technology": "dmvpn"})}))
    assert got[1]["wan_kbps"] == round(variant.total_wan_kbps, 2)
    assert got[1]["bom_delta"]["GET VPN key server: Cisco IOS XE router (cooperative key server)"] == -2


def test_table_and_xlsx(cli, tmp_path):
    proc = cli("compare", EXAMPLE, "--vary", "vpn=getvpn,dmvpn")
    assert proc.returncode == 0, proc.stderr
    assert "tunnels to configure" in proc.stdout and "DMVPN" in proc.stdout
    out = tmp_path / "cmp.xlsx"
    assert cli("compare", EXAMPLE, "--vary", "vpn=getvpn,dmvpn", "--xlsx", str(out)).returncode == 0
    cells = {row[0]: row[1:] for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True)}
    assert cells["measure"] == ("Current design", "vpn=getvpn", "vpn=dmvpn")
    assert cells["VPN technology"] == ("GET VPN", "GET VPN", "DMVPN")
    kbps = cells["total WAN load (kbps)"]
    assert all(isinstance(v, float) for v in kbps) and kbps[0] == kbps[1] < kbps[2]  # numbers, not text
    assert cells["key servers"] == (2, 2, "—")


def test_bad_vary_exit_2(cli):
    proc = cli("compare", EXAMPLE, "--vary", "colour=red")
    assert proc.returncode == 2
    assert "unknown key 'colour'" in proc.stderr and "Traceback" not in proc.stderr


def test_long_vary_values_are_cut_in_one_short_line(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
    for vary, why in ((f"calls={'9' * 5000}", "must be a finite number"),
                      (f"codec={'x' * 300}", "codec: is too long (at most 64 characters)")):
        run = subprocess.run([sys.executable, "-m", "advisor", "compare", str(example), "--vary", vary],
                             capture_output=True, text=True, timeout=60)
        lines = run.stderr.strip().splitlines()
        assert run.returncode == 2 and len(lines) == 1
        assert why in lines[0] and "name: is too long" not in lines[0]
        assert len(lines[0]) < 200  # the value is quoted cut (60 characters), not whole
