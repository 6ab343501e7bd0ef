"""The bid workflow in the app: File ▸ Import sites…, the scenario table, the bill of materials, configuration
sketches and spreadsheet exports. `install(window)` adds its docks and menu entries to the main window."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu

from advisor.ui import visibility

DOCKS = (  # name, title, tooltip
    ("scenarios", "Scenarios", "Options side by side: bandwidth, load, findings, tunnels and hardware per option"),
    ("bom", "Bill of materials", "The hardware and trunks the design needs, each line with its reason and source"),
    ("configuration", "Configuration", "Per-site IOS XE configuration sketches carrying the design's figures"),
)


@dataclass
class BidPanels:
    scenarios: object
    bom: object
    config: object


def install(win) -> None:
    """Add the bid docks and menu entries to `win` (an `advisor.ui.main_window.MainWindow`)."""
    from advisor.ui.bid.bom_dock import BomPanel
    from advisor.ui.bid.config_view import ConfigPanel
    from advisor.ui.bid.scenarios_dock import ScenariosPanel

    doc = win.document
    win.bid = BidPanels(ScenariosPanel(doc), BomPanel(doc), ConfigPanel(doc))
    # their exports take a figure typed in the Inspector and not confirmed, then write the design analysed with it
    win.bid.bom.before_export = win.bid.config.before_export = win.commit_pending_analysed
    # the sketches show as many VPN hub routers as the bill of materials counts (its "VPN hubs")
    win.bid.config.set_hubs(win.bid.bom.hubs.value())
    win.bid.bom.hubs.valueChanged.connect(win.bid.config.set_hubs)
    # and the option table's hardware rows count as the bill does (its PSTN interface and VPN hubs)
    win.bid.scenarios.set_bom_options(win.bid.bom.options())
    win.bid.bom.hubs.valueChanged.connect(lambda _v: win.bid.scenarios.set_bom_options(win.bid.bom.options()))
    win.bid.bom.pstn.currentIndexChanged.connect(lambda _i: win.bid.scenarios.set_bom_options(win.bid.bom.options()))
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    for (name, title, tip), panel in zip(DOCKS, (win.bid.scenarios, win.bid.bom, win.bid.config), strict=True):
        win._dock(name, title, panel, bottom, tip)
        win.tabifyDockWidget(win.docks["links"], win.docks[name])
        visibility.follow(win.docks[name], panel)
    win.docks["links"].raise_()
    _menus(win)
    _site_menu(win)
    # The worker threads stop once the window's close is accepted: no answer arrives in a deleted dock.
    win.close_hooks += [win.bid.scenarios.stop, win.bid.config.stop]


def _action(win, name: str, text: str, slot, tip: str, key: str | None = None) -> QAction:
    action = QAction(text, win)
    action.setObjectName(name)
    if key:
        action.setShortcut(QKeySequence(key))
        shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shown})")
    else:
        action.setToolTip(tip)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _=False: slot())
    win.actions_by_name[name] = action
    return action


def _menu(win, title: str) -> QMenu | None:
    for action in win.menuBar().actions():
        if action.text().replace("&", "") == title and action.menu() is not None:
            return action.menu()
    return None


def _menus(win) -> None:
    file_menu = _menu(win, "File")
    pdf = win.actions_by_name.get("export-pdf")
    entries = [
        _action(win, "import-sites", "&Import Sites…", lambda: import_sites(win),
                "Import a customer's site list (CSV or XLSX) as a new design", "Ctrl+Shift+I"),
        None,
        _action(win, "export-tables", "Export &Tables…", lambda: _export_tables(win),
                "Write the link sizing, sites, findings, bill of materials and options compared to a workbook "
                "(XLSX) or one of them to CSV"),
        _action(win, "export-plots", "Export P&lots…", lambda: _export_plots(win),
                "Write the link plots (utilization per link, Erlang B curve) as PNG or SVG images"),
    ]
    if file_menu is not None:
        for entry in entries:
            if entry is None:
                file_menu.insertSeparator(pdf)  # pdf None: appended
            else:
                file_menu.insertAction(pdf, entry)
    view = _menu(win, "View")
    if view is not None:
        first_separator = next((a for a in view.actions() if a.isSeparator()), None)
        for name, _title, _tip in DOCKS:
            toggle = win.docks[name].toggleViewAction()
            view.insertAction(first_separator, toggle)  # None: appended
            win.actions_by_name[f"dock-{name}"] = toggle
    design = _menu(win, "Design")
    if design is not None:
        design.addSeparator()
        design.addAction(_action(win, "scenario-add", "Add &Scenario…", lambda: _add_scenario(win),
                                 "Add an option to compare: a codec, a VPN technology, a grade of service …"))
        design.addAction(_action(win, "config-sketch", "Configuration S&ketch", lambda: show_config(win),
                                 "Show the IOS XE configuration sketch of the selected site (or the first)"))


def _site_menu(win) -> None:
    """A site's right-click menu offers its configuration sketch."""
    sites = lambda: {s.id for s in win.document.design.sites}  # noqa: E731 - read at menu time

    def extra(menu: QMenu, item_id: str) -> None:
        if item_id in sites():
            action = menu.addAction("Configuration S&ketch")
            action.triggered.connect(lambda _=False: _config_for(win, item_id))
            # as Design ▸ Configuration Sketch: a quiz disables it while the sketch would show hidden figures
            action.setEnabled(win.actions_by_name["config-sketch"].isEnabled())

    extras = getattr(win.canvas, "item_menu_extras", None)
    if extras is None:
        extras = win.canvas.item_menu_extras = []
    extras.append(extra)


def _config_for(win, site_id: str) -> None:
    if not win.actions_by_name["config-sketch"].isEnabled():
        return  # a quiz keeps the sketch closed
    show_dock(win, "configuration")
    win.bid.config.show_site(site_id)


def show_dock(win, name: str) -> None:
    win.docks[name].show()
    win.docks[name].raise_()


def show_config(win) -> None:
    """The Configuration dock, on the selected site when one site is selected."""
    show_dock(win, "configuration")
    sites = {s.id for s in win.document.design.sites}
    chosen = [i for i in win.document.selected if i in sites]
    if chosen:
        win.bid.config.show_site(chosen[0])


def _add_scenario(win) -> None:
    show_dock(win, "scenarios")
    win.bid.scenarios.add()


def import_sites(win, path: str | Path | None = None) -> bool:
    """File ▸ Import sites…: choose a site list, map it, and open it as a new unsaved design. True when imported."""
    from advisor.ui.bid.import_dialog import choose_file, open_dialog, open_imported
    from advisor.ui.bid.save_dialogs import folder_and_stem

    if path is None:
        path = choose_file(win, folder_and_stem(win.document)[0])
        if path is None:
            return False
    dialog = open_dialog(win, Path(path))
    if dialog is None or dialog.exec() != QDialog.DialogCode.Accepted or dialog.imported is None:
        return False
    open_imported(win, dialog.imported, Path(path))
    return True


def _export_tables(win) -> None:
    from advisor.ui.bid.exports import export_tables

    export_tables(win)


def _export_plots(win) -> None:
    from advisor.ui.bid.exports import export_plots

    export_plots(win)
