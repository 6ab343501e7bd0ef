"""Files in the desktop app: save/open round-trip, damaged files, unsaved-changes prompts, recent files, settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from advisor import io
from advisor.commands import SetFields
from advisor.model import Design
from advisor.ui import settings
from advisor.ui.icons import examples


def test_settings_never_touch_the_user_profile(settings_dir):
    path = Path(settings.qsettings().fileName())
    assert settings_dir in path.parents, path
    settings.put("view/theme", "dark")
    assert path.is_file() and "dark" in path.read_text()


def test_save_then_open_round_trips(window, tmp_path, dialogs):
    doc = window.document
    doc.push(SetFields("br-1", {"users": 77}))
    assert window.isWindowModified()
    target = tmp_path / "round trip.json"
    assert window.files.save_to(target)
    assert not doc.modified and not window.isWindowModified()
    assert "round trip.json" in window.windowTitle()
    saved = doc.design
    doc.reset(Design())
    assert window.files.open_path(target)
    assert doc.design == saved
    assert doc.path == target.resolve()
    assert settings.recent_files()[0] == target.resolve()
    assert settings.get("files/last") == str(target.resolve())


def test_saving_again_keeps_the_previous_version(window, tmp_path, dialogs):
    target = tmp_path / "kept.json"
    window.files.save_to(target)
    window.document.push(SetFields("design", {"name": "Second version"}))
    window.files.save()  # the document has a path now: no dialog
    assert io.load(target).name == "Second version"
    assert io.load(target.with_name("kept.json.bak")).name == "Sample WAN"


def test_damaged_file_shows_a_message_and_the_app_keeps_running(window, tmp_path, dialogs):
    before = window.document.design
    bad = tmp_path / "damaged.json"
    bad.write_text('{"name": "x", "sites": [ {"id": "a", "users": -5} ]', encoding="utf-8")
    assert window.files.open_path(bad) is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot open design"
    assert "damaged.json" in text and "not valid JSON" in text
    assert window.document.design is before  # nothing replaced
    assert window.isVisible()
    invalid = tmp_path / "invalid.json"
    invalid.write_text('{"sites": [{"id": "a", "users": -5}]}', encoding="utf-8")
    assert window.files.open_path(invalid) is False
    assert "sites[0].users: must be ≥ 0" in dialogs["warning"][-1][1]


def test_unsaved_changes_prompt_on_new(window, dialogs):
    doc = window.document
    doc.push(SetFields("design", {"name": "Unsaved"}))
    dialogs["answers"] = [QMessageBox.StandardButton.Cancel]
    window.files.new()
    assert doc.design.name == "Unsaved"  # cancelled: nothing lost
    dialogs["answers"] = [QMessageBox.StandardButton.Discard]
    window.files.new()
    assert doc.design == Design() and not doc.modified
    assert len(dialogs["question"]) == 2


def test_close_with_unsaved_changes_can_be_cancelled(window, dialogs):
    window.document.push(SetFields("design", {"name": "Unsaved"}))
    dialogs["answers"] = [QMessageBox.StandardButton.Cancel]
    assert window.close() is False
    assert window.isVisible()


def test_save_as_adds_json_suffix(window, tmp_path, monkeypatch, dialogs):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "named"), ""))
    assert window.files.save_as()
    assert (tmp_path / "named.json").is_file()
    assert window.document.path == (tmp_path / "named.json").resolve()


def test_examples_menu_opens_untitled_copies(window, dialogs):
    listed = [a.text() for a in window.files.examples_menu.actions()]
    assert listed == [p.stem.replace("-", " ") for p in examples()]
    assert listed, "resources/examples holds the bundled examples"
    window.files.examples_menu.actions()[0].trigger()
    assert window.document.path is None  # saving asks for a new name instead of writing into resources
    assert window.document.design == io.load(examples()[0])


def test_window_layout_is_saved_with_its_version(window, dialogs):
    window.close()
    assert settings.get("window/state_version") == settings.WINDOW_STATE_VERSION
    assert not settings.get("window/state").isEmpty()


def test_autosave_writes_unsaved_work(window, dialogs):
    from advisor.ui.files import autosave_path

    assert window.files.autosave() is None  # nothing unsaved, nothing written
    window.document.push(SetFields("design", {"name": "Crash survivor"}))
    path = window.files.autosave()
    assert path == autosave_path() and io.load(path).name == "Crash survivor"
    assert ".qttest" in str(path)  # QStandardPaths test mode: never the user's real data folder
    window.files.clear_autosave()
    assert not path.exists()


# -- hostile files and failing saves -------------------------------------------------------------------------

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"


def _hostile_expectations() -> dict:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_hostile", HOSTILE / "make_hostile.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.EXPECTED


@pytest.mark.parametrize(("field", "value", "message"), [
    ("capacity_kbps", 5e-324, "links[0].capacity_kbps: must be ≥ 1"),
    ("srst_capacity", 10**30, "sites[1].srst_capacity: must be ≤ 1,000,000"),
])
def test_values_the_app_cannot_draw_are_refused_in_a_dialog(window, tmp_path, dialogs, field, value, message):
    import json

    data = {"sites": [{"id": "hq", "kind": "hq", "users": 10, "cucm_publisher": True},
                      {"id": "br", "users": 5, "survivability": "srst"}],
            "clouds": [{"id": "m"}], "links": [{"id": "l1", "a": "hq", "b": "m"}, {"id": "l2", "a": "br", "b": "m"}]}
    if field == "capacity_kbps":
        data["links"][0][field] = value
    else:
        data["sites"][1][field] = value
    bad = tmp_path / "edge.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = window.document.design
    assert window.files.open_path(bad) is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot open design" and message in text and "edge.json" in text
    assert window.document.design is before


def test_every_hostile_file_opens_or_is_refused_in_a_dialog(window, tmp_path, dialogs):
    expected = _hostile_expectations()
    for name, (verdict, words) in sorted(expected.items()):
        before = window.document.design
        dialogs["warning"].clear()
        opened = window.files.open_path(HOSTILE / name, ask=False, remember=False)
        if verdict == "refused":
            assert opened is False, name
            (title, text), = dialogs["warning"]
            assert title == "Cannot open design" and words in text, name
            assert window.document.design is before, name
        else:
            assert opened is True and dialogs["warning"] == [], name
            target = tmp_path / f"saved-{name}"
            assert window.files.save_to(target), name
            assert io.load(target) == window.document.design, name


def test_an_unexpected_error_while_opening_is_a_dialog_too(window, tmp_path, dialogs, monkeypatch):
    def bug(path):
        raise RuntimeError("not a file problem")

    monkeypatch.setattr(io, "load", bug)
    before = window.document.design
    assert window.files.open_path(tmp_path / "x.json", ask=False) is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot open design" and "RuntimeError" in text and "x.json" in text
    assert window.document.design is before


def test_a_design_that_cannot_be_encoded_is_reported_not_raised(window, tmp_path, dialogs):
    window.document.reset(window.document.design.model_copy(update={"name": "bad \ud800"}))
    target = tmp_path / "bad.json"
    assert window.files.save_to(target) is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot save design" and "bad.json" in text and "UTF-8" in text
    assert not target.exists()


def test_an_unexpected_save_error_is_reported_not_raised(window, tmp_path, dialogs, monkeypatch):
    def bug(design, path, **kwargs):
        raise TypeError("serializer bug")

    monkeypatch.setattr(io, "save", bug)
    assert window.files.save_to(tmp_path / "t.json") is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot save design" and "TypeError" in text


def test_a_failed_backup_is_shown_but_the_save_counts(window, tmp_path, dialogs):
    target = tmp_path / "kept.json"
    assert window.files.save_to(target)
    (tmp_path / "kept.json.bak").mkdir()  # the backup cannot be written
    window.document.push(SetFields("design", {"name": "Second version"}))
    assert window.files.save_to(target) is True
    (title, text), = dialogs["warning"]
    assert title == "Previous version not kept" and "kept.json.bak" in text
    assert not window.document.modified
    assert io.load(target).name == "Second version"


def test_a_design_without_positions_opens_laid_out_and_undo_piles_it_back(window, tmp_path, dialogs):
    # A file written by hand or by another tool: no x or y anywhere, so every site and the cloud sit on (0, 0)
    import json

    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}] + [
        {"id": f"b{i}", "users": 10} for i in range(5)]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "m"} for s in sites]
    path = tmp_path / "no positions.json"
    path.write_text(json.dumps({"name": "piled", "sites": sites, "clouds": [{"id": "m"}], "links": links}),
                    encoding="utf-8")
    assert window.files.open_path(path)
    doc = window.document
    spots = {(n.x, n.y) for n in (*doc.design.sites, *doc.design.clouds)}
    assert len(spots) == 7  # laid out: each node on a spot of its own
    assert "had no positions" in window.statusBar().currentMessage()
    doc.undo_stack.undo()
    assert {(n.x, n.y) for n in (*doc.design.sites, *doc.design.clouds)} == {(0.0, 0.0)}
    # a design with positions opens as drawn: nothing moved, nothing to undo
    doc.undo_stack.redo()
    assert window.files.save_to(path)
    assert window.files.open_path(path)
    assert not doc.undo_stack.canUndo() and len({(n.x, n.y) for n in doc.design.sites}) == 6


def test_a_recent_design_not_found_stays_in_the_list_and_a_damaged_one_goes(window, tmp_path, dialogs):
    # a file on a drive not connected is not found for now: its entry stays, and the message says so; a file that
    # is there but is no design is dropped from the list, as before
    gone = tmp_path / "on a share" / "design.json"
    damaged = tmp_path / "damaged.json"
    damaged.write_text("{", encoding="utf-8")
    settings.put("files/recent", [str(gone), str(damaged)])
    assert window.files.open_path(gone, ask=False) is False
    (title, text), = dialogs["warning"]
    assert title == "Cannot open design" and "It stays in File ▸ Open Recent" in text
    assert settings.recent_files() == [gone, damaged]
    assert window.files.open_path(damaged, ask=False) is False
    assert "It stays" not in dialogs["warning"][1][1]
    assert settings.recent_files() == [gone]
