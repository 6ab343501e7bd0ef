"""Two files that belong together, written so that no moment shows one's new version beside the other's old one:
an exercise sheet and its answer key (`advisor exercises -o SHEET --answers KEY`).

Two renames cannot be one step. A process killed between them (SIGKILL, a power cut) left the new sheet beside the
key of the sheet before: answers to other questions, in 5 of 68 runs killed at that moment. Here the old key is
taken away first (kept under a second name, put back if the writing fails), then the sheet and the key replace
their files. A kill at any step leaves the old sheet without a key, or the new sheet without a key, or the new
pair, each file whole; never a sheet beside another sheet's key. The second name a kill leaves is a temporary of
the key, which the key's next save removes (`advisor.atomic.remove_stale_temps`).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from advisor import atomic


def write_atomic_pair(first: Path, first_data: bytes, second: Path, second_data: bytes) -> None:
    """Replace `first` and `second` with these bytes as a pair (module notes): each file's new content is on disk
    before it replaces the old one. On an error before `first` is replaced, the old pair stays (the old `second`
    put back); after, the new `first` stays without a `second`. The folders' own flush is left to the caller. Where
    files cannot be locked (Windows) the two are written one after the other (`write_atomic_many`)."""
    from advisor.io import write_atomic_many, write_temporaries

    if atomic.fcntl is None or not hasattr(os, "sync"):
        write_atomic_many([(first, first_data), (second, second_data)])
        return
    held: list[tuple[int, str, Path]] = []  # (descriptor, temporary, file it replaces), locked while held
    kept: tuple[int, str] | None = None  # the old second file under a second name, while the pair is replaced
    done = 0  # files replaced
    try:
        write_temporaries([(first, first_data), (second, second_data)], held)
        for fd, _tmp, _target in held:
            os.fsync(fd)
        with atomic.deferred_signals():
            old = held[1][2]
            if _regular(old):
                kept = atomic.linked_temp(old, old.parent, atomic.temp_prefix(old.name))
                os.unlink(old)  # from here a kill leaves no key rather than the old one beside a new sheet
            for _fd, tmp, target in held:
                atomic.replace_locked(tmp, target)
                done += 1
    except BaseException:
        for _fd, tmp, _target in held[done:]:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if kept is not None and done == 0:  # nothing replaced: the old second goes back (its descriptor is closed
            atomic.put_back(kept, held[1][2])  # below, by `release`, whose unlink then finds the name gone)
        # done == 1: the new first is in place, the old second must not come back beside it (released below)
        raise
    finally:
        for fd, _tmp, _target in held:
            os.close(fd)
        if kept is not None:
            atomic.release(kept)


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False
