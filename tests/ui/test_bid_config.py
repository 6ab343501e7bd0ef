"""The Configuration dock: each site's text is `configs.sketches(...)[site].text()`, the banner says it is a sketch
to review, the site follows the canvas selection, Copy fills the clipboard and "Save all…" writes a file per site."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QGuiApplication

from advisor import configs
from advisor.commands import SetFields


@pytest.fixture
def panel(window, qtbot):
    window.docks["configuration"].show()
    window.docks["configuration"].raise_()
    qtbot.waitUntil(lambda: window.bid.config.isVisible(), timeout=3000)
    return window.bid.config


def _expected(window) -> dict[str, str]:
    doc = window.document
    return {sid: s.text() for sid, s in configs.sketches(doc.design, doc.results).items()}


def test_each_site_shows_its_sketch(window, panel):
    expected = _expected(window)
    assert [panel.site.itemData(i) for i in range(panel.site.count())] == ["hq", "br-1", "br-2"]
    for i, site_id in enumerate(("hq", "br-1", "br-2")):
        panel.site.setCurrentIndex(i)
        assert panel.text.toPlainText() == expected[site_id]
    assert panel.text.isReadOnly()
    metrics = panel.text.fontMetrics()  # monospace: every character as wide as the next
    assert metrics.horizontalAdvance("iiiiiiiiii") == metrics.horizontalAdvance("MMMMMMMMMM")


def test_the_banner_says_it_is_a_sketch_to_review(window, panel):
    assert panel.banner.isVisible()
    assert "Sketch to review" in panel.banner.text() and "not a final configuration" in panel.banner.text()
    assert "placeholders" in panel.banner.toolTip()


def test_the_priority_queue_carries_the_link_voice(window, panel):
    # br-1's link: its calls × 112.8 kbps per call (G.711 in GET VPN on Ethernet, worked by hand in
    # tests/core/test_scenarios.py), rounded up to a whole kbps as `priority` takes it
    link = next(x for x in window.document.results.links if x.id == "link-2")
    panel.show_site("br-1")
    assert link.calls > 0
    assert f"  priority {math.ceil(round(link.calls * 112.8, 6))}\n" in panel.text.toPlainText()


def test_selecting_one_site_on_the_canvas_shows_its_sketch(window, panel):
    window.document.select(("br-2",))
    assert panel.current_site() == "br-2"
    assert panel.text.toPlainText() == _expected(window)["br-2"]
    window.document.select(("hq", "br-1"))  # two sites: the view stays where it is
    assert panel.current_site() == "br-2"


def test_the_design_menu_opens_the_selected_site(window, qtbot):
    window.docks["links"].raise_()
    window.document.select(("br-1",))
    window.actions_by_name["config-sketch"].trigger()
    qtbot.waitUntil(lambda: window.bid.config.isVisible(), timeout=3000)
    assert window.bid.config.current_site() == "br-1"
    assert window.bid.config.text.toPlainText() == _expected(window)["br-1"]


def test_it_follows_the_results(window, panel, qtbot):
    panel.show_site("br-1")
    window.document.push(SetFields("br-1", {"name": "Ljubljana"}))
    qtbot.waitUntil(lambda: "Ljubljana" in panel.text.toPlainText(), timeout=3000)
    assert panel.current_site() == "br-1"
    assert panel.text.toPlainText() == _expected(window)["br-1"]


def test_copy_and_save_all(window, panel, tmp_path):
    panel.show_site("hq")
    panel.copy()
    assert QGuiApplication.clipboard().text() == _expected(window)["hq"]
    written = panel.save_all(tmp_path / "sketches")
    assert [(sid, p.name) for sid, p in written] == [("hq", "hq.txt"), ("br-1", "br-1.txt"), ("br-2", "br-2.txt")]
    for site_id, path in written:
        assert path.read_text(encoding="utf-8") == _expected(window)[site_id]


def test_an_unwritable_folder_is_named(window, panel, tmp_path, monkeypatch):
    from advisor.ui.bid import save_dialogs

    shown = []
    monkeypatch.setattr(save_dialogs, "show_error", lambda _p, title, text: shown.append((title, text)))
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    assert panel.save_all(blocker / "sketches") == []
    assert shown and "a file" in shown[0][1]


def test_a_large_design_is_sketched_off_the_ui_thread(window, panel, qtbot):
    from advisor.model import Cloud, Design, Link, Site
    from advisor.ui.bid.config_view import INLINE_SITES

    n = INLINE_SITES + 20
    sites = [Site(id="hq", name="HQ", kind="hq", users=500, cucm_publisher=True, cucm_subscribers=2)]
    sites += [Site(id=f"b{i}", name=f"Branch {i}", users=10) for i in range(1, n)]
    links = [Link(id=f"l{s.id}", a=s.id, b="mpls", capacity_kbps=2048) for s in sites]
    design = Design(name="Large", sites=tuple(sites), clouds=(Cloud(id="mpls", name="MPLS", kind="mpls"),),
                    links=tuple(links))
    window.document.reset(design)
    window.analysis.run_now()
    assert panel.text.toPlainText().startswith(f"! Making the sketches of {n} sites")
    qtbot.waitUntil(lambda: panel.site.count() == n, timeout=20_000)
    panel.show_site("b7")
    doc = window.document
    assert panel.text.toPlainText() == configs.sketches(doc.design, doc.results)["b7"].text()


def test_site_context_menu_offers_its_sketch(window):
    from advisor.ui.canvas import menus

    site = window.document.design.sites[1]
    item = window.canvas.scene().node_items[site.id] if hasattr(window.canvas.scene(), "node_items") else None
    if item is None:
        item = next(i for i in window.canvas.scene().items() if getattr(i, "item_id", None) == site.id)
    menu = menus.item_menu(window.canvas, item)
    action = next(a for a in menu.actions() if a.text().replace("&", "") == "Configuration Sketch")
    action.trigger()
    assert window.docks["configuration"].isVisible()
    assert window.bid.config.current_site() == site.id
    menu.deleteLater()


def test_a_closing_window_stops_the_sketches_at_their_next_report(window, panel, qtbot, monkeypatch):
    # The sketches of a large design run in the worker and report their progress; the window's close waits for the
    # worker (`stop`), which then ends the sketches at their next report instead of waiting for every site.
    from advisor.model import Cloud, Design, Link, Site

    n = configs.PROGRESS_MIN_SITES
    sites = [Site(id="hq", name="HQ", kind="hq", users=500, cucm_publisher=True, cucm_subscribers=2)]
    sites += [Site(id=f"b{i}", name=f"Branch {i}", users=10) for i in range(1, n)]
    links = [Link(id=f"l{s.id}", a=s.id, b="mpls", capacity_kbps=2048) for s in sites]
    design = Design(name="Large", sites=tuple(sites), clouds=(Cloud(id="mpls", name="MPLS", kind="mpls"),),
                    links=tuple(links))
    made: list[str] = []
    real = configs._site

    def slow_site(ctx, site_id):
        made.append(site_id)
        QThread.msleep(2)  # ~2 s for the whole design: the close comes long before its end
        return real(ctx, site_id)

    monkeypatch.setattr(configs, "_site", slow_site)
    finished: list[object] = []
    panel.runner.finished.connect(finished.append)
    window.document.reset(design)
    window.analysis.run_now()
    qtbot.waitUntil(lambda: len(made) >= 5, timeout=20_000)
    panel.stop()
    assert not panel.runner.pool.activeThreadCount()
    stopped_at = len(made)
    assert stopped_at <= 5 + 2 * (n // 100)  # at the next report (one every n / 100 sites), not after n sites
    qtbot.wait(50)
    assert len(made) == stopped_at and not finished


def test_a_save_that_fails_midway_says_how_many_sketches_it_wrote(window, panel, tmp_path, monkeypatch):
    # the disk fills after the first file: the error dialog names the reason, and the status bar says that 1 of the
    # 3 sketches was written (before, the dialog alone said "not written", though the first file was there)
    from advisor import io
    from advisor.configs import files
    from advisor.ui.bid import save_dialogs

    shown = []
    monkeypatch.setattr(save_dialogs, "show_error", lambda _p, title, text: shown.append((title, text)))
    real = io.write_atomic_many

    def first_then_full(pairs, batch):
        if (tmp_path / "sketches" / "hq.txt").exists():
            raise OSError(28, "No space left on device")
        real(pairs, batch=batch)

    monkeypatch.setattr(io, "write_atomic_many", first_then_full)
    monkeypatch.setattr(files, "_BATCH", 1)  # a file per batch
    written = panel.save_all(tmp_path / "sketches")
    assert [sid for sid, _p in written] == ["hq"] and (tmp_path / "sketches" / "hq.txt").exists()
    assert shown and "No space left" in shown[0][1]
    assert window.statusBar().currentMessage() == (
        f"Wrote 1 of the 3 sketches into {tmp_path / 'sketches'} before the error; the others were not written")


def test_a_floating_dock_still_says_what_it_did_in_the_status_bar(window, panel, tmp_path):
    """A floating dock is a window of its own: the Copy and Save all messages looked for a status bar there, found
    none and were lost without a word."""
    dock = window.docks["configuration"]
    dock.setFloating(True)
    assert panel.window() is dock  # its own window, with no status bar
    panel.copy()
    assert window.statusBar().currentMessage().startswith("Copied the configuration sketch of ")
    written = panel.save_all(tmp_path)
    assert written and window.statusBar().currentMessage().startswith(f"Wrote {len(written)} sketch")


def test_save_all_asks_before_replacing_files_of_the_same_names(window, panel, tmp_path, monkeypatch):
    # A user's own edited configuration, named after its site, was replaced without a word.
    from PySide6.QtWidgets import QMessageBox

    folder = tmp_path / "configs"
    folder.mkdir()
    (folder / "hq.txt").write_text("MY EDITED CONFIG\n", encoding="utf-8")
    (folder / "br-2.txt").write_text("ANOTHER\n", encoding="utf-8")
    asked = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, text, *_a: asked.append(text) or answer)
    assert panel.save_all(folder) == []
    assert (folder / "hq.txt").read_text(encoding="utf-8") == "MY EDITED CONFIG\n"
    assert not (folder / "br-1.txt").exists()  # nothing written when the answer is No
    assert asked == [f"2 of the 3 files are already in {folder} (hq.txt, br-2.txt).\n\nReplace them with this "
                     "design's sketches? The files there now are not kept."]
    answer = QMessageBox.StandardButton.Yes
    written = panel.save_all(folder)
    assert [p.name for _sid, p in written] == ["hq.txt", "br-1.txt", "br-2.txt"]
    assert (folder / "hq.txt").read_text(encoding="utf-8") == _expected(window)["hq"]


def test_save_all_into_a_folder_without_those_names_asks_nothing(panel, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: pytest.fail("asked with nothing to replace"))
    assert len(panel.save_all(tmp_path)) == 3
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
