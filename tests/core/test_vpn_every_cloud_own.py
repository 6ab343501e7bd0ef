"""Every cloud set to its own VPN technology (GET VPN on MPLS, DMVPN on the Internet) with the design left to the
recommendation: the recommendation finding said "the design uses the recommendation" and the Assumptions "FlexVPN
(IKEv2) (recommended); per transport also DMVPN, GET VPN", of a WAN on which no link runs FlexVPN."""

from __future__ import annotations

from advisor import analysis
from advisor.model import Design


def _design(internet: str = "dmvpn") -> Design:
    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}]
    sites += [{"id": f"b{i}", "users": 30} for i in range(3)]
    links = [ln for s in sites for ln in ({"id": f"m-{s['id']}", "a": s["id"], "b": "mpls"},
                                         {"id": f"i-{s['id']}", "a": s["id"], "b": "inet"})]
    clouds = [{"id": "mpls", "name": "MPLS", "kind": "mpls", "technology": "getvpn"},
              {"id": "inet", "name": "Internet", "kind": "internet", "technology": internet}]
    return Design.model_validate({"name": "own", "sites": sites, "links": links, "clouds": clouds})


def test_the_recommendation_applies_to_no_link_and_says_so():
    results = analysis.analyse(_design())
    assert {r.technology for r in results.links} == {"getvpn", "dmvpn"}
    assert results.recommendation.technology not in {"getvpn", "dmvpn"}  # ranked first over the whole WAN
    (rec,) = [f for f in results.findings if f.code == "VPN-RECOMMENDATION"]
    assert "the design uses the recommendation" not in rec.message
    assert ("; every link's cloud sets its own technology, so the recommendation applies to no link; per cloud: "
            "'Internet' DMVPN, 'MPLS' GET VPN") in rec.message
    said = results.conventions["vpn technology"]
    assert said.startswith("DMVPN, GET VPN, each link's cloud setting its own; the design-wide ")
    assert said.endswith(" (recommended) applies to no link")


def test_a_cloud_left_to_the_recommendation_keeps_the_words():
    # the Internet cloud without a technology of its own runs the recommendation: the design uses it
    data = _design().model_dump()
    data["clouds"][1]["technology"] = None
    results = analysis.analyse(Design.model_validate(data))
    (rec,) = [f for f in results.findings if f.code == "VPN-RECOMMENDATION"]
    assert "applies to no link" not in rec.message
    assert "applies to no link" not in results.conventions["vpn technology"]
