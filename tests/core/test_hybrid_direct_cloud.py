"""A hybrid WAN whose hub overlay relays calls, where a cloud with a direct overlay joins every site: calls between
sites travel over that cloud and the hub relays none of them (advisor.hub_relay). Where some site reaches only the
relaying overlay, every call still goes through the hub, and the conventions say why.

Hand figures: a user places 2 busy-hour calls of 180 s, 0.1 E, 30 % on-net: 0.03 E per user. Sites hq 50 users,
a, b and c 10 each (U = 80): hq sends 1.5 E, each branch 0.3 E, spread over the other sites by their users.
- hq receives 3 × 0.3 × 50 / (80 − 10) = 0.642857 E; its access link carries 1.5 + 0.642857 = 2.142857 E.
- c receives 1.5 × 10 / 30 + 2 × 0.3 × 10 / 70 = 0.585714 E; its link carries 0.885714 E.
- Relayed through the hub, each branch's calls to the other branches: 0.3 × (80 − 10 − 50) / 70 = 0.085714 E, three
  branches 0.257143 E, crossing each hub link twice: 2.142857 + 2 × 0.257143 = 2.657143 E.
Every site has its own PSTN gateway, so no PSTN call crosses the WAN.
"""

from __future__ import annotations

import pytest

from advisor.analysis import analyse
from advisor.explain import Context
from advisor.model import Design

HQ_LINK, C_LINK, RELAYED = 1.5 + 3 * 0.3 * 50 / 70, 0.3 + 1.5 * 10 / 30 + 2 * 0.3 * 10 / 70, 3 * 0.3 * 20 / 70


def _hybrid(c_on_mpls: bool) -> Design:
    sites = [{"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True, "cucm_subscribers": 1,
              "pstn_gateway": True}]
    sites += [{"id": s, "users": 10, "pstn_gateway": True, "survivability": "srst"} for s in "abc"]
    ends = [("hq", "m"), ("a", "m"), ("b", "m"), ("hq", "i"), ("c", "i")] + ([("c", "m")] if c_on_mpls else [])
    links = [{"id": f"{s}-{c}", "a": s, "b": c, "capacity_kbps": 10000} for s, c in ends]
    clouds = [{"id": "m", "name": "MPLS", "kind": "mpls", "technology": "getvpn"},
              {"id": "i", "name": "Internet", "kind": "internet", "technology": "ipsec"}]
    return Design.model_validate({"name": "hybrid", "sites": sites, "clouds": clouds, "links": links,
                                  "voice": {"codec": "g711"}})


def test_every_site_on_the_direct_cloud_no_call_is_relayed():
    design = _hybrid(c_on_mpls=True)
    results = analyse(design)
    erl = {r.id: r.erlangs for r in results.links}
    assert erl["hq-m"] == pytest.approx(HQ_LINK) and erl["hq-i"] == pytest.approx(HQ_LINK)  # 2.142857 E
    assert erl["c-m"] == pytest.approx(C_LINK) and erl["c-i"] == pytest.approx(C_LINK)  # 0.885714 E
    assert all(r.hairpin_erlangs == 0 for r in results.links)
    assert "VPN-HAIRPIN" not in {f.code for f in results.findings}
    routing = results.conventions["routing"]
    assert routing.startswith("calls between sites travel directly between their access links; every site reaches "
                              "the cloud 'MPLS', whose overlay (GET VPN) carries calls any to any, so the IPsec")
    assert routing.endswith("hub relays none of them")
    assert Context(design, results).routed.hub is None  # Explain routes the design as the sizing did


def test_a_site_only_on_the_relaying_overlay_keeps_every_call_through_the_hub():
    design = _hybrid(c_on_mpls=False)
    results = analyse(design)
    assert sum(r.hairpin_erlangs for r in results.links) > 0  # a ↔ b relayed on the hub's MPLS link
    assert "some sites reach only the relaying overlay, so every call between sites is routed through the hub" in \
        results.conventions["routing"]
    assert Context(design, results).routed.hub is not None


def test_the_hub_overlay_on_every_cloud_still_relays_the_branches_calls():
    design = _hybrid(c_on_mpls=True)
    design = design.model_copy(update={"clouds": tuple(c.model_copy(update={"technology": "ipsec"})
                                                       for c in design.clouds)})
    erl = {r.id: r.erlangs for r in analyse(design).links}
    assert erl["hq-m"] == pytest.approx(HQ_LINK + 2 * RELAYED)  # 2.657143 E
