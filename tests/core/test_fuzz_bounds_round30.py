"""Fuzz round 30 of the phone bounds (advisor.demand_bounds): the explanation names the side whose phones bound a
cut's calls.

A cut's calls are bounded by the phones of one side; the side where calls from across end at a PSTN gateway (not at
a phone) does not bound them, so the bound may be the larger side's phones. The explanation said 'on its smaller
side' there too.

Hand figures: a user places 30 busy-hour calls of 180 s, 1.5 E; half on-net, half PSTN. HQ (2 users, the gateway)
and a branch (10 users, no gateway) on one link: the link carries the branch's 10 × 1.5 = 15 E (on-net 7.5 E to the
HQ, PSTN 7.5 E hauled to its gateway) plus the HQ's on-net 2 × 0.75 = 1.5 E to the branch: 16.5 E. Erlang B at P.01
asks 26 calls (B(16.5, 25) = 1.4 % > 1 %, B(16.5, 26) = 0.9 %). Every call on the link holds one of the branch's 10
phones; the HQ's 2 do not bound it (7.5 E of the branch's calls end at the HQ's gateway): 10 calls.
"""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.explain import Context, explain_link
from advisor.model import Design


def _design(hq_users: int, branch_users: int) -> Design:
    return Design.model_validate({
        "name": "two sites", "vpn": {"technology": "getvpn"},
        "sites": [{"id": "hq", "kind": "hq", "cucm_publisher": True, "users": hq_users, "pstn_gateway": True},
                  {"id": "b", "users": branch_users, "pstn_gateway": False}],
        "links": [{"id": "l", "a": "hq", "b": "b", "capacity_kbps": 100000}],
        "traffic": {"calls_per_user": 30, "holding_time_s": 180, "intra_site_share": 0.0, "on_net_share": 0.5,
                    "pstn_share": 0.5}})


def test_a_cut_bounded_by_its_larger_side_says_so():
    design = _design(2, 10)
    results = analyse(design)
    link = results.links[0]
    assert round(link.erlangs, 9) == 16.5 and link.calls == 10
    ctx = Context(design, results)
    last = explain_link(ctx, "l", "calls")[0].lines[-1]
    assert "smaller side" not in last
    assert "among the 10 phones (or users) on its larger side (the 2 phones on the other side do not bound it" in last
    assert last.endswith("a phone holds one call at a time: 10 calls")
    head = explain_link(ctx, "l", "kbps")[0].lines[0]
    assert "at most the 10 phones on the larger side of this link" in head and "smaller side" not in head


def test_a_cut_bounded_by_its_smaller_side_keeps_its_words():
    # HQ 10 users, the branch 2: the link carries the branch's 2 × 1.5 = 3 E and the HQ's on-net 10 × 0.75 = 7.5 E to
    # it, 10.5 E (Erlang B asks 18 calls at P.01); every call on it holds one of the branch's 2 phones, and the HQ's
    # side, where the branch's PSTN calls end at the gateway, does not bound it: 2 calls, the smaller side's phones
    design = _design(10, 2)
    results = analyse(design)
    assert results.links[0].calls == 2
    last = explain_link(Context(design, results), "l", "calls")[0].lines[-1]
    assert "among the 2 phones (or users) on its smaller side, and a phone holds one call at a time: 2 calls" in last
