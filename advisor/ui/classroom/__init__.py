"""The classroom in the app: the Explain pane that follows the selection, the VPN comparison table and quiz mode.
`install(window)` adds its docks and menu entries to the main window."""

from __future__ import annotations


def install(win) -> None:
    """Add the classroom docks and menu entries to `win` (an `advisor.ui.main_window.MainWindow`); the
    `Classroom` that owns them is `win.classroom`."""
    from advisor.ui.classroom.controller import Classroom

    win.classroom = Classroom(win)
