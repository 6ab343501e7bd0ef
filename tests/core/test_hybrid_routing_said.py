"""On a hybrid WAN whose Internet overlay relays calls through the hub, the sizing routes every call through the hub,
also between two sites on the MPLS cloud whose GET VPN could carry it directly. That conservative choice is said in
the routing convention (the app's Assumptions, the PDF, check --json), not left implicit."""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.model import Design


def _design(internet_technology: str) -> Design:
    return Design.model_validate({
        "vpn": {"technology": "recommend"},
        "sites": [{"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True}, {"id": "a", "users": 10},
                  {"id": "b", "users": 10}, {"id": "c", "users": 10}],
        "clouds": [{"id": "m", "kind": "mpls", "technology": "getvpn"},
                   {"id": "i", "kind": "internet", "technology": internet_technology}],
        "links": [{"id": "l1", "a": "hq", "b": "m"}, {"id": "l2", "a": "a", "b": "m"}, {"id": "l3", "a": "b", "b": "m"},
                  {"id": "l4", "a": "hq", "b": "i"}, {"id": "l5", "a": "c", "b": "i"}]})


def test_the_hub_routing_of_a_hybrid_wan_is_said():
    routing = analyse(_design("ipsec")).conventions["routing"]  # crypto-map IPsec: tunnels to the hub only
    assert routing.startswith("spoke-to-spoke calls hairpin through the hub")
    assert "every call between sites is routed through the hub, also between sites that share a cloud whose " \
           "overlay (GET VPN) could carry it directly" in routing


def test_a_wan_whose_overlays_are_all_direct_says_nothing_of_the_kind():
    routing = analyse(_design("flexvpn")).conventions["routing"]  # FlexVPN: spoke-to-spoke shortcuts
    assert routing == "calls between sites travel directly between their access links"
