"""The status bar keeps every message on its one line: a file name with a line break (legal on Linux) or control
characters is shown with ⏎ for the break, never as two lines cut by the bar."""

from __future__ import annotations

from advisor.ui.rich_text import status_text


def test_line_breaks_show_as_a_mark_and_controls_are_left_out():
    assert status_text("Wrote ok\nname.pdf (3 KB)") == "Wrote ok⏎name.pdf (3 KB)"
    assert status_text("a\r\nb\u2028c\x85d") == "a⏎b⏎c⏎d"
    assert status_text("bell\x07 esc\x1b[2J tab\there\u202e") == "bell esc[2J tab here"
    assert status_text("Saved HQ – London.json") == "Saved HQ – London.json"


def test_the_windows_status_bar_shows_one_line(window):
    bar = window.statusBar()
    bar.showMessage("Wrote ok\nname.pdf (3 KB)", 1000)
    assert bar.currentMessage() == "Wrote ok⏎name.pdf (3 KB)"
