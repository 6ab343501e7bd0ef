"""The temporary files a workbook's sheets stream their rows into, made where a killed export's are found again.

openpyxl's write-only sheets write their rows to a file of their own, `openpyxl.XXXXXXXX` in the system's temporary
folder, and remove it when the workbook is saved, or at the interpreter's normal exit. A process killed meanwhile
(or one that ends at once, as the command line does after its work) left them there for good: 1-3 MB each for a
10,000-site design, one per sheet, per killed export. Each sheet's file is now made and locked as a save's
temporary is (`atomic.locked_temp`: `.advisor-sheet.XXXXXXXX.tmp`), and every export first removes those no running
export holds (the kernel drops a dead process's locks).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from advisor import atomic

PREFIX = ".advisor-sheet."
_NAME = PREFIX[1:-1]  # what `atomic.remove_abandoned_in` matches: the NAME of .NAME.XXXXXXXX.tmp


class SheetFiles:
    """The locked files of one workbook's sheets, for as long as the workbook is written (a context manager)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.gettempdir())
        self._held: list[tuple[int, str]] = []

    def __enter__(self) -> SheetFiles:
        atomic.remove_abandoned_in(self.folder, _NAME)
        return self

    def attach(self, ws) -> None:
        """Give the write-only sheet `ws` a locked file of ours to stream its rows into, where openpyxl would make
        its own. Call it once the sheet's column widths, panes and filters are set and before its first row:
        openpyxl writes those at the top of the file when it opens it (`WriteOnlyWorksheet._get_writer`)."""
        from openpyxl.worksheet import _writer

        fd, path = atomic.locked_temp(self.folder, PREFIX)
        self._held.append((fd, path))
        _writer.ALL_TEMP_FILES.append(path)  # the list openpyxl's own cleanup takes the file out of
        ws._writer = _writer.WorksheetWriter(ws, out=path)
        ws._writer.write_top()

    def __exit__(self, *exc) -> None:
        from openpyxl.worksheet import _writer

        for fd, path in self._held:
            with contextlib.suppress(OSError):  # saved or discarded, openpyxl removed it already
                os.unlink(path)
            with contextlib.suppress(ValueError):
                _writer.ALL_TEMP_FILES.remove(path)
            os.close(fd)
        self._held.clear()
