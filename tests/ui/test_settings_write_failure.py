"""Settings that cannot be saved are said: once in the log with the file's path, once in the main window's status
bar with its name. Every write used to fail silently (QSettings.status() was never asked): the user changed the theme
or opened files, and at the next start nothing was kept, with no word why.

The settings are moved under a regular file, where their folder cannot be created: that fails as root too, where
a read-only folder would not (root writes through permissions). The read-only cases run for other users only."""

from __future__ import annotations

import logging
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from advisor.ui import settings  # noqa: E402

LOGGER = "advisor.ui.settings"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _settings_in(folder: Path) -> Path:
    """Point the app's settings at `folder`; the file they are kept in there."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder / settings.ORGANIZATION / f"{settings.APPLICATION}.ini"


@pytest.fixture
def fresh(monkeypatch, settings_dir):
    """Nothing said yet in this run; the settings are back in the test folder afterwards. (raising=False: without
    these names the tests fail on what they assert, not here.)"""
    monkeypatch.setattr(settings, "_write_said", set(), raising=False)
    monkeypatch.setattr(settings, "_write_problem", "", raising=False)
    monkeypatch.setattr(settings, "_write_short", "", raising=False)
    monkeypatch.setattr(settings, "_folders", None)  # where Qt looks, found again for the folder moved to
    yield
    _settings_in(settings_dir)


@pytest.fixture
def unwritable(fresh, tmp_path) -> Path:
    """The settings file this run cannot write: its folder would have to be made inside a regular file."""
    (tmp_path / "blocker").write_text("a file, not a folder\n", encoding="utf-8")
    return _settings_in(tmp_path / "blocker" / "config")


def _warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER and r.levelno >= logging.WARNING]


def test_a_settings_file_that_cannot_be_written_is_said_once(unwritable, caplog, tmp_path):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        settings.put("view/theme", "dark")
        settings.add_recent(tmp_path / "wan.json")
        settings.put_path("files/last", tmp_path / "wan.json")
        settings.put("view/theme", "light")
    assert settings.write_problem() == (
        f"Settings cannot be saved to {unwritable} (its folder cannot be created): the window layout, recent files "
        "and theme of this session will not be kept")
    short = settings.write_problem(short=True)
    assert short.startswith("Settings not saved (")  # what matters first, where a narrow bar cuts the line
    assert "advisor.ini" in short and str(unwritable.parent) not in short  # the file's name, not its path
    assert _warnings(caplog) == [settings.write_problem()]  # one warning for four failed writes
    assert "Traceback" not in caplog.text


def test_a_write_that_works_again_clears_the_problem(unwritable, tmp_path):
    settings.put("view/theme", "dark")
    assert settings.write_problem()
    kept = _settings_in(tmp_path / "fixed")  # the user made the settings folder writable again
    settings.put("view/theme", "dark")
    assert settings.write_problem() == "" and settings.write_problem(short=True) == ""
    assert kept.is_file() and settings.get("view/theme") == "dark"


def test_a_working_settings_file_says_nothing(fresh, caplog, tmp_path):
    kept = _settings_in(tmp_path / "config")
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        settings.put("view/theme", "dark")
        settings.add_recent(tmp_path / "wan.json")
    assert settings.write_problem() == ""
    assert _warnings(caplog) == []
    assert kept.is_file() and settings.recent_files() == [(tmp_path / "wan.json").resolve()]


def test_the_main_window_says_it_once_in_its_status_bar(window, unwritable, qtbot):
    bar = window.statusBar()
    bar.clearMessage()
    window.set_theme("dark")  # a theme chosen from the View menu: written at once
    assert bar.currentMessage() == settings.write_problem(short=True)
    assert bar.currentMessage().startswith("Settings not saved")
    bar.clearMessage()
    window.set_theme("light")
    settings.put("window/geometry", window.saveGeometry())
    assert bar.currentMessage() == ""  # the same problem again: not at every write


def test_a_window_built_after_a_failed_write_says_it(qtbot, unwritable):
    from advisor.ui.main_window import MainWindow

    settings.put("files/last", "")  # before the window is built (the layout forgotten before the first paint)
    win = MainWindow()
    try:
        assert win.statusBar().currentMessage() == settings.write_problem(short=True) != ""
    finally:
        win.document.undo_stack.setClean()
        win.close()
        win.deleteLater()
        qtbot.wait(1)


@pytest.mark.skipif(AS_ROOT, reason="root writes through permissions")
def test_a_read_only_settings_folder_is_named_as_such(fresh, tmp_path):
    kept = _settings_in(tmp_path / "config")
    kept.parent.mkdir(parents=True)
    kept.parent.chmod(0o500)
    try:
        settings.put("view/theme", "dark")
        assert "(its folder is read-only)" in settings.write_problem()
        assert settings.write_problem(short=True).startswith("Settings not saved (the folder of advisor.ini is")
    finally:
        kept.parent.chmod(0o700)


@pytest.mark.skipif(AS_ROOT, reason="root writes through permissions")
def test_a_read_only_settings_file_is_named_as_such(fresh, tmp_path):
    kept = _settings_in(tmp_path / "config")
    kept.parent.mkdir(parents=True)
    kept.write_text("[view]\ntheme=light\n", encoding="utf-8")
    kept.chmod(0o400)
    settings.put("view/theme", "dark")
    assert "(the file is read-only)" in settings.write_problem()
    assert settings.write_problem(short=True).startswith("Settings not saved (advisor.ini is read-only)")
    assert kept.read_text(encoding="utf-8") == "[view]\ntheme=light\n"  # what the next start would read
