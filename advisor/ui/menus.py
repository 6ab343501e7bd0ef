"""Menus and the toolbar of the main window: File, Edit, View, Design, Help, with standard shortcuts.

Canvas actions come from the canvas itself (``CanvasView.actions()``), each in one menu; the rest call window methods.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QIcon, QKeySequence, QPalette
from PySide6.QtWidgets import QMenu, QToolBar

from advisor.ui import appearance
from advisor.ui.icons import action_icon
from advisor.ui.rich_text import menu_text, menu_words

SHORTCUTS_KEY = "F1"  # Help ▸ Keyboard Shortcuts: the help key of every platform, free in the menus
NAME = "shortcut_name"  # an action's property: its words in Help ▸ Keyboard Shortcuts where its text changes


class _EntryText(QObject):
    """Keeps an Undo or Redo action's text as written: "Undo Delete R&D", not "Undo Delete RD" with a shortcut on
    the D. A child of the action, so its connection ends with it."""

    def __init__(self, action: QAction, verb: str, text_changed, text: str):
        super().__init__(action)
        self.action, self.verb = action, verb
        text_changed.connect(self.show)  # after the action's own connection, which sets the text unescaped
        self.show(text)

    def show(self, what: str) -> None:
        if shiboken6.isValid(self.action):  # the stack clears as the window goes, the action being deleted already
            self.action.setText(f"{self.verb} {menu_text(what)}" if what else self.verb)


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
    tip = tip or menu_words(text).rstrip("…")
    action.setToolTip(f"{tip} ({_native(key)})" if key is not None and _native(key) else tip)
    action.setStatusTip(tip)
    action.setEnabled(enabled)
    return action


def quit_key() -> QKeySequence.StandardKey | str:
    """The platform's Quit key, else Ctrl+Q: the standard key is none on some platforms (Windows, offscreen), where
    File ▸ Quit had no key at all."""
    standard = QKeySequence.StandardKey.Quit
    return standard if any(not k.isEmpty() for k in QKeySequence.keyBindings(standard)) else "Ctrl+Q"


def also(action: QAction, *keys: str) -> None:
    """Give `action` the keys other programs use for it too, after its platform's own (none twice)."""
    have = action.shortcuts()
    action.setShortcuts([*have, *(k for k in map(QKeySequence, keys) if k not in have)])


def _history_action(win, text: str, key, tip: str, slot: Callable, can_changed, can: bool) -> QAction:
    action = QAction(text, win)
    action.setProperty(NAME, menu_words(text))  # its words in Help ▸ Keyboard Shortcuts, whatever it undoes
    action.setShortcuts(key)  # every binding of the platform's, not its first alone
    action.setToolTip(f"{tip} ({_native(key)})")
    action.setStatusTip(tip)
    action.setEnabled(can)
    can_changed.connect(action.setEnabled)
    action.triggered.connect(lambda _=False: slot())
    return action


def _redo(win) -> None:
    if not win.document.redo():
        win.statusBar().showMessage("The value typed in the Inspector was kept as a new edit, so there is nothing left "
                                    "to redo", 8000)


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
    if hasattr(win, "file_watch"):
        m.addAction(win.file_watch.revert_action)
        actions["revert"] = win.file_watch.revert_action
    m.addSeparator()
    # The PDF export is another module (it pulls in reportlab); offer it only when it is installed.
    has_export = importlib.util.find_spec("advisor.ui.export") is not None
    actions["export-pdf"] = _add(m, "Export &PDF…", lambda: _export_pdf(win), "Ctrl+P",
                                 "Write the design document (PDF) for the customer", enabled=has_export)
    m.addSeparator()
    actions["quit"] = _add(m, "&Quit", win.close, quit_key(), "Close the window")

    # -- Edit ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&Edit")
    m.setToolTipsVisible(True)
    # Not the stack's own actions (createUndoAction): these take what is typed in the Inspector and not confirmed
    # first (advisor.ui.document.Document.undo, .redo), where the stack's would drop it.
    undo = _history_action(win, "&Undo", QKeySequence.StandardKey.Undo, "Undo the last edit", doc.undo,
                           doc.undo_stack.canUndoChanged, doc.undo_stack.canUndo())
    redo = _history_action(win, "&Redo", QKeySequence.StandardKey.Redo, "Redo the edit undone last",
                           lambda: _redo(win), doc.undo_stack.canRedoChanged, doc.undo_stack.canRedo())
    # The texts name what an entry changed, by the names in the design ("Delete R&D"): shown as written.
    # Redo as draw.io and most editors take it on every platform: the standard key is Ctrl+Y alone on Windows
    also(redo, "Ctrl+Shift+Z")
    _EntryText(undo, "&Undo", doc.undo_stack.undoTextChanged, doc.undo_stack.undoText())
    _EntryText(redo, "&Redo", doc.undo_stack.redoTextChanged, doc.undo_stack.redoText())
    m.addAction(undo)
    m.addAction(redo)
    actions["undo"], actions["redo"] = undo, redo
    # The canvas owns its actions; each appears once in the menus (two actions with one shortcut would make the
    # shortcut ambiguous, and Qt would then run neither).
    c = {a.objectName(): a for a in canvas.actions()} if hasattr(canvas, "actions") else {}
    for name, action in c.items():
        actions[f"canvas-{name}"] = action
    if c:
        m.addSeparator()
        for name in ("delete", "cut", "copy", "paste", "duplicate", "select_all"):
            m.addAction(c[name])
        m.addSeparator()
        m.addAction(c["connect"])
        arrange = m.addMenu("&Arrange")
        arrange.setToolTipsVisible(True)
        for name in (n for n in c if n.startswith(("align_", "distribute_"))):
            arrange.addAction(c[name])

    # -- View ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&View")
    m.setToolTipsVisible(True)
    for name, dock in win.docks.items():
        toggle = dock.toggleViewAction()
        m.addAction(toggle)
        actions[f"dock-{name}"] = toggle
    m.addSeparator()
    for key, name in (("zoom-in", "zoom_in"), ("zoom-out", "zoom_out"), ("fit", "fit")):
        if name in c:
            m.addAction(c[name])
            actions[key] = c[name]
    layout = m.addMenu("Auto &Layout")
    layout.setToolTipsVisible(True)
    for key, name in (("layout-radial", "layout_radial"), ("layout-force", "layout_force")):
        if name in c:
            layout.addAction(c[name])
            actions[key] = c[name]
    if "snap" in c:
        m.addAction(c["snap"])
        actions["snap"] = c["snap"]
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
                                 "Edit the design's name, voice codec, VPN and traffic policies in the inspector")
    # Analysis is live (it follows every edit); this stays in the menu for the rare "run it again" after an error,
    # and off the toolbar, where it would suggest that results need a button press.
    actions["analyse"] = _add(m, "Re-run &Analysis", win.analysis.run_now, QKeySequence.StandardKey.Refresh,
                              "Results update after every edit; this recomputes them once more now")
    actions["calc-from-design"] = _add(m, "Per-call &Calculator from Design", lambda: _calc_from_design(win),
                                       tip="Show the per-call calculator following the design's codec and VPN "
                                           "(or the selected link's) again")

    # -- Help ---------------------------------------------------------------------------------------------------
    m = bar.addMenu("&Help")
    actions["shortcuts"] = _add(m, "&Keyboard Shortcuts…", lambda: _shortcuts(win), SHORTCUTS_KEY,
                                "List the keys of the menus and the canvas")
    m.addSeparator()
    actions["about"] = _add(m, "&About UC Design Advisor", win.about)
    actions["about-qt"] = _add(m, "About &Qt", _about_qt)

    # -- Toolbar ------------------------------------------------------------------------------------------------
    tools = QToolBar("Main toolbar", win)
    tools.setObjectName("toolbar-main")
    tools.setMovable(False)
    tools.setIconSize(QSize(22, 22))
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    for name in TOOLBAR:
        if name is None:
            tools.addSeparator()
        elif name in actions:
            tools.addAction(actions[name])
    # The one gesture a new user cannot guess gets its word on the toolbar, not only an icon.
    for name in ("canvas-connect", "export-pdf"):
        button = tools.widgetForAction(actions[name]) if name in actions else None
        if button is not None:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    win.addToolBar(tools)
    win.toolbar = tools
    tint_icons(actions, QGuiApplication.palette().color(QPalette.ColorRole.WindowText))
    return actions


# Toolbar order; None is a separator.
TOOLBAR = ("new", "open", "save", None, "undo", "redo", None, "canvas-connect", "canvas-delete", None,
           "zoom-in", "zoom-out", "fit", "layout-radial", None, "export-pdf")
# Action name -> resources/icons/action-<icon>.svg
ICONS = {"new": "new", "open": "open", "save": "save", "undo": "undo", "redo": "redo", "canvas-connect": "connect",
         "canvas-delete": "delete", "zoom-in": "zoom-in", "zoom-out": "zoom-out", "fit": "fit",
         "layout-radial": "layout", "export-pdf": "pdf", "analyse": "analyse", "properties": "properties"}


def tint_icons(actions: dict[str, QAction], colour: QColor) -> None:
    """(Re)draw the line icons in the palette's text colour: called on build and on each light/dark switch."""
    for name, icon_name in ICONS.items():
        if name in actions:
            actions[name].setIcon(action_icon(icon_name, colour))


def _export_pdf(win) -> None:
    from advisor.ui.export import export_pdf  # lazily: reportlab stays off the start-up path

    export_pdf(win)


def _calc_from_design(win) -> None:
    win.calculator.load_design()
    win.docks["calculator"].show()
    win.docks["calculator"].raise_()


def _shortcuts(win) -> None:
    from advisor.ui.shortcuts_dialog import show_shortcuts  # lazily: off the start-up path

    show_shortcuts(win)


def _about_qt() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.aboutQt()
