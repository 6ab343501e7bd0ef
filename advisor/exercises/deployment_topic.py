"""The deployment model and its checks: where the call-processing nodes sit decides the model; survivability, PSTN
fallback, cluster size and clustering-over-the-WAN limits are checked. Answered by `advisor.analysis.analyse`, as
`advisor check` reports them (its `model` and its DEP-* findings)."""

from __future__ import annotations

import random

from advisor.exercises import designs
from advisor.exercises.exercise import Exercise, Steps
from advisor.explain import Context, explain_finding
from advisor.findings import CATALOGUE
from advisor.rules.deployment import MODEL_LABELS

SCENARIOS = ("centralized", "centralized", "distributed", "clustering-over-wan")
MODELS = ("single-site", "centralized", "distributed", "clustering-over-wan")
CHOICE_CODES = ("DEP-SRST-MISSING", "DEP-SRST-CAPACITY", "DEP-SRST-MODE", "DEP-PSTN-FALLBACK", "DEP-COW-RTT", "DEP-COW-BANDWIDTH",
                "DEP-CLUSTER-SIZE", "DEP-CAC-TOPOLOGY", "DEP-DELAY", "DEP-MODEL-MISMATCH", "DEP-UNREACHABLE")
VERDICT = {"ok": "passes", "fail": "FAILS", "n/a": "does not apply"}


def _branches(rng: random.Random, count: int, start: int = 1) -> list[dict]:
    out = []
    for k, name in enumerate(rng.sample(designs.BRANCH_NAMES, count), start=start):
        users = rng.randrange(10, 61, 2)
        roll = rng.random()
        if roll < 0.55:
            surv, platform = "srst", designs.platform_for(users)
        elif roll < 0.75:
            surv, platform = "srst", "2801" if users > 24 else None  # too small, or no platform named
        elif roll < 0.9:
            surv, platform = "none", None
        else:
            surv, platform = "mgcp-fallback", None
        out.append(designs.site(f"br{k}", name, users, survivability=surv, platform=platform,
                                pstn_gateway=rng.random() < 0.8))
    return out


def make_design(rng: random.Random):
    scenario = rng.choice(SCENARIOS)
    if scenario == "centralized":
        subs = 9 if rng.random() < 0.15 else rng.choice((1, 2))
        sites = [designs.site("hq", rng.choice(designs.HQ_NAMES), rng.randrange(150, 501, 10), kind="hq",
                              publisher=True, subscribers=subs), *_branches(rng, rng.randint(2, 4))]
    elif scenario == "distributed":
        hubs = rng.sample(designs.HQ_NAMES, 2)
        sites = [designs.site(f"hq{k}", name, rng.randrange(150, 401, 10), kind="hq", publisher=True,
                              subscribers=1, cluster=f"cluster-{k}") for k, name in enumerate(hubs, start=1)]
        sites += _branches(rng, rng.randint(1, 3))
    else:
        dc1, dc2 = rng.sample(designs.HQ_NAMES, 2)
        sites = [designs.site("dc1", dc1, rng.randrange(150, 401, 10), kind="datacenter", publisher=True,
                              subscribers=2),
                 designs.site("dc2", dc2, rng.randrange(100, 301, 10), kind="datacenter", subscribers=2),
                 *_branches(rng, rng.randint(1, 3))]
    far = scenario == "clustering-over-wan" and rng.random() < 0.5
    thin = scenario == "clustering-over-wan" and rng.random() < 0.4
    links = []
    for s in sites:
        dc = s["kind"] == "datacenter"
        links.append(designs.link(f"l-{s['id']}", s["id"], "mpls",
                                  1024.0 if dc and thin else 20_000.0 if s["kind"] != "branch" else 8192.0,
                                  rtt_ms=50.0 if dc and far else 20.0))
    intended = "auto"
    if rng.random() < 0.2:
        intended = rng.choice([m for m in MODELS if m != scenario])
    return designs.build("Deployment exercise", sites, [{"id": "mpls", "name": "MPLS", "kind": "mpls"}], links,
                         voice={"codec": "g729", "signalling": "sccp", "security_mode": "non-secure"},
                         vpn={"technology": "getvpn"}, traffic=designs.random_traffic(rng, gos=0.01),
                         deployment_model=intended)


def make(rng: random.Random, ex_id: str) -> Exercise:
    design = make_design(rng)
    ctx = Context.of(design)
    results = ctx.results
    failing = [f for f in results.findings if f.code.startswith("DEP-") and f.severity in ("error", "warning")]
    codes = sorted({f.code for f in failing})
    question = ("Which CUCM deployment model is this (it follows from where the call-processing nodes are), and "
                "which deployment checks fail? Name each failing check and say why it matters.")
    choices = (*(f"model: {m} ({MODEL_LABELS[m]})" for m in MODELS),
               *(f"{code}: {CATALOGUE[code][1]}" for code in CATALOGUE if code in CHOICE_CODES or code in codes),
               "no deployment check fails")
    steps = Steps()
    model_finding = next(f for f in results.findings if f.code == "DEP-MODEL")
    e = explain_finding(ctx, model_finding)
    steps.step("the model, from where the publisher and subscribers are", [e.lines[0], *e.quotes], e.sources)
    rows = [f"{check}: {VERDICT.get(verdict, verdict)} — {detail}" for check, verdict, detail in results.model.checks]
    steps.step("the checks of this model, one by one", rows)
    for f in failing:
        e = explain_finding(ctx, f)
        steps.step(f"{f.code} ({f.severity})", [*e.lines, *e.quotes], e.sources)
    answer = {"model": results.model.detected, "findings": codes}
    text = f"{MODEL_LABELS[results.model.detected]}; failing: {', '.join(codes) if codes else 'none'}"
    return Exercise(id=ex_id, topic="deployment", question=question, facts=designs.describe(design),
                    choices=choices, given={"design": design.model_dump(mode="json")}, answer=answer,
                    answer_text=text, solution=tuple(steps.lines), sources=tuple(steps.sources), space_lines=6)
