"""The canvas actions (with platform-standard shortcuts) and its context menus for items and empty canvas.

The window puts the same QAction objects in its menus and toolbar, so each shortcut exists exactly once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from advisor.commands import KIND_NAMES
from advisor.ui.canvas import layout, shapes
from advisor.ui.canvas.items import NodeItem
from advisor.ui.rich_text import menu_words

if TYPE_CHECKING:
    from advisor.ui.canvas.view import CanvasView

SK = QKeySequence.StandardKey
ALIGN = (("left", "Align &Left"), ("hcenter", "Align &Centres Vertically"), ("right", "Align &Right"),
         ("top", "Align &Top"), ("vcenter", "Align Centres H&orizontally"), ("bottom", "Align &Bottom"))


def _action(view: CanvasView, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
    action = QAction(text, view)
    if shortcut is not None:
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        else:
            action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    tip = tip or menu_words(text)  # the entry's words, without the mark of its menu key ("Zoom &In")
    action.setStatusTip(tip)
    action.setToolTip(f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                      if shortcut is not None else tip)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    return action


def _set_snap(view: CanvasView, on: bool) -> None:
    view.snap_to_grid = on


def build_actions(view: CanvasView) -> dict[str, QAction]:
    """Name → action. Names are stable: the window looks them up with ``view.action(name)``."""
    actions = {
        "delete": _action(view, "&Delete", view.delete_selected, SK.Delete, "Delete the selection and its links"),
        "cut": _action(view, "Cu&t", view.cut, SK.Cut, "Copy the selected sites and clouds, then delete the selection"),
        "copy": _action(view, "&Copy", view.copy, SK.Copy, "Copy the selected sites and clouds"),
        "paste": _action(view, "&Paste", view.paste, SK.Paste, "Paste sites and clouds"),
        "duplicate": _action(view, "D&uplicate", view.duplicate, "Ctrl+D", "Duplicate the selection"),
        "select_all": _action(view, "Select &All", view.select_all, SK.SelectAll),
        "zoom_in": _action(view, "Zoom &In", view.zoom_in, SK.ZoomIn),
        "zoom_out": _action(view, "Zoom &Out", view.zoom_out, SK.ZoomOut),
        "fit": _action(view, "&Fit to Window", view.fit_all, "Ctrl+0", "Show the whole design"),
        "connect": _action(view, "&Connect", lambda on: view.message.emit(
            "Connect: drag from one site or cloud to another (Esc leaves)" if on else ""), "C",
            "Connect sites and clouds: drag from one to another to add a link (Ctrl-drag works any time)",
            checkable=True),
        "snap": _action(view, "&Snap to Grid", lambda on: _set_snap(view, on), "Ctrl+Shift+G",
                        "Snap dropped and moved nodes to the grid", checkable=True),
        "layout_radial": _action(view, "&Radial Layout", lambda: view.auto_layout("radial"), None,
                                 "Hub-and-spoke: the best-connected site or cloud in the centre (on a chain or a "
                                 "ring, the middle site), each ring one link further out"),
        "layout_force": _action(view, "F&orce Layout", lambda: view.auto_layout("force"), None,
                                f"Force-directed layout, up to {layout.FORCE_MAX_NODES:,} sites and clouds (a larger "
                                "design is laid out radially)"),
    }
    for how, text in ALIGN:
        actions[f"align_{how}"] = _action(view, text, lambda h=how: view.align(h))
    actions["distribute_horizontal"] = _action(view, "Distribute &Horizontally",
                                               lambda: view.distribute("horizontal"))
    actions["distribute_vertical"] = _action(view, "Distribute &Vertically", lambda: view.distribute("vertical"))
    # Backspace deletes too (macOS keyboards have no Delete key).
    actions["delete"].setShortcuts([*actions["delete"].shortcuts(), QKeySequence("Backspace")])
    # Ctrl+= zooms in too, as in browsers and draw.io: "+" is a shifted key on most keyboards, and Ctrl with the
    # key that bears it did nothing
    if QKeySequence("Ctrl+=") not in actions["zoom_in"].shortcuts():
        actions["zoom_in"].setShortcuts([*actions["zoom_in"].shortcuts(), QKeySequence("Ctrl+=")])
    for name, action in actions.items():
        action.setObjectName(name)  # the window finds them by name for its menus and toolbar
    return actions


def item_menu(view: CanvasView, item) -> QMenu:
    menu = QMenu(view)
    is_node = isinstance(item, NodeItem)
    menu.addAction(view.action("delete"))
    if is_node:
        menu.addAction(view.action("duplicate"))
        menu.addAction(view.action("cut"))
        menu.addAction(view.action("copy"))
        connect = menu.addAction("C&onnect to…")
        connect.triggered.connect(lambda _=False, i=item.item_id: view.start_connect_from(i))
    menu.addSeparator()
    props = menu.addAction("&Properties")
    props.triggered.connect(lambda _=False, i=item.item_id: view.propertiesRequested.emit(i))
    if is_node and len(view.selected_node_ids()) > 1:
        align = menu.addMenu("&Align")
        for how, _text in ALIGN:
            align.addAction(view.action(f"align_{how}"))
        align.addSeparator()
        align.addAction(view.action("distribute_horizontal"))
        align.addAction(view.action("distribute_vertical"))
    extras = getattr(view, "item_menu_extras", ())
    if extras:
        menu.addSeparator()
        for extra in extras:  # other panels' entries for this item, e.g. "Configuration Sketch" for a site
            extra(menu, item.item_id)
    return menu


def canvas_menu(view: CanvasView, scene_pos: QPointF) -> QMenu:
    menu = QMenu(view)
    add = menu.addMenu("Add &Site Here")
    theme = view.scene().theme
    for kind in ("hq", "branch", "datacenter", None, "mpls", "internet", "private-wan"):
        if kind is None:
            add.addSeparator()
            continue
        action = add.addAction(shapes.kind_icon(kind, theme, 20), KIND_NAMES[kind])
        action.triggered.connect(lambda _=False, k=kind: view.add_node(k, QPointF(scene_pos)))
    menu.addAction(view.action("paste"))
    menu.addSeparator()
    menu.addAction(view.action("fit"))
    lay = menu.addMenu("&Layout")
    lay.addAction(view.action("layout_radial"))
    lay.addAction(view.action("layout_force"))
    menu.addAction(view.action("snap"))
    menu.addAction(view.action("select_all"))
    return menu
