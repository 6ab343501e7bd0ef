"""File names the app suggests, made from a design's name or an existing file's: at most so many bytes as the file
system counts them, cut at a character boundary (a 200-letter non-Latin name made a 600-byte name the file system
refused with "File name too long")."""

from __future__ import annotations

import os
from pathlib import Path

STEM_BYTES = 120  # a suggested file name's stem, in UTF-8 bytes: room left under the usual 255 for "-bom.xlsx"


def cut_utf8(text: str, limit: int) -> str:
    """`text` cut to at most `limit` bytes as the file system counts them, at a character boundary."""
    try:
        data = os.fsencode(text)  # a name read from the file system may hold undecodable bytes
    except UnicodeError:
        data = text.encode("utf-8", "surrogatepass")
    return text if len(data) <= limit else data[:limit].decode("utf-8", "ignore").rstrip()


def safe_stem(name: str, limit: int = STEM_BYTES) -> str:
    """A file stem from a design name ("_" for what a file name should not hold), at most `limit` bytes: a
    200-letter non-Latin name made a 600-byte file name the file system refused."""
    return cut_utf8("".join(c if c.isalnum() or c in "-_ " else "_" for c in name).strip(), limit) or "design"


def path_stem(path: str | os.PathLike, limit: int = 200) -> str:
    """The stem of an existing file for names built on it ("plan.pdf", "plan-bom.xlsx"), cut to leave room."""
    return cut_utf8(Path(path).stem, limit) or "design"
