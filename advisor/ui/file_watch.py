"""The open design's file, changed by another program (`advisor import -o`, a text editor, a colleague's copy over a
share): noticed, offered for reload in a bar above the canvas, and never overwritten by a save without a question;
and File ▸ Revert to Saved.

What the app itself wrote is told apart by the file's content: after its own save (an atomic rename, after which the
system's watch on the old file is gone and is set again here) it records what it wrote, and a change notice for
those same bytes is no change. Reload and Revert are undoable steps (Edit ▸ Undo brings the version that was shown
back), so neither asks first.

Besides the file, every folder on its path is watched: a folder renamed or removed anywhere above the file is a
change in the folder that holds it, noticed at once (the file's own watch follows its inode, which moved along).
A file that is still there but can no longer be read (its permissions taken away) is said as such, not as deleted.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

import shiboken6
from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMessageBox

from advisor import io
from advisor.commands import ReplaceDesign
from advisor.ui import dialogs, settings
from advisor.ui.busy import busy
from advisor.ui.file_watch_bar import ChangedBar
from advisor.ui.rich_text import plain

SETTLE_MS = 300  # a program writing the file sends several notices (truncate, write, rename): one look after them


@dataclass(frozen=True)
class Seen:
    """A file's identity on disk (inode, size, modification time, permissions) and a digest of its bytes."""

    stat: tuple[int, ...]
    digest: str

    def same_bytes(self, other: Seen | None) -> bool:
        return other is not None and other.digest == self.digest

    @property
    def unreadable(self) -> bool:
        """There, but its bytes cannot be read (no permission to read it, or to enter a folder on its path)."""
        return self.digest.startswith(UNREADABLE)

    @property
    def regular(self) -> bool:
        """A file (or a link to one), not a folder, a pipe or a device put in its place."""
        return self.stat[3] >= 0 and S_ISREG(self.stat[3])


UNREADABLE = "unreadable "


def look(path: Path, known: Seen | None = None) -> Seen | None:
    """What is at `path` now (None: nothing there; `unreadable`: there, but not to be read); the digest is read again
    only when the file's identity differs from `known`'s (a look after every notice costs one stat)."""
    try:
        st = os.stat(path)
    except PermissionError as exc:  # a folder on the way that may no longer be entered: the file may well be there
        return Seen((-2, -2, -2, -2), f"{UNREADABLE}{exc.errno}")
    except (OSError, ValueError):
        return None
    stat = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_mode)  # the mode: a chmod is a change to look at
    try:
        if known is not None and known.stat == stat:
            return known
        if not S_ISREG(st.st_mode) or st.st_size > io.MAX_FILE_BYTES:
            # never read: a named pipe put in its place blocked the window for good, and a file too large to be a
            # design is no design either way (Reload says why); each is told apart by its identity alone
            return Seen(stat, f"unread {st.st_mode:o} {stat}")
        digest = _digest(path)
    except PermissionError:  # was said "deleted or moved" while the file sat there, its permissions taken away
        return Seen(stat, f"{UNREADABLE}{stat}")
    except (OSError, ValueError):
        return None
    return Seen(stat, digest)


def _digest(path: Path) -> str:
    """The file's SHA-256, read without blocking, as io.load reads it: a file the system calls regular whose read
    waits (/proc/kmsg) held the window for good when opened from the command line or Open Recent, before io.load
    could refuse it. A read that would wait raises BlockingIOError (an OSError)."""
    digest = hashlib.sha256()
    fd = os.open(path, io.READ_FLAGS)
    try:
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest()


class FileWatch(QObject):
    """Follows the document's file for one window: the bar, the question before a save, File ▸ Revert to Saved."""

    def __init__(self, window, document):
        super().__init__(window)
        self.window, self.document = window, document
        self.path: Path | None = None
        self.known: Seen | None = None  # the file as this window last read or wrote it
        self.kept: Seen | None = None  # a newer file the user chose to replace with the design shown ("Keep")
        self.state = ""  # "", "changed", "deleted", "unreadable", "invalid": what the bar says
        self._clean_index: int | None = None  # the undo step that matched the file before it went away
        self._ids: dict[str, tuple[int, int]] = {}  # what each watched path was (device, inode) when watched
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._noticed)
        self.watcher.directoryChanged.connect(self._noticed)  # a replace by rename, a delete, a re-create
        self._settle = QTimer(self, singleShot=True)
        self._settle.setInterval(SETTLE_MS)  # not interval=: see tests/ui/test_qt_keywords.py
        self._settle.timeout.connect(self.check)
        self.bar = ChangedBar()
        self.bar.reload.clicked.connect(self.reload)
        self.bar.keep.clicked.connect(self.keep)
        self.bar.save.clicked.connect(self._save_again)
        self.bar.dismiss.clicked.connect(self._dismiss)
        self.revert_action = QAction("Re&vert to Saved", window)
        self.revert_action.setStatusTip("Go back to the design as its file holds it")
        self.revert_action.triggered.connect(lambda _=False: self.revert())
        document.pathChanged.connect(self._path_changed)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        # Some file systems (network shares) send no notices: the window looks again whenever the app comes back
        # to the front, as editors do.
        QGuiApplication.instance().applicationStateChanged.connect(self._app_state)
        self._following = True
        self._path_changed(document.path)
        if (hooks := getattr(window, "close_hooks", None)) is not None:
            hooks.append(self.stop)  # the window closed: its file is no longer followed

    def stop(self) -> None:
        """Follow the file no more: no system watch, no look pending, none when the app comes to the front."""
        self._settle.stop()
        if self._following:
            self._following = False
            QGuiApplication.instance().applicationStateChanged.disconnect(self._app_state)
        if paths := [*self.watcher.files(), *self.watcher.directories()]:
            self.watcher.removePaths(paths)
        self.path = self.known = None
        self._ids = {}

    # -- what the window read or wrote ----------------------------------------------------------------------------
    def loaded(self, path: Path | None, seen: Seen | None = None, written: str | None = None) -> None:
        """The document now shows `path` as read from disk (an open), or as written (a save): the file's bytes are
        the window's own. `seen`: the file as looked at before it was read; `written`: the digest of the bytes the
        save wrote. Another program's write between the read or the save and this look is then still a change
        (else taken for the window's own, and the next save replaced it without a question)."""
        self.path = Path(path) if path is not None else None
        now = look(self.path) if self.path is not None else None
        own = seen.digest if seen is not None else written
        stale = now is not None and own is not None and now.digest != own
        self.known = Seen((-1, -1, -1), own) if stale else now  # stale: the file's bytes are not the window's
        self.kept, self._clean_index = None, None
        self._show("")
        self._arm()
        if stale:
            self._settle.start()  # the bar, at once

    def _path_changed(self, path) -> None:
        if (Path(path) if path is not None else None) != self.path:
            self.loaded(path)

    def _arm(self) -> None:
        """Watch the file and every folder above it, each as it is now: again after a replace by rename (the
        system's watch on the file is gone, or on the old file), and again for a folder renamed away and another
        put in its place (the system's watch follows the one that moved)."""
        wanted: dict[str, tuple[int, int]] = {}
        for path in (self.path, *self.path.parents) if self.path is not None else ():
            with contextlib.suppress(OSError, ValueError):
                st = os.stat(path)
                wanted[str(path)] = (st.st_dev, st.st_ino)
        watched = {*self.watcher.files(), *self.watcher.directories()}
        stale = [p for p in sorted(watched) if p not in wanted or self._ids.get(p) != wanted[p]]
        if stale:
            self.watcher.removePaths(stale)
        missing = [p for p in wanted if p not in watched or p in stale]
        failed = set(self.watcher.addPaths(missing)) if missing else set()
        self._ids = {p: ident for p, ident in wanted.items() if p not in failed}

    def _noticed(self, path: str) -> None:
        # The file or its folder: one look once their notices stop. A folder further up (a busy home folder):
        # one look soon, never put off by the next notice (each costs a few stats).
        if self.path is not None and path in (str(self.path), str(self.path.parent)) or not self._settle.isActive():
            self._settle.start()

    def _app_state(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    # -- looking ------------------------------------------------------------------------------------------------
    def check(self) -> str:
        """Look at the file now; show or hide the bar; returns the state ("" when the file is the window's own)."""
        self._arm()
        if self.path is None or self.known is None:
            return self.state
        now = look(self.path, self.known)
        if self.known.same_bytes(now):
            self.known = now  # touched, or written again with the same bytes: no change
            if self._clean_index is not None and self._clean_index == self.document.undo_stack.index():
                # back as it was (a program's delete or spoiled write, then the file written back): saved again
                self.document.undo_stack.setClean()
            self._show("")
        elif now is None:
            if self.state != "deleted":
                self._leave_clean()  # nothing on disk holds the design now: closing must ask to save it
                self._show("deleted")
        elif now.same_bytes(self.kept):
            pass  # the version the user chose to keep the design shown over (or to leave unreadable)
        elif now.unreadable:
            if self.state != "unreadable":
                self._leave_clean()  # whether the file still holds the design, nobody here can tell
                self._show("unreadable")
        else:  # new bytes (a file refused as no design, then written again: these too)
            self._show("changed")
        return self.state

    def changed_on_disk(self) -> bool:
        """Whether the file holds bytes other than the window's own (a newer version, not a deleted file)."""
        if self.path is None or self.known is None:
            return False
        now = look(self.path, self.known)
        return now is not None and not now.unreadable and not self.known.same_bytes(now)

    def may_overwrite(self, path: Path) -> bool:
        """Before a save to `path`: True unless it is this window's file, another program changed it since, and the
        user, asked, keeps that newer file."""
        if self.path is None or self.known is None or not _same_file(path, self.path):
            return True
        now = look(self.path, self.known)
        if now is None or now.unreadable or not now.regular or self.known.same_bytes(now) or now.same_bytes(self.kept):
            # nothing newer to lose: the bar said the file was gone, or can no longer be read; or a folder (a pipe)
            # stands in its place, which the question called a newer version "kept as .bak" before the save said it
            # could not write there (a folder), or replaced it with no backup (a pipe)
            return True
        name = settings.shown(self.path.name)
        real = _saved_to(self.path)
        if real is None:
            what = f"Saving replaces that newer version (it is kept as “{name}.bak”)."
        else:  # a link (another program may have swapped it in): the save writes the file it points to, and keeps that
            what = (f"It is a link to “{settings.shown(real)}”: saving replaces that file (its current version is "
                    f"kept as “{settings.shown(real.name)}.bak”) and leaves the link as it is.")
        answer = QMessageBox.question(
            self.window, "File changed by another program",
            plain(f"“{name}” was changed by another program after this window opened or saved it. {what}\n\n"
                  "Save and replace it?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Save

    # -- the user's choices -----------------------------------------------------------------------------------------
    def reload(self) -> bool:
        """The bar's Reload: the file's new version in the window, as one undoable step."""
        return self._read_back("Reload from disk", "Reloaded")

    def revert(self) -> bool:
        """File ▸ Revert to Saved: the design as its file holds it, as one undoable step."""
        return self._read_back("Revert to saved", "Reverted to")

    def _read_back(self, text: str, verb: str) -> bool:
        path = self.path
        if path is None:
            return False
        self.document.take_pending()  # what is typed in the Inspector is an edit Undo brings back with the rest
        before = look(path)
        try:
            with busy():
                design = io.load(path)
        except Exception as exc:  # DesignFileError, or a bug: said, and the design shown stays
            reason = str(exc) if isinstance(exc, io.DesignFileError) else \
                f"{io.short(str(path), 200)}: {type(exc).__name__}: {io.short(str(exc), 200)}"
            gone = before is None
            if not gone:
                self.kept = before  # this file is no design: the save that replaces it asks nothing more
                self._leave_clean()
            self._show("deleted" if gone else "unreadable" if before.unreadable else "invalid")
            dialogs.show_error(self.window, "Cannot read the saved design",
                               f"{reason}\n\nThe design shown here is kept as it was; save it to write the file again.")
            return False
        if design != self.document.design:
            self.document.push(ReplaceDesign(design, text=text))
        self.document.undo_stack.setClean()
        self.known, self.kept, self._clean_index = before, None, None
        self._show("")
        self.window.statusBar().showMessage(
            f"{verb} {settings.shown(path.name)} (Edit ▸ Undo brings back the version shown before)", 10_000)
        return True

    def keep(self) -> None:
        """The bar's "Keep This Version": the design shown stays, and is now unsaved (the file holds another)."""
        self.kept = look(self.path) if self.path is not None else None
        self._leave_clean()
        self._show("")

    def _save_again(self) -> None:
        if self.path is not None:
            self.window.files.save()

    def _dismiss(self) -> None:
        if self.state == "unreadable" and self.path is not None:
            self.kept = look(self.path)  # not shown again for that same file: only once it changes again
        self._show("")

    # -- internals ------------------------------------------------------------------------------------------------
    def _leave_clean(self) -> None:
        stack = self.document.undo_stack
        if stack.isClean():
            self._clean_index = stack.index()
            stack.resetClean()

    def _show(self, state: str) -> None:
        self.state = state
        name = settings.shown(self.path.name) if self.path is not None else ""
        self.bar.show_state(state, name, self.document.modified)
        self._update_action()

    def _clean_changed(self, _clean: bool) -> None:
        # The stack says "clean" as it is deleted with the window: nothing to show then
        if shiboken6.isValid(self.document.undo_stack) and shiboken6.isValid(self.bar):
            self._show(self.state)  # the bar's words depend on whether there are unsaved changes

    def _update_action(self) -> None:
        can = self.path is not None and self.state in ("", "changed") and (self.document.modified or bool(self.state))
        self.revert_action.setEnabled(can)
        self.revert_action.setToolTip(_REVERT_TIPS[self.state] if self.path is not None else
                                      "The design has no file to go back to: it was never saved")


_REVERT_TIPS = {
    "": "Go back to the design as its file holds it (Edit ▸ Undo brings this version back)",
    "changed": "Open the file's newer version, written by another program (Edit ▸ Undo brings this version back)",
    "deleted": "The design's file was deleted or moved: there is nothing to go back to",
    "unreadable": "The design's file can no longer be read: there is nothing to go back to",
    "invalid": "The design's file no longer holds a design: there is nothing to go back to",
}


def _same_file(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError, ValueError, RuntimeError):  # RuntimeError: a link to itself (Python 3.11)
        return Path(a).resolve() == Path(b).resolve()
    return Path(a) == Path(b)


def _saved_to(path: Path) -> Path | None:
    """The file a save of `path` writes when that is another file (`path` is now a symbolic link: the save follows
    it, `advisor.atomic.target`); None when it is `path` itself, or cannot be told."""
    from advisor import atomic

    try:
        real = atomic.target(path)
    except OSError:  # a loop of links, a folder: the save itself says what is wrong
        return None
    return real if real != path else None
