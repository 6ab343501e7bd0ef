"""The option table's hardware rows count as the bill of materials does:

- with the Bill of materials dock set to 4 VPN hubs and SIP trunks, the Scenarios dock's rows still read "DMVPN hub
  router: 2" and E1 PRIs (the bill's defaults) beside a bill of 4 hub routers and SIP sessions;
- `advisor compare` had no --pstn or --vpn-hubs: its rows could only ever show the defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import io
from tests.cli.inprocess import run

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-40-branches-internet.json"
HUB = "DMVPN hub router: Cisco IOS XE router (DMVPN hub)"


@pytest.fixture
def dmvpn_window(qtbot):
    from tests.ui.conftest import shown_window

    yield from shown_window(qtbot, io.load(EXAMPLE))


def _hub_rows(panel) -> dict[str, list[str]]:
    t = panel.model.table
    return {label: row for label, row in zip(t.row_labels, t.rows, strict=True) if label.startswith("BOM: ")}


def test_the_scenarios_rows_follow_the_bill_of_materials_options(dmvpn_window, qtbot):
    win = dmvpn_window
    win.docks["scenarios"].show()
    win.docks["scenarios"].raise_()
    panel, bill = win.bid.scenarios, win.bid.bom
    qtbot.waitUntil(panel.up_to_date, timeout=20_000)
    assert _hub_rows(panel)[f"BOM: {HUB}"][0] == "2"  # the bill's default: two hubs, one can fail
    bill.hubs.setValue(4)
    bill.pstn.setCurrentIndex(bill.pstn.findData("sip"))
    qtbot.waitUntil(lambda: panel.up_to_date() and f"BOM: {HUB}" in _hub_rows(panel)
                    and _hub_rows(panel)[f"BOM: {HUB}"][0] == "4", timeout=20_000)
    rows = _hub_rows(panel)
    assert not any("E1 PRI" in label for label in rows)  # SIP sessions now, as the bill counts them
    sip = [label for label in rows if label.startswith("BOM: PSTN SIP trunk")]
    assert sip
    # the same quantities as the bill's totals with the same options
    totals = {f"BOM: {i.item}: {i.model}": 0 for i in bill.items}
    for i in bill.items:
        totals[f"BOM: {i.item}: {i.model}"] += i.quantity
    assert rows[sip[0]][0] == f"{totals[sip[0]]:,}"
    assert rows[f"BOM: {HUB}"][0] == f"{totals[f'BOM: {HUB}']:,}" == "4"


def test_compare_takes_the_bill_of_materials_options(capsys):
    code, out, err = run(capsys, "compare", EXAMPLE, "--vary", "vpn=dmvpn,getvpn", "--vpn-hubs", "4", "--pstn", "sip",
                         "--json")
    assert code == 0, err
    by_name = {o["name"]: o["bom"] for o in json.loads(out)["scenarios"]}
    assert by_name["vpn=dmvpn"][HUB] == 4  # as asked
    # GET VPN's key servers are the design's own count (2), not the hubs
    assert by_name["vpn=getvpn"]["GET VPN key server: Cisco IOS XE router (cooperative key server)"] == 2
    assert not any("E1 PRI" in k for o in by_name.values() for k in o)
    code, out_bom, err = run(capsys, "bom", EXAMPLE, "--vpn-hubs", "4", "--pstn", "sip", "--json")
    assert code == 0, err
    sessions = sum(i["quantity"] for i in json.loads(out_bom)["items"] if i["item"] == "PSTN SIP trunk")
    assert by_name["Current design"]["PSTN SIP trunk: SIP trunk sessions"] == sessions


def test_compare_refuses_a_hub_count_out_of_range(capsys):
    code, _out, err = run(capsys, "compare", EXAMPLE, "--vpn-hubs", "9")
    assert code == 2
    assert err.strip().endswith("--vpn-hubs 9: give 1 to 8")
