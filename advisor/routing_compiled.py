"""The large meshed block's trees through the compiled loops of `routing_kernels`, when numba is there.

`routing_blocks._route_block` hands the sources it would walk one by one (or in numpy batches) to a `Run`, in
source order, and flushes it before any source it routes otherwise (each edge adds its terms in source order) and at
the block's end. Without numba (`available()` false, or ADVISOR_COMPILED=0 in the environment) the interpreted
paths run as before: the same figures, slower.
"""

from __future__ import annotations

import os
import sys
import threading
import time

from advisor import ahead

# Loading the compiled loops takes 0.1-0.4 s once per process (numba's import and the cached machine code): a block
# pays for it from about this many nodes (the interpreted walks cost ~n² × 0.1 µs with equal weights, ~n² × 1.5 µs
# with the heap search; the compiled ones ~n² × 7 ns and ~n² × 75 ns on two cores). Measured with `check --json`
# on rings: 1,600 sites 0.46 s either way, 2,000 sites 0.50 s compiled and 0.58 s interpreted.
MIN_NODES = 1800
MIN_NODES_HEAP = 800
# Once loaded (a large block loaded them, or the app did in the background), the loops beat the interpreted walks
# from a few trees of a hundred nodes: a whole analysis, on one core, of a ring of 100 sites 11.3 -> 8.5 ms, 300
# sites 34.7 -> 10.8 ms, a random mesh of 1,000 sites 287 -> 50 ms, sites dual-homed to two data centres (1,000)
# 38.8 -> 30.6 ms (benchmarks/bench_refresh.py measures the app's edits). The bundled examples stay below it.
LOADED_MIN_CELLS = 10_000
CHUNK_CELLS = 2_000_000  # sources × (nodes + edges) per call: the progress display moves every ~50 ms

_available: bool | None = None
_loading = threading.Lock()  # one thread loads numba; the switch interval is the process's
# One parallel loop at a time in the process: numba's simplest threading layer (the one left where neither OpenMP nor
# TBB is installed) aborts the process when two threads launch parallel work at once (the app can analyse, export
# and compare together). The other thread waits for the chunk running (~50 ms).
_running = threading.Lock()
LOADER = "compiled routing loops"  # the thread's name (`advisor.ahead`)
_waits = threading.local()  # per calling thread: seconds spent in the loops (their work runs on numba's threads)


def _enabled() -> bool:
    return os.environ.get("ADVISOR_COMPILED", "1") != "0"


def available() -> bool:
    """Whether the compiled loops can run here (numba imports, and ADVISOR_COMPILED is not "0")."""
    global _available
    if not _enabled():
        return False
    with _loading:
        if _available is None:
            _load()
    return _available


def _load() -> None:
    """Import the loops and load their machine code (`_available` says whether it worked). That is ~1 s of
    interpreted work; on the app's worker thread it competes for the GIL with the window, so a short switch interval
    while it runs hands the window the GIL sooner and its events keep flowing (a 3,000-site ring opened: the longest
    pause of the window 1.1-2.0 s with the usual interval, ~0.55 s with this one, as without the loops)."""
    global _available
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, 0.0005))
    try:
        from advisor import compiled_cache

        compiled_cache.refresh()  # machine code made from other sources than these is dropped first
        from advisor import routing_kernels

        routing_kernels.warm()  # from the cache on disk, or compiled now (~10 s, once)
    except Exception:  # noqa: BLE001 (no numba, or one that cannot load here: the interpreted paths remain)
        _available = False
    else:
        _available = True
    finally:
        sys.setswitchinterval(interval)


def ready() -> bool:
    """Whether the compiled loops are loaded already (never loads them) and not turned off."""
    return _available is True and _enabled()


TREE_MIN_NODES = 1000  # from here a lone search of the rules or the hub routing goes compiled, once loaded (10,000
# nodes: ~27 ms interpreted, ~3 ms compiled with the lists made)
_csr: tuple | None = None  # (the adjacency lists, their arrays): the last graph searched, kept while it is asked
_weights: tuple | None = None  # (the weight list, the adjacency lists, its array, its buckets): the last searched


def tree_lists(adj, weight, start: int, origin: float) -> tuple | None:
    """`routing_trees.lowest_tree`'s answer, through the compiled search (`routing_search.tree_arrays`) when it is
    loaded and the graph has TREE_MIN_NODES nodes or more, else None: the same four lists, the same trees, ties and
    sums (tests/core/test_routing_search.py). Also None when some edge is listed at one end only: the compiled
    search reads a node's exact sum through the node's own list, the interpreted one from the node it came from."""
    got = tree_arrays(adj, weight, start, origin)
    if got is None:
        return None
    order, exact, parent, best = got
    return order.tolist(), exact.tolist(), parent.tolist(), best.tolist()


def tree_arrays(adj, weight, start: int, origin: float) -> tuple | None:
    """`tree_lists` as the search leaves them, numpy arrays (a caller that reads a few paths of the tree, not
    every node, saves making the lists), or None where `tree_lists` is None."""
    n = len(adj)
    if n < TREE_MIN_NODES:
        return None
    if not ready():
        worth(1, n, 2 * len(weight), heap=True)  # in the app: loaded on a thread for the next analyses
        return None
    from advisor import routing_search

    _adj, start_at, neighbour, edge, both_ends = _arrays_of(adj)
    if not both_ends:
        return None
    weights, (width, cap) = _weight_arrays(adj, weight, neighbour.shape[0])
    return routing_search.tree_arrays(start, float(origin), start_at, neighbour, edge, weights, width, cap)


def _weight_arrays(adj, weight, slots: int) -> tuple:
    """(the weights as an array, the search's buckets for them), kept while the same weight and adjacency lists are
    asked (held by identity, as the lists are)."""
    global _weights
    held = _weights
    if held is None or held[0] is not weight or held[1] is not adj:
        import numpy as np

        from advisor import routing_search

        arr = np.asarray(weight, dtype=np.float64)
        held = _weights = (weight, adj, arr, routing_search.buckets_for(arr, len(adj), slots))
    return held[2], held[3]


def _arrays_of(adj) -> tuple:
    """(adj, each node's first slot, the slots' neighbours, the slots' edges, whether every edge is listed at both
    its ends) of the adjacency lists `adj`, kept while the same lists are asked (held by identity, as a graph keeps
    them)."""
    global _csr
    got = _csr
    if got is None or got[0] is not adj:
        import numpy as np

        n = len(adj)
        degree = [len(row) for row in adj]
        start_at = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(degree, out=start_at[1:])
        slots = int(start_at[-1])
        neighbour = np.fromiter((w for row in adj for w, _k in row), dtype=np.int32, count=slots)
        edge = np.fromiter((k for row in adj for _w, k in row), dtype=np.int32, count=slots)
        both_ends = not (np.bincount(edge) == 1).any()  # every edge listed at both its ends
        got = _csr = (adj, start_at, neighbour, edge, both_ends)
    return got


def hops_within(adj, source: int, targets: list[int], hops: int, most: int) -> set[int] | None:
    """`cluster_reach.within_hops` through the compiled walk: the same answer (the targets found, or None when the
    walk gives up). Only once the loops are loaded (`ready`)."""
    import numpy as np

    from advisor import routing_pairs_kernel

    _adj, start_at, neighbour, _edge, _both = _arrays_of(adj)
    found, count = routing_pairs_kernel.within_hops(start_at, neighbour, source, np.asarray(targets, dtype=np.int32),
                                                    hops, most)
    return None if count < 0 else set(found[:count].tolist())


def threads() -> int:
    """How many parts a parallel loop shares its sources in: numba's threads, at most one per processor this
    process may run on (a container can see more than it is allowed)."""
    import numba

    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on this system
        cpus = os.cpu_count() or 1
    return max(1, min(numba.get_num_threads(), cpus))


def pair_paths(adj, weight, end_a: list[int], end_b: list[int], wanted: list[tuple[int, list[int]]],
               max_links: int, tick=None) -> list[tuple[int, list[int]]] | None:
    """For each (source, targets) of `wanted`, each target's (edge count, edges from it back to the source) in
    source s's lowest-RTT tree: −1 (no edges) where no path leads, −2 past `max_links` links
    (`routing_pairs_kernel.pair_paths`), the sources shared among the cores in calls of about CHUNK_CELLS cells of
    work, `tick(sources done)` after each; in `wanted`'s order, one entry per target. None where the compiled search
    cannot take the graph (some edge listed at one end only)."""
    import numpy as np

    from advisor import routing_pairs_kernel, routing_search

    _adj, start_at, neighbour, edge, both_ends = _arrays_of(adj)
    if not both_ends:
        return None
    weights, _buckets = _weight_arrays(adj, weight, neighbour.shape[0])
    width, cap = routing_search.buckets_for(weights, len(adj), neighbour.shape[0], capped=True)
    ends_a = np.asarray(end_a, dtype=np.int32)
    ends_b = np.asarray(end_b, dtype=np.int32)
    chunk = max(1, CHUNK_CELLS // max(1, len(adj) + neighbour.shape[0]))
    out: list[tuple[int, list[int]]] = []
    for first in range(0, len(wanted), chunk):
        part = wanted[first:first + chunk]
        sources = np.fromiter((s for s, _t in part), dtype=np.int32, count=len(part))
        sizes = [len(t) for _s, t in part]
        t_start = np.zeros(len(part) + 1, dtype=np.int64)
        np.cumsum(sizes, out=t_start[1:])
        rows = int(t_start[-1])
        t_node = np.fromiter((j for _s, t in part for j in t), dtype=np.int32, count=rows)
        out_edges = np.empty((max(1, rows), max_links), dtype=np.int32)
        out_count = np.empty(max(1, rows), dtype=np.int64)
        began = time.perf_counter()
        with _running:
            routing_pairs_kernel.pair_paths(start_at, neighbour, edge, weights, ends_a, ends_b, sources, t_start,
                                            t_node, max_links, out_edges, out_count, threads(), width, cap)
        _waits.seconds = waited() + time.perf_counter() - began
        counts = out_count[:rows].tolist()
        out.extend((m, out_edges[r, :m].tolist() if m > 0 else []) for r, m in enumerate(counts))
        if tick is not None:
            tick(first + len(part))
    return out


def waited() -> float:
    """Seconds this thread has spent in the parallel loops (waiting, mostly: numba's threads do the work), for a
    caller that times its own work by its processor time."""
    return getattr(_waits, "seconds", 0.0)


def worth(trees: int, nodes: int, slots: int, heap: bool) -> bool:
    """Whether `trees` trees over `nodes` nodes with `slots` adjacency entries (twice the links) go faster through
    the compiled loops, `heap`: with the heap search (the round-trip times differ). Each tree walks every node and
    slot, so the work is trees × (nodes + slots). Work that pays for loading them (`large`) loads them; less work
    takes them only once they are loaded (from LOADED_MIN_CELLS), and otherwise, in the app, starts loading them on
    a thread for the next analysis (`advisor.ahead`). Either way the figures are the same, bit for bit."""
    if large(trees, nodes, slots, heap):
        return available()
    if trees * (nodes + slots) < LOADED_MIN_CELLS or not _enabled():
        return False
    if _available is None:
        ahead.load(LOADER, available)  # in the app: for the next analyses
    return _available is True


def large(trees: int, nodes: int, slots: int, heap: bool) -> bool:
    """Whether that work reaches `worth`'s threshold, whether or not numba is here: a choice that must not change
    the figures from machine to machine is made on this."""
    least = MIN_NODES_HEAP if heap else MIN_NODES
    return trees * (nodes + slots) >= 3 * least * least


def warm() -> None:
    """Load the loops now when numba is there, compiling them if no cached machine code is found (`make` does it
    once: ~10 s), so no design waits for it."""
    if available():
        from advisor import routing_hubs, routing_pairs_kernel, routing_points_kernel, routing_search

        routing_hubs.warm()
        routing_points_kernel.warm()
        routing_pairs_kernel.warm()
        import numpy as np

        i32 = np.int32  # routing_search.tree_arrays with the argument types `tree_lists` passes
        two = np.array([0, 1, 2], dtype=np.int64), np.array([1, 0], dtype=i32), np.array([0, 0], dtype=i32)
        routing_search.tree_arrays(0, 0.0, *two, np.ones(1), 0.5, 8)


class Run:
    """Sources of one block (or of the whole WAN) waiting for the compiled loop: `weights` None when every link
    weighs the same (`level_sources`), else the edge weights (`heap_sources`, which also needs each edge's `ends`);
    `local` maps the flows' destination nodes to the block's numbers (None: the same numbers); `glob` the block's
    edges to the numbers of `edge_erl` / `edge_sig`."""

    def __init__(self, block_adj, glob: list[int], weights, ends, dest_u: list[float], local: dict[int, int],
                 edge_erl: list[float], edge_sig: list[float]):
        import numpy as np

        from advisor import routing_kernels, routing_search

        self._np, self._kernels = np, routing_kernels
        n = len(block_adj)
        degree = [len(row) for row in block_adj]
        self.start = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(degree, out=self.start[1:])
        slots = int(self.start[-1])
        self.neighbour = np.fromiter((w for row in block_adj for w, _k in row), dtype=np.int32, count=slots)
        self.edge = np.fromiter((k for row in block_adj for _w, k in row), dtype=np.int32, count=slots)
        self.weights = None if weights is None else np.asarray(weights, dtype=np.float64)
        # the heap search's queue as buckets where the weights allow (`advisor.routing_search`): the same trees
        self.width, self.cap = (0.0, 0) if weights is None else routing_search.buckets_for(weights, n, slots,
                                                                                            capped=True)
        if ends is not None:
            self.ends_a = np.fromiter((a for a, _b in ends), dtype=np.int32, count=len(ends))
            self.ends_b = np.fromiter((b for _a, b in ends), dtype=np.int32, count=len(ends))
        self.dest_u = np.asarray(dest_u, dtype=np.float64)
        self.glob, self.local = glob, local
        self.edge_erl, self.edge_sig = edge_erl, edge_sig
        self.erl = self.sig = None  # the block's edges' figures while sources run here; None: in the lists
        self.chunk = max(1, CHUNK_CELLS // max(1, n + len(glob)))
        self.threads = self._threads()  # the parts each call shares its sources in
        self._outputs: tuple | None = None  # each source's terms, filled in parallel and added in source order
        self.hubs: tuple | None = None  # `routing_hubs.hub_arrays`, once `use_hubs` has found some
        self._clear()

    def use_hubs(self, hubs: list[int]) -> None:
        """Build the trees of sources whose neighbours are among `hubs` (block node numbers), or lead to them, from
        the hubs' trees where that gives the search's own (`advisor.routing_hubs`; the heap search only): the same figures."""
        if hubs and self.weights is not None:
            from advisor import routing_hubs

            self.hubs = routing_hubs.hub_arrays(hubs, self.start, self.neighbour, self.edge, self.weights)

    def _clear(self) -> None:
        self.sources: list[int] = []
        self.origins: list[float] = []  # the distance each source's search starts at (heap search only)
        self.rates: list[float] = []
        self.row_start = [0]
        self.row_node: list[int] = []
        self.row_erl: list[float] = []
        self.row_sig: list[float] = []

    def add(self, source: int, rate: float, rows: dict | None, origin: float = 0.0) -> None:
        """Route `rate` Erlangs per user and the point flows `rows` (destination -> [E, kbps]) from `source`, its
        search started at distance `origin` (`advisor.routing_offsets`; the heap search only)."""
        self.sources.append(source)
        self.origins.append(origin)
        self.rates.append(rate)
        if rows is not None:
            local = self.local
            for dst, (erl, sig) in rows.items():
                self.row_node.append(dst if local is None else local[dst])
                self.row_erl.append(erl)
                self.row_sig.append(sig)
        self.row_start.append(len(self.row_node))
        if len(self.sources) >= self.chunk:
            self._run()

    def _run(self) -> None:
        if not self.sources:
            return
        np = self._np
        if self.erl is None:  # the figures so far, exactly: every term goes on top of them in order
            self.erl = np.array([self.edge_erl[e] for e in self.glob], dtype=np.float64)
            self.sig = np.array([self.edge_sig[e] for e in self.glob], dtype=np.float64)
        if self._outputs is None or self._outputs[3].shape[0] < len(self.sources):
            self._outputs = self._kernels.outputs(len(self.sources), self.dest_u.shape[0])
        args = (np.asarray(self.sources, dtype=np.int32), np.asarray(self.rates, dtype=np.float64),
                np.asarray(self.row_start, dtype=np.int64), np.asarray(self.row_node, dtype=np.int32),
                np.asarray(self.row_erl, dtype=np.float64), np.asarray(self.row_sig, dtype=np.float64),
                self.erl, self.sig, *self._outputs, self.threads)
        began = time.perf_counter()
        with _running:
            if self.weights is None:
                self._kernels.level_sources(self.start, self.neighbour, self.edge, self.dest_u, *args)
            elif self.hubs is not None:
                from advisor import routing_hubs

                routing_hubs.hub_sources(self.start, self.neighbour, self.edge, self.weights, self.ends_a,
                                         self.ends_b, np.asarray(self.origins, dtype=np.float64), self.dest_u, *args,
                                         *self.hubs, self.width, self.cap)
            else:
                self._kernels.heap_sources(self.start, self.neighbour, self.edge, self.weights, self.ends_a,
                                           self.ends_b, np.asarray(self.origins, dtype=np.float64), self.dest_u,
                                           *args, self.width, self.cap)
        _waits.seconds = waited() + time.perf_counter() - began
        self._clear()

    def _threads(self) -> int:
        return threads()

    def flush(self) -> None:
        """Route the waiting sources and put the block's figures back in the lists (before a source routed
        otherwise, and at the block's end)."""
        self._run()
        if self.erl is not None:
            for e, x, y in zip(self.glob, self.erl.tolist(), self.sig.tolist(), strict=True):
                self.edge_erl[e] = x
                self.edge_sig[e] = y
            self.erl = self.sig = None
