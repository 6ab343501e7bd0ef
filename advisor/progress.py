"""Progress of the core's long loops, for whoever shows it: the app's status bar, the command line's stderr.

Nearly every analysis is over in well under a second. The exception is a WAN with one large meshed part (sites
joined in a ring, a grid or a random partial mesh, with no hub or cloud): routing its calls exactly costs one
lowest-RTT search per site, and 10,000 such sites take a minute or more. The loops that can run that long call
`reporter()` once and then the reporter every few steps; a caller that shows progress wraps the work in
`reporting(show)`. Without a reporter the cost is one context-variable read per loop.

A context variable, not a global: the app analyses on a worker thread while its UI thread may explain a design,
and each sees its own reporter (or none).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# show(what, done, total): `what` says in words what is being worked out, e.g. "routing calls across a meshed part
# of 10,000 sites"; `done` of `total` steps are complete (0 ≤ done ≤ total).
Reporter = Callable[[str, int, int], None]

STEPS = 100  # a reporting loop reports about this many times over its run

_reporter: ContextVar[Reporter | None] = ContextVar("advisor_progress", default=None)


@contextmanager
def reporting(show: Reporter | None) -> Iterator[None]:
    """Report the progress of the core's long loops to `show` while the block runs (None: report nothing)."""
    token = _reporter.set(show)
    try:
        yield
    finally:
        _reporter.reset(token)


def reporter() -> Reporter | None:
    """The reporter a long loop should call, or None when nobody shows progress."""
    return _reporter.get()


def ticker(what: str, total: int, at_least: int) -> Callable[[int], None] | None:
    """`tick(done)` for a loop of `total` steps: reports `what` to the current reporter about `STEPS` times over
    the loop, and once more when `done` reaches `total`. None when nobody shows progress or when the loop has fewer
    than `at_least` steps (too quick to be worth showing): a loop then pays one test per step."""
    show = _reporter.get()
    if show is None or total < at_least:
        return None
    every = max(1, total // STEPS)

    def tick(done: int) -> None:
        if done % every == 0 or done == total:
            show(what, done, total)

    return tick
