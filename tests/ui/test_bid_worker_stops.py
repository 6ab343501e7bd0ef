"""The bid docks' background work (the Scenarios comparison analyses the design once per option) stops inside a
long analysis once a newer request makes it stale, not only between analyses."""

from __future__ import annotations

import threading
import time

from advisor.analysis import analyse
from advisor.model import Design
from advisor.ui.bid.worker import Background, Stale


def _ring(n: int) -> Design:
    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0} for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    # a chord across: one tree per site (a plain ring is summed at once, advisor.routing_ring)
    links.append({"id": "chord", "a": "s0", "b": f"s{n // 2}"})
    return Design.model_validate({"name": "ring", "sites": sites, "links": links, "vpn": {"technology": "none"}})


def test_a_stale_request_stops_inside_its_analysis(qtbot):
    background = Background(debounce_ms=0)
    began = threading.Event()
    ended: list[str] = []
    design = _ring(3000)  # seconds of routing: one path search per site

    def slow(_progress):
        began.set()
        try:
            analyse(design)
        except Stale:
            ended.append("stopped inside the analysis")
            raise
        ended.append("ran to its end")
        return "stale result"

    results: list[object] = []
    background.finished.connect(results.append)
    background.request(slow, now=True)
    qtbot.waitUntil(began.is_set, timeout=10_000)
    background.request(lambda _progress: "latest", now=True)
    qtbot.waitUntil(lambda: results == ["latest"], timeout=120_000)
    assert ended == ["stopped inside the analysis"]
    background.pool.waitForDone()


def test_jobs_that_ran_are_freed(qtbot, monkeypatch):
    # A job the pool was told not to delete, PySide's pool kept for good, with its work and the design and results
    # it held: one per recomputation of the Scenarios dock, for the whole session.
    from advisor.ui.bid import worker
    from tests.ui.jobs_freed import alive_after_a_while, recorded_jobs

    made = recorded_jobs(monkeypatch, worker)
    background = Background(debounce_ms=0)
    results: list[object] = []
    background.finished.connect(results.append)

    def work(_progress, i):
        time.sleep(0.02)  # as real work takes a while: a job that ends before the pool has taken it in, PySide keeps
        return i  # (a race of its own, with no way to release it; the app's jobs take tens of milliseconds or more)

    for i in range(20):
        background.request(lambda progress, i=i: work(progress, i), now=True)
        qtbot.waitUntil(lambda i=i: results[-1:] == [i], timeout=10_000)
    background.shutdown()
    assert len(made) == 20
    assert alive_after_a_while(qtbot, made) == []
