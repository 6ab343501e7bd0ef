"""The per-call calculator's packet table: one row per header, payload or trailer in wire order, then the total."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from advisor.packet import PacketResult


class LayerModel(QAbstractTableModel):
    """The packet in wire order: one row per header, payload or trailer, then the total."""

    HEADERS = ("Layer", "Bytes", "Note")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: PacketResult | None = None

    def set_result(self, result: PacketResult | None) -> None:
        self.beginResetModel()
        self.result = result
        self.endResetModel()

    def _rows(self) -> list[tuple[str, int, str, str]]:
        if self.result is None:
            return []
        rows = [(layer.name, layer.bytes, layer.note, layer.kind) for layer in self.result.layers]
        rows.append(("Frame on the wire", self.result.frame_bytes,
                     f"IP packet {self.result.ip_packet_bytes:,} B + layer 2 {self.result.l2_bytes:,} B", "total"))
        rows += [(layer.name, layer.bytes, layer.note, layer.kind) for layer in self.result.core_layers]
        return rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        rows = self._rows()
        if not index.isValid() or index.row() >= len(rows):
            return None
        name, size, note, kind = rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (name, f"{size:,}", note)[col]
        if role == Qt.ItemDataRole.UserRole:
            return (name, size, note)[col]
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and kind in ("total", "payload"):
            font = QFont()
            font.setBold(kind == "total")
            font.setItalic(kind == "payload")
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return note or name
        return None
