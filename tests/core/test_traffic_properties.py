"""Invariants of the sizing on random cloud designs: more users never less bandwidth, hub overlays never lighten
the hub, closed forms agree with path routing, results are deterministic."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from advisor import routing, traffic
from advisor.model import Design

site_st = st.tuples(st.integers(0, 300), st.booleans(), st.sampled_from(["ethernet", "ppp", "dot1q"]))


def _cloud(sites, technology="none", phase=3, central=None, users_scale=1.0, cpu=2.0) -> Design:
    return Design.model_validate({
        "voice": {"codec": "g711"},
        "vpn": {"technology": technology, "dmvpn_phase": phase},
        "traffic": {"calls_per_user": cpu, "central_pstn_site": central},
        "sites": [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": int(u * users_scale),
                   "pstn_gateway": gw or i == 0, "cucm_publisher": i == 0}
                  for i, (u, gw, _l2) in enumerate(sites)],
        "clouds": [{"id": "wan"}],
        "links": [{"id": f"l{i}", "a": f"s{i}", "b": "wan", "l2": l2} for i, (_u, _gw, l2) in enumerate(sites)],
    })


@settings(max_examples=60, deadline=None)
@given(st.lists(site_st, min_size=2, max_size=8), st.integers(0, 7), st.integers(1, 200))
def test_more_users_at_a_site_never_less_bandwidth_on_its_link(sites, which, extra):
    which %= len(sites)
    before = traffic.size(_cloud(sites), "none").links[which].kbps
    grown = list(sites)
    u, gw, l2 = grown[which]
    grown[which] = (u + extra, gw, l2)
    after = traffic.size(_cloud(grown), "none").links[which].kbps
    assert after >= before - 1e-9


@settings(max_examples=40, deadline=None)
@given(st.lists(site_st, min_size=1, max_size=8), st.floats(1.0, 4.0), st.floats(0.5, 5.0), st.floats(0.0, 3.0, allow_subnormal=False))
def test_scaling_traffic_up_never_lowers_any_link(sites, scale, cpu, more_cpu):
    base = traffic.size(_cloud(sites, cpu=cpu), "getvpn")
    bigger = traffic.size(_cloud(sites, users_scale=scale, cpu=min(cpu + more_cpu, 100)), "getvpn")
    for a, b in zip(base.links, bigger.links, strict=True):
        assert b.kbps >= a.kbps - 1e-9
        assert b.calls >= a.calls


@settings(max_examples=60, deadline=None)
@given(st.lists(site_st, min_size=2, max_size=8), st.sampled_from([None, "s1"]))
# the gateway's link, where one phone's PSTN calls are relayed by the hub: 1 call either way, not 2 through it
@example([(0, False, "ethernet"), (0, False, "ethernet"), (1, False, "ethernet")], "s1")
def test_hub_overlay_never_loads_the_hub_less_than_direct(sites, central):
    hub = traffic.size(_cloud(sites, "dmvpn", phase=1, central=central), "dmvpn")
    direct = traffic.size(_cloud(sites, "dmvpn", phase=3, central=central), "dmvpn")
    assert hub.hub == "s0" and direct.hub is None
    assert hub.links[0].kbps >= direct.links[0].kbps
    assert hub.links[0].erlangs == pytest.approx(direct.links[0].erlangs + 2 * hub.hairpin_erlangs)
    # Spoke links carry the same either way: a relayed call still crosses each spoke's link once.
    for a, b in zip(hub.links[1:], direct.links[1:], strict=True):
        assert a.kbps == pytest.approx(b.kbps)


@settings(max_examples=50, deadline=None)
@given(st.lists(site_st, min_size=2, max_size=7), st.booleans(), st.sampled_from([None, "s1"]))
def test_closed_form_matches_path_routing(sites, hub_overlay, central):
    """On a single-homed cloud the per-site closed form and explicit shortest paths give the same link loads."""
    d = _cloud(sites, "dmvpn", phase=1 if hub_overlay else 3, central=central)
    s = traffic.size(d, "dmvpn")
    assert s.routing == "closed form (cloud)"
    demand = _demand(d, s)
    paths = routing._shortest_paths(d, demand)
    assert paths.erlangs == pytest.approx([r.erlangs for r in s.links], abs=1e-9)
    assert paths.signalling_kbps == pytest.approx([r.signalling_kbps for r in s.links], abs=1e-9)
    assert paths.hairpin_erlangs == pytest.approx([r.hairpin_erlangs for r in s.links], abs=1e-9)


def _demand(d: Design, s: traffic.Sizing) -> routing.Demand:
    # Rebuild the demand from the per-site results, as size() does internally.
    index = {site.id: i for i, site in enumerate(d.sites)}
    pstn = index[s.pstn_site] if s.pstn_site else None
    loads = traffic._site_loads(d, [])
    haul = [(i, pstn, ld.pstn_own) for i, (site, ld) in enumerate(zip(d.sites, loads, strict=True))
            if pstn is not None and i != pstn and (d.traffic.central_pstn_site or not site.pstn_gateway)]
    sig = [(i, 0, ld.phones_kbps) for i, ld in enumerate(loads) if i > 0 and ld.phones_kbps > 0]
    on_net = [r.on_net_erlangs for r in s.sites]
    return routing.Demand([float(site.users) for site in d.sites], on_net, haul, sig,
                          index[s.hub] if s.hub else None)


@settings(max_examples=30, deadline=None)
@given(st.lists(site_st, min_size=1, max_size=8), st.sampled_from(["none", "gre-ipsec", "dmvpn", "getvpn"]))
def test_deterministic_and_conserving(sites, technology):
    d = _cloud(sites, technology)
    a, b = traffic.size(d, technology), traffic.size(d, technology)
    assert a == b
    # Every site's traffic splits exactly into its parts.
    for r in a.sites:
        assert r.intra_erlangs + r.on_net_erlangs <= r.erlangs + 1e-9
    # Each on-net call loads two access links, and so does each PSTN call hauled to the HQ (s0):
    # Σ WAN Erlangs = 2 × Σ on-net + 2 × hauled. Gateway-less branches haul their 20 % PSTN share.
    hauled = sum(r.erlangs * 0.2 for r, site in zip(a.sites, d.sites, strict=True)
                 if not site.pstn_gateway and site.id != "s0")
    total_on_net = sum(r.on_net_erlangs for r in a.sites)
    assert sum(r.wan_erlangs for r in a.sites) == pytest.approx(2 * total_on_net + 2 * hauled, abs=1e-6)
