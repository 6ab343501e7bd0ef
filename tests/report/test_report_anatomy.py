"""Per-call packet anatomy: the chosen encapsulation first, layers adding up, published figures in the PDF."""

from __future__ import annotations

from report_fixtures import pdf_text, results_for, star_design

from advisor.report import anatomy, build_pdf


def _gre_design():
    """Cisco V3PN SRND case: G.729, 20 ms, GRE over IPsec tunnel mode, 3DES + SHA1-96."""
    design = star_design(4, names=())
    return design.model_validate({**design.model_dump(), "voice": {"codec": "g729"},
                                  "vpn": {"technology": "gre-ipsec", "ipsec_mode": "tunnel", "cipher": "3des",
                                          "integrity": "sha1-96"}})


def test_chosen_bar_first_and_layers_add_up():
    design = _gre_design()
    results = results_for(design)
    bars, _ = anatomy.anatomy_bars(design, results)
    assert bars[0].chosen and bars[0].technology == "gre-ipsec"
    assert sum(b.chosen for b in bars) == 1
    assert {b.technology for b in bars} >= {"gre-ipsec", "getvpn", "dmvpn"}
    for bar in bars:
        assert sum(s.bytes for s in bar.segments) == bar.frame_bytes


def test_v3pn_figure_136_bytes_and_54_4_kbps_is_in_the_pdf():
    # Cisco V3PN SRND: G.729 20 ms in GRE over IPsec (tunnel, 3DES + SHA1-96) is 136 B per IP packet, 54.4 kbps L3.
    design = _gre_design()
    results = results_for(design)
    bars, _ = anatomy.anatomy_bars(design, results)
    assert bars[0].ip_packet_bytes == 136 and round(bars[0].kbps_ip, 2) == 54.40
    text = " ".join(pdf_text(build_pdf(design, results)).split())
    assert "IP packet = 20 IPv4 + 8 ESP + 8 ESP IV + pad(x) 88 + 12 ICV = 136 B" in text
    assert "54.40" in text


def test_reference_link_is_the_busiest():
    design = star_design(6, names=())
    results = results_for(design)
    busiest = max(results.links, key=lambda r: r.calls)
    assert anatomy.reference_link(design, results).id == busiest.id
