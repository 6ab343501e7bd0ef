"""Error dialogs: wide enough for a path or a link id on one line, never broken mid-word, text selectable; the
messages for files that cannot be opened are the file reader's own, naming the file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from advisor import io
from advisor.ui.dialogs import MIN_WIDTH, MessageDialog


@pytest.fixture
def recorded(monkeypatch):
    shown: list[MessageDialog] = []
    monkeypatch.setattr(MessageDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    return shown


def _lines(dialog: MessageDialog) -> list[str]:
    """The text as laid out on screen, one string per visual line (Qt itself never wraps it)."""
    assert dialog.body.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    return dialog.body.toPlainText().splitlines()


def test_a_long_path_stays_on_one_line(qtbot, tmp_path):
    folder = tmp_path / "customer-projects-2026" / "contoso-retail-wan-refresh"
    path = folder / "hq-and-40-stores-over-the-internet-final-v3.json"
    text = f"{path}: invalid design:\n  links[17].capacity_kbps: must be a number (link 'l-store-17-backup')"
    dialog = MessageDialog(None, "Cannot open design", text)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    metrics = QFontMetrics(dialog.body.font())
    word = f"{path}:"
    available = dialog.screen().availableGeometry().width()
    if metrics.horizontalAdvance(word) < available * 0.9 - 200:  # the test screen has room for it
        assert dialog.body.viewport().width() >= metrics.horizontalAdvance(word)
        assert any(word in line for line in _lines(dialog)), _lines(dialog)
    assert dialog.body.width() >= MIN_WIDTH
    for line in _lines(dialog):  # every id and word is whole on its line
        for token in line.split():
            assert token in text.split(), (token, _lines(dialog))
    assert dialog.body.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert " ".join(dialog.body.toPlainText().split()) == " ".join(text.split())  # all of it, in order


def test_words_wrap_at_spaces_only():
    from advisor.ui.dialogs import wrap_words

    def advance(s: str) -> int:
        return 10 * len(s)  # 10 px a character

    # 100 px = 10 characters a line: "aaa bbb" (7) fits, "aaa bbb ccc" (11) does not; the 14-character path gets
    # a line of its own, whole; the indent of "  x y" is kept when it wraps.
    assert wrap_words("aaa bbb ccc /a/long-path.j", advance, 100) == "aaa bbb\nccc\n/a/long-path.j"
    assert wrap_words("  xxxx yyyy zzzz", advance, 100) == "  xxxx\n  yyyy\n  zzzz"
    assert wrap_words("", advance, 100) == ""


def test_details_are_there_on_demand(qtbot):
    dialog = MessageDialog(None, "Unexpected error", "Something went wrong: RuntimeError: x",
                           details="Traceback (most recent call last):\n  ...", critical=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.details_area.isVisible()
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Show details")
    button.click()
    assert dialog.details_area.isVisible()
    assert dialog.details_area.toPlainText().startswith("Traceback")


@pytest.mark.parametrize("content, forbidden", [
    (b"\x81\x82\x83 not text", "codec can't decode"),  # binary: Python's codec words never reach the user
    (b"", "Traceback"),
    (b'{"links": [{"id": "l1", "a": "x", "b": "y", "capacity_kbps": []}]}', "Traceback"),
])
def test_a_file_that_cannot_be_opened_shows_the_readers_message(window, tmp_path, recorded, content, forbidden):
    bad = tmp_path / "customer design.json"
    bad.write_bytes(content)
    with pytest.raises(io.DesignFileError) as caught:
        io.load(bad)
    before = window.document.design
    assert window.files.open_path(bad, ask=False) is False
    (dialog,) = recorded
    assert dialog.windowTitle() == "Cannot open design"
    assert dialog.text == str(caught.value)  # the reader's words, whole: the app adds and drops nothing
    assert "customer design.json" in dialog.text and forbidden not in dialog.text
    assert window.document.design is before
