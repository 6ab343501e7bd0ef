"""The main window: the canvas in the centre; palette, inspector, findings, calculator and link table in docks.

The window wires things together and owns no design state: the Document holds it, the AnalysisRunner derives
results, the FileController reads and writes files, and the menus live in ``advisor.ui.menus``.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from advisor import __version__
from advisor.ui import appearance, screen_fit, settings
from advisor.ui.window_status import OneLineStatusBar, build_status_bar, update_status  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QDockWidget, QScrollArea

# Only Qt is imported above: `MainWindow(deferred=True)` paints its frame before the model (pydantic), the
# analysis and the docks are imported and built; see build(). Not even the ``Qt`` namespace: its first use costs
# 15-20 ms (PySide builds all its enums), so the methods that run after the first paint import it themselves, as
# they do the other Qt classes (each costs a little on first use) and the SVG window icon.

log = logging.getLogger(__name__)
APP_NAME = "UC Design Advisor"
BOTTOM_DOCK_MIN, BOTTOM_DOCK_MAX = 240, 340  # px, the bottom tabs' default height


class MainWindow(QMainWindow):
    """The main window. ``deferred=True`` shows an empty frame first and builds the rest on ``build()``."""

    def __init__(self, document=None, parent: QWidget | None = None, deferred: bool = False):
        super().__init__(parent)
        self.setObjectName("main-window")
        self.setWindowTitle(APP_NAME)
        available = screen_fit.available_rect()
        self.setMinimumSize(screen_fit.minimum_size(available))
        self.setGeometry(screen_fit.fit_into(screen_fit.centered(screen_fit.DEFAULT_SIZE, available), available))
        self.built = False
        self._layout_restored = False
        if not deferred:  # deferred: a bare frame (no status bar, no text to lay out) until build()
            self.build(document)

    def build(self, document=None) -> None:
        """Create the document, canvas, docks, menus and status bar (once)."""
        if self.built:
            return
        from PySide6.QtCore import Qt

        from advisor.ui.analysis_runner import AnalysisRunner
        from advisor.ui.document import Document
        from advisor.ui.files import FileController
        from advisor.ui.findings_dock import FindingsPanel
        from advisor.ui.icons import icon
        from advisor.ui.inspector import Inspector
        from advisor.ui.links_dock import LinksPanel

        self.built = True
        # What stops a panel's worker thread, run once a close is accepted (never before: a close the user cancels
        # at the unsaved-changes question left the Scenarios dock on "computing…" for good)
        self.close_hooks: list = []
        from advisor.ui.heap import UiThreadCollector

        UiThreadCollector(self)  # garbage is collected here, never on the workers' threads (see advisor.ui.heap)
        self.setWindowIcon(icon("advisor"))
        self.document = document or Document(parent=self)
        self.analysis = AnalysisRunner(self.document, self)
        from advisor.ui.canvas.palette import Palette
        from advisor.ui.canvas.view import CanvasView

        self.canvas = CanvasView(self.document)
        self.files = FileController(self, self.document)
        from advisor.ui.file_watch import FileWatch

        self.file_watch = FileWatch(self, self.document)  # the file changed by another program; Revert to Saved
        self.setCentralWidget(_above(self.file_watch.bar, self.canvas))
        self.setAcceptDrops(True)  # a design file dropped on the window opens (see dropEvent)

        self.palette_panel = Palette(view=self.canvas)  # double-click adds at the view's centre
        self.inspector = Inspector(self.document)
        self.findings = FindingsPanel(self.document, self.center_on)
        self.links = LinksPanel(self.document, self.center_on)
        from advisor.ui.calculator import Calculator

        self.calculator = Calculator(self.document)
        left = Qt.DockWidgetArea.LeftDockWidgetArea
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.docks: dict[str, QDockWidget] = {}
        from advisor.ui.dock_keys import DockKeys

        self._dock_keys = DockKeys(self)  # one filter for every dock but the palette
        self._dock("palette", "Palette", self.palette_panel, left, "Drag sites and WAN clouds onto the canvas")
        self._dock("inspector", "Inspector", self.inspector, left,
                   "Properties of the selection, or of the design when nothing is selected")
        self._dock("findings", "Findings", self.findings, right,
                   "VPN recommendation and every finding; click one to select its subject")
        self._dock("links", "Link sizing", self.links, bottom,
                   "Per-link busy-hour calls, bandwidth, utilization and priority-queue share")
        # Scrolled: the calculator's form is tall, and its minimum height would otherwise be the whole bottom
        # area's, taking the room the canvas and the inspector need.
        self._dock("calculator", "Per-call calculator", _scrolled(self.calculator), bottom,
                   "One call's packet layer by layer and its bandwidth")
        from advisor.ui.anatomy_dock import AnatomyPanel
        from advisor.ui.plots_dock import PlotsPanel

        # pyqtgraph is imported when one of these is first shown, not here (start-up stays light).
        self.anatomy = AnatomyPanel(self.document)
        self.plots = PlotsPanel(self.document, self.center_on)
        self._dock("anatomy", "Packet anatomy", self.anatomy, bottom,
                   "One call's packet per VPN technology, layer by layer, with each figure's formula")
        self._dock("plots", "Link plots", self.plots, bottom,
                   "Per-link utilization against the LLQ share and capacity, and the Erlang B curve of a link")
        from advisor.ui.assumptions_dock import AssumptionsPanel

        self.assumptions = AssumptionsPanel(self.document)
        self._dock("assumptions", "Assumptions", self.assumptions, bottom,
                   "The conventions and defaults every figure rests on, as the design document lists them")
        for name in ("calculator", "anatomy", "plots", "assumptions"):
            self.tabifyDockWidget(self.docks["links"], self.docks[name])
        self.docks["links"].raise_()
        self.splitDockWidget(self.docks["palette"], self.docks["inspector"], Qt.Orientation.Vertical)
        # The palette and inspector run the full height (on a 768-pixel screen the inspector needs every row);
        # the bottom tabs span the canvas and the findings, wide enough for the link table's columns.
        self.setCorner(Qt.Corner.BottomLeftCorner, left)

        build_status_bar(self)
        # Settings that cannot be saved: said once per reason, here (the first put is the theme's, just below)
        settings.write_notices().failed.connect(self._settings_not_saved)
        if settings.write_problem():  # a put before this window was built already failed
            self._settings_not_saved(settings.write_problem(short=True))
        self.theme_mode = settings.get("view/theme")
        from advisor.ui.menus import build_menus

        self.actions_by_name = build_menus(self)
        from advisor.ui import bid, classroom

        # The status bar's figures first: the quiz mode (installed below) hides them after they are written
        self.document.resultsChanged.connect(self._update_status)
        bid.install(self)  # import, scenarios, bill of materials, configuration sketches, exports
        classroom.install(self)  # explain pane, VPN comparison view, quiz mode
        # Methods, not lambdas: a method's connection ends with the window. The undo stack, deleted with the window,
        # says "clean" as it goes, and a lambda then reached the deleted window (an error at every quit that
        # discarded changes).
        self.document.undo_stack.cleanChanged.connect(self._clean_changed)
        self.document.pathChanged.connect(self._update_title)
        self.document.designChanged.connect(self._update_title)
        self.analysis.failed.connect(self._analysis_failed)
        if hasattr(self.canvas, "message"):  # refused gestures and hints from the canvas
            self.canvas.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        if hasattr(self.canvas, "propertiesRequested"):
            self.canvas.propertiesRequested.connect(lambda _id: self._show_dock("inspector"))
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._scheme_changed)  # the hints outlive the window: a method
        self.set_theme(self.theme_mode)
        self._update_title()
        self._update_status(self.document.results)
        if self.isVisible() and not self._layout_restored:
            self._layout_restored = True
            QTimer.singleShot(0, self.default_dock_sizes)  # after the new docks have been laid out once

    # -- layout ---------------------------------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area, tip: str) -> QDockWidget:
        from PySide6.QtWidgets import QDockWidget

        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{name}")  # saveState needs stable names
        dock.setWidget(widget)
        dock.setToolTip(tip)
        dock.toggleViewAction().setToolTip(f"Show or hide the {title.lower()} ({tip.lower()})")
        if name != "palette":  # Ctrl+C in a dock's text copies that text, not the sites (advisor.ui.dock_keys)
            dock.installEventFilter(self._dock_keys)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        return dock

    def default_dock_sizes(self) -> None:
        """Readable widths for the side docks and a canvas that dominates; used until the user arranges them.

        The bottom tabs (link sizing, calculator, anatomy, plots) get about a third of the height: on a
        1366×768 screen that is eight rows of the link table, and every calculator setting in view.
        """
        from PySide6.QtCore import Qt

        d = self.docks
        width, height = self.width(), self.height()
        self.resizeDocks([d["palette"], d["findings"]], [max(320, width // 4), max(400, int(width / 3.4))],
                         Qt.Orientation.Horizontal)
        bottom = min(max(BOTTOM_DOCK_MIN, int(height * 0.34)), BOTTOM_DOCK_MAX)
        self.resizeDocks([d["links"]], [bottom], Qt.Orientation.Vertical)
        palette = self.palette_panel.sizeHint().height() + 30  # its six kinds, with the dock's title bar
        self.resizeDocks([d["palette"], d["inspector"]], [palette, max(200, height - palette)],
                         Qt.Orientation.Vertical)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.built and not self._layout_restored:
            self._layout_restored = True  # only the first show; later shows keep what the user arranged
            self.default_dock_sizes()

    def restore_layout(self) -> None:
        """Geometry and dock layout from the last session, if written by this layout version.

        Never raises: the layout is chrome, and a saved one that cannot be restored (a settings file damaged in a way
        nobody foresaw) must not stop the start-up before the design opens; the default layout is kept instead."""
        try:
            self._restore_layout()
        except Exception:
            log.exception("the saved window layout cannot be restored; the default one is used")

    def _restore_layout(self) -> None:
        from advisor.ui import layout_guard

        with layout_guard.restoring() as allowed:  # not again after a run that ended inside Qt's restore
            if allowed:
                self._restore_saved_layout()

    def _restore_saved_layout(self) -> None:
        geometry = settings.get("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry):
            screen_fit.keep_on_screen(self)  # saved on a bigger screen, or on one that has gone away
        if not self.built:
            return  # the docks do not exist yet; build() comes back for their state
        state = settings.get("window/state")
        if settings.get("window/state_version") == settings.WINDOW_STATE_VERSION and not state.isEmpty() \
                and settings.get("window/state_check") == settings.layout_check(state):  # else Qt may crash on it
            self._layout_restored = self.restoreState(state, settings.WINDOW_STATE_VERSION)

    def save_layout(self) -> None:
        state = self.saveState(settings.WINDOW_STATE_VERSION)
        settings.put("window/geometry", self.saveGeometry())
        settings.put("window/state", state)
        settings.put("window/state_version", settings.WINDOW_STATE_VERSION)
        settings.put("window/state_check", settings.layout_check(state))

    # -- reactions ------------------------------------------------------------------------------------------
    def _scheme_changed(self, _scheme) -> None:
        self.set_theme(self.theme_mode)

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self, *_changed) -> None:
        from advisor.shown_names import name_or
        from advisor.ui.rich_text import title_text

        path = self.document.path
        where = settings.shown(path.name) if path is not None else "not saved"
        name = name_or(self.document.design.name, "Untitled design")  # a name that shows nothing, as the PDF says
        self.setWindowTitle(f"{title_text(name)} ({title_text(where)})[*] — {APP_NAME}")
        self.setWindowModified(self.document.modified)

    def _update_status(self, results) -> None:
        update_status(self, results)

    def _settings_not_saved(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)  # the full path is in the log

    def _analysis_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)
        if hasattr(self.canvas, "scene"):  # labels that waited for these results take their places now
            self.canvas.scene().place_waiting_labels()

    def fit_view(self) -> None:
        if self.built and hasattr(self.canvas, "fit_all"):
            self.canvas.fit_all()

    def center_on(self, item_id: str) -> None:
        if hasattr(self.canvas, "center_on"):
            self.canvas.center_on(item_id)

    def set_theme(self, mode: str) -> None:
        self.theme_mode = mode if mode in appearance.MODES else "system"
        settings.put("view/theme", self.theme_mode)
        dark = appearance.apply(self.theme_mode)
        if hasattr(self.canvas, "set_theme"):
            from advisor.ui.canvas import theme

            self.canvas.set_theme(theme.dark() if dark else theme.light())
        self.canvas.viewport().update()
        action = self.actions_by_name.get(f"theme-{self.theme_mode}") if hasattr(self, "actions_by_name") else None
        if action is not None:
            action.setChecked(True)
        if hasattr(self, "actions_by_name"):
            from PySide6.QtGui import QPalette

            from advisor.ui.menus import tint_icons

            tint_icons(self.actions_by_name, QGuiApplication.palette().color(QPalette.ColorRole.WindowText))
        if hasattr(self, "status_errors"):
            self._update_status(self.document.results)  # the counts' colours, for the new theme

    def _show_dock(self, name: str) -> None:
        self.docks[name].show()
        self.docks[name].raise_()

    def commit_pending_edit(self) -> None:
        """A value typed into the Inspector but not confirmed becomes an edit (or is refused, with the Inspector's
        message) before the design is saved, exported, autosaved or closed."""
        inspector = getattr(self, "inspector", None)  # a window built deferred has none yet
        if inspector is not None:
            inspector.commit_pending()

    def commit_pending_analysed(self) -> None:
        """`commit_pending_edit`, then the analysis of the design as it now is, here and now when it is still to
        come: an export written from what the docks worked out (the link plots, the bill of materials, the
        configuration sketches) is then of the design the window shows, not of the design before the typed figure.
        (Export PDF and Export Tables analyse the design they are given themselves.)"""
        self.commit_pending_edit()
        analysis = getattr(self, "analysis", None)
        if analysis is not None and analysis.pending():
            from advisor.ui.busy import busy

            with busy():
                analysis.run_now()

    def show_design_properties(self) -> None:
        self.document.select(())
        self._show_dock("inspector")

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<b>{APP_NAME}</b> {__version__}<br>Size and secure unified-communications WANs: "
                          "per-call bandwidth, Erlang B, VPN choice, CUCM deployment checks, security checklist "
                          "and PDF design documents.")

    # -- a design file dropped on the window -------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        from advisor.ui.files import dropped_design

        if dropped_design(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Open a design file (.json, or a PDF made by advisor) dropped anywhere on the window but the canvas's
        palette drops: as File ▸ Open does, asking about unsaved changes first."""
        from advisor.ui.files import dropped_design

        path = dropped_design(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        QTimer.singleShot(0, lambda: self.files.open_path(path))  # after the drop returns: a dialog may ask

    # -- closing --------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.built:
            event.accept()
            return
        exporting = bool(getattr(self, "_pdf_exports", None))  # a PDF being written: ask first (advisor.ui.export)
        if exporting and not _export().may_close(self) or not self.files.maybe_save():
            event.ignore()
            return
        if exporting:
            _export().stop_all(self)
        for stop in self.close_hooks:
            stop()
        self.analysis.shutdown()
        self.save_layout()
        if self.document.path is not None:
            settings.put_path("files/last", self.document.path)
        self.files.clear_autosave()
        event.accept()


def _export():
    from advisor.ui import export  # only once an export runs: reportlab's module stays off the start-up path

    return export


def _above(bar: QWidget, canvas: QWidget) -> QWidget:
    """The canvas with a bar above it, shown only when it has something to say."""
    from PySide6.QtWidgets import QVBoxLayout

    central = QWidget(objectName="central")
    column = QVBoxLayout(central)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(bar)
    column.addWidget(canvas, 1)
    central.setFocusProxy(canvas)
    return central


def _scrolled(widget: QWidget) -> QScrollArea:
    from PySide6.QtWidgets import QFrame, QScrollArea

    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
