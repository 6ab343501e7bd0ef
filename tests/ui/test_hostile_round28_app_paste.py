"""Round 28, garbage pasted into the canvas: each defect found, as the short sequence that shows it.

- A canvas copy with no sites or clouds in it said "Paste: paste: nothing to copy".
- Pasting more sites than a design holds (20,000) said "sites: has too many items (at most 20,000)": not that the
  paste was refused, nor how many the clipboard held.
"""

from __future__ import annotations

import json

from PySide6.QtGui import QGuiApplication

from advisor.model import Design, Site
from advisor.ui.canvas.clipboard import CLIPBOARD_FORMAT


def _paste(window, nodes: list) -> list[str]:
    messages: list[str] = []
    window.canvas.message.connect(messages.append)
    QGuiApplication.clipboard().setText(json.dumps({"format": CLIPBOARD_FORMAT, "nodes": nodes, "links": []}))
    window.canvas.paste()
    return messages


def test_a_copy_without_sites_or_clouds_is_refused_in_one_sentence(window):
    before = window.document.design
    assert _paste(window, []) == ["Paste: the copy holds no sites or clouds"]  # was "Paste: paste: nothing to copy"
    assert window.document.design is before


def test_more_sites_than_a_design_holds_are_refused_as_a_paste(window):
    # 3 sites in the sample design + 19,998 on the clipboard = 20,001 > 20,000
    nodes = [{"id": f"n{i}", "kind": "branch", "users": 10} for i in range(19_998)]
    before = window.document.design
    assert _paste(window, nodes) == [
        "Paste: 19,998 sites on the clipboard would make 20,001 in the design; a design holds at most 20,000 sites"]
    assert window.document.design is before


def test_more_clouds_than_a_design_holds_are_refused_as_a_paste(window):
    nodes = [{"id": f"c{i}", "kind": "internet"} for i in range(1_000)]  # 1 cloud in the sample + 1,000 > 1,000
    assert _paste(window, nodes) == [
        "Paste: 1,000 clouds on the clipboard would make 1,001 in the design; a design holds at most 1,000 clouds"]


def test_more_sites_than_a_design_holds_into_an_empty_design(qtbot):
    from tests.ui.conftest import shown_window

    gen = shown_window(qtbot, Design(name="Empty"))
    window = next(gen)
    try:
        assert _paste(window, [{"id": f"n{i}"} for i in range(20_001)]) == [
            "Paste: 20,001 sites on the clipboard; a design holds at most 20,000 sites"]
        assert window.document.design.sites == ()
    finally:
        next(gen, None)


def test_a_paste_up_to_the_limit_is_still_made(qtbot):
    from tests.ui.conftest import shown_window

    design = Design(name="Near the limit", sites=tuple(Site(id=f"s{i}", x=i, y=0) for i in range(19_998)))
    gen = shown_window(qtbot, design)
    window = next(gen)
    try:
        assert _paste(window, [{"id": "a", "kind": "branch"}, {"id": "b", "kind": "branch"}]) == []
        assert len(window.document.design.sites) == 20_000
    finally:
        next(gen, None)
