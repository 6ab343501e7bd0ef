"""Loading done ahead of need, on a thread: the app's choice, never the command line's.

Two parts of the analysis have a faster path that costs a one-time load: numpy for Erlang B over many links at
once (`advisor.erlang_batch`, ~0.1 s to import) and the compiled routing loops for meshed WANs
(`advisor.routing_compiled`, 0.1-0.4 s). A command-line run analyses once, so each takes its faster path only where
that one analysis pays for the load. The app analyses after every edit: once an analysis would have used a faster
path, loading it on a thread meanwhile makes every later edit quicker (a chain of 1,000 leased lines: ~75 ms of
Erlang B per edit without numpy, a few with it). The analysis that starts a load does not wait for it, and the
figures are the same either way, bit for bit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

_allowed = False
_threads: dict[str, threading.Thread] = {}
_lock = threading.Lock()


def allow(on: bool = True) -> None:
    """The app's analysis runner calls this: loads that would speed up later analyses start on a thread."""
    global _allowed
    _allowed = on


def allowed() -> bool:
    return _allowed


def load(name: str, target: Callable[[], object]) -> None:
    """Run `target` once on a thread named `name`, if loading ahead is allowed and it has not been started."""
    if not _allowed:
        return
    with _lock:
        if name in _threads:
            return
        thread = _threads[name] = threading.Thread(target=_quietly, args=(target,), name=name, daemon=True)
    thread.start()


def _quietly(target: Callable[[], object]) -> None:
    try:
        target()
    except Exception:  # noqa: BLE001 (a load that fails leaves the slower path, which works: nothing to report)
        pass


def started(name: str) -> bool:
    return name in _threads


def wait(timeout: float | None = None) -> None:
    """Wait for every load started (benchmarks time the analyses after them; tests)."""
    for thread in list(_threads.values()):
        thread.join(timeout)


def forget(name: str) -> None:
    """Let `name` be loaded again (tests)."""
    with _lock:
        _threads.pop(name, None)
