"""A design file dropped on the window opens, as File ▸ Open does; anything else dropped is refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from advisor import io
from advisor.commands import SetFields
from advisor.ui.files import dropped_design

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _mime(*urls: QUrl | str) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([u if isinstance(u, QUrl) else QUrl.fromLocalFile(u) for u in urls])
    return mime


def test_only_one_local_design_file_counts_as_a_design(tmp_path):
    assert dropped_design(_mime(str(EXAMPLE))) == EXAMPLE
    assert dropped_design(_mime(str(tmp_path / "Design.PDF"))) == tmp_path / "Design.PDF"
    assert dropped_design(_mime(str(EXAMPLE), str(EXAMPLE))) is None  # several files: which one?
    assert dropped_design(_mime(QUrl("https://example.com/d.json"))) is None
    assert dropped_design(_mime(str(tmp_path / "notes.txt"))) is None
    assert dropped_design(_mime(str(tmp_path))) is None  # a folder's name has no design suffix
    text = QMimeData()
    text.setText(str(EXAMPLE))
    assert dropped_design(text) is None and dropped_design(None) is None


def _drop(window, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    for _ in range(3):
        QApplication.processEvents()
    return event


def test_a_dropped_design_opens_after_asking_about_unsaved_changes(window, dialogs):
    window.document.push(SetFields("design", {"name": "Unsaved work"}))
    dialogs["answers"].append(QMessageBox.StandardButton.Discard)
    event = _drop(window, _mime(str(EXAMPLE)))
    assert event.isAccepted()
    assert [title for title, _text in dialogs["question"]] == ["Unsaved changes"]
    assert window.document.design == io.load(EXAMPLE) and window.document.path == EXAMPLE.resolve()


def test_a_dropped_hostile_file_is_named_and_the_design_stays(window, dialogs):
    before = window.document.design
    _drop(window, _mime(str(HOSTILE / "list.json")))
    assert window.document.design == before
    ((_title, text),) = dialogs["warning"]
    assert "a design file must hold a JSON object, not a list" in text
    event = _drop(window, _mime(QUrl("https://example.com/d.json")))
    assert not event.isAccepted() and window.document.design == before
