"""The sizing's rows as built for 10,000 sites (`advisor.sizing_rows`, `advisor.demand_loads`, `traffic._price_links`)
against a plain reading written here one site and one link at a time, as the sizing read them before: every
SiteResult and LinkResult field equal (floats bit for bit, the same types), in the same order, with the same notes,
PSTN trunk bounds, site links and NAT-T links, on generated designs of every topology (plain and varied, up to 2,000
sites: Erlang B in one batch) and on small random designs (site traffic overrides that are scaled, phones of every
kind, gateways, a central PSTN site, NAT, serial and Ethernet links, hub overlays)."""

from __future__ import annotations

import random
import struct
import sys
from pathlib import Path

import pytest

from advisor import demand, erlang, findings, packet, sizing_rows, traffic
from advisor.demand_bounds import site_phones
from advisor.hub_relay import routes_via_hub
from advisor.model import Design
from advisor.results import LinkResult, SiteResult
from advisor.rules import vpn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import TOPOLOGIES, generate  # noqa: E402
from varied import vary  # noqa: E402

from tests.core.loads_plain import plain_loads  # noqa: E402

NOISE = 1e-9
TECHNOLOGIES = ("none", "ipsec", "gre-ipsec", "dmvpn", "getvpn")


def _same(x, y) -> bool:
    """Equal values of the same type; floats bit for bit (0.0 is not -0.0)."""
    if type(x) is not type(y):
        return False
    if isinstance(x, float):
        return struct.pack("<d", x) == struct.pack("<d", y)
    return x == y


def _assert_rows(got, want: list[dict], what: str) -> None:
    assert len(got) == len(want), what
    for k, (obj, row) in enumerate(zip(got, want, strict=True)):
        assert list(obj.__dict__) == list(row), f"{what}[{k}]: field order"
        for name, value in row.items():
            assert _same(obj.__dict__[name], value), f"{what}[{k}].{name}: {obj.__dict__[name]!r} != {value!r}"


# --- the plain readings ------------------------------------------------------------------------------------------

def plain_sites(design: Design, routed) -> tuple[list[dict], dict[str, int]]:
    """A SiteResult row per site; the gateways whose served phones bound their trunks (Erlang B's figure)."""
    gos, sites, loads = design.traffic.gos, design.sites, routed.loads
    rows, bounded = [], {}
    for i, s in enumerate(sites):
        pstn = routed.pstn_erl[i]
        trunks = 0
        if s.pstn_gateway or i == routed.pstn_i:
            trunks = erlang.trunks(0.0 if pstn < NOISE else pstn, gos)
            if trunks > s.users and (s.phones is None or trunks > s.phones):
                served = site_phones(s)
                if i == routed.pstn_i:
                    served += sum(site_phones(sites[h]) for h, to, _erl in routed.haul if to == i)
                if trunks > served:
                    bounded[s.id] = trunks
                    trunks = served
        wan = routed.wan[i]
        rows.append({"id": s.id, "name": s.name, "users": s.users, "phones": s.users if s.phones is None else s.phones,
                     "erlangs": loads.erlangs[i], "intra_erlangs": loads.intra[i], "on_net_erlangs": loads.on_net[i],
                     "pstn_erlangs": pstn, "pstn_trunks": trunks, "wan_erlangs": 0.0 if wan < NOISE else wan,
                     "signalling_kbps": loads.phones_kbps[i]})
    return rows, bounded


def plain_nat_links(design: Design, technology: str, hub: str | None) -> set[str]:
    nated = {ln.id for ln in design.links if ln.nat}
    if not nated or technology not in traffic.NAT_T_TECHNOLOGIES:
        return set()
    if hub is None:
        return {ln.id for ln in design.links}
    return nated | {ln.id for ln in design.links if hub in (ln.a, ln.b)}


def plain_links(design: Design, techs: list[str], routed, nat_t: set[str]) -> tuple[list[dict], float]:
    """A LinkResult row per link, its packet priced on its own; and the hub's extra kbps for relayed calls."""
    rows, hairpin_kbps = [], 0.0
    load = routed.load
    for k, ln in enumerate(design.links):
        res = packet.compute(traffic.call_spec(design, techs[k], ln, nat_on_path=ln.id in nat_t))
        calls, erl, hp = routed.calls[k], load.erlangs[k], load.hairpin_erlangs[k]
        sig, cluster, cap = load.signalling_kbps[k], routed.cluster_kbps[k], ln.capacity_kbps
        voice = calls * res.kbps
        total = voice + sig + cluster
        llq = voice / cap
        status = "ok"
        if llq > design.traffic.llq_share:
            status = "llq"
        if total > cap:
            status = "overload"
        rows.append({"id": ln.id, "a": ln.a, "b": ln.b, "erlangs": erl, "calls": calls, "per_call_kbps": res.kbps,
                     "voice_kbps": voice, "signalling_kbps": sig, "kbps": total, "capacity_kbps": cap,
                     "utilization": total / cap, "llq_share": llq, "encapsulation": res.encapsulation,
                     "l2": res.l2_convention, "ip_packet_bytes": res.ip_packet_bytes, "frame_bytes": res.frame_bytes,
                     "hairpin_erlangs": hp, "status": status, "technology": techs[k], "cluster_kbps": cluster})
        if hp > 0:
            direct = max(erl - 2 * hp, 0.0)
            direct = 0.0 if direct < NOISE else direct
            hairpin_kbps = max(hairpin_kbps, (calls - erlang.trunks(direct, design.traffic.gos)) * res.kbps)
    return rows, hairpin_kbps


def plain_site_links(design: Design) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {s.id: [] for s in design.sites}
    for ln in design.links:
        for end in (ln.a, ln.b):
            if end in out:
                out[end].append(ln.id)
    return {sid: tuple(ids) for sid, ids in out.items()}


# --- the comparison ----------------------------------------------------------------------------------------------

def _check(design: Design, technologies=TECHNOLOGIES, monkeypatch=None) -> None:
    want_loads, want_notes = plain_loads(design)
    notes: list[str] = []
    got = demand._load_lists(design, notes)
    assert notes == want_notes
    columns = list(zip(*want_loads, strict=True)) or [()] * 5
    for name, column in zip(("erlangs", "intra", "on_net", "pstn_own", "phones_kbps"), columns, strict=True):
        assert len(getattr(got, name)) == len(column) and all(map(_same, getattr(got, name), column)), name
    routing = vpn.Routing(design)
    for technology in technologies:
        techs = traffic.link_technologies(design, technology)
        sizing = traffic.size(design, technology, techs, routing.routed)
        routed = routing.routed(routes_via_hub(design, techs, technology))
        hub = routed.hub.id if routed.hub is not None else None
        base_notes = [n for n in routed.notes if n.startswith("sites[") and ".traffic (" in n]
        assert base_notes == want_notes
        rows, bounded = plain_sites(design, routed)
        _assert_rows(sizing.sites, rows, f"{technology} sites")
        assert list(sizing.bounded_trunks.items()) == list(bounded.items())
        nat_t = set().union(*(plain_nat_links(design, t, hub) for t in set(techs)))
        ends = ([ln.id for ln in design.links], [ln.a for ln in design.links], [ln.b for ln in design.links])
        for t in set(techs):
            assert traffic.nat_links(design, t, hub) == traffic.nat_links(design, t, hub, ends) \
                == plain_nat_links(design, t, hub)
        links, hairpin_kbps = plain_links(design, techs, routed, nat_t)
        _assert_rows(sizing.links, links, f"{technology} links")
        assert _same(sizing.hairpin_kbps, hairpin_kbps)
        assert list(sizing.site_links.items()) == list(plain_site_links(design).items())
        assert list(sizing.link_technology.items()) == [(ln.id, t) for ln, t in zip(design.links, techs, strict=True)]
        if monkeypatch is not None:  # both ways of building the link rows: every link, or each distinct row copied
            for every_link in (True, False):
                monkeypatch.setattr(traffic, "_mostly_distinct", lambda erlangs, every=every_link: every)
                got_links, got_hairpin, _ = traffic._price_links(design, techs, routed, nat_t)
                _assert_rows(got_links, links, f"{technology} links, every link {every_link}")
                assert _same(got_hairpin, hairpin_kbps)
            monkeypatch.undo()


def _random(seed: int) -> Design:
    rnd = random.Random(seed)
    n = rnd.randint(1, 30)
    sites = []
    for i in range(n):
        site = {"id": f"s{i}", "kind": "hq" if i == 0 else rnd.choice(["branch", "branch", "datacenter"]),
                "users": rnd.choice([0, 1, 3, 10, 25, 40, 300, 1500]), "cucm_publisher": i == 0,
                "cucm_subscribers": rnd.choice([0, 0, 0, 1]), "cluster_id": rnd.choice(["c0", "c0", "c1"]),
                "pstn_gateway": rnd.random() < 0.5}
        if rnd.random() < 0.5:
            site["phones"] = rnd.choice([0, 1, 3, 25, 400, site["users"]])
        if rnd.random() < 0.4:  # the site's own traffic, some of it only: shares that may need scaling
            own = {}
            for name, values in (("calls_per_user", [0.0, 0.5, 2.0, 7.3]), ("holding_time_s", [60, 180, 333.3]),
                                 ("intra_site_share", [0.0, 0.1, 0.5]), ("on_net_share", [0.0, 0.2, 0.9]),
                                 ("pstn_share", [0.0, 0.3, 0.7])):
                if rnd.random() < 0.5:
                    own[name] = rnd.choice(values)
            site["traffic"] = own
        sites.append(site)
    clouds = [{"id": "c0", "kind": rnd.choice(["mpls", "internet"])}]
    links = []
    for i in range(1, n):
        end = rnd.choice(["c0", f"s{rnd.randrange(i)}", f"s{rnd.randrange(i)}"])
        links.append({"id": f"l{i}", "a": f"s{i}", "b": end, "capacity_kbps": rnd.choice([64, 256, 1024, 2048, 1e5]),
                      "l2": rnd.choice(["ethernet", "ppp", "dot1q", "frame-relay", "mlppp"]), "nat": rnd.random() < 0.2})
    if n > 1 and rnd.random() < 0.5:
        links.append({"id": "l0", "a": "s0", "b": "c0"})
    traffic_policy = {"calls_per_user": rnd.choice([0.5, 1.0, 3.3]), "llq_share": rnd.choice([0.1, 0.33]),
                      "gos": rnd.choice([0.01, 0.05])}
    if rnd.random() < 0.3:
        traffic_policy["central_pstn_site"] = f"s{rnd.randrange(n)}"
    vpn_policy = {"technology": "recommend", "dmvpn_phase": rnd.choice([1, 3]),
                  "gre_topology": rnd.choice(["hub-and-spoke", "full-mesh"])}
    return Design.model_validate({"name": "t", "sites": sites, "clouds": clouds, "links": links, "vpn": vpn_policy,
                                  "voice": {"codec": rnd.choice(["g711", "g729"]), "signalling": rnd.choice(["sip", "sccp"])},
                                  "traffic": traffic_policy})


@pytest.mark.parametrize("shape", TOPOLOGIES)
@pytest.mark.parametrize("sites", [40, 600])
def test_generated_designs_plain_and_varied(shape, sites, monkeypatch):
    plain = generate(sites, shape)
    _check(plain, monkeypatch=monkeypatch)
    _check(vary(plain, 7), monkeypatch=monkeypatch)


@pytest.mark.parametrize("shape", ["chain", "mpls"])
def test_large_varied_designs(shape):
    # thousands of gateways and links with loads of their own: Erlang B in one batch, a packet per layer 2 and NAT
    design = vary(generate(2000, shape), 3)
    _check(design, ("none", "ipsec"))


@pytest.mark.parametrize("seed", range(60))
def test_small_random_designs(seed, monkeypatch):
    _check(_random(seed), monkeypatch=monkeypatch)


@pytest.mark.parametrize("central", [False, True])
@pytest.mark.parametrize("seed", range(6))
def test_gateways_bounded_by_the_phones_they_serve(seed, central):
    # calls enough that Erlang B asks for more trunks than phones: the gateways, and the PSTN site with the phones
    # of every site hauling to it, bound their trunks
    rnd = random.Random(seed)
    n = rnd.randint(3, 40)
    sites = [{"id": f"s{i}", "kind": "hq" if i == 0 else "branch", "users": rnd.choice([1, 2, 5, 30]),
              "phones": rnd.choice([None, 0, 1, 3]), "cucm_publisher": i == 0, "pstn_gateway": i == 0 or rnd.random() < 0.3}
             for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{rnd.randrange(i)}", "capacity_kbps": 1e6} for i in range(1, n)]
    policy = {"calls_per_user": 30.0, "holding_time_s": 1800, "intra_site_share": 0.1, "on_net_share": 0.1,
              "pstn_share": 0.8}
    if central:
        policy["central_pstn_site"] = f"s{rnd.randrange(n)}"
    design = Design.model_validate({"name": "t", "sites": sites, "links": links, "traffic": policy})
    _check(design, ("none",))
    assert traffic.size(design, "none").bounded_trunks  # the bound applies


def test_link_rows_keep_every_value_as_given():
    # a column of equal values that are not one object (0.0 and -0.0, 2 and 2.0) is written row by row
    head = {**sizing_rows.LINK_ROW, "per_call_kbps": 80.0, "encapsulation": "e", "l2": "ethernet (18 B)",
            "ip_packet_bytes": 200, "frame_bytes": 218, "status": "ok", "technology": "none"}
    one = 0.0
    columns = {"erlangs": [one, -0.0, one], "calls": [2, 2, 2], "hairpin": [one, one, one],
               "signalling": [1.5, 1.5, 1.5], "cluster": [-0.0, 0.0, 0.0], "capacity": [64.0, 64.0, 1000.0]}
    rows = sizing_rows.link_rows({0: head}, None, 0.33, *columns.values())
    for k, row in enumerate(rows):
        voice = columns["calls"][k] * 80.0
        total = voice + columns["signalling"][k] + columns["cluster"][k]
        cap = columns["capacity"][k]
        want = {**head, "erlangs": columns["erlangs"][k], "calls": 2, "voice_kbps": voice,
                "signalling_kbps": columns["signalling"][k], "kbps": total, "capacity_kbps": cap,
                "utilization": total / cap, "llq_share": voice / cap, "hairpin_erlangs": columns["hairpin"][k],
                "status": "overload" if total > cap else "llq" if voice / cap > 0.33 else "ok",
                "cluster_kbps": columns["cluster"][k]}
        assert list(row) == list(want) and all(_same(row[name], value) for name, value in want.items()), k


def test_empty_and_single_site_designs():
    _check(Design.model_validate({"name": "t", "sites": []}), ("none",))
    _check(Design.model_validate({"name": "t", "sites": [{"id": "a", "users": 20, "phones": 0}]}))


def test_trusted_results_equal_validated_results():
    design = vary(generate(60, "tree"), 5)
    sizing = traffic.size(design, "dmvpn")
    for cls, results in ((SiteResult, sizing.sites), (LinkResult, sizing.links)):
        for r in results:
            again = cls.model_validate(r.model_dump())
            assert r == again and repr(r) == repr(again) and r.model_dump_json() == again.model_dump_json()
            assert r.model_fields_set == again.model_fields_set and r.__pydantic_extra__ is None
    # a class laid out otherwise than pydantic's slots: the plain builder
    assert findings._slot_setters(object) == ()
