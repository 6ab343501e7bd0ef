"""Hostile input, round 50: what the outputs say, checked against each other and by hand.

- `explain --link` on a hub's access link printed the relayed calls and the exact sum of its traffic without
  thousands separators ("2 × 5970.1493 E = 5,970 E", "(before rounding: 15.00000 + 29.85075 + 11940.29851 =
  11985.14925 E)") beside the same figures grouped on the line above ("A = 15.000 + 29.851 + 11,940 = 11,985 E").
- The VPN comparison quoted a candidate's per-call kbps on its busiest link priced with NAT-T (a hub's link, when
  some branch sits behind a NAT: 58.40 kbps, a 128 B packet with VTI) beside the worst-case overhead of a call
  without it ("up to 73 B of overhead per packet"; 81 B with it).
- A candidate that would overload a link printed its load ungrouped beside grouped kbps: "198,998.0 kbps needed of
  64 kbps (310934%)".
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from advisor import io
from advisor.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

UNGROUPED = re.compile(r"(?<![\d,.])\d{4,}(?:\.\d+)?")  # a figure of four or more whole digits without a comma


def _hub_with_busy_spokes(tmp_path: Path) -> Path:
    """An HQ hub and two spokes of 100,000 users each over the Internet (GRE over IPsec, hub-and-spoke): the
    spokes' calls to each other cross the hub's link twice, thousands of Erlangs."""
    design = generate(3, "internet-hub")
    sites = tuple(s.model_copy(update={"users": 100_000}) if i else s for i, s in enumerate(design.sites))
    path = tmp_path / "hub.json"
    io.save(design.model_copy(update={"sites": sites}), path, backup=False)
    return path


def test_explain_groups_the_relayed_calls_and_the_exact_sum_as_the_lines_beside_them(tmp_path, capsys):
    path = _hub_with_busy_spokes(tmp_path)
    assert main(["explain", str(path), "--link", "l0"]) in (0, 1)
    text = capsys.readouterr().out
    relay = next(line for line in text.splitlines() if "hub relays, in and out" in line)
    exact = next(line for line in text.splitlines() if line.strip().startswith("(before rounding:"))
    # 2 × 100,000 users × 0.1 E × 30 % on-net, nearly all of it to the other spoke
    assert re.search(r"2 × 5,970\.\d{4} E = 11,940 E$", relay), relay
    assert "11,940.29851" in exact and exact.endswith("= 11,985.14925 E)"), exact
    assert not UNGROUPED.findall(relay) and not UNGROUPED.findall(exact), (relay, exact)


def _r6(candidate) -> str:
    return next(r.text for r in candidate.reasons if r.rule == "VPN-R6")


def test_the_overhead_beside_a_links_per_call_kbps_is_that_links_own():
    # HQ on an MPLS cloud and the Internet, some branches behind a NAT: a hub-and-spoke candidate's hub links carry
    # NAT-T (+8 B), its MPLS link too, so the per-call kbps quoted there counts it, and so must the worst case
    from advisor.rules.vpn import recommend

    design = generate(20, "dual-cloud")
    assert any(ln.nat for ln in design.links)
    mpls = next(t for t in recommend(design).per_transport if t.transport == "mpls")
    by_tech = {c.technology: _r6(c) for c in mpls.ranking}
    # VTI, tunnel mode: 20 + 8 + 16 + pad(60) 64 + 12 = 120 B; + 8 NAT-T = 128 B IP,
    # 146 B with Ethernet, 58.40 kbps at 50 packets/s; at the worst 60 + 20 + 8 + 16 + 15 + 2 + 12 + 8 = 141 B: 81
    assert "58.40 kbps per call per direction on link 'HQ – MPLS'" in by_tech["vti"], by_tech["vti"]
    assert by_tech["vti"].endswith("up to 81 B of overhead per packet"), by_tech["vti"]
    # GET VPN never uses NAT-T: 120 B, 55.20 kbps, 73 B at the worst
    assert "55.20 kbps" in by_tech["getvpn"] and by_tech["getvpn"].endswith("up to 73 B of overhead per packet")
    # GRE over IPsec, transport mode, on the same link with NAT-T: 144 B IP, 64.80 kbps; worst 77 + 8 = 85 B
    assert "64.80 kbps" in by_tech["gre-ipsec"] and by_tech["gre-ipsec"].endswith("up to 85 B of overhead per packet")


def test_a_candidate_that_would_overload_a_link_groups_the_load_as_the_kbps_beside_it():
    from advisor.rules.vpn import recommend
    from advisor.rules.vpn_score import _load

    assert _load(3109.34) == "310,934 %" and _load(1.004) == "100.4 %" and _load(0.5) == "50 %"
    design = generate(3, "mpls")
    design = design.model_copy(update={
        "sites": tuple(s.model_copy(update={"users": 20_000}) for s in design.sites),
        "links": tuple(ln.model_copy(update={"capacity_kbps": 64.0}) for ln in design.links)})
    texts = [r.text for c in recommend(design).ranking for r in c.reasons if "would overload" in r.text]
    assert texts
    for text in texts:
        load = re.search(r"kbps \(([\d,.]+) %\)", text)
        assert load and "," in load[1] and not UNGROUPED.findall(load[1]), text


def test_the_mtu_advice_names_the_technology_and_groups_its_figures():
    # it read "flexvpn adds up to 81 B per packet: a 1500-byte packet becomes 1581 B"
    from advisor import traffic
    from advisor.model import Design

    advice = traffic.mtu_advice(Design.model_validate({"name": "m"}), "flexvpn")
    assert advice.text.startswith("FlexVPN (IKEv2) adds up to ")
    assert f"a 1,500-byte packet becomes {1500 + advice.tunnel_overhead_bytes:,} B" in advice.text
