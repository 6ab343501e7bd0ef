"""The Erlang B curve's title on a link the phones bound: both figures, so the dot below the curve reads; and the
grade of service as typed, never in exponent notation."""

from __future__ import annotations

from advisor.model import Design
from tests.ui.test_plots_dock import show_plots


def _design(gos: float = 0.01) -> Design:
    # a 1,000-user HQ and a 10-user branch: 30.3 E on each access link, Erlang B 42 calls, 10 phones at the branch
    return Design.model_validate({
        "name": "big and small", "traffic": {"gos": gos}, "clouds": [{"id": "m", "kind": "mpls"}],
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 1000, "cucm_publisher": True},
                  {"id": "b", "name": "Branch", "users": 10}],
        "links": [{"id": "l-hq", "a": "hq", "b": "m", "capacity_kbps": 10000}, {"id": "l-b", "a": "b", "b": "m"}]})


def test_the_curve_title_gives_erlang_b_and_the_bound(window, qtbot):
    window.document.reset(_design())
    qtbot.waitUntil(lambda: window.document.results is not None
                    and {r.id for r in window.document.results.links} == {"l-hq", "l-b"})
    panel = show_plots(window, qtbot)
    qtbot.waitUntil(lambda: "→ 10 calls" in panel.curve_title.text())
    title = panel.curve_title.text()
    assert "30.300 E offered → 10 calls (Erlang B: 42; at most the phones on the smaller side" in title
    assert "Erlang B at 1.0 % blocking" in title


def test_a_tiny_grade_of_service_is_written_out(window, qtbot):
    window.document.reset(_design(gos=1e-10))
    qtbot.waitUntil(lambda: window.document.results is not None
                    and {r.id for r in window.document.results.links} == {"l-hq", "l-b"})
    panel = show_plots(window, qtbot)
    qtbot.waitUntil(lambda: "0.00000001 %" in panel.curve_title.text())
    assert "e-" not in panel.curve_title.text()
