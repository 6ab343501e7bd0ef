"""Round 59b in the app: typing into the Inspector, Escape, and the per-call calculator after a failed analysis.
Each defect found, as the short sequence that shows it:

- Branch 1's link selected, "9" typed before the capacity (91,024 kbps shown, no Enter), then Escape: the box kept
  "91,024 kbps", and when the focus left it that became an edit (an undo step). The same in a name ("Lyon" typed,
  Escape, then a click in another box renamed the site) and in a box of several selected links showing "mixed".
  Escape now puts back what the design holds and makes no edit; Enter and leaving the box still confirm.
- The sample design (VPN technology: recommend, analysed), then an edit whose analysis fails: the calculator still
  said "Showing the design's voice and VPN settings (<the earlier recommendation>)", taken from the results of the
  design before the edit. And with Branch 1's link selected, the VPN technology set to DMVPN and the analysis
  failing: it showed the link "(<the earlier recommendation>)", not DMVPN, which the design now names. It now takes
  the technology from the design where the design names it, and otherwise says it cannot follow the design.
- "1,5" typed into a link's round-trip time (one and a half, with a decimal comma), Enter: 15 ms, without a word;
  "1,5" into a capacity gave 15 kbps, "1,0,0" into a site's users gave 100 users. A comma that does not group
  thousands is now refused, the Inspector saying so and how to write decimals; "1,000" is still 1,000.
- "١٠٠٠" (Arabic-Indic digits) or "１０００" (full-width) pasted into a site's users, or "1 000" grouped with a no-break
  space as French figures are: refused without a word (the site-list import takes those digits). They are 1,000.
- "5e3" typed into a capacity gave 53 kbps, "-5" gave 5 kbps and "1.5" in a site's users 15 users: each key the box
  cannot take was dropped without a word, and Enter took what was left. The entry is now refused whole, saying so.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from advisor.commands import SetFields


def _editor(window, ids: tuple[str, ...], section: str, name: str):
    window.document.select(ids)
    for group in window.inspector._groups:
        if group.title.startswith(section):
            return group.editors[name]
    raise KeyError(section)


def _key(widget, key) -> None:
    """A key pressed where the focus is (a spin box's focus is its line edit), as the keyboard delivers it."""
    from pytestqt.qtbot import QtBot

    QtBot.keyClick(QApplication.focusWidget() or widget, key)


def _typed(qtbot, widget, text: str) -> None:
    """Focus the box and type `text` before what it shows, without Enter."""
    widget.setFocus()
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.home(False)
    qtbot.keyClicks(line, text)


# -- Escape -----------------------------------------------------------------------------------------------------

def test_escape_in_a_number_box_puts_the_designs_value_back_and_makes_no_edit(dialogs, window, qtbot):
    doc = window.document
    capacity = _editor(window, ("link-2",), "Link", "capacity_kbps").widget
    _typed(qtbot, capacity, "9")
    assert capacity.text() == "91,024 kbps"
    _key(capacity, Qt.Key.Key_Escape)
    assert capacity.text() == "1,024 kbps"  # was "91,024 kbps"
    _editor(window, ("link-2",), "Link", "rtt_ms").widget.setFocus()  # the focus leaves the box
    assert doc.design.links[1].capacity_kbps == 1024  # was 91,024: an edit made on leaving
    assert doc.undo_stack.count() == 0
    doc.undo()  # Edit ▸ Undo: nothing typed is waiting, nothing to undo
    assert doc.design.links[1].capacity_kbps == 1024


def test_escape_in_a_text_box_puts_the_name_back(dialogs, window, qtbot):
    doc = window.document
    name = _editor(window, ("br-1",), "Site", "name").widget
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Lyon")
    _key(name, Qt.Key.Key_Escape)
    assert name.text() == "Branch 1"
    _editor(window, ("br-1",), "Site", "users").widget.setFocus()
    assert doc.design.sites[1].name == "Branch 1"  # was renamed "Lyon" when the focus left
    assert doc.undo_stack.count() == 0


def test_escape_in_a_mixed_box_shows_mixed_again(dialogs, window, qtbot):
    doc = window.document
    editor = _editor(window, ("link-2", "link-3"), "Link", "capacity_kbps")
    box = editor.widget
    _typed(qtbot, box, "64")
    _key(box, Qt.Key.Key_Escape)
    assert box.text() == "" and box.lineEdit().placeholderText() == "mixed"
    _editor(window, ("link-2", "link-3"), "Link", "rtt_ms").widget.setFocus()
    assert [x.capacity_kbps for x in doc.design.links] == [10_000, 1024, 512]  # both were set to 64
    assert doc.undo_stack.count() == 0


def test_enter_and_leaving_the_box_still_confirm_and_undo_takes_it_back(window, qtbot):
    doc = window.document
    capacity = _editor(window, ("link-2",), "Link", "capacity_kbps").widget
    _typed(qtbot, capacity, "2")
    _key(capacity, Qt.Key.Key_Return)
    assert doc.design.links[1].capacity_kbps == 21_024
    name = _editor(window, ("br-2",), "Site", "name").widget
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Lyon")
    _editor(window, ("br-2",), "Site", "users").widget.setFocus()
    assert doc.design.sites[2].name == "Lyon"
    _key(name, Qt.Key.Key_Escape)  # nothing typed: Escape changes nothing
    doc.undo()
    doc.undo()
    assert (doc.design.links[1].capacity_kbps, doc.design.sites[2].name) == (1024, "Branch 2")


def test_escape_in_an_open_list_or_on_a_check_box_makes_no_edit(window, qtbot):
    doc = window.document
    l2 = _editor(window, ("link-3",), "Link", "l2").widget
    l2.setFocus()
    l2.showPopup()
    _key(l2.view(), Qt.Key.Key_Down)
    _key(l2.view(), Qt.Key.Key_Escape)
    assert doc.design.links[2].l2 == "ppp"
    box = _editor(window, ("br-1",), "Security", "firewall").widget
    box.setFocus()
    _key(box, Qt.Key.Key_Escape)
    assert doc.undo_stack.count() == 0


# -- the calculator after the analysis of an edited design failed ---------------------------------------------

@pytest.fixture
def failing(window, analysis_fails):
    """The sample window, analysed; every analysis after this fails."""
    return window


def test_the_calculator_does_not_follow_the_recommendation_of_another_design(failing):
    calc, doc = failing.calculator, failing.document
    assert doc.design.vpn.technology == "recommend" and calc.follow.isChecked()
    assert calc.source.text().startswith("Showing the design's voice and VPN settings")
    doc.push(SetFields("br-1", {"users": 4000}))
    failing.analysis.run_now()
    text = calc.source.text()
    assert not text.startswith("Showing")  # still "Showing the design's voice and VPN settings (<earlier choice>)"
    assert "Cannot follow the design" in text and "the analysis of the design as it is now failed" in text
    doc.undo()  # back to the design the results are the analysis of: followed again
    assert calc.source.text().startswith("Showing the design's voice and VPN settings")


def test_the_calculator_follows_a_technology_the_design_names_after_a_failed_analysis(failing):
    calc, doc = failing.calculator, failing.document
    chosen = doc.results.recommendation.chosen
    assert chosen != "dmvpn"
    doc.select(("link-2",))
    doc.push(SetFields("design.vpn", {"technology": "dmvpn"}))
    failing.analysis.run_now()
    assert calc.spec().vpn == "dmvpn"  # was the earlier recommendation, read from the link's results
    assert calc.source.text() == "Showing link 'Branch 1 – MPLS VPN' (DMVPN)."
    # A cloud's own technology counts on its links: GET VPN on the MPLS cloud (traffic.link_technologies).
    doc.push(SetFields("mpls", {"technology": "getvpn"}))
    failing.analysis.run_now()
    assert calc.spec().vpn == "getvpn"


# -- typing figures ---------------------------------------------------------------------------------------------

def _entered(qtbot, widget, text: str) -> None:
    """Select what the box shows, put `text` in its place (typed, or pasted where it is not ASCII), press Enter."""
    widget.setFocus()
    line = widget.lineEdit()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        line.insert(text)  # a paste: what Qt's key simulation cannot type
    _key(widget, Qt.Key.Key_Return)


@pytest.mark.parametrize(("section", "ids", "name", "typed", "said"), [
    ("Link", ("link-2",), "rtt_ms", "1,5",
     "Round-trip time: “1,5 ms” is not taken; a comma only separates thousands (1,000); write decimals with a point "
     "(1.5). It stays 20.0 ms."),
    ("Link", ("link-2",), "capacity_kbps", "1,5",
     "Capacity: “1,5 kbps” is not taken; a comma only separates thousands (1,000); write decimals with a point "
     "(1.5). It stays 1,024 kbps."),
    ("Site", ("br-1",), "users", "1,0,0",
     # the second comma is a key the box drops: the refusal quotes the text it would have made
     "Users: “1,0, users” cannot be typed here; a comma only separates thousands (1,000). It stays 40 users."),
])
def test_a_decimal_comma_is_refused_saying_why(window, qtbot, section, ids, name, typed, said):
    doc = window.document
    before = doc.design
    editor = _editor(window, ids, section, name)
    _entered(qtbot, editor.widget, typed)
    assert doc.design == before  # was 15 ms, 15 kbps, 100 users
    assert doc.undo_stack.count() == 0
    assert window.inspector.message.isVisibleTo(window.inspector)
    assert window.inspector.message.text() == said


def test_thousands_still_group_with_commas(window, qtbot):
    doc = window.document
    _entered(qtbot, _editor(window, ("br-1",), "Site", "users").widget, "1,000")
    _entered(qtbot, _editor(window, ("link-2",), "Link", "rtt_ms").widget, "1,234.5")
    assert (doc.design.sites[1].users, doc.design.links[1].rtt_ms) == (1000, 1234.5)


@pytest.mark.parametrize("typed", ["\u0661\u0660\u0660\u0660", "\uff11\uff10\uff10\uff10", "1\u00a0000",
                                   "1\u202f000"])
def test_other_digits_and_grouping_spaces_are_read(window, qtbot, typed):
    doc = window.document
    users = _editor(window, ("br-1",), "Site", "users").widget
    _entered(qtbot, users, typed)
    assert doc.design.sites[1].users == 1000  # was refused without a word: 40 users stayed
    assert users.text() == "1,000 users"
    doc.undo()
    assert doc.design.sites[1].users == 40
    doc.redo()
    assert doc.design.sites[1].users == 1000


@pytest.mark.parametrize(("section", "ids", "name", "typed", "said"), [
    # each key the box cannot take was dropped without a word, and Enter took what was left: 53 kbps, 5 kbps,
    # 15 users (the '.' dropped from "1.5")
    ("Link", ("link-2",), "capacity_kbps", "5e3",
     "Capacity: “5e kbps” cannot be typed here; it must be ≥ 1 and ≤ 1,000,000,000. It stays 1,024 kbps."),
    ("Link", ("link-2",), "capacity_kbps", "-5", None),
    ("Site", ("br-1",), "users", "1.5", None),
])
def test_a_key_the_box_drops_refuses_the_entry_saying_so(window, qtbot, section, ids, name, typed, said):
    doc = window.document
    before = doc.design
    editor = _editor(window, ids, section, name)
    shown = editor.widget.text()
    _entered(qtbot, editor.widget, typed)
    assert doc.design == before and doc.undo_stack.count() == 0  # was 53 kbps, 5 kbps, 15 users
    assert editor.widget.text() == shown
    message = window.inspector.message.text()
    assert window.inspector.message.isVisibleTo(window.inspector) and "cannot be typed here" in message
    if said is not None:
        assert message == said


def test_figures_the_box_takes_whole_are_still_entered(window, qtbot):
    doc = window.document
    _entered(qtbot, _editor(window, ("link-2",), "Link", "capacity_kbps").widget, "2048")
    _entered(qtbot, _editor(window, ("br-1",), "Site", "users").widget, "55")
    assert (doc.design.links[1].capacity_kbps, doc.design.sites[1].users) == (2048, 55)
    assert doc.undo_stack.count() == 2
