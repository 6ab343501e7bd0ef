"""Round 27, long names: suggested file names stay under the file system's 255 bytes for a 200-letter non-Latin
design name; a 200-character name without a space neither widens the window nor pushes the Inspector's form out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

from advisor.model import Design, Site
from advisor.ui.file_stems import STEM_BYTES, path_stem, safe_stem

LONG = ["写" * 200, "م" * 200, "Ж" * 200]  # 600, 400 and 400 bytes of UTF-8


def test_a_stem_is_cut_by_bytes_at_a_character_boundary():
    assert STEM_BYTES == 120
    assert safe_stem("写" * 200) == "写" * 40  # 3 bytes each: 40 fill 120
    assert safe_stem("Ж" * 200) == "Ж" * 60  # 2 bytes each
    assert safe_stem("a" + "写" * 100) == "a" + "写" * 39  # 118 bytes: a 40th would end at 121
    assert safe_stem("Plan A/B") == "Plan A_B" and safe_stem("///") == "___" and safe_stem("  ") == "design"
    assert path_stem(Path("/x") / ("é" * 120 + ".json")) == "é" * 100  # 240 bytes of stem, cut to 200
    assert path_stem("/x/plan.json") == "plan"


@pytest.mark.parametrize("name", LONG)
def test_save_as_suggests_a_name_the_file_system_takes(window, tmp_path, monkeypatch, dialogs, name):
    suggested = []

    def accept(parent, title, start, *args, **kwargs):
        suggested.append(start)
        return str(tmp_path / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", accept)
    window.document.reset(Design(name=name, sites=(Site(id="a", users=1),)))
    assert window.files.save_as(), dialogs["warning"]
    stem = Path(suggested[0]).stem
    assert len(os.fsencode(stem)) <= 120 and name.startswith(stem)
    assert window.document.path is not None and window.document.path.exists()


@pytest.mark.parametrize("name", LONG)
def test_export_pdf_and_bid_saves_suggest_short_names(window, monkeypatch, name):
    from advisor.ui.bid.save_dialogs import folder_and_stem
    from advisor.ui.export import export_pdf

    suggested = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, *a, **k: suggested.append(start) or ("", ""))
    window.document.reset(Design(name=name, sites=(Site(id="a", users=1),)))
    assert export_pdf(window) is None  # cancelled: only the suggestion matters here
    assert len(os.fsencode(Path(suggested[0]).name)) <= 124 and name.startswith(Path(suggested[0]).stem)
    _folder, stem = folder_and_stem(window.document)
    assert len(os.fsencode(stem)) <= 120 and name.startswith(stem)


def test_a_long_name_without_spaces_does_not_widen_the_window(window, qtbot):
    name = "W" * 200
    window.document.reset(Design(name=name, sites=(Site(id="hq", name=name, users=10), Site(id="b", users=5))))
    window.resize(1366, 728)
    for selected in ((), ("hq",)):
        window.document.select(selected)
        qtbot.wait(10)
        title = window.inspector.title
        assert title.text().endswith(name)  # the whole title for whoever reads it
        assert title.toolTip() == title.text()  # and in the tooltip, since what is painted is cut
        painted = QLabel.text(title)
        assert painted.endswith("…") and len(painted) < len(title.text())
        assert title.minimumSizeHint().width() < 200
        assert window.minimumSizeHint().width() <= 1366
    window.document.select(("b",))  # a title that fits is shown whole, without a tooltip repeating it
    assert QLabel.text(window.inspector.title) == "Site — b" and window.inspector.title.toolTip() == ""


def test_a_long_site_name_does_not_widen_the_hub_list(window):
    window.document.reset(Design(name="Plain", sites=(Site(id="hq", name="W" * 200, users=10),)))
    window.document.select(())
    window.inspector._sections["VPN"].header.setChecked(True)
    hub = next(g.editors["hub_site"] for g in window.inspector._groups if "hub_site" in g.editors).widget
    assert hub.minimumSizeHint().width() < 300  # was ~2,400 px: the form ran far past the dock's edge
    assert hub.findText(f"{'W' * 200} (hq)") >= 0  # the whole name is still in the list



def test_a_right_to_left_override_in_a_name_does_not_turn_the_window_title_around(window):
    # "\u202e" (RIGHT-TO-LEFT OVERRIDE) in a design's name turned what follows it, the file and the app's name, around
    from advisor.commands import SetFields

    window.document.push(SetFields("design", {"name": "Acme \u202eTest\u202c \u2066Lab\u2069"}))
    title = window.windowTitle()
    assert "Acme Test Lab" in title and not {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
                                             "\u2067", "\u2068", "\u2069"} & set(title)
    assert "\u202e" not in window.inspector.title.text()
    # right-to-left letters themselves are kept: they read by their own direction
    window.document.push(SetFields("design", {"name": "שלום Lab"}))
    assert "שלום Lab" in window.windowTitle()


def test_control_characters_in_a_name_are_left_out_of_the_window_title(window):
    # a NUL, a bell and an escape reached the title as they were (boxes, or a title cut at the NUL)
    from advisor.commands import SetFields

    window.document.push(SetFields("design", {"name": "Acme\x00 Lab\x07 \x1b[2J2027"}))
    title = window.windowTitle()
    assert "Acme Lab [2J2027" in title and not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in title)
