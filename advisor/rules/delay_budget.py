"""A mouth-to-ear budget's figures (`advisor.rules.delay`): the coder delay, one hop per link of the path, the
budget term by term; and the worst path's figures as the check reads them, its hops made only when asked for.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat

EPS_MS = 1e-6  # sums of link delays differ from the breakdown's sums by float noise only


@dataclass(frozen=True)
class CoderDelay:
    codec: str  # the codec's display name
    ms: float
    source: str  # where the figure comes from (or how it was estimated)
    estimated: bool  # no entry in the delay table: one frame (+ look-ahead if known) from the codec catalogue
    verify: bool  # the figure is not confirmed by a primary source


@dataclass(frozen=True)
class Hop:
    link: str  # link id
    propagation_ms: float  # half the link's round-trip time
    serialization_ms: float  # the voice frame's bits ÷ the link's rate (0 without a sizing)
    frame_bytes: int | None  # the voice frame on this link, from the sizing
    capacity_kbps: float


def aligned_hops(links, results, numbers: list[int], parts: tuple[list[float], list[float]] | None = None
                 ) -> tuple[Hop, ...]:
    """`Hop(link id, RTT / 2, frame bits ÷ link rate, frame bytes, capacity)` for each link number, from the design's
    links and the sizing's results at the same positions (`parts`: those two figures per link, worked out already by
    `DelayPaths`). The same objects the constructor builds (fields in order), made without it: a path across a
    10,000-site chain has 10,000 hops (tests/core/test_fast_paths_rules.py)."""
    ln_at, lr_at = links.__getitem__, results.__getitem__
    if parts is not None:
        half, ser = parts
        rows = [{"link": ln.id, "propagation_ms": p, "serialization_ms": s, "frame_bytes": lr.frame_bytes,
                 "capacity_kbps": ln.capacity_kbps}
                for ln, lr, p, s in zip(map(ln_at, numbers), map(lr_at, numbers), map(half.__getitem__, numbers),
                                        map(ser.__getitem__, numbers), strict=True)]
    else:
        rows = [{"link": ln.id, "propagation_ms": ln.rtt_ms / 2,
                 "serialization_ms": lr.frame_bytes * 8.0 / lr.capacity_kbps if lr.capacity_kbps > 0 else 0.0,
                 "frame_bytes": lr.frame_bytes, "capacity_kbps": ln.capacity_kbps}
                for ln, lr in zip(map(ln_at, numbers), map(lr_at, numbers), strict=True)]
    hops = list(map(_new, repeat(Hop, len(rows))))
    deque(map(_set, hops, repeat("__dict__"), rows), 0)
    return tuple(hops)


_new, _set = object.__new__, object.__setattr__


class _Terms:
    """A budget's total and terms from its figures (`DelayBudget`'s, and the check's `WorstPath`)."""

    @property
    def total_ms(self) -> float:
        return (self.coder.ms + self.packetization_ms + self.serialization_ms + self.propagation_ms
                + self.jitter_buffer_ms)

    @property
    def over(self) -> bool:
        return self.total_ms > self.target_ms + EPS_MS

    def terms(self) -> tuple[tuple[str, float], ...]:
        """(term, ms) in the order they add up: coder, packetization, serialization, propagation, jitter buffer."""
        return (("coder delay", self.coder.ms), ("packetization", self.packetization_ms),
                ("serialization", self.serialization_ms), ("propagation", self.propagation_ms),
                ("jitter buffer", self.jitter_buffer_ms))


@dataclass(frozen=True)
class DelayBudget(_Terms):
    """One path's mouth-to-ear budget, term by term (ms), for the findings, the app and the PDF."""

    a: str  # the calling site
    b: str  # its partner: another calling site, or the PSTN site its calls are hauled to
    nodes: tuple[str, ...]  # sites and clouds from a to b, as the call travels
    hub: str | None  # the overlay hub the call is relayed through, if any
    hops: tuple[Hop, ...]
    coder: CoderDelay
    packetization_ms: float
    jitter_buffer_ms: float
    target_ms: float
    serialization_known: bool = True  # False without a sizing (no frame sizes to serialize)

    @cached_property
    def serialization_ms(self) -> float:
        return sum(h.serialization_ms for h in self.hops)

    @cached_property
    def propagation_ms(self) -> float:
        return sum(h.propagation_ms for h in self.hops)

    @property
    def hop_count(self) -> int:
        return len(self.hops)


class WorstPath(_Terms):
    """A path's budget as the check and the results read it: `DelayBudget`'s figures, its two sums taken from the
    links' figures by link number (the same values in the same order as over its hops: the same floats), and the
    hops themselves made only when the whole budget is asked for (`budget`, `worst_budget`): a path across a
    10,000-site chain has 10,000 of them."""

    def __init__(self, fields: dict, numbers: list[int], parts: tuple[list[float], list[float]] | None,
                 hops: Callable[[], tuple[Hop, ...]]):
        self._fields, self._hops = fields, hops
        self.a, self.b, self.nodes, self.hub = fields["a"], fields["b"], fields["nodes"], fields["hub"]
        self.coder, self.packetization_ms = fields["coder"], fields["packetization_ms"]
        self.jitter_buffer_ms, self.target_ms = fields["jitter_buffer_ms"], fields["target_ms"]
        self.serialization_known = fields["serialization_known"]
        self.hop_count = len(numbers)
        self._budget: DelayBudget | None = None
        if parts is not None:
            half, ser = parts
            self.serialization_ms = sum(map(ser.__getitem__, numbers))
            self.propagation_ms = sum(map(half.__getitem__, numbers))
        else:
            whole = self.budget()
            self.serialization_ms, self.propagation_ms = whole.serialization_ms, whole.propagation_ms

    def budget(self) -> DelayBudget:
        if self._budget is None:
            self._budget = DelayBudget(**self._fields, hops=self._hops())
        return self._budget
