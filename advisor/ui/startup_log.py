"""What the app says before its log file is open.

The log file opens after the first paint (`app._setup_logging`), but the settings are read before it: a settings
file that is not a regular file, or one holding a value Qt cannot read, was said on standard error only (Python's
last resort), and the status bar's "the full path is in the log" pointed at a log without it. From the start of
`app.run`, warnings still go to standard error at once, as before, and are kept until the log file opens, which then
gets them with their own times.

The keeping is a list, not `logging.handlers.MemoryHandler`: importing `logging.handlers` (socket, pickle, queue)
costs ~13 ms before the first paint, where the window's budget leaves a few.
"""

from __future__ import annotations

import logging


class _Kept(logging.Handler):
    """Keeps each record for `release` (start-up says a few lines at most)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_said: logging.Handler | None = None  # standard error, at once, the message alone (as the last resort wrote it)
_kept: _Kept | None = None  # the same records, for the log file


def hold() -> None:
    """Say warnings on standard error and keep them for the log file, until `release`."""
    global _said, _kept
    if _kept is not None:
        return
    _said = logging.StreamHandler()
    _said.setLevel(logging.WARNING)
    _said.setFormatter(logging.Formatter("%(message)s"))
    _kept = _Kept()
    root = logging.getLogger()
    root.addHandler(_said)
    root.addHandler(_kept)


def release(log_file: logging.Handler | None) -> None:
    """Hand what was kept to `log_file` (None: no log file could be opened, and standard error has had it), and stop
    keeping."""
    global _said, _kept
    if _kept is None:
        return
    root = logging.getLogger()
    root.removeHandler(_said)
    root.removeHandler(_kept)
    if log_file is not None:
        for record in _kept.records:
            log_file.handle(record)
    _said = _kept = None
