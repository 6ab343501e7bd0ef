"""Generate a design of N sites for benchmarks: `python benchmarks/generate.py --sites N --topology T [-o FILE]`.

Topologies: mpls (HQ + branches on one MPLS VPN), internet-hub (HQ + branches over the Internet, GRE over IPsec
hub-and-spoke), mesh (the chain below plus a chord s(i)–s(i + 3) at every seventh site: many small meshed
blocks of four sites in a row, not one ring; `ring`, `grid` and `random-mesh` make one large meshed block), chain
(leased lines s0–s1–…–sN, a path), tree (leased lines, each site i > 0 joined to site (i − 1) // 4: a 4-ary tree
rooted at the HQ).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from advisor.model import MAX_LINKS, Design  # noqa: E402

TOPOLOGIES = ("mpls", "internet-hub", "mesh", "chain", "tree")
# Shapes beyond the budgets' five, named with --topologies only: one large meshed block (ring, grid, random-mesh)
# costs one path search per site (at 10,000 sites ~1.5-4 s of analysis with the compiled loops, ~15 s for a random
# mesh of varied round-trip times; several times that without them); dual-cloud homes every site on two clouds;
# full-mesh joins every pair of sites (n × (n − 1) / 2 links: for the canvas, up to a few hundred sites).
# regional-core: a meshed core of regional hubs (a ring with chords, one hub per 40 sites) and every other site a
# branch off one hub, with round-trip times as typed (5-40 ms), so equal-delay paths by different sums are common.
# dual-hub: every branch leased to both data centres (s0 and s1, joined by a data-centre interconnect), the two
# links' round-trip times as typed (10, 20 or 30 ms): one meshed block of every site.
# hub-pairs: one regional hub per 500 sites (at least 3) on an MPLS VPN, every other site leased to two neighbouring hubs, each
# link 10, 20 or 30 ms: branches alike by the pair and the two round-trip times, in many small groups.
# cloud-tails: every even site on an MPLS VPN (10 or 15 ms) and the Internet (20, 25 or 30 ms), each odd one a
# branch behind it on a leased line (5 ms), and one leased line between two sites: routed over paths, each site on
# the clouds an entry node with a caller beyond it.
# breakout-pairs: every site on an MPLS VPN (10 or 20 ms), every odd one also on the Internet (20 or 30 ms) and
# leased (3 ms) to the site before it, which breaks out to the Internet through it: no two sites have the same
# neighbours, and half of them reach a cloud only through a neighbour. backup-lines: every site on an MPLS VPN (10,
# 20 or 30 ms), every fifth with a backup leased line (5, 15 or 40 ms) to a random earlier site.
EXTRA_TOPOLOGIES = ("ring", "grid", "random-mesh", "dual-cloud", "full-mesh", "regional-core", "dual-hub",
                    "hub-pairs", "cloud-tails", "breakout-pairs", "backup-lines")
DUAL_HUB_RTTS = (10, 20, 30)
CORE_RTTS, BRANCH_RTTS = (10, 15, 20, 25, 30, 40), (5, 10, 15, 20, 30)


def generate(sites: int, topology: str = "mpls", seed: int = 1) -> Design:
    if topology not in TOPOLOGIES + EXTRA_TOPOLOGIES:
        raise ValueError(f"topology must be one of {', '.join(TOPOLOGIES + EXTRA_TOPOLOGIES)}")
    if sites < 1:
        raise ValueError("sites must be ≥ 1")
    if topology == "full-mesh" and sites * (sites - 1) // 2 > MAX_LINKS:
        # 10,000 sites would be ~50 million links: the generator ran out of memory before the design's own limit
        # could refuse them
        most = (1 + math.isqrt(1 + 8 * MAX_LINKS)) // 2
        raise ValueError(f"full-mesh: {sites:,} sites make {sites * (sites - 1) // 2:,} links; a design holds at "
                         f"most {MAX_LINKS:,} links ({most:,} sites in a full mesh)")
    rnd = random.Random(seed)
    cols = max(1, math.ceil(math.sqrt(sites)))
    site_list = []
    for i in range(sites):
        hq = i == 0
        site_list.append({
            "id": f"s{i}", "name": "HQ" if hq else f"Branch {i}", "kind": "hq" if hq else "branch",
            "users": 500 if hq else rnd.choice([10, 20, 25, 40, 60, 80]),
            "cucm_publisher": hq, "cucm_subscribers": 2 if hq else 0,
            "survivability": "none" if hq else "srst", "srst_platform": None if hq else "2821",
            "x": (i % cols) * 160.0, "y": (i // cols) * 130.0,
        })
    clouds, links = [], []
    if topology in ("mpls", "internet-hub"):
        kind = "mpls" if topology == "mpls" else "internet"
        clouds.append({"id": "wan", "name": kind.upper(), "kind": kind, "x": cols * 80.0, "y": -200.0})
        for i in range(sites):
            links.append({"id": f"l{i}", "a": f"s{i}", "b": "wan",
                          "capacity_kbps": 100000 if i == 0 else rnd.choice([1024, 2048, 4096])})
    elif topology == "chain":
        for i in range(1, sites):
            links.append({"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}", "capacity_kbps": 10000})
    elif topology in EXTRA_TOPOLOGIES:
        clouds, links = _extra(topology, sites, cols, rnd)
    elif topology == "tree":
        for i in range(1, sites):
            links.append({"id": f"t{i}", "a": f"s{(i - 1) // 4}", "b": f"s{i}", "capacity_kbps": 10000})
    else:
        for i in range(1, sites):
            links.append({"id": f"r{i}", "a": f"s{i - 1}", "b": f"s{i}", "capacity_kbps": 10000})
        for i in range(0, sites - 3, 7):
            links.append({"id": f"c{i}", "a": f"s{i}", "b": f"s{i + 3}", "capacity_kbps": 10000})
    vpn = {"mpls": {"technology": "getvpn"}, "internet-hub": {"technology": "gre-ipsec"},
           "dual-cloud": {"technology": "recommend"}, "cloud-tails": {"technology": "recommend"},
           "breakout-pairs": {"technology": "recommend"}
           }.get(topology, {"technology": "none"})
    return Design.model_validate({"name": f"Generated {topology} {sites} sites", "sites": site_list,
                                  "clouds": clouds, "links": links, "vpn": vpn, "voice": {"codec": "g729"}})


def _extra(topology: str, sites: int, cols: int, rnd: random.Random) -> tuple[list[dict], list[dict]]:
    """(clouds, links) of the shapes beyond the budgets' five."""
    links: list[dict] = []

    def link(a: int, b: int | str, capacity: int = 10000, **more) -> None:
        links.append({"id": f"l{len(links)}", "a": f"s{a}", "b": b if isinstance(b, str) else f"s{b}",
                      "capacity_kbps": capacity, **more})

    if topology == "ring":
        for i in range(1, sites):
            link(i - 1, i)
        if sites > 2:
            link(sites - 1, 0)
    elif topology == "grid":  # rows of `cols` sites, each joined to its right and lower neighbours
        for i in range(sites):
            if (i + 1) % cols and i + 1 < sites:
                link(i, i + 1)
            if i + cols < sites:
                link(i, i + cols)
    elif topology == "full-mesh":
        for a in range(sites):
            for b in range(a + 1, sites):
                link(a, b)
    elif topology == "random-mesh":  # a random tree, plus half as many random extra links
        for i in range(1, sites):
            link(rnd.randrange(i), i)
        pairs = {tuple(sorted((int(ln["a"][1:]), int(ln["b"][1:])))) for ln in links}
        for _ in range(sites // 2):
            a, b = sorted(rnd.sample(range(sites), 2)) if sites > 1 else (0, 0)
            if a != b and (a, b) not in pairs:
                pairs.add((a, b))
                link(a, b)
    elif topology == "regional-core":
        hubs = min(sites, max(3, sites // 40))
        for i in range(1, hubs):
            link(i - 1, i, 100000, rtt_ms=rnd.choice(CORE_RTTS))
        if hubs > 2:
            link(hubs - 1, 0, 100000, rtt_ms=rnd.choice(CORE_RTTS))
        for i in range(0, hubs - 3, 4):  # a chord across every fourth hub
            link(i, i + 2, 100000, rtt_ms=rnd.choice(CORE_RTTS))
        for i in range(hubs, sites):
            link(rnd.randrange(hubs), i, 2048, rtt_ms=rnd.choice(BRANCH_RTTS))
    elif topology == "dual-hub":
        if sites > 1:
            link(0, 1, 1000000, rtt_ms=2)
        for i in range(2, sites):
            link(i, 0, 2048, rtt_ms=rnd.choice(DUAL_HUB_RTTS))
            link(i, 1, 2048, rtt_ms=rnd.choice(DUAL_HUB_RTTS))
    elif topology == "hub-pairs":
        hubs = min(sites, max(3, sites // 500))
        for i in range(hubs):
            link(i, "mpls", 100000)
        for i in range(hubs, sites):
            h = rnd.randrange(hubs)
            link(i, h, 2048, rtt_ms=rnd.choice(DUAL_HUB_RTTS))
            link(i, (h + 1) % hubs, 2048, rtt_ms=rnd.choice(DUAL_HUB_RTTS))
        return [{"id": "mpls", "name": "MPLS", "kind": "mpls", "x": cols * 80.0, "y": -200.0}], links
    elif topology == "cloud-tails":
        for i in range(0, sites, 2):
            link(i, "mpls", 100000 if i == 0 else 2048, rtt_ms=rnd.choice((10, 15)))
            link(i, "internet", 100000 if i == 0 else 4096, rtt_ms=rnd.choice((20, 25, 30)))
        for i in range(1, sites, 2):
            link(i - 1, i, 1024, rtt_ms=5)
        if sites > 4:
            link(2, 4, 2048, rtt_ms=50)
        return [{"id": "mpls", "name": "MPLS", "kind": "mpls", "x": cols * 60.0, "y": -200.0},
                {"id": "internet", "name": "Internet", "kind": "internet", "x": cols * 100.0, "y": -200.0}], links
    elif topology in ("breakout-pairs", "backup-lines"):
        mpls = {"id": "mpls", "name": "MPLS", "kind": "mpls", "x": cols * 60.0, "y": -200.0}
        internet = {"id": "internet", "name": "Internet", "kind": "internet", "x": cols * 100.0, "y": -200.0}
        pairs = topology == "breakout-pairs"
        for i in range(sites):
            link(i, "mpls", 100000 if i == 0 else 2048, rtt_ms=rnd.choice((10, 20) if pairs else (10, 20, 30)))
            if pairs and i % 2:
                link(i, i - 1, 1024, rtt_ms=3)
                link(i, "internet", 4096, rtt_ms=rnd.choice((20, 30)))
            elif not pairs and i % 5 == 4:
                link(i, rnd.randrange(i), 1024, rtt_ms=rnd.choice((5, 15, 40)))
        if pairs and sites > 0:
            link(0, "internet", 100000, rtt_ms=20)
        return ([mpls, internet] if pairs else [mpls]), links
    else:  # dual-cloud: every site on an MPLS VPN and on the Internet (a NAT at every third)
        for i in range(sites):
            link(i, "mpls", 100000 if i == 0 else 2048)
            link(i, "internet", 100000 if i == 0 else 4096, nat=i % 3 == 1)
        return [{"id": "mpls", "name": "MPLS", "kind": "mpls", "x": cols * 60.0, "y": -200.0},
                {"id": "internet", "name": "Internet", "kind": "internet", "x": cols * 100.0, "y": -200.0}], links
    return [], links


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sites", type=int, required=True)
    ap.add_argument("--topology", choices=TOPOLOGIES + EXTRA_TOPOLOGIES, default="mpls")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--varied", action="store_true",
                    help="draw every per-site and per-link field at random (benchmarks/varied.py)")
    ap.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = ap.parse_args()
    try:
        design = generate(args.sites, args.topology, args.seed)
    except ValueError as exc:
        ap.error(str(exc))
    if args.varied:
        from varied import vary

        design = vary(design, args.seed)
    text = design.model_dump_json(indent=1)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
