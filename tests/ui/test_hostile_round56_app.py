"""Round 56 in the app: the Inspector's percent shares at the limits a file may hold, a name's unclosed right-to-left
override in every view that quotes it beside our own words, and saves over a folder put where the design file was or
onto a full disk."""

from __future__ import annotations

import errno
import hashlib
import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox

from advisor import io
from advisor.commands import SetFields
from advisor.model import Design, Site, TrafficPolicy
from advisor.ui.inspector import balance_shares
from advisor.ui.rich_text import menu_text, plain

RLO, PDF, LRI = "\u202e", "\u202c", "\u2066"  # right-to-left override, pop directional formatting, left-to-right isolate
OVERRIDES = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _editor(window, group_title: str, name: str):
    group = next(g for g in window.inspector._groups if g.title.startswith(group_title))
    return group.editors[name].widget


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the percent shares --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("kept", "rest"), [
    (0.1234567891, 0.7765432109),  # 1 - 0.1 - 0.1234567891 = 0.7765432109, by hand
    (2.2250738585072014e-308, 0.9),  # the smallest share a file holds (a denormal is refused): 1 - 0.1 - it is 0.9
    (0.3333333333333333, 0.5666666666666667),  # 1 - 0.1 - 0.3333333333333333 = 0.5666666666666667 (its 16 digits)
])
def test_editing_one_share_keeps_the_untouched_one_exactly(kept, rest):
    # the on-net share set to 10 %: the intra-site share is kept as the file holds it (it was rounded to six places:
    # 0.123457, 0, 0.333333), the PSTN share takes the rest
    traffic = TrafficPolicy.model_validate({"intra_site_share": kept, "on_net_share": 0.3,
                                            "pstn_share": 1 - 0.3 - kept})
    values, note = balance_shares(traffic, "on_net_share", 0.1)
    assert values == {"on_net_share": 0.1, "intra_site_share": kept, "pstn_share": rest}
    assert repr(values["intra_site_share"]) == repr(kept)
    assert note.startswith("Set the PSTN share to ") and "intra-site" not in note


def test_typing_a_share_in_the_app_keeps_the_files_other_share_and_undo_brings_all_back(window, tmp_path):
    path = tmp_path / "shares.json"
    io.save(Design(name="Shares", sites=(Site(id="a", users=10),),
                   traffic=TrafficPolicy(intra_site_share=0.1234567891, on_net_share=0.3, pstn_share=0.5765432109)),
            path, backup=False)
    assert window.files.open_path(path, ask=False, remember=False)
    box = _editor(window, "Traffic", "on_net_share")
    assert box.text() == "30 %"
    box.setValue(10)  # 10 %
    traffic = window.document.design.traffic
    assert (traffic.intra_site_share, traffic.on_net_share, traffic.pstn_share) == (0.1234567891, 0.1, 0.7765432109)
    assert window.inspector.message.text() == \
        "Set the PSTN share to 77.65432109 % so the three shares add up to 100 %."  # was 77.6543 %, intra 12.3457 %
    window.document.undo_stack.undo()
    assert window.document.design.traffic == TrafficPolicy(intra_site_share=0.1234567891, on_net_share=0.3,
                                                           pstn_share=0.5765432109)


@pytest.mark.parametrize(("fraction", "text"), [
    (0.010000000000000002, "1 %"),  # 0.01 and a float's last bit: it read "1.000000000 %"
    (0.9999999999999999, "100 %"),  # 1 - 1e-16: "100.000000000 %"
    (0.334, "33.4 %"),  # a decimal the box needs stays
])
def test_a_share_finer_than_the_box_shows_no_row_of_zeros(window, fraction, text):
    window.document.reset(Design(name="Fine", traffic=TrafficPolicy(llq_share=fraction), sites=(Site(id="a"),)))
    box = _editor(window, "Traffic", "llq_share")
    assert box.text() == text
    window.inspector.commit_pending()  # nothing typed: the file's fraction stays, to its last bit
    assert repr(window.document.design.traffic.llq_share) == repr(fraction)
    assert window.document.undo_stack.count() == 0


def _type(box, text: str) -> None:
    """Focus the box, select what it shows, type `text` and press Enter, as a user does."""
    box.setFocus()
    box.lineEdit().selectAll()
    QTest.keyClicks(box.lineEdit(), text)
    QTest.keyClick(box, Qt.Key.Key_Return)


@pytest.mark.parametrize(("name", "typed", "message"), [
    # 0 % is below the priority queue's least share, 1 %: the box put 33 % back in silence
    ("llq_share", "0", "Priority-queue share: “0 %” is not taken; it must be ≥ 1 % and ≤ 100 %. It stays 33 %."),
    ("gos", "0", "Grade of service: “0” is not taken; it must be > 0 and < 1. It stays 0.010."),
])
def test_a_figure_the_box_puts_back_is_said(window, name, typed, message):
    box = _editor(window, "Traffic", name)
    _type(box, typed)
    assert window.inspector.message.text() == message and window.inspector.message.isVisibleTo(window.inspector)
    assert window.document.design.traffic == TrafficPolicy() and window.document.undo_stack.count() == 0
    _type(box, "40" if name == "llq_share" else "0.02")  # a figure taken: the message goes
    assert not window.inspector.message.isVisibleTo(window.inspector)


def test_a_figure_taken_or_left_as_shown_says_nothing(window):
    box = _editor(window, "Traffic", "llq_share")
    _type(box, "33.")  # 33 %, as shown: nothing put back
    _type(box, "")  # emptied, then Enter: the box shows its figure again
    assert not window.inspector.message.isVisibleTo(window.inspector)
    assert window.document.undo_stack.count() == 0


# -- right-to-left overrides in names ------------------------------------------------------------------------------
@pytest.fixture
def overridden(window):
    """Branch 1 renamed with an unclosed right-to-left override: "Lyon " then "evil" drawn reversed, and with it
    everything after the name on the same line."""
    window.document.push(SetFields("br-1", {"name": f"Lyon {RLO}evil"}, "Rename"))
    window.analysis.run_now()
    return window


def test_the_findings_quote_the_name_without_its_override(overridden):
    panel = overridden.findings
    rows = [panel.tree.topLevelItem(i).child(j) for i in range(panel.tree.topLevelItemCount())
            for j in range(panel.tree.topLevelItem(i).childCount())]
    quoting = [row for row in rows if "Lyon" in row.text(0)]
    assert quoting  # Branch 1 (40 users) has no SRST platform: a finding names it
    for row in quoting:
        assert not OVERRIDES & set(row.text(0) + row.text(1)), row.text(0)  # "… 'Lyon ' sah …" on screen
        assert "Lyon evil" in row.text(0)
        assert not OVERRIDES & set(panel.tooltip(panel.tree.indexFromItem(row, 0)))
    panel.tree.setCurrentItem(quoting[0])
    assert "Lyon evil" in panel.details.toPlainText() and not OVERRIDES & set(panel.details.toPlainText())
    panel.filter.setText("lyon evil")  # what the rows read finds them
    assert len(panel.visible_findings()) == len(quoting)


def test_the_link_table_ends_and_the_canvas_tooltips_leave_the_override_out(overridden, qtbot):
    model = overridden.links.model
    ends = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert ends["link-2"] == "Lyon evil – MPLS VPN"  # the override turned " – MPLS VPN" around
    scene = overridden.canvas.scene()
    assert "<b>Lyon evil</b>" in scene.nodes["br-1"].toolTip()
    link_tip = scene.links["link-2"].toolTip()
    assert "Lyon evil – MPLS VPN" in link_tip and not OVERRIDES & set(link_tip)
    overridden.document.select(("link-2",))  # the calculator and the explain pane follow the selected link
    assert overridden.calculator.source.text() == "Showing link 'Lyon evil – MPLS VPN' (GET VPN)."
    heading = overridden.findChild(QLabel, "explain-heading")
    qtbot.waitUntil(lambda: heading.text().startswith("<b>Link"), timeout=5_000)
    assert heading.text() == "<b>Link Lyon evil – MPLS VPN</b>"


def test_the_link_end_list_and_refusals_leave_the_override_out(overridden):
    overridden.document.select(("link-2",))
    end = _editor(overridden, "Link", "a")
    assert end.itemText(end.findData("br-1")) == "Lyon evil (br-1)"  # the id after the name was turned around
    overridden.document.select(("br-1",))
    overridden.inspector.show_message(f"'Lyon {RLO}evil' cannot be renamed: the name is used")
    assert overridden.inspector.message.text() == "'Lyon evil' cannot be renamed: the name is used"


def test_undo_and_the_recent_files_menu_leave_the_override_out(overridden, tmp_path):
    overridden.document.select(("br-1",))
    overridden.canvas.delete_selected()
    undo = next(a for a in overridden.menuBar().actions()[1].menu().actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo Delete Lyon evil"  # "Undo Delete Lyon live" on screen
    path = tmp_path / f"{RLO}nalp.json"  # shown as "nosj.plan" with the override
    io.save(overridden.document.design, path, backup=False)
    assert overridden.files.open_path(path, ask=False, remember=True)
    overridden.files._fill_recent()
    assert overridden.files.recent_menu.actions()[0].text() == "nalp.json"
    assert menu_text(f"R&D {LRI}lab{PDF}.json") == "R&&D lab.json"


def test_a_question_and_an_error_quoting_a_name_keep_their_own_words_in_order(window, qtbot):
    assert plain(f"“Lab {RLO}1” has changes that are not saved. Save them first?") == \
        "“Lab 1” has changes that are not saved. Save them first?"
    from advisor.ui.dialogs import MessageDialog

    dialog = MessageDialog(window, "Cannot save design", f"/tmp/{RLO}x.json: is a folder; choose a file name")
    qtbot.addWidget(dialog)
    assert dialog.body.toPlainText() == "/tmp/x.json: is a folder; choose a file name"
    assert dialog.text == f"/tmp/{RLO}x.json: is a folder; choose a file name"  # the message itself as given


# -- saves ---------------------------------------------------------------------------------------------------------
def test_a_folder_put_where_the_file_was_is_said_at_once_not_asked_about(window, opened, dialogs):
    # Another program deleted plan.json and made a folder of that name. The save asked "changed by another
    # program … Saving replaces that newer version (it is kept as plan.json.bak)", then could not save anyway.
    os.unlink(opened)
    opened.mkdir()
    window.document.push(SetFields("hq", {"users": 201}, "Change users"))
    dialogs["answers"].append(QMessageBox.StandardButton.Save)
    assert not window.files.save()
    assert dialogs["question"] == []
    assert dialogs["warning"] == [("Cannot save design", f"{opened}: is a folder; choose a file name")]
    assert opened.is_dir() and window.document.modified


@pytest.mark.parametrize("step", ["write", "replace"])
def test_a_full_disk_keeps_the_file_and_its_backup_whole(window, opened, dialogs, monkeypatch, step):
    window.document.push(SetFields("hq", {"users": 201}, "Change users"))
    assert window.files.save()  # plan.json.bak now holds the first version, plan.json the second
    backup = opened.with_name("plan.json.bak")
    before, backup_before = _digest(opened), _digest(backup)
    window.document.push(SetFields("hq", {"users": 202}, "Change users"))

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if step == "write":
        monkeypatch.setattr(io.os, "fsync", full)  # the new bytes never reach the disk
    else:
        monkeypatch.setattr(io.atomic, "replace_locked", full)
    assert not window.files.save()
    assert dialogs["warning"] == [("Cannot save design", f"{opened}: No space left on device")]
    assert _digest(opened) == before and _digest(backup) == backup_before
    assert sorted(p.name for p in opened.parent.iterdir()) == ["plan.json", "plan.json.bak"]  # no temporary left
    assert window.document.modified


def test_an_autosave_while_a_dialog_is_open_writes_the_design(window, qtbot):
    window.document.push(SetFields("hq", {"users": 203}, "Change users"))
    written = []
    box = QMessageBox(QMessageBox.Icon.Question, "Question", "Open?", QMessageBox.StandardButton.Ok, window)

    def tick():  # the autosave timer fires while the dialog runs its own event loop
        if not box.isVisible():
            QTimer.singleShot(10, tick)
            return
        written.append(window.files.autosave())
        box.accept()
    QTimer.singleShot(0, tick)
    QTimer.singleShot(10_000, box, box.reject)  # never a test run held by a dialog left open
    box.exec()
    assert written[0] is not None and io.load(written[0]).site("hq").users == 203
    window.files.clear_autosave()
