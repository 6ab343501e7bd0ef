"""Sizing one link of a small design described in words: the offered Erlangs, the concurrent calls (Erlang B), the
kbps per call and the bandwidth per direction, answered by `advisor.analysis.analyse` as `advisor check` answers."""

from __future__ import annotations

import random

from advisor import numbers, signalling
from advisor.exercises import designs
from advisor.exercises.exercise import Exercise, Steps
from advisor.explain import Context, explain_link, explain_site

# (cloud kind, VPN settings): technologies whose packet a student can build with the reference card.
WANS = (
    ("mpls", {"technology": "getvpn"}),
    ("mpls", {"technology": "mpls-isolation", "privacy_required": False}),
    ("internet", {"technology": "dmvpn", "dmvpn_phase": 3}),
    ("internet", {"technology": "flexvpn"}),
    ("internet", {"technology": "gre-ipsec", "gre_topology": "hub-and-spoke", "ipsec_mode": "transport"}),
    ("private-wan", {"technology": "getvpn", "cipher": "aes-gcm"}),
)
ACCESS_L2 = ("ethernet", "ethernet", "dot1q", "ppp", "mlppp")


def make_design(rng: random.Random):
    branches = rng.randint(2, 4)
    sites, ids = designs.star(rng, branches)
    if rng.random() < 0.4:  # one branch hauls its PSTN calls to the HQ: they load its link and the HQ's
        rng.choice(sites[1:])["pstn_gateway"] = False
    kind, vpn = rng.choice(WANS)
    cloud = {"id": "wan", "name": {"mpls": "MPLS", "internet": "Internet", "private-wan": "Private WAN"}[kind],
             "kind": kind}
    links = [designs.link(f"l-{sid}", sid, "wan", 20_000.0 if sid == "hq" else float(rng.choice((1024, 2048, 4096))),
                          l2=rng.choice(ACCESS_L2), rtt_ms=float(rng.choice((20, 30, 40))))
             for sid in ids]
    voice = {"codec": rng.choice(("g711", "g729")), "signalling": rng.choice(("sccp", "sccp", "sip")),
             "security_mode": "non-secure"}
    design = designs.build("Link sizing exercise", sites, [cloud], links, voice=voice,
                           vpn={"dynamic_routing": True, **vpn}, traffic=designs.random_traffic(rng))
    return design


def make(rng: random.Random, ex_id: str) -> Exercise:
    design = make_design(rng)
    ctx = Context.of(design)
    link_id = "l-hq" if rng.random() < 0.25 else rng.choice([ln.id for ln in design.links if ln.id != "l-hq"])
    item = ctx.link(link_id)
    r = item.result
    name = ctx.names.link_name(link_id)
    formula = signalling.formula(design)
    facts = (*designs.describe(design),
             f"call signalling per phone: {formula.describe(design.traffic.calls_per_user).split(' = ')[0]} bps "
             "(calls per phone per hour), towards the call-processing site")
    question = (f"Size the link {name}: the busy-hour traffic offered to it (Erlangs), the concurrent calls it "
                "must carry (Erlang B), the bandwidth of one call per direction with its encapsulation and layer 2, "
                "and the link's bandwidth per direction (voice + signalling).")
    steps = Steps()
    site_lines = []
    for s in design.sites:
        e = explain_site(ctx, s.id, "erlangs")[0]
        site_lines += [f"'{s.name}': {e.lines[0]}", f"  {e.lines[1]}"]
    steps.step("busy-hour traffic of every site", site_lines, e.sources)
    figures = {e.figure: e for e in explain_link(ctx, link_id)}
    for key, heading in (("erlangs", "traffic offered to the link"), ("calls", "concurrent calls (Erlang B)"),
                         ("per_call_kbps", "bandwidth of one call, layer by layer"),
                         ("kbps", "the link's bandwidth per direction"),
                         ("utilization", "against the link's capacity")):
        e = figures[key]
        steps.step(heading, e.lines, e.sources)
    answer = {"erlangs": r.erlangs, "calls": r.calls, "per_call_kbps": r.per_call_kbps, "kbps": r.kbps}
    text = (f"{numbers.erlangs(r.erlangs)} offered; {numbers.count(r.calls)} concurrent calls; "
            f"{numbers.kbps(r.per_call_kbps)} per call; {numbers.kbps(r.kbps)} per direction "
            f"({numbers.percent_against(r.utilization, 1.0)} of {numbers.kbps(r.capacity_kbps)})")
    return Exercise(id=ex_id, topic="link", question=question, facts=facts,
                    given={"design": design.model_dump(mode="json"), "link": link_id}, answer=answer,
                    answer_text=text, solution=tuple(steps.lines), sources=tuple(steps.sources), space_lines=6)
