"""A saved window layout that made the app end as Qt restored it is not restored a second time.

Qt's `restoreGeometry` and `restoreState` trust their input. The layout's checksum (`settings.layout_check`) catches
a settings file damaged on disk, but a layout edited with its checksum written to match can still crash Qt inside
`restoreState`, before any window shows: at every start, with no message, and no way out but deleting the settings
file by hand.

So each restore runs with a lock file beside the settings file, taken before Qt reads the layout and released
after. A run that ends inside the restore leaves the lock behind, naming a process no longer running; the next start
finds it stale, forgets the saved layout, opens with the default one and says why in the status bar. The lock is
QLockFile's, which knows whether the process it names still runs, on every platform Qt supports. A second instance
starting while the first is restoring finds the lock held, and restores without it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile

from advisor.ui import settings

LOCK_NAME = f"{settings.APPLICATION}.layout-restoring.lock"
DROPPED_MESSAGE = ("The app closed while restoring the window layout saved last time: the default layout is used "
                   "instead")

_dropped: Path | None = None  # the lock a run left behind, when this run forgot the saved layout for it


def lock_path() -> Path | None:
    """The lock file beside the settings file this run uses; None when the settings are kept in no file."""
    name = settings.qsettings().fileName()
    return Path(name).with_name(LOCK_NAME) if name else None


def dropped() -> bool:
    """Whether this run forgot the saved layout because the last run ended as it restored it."""
    return _dropped is not None


@contextlib.contextmanager
def restoring() -> Iterator[bool]:
    """Around Qt's restore of the saved layout: yields whether to restore it. False once, after a run that ended
    inside this block (its lock left behind): the saved layout is then forgotten and the default one kept."""
    path = lock_path()
    if path is None:
        yield True
        return
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # stale only when the process it names has ended, never for its age
    left_behind = os.path.lexists(path)
    if not lock.tryLock(0):
        if not _retake_garbled(lock, path):
            yield True  # held by an instance restoring now, or no lock can be made here (a read-only folder)
            return
        left_behind = False
    if left_behind:
        lock.unlock()
        _forget_layout(path)
        yield False
        return
    try:
        yield True
    finally:
        lock.unlock()


def _retake_garbled(lock: QLockFile, path: Path) -> bool:
    """Take a lock that names no process and has sat unchanged for a minute (`autosave_recovery.garbled`, the rule
    the autosaves' locks follow): a run killed between creating it and writing it, which QLockFile never judges
    stale. Not a layout that crashed: the restore had not begun."""
    if lock.error() != QLockFile.LockError.LockFailedError:
        return False  # no lock can be made here (the first start: no settings folder yet)
    # only here, off the usual start-up (it loads the atomic saves and hashlib: ~8 ms)
    from advisor.ui.autosave_recovery import garbled

    if not garbled(lock, path):
        return False  # another instance holds it, or a starting one may be writing it now
    try:
        os.unlink(path)
    except OSError:
        return False
    return lock.tryLock(0)


def log_line() -> str:
    """The log's line when this run forgot the saved layout (written once the log is set up: the first restore
    comes before it), or ''."""
    if _dropped is None:
        return ""
    return (f"the last run ended while restoring the saved window layout ({settings.shown(_dropped)} was left "
            "behind); the layout is forgotten and the default one used")


def _forget_layout(path: Path) -> None:
    global _dropped
    _dropped = path
    settings.put("window/geometry", QByteArray())
    settings.put("window/state", QByteArray())
    settings.put("window/state_check", "")
