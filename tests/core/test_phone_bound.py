"""A link never carries more concurrent calls than there are phones to hold them: a link whose loss splits the WAN
(a site's only link, any link of a chain) is crossed by every call between its two sides and no other, and every
such call has a phone at each end (advisor.demand_bounds)."""

from __future__ import annotations

from advisor import erlang
from advisor.analysis import analyse
from advisor.explain import Context, explain_link
from advisor.model import Design

# 2 calls/h × 180 s = 0.1 E per user (the defaults), 30 % of it on-net
HQ_ON_NET, BRANCH_ON_NET = 1000 * 0.1 * 0.3, 10 * 0.1 * 0.3


def _design(links, branch: dict | None = None, **more) -> Design:
    sites = [{"id": "hq", "name": "HQ", "kind": "hq", "users": 1000, "cucm_publisher": True},
             {"id": "b", "name": "Branch", "users": 10, **(branch or {})}]
    return Design.model_validate({"name": "big and small", "sites": sites, "links": links, **more})


CLOUD = {"clouds": [{"id": "m", "kind": "mpls"}]}
STAR = [{"id": "l-hq", "a": "hq", "b": "m", "capacity_kbps": 10000}, {"id": "l-b", "a": "b", "b": "m"}]


def _links(results) -> dict:
    return {r.id: r for r in results.links}


def test_a_small_branch_beside_a_large_hq_carries_at_most_its_phones():
    links = _links(analyse(_design(STAR, **CLOUD)))
    offered = HQ_ON_NET + BRANCH_ON_NET  # 30.3 E: all of the HQ's on-net calls go to the only other site
    assert erlang.trunks(offered, 0.01) == 42  # what Erlang B alone asks of each link
    for link in ("l-hq", "l-b"):
        assert abs(links[link].erlangs - offered) < 1e-9
        assert links[link].calls == 10  # the branch's 10 phones, on the far side of the HQ's link too
        assert abs(links[link].voice_kbps - 10 * links[link].per_call_kbps) < 1e-9


def test_a_leased_line_between_them_is_bounded_by_the_smaller_end():
    [line] = analyse(_design([{"id": "l", "a": "hq", "b": "b", "capacity_kbps": 10000}])).links
    assert line.calls == 10


def test_users_count_when_a_site_has_fewer_phones_than_users():
    # 10 users sharing 4 phones (soft clients): the bound is the 10 users, not the 4 phones
    links = _links(analyse(_design(STAR, branch={"phones": 4}, **CLOUD)))
    assert links["l-b"].calls == 10


def test_a_balanced_design_is_sized_by_erlang_b_alone():
    sites = [{"id": f"s{i}", "users": 100, **({"kind": "hq", "cucm_publisher": True} if i == 0 else {})}
             for i in range(3)]
    design = Design.model_validate({"name": "three", "sites": sites, **CLOUD,
                                    "links": [{"id": f"l{i}", "a": f"s{i}", "b": "m"} for i in range(3)]})
    # each site: 100 × 0.1 × 0.3 = 3 E out, and 2 × 3 × 1/2 = 3 E in from the two others: 6 E per access link
    for link in analyse(design).links:
        assert abs(link.erlangs - 6.0) < 1e-9 and link.calls == erlang.trunks(6.0, 0.01)


def test_pstn_calls_hauled_to_the_hq_do_not_lift_the_bound_of_the_far_side():
    # the branch has no gateway: its PSTN calls are hauled to the HQ, and still start at its 10 phones
    links = _links(analyse(_design(STAR, branch={"pstn_gateway": False}, **CLOUD)))
    assert links["l-hq"].calls == 10 and links["l-b"].calls == 10


def test_the_explanation_gives_erlang_b_and_then_the_bound():
    design = _design(STAR, **CLOUD)
    [calls] = explain_link(Context.of(design, analyse(design)), "l-b", "calls")
    text = "\n".join(calls.lines)
    assert "n = 42" in text and "at most 10 at once: only calls between this link's two sides cross it" in text


def _cut_sides(design: Design, k: int) -> tuple[set, set] | None:
    """The two sides of link k when removing it splits the WAN (a breadth-first search without it), else None:
    worked out here from the link ends, independently of the tool's depth-first search."""
    links = design.links
    link = links[k]
    near, todo = {link.a}, [link.a]
    for node in todo:
        for j, other in enumerate(links):
            if j != k and node in (other.a, other.b):
                nxt = other.b if node == other.a else other.a
                if nxt not in near:
                    near.add(nxt)
                    todo.append(nxt)
    if link.b in near:
        return None
    nodes = {s.id for s in design.sites} | {c.id for c in design.clouds}
    return near, nodes - near


def test_on_generated_designs_a_link_is_erlang_b_or_the_phones_of_one_side_of_a_cut():
    """Every link carries Erlang B's calls, or fewer only where removing it splits the WAN, and then exactly the
    phones on one side of it (a large HQ beside small branches makes many such links)."""
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    hits = {}
    for seed, topology in enumerate(("mpls", "chain", "tree", "internet-hub", "mesh")):
        rnd = random.Random(seed)
        data = generate(30, topology).model_dump()
        data["sites"][0]["users"] = 3000
        for s in data["sites"][1:]:
            s["users"] = rnd.choice([1, 2, 5, 40])
        design = Design.model_validate(data)
        results = analyse(design)
        users = {s.id: s.users for s in design.sites}
        hits[topology] = 0
        for k, r in enumerate(results.links):
            full = erlang.trunks(r.erlangs, design.traffic.gos) if r.erlangs > 1e-9 else 0
            if r.calls == full:
                continue
            sides = _cut_sides(design, k)
            assert r.calls < full and sides is not None, (topology, r.id)
            phones = [sum(users.get(n, 0) for n in side) for side in sides]
            assert r.calls in phones, (topology, r.id, r.calls, phones)
            hits[topology] += 1
    # the star's and the tree's branches are sites' only links; a chain's inner links are cuts too
    assert hits["mpls"] and hits["tree"] and hits["chain"] and hits["internet-hub"], hits


def test_the_overload_finding_gives_erlang_b_and_the_bound():
    links = [STAR[0], {**STAR[1], "capacity_kbps": 512}]  # 10 calls of any codec overload 512 kbps
    design = _design(links, **CLOUD)
    results = analyse(design)
    [over] = [f for f in results.findings if f.code == "BW-LINK-OVERLOAD"]
    assert over.subjects == ("l-b",)
    # 'one side': the smaller, or the larger where PSTN calls from across end at the smaller side's gateway
    assert ("30.30 E offered at P0.01 need 42 concurrent calls by Erlang B, at most 10 at once (the phones on "
            "one side of this link, which only calls between its two sides cross" in over.rationale)
