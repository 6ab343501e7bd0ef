"""Round 49, the desktop app driven offscreen: mixed selections in the Inspector, long undo histories, the design's
file replaced by something that is no file.

- Sites, clouds and links selected together left the Inspector blank under its title, with no word of why nothing
  could be edited nor how to edit them. It now names what is selected and says how to edit items together.
- The file watch (new this round) read the design's file to tell another program's change from the app's own save:
  a named pipe put in the file's place would have blocked the window for good on that read. Files that are not
  regular, or too large to be a design, are told apart by their identity alone and never read
  (tests/ui/test_file_changed_on_disk.py).
- The window's teardown: the undo stack says "clean" as it is deleted, and the file watch's reaction reached the
  deleted stack (an error printed at every quit). It now checks first.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from advisor import commands


def test_sites_clouds_and_links_selected_together_say_how_to_edit_them(window):
    window.document.select(("link-1", "mpls", "hq", "br-1"))
    inspector = window.inspector
    assert inspector.title.text() == "4 items of different kinds selected"
    hint = inspector.findChild(QLabel, "inspector-mixed-kinds")
    assert hint is not None and hint.isVisibleTo(inspector)
    assert hint.text().startswith("Selected: 2 sites, 1 WAN cloud and 1 link.")
    assert "select items of one kind to edit them together" in hint.text()
    window.document.select(("hq", "br-1"))  # one kind: the form, no hint
    assert inspector.findChild(QLabel, "inspector-mixed-kinds") is None
    assert inspector._groups


def test_a_thousand_edits_undo_and_redo_through_the_menu_exactly(window):
    document = window.document
    original = document.design
    sites = [s.id for s in original.sites]
    for i in range(1000):  # alternating kinds: none merges with the one before
        if i % 2:
            document.push(commands.MoveNodes({sites[i % 3]: (float(i), float(-i))}))
        else:
            document.push(commands.SetFields(sites[i % 3], {"users": 10 + i}))
    final = document.design
    assert document.undo_stack.count() == 1000
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    while undo.isEnabled():
        undo.trigger()
    assert document.design == original and not document.modified
    while redo.isEnabled():
        redo.trigger()
    assert document.design == final
