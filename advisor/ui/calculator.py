"""The per-call calculator: one call's packet, layer by layer, and its bandwidth, updated as you type.

Usable on its own or inside a dock. Every figure comes from ``advisor.packet.compute``; a combination the engine
refuses is explained in place, in red, naming the setting at fault.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor import codecs, esp
from advisor.packet import (
    ESP_VPNS,
    L2_CONVENTIONS,
    SRTP_TAG_BYTES,
    VPNS,
    CallSpec,
    PacketError,
    PacketResult,
    compute,
    formula_lines,
)

_VPN_TEXT = {"none": "none", "gre": "GRE", "ipsec": "IPsec (crypto map)", "vti": "Static VTI",
             "flexvpn": "FlexVPN (IKEv2)", "gre-ipsec": "GRE over IPsec", "dmvpn": "DMVPN", "getvpn": "GET VPN"}
# What a PacketError's field is called on this form, so the message names the control to change.
_FIELD_LABELS = {"codec": "Codec", "ptime_ms": "Packetization", "bitrate_kbps": "Bit rate", "l2": "Layer 2",
                 "l2_bytes": "Layer-2 bytes", "crtp": "cRTP", "srtp": "SRTP", "vpn": "VPN",
                 "ipsec_mode": "IPsec mode", "cipher": "Cipher", "integrity": "Integrity", "nat_t": "NAT-T",
                 "ipv6": "IPv6", "gre_key": "GRE key", "calls": "Calls", "getvpn_metadata_bytes": "GET VPN metadata"}
# Technology names in the design map onto the engine's encapsulations (docs/architecture.md).
TECHNOLOGY_TO_VPN = {"recommend": None, "none": "none", "mpls-isolation": "none", "ipsec": "ipsec",
                     "vti": "vti", "flexvpn": "flexvpn", "gre-ipsec": "gre-ipsec", "dmvpn": "dmvpn", "getvpn": "getvpn"}


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
                     f"IP packet {self.result.ip_packet_bytes} B + layer 2 {self.result.l2_bytes} B", "total"))
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
            return (name, f"{size}", note)[col]
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


def _combo(items: list[tuple[str, Any]], tooltip: str) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    combo.setToolTip(tooltip)
    return combo


class Calculator(QWidget):
    """Codec, packetization, layer 2, VPN and IPsec settings in; the layer table and totals out."""

    resultChanged = Signal(object)  # PacketResult | None

    def __init__(self, document=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setObjectName("calculator")
        self.result: PacketResult | None = None
        self.error: str | None = None
        self._build_form()
        self.message = QLabel(objectName="calculator-message", wordWrap=True)
        self.message.setStyleSheet("QLabel { color: #c62828; font-weight: bold; padding: 2px; }")
        self.message.hide()
        self.totals = QLabel(objectName="calculator-totals", wordWrap=True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = LayerModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.explain = QCheckBox("Explain: show each figure's formula with the numbers")
        self.explain.setToolTip("Show how every figure is computed, with the actual inputs (classroom mode)")
        self.formulas = QPlainTextEdit(readOnly=True, objectName="calculator-formulas")
        self.formulas.setFont(QFont("DejaVu Sans Mono"))
        self.formulas.setVisible(False)
        self.explain.toggled.connect(self._update_explain)

        # Settings and totals on the left, the packet on the right: fits a wide bottom dock and a window alike.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.form)
        left_layout.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.totals)
        right_layout.addWidget(self.table, 2)
        right_layout.addWidget(self.explain)
        right_layout.addWidget(self.formulas, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(split)
        self.recompute()

    # -- form -----------------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        self.codec = _combo([(f"{c.name} ({c.id})", c.id) for c in codecs.all_codecs()],
                            "Voice codec from the catalogue (resources/codecs.json)")
        self.ptime = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=codecs.MAX_PTIME_MS, singleStep=10,
                                    suffix=" ms", specialValueText="codec default")
        self.ptime.setToolTip("Packetization time: voice per packet, a whole number of codec frames. "
                              "Lowest value = the codec's default.")
        self.bitrate = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=512.0, singleStep=2, suffix=" kbps",
                                      specialValueText="—")
        self.bitrate.setToolTip("Target bit rate for variable-rate codecs (Opus) only")
        self.l2 = _combo([(c.description.split(":")[0], c.id) for c in L2_CONVENTIONS.values()],
                         "Layer-2 convention added to every packet; published tables differ, so it is a choice")
        self.l2_bytes = QSpinBox(minimum=0, maximum=200, suffix=" B", value=18)
        self.l2_bytes.setToolTip("Bytes per packet for layer 2 'custom' (your vendor's count)")
        self.vpn = _combo([(_VPN_TEXT[v], v) for v in VPNS], "Tunnel and security encapsulation around the call")
        self.ipsec_mode = _combo([("default", "default"), ("tunnel", "tunnel"), ("transport", "transport")],
                                 "ESP mode: default = transport for GRE over IPsec and DMVPN, tunnel otherwise")
        self.cipher = _combo([(c, c) for c in esp.CIPHERS], "ESP cipher: sets the IV and the block size B")
        self.integrity = _combo([(i, i) for i in esp.INTEGRITY_ICV_BYTES],
                                "ESP integrity: sets the ICV (AES-GCM carries its own 16 B tag)")
        self.srtp = _combo([(f"{s} (+{b} B)" if b else "none", s) for s, b in SRTP_TAG_BYTES.items()],
                           "SRTP suite: adds its authentication tag to every packet")
        self.crtp = _combo([("off", 0), ("2 B (no UDP checksum)", 2), ("4 B", 4)],
                           "Compressed RTP on serial links: 40 B of IP/UDP/RTP become 2 or 4 B")
        self.gre_key = _combo([("default", None), ("on (+4 B)", True), ("off", False)],
                              "GRE tunnel key: default = on for DMVPN, off for GRE")
        self.nat_t = QCheckBox("NAT-T", toolTip="NAT traversal: +8 B UDP 4500 outside ESP")
        self.ipv6 = QCheckBox("IPv6", toolTip="IPv6 network: every IP header is 40 B instead of 20 B")
        self.calls = QSpinBox(minimum=0, maximum=1_000_000, value=1)
        self.calls.setToolTip("Concurrent calls for the total (per direction)")
        self.codec.setCurrentIndex(max(0, self.codec.findData("g711")))

        rows = [("Codec", self.codec), ("Packetization", self.ptime), ("Bit rate", self.bitrate),
                ("Layer 2", self.l2), ("Layer-2 bytes", self.l2_bytes), ("SRTP", self.srtp), ("cRTP", self.crtp),
                ("VPN", self.vpn), ("IPsec mode", self.ipsec_mode), ("Cipher", self.cipher),
                ("Integrity", self.integrity), ("GRE key", self.gre_key), ("Calls", self.calls)]
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(8)
        half = (len(rows) + 1) // 2
        for i, (label, widget) in enumerate(rows):
            col, row = (0, i) if i < half else (2, i - half)
            text = QLabel(label)
            text.setToolTip(widget.toolTip())
            text.setBuddy(widget)
            self.form.addWidget(text, row, col, Qt.AlignmentFlag.AlignRight)
            self.form.addWidget(widget, row, col + 1)
        checks = QWidget()
        box = QGridLayout(checks)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.nat_t, 0, 0)
        box.addWidget(self.ipv6, 0, 1)
        if self.document is not None:
            self.from_design = QPushButton("From design")
            self.from_design.setToolTip("Load the design's codec, SRTP, cRTP and VPN settings into the calculator")
            self.from_design.clicked.connect(self.load_design)
            box.addWidget(self.from_design, 0, 2)
        self.form.addWidget(checks, half, 2, 1, 2)
        self.form.setColumnStretch(1, 1)
        self.form.setColumnStretch(3, 1)
        for col in (1, 3):
            self.form.setColumnMinimumWidth(col, 150)

        for combo in (self.codec, self.l2, self.vpn, self.ipsec_mode, self.cipher, self.integrity, self.srtp,
                      self.crtp, self.gre_key):
            combo.currentIndexChanged.connect(self.recompute)
        for spin in (self.ptime, self.bitrate, self.l2_bytes, self.calls):
            spin.valueChanged.connect(self.recompute)  # keyboard tracking on: totals follow each keystroke
        for check in (self.nat_t, self.ipv6):
            check.toggled.connect(self.recompute)

    # -- state ----------------------------------------------------------------------------------------------
    def spec(self) -> CallSpec:
        l2 = self.l2.currentData()
        codec = codecs.resolve(self.codec.currentData())
        return CallSpec(
            codec=codec.id,
            ptime_ms=None if self.ptime.value() == self.ptime.minimum() else self.ptime.value(),
            bitrate_kbps=(self.bitrate.value() or None) if codec.variable_rate else None,
            l2=l2, l2_bytes=self.l2_bytes.value() if l2 == "custom" else None,
            crtp=self.crtp.currentData(), srtp=self.srtp.currentData(), vpn=self.vpn.currentData(),
            ipsec_mode=self.ipsec_mode.currentData(), cipher=self.cipher.currentData(),
            integrity=self.integrity.currentData(), gre_key=self.gre_key.currentData(),
            nat_t=self.nat_t.isChecked(), ipv6=self.ipv6.isChecked(), calls=self.calls.value(),
        )

    def set_spec(self, spec: CallSpec) -> None:
        """Show ``spec`` in the form (one recompute at the end, not one per control)."""
        widgets = (self.codec, self.ptime, self.bitrate, self.l2, self.l2_bytes, self.vpn, self.ipsec_mode,
                   self.cipher, self.integrity, self.srtp, self.crtp, self.gre_key, self.nat_t, self.ipv6,
                   self.calls)
        for w in widgets:
            w.blockSignals(True)
        try:
            self.codec.setCurrentIndex(self.codec.findData(codecs.resolve(spec.codec).id))
            self.ptime.setValue(self.ptime.minimum() if spec.ptime_ms is None else spec.ptime_ms)
            self.bitrate.setValue(spec.bitrate_kbps or 0.0)
            for combo, value in ((self.l2, spec.l2), (self.vpn, spec.vpn), (self.ipsec_mode, spec.ipsec_mode),
                                 (self.cipher, spec.cipher), (self.integrity, spec.integrity),
                                 (self.srtp, spec.srtp), (self.crtp, spec.crtp), (self.gre_key, spec.gre_key)):
                combo.setCurrentIndex(max(0, combo.findData(value)))
            if spec.l2_bytes is not None:
                self.l2_bytes.setValue(spec.l2_bytes)
            self.nat_t.setChecked(spec.nat_t)
            self.ipv6.setChecked(spec.ipv6)
            self.calls.setValue(spec.calls)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.recompute()

    def load_design(self) -> None:
        """Take the voice and VPN settings of the open design (the chosen, or recommended, technology)."""
        design = self.document.design
        technology = TECHNOLOGY_TO_VPN.get(design.vpn.technology)
        results = self.document.results
        if technology is None:
            chosen = results.recommendation.chosen if results is not None else "none"
            technology = TECHNOLOGY_TO_VPN.get(chosen) or "none"
        v, p = design.voice, design.vpn
        current = self.spec()
        self.set_spec(CallSpec(codec=v.codec, ptime_ms=v.ptime_ms, srtp=v.srtp, crtp=v.crtp, vpn=technology,
                               ipsec_mode=p.ipsec_mode, cipher=p.cipher, integrity=p.integrity, gre_key=p.gre_key,
                               l2=current.l2, l2_bytes=current.l2_bytes, ipv6=current.ipv6, calls=current.calls))

    def recompute(self) -> None:
        codec = codecs.resolve(self.codec.currentData())
        self.bitrate.setEnabled(codec.variable_rate)
        self.l2_bytes.setEnabled(self.l2.currentData() == "custom")
        uses_esp = self.vpn.currentData() in ESP_VPNS
        for w in (self.ipsec_mode, self.cipher, self.integrity):
            w.setEnabled(uses_esp)
        self.gre_key.setEnabled(self.vpn.currentData() in ("gre", "gre-ipsec", "dmvpn"))
        try:
            result = compute(self.spec())
        except PacketError as exc:
            label = _FIELD_LABELS.get(exc.field, exc.field)
            self._show(None, f"{label}: {exc}")
            return
        except ValueError as exc:  # a codec that cannot take this packetization, from the catalogue itself
            self._show(None, f"Codec: {exc}")
            return
        self._show(result, None)

    def _show(self, result: PacketResult | None, error: str | None) -> None:
        self.result, self.error = result, error
        self.message.setText(error or "")
        self.message.setVisible(error is not None)
        self.model.set_result(result)
        if result is None:
            self.totals.setText("<i>No result: change the setting named in red.</i>")
        else:
            r = result
            worst = (f" (worst case {r.max_overhead_bytes} B)" if r.max_overhead_bytes != r.overhead_bytes else "")
            self.totals.setText(
                f"<b>{r.kbps:.2f} kbps</b> per call per direction with layer 2 ({r.l2_convention.split(':')[0]}); "
                f"<b>{r.kbps_ip:.2f} kbps</b> at layer 3<br>"
                f"IP packet <b>{r.ip_packet_bytes} B</b>, frame {r.frame_bytes} B, payload {r.payload_bytes} B, "
                f"{r.packets_per_second:.2f} packets/s<br>"
                f"Tunnel and security overhead {r.overhead_bytes} B{worst}; "
                f"{r.spec.calls} calls: <b>{r.total_kbps:.2f} kbps</b>")
            self.totals.setToolTip(r.encapsulation)
        self._update_explain()
        self.resultChanged.emit(result)

    def _update_explain(self) -> None:
        self.formulas.setVisible(self.explain.isChecked())
        if self.explain.isChecked():
            self.formulas.setPlainText("\n".join(formula_lines(self.result)) if self.result else "")
