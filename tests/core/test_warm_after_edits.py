"""The app analyses each edit warm: the routing graph, the routings, names, WAN facts and Erlang B caches of the
design before the edit are kept wherever the edit leaves them valid, and an undo goes back to an earlier design
object whose figures may be kept too. Whatever is kept, the figures must be those of a cold analysis of the same
design (every cache dropped, a fresh copy): here random sequences of the app's own edits (fields of links, sites
and policies, several links at once, deletions, new links, moves, undo and redo), on small generated designs of
every shape, compared byte for byte through the `check --json` output."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import EXTRA_TOPOLOGIES, TOPOLOGIES, generate  # noqa: E402
from varied import vary  # noqa: E402

from advisor import analysis, erlang, erlang_batch  # noqa: E402
from advisor import commands as C  # noqa: E402
from advisor.cli.check_cmd import json_bytes  # noqa: E402

SHAPES = [t for t in TOPOLOGIES + EXTRA_TOPOLOGIES if t != "full-mesh"]
CODECS = ("g711", "g729", "g722", "ilbc-20")
TECHNOLOGIES = ("recommend", "dmvpn", "gre-ipsec", "getvpn", "none", "mpls-isolation", "ipsec")


def _figures(design):
    try:
        return json_bytes(design, analysis.analyse(design))
    except analysis.AnalysisError as exc:
        return str(exc)


def _cold(design):
    erlang._trunks.cache_clear()
    erlang_batch.clear()
    analysis.forget()
    return _figures(design.model_copy(deep=True))


def _edit(rnd: random.Random, design):
    sites = [s.id for s in design.sites]
    links = [x.id for x in design.links]
    nodes = sites + [c.id for c in design.clouds]
    k = rnd.random()
    if k < 0.25 and links:
        values = rnd.choice([{"capacity_kbps": rnd.choice([64, 512, 2048, 100000])},
                             {"rtt_ms": round(rnd.uniform(0, 300), 2)}, {"nat": rnd.random() < 0.5},
                             {"carries_data": rnd.random() < 0.5}, {"l2": rnd.choice(["ppp", "ethernet", "atm"])}])
        return C.SetFields(rnd.choice(links), values)
    if k < 0.35 and len(links) > 1:
        values = {"rtt_ms": round(rnd.uniform(0, 300), 2)} if rnd.random() < 0.5 else {"capacity_kbps": 256}
        return C.SetFieldsMany(tuple(rnd.sample(links, min(len(links), rnd.randint(2, 8)))), values)
    if k < 0.55 and sites:
        values = rnd.choice([{"users": rnd.randint(0, 3000)}, {"cucm_subscribers": rnd.choice([0, 1, 2])},
                             {"cucm_publisher": rnd.random() < 0.3}, {"survivability": rnd.choice(["none", "srst"])},
                             {"pstn_gateway": rnd.random() < 0.5}, {"kind": rnd.choice(["hq", "branch"])},
                             {"cluster_id": rnd.choice(["cluster-1", "c2"])}])
        return C.SetFields(rnd.choice(sites), values)
    if k < 0.65:
        section = rnd.choice(["design.voice", "design.vpn", "design.traffic"])
        if section == "design.voice":
            values = {"codec": rnd.choice(CODECS)}
        elif section == "design.vpn":
            values = ({"technology": rnd.choice(TECHNOLOGIES)} if rnd.random() < 0.7 or not sites
                      else {"hub_site": rnd.choice(sites)})
        else:
            values = {"gos": rnd.choice([0.001, 0.01, 0.05])} if rnd.random() < 0.5 else {"calls_per_user": 2.5}
        return C.SetFields(section, values)
    if k < 0.75 and links:
        return C.DeleteItems(tuple(rnd.sample(links, min(len(links), rnd.randint(1, 3)))))
    if k < 0.8 and len(sites) > 2:
        return C.DeleteItems((rnd.choice(sites),))
    if k < 0.9 and len(nodes) >= 2:
        link = C.make_link(design, *rnd.sample(nodes, 2))
        return C.AddLink(link.model_copy(update={"rtt_ms": round(rnd.uniform(1, 100), 2)}))
    if nodes:
        return C.MoveNodes({rnd.choice(nodes): (rnd.uniform(-100, 100), rnd.uniform(-100, 100))})
    return None


@pytest.mark.parametrize("seed", range(24))
def test_warm_figures_after_edits_and_undo_are_the_cold_ones(seed):
    rnd = random.Random(seed)
    shape = SHAPES[seed % len(SHAPES)]
    design = generate(rnd.randint(8, 40), shape, seed=seed)
    if seed % 2:
        design = vary(design, seed)
    history = [design]
    _figures(design)
    checked = 0
    for _step in range(8):
        if rnd.random() < 0.2 and len(history) > 1:
            design = history[rnd.randrange(len(history) - 1)]  # undo (or redo) to an earlier design object
        else:
            command = _edit(rnd, design)
            if command is None:
                continue
            try:
                design = command.apply(design)
            except (C.CommandError, ValueError):
                continue  # refused, as the app refuses it: nothing changes
            history.append(design)
        warm = _figures(design)
        assert warm == _cold(design), f"{shape}, step {_step}: {type(command).__name__}"
        checked += 1
        _figures(design)  # the caches of this design, as the app's last analysis leaves them
    assert checked >= 4
