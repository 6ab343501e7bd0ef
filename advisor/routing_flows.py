"""A design's flows and per-site figures as numpy arrays, for the routing's array sums (`advisor.routing_arrays`):
the point flows' columns (`flow_columns`), the gravity rates and point flows by source (`flow_arrays`), each list's
arrays kept for the next overlay routed (a design is routed for both overlay shapes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.routing_arrays import scatter_in_order

if TYPE_CHECKING:
    from advisor.routing import Demand


def as_array(figures: list[float]):
    """A list of floats as a numpy array; the last few lists' are kept (by identity, with their length): a design's
    per-site figures are routed for both overlay shapes."""
    import numpy as np

    memo = _columns.get(id(figures))
    if memo is not None and memo[0] is figures and memo[1] == len(figures):
        return memo[2]
    array = np.array(figures, dtype=np.float64)
    _keep(figures, array)
    return array


def _keep(figures: list, arrays) -> None:
    if len(_columns) >= 8:
        _columns.clear()
    _columns[id(figures)] = (figures, len(figures), arrays)


_columns: dict[int, tuple] = {}  # the last few lists given to `flow_columns` or `as_array`, with their arrays


def forget() -> None:
    """Drop the flows' columns kept by `flow_columns`."""
    _columns.clear()


def flow_columns(flows: list[tuple[int, int, float]]):
    """(sources, destinations, amounts) of (s, t, x) flows as numpy arrays. The last few lists' are kept (by
    identity, with their length): a design's signalling flows are routed for both overlay shapes."""
    import numpy as np

    memo = _columns.get(id(flows))
    if memo is not None and memo[0] is flows and memo[1] == len(flows):
        return memo[2]
    if flows:
        src, dst, amount = zip(*flows, strict=True)
        columns = (np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64), np.array(amount, dtype=np.float64))
    else:
        columns = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    _keep(flows, columns)
    return columns


def flow_arrays(demand: Demand, n_nodes: int):
    """`routing._by_source` as arrays: (Erlangs per user per node, then the point flows' sources, destinations,
    Erlangs and kbps in the order `routing._direct` lists them: by source in `_by_source` order, then by
    destination as first met).

    The same figures: the gravity rates are the same divisions and products element by element; a point flow's
    Erlangs and kbps are 0.0 plus its flows' in turn (`scatter_in_order`)."""
    import numpy as np

    users, on_net = demand.users, demand.on_net
    n_sites = len(users)
    u = as_array(users)
    rest = sum(users) - u
    o = as_array(on_net)
    calls = (o > 0) & (rest > 0)
    rate = np.zeros(n_sites)
    np.divide(o, rest, out=rate, where=calls)
    gravity = np.zeros(n_nodes, dtype=bool)
    if n_sites >= 2:
        second, first = np.partition(u, n_sites - 2)[n_sites - 2:].tolist()
        gravity[:n_sites] = calls & (rate * np.where(u == first, second, first) != 0.0)
    per_node = np.zeros(n_nodes)
    per_node[gravity] = rate[gravity[:n_sites]]
    haul, sig = flow_columns(demand.pstn_haul), flow_columns(demand.signalling)
    src, dst, x = (np.concatenate([h, g]) for h, g in zip(haul, sig, strict=True))
    kbps = np.arange(src.size) >= haul[0].size
    ok = (src != dst) & (x != 0.0)
    src, dst, x, kbps = src[ok], dst[ok], x[ok], kbps[ok]
    if np.all(src[1:] > src[:-1]):  # one flow per source, in source order (signalling only): each its own point
        by = np.argsort(~gravity[src], kind="stable")  # gravity sources first, then the others, each by number
        return per_node, src[by], dst[by], np.where(kbps, 0.0, x)[by], np.where(kbps, x, 0.0)[by]
    _keys, first_at, which = np.unique(src * n_nodes + dst, return_index=True, return_inverse=True)
    sums = np.zeros((2, first_at.size))  # 0.0, then each flow's Erlangs or kbps in turn
    scatter_in_order(sums, which.ravel(), np.stack([np.where(kbps, 0.0, x), np.where(kbps, x, 0.0)]))
    _srcs, src_first = np.unique(src, return_index=True)
    first_of = np.zeros(n_nodes, dtype=np.int64)
    first_of[src[src_first]] = src_first
    key_src, key_dst = src[first_at], dst[first_at]
    rank = np.where(gravity[key_src], key_src, n_nodes + first_of[key_src])  # gravity sources first, by number
    by = np.lexsort((first_at, rank))
    return per_node, key_src[by], key_dst[by], sums[0, by], sums[1, by]
