"""File handling for the main window: new, open, save, save as, recent files, examples, autosave.

Saving goes through ``advisor.io.save`` (atomic, keeps FILE.bak); a damaged file is reported with
``DesignFileError``'s message and the app keeps the design it had. No problem with a file, on open or on save,
ever escapes as an exception: each ends in a dialog that names the file and the problem.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import uuid
from pathlib import Path

import shiboken6
from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from advisor import io
from advisor.model import Design
from advisor.ui import dialogs, heap, settings
from advisor.ui.autosave_recovery import (  # noqa: F401 - re-exported (the start-up)
    discard_autosave,
    orphaned_autosaves,
    remove_abandoned_autosave_temps,
)
from advisor.ui.busy import LARGE, busy, busy_until_painted
from advisor.ui.file_stems import safe_stem
from advisor.ui.file_urls import OPENABLE, dropped_design, file_url  # noqa: F401 - re-exported (the window, exports)
from advisor.ui.icons import examples
from advisor.ui.rich_text import menu_text, plain

log = logging.getLogger(__name__)

FILE_FILTER = "Designs (*.json);;PDFs made by advisor (*.pdf);;All files (*)"
AUTOSAVE_MS = 60_000
EXAMPLE_MAX_BYTES = 4_000_000  # an example read for its name in File ▸ Examples: the bundled ones are far smaller


def autosave_folder() -> Path:
    """Where unsaved work goes (QStandardPaths: a test run uses a test folder, never the user's)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base or Path.home() / ".advisor")


# Each running instance autosaves to a file of its own, held by a lock while it runs: with one shared file, closing
# a second window deleted the first one's unsaved work, and a second start offered it for recovery while the first
# still ran. The lock is stale once its instance has ended (QLockFile checks the process), and only then is the
# file offered for recovery.
_INSTANCE = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
_LOCKS: dict[Path, QLockFile] = {}


def autosave_path() -> Path:
    """This instance's autosave file."""
    return autosave_folder() / f"autosave-{_INSTANCE}.json"


def _hold(path: Path) -> None:
    """Take this instance's lock on its autosave file (kept until the process ends)."""
    lock_path = path.with_suffix(".lock")
    if lock_path not in _LOCKS:
        lock = QLockFile(str(lock_path))
        lock.setStaleLockTime(0)  # never stale by age: only when its process has ended
        if lock.tryLock(0):
            _LOCKS[lock_path] = lock


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    dialogs.show_error(parent, title, text)


class FileController(QObject):
    """Owns the File menu's actions and the unsaved-changes prompts for one window and its document."""

    def __init__(self, window, document):
        super().__init__(window)
        self.window = window
        self.document = document
        self._autosave_said: str | None = None  # the last reason an autosave failed, logged once
        self.new_action = self._action("&New", QKeySequence.StandardKey.New, self.new, "Start an empty design")
        self.open_action = self._action("&Open…", QKeySequence.StandardKey.Open, self.open,
                                        "Open a design (.json) or a PDF made by advisor")
        self.save_action = self._action("&Save", QKeySequence.StandardKey.Save, self.save,
                                        "Save the design (the previous file is kept as .bak)")
        self.save_as_action = self._action("Save &As…", QKeySequence.StandardKey.SaveAs, self.save_as,
                                           "Save the design under a new name")
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.setToolTipsVisible(True)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.examples_menu = QMenu("&Examples", window)
        self.examples_menu.setToolTipsVisible(True)
        for path in examples():
            action = self.examples_menu.addAction(path.stem.replace("-", " "))
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_example(p))
        self.examples_menu.setEnabled(bool(examples()))
        # Each example by its design's own name, read when the menu first opens: not while the window starts
        self.examples_menu.aboutToShow.connect(self._name_examples)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        # Back to what is on disk (Undo to the saved state, File ▸ New or Open after "Discard"): the autosave of
        # the changes left behind goes, else a crash before the next edit offered the work the user discarded.
        document.undo_stack.cleanChanged.connect(self._clean_changed)

    def _action(self, text: str, key, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcut(QKeySequence(key))
        action.setToolTip(f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    # -- prompts --------------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Ask about unsaved changes; False means the user cancelled (or the save failed)."""
        self.commit_pending_edit()
        if not self.document.modified:
            return True
        answer = QMessageBox.question(
            self.window, "Unsaved changes",
            plain(f"“{self.document.design.name}” has changes that are not saved. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def commit_pending_edit(self) -> None:
        """What is typed in the Inspector and not confirmed yet is kept as shown: an edit first."""
        if (commit := getattr(self.window, "commit_pending_edit", None)) is not None:
            commit()

    # -- commands -------------------------------------------------------------------------------------------
    def new(self) -> None:
        if self.maybe_save():
            self.document.reset(Design())
            heap.settle_soon(self)
            QTimer.singleShot(0, self.window.fit_view)

    def open(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self.window, "Open design", start, FILE_FILTER)
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True, remember: bool = True, loaded: Design | None = None) -> bool:
        """Load ``path`` into the document; on a damaged file show why and keep the current design. ``loaded``: the
        design already read from ``path`` (a scripted start-up reads it first, to exit with the reason)."""
        if ask and not self.maybe_save():
            return False
        # the file before it is read: another program's write after the read is a change (a PDF is not watched)
        seen = _look(path) if loaded is None and Path(path).suffix.lower() != ".pdf" else None
        try:
            with busy():
                design = io.load(path) if loaded is None else loaded
        except Exception as exc:  # DesignFileError, or a bug: either way a dialog, and the current design stays
            if isinstance(exc, io.DesignFileError):
                text = str(exc)
            else:
                log.exception("opening %s failed", path)
                text = f"{io.short(str(path), 200)}: cannot be opened ({type(exc).__name__}: {io.short(str(exc), 200)})"
            listed = remember and settings.is_recent(path)  # what stays is said only of an entry there is
            if listed and _unreadable(path):  # there, but its permissions were taken away: it may be a design
                text += ("\n\nIt stays in File ▸ Open Recent, to open from there once you may read it again; "
                         "Open Recent ▸ Clear list removes it.")
            elif remember and (never := _never_a_file(path)):  # (an entry edited by hand): nothing to keep it for
                settings.remove_recent(path)
                if listed:
                    text += f"\n\n{never}: it was removed from File ▸ Open Recent."
            elif remember and not _missing(path):
                settings.remove_recent(path)  # a file that is there but is no design: its entry goes
            elif listed:  # not found: a drive not connected, a share offline; the entry stays, said so
                text += ("\n\nIt stays in File ▸ Open Recent, in case its drive or share is only disconnected; "
                         "Open Recent ▸ Clear list removes it.")
            show_error(self.window, "Cannot open design", text)
            return False
        # A PDF is not a design file: saving must ask for a .json name instead of overwriting the PDF.
        is_json = Path(path).suffix.lower() != ".pdf"
        self.take(design, Path(path).resolve() if is_json else None, seen)
        if _piled(design) and hasattr(self.window.canvas, "auto_layout"):
            # a file written by hand or by another tool, without positions: every site on one spot, unreadable.
            # Laid out automatically as one undoable step (Edit ▸ Undo puts them back).
            if self.window.canvas.auto_layout("radial"):  # else it said why not
                self.window.statusBar().showMessage("The sites had no positions: laid out automatically (Edit ▸ Undo "
                                                    "puts them back on one spot)", 10_000)
        QTimer.singleShot(0, self.window.fit_view)  # once the view has its size: show the whole design
        if remember and is_json:
            settings.add_recent(Path(path))
            settings.put_path("files/last", Path(path).resolve())
        return True

    def take(self, design: Design, path: Path | None, seen=None) -> None:
        """Put an opened or imported design in the window, history forgotten: the wait cursor while it is drawn
        (seconds at 10,000 sites) and until its first paint, then the heap settled."""
        with busy():
            self.document.reset(design, path)
        if (watch := _watch(self.window)) is not None:
            watch.loaded(path, seen=seen)  # these bytes are the window's own: a change notice for them is none
        if len(design.sites) + len(design.clouds) + len(design.links) >= LARGE:
            busy_until_painted(self.window.canvas.viewport())  # its first paint takes seconds more
        heap.settle_soon(self)  # the design, its canvas items and the window are long-lived now (advisor.ui.heap)

    def open_example(self, path: Path) -> None:
        # Examples open as untitled copies: saving never writes into the bundled resources.
        if self.open_path(path, remember=False):
            self.document.reset(self.document.design, None)

    def save(self) -> bool:
        self.commit_pending_edit()
        if self.document.path is None:
            return self.save_as()
        return self.save_to(self.document.path)

    def save_as(self) -> bool:
        self.commit_pending_edit()
        suggested = self.document.path or Path.home() / f"{safe_stem(self.document.design.name)}.json"
        path, _ = QFileDialog.getSaveFileName(self.window, "Save design as", str(suggested),
                                              "Designs (*.json)")
        if not path:
            return False
        return self.save_to(design_path(path))

    def save_to(self, path: Path) -> bool:
        """Save to `path`; every failure ends in a dialog (never an exception) and returns False.

        A save whose backup (FILE.bak) failed is still a save: the design is marked saved and a dialog says that
        the previous version was not kept.
        """
        watch = _watch(self.window)
        if watch is not None and not watch.may_overwrite(path):  # another program wrote the file since: asked first
            return False
        try:
            io.save(self.document.design, path)
        except io.BackupError as exc:
            show_error(self.window, "Previous version not kept", str(exc))
        except io.DesignFileError as exc:
            show_error(self.window, "Cannot save design", str(exc))
            return False
        except OSError as exc:  # in the words the other saves use: which part of the path is wrong, if one is
            from advisor.io_errors import write_reason

            show_error(self.window, "Cannot save design", f"{io.short(str(path), 200)}: {write_reason(exc, path)}")
            return False
        except Exception as exc:  # a design that cannot be serialized, or a bug: reported, never raised
            log.exception("saving %s failed", path)
            show_error(self.window, "Cannot save design",
                       f"{io.short(str(path), 200)}: {type(exc).__name__}: {io.short(str(exc), 200)}")
            return False
        self.document.mark_saved(Path(path).resolve())
        if watch is not None:
            # its own save (a rename): no notice, and watched again; by the bytes it wrote (another program's write
            # just after is a change)
            watch.loaded(Path(path).resolve(), written=_digest(self.document.design))
        settings.add_recent(Path(path))
        settings.put_path("files/last", Path(path).resolve())
        self.clear_autosave()
        self.window.statusBar().showMessage(f"Saved {settings.shown(path)}", 4000)
        return True

    # -- recent files ---------------------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = settings.recent_files()
        for path in recent:
            action = menu.addAction(menu_text(settings.shown(path.name)))
            action.setToolTip(settings.shown(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if recent:
            menu.addSeparator()
            menu.addAction("Clear list", lambda: settings.put("files/recent", []))
        else:
            menu.addAction("(no recent designs)").setEnabled(False)

    def _name_examples(self) -> None:
        """Each entry of File ▸ Examples by its design's `name` ("HQ + 12 branches on MPLS VPN"), not its file's
        stem ("hq 12 branches mpls"); the stem stays where the file cannot be read or names no design. Once."""
        self.examples_menu.aboutToShow.disconnect(self._name_examples)
        for action in self.examples_menu.actions():
            if action.data():
                name = example_name(Path(action.data()))
                if name:
                    action.setText(menu_text(name))

    # -- autosave -------------------------------------------------------------------------------------------
    def autosave(self, pending: bool = False) -> Path | None:
        """Write the design to the autosave file if it has unsaved changes; never raises. `pending`: take what is
        typed in the Inspector and not confirmed first (the crash handler: the app may not come back); the timer
        leaves a box being typed in alone (it would make an edit of half a figure)."""
        if pending:
            try:
                self.commit_pending_edit()
            except Exception:  # the crash handler: the design as it is, then
                log.exception("taking the Inspector's pending edit before the autosave failed")
        if not self.document.modified:
            return None
        path = autosave_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _hold(path)
            io.save(self.document.design, path, backup=False)
        except Exception as exc:  # autosave runs from the crash handler too: it must never raise
            why = _autosave_problem(exc, path.parent)
            if not isinstance(exc, OSError):
                log.exception("autosave failed")
            elif why != self._autosave_said:  # the system's refusal, once per reason (not a traceback a minute)
                log.warning("autosave to %s failed: %s", path, why)
            self._autosave_said = why
            # Said where the user looks, not only in the log: work they believe is kept safe is not (a full disk,
            # a folder they cannot write)
            with contextlib.suppress(Exception):
                self.window.statusBar().showMessage(
                    f"Unsaved changes could not be autosaved to {settings.shown(path.parent)}: {why}; save the "
                    "design to keep them", 15_000)
            return None
        self._autosave_said = None
        return path

    def _clean_changed(self, clean: bool) -> None:
        # Never as the window is torn down without its close (the undo stack says "clean" as it goes): the autosave
        # of work never saved outlives that, for the next start to offer.
        if clean and shiboken6.isValid(self.window) and self.window.isVisible():
            self.clear_autosave()

    def clear_autosave(self) -> None:
        try:
            autosave_path().unlink(missing_ok=True)
        except OSError:
            pass


def example_name(path: Path) -> str:
    """The `name` a bundled example's design gives itself ('' when the file cannot be read or gives none): its JSON
    read alone, without building the design."""
    import json

    try:
        with path.open("rb") as handle:
            data = json.loads(handle.read(EXAMPLE_MAX_BYTES + 1)[:EXAMPLE_MAX_BYTES])
    except (OSError, ValueError, RecursionError):
        return ""
    name = data.get("name") if isinstance(data, dict) else None
    return " ".join(name.split()) if isinstance(name, str) else ""


def _watch(window):
    """The window's watch on its file (advisor.ui.file_watch); None while the window is being built."""
    return getattr(window, "file_watch", None)


def _look(path: Path):
    from advisor.ui.file_watch import look

    return look(path)


def _digest(design: Design) -> str | None:
    """The digest of the bytes `io.save` writes for `design` (None if they cannot be made)."""
    import hashlib

    try:
        return hashlib.sha256(io.dumps(design).encode("utf-8")).hexdigest()
    except Exception:  # saved already: only the later look at the file is less sure
        return None


def _piled(design) -> bool:
    """Whether two nodes or more (sites and clouds) all sit on one spot: the design has no positions."""
    nodes = (*design.sites, *design.clouds)
    return len(nodes) >= 2 and len({(n.x, n.y) for n in nodes}) == 1


def _autosave_problem(exc: Exception, folder: Path) -> str:
    """Why autosaving into `folder` failed, in words: the system's "File exists" for a file where the folder
    should be did not say which."""
    from advisor.io_errors import file_in_the_way

    if not isinstance(exc, OSError):
        return type(exc).__name__
    with contextlib.suppress(OSError, ValueError):
        if (part := file_in_the_way(folder)) is not None:
            return f"{settings.shown(part)} is a file, not a folder"
    return exc.strerror or str(exc)


def _unreadable(path: Path) -> bool:
    """Whether something is at `path` that this user may not read (its permissions taken away since it was opened).
    Asked of the system, never by opening it: a device's open may act (a tape rewinds)."""
    try:
        return os.path.lexists(path) and os.path.exists(path) and not os.access(path, os.R_OK)
    except (OSError, ValueError):
        return False


def _never_a_file(path: Path) -> str | None:
    """Why no file can ever be at `path`, or None: a NUL character in its name, which no system takes, or a name the
    system refuses as too long (`_missing` cannot tell: asked of such a name, the system's check says "nothing
    there", as of a drive not connected, and the entry stayed "in case its drive is disconnected" for ever)."""
    if "\x00" in os.fspath(path):
        return "No file can have such a name"
    try:
        os.lstat(path)
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return "No file can have a name this long (the system refuses it)"
    except ValueError:
        pass
    return None


def _missing(path: Path) -> bool:
    """Whether nothing is at `path` (neither a file nor a link, however broken)."""
    try:
        return not os.path.lexists(path)
    except (OSError, ValueError):  # a name the system refuses: nothing there to keep the entry for either
        return False


def design_path(chosen: str) -> Path:
    """The file a design is saved to for the name chosen in the Save As dialog: its trailing spaces and dots dropped
    (as the system drops them on Windows), ".json" added unless it ends so ("plan" and "plan." -> plan.json,
    "plan.v2" -> plan.v2.json). "plan." became "plan..json" and "plan.json " "plan.json .json"."""
    path = Path(chosen)
    if not path.name:  # a folder's root ("/"): no name to keep
        return path / "design.json"
    name = path.name.rstrip(" .") or "design"
    return path.with_name(name if name.lower().endswith(".json") else name + ".json")
