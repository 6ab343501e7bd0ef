"""Round 52, the less-travelled features as a demanding instructor and a presales engineer use them (core).

- The workbooks stored quantities and the options' figures without a number format: Excel showed 1,829 SIP
  sessions as "1829" and a comparison's 36,621.92 kbps as "36621.92". The quantities now read "#,##0", and each
  measure of the options compared has its own format (kbps "#,##0.00", percent "0.0", counts "#,##0").
- Exercise sheets described the designs by the file's ids: "survivability srst on a Cisco 2811", "survivability
  mgcp-fallback", "'Maribor' (datacenter)", "SRTP sha1-80"; the sheet's reference said "at least 1544 kbps".
- The crypto-map sketch of a spoke had one entry per head-end, each matching the same traffic: a packet takes the
  first entry it matches, so the second head-end was never used. One entry now names every head-end (`set peer`
  per head-end, the first the primary) and matches the traffic to every other site.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl

from advisor import analysis, bom, configs, scenarios, tabular
from advisor import io as design_io
from advisor.exercises import generate
from advisor.exercises.reference import reference
from advisor.model import Scenario
from advisor.sheets import comparison_sheet

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"


def _workbook(tables):
    return openpyxl.load_workbook(io.BytesIO(tabular.xlsx_bytes(tables)))


def _big_campus():
    design = design_io.load(EXAMPLES / "single-site-campus.json")
    site = design.sites[0].model_copy(update={"users": 90_000})
    return design.model_copy(update={"sites": (site,)})


# -- workbooks -------------------------------------------------------------------------------------------------------
def test_the_bill_of_materials_workbook_groups_its_quantities():
    design = _big_campus()
    results = analysis.analyse(design)
    items = bom.build(design, results, bom.BomOptions(pstn="sip"))
    wb = _workbook(bom.sheets(design, items, bom.BomOptions(pstn="sip")))
    lines, totals = wb["Bill of materials"], wb["Totals"]
    assert [c.value for c in lines[2]][4] == "Quantity" and [c.value for c in totals[2]][2] == "Quantity"
    sip = next(row for row in lines.iter_rows(min_row=3) if row[2].value == "PSTN SIP trunk")
    assert sip[4].value == 1829 and isinstance(sip[4].value, int)
    assert sip[4].number_format == "#,##0"  # was General: Excel showed "1829"
    assert all(row[2].number_format == "#,##0" for row in totals.iter_rows(min_row=3))
    assert lines["A3"].number_format == "General"  # text columns keep none


def test_the_options_compared_workbook_formats_each_measure_by_its_unit():
    design = design_io.load(EXAMPLES / "hq-40-branches-internet.json")
    outcomes = scenarios.compare(design, [Scenario(name="G.711", codec="g711")], analysis.analyse,
                                 bom=bom.quantities)
    ws = _workbook([comparison_sheet(design, outcomes)])["Options compared"]
    rows = {row[0].value: row[1:] for row in ws.iter_rows(min_row=3)}
    load = rows["total WAN load (kbps)"]
    assert load[0].value > 1000 and load[0].number_format == "#,##0.00"  # was General: "36621.92"
    assert rows["busiest link utilization (%)"][0].number_format == "0.0"
    assert rows["warnings"][1].number_format == "#,##0"
    assert all(c.number_format == "#,##0" for name, cells in rows.items() if name.startswith("BOM:") for c in cells)
    assert rows["VPN technology"][0].number_format == "General"  # words: no number format
    assert rows["packetization (ms)"][0].number_format == "General"  # 20 or 2.5 ms: never "20." in Excel


def test_a_row_format_is_checked_against_the_rows():
    import pytest

    with pytest.raises(ValueError, match="row formats"):
        tabular.sheet("t", ("a",), [(1,), (2,)], row_formats=["#,##0"])


# -- exercise sheets -------------------------------------------------------------------------------------------------
def _texts(exercises) -> str:
    return "\n".join("\n".join((e.question, *e.facts, *e.choices)) for e in exercises)


def test_exercise_designs_are_described_in_words_not_the_files_ids():
    text = _texts(generate(200, 5, ("deployment", "flaws", "vpn", "link")))
    assert "survivability srst" not in text and "survivability mgcp-fallback" not in text
    assert "(datacenter)" not in text
    assert "SRTP sha1-80" not in text and "SRTP sha1-32" not in text and "SRTP gcm" not in text
    assert "survivability Unified SRST (SCCP phones) on a Cisco" in text
    assert "(data centre)" in text or "(branch)" in text


def test_the_sheets_reference_groups_its_figures():
    lines = [line for _, block in reference({"deployment", "flaws"}) for line in block]
    cow = next(line for line in lines if line.startswith("clustering over the WAN"))
    assert "at least 1,544 kbps" in cow and "1544" not in cow


# -- configuration sketches ------------------------------------------------------------------------------------------
def _crypto_map_design():
    data = json.loads((EXAMPLES / "hq-40-branches-internet.json").read_text(encoding="utf-8"))
    data["vpn"]["technology"] = "ipsec"
    return design_io.parse(json.dumps(data))


def test_a_crypto_map_spoke_has_one_entry_for_its_head_ends():
    design = _crypto_map_design()
    results = analysis.analyse(design)
    spoke = configs.sketches(design, results, hubs=2)["br02"].text()
    assert spoke.count("crypto map UC-MAP ") == 1  # was one per head-end, the second never matched
    entry = spoke[spoke.index("crypto map UC-MAP 10 ipsec-isakmp"):]
    assert entry.splitlines()[1:3] == [" set peer 192.0.2.1", " set peer 192.0.2.2"]
    assert " match address UC-VPN-1" in entry and "UC-VPN-2" not in spoke
    assert "more crypto-map entries" not in spoke
    single = configs.sketches(design, results, hubs=1)["br02"].text()
    assert single.count(" set peer ") == 1 and "One entry, a peer per head-end" not in single
    hub = configs.sketches(design, results, hubs=2)["hq"].text()
    assert "crypto map UC-MAP 20 ipsec-isakmp" in hub  # the head-ends keep an entry per spoke
