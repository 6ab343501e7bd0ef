"""The packet anatomy as plain data (advisor.anatomy): published figures, layers adding up, agreement with sizing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from advisor import io
from advisor.analysis import analyse
from advisor.anatomy import KIND_COLOUR, TECHNOLOGIES, Segment, anatomy_bars, reference_link, segment_colour
from advisor.model import Cloud, Design, Link, Site, VoicePolicy, VpnPolicy

ROOT = Path(__file__).resolve().parents[2]


def v3pn_design(*, nat_branch: bool = False) -> Design:
    """Cisco V3PN SRND case: G.729 20 ms, GRE over IPsec (hub-and-spoke), tunnel mode, 3DES + SHA1-96."""
    return Design(
        voice=VoicePolicy(codec="g729"),
        vpn=VpnPolicy(technology="gre-ipsec", ipsec_mode="tunnel", cipher="3des", integrity="sha1-96"),
        sites=(Site(id="hq", kind="hq", users=200, cucm_publisher=True), Site(id="b1", users=40),
               Site(id="b2", users=30)),
        clouds=(Cloud(id="inet", kind="internet"),),
        links=(Link(id="l-hq", a="hq", b="inet", capacity_kbps=4096),
               Link(id="l-b1", a="b1", b="inet", capacity_kbps=1024, nat=nat_branch),
               Link(id="l-b2", a="b2", b="inet", capacity_kbps=1024, l2="ppp")))


def test_v3pn_gre_over_ipsec_is_136_bytes_and_54_4_kbps():
    # Cisco Voice and Video Enabled IPsec VPN (V3PN) SRND: G.729 in GRE over IPsec, tunnel mode, 3DES/SHA1:
    # 136-byte IP packet, 54.4 kbps at layer 3.
    design = v3pn_design()
    bars, notes = anatomy_bars(design, analyse(design))
    chosen = bars[0]
    assert chosen.chosen and chosen.technology == "gre-ipsec"
    assert chosen.ip_packet_bytes == 136 and chosen.kbps_ip == pytest.approx(54.4)
    assert "IP packet = 20 IPv4 + 8 ESP + 8 ESP IV + pad(x) 88 + 12 ICV = 136 B" in chosen.formula
    assert sum(b.chosen for b in bars) == 1
    assert {b.technology for b in bars} <= set(TECHNOLOGIES)
    assert not notes


def test_segments_add_up_to_the_frame_and_the_ip_packet():
    design = v3pn_design()
    for bar in anatomy_bars(design, analyse(design))[0]:
        assert sum(s.bytes for s in bar.segments) == bar.frame_bytes
        assert sum(s.bytes for s in bar.segments if s.kind != "l2") == bar.ip_packet_bytes
        assert [s.kind for s in bar.segments][0] == "l2"  # wire order: the frame header first


def test_the_link_chooses_layer_2():
    design = v3pn_design()
    results = analyse(design)
    ethernet = anatomy_bars(design, results, design.links[0])[0][0]
    ppp = anatomy_bars(design, results, design.links[2])[0][0]
    assert ethernet.ip_packet_bytes == ppp.ip_packet_bytes == 136
    # SPEC §3.1.1 layer-2 table: Ethernet 14 header + 4 FCS = 18 B; PPP 6 header + 1 flag = 7 B.
    assert ethernet.frame_bytes == 136 + 18 and ppp.frame_bytes == 136 + 7


def test_nat_on_the_path_adds_nat_t_where_the_sizing_does():
    # A NATed branch in a hub-and-spoke overlay: its own link and the hub's carry NAT-T (+8 B); the other branch
    # does not (traffic.nat_links). Each chosen bar must match its link's figures in the results.
    design = v3pn_design(nat_branch=True)
    results = analyse(design)
    by_id = {r.id: r for r in results.links}
    sizes = {}
    for link in design.links:
        chosen = anatomy_bars(design, results, link)[0][0]
        assert (chosen.ip_packet_bytes, chosen.frame_bytes) == (by_id[link.id].ip_packet_bytes,
                                                                by_id[link.id].frame_bytes)
        assert chosen.kbps == pytest.approx(by_id[link.id].per_call_kbps)
        sizes[link.id] = chosen.ip_packet_bytes
    assert sizes == {"l-hq": 144, "l-b1": 144, "l-b2": 136}


def test_every_link_of_the_40_branch_example_matches_its_link_result():
    design = io.load(ROOT / "resources" / "examples" / "hq-40-branches-internet.json")
    results = analyse(design)
    by_id = {r.id: r for r in results.links}
    for link in design.links:
        chosen = anatomy_bars(design, results, link)[0][0]
        assert chosen.ip_packet_bytes == by_id[link.id].ip_packet_bytes, link.id


def test_reference_link_is_the_busiest_and_none_without_links():
    design = v3pn_design()
    results = analyse(design)
    assert reference_link(design, results).id == max(results.links, key=lambda r: r.calls).id
    empty = Design(sites=(Site(id="hq", kind="hq", users=10),))
    assert reference_link(empty, analyse(empty)) is None


def test_segment_colour_by_kind_with_fallbacks():
    assert segment_colour(Segment("ESP IV", 8, True, kind="esp")) == KIND_COLOUR["esp"]
    assert segment_colour(Segment("odd", 4, False)) == KIND_COLOUR["payload"]
    assert segment_colour(Segment("odd", 4, True)) not in (KIND_COLOUR["payload"], "")


def test_anatomy_loads_neither_reportlab_nor_qt():
    code = ("import sys\nfrom advisor.anatomy import anatomy_bars\nfrom advisor.analysis import analyse\n"
            "from advisor.model import Design, Site, Cloud, Link\n"
            "d = Design(sites=(Site(id='a', kind='hq', users=10),), clouds=(Cloud(id='c'),),"
            " links=(Link(id='l', a='a', b='c'),))\n"
            "assert anatomy_bars(d, analyse(d))[0]\n"
            "bad = [m for m in ('reportlab', 'PySide6', 'pyqtgraph', 'advisor.ui', 'advisor.report') "
            "if m in sys.modules]\nassert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
