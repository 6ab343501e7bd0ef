"""Mouth-to-ear delay budget (DEP-DELAY) and link fragmentation and interleaving (BW-LFI), with hand arithmetic.

Oracles use confirmed or secondary figures only: G.729 coder delay 18 ms (Cisco "Understanding Delay in Packet Voice
Networks": 10 compression + 3 decompression + 5 algorithmic), G.711 0.125 ms (one sample), the 10 ms fragment rule
(Cisco "Quality of Service for Voice over IP", Table 2). Frame bytes by hand: G.729 20 ms = 20 B voice + 40 B
IP/UDP/RTP = 60 B IP (+10 B SRTP SHA1-80 tag); Ethernet adds 18 B, PPP 7 B (Cisco per-call convention).
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
from pathlib import Path

import pytest

from advisor import io, tables, traffic
from advisor.codecs import all_codecs
from advisor.model import Design
from advisor.rules import delay
from advisor.tables import load_table

DATA = Path(__file__).resolve().parents[1] / "data" / "acceptance" / "delay"


def design(sites, links, clouds=("wan",), **top) -> Design:
    return Design.model_validate({
        "sites": list(sites), "clouds": [{"id": c, "name": "Provider WAN", "kind": "mpls"} for c in clouds],
        "links": [dict(zip(("id", "a", "b"), ln[:3], strict=True), **(ln[3] if len(ln) > 3 else {}))
                  for ln in links], **top})


HQ = {"id": "hq", "name": "Ljubljana HQ", "kind": "hq", "users": 100, "cucm_publisher": True}
B1 = {"id": "b1", "name": "Maribor", "users": 20}
B2 = {"id": "b2", "name": "Koper", "users": 20}


def check(d: Design, sizing=None):
    """The local harness: what deployment.py and the analysis will call, on one design."""
    rows, out = [], []
    delay.delay_check(d, sizing, rows, out)
    return rows, out


def run_file(name: str):
    """An acceptance design through the sizing and both checks (the design names its VPN technology)."""
    d = io.load(DATA / f"{name}.json")
    sizing = traffic.size(d, d.vpn.technology)
    rows, out = check(d, sizing)
    return d, sizing, rows, out + delay.lfi_check(d, sizing)


def hub_design(**top) -> Design:
    # G.729 20 ms, no SRTP, Ethernet: 60 + 18 = 78 B = 624 bits per frame.
    return design([HQ, B1, B2], [("l-hq", "hq", "wan", {"rtt_ms": 20, "capacity_kbps": 1024}),
                                 ("l-b1", "b1", "wan", {"rtt_ms": 60, "capacity_kbps": 512}),
                                 ("l-b2", "b2", "wan", {"rtt_ms": 100, "capacity_kbps": 256})],
                  voice={"codec": "g729"}, vpn={"technology": "mpls-isolation"}, **top)


# --- the budget, by hand ----------------------------------------------------------------------------------------

def test_g729_spoke_to_spoke_through_a_hub_by_hand():
    d = hub_design()
    sizing = dataclasses.replace(traffic.size(d, "mpls-isolation"), hub="hq")  # calls relayed by the HQ
    assert {lr.id: lr.frame_bytes for lr in sizing.links} == {"l-hq": 78, "l-b1": 78, "l-b2": 78}
    b = delay.budget(d, sizing, "b1", "b2")
    assert b.nodes == ("b1", "wan", "hq", "wan", "b2") and b.hub == "hq"
    assert [h.link for h in b.hops] == ["l-b1", "l-hq", "l-hq", "l-b2"]
    # serialization: 624/512 + 624/1024 + 624/1024 + 624/256 = 1.21875 + 0.609375 × 2 + 2.4375 = 4.875 ms
    assert b.serialization_ms == pytest.approx(4.875)
    # propagation: 60/2 + 20/2 + 20/2 + 100/2 = 100 ms
    assert b.propagation_ms == pytest.approx(100)
    # 18 (G.729) + 20 (packetization) + 4.875 + 100 + 60 (jitter buffer) = 202.875 ms
    assert b.total_ms == pytest.approx(202.875) and b.over
    assert dict(b.terms()) == pytest.approx({"coder delay": 18, "packetization": 20, "serialization": 4.875,
                                             "propagation": 100, "jitter buffer": 60})
    rows, out = check(d, sizing)
    (f,) = out
    assert f.code == "DEP-DELAY" and f.severity == "warning"
    # hq's worst partner is b2: 98 + 0.609375 + 10 + 2.4375 + 50 = 161.046875 > 150, so all three are over
    assert f.subjects == ("hq", "b1", "b2")
    for text in ("202.875 ms", "coder delay 18 ms (G.729)", "packetization 20 ms", "serialization 4.875 ms over 4",
                 "propagation 100 ms", "jitter buffer 60 ms", "150 ms target", "through hub 'Ljubljana HQ'",
                 "Maribor → Provider WAN → Ljubljana HQ → Provider WAN → Koper"):
        assert text in f.message, text
    assert "ITU-T G.114" in f.rationale and "Understanding Delay in Packet Voice Networks" in f.rationale
    assert "200 ms one-way (or 250 ms as a limit)" in f.rationale
    assert "DMVPN phase 3" in f.remedy and "200 ms" in f.remedy
    assert rows[0][:2] == ("mouth-to-ear delay", "fail")


def test_without_a_hub_the_call_goes_direct_through_the_cloud():
    d = hub_design()
    sizing = traffic.size(d, "mpls-isolation")
    assert sizing.hub is None
    b = delay.worst_budget(d, sizing)
    # b1 → wan → b2: 98 + (1.21875 + 30) + (2.4375 + 50) = 181.65625 ms
    assert {b.a, b.b} == {"b1", "b2"} and b.hub is None and len(b.hops) == 2
    assert b.total_ms == pytest.approx(181.65625)


def test_140_ms_one_way_used_to_pass_and_now_fails():
    d, sizing, rows, out = run_file("delay_fire_140_one_way_leased")
    assert d.links[0].rtt_ms / 2 == 140 < 150  # the old check compared RTT/2 alone with 150 ms: it passed
    b = delay.worst_budget(d, sizing)
    # G.711 20 ms + SRTP on Ethernet: 160 + 40 + 10 + 18 = 228 B; 228 × 8 / 4096 = 0.4453125 ms
    # 0.125 + 20 + 0.4453125 + 140 + 60 = 220.5703125 ms
    assert b.serialization_ms == pytest.approx(0.4453125)
    assert b.total_ms == pytest.approx(220.5703125)
    assert [(f.code, f.subjects) for f in out] == [("DEP-DELAY", ("hq", "br1"))]
    assert "220.57 ms" in out[0].message


def test_the_same_path_passes_against_cisco_250_ms_limit():
    d, sizing, rows, out = run_file("delay_near_140_one_way_cisco_limit_250")
    assert out == [] and rows[0][1] == "ok" and "220.57 ms" in rows[0][2] and "target 250 ms" in rows[0][2]


def test_exactly_at_the_target_passes_and_a_tenth_above_fails():
    # G.729 + SRTP on PPP: 70 + 7 = 77 B = 616 bits; 616 / 1232 kbps = 0.5 ms
    _, _, rows, out = run_file("delay_near_g729_exactly_150")  # 18 + 20 + 0.5 + 51.5 + 60 = 150
    assert out == [] and rows[0][1] == "ok" and ": 150 ms =" in rows[0][2]
    _, _, rows, out = run_file("delay_fire_g729_150_1")  # 18 + 20 + 0.5 + 51.6 + 60 = 150.1
    assert [(f.code, f.subjects) for f in out] == [("DEP-DELAY", ("hq", "br1"))] and "150.1 ms" in out[0].message


def test_the_jitter_buffer_counts():
    d, sizing, rows, out = run_file("delay_fire_jitter_buffer_110")  # 18 + 20 + 0.5 + 10 + 110 = 158.5
    assert [f.code for f in out] == ["DEP-DELAY"] and "158.5 ms" in out[0].message
    smaller = d.model_copy(update={"delay": d.delay.model_copy(update={"jitter_buffer_ms": 100.0})})
    rows, out = check(smaller, sizing)  # 148.5 ms
    assert out == [] and "148.5 ms" in rows[0][2]


def test_hub_overlay_relays_spoke_to_spoke_calls():
    d, sizing, rows, out = run_file("delay_fire_hub_gre_spoke_to_spoke")
    assert sizing.hub == "hq"
    (f,) = [f for f in out if f.code == "DEP-DELAY"]
    assert f.subjects == ("br1", "br2")  # the HQ reaches each spoke in one leg
    b = delay.worst_budget(d, sizing)
    assert b.nodes == ("br1", "inet", "hq", "inet", "br2") and b.propagation_ms == pytest.approx(100)
    frames = {lr.id: lr.frame_bytes for lr in sizing.links}
    ser = sum(frames[h] * 8 / kbps for h, kbps in (("l-br1", 2048), ("l-hq", 10000), ("l-hq", 10000),
                                                   ("l-br2", 2048)))
    assert b.total_ms == pytest.approx(18 + 20 + ser + 100 + 60)
    spoke = delay.budget(d, sizing, "br1", "hq")  # one leg: 18 + 20 + ser + 30 + 20 + 60 < 150
    assert spoke.nodes == ("br1", "inet", "hq") and not spoke.over


def test_pstn_calls_hauled_to_a_central_gateway_count():
    d = design([HQ, B1], [("l-hq", "hq", "wan", {"rtt_ms": 20}), ("l-b1", "b1", "wan", {"rtt_ms": 200})],
               voice={"codec": "g729"},
               traffic={"intra_site_share": 0.8, "on_net_share": 0.0, "pstn_share": 0.2,
                        "central_pstn_site": "hq"})
    sizing = traffic.size(d, "none")
    rows, out = check(d, sizing)
    assert [f.subjects for f in out] == [("b1",)]  # only Maribor's calls cross the WAN (to the gateway)
    assert "'Maribor' and 'Ljubljana HQ'" in out[0].message


def test_no_calls_between_sites_is_not_applicable():
    d = design([HQ, B1], [("l-hq", "hq", "wan"), ("l-b1", "b1", "wan")],
               traffic={"intra_site_share": 1.0, "on_net_share": 0.0, "pstn_share": 0.0})
    assert check(d, traffic.size(d, "none")) == ([("mouth-to-ear delay", "n/a", "no calls between sites")], [])


def test_without_a_sizing_serialization_is_left_out_and_said_so():
    d = hub_design()
    rows, out = check(d, None)
    b = delay.worst_budget(d, None)
    assert b.serialization_ms == 0 and not b.serialization_known
    assert b.total_ms == pytest.approx(98 + 80)  # b1 → b2 direct: 30 + 50 ms propagation
    assert "serialization not counted" in rows[0][2]


@pytest.mark.parametrize("seed", range(8))
def test_worst_path_matches_all_pairs_on_random_trees_and_meshes(seed):
    rnd = random.Random(seed)
    n = rnd.randint(4, 10)
    sites = [HQ] + [{"id": f"s{i}", "users": rnd.choice([0, 10, 30])} for i in range(1, n)]
    links = [(f"t{i}", sites[i]["id"], sites[rnd.randrange(i)]["id"],
              {"rtt_ms": rnd.randint(10, 200), "capacity_kbps": rnd.choice([128, 512, 2048])}) for i in range(1, n)]
    if seed % 2:  # add cycles
        links += [(f"m{k}", "hq", sites[rnd.randrange(1, n)]["id"], {"rtt_ms": rnd.randint(10, 400)})
                  for k in range(2)]
        links = list({(ln[1], ln[2]): ln for ln in links if ln[1] != ln[2]}.values())
    d = design(sites, links, clouds=(), voice={"codec": "g729"})
    sizing = traffic.size(d, "none")
    ids = [s.id for s in d.sites if s.phone_count > 0]
    brute = max(delay.budget(d, sizing, a, b).total_ms for a in ids for b in ids if a != b)
    assert delay.worst_budget(d, sizing).total_ms == pytest.approx(brute)


def _star(n: int, tech: str) -> Design:
    sites = [HQ] + [{"id": f"b{i}", "users": 10} for i in range(n)]
    links = [("l-hq", "hq", "wan", {"rtt_ms": 10})] + [
        (f"l{i}", f"b{i}", "wan", {"rtt_ms": 5 + i % 90, "capacity_kbps": (256, 512, 2048)[i % 3]})
        for i in range(n)]
    return design(sites, links, vpn={"technology": tech})


@pytest.mark.parametrize("tech", ["gre-ipsec", "getvpn"])
def test_ten_thousand_sites_cost_one_budget_and_work_linear_in_sites(tech, monkeypatch):
    """Structural, never timed: the worst pair of 10,000 calling sites is found without pricing pairs. The full
    budget is worked out once (for the worst pair), and the per-site figures grow with the sites (1,000 → 10,000
    sites: at most 11 times the formatting steps), where pricing every pair would grow a hundredfold."""
    counts = {"budget": 0, "ms": 0}
    for name in counts:
        real = getattr(delay, name)

        def counted(*a, _real=real, _name=name, **k):
            counts[_name] += 1
            return _real(*a, **k)
        monkeypatch.setattr(delay, name, counted)
    work = {}
    for n in (1_000, 10_000):
        d = _star(n, tech)
        sizing = traffic.size(d, tech)
        for name in counts:
            counts[name] = 0
        _, out = check(d, sizing)
        delay.lfi_check(d, sizing)
        assert counts["budget"] == 1, n
        work[n] = counts["ms"]
        assert [f.code for f in out] == ["DEP-DELAY"], out  # the worst pair is over the target: one finding
    assert work[1_000] > 0 and work[10_000] <= 11 * work[1_000], work


# --- link fragmentation and interleaving -------------------------------------------------------------------------

def test_lfi_fires_on_a_512_kbps_link_with_data():
    _, _, _, out = run_file("lfi_fire_512_with_data")
    (f,) = out
    assert (f.code, f.severity, f.subjects) == ("BW-LFI", "warning", ("l-br1",))
    # fragment: 512 × 10 / 8 = 640 B; a 1500-byte packet: 1500 × 8 / 512 = 23.4375 ms
    assert "640 bytes" in f.message and "23.438 ms" in f.message and "1,500-byte" in f.message
    assert "Quality of Service for Voice over IP" in f.rationale and "never be lower than the VoIP" in f.rationale
    assert "ppp multilink interleave" in f.remedy


@pytest.mark.parametrize("name", ["lfi_near_768_with_data", "lfi_near_512_voice_only"])
def test_lfi_near_misses(name):
    assert run_file(name)[3] == []


@pytest.mark.parametrize("kbps, fragment", [(56, 70), (64, 80), (128, 160), (256, 320), (512, 640)])
def test_lfi_fragment_sizes_follow_ciscos_10_ms_table(kbps, fragment):
    # G.729 without SRTP on PPP: 67 B frames, smaller than every fragment in the table
    d = design([HQ, B1], [("l", "hq", "b1", {"capacity_kbps": kbps, "l2": "ppp"})], clouds=(),
               voice={"codec": "g729"})
    (f,) = delay.lfi_check(d, traffic.size(d, "none"))
    assert f"fragment data to {fragment} bytes" in f.message
    assert f"{1500 * 8 / kbps:.3f}".rstrip("0").rstrip(".") + " ms" in f.message


def test_lfi_fragment_never_smaller_than_the_voice_frame():
    # G.711 + SRTP on PPP: 160 + 40 + 10 + 7 = 217 B, above 128 kbps' 160 B fragment
    d = design([HQ, B1], [("l", "hq", "b1", {"capacity_kbps": 128, "l2": "ppp"})], clouds=(),
               voice={"codec": "g711", "srtp": "sha1-80"})
    (f,) = delay.lfi_check(d, traffic.size(d, "none"))
    assert "fragment data to 217 bytes" in f.message and "raised to the 217-byte voice frame" in f.message


def test_lfi_skips_links_without_voice_and_speaks_ethernet_and_frame_relay():
    sites = [HQ, B1, {"id": "dc", "kind": "datacenter", "users": 0}]
    d = design(sites, [("l1", "hq", "b1", {"capacity_kbps": 256, "l2": "frf12"}),
                       ("l2", "hq", "dc", {"capacity_kbps": 256})], clouds=(), voice={"codec": "g729"})
    sizing = traffic.size(d, "none")
    assert {lr.id: lr.calls for lr in sizing.links}["l2"] == 0
    (f,) = delay.lfi_check(d, sizing)
    assert f.subjects == ("l1",) and "frame-relay fragment 320" in f.remedy
    eth = design([HQ, B1], [("l", "hq", "b1", {"capacity_kbps": 256})], clouds=(), voice={"codec": "g729"})
    assert "cannot fragment and interleave" in delay.lfi_check(eth, traffic.size(eth, "none"))[0].remedy


# --- the table and the words users read ---------------------------------------------------------------------------

def test_delay_table_names_a_source_for_every_figure_and_flags_the_unconfirmed():
    t = load_table("delay")
    assert t.value("max_one_way_ms") == 150 and t.value("coder_g729") == 18
    assert (t.value("cisco_good_one_way_ms"), t.value("cisco_limit_one_way_ms")) == (200, 250)
    assert (t.value("lfi_below_kbps"), t.value("lfi_fragment_ms"), t.value("lfi_data_packet_bytes")) == \
        (768, 10, 1500)
    ids = {c.id for c in all_codecs()}
    coders = {k[len("coder_"):] for k in t.entries if k.startswith("coder_")}
    assert coders == ids  # every catalogue codec has a figure
    for key in ("coder_ilbc-20", "coder_ilbc-30", "coder_g722", "coder_g728", "coder_opus"):
        assert t.entries[key].verify, key
    assert not t.entries["coder_g729"].verify and "5125" in t.entries["coder_g729"].source


def test_a_codec_missing_from_the_table_is_estimated_and_said_so(tmp_path, monkeypatch):
    data = json.loads((tables.bundled_dir() / "delay.json").read_text(encoding="utf-8"))
    del data["entries"]["coder_g729"]
    (tmp_path / "delay.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv(tables.ENV_DIR, str(tmp_path))
    c = delay.coder_delay("G.729")
    assert c.estimated and c.ms == 10 and "estimate" in c.source  # one 10 ms frame from the catalogue
    d = design([HQ, B1], [("l", "hq", "b1", {"rtt_ms": 300})], clouds=(), voice={"codec": "g729"})
    (f,) = check(d, traffic.size(d, "none"))[1]
    assert "(G.729, estimated)" in f.message and "estimate for G.729" in f.rationale


def test_user_text_cites_titles_not_internal_ids():
    _, _, _, out = run_file("delay_fire_hub_gre_spoke_to_spoke")
    _, _, _, lfi = run_file("lfi_fire_512_with_data")
    for f in [*out, *lfi]:
        for text in (f.message, f.rationale, f.remedy):
            assert not re.search(r"SPEC|§|seed|DEP-R|BW-R|score", text), text
