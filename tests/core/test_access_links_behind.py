"""A multi-homed site with sites behind it (a branch on a leased line that reaches the WAN only through it) has each
of its access links sized for every call between it, with those sites, and the rest of the WAN: either link can
carry them. Before, such a site kept what the lowest-RTT paths brought its links: a data centre on MPLS (10 ms) and
the Internet (20 ms) with a branch hanging off it had 8 E on its MPLS link and 0 E on its Internet link, while the
other sites' Internet links were sized for all of their calls (6 E each)."""

from __future__ import annotations

import pytest

from advisor import analysis, erlang
from advisor.cli import main
from advisor.model import Design

# 2 calls an hour of 180 s per user (the defaults) = 0.1 E; 30 % of it on-net: 3 E placed by each 100-user site,
# spread over the other sites by their users.


def _data_centre(first: str = "hq") -> Design:
    # hq, a, b on MPLS (10 ms) and the Internet (20 ms), each 100 users; t (100 users) on a leased line to a only
    sites = [{"id": s, "users": 100} for s in ("hq", "a", "b", "t")]
    sites[0] |= {"kind": "hq", "cucm_publisher": True}
    sites.sort(key=lambda s: s["id"] != first)  # `first` listed first: the depth-first search starts there
    links = []
    for s in ("hq", "a", "b"):
        links.append({"id": f"{s}-m", "a": s, "b": "mpls", "rtt_ms": 10, "capacity_kbps": 100000})
        links.append({"id": f"{s}-i", "a": s, "b": "inet", "rtt_ms": 20, "capacity_kbps": 100000})
    links.append({"id": "a-t", "a": "a", "b": "t", "rtt_ms": 5, "capacity_kbps": 100000})
    return Design.model_validate({"name": "data centres", "sites": sites, "links": links,
                                  "clouds": [{"id": "mpls", "kind": "mpls"}, {"id": "inet", "kind": "internet"}],
                                  "vpn": {"technology": "none"}})


@pytest.mark.parametrize("first", ["hq", "a", "t"])
def test_both_access_links_of_a_site_with_a_branch_behind_it_carry_their_calls_with_the_rest(first):
    links = {r.id: r for r in analysis.analyse(_data_centre(first)).links}
    # By hand: each site places 3 E, 1 E to each of the three others. Between {a, t} and {hq, b}: a→hq, a→b, t→hq,
    # t→b, hq→a, hq→t, b→a, b→t = 8 × 1 E = 8 E, on MPLS by the paths and on the Internet link as well.
    assert links["a-m"].erlangs == pytest.approx(8.0, rel=1e-12)
    assert links["a-i"].erlangs == pytest.approx(8.0, rel=1e-12)
    assert links["a-i"].calls == erlang.trunks(8.0, 0.01) == 15
    # the phones of a and t signal across a's access links (200 phones), b's only its own 100
    assert links["a-i"].signalling_kbps == pytest.approx(links["a-m"].signalling_kbps, rel=1e-12)
    assert links["a-i"].signalling_kbps == pytest.approx(2 * links["b-i"].signalling_kbps, rel=1e-12)
    # the others as before: 3 E out + 3 E in on each access link; a–t carries t's 3 E out and 3 E in
    for ln in ("hq-m", "hq-i", "b-m", "b-i", "a-t"):
        assert links[ln].erlangs == pytest.approx(6.0, rel=1e-12), ln


def test_a_site_whose_clouds_reach_different_sites_keeps_what_its_paths_bring():
    # p on cloud m1, q on cloud m2, x on both: every call between p and q crosses x, and neither of x's links could
    # carry the other's calls. Users p 100, x 100, q 300: placed 3, 3 and 9 E. x→p 3 × 100/400 = 0.75, x→q 2.25,
    # p→x 0.75, p→q 2.25, q→p 9 × 100/200 = 4.5, q→x 4.5.
    sites = [{"id": "p", "users": 100, "kind": "hq", "cucm_publisher": True}, {"id": "x", "users": 100},
             {"id": "q", "users": 300}]
    links = [{"id": "p-1", "a": "p", "b": "m1"}, {"id": "x-1", "a": "x", "b": "m1", "rtt_ms": 10},
             {"id": "x-2", "a": "x", "b": "m2", "rtt_ms": 20}, {"id": "q-2", "a": "q", "b": "m2"},
             {"id": "x-x", "a": "x", "b": "m2", "rtt_ms": 30}]  # a second link to m2: x has several access links
    design = Design.model_validate({"sites": sites, "links": links, "vpn": {"technology": "none"},
                                    "clouds": [{"id": "m1", "kind": "mpls"}, {"id": "m2", "kind": "mpls"}]})
    got = {r.id: r.erlangs for r in analysis.analyse(design).links}
    # x–m1: {x, q}↔p = 0.75 + 4.5 + 0.75 + 2.25 = 8.25 E; x–m2 (each of its two links): {p, x}↔q = 2.25 + 2.25 +
    # 4.5 + 4.5 = 13.5 E
    assert got["x-1"] == pytest.approx(8.25, rel=1e-12)
    assert got["x-2"] == got["x-x"] == pytest.approx(13.5, rel=1e-12)


def test_explain_says_how_such_a_link_was_sized(tmp_path, capsys):
    path = tmp_path / "dc.json"
    path.write_text(_data_centre().model_dump_json(), encoding="utf-8")
    assert main(["explain", str(path), "--link", "a-i"]) == 0
    out = capsys.readouterr().out
    assert "every call between 'a' (with the sites that reach the WAN only through it) and the rest of the WAN" in out
    assert "the calls between sites whose lowest-RTT path crosses this link" not in out  # its paths bring it none
    said = analysis.analyse(_data_centre()).conventions["access links"]
    assert "with sites that reach the WAN only through it" in said
