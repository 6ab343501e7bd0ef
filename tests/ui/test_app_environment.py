"""The app under hostile environments: a font DPI or scale Qt cannot survive, an autosave folder that cannot be
listed, autosaves that keep failing, a log on a full disk, and HOME unset."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.commands import SetFields
from advisor.ui import autosave_recovery, qt_env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("name", "value", "kept"), [
    ("QT_FONT_DPI", "1", False), ("QT_FONT_DPI", "5", False), ("QT_FONT_DPI", "10", True),
    ("QT_FONT_DPI", "96", True), ("QT_FONT_DPI", "junk", True), ("QT_FONT_DPI", "nan", False),
    ("QT_SCALE_FACTOR", "0", False), ("QT_SCALE_FACTOR", "-1", False), ("QT_SCALE_FACTOR", "0.1", True),
    ("QT_SCALE_FACTOR", "2.5", True), ("QT_SCALE_FACTOR", "inf", False), ("QT_SCALE_FACTOR", "1e9", False)])
def test_settings_qt_cannot_survive_are_dropped_with_a_warning(name, value, kept, monkeypatch, caplog):
    monkeypatch.setenv(name, value)
    with caplog.at_level(logging.WARNING, logger="advisor"):
        dropped = qt_env.drop_unusable()
    assert (os.environ.get(name) == value) is kept
    assert (dropped == []) is kept
    assert any(f"{name}={value} is ignored" in r.getMessage() for r in caplog.records) is not kept


def test_the_app_paints_its_toolbar_with_a_tiny_font_dpi(tmp_path):
    """QT_FONT_DPI=1 ended the process on a floating-point exception (status 136) as the Fusion style painted a
    tool button, after the first paint the start-up check waits for: here the whole window is painted again."""
    script = tmp_path / "paint.py"
    script.write_text(
        "import os, sys\n"
        "sys.argv = ['advisor']\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from advisor.ui import app\n"
        "run = QApplication.exec\n"
        "def exec_():\n"
        "    qapp = QApplication.instance()\n"
        "    def paint():\n"
        "        for w in qapp.topLevelWidgets():\n"
        "            if w.isVisible():\n"
        "                w.grab()\n"
        "        qapp.quit()\n"
        "    QTimer.singleShot(1500, paint)\n"
        "    return run()\n"
        "QApplication.exec = staticmethod(exec_)\n"
        f"sys.exit(app.run({str(ROOT / 'resources' / 'examples' / 'hq-12-branches-mpls.json')!r}))\n")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_FONT_DPI": "1", "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share")}
    got = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env=env)
    assert got.returncode == 0, (got.returncode, got.stderr[-2000:])
    assert "QT_FONT_DPI=1 is ignored" in got.stderr


def test_an_autosave_folder_that_cannot_be_listed_offers_nothing(monkeypatch):
    """A folder of mode 000 (after `sudo advisor`) or a path too long for the system: listing it raised, and every
    start showed an "Unexpected error" dialog."""
    def refuse(self, pattern):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "glob", refuse)
    assert autosave_recovery.orphaned_autosaves() == []


def test_an_autosave_that_keeps_failing_is_logged_once_without_a_traceback(window, monkeypatch, caplog):
    """A HOME of /dev/null: the autosave timer printed the same traceback on standard error every minute."""
    from advisor.ui import files

    monkeypatch.setattr(files, "autosave_path", lambda: Path("/dev/null/autosave/autosave-1.json"))
    window.document.push(SetFields("design", {"name": "Unsaved"}))
    with caplog.at_level(logging.INFO):
        assert window.files.autosave() is None
        assert window.files.autosave() is None
    failed = [r for r in caplog.records if "autosave" in r.getMessage() and "failed" in r.getMessage()]
    assert len(failed) == 1 and failed[0].levelno == logging.WARNING and failed[0].exc_info is None
    assert "could not be autosaved" in window.statusBar().currentMessage()


def test_a_log_on_a_full_disk_prints_no_logging_errors(tmp_path):
    """Each record written to a log on a full disk printed "--- Logging error ---" and a traceback on standard
    error; the app turns that printing off when it sets its log up."""
    code = (
        "import logging, sys\n"
        "from advisor.ui import app\n"
        "app.log_path = lambda: __import__('pathlib').Path(sys.argv[1])\n"
        "app._setup_logging()\n"
        "h = [h for h in logging.getLogger().handlers if isinstance(h, logging.FileHandler)][0]\n"
        "h.stream = open('/dev/full', 'w')\n"
        "logging.getLogger('advisor').warning('autosave failed')\n")
    got = subprocess.run([sys.executable, "-c", code, str(tmp_path / "advisor.log")], capture_output=True,
                         text=True, timeout=60, cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert got.returncode == 0, got.stderr
    assert "Logging error" not in got.stderr


def test_a_missing_tables_folder_is_said_in_the_window(tmp_path, monkeypatch):
    """ADVISOR_TABLES_DIR naming no folder: the command line refuses it, the app said nothing and used the bundled
    tables as if they were the user's."""
    from advisor.ui import app

    monkeypatch.delenv("ADVISOR_TABLES_DIR", raising=False)
    assert app._tables_problem() is None
    monkeypatch.setenv("ADVISOR_TABLES_DIR", str(tmp_path / "mistyped"))
    said = app._tables_problem()
    assert said is not None and said.startswith("Your limit tables are not used, the bundled ones are: ")
    assert "mistyped is not a folder" in said
    script = tmp_path / "status.py"
    script.write_text(
        "import sys\n"
        "sys.argv = ['advisor']\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\n"
        "from advisor.ui import app\n"
        "run = QApplication.exec\n"
        "def exec_():\n"
        "    qapp = QApplication.instance()\n"
        "    def done():\n"
        "        w = [w for w in qapp.topLevelWidgets() if isinstance(w, QMainWindow)][0]\n"
        "        print('STATUS', w.statusBar().currentMessage())\n"
        "        qapp.quit()\n"
        "    QTimer.singleShot(800, done)\n"
        "    return run()\n"
        "QApplication.exec = staticmethod(exec_)\n"
        f"sys.exit(app.run({str(ROOT / 'resources' / 'examples' / 'hq-12-branches-mpls.json')!r}))\n")
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "c"),
           "XDG_DATA_HOME": str(home / "d"), "ADVISOR_TABLES_DIR": str(tmp_path / "mistyped")}
    got = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env=env)
    assert got.returncode == 0, got.stderr[-2000:]
    assert "STATUS Your limit tables are not used" in got.stdout and "is not a folder" in got.stdout


# -- HOME unset ---------------------------------------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="HOME and the user database are POSIX's")


@posix_only
def test_an_unset_home_is_taken_from_the_user_database_before_qt_reads_it():
    # Qt took "/" for the home folder: the settings went to //.config and the autosaves to //.local/share
    import pwd

    home = pwd.getpwuid(os.getuid()).pw_dir
    probe = ("from advisor.ui import qt_env; set_to = qt_env.home_known()\n"
             "from PySide6.QtCore import QCoreApplication, QStandardPaths\n"
             "app = QCoreApplication([])\n"
             "print(set_to); print(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.ConfigLocation))")
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "XDG_CONFIG_HOME")}
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, env=env,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [home, str(Path(home) / ".config")]


@posix_only
def test_a_home_that_is_set_is_left_as_it_is(monkeypatch, caplog):
    monkeypatch.setenv("HOME", "/somewhere/else")
    with caplog.at_level(logging.WARNING, logger="advisor"):
        assert qt_env.home_known() is None
    assert os.environ["HOME"] == "/somewhere/else" and caplog.records == []


@posix_only
def test_a_user_with_no_entry_keeps_qts_choice_and_it_is_logged(monkeypatch, caplog):
    import pwd

    def no_entry(_uid):
        raise KeyError("getpwuid(): uid not found: 4242")

    monkeypatch.setenv("HOME", "")
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    with caplog.at_level(logging.WARNING, logger="advisor"):
        assert qt_env.home_known() is None
    assert os.environ["HOME"] == ""
    assert any("HOME is not set and this user has no home folder" in r.getMessage() for r in caplog.records)
