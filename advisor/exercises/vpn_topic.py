"""Choosing the VPN for a described customer: transport, sites, privacy, routing and multicast needs; answered by
the advisor's ranking (`advisor.analysis.analyse`), with the reasons and the article's sentences as the solution."""

from __future__ import annotations

import random

from advisor.exercises import designs
from advisor.exercises.exercise import Exercise, Steps
from advisor.explain import Context, explain_candidate
from advisor.rules._names import tech_label
from advisor.rules.vpn import CANDIDATES

# Up to 60 sites: on the Internet, large hub-and-spoke networks with G.711 rank DMVPN first (its per-spoke
# configuration advantage outweighs FlexVPN's smaller per-packet overhead); smaller ones, or G.729, FlexVPN.
SITE_COUNTS = (3, 4, 6, 10, 16, 25, 45, 60)
TRANSPORTS = ("mpls", "mpls", "internet", "internet", "private-wan")
_RUNNERS_UP = 3
_REASONS_AGAINST = 2


def make_design(rng: random.Random):
    n = rng.choice(SITE_COUNTS)
    sites, ids = designs.star(rng, n - 1, hq_users=(100, 300), branch_users=(10, 40))
    kind = rng.choice(TRANSPORTS)
    cloud = {"id": "wan", "name": {"mpls": "MPLS VPN", "internet": "Internet", "private-wan": "Private WAN"}[kind],
             "kind": kind}
    nat = kind == "internet" and rng.random() < 0.4
    links = [designs.link(f"l-{sid}", sid, "wan", 50_000.0 if sid == "hq" else 4096.0, rtt_ms=30.0,
                          nat=nat and sid != "hq" and k % 2 == 0)
             for k, sid in enumerate(ids)]
    vpn = {"technology": "recommend", "privacy_required": rng.random() < 0.75,
           "dynamic_routing": rng.random() < 0.7, "multicast": rng.random() < 0.3}
    voice = {"codec": rng.choice(("g711", "g729")), "signalling": "sccp", "security_mode": "non-secure"}
    return designs.build("VPN choice exercise", sites, [cloud], links, voice=voice, vpn=vpn,
                         traffic=designs.random_traffic(rng, gos=0.01))


def _reason_lines(ctx: Context, candidate, positive: bool | None, quoted: set[str],
                  limit: int | None = None) -> list[str]:
    """The candidate's reasons ('+' for, '−' against), each with its sentence; a sentence already quoted above
    (`quoted`) is referred to, not repeated."""
    lines = []
    for e in explain_candidate(ctx, candidate):
        if positive is not None and e.terms["positive"] != positive:
            continue
        side = "+" if e.terms["positive"] else "−"
        lines.append(f"{side} {e.lines[0]}")
        for quote in e.quotes:
            lines.append(f"    {quote}" if quote not in quoted else "    (the sentence quoted above)")
            quoted.add(quote)
        if limit is not None and len([x for x in lines if x[0] in "+−"]) >= limit:
            break
    return lines


def make(rng: random.Random, ex_id: str) -> Exercise:
    design = make_design(rng)
    ctx = Context.of(design)
    rec = ctx.results.recommendation
    best = rec.ranking[0]
    question = ("The customer below asks which site-to-site VPN to run for voice. Which technology fits best, and "
                "why? Give the strongest reasons for it and what rules out the runners-up.")
    choices = tuple(f"{tech_label(t)}" for t in CANDIDATES)
    steps = Steps()
    quoted: set[str] = set()
    steps.step(f"the recommendation: {tech_label(best.technology)} (fits: {best.fits})",
               _reason_lines(ctx, best, None, quoted), [t for e in explain_candidate(ctx, best) for t in e.sources])
    for other in rec.ranking[1:1 + _RUNNERS_UP]:
        lines = _reason_lines(ctx, other, False, quoted, _REASONS_AGAINST) or ["(no reason against: it ranks lower on "
                                                                       "points only)"]
        steps.step(f"why not {tech_label(other.technology)} (fits: {other.fits})", lines,
                   [t for e in explain_candidate(ctx, other) for t in e.sources])
    steps.step("the ranking", [", ".join(tech_label(c.technology) for c in rec.ranking)])
    answer = {"technology": best.technology}
    runner = tech_label(rec.ranking[1].technology) if len(rec.ranking) > 1 else "none"
    return Exercise(id=ex_id, topic="vpn", question=question, facts=designs.describe(design, compact=True), choices=choices,
                    given={"design": design.model_dump(mode="json")}, answer=answer,
                    answer_text=f"{tech_label(best.technology)} (then {runner})", solution=tuple(steps.lines),
                    sources=tuple(steps.sources), space_lines=6)
