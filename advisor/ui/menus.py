"""Menus and the toolbar of the main window: File, Edit, View, Design, Help, with standard shortcuts.

Canvas actions come from the canvas itself (``CanvasView.actions()``); the rest call window methods.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from advisor.ui import appearance


def _native(key) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def _add(menu: QMenu, text: str, slot: Callable, key=None, tip: str = "", enabled: bool = True,
         theme_icon: QIcon.ThemeIcon | None = None) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _=False: slot())
    if key is not None:
        action.setShortcut(QKeySequence(key))
    if theme_icon is not None:
        action.setIcon(QIcon.fromTheme(theme_icon))
    tip = tip or text.replace("&", "").rstrip("…")
    action.setToolTip(f"{tip} ({_native(key)})" if key is not None and _native(key) else tip)
    action.setStatusTip(tip)
    action.setEnabled(enabled)
    return action


def build_menus(win) -> dict[str, QAction]:
    """Build the menu bar and toolbar of ``win`` (a MainWindow); returns the actions by name for tests."""
    actions: dict[str, QAction] = {}
    bar = win.menuBar()
    files, canvas, doc = win.files, win.canvas, win.document

    # -- File ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&File")
    m.setToolTipsVisible(True)
    for name, action in (("new", files.new_action), ("open", files.open_action)):
        m.addAction(action)
        actions[name] = action
    m.addMenu(files.recent_menu)
    m.addMenu(files.examples_menu)
    m.addSeparator()
    for name, action in (("save", files.save_action), ("save-as", files.save_as_action)):
        m.addAction(action)
        actions[name] = action
    m.addSeparator()
    # The PDF export is another module (it pulls in reportlab); offer it only when it is installed.
    has_export = importlib.util.find_spec("advisor.ui.export") is not None
    actions["export-pdf"] = _add(m, "Export &PDF…", lambda: _export_pdf(win), "Ctrl+P",
                                 "Write the design document (PDF) for the customer", enabled=has_export)
    m.addSeparator()
    actions["quit"] = _add(m, "&Quit", win.close, QKeySequence.StandardKey.Quit, "Close the window")

    # -- Edit ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&Edit")
    m.setToolTipsVisible(True)
    undo = doc.undo_stack.createUndoAction(win, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setToolTip(f"Undo the last edit ({_native(QKeySequence.StandardKey.Undo)})")
    redo = doc.undo_stack.createRedoAction(win, "&Redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)
    redo.setToolTip(f"Redo the edit undone last ({_native(QKeySequence.StandardKey.Redo)})")
    m.addAction(undo)
    m.addAction(redo)
    actions["undo"], actions["redo"] = undo, redo
    canvas_actions = canvas.actions() if hasattr(canvas, "actions") else []
    if canvas_actions:
        m.addSeparator()
        for action in canvas_actions:
            m.addAction(action)
            actions[f"canvas-{action.objectName() or action.text()}"] = action

    # -- View ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&View")
    m.setToolTipsVisible(True)
    for name, dock in win.docks.items():
        toggle = dock.toggleViewAction()
        m.addAction(toggle)
        actions[f"dock-{name}"] = toggle
    m.addSeparator()
    has = hasattr
    actions["zoom-in"] = _add(m, "Zoom &In", lambda: canvas.zoom_in(), QKeySequence.StandardKey.ZoomIn,
                              enabled=has(canvas, "zoom_in"))
    actions["zoom-out"] = _add(m, "Zoom &Out", lambda: canvas.zoom_out(), QKeySequence.StandardKey.ZoomOut,
                               enabled=has(canvas, "zoom_out"))
    actions["fit"] = _add(m, "&Fit to Window", lambda: canvas.fit_all(), "Ctrl+0",
                          "Show the whole design", enabled=has(canvas, "fit_all"))
    layout = m.addMenu("Auto &Layout")
    layout.setToolTipsVisible(True)
    actions["layout-radial"] = _add(layout, "&Radial (hub and spoke)", lambda: canvas.auto_layout("radial"),
                                    tip="Place the hub in the middle and the sites around it",
                                    enabled=has(canvas, "auto_layout"))
    actions["layout-force"] = _add(layout, "&Force-directed", lambda: canvas.auto_layout("force"),
                                   tip="Spread the nodes so links are short and nothing overlaps",
                                   enabled=has(canvas, "auto_layout"))
    snap = m.addAction("&Snap to Grid")
    snap.setCheckable(True)
    snap.setChecked(bool(getattr(canvas, "snap_to_grid", False)))
    snap.setEnabled(has(canvas, "snap_to_grid"))
    snap.setToolTip("Dragged sites and clouds snap to the grid")
    snap.toggled.connect(lambda on: setattr(canvas, "snap_to_grid", on))
    actions["snap"] = snap
    theme_menu = m.addMenu("&Theme")
    group = QActionGroup(win)
    labels = {"system": "Follow the &System", "light": "&Light", "dark": "&Dark"}
    for mode in appearance.MODES:
        action = theme_menu.addAction(labels[mode])
        action.setCheckable(True)
        action.setChecked(win.theme_mode == mode)
        action.triggered.connect(lambda _=False, md=mode: win.set_theme(md))
        group.addAction(action)
        actions[f"theme-{mode}"] = action

    # -- Design -------------------------------------------------------------------------------------------------
    m = bar.addMenu("&Design")
    m.setToolTipsVisible(True)
    actions["properties"] = _add(m, "Design &Properties", win.show_design_properties, "Ctrl+Shift+D",
                                 "Edit the design's name, voice, VPN and traffic policies in the inspector")
    actions["analyse"] = _add(m, "&Analyse Now", win.analysis.run_now, QKeySequence.StandardKey.Refresh,
                              "Recompute sizing, recommendation and findings now")
    actions["calc-from-design"] = _add(m, "Per-call &Calculator from Design", lambda: _calc_from_design(win),
                                       tip="Load the design's codec and VPN settings into the calculator")

    # -- Help ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&Help")
    actions["about"] = _add(m, "&About UC Design Advisor", win.about)
    actions["about-qt"] = _add(m, "About &Qt", _about_qt)

    # -- Toolbar ------------------------------------------------------------------------------------------------
    tools = QToolBar("Main toolbar", win)
    tools.setObjectName("toolbar-main")
    tools.setMovable(False)
    for name in ("new", "open", "save", None, "undo", "redo", None, "zoom-in", "zoom-out", "fit", None,
                 "layout-radial", "analyse"):
        if name is None:
            tools.addSeparator()
        else:
            tools.addAction(actions[name])
    win.addToolBar(tools)
    return actions


def _export_pdf(win) -> None:
    from advisor.ui.export import export_pdf  # lazily: reportlab stays off the start-up path

    export_pdf(win)


def _calc_from_design(win) -> None:
    win.calculator.load_design()
    win.docks["calculator"].show()
    win.docks["calculator"].raise_()


def _about_qt() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.aboutQt()
