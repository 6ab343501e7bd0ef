"""Round 29, legal extremes (helper C): CSV numbers never in exponent notation.

`advisor check --csv` wrote a 1 Tbps link's utilization as "1.5316e-05" and a site of 1,000,000 users placing
1e-9 calls per hour as "2.77777777777778e-11" Erlangs: 15 significant digits with Python's 'g' format turn to
exponent notation below 1e-4. Every other output of the advisor avoids it; the CSV now writes the same digits out
(a reader, and a spreadsheet, gets the same number).
"""

from __future__ import annotations

import csv
import io

from advisor import tabular
from advisor.model import Design


def test_number_text_writes_small_numbers_out():
    # hand figures: 153.16 kbps on a 1e9 kbps link is 0.00000015316 of it; 100 calls/h of 1e-9 s each offer
    # 100 × 1e-9 / 3600 = 0.0000000000277777… E
    assert tabular.number_text(153.16 / 1e9) == "0.00000015316"
    assert tabular.number_text(1.5316e-05) == "0.000015316"
    assert tabular.number_text(2.77777777777778e-11) == "0.0000000000277777777777778"
    assert tabular.number_text(-3e-7) == "-0.0000003"


def test_number_text_writes_large_numbers_out():
    assert tabular.number_text(1e15) == "1000000000000000"  # '.15g' alone gives '1e+15'
    assert tabular.number_text(2.5e16) == "25000000000000000"


def test_number_text_keeps_its_fifteen_digits():
    assert tabular.number_text(386.40000000000003) == "386.4"
    assert tabular.number_text(1 / 3) == "0.333333333333333"
    assert tabular.number_text(float("inf")) == ""


def test_check_csv_of_a_terabit_link_has_no_exponent():
    from advisor.analysis import analyse
    from advisor.sheets import links_sheet

    design = Design.model_validate({
        "sites": [{"id": "hq", "kind": "hq", "users": 1, "cucm_publisher": True},
                  {"id": "br", "users": 1}],
        "clouds": [{"id": "wan", "kind": "mpls"}],
        "links": [{"id": "l1", "a": "hq", "b": "wan", "capacity_kbps": 1e9},
                  {"id": "l2", "a": "br", "b": "wan", "capacity_kbps": 1e9}],
        "vpn": {"technology": "none"}})
    text = tabular.csv_text(links_sheet(design, analyse(design)))
    rows = list(csv.reader(io.StringIO(text)))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if "e-" in c or "e+" in c], cells
