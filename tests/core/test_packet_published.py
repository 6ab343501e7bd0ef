"""Published per-call figures the engine must reproduce (SPEC 3.1.3), each with its source.

Published tables round to one decimal (kbps); we compare at the precision the source prints. Every value here was
also checked by hand against the formula: frame bytes × 8 × packets per second / 1000.
"""

import pytest

from advisor.packet import CallSpec, compute

DOC_7934 = "Cisco TAC doc 7934 'Voice Over IP - Per Call Bandwidth Consumption'"


def kbps(**kw) -> float:
    return compute(CallSpec(**kw)).kbps


# --- SPEC 3.1.3, first six rows: Cisco TAC doc 7934 ----------------------------------------------------------------
@pytest.mark.parametrize("l2", ["mlppp", "frf12", "ppp"])
def test_g711_20ms_mp_frf12_is_82_8(l2):
    assert round(kbps(codec="g711", ptime_ms=20, l2=l2), 1) == 82.8  # source: DOC_7934


def test_g711_20ms_crtp2_mp_frf12_is_67_6():
    assert round(kbps(codec="g711", ptime_ms=20, l2="frf12", crtp=2), 1) == 67.6  # source: DOC_7934


def test_g711_20ms_ethernet_is_87_2():
    r = compute(CallSpec(codec="g711", ptime_ms=20))  # source: DOC_7934
    assert (r.payload_bytes, r.ip_packet_bytes, r.frame_bytes, r.packets_per_second) == (160, 200, 218, 50)
    assert r.kbps == pytest.approx(87.2, abs=1e-9)


def test_g729_20ms_mp_frf12_is_26_8():
    assert round(kbps(codec="g729", ptime_ms=20, l2="mlppp"), 1) == 26.8  # source: DOC_7934


def test_g729_20ms_crtp2_mp_frf12_is_11_6():
    assert round(kbps(codec="g729", ptime_ms=20, l2="mlppp", crtp=2), 1) == 11.6  # source: DOC_7934


def test_g729_20ms_ethernet_is_31_2():
    assert kbps(codec="g729", ptime_ms=20) == pytest.approx(31.2, abs=1e-9)  # source: DOC_7934


# --- the rest of doc 7934's table (MP/FRF.12 7 B, cRTP 2 B + 7 B, Ethernet 18 B) -------------------------------------
DOC_7934_ROWS = [
    # codec, ptime, MP/FRF.12, cRTP MP/FRF.12, Ethernet, decimals printed by the source
    ("g723.1-6.3", 30, 18.9, 8.8, 21.9, 1),
    ("g723.1-5.3", 30, 17.9, 7.7, 20.8, 1),
    ("g726-32", 20, 50.8, 35.6, 55.2, 1),
    ("g726-24", 20, 42.8, 27.6, 47.2, 1),
    ("g728", 30, 28.5, 18.4, 31.5, 1),
    ("g722", 20, 82.8, 67.6, 87.2, 1),
    ("ilbc-20", 20, 34.0, 18.8, 38.4, 1),
    ("ilbc-30", 30, 25.867, 15.73, 28.8, 3),
]


@pytest.mark.parametrize("codec, ptime, mp, crtp, eth, places", DOC_7934_ROWS)
def test_doc_7934_table(codec, ptime, mp, crtp, eth, places):
    # source: DOC_7934 (full codec table); iLBC 30 is printed as 25.867 / 15.73 / 28.8.
    assert round(kbps(codec=codec, ptime_ms=ptime, l2="frf12"), places) == mp
    assert round(kbps(codec=codec, ptime_ms=ptime, l2="frf12", crtp=2), min(places, 2)) == crtp
    assert round(kbps(codec=codec, ptime_ms=ptime, l2="ethernet"), 1) == eth


def test_doc_7934_packets_per_second_is_exact_for_30ms():
    # doc 7934 prints 33.3 pps for 30 ms; the engine keeps 1000/30 exactly (SPEC 3.1: never rounded inside).
    r = compute(CallSpec(codec="g723.1-6.3"))
    assert r.packets_per_second == 1000 / 30
    assert r.kbps == (24 + 40 + 18) * 8 * (1000 / 30) / 1000


# --- ATM (AAL5, LLC/SNAP): 48-byte cells, 53 bytes each -------------------------------------------------------------
def test_atm_g711_20ms_is_106_0():
    # source: Cisco per-call ATM figures as quoted in the team brief from DOC_7934 (G.711 106.0, G.729 42.4 kbps);
    # checked by the AAL5 rule: (200 + 8 LLC/SNAP + 8 trailer) / 48 -> 5 cells x 53 B.
    r = compute(CallSpec(codec="g711", l2="atm"))
    assert (r.atm_cells, r.frame_bytes) == (5, 265)
    assert r.kbps == pytest.approx(106.0, abs=1e-9)


def test_atm_g729_20ms_is_42_4():
    # source: as above; (60 + 16) / 48 -> 2 cells x 53 B = 106 B.
    r = compute(CallSpec(codec="g729", l2="atm"))
    assert (r.atm_cells, r.frame_bytes) == (2, 106)
    assert r.kbps == pytest.approx(42.4, abs=1e-9)


# --- IPsec: Cisco V3PN SRND, IPsec overhead calculator, the seed, course material -----------------------------------
V3PN = "Cisco Voice and Video Enabled IPsec VPN (V3PN) SRND"


@pytest.mark.parametrize("codec, ip_bytes, kbps_ip", [("g729", 136, 54.4), ("g711", 280, 112.0)])
def test_v3pn_gre_over_ipsec_tunnel_3des_sha1(codec, ip_bytes, kbps_ip):
    # source: V3PN — G.729 becomes 136 B / 54.4 kbps, G.711 280 B / 112.0 kbps at layer 3.
    r = compute(CallSpec(codec=codec, vpn="gre-ipsec", ipsec_mode="tunnel", cipher="3des", integrity="sha1-96"))
    assert r.ip_packet_bytes == ip_bytes
    assert r.kbps_ip == pytest.approx(kbps_ip, abs=1e-9)


def test_ipsec_calculator_100_byte_packet_esp_tunnel_aes_sha1_is_168():
    # source: Cisco IPsec overhead calculator worked example: 20 + 8 + 16 + pad(100) 112 + 12 = 168.
    r = compute(CallSpec(codec="g729", ptime_ms=60, vpn="ipsec", ipsec_mode="tunnel"))
    assert r.clear_ip_bytes == 100
    assert r.ip_packet_bytes == 168
    assert r.esp_padding_bytes == 10


@pytest.mark.parametrize("mode, worst", [("tunnel", 97), ("transport", 77)])
def test_seed_gre_over_ipsec_worst_case_97_tunnel_77_transport(mode, worst):
    # source: the seed ("Security of Applications Moving to a Network"): GRE over IPsec adds up to 97 B in tunnel
    # mode and 77 B in transport mode (AES-CBC + SHA1-96: 20 + 8 + 16 + 20 + 4 + 15 + 2 + 12).
    for codec in ("g711", "g729", "g723.1-6.3", "ilbc-30"):
        r = compute(CallSpec(codec=codec, vpn="gre-ipsec", ipsec_mode=mode, gre_key=False))
        assert r.max_overhead_bytes == worst, codec
        assert r.overhead_bytes <= worst
    # The breakdown: the overhead layers other than the padding add up to worst − 15.
    r = compute(CallSpec(codec="g729", vpn="gre-ipsec", ipsec_mode=mode, l2="none"))
    added = {layer.name: layer.bytes for layer in r.layers if layer.kind in ("tunnel", "esp")}
    assert sum(added.values()) - added["ESP padding"] == worst - 15
    assert added["ESP IV"] == 16 and added["ESP ICV"] == 12 and added["GRE header"] == 4


def test_course_material_esp_tunnel_aes_sha1_worst_case_is_73():
    # source: Cisco course material — ESP tunnel mode, AES + SHA1-96: 20 + 8 + 16 + 15 + 2 + 12 = 73 B.
    for codec in ("g711", "g729"):
        assert compute(CallSpec(codec=codec, vpn="ipsec")).max_overhead_bytes == 73
