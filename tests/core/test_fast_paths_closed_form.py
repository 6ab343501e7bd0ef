"""The cloud closed form's and the VPN ranking's C-level passes give exactly what the site-by-site loops they replace
give (==, not approx): each link's site and the hub's links (`routing._closed_form`), the per-site signalling
added flow by flow, with arrays on a large design (`routing._signalling_per_site`), and the spoke-to-spoke share
(`vpn.spoke_to_spoke_share`), on random cloud designs with and without per-site traffic overrides."""

from __future__ import annotations

import random

import numpy  # noqa: F401  (loaded, as in the app: large designs take the array paths)
import pytest

from advisor import demand, routing
from advisor.model import Design
from advisor.routing_graph import ARRAYS_MIN, site_index
from advisor.rules import vpn


def _design(seed: int, n: int, overrides: bool) -> Design:
    """Sites on one or two clouds (the cloud at either end of a link), random users, phones, gateways, two clusters;
    some sites with traffic overrides when `overrides`."""
    rnd = random.Random(seed)
    sites = []
    for i in range(n):
        site = {"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([0, 5, 10, 40, 200]),
                "cucm_publisher": i in (0, 1), "cucm_subscribers": 1 if i == 0 else 0,
                "cluster_id": "c2" if i == 1 or (i > 1 and rnd.random() < 0.3) else "cluster-1",
                "pstn_gateway": rnd.random() < 0.4}
        if overrides and rnd.random() < 0.2:
            site["traffic"] = {"calls_per_user": rnd.choice([0.5, 2.0]), "on_net_share": rnd.choice([0.1, 0.5])}
        sites.append(site)
    two = rnd.random() < 0.5
    clouds = [{"id": "wan"}] + ([{"id": "net", "kind": "internet"}] if two else [])
    links = []
    for i in range(n):
        cloud = "net" if two and rnd.random() < 0.3 else "wan"
        a, b = (cloud, f"s{i}") if rnd.random() < 0.3 else (f"s{i}", cloud)
        links.append({"id": f"l{i}", "a": a, "b": b})
    if two:  # the HQ on both clouds, so the two parts of the WAN meet (else the sites of one cannot reach the
        links.append({"id": "l-hq-net", "a": "s0", "b": "net"})  # other's call processing: no signalling crosses)
    vpn_ = {"technology": "none", "hub_site": f"s{rnd.randrange(n)}"}
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links, "vpn": vpn_})


def _closed_form_by_link(design, index, dem, wan, sig_site, hairpin, relayed, method):
    """The link-by-link loop `routing._closed_form` replaced."""
    n = len(design.links)
    load = routing.LinkLoad([0.0] * n, [0.0] * n, [0.0] * n, method)
    for k, ln in enumerate(design.links):
        site = index[ln.a] if ln.a in index else index[ln.b]
        load.erlangs[k] = wan[site]
        load.signalling_kbps[k] = sig_site[site]
        if dem.hub == site:
            load.hairpin_erlangs[k] = hairpin
            load.erlangs[k] += 2.0 * hairpin
            load.signalling_kbps[k] += 2.0 * relayed
    return load


def _signalling_by_flow(n_sites: int, flows) -> list[float]:
    sig = [0.0] * n_sites
    for s, t, kbps in flows:
        sig[s] += kbps
        sig[t] += kbps
    return sig


def _share_by_site(design: Design, hub: str | None) -> tuple[float, float]:
    """The site-by-site loop `vpn.spoke_to_spoke_share` replaced."""
    t = design.traffic
    total_users = sum(s.users for s in design.sites)
    hub_users = next((s.users for s in design.sites if s.id == hub), 0)
    total = spoke = 0.0
    for s in design.sites:
        o = s.traffic
        calls = o.calls_per_user if o is not None and o.calls_per_user is not None else t.calls_per_user
        hold = o.holding_time_s if o is not None and o.holding_time_s is not None else t.holding_time_s
        share = o.on_net_share if o is not None and o.on_net_share is not None else t.on_net_share
        erl = s.users * calls * hold / 3600.0 * share
        others = total_users - s.users
        if erl <= 0 or others <= 0:
            continue
        total += erl
        if s.id != hub:
            spoke += erl * (others - hub_users) / others
    return (spoke / total if total > 0 else 0.0), total


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [12, ARRAYS_MIN * 3 // 2])
def test_closed_form_and_signalling_are_the_loops(seed, n):
    design = _design(seed, n, overrides=seed % 2 == 1)
    base = demand.Base.of(design)
    assert len(base.signalling_flows) >= (ARRAYS_MIN if n > ARRAYS_MIN else 1)  # the array path is taken
    index = site_index(design)
    hub = index[design.vpn.hub_site]
    rnd = random.Random(seed)
    wan = [rnd.random() * 10 for _ in design.sites]
    haul = [(i, 0, 0.25) for i in range(1, n, 3)]
    dem = routing.Demand(base.users, base.loads.on_net, haul, base.signalling_flows, hub, base.terminated)
    sig_site = routing._signalling_per_site(design, dem)
    assert sig_site == _signalling_by_flow(n, base.signalling_flows)
    assert sig_site[0] > 0.0  # the call-processing site sums thousands of flows in order
    for dem_hub in (None, hub):
        dem.hub = dem_hub
        got = routing._closed_form(design, index, dem, wan, sig_site, 1.5, 3.25, "m")
        want = _closed_form_by_link(design, index, dem, wan, sig_site, 1.5, 3.25, "m")
        assert (got.erlangs, got.hairpin_erlangs, got.signalling_kbps) == (
            want.erlangs, want.hairpin_erlangs, want.signalling_kbps)
        assert (max(got.hairpin_erlangs) == 1.5) == (dem_hub is not None)


@pytest.mark.parametrize("seed", range(10))
def test_spoke_share_is_the_loop(seed):
    design = _design(seed, 40, overrides=seed % 2 == 1)
    for hub in (None, "s0", design.vpn.hub_site, "s39"):
        assert vpn.spoke_to_spoke_share(design, hub) == _share_by_site(design, hub)


def test_spoke_share_by_hand():
    """Three sites of 10, 20 and 30 users, 1 call per user of 180 s, half on-net, hub s0 (10 users): site 1 sends
    0.5 E, 0.5 × (60 − 20 − 10) / (60 − 20) = 0.375 E to s2; site 2 sends 0.75 E, 0.75 × 20 / 30 = 0.5 E to s1."""
    design = Design.model_validate({
        "name": "t", "sites": [{"id": f"s{i}", "users": u} for i, u in enumerate((10, 20, 30))],
        "traffic": {"calls_per_user": 1.0, "holding_time_s": 180, "on_net_share": 0.5, "intra_site_share": 0.2,
                    "pstn_share": 0.3}})
    share, total = vpn.spoke_to_spoke_share(design, "s0")
    assert total == pytest.approx(0.25 + 0.5 + 0.75)
    assert share == pytest.approx((0.375 + 0.5) / 1.5)


def _relayed_by_site(users, total, on_net, hub_i, flows):
    hairpin = 0.0
    for i, o in enumerate(on_net):
        if i != hub_i and total - users[i] > 0:
            hairpin += o * (1.0 - users[hub_i] / (total - users[i]))
    return hairpin, sum(k for s, c, k in flows if hub_i not in (s, c))


@pytest.mark.parametrize("seed", range(30))
def test_small_design_passes_are_the_loops(seed):
    """Below the array size: the relayed traffic, the gravity terminations and the signalling flows in C passes
    against the loops they replace, with sites that hold every user (no one elsewhere) among them."""
    from advisor import demand_hub

    rnd = random.Random(seed)
    n = rnd.randint(1, 30)
    users = [float(rnd.choice([0, 0, 5, 10, 40])) for _ in range(n)]
    if rnd.random() < 0.3:
        users = [0.0] * n
        users[rnd.randrange(n)] = 50.0  # one site holds every user: rest = 0 there
    total = sum(users)
    on_net = [rnd.choice([0.0, 0.3, 1.7]) for _ in range(n)]
    hub_i = rnd.randrange(n)
    flows = [(i, rnd.choice([hub_i, 0, i]), rnd.choice([0.0, 0.4, 2.5])) for i in range(n)]
    assert demand_hub.relayed(users, total, on_net, hub_i, flows) == _relayed_by_site(users, total, on_net, hub_i,
                                                                                       flows)
    want_share = [o / (total - u) if total - u > 0 else 0.0 for o, u in zip(on_net, users, strict=True)]
    want = [u * (sum(want_share) - sh) for u, sh in zip(users, want_share, strict=True)]
    assert routing.Demand(users, on_net, [], flows, None).terminated() == want
    nodes = [rnd.choice([0, 0, 0, 1, 2]) for _ in range(n)]
    kbps = [rnd.choice([0.0, 0.5, 1.25]) for _ in range(n)]
    cps = [rnd.choice([None, 0, hub_i]) for _ in range(n)]
    assert demand._signalling_flows(nodes, kbps, iter(cps)) == [
        (i, cp, k) for i, nd, k, cp in zip(range(n), nodes, kbps, cps, strict=True)
        if nd == 0 and k > 0 and cp is not None]
