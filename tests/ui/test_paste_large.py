"""Select All, Copy, Paste (and Duplicate, and one inspector edit of many sites) on a large design in the main window:
the copies get the next free ids in order, land 40 px along with their links, become the selection and go in one
undo step; the design is read once per paste, not once per copy (2,000 sites took 20 s), and one edit of many sites
rebuilds the design once, not once per site."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication

from advisor.model import Design

SITES = 400


@pytest.fixture
def large_window(qtbot):
    from tests.ui.conftest import generated_window

    yield from generated_window(qtbot, SITES)


class _CountedTuple(tuple):
    reads = 0

    def __iter__(self):
        type(self).reads += 1
        return super().__iter__()


def test_select_all_copy_paste_of_a_large_design(large_window):
    view, document = large_window.canvas, large_window.document
    before = document.design
    view.select_all()
    view.copy()
    assert '"format": "uc-design-advisor/nodes"' in QGuiApplication.clipboard().text()
    # The generated ids are 's0'…, 'wan', 'l0'…: none numbered as the app numbers its own, so copies count from 1.
    document.design.__dict__["sites"] = _CountedTuple(before.sites)
    _CountedTuple.reads = 0
    view.paste()
    reads = _CountedTuple.reads
    design = document.design
    assert len(design.sites) == 2 * SITES and len(design.clouds) == 2 and len(design.links) == 2 * SITES
    assert [s.id for s in design.sites[SITES:]] == [f"site-{i}" for i in range(1, SITES + 1)]
    assert [c.id for c in design.clouds[1:]] == ["cloud-1"]
    assert [(x.id, x.a, x.b) for x in design.links[SITES:]] == [
        (f"link-{i}", f"site-{i}", "cloud-1") for i in range(1, SITES + 1)]
    assert (design.sites[-1].x, design.sites[-1].y) == (before.sites[-1].x + 40, before.sites[-1].y + 40)
    assert len(document.selected) == 2 * SITES + 1 and set(document.selected) >= {"site-1", "cloud-1", f"link-{SITES}"}
    assert len(view.scene().nodes) == 2 * SITES + 2
    assert reads <= 10  # was over 1,200: the whole design scanned for each copied site, cloud and link
    assert document.undo_stack.undoText() == f"Paste {SITES + 1:,} items"
    document.undo_stack.undo()
    assert document.design == before and len(view.scene().nodes) == SITES + 1


def test_duplicate_after_paste_counts_on_from_the_pasted_ids(large_window):
    view, document = large_window.canvas, large_window.document
    view.select_all()
    view.copy()
    view.paste()
    view.duplicate()  # the pasted copies are selected: copies of them, numbered after them
    design = document.design
    assert len(design.sites) == 3 * SITES
    assert design.sites[-1].id == f"site-{2 * SITES}" and design.clouds[-1].id == "cloud-2"
    assert design.links[-1].id == f"link-{2 * SITES}"
    assert document.undo_stack.undoText() == f"Duplicate {SITES + 1:,} items"


def test_one_inspector_edit_of_many_sites_rebuilds_the_design_once(large_window, monkeypatch):
    document, inspector = large_window.document, large_window.inspector
    document.select([s.id for s in document.design.sites])
    group = next(g for g in inspector._groups if "users" in g.editors)
    calls = []
    original = Design.model_validate.__func__
    monkeypatch.setattr(Design, "model_validate",
                        classmethod(lambda cls, *a, **k: calls.append(1) or original(cls, *a, **k)))
    inspector._edit(group, "users", 33)
    monkeypatch.undo()
    assert {s.users for s in document.design.sites} == {33}
    assert document.undo_stack.undoText() == f"Change users of {SITES:,} items"
    assert len(calls) <= 2  # tried, then applied; was 800: the whole design validated again for each site
