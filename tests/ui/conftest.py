"""Shared set-up for the Qt tests: offscreen, Qt warnings fail, settings in a temp folder, a real font.

Fixtures for every UI test: ``sample_design``, ``document`` (a Document holding it) and ``window`` (the main window).
"""

from __future__ import annotations

import gc
import os
import shutil
import sys

# Before any Qt import: no display on CI, and pytest-qt must not pick another binding.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("PYTEST_QT_API", "pyside6")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths  # noqa: E402

from advisor.model import Cloud, Design, Link, Site  # noqa: E402

_UI_TESTS = Path(__file__).parent
OFFSCREEN_NOTICE = r"^This plugin does not support "

# Test mode moves QStandardPaths (autosave, logs, caches) under ~/.qttest, away from the user's real files.
QStandardPaths.setTestModeEnabled(True)


def pytest_collection_modifyitems(config, items):
    # Qt warnings are test failures here: pytest-qt records every message from set-up to the end of the test.
    # Only the offscreen platform's own notices ("This plugin does not support raise()", "... propagateSizeHints()"
    # for a bare widget shown as its own window) are ignored: the headless test platform lacks a window-manager
    # feature, our code is not wrong. The main window and the message dialogs set their minimum size once and
    # cause none (tests/ui/test_window_fit.py checks the real start-up's output).
    for item in items:
        if _UI_TESTS in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOTICE))


@pytest.fixture(scope="session", autouse=True)
def settings_dir(tmp_path_factory) -> Path:
    """Every QSettings of the test run lives in a temporary folder, never in the user's profile. The organization
    name is this run's own, so its autosaves and logs (QStandardPaths' test folders, shared by every test run of the
    user) are too: a run killed midway left autosaves that another run, started beside it or later, was offered as
    an ended instance's work; the folder goes at the end."""
    folder = tmp_path_factory.mktemp("qsettings")
    QCoreApplication.setOrganizationName(f"advisor-tests-{os.getpid()}")
    QCoreApplication.setApplicationName("advisor-tests")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    yield folder
    own = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    if own and f"advisor-tests-{os.getpid()}" in Path(own).parts:
        shutil.rmtree(Path(own).parent, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _real_font(qapp) -> None:
    # Without fonts Qt draws empty boxes and prints nothing; screenshots and text widths would lie.
    from PySide6.QtGui import QFontDatabase, QFontInfo

    families = QFontDatabase.families()
    assert families, "no font available to Qt: install fonts-dejavu-core (see TOOLCHAIN.md)"
    assert QFontInfo(qapp.font()).family(), "the application font resolves to no family"


@pytest.fixture(autouse=True)
def _unfreeze_heap():
    # Opening a design freezes the heap (advisor.ui.heap): one test's windows must not stay out of the collector's
    # reach in the tests after it.
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _clean_settings(settings_dir):
    # Recent files and window state from one test must not leak into the next.
    from advisor.ui import settings

    settings.qsettings().clear()
    yield
    settings.qsettings().clear()


@pytest.fixture
def sample_design() -> Design:
    """An HQ with call processing, two branches and an MPLS cloud: small, but every dock has something to show."""
    return Design(
        name="Sample WAN",
        customer="Test customer",
        sites=(
            Site(id="hq", name="Headquarters", kind="hq", users=200, cucm_publisher=True, cucm_subscribers=2,
                 x=0, y=0),
            Site(id="br-1", name="Branch 1", users=40, x=-250, y=200),
            Site(id="br-2", name="Branch 2", users=25, x=250, y=200),
        ),
        clouds=(Cloud(id="mpls", name="MPLS VPN", kind="mpls", x=0, y=120),),
        links=(
            Link(id="link-1", a="hq", b="mpls", capacity_kbps=10_000),
            Link(id="link-2", a="br-1", b="mpls", capacity_kbps=1_024),
            Link(id="link-3", a="br-2", b="mpls", capacity_kbps=512, l2="ppp"),
        ),
    )


@pytest.fixture
def document(qapp, sample_design):
    from advisor.ui.document import Document

    doc = Document()
    doc.reset(sample_design)
    yield doc
    doc.deleteLater()


def shown_window(qtbot, design, width: int = 1400, height: int = 900):
    """The main window on `design`, shown offscreen, with analysis already run once; closed after the test."""
    from advisor.ui.main_window import MainWindow

    win = MainWindow()
    win.document.reset(design)
    win.analysis.run_now()
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Not qtbot.addWidget: pytest-qt would close the window before this teardown, on the unsaved-changes prompt.
    win.document.undo_stack.setClean()
    win.close()
    win.deleteLater()
    qtbot.wait(1)


def generated_window(qtbot, sites: int, topology: str = "mpls"):
    """`shown_window` on a design of `sites` sites made by the benchmarks' generator."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from generate import generate

    yield from shown_window(qtbot, generate(sites, topology))


@pytest.fixture
def window(qtbot, sample_design):
    """The main window on the sample design, shown offscreen, with analysis already run once."""
    yield from shown_window(qtbot, sample_design)


@pytest.fixture
def example_window(qtbot):
    """The main window on the 12-branch MPLS example at 1366x728 (a 1366x768 screen)."""
    from advisor import io

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
    yield from shown_window(qtbot, io.load(example), 1366, 728)


@pytest.fixture
def dialogs(monkeypatch):
    """Record message dialogs instead of blocking on them; `answers` feeds QMessageBox.question."""
    from PySide6.QtWidgets import QMessageBox

    from advisor.ui.dialogs import MessageDialog

    record: dict[str, list] = {"warning": [], "question": [], "answers": []}

    def shown(dialog):
        record["warning"].append((dialog.windowTitle(), dialog.text))
        return 0

    def question(parent, title, text, *args, **kwargs):
        record["question"].append((title, text))
        return record["answers"].pop(0) if record["answers"] else QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(MessageDialog, "exec", shown)
    monkeypatch.setattr(QMessageBox, "question", question)
    return record


@pytest.fixture
def shown(monkeypatch):
    """Every message dialog and warning box, recorded as (title, text) instead of shown."""
    from PySide6.QtWidgets import QMessageBox

    from advisor.ui.dialogs import MessageDialog

    record: list[tuple[str, str]] = []
    monkeypatch.setattr(MessageDialog, "exec", lambda dialog: record.append((dialog.windowTitle(), dialog.text)))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *args: record.append((title, text)) or QMessageBox.StandardButton.Ok)
    return record


@pytest.fixture
def opened(window, tmp_path):
    """The sample design saved as plan.json and opened from it in `window` (the watched-file tests)."""
    from advisor import io

    path = tmp_path / "plan.json"
    io.save(window.document.design, path)
    assert window.files.open_path(path, ask=False, remember=False)
    return path


ANALYSIS_FAILURE = "the limit table of phones per node cannot be read"


@pytest.fixture
def analysis_fails(monkeypatch) -> str:
    """Every analysis the app runs from now on fails (as one of a design the sizing cannot price does); the
    results on screen stay those of the design before. The reason the failure gives is returned."""
    import advisor.ui.analysis_runner as runner
    from advisor.analysis import AnalysisError

    def fail(_design, **_kw):
        raise AnalysisError(ANALYSIS_FAILURE)

    monkeypatch.setattr(runner, "analyse", fail)
    return ANALYSIS_FAILURE
