"""The property inspector: forms generated from the design model for the selection, or for the design itself.

Every edit becomes one ``SetFields`` / ``SetFieldsMany`` command; a value the model refuses is explained in place
and never reaches the document.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from advisor.commands import SetFields, SetFieldsMany
from advisor.layer2 import L2_LABELS  # as a network engineer names them; the id is what the file holds
from advisor.model import (
    Cloud,
    Design,
    Link,
    SecurityControls,
    Site,
    SiteTraffic,
    TrafficPolicy,
    VoicePolicy,
    VpnPolicy,
)
from advisor.rules._names import names_for
from advisor.shown_names import name_or, shows
from advisor.ui import appearance
from advisor.ui.choice_labels import CHOICE_LABELS
from advisor.ui.inspector_fields import FieldEditor, field_specs, max_length
from advisor.ui.inspector_mixed import all_equal, differ_note, mixed_kinds_hint
from advisor.ui.inspector_notes import SHARES, balance_shares, codec_label, scaled_note  # noqa: F401 - re-exported
from advisor.ui.inspector_section import Group, Section, undo_text  # noqa: F401 - re-exported
from advisor.ui.inspector_title import ElidedLabel
from advisor.ui.rich_text import without_overrides

_DESIGN_FIELDS = ("schema_version", "voice", "vpn", "traffic", "sites", "clouds", "links")
_DOCUMENT_FIELDS = ("customer", "author", "date", "notes")
# Shown after the fields people edit: ids are read-only and positions are what dragging sets.
_LAST_FIELDS = ("id", "x", "y")
_NODE_LISTS = ("hub_site", "central_pstn_site")  # lists of sites, named "Name (id)"
LABEL_WIDTH_EM = 18  # form labels, in average character widths; longer titles wrap


class Inspector(QWidget):
    """Edits the selected sites, clouds or links (several of one kind at once), or the design when none is."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.setObjectName("inspector")
        self.title = ElidedLabel()  # one line, cut to the dock's width: a long name never widens the window
        self.title.setObjectName("inspector-title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names from the design as written
        self.message.setObjectName("inspector-message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self._scroll = QScrollArea()
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self._scroll, 1)
        self._groups: list[Group] = []
        self._sections: dict[str, Section] = {}
        self._expanded: dict[str, bool] = {}
        self._shown: tuple = ()
        self._filled: Design | None = None  # the design the editors show
        self._committing = False
        self._editing = False  # an edit of the form's on its way to the document
        self._tried = 0  # edits the form made or refused: whether taking what is typed made one
        self._named: list = []  # the names of the sites and clouds as the lists of nodes (a link's ends) show them
        document.selectionChanged.connect(lambda _ids: self._selection_changed())
        document.designChanged.connect(lambda _old, _new: self._on_design_changed())
        document.takingPending.connect(self._take_pending)
        self.rebuild()

    # -- what to show ---------------------------------------------------------------------------------------
    def _selection_key(self) -> tuple:
        design = self.document.design
        # One look-up table, not a search of the design per selected id: Select All on 5,000 sites took 10 s.
        kind_of = {item.id: type(item).__name__ for coll in (design.sites, design.clouds, design.links)
                   for item in coll}
        ids = tuple(i for i in self.document.selected if i in kind_of)
        kinds = tuple(sorted({kind_of[i] for i in ids}))
        return ids, kinds, len(design.sites), len(design.clouds)

    @staticmethod
    def _find(design: Design, item_id: str):
        for coll in (design.sites, design.clouds, design.links):
            for item in coll:
                if item.id == item_id:
                    return item
        return None

    def _on_design_changed(self) -> None:
        # Same things selected: refresh the values in place, so a focused editor keeps its focus.
        if self._committing or self._selection_key() == self._shown:
            self._refresh()
        else:
            self.rebuild()

    def _selection_changed(self) -> None:
        # A figure or a name typed and not confirmed is the edit a click elsewhere (its focus-out) makes of it, not
        # dropped with the form: Edit ▸ Select All or Design ▸ Design Properties, clicked in the menu, leave the focus
        # in the box.
        if self.document.design is self._filled:  # not a design changed under the form (an undo, a delete)
            self._committing = True  # the form stays until the edit is made (its editors are in use)
            try:
                self.commit_pending()
            finally:
                self._committing = False
        self.rebuild()

    def rebuild(self) -> None:
        for title, section in self._sections.items():
            self._expanded[title] = section.header.isChecked()
        self._shown = self._selection_key()
        ids, kinds = self._shown[0], self._shown[1]
        design = self.document.design
        self._groups = self._groups_for(design, ids, kinds)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        self._sections = {}
        for group in self._groups:
            section = Section(group.title, self._expanded.get(group.title, group.expanded))
            self._sections[group.title] = section
            self._fill(section, group, design)
            column.addWidget(section)
        if len(kinds) > 1:  # an empty form said nothing of why, nor how to edit them
            column.addWidget(mixed_kinds_hint(ids, kinds, design))
        column.addStretch(1)
        self._scroll.setWidget(content)
        self._named = _names(design)  # the lists were filled with these names
        self._refresh()
        self.message.hide()

    def _title(self, design: Design) -> str:
        """What the inspector shows, named as the design names it now (after a rename, an undo, a redo)."""
        ids, kinds = self._shown[0], self._shown[1]
        if not ids:
            return f"Design — {name_or(design.name, 'Untitled design')}"
        if len(kinds) > 1:
            return f"{len(ids):,} items of different kinds selected"
        noun = {"Site": "site", "Cloud": "cloud", "Link": "link"}[kinds[0]]
        if len(ids) > 1:
            return f"{len(ids):,} {noun}s selected — edits apply to all"
        item = self._find(design, ids[0])
        label = name_or(item.name, item.id) if item is not None else ids[0]
        if isinstance(item, Link) and not shows(item.name):  # unnamed: by its two ends, as the findings name them
            label = names_for(design).ends(item.a, item.b)  # padded or duplicate names as the findings write them
        return f"{noun.capitalize()} — {label}"

    def _groups_for(self, design: Design, ids: tuple[str, ...], kinds: tuple[str, ...]) -> list[Group]:
        if not ids:
            # The settings that change results first (codec, VPN) within sight; the cover-page details last.
            return [
                Group("Design", Design, ("design",), lambda d: d, skip=_DESIGN_FIELDS + _DOCUMENT_FIELDS),
                Group("Voice", VoicePolicy, ("design.voice",), lambda d: d.voice),
                Group("VPN", VpnPolicy, ("design.vpn",), lambda d: d.vpn),
                Group("Traffic", TrafficPolicy, ("design.traffic",), lambda d: d.traffic, expanded=False),
                Group("Document (customer, author, notes)", Design, ("design",), lambda d: d,
                       skip=tuple(n for n in Design.model_fields if n not in _DOCUMENT_FIELDS), expanded=False),
            ]
        if len(kinds) > 1:
            return []
        first = self._find(design, ids[0])
        many = len(ids) > 1

        def reader(suffix: str = "") -> dict[str, Callable]:
            def read_all(d: Design) -> list[BaseModel | None]:
                # One item: a search that stops at it (every edit refreshes the form). Several: one look-up table,
                # not a search of the design per selected id (Select All on 5,000 sites).
                if len(ids) == 1:
                    items = [self._find(d, ids[0])]
                else:
                    found = {item.id: item for coll in (d.sites, d.clouds, d.links) for item in coll}
                    items = [found.get(i) for i in ids]
                return [getattr(item, suffix) if (item is not None and suffix) else item for item in items]
            return {"read": lambda d: read_all(d)[0], "read_all": read_all}

        skip_many = ("id", "name", "x", "y", "a", "b") if many else ()
        if isinstance(first, Site):
            return [
                Group("Site", Site, ids, **reader(), skip=("security", "traffic", *skip_many)),
                Group("Security controls", SecurityControls, tuple(f"{i}.security" for i in ids),
                       **reader("security")),
                Group("Traffic overrides (empty = design default)", SiteTraffic,
                       tuple(f"{i}.traffic" for i in ids), **reader("traffic"), expanded=False),
            ]
        if isinstance(first, Cloud):
            return [Group("Cloud", Cloud, ids, **reader(), skip=skip_many)]
        return [Group("Link", Link, ids, **reader(), skip=skip_many)]

    # -- the form -------------------------------------------------------------------------------------------
    def _fill(self, section: Section, group: Group, design: Design) -> None:
        specs = field_specs(group.model, group.skip)
        specs.sort(key=lambda spec: spec.name in _LAST_FIELDS)  # stable: declaration order otherwise
        for spec in specs:
            editor = FieldEditor(spec, lambda name, value, g=group: self._edit(g, name, value),
                                 choices=self._choices(group.model, spec.name, design),
                                 labels=self._labels(group.model, spec.name, design), on_refused=self.show_message)
            if spec.name == "id":
                editor.widget.setReadOnly(True)
                editor.widget.setToolTip("Ids name items in findings and files; they cannot be changed.")
            group.editors[spec.name] = editor
            label = spec.title + (f" ({spec.unit})" if spec.unit and spec.kind not in ("int", "float") else "")
            if spec.kind == "bool" and not spec.optional and group.model is SecurityControls:
                editor.widget.setText(spec.title)  # a checklist reads better with the text beside the box
                section.form.addRow(editor.widget)
                continue
            row_label = QLabel(label)
            row_label.setWordWrap(True)  # long titles wrap instead of pushing the editors out of the dock
            # The same label width in every section, so no section squeezes its editors ("GET VPN key servers").
            row_label.setFixedWidth(LABEL_WIDTH_EM * row_label.fontMetrics().averageCharWidth())
            row_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row_label.setToolTip(spec.tooltip)
            editor.widget.setMinimumWidth(90)
            section.form.addRow(row_label, editor.widget)

    @staticmethod
    def _choices(model: type[BaseModel], name: str, design: Design) -> list[Any] | None:
        # Plain-text fields that really pick from a list get a combo box of the valid values.
        if name == "codec":
            from advisor.codecs import codec_ids

            return codec_ids()
        if name == "l2":
            from advisor.layer2 import L2_CONVENTIONS

            return list(L2_CONVENTIONS)
        if name in _NODE_LISTS:
            return [s.id for s in design.sites]
        if model is Link and name in ("a", "b"):
            return sorted(design.node_ids())
        return None

    @staticmethod
    def _labels(model: type[BaseModel], name: str, design: Design) -> dict[Any, str] | None:
        # Combos show names people use (G.729, GET VPN); the design keeps the ids.
        if name == "codec":
            from advisor.codecs import all_codecs

            return {c.id: codec_label(c) for c in all_codecs()}
        if model is VpnPolicy and name == "technology":
            from advisor.choice_words import TECHNOLOGIES

            return TECHNOLOGIES
        if name == "l2":
            return L2_LABELS
        if name in _NODE_LISTS or (model is Link and name in ("a", "b")):
            # the name's open override turned the id after it around: left out, as from the title above
            return {n.id: without_overrides(f"{n.name} ({n.id})") if n.name and n.name != n.id else n.id
                    for n in (*design.sites, *design.clouds)}
        return CHOICE_LABELS.get(name)

    def _refresh(self) -> None:
        design = self._filled = self.document.design
        if self._named != _names(design):  # a site renamed (a rename redone, or made in another panel)
            self._relabel(design)
        for group in self._groups:
            objects = group.objects(design)
            for name, editor in group.editors.items():
                # Values that differ across the selection show as mixed, never as the first item's.
                values = [getattr(obj, name) if obj is not None else None for obj in objects] or [None]
                if all_equal(values):
                    editor.set(values[0])
                else:
                    editor.set(values[0], mixed=differ_note(values, editor.describe))
        self.title.setText(without_overrides(self._title(design)))

    def _relabel(self, design: Design) -> None:
        """The lists of nodes (a link's ends, the VPN hub, the central PSTN site) name each as the design does now:
        a site renamed by Redo, or in another panel, kept its old name there while the form stayed."""
        self._named = _names(design)
        for group in self._groups:
            for name, editor in group.editors.items():
                if name in _NODE_LISTS or (group.model is Link and name in ("a", "b")):
                    editor.relabel(self._labels(group.model, name, design) or {})

    # -- edits ----------------------------------------------------------------------------------------------
    def _edit(self, group: Group, name: str, value: Any) -> None:
        design = self.document.design
        current = group.read(design)
        if current is not None and getattr(current, name, object()) == value and len(group.targets) == 1:
            self.message.hide()  # the value stands as it is: a refusal shown for an earlier try no longer applies
            return
        values = {name: value}
        note = ""
        if group.model is TrafficPolicy and name in SHARES:
            values, note = balance_shares(design.traffic, name, value)
        text = undo_text(group, name)
        self._tried += 1
        try:
            if len(group.targets) == 1:
                cmd = SetFields.checked(design, group.targets[0], values, text)
            else:
                cmd = SetFieldsMany(group.targets, values, text)
                cmd.apply(design)  # refuse before it becomes an undo entry
            self._editing = True  # this edit is the pending entry the document would take first
            try:
                self.document.push(cmd)
            finally:
                self._editing = False
        except ValueError as exc:
            self.show_message(str(exc), error=True)
            self._refresh()  # the editors go back to what the document holds
            limit = max_length(group.model, name)
            if isinstance(value, str) and limit is not None and len(value) > limit:
                group.editors[name].keep_refused(value)  # Ctrl+Z in the box brings it back
            return
        if group.model is SiteTraffic and name in SHARES:
            note = scaled_note(self.document.design, [t.rpartition(".")[0] for t in group.targets])  # "id.traffic"
        if note:
            self.show_message(note, error=False)
        else:
            self.message.hide()

    def commit_pending(self) -> None:
        """Take a figure or a name typed into a box but not confirmed (no Enter, focus still there) as the edit
        Enter would make, refused with the usual message if the model refuses it: saving, exporting, autosaving
        and closing call this first, so what the window shows is what is kept."""
        for group in list(self._groups):  # an edit may rebuild the form: the groups of the moment
            for editor in list(group.editors.values()):
                editor.commit_pending()

    def _take_pending(self, taken: list) -> None:
        """The document is about to change (a menu or toolbar action, a paste, a Tools action): what is typed and not
        confirmed becomes an edit first (advisor.ui.document.Document.take_pending)."""
        if self._editing or self.document.design is not self._filled:
            return
        tried = self._tried
        self.commit_pending()
        if self._tried != tried:
            taken.append(self)

    def show_message(self, text: str, error: bool = True) -> None:
        self.message.setText(without_overrides(text))  # a refusal quoting a name: our words after it stay as written
        self.message.setProperty("error", error)
        self._colour_message()
        self.message.show()

    def _colour_message(self) -> None:
        error = bool(self.message.property("error"))
        colour = appearance.tone("error", self.palette()) if error else \
            self.palette().color(self.foregroundRole()).name()
        self.message.setStyleSheet(f"QLabel {{ color: {colour}; padding: 4px 2px; }}")

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.message.isVisibleTo(self):
            self._colour_message()  # a refusal shown as the theme switches: in the new theme's colour


def _names(design: Design) -> list[tuple[str, str]]:
    return [(n.id, n.name) for n in (*design.sites, *design.clouds)]
