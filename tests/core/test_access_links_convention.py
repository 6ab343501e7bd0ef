"""A site's several access links are each sized for all of the site's WAN calls, whether every site meets through
one cloud (the cloud's closed form) or the WAN is routed over lowest-RTT paths (`advisor.routing_access`). Adding one
leased line to a design on two clouds once put it on paths, where each call took one path: the second cloud's access
links fell from all of their sites' calls to 0 E, while the Assumptions still said each carried them all."""

from __future__ import annotations

import pytest

from advisor import analysis, erlang
from advisor.model import Design

ALL_CALLS = "a site with several access links: each is sized to carry all of the site's WAN calls"


def _design(leased: bool, users=(100, 100, 100)) -> Design:
    # Sites a, b, c on an MPLS cloud (10 ms access links) and a private WAN (20 ms); no VPN, no PSTN gateway.
    sites = [{"id": s, "name": s.upper(), "users": u, "kind": "branch"} for s, u in zip("abc", users, strict=True)]
    links = [{"id": f"{s}-m", "a": s, "b": "m", "rtt_ms": 10} for s in "abc"]
    links += [{"id": f"{s}-p", "a": s, "b": "p", "rtt_ms": 20} for s in "abc"]
    if leased:  # a to b over the leased line: 100 ms, against 20 over MPLS
        links.append({"id": "a-b", "a": "a", "b": "b", "rtt_ms": 100})
    return Design.model_validate({"sites": sites, "links": links, "vpn": {"technology": "none"},
                                  "clouds": [{"id": "m", "kind": "mpls"}, {"id": "p", "kind": "private-wan"}]})


@pytest.mark.parametrize("leased", [False, True], ids=["two clouds", "two clouds and a leased line"])
def test_each_access_link_carries_all_of_its_sites_calls(leased):
    results = analysis.analyse(_design(leased))
    links = {r.id: r for r in results.links}
    # By hand: 100 users × 0.1 E each (the default 3 calls an hour of 120 s), 30 % on-net: 3 E placed, spread over
    # the two other sites alike (1.5 E each), and 1.5 E from each of them: 3 + 3 = 6 E on each of its access links,
    # both clouds' (either can carry the busy hour), whether or not the leased line routes the WAN over paths.
    for s in "abc":
        for cloud in "mp":
            assert links[f"{s}-{cloud}"].erlangs == pytest.approx(6.0, rel=1e-12)
            assert links[f"{s}-{cloud}"].calls == erlang.trunks(6.0, 0.01) == 13
    if leased:  # every lowest-RTT path runs over the MPLS cloud (20 ms against 40 and 100)
        assert links["a-b"].erlangs == 0.0
    said = results.conventions["access links"]
    assert said.startswith(ALL_CALLS)


def test_access_links_lifted_to_their_sites_calls_are_bounded_by_the_sites_phones():
    # A 1,000-user site beside two of 10 users: each small site receives 15 E from it (30 E on-net × 10 / 20), which
    # Erlang B sizes at 25 calls; each of its access links carries only its own calls, so at most its 10 phones. The
    # large site's links: at most the 20 phones across. The same with the leased line as without it.
    for leased in (False, True):
        links = {r.id: r for r in analysis.analyse(_design(leased, (1000, 10, 10))).links}
        for cloud in "mp":
            assert [links[f"{s}-{cloud}"].calls for s in "abc"] == [20, 10, 10]


def _relay_through_a(b_cloud_rtt: float | None) -> dict:
    # b's calls reach c through a: a leased line b–a of 5 ms and MPLS to c, or, when `b_cloud_rtt` is given, also
    # b's own MPLS link at that round-trip time (slower: the paths still take a). Users a 100, b 100, c 300.
    data = _design(True, (100, 100, 300)).model_dump()
    data["links"] = [ln for ln in data["links"] if ln["id"] not in ("b-m", "b-p", "a-b")]
    data["links"].append({"id": "a-b", "a": "a", "b": "b", "rtt_ms": 5})
    if b_cloud_rtt is not None:
        data["links"].append({"id": "b-m", "a": "b", "b": "m", "rtt_ms": b_cloud_rtt})
    return {r.id: r for r in analysis.analyse(Design.model_validate(data)).links}


def test_a_link_its_paths_bring_more_keeps_its_figure():
    # Each site places 0.03 E per user on-net (3, 3 and 9 E), spread over the others by their users: a→b 3 × 100/400
    # = 0.75, a→c 2.25, b→a 0.75, b→c 2.25, c→a 9 × 100/200 = 4.5, c→b 4.5 E. a's own calls: 0.75 + 2.25 + 0.75 +
    # 4.5 = 8.25 E. a–MPLS carries everything between {a, b} and c: 2.25 + 4.5 + 2.25 + 4.5 = 13.5 E, more than a's
    # own: kept; a's private-WAN link, which no path takes, all of a's own calls: 8.25 E.
    links = _relay_through_a(b_cloud_rtt=500)
    assert links["a-m"].erlangs == pytest.approx(13.5, rel=1e-12)
    assert links["a-p"].erlangs == pytest.approx(8.25, rel=1e-12)
    assert links["c-m"].erlangs == links["c-p"].erlangs == pytest.approx(13.5, rel=1e-12)
    assert links["b-m"].erlangs == 0.0  # b's only access link: no second one to size for all of its calls


def test_a_site_with_a_site_behind_it_has_each_access_link_carry_their_calls_with_the_rest():
    # Without b's own cloud link, b hangs off a: every call between {a, b} and c crosses a, over either of its
    # access links: 13.5 E on each, as above (the private WAN's link had none from the paths alone)
    links = _relay_through_a(b_cloud_rtt=None)
    assert links["a-m"].erlangs == pytest.approx(13.5, rel=1e-12)
    assert links["a-p"].erlangs == pytest.approx(13.5, rel=1e-12)
    assert links["c-p"].erlangs == pytest.approx(13.5, rel=1e-12)  # c's loss cuts no one off


def test_a_wan_of_leased_lines_has_no_access_link_to_lift():
    data = _design(leased=True).model_dump()
    data["clouds"], data["links"] = [], [ln for ln in data["links"] if ln["id"] == "a-b"]
    links = {r.id: r for r in analysis.analyse(Design.model_validate(data)).links}
    assert list(links) == ["a-b"] and links["a-b"].erlangs > 0
