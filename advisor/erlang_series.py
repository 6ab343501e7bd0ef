"""B(A, k) at the first and last few steps of the recurrence, for many (A, n) at once: the figures a worked Erlang B
example reads, the same as `erlang.blocking_series`, bit for bit.

A worked example of n trunks shows B(A, k) for the first steps and for the last ones up to n; `blocking_series`
walks the recurrence B(A, k) = A·B(A, k−1) / (k + A·B(A, k−1)) from B(A, 0) = 1 to n for each. `advisor explain`
on a 10,000-link chain asked that of thousands of distinct loads of thousands of Erlangs: 3 s of its 5 s. Here all
the loads walk in step, one array operation per step for the loads not yet at their n (sorted by n, the loads still
walking are a prefix of the arrays): the same operations on the same numbers as the scalar loop (IEEE
multiplication, addition and division, none fused or reordered), so the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable

from advisor import erlang


def ends(pairs: Iterable[tuple[float, int]], head: int, tail: int) -> dict[tuple[float, int], dict[int, float]]:
    """{(A, n): {k: B(A, k)}} for k = 0 … min(head, n) and k = max(n − tail + 1, 0) … n, for every distinct pair
    (A ≥ 0 finite, 0 ≤ n ≤ `erlang.RECURRENCE_MAX`: the recurrence's own range, as `blocking_series` takes it)."""
    import numpy as np

    todo = sorted(set(pairs), key=lambda p: -p[1])
    if not todo:
        return {}
    if any(n > erlang.RECURRENCE_MAX or n < 0 for _a, n in todo):
        raise ValueError("ends: n must lie within the recurrence's range")
    a = np.array([p[0] for p in todo], dtype=np.float64)
    n = np.array([p[1] for p in todo], dtype=np.int64)
    neg_n = -n  # ascending, for searchsorted: the loads with n ≥ j are the first searchsorted(neg_n, -j, 'right')
    m = a.size
    b = np.ones(m)
    first = np.empty((m, head + 1))
    first[:, 0] = 1.0
    last = np.empty((m, tail))  # last[i, t] = B(A_i, n_i − tail + 1 + t)
    offset = tail - 1 - n  # column of step j in `last` is j + offset
    early = offset >= 0  # a walk shorter than the tail: B(A, 0) = 1 is in it too
    last[early, offset[early]] = 1.0
    for j in range(1, int(n[0]) + 1):
        c = int(np.searchsorted(neg_n, -j, side="right"))  # loads with n ≥ j
        ab = a[:c] * b[:c]
        b[:c] = ab / (j + ab)
        if j <= head:
            first[:c, j] = b[:c]
        lo = int(np.searchsorted(neg_n, -(j + tail - 1), side="left"))  # loads with n ≤ j + tail − 1
        if lo < c:
            last[np.arange(lo, c), j + offset[lo:c]] = b[lo:c]
    out: dict[tuple[float, int], dict[int, float]] = {}
    first_rows, last_rows = first.tolist(), last.tolist()
    for i, (load, trunks) in enumerate(todo):
        row = {k: first_rows[i][k] for k in range(min(head, trunks) + 1)}
        start = trunks - tail + 1
        for t in range(max(-start, 0), tail):
            row[start + t] = last_rows[i][t]
        out[(load, trunks)] = row
    return out


__all__ = ["ends"]
