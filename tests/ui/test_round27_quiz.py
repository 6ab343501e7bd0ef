"""Quiz mode, round 27: the two routes that opened a dock the quiz keeps closed (a site's right-click "Configuration
Sketch", Design ▸ Add Scenario…), and the accepted range of a figure that cannot be negative.

The Configuration dock's sketch states each link's calls and kbps and the VPN technology; the Scenarios dock states
the technology and the total WAN load: both stay closed while a quiz hides those figures.
"""

from __future__ import annotations

import pytest

from advisor.analysis import analyse
from advisor.model import Cloud, Design, Link, Site
from advisor.ui import bid
from advisor.ui.canvas.menus import item_menu
from advisor.ui.classroom.quiz import Hidden, Question, QuizSettings, Tolerances, check
from tests.ui.conftest import shown_window

QUIZ = QuizSettings(hidden=Hidden(kbps=True, calls=True, recommendation=True))


def _sketch_entry(win, site_id: str):
    menu = item_menu(win.canvas, win.canvas.scene().nodes[site_id])
    entry = next(a for a in menu.actions() if a.text().replace("&", "") == "Configuration Sketch")
    return menu, entry


def test_quiz_disables_a_sites_configuration_sketch_entry(example_window, qtbot):
    win = example_window
    win.classroom.start_quiz(QUIZ)
    qtbot.wait(10)
    assert not win.docks["configuration"].isVisible() and not win.docks["scenarios"].isVisible()

    menu, entry = _sketch_entry(win, "hq")
    assert not entry.isEnabled()  # the right-click entry, as Design ▸ Configuration Sketch
    entry.trigger()
    qtbot.wait(10)
    assert not win.docks["configuration"].isVisible()
    menu.deleteLater()
    bid._config_for(win, "hq")  # the entry's slot itself opens nothing during the quiz
    assert not win.docks["configuration"].isVisible()

    win.classroom.end_quiz()
    qtbot.wait(10)
    assert win.actions_by_name["config-sketch"].isEnabled()
    menu, entry = _sketch_entry(win, "hq")
    assert entry.isEnabled()
    entry.trigger()
    qtbot.wait(10)
    assert win.docks["configuration"].isVisible()  # after the quiz the entry opens the sketch again
    menu.deleteLater()


def test_quiz_disables_add_scenario(example_window, qtbot, monkeypatch):
    from advisor.ui.bid.scenario_form import ScenarioForm

    monkeypatch.setattr(ScenarioForm, "exec", lambda self: 0)  # the form, if it opened, cancelled
    win = example_window
    win.classroom.start_quiz(QUIZ)
    qtbot.wait(10)
    add = win.actions_by_name["scenario-add"]
    assert not add.isEnabled()
    add.trigger()
    qtbot.wait(10)
    assert not win.docks["scenarios"].isVisible()  # it would state the technology and the total WAN load
    win.classroom.end_quiz()
    qtbot.wait(10)
    assert add.isEnabled()
    add.trigger()
    qtbot.wait(10)
    assert win.docks["scenarios"].isVisible()


# -- a figure that cannot be negative ---------------------------------------------------------------------------------
# Branch "b" has no users: its link carries no call and 0 kbps (no traffic, no signalling).
ZERO = Design(name="Zero", sites=(Site(id="hq", name="HQ", kind="hq", users=10, cucm_publisher=True),
                                  Site(id="b", name="Empty branch", users=0)),
              clouds=(Cloud(id="m", name="MPLS"),),
              links=(Link(id="l1", a="hq", b="m"), Link(id="l2", a="b", b="m")))


@pytest.fixture(scope="module")
def zero_results():
    results = analyse(ZERO)
    link = next(r for r in results.links if r.id == "l2")
    assert link.kbps == 0 and link.calls == 0  # the premise
    return results


def test_the_accepted_kbps_range_starts_at_zero(zero_results):
    q = Question("l2:kbps", "kbps", "l2", "")
    verdict = check(q, "5", zero_results, Tolerances())
    assert verdict.state == "wrong"
    # 1 % of 0 kbps is below the 0.005 kbps floor: 0 to 0.005, shown to two decimals; never "-0.01"
    assert verdict.text.endswith("accepted 0.00 to 0.01 kbps"), verdict.text
    assert "-" not in verdict.text
    assert check(q, "-0.004", zero_results, Tolerances()).state == "wrong"  # within 0.005 of 0, but negative
    assert check(q, "0.004", zero_results, Tolerances()).state == "right"
    assert check(q, "0", zero_results, Tolerances()).state == "right"


def test_a_negative_count_of_calls_is_never_right(zero_results):
    q = Question("l2:calls", "calls", "l2", "")
    assert check(q, "-1", zero_results, Tolerances(calls=2)).state == "wrong"  # |−1 − 0| ≤ 2, but no count is < 0
    assert check(q, "2", zero_results, Tolerances(calls=2)).state == "right"
    assert check(q, "0", zero_results, Tolerances()).state == "right"


def test_the_quiz_panel_quotes_no_negative_bound(qtbot):
    for win in shown_window(qtbot, ZERO):
        win.classroom.start_quiz(QuizSettings(hidden=Hidden(kbps=True)))
        panel = win.classroom.quiz_panel
        q = next(q for q in panel.questions if q.key == "l2:kbps")
        panel.set_answer(q.key, "5")
        panel.check_all()
        result = panel.table.item(panel.questions.index(q), 2).text()
        assert "0.00 to 0.01 kbps" in result and "-0.01" not in result, result
        win.classroom.end_quiz()
