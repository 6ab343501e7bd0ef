"""Round 60 in the app: a class file saved over the window's own design file, and the window's File ▸ Save and
autosave killed (SIGKILL) from outside at random moments on a 2,000-site design, then the next start. The defect
found, as the short sequence that shows it:

- plan.json open, then Classroom ▸ Save Class File… with plan.json chosen (the dialog offers every .json): the
  design file became a class file, with no plan.json.bak of the design a design's save keeps, and File ▸ Open
  refused it from then on ("this is a class file"); the window's bar said its own file was "changed by another
  program", and File ▸ Save asked whether to replace "that newer version". The class file is now refused there,
  naming the file and another name (plan.class.json); the design file stays as it was.
- The Quiz panel with no quiz running said "Classroom ▸ Quiz mode… starts one …; Classroom ▸ Open class file…
  opens one", and Classroom ▸ Open Class File… on a design file "start a quiz with Classroom ▸ Quiz mode…": the
  menu reads "Quiz Mode…" and "Open Class File…". Each now names the entry as the menu shows it.

No defect was found in the kills; these tests pin what was checked:

- the app started as a subprocess (its own data folder) saving its design after each edit, killed a few times: the
  file is always a whole design, the one of the last save reported or of the save under way, its FILE.bak a whole
  design, and the next save leaves no temporary of the killed ones behind;
- the same app autosaving instead, killed: at the next start the newest autosave is offered, opens whole (the work
  of the last autosave reported or of the one under way), and what killed autosaves left (temporaries, the locks of
  ended instances) is gone.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from advisor import atomic, io
from advisor.ui import app as app_module
from advisor.ui import files
from advisor.ui.classroom import class_file
from advisor.ui.classroom.quiz import Hidden, QuizSettings

ROOT = Path(__file__).resolve().parents[2]
KILLS = 4

# The window on a design, an edit (a branch's users: 1, 2, 3 …) then File ▸ Save or an autosave, over and over;
# each one reported once done. A dialog would wait for a click for ever: it is said, and the child ends.
DRIVER = textwrap.dedent("""
    import itertools, os, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    app = QApplication(sys.argv[:1])
    app.setOrganizationName("advisor-kill-test")
    app.setApplicationName("advisor-kill-test")
    from advisor.commands import SetFields
    from advisor.ui import dialogs
    from advisor.ui.main_window import MainWindow

    def said(*args, **kwargs):
        print("dialog", args[1:3], flush=True)
        os._exit(3)

    dialogs.show_error = said
    for name in ("warning", "critical", "information", "question"):
        setattr(QMessageBox, name, staticmethod(said))
    source, target, mode, first = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    window = MainWindow()
    window.show()
    assert window.files.open_path(source, ask=False, remember=False)
    branch = window.document.design.sites[1].id
    counter = itertools.count(first)
    print("ready", flush=True)

    def step():
        n = next(counter)
        window.document.push(SetFields(branch, {"users": n}))
        done = window.files.save_to(target) if mode == "save" else window.files.autosave() is not None
        print("saved" if done else "failed", n, flush=True)
        QTimer.singleShot(0, step)

    QTimer.singleShot(0, step)
    app.exec()
""")


# -- a class file saved over the window's own design file ---------------------------------------------------------
@pytest.mark.parametrize("by_link", [False, True])
def test_a_class_file_is_not_saved_over_the_open_design_file(window, opened, dialogs, qtbot, monkeypatch, by_link):
    chosen = opened
    if by_link:  # the same file under another name
        chosen = opened.with_name("link.json")
        chosen.symlink_to(opened.name)
    before = opened.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(chosen), "")))
    assert not window.classroom.save_class_file(settings=QuizSettings(hidden=Hidden(kbps=True)))
    (title, text), = dialogs["warning"]
    assert title == "Cannot save class file"
    assert text == (f"{chosen.name} is the design file open in this window: a class file saved there would replace "
                    f"it, and File ▸ Open does not open class files. Choose another name, such as "
                    f"{chosen.stem}.class.json")
    assert opened.read_bytes() == before and io.load(opened) == window.document.design
    qtbot.wait(3 * window.file_watch._settle.interval())
    assert window.file_watch.state != "changed"  # was: "changed by another program", the app's own write


def test_a_class_file_beside_the_design_file_is_saved(window, opened, dialogs, monkeypatch):
    chosen = opened.with_name("plan.class.json")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(chosen), "")))
    assert window.classroom.save_class_file(settings=QuizSettings(hidden=Hidden(kbps=True)))
    assert dialogs["warning"] == [] and class_file.load(chosen).design == window.document.design
    assert io.load(opened) == window.document.design


def _menu_entries(window) -> set[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Classroom")
    return {f"Classroom ▸ {a.text().replace('&', '')}" for a in menu.actions() if a.text()}


def test_the_classroom_words_name_the_menu_entries_as_the_menu_shows_them(window, opened, dialogs):
    entries = _menu_entries(window)
    assert {"Classroom ▸ Quiz Mode…", "Classroom ▸ Open Class File…"} <= entries
    header = window.classroom.quiz_panel.header.text()
    assert header == ("No quiz is running. Classroom ▸ Quiz Mode… starts one on the open design; Classroom ▸ Open "
                      "Class File… opens one an instructor saved.")
    assert not window.classroom.open_class_file(opened)  # a design file, not a class file
    (title, text), = dialogs["warning"]
    assert text.endswith("start a quiz with Classroom ▸ Quiz Mode…")


# -- killed saves ---------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    path = tmp_path_factory.mktemp("big") / "big.json"
    io.save(generate(2000), path, backup=False)
    return path


def _kill_while_saving(big: Path, target: Path, mode: str, home: Path, first: int, rnd: random.Random,
                       at_least: int = 0) -> list[int]:
    """Start the app saving in a loop, let it report `at_least`-2 saves, kill it at a random moment; the numbers
    reported."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config"), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", DRIVER, str(big), str(target), mode, str(first)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: list[str] = []
    try:
        assert child.stdout.readline().strip() == "ready"
        for _ in range(rnd.randint(at_least, 2)):
            lines.append(child.stdout.readline().strip())
        time.sleep(rnd.uniform(0.0, 0.5))  # a 2,000-site save takes a good part of that
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
        lines += child.stdout.read().split("\n")
        child.stdout.close()
    assert not any(line.startswith(("dialog", "failed")) for line in lines), lines
    return [int(line.split()[1]) for line in lines if line.startswith("saved")]


def _users(path: Path) -> int:
    return io.load(path).sites[1].users  # a whole design, or this raises


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or atomic.fcntl is None, reason="POSIX signals and locks")
def test_file_save_killed_leaves_the_last_or_the_next_design_and_a_whole_backup(big, tmp_path):
    target = tmp_path / "out" / "plan.json"
    target.parent.mkdir()
    rnd, last = random.Random(60), 0  # `last`: the users of the latest save reported (0: none yet)
    for kill in range(KILLS):  # the first run saves once at least: there is a file to find whole
        saved = _kill_while_saving(big, target, "save", tmp_path / "home", last + 1, rnd, at_least=int(kill == 0))
        last = max(saved, default=last)
        if target.exists():
            assert _users(target) in (last, last + 1)  # the latest save reported, or the one it was killed in
        if target.with_name("plan.json.bak").exists():
            assert _users(target.with_name("plan.json.bak")) <= last
        # the next run starts numbering after what may be on disk
        last = max(last, _users(target)) if target.exists() else last
    io.save(io.load(target), target)  # the next save: what the killed ones left goes
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.json", "plan.json.bak"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL") or atomic.fcntl is None, reason="POSIX signals and locks")
def test_autosave_killed_is_offered_whole_at_the_next_start(big, tmp_path, window, dialogs, monkeypatch):
    home = tmp_path / "home"
    # one autosave known done, then killed at a random moment (maybe in the middle of the next)
    last = max(_kill_while_saving(big, tmp_path / "unused.json", "autosave", home, 1, random.Random(61), at_least=1))
    folder = home / "data" / "advisor-kill-test" / "advisor-kill-test"
    newest = max(folder.glob("autosave-*.json"), key=lambda p: p.stat().st_mtime)
    assert _users(newest) in (last, last + 1)
    monkeypatch.setattr(files, "autosave_folder", lambda: folder)
    dialogs["answers"].append(QMessageBox.StandardButton.Open)
    app_module._offer_recovery(window)()  # as the next start does
    assert [title for title, _ in dialogs["question"]] == ["Recover unsaved work"]
    assert str(newest) in dialogs["question"][0][1] and dialogs["warning"] == []
    assert window.document.design.sites[1].users in (last, last + 1) and len(window.document.design.sites) == 2000
    assert window.document.modified and window.document.path is None
    left = sorted(p.name for p in folder.iterdir())
    assert not [name for name in left if name.endswith(".tmp")], left
    assert newest.name not in left  # kept, until saved, in this instance's own autosave
    assert files.autosave_path().name in left
