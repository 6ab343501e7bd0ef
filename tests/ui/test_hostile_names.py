"""Names from a design file that look like HTML are shown as written, never rendered, and a settings file with a
name the system refuses does not stop the start-up.

Qt renders any label, tooltip or message box text that looks like HTML as rich text: a site named
``<img src="/dev/zero">`` (a legal 21-character name) made a label read /dev/zero as an image, and the app hung
while opening the design. Here the payload is a harmless ``<u>…</u>``: each place that would render it is found.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QWidget

from advisor.model import Scenario
from advisor.ui import app as app_module
from advisor.ui import settings
from advisor.ui.classroom.quiz import Hidden, QuizSettings
from advisor.ui.rich_text import plain

PAYLOAD = "<u>MARK</u>"


def _rendered(text: str) -> bool:
    """Whether Qt would render the payload in ``text`` as markup (rather than show it as written)."""
    return PAYLOAD in text and QtGui.Qt.mightBeRichText(text)


def _rendered_places(win) -> list[str]:
    places = []
    for w in [win, *win.findChildren(QWidget)]:
        name = w.objectName() or type(w).__name__
        if isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.PlainText and _rendered(w.text()):
            places.append(f"{name}: label {w.text()[:60]}")
        if _rendered(w.toolTip()):
            places.append(f"{name}: tooltip {w.toolTip()[:60]}")
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 50)):
                for col in range(columns):
                    tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and _rendered(tip):
                        places.append(f"{name}: item tooltip {tip[:60]}")
    return sorted(set(places))


def test_names_that_look_like_html_are_never_rendered(qtbot, window):
    doc = window.document
    design = doc.design
    sites = tuple(s.model_copy(update={"name": PAYLOAD + s.id}) for s in design.sites)
    links = tuple(x.model_copy(update={"name": PAYLOAD + x.id}) for x in design.links)
    doc.reset(design.model_copy(update={"name": PAYLOAD, "sites": sites, "links": links,
                                        "scenarios": (Scenario(name=PAYLOAD + "option", codec="g729"),)}))
    window.analysis.run_now()
    found = []
    for name, dock in window.docks.items():
        dock.show()
        dock.raise_()
        for selection in ((sites[1].id,), (links[1].id,), ()):
            doc.select(selection)
            qtbot.wait(30)
            found += [f"{name} {selection}: {p}" for p in _rendered_places(window)]
    window.classroom.start_quiz(QuizSettings(title=PAYLOAD, hidden=Hidden(kbps=True)))
    found += _rendered_places(window)
    window.classroom.end_quiz()
    assert not found, "\n".join(sorted(set(found)))


def test_plain_keeps_text_as_written():
    assert plain("Branch 1 & 2") == "Branch 1 & 2"  # no markup: unchanged
    shown = plain('<img src="/dev/zero">\nnext line')
    assert "<img" not in shown and "&lt;img" in shown and QtGui.Qt.mightBeRichText(shown)
    doc = QtGui.QTextDocument()
    doc.setHtml(shown)
    assert doc.toPlainText() == '<img src="/dev/zero">\nnext line'


def test_unsaved_changes_prompt_shows_the_name_as_written(window, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.Cancel)
    window.document.reset(window.document.design.model_copy(update={"name": PAYLOAD}))
    window.document.undo_stack.resetClean()  # modified: the prompt names the design
    assert not window.files.maybe_save()
    assert asked and not _rendered(asked[0]) and "&lt;u&gt;MARK" in asked[0]


def test_a_last_design_name_the_system_refuses_falls_back_to_the_example():
    # A settings file edited by hand (or written by another system): a name longer than the system allows made
    # Path.is_file() raise at start-up, and the window opened on an "Unexpected error" instead of the example.
    settings.put("files/last", "/" + "a" * 5000 + ".json")
    path, is_example = app_module.startup_path(None)
    assert is_example and path.name == app_module.DEFAULT_EXAMPLE
