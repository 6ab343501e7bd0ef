"""Write the sketches to a folder: one text file per site, named after the site id, each written atomically.

Site ids are letters, digits, '.', '_' and '-', but '.', '..', a name starting with '.' (hidden), Windows' reserved
device names (CON, NUL, COM1 …) and ids that differ only in case (one file on Windows and macOS) cannot all be
file names as they are: such names get a '_' prefix or suffix, and a case-insensitive collision a '-2', '-3' …
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from advisor.configs._base import SiteSketch

SUFFIX = ".txt"
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.\-]")
MAX_STEM = 120


def file_stem(site_id: str) -> str:
    """A file name (without extension) for the site id, safe on Windows, macOS and Linux."""
    stem = _UNSAFE.sub("_", site_id)[:MAX_STEM] or "_"
    if stem.startswith("."):
        stem = "_" + stem
    if stem.rstrip(".") != stem:  # Windows drops trailing dots
        stem = stem.rstrip(".") + "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = stem + "_"
    return stem


def file_names(site_ids: list[str]) -> dict[str, str]:
    """Site id -> file name, unique regardless of case, in the order given."""
    taken: set[str] = set()
    tried: dict[str, int] = {}  # stem, in lower case -> the last number it took: every lower one is taken already
    out = {}
    for site_id in site_ids:
        stem = file_stem(site_id)
        key = stem.lower()
        name, n = stem + SUFFIX, tried.get(key, 1)
        if n > 1:
            name = f"{stem}-{n}{SUFFIX}"
        while name.lower() in taken:  # the first free name, as counting from 1 finds it (names are never freed)
            n += 1
            name = f"{stem}-{n}{SUFFIX}"
        tried[key] = n
        taken.add(name.lower())
        out[site_id] = name
    return out


def write_all(folder: str | os.PathLike, sketches: dict[str, SiteSketch],
              written: list[tuple[str, Path]] | None = None) -> list[tuple[str, Path]]:
    """Write every sketch into `folder` (created if missing); (site id, path) per file written, in order, also in
    `written` when given (a caller then knows what was written before an error). OSError when the folder cannot be
    made or a file cannot be written (files written before stay): a folder whose name holds a NUL character, or a
    path that is a file or a device, is refused with an OSError in words (`make_folder`)."""
    from advisor.atomic import fsync_dir
    from advisor.io import write_atomic_many

    folder = Path(folder)
    make_folder(folder)
    names = list(file_names(list(sketches)).items())
    written = [] if written is None else written
    try:  # each sketch made just before its batch is written: thousands of texts are never held at once
        for start in range(0, len(names), _BATCH):
            batch = [(site_id, folder / name) for site_id, name in names[start:start + _BATCH]]
            write_atomic_many([(path, sketches[site_id].text().encode("utf-8")) for site_id, path in batch],
                              batch=_BATCH)
            written.extend(batch)
    finally:  # the names of every file written (before an error too), flushed once: a flush per file doubled the time
        fsync_dir(folder)
    return written


def make_folder(folder: Path) -> None:
    """Make `folder` (and its parents) unless it is there. OSError in words, naming the folder as its filename, as
    `advisor.atomic.target` words a file: Python said "embedded null byte" (a ValueError) for a NUL in the name, and
    "File exists" for a path that is a file, a device or a link to nothing."""
    import errno
    import stat

    if "\x00" in os.fspath(folder):
        raise OSError(errno.EINVAL, "the folder's name contains a NUL character; choose another folder", str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        try:
            mode = os.stat(folder).st_mode
        except OSError:  # a link to nothing (or a loop of links)
            raise NotADirectoryError(errno.ENOTDIR, "is a link to nothing (a folder or file that does not exist), "
                                                    "not a folder; choose a folder", str(folder)) from None
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
            raise NotADirectoryError(errno.ENOTDIR, "is a device, not a folder; choose a folder",
                                     str(folder)) from None
        if not stat.S_ISDIR(mode):
            raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder; choose a folder", str(folder)) from None
        raise  # a folder after all (made by another program meanwhile): mkdir's own error


_BATCH = 128  # sketches per flush to disk
