"""Hostile round 39: the words of the scenario form, the scenarios dock and the per-call calculator.

- a packetization a scenario's codec cannot carry was refused as "scenario 'X': ptime_ms: packetization time …" (the
  file's field name; the form's row is "Packetization"), in the form's red line and the dock's "Left out: …" line;
- a scenario named "<b>bold</b>", "x &lt; y" or "a<br>b" was rendered as rich text in both lines (bold, "x < y", a
  line break) instead of shown as typed;
- the calculator named its settings by their ids ("inside a ipsec tunnel", "not available on ethernet-wire",
  "vpn 'none'"), and its bit-rate box offered 512 kbps that Opus (6-510 kbps) refuses.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from advisor.commands import SetFields
from advisor.model import Scenario
from advisor.ui.bid import show_dock
from advisor.ui.bid.scenario_commands import AddScenario
from advisor.ui.bid.scenario_form import ScenarioForm

G723_20MS = ("packetization time 20 ms is not a whole number of G.723.1 5.3 kbps frames (30 ms each); use a multiple "
             "such as 30, 60, 90, 120 ms")
G723_40MS = G723_20MS.replace("time 20 ms", "time 40 ms")


def _left_out_panel(window, name: str):
    """The scenarios dock once the option `name` (40 ms packets) no longer applies: the design's codec became
    G.723.1, whose 30 ms frames do not divide 40 ms."""
    window.document.push(AddScenario(Scenario(name=name, ptime_ms=40.0)))
    window.document.push(SetFields.checked(window.document.design, "design.voice",
                                           {"codec": "g723.1-5.3", "ptime_ms": 30.0}))
    show_dock(window, "scenarios")
    panel = window.bid.scenarios
    panel.compare_now()
    return panel


# -- A: the packetization is named as the form names it ------------------------------------------------------------
def test_the_forms_packetization_refusal_says_packetization_not_the_files_field_name(window):
    form = ScenarioForm(window.document.design, window)
    form.name.setText("G.723")
    form.editors["codec"].set("g723.1-5.3")
    form.editors["ptime_ms"].set(20.0)
    form._check()
    assert form.problem.text() == f"scenario 'G.723': {G723_20MS}"  # was "scenario 'G.723': ptime_ms: packetization …"
    assert not form.buttons.button(form.buttons.StandardButton.Ok).isEnabled()


def test_the_docks_left_out_line_says_packetization_not_the_files_field_name(window):
    panel = _left_out_panel(window, "Long packets")
    assert panel.status.text() == f"Left out: scenario 'Long packets': {G723_40MS}"  # was "…: ptime_ms: packetization …"


# -- B: names with markup are shown as typed -----------------------------------------------------------------------
NAMES = ["<b>bold</b>", "x &lt; y", "a<br>b"]


@pytest.mark.parametrize("name", NAMES)
def test_the_forms_red_line_shows_a_name_with_markup_as_typed(window, name):
    window.document.push(AddScenario(Scenario(name=name, codec="g729")))
    form = ScenarioForm(window.document.design, window)
    form.name.setText(name)  # taken: the red line quotes it
    form._check()
    assert f"'{name}'" in form.problem.text()
    assert form.problem.textFormat() == Qt.TextFormat.PlainText  # was AutoText: bold, "x < y", a line break


@pytest.mark.parametrize("name", NAMES)
def test_the_docks_status_shows_a_name_with_markup_as_typed(window, name):
    panel = _left_out_panel(window, name)
    assert panel.status.text().startswith(f"Left out: scenario '{name}': ")
    assert panel.status.textFormat() == Qt.TextFormat.PlainText  # was AutoText


# -- C: the calculator names its settings as its lists show them ---------------------------------------------------
@pytest.mark.parametrize("vpn, l2, crtp, nat_t, said", [
    ("ipsec", "ppp", 2, False, "cRTP cannot compress the call's headers inside an IPsec (crypto map) tunnel: "
                               "the serial link only sees the outer (encrypted or GRE) packet"),
    ("dmvpn", "frf12", 4, False, "cRTP cannot compress the call's headers inside a DMVPN tunnel: the serial "
                                 "link only sees the outer (encrypted or GRE) packet"),
    ("none", "ethernet-wire", 2, False, "cRTP is not available on Ethernet: it compresses headers hop by hop "
                                        "on serial links (PPP, multilink PPP, Frame Relay, FRF.12)"),
    ("none", "ethernet", 0, True, "NAT-T: NAT traversal needs an IPsec VPN: without a VPN there is no ESP to wrap; "
                                  "choose IPsec (crypto map), static VTI, FlexVPN (IKEv2), GRE over IPsec or DMVPN"),
    ("gre", "ethernet", 0, True, "NAT-T: NAT traversal needs an IPsec VPN: a GRE tunnel has no ESP to wrap; "
                                 "choose IPsec (crypto map), static VTI, FlexVPN (IKEv2), GRE over IPsec or DMVPN"),
])
def test_the_calculators_refusals_name_settings_as_its_lists_do(window, vpn, l2, crtp, nat_t, said):
    calc = window.calculator
    calc.follow.setChecked(False)
    for combo, value in ((calc.vpn, vpn), (calc.l2, l2), (calc.crtp, crtp)):
        combo.setCurrentIndex(combo.findData(value))
    calc.nat_t.setChecked(nat_t)
    assert calc.result is None
    assert calc.message.text() == said
    # the VPN is named as the VPN list shows it
    assert calc.vpn.currentText() in said or vpn == "none"


def test_the_bit_rate_box_goes_no_higher_than_the_codecs_range(window):
    calc = window.calculator
    calc.follow.setChecked(False)
    calc.codec.setCurrentIndex(calc.codec.findData("opus"))
    assert calc.bitrate.maximum() == 510  # Opus: 6-510 kbps (was 512)
    calc.bitrate.setValue(512)
    assert calc.bitrate.value() == 510
    assert calc.error is None and calc.result is not None
    assert calc.result.spec.bitrate_kbps == 510


def test_the_calculators_layer_2_list_names_each_convention_as_the_inspector_does(window):
    # It listed the file's ids ("ethernet-wire", "frf12"); now the words of the Inspector's list
    calc = window.calculator
    shown = {calc.l2.itemData(i): calc.l2.itemText(i) for i in range(calc.l2.count())}
    assert shown["ethernet-wire"] == "Ethernet on the wire (38 B)"
    assert shown["frf12"] == "Frame Relay FRF.12 (7 B)"
    assert shown["atm-vcmux"] == "ATM VC-mux (cells)"
    site_link = window.document.design.links[0]
    window.document.select((site_link.id,))
    inspector_l2 = next(g for g in window.inspector._groups if "l2" in g.editors).editors["l2"].widget
    assert {inspector_l2.itemData(i): inspector_l2.itemText(i) for i in range(inspector_l2.count())} == shown
