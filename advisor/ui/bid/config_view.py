"""The Configuration dock: one site's IOS XE configuration sketch (``advisor.configs``) in a read-only monospace
editor, with Copy and "Save all…" (one file per site). The banner above the text says what it is: a sketch to
review, with placeholders to fill in, never a final configuration. The site follows the canvas when one site is
selected; the text follows each analysis while the dock is on screen.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from advisor import configs, numbers
from advisor.configs.files import file_names, write_all
from advisor.results import results_fit
from advisor.ui.bid import save_dialogs
from advisor.ui.bid.worker import Background, Stale
from advisor.ui.rich_text import plain
from advisor.ui.visibility import CatchesUp, on_screen
from advisor.ui.window_status import status_bar_of

log = logging.getLogger(__name__)
INLINE_SITES = 300  # larger designs are sketched in the worker thread (as the analysis runner decides)

BANNER = ("<b>Sketch to review — not a final configuration.</b> &lt;PLACEHOLDERS&gt; and the RFC 5737 addresses "
          "are to replace.")
BANNER_TIP = ("The figures come from the design's busy-hour sizing. Names, interfaces, keys and LAN prefixes in "
              "<ANGLE-BRACKETS> are placeholders, and the addresses are documentation addresses (RFC 5737): replace "
              "them, and check every line against your platform, release and security policy before use.")


class ConfigPanel(CatchesUp, QWidget):
    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("configuration")
        self.document = document
        self.sketches: dict[str, configs.SiteSketch] = {}
        self.error = ""
        self._wanted: str | None = None  # the site to show, kept across refreshes
        self._for = None  # the results the sketches were made from
        # VPN hub (head-end) routers sketched at the hub site: the bill of materials' choice (`set_hubs`), never
        # fewer or more than it counts
        self.hubs = configs.DEFAULT_HUBS
        self._hubs_for = self.hubs  # the hubs the sketches were made with
        self.runner = Background(parent=self)
        self.runner.finished.connect(lambda answer: self._fill(*answer))
        self._dirty = True
        # Called first by Save all: what is typed in the Inspector and not confirmed becomes an edit, and the edited
        # design's analysis lands (the main window's `commit_pending_analysed`, set by `advisor.ui.bid.install`)
        self.before_export: Callable[[], None] | None = None
        self.site = QComboBox(objectName="config-site")
        self.site.setToolTip("The site whose sketch is shown; selecting one site on the canvas shows its sketch")
        self.site.setMinimumContentsLength(24)
        self.site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        copy = QPushButton("Copy", objectName="config-copy", toolTip="Copy this site's sketch to the clipboard")
        save = QPushButton("Save all…", objectName="config-save-all",
                           toolTip="Write one text file per site, named after the site id, into a folder")
        copy.clicked.connect(self.copy)
        save.clicked.connect(lambda: self.save_all())
        self.banner = QLabel(BANNER, objectName="config-banner", toolTip=BANNER_TIP, wordWrap=True)
        self.banner.setMinimumWidth(220)
        self.banner.setStyleSheet("QLabel { background: #fff3cd; color: #5c4400; border: 1px solid #e0b84c; "
                                  "border-radius: 3px; padding: 4px 6px; }")
        self.text = QPlainTextEdit(objectName="config-text", readOnly=True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        self.text.setToolTip("Cisco IOS XE commands with the design's figures; lines starting with ! are comments")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Site:", toolTip=self.site.toolTip()))
        bar.addWidget(self.site)
        bar.addWidget(copy)
        bar.addWidget(save)
        bar.addStretch(1)
        # Above the site, on its own row: beside the buttons it needed 680 pixels, and a narrower dock (the bottom
        # tabs of the smallest window: 470) hid the warning that this is no final configuration.
        layout.addWidget(self.banner)
        layout.addLayout(bar)
        layout.addWidget(self.text, 1)
        self.site.currentIndexChanged.connect(lambda _i: self._site_chosen())
        document.resultsChanged.connect(self.stale)
        document.analysisFailed.connect(self.stale)  # it waits no more: it says so
        document.selectionChanged.connect(self._selection_changed)

    # -- following the design -----------------------------------------------------------------------------------
    def _selection_changed(self, ids) -> None:
        sites = {s.id for s in self.document.design.sites}
        chosen = [i for i in ids if i in sites]
        if len(chosen) == 1:
            self.show_site(chosen[0])

    def refresh(self, wait: bool = False) -> None:
        """Sketch every site of the design as last analysed: here for small designs (or `wait`), else in the
        worker thread (a 10,000-site design takes seconds)."""
        self._dirty = False
        design, results = self.document.design, self.document.results
        if not (self.document.results_current and results_fit(design, results)):
            # the results of the design before an edit (its analysis still running, or failed): no sketches yet
            self._fill({}, "", None)
        elif wait or len(design.sites) <= INLINE_SITES:
            self.runner.cancel()
            self._fill(*_sketch(design, results, self.hubs), results, self.hubs)
        else:
            self.text.setPlainText(f"! Making the sketches of {numbers.count(len(design.sites))} sites…")
            hubs = self.hubs
            self.runner.request(lambda _progress: (*_sketch(design, results, hubs), results, hubs), now=True)

    def set_hubs(self, hubs: int) -> None:
        """The VPN hub (head-end) routers to sketch at the hub site: those the bill of materials counts (its VPN hubs
        set to 4, the spokes' sketches still built tunnels to 2 head-ends)."""
        if hubs != self.hubs:
            self.hubs = hubs
            self.stale()

    def _fill(self, sketches: dict[str, configs.SiteSketch], error: str, results,
              hubs: int = configs.DEFAULT_HUBS) -> None:
        wanted = self._wanted or next(iter(self.document.selected), None)
        self.sketches, self.error, self._for, self._hubs_for = sketches, error, results, hubs
        self.site.blockSignals(True)
        self.site.clear()
        for site_id, sketch in sketches.items():
            label = sketch.site_name if sketch.site_name == site_id else f"{sketch.site_name} ({site_id})"
            self.site.addItem(label, site_id)
        index = self.site.findData(wanted) if wanted is not None else -1
        self.site.setCurrentIndex(index if index >= 0 else 0 if sketches else -1)
        self.site.blockSignals(False)
        self._show_text()

    def stop(self) -> None:
        """Drop pending work and wait for the worker (the window is closing)."""
        self.runner.shutdown()
        self._dirty = True

    def _site_chosen(self) -> None:
        self._wanted = self.current_site()
        self._show_text()

    def current_site(self) -> str | None:
        return self.site.currentData()

    def show_site(self, site_id: str) -> None:
        """Show `site_id`'s sketch (once made, when the sketches are being made in the worker)."""
        self._wanted = site_id
        if self._dirty and on_screen(self):
            self.refresh()
        index = self.site.findData(site_id)
        if index >= 0:
            self.site.setCurrentIndex(index)

    def current_text(self) -> str:
        sketch = self.sketches.get(self.current_site() or "")
        return sketch.text() if sketch is not None else ""

    def _show_text(self) -> None:
        if self.error:
            self.text.setPlainText(f"! The sketches could not be made: {self.error}")
        elif self._for is None:
            failed = self.document.analysis_error is not None and not self.document.results_current
            self.text.setPlainText(f"! {save_dialogs.ANALYSIS_FAILED} The sketches appear once it succeeds." if failed else
                                   "! Waiting for the analysis…")
        elif not self.sketches:
            self.text.setPlainText("! No sites: add a site to see its configuration sketch.")
        else:
            self.text.setPlainText(self.current_text())

    # -- actions ------------------------------------------------------------------------------------------------
    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.current_text())
        bar = status_bar_of(self)  # the main window's, also from a floating dock (its own window has none)
        if bar is not None:
            bar.showMessage(f"Copied the configuration sketch of {self.site.currentText()}", 4000)

    def _may_replace(self, folder: Path) -> bool:
        """Whether the sketches may go into `folder`: asked when files of their names are there already (a user's
        own edited configuration, named after the site, was replaced without a word)."""
        names = list(file_names(list(self.sketches)).values())
        try:
            there = [name for name in names if os.path.lexists(folder / name)]
        except (OSError, ValueError):  # a folder that cannot be looked into: the write says why
            return True
        if not there:
            return True
        return QMessageBox.question(
            self, "Save configuration sketches", plain(replace_question(folder, there, len(names))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No) == QMessageBox.StandardButton.Yes

    def save_all(self, folder: str | Path | None = None) -> list[tuple[str, Path]]:
        """Write every site's sketch into `folder` (asked for when None); the files written."""
        if self.before_export is not None:
            self.before_export()
        if save_dialogs.refuse_stale(self, "Save configuration sketches", self.document):
            return []  # the analysis of the design as it is failed: the results are another design's
        if self._dirty or self._for is not self.document.results or self._hubs_for != self.hubs:
            self.refresh(wait=True)
        if not self.sketches:
            return []
        if folder is None:
            start, _stem = save_dialogs.folder_and_stem(self.document)
            folder = QFileDialog.getExistingDirectory(self, "Save configuration sketches into", str(start))
            if not folder:
                return []
        if not self._may_replace(Path(folder)):
            return []
        written: list[tuple[str, Path]] = []  # filled as the files are written: what an error leaves written too
        done = save_dialogs.write_file(self, "Save configuration sketches", Path(folder),
                                       lambda p: write_all(p, self.sketches, written))
        bar = status_bar_of(self)
        if bar is not None and (done or written):
            wrote = numbers.counted(len(written), "sketch", "sketches")
            bar.showMessage(
                f"Wrote {wrote} into {folder}" if done else
                f"Wrote {numbers.count(len(written))} of the {numbers.counted(len(self.sketches), 'sketch', 'sketches')} "
                f"into {folder} before the error; the others were not written", 0 if not done else 6000)
        return written


REPLACE_NAMES_SHOWN = 5


def replace_question(folder: Path, names: list[str], total: int) -> str:
    """The question before sketches replace files of the same names in `folder` (the first few named)."""
    from advisor.ui.settings import shown

    if len(names) == 1:
        return (f"{names[0]} is already in {shown(folder)}.\n\nReplace it with this design's sketch? The file there "
                "now is not kept.")
    listed = ", ".join(names[:REPLACE_NAMES_SHOWN]) + (" …" if len(names) > REPLACE_NAMES_SHOWN else "")
    return (f"{numbers.count(len(names))} of the {numbers.count(total)} files are already in {shown(folder)} "
            f"({listed}).\n\nReplace them with this design's sketches? The files there now are not kept.")


def _sketch(design, results, hubs: int = configs.DEFAULT_HUBS) -> tuple[dict[str, configs.SiteSketch], str]:
    """(the sketches, '') or ({}, why they could not be made): a rule bug is shown in the dock, never raised."""
    try:
        return configs.sketches(design, results, hubs), ""
    except Stale:
        raise  # on the worker, made stale by a newer request or the window closing: it stops, and says nothing
    except Exception as exc:
        log.exception("configuration sketches failed")
        return {}, f"{type(exc).__name__}: {exc}"
