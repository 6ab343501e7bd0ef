"""The scenario form: a name and the policies an option changes; every field left "as the design" keeps the
design's own value. The form validates as the user types (the scenario must make a valid design) and returns a
`Scenario`; the scenarios dock turns it into one undoable command.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from advisor import numbers, scenarios
from advisor.commands import CommandError
from advisor.model import Design, Scenario, Technology
from advisor.rules._names import TECH_LABELS, transport_label
from advisor.ui.appearance import tone
from advisor.ui.bid.scenario_commands import check_name
from advisor.ui.choice_labels import CIPHERS, SRTP
from advisor.ui.inspector_fields import FieldEditor, FieldSpec, one_line, with_bounds
from advisor.validation import describe as validation_lines
from advisor.validation import field_titles, reading_key

TECHNOLOGIES: tuple[str, ...] = Technology.__args__
TECH_CHOICES = {"recommend": "Let the advisor choose",
                **{t: text[:1].upper() + text[1:] for t, text in TECH_LABELS.items()}}
CRTP = {0: "off", 2: "2 B header", 4: "4 B header"}
KIND_TIPS = {
    "codec": "The voice codec of every call",
    "ptime_ms": "Voice per packet; a whole number of the codec's frames",
    "technology": "One VPN technology for the whole WAN (a hybrid WAN may set one per transport below)",
    "cipher": "The ESP cipher of the IPsec technologies",
    "srtp": "SRTP crypto suite for media (adds its authentication tag)",
    "crtp": "Compressed RTP header on serial links (0 = off); not on Ethernet, not inside IPsec",
    "gos": "Blocking probability of the Erlang B sizing: 0.01 = 1 % of busy-hour calls blocked (P.01)",
    "calls_per_user": "Calls each user places in the busy hour",
}


def _spec(name: str, kind: str, choices: list | None = None) -> FieldSpec:
    """A form field from the Scenario model's own title, unit and range."""
    info = Scenario.model_fields[name]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    spec = FieldSpec(name=name, title=info.title or name, kind=kind, optional=True, unit=str(extra.get("unit", "")),
                     description=KIND_TIPS.get(name, ""), choices=list(choices or []))
    return with_bounds(spec, info.metadata)


def design_values(design: Design) -> dict[str, str]:
    """What "as the design" means for each field, in words."""
    from advisor.codecs import resolve
    from advisor.ui.inspector import codec_label

    codec = resolve(design.voice.codec)
    ptime = design.voice.ptime_ms if design.voice.ptime_ms is not None else codec.default_ptime_ms
    return {"codec": codec_label(codec), "ptime_ms": f"{numbers.setting(ptime)} ms", "technology": TECH_CHOICES.get(
        design.vpn.technology, design.vpn.technology), "cipher": CIPHERS[design.vpn.cipher],
        "srtp": SRTP[design.voice.srtp], "crtp": CRTP[design.voice.crtp],
        "gos": f"{numbers.setting_share(design.traffic.gos)} blocking",
        "calls_per_user": f"{numbers.setting(design.traffic.calls_per_user)} calls/h"}


def transport_kinds(design: Design) -> list[str]:
    """The transports of the design's clouds, in the order scenarios know them: per-transport choices matter only
    on a hybrid WAN (two transports or more)."""
    present = {c.kind for c in design.clouds}
    return [t for t in scenarios.TRANSPORTS if t in present]


class ScenarioForm(QDialog):
    """Add or edit one scenario of `design`; `scenario()` is the result once accepted."""

    def __init__(self, design: Design, parent: QWidget | None = None, scenario: Scenario | None = None):
        super().__init__(parent)
        self.design = design
        self.original = scenario
        self.setObjectName("scenario-form")
        self.setWindowTitle("Edit scenario" if scenario else "Add scenario")
        self.name = QLineEdit(objectName="field-name")
        self.name.setToolTip("How the option is called in the comparison, e.g. 'G.729 over DMVPN'")
        self.name.setPlaceholderText("e.g. G.729 over DMVPN")
        self.editors: dict[str, FieldEditor] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("Name", self.name)
        current = design_values(design)
        for name, editor in self._editors(current).items():
            self.editors[name] = editor
            label = editor.spec.title + (f" ({editor.spec.unit})" if editor.spec.unit else "")
            row_label = QLabel(label)
            row_label.setToolTip(editor.widget.toolTip())
            form.addRow(row_label, editor.widget)
        intro = QLabel("Set what this option changes. A field left “as the design” keeps the design's own value; "
                       "the sites and links stay as they are.", wordWrap=True)
        self.problem = QLabel(objectName="scenario-problem", wordWrap=True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)  # it quotes the name as typed: "<b>x</b>" is no markup
        self.problem.setStyleSheet(f"color: {tone('error', self.palette())};")  # the theme's own red
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save" if scenario else "Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if scenario is not None:
            self.load(scenario)
        else:
            self.name.setText(self._free_name())
        self.name.textChanged.connect(self._check)
        self._check()

    def _editors(self, current: dict[str, str]) -> dict[str, FieldEditor]:
        from advisor.codecs import all_codecs
        from advisor.ui.inspector import codec_label

        codecs = {c.id: codec_label(c) for c in all_codecs()}
        specs = [
            (_spec("codec", "choice", list(codecs)), codecs),
            (_spec("ptime_ms", "float"), None),
            (_spec("technology", "choice", list(TECHNOLOGIES)), TECH_CHOICES),
        ]
        kinds = transport_kinds(self.design)
        if len(kinds) > 1:
            for kind in kinds:
                spec = FieldSpec(name=f"transport:{kind}", title=f"VPN on the {transport_label(kind)} clouds",
                                 kind="choice", optional=True, choices=list(TECHNOLOGIES),
                                 description=f"Hybrid WAN: the technology of the {transport_label(kind)} clouds' "
                                             "links; empty = as the design")
                current[spec.name] = "as the design"
                specs.append((spec, TECH_CHOICES))
        specs += [(_spec("cipher", "choice", list(CIPHERS)), CIPHERS), (_spec("srtp", "choice", list(SRTP)), SRTP),
                  (_spec("crtp", "choice", list(CRTP)), CRTP), (_spec("gos", "float"), None),
                  (_spec("calls_per_user", "float"), None)]
        out = {}
        for spec, labels in specs:
            shown = current.get(spec.name, "")
            if not spec.name.startswith("transport:"):
                spec.description = f"{spec.description}; empty = as the design: {shown}"
            editor = FieldEditor(spec, lambda _n, _v: self._check(), labels=labels)
            editor.set(None)  # every field starts "as the design" (a spin box would start at 0)
            out[spec.name] = editor
        return out

    def _free_name(self) -> str:
        taken = {reading_key(s.name) for s in self.design.scenarios}
        n = len(self.design.scenarios) + 1
        while f"option {n}" in taken:
            n += 1
        return f"Option {n}"

    # -- values -------------------------------------------------------------------------------------------------
    def load(self, scenario: Scenario) -> None:
        self.name.setText(scenario.name)
        self._loaded_name = (self.name.text(), scenario.name)  # what the box shows of the name, and the name
        for name, editor in self.editors.items():
            if name.startswith("transport:"):
                editor.set(scenario.transports.get(name.split(":", 1)[1]))
            else:
                editor.set(getattr(scenario, name))

    def values(self) -> dict[str, Any]:
        text = self.name.text()
        # The name as loaded when the box still shows it: an option named " R&D " or "\ufeffR&D" (a leading
        # U+FEFF that the box does not show) was renamed by a Save that changed only its codec.
        loaded = getattr(self, "_loaded_name", None)
        # A pasted spreadsheet cell ("G.729\r\n") or tabs: one line, as the Inspector's names (a break split the
        # comparison's column header and the PDF's table head in two).
        data: dict[str, Any] = {"name": loaded[1] if loaded is not None and text == loaded[0]
                                else one_line(text).strip()}
        transports = {}
        for name, editor in self.editors.items():
            value = editor.value()
            if name.startswith("transport:"):
                if value is not None:
                    transports[name.split(":", 1)[1]] = value
            elif value is not None:
                data[name] = value
        data["transports"] = transports
        return data

    def scenario(self) -> Scenario:
        """The scenario as filled in; ValueError (naming the field) when it is not valid for the design."""
        values = self.values()
        check_name(self.design, values["name"], keep=self.original.name if self.original else None)
        try:
            made = Scenario.model_validate(values)
        except ValidationError as exc:
            raise CommandError("; ".join(validation_lines(exc, titles=field_titles(Scenario)))) from None
        scenarios.apply(self.design, made)  # ScenarioError names the field
        return made

    def _check(self) -> None:
        try:
            self.scenario()
        except ValueError as exc:
            self.problem.setText(str(exc))
            ok = False
        else:
            self.problem.setText("")
            ok = True
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def accept(self) -> None:
        self._check()
        if self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled():
            super().accept()


def describe(scenario: Scenario) -> str:
    """What an option changes, in words: 'Codec: G.729 (8 kbps); VPN technology: DMVPN'."""
    from advisor.codecs import CodecError, resolve
    from advisor.ui.inspector import codec_label

    parts = []
    if scenario.codec is not None:
        try:
            parts.append(f"Codec: {codec_label(resolve(scenario.codec))}")
        except CodecError:
            parts.append(f"Codec: {scenario.codec}")
    if scenario.ptime_ms is not None:
        parts.append(f"Packetization: {numbers.setting(scenario.ptime_ms)} ms")
    if scenario.technology is not None:
        parts.append(f"VPN technology: {TECH_CHOICES.get(scenario.technology, scenario.technology)}")
    for kind, tech in scenario.transports.items():
        parts.append(f"VPN on the {transport_label(kind)} clouds: {TECH_CHOICES.get(tech, tech)}")
    for name, labels in (("cipher", CIPHERS), ("srtp", SRTP), ("crtp", CRTP)):
        value = getattr(scenario, name)
        if value is not None:
            parts.append(f"{Scenario.model_fields[name].title}: {labels.get(value, value)}")
    if scenario.gos is not None:
        parts.append(f"Grade of service: {numbers.setting_share(scenario.gos)} blocking")
    if scenario.calls_per_user is not None:
        parts.append(f"Busy-hour calls per user: {numbers.setting(scenario.calls_per_user)} calls/h")
    body = "; ".join(parts) if parts else "the design's own policies (nothing changed)"
    return f"{scenario.name}: {body}"
