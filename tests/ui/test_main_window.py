"""The main window: docks, menus, title and modified flag, status bar totals, live analysis, theme, crash hook."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from advisor.analysis import analyse
from advisor.commands import SetFields
from advisor.ui import app as app_module
from advisor.ui import settings
from advisor.ui.dialogs import MessageDialog

ROOT = Path(__file__).resolve().parents[2]


def test_docks_and_menus(window):
    assert set(window.docks) == {"palette", "inspector", "findings", "links", "calculator", "anatomy", "plots",
                                 "assumptions", "scenarios", "bom", "configuration", "explain", "comparison", "quiz"}
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Design", "&Classroom", "&Help"]
    actions = window.actions_by_name
    assert actions["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert actions["save"].shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    assert actions["open"].toolTip().startswith("Open a design")
    for name in ("palette", "inspector", "findings", "links", "calculator"):
        assert actions[f"dock-{name}"].isChecked()
    actions["dock-calculator"].trigger()
    assert not window.docks["calculator"].isVisible() and not actions["dock-calculator"].isChecked()
    has_export = (ROOT / "advisor" / "ui" / "export.py").is_file()
    assert actions["export-pdf"].isEnabled() == has_export


def test_title_and_modified_flag_follow_the_undo_stack(window):
    assert window.windowTitle().startswith("Sample WAN (not saved)[*]")
    assert not window.isWindowModified()
    window.document.push(SetFields("design", {"name": "Renamed"}))
    assert window.isWindowModified()
    assert window.windowTitle().startswith("Renamed")
    window.actions_by_name["undo"].trigger()
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("Sample WAN")


def test_status_bar_shows_totals_from_the_results(window):
    results = window.document.results
    assert results is not None
    assert window.status_kbps.text() == f"WAN load: {results.total_wan_kbps:,.2f} kbps"
    assert window.status_errors.text().startswith(f"{results.errors} error")
    assert window.status_warnings.text().startswith(f"{results.warnings} warning")


def test_an_edit_refreshes_the_analysis(window, qtbot):
    link_before = next(x for x in window.document.results.links if x.id == "link-2")
    window.document.push(SetFields("link-2", {"capacity_kbps": 64}))
    qtbot.waitUntil(lambda: next(x for x in window.document.results.links if x.id == "link-2").capacity_kbps == 64,
                    timeout=3000)
    after = next(x for x in window.document.results.links if x.id == "link-2")
    assert after.utilization == pytest.approx(link_before.kbps / 64, rel=1e-6)
    assert window.analysis.last_latency_ms is not None
    # The same figures as the core computes for that design: the window adds nothing of its own.
    assert window.document.results == analyse(window.document.design)


def test_clicking_a_finding_selects_it_on_the_canvas(window):
    tree = window.findings.tree
    item = next(tree.topLevelItem(g).child(r) for g in range(tree.topLevelItemCount())
                for r in range(tree.topLevelItem(g).childCount())
                if window.findings.finding_of(tree.topLevelItem(g).child(r)).subjects)
    finding = window.findings.finding_of(item)
    window.findings.activate(item)
    known = window.document.design.node_ids() | {x.id for x in window.document.design.links}
    assert window.document.selected == tuple(s for s in finding.subjects if s in known)
    scene = window.canvas.scene()
    if hasattr(scene, "selected_ids"):
        assert set(scene.selected_ids()) == set(window.document.selected)


def test_selection_drives_the_inspector(window):
    window.document.select(("br-2",))
    assert window.inspector.title.text() == "Site — Branch 2"
    window.actions_by_name["properties"].trigger()
    assert window.document.selected == ()
    assert window.inspector.title.text().startswith("Design")


def test_theme_override_switches_palettes(window):
    window.set_theme("dark")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert window.actions_by_name["theme-dark"].isChecked()
    assert settings.get("view/theme") == "dark"
    window.set_theme("light")
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180


def test_unexpected_error_is_autosaved_logged_and_shown(window, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(MessageDialog, "exec", lambda box: shown.append((box.text, box.details)) or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    window.document.push(SetFields("design", {"name": "Before the crash"}))
    app_module.install_excepthook(window)
    try:
        raise RuntimeError("simulated bug")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    (text, details), = shown
    assert "RuntimeError: simulated bug" in text and "saved to" in text
    assert "Traceback" in details
    assert "simulated bug" in caplog.text
    from advisor import io
    from advisor.ui.files import autosave_path

    assert io.load(autosave_path()).name == "Before the crash"
    window.files.clear_autosave()


def test_an_error_on_a_pool_thread_is_shown_on_the_gui_thread(window, monkeypatch, qtbot):
    # PySide hands an error out of a job's run to sys.excepthook on the pool thread: the hook autosaved from the
    # window's widgets and opened its dialog there, off the GUI thread.
    import threading

    seen = []
    monkeypatch.setattr(MessageDialog, "exec", lambda box: seen.append((threading.current_thread().name, box.text))
                        or 0)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    app_module.install_excepthook(window)

    def job() -> None:
        try:
            raise RuntimeError("raised in a job")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())

    worker = threading.Thread(target=job, name="pool")
    worker.start()
    worker.join()
    assert seen == []  # nothing done on the pool thread
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0][0] == threading.main_thread().name and "raised in a job" in seen[0][1]
    window.files.clear_autosave()


def test_an_error_after_the_window_is_deleted_is_logged_only(qtbot, monkeypatch, caplog):
    # The app ending while a job still ran: the hook's autosave and dialog met a deleted window, and the error in
    # the hook itself was printed ("Error in sys.excepthook ... already deleted").
    import shiboken6

    from advisor.ui.main_window import MainWindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(MessageDialog, "exec", lambda box: pytest.fail("a dialog on a deleted window"))
    gone = MainWindow(deferred=True)
    app_module.install_excepthook(gone)
    shiboken6.delete(gone)
    try:
        raise RuntimeError("after the window")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # raised RuntimeError (internal C++ object already deleted) before
    assert "unexpected error after the window closed" in caplog.text and "after the window" in caplog.text


def test_startup_prefers_the_argument_then_the_last_design_then_the_example(tmp_path):
    given = tmp_path / "given.json"
    assert app_module.startup_path(str(given)) == (given, False)
    last = tmp_path / "last.json"
    last.write_text("{}", encoding="utf-8")
    settings.put("files/last", str(last))
    assert app_module.startup_path(None) == (last, False)
    last.unlink()  # a last design that has gone away falls back to the bundled example
    path, is_example = app_module.startup_path(None)
    assert is_example and path.name == app_module.DEFAULT_EXAMPLE


def test_real_entry_point_opens_an_example_and_quits(tmp_path):
    example = ROOT / "resources" / "examples" / app_module.DEFAULT_EXAMPLE
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), **{app_module.QUIT_WHEN_SHOWN: "1"})
    proc = subprocess.run([sys.executable, "-m", "advisor", str(example)], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_big_designs_are_analysed_off_the_ui_thread_and_stale_results_dropped(qtbot, document, monkeypatch):
    import threading

    from advisor.model import Cloud, Design, Link, Site
    from advisor.ui import analysis_runner
    from advisor.ui.analysis_runner import THREAD_SITES, AnalysisRunner

    threads = []
    monkeypatch.setattr(analysis_runner, "analyse",
                        lambda design: threads.append(threading.get_ident()) or analyse(design))

    n = THREAD_SITES + 20
    big = Design(
        sites=(Site(id="hq", kind="hq", users=500, cucm_publisher=True),
               *(Site(id=f"b{i}", users=20) for i in range(n))),
        clouds=(Cloud(id="mpls"),),
        links=tuple(Link(id=f"l{i}", a=s, b="mpls") for i, s in enumerate(["hq", *(f"b{i}" for i in range(n))])))
    runner = AnalysisRunner(document)
    seen = []
    document.resultsChanged.connect(lambda r: seen.append(r))
    document.reset(big)
    document.push(SetFields("b0", {"users": 21}))
    document.push(SetFields("b0", {"users": 22}))  # quick edits: only the last design's results may land
    qtbot.waitUntil(lambda: runner.pool.activeThreadCount() == 0 and not runner.pending(), timeout=10_000)
    qtbot.waitUntil(lambda: document.results is not None, timeout=10_000)
    landed = [r for r in seen if r is not None]
    assert len(landed) == 1
    assert next(s for s in document.results.sites if s.id == "b0").users == 22
    assert document.results == analyse(document.design)
    assert threads and threading.get_ident() not in threads  # never on the UI thread
    runner.shutdown()


def test_no_display_is_explained_not_crashed(tmp_path):
    from advisor.ui.app import display_problem

    assert "no display found" in display_problem({}, "linux")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:  # an X server on display :7, here
        server.bind(str(tmp_path / "X7"))
        server.listen(4)
        assert display_problem({"DISPLAY": ":7"}, "linux", x11_dir=str(tmp_path)) == ""
        assert display_problem({"DISPLAY": "unix:7.0"}, "linux", x11_dir=str(tmp_path)) == ""
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert display_problem({}, "win32") == ""


def test_the_first_frame_is_bare_and_build_completes_it(qtbot):
    """Start-up paints a frame with nothing to lay out; build() then gives the window everything it shows."""
    from PySide6.QtWidgets import QStatusBar

    from advisor.ui.main_window import MainWindow

    win = MainWindow(deferred=True)
    qtbot.addWidget(win)
    assert not win.built and win.windowTitle() == "UC Design Advisor"
    assert win.findChild(QStatusBar) is None  # a status bar would lay out text (fonts) before the first paint
    win.build()
    assert win.built and not win.windowIcon().isNull()
    assert win.status_kbps.parent() is win.statusBar() and set(win.docks) >= {"palette", "inspector", "findings"}
    win.analysis.shutdown()


def _first_paint_modules(tmp_path: Path, theme: str) -> str:
    """Run the real start-up to its first paint in a fresh interpreter; return what had been loaded by then."""
    config = tmp_path / "config" / settings.ORGANIZATION
    config.mkdir(parents=True)
    (config / f"{settings.APPLICATION}.ini").write_text(f"[view]\ntheme={theme}\n", encoding="utf-8")
    code = ("import os, sys\nimport PySide6.QtCore as core\nimport PySide6.QtWidgets as widgets\n"
            "from advisor.ui import app\nfrom advisor.ui import main_window\n"
            "main_window.MainWindow.build = lambda self, document=None: sys.exit('built before the first paint')\n"
            "assert app.run() == 0\n"
            "print(sorted(m for m in ('Qt', 'QStyle', 'advisor.ui.icons', 'advisor.model')\n"
            "             if m in vars(core) or m in vars(widgets) or m in sys.modules))")
    return _start_up(tmp_path, code, "first")


def _start_up(tmp_path: Path, code: str, quit_when: str) -> str:
    """Run `code` (the real start-up, quitting at `quit_when`) in a fresh interpreter with its settings under
    `tmp_path`; what it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path), **{app_module.QUIT_WHEN_SHOWN: quit_when})
    proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_the_first_paint_waits_for_nothing_it_does_not_show(qapp, tmp_path):
    # Nothing before the first paint touches PySide's ``Qt`` namespace (15-20 ms to build its enums) or ``QStyle``
    # (7-15 ms, the same for its own), the SVG icons or the model. "system" must ask Qt for the colour scheme
    # first, or the frame could paint light and then turn dark: it reads Qt's answer as an integer
    # (appearance._native_color_scheme) where the platform allows, and only elsewhere through the enum.
    from advisor.ui import appearance

    assert _first_paint_modules(tmp_path / "light", "light") == "[]"
    assert _first_paint_modules(tmp_path / "dark", "dark") == "[]"
    native = appearance._native_color_scheme() is not None
    assert _first_paint_modules(tmp_path / "system", "system") == ("[]" if native else "['Qt']")


def test_the_very_first_start_loads_no_save_machinery_before_its_first_paint(tmp_path):
    # No settings folder yet: the layout's lock cannot be made, which is no lock left by a crash; the check for a
    # garbled lock imported the autosaves' module, and with it the atomic saves and hashlib (~8 ms), for nothing
    code = ("import sys\nfrom advisor.ui import app\nfrom advisor.ui import main_window\n"
            "main_window.MainWindow.build = lambda self, document=None: sys.exit('built before the first paint')\n"
            "assert app.run() == 0\n"
            "print(sorted(m for m in ('advisor.atomic', 'advisor.ui.autosave_recovery', 'hashlib') if m in sys.modules))")
    assert _start_up(tmp_path, code, "first") == "[]"
    assert not (tmp_path / "config").exists()  # (it was the very first start)


def test_the_gui_path_of_the_command_line_loads_no_cli_plumbing():
    code = ("import sys\nimport advisor.cli\n"
            "print(sorted(m for m in ('argparse', 'tempfile', 'advisor.cli._common') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _ready_on_the_example(tmp_path: Path, before: str, after: str) -> str:
    """Run the real start-up on the bundled example until its window is ready, in a fresh interpreter: `before` runs
    first, `after` once the window has quit; returns what `after` printed."""
    example = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
    return _start_up(tmp_path, f"{before}\nfrom advisor.ui import app\nassert app.run({str(example)!r}) == 0\n{after}",
                     "ready")


def test_the_window_ready_on_the_example_has_not_loaded_the_pdf_libraries(qapp, tmp_path):
    # The comparison view, on show in the default layout, reads the article's Table 1 from a module of its own: it
    # was read from the PDF's section module, which loads reportlab (~110 ms of the start-up, nothing shown for it).
    loaded = _ready_on_the_example(tmp_path, "import sys", "print(sorted(m for m in ('reportlab', "
                                   "'advisor.report.checks', 'advisor.ui.classroom.comparison_data') if m in sys.modules))")
    assert loaded == "['advisor.ui.classroom.comparison_data']"


def test_the_start_up_fills_no_panel_covered_by_another_tab(qapp, tmp_path):
    # The deferred start-up adds the docks to the window on screen and the layout tabs most of them behind others:
    # the covered ones (bill of materials, sketches, scenarios, explanations, VPN comparison) fill in when their
    # tab comes forward, not at start-up (about 0.8 s on a 10,000-site design, for nothing on screen).
    before = ("from collections import Counter\nfrom PySide6.QtCore import QCoreApplication\n"
              "from advisor.ui.bid.bom_dock import BomPanel\nfrom advisor.ui.bid.config_view import ConfigPanel\n"
              "from advisor.ui.bid.scenarios_dock import ScenariosPanel\n"
              "from advisor.ui.classroom.comparison_view import ComparisonView\n"
              "from advisor.ui.classroom.explain_pane import ExplainPane\n"
              "calls = Counter()\n"
              "work = [(BomPanel, 'refresh'), (ConfigPanel, 'refresh'), (ScenariosPanel, 'refresh'),\n"
              "        (ComparisonView, 'refresh'), (ExplainPane, '_explain_selection'), (ExplainPane, '_explain_finding')]\n"
              "for cls, name in work:  # (the explanations' refresh returns at once when off screen: their work)\n"
              "    def counted(self, *a, _real=getattr(cls, name), _name=f'{cls.__name__}.{name}', **k):\n"
              "        calls[_name] += 1\n"
              "        return _real(self, *a, **k)\n"
              "    setattr(cls, name, counted)")
    after = "for _ in range(5):\n    QCoreApplication.processEvents()\nprint(sorted(calls.items()))"
    assert _ready_on_the_example(tmp_path, before, after) == "[]"
