"""Editors generated from pydantic fields: title, unit (spin-box suffix), range, description (tooltip).

bool -> check box, Literal -> combo, int/float -> spin box, str -> line edit; an optional field accepts "empty".
The fields' descriptions (FieldSpec) are in advisor.ui.inspector_specs; a share shown in percent is converted
where a value enters the editor (set) and where it leaves it (_spin_value): inside, every figure is the one shown.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from advisor import numbers
from advisor.ui.inspector_keys import EscapeKey
from advisor.ui.inspector_mixed import (
    MixedComboBox,
    MixedDoubleSpinBox,
    MixedSpinBox,
    describe,
    misgrouped,
    show_mixed,
)
from advisor.ui.inspector_refusals import Refusals
from advisor.ui.inspector_specs import (  # noqa: F401 - re-exported (the forms)
    COMBO_CHARS,
    INT_LIMIT,
    LINE_MAX_UNITS,
    MAX_DECIMALS,
    STEPS,
    FieldSpec,
    decimals_of,
    field_specs,
    max_length,
    steps_of,
    with_bounds,
)

MULTI_LINE = ("notes",)  # the one text whose line breaks are the user's (a file's notes)
_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")


def one_line(text: str) -> str:
    """A pasted text as one line: a spreadsheet cell copied ends with a line break ("Lyon\\r\\n"), and a name or an
    id became "Lyon" and a break (drawn as a box in lists, a second line on the canvas); breaks and tabs inside
    become one space. Only a paste brings them: a line edit takes neither by typing."""
    return _BREAKS.sub(" ", text.strip("\r\n\t\v\f\u2028\u2029"))


def _decimals_shown(figure: Any) -> int:
    """The decimals a box shows `figure` with: its own, up to MAX_DECIMALS, and none that would only be zeros once it
    is rounded to those (a share of 0.010000000000000002 read "1.000000000 %"); a figure rounding to 0 there keeps
    them all (it reads as the box's lowest figure, or as written: see _floor_text)."""
    rounded = round(figure, MAX_DECIMALS) if isinstance(figure, float) and math.isfinite(figure) else figure
    return min(decimals_of(rounded if rounded else figure), MAX_DECIMALS)


class FieldEditor(Refusals):
    """One widget bound to one field: ``set(value)`` shows a document value, ``on_change(value)`` reports an edit.

    ``set(value, mixed=...)`` shows a field whose value differs across a selection (see inspector_mixed): then any
    entry is an edit, the value shown (the first item's) included."""

    def __init__(self, spec: FieldSpec, on_change: Callable[[str, Any], None], choices: list[Any] | None = None,
                 labels: Mapping[Any, str] | None = None, on_refused: Callable[[str], None] | None = None):
        self.spec = spec
        self._on_change = on_change
        self._on_refused = on_refused  # told, in words, of a figure typed that the box put back (out of range)
        self._typed_text = ""  # what was last typed into a spin box
        self._updating = False
        self._held: Any = None  # the value last shown with set(): what the design holds
        self._typed = False  # text typed into a spin box and not yet taken (no Enter, focus still there)
        self._touched = False  # a spin box's value changed by the user since set()
        self._shown_text = ""  # a line edit's text as set() left it
        self._labels = labels or {}  # value -> what the combo shows ("g729" -> "G.729 (8 kbps)")
        self._mixed = False  # the selected items hold different values; _held is the first one's
        self._mixed_note = ""  # how they differ, as set() was told
        self._tooltip = ""  # the tooltip a mixed note stands in front of
        self.widget = self._build(choices if choices is not None else spec.choices)
        self.widget.setToolTip(spec.tooltip)
        self.widget.setObjectName(f"field-{spec.name}")
        if isinstance(self.widget, (QLineEdit, QAbstractSpinBox)):
            escape = EscapeKey(self, self.widget)
            self.widget.installEventFilter(escape)
            if isinstance(self.widget, QAbstractSpinBox):  # the key reaches the box's line edit, its focus proxy
                self.widget.lineEdit().installEventFilter(escape)

    # -- building -------------------------------------------------------------------------------------------
    def _build(self, choices: list[Any]) -> QWidget:
        s = self.spec
        if s.kind == "bool" and not s.optional:
            box = QCheckBox()
            # Not toggled: a click on a partially checked (mixed) box checks it without toggling.
            box.checkStateChanged.connect(self._box_changed)
            return box
        if s.kind in ("choice", "bool") or choices:
            combo = MixedComboBox()
            # As wide as the form gives it, not as its longest item: a site named with 200 letters (the hub
            # site's list) pushed the form 2,400 pixels past the dock's edge.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(COMBO_CHARS)
            if s.kind == "bool":
                items: list[tuple[str, Any]] = [("on", True), ("off", False)]
            else:
                items = [(self._labels.get(c, str(c)), c) for c in choices]
            if s.optional:
                items.insert(0, (s.empty_label, None))
            for text, value in items:
                combo.addItem(text, value)
            combo.currentIndexChanged.connect(lambda i: self._emit(combo.itemData(i)))
            combo.activated.connect(self._combo_activated)  # the entry shown, picked again: mixed only
            return combo
        if s.kind in ("int", "float"):
            return self._build_spin()
        edit = QLineEdit()
        edit.setMaxLength(LINE_MAX_UNITS)  # Qt's 32,767 units held 16,383 of 20,000 emoji: an edit cut the rest
        if s.optional:
            edit.setPlaceholderText(s.empty_label)
        edit.editingFinished.connect(self._edit_finished)
        return edit

    def _build_spin(self) -> QAbstractSpinBox:
        s = self.spec
        decimals, step = self._steps()
        if s.kind == "int":
            spin: QAbstractSpinBox = MixedSpinBox()
            low, high = self._range(1)
            spin.setRange(int(max(low, -INT_LIMIT)), int(min(high, INT_LIMIT)))
            spin.setSingleStep(max(1, int(step)))
        else:
            spin = MixedDoubleSpinBox()
            spin.setDecimals(decimals)
            spin.setRange(*self._range(10**-decimals))
            spin.setSingleStep(step)
        if s.optional:
            spin.setSpecialValueText(s.empty_label)
        if s.unit:
            spin.setSuffix(f" {s.unit}")
        spin.setGroupSeparatorShown(True)  # 20,000 kbps, as the tables and the PDF write it (a C locale omits it)
        spin.setKeyboardTracking(False)  # one edit per Enter/focus-out or arrow step, not one per keystroke
        spin.setAccelerated(True)
        spin.valueChanged.connect(self._spin_changed)
        spin.lineEdit().textEdited.connect(self._spin_typed)
        spin.editingFinished.connect(self._spin_finished)
        return spin

    def _steps(self) -> tuple[int, float]:
        return steps_of(self.spec)

    def _range(self, tick: float) -> tuple[float, float]:
        """The spin box's range when its smallest step is `tick`: the field's bounds, an exclusive one a tick
        inside, and for an optional field one tick below, the value that stands for "empty"."""
        s = self.spec
        low = s.minimum if s.minimum is not None else -1e9
        high = s.maximum if s.maximum is not None else 1e9
        if s.exclusive_min:
            low += tick
        if s.exclusive_max:
            high -= tick
        if s.optional:
            low -= tick  # the value just below the range stands for "empty"
        return low, high

    def _fit(self, value: float | None) -> None:
        """Enough decimals to show `value` as the file holds it (1000.4 kbps, a gos of 0.0004), never fewer than
        the field's usual ones: a box that rounded it made typing the figure it showed a silent no-op."""
        spin = self.widget
        if not isinstance(spin, QDoubleSpinBox):
            return
        decimals = max(self._steps()[0], _decimals_shown(self.spec.shown(value))) \
            if value is not None else self._steps()[0]
        if decimals != spin.decimals():
            spin.setDecimals(decimals)
            spin.setRange(*self._range(10**-decimals))

    # -- values ---------------------------------------------------------------------------------------------
    def _box_changed(self, state: Qt.CheckState) -> None:
        if state != Qt.CheckState.PartiallyChecked:
            self._emit(state == Qt.CheckState.Checked)

    def _combo_activated(self, index: int) -> None:
        # A pick that changed the entry was reported by currentIndexChanged (and the form no longer shows mixed).
        if self._mixed and index == self.widget.currentIndex():
            self._emit(self.widget.itemData(index))

    def _edit_finished(self) -> None:
        edit = self.widget
        if self._mixed and not edit.isModified():
            return  # focus left a mixed field untouched: nothing entered, nothing to apply to all
        if not self._mixed and edit.text() == self._shown_text:
            # Enter on the text set() showed: the value held, not Qt's rendering of it (a name that starts with an
            # invisible U+FEFF shows without it, and Enter renamed the site, an undo entry for no edit)
            self._emit(self._held)
            return
        value = self._text_value(edit.text())
        if isinstance(value, str) and value != edit.text():
            edit.setText(value)  # the pasted line break gone from the box too, whether or not the value changes
        self._emit(value)

    def _spin_changed(self, v: float) -> None:
        if not self._updating and self._keys_refused():
            return
        if not self._updating and self._typed and misgrouped(self.widget, self._typed_text) is not None:
            # Qt's decimal box reads "1,5" as 15 on Enter, its commas dropped, whatever validate() said: refused
            typed = self._typed_text
            self.set(self._held, self._mixed_note)
            self._say_refused(typed)
            return
        if not self._updating:
            self._touched = True
            self._floor_text(None)  # the box's own lowest figure (or "(empty)") again, not a held one
        shown = self._shown(v)
        if shown != v:
            # Pasted in exponent notation ("5e-1", "1e-5"): Qt keeps the figure unrounded, so the design held 0.5 px
            # under a box showing "1 px", and a refusal quoted "1e-05 ms". The box takes the figure it shows; that
            # change comes back here and is the one reported.
            self.widget.setValue(shown)
            return
        self._emit(self._spin_value(v))

    def _spin_typed(self, text: str) -> None:
        if not self._updating:
            self._typed, self._typed_text = True, text

    def _spin_finished(self) -> None:
        """Enter or focus out: typed text the box's value did not change for (it still held what the design does
        not: a figure beyond the box's decimals or range) is an edit all the same when it differs from the design."""
        if self._updating or self._keys_refused():
            return
        if not self._typed:
            return
        self._typed = False
        self._say_refused(self._typed_text)
        value = self._spin_value(self.widget.value())
        if value != self._held or self._mixed:  # mixed: the figure shown in no box is an edit all the same
            self._emit(value)

    def keep_refused(self, text: str) -> None:
        """A text refused for its length: the box shows the design's value again, as for any refusal, but as an
        edit of the box that Ctrl+Z there undoes, bringing the refused text back to shorten: set() alone forgot it,
        and notes typed or pasted past 20,000 characters were gone for good."""
        edit = self.widget
        if not isinstance(edit, QLineEdit) or edit.text() != self._shown_text:
            return
        shown = self._shown_text
        self._updating = True
        try:
            edit.setText(text)  # the start of the box's own undo history
            edit.selectAll()
            edit.insert(shown)  # one step of it
            edit.setModified(False)
        finally:
            self._updating = False

    def commit_pending(self) -> None:
        """Take text typed but not yet confirmed (no Enter, focus still in the box) as the edit it would be on
        Enter: before a save or a close, so the file holds what the window shows."""
        w = self.widget
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            if self._typed:
                w.interpretText()  # the edit, through valueChanged, when the value changes
                self._spin_finished()
        elif isinstance(w, QLineEdit) and not w.isReadOnly() and w.isModified():  # typed into since set()
            w.setModified(False)
            if w.text() != self._shown_text:  # what set() showed (Qt's, for a name Qt cannot show as written)
                self._emit(self._text_value(w.text()))

    def typing(self) -> bool:
        """Whether text is typed into the box and not confirmed (no Enter, the focus still there)."""
        w = self.widget
        if isinstance(w, QAbstractSpinBox):
            return self._typed
        return isinstance(w, QLineEdit) and not w.isReadOnly() and w.isModified()

    def revert(self) -> None:
        """Escape: what is typed and not confirmed is dropped, the box shows the design's value again."""
        self.set(self._held, self._mixed_note)
        if isinstance(self.widget, QLineEdit):
            self.widget.setModified(False)  # the text typed back to the value shown: nothing pending either

    def _shown(self, v: float) -> float:
        """`v` as the spin box shows it (rounded to its decimals, within its range; "-0" is 0)."""
        spin = self.widget
        if not isinstance(spin, QDoubleSpinBox):
            return v
        shown = spin.valueFromText(QDoubleSpinBox.textFromValue(spin, v)) + 0.0  # the figure, even while mixed
        return min(max(shown, spin.minimum()), spin.maximum())

    def _spin_value(self, v: float) -> Any:
        spin = self.widget
        v = self._shown(v)
        if self.spec.optional and math.isclose(v, spin.minimum()):
            return None
        return int(v) if self.spec.kind == "int" else self.spec.stored(float(v))

    def _text_value(self, text: str) -> Any:
        if self.spec.name not in MULTI_LINE:
            text = one_line(text)
        return None if self.spec.optional and not text.strip() else text

    def value(self) -> Any:
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, (QSpinBox, QDoubleSpinBox)):
            if not (self._touched or self._typed or self._mixed):  # as set(): the value, not the box's rounding
                return self._held  # (a scenario's gos of 1e-12 came back from Edit "as the design")
            return self._spin_value(w.value())
        return self._text_value(w.text())

    def set(self, value: Any, mixed: str = "") -> None:
        """Show a document value without reporting it as an edit. `mixed`, when given, says how the values of the
        selected items differ (`value` is the first one's): the editor shows "mixed" with that note as its tooltip."""
        self._updating = True
        self._held, self._typed, self._mixed_note = value, False, mixed
        if hasattr(self.widget, "refused_text"):
            self.widget.refused_text = None
        try:
            self._show_mixed(mixed)
            w = self.widget
            if isinstance(w, QCheckBox):
                if mixed:
                    w.setTristate(True)
                    w.setCheckState(Qt.CheckState.PartiallyChecked)
                else:
                    w.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
                    w.setTristate(False)
            elif isinstance(w, QComboBox):
                index = w.findData(value)
                if index < 0:  # a value outside the known list (e.g. a custom SRST platform): show it anyway
                    w.addItem(self._labels.get(value, str(value)), value)
                    index = w.count() - 1
                w.setCurrentIndex(index)
            elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                self._fit(value)
                w.setValue(w.minimum() if value is None else self.spec.shown(value))
                self._touched = False
                self._floor_text(None if mixed else value)
            else:
                text = "" if value is None or mixed else str(value)
                if w.text() != text:
                    w.setText(text)
                    w.setCursorPosition(0)
                self._shown_text = w.text()
        finally:
            self._updating = False

    def _floor_text(self, value: Any) -> None:
        """What an optional decimal box reads at its lowest figure ("empty"): `value` as written when it is too
        small for the box's decimals and lands there (a site's holding time of 1e-10 s read "(empty)")."""
        w = self.widget
        if not isinstance(w, QDoubleSpinBox) or not self.spec.optional or self._mixed:
            return
        value = self.spec.shown(value)
        exact = isinstance(value, float) and value != w.value() and w.value() == w.minimum()
        unit = f" {self.spec.unit}" if self.spec.unit else ""
        text = f"{numbers.setting(value)}{unit}" if exact else self.spec.empty_label
        if w.specialValueText() != text:
            w.setSpecialValueText(text)

    def _show_mixed(self, mixed: str) -> None:
        w = self.widget
        if bool(mixed) != self._mixed:
            self._mixed = bool(mixed)
            if self._mixed:
                self._tooltip = w.toolTip()  # the field's own (or the form's, for a read-only id)
            else:
                w.setToolTip(self._tooltip)
            show_mixed(w, self._mixed, self.spec.unit, self.spec.empty_label if self.spec.optional else "")
        if mixed:
            w.setToolTip(f"{mixed}\n\n{self._tooltip}")

    def describe(self, value: Any) -> str:
        """`value` as this editor shows it, for the note on a mixed field: "512 kbps", "PPP", "on", "(empty)"."""
        return describe(self.spec.shown(value), self.spec.unit, self.spec.empty_label, self._labels)

    def relabel(self, labels: Mapping[Any, str]) -> None:
        """A list box's entries named anew (values -> what it shows), its pick and its "empty" entry kept."""
        self._labels = labels
        combo = self.widget
        if not isinstance(combo, QComboBox):
            return
        for index in range(combo.count()):
            value = combo.itemData(index)
            if value is None and self.spec.optional:
                continue
            text = labels.get(value, str(value))
            if combo.itemText(index) != text:
                combo.setItemText(index, text)

    def _emit(self, value: Any) -> None:
        if not self._updating:
            self._on_change(self.spec.name, value)
