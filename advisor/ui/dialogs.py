"""Message dialogs wide enough for what they say: a file path or a link id stays on one line, never broken
mid-word, and the text can be selected and copied (to a colleague, into a ticket).

Qt's QMessageBox picks a narrow width and breaks long words anywhere; this dialog sizes itself from its text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QPalette, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from advisor.ui.rich_text import without_overrides

MIN_WIDTH = 560  # px of text: a sentence and a path read as lines, not as a column of words
MAX_SCREEN_SHARE = 0.9  # of the screen's available width
MAX_TEXT_LINES = 14  # taller texts scroll


class MessageDialog(QDialog):
    """An icon, a bold headline (the title), the message in a selectable text area, optional details, OK."""

    def __init__(self, parent: QWidget | None, title: str, text: str, details: str = "", critical: bool = False):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("message-dialog")
        self.text, self.details = text, details
        style = self.style()
        icon = QLabel()
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical if critical else QStyle.StandardPixmap.SP_MessageBoxWarning
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(style.standardIcon(pixmap, None, self).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        headline = QLabel(title)
        font = headline.font()
        font.setBold(True)
        headline.setFont(font)
        self.body = _text_area(text, "message-text")
        column = QVBoxLayout()
        column.addWidget(headline)
        column.addWidget(self.body, 1)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(column, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        self.details_area: QPlainTextEdit | None = None
        if details:
            self.details_area = _text_area(details, "message-details", framed=True)
            self.details_area.setVisible(False)
            layout.addWidget(self.details_area, 2)
            toggle = QPushButton("Show details")
            toggle.setCheckable(True)
            toggle.toggled.connect(self._show_details)
            buttons.addButton(toggle, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()  # Enter closes; no caret in the text
        self._size_to_text(icon.sizeHint().width())

    def _size_to_text(self, icon_width: int) -> None:
        """Wide enough for the longest word (a path) and, within reason, the longest line; the text wrapped
        between words only (Qt would also break at a hyphen or a slash, inside a path or an id)."""
        metrics = QFontMetrics(self.body.font())
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        chrome = icon_width + 60  # icon, margins, the text area's frame and a scroll bar's room
        limit = int(screen.width() * MAX_SCREEN_SHARE) - chrome
        lines = self.text.splitlines() or [""]
        longest_word = max((metrics.horizontalAdvance(w) for line in lines for w in line.split()), default=0)
        longest_line = max(metrics.horizontalAdvance(line) for line in lines)
        width = max(MIN_WIDTH, min(max(longest_word, min(longest_line, 2 * MIN_WIDTH)), limit))
        wrapped = wrap_words(self.text, metrics.horizontalAdvance, width)
        self.body.setPlainText(without_overrides(wrapped))  # a path's or a name's override turned our words around
        widest = max(metrics.horizontalAdvance(line) for line in wrapped.splitlines() or [""])
        rows = min(len(wrapped.splitlines()) or 1, MAX_TEXT_LINES)
        scroll = self.body.horizontalScrollBar().sizeHint().height() if widest > width else 0
        self.body.setMinimumWidth(width + 2 * int(self.body.document().documentMargin()))
        self.body.setFixedHeight(rows * metrics.lineSpacing() + metrics.height() + scroll)
        # Both set once, before the window exists: a minimum the layout keeps raising is a size hint sent to the
        # window system with every change (and a warning on platforms without them).
        self.setMinimumSize(width + chrome, self.sizeHint().height())

    def _show_details(self, shown: bool) -> None:
        if self.details_area is not None:
            self.details_area.setVisible(shown)
            self.adjustSize()


def wrap_words(text: str, advance, width: int) -> str:
    """``text`` with its lines broken at spaces only, each at most ``width`` wide where its words allow (a single
    longer word gets a line of its own); the indent of a line is kept on its continuation lines."""
    out: list[str] = []
    for line in text.splitlines() or [""]:
        indent = line[:len(line) - len(line.lstrip())]
        current = ""
        for word in line.split():
            candidate = f"{current} {word}" if current else indent + word
            if current and advance(candidate) > width:
                out.append(current)
                current = indent + word
            else:
                current = candidate
        out.append(current)
    return "\n".join(out)


def _text_area(text: str, name: str, framed: bool = False) -> QPlainTextEdit:
    area = QPlainTextEdit(objectName=name, readOnly=True)
    area.setPlainText(text)
    # The dialog wraps the message itself, between words; Qt never breaks a line (a path or an id longer than the
    # text area scrolls sideways instead of splitting).
    area.setWordWrapMode(QTextOption.WrapMode.NoWrap)
    area.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
    area.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                 | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    if not framed:  # the message reads as the dialog's text, not as a field
        area.setFrameShape(QFrame.Shape.NoFrame)
        palette = area.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        area.setPalette(palette)
    return area


def show_error(parent: QWidget | None, title: str, text: str, details: str = "", critical: bool = False) -> None:
    """A modal message: ``title`` names what failed ("Cannot open design"), ``text`` says why and where."""
    MessageDialog(parent, title, text, details, critical).exec()
