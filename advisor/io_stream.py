"""`advisor.io.write_atomic` for a file written a piece at a time (the PDF design document, object by object as
it is saved): the same locked temporary beside the file, flushed, then put in the file's place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import BinaryIO

from advisor import atomic
from advisor.io import temporary


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write the new content of `path` into: a locked temporary in the same folder (so it never
    fills the memory first). When the block ends, the temporary is flushed to disk and replaces the file; when it
    raises, the temporary is removed and the file left as it was. A run killed meanwhile leaves only a temporary,
    unlocked, which the next save of the file removes (`advisor.atomic.remove_stale_temps`): readers see the old
    file or the whole new one, never half.

    A symbolic link is followed, a folder or a device in the way refused with OSError, as `write_atomic` does;
    the temporary is made before the block runs, so a file that cannot be written is told before any work."""
    tmp = None
    try:
        with atomic.deferred_signals():  # made and recorded, or not at all
            path, folder, fd, tmp = temporary(path)
            fh = os.fdopen(fd, "wb")
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            atomic.replace_locked(tmp, path)
        atomic.replace_unlocked(tmp, path)
        atomic.fsync_dir(folder)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
