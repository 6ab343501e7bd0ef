"""The site list's bytes: a regular file's, within the size limit, and whether they are a workbook (a zip file)."""

from __future__ import annotations

import os

from advisor.importer.read_types import ReadError


def read_bytes(path: str | os.PathLike, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most `limit` of them (default MAX_FILE_BYTES): `advisor.io.read_file`'s checks
    (a folder, a device, a pipe or a larger file is refused before it is read), worded for a site list."""
    from advisor.importer.reading import MAX_FILE_BYTES
    from advisor.io import _shown, read_file

    # read_file words an empty path and a NUL in the path, and a name the system cannot take (too long; a file
    # where a folder should be), which read "no such file" here
    if os.fspath(path) and "\x00" not in os.fspath(path):
        try:
            os.lstat(path)
        except FileNotFoundError:
            raise ReadError(f"{_shown(path)}: no such file") from None
        except (OSError, ValueError):
            pass
    return read_file(path, MAX_FILE_BYTES if limit is None else limit, what="site list", error=ReadError)


def is_xlsx(data: bytes) -> bool:
    return data.startswith((b"PK\x03\x04", b"PK\x05\x06"))  # a zip file (an empty one starts with its end)
