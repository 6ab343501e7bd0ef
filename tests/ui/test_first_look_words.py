"""What a network engineer reads on first opening the app: choices by the names the trade uses, not the file's ids;
an unnamed link by its two ends; figures of 1,000 and more grouped."""

from __future__ import annotations

import pytest

from advisor import commands
from advisor.ui.calculator import Calculator


@pytest.fixture
def calc(qtbot):
    widget = Calculator()
    qtbot.addWidget(widget)
    widget.resize(900, 400)
    widget.show()
    return widget


def _text_of(combo, value) -> str:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    return combo.itemText(index)


def test_the_calculator_names_codecs_and_algorithms_as_the_inspector_does(calc):
    # G.729 runs at 8 kbps (ITU-T G.729); the ESP algorithms by their RFC names (RFC 3602 AES-CBC, RFC 2404
    # HMAC-SHA1-96). The calculator read "G.729 (g729)", "aes-cbc" and "sha1-96", the file's ids.
    assert _text_of(calc.codec, "g729") == "G.729 (8 kbps)"
    assert _text_of(calc.codec, "g711") == "G.711 (64 kbps)"
    assert _text_of(calc.cipher, "aes-cbc") == "AES-CBC"
    assert _text_of(calc.integrity, "sha1-96") == "HMAC-SHA1-96"
    assert _text_of(calc.srtp, "sha1-80") == "AES-CM-128, HMAC-SHA1-80"  # RFC 3711's default suite
    # the tag each suite adds, in bytes, moved to the tooltip: 80 bits = 10 B, 32 bits = 4 B (RFC 3711)
    assert "HMAC-SHA1-80: 10 B" in calc.srtp.toolTip() and "HMAC-SHA1-32: 4 B" in calc.srtp.toolTip()
    for combo in (calc.codec, calc.cipher, calc.integrity, calc.srtp):
        for i in range(combo.count()):
            if combo.itemData(i) not in ("none",):
                assert combo.itemText(i) != combo.itemData(i), f"{combo.itemData(i)!r} shown by its id"


def test_the_calculator_totals_name_the_layer_2_as_its_list_does(calc):
    calc.l2.setCurrentIndex(calc.l2.findData("dot1q"))
    assert calc.error is None
    # was "with layer 2 (dot1q)": the id; the list reads "Ethernet 802.1Q (22 B)"
    assert "per call per direction with layer 2 (Ethernet 802.1Q);" in calc.totals.text()
    assert "dot1q" not in calc.totals.text()


def test_the_calculator_groups_a_call_count_in_thousands(calc):
    calc.calls.setValue(12_000)
    assert calc.calls.text() == "12,000"  # was "12000"
    assert calc.result.spec.calls == 12_000


def test_an_unnamed_link_is_titled_by_its_two_ends(window):
    window.document.select(("link-1",))
    # was "Link — link-1": the id, where the findings and the link table name the link by its ends
    assert window.inspector.title.text() == "Link — Headquarters – MPLS VPN"
    window.document.push(commands.SetFields("hq", {"name": "Head office"}))
    assert window.inspector.title.text() == "Link — Head office – MPLS VPN"  # follows a rename of an end
    window.document.push(commands.SetFields("link-1", {"name": "Primary uplink"}))
    assert window.inspector.title.text() == "Link — Primary uplink"  # a named link keeps its name


def test_plot_axes_group_figures_in_thousands(window, qtbot):
    from tests.ui.test_plots_dock import show_plots

    panel = show_plots(window, qtbot)
    left = panel.util_plot.getPlotItem().getAxis("left")
    # an overloaded link's utilization reaches 800,000 % (the 300-site generated mesh): read "800000" before
    assert left.tickStrings([200_000.0, 800_000.0], 1.0, 200_000.0) == ["200,000", "800,000"]
    assert left.tickStrings([20.0, 40.0], 1.0, 20.0) == ["20", "40"]  # small figures as they were
    erlang_x = panel.curve_plot.getPlotItem().getAxis("bottom")
    assert erlang_x.tickStrings([1_000.0, 1_500.0], 1.0, 500.0) == ["1,000", "1,500"]


def test_a_new_quiz_says_no_answer_is_checked_yet(example_window):
    from advisor.ui.classroom.quiz import Hidden, QuizSettings

    win = example_window
    win.classroom.start_quiz(QuizSettings(hidden=Hidden(calls=True)))
    panel = win.classroom.quiz_panel
    # one question per link of the example: 12 branch links and the HQ's = 13 (read "0 of 0 checked answers right")
    assert len(win.document.design.links) == 13
    assert panel.score.text() == "no answer checked yet · 13 questions"


def test_the_calculator_tooltips_give_the_units(calc):
    assert "in ms" in calc.ptime.toolTip()  # the box reads "codec default" at its lowest: no unit in sight
    assert "in kbps" in calc.bitrate.toolTip()  # the box reads "—" while the codec has a fixed rate


def test_the_calculator_lists_show_their_longest_entry_whole(example_window, qtbot):
    from PySide6.QtWidgets import QComboBox

    win = example_window
    win.docks["calculator"].show()
    win.docks["calculator"].raise_()
    qtbot.waitUntil(lambda: win.calculator.isVisible())
    # "HMAC-MD5-96 (to be avoided)" lost its bracket: the two columns of lists were shared out equally
    for combo in win.calculator.findChildren(QComboBox):
        assert combo.width() >= combo.sizeHint().width(), combo.toolTip()
