"""The whole design's phone bound, on every link, one inside a meshed block too (advisor.demand_bounds.design_bound).

Each call a link carries holds a phone (an on-net call two, a PSTN call hauled over the WAN one) and a phone holds
one call at a time, so a link carries at most ⌊(P + H) / 2⌋ calls: P the design's phones (per site the larger of
users and phones), H those of the sites that haul their PSTN calls; twice that where the hub relays calls (a relayed
call may cross one link twice, once on each leg).

Hand figures: a user places 2 busy-hour calls of 180 s, 0.1 E: 0.03 E on-net (30 %), 0.02 E PSTN (20 %). Erlang B
at P.01 by the recurrence B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)).
"""

from __future__ import annotations

from advisor import demand
from advisor.analysis import analyse
from advisor.demand_bounds import DesignBound
from advisor.explain import Context, explain_link
from advisor.explain.link_bounds import design_bound_at, design_short
from advisor.model import Design

TRIANGLE = (("hq", "a"), ("a", "b"), ("b", "hq"))


def _design(users: dict[str, int], lines=TRIANGLE, *, gateways: dict[str, bool] | None = None,
            technology: str = "getvpn", rtt: dict[str, float] | None = None, **traffic) -> Design:
    sites = [{"id": i, "users": n, "pstn_gateway": (gateways or {}).get(i, True),
              **({"kind": "hq", "cucm_publisher": True} if i == "hq" else {})} for i, n in users.items()]
    links = [{"id": f"{a}-{b}", "a": a, "b": b, "capacity_kbps": 100000, "rtt_ms": (rtt or {}).get(f"{a}-{b}", 20.0)}
             for a, b in lines]
    return Design.model_validate({"name": "mesh", "sites": sites, "links": links, "vpn": {"technology": technology},
                                  **({"traffic": traffic} if traffic else {})})


def _calls(design: Design) -> dict[str, int]:
    return {r.id: r.calls for r in analyse(design).links}


def _routed(design: Design) -> demand.Routed:
    return Context(design, analyse(design)).routed


def test_one_phone_in_all_asks_one_call_of_a_triangle_link_not_two():
    # A's one user hauls its 0.02 E of PSTN calls to the HQ's gateway, straight over A – HQ. Erlang B:
    # B(0.02, 1) = 0.02 / 1.02 = 1.96 % > 1 %, so 2 trunks; but the design has P = 1 phone, H = 1 of it hauling:
    # ⌊(1 + 1) / 2⌋ = 1 call
    design = _design({"hq": 0, "a": 1, "b": 0}, gateways={"hq": True, "a": False, "b": False})
    assert _calls(design) == {"hq-a": 1, "a-b": 0, "b-hq": 0}
    routed = _routed(design)
    assert routed.design_bound == DesignBound(calls=1, phones=1, hauling=1, relayed=False)
    assert routed.by_design == {0} and routed.bounded == {0: 2}  # Erlang B's figure kept beside the bound


def test_the_explanation_says_the_whole_design_bounds_it():
    design = _design({"hq": 0, "a": 1, "b": 0}, gateways={"hq": True, "a": False, "b": False})
    results = analyse(design)
    ctx = Context(design, results)
    calls = explain_link(ctx, "hq-a", "calls")[0]
    assert calls.result.value == 1
    assert "B(0.020 E, 2) = 0.0196 % ≤ 1 %: n = 2" in calls.lines  # Erlang B's steps, as for any link
    assert calls.lines[-1] == ("at most 1 at once: every call on it holds at least one of the whole design's 1 phone "
                               "(or user, where more), and a phone holds one call at a time: 1 call")
    head = explain_link(ctx, "hq-a", "kbps")[0].lines[0]
    assert ("1 call (at most 1: the 1 phone (or user) of the whole design, every call holding one; Erlang B gives 2 "
            "for 0.020 E at 1 %)") in head
    assert "smaller side" not in head
    # what the app's Erlang B curve says of the link
    whole = design_bound_at(design, results, "hq-a")
    assert whole is not None and design_short(whole) == "the 1 phone (or user) of the whole design, every call holding one"
    assert design_bound_at(design, results, "a-b") is None


def test_a_triangle_of_three_sites_of_two_users_keeps_erlang_b():
    # on-net only (every site has a gateway): each site sends 2 × 0.03 = 0.06 E, half to each other site, so each
    # link carries 0.03 + 0.03 = 0.06 E. B(0.06, 1) = 0.06 / 1.06 = 5.66 % > 1 %; B(0.06, 2) = 0.06 × 0.0566 /
    # (2 + 0.0034) = 0.17 % ≤ 1 %: 2 calls. The bound: 6 phones, every call on-net holding two: 6 / 2 = 3, above 2
    design = _design({"hq": 2, "a": 2, "b": 2})
    assert _calls(design) == {"hq-a": 2, "a-b": 2, "b-hq": 2}
    routed = _routed(design)
    assert routed.by_design == set() and routed.bounded == {}


def test_a_busy_triangle_of_two_user_sites_is_bounded_by_half_the_phones():
    # 20 calls per user: 1 E each, 0.3 E on-net; each link 0.3 + 0.3 = 0.6 E. B(0.6, n) for n = 1..4: 0.375, 0.1011,
    # 0.0198, 0.00296: Erlang B asks 4. On-net calls hold two phones each: at most 6 / 2 = 3, not 6
    design = _design({"hq": 2, "a": 2, "b": 2}, calls_per_user=20)
    assert _calls(design) == {"hq-a": 3, "a-b": 3, "b-hq": 3}
    routed = _routed(design)
    assert routed.design_bound == DesignBound(calls=3, phones=6, hauling=0, relayed=False)
    assert routed.bounded == {0: 4, 1: 4, 2: 4}
    line = explain_link(Context(design, analyse(design)), "a-b", "calls")[0].lines[-1]
    assert line == ("at most 3 at once: every call on it is an on-net call, holding two of the whole design's 6 "
                    "phones (or users, where more), one at each end, and a phone holds one call at a time: 6 / 2 = "
                    "3 calls")


def test_hauled_pstn_calls_count_one_phone_each():
    # A and B haul their PSTN calls to the HQ: P = 6, H = 4, ⌊(6 + 4) / 2⌋ = 5. With 20 calls per user, HQ – A
    # carries 0.3 + 0.3 on-net + A's 2 × 0.2 = 0.4 E PSTN = 1.0 E: B(1, n) for n = 1..5: 0.5, 0.2, 0.0625, 0.0154,
    # 0.0031, so Erlang B asks 5, within the bound; A – B carries 0.6 E, 4 calls
    design = _design({"hq": 2, "a": 2, "b": 2}, gateways={"hq": True, "a": False, "b": False}, calls_per_user=20)
    assert _calls(design) == {"hq-a": 5, "a-b": 4, "b-hq": 5}
    assert _routed(design).by_design == set()


def test_a_larger_mesh_below_the_bound_keeps_erlang_b():
    # five sites of 10 users, every pair joined (10 links), on-net only: each site sends 10 × 0.03 = 0.3 E, a
    # quarter to each other site; each link 0.075 + 0.075 = 0.15 E. B(0.15, 1) = 13.0 %, B(0.15, 2) = 0.15 × 0.1304
    # / (2 + 0.0196) = 0.97 % ≤ 1 %: 2 calls, far below the bound of 50 / 2 = 25
    ids = ["hq", "a", "b", "c", "d"]
    lines = tuple((x, y) for i, x in enumerate(ids) for y in ids[i + 1:])
    design = _design(dict.fromkeys(ids, 10), lines)
    calls = _calls(design)
    assert len(calls) == 10 and set(calls.values()) == {2}
    routed = _routed(design)
    assert routed.by_design == set() and routed.bounded == {}


def _relayed_square(technology: str) -> Design:
    # HQ (the hub, no users) – B – A – C – HQ, the way round by C long: A reaches the HQ through B. One user at A,
    # one at B, on-net only, 100 calls per user: 5 E each, 1.5 E on-net, all to the other user
    return _design({"hq": 0, "a": 1, "b": 1, "c": 0}, (("hq", "b"), ("b", "a"), ("a", "c"), ("c", "hq")),
                   technology=technology, rtt={"a-c": 100.0, "c-hq": 100.0}, calls_per_user=100)


def test_a_call_the_hub_relays_may_cross_a_link_twice():
    # crypto-map IPsec relays A ↔ B through the HQ: A → HQ over A – B – HQ, then HQ → B over HQ – B. The one call
    # the two phones can hold crosses HQ – B twice: 2 × 3 E = 6 E offered, Erlang B 13; the bound 2 × ⌊2 / 2⌋ = 2
    # is the truth there. B – A carries it once (3 E, Erlang B 8): 2 as well, the bound not knowing which link
    design = _relayed_square("ipsec")
    assert _calls(design) == {"hq-b": 2, "b-a": 2, "a-c": 0, "c-hq": 0}
    routed = _routed(design)
    assert routed.design_bound == DesignBound(calls=2, phones=2, hauling=0, relayed=True)
    assert routed.bounded == {0: 13, 1: 8} and routed.relayed == set()
    line = explain_link(Context(design, analyse(design)), "hq-b", "calls")[0].lines[-1]
    assert line.startswith("at most 2 at once: every call on it is an on-net call, holding two of the whole design's")
    assert line.endswith("a call the hub relays may cross a link twice, once on each leg (to the hub and from it): "
                         "2 × 1 = 2 calls, 1 being 2 / 2")


def test_the_same_square_without_a_hub_carries_one_call():
    # GET VPN carries calls any to any: A ↔ B straight over B – A (3 E, Erlang B 8), at most ⌊2 / 2⌋ = 1
    assert _calls(_relayed_square("getvpn")) == {"hq-b": 0, "b-a": 1, "a-c": 0, "c-hq": 0}


def test_the_conventions_name_the_whole_design_bound():
    text = analyse(_design({"hq": 2, "a": 2, "b": 2})).conventions["concurrent calls"]
    assert "any link, a cut or not (one inside a meshed block too), at most the calls the phones" in text
    assert "of the whole design can hold" in text
