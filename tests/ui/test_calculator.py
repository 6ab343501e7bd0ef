"""The per-call calculator form: settings in, the engine's layer table and totals out, refusals explained in red."""

from __future__ import annotations

import pytest

from advisor.ui.calculator import Calculator


@pytest.fixture
def calc(qtbot):
    widget = Calculator()
    qtbot.addWidget(widget)
    widget.resize(720, 640)
    widget.show()
    return widget


def choose(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered by {combo.toolTip()!r}"
    combo.setCurrentIndex(index)


def table_rows(calc) -> list[tuple[str, int]]:
    model = calc.model
    return [(model.index(r, 0).data(), int(model.index(r, 1).data())) for r in range(model.rowCount())]


def test_g711_ethernet_is_87_2_kbps(calc):
    # Cisco TAC "Voice Over IP – Per Call Bandwidth Consumption" (doc 7934): G.711, 20 ms, Ethernet = 87.2 kbps.
    choose(calc.codec, "g711")
    choose(calc.l2, "ethernet")
    assert calc.error is None
    assert calc.result.kbps == pytest.approx(87.2)
    assert "87.20 kbps" in calc.totals.text()
    rows = dict(table_rows(calc))
    assert rows["Frame on the wire"] == 218  # 160 payload + 40 IP/UDP/RTP + 18 Ethernet


def test_g729_gre_over_ipsec_tunnel_3des_sha1_is_136_bytes(calc):
    # Cisco V3PN SRND: G.729, 20 ms, GRE over IPsec tunnel mode, 3DES + SHA1-96 = 136 B per IP packet, 54.4 kbps.
    choose(calc.codec, "g729")
    choose(calc.vpn, "gre-ipsec")
    choose(calc.ipsec_mode, "tunnel")
    choose(calc.cipher, "3des")
    choose(calc.integrity, "sha1-96")
    assert calc.error is None
    assert calc.result.ip_packet_bytes == 136
    assert calc.result.kbps_ip == pytest.approx(54.4)
    assert "IP packet <b>136 B</b>" in calc.totals.text()
    assert "54.40 kbps" in calc.totals.text()
    # The table lists the layers in wire order and they add up to the frame.
    rows = table_rows(calc)
    layers = rows[: rows.index(next(r for r in rows if r[0] == "Frame on the wire"))]
    assert sum(size for _, size in layers) == calc.result.frame_bytes


def test_changing_codec_and_calls_updates_totals_as_you_type(calc, qtbot):
    choose(calc.codec, "g711")
    choose(calc.l2, "ppp")
    # Cisco doc 7934: G.711 20 ms over MP/FRF.12 (7 B) = 82.8 kbps; G.729 = 26.8 kbps.
    assert calc.result.kbps == pytest.approx(82.8)
    choose(calc.codec, "g729")
    assert calc.result.kbps == pytest.approx(26.8)
    calc.calls.clear()
    qtbot.keyClicks(calc.calls, "10")
    assert calc.result.spec.calls == 10
    assert calc.result.total_kbps == pytest.approx(268.0)
    assert "268.00 kbps" in calc.totals.text()


def test_crtp_on_serial_link(calc):
    # Cisco doc 7934: G.729, 20 ms, cRTP (2 B), MP/FRF.12 = 11.6 kbps.
    choose(calc.codec, "g729")
    choose(calc.l2, "frf12")
    choose(calc.crtp, 2)
    assert calc.error is None
    assert calc.result.kbps == pytest.approx(11.6)


def test_custom_layer2_bytes_are_used(calc):
    choose(calc.codec, "g711")
    choose(calc.l2, "custom")
    assert calc.l2_bytes.isEnabled()
    calc.l2_bytes.setValue(26)
    assert calc.result.frame_bytes == 200 + 26
    assert calc.result.kbps == pytest.approx(226 * 8 * 50 / 1000)


def test_invalid_combination_is_explained_in_red(calc):
    choose(calc.codec, "g729")
    choose(calc.l2, "ethernet")
    choose(calc.crtp, 2)  # cRTP is a serial-link feature: the engine refuses it on Ethernet
    assert calc.result is None
    assert calc.message.isVisible()
    assert calc.message.text().startswith("cRTP is not available on Ethernet")  # the control it names first
    assert "c62828" in calc.message.styleSheet()
    assert calc.model.rowCount() == 0
    choose(calc.crtp, 0)  # fixing the setting clears the message
    assert not calc.message.isVisible()
    assert calc.result is not None


def test_nat_t_with_getvpn_is_refused(calc):
    choose(calc.vpn, "getvpn")
    calc.nat_t.setChecked(True)
    assert calc.result is None
    assert calc.message.text().startswith("NAT-T:")


def test_explain_shows_formulas_with_numbers(calc):
    choose(calc.codec, "g729")
    assert not calc.formulas.isVisible()
    calc.explain.setChecked(True)
    assert calc.formulas.isVisible()
    text = calc.formulas.toPlainText()
    assert text.strip()
    assert "50" in text  # packets per second for 20 ms appear with their value
    calc.explain.setChecked(False)
    assert not calc.formulas.isVisible()


def test_load_design_takes_the_voice_and_vpn_policy(qtbot, document):
    from advisor.commands import SetFields

    document.push(SetFields("design.voice", {"codec": "g729"}))
    document.push(SetFields("design.vpn", {"technology": "dmvpn"}))
    calc = Calculator(document)
    qtbot.addWidget(calc)
    calc.load_design()
    spec = calc.spec()
    assert (spec.codec, spec.vpn) == ("g729", "dmvpn")
    assert calc.result is not None and calc.result.spec.vpn == "dmvpn"


@pytest.fixture
def following(qtbot, document):
    """A calculator on the sample design with G.729 and no VPN, as the window's dock has it."""
    from advisor.commands import SetFields

    document.push(SetFields("design.voice", {"codec": "g729"}))
    document.push(SetFields("design.vpn", {"technology": "none"}))
    calc = Calculator(document)
    qtbot.addWidget(calc)
    calc.resize(1200, 260)
    calc.show()
    return calc


def test_the_calculator_follows_the_design_and_the_selected_link(following, document):
    calc = following
    assert calc.follow.isChecked()
    # The design's codec and VPN, on the calculator's own layer 2 (Ethernet): Cisco TAC doc 7934, G.729 20 ms
    # over Ethernet = 31.2 kbps (not G.711's 87.2).
    assert (calc.spec().codec, calc.spec().vpn, calc.spec().l2) == ("g729", "none", "ethernet")
    assert calc.result.kbps == pytest.approx(31.2)
    assert "the design's voice and VPN settings" in calc.source.text()
    # One link selected: its layer 2. link-3 is PPP: doc 7934, G.729 over MP/FRF.12 (7 B) = 26.8 kbps.
    document.select(("link-3",))
    assert calc.spec().l2 == "ppp"
    assert calc.result.kbps == pytest.approx(26.8)
    assert "link 'Branch 2 – MPLS VPN'" in calc.source.text()  # as the findings name it (en dash, quoted)
    # The design changes: the calculator follows (G.711 over PPP, doc 7934: 82.8 kbps).
    from advisor.commands import SetFields

    document.push(SetFields("design.voice", {"codec": "g711"}))
    assert calc.result.kbps == pytest.approx(82.8)
    document.select(("link-3", "link-2"))  # two links: the design's settings again, on Ethernet
    assert calc.spec().l2 == "ppp"  # (the layer 2 shown stays: the design has none of its own)
    document.select(())
    assert calc.result.spec.codec == "g711"


def test_a_change_by_the_user_stops_following_until_ticked(following, document):
    calc = following
    calc.calls.setValue(10)  # not a design setting: still following, 10 × 31.2 = 312 kbps (doc 7934)
    assert calc.follow.isChecked() and calc.result.total_kbps == pytest.approx(312.0)
    choose(calc.codec, "g711")  # the user's own setting
    assert not calc.follow.isChecked()
    assert "Your own settings" in calc.source.text()
    document.select(("link-3",))  # the selection no longer changes the calculator
    assert (calc.spec().codec, calc.spec().l2) == ("g711", "ethernet")
    assert calc.result.kbps == pytest.approx(87.2)  # doc 7934: G.711 over Ethernet
    calc.follow.setChecked(True)  # "Follow the design" brings the design (and the selected link) back
    assert (calc.spec().codec, calc.spec().l2) == ("g729", "ppp")
    assert calc.result.kbps == pytest.approx(26.8)


def test_the_calculator_follows_the_recommended_vpn(qtbot, window):
    calc = window.calculator
    results = window.document.results
    assert window.document.design.vpn.technology == "recommend"
    from advisor import traffic

    assert calc.spec().vpn == traffic.TECHNOLOGY_VPN[results.recommendation.chosen]
    assert "the design's voice and VPN settings" in calc.source.text()
