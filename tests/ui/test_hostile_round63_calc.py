"""Round 63 of the hostile-input hunt: the Per-call calculator and Packet anatomy docks against `advisor calc`.
Each defect found, as the short sequence that shows it.

- A branch on ATM LLC/SNAP with a NAT on its link, IPsec (crypto map) with AES-GCM, G.729 20 ms; select the link
  with "Follow the design" ticked: the calculator showed a 116 B IP packet with no NAT-T header and 46.40 kbps at
  layer 3, where the link sizing and the Packet anatomy dock count NAT-T (124 B, 49.60 kbps). The 8 B of NAT-T fit
  the last ATM cell's padding, so both packets made the same 159 B frame and the calculator, which told them
  apart by their frame alone, took the one without NAT.
- Type 2000000 in Calls: the seventh digit is dropped without a word (the box stops at 1,000,000) where `advisor
  calc --calls 2000000` takes it; nothing in the app said where the box stops.
"""

from __future__ import annotations

import pytest

from advisor.model import Cloud, Design, Link, Site, VoicePolicy, VpnPolicy
from advisor.packet import CallSpec


def atm_nat_design() -> Design:
    return Design(
        name="ATM branch behind a NAT", voice=VoicePolicy(codec="g729"),
        vpn=VpnPolicy(technology="ipsec", ipsec_mode="tunnel", cipher="aes-gcm", privacy_required=False),
        sites=(Site(id="hq", name="HQ", kind="hq", users=100, cucm_publisher=True, x=0, y=0),
               Site(id="b1", name="Branch 1", users=20, x=-200, y=200)),
        clouds=(Cloud(id="inet", name="Internet", kind="internet", x=0, y=100),),
        links=(Link(id="l-hq", a="hq", b="inet", capacity_kbps=10_000),
               Link(id="l-b1", a="b1", b="inet", capacity_kbps=2_048, l2="atm", nat=True)))


def test_following_an_atm_link_behind_a_nat_counts_nat_t(window, qtbot):
    # Hand calculation: G.729 20 ms = 20 B payload; P = 20 IP + 8 UDP + 12 RTP + 20 = 60 B.
    # ESP tunnel mode, AES-GCM (8 B IV, 4 B alignment, 16 B ICV): pad(60) = ceil((60 + 2) / 4) × 4 = 64.
    # IP packet = 20 outer IP + 8 NAT-T + 8 ESP + 8 IV + 64 + 16 ICV = 124 B (116 B without NAT-T).
    # ATM LLC/SNAP: ceil((124 + 8 + 8) / 48) = 3 cells = 159 B; without NAT-T ceil(132 / 48) = 3 cells too.
    # 50 packets/s: 124 × 8 × 50 / 1000 = 49.6 kbps at layer 3; 159 × 8 × 50 / 1000 = 63.6 kbps with layer 2.
    window.document.reset(atm_nat_design())
    window.analysis.run_now()
    calc = window.calculator
    assert calc.follow.isChecked()
    window.document.select(("l-b1",))
    assert calc.error is None
    result = calc.result
    assert result.spec.nat_t
    assert result.ip_packet_bytes == 124
    assert result.frame_bytes == 159
    assert result.atm_cells == 3
    assert result.kbps_ip == pytest.approx(49.6)
    assert result.kbps == pytest.approx(63.6)
    rows = [calc.model.index(r, 0).data() for r in range(calc.model.rowCount())]
    assert "NAT-T UDP header" in rows
    assert "IP packet <b>124 B</b>" in calc.totals.text()
    assert "<b>49.60 kbps</b> at layer 3" in calc.totals.text()
    # ... the packet the link sizing counts, and the Packet anatomy dock draws for that link
    sized = next(r for r in window.document.results.links if r.id == "l-b1")
    assert (sized.ip_packet_bytes, sized.frame_bytes) == (124, 159)
    panel = window.anatomy
    dock = window.docks["anatomy"]
    dock.show()
    dock.raise_()
    qtbot.waitUntil(lambda: panel.built and panel.on_screen(), timeout=3000)
    panel.link_combo.setCurrentIndex(panel.link_combo.findData("l-b1"))
    qtbot.waitUntil(lambda: any(b.chosen for b in panel.bars), timeout=3000)
    chosen = next(b for b in panel.bars if b.chosen)
    assert [(s.name, s.bytes) for s in chosen.segments] == [(x.name, x.bytes) for x in result.layers]
    assert sum(s.bytes for s in chosen.segments) == chosen.frame_bytes == 159


def test_following_an_atm_link_without_a_nat_leaves_nat_t_out(window):
    # The same design with no NAT anywhere: 116 B IP packet (20 + 8 + 8 + 64 + 16), still 3 cells = 159 B.
    design = atm_nat_design()
    design = design.model_copy(update={"links": (design.links[0], design.links[1].model_copy(update={"nat": False}))})
    window.document.reset(design)
    window.analysis.run_now()
    window.document.select(("l-b1",))
    result = window.calculator.result
    assert not result.spec.nat_t
    assert (result.ip_packet_bytes, result.frame_bytes) == (116, 159)


def test_calls_box_says_where_it_stops(window, qtbot):
    calc = window.calculator
    calc.follow.setChecked(False)
    calc.set_spec(CallSpec())  # G.711, 20 ms, Ethernet, no VPN
    calc.calls.setFocus()
    calc.calls.lineEdit().selectAll()
    qtbot.keyClicks(calc.calls, "2000000")
    assert calc.calls.value() == 200_000  # the box's top is 1,000,000: the seventh digit cannot go in ...
    assert "1,000,000" in calc.calls.toolTip()  # ... and its tooltip, and its label's, say so
    label = next(text for text, widget in calc._rows if widget is calc.calls)
    assert "1,000,000" in label.toolTip()
    # G.711 20 ms on Ethernet: 218 B × 8 × 50 / 1000 = 87.2 kbps a call; 200,000 calls = 17,440,000 kbps.
    assert calc.result.total_kbps == pytest.approx(17_440_000)
