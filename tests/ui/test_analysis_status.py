"""A slow analysis on the worker shows itself in the status bar, with the progress of a large meshed WAN's routing,
and the sign goes away when it ends; a quick one never shows it. A large design opened at start-up is analysed on
the worker, so the window answers meanwhile."""

from __future__ import annotations

import threading
import time

from advisor.model import Design
from advisor.routing_blocks import PROGRESS_MIN_NODES
from advisor.ui import analysis_runner, analysis_status
from advisor.ui.analysis_runner import THREAD_SITES
from advisor.ui.analysis_status import BUSY_TEXT


def _slow_reports(monkeypatch, began: threading.Event) -> None:
    """Each progress report of the worker sets `began` and pauses 0.1 s: the routing then lasts seconds however fast
    this machine and the compiled loops are (a 6,000-site ring routes in ~0.3 s with them on two cores)."""
    real = analysis_runner._Job._report

    def report(job, *args):
        began.set()
        time.sleep(0.1)
        return real(job, *args)

    monkeypatch.setattr(analysis_runner._Job, "_report", report)


def _ring(n: int) -> Design:
    sites = [{"id": f"s{i}", "users": 10, "cucm_publisher": i == 0, "x": 40.0 * (i % 25), "y": 40.0 * (i // 25)}
             for i in range(n)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{(i + 1) % n}"} for i in range(n)]
    # a chord across: one tree per site (a plain ring is summed at once, advisor.routing_ring)
    links.append({"id": "chord", "a": "s0", "b": f"s{n // 2}"})
    return Design.model_validate({"name": "ring", "sites": sites, "links": links, "vpn": {"technology": "none"}})


def test_a_meshed_wan_analysed_on_the_worker_says_how_far_it_is(qtbot, window):
    status = window.analysis_status
    seen: list[tuple[str, int, int]] = []
    window.analysis.progress.connect(lambda what, done, total: seen.append((what, done, total)))
    design = _ring(max(PROGRESS_MIN_NODES, THREAD_SITES + 1))
    window.document.reset(design)  # as File ▸ Open does
    assert not window.analysis.inline()  # a design this size goes to the worker
    qtbot.waitUntil(lambda: window.document.results is not None and window.document.design is design
                    and not window.analysis.pending(), timeout=60_000)
    qtbot.waitUntil(lambda: len(seen) and seen[-1][1] == seen[-1][2], timeout=5000)
    assert seen[-1][1:] == (len(design.sites), len(design.sites))
    # the sign's words and bar follow the reports: the last one, in full
    assert status.label.text() == f"Routing calls across a meshed part of {len(design.sites):,} sites and clouds…"
    assert status.bar.value() == status.bar.maximum() == len(design.sites)
    n = len(design.sites)
    assert status.bar.toolTip() == f"{n:,} of {n:,} steps done (100 %)"
    assert not status.isVisible()  # gone once the results are in


def test_a_quick_analysis_never_shows_the_sign(qtbot, window):
    status = window.analysis_status
    assert status.label.text() == BUSY_TEXT and not status.isVisible()
    window.analysis.run_now()
    qtbot.wait(analysis_status.SHOW_AFTER_MS + 100)
    assert not status.isVisible()


def test_an_edit_stops_a_long_analysis_of_the_stale_design(qtbot, window, monkeypatch):
    """A large meshed WAN's analysis reports its progress; an edit meanwhile stops it at its next report, instead of
    leaving the new design to wait for the whole stale run, and the new design is analysed."""
    big, small = _ring(4000), _ring(40)  # 4,000 sites: seconds of routing with the pauses, reported in steps
    reports: list[tuple[int, int]] = []
    window.analysis.progress.connect(lambda _what, done, total: reports.append((done, total)))
    began = threading.Event()  # set by the worker itself: queued signals may lag on a busy machine
    _slow_reports(monkeypatch, began)
    window.document.reset(big)
    qtbot.waitUntil(began.is_set, timeout=60_000)
    window.document.reset(small)  # the edit: the running analysis is now stale
    qtbot.waitUntil(lambda: window.document.results is not None and not window.analysis.pending(), timeout=60_000)
    assert window.document.design is small
    assert len(window.document.results.sites) == 40
    assert (4000, 4000) not in reports  # the stale analysis never reached its end
    assert not window.analysis_status.isVisible()


def test_closing_stops_a_long_analysis(qtbot, window, monkeypatch):
    """A 6,000-site ring, with a pause at each progress report, takes well over 5 s to route; closing waits at most
    5 s for the worker, so the worker is idle afterwards only because the analysis stopped at its next report."""
    reports: list[int] = []
    window.analysis.progress.connect(lambda _what, done, _total: reports.append(done))
    began = threading.Event()
    _slow_reports(monkeypatch, began)
    window.document.reset(_ring(6000))
    qtbot.waitUntil(began.is_set, timeout=60_000)
    qtbot.waitUntil(window.analysis_status.isVisible, timeout=10_000)  # a slow analysis shows itself
    window.analysis.shutdown()  # what closing the window does
    assert window.analysis.pool.activeThreadCount() == 0
    assert all(done < 6000 for done in reports)
