"""A saved window layout that makes Qt crash as it restores it: the next start forgets it and opens with the
default layout, instead of crashing at every start.

The layout's checksum catches damage, but a layout edited with its checksum written to match reaches Qt: with byte
14 of the layout Qt 6 writes changed from 0 to 0x33, `QMainWindow::restoreState` ends the process with a
segmentation fault. The end-to-end tests run the app in child processes whose HOME, XDG folders and TMPDIR are the
test's own."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QLockFile, QSettings

from advisor.ui import layout_guard, settings
from advisor.ui.autosave_recovery import GARBLED_LOCK_AGE_S
from tests.ui.test_hostile_round22_settings import _restores
from tests.ui.test_settings_fifo import _env

ORG, APP = "uc-design-advisor", "advisor"  # advisor.ui.settings.ORGANIZATION, APPLICATION
HANG_GUARD_S = 120
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _not_dropped(monkeypatch):
    monkeypatch.setattr(layout_guard, "_dropped", None)


def _start(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "advisor"], capture_output=True, text=True, env=env,
                          timeout=HANG_GUARD_S, cwd=ROOT)


def _crashing_layout(window) -> QByteArray:
    """This window's own layout with byte 14 set to 0x33: Qt 6's restoreState crashes on it."""
    state = bytes(window.saveState(settings.WINDOW_STATE_VERSION))
    return QByteArray(state[:14] + b"\x33" + state[15:])


def test_a_layout_that_crashes_qt_is_forgotten_at_the_next_start(window, tmp_path):
    env = _env(tmp_path, ADVISOR_QUIT_WHEN_SHOWN="1")
    ini = tmp_path / "config" / ORG / f"{APP}.ini"
    ini.parent.mkdir(parents=True)
    saved = QSettings(str(ini), QSettings.Format.IniFormat)
    state = _crashing_layout(window)
    saved.setValue("window/state", state)
    saved.setValue("window/state_version", settings.WINDOW_STATE_VERSION)
    saved.setValue("window/state_check", settings.layout_check(state))  # written to match: it reaches Qt
    saved.sync()
    lock = ini.with_name(layout_guard.LOCK_NAME)

    first = _start(env)
    assert first.returncode < 0, first.stderr  # killed by a signal inside restoreState (Qt's defect)
    assert lock.exists()  # left behind by the run that ended inside the restore

    second = _start(env)
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in second.stderr
    assert not lock.exists()
    log_text = (tmp_path / "data" / ORG / APP / "advisor.log").read_text(encoding="utf-8")
    assert "the last run ended while restoring the saved window layout" in log_text
    assert bytes(QSettings(str(ini), QSettings.Format.IniFormat).value("window/state", QByteArray())) != bytes(state)

    third = _start(env)  # the layout the second run saved (or none) restores as any other
    assert third.returncode == 0, third.stderr
    assert not lock.exists()


LEAVE_LOCK = """
import os, sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(0)
os._exit(0)  # ends holding it, as a run that crashed inside the restore does
"""


def test_a_lock_left_by_an_ended_run_forgets_the_saved_layout(window, monkeypatch):
    window.save_layout()
    lock = layout_guard.lock_path()
    subprocess.run([sys.executable, "-c", LEAVE_LOCK, str(lock)], check=True, timeout=HANG_GUARD_S)
    assert lock.exists()
    assert _restores(window, monkeypatch) == []
    assert layout_guard.dropped()
    assert settings.get("window/state").isEmpty() and settings.get("window/geometry").isEmpty()
    assert settings.get("window/state_check") == ""
    assert not lock.exists()
    window.save_layout()  # the next restore is an ordinary one
    state = bytes(settings.get("window/state"))
    assert _restores(window, monkeypatch) == [state]


def test_a_restore_leaves_no_lock_behind(window, monkeypatch):
    window.save_layout()
    state = bytes(settings.get("window/state"))
    seen: list[bool] = []
    monkeypatch.setattr(type(window), "restoreState",
                        lambda _self, _state, _version=0: seen.append(layout_guard.lock_path().exists()) or True)
    window._layout_restored = False
    window.restore_layout()
    assert seen == [True]  # held while Qt restores
    assert not layout_guard.lock_path().exists()
    assert not layout_guard.dropped()
    assert bytes(settings.get("window/state")) == state


def test_an_instance_restoring_now_does_not_make_another_forget_the_layout(window, monkeypatch):
    window.save_layout()
    state = bytes(settings.get("window/state"))
    held = QLockFile(str(layout_guard.lock_path()))  # a live process (this one) holds it
    assert held.tryLock(0)
    try:
        assert _restores(window, monkeypatch) == [state]
        assert not layout_guard.dropped()
        assert layout_guard.lock_path().exists()
    finally:
        held.unlock()


@pytest.mark.parametrize("age_s", [5, GARBLED_LOCK_AGE_S + 30])
def test_an_empty_lock_is_not_taken_for_a_crash(window, monkeypatch, age_s):
    # A run killed between creating the lock and writing it: the restore had not begun, so the layout is kept. An
    # old one is cleared (QLockFile never judges it stale); a fresh one may be a starting instance's, and stays.
    window.save_layout()
    state = bytes(settings.get("window/state"))
    lock = layout_guard.lock_path()
    lock.write_bytes(b"")
    os.utime(lock, (time.time() - age_s, time.time() - age_s))
    assert _restores(window, monkeypatch) == [state]
    assert not layout_guard.dropped()
    assert lock.exists() == (age_s < GARBLED_LOCK_AGE_S)


def test_the_status_bar_says_why_the_default_layout_is_used(qtbot, tmp_path, monkeypatch, caplog):
    from advisor import io
    from advisor.model import Design
    from advisor.ui import app as app_module
    from advisor.ui.main_window import MainWindow

    target = tmp_path / "opened.json"
    io.save(Design(name="Opened at start"), target, backup=False)
    subprocess.run([sys.executable, "-c", LEAVE_LOCK, str(layout_guard.lock_path())], check=True,
                   timeout=HANG_GUARD_S)
    monkeypatch.setattr(app_module, "_offer_recovery", lambda _window: lambda: None)
    monkeypatch.setattr(app_module, "_setup_logging", lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # _finish_start installs the app's own
    window = MainWindow(deferred=True)
    qtbot.addWidget(window)
    window.restore_layout()
    window.show()
    app_module._finish_start(window, str(target), "")
    qtbot.wait(50)
    assert window.statusBar().currentMessage() == layout_guard.DROPPED_MESSAGE
    assert "the last run ended while restoring the saved window layout" in caplog.text
    assert window.document.design.name == "Opened at start"
