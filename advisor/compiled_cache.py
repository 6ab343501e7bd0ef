"""The compiled routing loops' machine code on disk, kept in step with their sources.

numba caches each compiled function next to its module (`__pycache__/*.nbi`, `*.nbc`) and checks only that
module's own file before it reuses the code: `routing_kernels.heap_sources` compiled with yesterday's
`routing_search.lowest` inside it stays yesterday's after routing_search.py alone changes (an update, or an edit
here). So before the loops load, a digest of all their sources is compared with the one their cache was made
from, and on any change their cached code is dropped: numba compiles it again (~10 s, once) from the sources as
they are."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

SOURCES = ("routing_search.py", "routing_kernels.py", "routing_hubs.py", "routing_points_kernel.py",
           "routing_pairs_kernel.py")  # the compiled loops and what they call
STAMP = "compiled-loops.stamp"  # in the cache folder: the digest of SOURCES its machine code was made from


def refresh(folder: Path | None = None) -> bool:
    """Drop the cached machine code of the loops in `folder` (the advisor package) when their sources are not those
    it was made from; True when some was dropped. Never raises: a folder that cannot be read or written (an
    installed, read-only package: numba then caches in the user's folder) is left as it is."""
    folder = Path(__file__).resolve().parent if folder is None else folder
    try:
        digest = hashlib.sha256(b"\0".join((folder / name).read_bytes() for name in SOURCES)).hexdigest()
    except OSError:
        return False
    cache = folder / "__pycache__"
    stamp = cache / STAMP
    with contextlib.suppress(OSError):
        if stamp.read_text(encoding="ascii") == digest:
            return False
    dropped = False
    for name in SOURCES:
        for path in cache.glob(f"{name[:-3]}.*.nb[ic]"):
            with contextlib.suppress(OSError):
                path.unlink()
                dropped = True
    # written whole or not at all: a stamp cut short by a kill (SIGKILL, a power cut) made the next run compile the
    # loops again (~10 s) for nothing
    part = stamp.with_name(f"{STAMP}.{os.getpid()}.part")
    with contextlib.suppress(OSError):
        part.write_text(digest, encoding="ascii")
        os.replace(part, stamp)
    with contextlib.suppress(OSError):
        part.unlink(missing_ok=True)
    return dropped
