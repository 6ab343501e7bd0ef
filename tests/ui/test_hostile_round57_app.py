"""Round 57 in the app: hostile design files through every way in (File ▸ Open, Open Recent, a drop on the window or
the canvas, the command line's file, File ▸ Revert to Saved, the autosave recovered at start), a refused site list
and a refused paste. Each refusal is a dialog (or the canvas's message) and leaves the design and its undo history
exactly as they were: Undo and Redo then do what they did before.

The hostile files are the bundled example with one thing spoiled (the fuzzing of round 57 ran some 10,000 such files
through these ways in); a damaged autosave is kept aside under a name no file has yet, never deleted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from advisor.commands import SetFields
from advisor.ui import app as app_module
from advisor.ui import settings
from advisor.ui.files import autosave_folder

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "single-site-campus.json"
RAW = EXAMPLE.read_bytes()
DATA = json.loads(RAW)


def _with(**changes) -> bytes:
    data = json.loads(RAW)
    data.update(changes)
    return json.dumps(data).encode()


# (what is spoiled, the file's bytes, words the refusal must hold)
HOSTILE = [
    ("cut at half", RAW[: len(RAW) // 2], "the file ends too early"),
    ("UTF-16 with a BOM, cut", RAW.decode().encode("utf-16")[:-7], "not valid UTF-16"),
    ("two UTF-8 BOMs", b"\xef\xbb\xbf\xef\xbb\xbf" + RAW, "a second byte-order mark"),
    ("nested 100,000 deep", RAW.replace(b'"name":', b'"deep": ' + b"[" * 100_000 + b"]" * 100_000 + b', "name":', 1),
     "deep"),
    ("100,000 sites that are numbers", _with(sites=[0] * 100_000), "sites"),
    ("a field given twice", RAW.replace(b'"name":', b'"name": "twice", "name":', 1), "name: is given twice"),
    ("users of 1e309", RAW.replace(b'"users": ', b'"users": 1e309, "x0": ', 1), "users"),
    ("a field named with a lone surrogate", RAW.replace(b"{", b'{"\\ud800": 1,', 1), "surrogate"),
    ("a name of 10,000 characters", _with(name="N" * 10_000), "name: is too long (at most 200 characters)"),
    ("a schema version of 2**63", _with(schema_version=2**63), "schema"),
]
IDS = [case[0] for case in HOSTILE]


def _state(window):
    doc, stack = window.document, window.document.undo_stack
    return (doc.design, doc.path, stack.count(), stack.index(), stack.cleanIndex(),
            [stack.text(i) for i in range(stack.count())], doc.selected)


@pytest.fixture
def edited(window, tmp_path):
    """The window on the example opened from plan.json, with two edits and one of them undone: a history to keep."""
    path = tmp_path / "plan.json"
    path.write_bytes(RAW)
    assert window.files.open_path(path, ask=False, remember=False)
    window.document.push(SetFields("design", {"name": "Edit one"}))
    window.document.push(SetFields(window.document.design.sites[0].id, {"users": 77}))
    window.document.undo_stack.undo()
    return path


def _history_still_works(window) -> None:
    """Undo goes back to the file's design, Redo twice brings both edits back: as before the refusal."""
    doc = window.document
    doc.undo()
    assert doc.design.name == DATA["name"]
    doc.redo()
    doc.redo()
    assert (doc.design.name, doc.design.sites[0].users) == ("Edit one", 77)


def _drop(target, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)  # the canvas leaves a file to the window: the window takes the drop
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    target.window().dropEvent(drop)
    for _ in range(3):
        QApplication.processEvents()


@pytest.mark.parametrize(("what", "data", "words"), HOSTILE, ids=IDS)
@pytest.mark.parametrize("way", ["open", "recent", "drop on the window", "drop on the canvas", "command line"])
def test_a_hostile_file_opened_any_way_is_said_and_the_history_stays(window, edited, dialogs, tmp_path, way, what,
                                                                     data, words):
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(data)
    before = _state(window)
    dialogs["answers"].append(QMessageBox.StandardButton.Discard)  # the unsaved-changes question, where asked
    if way == "open":
        assert window.files.open_path(hostile, ask=False) is False
    elif way == "recent":
        settings.add_recent(hostile)
        window.files._fill_recent()
        next(a for a in window.files.recent_menu.actions() if a.toolTip() == str(hostile)).trigger()
    elif way.startswith("drop"):
        _drop(window if way.endswith("window") else window.canvas.viewport(), hostile)
    else:  # as the start-up does with the file named on the command line
        target, example = app_module.startup_path(str(hostile))
        assert (target, example) == (hostile, False)
        assert window.files.open_path(target, ask=False) is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot open design" and text.startswith(str(hostile)) and words in text
    assert _state(window) == before
    _history_still_works(window)


@pytest.mark.parametrize(("what", "data", "words"), HOSTILE, ids=IDS)
def test_a_scripted_start_on_a_hostile_file_says_why_on_stderr(capsys, what, data, words, tmp_path):
    hostile = tmp_path / "hostile.json"
    hostile.write_bytes(data)
    assert app_module._scripted_load(hostile) is None
    err = capsys.readouterr().err
    assert err.startswith(f"advisor: error: {hostile}: ") and words in err and "Traceback" not in err


@pytest.mark.parametrize(("what", "data", "words"), HOSTILE, ids=IDS)
def test_revert_to_a_hostile_file_keeps_the_design_and_its_history(window, edited, dialogs, what, data, words):
    edited.write_bytes(data)  # another program spoiled the window's file
    before = _state(window)
    assert window.file_watch.revert() is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot read the saved design" and words in text and "kept as it was" in text
    assert _state(window) == before  # the design was unsaved already: even "modified" is as it was
    _history_still_works(window)


@pytest.fixture
def autosave(window):
    """An autosave file an ended instance left (no lock held); it and what is kept of it are removed afterwards."""
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "autosave-575757-abcdef01.json"
    yield path
    for item in folder.glob("autosave-575757-abcdef01*"):
        if item.is_dir():
            os.rmdir(item)
        else:
            item.unlink()


@pytest.mark.parametrize(("what", "data", "words"), HOSTILE, ids=IDS)
def test_a_hostile_autosave_is_refused_kept_aside_and_the_history_stays(window, edited, dialogs, autosave, what,
                                                                         data, words):
    autosave.write_bytes(data)
    before = _state(window)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    (title, text), = dialogs["warning"]
    kept = autosave.with_name(autosave.name + ".damaged")
    assert title == "Cannot recover" and words in text and f"kept as {kept}" in text
    assert kept.read_bytes() == data and not autosave.exists()
    assert _state(window) == before
    _history_still_works(window)


# -- the damaged autosave is never lost ------------------------------------------------------------------------------
def test_a_folder_where_the_damaged_autosave_goes_takes_the_next_name(window, dialogs, autosave):
    # it was deleted: the rename onto the folder failed, and the file was discarded all the same
    autosave.write_bytes(b"{ the work, damaged")
    autosave.with_name(autosave.name + ".damaged").mkdir()
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    kept = autosave.with_name(autosave.name + ".damaged-2")
    (title, text), = dialogs["warning"]
    assert title == "Cannot recover" and f"The file is kept as {kept}." in text
    assert kept.read_bytes() == b"{ the work, damaged"


def test_an_earlier_damaged_autosave_is_not_replaced(window, dialogs):
    # the single autosave.json of earlier versions, damaged at two starts: the second replaced the first one kept
    folder = autosave_folder()
    folder.mkdir(parents=True, exist_ok=True)
    legacy, earlier = folder / "autosave.json", folder / "autosave.json.damaged"
    earlier.write_bytes(b"{ the first damaged work")
    legacy.write_bytes(b"{ the second damaged work")
    try:
        dialogs["answers"].append(QMessageBox.StandardButton.Open)
        app_module._offer_recovery(window)()
        assert earlier.read_bytes() == b"{ the first damaged work"
        assert (folder / "autosave.json.damaged-2").read_bytes() == b"{ the second damaged work"
        assert not legacy.exists()
    finally:
        for item in (legacy, earlier, folder / "autosave.json.damaged-2"):
            item.unlink(missing_ok=True)


def test_a_damaged_autosave_that_cannot_be_moved_stays_where_it_is(window, dialogs, autosave, monkeypatch):
    # a folder the app may no longer rename in: the file was deleted with the rename's failure unsaid
    autosave.write_bytes(b"{ the work, damaged")

    def refused(src, dst, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refused)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()
    monkeypatch.undo()
    (title, text), = dialogs["warning"]
    assert title == "Cannot recover" and f"left where it is, {autosave}, and offered again at the next start" in text
    assert autosave.read_bytes() == b"{ the work, damaged"


# -- Open Recent on a file made unreadable since ----------------------------------------------------------------------
def test_a_recent_design_made_unreadable_stays_in_the_list(window, tmp_path, dialogs, monkeypatch):
    # its permissions taken away: the file may well be the design, readable again tomorrow; its entry went as if
    # it were no design. (Made unreadable through the system calls: the tests may run as root, who reads anything.)
    path = tmp_path / "plan.json"
    path.write_bytes(RAW)
    settings.add_recent(path)
    real_open, real_access = os.open, os.access

    def no_read(name, flags, *args, **kwargs):
        if os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", no_read)
    monkeypatch.setattr(os, "access", lambda name, mode, **kw: os.fspath(name) != str(path) and real_access(name, mode))
    assert window.files.open_path(path, ask=False) is False
    monkeypatch.undo()
    (title, text), = dialogs["warning"]
    assert title == "Cannot open design" and "Permission denied" in text
    assert "It stays in File ▸ Open Recent, to open from there once you may read it again" in text
    assert settings.recent_files() == [path.resolve()]


# -- a refused site list and a refused paste -------------------------------------------------------------------------
def test_a_site_list_that_imports_nothing_keeps_the_design_and_its_history(window, edited, tmp_path, qtbot):
    from advisor.ui.bid.import_dialog import open_dialog

    sheet = tmp_path / "sites.csv"  # every row's users a date, a formula or NaN: no row can be imported
    sheet.write_text("Site Name,Users,WAN BW\n=cmd|' /C calc'!A0,2024-01-01,2M\nB,NaN,=1+1\n", encoding="utf-8")
    before = _state(window)
    dialog = open_dialog(window, sheet)
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.runner.busy(), timeout=5000)
    qtbot.wait(1)
    dialog.accept()
    assert dialog.imported is None and not dialog.import_button.isEnabled()
    assert "nothing imported: all 2 rows below the header were skipped" in dialog.summary.text()
    dialog.done(0)
    assert _state(window) == before
    _history_still_works(window)


@pytest.mark.parametrize("text", [
    RAW.decode(),  # a design file's text: not sites copied on the canvas
    "Site Name\tUsers\nA\t5\n",  # a spreadsheet's cells
    '{"format": "uc-design-advisor/nodes", "nodes": ' + "[" * 100_000,  # nested deep, never closed
    '{"format": "uc-design-advisor/nodes", "nodes": [], "nodes": [{"id": "a"}]}',  # given twice
    json.dumps({"format": "uc-design-advisor/nodes", "nodes": [0] * 100_000}),
])
def test_a_refused_paste_keeps_the_design_and_its_history(window, edited, text):
    messages: list[str] = []
    window.canvas.message.connect(messages.append)
    QGuiApplication.clipboard().setText(text)
    before = _state(window)
    window.canvas.paste()
    assert len(messages) == 1 and ("paste" in messages[0].lower() or "clipboard" in messages[0])
    assert _state(window) == before
    _history_still_works(window)


@pytest.mark.parametrize("way", ["open", "command line"])
def test_a_missing_file_never_listed_is_not_said_to_stay_in_the_list(window, tmp_path, dialogs, way):
    # `advisor gui missing.json` said "It stays in File ▸ Open Recent, in case its drive or share is only
    # disconnected" of a file the list never held
    missing = tmp_path / "typo.json"
    target = app_module.startup_path(str(missing))[0] if way == "command line" else missing
    assert window.files.open_path(target, ask=False) is False
    (title, text), = dialogs["warning"]
    assert text == f"{missing}: cannot be read: No such file or directory"
    assert settings.recent_files() == []
