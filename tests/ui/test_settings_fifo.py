"""A settings file that is not a regular file: building the app's QSettings reads its files there and then, and a
named pipe (FIFO) under the settings file's name blocked start-up for good, before any window showed; a folder or a
socket there quietly kept nothing. The file in the way is now never opened: the run starts from the defaults, keeps
its settings in a temporary folder of its own, and says so once ("... is not a regular file; using defaults").

Each case runs in a child process with HOME, the XDG folders and TMPDIR inside the test's own folder: a hang ends
the child at the timeout and fails the test, instead of blocking the suite."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ORG, APP = "uc-design-advisor", "advisor"  # advisor.ui.settings.ORGANIZATION, APPLICATION
HANG_GUARD_S = 120


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    for name in ("config", "data", "cache", "system", "tmp"):
        (tmp_path / name).mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_CONFIG_DIRS=str(tmp_path / "system"),
               TMPDIR=str(tmp_path / "tmp"), QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def _in_the_way(path: Path, kind: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:  # a socket: bound, then its file stays after the socket closes
        with socket.socket(socket.AF_UNIX) as sock:
            sock.bind(str(path))


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=HANG_GUARD_S,
                          cwd=Path(__file__).resolve().parents[2])


def _with_settings(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    """`body` run with the app's settings module, in a Qt application of its own, under `_env`."""
    script = ("from PySide6.QtCore import QCoreApplication\n"
              "app = QCoreApplication([])\n"
              "from advisor.ui import settings\n") + body
    return _run(["-c", script], _env(tmp_path))


@pytest.mark.parametrize("where", ["app", "organisation", "system"])
def test_the_app_starts_when_a_settings_file_is_a_named_pipe(tmp_path, where):
    # The app's own file, the organisation's (which Qt reads as a fallback) and one in XDG_CONFIG_DIRS: Qt reads each.
    fifo = {"app": tmp_path / "config" / ORG / f"{APP}.ini", "organisation": tmp_path / "config" / f"{ORG}.ini",
            "system": tmp_path / "system" / f"{ORG}.ini"}[where]
    env = _env(tmp_path, ADVISOR_QUIT_WHEN_SHOWN="1")
    _in_the_way(fifo, "fifo")
    proc = _run(["-m", "advisor"], env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count(f"Settings file {fifo} is not a regular file; using defaults") == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # left as it was: never opened, never replaced
    assert list((tmp_path / "tmp").iterdir()) == []  # the run's own settings folder is gone with the run


@pytest.mark.parametrize("kind", ["folder", "socket"])
def test_a_folder_or_socket_as_the_settings_file_is_said_too(tmp_path, kind):
    # Qt reads nothing from these and writes nothing to them: the settings were lost without a word.
    path = tmp_path / "config" / ORG / f"{APP}.ini"
    env = _env(tmp_path, ADVISOR_QUIT_WHEN_SHOWN="first")
    _in_the_way(path, kind)
    proc = _run(["-m", "advisor"], env)
    assert proc.returncode == 0, proc.stderr
    assert f"Settings file {path} is not a regular file; using defaults" in proc.stderr


SESSION = """
from advisor.ui import settings
assert settings.problem() == ""
settings.add_recent("{design}")
settings.put("view/theme", "dark")
settings.add_recent("{design}")
print(settings.recent_files(), settings.get("view/theme"))
print(settings.problem())
print(settings.qsettings().fileName())
"""


def test_settings_changed_during_the_run_are_kept_until_it_ends(tmp_path):
    # Recent files and the theme still work within the run: they go to the run's own file, never to the pipe.
    fifo = tmp_path / "config" / ORG / f"{APP}.ini"
    env = _env(tmp_path)
    _in_the_way(fifo, "fifo")
    design = tmp_path / "wan.json"
    proc = _run(["-c", SESSION.format(design=design)], env)
    assert proc.returncode == 0, proc.stderr
    recent, problem, kept_in = proc.stdout.splitlines()
    assert recent == f"[PosixPath('{design}')] dark"
    assert problem == f"Settings file {fifo} is not a regular file; using defaults"
    assert Path(kept_in).parent.parent == tmp_path / "tmp"
    assert proc.stderr.count("is not a regular file") == 1  # said once, however many times the settings are read


def test_regular_settings_files_are_read_as_before(tmp_path):
    # The check does not get in the way: a regular file is the app's settings, with nothing said.
    ini = tmp_path / "config" / ORG / f"{APP}.ini"
    env = _env(tmp_path)
    ini.parent.mkdir(parents=True)
    ini.write_text("[view]\ntheme=light\n", encoding="utf-8")
    proc = _run(["-c", "from advisor.ui import settings\nprint(settings.get('view/theme'), settings.problem() == '',"
                       " settings.qsettings().fileName())"], env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["light", "True", str(ini)]
    assert proc.stderr == ""


def test_the_app_starts_when_its_log_file_is_a_named_pipe(tmp_path):
    # The log file is opened at start-up, after the bare window paints: a named pipe there froze the window.
    fifo = tmp_path / "data" / ORG / APP / "advisor.log"
    _in_the_way(fifo, "fifo")
    proc = _run(["-m", "advisor"], _env(tmp_path, ADVISOR_QUIT_WHEN_SHOWN="1"))
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_the_app_starts_when_an_autosave_lock_is_a_named_pipe(tmp_path):
    # Start-up looks for autosaves of ended instances; reading a lock that is a named pipe blocked it.
    script = ("from advisor.ui import files\n"
              "folder = files.autosave_folder()\n"
              "folder.mkdir(parents=True, exist_ok=True)\n"
              "(folder / 'autosave-1-deadbeef.json').write_text('{}')\n"
              "import os\n"
              "os.mkfifo(folder / 'autosave-1-deadbeef.lock')\n"
              "print('found', [p.name for p in files.orphaned_autosaves()])\n")
    proc = _run(["-c", "from PySide6.QtWidgets import QApplication; app = QApplication([]); " + "exec(" +
                 repr(script) + ")"], _env(tmp_path))
    assert proc.returncode == 0, proc.stderr
    # offered, its lock never read: no instance holds a lock that is no regular file (its work was never offered)
    assert "found ['autosave-1-deadbeef.json']" in proc.stdout


def test_the_status_bar_line_names_the_file_alone(tmp_path):
    # The full path made the status bar's line run past a window of the default width: the name is enough there
    # (the log keeps the path).
    fifo = tmp_path / "config" / ORG / f"{APP}.ini"
    _in_the_way(fifo, "fifo")
    proc = _with_settings(tmp_path, "settings.get('view/theme')\n"
                                    "print('short:', settings.problem(short=True))\n")
    assert proc.returncode == 0, proc.stderr
    assert "short: Settings not read (advisor.ini is not a regular file): using defaults" in proc.stdout
    assert str(tmp_path) not in proc.stdout


UNKNOWN_TYPE = "[view]\ntheme=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x10QFooBarUnknown\\0)\n"  # a type no Qt knows


@pytest.mark.parametrize("case", ["fifo", "unknown type"])
def test_what_the_settings_say_before_the_log_opens_reaches_the_log(tmp_path, case):
    # The settings are read before the log file opens: these lines were said on standard error only, and the status
    # bar's pointer to the log led to a log without them. Standard error still gets them at once.
    ini = tmp_path / "config" / ORG / f"{APP}.ini"
    env = _env(tmp_path, ADVISOR_QUIT_WHEN_SHOWN="1")
    if case == "fifo":
        _in_the_way(ini, "fifo")
        line = f"Settings file {ini} is not a regular file; using defaults"
    else:
        ini.parent.mkdir(parents=True)
        ini.write_text(UNKNOWN_TYPE, encoding="utf-8")
        line = "the settings file holds a value that cannot be read (QVariant::load: unknown user type"
    proc = _run(["-m", "advisor"], env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count(line) == 1, proc.stderr
    logged = (tmp_path / "data" / ORG / APP / "advisor.log").read_text(encoding="utf-8")
    assert logged.count(line) == 1, logged
    assert " WARNING advisor.ui.settings: " in logged


def test_a_settings_file_far_larger_than_settings_is_not_read(tmp_path):
    # Qt reads a settings file whole before the first window, and again at each write: 50 MB made the start five
    # times slower. The app's own settings take a few kilobytes.
    from advisor.ui.settings import MAX_SETTINGS_BYTES

    big = tmp_path / "config" / ORG / f"{APP}.ini"
    big.parent.mkdir(parents=True)
    big.write_bytes(b"[view]\ntheme=dark\n" + b"; " + b"x" * (MAX_SETTINGS_BYTES + 1024) + b"\n")
    size = big.stat().st_size
    proc = _with_settings(tmp_path, "print('theme:', settings.get('view/theme'))\n"
                                    "settings.put('view/theme', 'light')\n"
                                    "print('short:', settings.problem(short=True))\n")
    assert proc.returncode == 0, proc.stderr
    assert "theme: system" in proc.stdout  # the defaults: the file was not read
    assert "short: Settings not read (advisor.ini is 4 MB, far larger than settings are): using defaults" in proc.stdout
    assert big.stat().st_size == size  # nor written


def test_a_settings_file_of_the_usual_size_is_read(tmp_path):
    good = tmp_path / "config" / ORG / f"{APP}.ini"
    good.parent.mkdir(parents=True)
    good.write_bytes(b"[view]\ntheme=dark\n")
    proc = _with_settings(tmp_path, "print('theme:', settings.get('view/theme'), repr(settings.problem()))\n")
    assert proc.returncode == 0, proc.stderr
    assert "theme: dark ''" in proc.stdout
