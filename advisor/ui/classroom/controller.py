"""The classroom in the main window: its docks (Explain, VPN comparison, Quiz), the Classroom menu, quiz mode on
and off, and class files opened and saved."""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

from advisor.io import short
from advisor.rules.seed import SEED as ARTICLE
from advisor.ui import dialogs, visibility
from advisor.ui.busy import busy
from advisor.ui.classroom import class_file
from advisor.ui.classroom.comparison_view import ComparisonView
from advisor.ui.classroom.explain_pane import ExplainPane
from advisor.ui.classroom.quiz import QuizSettings
from advisor.ui.classroom.quiz_dialog import QuizDialog
from advisor.ui.classroom.quiz_panel import QuizPanel
from advisor.ui.classroom.window_mask import WindowMask

log = logging.getLogger(__name__)


class Classroom(QObject):
    """Owns the classroom's panes and quiz state for one main window."""

    def __init__(self, win):
        super().__init__(win)
        self.win = win
        self.settings: QuizSettings | None = None  # the quiz running, if any
        self.explain = ExplainPane(win.document, win.findings)
        self.comparison = ComparisonView(win.document)
        self.quiz_panel = QuizPanel(win.document)
        self.quiz_panel.endRequested.connect(self.end_quiz)
        self._docks()
        self.mask = WindowMask(win, (self.explain, self.comparison))
        self.actions = self._menu()
        win.actions_by_name.update(self.actions)

    # -- docks and menu ---------------------------------------------------------------------------------------------
    def _docks(self) -> None:
        win = self.win
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        win._dock("explain", "Explain", self.explain, right,
                  "How each figure of the selection was computed: its formula with this design's numbers, and its "
                  "sources")
        comparison = win._dock("comparison", "VPN comparison", self.comparison, bottom,
                               f"The comparison of IPsec solutions from {ARTICLE}, with the candidates added "
                               "since, and this design's ranking; click a row for the facts that decide it")
        quiz = win._dock("quiz", "Quiz", self.quiz_panel, bottom,
                         "Quiz mode: the students' answers, checked within the instructor's tolerances")
        win.tabifyDockWidget(win.docks["links"], comparison)
        win.tabifyDockWidget(win.docks["links"], quiz)
        visibility.follow(win.docks["explain"], self.explain)
        visibility.follow(comparison, self.comparison)
        quiz.hide()
        win.docks["links"].raise_()
        # The right area is tabified once the window is on screen: tabified before (a window built in one go, as
        # the tests build it), Qt 6.11 leaves stray copies of the tab bar drawn in the middle of the window.
        if win.isVisible():
            self._tabify_explain()
        else:
            QTimer.singleShot(0, self._tabify_explain)

    def _tabify_explain(self) -> None:
        win = self.win
        win.tabifyDockWidget(win.docks["findings"], win.docks["explain"])
        win.docks["findings"].raise_()

    def _menu(self) -> dict[str, QAction]:
        win = self.win
        bar = win.menuBar()
        menu = QMenu("&Classroom", win)
        menu.setObjectName("menu-classroom")
        menu.setToolTipsVisible(True)
        help_action = next((a for a in bar.actions() if a.text() == "&Help"), None)
        if help_action is not None:
            bar.insertMenu(help_action, menu)
        else:
            bar.addMenu(menu)
        actions: dict[str, QAction] = {}
        for name in ("explain", "comparison"):
            toggle = win.docks[name].toggleViewAction()
            menu.addAction(toggle)
            actions[f"dock-{name}"] = toggle
            toggle.triggered.connect(lambda on, n=name: on and self.bring_forward(n))
        menu.addSeparator()
        actions["quiz-mode"] = self._add(menu, "&Quiz Mode…", self.choose_quiz,
                                         "Hide chosen results (link kbps, calls, the recommendation, the findings) "
                                         "for students to work out")
        actions["quiz-end"] = self._add(menu, "E&nd Quiz", self.end_quiz, "Leave quiz mode: every figure shows again")
        actions["quiz-end"].setEnabled(False)
        menu.addSeparator()
        actions["class-open"] = self._add(menu, "&Open Class File…", self.open_class_file,
                                          "Open a design with the quiz an instructor set on it")
        actions["class-save"] = self._add(menu, "&Save Class File…", self.save_class_file,
                                          "Save the design and a quiz on it (what to hide, the tolerances) to share "
                                          "with students")
        self._add_to_view_menu([actions["dock-explain"], actions["dock-comparison"]])
        return actions

    def bring_forward(self, name: str) -> None:
        """Show a classroom dock in front of its tabs; a bottom one grows to about half the window, as its tables
        need rows (only when shorter: an arrangement the user made larger stays)."""
        win, dock = self.win, self.win.docks[name]
        dock.show()
        dock.raise_()
        if win.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea and not dock.isFloating():
            wanted = max(300, int(win.height() * 0.45))
            if dock.height() < wanted:
                win.resizeDocks([dock], [wanted], Qt.Orientation.Vertical)

    def _add(self, menu: QMenu, text: str, slot, tip: str) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    def _add_to_view_menu(self, toggles: list[QAction]) -> None:
        view = next((a.menu() for a in self.win.menuBar().actions() if a.text() == "&View"), None)
        if view is None:
            return
        first_separator = next((a for a in view.actions() if a.isSeparator()), None)
        for toggle in toggles:
            view.insertAction(first_separator, toggle) if first_separator is not None else view.addAction(toggle)

    # -- quiz mode --------------------------------------------------------------------------------------------------
    def choose_quiz(self) -> None:
        dialog = QuizDialog(self.win, self.settings or QuizSettings(), "Start quiz" if self.settings is None
                            else "Apply")
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.start_quiz(dialog.settings())

    def start_quiz(self, settings: QuizSettings) -> None:
        """Hide what `settings` names everywhere and open the Quiz panel."""
        if not settings.hidden.any():
            self.end_quiz()
            return
        self.settings = settings
        self.mask.apply(settings.hidden)
        self.quiz_panel.start(settings)
        self.bring_forward("quiz")
        self.win.docks["quiz"].toggleViewAction().setEnabled(True)
        self.actions["quiz-end"].setEnabled(True)
        self.actions["quiz-mode"].setText("&Quiz Mode (change)…")
        self.win.statusBar().showMessage(f"Quiz mode: {settings.hidden.describe()} hidden", 6000)

    def end_quiz(self) -> None:
        if self.settings is None:
            return
        self.settings = None
        self.mask.clear()
        self.quiz_panel.stop()
        self.win.docks["quiz"].hide()
        self.actions["quiz-end"].setEnabled(False)
        self.actions["quiz-mode"].setText("&Quiz Mode…")
        self.win.statusBar().showMessage("Quiz ended: every figure shows again", 6000)

    # -- class files ------------------------------------------------------------------------------------------------
    def _folder(self) -> str:
        path = self.win.document.path
        return str(path.parent) if path is not None else str(Path.home())

    def open_class_file(self, path: str | Path | None = None) -> bool:
        """Open a class file: its design replaces the open one (after the unsaved-changes prompt) and its quiz
        starts. False when cancelled or unreadable (the message says why; the current design stays)."""
        win = self.win
        if not win.files.maybe_save():
            return False
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(win, "Open class file", self._folder(), class_file.FILE_FILTER)
            if not chosen:
                return False
            path = chosen
        try:
            with busy():
                loaded = class_file.load(path)
        except class_file.ClassFileError as exc:
            dialogs.show_error(win, "Cannot open class file", str(exc))
            return False
        except Exception as exc:  # a bug: said in a dialog, never raised out of the menu's slot
            log.exception("opening the class file %s failed", path)
            dialogs.show_error(win, "Cannot open class file", f"{class_file.shown(path)}: cannot be read "
                               f"({type(exc).__name__}: {short(str(exc), 200)})")
            return False
        with busy():  # a large class file takes seconds to draw and to lay out its questions
            self.end_quiz()
            win.document.reset(loaded.design, None)  # untitled: saving the design never overwrites the class file
            QTimer.singleShot(0, win.fit_view)
            self.start_quiz(loaded.quiz)
        if self.settings is None:  # a file written by hand that hides nothing: the design opened, and no word why
            win.statusBar().showMessage(f"{class_file.shown(Path(path).name)} hides no figure: its design is open, "
                                        "without a quiz", 10000)
        return True

    def save_class_file(self, path: str | Path | None = None, settings: QuizSettings | None = None) -> bool:
        """Save the open design with a quiz: the running one's settings, or those chosen in the quiz dialog."""
        win = self.win
        if settings is None:
            dialog = QuizDialog(win, self.settings or QuizSettings(hidden={"kbps": True, "calls": True}),
                                "Save…")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            settings = dialog.settings()
        if path is None:
            start = str(Path(self._folder()) / class_file.default_name(win.document.design))
            chosen, _ = QFileDialog.getSaveFileName(win, "Save class file", start, class_file.FILE_FILTER)
            if not chosen:
                return False
            path = chosen if chosen.lower().endswith(".json") else chosen + class_file.SUFFIX
        if self._is_open_design(path):
            # it became a class file, with no FILE.bak of the design (a design's save keeps one), which File ▸ Open
            # refuses; and the window said its own file was "changed by another program"
            name = class_file.shown(Path(path).name)
            dialogs.show_error(win, "Cannot save class file",
                               f"{name} is the design file open in this window: a class file saved there would "
                               "replace it, and File ▸ Open does not open class files. Choose another name, such as "
                               f"{name[:-5] if name.lower().endswith('.json') else name}{class_file.SUFFIX}")
            return False
        try:
            class_file.save(class_file.ClassFile(win.document.design, settings), path)
        except class_file.ClassFileError as exc:
            dialogs.show_error(win, "Cannot save class file", str(exc))
            return False
        except OSError as exc:  # the whole path: the folder is as likely the problem as the name
            dialogs.show_error(win, "Cannot save class file",
                               f"{class_file.shown(path)}: cannot be written: {exc.strerror or exc}")
            return False
        except Exception as exc:  # a bug: said in a dialog, never raised out of the menu's slot
            log.exception("saving the class file %s failed", path)
            dialogs.show_error(win, "Cannot save class file", f"{class_file.shown(path)}: cannot be written "
                               f"({type(exc).__name__}: {short(str(exc), 200)})")
            return False
        win.statusBar().showMessage(f"Class file saved: {class_file.shown(Path(path).name)}", 6000)
        return True

    def _is_open_design(self, path: str | Path) -> bool:
        """Whether `path` is the file of the design open in this window (by a link or another name too)."""
        own = self.win.document.path
        with contextlib.suppress(OSError, ValueError):
            return own is not None and os.path.samefile(path, own)
        return False
