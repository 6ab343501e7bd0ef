"""The packet-anatomy dock: bars per technology from the core, a link selector, explain text, lazy pyqtgraph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from advisor.model import Cloud, Design, Link, Site, VoicePolicy, VpnPolicy

ROOT = Path(__file__).resolve().parents[2]


def v3pn_design() -> Design:
    """Cisco V3PN SRND case: G.729 20 ms, GRE over IPsec, tunnel mode, 3DES + SHA1-96; one branch on PPP."""
    return Design(
        name="V3PN", voice=VoicePolicy(codec="g729"),
        vpn=VpnPolicy(technology="gre-ipsec", ipsec_mode="tunnel", cipher="3des", integrity="sha1-96"),
        sites=(Site(id="hq", name="HQ", kind="hq", users=200, cucm_publisher=True, x=0, y=0),
               Site(id="b1", name="Branch 1", users=40, x=-200, y=200),
               Site(id="b2", name="Branch 2", users=30, x=200, y=200)),
        clouds=(Cloud(id="inet", name="Internet", kind="internet", x=0, y=100),),
        links=(Link(id="l-hq", a="hq", b="inet", capacity_kbps=4096),
               Link(id="l-b1", a="b1", b="inet", capacity_kbps=1024),
               Link(id="l-b2", a="b2", b="inet", capacity_kbps=1024, l2="ppp", name="Branch 2 serial")))


@pytest.fixture
def anatomy(window, qtbot):
    window.document.reset(v3pn_design())
    window.analysis.run_now()
    dock = window.docks["anatomy"]
    window.resizeDocks([dock], [320], Qt.Orientation.Vertical)
    dock.show()
    dock.raise_()
    panel = window.anatomy
    qtbot.waitUntil(lambda: panel.built and panel.on_screen() and bool(panel.bars), timeout=3000)
    return panel


def test_chosen_bar_is_the_136_byte_v3pn_packet(anatomy):
    # Cisco V3PN SRND: G.729 in GRE over IPsec, tunnel mode, 3DES/SHA1 = 136 B IP packet, 54.4 kbps at layer 3.
    bar = anatomy.bars[0]
    assert bar.chosen and bar.technology == "gre-ipsec"
    assert bar.ip_packet_bytes == 136
    assert [b.chosen for b in anatomy.bars].count(True) == 1
    ticks = anatomy.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert ticks[0] == (0, "GRE over IPsec (chosen)")
    assert "IP 136 B" in anatomy._totals_items[0].text()


def test_segments_are_drawn_to_their_byte_counts_and_sum_to_the_frame(anatomy):
    for bar, items in zip(anatomy.bars, anatomy.segment_items, strict=True):
        widths = [rect.rect().width() for rect, _label in items]
        assert widths == [s.bytes for s in bar.segments if s.bytes > 0]
        assert sum(widths) == bar.frame_bytes
        # Segments touch end to end, in wire order.
        lefts = [rect.rect().left() for rect, _label in items]
        assert lefts == [sum(widths[:i]) for i in range(len(widths))]
        for (rect, label), seg in zip(items, [s for s in bar.segments if s.bytes > 0], strict=True):
            assert rect.toolTip().startswith(f"{seg.name}: {seg.bytes} B")
            assert label.text() == str(seg.bytes)


def test_byte_counts_show_only_in_segments_wide_enough(anatomy, qtbot):
    window = anatomy.window()
    shown = [label.isVisible() for items in anatomy.segment_items for _r, label in items]
    assert any(shown)  # at this width the 20-byte payload has room for "20"
    window.docks["anatomy"].setFloating(True)
    window.docks["anatomy"].resize(420, 300)
    qtbot.waitUntil(lambda: anatomy.plot.getPlotItem().getViewBox().width() < 300, timeout=3000)
    narrow = [label.isVisible() for items in anatomy.segment_items for _r, label in items]
    assert sum(narrow) < sum(shown)
    window.docks["anatomy"].setFloating(False)


def test_explain_shows_the_formulas_of_the_bar_under_study(anatomy, qtbot):
    text = anatomy.explain.toPlainText()
    assert "IP packet = 20 IPv4 + 8 ESP + 8 ESP IV + pad(x) 88 + 12 ICV = 136 B" in text
    assert text.splitlines() == list(anatomy.bars[0].formula)
    # A real click on the third bar studies it instead.
    plot = anatomy.plot
    vb = plot.getPlotItem().getViewBox()
    where = plot.mapFromScene(vb.mapViewToScene(QPointF(anatomy.bars[2].frame_bytes / 2, 2)))
    qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: anatomy.explained == 2, timeout=2000)
    assert anatomy.explain.toPlainText().splitlines() == list(anatomy.bars[2].formula)
    assert "(alternative)" in anatomy.explain_title.text()


def test_link_selector_uses_that_links_layer_2(anatomy, window):
    combo = anatomy.link_combo
    assert combo.count() == 1 + len(window.document.design.links)
    assert combo.itemData(0) == ""  # the reference (busiest) link first
    index = combo.findData("l-b2")
    assert combo.itemText(index).startswith("Branch 2 serial")
    combo.setCurrentIndex(index)
    bar = anatomy.bars[0]
    link = next(r for r in window.document.results.links if r.id == "l-b2")
    assert bar.frame_bytes == link.frame_bytes == 136 + 7  # PPP: 6 header + 1 flag (SPEC §3.1.1)
    assert "Branch 2 serial" in anatomy.explain_title.text()


def test_hidden_dock_does_no_work_until_shown(anatomy, window, qtbot):
    count = anatomy.refresh_count
    window.docks["links"].raise_()
    qtbot.waitUntil(lambda: not anatomy.on_screen(), timeout=2000)
    window.document.set_results(window.document.results)
    window.document.set_results(window.document.results)
    assert anatomy.refresh_count == count
    window.docks["anatomy"].raise_()
    qtbot.waitUntil(lambda: anatomy.refresh_count > count, timeout=2000)
    qtbot.wait(50)
    assert anatomy.refresh_count == count + 1  # two analyses while hidden, one redraw when shown


def test_follows_light_and_dark_palettes(anatomy, window):
    for mode in ("dark", "light"):
        window.set_theme(mode)
        QApplication.processEvents()
        background = anatomy.plot.backgroundBrush().color()
        assert background == anatomy.palette().color(QPalette.ColorRole.Window)
        anatomy.grab().save(f"/tmp/anatomy-{mode}.png")


def test_startup_does_not_import_pyqtgraph_until_a_plot_dock_is_shown(tmp_path):
    code = ("import sys\nfrom PySide6.QtWidgets import QApplication\napp = QApplication([])\n"
            "from advisor.ui.main_window import MainWindow\nw = MainWindow()\nw.show()\n"
            "for _ in range(5): app.processEvents()\n"
            "assert 'pyqtgraph' not in sys.modules, 'pyqtgraph imported at start-up'\n"
            "w.docks['anatomy'].raise_()\nfor _ in range(5): app.processEvents()\n"
            "assert 'pyqtgraph' in sys.modules and w.anatomy.built\n"
            "w.document.undo_stack.setClean()\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
