"""Desktop settings: one table of (key, type, default, doc), stored with QSettings.

Chrome only — window geometry, dock layout, recent files, theme. Anything that changes a result lives in the design.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, qInstallMessageHandler

log = logging.getLogger(__name__)
ORGANIZATION = "uc-design-advisor"
APPLICATION = "advisor"
# Bump when docks are added, removed or renamed: an old saved layout is then ignored instead of half-restored.
WINDOW_STATE_VERSION = 3
MAX_RECENT = 8
# A path whose name is not UTF-8 (Latin-1 bytes on a UTF-8 system) holds lone surrogates, which QSettings drops:
# such a path is stored as its bytes in base64 behind this prefix. Stored paths are absolute, so none starts so.
_PATH_BYTES = "fsbytes:"


class Setting:
    """One setting: its key, its type, the default and what it holds. A plain class: start-up reads settings before
    the first paint, and importing ``dataclasses`` for this table alone cost 4 ms there."""

    __slots__ = ("key", "type", "default", "doc")

    def __init__(self, key: str, type_: type, default: Any, doc: str):
        self.key, self.type, self.default, self.doc = key, type_, default, doc

    def __repr__(self) -> str:
        return f"Setting({self.key!r}, {self.type.__name__}, {self.default!r})"


SETTINGS: tuple[Setting, ...] = (
    Setting("window/geometry", QByteArray, QByteArray(), "main window size and position (saveGeometry)"),
    Setting("window/state", QByteArray, QByteArray(), "dock and toolbar layout (saveState)"),
    Setting("window/state_version", int, 0, "WINDOW_STATE_VERSION that wrote window/state"),
    Setting("window/state_check", str, "", "layout_check(window/state) when it was written"),
    Setting("files/recent", list, [], "recently opened or saved designs, newest first"),
    Setting("files/last", str, "", "the design open when the app last closed; reopened at start-up"),
    Setting("view/theme", str, "system", "system | light | dark"),
    Setting("canvas/snap_to_grid", bool, True, "snap dragged nodes to the grid"),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def qsettings() -> QSettings:
    """The app's QSettings. Tests redirect QSettings.setPath to a temp folder before this is ever called.

    Building a QSettings reads its files there and then: one that is a named pipe (FIFO) blocked start-up for good,
    before any window showed, and a folder or a socket under that name quietly kept nothing. When a file Qt would read
    is not a regular file, or is larger than settings ever are (`MAX_SETTINGS_BYTES`), the settings of this run live
    in a file of their own in a temporary folder instead: they start from the defaults, and the file in the way is
    never opened (`problem` says which one it is)."""
    if _fallback is not None:  # a file was found in the way: this run keeps to its own file
        return QSettings(_fallback, QSettings.Format.IniFormat)
    bad = _file_in_the_way()
    if bad is None:
        return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
    return QSettings(_fallback_file(*bad), QSettings.Format.IniFormat)


_folders: tuple[Path, ...] | None = None  # where Qt looks for the settings files, found once (settings_files)
_fallback: str | None = None
_problem = ""  # `problem()`: the file in the way, with its path (the log's line)
_short = ""  # `problem(short=True)`: with the file's name alone, for a status bar of any width


def settings_files() -> list[Path]:
    """Every file Qt reads to build `qsettings()`: the app's own file and the organisation's, in the user's folder
    and in each system folder (QSettings.setPath's, and on Linux each of XDG_CONFIG_DIRS, which Qt reads too)."""
    global _folders
    if _folders is None:
        # Qt tells where it keeps a settings file but not its folders: asked for one no organisation has (so no file
        # of it exists to be read), it names that file, and its folder's parent is the folder wanted.
        probe = f"{ORGANIZATION}-probe-{os.urandom(8).hex()}"
        folders = [Path(QSettings(QSettings.Format.IniFormat, scope, probe, "probe").fileName()).parent.parent
                   for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope)]
        if os.name == "posix":
            folders += [Path(d) for d in (os.environ.get("XDG_CONFIG_DIRS") or "/etc/xdg").split(":") if d]
        _folders = tuple(dict.fromkeys(folders))
    files = []
    for folder in _folders:
        files += [folder / ORGANIZATION / f"{APPLICATION}.ini", folder / f"{ORGANIZATION}.ini"]
    return files


# The app's settings take a few kilobytes (a window layout, eight recent files). Qt reads a settings file whole, on
# the way to the first window and again at every write: a file of 50 MB (grown by another program, or a file put in
# its place) made the start five times slower. One beyond this is not read, as a file that is not regular.
MAX_SETTINGS_BYTES = 4 * 1024 * 1024


def _file_in_the_way() -> tuple[Path, str] | None:
    """The first of `settings_files` that exists and is not a regular file (a named pipe, a folder, a socket, a
    device), or is larger than settings ever are, with why; None when each is a settings file or missing."""
    for path in settings_files():
        try:
            st = os.stat(path)  # follows a link: a link to a regular file is one
        except (OSError, ValueError):  # missing, or a name the system refuses: Qt reads nothing there either
            continue
        if not stat.S_ISREG(st.st_mode):
            return path, "is not a regular file"
        if st.st_size > MAX_SETTINGS_BYTES:
            return path, f"is {st.st_size / 2**20:,.0f} MB, far larger than settings are"
    return None


def _fallback_file(bad: Path, why: str) -> str:
    """The settings file of this run when `bad` is in the way: in a temporary folder made for it, said once."""
    global _fallback, _problem, _short
    if _fallback is None:
        import atexit
        import shutil
        import tempfile

        try:
            folder = tempfile.mkdtemp(prefix="advisor-settings-")
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            _fallback = str(Path(folder) / f"{APPLICATION}.ini")
        except OSError:  # no temporary folder: Qt's unnamed settings, which keep nothing (the defaults each time)
            _fallback = ""
        _problem = f"Settings file {shown(bad)} {why}; using defaults"
        _short = f"Settings not read ({shown(bad.name)} {why}): using defaults"
        log.warning("%s", _problem)
    return _fallback


def problem(short: bool = False) -> str:
    """Why the settings of this run are not the user's (one line, with the file's path; `short`: with its name
    alone, for the status bar), or ''."""
    return _short if short else _problem


def get(key: str) -> Any:
    spec = _BY_KEY[key]
    with _qt_words_logged():
        raw = qsettings().value(key, spec.default)
    return _coerce(raw, spec)


@contextlib.contextmanager
def _qt_words_logged() -> Iterator[None]:
    """What Qt says while it reads or writes the settings file goes to the log, said once, not to the terminal. A
    file edited by hand may hold a value of a type Qt does not know (``@Variant(\\0\\0\\0\\x7f…)``): Qt printed
    "QVariant::load: unknown user type" or "Trying to construct an instance of an invalid type" as it read the
    file, at every start. (Qt reads the whole file at once: its words are about any value in it. The value it could
    not read comes back invalid, and reads as its default: `_coerce`.)"""
    heard: list[str] = []
    previous = qInstallMessageHandler(lambda _mode, _context, text: heard.append(text))
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
        for text in heard:
            if text not in _unreadable:
                _unreadable.add(text)
                log.warning("the settings file holds a value that cannot be read (%s); it reads as its default", text)


_unreadable: set[str] = set()  # what Qt said of the settings file, logged once


def put(key: str, value: Any) -> None:
    spec = _BY_KEY[key]
    with _qt_words_logged():
        store = qsettings()
        store.setValue(key, _coerce(value, spec))  # (the file is read again as it is written)
        # Written here and now rather than when `store` goes: Qt writes then too, but says only here whether it could.
        # (Puts come from a gesture of the user, never from a loop: opening or saving a file, a theme, the close.)
        store.sync()
    _check_written(store)


def write_notices():
    """What says each new reason the settings cannot be saved: its signal ``failed`` carries the status bar's text
    (`write_problem(short=True)`), once per reason and run, and the main window shows it. A signal, not a stored
    callback: a window's connection ends with the window. Made on the first call, after the first paint."""
    global _notices
    if _notices is None:
        from PySide6.QtCore import QObject, Signal

        class WriteNotices(QObject):
            failed = Signal(str)

        _notices = WriteNotices()
    return _notices


_notices = None
_write_problem = ""  # `write_problem()`: why the last put was not saved, with the file's path (the log's line)
_write_short = ""  # `write_problem(short=True)`: with the file's name alone, for the status bar
_write_said: set[str] = set()  # each reason is logged and shown once per run, not at every put


def write_problem(short: bool = False) -> str:
    """Why the settings changed in this run are not being saved (one line, with the file's path; `short`: with its
    name alone, for the status bar), or '' when the last put was saved."""
    return _write_short if short else _write_problem


def _check_written(store: QSettings) -> None:
    """Record whether the put just synced reached the file: a folder or file that is read-only, a full disk or a
    settings folder that cannot be made lost every change without a word, and the next run had forgotten them."""
    global _write_problem, _write_short
    status = store.status()
    # The first error of a QSettings sticks: a file with lines Qt cannot parse says FormatError from its reading
    # even when the write then succeeds (it rewrites those lines cleanly); whether it could write is then asked.
    failed = status == QSettings.Status.AccessError or (status == QSettings.Status.FormatError
                                                         and not store.isWritable())
    if not failed or _fallback is not None:  # (the fallback's own file: `problem` already says nothing is kept)
        _write_problem = _write_short = ""
        return
    path = Path(store.fileName())
    why, short = _why_not_written(path)
    _write_problem = (f"Settings cannot be saved to {shown(path)} ({why}): the window layout, recent files and theme "
                      "of this session will not be kept")
    _write_short = f"Settings not saved ({short}): the layout, recent files and theme will not be kept"
    if _write_problem not in _write_said:
        _write_said.add(_write_problem)
        log.warning("%s", _write_problem)
        if _notices is not None:  # else no window listens yet: one built later shows `write_problem` itself
            _notices.failed.emit(_write_short)


def _why_not_written(path: Path) -> tuple[str, str]:
    """Why `path` could not be written, as far as permissions tell: (for the log, for the status bar)."""
    name = shown(path.name)
    try:
        folder = path.parent
        if os.path.lexists(path) and not os.access(path, os.W_OK):
            return "the file is read-only", f"{name} is read-only"
        while not os.path.lexists(folder) and folder != folder.parent:  # Qt makes the missing folders first
            folder = folder.parent
        if not folder.is_dir():
            return "its folder cannot be created", f"the folder of {name} cannot be created"
        if not os.access(folder, os.W_OK | os.X_OK):  # the file is replaced by a new one written beside it
            return "its folder is read-only", f"the folder of {name} is read-only"
    except (OSError, ValueError):
        pass
    return "it could not be written", f"{name} could not be written"


def _coerce(raw: Any, spec: Setting) -> Any:
    # INI files give strings back ("true", "2", a lone path instead of a one-item list): normalise to the table's type.
    # A file edited by hand, or written by another program, may hold any value Qt can read back (@Point(1 2), a
    # double that is infinite, @Invalid() in a list): anything that is not the table's type reads as the default.
    if raw is None:
        return spec.default
    if spec.type is bool:
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    if spec.type is int:
        try:
            return int(raw)
        except (TypeError, ValueError, OverflowError):  # "x", a list, nan, an infinite double
            return spec.default
    if spec.type is list:
        if isinstance(raw, str):
            return [raw] if raw else []
        if not isinstance(raw, (list, tuple)):
            return list(spec.default)
        return [v for v in raw if isinstance(v, str) and v]
    if spec.type is QByteArray:
        return raw if isinstance(raw, QByteArray) else spec.default
    return raw if isinstance(raw, spec.type) else spec.default


def layout_check(state: QByteArray) -> str:
    """A checksum of a saved dock layout. Qt's restoreState trusts its input: one byte changed in it (a settings file
    damaged on disk, or edited) can crash the app at every start, before any window shows. Only a layout whose
    checksum matches what was written is handed to Qt. (CRC-32 catches every change of up to four bytes in a row.)"""
    return f"{binascii.crc32(bytes(state)):08x}"


def path_text(path: str | os.PathLike) -> str:
    """`path` as a settings value that gives the same path back (`text_path`), whatever bytes its name holds."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _PATH_BYTES + base64.urlsafe_b64encode(os.fsencode(text)).decode("ascii")
    return text


def text_path(text: str) -> Path | None:
    """The path a settings value written by `path_text` names; None for one that names no file (edited by hand to
    "fsbytes:" and nothing after it, or its bytes empty: as a path, "." would be the current folder)."""
    if text.startswith(_PATH_BYTES):
        try:
            name = os.fsdecode(base64.urlsafe_b64decode(text[len(_PATH_BYTES):].encode("ascii")))
        except (ValueError, binascii.Error):  # edited by hand: taken as written
            pass
        else:
            return Path(name) if name else None
    return Path(text)


def shown(path: str | os.PathLike) -> str:
    """`path` for a label or a title: bytes that are not UTF-8 show as replacement characters (Qt would drop them)."""
    text = os.fspath(path)
    try:
        return os.fsencode(text).decode("utf-8", "replace")
    except (UnicodeError, ValueError):
        return text.encode("utf-8", "replace").decode("utf-8")


def put_path(key: str, path: str | os.PathLike) -> None:
    put(key, path_text(path))


def get_path(key: str) -> Path | None:
    text = get(key)
    return text_path(text) if text else None


def recent_files() -> list[Path]:
    # At most MAX_RECENT, as written: a list edited by hand to thousands of names would fill the menu past the screen.
    # An entry that names no file is left out: it would open "." (the current folder) from an empty menu entry.
    return [path for p in get("files/recent")[:MAX_RECENT] if (path := text_path(p)) is not None]


def add_recent(path: Path) -> list[Path]:
    path = Path(path).resolve()
    items = [path] + [p for p in recent_files() if p != path]
    put("files/recent", [path_text(p) for p in items[:MAX_RECENT]])
    return recent_files()


def is_recent(path: Path) -> bool:
    """Whether File ▸ Open Recent lists `path` (its entries are kept resolved)."""
    wanted = {Path(path)}
    with contextlib.suppress(OSError, ValueError, RuntimeError):  # RuntimeError: a link to itself (Python 3.11)
        wanted.add(Path(path).resolve())
    return any(p in wanted for p in recent_files())


def remove_recent(path: Path) -> None:
    put("files/recent", [path_text(p) for p in recent_files() if p != Path(path)])
