"""Rich text replaced in a scrolled view with one layout instead of two.

``QTextEdit.setHtml`` empties the document first: a view whose vertical scroll bar was showing hides it, lays the
new text out at the wider width, then shows the bar again and lays it all out a second time at the narrower one.
For the findings panel's VPN recommendation (50-odd paragraphs, re-worded by every edit) that second layout was
half of the 4 ms its refresh cost. Keeping the bar for the swap (Qt drops it after, if the new text fits) lays the
text out once, at the width it is shown.
"""

from __future__ import annotations

import html
import re

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextEdit

from advisor.shown_names import without_explicit_marks


def replace_html(edit: QTextEdit, html: str) -> None:
    """``edit.setHtml(html)``, laid out once when the view is scrolled; without explicit direction marks, as `plain`
    leaves them out (the findings' recommendation quotes the design's names)."""
    html = without_overrides(html)
    bar = edit.verticalScrollBar()
    policy = edit.verticalScrollBarPolicy()
    if not bar.isVisible() or policy != Qt.ScrollBarPolicy.ScrollBarAsNeeded:
        edit.setHtml(html)
        return
    edit.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    try:
        edit.setHtml(html)
    finally:
        edit.setVerticalScrollBarPolicy(policy)


def plain(text: str) -> str:
    """``text`` (holding names from a design file) for a tooltip, a message box or a label, shown as written.

    Qt takes any text that looks like HTML as rich text: a site named ``<img src="/dev/zero">`` made the tooltip (or
    a label) read /dev/zero as an image, and the window hung. Text without markup is returned as it is; otherwise it
    is escaped inside ``<qt>``, which Qt always renders as rich text, line breaks kept. Explicit direction marks are
    left out (`without_overrides`): a name's unclosed right-to-left override turned the question's own words after
    it around ("“Lab” has changes that are not saved" read ".tsrif meht evaS ?devas ton era taht segnahc sah").
    """
    text = without_overrides(text)
    if not QtGui.Qt.mightBeRichText(text):  # QtGui's Qt namespace holds the function, QtCore's does not
        return text
    return "<qt style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</qt>"


def menu_text(text: str, limit: int = 80) -> str:
    """``text`` (a design's name, a file's name) as a menu item shows it as written: on one line, at most ``limit``
    characters, and each ``&`` kept (Qt takes the letter after one for the item's shortcut and hides the ``&``:
    "R&D lab.json" showed as "RD lab.json"). Explicit direction marks are left out, as from a window title: a
    right-to-left override in a file's name ("\u202eplan.json") turned Open Recent's entry into "nosj.nalp"."""
    line = " ".join(without_overrides(text).split())
    if len(line) > limit:
        line = line[: limit - 1] + "…"
    return line.replace("&", "&&")


def menu_words(text: str) -> str:
    """A menu entry's text as it reads, without the mark of its menu key: "Save &As…" → "Save As…", "R&&D" → "R&D"
    (the inverse of `menu_text`), for tooltips, status tips and the shortcuts table."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")




def title_text(text: str) -> str:
    """``text`` for a window title, as written: on one line, and a ``[*]`` in it kept (Qt takes the first one for the
    place of the unsaved-changes mark: "Lab [*] v2" showed as "Lab * v2", or "Lab  v2"). Explicit direction marks
    are left out: a right-to-left override in a design's name turned the file name and the app's name after it
    around (right-to-left letters still read as they do, by their own direction). Control characters (a NUL, a bell,
    an escape) are left out too: a window manager shows them as boxes or cuts the title at them."""
    return " ".join(_CONTROLS.sub("", without_overrides(text)).split()).replace("[*]", "[*][*]")


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")  # not the ones split() reads as spaces
_LINE_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def status_text(text: str) -> str:
    """``text`` for the status bar's one line: a line break inside it (a file named "ok\\nname.pdf") shown as ⏎
    where the bar showed it raw, other control characters and explicit direction marks left out."""
    return _CONTROLS.sub("", _LINE_BREAKS.sub("⏎", without_overrides(text))).replace("\t", " ").replace("\x1f", "")


def without_overrides(text: str) -> str:
    """``text`` without explicit direction embeddings, overrides and isolates, for a label that names a design's
    item beside words of ours: a right-to-left override in a name would turn those words around too."""
    return without_explicit_marks(text)


def elide_words(text: str, metrics: QtGui.QFontMetrics, px: int) -> str:
    """`text` with each run of non-space characters wider than `px` cut to fit with "…", the rest left to wrap: a
    200-letter name without a space would ask a label, and its dock and window, for thousands of pixels."""
    def fit(match: re.Match) -> str:
        word = match.group(0)
        return metrics.elidedText(word, Qt.TextElideMode.ElideRight, px) if metrics.horizontalAdvance(word) > px \
            else word
    return re.sub(r"\S+", fit, text)
