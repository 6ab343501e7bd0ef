"""The bar above the canvas that says the design's file was changed, deleted, made unreadable or spoiled by another
program, with the choices that fit (as code editors do: a line of text and two buttons, nothing that stops the
work)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QStyle

TEXT_CHARS = 36  # below this many characters beside the buttons, the buttons go under the text

# state -> (text, tooltip) with {name}; "changed" has two texts, by whether the design has unsaved changes
_TEXTS = {
    "changed": "“{name}” was changed by another program.",
    "changed+modified": "“{name}” was changed by another program. Your unsaved changes here are kept until you "
                        "choose.",
    "deleted": "“{name}” was deleted or moved by another program. The design stays open here; save it to write the "
               "file again.",
    "unreadable": "“{name}” can no longer be read: permission to read it was taken away. The design stays open "
                  "here; save it to write the file again.",
    "invalid": "“{name}” was changed by another program and no longer holds a design. The design stays open here; "
               "save it to replace the file.",
}
_RELOAD_TIPS = {
    False: "Show the file's new version here (Edit ▸ Undo brings this version back)",
    True: "Show the file's new version here instead of your changes (Edit ▸ Undo brings them back)",
}
_KEEP_TIPS = {
    False: "Keep the design shown here; it counts as unsaved, and saving replaces the file",
    True: "Keep your changes; saving replaces the file",
}


class ChangedBar(QFrame):
    """Hidden until `show_state` gives it a state; its buttons are the owner's to connect."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("file-changed-bar")
        # A tint over the window's own colours: readable in the light and the dark theme alike
        self.setStyleSheet("#file-changed-bar { background: rgba(255, 183, 0, 0.16); "
                           "border-bottom: 1px solid rgba(178, 106, 0, 0.55); }")
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        self.text = QLabel(objectName="file-changed-text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # the file's name as written
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.reload = QPushButton("&Reload", objectName="file-changed-reload")
        self.keep = QPushButton("&Keep This Version", objectName="file-changed-keep")
        self.save = QPushButton("Save &Again", objectName="file-changed-save")
        self.save.setToolTip("Write the design shown here to its file")
        self.dismiss = QPushButton("Dis&miss", objectName="file-changed-dismiss")
        self.dismiss.setToolTip("Hide this bar; the design stays unsaved until you save it")
        # The text and the buttons side by side, or the buttons under the text in a narrow window (beside it they
        # were squeezed to "ep My Chang" and the text to a word a line)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.text, 1)
        self._layout.addLayout(head, 1)
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        for button in (self.reload, self.keep, self.save, self.dismiss):
            button.setAutoDefault(False)
            self._buttons.addWidget(button)
        self._layout.addLayout(self._buttons)
        self.state = ""
        self.hide()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._place_buttons(event.size().width())
        super().resizeEvent(event)

    def _place_buttons(self, width: int) -> None:
        text = self.fontMetrics().averageCharWidth() * TEXT_CHARS
        beside = width >= text + self._buttons.sizeHint().width() + 40  # the icon, margins and spacing
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)

    def show_state(self, state: str, name: str, modified: bool) -> None:
        self.state = state
        if not state:
            self.hide()
            return
        key = "changed+modified" if state == "changed" and modified else state
        self.text.setText(_TEXTS[key].format(name=name))
        changed = state == "changed"
        self.reload.setVisible(changed)
        self.keep.setVisible(changed)
        self.keep.setText("&Keep My Changes" if modified else "&Keep This Version")
        self.reload.setToolTip(_RELOAD_TIPS[modified])
        self.keep.setToolTip(_KEEP_TIPS[modified])
        self.save.setVisible(not changed)
        self.dismiss.setVisible(not changed)
        self._place_buttons(self.width())  # other buttons, another width
        self.show()
