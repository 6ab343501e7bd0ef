"""Sites with no link, and clouds with one site, carry nothing across the WAN in the closed forms too.

HQ (500 users), B1 (10) and X (5): 0.1 E per user (2 calls/h × 180 s), 30 % of it on-net, spread over the other
sites by their users (gravity): the HQ offers 15 E, B1 0.3 E, X 0.15 E. X has no link, so none of its calls cross
the WAN (the deployment checks say so), and none of the calls to it either."""

from __future__ import annotations

import pytest

from advisor.analysis import analyse
from advisor.model import Design

SITES = [{"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True}, {"id": "b1", "users": 10},
         {"id": "x", "users": 5}]
# HQ → B1: 15 E × 10 / (515 − 500) = 10 E (X's 5 E share is dropped); B1 → HQ: 0.3 E × 500 / (515 − 10) = 0.29703 E
BETWEEN = 15 * 10 / 15 + 0.3 * 500 / 505
SCCP_BPS = 95  # (53 + 21 × 2 calls/h) bps per phone, the signalling the HQ's call processing gets from B1's phones

CLOUD = {"clouds": [{"id": "m", "kind": "mpls"}],
         "links": [{"id": "l-hq", "a": "hq", "b": "m"}, {"id": "l-b1", "a": "b1", "b": "m"}]}
STAR = {"links": [{"id": "l-b1", "a": "hq", "b": "b1"}]}


@pytest.mark.parametrize("wan", [CLOUD, STAR], ids=["cloud", "leased-line star"])
def test_a_site_with_no_link_sends_and_receives_nothing_over_the_wan(wan):
    design = Design.model_validate({"name": "unlinked", "sites": SITES, **wan})
    results = analyse(design)
    for link in results.links:
        assert abs(link.erlangs - BETWEEN) < 1e-9, link.id
        assert link.calls <= 10  # B1's 10 phones: X's 5 hold no call across the WAN
        assert abs(link.signalling_kbps - 10 * SCCP_BPS / 1000) < 1e-9, link.id
    assert any(f.code == "DEP-UNREACHABLE" for f in results.findings)


def test_a_link_to_a_cloud_no_other_site_uses_carries_nothing():
    # HQ (1 user) is on clouds P and M; A (1,000 users) only on P: the HQ's link to M leads nowhere
    sites = [{"id": "hq", "kind": "hq", "users": 1, "cucm_publisher": True}, {"id": "a", "users": 1000}]
    design = Design.model_validate({
        "name": "lonely cloud", "sites": sites,
        "clouds": [{"id": "p", "kind": "mpls"}, {"id": "m", "kind": "mpls"}],
        "links": [{"id": "l-hq-p", "a": "hq", "b": "p"}, {"id": "l-hq-m", "a": "hq", "b": "m"},
                  {"id": "l-a", "a": "a", "b": "p"}]})
    links = {r.id: r for r in analyse(design).links}
    assert links["l-hq-m"].erlangs == 0 and links["l-hq-m"].calls == 0 and links["l-hq-m"].signalling_kbps == 0
    # all calls go HQ – P – A: 1,000 × 0.03 E + 1 × 0.03 E = 30.03 E, and the HQ's one phone holds one at a time
    for k in ("l-hq-p", "l-a"):
        assert abs(links[k].erlangs - 30.03) < 1e-9 and links[k].calls == 1


def test_a_hub_relays_only_calls_between_spokes_the_wan_reaches():
    # DMVPN phase 1 over the Internet, hub HQ (500 users), spokes B1 and B2 (10 each), and X (500) with no link.
    # T = 1,020 users; on-net: HQ 15 E, B1 and B2 0.3 E, X 15 E.
    sites = [{"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True}, {"id": "b1", "users": 10},
             {"id": "b2", "users": 10}, {"id": "x", "users": 500}]
    design = Design.model_validate({
        "name": "hub", "sites": sites, "clouds": [{"id": "i", "kind": "internet"}],
        "links": [{"id": f"l-{s}", "a": s, "b": "i"} for s in ("hq", "b1", "b2")],
        "vpn": {"technology": "dmvpn", "dmvpn_phase": 1, "hub_site": "hq"}})
    links = {r.id: r for r in analyse(design).links}
    sent = 15 * (1020 - 500 - 500) / (1020 - 500)  # the HQ's on-net calls to B1 and B2 (X's share stays off)
    received = 2 * 0.3 * 500 / (1020 - 10)  # B1's and B2's calls to the HQ
    relayed = 2 * 0.3 * 10 / (1020 - 10)  # B1 → B2 and B2 → B1, through the hub (X's calls were 0.58 E of it)
    assert links["l-hq"].hairpin_erlangs == pytest.approx(relayed)
    assert links["l-hq"].erlangs == pytest.approx(sent + received + 2 * relayed)
