"""The autosave files earlier instances left behind: which to offer for recovery at start-up, and the leftovers
(temporaries, lock files) to clear. This instance's own file and lock are advisor.ui.files's."""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

from PySide6.QtCore import QLockFile

from advisor.atomic import remove_stale_temps


def _folder() -> Path:
    from advisor.ui import files  # at call time: the folder as the files module names it (a test may move it)

    return files.autosave_folder()


def _ours() -> Path:
    from advisor.ui import files

    return files.autosave_path()


def orphaned_autosaves() -> list[Path]:
    """Autosave files no running instance holds: left by an instance that crashed or was killed (and the single
    file earlier versions wrote), oldest first."""
    folder = _folder()
    found = []
    try:
        listed = sorted(folder.glob("autosave-*.json"))
    except OSError:  # a folder that cannot be read (mode 000 after `sudo advisor`; a path too long): an "Unexpected
        listed = []  # error" dialog at every start; the autosave's own status message says the rest
    for path in [folder / "autosave.json", *listed]:
        try:
            if not path.is_file() or path == _ours():
                continue
        except OSError:
            continue
        try:  # a lock file that is not a regular file (a named pipe) blocked start-up on reading it: never read
            irregular = not stat.S_ISREG(os.stat(path.with_suffix(".lock")).st_mode)
        except OSError:  # none: free
            irregular = False
        # Such a lock holds no instance (each instance's lock is a regular file of a name its own), so its autosave
        # is offered: skipped, the work in it was never offered again
        if path.name == "autosave.json" or irregular or _ended(path.with_suffix(".lock")):
            found.append(path)
    return sorted(found, key=_modified)


def _ended(lock_path: Path) -> bool:
    """Whether the instance behind the lock file has ended: the lock free or stale (a process no longer running),
    or garbled (`garbled`)."""
    lock = QLockFile(str(lock_path))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()  # (removes the file)
        return True
    return garbled(lock, lock_path)


GARBLED_LOCK_AGE_S = 60  # a lock file QLockFile cannot read, unchanged this long: its instance has ended


def garbled(lock: QLockFile, lock_path: Path) -> bool:
    """Whether a lock that `tryLock` refused names no instance at all and has sat unchanged for a minute: empty or
    garbled (an instance ended between creating its lock and writing it), which QLockFile never judges stale, so
    the autosave beside it was never offered and never cleared. A lock naming an instance (running, or on another
    machine sharing the folder) is left to QLockFile's judgement; so is a fresh one, which a starting instance may
    be writing. The recovery removes it with the autosave (`discard_autosave`); one alone, the clearing of
    leftovers (`remove_abandoned_autosave_temps`)."""
    if lock.getLockInfo()[0] > 0:  # (pid, host, app): a process named
        return False
    try:
        return time.time() - os.stat(lock_path).st_mtime > GARBLED_LOCK_AGE_S
    except OSError:
        return False


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


_AUTOSAVE_TEMP = re.compile(r"\.(autosave(?:-[0-9]+-[0-9a-f]{8})?\.json)\.[a-z0-9_]{8}\.tmp")


def remove_abandoned_autosave_temps() -> list[Path]:
    """Remove the temporaries of autosaves killed midway (a 10,000-site design: 14 MB each), and the lock files of
    instances that ended before their first autosave; returns what was removed. Never raises.

    Each instance autosaves to a file of its own, and only a later save of that same file removed its temporaries:
    once its instance had ended none came, and they piled up. A temporary a running autosave holds is locked and
    kept (`advisor.atomic.remove_stale_temps`), as is the lock file of an instance still running.
    """
    folder = _folder()
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries]
    except OSError:
        return []
    removed: list[Path] = []
    for target in sorted({m.group(1) for name in names if (m := _AUTOSAVE_TEMP.fullmatch(name))}):
        removed += remove_stale_temps(folder / target)
    ours = _ours().with_suffix(".lock")
    for name in names:
        lock_path = folder / name
        if not (name.startswith("autosave-") and name.endswith(".lock")) or lock_path == ours \
                or f"{name[:-len('.lock')]}.json" in names:
            continue  # a lock beside its autosave file is the recovery's to clear, with the file
        try:
            if not stat.S_ISREG(os.stat(lock_path, follow_symlinks=False).st_mode):
                continue
        except OSError:
            continue
        if _ended(lock_path):
            with contextlib.suppress(OSError):
                lock_path.unlink(missing_ok=True)
            removed.append(lock_path)
    return removed


def discard_autosave(path: Path) -> None:
    """Remove a recovered (or refused) autosave file and its lock file."""
    for item in (path, path.with_suffix(".lock")):
        with contextlib.suppress(OSError):
            item.unlink(missing_ok=True)
