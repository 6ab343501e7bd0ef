"""Round 27, the Inspector's boxes: a figure typed and not confirmed is kept by save, close, export and autosave;
a box shows the figure the file holds (no rounding that made typing it a silent no-op); notes and hints never read
in exponent notation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from advisor import io
from advisor.model import Cloud, Design, Link, Site, TrafficPolicy
from advisor.ui.inspector import balance_shares


def _editor(window, group_title: str, name: str):
    group = next(g for g in window.inspector._groups if g.title.startswith(group_title))
    return group.editors[name].widget


def _type(widget, text: str, enter: bool = False) -> None:
    """Focus the box, select what it shows and type `text`, as a user does; Enter only when asked."""
    widget.setFocus()
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.selectAll()
    QTest.keyClicks(line, text)
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


@pytest.fixture
def saved(window, tmp_path):
    """The sample design saved to a file and open from it, branch 1 selected."""
    path = tmp_path / "plan.json"
    io.save(window.document.design, path)
    window.document.reset(io.load(path), path)
    window.document.select(("br-1",))
    return path


# -- H: typed, not confirmed ----------------------------------------------------------------------------------------
def test_save_keeps_a_figure_typed_without_enter(window, saved, dialogs):
    users = _editor(window, "Site", "users")
    _type(users, "77")
    assert users.hasFocus() and window.document.design.sites[1].users == 40  # not taken yet: no Enter, no focus-out
    assert window.files.save()
    assert io.load(saved).sites[1].users == 77
    assert not window.document.modified
    window.document.undo_stack.undo()  # a normal edit: one undo puts the 40 back
    assert window.document.design.sites[1].users == 40


def test_save_keeps_a_name_typed_without_enter(window, saved, dialogs):
    _editor(window, "Site", "users").setFocus()  # a box only visited: nothing to take, no edit
    assert window.files.save() and window.document.undo_stack.count() == 0
    _type(_editor(window, "Site", "name"), "Renamed branch")
    assert window.files.save()
    assert io.load(saved).sites[1].name == "Renamed branch"


def test_close_asks_about_a_figure_typed_without_enter(window, saved, dialogs):
    _type(_editor(window, "Site", "users"), "77")
    dialogs["answers"].append(QMessageBox.StandardButton.Cancel)
    assert not window.close()  # unsaved work now: the prompt, and Cancel keeps the window
    assert [title for title, _text in dialogs["question"]] == ["Unsaved changes"]
    assert window.document.design.sites[1].users == 77


def test_autosave_keeps_a_figure_typed_without_enter_when_the_app_crashes(window, saved, dialogs):
    editor = _editor(window, "Site", "users")
    _type(editor, "77")
    # the timer's autosave leaves the box being typed in alone: half a figure would become an edit
    window.files.autosave()
    assert window.document.design.sites[1].users != 77 and not window.document.undo_stack.canUndo()
    # the crash handler's takes it
    written = window.files.autosave(pending=True)
    assert written is not None and io.load(written).sites[1].users == 77


def test_export_pdf_shows_a_figure_typed_without_enter(window, saved, dialogs, qtbot, tmp_path):
    from advisor.ui.export import export_pdf

    _type(_editor(window, "Site", "users"), "77")
    export = export_pdf(window, tmp_path / "plan.pdf", ask_open=False)
    assert export.job.design.sites[1].users == 77  # the design the PDF is built from
    with qtbot.waitSignal(export.finished, timeout=120_000):
        pass


def test_a_refused_pending_value_is_explained_and_the_save_keeps_the_old(window, saved, dialogs):
    window.document.select(())
    window.inspector._sections["Document (customer, author, notes)"].header.setChecked(True)
    date = _editor(window, "Document", "date")
    _type(date, "x" * 41)  # the model takes at most 40 characters
    assert window.files.save()
    assert io.load(saved).date is None
    assert window.inspector.message.isVisibleTo(window.inspector) and window.inspector.message.property("error")
    assert window.inspector.message.text() == "Date is too long (at most 40 characters)"
    assert date.text() == ""  # the box shows what the design holds again


# -- E: a box shows what the file holds -----------------------------------------------------------------------------
@pytest.fixture
def fine(window):
    """Figures a file may hold with more decimals than the boxes usually show."""
    design = Design(name="Fine", traffic=TrafficPolicy(gos=0.0004, holding_time_s=0.4, calls_per_user=0.04),
                    sites=(Site(id="a", users=10), Site(id="b", users=10)), clouds=(Cloud(id="m"),),
                    links=(Link(id="l1", a="a", b="m", capacity_kbps=1000.4, rtt_ms=0.04), Link(id="l2", a="b", b="m")))
    window.document.reset(design)
    return window


@pytest.mark.parametrize(("selected", "group", "name", "shown"), [
    ((), "Traffic", "gos", "0.0004"),
    ((), "Traffic", "holding_time_s", "0.4 s"),
    ((), "Traffic", "calls_per_user", "0.04 calls/h"),
    (("l1",), "Link", "capacity_kbps", "1,000.4 kbps"),
    (("l1",), "Link", "rtt_ms", "0.04 ms"),
])
def test_a_box_shows_the_figure_the_file_holds(fine, selected, group, name, shown):
    fine.document.select(selected)
    assert _editor(fine, group, name).text() == shown


@pytest.mark.parametrize(("selected", "group", "name", "typed", "wanted"), [
    (("l1",), "Link", "capacity_kbps", "1000", 1000.0),
    ((), "Traffic", "gos", "0.001", 0.001),
    ((), "Traffic", "holding_time_s", "1", 1.0),
])
def test_typing_a_round_figure_over_a_fine_one_is_an_edit(fine, selected, group, name, typed, wanted):
    fine.document.select(selected)
    box = _editor(fine, group, name)
    _type(box, typed, enter=True)
    obj = next(g for g in fine.inspector._groups if g.title == group).read(fine.document.design)
    assert getattr(obj, name) == wanted
    assert fine.document.undo_stack.count() == 1


def test_a_figure_finer_than_any_box_is_changed_only_when_typed(window):
    # gos 1e-12 is valid; the box shows nine decimals at most and cannot go below 0.000000001 (gos > 0)
    window.document.reset(Design(name="Tiny", traffic=TrafficPolicy(gos=1e-12), sites=(Site(id="a", users=1),)))
    window.document.select(())
    gos = _editor(window, "Traffic", "gos")
    assert gos.text() == "0.000000001"
    gos.setFocus()
    window.docks["findings"].widget().setFocus()  # focus passes through without typing: the design keeps its figure
    assert window.document.design.traffic.gos == 1e-12 and window.document.undo_stack.count() == 0
    _type(gos, "0.000000001", enter=True)  # typed and confirmed: the figure typed, though the box showed it
    assert window.document.design.traffic.gos == pytest.approx(1e-9)
    assert window.document.undo_stack.count() == 1


# -- D: no exponent notation ----------------------------------------------------------------------------------------
def test_the_share_balancing_note_writes_a_small_share_out():
    # 1 - 0.5 (intra-site) - 0.49999 (on-net kept) = 0.00001 for the PSTN share
    traffic = TrafficPolicy(intra_site_share=0.3, on_net_share=0.49999, pstn_share=0.20001)
    values, note = balance_shares(traffic, "intra_site_share", 0.5)
    assert values["pstn_share"] == pytest.approx(0.00001)
    assert note == "Set the PSTN share to 0.001 % so the three shares add up to 100 %."


def test_the_scenario_form_hints_write_small_figures_out(window):
    from advisor.ui.bid.scenario_form import ScenarioForm, design_values

    design = Design(name="Tiny", traffic=TrafficPolicy(calls_per_user=0.00001, gos=0.0004),
                    sites=(Site(id="a", users=1),))
    hints = design_values(design)
    assert hints["calls_per_user"] == "0.00001 calls/h"
    assert hints["gos"] == "0.04 % blocking"  # 0.0004 = 0.04 %, not "0.0 %"
    from advisor.model import Scenario
    from advisor.ui.bid.scenario_form import describe

    assert describe(Scenario(name="Low", gos=0.0004, calls_per_user=0.00001)) == (
        "Low: Grade of service: 0.04 % blocking; Busy-hour calls per user: 0.00001 calls/h")
    form = ScenarioForm(design, window)
    try:
        assert "as the design: 0.00001 calls/h" in form.editors["calls_per_user"].widget.toolTip()
    finally:
        form.deleteLater()
