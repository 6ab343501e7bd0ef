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
    made or a file cannot be written (files written before stay)."""
    from advisor.atomic import fsync_dir
    from advisor.io import write_atomic_many

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
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


_BATCH = 128  # sketches per flush to disk
