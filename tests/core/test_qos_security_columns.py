"""The QOS-* and SEC-* findings built column by column (`advisor.rules.qos`, `advisor.rules.security`,
`advisor.rules.security_columns`) equal, field by field and in the same order, those of a plain link-by-link and
site-by-site reading of the rules written out here: on generated designs of every shape, varied ones (every
per-site and per-link field drawn at random), and links whose figures sit exactly at the 'max-reserved-bandwidth'
share or a micro-kbps from a whole kbps."""

from __future__ import annotations

import dataclasses
import heapq
import math
import random
import sys
from pathlib import Path

import pytest

from advisor import traffic
from advisor.model import Design, SecurityControls
from advisor.rules import qos, security

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

from tests.core.qos_security_plain import (  # noqa: E402
    _ceil6,
    _check_both,
    _same,
    _sized,
    _with,
    qos_plain,
    reserved_plain,
)
from tests.core.test_fast_paths_rules import _design  # noqa: E402

# --- generated designs -----------------------------------------------------------------------------------------------

SHAPES = ["chain", "mesh", "tree", "mpls", "internet-hub", "dual-cloud", "hub-pairs", "regional-core", "dual-hub"]


@pytest.mark.parametrize("topology", SHAPES)
def test_generated_designs(topology):
    _check_both(generate(400, topology))


@pytest.mark.parametrize("topology", ["chain", "mesh", "mpls", "internet-hub", "dual-cloud", "tree"])
@pytest.mark.parametrize("seed_", [7, 8])
def test_varied_designs(topology, seed_):
    design = vary(generate(300, topology), seed_)
    _check_both(design)
    modes = ("authenticated", "encrypted") if seed_ == 7 else ("encrypted", "authenticated")
    # TLS-protected signalling: the TLS-proxy findings beside the firewall ones, and the CTL control applying
    design = _with(design, voice={"security_mode": modes[0], "srtp": "sha1-80"},
                   vpn={"dynamic_routing": True, "privacy_required": False})
    _check_both(design)
    _check_both(_with(design, voice={"security_mode": modes[1], "srtp": "none"}, vpn={"technology": "none"}))


@pytest.mark.parametrize("seed_", range(30))
def test_random_small_designs(seed_):
    _check_both(_design(seed_))


@pytest.mark.parametrize("technology", ["dmvpn", "flexvpn", "gre-ipsec", "ipsec", "vti", "getvpn", "none"])
def test_each_technology_on_a_hub_and_spoke(technology):
    for shape in ("internet-hub", "dual-cloud", "hub-pairs"):
        design = _with(generate(120, shape), vpn={"technology": technology})
        _check_both(design)
        _check_both(vary(design, 11))


def test_per_tunnel_with_a_hub_of_many_links_and_spokes_on_several_links():
    # leased lines from the hub to every branch, branches chained too: the hub's links filtered by a mask, spokes
    # at both ends of a link, and each reached by several links (the fastest one counts)
    n = 60
    sites = [{"id": f"s{i}", "users": 0 if i % 9 == 4 else 20 + i, "cucm_publisher": i == 0} for i in range(n)]
    links = [{"id": f"h{i}", "a": f"s{i}" if i % 2 else "s0", "b": "s0" if i % 2 else f"s{i}",
              "capacity_kbps": 100000.0 if i < 20 else 512.0 + i} for i in range(1, n)]
    links += [{"id": f"c{i}", "a": f"s{i}", "b": f"s{i + 1}", "capacity_kbps": 256.0 + 7 * (i % 5)}
              for i in range(1, n - 1)]
    for tech in ("dmvpn", "flexvpn"):
        design = Design.model_validate({"name": "hub", "sites": sites, "links": links,
                                        "vpn": {"technology": tech}})
        sizing, _ = _check_both(design)
        assert any(f.code == "QOS-PER-TUNNEL" for f in qos.check(design, sizing))
        # links written cloud first: the spokes at the b ends
        clouded = Design.model_validate({
            "name": "cloud first", "sites": sites, "clouds": [{"id": "net", "kind": "internet"}],
            "links": [{"id": f"n{i}", "a": "net", "b": f"s{i}", "capacity_kbps": 100000.0 if i == 0 else 256.0 + i}
                      for i in range(n)], "vpn": {"technology": tech}})
        sizing, _ = _check_both(clouded)
        assert any(f.code == "QOS-PER-TUNNEL" for f in qos.check(clouded, sizing))
        # a hub with few links: they are deleted one by one
        few = Design.model_validate({"name": "hub", "sites": sites, "links": links[5:] , "vpn": {"technology": tech}})
        _check_both(few)


# --- figures at the edges ----------------------------------------------------------------------------------------

def _edge_links(sizing: traffic.Sizing, rnd: random.Random) -> traffic.Sizing:
    """The sizing with every link's voice, signalling and capacity redrawn: priority + signalling a kbps or two either
    side of the reserved share, or exactly on it, each figure a whole kbps, a micro-kbps off one (which the
    rounding to a micro-kbps keeps or drops), or a fraction; some links without calls or signalling."""
    offsets = (0.0, 1e-9, 3e-7, 4.9e-7, 5e-7, 5.1e-7, 7e-7, 1e-6, 1.5e-6, 2e-6, 0.25, 0.5, 0.999999, 0.9999996)
    links = []
    for r in sizing.links:
        capacity = rnd.choice((1.0, 4.0, 64.0, 100.0, 128.0, 333.0, 1000.0, 1544.0, 2048.0, 10000.0,
                               rnd.uniform(1, 1e5)))
        share = qos.MAX_RESERVED_SHARE * capacity
        total = max(0, math.floor(share) + rnd.randint(-3, 2))
        signalling_whole = rnd.randint(0, total) if rnd.random() < 0.8 else 0
        voice_whole = total - signalling_whole
        voice = max(0.0, voice_whole - rnd.choice(offsets) if rnd.random() < 0.5 else voice_whole - 1 + rnd.choice(offsets))
        signalling = max(0.0, signalling_whole - rnd.choice(offsets) if rnd.random() < 0.5
                         else signalling_whole - 1 + rnd.choice(offsets))
        if rnd.random() < 0.1:
            signalling = 0.0
        calls = r.calls if rnd.random() < 0.9 else 0
        links.append(r.model_copy(update={"voice_kbps": voice, "signalling_kbps": signalling,
                                          "capacity_kbps": capacity, "calls": calls}))
    return dataclasses.replace(sizing, links=tuple(links))


@pytest.mark.parametrize("seed_", range(6))
def test_figures_at_the_reserved_share(seed_):
    rnd = random.Random(seed_)
    design = generate(300, ("chain", "mpls", "internet-hub", "dual-cloud", "mesh", "tree")[seed_])
    sizing = _edge_links(_sized(design)[0], rnd)
    links = [r for r in sizing.links if r.calls > 0]
    over = reserved_plain(links)
    assert 0 < over < len(links)  # the draw puts links on both sides
    near = sum(abs(_ceil6(r.voice_kbps) + _ceil6(r.signalling_kbps) - qos.MAX_RESERVED_SHARE * r.capacity_kbps) <= 1
               for r in links)
    assert near > len(links) // 4  # and many within a kbps of the share
    _same(qos.check(design, sizing), qos_plain(design, sizing))


def _count_plain(voices, signalling, capacities) -> int:
    return sum(_ceil6(v) + _ceil6(s) > qos.MAX_RESERVED_SHARE * c for v, s, c in zip(voices, signalling, capacities,
                                                                                        strict=True))


@pytest.mark.parametrize("seed_", range(20))
def test_reserved_count_equals_the_plain_count(seed_):
    rnd = random.Random(seed_)
    n = rnd.choice((1, 2, 5, 50, 400))
    whole = [rnd.randint(0, 3000) for _ in range(n)]
    fractions = (0.0, 1e-9, 4e-7, 5e-7, 6e-7, 1e-6, 0.3, 0.5, 0.9999994, 0.9999995, 0.9999996, 0.99999999)
    voices = [w + rnd.choice(fractions) for w in whole]
    signalling = [rnd.choice((0.0, 1.0, 2.5, 3.0000004, 2.9999996, 10.0 + rnd.random()))
                  for _ in range(n)]
    # capacities that put the share on, just above and just below priority + signalling
    capacities = [(_ceil6(v) + _ceil6(s) + rnd.choice((-2, -1, 0, 0, 1, 2)) / rnd.choice((1, 2, 4))) / 0.75
                  for v, s in zip(voices, signalling, strict=True)]
    assert qos.reserved_excess(voices, signalling, capacities) == _count_plain(voices, signalling, capacities)
    exact = [(_ceil6(v) + _ceil6(s)) / 0.75 for v, s in zip(voices, signalling, strict=True)]
    assert qos.reserved_excess(voices, signalling, exact) == _count_plain(voices, signalling, exact)


def test_reserved_count_with_figures_the_float_bounds_do_not_cover():
    huge = [2.0 ** 31 + 0.5, 1e15, 3.0]
    assert qos.reserved_excess(huge, [0.0, 0.5, 0.0], [1.0, 1e20, 4.0]) == _count_plain(huge, [0.0, 0.5, 0.0],
                                                                                          [1.0, 1e20, 4.0])
    negative = [-2.5, 1.0000004, -1e-7]  # not from a sizing, but the same answer
    assert qos.reserved_excess(negative, [0.0, 0.0, 0.0], [1.0, 1.0, 1.0]) == _count_plain(negative, [0.0] * 3,
                                                                                             [1.0] * 3)
    assert qos.reserved_excess([], [], []) == 0
    # the excess of voice + signalling over the share exactly at the bounds the float figures decide on
    on_bounds = ([1e-5, 3.0, 0.0, 1e-5 + 2.0, 2.0], [0.0, 0.0, 1e-5, 0.0, 1.0], [0.0, 8.0, 0.0, 8 / 3, 4.0])
    excess = [v + s - 0.75 * c for v, s, c in zip(*on_bounds, strict=True)]
    assert excess.count(1e-5) == 2 and excess.count(-3.0) == 1
    assert qos.reserved_excess(*on_bounds) == _count_plain(*on_bounds) == 3
    infinite = [1.0, 2.0, 3.0]
    for capacity in (math.inf, -math.inf, math.nan):  # the share compares as the plain comparison does
        caps = [capacity, 4.0, 1.0]
        assert qos.reserved_excess(infinite, [0.0] * 3, caps) == _count_plain(infinite, [0.0] * 3, caps)
    for bad in (math.nan, math.inf):  # the rounding refuses them, either way
        with pytest.raises((ValueError, OverflowError)):
            _count_plain([1.0, bad], [0.0, 0.0], [1.0, 1.0])
        with pytest.raises((ValueError, OverflowError)):
            qos.reserved_excess([1.0, bad], [0.0, 0.0], [1.0, 1.0])


@pytest.mark.parametrize("seed_", range(30))
def test_largest_picks_as_nlargest_does(seed_):
    rnd = random.Random(seed_)
    n = rnd.choice((0, 1, 2, 3, 4, 7, 64, 65, 300, 1000))
    pool = [rnd.uniform(0, 100) for _ in range(rnd.choice((1, 2, 3, 5, 1000)))] + [0.0, -0.0]
    values = [rnd.choice(pool) for _ in range(n)]
    if seed_ % 3 == 0:
        values.sort(reverse=seed_ % 2 == 0)  # rising or falling: the sample's n-th largest far below the true one
    ties = [rnd.choice((0, 1, 2)) for _ in range(n)]  # a second figure, equal for many
    ids = [f"x{rnd.randrange(10 ** 6):06}" for _ in range(n)]

    def tie(i):  # of equal values, the largest second figure, then the smallest id
        return -ties[i], ids[i]

    for k in (1, 2, 3, 5):
        assert qos.largest(values, k) == heapq.nlargest(k, range(len(values)), key=values.__getitem__)
        assert qos.largest(values, k, tie) == sorted(range(n), key=lambda i: (-values[i], tie(i)))[:k]


def test_largest_with_nan_and_infinities():
    values = [1.0, math.nan, 5.0, math.inf, 5.0, -math.inf, 2.0]
    assert qos.largest(values, 3) == heapq.nlargest(3, range(len(values)), key=values.__getitem__)
    assert qos.largest([1.0, 5.0, math.inf, 5.0, -math.inf], 3, lambda i: -i) == [2, 3, 1]


# --- security settings: shared, mostly shared, all different ---------------------------------------------------------

def _settings_design(n: int, mode: str, how: str, seed_: int) -> Design:
    flags = list(SecurityControls.model_fields)
    rnd = random.Random(seed_)
    common = {f: rnd.random() < 0.5 for f in flags}
    sites = []
    for i in range(n):
        users = rnd.choice((0, 8, 30, 30, 30)) if how != "uniform" else 30
        own = (how == "distinct" or (how == "few" and rnd.random() < 0.03) or (how == "half" and i % 2)
               or (how == "hq" and i == 0))
        sites.append({"id": f"s{i}", "users": users, "public_area_phones": rnd.choice((0, users)),
                      "cucm_publisher": i == 0, "cucm_subscribers": rnd.choice((0, 0, 0, 1, 2)),
                      "security": {f: rnd.random() < 0.5 for f in flags} if own else dict(common)})
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "wan", "nat": i % 7 == 3, "routing_auth": i % 3 == 0}
             for i in range(0, n, 3 if how == "few" else 1)]
    return Design.model_validate({"name": "Settings", "sites": sites, "links": links,
                                  "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "voice": {"security_mode": mode}, "vpn": {"technology": "mpls-isolation",
                                                                             "dynamic_routing": True}})


@pytest.mark.parametrize("how", ["uniform", "hq", "few", "half", "distinct"])
@pytest.mark.parametrize("mode", ["non-secure", "authenticated", "encrypted"])
def test_settings_shared_mostly_shared_or_distinct(how, mode):
    for n in (1, 2, 17, 300):
        design = _settings_design(n, mode, how, n)
        _check_both(design)
        # the settings keys, whichever way they are made, are never coarser than the settings
        dicts = [s.security.__dict__ for s in design.sites]
        keys = security._settings_keys(dicts)
        if keys is not None:
            keys = list(keys)
            for i in range(len(dicts)):
                for j in (0, i // 2, len(dicts) - 1):
                    if keys[i] == keys[j]:
                        assert dicts[i] == dicts[j]


def test_each_way_of_keying_the_settings_is_taken():
    def kind(how):
        keys = security._settings_keys([s.security.__dict__ for s in _settings_design(400, "non-secure", how, 3).sites])
        return "per site" if keys is None else "shared" if isinstance(keys, list) else "tuples"

    assert kind("uniform") == kind("hq") == kind("few") == "shared"
    assert kind("half") == "tuples"
    assert kind("distinct") == "per site"


def test_no_sites_with_phones_or_routers_and_no_links():
    design = Design.model_validate({"name": "Empty", "sites": [{"id": "a", "users": 0}, {"id": "b", "users": 0}]})
    _check_both(design)
    one = Design.model_validate({"name": "One", "sites": [{"id": "a", "users": 10, "cucm_publisher": True}]})
    _check_both(one)
