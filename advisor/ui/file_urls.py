"""Design files named by URLs: what a drag onto the window carries, and the file:// URL of a saved file, whatever
bytes its name holds.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QUrl

OPENABLE = (".json", ".pdf")  # what a drop onto the window opens: design files, and PDFs made by advisor


def dropped_design(mime) -> Path | None:
    """The design file a drag carries (a QMimeData): its one local file ending in .json or .pdf; None for anything
    else (several files, a folder's name, a web address, text), which the window then refuses as a drop."""
    if mime is None or not mime.hasUrls():
        return None
    urls = mime.urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = _local_path(urls[0])
    return path if path.suffix.lower() in OPENABLE else None


def _local_path(url) -> Path:
    """The file a file:// URL names. A name that is not UTF-8 (Latin-1 bytes on a UTF-8 system) comes percent-encoded
    (%FF), which QUrl decodes as UTF-8 to a replacement character, a file that does not exist: on POSIX systems the
    bytes are decoded as the system decodes file names instead, as Python's own functions give such names."""
    text = url.toLocalFile()
    if "\ufffd" in text and os.name == "posix" and not url.host():
        from urllib.parse import unquote_to_bytes

        encoded = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        return Path(os.fsdecode(unquote_to_bytes(encoded)))
    return Path(text)


def file_url(path: str | os.PathLike) -> QUrl:
    """The file:// URL of `path`, whatever bytes its name holds (QUrl.fromLocalFile drops those that are not UTF-8,
    and the URL then names another file)."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        if os.name == "posix":
            from urllib.parse import quote_from_bytes

            return QUrl.fromEncoded(("file://" + quote_from_bytes(os.fsencode(Path(text).absolute()))).encode("ascii"))
    return QUrl.fromLocalFile(text)
