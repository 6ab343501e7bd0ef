"""Mixed values: a field whose value differs across the Inspector's selection shows as "mixed", not as the first item's.

A spin box or a line edit shows no figure (an empty box reading "mixed"), a combo box reads "— mixed —" (its list
still marks the first item's entry, so picking it applies it), a check box is partially checked. The editor's
tooltip lists the values the selected items hold. Whatever the user enters then applies to every selected item.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPaintEvent, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from advisor import numbers

MIXED_TEXT = "mixed"  # an empty spin box's or line edit's placeholder
MIXED_CHOICE = "— mixed —"  # what a combo box reads
_LISTED = 6  # distinct values named in the tooltip before "and N other values"


def emptied(box: QSpinBox | QDoubleSpinBox, text: str) -> bool:
    """Whether `text` is an optional box cleared by the user: no figure left, only its unit, while the box has an
    "empty" entry (its lowest figure, shown as its special text). Qt took that for a half-typed figure and put the
    old one back on Enter, so a field that "may be left empty" could be emptied only with the down arrow."""
    if not box.specialValueText() or getattr(box, "mixed", False):
        return False
    rest = text.strip()
    for part in (box.prefix().strip(), box.suffix().strip()):
        if part and part in rest:
            rest = rest.replace(part, "", 1).strip()
    return not rest


# Signs and separators as other keyboards and programs write them: the minus sign (U+2212), full-width ones, and the
# spaces French and Swiss figures group thousands with (no-break, narrow no-break, thin).
_MARKS = {"\u2212": "-", "\uff0d": "-", "\uff0b": "+", "\uff0c": ",", "\uff0e": ".",
          "\u00a0": "", "\u202f": "", "\u2009": ""}
_GROUPS = re.compile(r"[+-]?\d{1,3}(,\d{3})*")  # a whole part grouped by thousands, as the boxes show figures


def plain_figure(text: str, pos: int) -> tuple[str, int]:
    """`text` with its digits in ASCII and its signs and separators as the box reads them: Arabic-Indic ('١٠٠٠') and
    full-width ('１０００') digits, which the site-list import takes, were refused by the boxes without a word."""
    def plain(part: str) -> str:
        return "".join(str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else _MARKS.get(ch, ch)
                       for ch in part)
    return plain(text), len(plain(text[:pos]))


def misgrouped(box: QSpinBox | QDoubleSpinBox, text: str) -> QValidator.State | None:
    """Whether the figure in `text` has a comma that does not group thousands: "1,5" (one and a half, with a
    decimal comma) became 15 and "1,0,0" 100, without a word. Intermediate while it may still become a grouped
    figure ("1,5" on the way to "1,500"; Enter then refuses it, saying why), Invalid when it cannot; None when
    the commas are the thousands' (or there are none)."""
    figure = text.strip().removeprefix(box.prefix().strip()).removesuffix(box.suffix().strip()).strip()
    whole = figure.split(".", 1)[0]
    if "," not in whole or _GROUPS.fullmatch(whole):
        return None
    head, *groups = whole.split(",")
    if "." in figure or any(len(g) != 3 for g in groups[:-1]) or len(groups[-1]) > 3 \
            or not all(g.isdigit() for g in groups[:-1]) or (groups[-1] and not groups[-1].isdigit()):
        return QValidator.State.Invalid
    return QValidator.State.Intermediate


def wanted(spec, box: QSpinBox | QDoubleSpinBox, typed: str) -> str:
    """What a refused figure should have been, for the Inspector's message: within the field's range, or, for "1,5",
    that a comma only groups thousands (and decimals take a point)."""
    figure = typed.strip().removesuffix(box.suffix().strip()).strip()
    if misgrouped(box, typed) is None:
        return f"it must be {spec.range_text}" if spec.range_text else "it is not a figure"
    words = "a comma only separates thousands (1,000)"
    if spec.kind == "float":
        words += (f"; write decimals with a point ({figure.replace(',', '.', 1)})"
                  if figure.count(",") == 1 and "." not in figure else "; write decimals with a point")
    return words


def checked(box: QSpinBox | QDoubleSpinBox, text: str, pos: int, qt_validate) -> object:
    """The validation the Inspector's boxes share: figures as `plain_figure` writes them, commas that group
    thousands only, a box cleared to its "empty" entry, then Qt's own."""
    text, pos = plain_figure(text, pos)
    if emptied(box, text):
        return QValidator.State.Acceptable, text, pos
    state = misgrouped(box, text)
    if state is None:
        state, text, pos = qt_validate(text, pos)
    if state == QValidator.State.Invalid and box.hasFocus() and not box.probing:
        # a key or a paste the box drops: "5e3" went in as 53 and "-5" as 5 on Enter, without a word
        box.refused_text = text
    return state, text, pos


class MixedSpinBox(QSpinBox):
    """A spin box that shows no figure while ``mixed``: its value stays the first item's, its text is empty.
    ``refused_text``: the last text typed or pasted that the box dropped since the design's value was shown."""

    mixed = False
    refused_text: str | None = None
    probing = False  # our own code asks `validate` of a text: nothing typed is refused

    def textFromValue(self, value: int) -> str:  # noqa: N802 (Qt's name)
        return "" if self.mixed else super().textFromValue(value)

    def validate(self, text: str, pos: int) -> object:
        return checked(self, text, pos, super().validate)

    def valueFromText(self, text: str) -> int:  # noqa: N802 (Qt's name)
        return self.minimum() if emptied(self, text) else super().valueFromText(text)


class MixedDoubleSpinBox(QDoubleSpinBox):
    """`MixedSpinBox` for decimals."""

    mixed = False
    refused_text: str | None = None
    probing = False  # our own code asks `validate` of a text: nothing typed is refused

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt's name)
        return "" if self.mixed else super().textFromValue(value)

    def validate(self, text: str, pos: int) -> object:
        return checked(self, text, pos, super().validate)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt's name)
        return self.minimum() if emptied(self, text) else super().valueFromText(text)


class MixedComboBox(QComboBox):
    """A combo box that reads "— mixed —" while ``mixed``; its current entry (the first item's) is what the popup
    marks, so the user can pick it like any other."""

    mixed = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if not self.mixed:
            super().paintEvent(event)
            return
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.currentText = MIXED_CHOICE
        option.currentIcon = QIcon()
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)
        painter.end()


def show_mixed(widget: QWidget, mixed: bool, unit: str, empty_label: str) -> None:
    """Put `widget` (a field's editor) in or out of its mixed look; `empty_label` is what an optional field's empty
    box reads ("(one per user)"), "" for a field that cannot be empty. Check boxes are left to the caller."""
    if isinstance(widget, (MixedComboBox, MixedSpinBox, MixedDoubleSpinBox)):
        widget.mixed = mixed
        widget.update()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):  # no unit, no "(empty)": the empty box reads "mixed"
        widget.lineEdit().setPlaceholderText(MIXED_TEXT if mixed else "")
        widget.setSpecialValueText("" if mixed else empty_label)
        widget.setSuffix(f" {unit}" if unit and not mixed else "")
    elif isinstance(widget, QLineEdit):
        widget.setPlaceholderText(MIXED_TEXT if mixed else empty_label)


def describe(value: Any, unit: str, empty_label: str, labels: Mapping[Any, str]) -> str:
    """`value` as a field's editor shows it: "512 kbps", "PPP" (its label), "on", "(empty)", "'cluster-1'"."""
    if value is None:
        return empty_label
    if isinstance(value, bool):
        return "on" if value else "off"
    if value in labels:
        return labels[value]
    if isinstance(value, (int, float)):
        text = numbers.setting(value, 15)
        return f"{text} {unit}" if unit else text
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def all_equal(values: Sequence[Any]) -> bool:
    first = values[0] if values else None
    return all(v == first for v in values)


def differ_note(values: Sequence[Any], describe: Callable[[Any], str]) -> str:
    """The tooltip line of a mixed field: "The 3 selected items differ here: 10000 kbps (1), 512 kbps (1), 256 kbps
    (1). What you enter applies to all of them." Values as the editor shows them, most held first."""
    held: dict[Any, int] = {}
    for value in values:  # each distinct value described once: 5,000 sites selected
        held[value] = held.get(value, 0) + 1
    counts: dict[str, int] = {}
    for value, n in held.items():
        text = describe(value)
        counts[text] = counts.get(text, 0) + n
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])  # stable: first seen first among equals
    listed = ", ".join(f"{text} ({n:,})" for text, n in ranked[:_LISTED])
    if len(ranked) > _LISTED:
        more = len(ranked) - _LISTED
        listed += f" and {more:,} other value{'s' if more != 1 else ''}"
    return (f"The {len(values):,} selected items differ here: {listed}. "
            "What you enter applies to all of them.")


def mixed_kinds_hint(ids: Sequence[str], kinds: Sequence[str], design) -> QLabel:
    """What the Inspector shows for a selection of sites, clouds and links together: how many of each, and how to
    edit them (no field is common to all three)."""
    kind_of = {item.id: type(item).__name__ for coll in (design.sites, design.clouds, design.links) for item in coll}
    counts = {kind: sum(1 for i in ids if kind_of.get(i) == kind) for kind in kinds}
    nouns = {"Site": ("site", "sites"), "Cloud": ("WAN cloud", "WAN clouds"), "Link": ("link", "links")}
    parts = [f"{counts[kind]:,} {words[counts[kind] != 1]}" for kind, words in nouns.items() if counts.get(kind)]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)
    hint = QLabel(f"Selected: {listed}.\n\nSites, WAN clouds and links have different properties: select items of one "
                  "kind to edit them together (click one, then Shift+click the others of its kind).")
    hint.setObjectName("inspector-mixed-kinds")
    hint.setWordWrap(True)
    hint.setTextFormat(Qt.TextFormat.PlainText)
    hint.setContentsMargins(2, 6, 2, 2)
    return hint
