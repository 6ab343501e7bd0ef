"""Designs whose every per-site and per-link field is drawn at random within the model's ranges, for benchmarks:
`vary(design, seed)`. The generator's designs repeat a handful of site configurations and link figures; a
customer's design (or a tester's generator) need not, and the analysis and `check --json` must stay linear then too.

Each site gets its own security controls (22 flags), users, phones, public-area phones, call processing, cluster
(one of n/1, n/10, n/100 or n/1000 clusters), survivability, SRST platform and capacity, PSTN gateway, kind and,
for half of them, traffic of its own; each link its own capacity, round-trip time, NAT, routing authentication,
data and layer 2.
"""

from __future__ import annotations

import json
import random

from advisor.model import Design, SecurityControls

LAYERS_2 = ("ethernet", "dot1q", "ethernet-wire", "ppp", "mlppp", "frf12", "frame-relay", "atm", "atm-vcmux", "none")
CAPACITIES = (64, 128, 256, 512, 768, 1024, 1544, 2048, 10000, 100000)
PLATFORMS = (None, "2811", "2821", "3945", "4451", "ISR4331", "an unknown platform")
SURVIVABILITY = ("none", "srst", "e-srst", "sip-srst", "mgcp-fallback")


def vary(design: Design, seed: int = 7) -> Design:
    rnd = random.Random(seed)
    data = json.loads(design.model_dump_json())
    flags = list(SecurityControls.model_fields)
    clusters = max(1, len(data["sites"]) // rnd.choice((1, 10, 100, 1000)))
    for s in data["sites"]:
        s["security"] = {f: rnd.random() < 0.5 for f in flags}
        s["users"] = rnd.randint(0, 2000)
        s["phones"] = rnd.choice((None, rnd.randint(0, 2000)))
        phones = s["users"] if s["phones"] is None else s["phones"]
        s["public_area_phones"] = rnd.randint(0, phones)
        s["cucm_publisher"] = rnd.random() < 0.1
        s["cucm_subscribers"] = rnd.choice((0, 0, 0, 1, 2, 4))
        s["cluster_id"] = f"c{rnd.randrange(clusters)}"
        s["survivability"] = rnd.choice(SURVIVABILITY)
        s["srst_platform"] = rnd.choice(PLATFORMS)
        s["srst_capacity"] = rnd.choice((None, rnd.randint(0, 5000)))
        s["pstn_gateway"] = rnd.random() < 0.5
        s["kind"] = rnd.choice(("hq", "branch", "branch", "datacenter"))
        if rnd.random() < 0.5:
            s["traffic"] = {"calls_per_user": round(rnd.uniform(0, 5), 2), "holding_time_s": rnd.randint(30, 900),
                            "intra_site_share": 0.3, "on_net_share": 0.4, "pstn_share": 0.3}
    for ln in data["links"]:
        ln["capacity_kbps"] = rnd.choice((*CAPACITIES, round(rnd.uniform(64, 1e6), 1)))
        ln["rtt_ms"] = round(rnd.uniform(1, 300), 2)
        ln["nat"] = rnd.random() < 0.3
        ln["routing_auth"] = rnd.random() < 0.5
        ln["carries_data"] = rnd.random() < 0.7
        ln["l2"] = rnd.choice(LAYERS_2)
    return Design.model_validate(data)
