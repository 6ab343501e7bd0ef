"""The pieces of `advisor.io.write_atomic`: locked temporaries, the removal of those killed saves left, the file a
save replaces, and its permissions.

Each temporary is locked while its save runs, so the next save removes what a killed one left at once (the kernel
drops a dead process's locks), and never the temporary of a save still running in another window.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import threading
import time
import zlib
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; temporaries are told apart by their age alone
    fcntl = None

STALE_TEMP_SECONDS = 5.0  # without locks: a temporary this old belongs to a save that was killed
_LISTING_SECONDS = 0.25  # how long one look at a crowded folder's temporaries serves the saves into that folder
_CROWDED = 256  # entries from which a folder's listing is kept that long (below, listing it costs microseconds)
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_"  # the characters tempfile uses for its names
# any name write_atomic makes, for any file; DOTALL: a file name may hold a line break, and the temporaries of a
# killed save of such a file were never found again
_TEMP_SHAPE = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp", re.DOTALL)
_listings: dict[str, tuple[float, list[str]]] = {}


NAME_MAX_BYTES = 255  # the longest file name most file systems take (ext4, XFS, APFS, NTFS: 255 units)
_TAIL = len("XXXXXXXX.tmp")


def temp_prefix(name: str, backup: bool = False) -> str:
    """How the temporaries of file `name` begin: ".NAME." (".NAME.bak." for its backup's), or, where the
    temporary's name would be longer than a file name may be, the name cut short with a checksum of the whole:
    ".NAM~1a2b3c4d." (a 250-byte name is a legal file name; its temporary must be one too)."""
    kind = "bak." if backup else ""
    full = f".{name}.{kind}"
    if len(encoded_name(full)) + _TAIL <= NAME_MAX_BYTES:
        return full
    tag = f"~{zlib.crc32(encoded_name(name)):08x}."
    room = NAME_MAX_BYTES - _TAIL - len(tag) - len(kind) - 1
    cut = name
    while len(encoded_name(cut)) > room:  # whole characters only
        cut = cut[:-1]
    return f".{cut}{tag}{kind}"


def encoded_name(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")  # a file name's bytes, as the system takes them


def _temp_pattern(name: str) -> re.Pattern:
    # exactly the names write_atomic makes for this file: its own temporaries and its backup's (`temp_prefix`)
    starts = "|".join(map(re.escape, dict.fromkeys((temp_prefix(name), temp_prefix(name, True)))))
    return re.compile(f"(?:{starts})" + r"[a-z0-9_]{8}\.tmp")


def _temporaries(folder: Path) -> list[str]:
    """The names in `folder` shaped like our temporaries; in a crowded folder one listing serves a burst of saves
    (writing 5,000 configuration sketches must not list the folder 5,000 times). A design's folder of a few files is
    listed at every save: with the listing kept, a save killed in another process just after this one's left its
    temporary past this process's next save, a quarter second later."""
    key, now = os.path.abspath(folder), time.monotonic()
    cached = _listings.get(key)
    if cached is not None and now - cached[0] < _LISTING_SECONDS:
        return cached[1]
    seen = 0
    try:
        with os.scandir(folder) as entries:
            names = []
            for entry in entries:
                seen += 1
                if entry.name.endswith(".tmp") and _TEMP_SHAPE.fullmatch(entry.name):
                    names.append(entry.name)
    except OSError:
        names = []
    if seen >= _CROWDED:
        if len(_listings) > 64:
            _listings.clear()
        _listings[key] = (now, names)
    return names


def remove_stale_temps(path: str | os.PathLike, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temporaries that killed saves of `path` left in its folder; returns what was removed.

    Only our own names for this file (see `_temp_pattern`), only regular files, and only those no running save
    holds: where the file system has locks, a temporary nobody has locked goes at once; elsewhere one not
    modified for `older_than` seconds. Never raises.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    removed: list[Path] = []
    prefixes = (temp_prefix(path.name), temp_prefix(path.name, True))
    candidates = [name for name in _temporaries(folder) if name.startswith(prefixes)]
    if candidates:  # the pattern is compiled only then: 5,000 sketches would overflow the regex cache
        pattern = _temp_pattern(path.name)
        for name in candidates:
            if pattern.fullmatch(name) and _remove_if_abandoned(folder / name, older_than):
                removed.append(folder / name)
    return removed


_ANY_TEMP = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp", re.DOTALL)  # .NAME.XXXXXXXX.tmp: NAME, the file it replaces


def remove_abandoned_in(folder: str | os.PathLike, suffix: str) -> list[Path]:
    """Remove from `folder` the temporaries that killed saves of any file whose name ends in `suffix` left there;
    returns what was removed. `remove_stale_temps` cleans a file's own, at its next save: a folder of 10,000
    configuration sketches killed while it was written kept up to 128 of them when the next run wrote one site's
    sketch, or when the sites had other ids by then. Only temporaries made by `locked_temp` (`_signed`) that no
    running save holds go: a name another program made is never guessed at by its age here. Never raises."""
    folder = Path(folder)
    removed: list[Path] = []
    for name in _temporaries(folder):
        shaped = _ANY_TEMP.fullmatch(name)
        if shaped and shaped.group(1).endswith(suffix) and _signed(name) \
                and _remove_if_abandoned(folder / name, float("inf")):
            removed.append(folder / name)
    return removed


def _remove_if_abandoned(temp: Path, older_than: float) -> bool:
    """Unlink `temp` if no running save holds it; True when it was removed.

    Locked: a save is running, keep it. Ours (`_signed`) and unlocked: its save died, remove it at once. Not ours
    (an older version of advisor), or no locks on this file system: only its age tells.
    """
    try:
        fd = os.open(temp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return False
        lock = _try_lock(fd)
        if lock is False:
            return False
        if not (lock and _signed(temp.name)) and time.time() - st.st_mtime < older_than:
            return False
        now = os.stat(temp, follow_symlinks=False)
        if (now.st_ino, now.st_dev) != (st.st_ino, st.st_dev):
            return False  # replaced meanwhile: not the file we looked at
        os.unlink(temp)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool | None:
    """An exclusive lock without waiting: True when taken, False when another holds it, None when this system or
    file system has no locks."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError:
        return None
    return True


_HELD_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def deferred_signals():
    """Hold Ctrl-C (and SIGTERM and SIGHUP where the command line handles them) while a temporary is made and
    recorded by the save that cleans it up: one arriving between the two left the temporary behind (`advisor
    configs` interrupted: a hidden `.NAME.XXXXXXXX.tmp` in 11 of 12 runs). Python runs signal handlers in the main
    thread between its steps, whichever thread the system hands the signal to: for the block, each Python handler
    is swapped for one that notes the signal, and the first noted is handed to the real handler as the block ends,
    where the save's own cleanup removes the temporary. Elsewhere than the main thread nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[tuple[int, object]] = []
    swapped = {}
    for number in _HELD_SIGNALS:
        handler = signal.getsignal(number)
        if callable(handler):  # (the system's default or ignore stay as they are)
            swapped[number] = handler
            signal.signal(number, lambda signum, frame: noted.append((signum, frame)))
    try:
        yield
    finally:
        for number, handler in swapped.items():
            signal.signal(number, handler)
        if noted:
            signum, frame = noted[0]
            swapped[signum](signum, frame)  # raises as it would have: KeyboardInterrupt, the command line's Stopped


def locked_temp(folder: Path, prefix: str) -> tuple[int, str]:
    """A new temporary `PREFIX` + 8 characters + `.tmp`, created exclusively and locked for as long as its
    descriptor is open. Its last character checks the other seven (`_signed`): a temporary so named and left
    unlocked belongs to a save that died. A cleaner in another process could remove it between its creation and
    the lock: then the name no longer leads to our file, and we take another. So too where the cleaner's lock came
    first (it is about to remove the file): a save went on with it and failed at its rename, on a file gone."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        stem = "".join(secrets.choice(_ALPHABET) for _ in range(7))
        tmp = os.path.join(folder, f"{prefix}{stem}{_check(stem)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        if _try_lock(fd) is False:  # a cleaner holds it, and removes it: never ours to use
            os.close(fd)
            continue
        try:
            same = os.stat(tmp, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
        except OSError:
            same = False
        if same:
            return fd, tmp
        os.close(fd)
    raise OSError(errno.EEXIST, "no temporary file could be made here (another program keeps taking the names)",
                  str(folder))


def linked_temp(source: Path, folder: Path, prefix: str) -> tuple[int, str] | None:
    """A second name for the file `source`, shaped and locked like `locked_temp`'s temporaries, so a save can put
    it back if it fails after replacing `source` (a kill leaves a temporary the next save removes); None when
    there is no such file or no hard links can be made here."""
    for _ in range(100):
        stem = "".join(secrets.choice(_ALPHABET) for _ in range(7))
        tmp = os.path.join(folder, f"{prefix}{stem}{_check(stem)}.tmp")
        try:
            os.link(source, tmp, follow_symlinks=False)
        except FileExistsError:
            continue
        except (OSError, NotImplementedError):
            return None
        try:
            fd = os.open(tmp, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return None
        if _try_lock(fd) is False:  # a cleaner took it first and removes it: another name
            os.close(fd)
            continue
        return fd, tmp
    return None


def put_back(kept: tuple[int, str], where: Path) -> None:
    """Put the file `linked_temp` kept back at `where` (never raises: a cleaner may have taken it meanwhile)."""
    if fcntl is None:  # Windows renames no open file
        with contextlib.suppress(OSError):
            os.close(kept[0])
    with contextlib.suppress(OSError):
        os.replace(kept[1], where)


def release(kept: tuple[int, str]) -> None:
    """Drop the second name `linked_temp` made (if still there) and its lock."""
    fd, tmp = kept
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    with contextlib.suppress(OSError):  # closed already where `put_back` had to
        os.close(fd)


def _check(stem: str) -> str:
    return _ALPHABET[zlib.crc32(b"advisor temporary " + stem.encode("ascii")) % len(_ALPHABET)]


def _signed(name: str) -> bool:
    """Whether a temporary's name was made by `locked_temp` (so its save held a lock while it ran)."""
    stem = name[:-len(".tmp")][-8:]
    return len(stem) == 8 and stem.isascii() and _check(stem[:7]) == stem[7]


def replace_locked(tmp: str, target: Path) -> None:
    """With locks, replace while the temporary is still open and locked: no cleaner can take it just before."""
    if fcntl is not None:
        os.replace(tmp, target)


def replace_unlocked(tmp: str, target: Path) -> None:
    """Without locks (Windows), replace once the temporary is closed: an open file cannot be renamed there."""
    if fcntl is None:
        os.replace(tmp, target)


def target(path: Path) -> Path:
    """The file a save replaces. A symbolic link's target: replacing the link itself would leave the file it
    points to (say, in a shared folder) unchanged. A folder or a device in the way is refused with OSError
    (as root, a replace would turn /dev/null into a plain file); a pipe or a socket is replaced, never opened.
    A name with a NUL character is refused with OSError too (the system cannot name such a file; Python would
    raise ValueError from the first call that uses it)."""
    if "\x00" in os.fspath(path):
        raise OSError(errno.EINVAL, "the file name contains a NUL character; choose another file name", str(path))
    with contextlib.suppress(OSError, RuntimeError, ValueError):
        if path.is_symlink():
            path = Path(os.path.realpath(path))
    try:
        st = os.stat(path)
    except (FileNotFoundError, ValueError):
        return path  # nothing there yet (or a dangling link: the replace creates the file it names)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise  # a loop of links: there is no file to replace
        return path  # e.g. no permission to look: the write itself says what is wrong
    if stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder; choose a file name", str(path))
    if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
        raise OSError(errno.EINVAL, "is a device, not a file; choose another file name", str(path))
    return path


def new_file_mode(path: Path) -> int:
    """The saved file's permissions: the existing file's, else 0666 less the umask, as open() gives a new file
    (`locked_temp` makes its temporary 0600, which the replace would otherwise keep)."""
    try:
        st = os.stat(path)
        if stat.S_ISREG(st.st_mode):
            return stat.S_IMODE(st.st_mode) & 0o777  # not set-id bits
    except (OSError, ValueError):
        pass
    try:  # Linux tells the umask without changing it (no window in which another thread's new file gets 0)
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            mask = next(int(line.split()[1], 8) for line in fh if line.startswith("Umask:"))
    except (OSError, ValueError, IndexError, StopIteration):
        mask = os.umask(0o022)
        os.umask(mask)
    return 0o666 & ~mask


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
