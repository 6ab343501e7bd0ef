"""The per-call calculator: one call's packet, layer by layer, and its bandwidth, updated as you type.

Usable on its own or inside a dock. Every figure comes from ``advisor.packet.compute``; a combination the engine
refuses is explained in place, in red, naming the setting at fault. In the window it follows the design (its codec
and VPN, or the selected link's layer 2 and technology) until the user changes a setting; "Follow the design"
brings it back.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from advisor import codecs, esp, numbers
from advisor.layer2 import L2_LABELS
from advisor.packet import (
    ESP_VPNS,
    L2_CONVENTIONS,
    SRTP_TAG_BYTES,
    VPN_LABELS,
    VPNS,
    CallSpec,
    PacketError,
    PacketResult,
    compute,
    formula_lines,
)
from advisor.ui import calculator_source
from advisor.ui.appearance import tone
from advisor.ui.calculator_model import LayerModel
from advisor.ui.choice_labels import shown
from advisor.ui.inspector_notes import codec_label
from advisor.ui.rich_text import without_overrides

# What a PacketError's field is called on this form, so the message names the control to change.
_FIELD_LABELS = {"codec": "Codec", "ptime_ms": "Packetization", "bitrate_kbps": "Bit rate", "l2": "Layer 2",
                 "l2_bytes": "Layer-2 bytes", "crtp": "cRTP", "srtp": "SRTP", "vpn": "VPN",
                 "ipsec_mode": "IPsec mode", "cipher": "Cipher", "integrity": "Integrity", "nat_t": "NAT-T",
                 "ipv6": "IPv6", "gre_key": "GRE key", "calls": "Calls", "getvpn_metadata_bytes": "GET VPN metadata"}
# Settings the design sets but the form has no control for: kept from the design, shown in the layer table.
_HIDDEN_FIELDS = ("getvpn_metadata_bytes", "srtp_mki_bytes", "mpls_labels")
# The bit-rate box's top for a variable-rate codec whose catalogue entry gives no maximum (Opus's is 510 kbps).
_MAX_BITRATE_KBPS = 512.0
# The Calls box's top: more concurrent calls than any one design carries (the command line takes more).
_MAX_CALLS = 1_000_000
# Form width (px) from which the settings are laid out in three, two or one column of label + control pairs.
_COLUMN_WIDTHS = ((1250, 3), (560, 2), (0, 1))


def _l2_name(result: PacketResult) -> str:
    """The layer 2 as the Layer 2 list names it ("Ethernet", "Ethernet 802.1Q", "PPP"), not by its id."""
    label = L2_LABELS.get(result.spec.l2)
    return label.split(" (")[0] if label else result.l2_convention.split(":")[0]


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
        self._hidden: dict[str, int] = {}
        self._columns = 0
        self._build_form()
        self.message = QLabel(objectName="calculator-message", wordWrap=True)
        self._colour_message()
        self.message.hide()
        self.totals = QLabel(objectName="calculator-totals", wordWrap=True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = LayerModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
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

        # Settings on the left, the packet on the right: fits a wide bottom dock and a window alike.
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(self.form)
        left_layout.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        if self.document is not None:
            right_layout.addWidget(self.source)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.totals)
        right_layout.addWidget(self.table, 2)
        right_layout.addWidget(self.explain)
        right_layout.addWidget(self.formulas, 1)
        # A box, not a splitter: the settings always get the width their columns need, the packet the rest.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(10)
        layout.addWidget(left, 0)
        layout.addWidget(right, 1)
        self._place_form(1)
        if self.document is not None:
            self.document.designChanged.connect(lambda _old, _new: self._refollow())
            self.document.resultsChanged.connect(lambda _results: self._refollow())
            self.document.analysisFailed.connect(lambda _why: self._refollow())  # the results stay another design's
            self.document.selectionChanged.connect(lambda _ids: self._refollow())
            self._refollow()
        self.recompute()

    # -- form -----------------------------------------------------------------------------------------------
    def _build_form(self) -> None:
        # Every choice named as the Inspector names it (G.729 (8 kbps), AES-CBC, HMAC-SHA1-96), never by its id
        self.codec = _combo([(codec_label(c), c.id) for c in codecs.all_codecs()],
                            "Voice codec from the codec catalogue bundled with the app")
        self.ptime = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=codecs.MAX_PTIME_MS, singleStep=10,
                                    suffix=" ms", specialValueText="codec default")
        self.ptime.setToolTip("Packetization time, in ms: voice per packet, a whole number of codec frames. "
                              "Lowest value = the codec's default.")
        self.bitrate = QDoubleSpinBox(decimals=1, minimum=0.0, maximum=_MAX_BITRATE_KBPS, singleStep=2,
                                      suffix=" kbps", specialValueText="—")
        self.bitrate.setToolTip("Target bit rate, in kbps, for variable-rate codecs (Opus) only")
        self.l2 = _combo([(L2_LABELS[c.id], c.id) for c in L2_CONVENTIONS.values()],
                         "Layer-2 convention added to every packet; published tables differ, so it is a choice")
        self.l2_bytes = QSpinBox(minimum=0, maximum=200, suffix=" B", value=18)
        self.l2_bytes.setToolTip("Bytes per packet for layer 2 'custom' (your vendor's count)")
        self.vpn = _combo([(VPN_LABELS[v], v) for v in VPNS], "Tunnel and security encapsulation around the call")
        self.ipsec_mode = _combo([("default", "default"), ("tunnel", "tunnel"), ("transport", "transport")],
                                 "ESP mode: default = transport for GRE over IPsec and DMVPN, tunnel otherwise")
        self.cipher = _combo([(shown("cipher", c), c) for c in esp.CIPHERS], "ESP cipher: sets the IV and the block size B")
        self.integrity = _combo([(shown("integrity", i), i) for i in esp.INTEGRITY_ICV_BYTES],
                                "ESP integrity: sets the ICV (AES-GCM carries its own 16 B tag)")
        self.srtp = _combo([(shown("srtp", s), s) for s in SRTP_TAG_BYTES],
                           "SRTP suite: adds its authentication tag to every packet ("
                           + "; ".join(f"{shown('srtp', s)}: {b} B" for s, b in SRTP_TAG_BYTES.items() if b) + ")")
        self.crtp = _combo([("off", 0), ("2 B (no UDP checksum)", 2), ("4 B", 4)],
                           "Compressed RTP on serial links: 40 B of IP/UDP/RTP become 2 or 4 B")
        self.gre_key = _combo([("default", None), ("on (+4 B)", True), ("off", False)],
                              "GRE tunnel key: default = on for DMVPN, off for GRE")
        self.nat_t = QCheckBox("NAT-T", toolTip="NAT traversal: +8 B UDP 4500 outside ESP")
        self.ipv6 = QCheckBox("IPv6", toolTip="IPv6 network: every IP header is 40 B instead of 20 B")
        self.calls = QSpinBox(minimum=0, maximum=_MAX_CALLS, value=1, groupSeparatorShown=True)  # 10,000 calls
        # the box drops a digit beyond its top without a word: the tooltip says where it is
        self.calls.setToolTip(f"Concurrent calls for the total (per direction): a whole number from 0 to "
                              f"{_MAX_CALLS:,}")
        self.codec.setCurrentIndex(max(0, self.codec.findData("g711")))
        checks = QWidget()
        box = QHBoxLayout(checks)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.nat_t)
        box.addWidget(self.ipv6)
        if self.document is not None:
            box.addWidget(self._follow_box())
        box.addStretch(1)

        self._rows: list[tuple[QLabel | None, QWidget]] = []
        for label, widget in (("Codec", self.codec), ("Packetization", self.ptime), ("Bit rate", self.bitrate),
                              ("Layer 2", self.l2), ("Layer-2 bytes", self.l2_bytes), ("SRTP", self.srtp),
                              ("cRTP", self.crtp), ("VPN", self.vpn), ("IPsec mode", self.ipsec_mode),
                              ("Cipher", self.cipher), ("Integrity", self.integrity), ("GRE key", self.gre_key),
                              ("Calls", self.calls)):
            text = QLabel(label)
            text.setToolTip(widget.toolTip())
            text.setBuddy(widget)
            widget.setMinimumWidth(max(150, widget.sizeHint().width()))  # never squeezed to cut its longest entry
            self._rows.append((text, widget))
        self._rows.append((None, checks))
        self.form = QGridLayout()
        self.form.setHorizontalSpacing(8)

        for combo in (self.codec, self.l2, self.vpn, self.ipsec_mode, self.cipher, self.integrity, self.srtp,
                      self.crtp, self.gre_key):
            combo.currentIndexChanged.connect(self._user_changed)
        for spin in (self.ptime, self.bitrate, self.l2_bytes):
            spin.valueChanged.connect(self._user_changed)  # keyboard tracking on: totals follow each keystroke
        self.nat_t.toggled.connect(self._user_changed)
        # The design sets neither the number of calls nor IPv6: changing them keeps following the design.
        self.calls.valueChanged.connect(lambda _v: self.recompute())
        self.ipv6.toggled.connect(lambda _on: self.recompute())

    def _follow_box(self) -> QCheckBox:
        self.follow = QCheckBox("Follow the design", objectName="calculator-follow", checked=True)
        self.follow.setToolTip("Show the design's codec and VPN, or the selected link's layer 2 and technology. "
                               "Changing a setting here (other than Calls and IPv6) stops following; tick to follow again.")
        self.follow.toggled.connect(lambda on: self._refollow() if on else self._show_source(None))
        self.source = QLabel(objectName="calculator-source", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return self.follow

    def _place_form(self, columns: int) -> None:
        """Lay the label + control pairs out in ``columns`` columns, filled top to bottom."""
        if columns == self._columns:
            return
        self._columns = columns
        for label, widget in self._rows:
            for w in (label, widget):
                if w is not None:
                    self.form.removeWidget(w)
        for c in range(8):
            self.form.setColumnStretch(c, 0)
        per_column = -(-len(self._rows) // columns)
        for i, (label, widget) in enumerate(self._rows):
            col, row = 2 * (i // per_column), i % per_column
            if label is not None:
                self.form.addWidget(label, row, col, Qt.AlignmentFlag.AlignRight)
                self.form.addWidget(widget, row, col + 1)
            else:
                self.form.addWidget(widget, row, col, 1, 2)
        for c in range(columns):
            self.form.setColumnStretch(2 * c + 1, 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        width = event.size().width()
        self._place_form(next(n for limit, n in _COLUMN_WIDTHS if width >= limit))
        super().resizeEvent(event)

    # -- following the design -------------------------------------------------------------------------------
    @property
    def following(self) -> bool:
        return self.document is not None and self.follow.isChecked()

    def load_design(self) -> None:
        """Follow the design again (the Design menu's "Per-call calculator from design")."""
        if self.document is None:
            return
        if self.follow.isChecked():
            self._refollow()
        else:
            self.follow.setChecked(True)

    def _refollow(self) -> None:
        if not self.following:
            return
        doc = self.document
        source = calculator_source.follow(doc.design, doc.results, doc.selected, self.spec(), doc.results_current)
        if source is not None:
            self.set_spec(source.spec)
        self._show_source(source)

    def _show_source(self, source) -> None:
        if self.document is None:
            return
        if not self.follow.isChecked():
            self.source.setText("<i>Your own settings</i> (tick “Follow the design” to show the design's again).")
        elif source is not None:
            self.source.setText(f"Showing {html.escape(without_overrides(source.text), quote=False)}.")
        elif self.document.analysis_error is not None and not self.document.results_current:
            # the technology is the analysis's choice and the previous results' is another design's
            self.source.setText("<b>Cannot follow the design:</b> its VPN technology is the one the analysis "
                                "recommends, and the analysis of the design as it is now failed (the status bar says "
                                "why). The settings below are the last ones shown.")
        else:
            self.source.setText("<i>Waiting for the analysis to recommend the design's VPN technology…</i>")

    def _user_changed(self, *_args) -> None:
        if self.document is not None and self.follow.isChecked():
            self.follow.setChecked(False)  # a change by the user: the calculator is theirs until ticked again
        self.recompute()

    # -- state ----------------------------------------------------------------------------------------------
    def spec(self) -> CallSpec:
        l2 = self.l2.currentData()
        codec = codecs.resolve(self.codec.currentData())
        vpn = self.vpn.currentData()
        hidden = dict(self._hidden)
        if vpn != "getvpn":
            hidden.pop("getvpn_metadata_bytes", None)
        return CallSpec(
            codec=codec.id,
            ptime_ms=None if self.ptime.value() == self.ptime.minimum() else self.ptime.value(),
            bitrate_kbps=(self.bitrate.value() or None) if codec.variable_rate else None,
            l2=l2, l2_bytes=self.l2_bytes.value() if l2 == "custom" else None,
            crtp=self.crtp.currentData(), srtp=self.srtp.currentData(), vpn=vpn,
            ipsec_mode=self.ipsec_mode.currentData(), cipher=self.cipher.currentData(),
            integrity=self.integrity.currentData(), gre_key=self.gre_key.currentData(),
            nat_t=self.nat_t.isChecked(), ipv6=self.ipv6.isChecked(), calls=self.calls.value(), **hidden,
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
            self._hidden = {name: getattr(spec, name) for name in _HIDDEN_FIELDS if getattr(spec, name)}
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.recompute()

    def recompute(self) -> None:
        codec = codecs.resolve(self.codec.currentData())
        self.bitrate.setEnabled(codec.variable_rate)
        self._bitrate_range(codec)
        self.l2_bytes.setEnabled(self.l2.currentData() == "custom")
        uses_esp = self.vpn.currentData() in ESP_VPNS
        for w in (self.ipsec_mode, self.cipher, self.integrity):
            w.setEnabled(uses_esp)
        self.gre_key.setEnabled(self.vpn.currentData() in ("gre", "gre-ipsec", "dmvpn"))
        try:
            result = compute(self.spec())
        except PacketError as exc:
            label, text = _FIELD_LABELS.get(exc.field, exc.field), str(exc)
            # the control named first, unless the sentence starts with its name ("cRTP is not available on …")
            self._show(None, text if text.split(" ", 1)[0] == label.split(" ", 1)[0] else f"{label}: {text}")
            return
        except ValueError as exc:  # a codec that cannot take this packetization, from the catalogue itself
            self._show(None, f"Codec: {exc}")
            return
        self._show(result, None)

    def _bitrate_range(self, codec: codecs.Codec) -> None:
        """The bit-rate box goes as high as the chosen codec's range (Opus: 510 kbps), never to a rate it refuses.
        Below its lowest (Opus: 6 kbps) the box still goes down to "—" (the catalogue's rate); the red line
        names the range for a rate in between."""
        top = codec.max_kbps if codec.variable_rate and codec.max_kbps else _MAX_BITRATE_KBPS
        if self.bitrate.maximum() != top:
            blocked = self.bitrate.blockSignals(True)  # a rate above the new top is lowered to it: not a user's edit
            try:
                self.bitrate.setMaximum(top)
            finally:
                self.bitrate.blockSignals(blocked)

    def _colour_message(self) -> None:
        self.message.setStyleSheet(f"QLabel {{ color: {tone('error', self.palette())}; font-weight: bold; "
                                   "padding: 2px; }")

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._colour_message()  # the dark theme's red on the dark theme (its light one read at 2.5:1)

    def _show(self, result: PacketResult | None, error: str | None) -> None:
        if result is not None and self.result is not None and result == self.result and error is None:
            return  # the design changed something the call does not use: nothing to redraw
        self.result, self.error = result, error
        self.message.setText(error or "")
        self.message.setVisible(error is not None)
        self.model.set_result(result)
        if result is None:
            self.totals.setText("<i>No result: change the setting named in red.</i>")
        else:
            r = result
            worst = (f" (worst case {r.max_overhead_bytes:,} B)" if r.max_overhead_bytes != r.overhead_bytes else "")
            self.totals.setText(
                f"<b>{numbers.kbps(r.kbps)}</b> per call per direction with layer 2 "
                f"({_l2_name(r)}); <b>{numbers.kbps(r.kbps_ip)}</b> at layer 3<br>"
                f"IP packet <b>{r.ip_packet_bytes:,} B</b>, frame {r.frame_bytes:,} B, payload {r.payload_bytes:,} B, "
                f"{r.packets_per_second:.2f} packets/s<br>"
                f"Tunnel and security overhead {r.overhead_bytes:,} B{worst}; "
                f"{numbers.count(r.spec.calls)} call{'' if r.spec.calls == 1 else 's'}: <b>{numbers.kbps(r.total_kbps)}</b>")
            self.totals.setToolTip(r.encapsulation)
        self._update_explain()
        self.resultChanged.emit(result)

    def _update_explain(self) -> None:
        self.formulas.setVisible(self.explain.isChecked())
        if self.explain.isChecked():
            self.formulas.setPlainText("\n".join(formula_lines(self.result)) if self.result else "")

