"""A design with many PSTN gateways of their own loads sizes their trunks in one Erlang B batch
(`erlang_batch.trunks_many`): each gateway's trunks are Erlang B's for its PSTN load, as one by one."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy  # noqa: F401  (loaded, as in the app: the batch runs its numpy passes)

from advisor import erlang, erlang_batch
from advisor.analysis import analyse, forget
from advisor.demand_bounds import site_phones

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402


def _design():
    return vary(generate(300, "mpls"), 3)


def test_gateways_trunks_are_erlang_b_of_their_loads():
    design = _design()
    gateways = [s for s in design.sites if s.pstn_gateway]
    assert len(gateways) >= erlang_batch.BATCH_MIN  # the batch path is the one taken
    erlang._trunks.cache_clear()
    erlang_batch.clear()
    forget()
    results = analyse(design)
    by_id = {r.id: r for r in results.sites}
    checked = 0
    for s in gateways:
        r = by_id[s.id]
        if r.pstn_erlangs < 1e-9:
            continue
        expected = erlang.trunks(r.pstn_erlangs, design.traffic.gos)
        # at most the phones the gateway serves: its own, here (each site has a gateway of its own or the main one)
        assert r.pstn_trunks == expected or r.pstn_trunks == site_phones(s) < expected
        checked += 1
    assert checked >= erlang_batch.BATCH_MIN


def test_batch_and_one_by_one_give_the_same_sites(monkeypatch):
    design = _design()
    erlang._trunks.cache_clear()
    erlang_batch.clear()
    forget()
    batched = analyse(design).sites
    monkeypatch.setattr(erlang_batch, "BATCH_MIN", 10**9)  # every load one by one
    erlang._trunks.cache_clear()
    erlang_batch.clear()
    forget()
    assert analyse(design).sites == batched
