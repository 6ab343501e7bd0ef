"""What the Inspector's number boxes say of a figure they do not take: a key or a paste the box dropped ("5e3" went
in as 53), and a figure typed that the box put back on Enter ("0 %" in a share of at least 1 %)."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QValidator

from advisor.ui.inspector_mixed import wanted


def _one_line(text: str) -> str:
    """A refused text quoted on one line (a paste may bring line breaks)."""
    return " ".join(text.split())


class Refusals:
    """Mixed into `inspector_fields.FieldEditor`: its widget, spec, held value and refusal callback."""

    def _keys_refused(self) -> bool:
        """Whether the box dropped a key or a paste since the design's value was shown: then what is left ("53" of
        "5e3", "5" of "-5") is no figure anyone typed, and the entry is refused whole, saying so, the box showing the
        design's value again."""
        refused = getattr(self.widget, "refused_text", None)
        if refused is None:
            return False
        spin = self.widget
        self.set(self._held, self._mixed_note)  # (forgets the refused text)
        if self._on_refused is not None:
            self._on_refused(f"{self.spec.title}: “{_one_line(refused)[:40]}” cannot be typed here; "
                             f"{wanted(self.spec, spin, refused)}. {self._kept()}.")
        return True

    def _say_refused(self, typed: str) -> None:
        """A figure typed that the box put back on Enter or focus out ("0 %" in a share of at least 1 %, "-1" where
        none is below 0): said, where it went back in silence. Not a text left empty or as it was shown."""
        spin = self.widget
        figure = typed.strip().removesuffix(spin.suffix().strip()).strip()
        if self._on_refused is None or not figure or typed == spin.text():
            return
        spin.probing = True
        try:
            state = spin.validate(typed, len(typed))[0]
        finally:
            spin.probing = False
        if state == QValidator.State.Acceptable:
            return
        with contextlib.suppress(ValueError):
            if float(figure.replace(",", "")) == spin.value():  # "33." put back as the 33 % it meant
                return
        self._on_refused(f"{self.spec.title}: “{typed.strip()}” is not taken; {wanted(self.spec, spin, typed)}. "
                         f"{self._kept()}.")

    def _kept(self) -> str:
        """What the refused entry leaves: the box's figure as shown again, or the selected items' own."""
        return ("The selected items keep theirs" if self._mixed else
                f"It stays {self.widget.text().strip() or self.spec.empty_label}")
