"""Where the bid exports go: a save dialog that suggests a name beside the design, then an atomic write; a failure
ends in a dialog naming the file and the reason, never in an exception."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from advisor import tabular
from advisor.io import short
from advisor.io_errors import write_reason
from advisor.ui.dialogs import show_error

log = logging.getLogger(__name__)

XLSX_FILTER = "Excel workbooks (*.xlsx)"
CSV_FILTER = "CSV files, UTF-8 (*.csv)"


def folder_and_stem(document) -> tuple[Path, str]:
    """The design's folder (else Documents) and a file stem from its file or its name."""
    from advisor.ui.file_stems import path_stem, safe_stem

    path = document.path
    if path is not None:
        return Path(path).parent, path_stem(path)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or "."), safe_stem(document.design.name)


ANALYSIS_FAILED = "The analysis of the design as it is now failed (the status bar says why)."


def refuse_stale(parent: QWidget, title: str, document) -> bool:
    """True, after saying why, when the document's results are not the analysis of the design as it is now (its
    analysis failed): an export of them would write the figures of another design."""
    if document.results_current:
        return False
    why = document.analysis_error
    text = (f"The analysis of the design as it is now failed: {why.rstrip('.')}. Correct the design (or undo the "
            "last edit) and export again." if why else
            "The design as it is now has not been analysed yet; export again once its analysis has finished.")
    show_error(parent, f"{title}: not written", text)
    return True


def ask_save(parent: QWidget, title: str, suggested: Path, filters: Sequence[str]) -> Path | None:
    """The file the user chose (with the extension of the filter chosen added when typed without), or None."""
    chosen, used = QFileDialog.getSaveFileName(parent, title, str(suggested), ";;".join(filters))
    if not chosen:
        return None
    path = Path(chosen)
    wanted = used.split("*")[-1].rstrip(")") if "*" in used else ""
    # A name typed with the extension of another filter offered keeps it: "options.csv" typed with the Excel
    # filter (the one shown first) became an Excel workbook named "options.csv.xlsx".
    offered = {f.split("*")[-1].rstrip(")").lower() for f in filters if "*" in f}
    if wanted and path.suffix.lower() != wanted and path.suffix.lower() not in offered:
        path = path.with_name(path.name + wanted)
    return path


def write_tables(parent: QWidget, title: str, tables: list[tabular.Sheet], document, what: str,
                 path: str | Path | None = None) -> str | None:
    """Ask for a .xlsx (every table) or .csv (the first) file unless `path` is given; write it. Returns the path
    written, or None (cancelled or failed, the user told why)."""
    if path is None:
        folder, stem = folder_and_stem(document)
        path = ask_save(parent, title, folder / f"{stem}-{what}.xlsx", (XLSX_FILTER, CSV_FILTER))
        if path is None:
            return None
    return write_file(parent, title, Path(path), lambda p: tabular.write_table(p, tables))


def write_file(parent: QWidget, title: str, path: Path, write: Callable[[Path], object]) -> str | None:
    """Run `write(path)`; a failure is shown in a dialog that names the file and the reason."""
    try:
        write(path)
    except ValueError as exc:
        if "\x00" in str(path):  # Python's "embedded null byte", from a writer that does not word it itself
            show_error(parent, f"{title}: not written",
                       f"{short(str(path), 200)}: the name contains a NUL character; choose another name")
        else:  # an extension write_table does not know (its message names the file)
            show_error(parent, f"{title}: not written", str(exc))
        return None
    except OSError as exc:
        show_error(parent, f"{title}: not written", f"{short(str(path), 200)}: {write_reason(exc, path)}")
        return None
    except Exception as exc:  # a bug: reported, never raised into Qt's event loop
        log.exception("writing %s failed", path)
        show_error(parent, f"{title}: not written", f"{short(str(path), 200)}: {type(exc).__name__}: {exc}")
        return None
    window = parent.window()
    if hasattr(window, "statusBar"):
        window.statusBar().showMessage(f"Wrote {path}", 6000)
    return str(path)
