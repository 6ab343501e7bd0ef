"""The per-link sizing's two ways of building link results — every link worked out column by column, or each distinct
row worked out once and copied — give exactly what the formula written for one link gives, on generated designs of
every shape (a few dozen and 2,000 sites), with mixed technologies, NAT and layer 2; and a pricing error still names
the first link that cannot be priced."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor import erlang, packet, traffic
from advisor.model import Design
from advisor.packet import PacketError
from advisor.results import LinkResult
from advisor.rules import vpn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import TOPOLOGIES, generate  # noqa: E402


def _varied(sites: int, shape: str) -> Design:
    """A generated design with some links on PPP or 802.1Q (other per-call prices), some behind a NAT, and the HQ's
    cluster spanning a few more sites (intra-cluster traffic on the links between them)."""
    data = generate(sites, shape).model_dump()
    for site in data["sites"][sites // 3::max(sites // 4, 1)][:3]:
        site["cucm_subscribers"] = 1
    for k, link in enumerate(data["links"]):
        link["l2"] = ("ethernet", "ppp", "ethernet", "dot1q")[k % 4]
        link["nat"] = k % 11 == 5
    return Design.model_validate(data)


def _by_hand(design: Design, techs: list[str], routed, nat_t: set[str]) -> tuple[list[LinkResult], float]:
    """Each link on its own, validated: per call from its own packet, voice = calls × per call, total = voice +
    signalling + cluster traffic, utilization and priority-queue share over the capacity; and the hub's extra kbps
    for the relayed calls: (calls − Erlang B of the traffic without the relayed part, counted twice) × per call."""
    out, hairpin_kbps = [], 0.0
    for k, ln in enumerate(design.links):
        res = packet.compute(traffic.call_spec(design, techs[k], ln, nat_on_path=ln.id in nat_t))
        calls, erl, hp = routed.calls[k], routed.load.erlangs[k], routed.load.hairpin_erlangs[k]
        voice = calls * res.kbps
        total = voice + routed.load.signalling_kbps[k] + routed.cluster_kbps[k]
        llq = voice / ln.capacity_kbps
        status = "overload" if total > ln.capacity_kbps else "llq" if llq > design.traffic.llq_share else "ok"
        out.append(LinkResult.model_validate(dict(
            id=ln.id, a=ln.a, b=ln.b, erlangs=erl, calls=calls, per_call_kbps=res.kbps, voice_kbps=voice,
            signalling_kbps=routed.load.signalling_kbps[k], kbps=total, capacity_kbps=ln.capacity_kbps,
            utilization=total / ln.capacity_kbps, llq_share=llq, encapsulation=res.encapsulation,
            l2=res.l2_convention, ip_packet_bytes=res.ip_packet_bytes, frame_bytes=res.frame_bytes,
            hairpin_erlangs=hp, status=status, technology=techs[k], cluster_kbps=routed.cluster_kbps[k])))
        if hp > 0:
            direct = max(erl - 2 * hp, 0.0)
            direct = 0.0 if direct < 1e-9 else direct
            hairpin_kbps = max(hairpin_kbps, (calls - erlang.trunks(direct, design.traffic.gos)) * res.kbps)
    return out, hairpin_kbps


def _check(design: Design, techs: list[str], hub: bool, monkeypatch) -> None:
    routed = vpn.Routing(design).routed(hub)
    nat_t = set().union(*(traffic.nat_links(design, t, routed.hub.id if routed.hub else None) for t in set(techs)))
    want, want_hairpin = _by_hand(design, techs, routed, nat_t)
    for every_link in (True, False):
        monkeypatch.setattr(traffic, "_mostly_distinct", lambda erlangs, every=every_link: every)
        got, hairpin_kbps, by_tech = traffic._price_links(design, techs, routed, nat_t)
        assert list(got) == want and [repr(r) for r in got] == [repr(r) for r in want]
        assert all(list(r.__dict__) == list(LinkResult.model_fields) for r in got)  # field order too
        assert hairpin_kbps == want_hairpin
        assert set(by_tech) == set(techs)


@pytest.mark.parametrize("shape", TOPOLOGIES)
@pytest.mark.parametrize("sites", [37, 2000])
def test_link_rows_equal_the_link_by_link_formula(shape, sites, monkeypatch):
    design = _varied(sites, shape)
    techs = [("dmvpn", "getvpn", "ipsec")[k % 3] for k in range(len(design.links))]  # a WAN priced per link
    plain = generate(sites, shape)  # one packet on every link
    for hub in (False, True):
        _check(design, techs, hub, monkeypatch)
        _check(design, ["gre-ipsec"] * len(design.links), hub, monkeypatch)
        _check(plain, ["gre-ipsec"] * len(plain.links), hub, monkeypatch)


def test_equal_rows_and_empty_designs(monkeypatch):
    # every branch link alike (a star of equal branches: the grouped rows repeat), and no links at all
    data = generate(50, "mpls").model_dump()
    for link in data["links"][1:]:
        link["capacity_kbps"] = 1024
    for site in data["sites"][1:]:
        site["users"] = 20
    _check(Design.model_validate(data), ["getvpn"] * 50, False, monkeypatch)
    _check(Design.model_validate({"name": "t", "sites": [{"id": "a"}]}), [], False, monkeypatch)


@pytest.mark.parametrize("every_link", [True, False])
def test_a_pricing_error_names_the_first_link_that_fails(every_link, monkeypatch):
    design = _varied(40, "chain")  # links 1, 5, 9, … are PPP
    routed = vpn.Routing(design).routed(False)
    real = packet.compute

    def no_ppp(spec):
        if spec.l2 == "ppp":
            raise PacketError("l2", "not on this link")
        return real(spec)

    monkeypatch.setattr(traffic, "_mostly_distinct", lambda erlangs: every_link)
    monkeypatch.setattr(traffic.packet, "compute", no_ppp)
    with pytest.raises(traffic.SizingError) as caught:
        traffic._price_links(design, ["none"] * len(design.links), routed, set())
    assert str(caught.value) == f"links[1].l2 (link '{design.links[1].id}'): not on this link"
