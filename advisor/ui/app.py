"""Desktop start-up: `run(path)` creates the application and the main window and opens a design.

Which design: the path given (a .json design or a PDF made by advisor), else the last one, else the bundled
example, else an empty design. An unexpected error is autosaved, logged and shown; the app keeps running.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from advisor.ui import appearance, settings, startup_log
from advisor.ui.display import display_problem

# Start-up paints a bare frame first (title, size, style and palette) and does the rest on the next turn of the
# event loop: the window icon (an SVG: the icon-engine plugin), the log file, the model, the docks and the design.
# So the Qt names needed only later (QMessageBox, QStandardPaths, the icons) are imported where they are used.

log = logging.getLogger("advisor")
DEFAULT_EXAMPLE = "hq-12-branches-mpls.json"
# Benchmarks and smoke tests: "first" quits after the window's first paint, anything else once the design is open,
# analysed and painted.
QUIT_WHEN_SHOWN = "ADVISOR_QUIT_WHEN_SHOWN"


def log_path() -> Path:
    from PySide6.QtCore import QStandardPaths

    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".advisor") / "advisor.log"


def _setup_logging() -> None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():  # a named pipe there blocked start-up on opening it
            raise OSError(f"{path}: not a regular file")
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
        log_file: logging.Handler | None = handler
    except OSError:
        handler = logging.StreamHandler()
        log_file = None  # standard error, which had start-up's words as they were said
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # A log on a disk that has filled up: each record printed "--- Logging error ---" with a traceback on standard
    # error (three per autosave); the app says what matters in its window, and the record is lost either way
    logging.raiseExceptions = False
    root = logging.getLogger()
    startup_log.release(log_file)  # what start-up said before this, into the file with its own times
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def startup_path(path: str | Path | None) -> tuple[Path | None, bool]:
    """The design to open and whether it is an example (opened as an untitled copy)."""
    if path:
        return Path(path), False
    from advisor.paths import resources_dir

    last = settings.get_path("files/last")
    if last is not None and _is_file(last):
        return last, False
    example = resources_dir() / "examples" / DEFAULT_EXAMPLE
    if example.is_file():
        return example, True
    return None, False


def _is_file(path: Path) -> bool:
    """Whether ``path`` is a regular file; False (never an error) for a name the system refuses, such as one too long."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def install_excepthook(window) -> None:
    """Errors Qt would swallow (or that would abort the app) become: autosave, log, dialog — in that order, on the
    GUI thread. One raised on a pool thread (PySide hands an error out of a job's run to this hook there) is carried
    to the GUI thread first: the autosave reads the window's widgets and the dialog opens on it. Once the window has
    been deleted (the app ending while a job still ran), the error is logged and nothing more."""
    import threading

    from advisor.ui.worker_signals import tell

    relay = _CrashRelay(window)

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if threading.current_thread() is threading.main_thread():
            _handle_crash(window, (exc_type, exc, tb))
        elif not tell(relay, "raised", (exc_type, exc, tb)):  # the window has gone with the app
            log.error("unexpected error on a background thread after the window closed:\n%s",
                      "".join(traceback.format_exception(exc_type, exc, tb)))

    sys.excepthook = hook


class _CrashRelay(QObject):
    """Carries an error raised on a pool thread to the GUI thread (queued: it lives there, as its window does)."""

    raised = Signal(object)  # (type, value, traceback)

    def __init__(self, window) -> None:
        super().__init__(window)
        self._window = window
        self.raised.connect(self._handle)

    @Slot(object)
    def _handle(self, info) -> None:
        _handle_crash(self._window, info)


def _handle_crash(window, info) -> None:
    import shiboken6

    from advisor.ui.dialogs import show_error

    exc_type, exc, tb = info
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    if not shiboken6.isValid(window):  # the app is ending: no window to save from, or to show a dialog on
        log.error("unexpected error after the window closed:\n%s", text)
        return
    saved = None
    try:
        saved = window.files.autosave(pending=True)  # first, so a crash in the dialog cannot lose the work
    except Exception:  # noqa: S110 - nothing more can be done here
        pass
    log.error("unexpected error:\n%s", text)
    where = f"\n\nYour unsaved work was saved to {saved}." if saved else ""
    show_error(window, "Unexpected error", f"Something went wrong: {exc_type.__name__}: {exc}{where}\n\n"
               f"The details are in the log: {log_path()}", details=text, critical=True)


def run(path: str | None = None) -> int:
    """Open the desktop app on ``path`` (or the last design, or the example); returns the exit status."""
    startup_log.hold()  # the settings are read before the log file opens: what they say reaches it too
    problem = display_problem()
    if problem:
        print(f"advisor: error: {problem}", file=sys.stderr)
        return 2
    app = QApplication.instance()
    if app is None and ("QT_FONT_DPI" in os.environ or "QT_SCALE_FACTOR" in os.environ
                        or (os.name == "posix" and not os.environ.get("HOME"))):  # (its import spared)
        from advisor.ui import qt_env

        qt_env.drop_unusable()  # a DPI or scale Qt cannot survive (SIGFPE at the first paint), before Qt reads it
        qt_env.home_known()  # HOME unset: Qt would keep the settings and autosaves under /
    fusion = app is None  # created here with the Fusion style: no QStyle to check before the first paint
    app = app or QApplication([*sys.argv[:1], *appearance.FUSION_ARGS])
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("UC Design Advisor")
    # Before the first paint, so the frame never shows in the wrong theme. For "system" this asks Qt for the
    # colour scheme without the Python enum that would cost 15-20 ms here (see appearance.system_is_dark).
    if fusion:
        appearance.apply_palette(settings.get("view/theme"), app)
    else:
        appearance.apply(settings.get("view/theme"), app)

    from advisor.ui.main_window import MainWindow  # Qt only: the model and the docks come in build()

    # The frame paints first; the design, the analysis and the docks follow on the next turn of the event loop.
    window = MainWindow(deferred=True)
    window.restore_layout()
    window.show()
    quit_mode = os.environ.get(QUIT_WHEN_SHOWN, "")
    if quit_mode == "first":
        quit_when_painted(window)
        return app.exec()
    app.processEvents()  # paint the frame before the heavy imports
    QTimer.singleShot(0, lambda: _finish_start(window, path, quit_mode))
    return app.exec()


def _tables_problem() -> str | None:
    """What is wrong with the folder of the user's limit tables (ADVISOR_TABLES_DIR: missing, not a folder, a table
    in it unreadable), logged; None when the variable is unset or all is well. The command line refuses such a
    folder; the app said nothing, and the bundled tables silently stood in for the user's."""
    if not os.environ.get("ADVISOR_TABLES_DIR", "").strip():
        return None
    from advisor.tables import TableError, check_user_tables

    try:
        check_user_tables()
    except TableError as exc:
        log.warning("%s", exc)
        # what matters first, where a narrow status bar cuts it: the rest is in the log too
        return f"Your limit tables are not used, the bundled ones are: {exc}"
    return None


def _finish_start(window, path: str | None, quit_mode: str) -> None:
    from advisor.ui.icons import icon

    QApplication.instance().setWindowIcon(icon("advisor"))
    _setup_logging()
    from advisor.ui import layout_guard, visibility

    with visibility.held(window):  # the docks fill in once the layout says which are on screen
        window.build()
        window.restore_layout()
    install_excepthook(window)
    if layout_guard.dropped():  # the last run ended inside Qt's restore of the saved layout
        log.warning("%s", layout_guard.log_line())
    tables = _tables_problem()
    if settings.problem():  # a settings file that is not a regular file: this run uses the defaults
        window.statusBar().showMessage(settings.problem(short=True), 15_000)  # the full path is in the log
    elif settings.write_problem():  # the settings cannot be saved (said as the window was built; kept in view)
        window.statusBar().showMessage(settings.write_problem(short=True), 15_000)
    elif tables:
        window.statusBar().showMessage(tables, 30_000)
    elif layout_guard.dropped():
        window.statusBar().showMessage(layout_guard.DROPPED_MESSAGE, 15_000)
    target, is_example = startup_path(path)
    loaded = None
    if target is not None and quit_mode and not is_example:
        loaded = _scripted_load(target)
        if loaded is None:
            QApplication.instance().exit(2)  # scripted run: the message went to stderr; no dialog to wait on
            return
    if target is not None:
        if is_example:
            window.files.open_example(target)
        else:  # on error: shown, and the window keeps an empty design
            window.files.open_path(target, ask=False, loaded=loaded)
    if quit_mode or window.analysis.inline():
        window.analysis.run_now()  # a small design (or a scripted run): results in the first painted window
    # else a large design is analysed on the worker, as after File ▸ Open: the window answers meanwhile (a WAN with
    # a large meshed part takes one path search per site), and the status bar shows how far it is
    if quit_mode and quit_mode != "first":
        quit_when_painted(window)
        window.update()
    elif not quit_mode:
        QTimer.singleShot(0, _offer_recovery(window))


def _scripted_load(target):
    """For scripted runs: the design, loaded once (the window opens it as it is), or None after saying on stderr
    why it cannot be opened."""
    from advisor import io

    try:
        return io.load(target)
    except io.DesignFileError as exc:
        sys.stderr.write(f"advisor: error: {exc}\n")
        return None


KEEP_ASIDE_TRIES = 20  # FILE.damaged, FILE.damaged-2 … FILE.damaged-20


def keep_aside(saved: Path) -> Path | None:
    """Rename a damaged autosave to FILE.damaged, or FILE.damaged-2 and on when that name is taken, and return its
    new name; None (the file left as it was) when no name could be used. A name is never reused: a folder in the way
    made the rename fail, and the file was then deleted; a file there (an earlier damaged autosave) was replaced."""
    for number in range(1, KEEP_ASIDE_TRIES + 1):
        kept = saved.with_name(saved.name + (".damaged" if number == 1 else f".damaged-{number}"))
        try:
            if os.path.lexists(kept):
                continue
            os.rename(saved, kept)
        except OSError:
            continue
        return kept
    return None


class _PaintWatcher(QObject):
    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


def quit_when_painted(window) -> None:
    """Quit as soon as the window has painted once: start-up benchmarks and smoke tests."""
    watcher = _PaintWatcher(window)
    window.installEventFilter(watcher)


def _offer_recovery(window):
    def offer() -> None:
        from PySide6.QtWidgets import QMessageBox

        from advisor import io
        from advisor.commands import ReplaceDesign
        from advisor.ui.dialogs import show_error
        from advisor.ui.files import discard_autosave, orphaned_autosaves, remove_abandoned_autosave_temps
        from advisor.ui.rich_text import plain

        remove_abandoned_autosave_temps()  # what autosaves killed midway left: never offered, never needed

        # Only files no running instance holds: another window's unsaved work is its own (newest first; one design
        # recovered per start, the others wait for the next)
        for saved in reversed(orphaned_autosaves()):
            answer = QMessageBox.question(
                window, "Recover unsaved work",
                plain("UC Design Advisor closed without saving changes last time. Open the recovered design?"
                      f"\n\n{settings.shown(saved)}"),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Open)
            if answer != QMessageBox.StandardButton.Open:
                discard_autosave(saved)
                continue
            try:
                design = io.load(saved)
            except io.DesignFileError as exc:
                kept = keep_aside(saved)  # kept aside, not deleted: the work may be in it
                if kept is not None:
                    where = f"\n\nThe file is kept as {settings.shown(kept)}."
                    discard_autosave(saved)  # its lock file
                else:  # no name to keep it under: it stays where it is, offered again at the next start
                    where = (f"\n\nThe file is left where it is, {settings.shown(saved)}, and offered again at the "
                             "next start; Discard removes it.")
                show_error(window, "Cannot recover", str(exc) + where)
                continue
            # An undoable replacement: the recovered work shows as modified until the user saves it. Under no file
            # name: the autosave does not say which file it was made from, and Save would otherwise write it over the
            # design opened at start-up (the last one, or the one named on the command line), another design maybe.
            shown_before = window.document.design
            window.document.push(ReplaceDesign(design, text="Recover unsaved work"))
            if window.document.design is not shown_before:  # else the same design: nothing was replaced
                window.document.forget_path()
            # Into this instance's autosave before the old file goes: should the recovered design end this instance
            # too (a crash Python cannot catch), the next start offers it again instead of having deleted it.
            if not window.document.modified or window.files.autosave() is not None:
                discard_autosave(saved)
            return

    return offer
