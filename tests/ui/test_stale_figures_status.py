"""After the analysis of an edited design fails, the status bar says, for as long as it holds, that the figures shown
(findings, link figures, the WAN load and counts beside it) are of the design before the edit: the failure's own
message leaves the bar after 10 s, and the stale figures then read as the edited design's."""

from __future__ import annotations

import advisor.ui.analysis_runner as runner
from advisor import commands
from advisor.analysis import analyse
from advisor.ui.window_status import STALE


def test_stale_figures_are_said_until_an_analysis_succeeds(window, qtbot, monkeypatch, request):
    window.analysis.run_now()
    qtbot.wait(5)
    label = window.status_stale
    assert label.isHidden()
    reason = request.getfixturevalue("analysis_fails")  # every analysis from here on fails
    window.document.push(commands.SetFields("br-1", {"users": 4000}))
    qtbot.waitUntil(lambda: label.isVisible(), timeout=2000)
    assert label.text() == STALE and reason in label.toolTip()
    window.set_theme("dark")  # the counts are drawn again for the theme: still another design's figures
    assert label.isVisible()
    window.set_theme("system")
    monkeypatch.setattr(runner, "analyse", analyse)  # analyses succeed again
    window.document.undo_stack.undo()  # back to the design analysed, analysed again
    qtbot.waitUntil(lambda: label.isHidden(), timeout=2000)
    assert window.document.results_current


def test_a_failure_with_no_figures_shown_says_nothing_more(window, qtbot, analysis_fails):
    window.document.set_results(None)
    window.document.push(commands.SetFields("br-1", {"users": 4000}))
    qtbot.wait(20)
    assert window.statusBar().currentMessage().startswith("Analysis failed")
    assert window.status_stale.isHidden()
