"""Packet engine rules (SPEC 3.1.1, 3.1.2): each encapsulation's formula, layer 2, SRTP, refusals, JSON, formulas."""

import math

import pytest

from advisor.esp import pad
from advisor.packet import L2_CONVENTIONS, CallSpec, PacketError, compute, formula_lines


def ip(**kw) -> int:
    return compute(CallSpec(**kw)).ip_packet_bytes


G729_P = 60  # 20 B payload + 40 B IPv4/UDP/RTP
G711_P = 200


# --- SPEC 3.1.1 formulas, with the cipher table (AES-CBC IV 16 B 16; 3DES IV 8 B 8; GCM IV 8 B 4 ICV 16) ----------
def test_gre_without_and_with_key():
    assert ip(codec="g729", vpn="gre") == 20 + 4 + G729_P
    assert ip(codec="g729", vpn="gre", gre_key=True) == 20 + 8 + G729_P


def test_esp_tunnel_and_transport():
    assert ip(codec="g729", vpn="ipsec") == 20 + 8 + 16 + pad(G729_P, 16) + 12
    assert ip(codec="g729", vpn="ipsec", ipsec_mode="transport") == 20 + 8 + 16 + pad(G729_P - 20, 16) + 12


def test_gre_over_ipsec_tunnel_and_transport():
    assert ip(codec="g711", vpn="gre-ipsec", ipsec_mode="tunnel") == 20 + 8 + 16 + pad(20 + 4 + G711_P, 16) + 12
    # default: transport mode, the GRE delivery header stays outside ESP (Cisco practice for GRE over IPsec)
    assert ip(codec="g711", vpn="gre-ipsec") == 20 + 8 + 16 + pad(4 + G711_P, 16) + 12
    assert ip(codec="g711", vpn="gre-ipsec", ipsec_mode="transport") == 20 + 8 + 16 + pad(4 + G711_P, 16) + 12


def test_dmvpn_defaults_to_transport_mode_with_gre_key():
    r = compute(CallSpec(codec="g729", vpn="dmvpn"))
    assert r.ip_packet_bytes == 20 + 8 + 16 + pad(8 + G729_P, 16) + 12 == 136
    assert r.gre_bytes == 8
    assert "transport" in r.encapsulation and "GRE key" in r.encapsulation
    assert ip(codec="g729", vpn="dmvpn", ipsec_mode="tunnel") == 20 + 8 + 16 + pad(20 + 8 + G729_P, 16) + 12
    assert ip(codec="g729", vpn="dmvpn", gre_key=False) == 20 + 8 + 16 + pad(4 + G729_P, 16) + 12


def test_getvpn_is_tunnel_mode_with_header_preservation_and_optional_metadata():
    assert ip(codec="g729", vpn="getvpn") == ip(codec="g729", vpn="ipsec") == 20 + 8 + 16 + pad(G729_P, 16) + 12
    r = compute(CallSpec(codec="g729", vpn="getvpn", getvpn_metadata_bytes=12))
    assert r.ip_packet_bytes == 20 + 8 + 16 + pad(12 + G729_P, 16) + 12
    assert any("metadata" in layer.name for layer in r.layers)
    assert any("GET VPN metadata: 12 B" in c for c in r.conventions)


def test_getvpn_metadata_is_ignored_by_other_vpns():
    assert ip(codec="g729", vpn="ipsec", getvpn_metadata_bytes=12) == ip(codec="g729", vpn="ipsec")


def test_nat_t_adds_8_bytes_outside_esp():
    for vpn in ("ipsec", "gre-ipsec", "dmvpn"):
        assert ip(codec="g711", vpn=vpn, nat_t=True) == ip(codec="g711", vpn=vpn) + 8
    names = [layer.name for layer in compute(CallSpec(vpn="ipsec", nat_t=True)).layers]
    assert names.index("NAT-T UDP header") < names.index("ESP header")


@pytest.mark.parametrize("cipher, iv, block", [("3des", 8, 8), ("des", 8, 8), ("aes-cbc", 16, 16)])
def test_cbc_ciphers(cipher, iv, block):
    assert ip(codec="g711", vpn="ipsec", cipher=cipher) == 20 + 8 + iv + pad(G711_P, block) + 12


@pytest.mark.parametrize("integrity, icv", [("sha1-96", 12), ("md5-96", 12), ("sha256-128", 16), ("sha384", 24),
                                            ("sha512", 32), ("none", 0)])
def test_integrity_icv_sizes(integrity, icv):
    assert ip(codec="g711", vpn="ipsec", integrity=integrity) == 20 + 8 + 16 + pad(G711_P, 16) + icv


def test_aes_gcm_carries_its_own_icv_and_ignores_integrity():
    expected = 20 + 8 + 8 + pad(G711_P, 4) + 16
    assert ip(vpn="ipsec", cipher="aes-gcm", integrity="none") == expected
    r = compute(CallSpec(vpn="ipsec", cipher="aes-gcm", integrity="sha512"))
    assert r.ip_packet_bytes == expected
    icv = next(layer for layer in r.layers if layer.name == "ESP ICV")
    assert icv.bytes == 16 and "ignored" in icv.note
    assert r.max_overhead_bytes - r.overhead_bytes == 3 - r.esp_padding_bytes


def test_ipv6_every_ip_header_is_40_bytes():
    r = compute(CallSpec(codec="g729", ipv6=True))
    assert r.clear_ip_bytes == 20 + 60
    assert ip(codec="g729", ipv6=True, vpn="gre") == 40 + 4 + 80
    assert ip(codec="g729", ipv6=True, vpn="gre-ipsec", ipsec_mode="tunnel") == 40 + 8 + 16 + pad(40 + 4 + 80, 16) + 12
    assert ip(codec="g729", ipv6=True, vpn="ipsec", ipsec_mode="transport") == 40 + 8 + 16 + pad(80 - 40, 16) + 12
    assert any("40 B" in c for c in r.conventions)


def test_mpls_labels_are_core_only():
    plain, labelled = compute(CallSpec()), compute(CallSpec(mpls_labels=2))
    assert labelled.core_bytes == 8 and len(labelled.core_layers) == 2
    assert (labelled.ip_packet_bytes, labelled.frame_bytes, labelled.kbps) == (
        plain.ip_packet_bytes, plain.frame_bytes, plain.kbps)
    assert all("core" in layer.note for layer in labelled.core_layers)


# --- SRTP and cRTP (SPEC 3.1) ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("suite, tag", [("sha1-80", 10), ("sha1-32", 4), ("gcm", 16)])
def test_srtp_tag_is_part_of_the_clear_packet(suite, tag):
    r = compute(CallSpec(codec="g729", srtp=suite, srtp_mki_bytes=4, vpn="gre-ipsec", ipsec_mode="tunnel"))
    assert r.clear_ip_bytes == G729_P + tag + 4
    assert r.ip_packet_bytes == 20 + 8 + 16 + pad(24 + r.clear_ip_bytes, 16) + 12
    assert r.overhead_bytes == r.ip_packet_bytes - r.clear_ip_bytes  # the SRTP tag is not tunnel overhead


@pytest.mark.parametrize("crtp", [2, 4])
def test_crtp_replaces_the_40_header_bytes(crtp):
    r = compute(CallSpec(codec="g729", crtp=crtp, l2="ppp"))
    assert r.clear_ip_bytes == 20 + crtp
    assert r.frame_bytes == 20 + crtp + 7
    ipv6 = compute(CallSpec(codec="g729", crtp=crtp, l2="ppp", ipv6=True))
    assert ipv6.clear_ip_bytes == 20 + crtp


# --- layer 2 (SPEC 3.1.2) ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("l2, added", [("ethernet", 18), ("dot1q", 22), ("ethernet-wire", 38), ("ppp", 7),
                                       ("mlppp", 7), ("frf12", 7), ("frame-relay", 7), ("none", 0)])
def test_fixed_layer2_counts(l2, added):
    r = compute(CallSpec(codec="g711", l2=l2))
    assert r.l2_bytes == added and r.frame_bytes == 200 + added
    assert L2_CONVENTIONS[l2].bytes == added and L2_CONVENTIONS[l2].source
    assert r.l2_convention == L2_CONVENTIONS[l2].description


def test_custom_layer2_and_the_byte_count_is_only_for_custom():
    r = compute(CallSpec(l2="custom", l2_bytes=26))
    assert r.frame_bytes == 226 and "26 B" in r.l2_convention
    assert compute(CallSpec(l2="ethernet", l2_bytes=26)).frame_bytes == 218  # as Link.l2_bytes: custom only


def test_atm_llc_snap_versus_vc_mux():
    # G.726-24, 15 ms: 45 B payload, 85 B packet. LLC/SNAP: 85 + 16 = 101 -> 3 cells; VC-mux: 93 -> 2 cells.
    llc = compute(CallSpec(codec="g726-24", ptime_ms=15, l2="atm"))
    mux = compute(CallSpec(codec="g726-24", ptime_ms=15, l2="atm-vcmux"))
    assert (llc.ip_packet_bytes, llc.atm_cells, llc.frame_bytes) == (85, 3, 159)
    assert (mux.atm_cells, mux.frame_bytes) == (2, 106)
    assert math.ceil((85 + 8 + 8) / 48) == 3 and math.ceil((85 + 8) / 48) == 2


@pytest.mark.parametrize("spec", [CallSpec(), CallSpec(codec="g729", vpn="gre-ipsec", l2="atm", nat_t=True),
                                  CallSpec(l2="ethernet-wire", vpn="dmvpn", srtp="gcm"),
                                  CallSpec(codec="g728", l2="custom", l2_bytes=9, vpn="getvpn")])
def test_layers_add_up_in_wire_order(spec):
    r = compute(spec)
    assert sum(layer.bytes for layer in r.layers) == r.frame_bytes
    assert sum(layer.bytes for layer in r.layers if layer.kind != "l2") == r.ip_packet_bytes
    assert [layer.overhead for layer in r.layers].count(False) == 1  # only the voice payload is not overhead
    kinds = [layer.kind for layer in r.layers]
    assert kinds.index("payload") > max((i for i, k in enumerate(kinds) if k in ("tunnel",)), default=-1)


# --- refusals: a message and the field at fault ----------------------------------------------------------------------
@pytest.mark.parametrize("kw, field, words", [
    ({"crtp": 2}, "crtp", "not available on Ethernet"),
    ({"crtp": 2, "l2": "dot1q"}, "crtp", "not available on Ethernet"),
    ({"crtp": 4, "l2": "ethernet-wire"}, "crtp", "not available on Ethernet"),
    ({"crtp": 2, "l2": "ppp", "vpn": "gre-ipsec"}, "crtp", "inside a GRE over IPsec tunnel"),
    ({"crtp": 2, "l2": "frf12", "vpn": "getvpn"}, "crtp", "inside a GET VPN tunnel"),
    ({"crtp": 2, "l2": "ppp", "vpn": "gre"}, "crtp", "inside a GRE tunnel"),
    ({"crtp": 3, "l2": "ppp"}, "crtp", "'3'"),
    ({"nat_t": True}, "nat_t", "NAT traversal"),
    ({"nat_t": True, "vpn": "gre"}, "nat_t", "NAT traversal"),
    ({"nat_t": True, "vpn": "getvpn"}, "nat_t", "does not survive NAT"),
    ({"vpn": "getvpn", "ipsec_mode": "transport"}, "ipsec_mode", "header preservation"),
    ({"l2": "custom"}, "l2_bytes", "needs its byte count"),
    ({"l2": "custom", "l2_bytes": -1}, "l2_bytes", "0 to 200"),
    ({"l2": "token-ring"}, "l2", "'token-ring'"),
    ({"vpn": "l2tp"}, "vpn", "'l2tp'"),
    ({"cipher": "rc4"}, "cipher", "'rc4'"),
    ({"integrity": "crc"}, "integrity", "'crc'"),
    ({"srtp": "aes"}, "srtp", "'aes'"),
    ({"srtp_mki_bytes": 4}, "srtp_mki_bytes", "needs an SRTP suite"),
    ({"codec": "speex"}, "codec", "unknown codec 'speex'"),
    ({"ptime_ms": 15}, "ptime_ms", "whole number"),
    ({"bitrate_kbps": 24}, "bitrate_kbps", "variable-rate"),
    ({"calls": -1}, "calls", "0 or more"),
    ({"calls": 2.5}, "calls", "whole number"),
    ({"mpls_labels": 99}, "mpls_labels", "0 to 8"),
    ({"getvpn_metadata_bytes": -4}, "getvpn_metadata_bytes", "0 to 64"),
    ({"nat_t": "yes"}, "nat_t", "true or false"),
])
def test_impossible_or_bad_specs_are_refused_with_the_field(kw, field, words):
    with pytest.raises(PacketError) as info:
        compute(CallSpec(**kw))
    assert info.value.field == field
    assert words in str(info.value)
    assert isinstance(info.value, ValueError)


def test_crtp_is_fine_on_serial_links_and_custom():
    # G.711 20 ms: 160 B of voice + 2 B of cRTP header = 162 B; custom 5 B of layer 2 → 167 B
    for l2 in ("ppp", "mlppp", "frf12", "frame-relay"):
        assert compute(CallSpec(crtp=2, l2=l2)).clear_ip_bytes == 162
    custom = compute(CallSpec(crtp=2, l2="custom", l2_bytes=5))
    assert custom.frame_bytes == 167
    assert "custom layer 2" in next(layer.note for layer in custom.layers if layer.name == "cRTP header")


@pytest.mark.parametrize(("l2", "words"), [("atm", "PPP over ATM"), ("atm-vcmux", "PPP over ATM"),
                                           ("none", "no layer 2 is counted"), ("dot1q", "not available on Ethernet")])
def test_crtp_is_refused_where_the_design_sizing_leaves_it_out(l2, words):
    with pytest.raises(PacketError) as info:
        compute(CallSpec(crtp=2, l2=l2))
    assert info.value.field == "crtp" and words in str(info.value)


def test_the_calculator_and_the_design_sizing_take_crtp_on_the_same_layers_2():
    """`advisor calc` and `advisor check` must give one per-call figure for the same settings: cRTP is counted on
    the serial conventions only (a custom layer 2 is the calculator's user's own word, and a finding's in a design)."""
    from advisor.layer2 import L2_CONVENTIONS
    from advisor.traffic import SERIAL_L2

    assert {k for k, c in L2_CONVENTIONS.items() if c.crtp_allowed} - {"custom"} == set(SERIAL_L2)


# --- outputs --------------------------------------------------------------------------------------------------------
def test_to_json_has_the_spec_4_2_names():
    r = compute(CallSpec(codec="g729", vpn="gre-ipsec", ipsec_mode="tunnel", cipher="3des", calls=10))
    out = r.to_json()
    for key in ("payload_bytes", "packets_per_second", "ip_packet_bytes", "frame_bytes", "kbps_ip", "kbps",
                "overhead_bytes", "max_overhead_bytes", "layers", "total_kbps"):
        assert key in out, key
    assert out["ip_packet_bytes"] == 136 and out["total_kbps"] == pytest.approx(10 * out["kbps"])
    assert all({"name", "bytes"} <= set(layer) for layer in out["layers"])
    assert sum(layer["bytes"] for layer in out["layers"]) == out["frame_bytes"]


def test_total_kbps_scales_with_calls():
    one = compute(CallSpec(codec="g729", calls=1))
    assert compute(CallSpec(codec="g729", calls=24)).total_kbps == pytest.approx(24 * one.kbps, rel=1e-12)
    assert compute(CallSpec(codec="g729", calls=0)).total_kbps == 0


def test_formula_lines_show_the_numbers():
    r = compute(CallSpec(codec="g729", vpn="gre-ipsec", ipsec_mode="tunnel", cipher="3des"))
    text = "\n".join(formula_lines(r))
    assert "payload = 20 ms / 10 ms × 10 B = 2 × 10 B = 20 B" in text
    assert "x = 20 IPv4 + 4 GRE + 60 of P = 84 B" in text
    assert "pad(x) = ceil((84 + 2) / 8) × 8 = 88 B" in text
    assert "IP packet = 20 IPv4 + 8 ESP + 8 ESP IV + pad(x) 88 + 12 ICV = 136 B" in text
    assert "136 B × 8 × 50 pps / 1,000 = 54.40 kbps" in text
    assert "worst-case overhead = 76 − 2 padding + 7 (B − 1) = 81 B" in text


def test_formula_lines_for_plain_atm_and_transport():
    atm = "\n".join(formula_lines(compute(CallSpec(codec="g711", l2="atm"))))
    assert "frame = 5 cells × 53 B = 265 B" in atm and "IP packet = P = 200 B" in atm
    transport = "\n".join(formula_lines(compute(CallSpec(codec="g729", vpn="ipsec", ipsec_mode="transport"))))
    assert "x = 40 of P = 40 B" in transport
    assert "IP packet = 20 IPv4 + 8 ESP + 16 ESP IV + pad(x) 48 + 12 ICV = 104 B" in transport


def test_ethernet_pads_tiny_packets_to_the_64_byte_minimum_frame():
    # IEEE 802.3: 46 B minimum payload (42 B with an 802.1Q tag). G.728 at 2.5 ms: 5 + 40 = 45 B.
    r = compute(CallSpec(codec="g728", ptime_ms=2.5))
    assert (r.ip_packet_bytes, r.frame_bytes) == (45, 64)
    assert any(layer.name == "Ethernet padding" and layer.bytes == 1 for layer in r.layers)
    assert compute(CallSpec(codec="g728", ptime_ms=2.5, l2="dot1q")).frame_bytes == 45 + 22
    assert compute(CallSpec(codec="g728", ptime_ms=2.5, l2="ppp")).frame_bytes == 45 + 7


def test_formula_lines_print_totals_as_every_other_figure():
    # G.711 20 ms on Ethernet: 160 B + 40 B RTP/UDP/IP = 200 B, + 18 B = 218 B × 8 × 50 pps = 87.20 kbps per call;
    # × 13 calls = 1,133.60 kbps, with its thousands separator as the answers and tables print it
    text = "\n".join(formula_lines(compute(CallSpec(codec="g711", l2="ethernet", calls=13))))
    assert "total = 87.20 kbps × 13 calls = 1,133.60 kbps per direction" in text


def test_the_formula_groups_the_call_count_as_the_totals_do():
    # G.729 20 ms on Ethernet: (20 + 40 + 18) B × 8 × 50 pps / 1000 = 31.2 kbps; × 1,000,000 calls = 31,200,000 kbps
    lines = formula_lines(compute(CallSpec(codec="g729", calls=1_000_000)))
    assert "total = 31.20 kbps × 1,000,000 calls = 31,200,000.00 kbps per direction" in lines
