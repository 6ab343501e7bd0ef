"""The Inspector's pieces of form: a titled, collapsible section of rows, the group of fields it edits (one model,
its targets in the design), and the Edit menu's words for an edit of one of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from advisor import numbers
from advisor.model import Design
from advisor.ui.inspector_fields import FieldEditor


@dataclass
class Group:
    """One section's fields: of `model`, on every target (ids, "id.security", "design.voice"), read by `read`."""

    title: str
    model: type[BaseModel]
    targets: tuple[str, ...]
    read: Callable[[Design], BaseModel | None]
    skip: tuple[str, ...] = ()
    expanded: bool = True
    editors: dict[str, FieldEditor] = field(default_factory=dict)
    read_all: Callable[[Design], list[BaseModel | None]] | None = None  # one per target (None: [read(d)])

    def objects(self, design: Design) -> list[BaseModel | None]:
        return self.read_all(design) if self.read_all is not None else [self.read(design)]


class Section(QWidget):
    """A titled, collapsible group of form rows."""

    def __init__(self, title: str, expanded: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.header = QToolButton(text=title, checkable=True, checked=expanded)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setAutoRaise(True)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.body = QWidget()
        self.form = QFormLayout(self.body)
        self.form.setContentsMargins(14, 2, 2, 8)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.body)
        self.header.toggled.connect(self._set_expanded)
        self._set_expanded(expanded)

    def _set_expanded(self, expanded: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.body.setVisible(expanded)


def undo_text(group: Group, name: str) -> str:
    """The Edit menu's words for an edit of the field `name`: its title as the form shows it ("Undo Change capacity",
    "Undo Change users of 13 items"), not the file's field name ("Undo Change capacity_kbps")."""
    editor = group.editors.get(name)
    title = editor.spec.title if editor is not None else name.replace("_", " ")
    title = numbers.mid_sentence(title)  # "CUCM release", "IPsec mode" keep their capitals
    count = len(group.targets)
    return f"Change {title}" if count == 1 else f"Change {title} of {numbers.count(count)} items"  # "1,200 items"
