"""The VPN fit's scan on numpy columns gives exactly the list scan's answers (ties included)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
import pytest

from advisor.analysis import analyse
from advisor.rules import vpn_fit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


class _Groups:
    """The columns `_scan` reads, as `_Rows` holds them."""

    def __init__(self, calls, signalling, cluster, capacity):
        self.calls, self.signalling, self.cluster, self.capacity = calls, signalling, cluster, capacity

    def __len__(self):
        return len(self.calls)

    def columns(self):
        return tuple(np.array(c, dtype=np.float64) for c in (self.calls, self.signalling, self.cluster,
                                                              self.capacity))


@pytest.mark.parametrize("seed", range(6))
def test_columns_equal_lists(seed):
    rnd = random.Random(seed)
    n = 3000
    # few distinct values, so equal maxima (ties) and links right at their limits occur
    calls = [rnd.choice([0, 1, 7, 12, 40, 41]) for _ in range(n)]
    signalling = [rnd.choice([0.0, 2.28, 0.095 * 33]) for _ in range(n)]
    cluster = [rnd.choice([0.0, 0.0, 1544.0]) for _ in range(n)]
    capacity = [rnd.choice([386.4, 512.0, 2048.0, 1000.0 / 3]) for _ in range(n)]
    per_call = [rnd.choice([55.2, 31.2, 112.8, 0.1 + 0.2]) for _ in range(n)]
    groups = _Groups(calls, signalling, cluster, capacity)
    for share in (0.33, 0.01, 1.0):
        lists = vpn_fit._scan(groups, per_call, share)
        cols = vpn_fit._scan_columns(groups, per_call, share)
        assert cols == lists
        overloaded, above, best_pq, best_util = lists
        # by hand for one group: over capacity exactly when calls × per call + signalling + cluster > capacity
        k = overloaded[0] if overloaded else 0
        assert (calls[k] * per_call[k] + signalling[k] + cluster[k] > capacity[k]) == bool(overloaded)
        assert isinstance(best_pq, int) and isinstance(best_util, int)


def test_chain_ranking_same_with_and_without_columns(monkeypatch):
    design = generate(2500, "chain")
    import numpy  # noqa: F401  (the columns are used only once numpy is loaded)

    calls = []
    real = vpn_fit._scan_columns
    monkeypatch.setattr(vpn_fit, "_scan_columns", lambda *a: calls.append(1) or real(*a))
    with_columns = analyse(design).recommendation
    assert calls, "a 2,500-link chain has more groups than COLUMNS_MIN: the columns must have been used"
    monkeypatch.setattr(vpn_fit, "COLUMNS_MIN", 10**9)
    without = analyse(design.model_copy(deep=True)).recommendation
    assert with_columns == without
