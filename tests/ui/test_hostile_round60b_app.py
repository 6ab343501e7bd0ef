"""Round 60 (second part) in the app: the window's operations timed and profiled on large and dense designs (a
300-site full mesh, 5,000-site cloud tails, 10,000-site MPLS, chain and dual-cloud designs, each against a quarter
of its size). The defect found, as the short sequence that shows it:

- A 10,000-site MPLS design open, Edit ▸ Select All, Delete, then Edit ▸ Undo: every link came back and its label
  was placed twice, once for the links without figures and again when their figures arrived a moment later (they
  resize every label), as opening the design no longer does: 4.6 s of the window's time (5,000 sites with cloud
  tails: 2.1 s of label placing in it). The labels now wait for the figures, as when the design is opened, and
  take the same places.
- A design of exactly 2,000 links (drawn as a dense one: lines one pixel wide, link labels only from 100 % zoom),
  at 60 % zoom on a lone link away from the rest, then one link deleted out of view: the lone link stayed one pixel
  wide and without its label (a 1,999-link design shows both) until something else made that part of the canvas
  repaint; Edit ▸ Undo back to 2,000 left the label shown. Crossing that count now draws the whole canvas again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from advisor.analysis import analyse
from advisor.commands import DeleteItems
from advisor.model import Design
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.dense_lines import DenseLines
from advisor.ui.canvas.items import LinkItem, LinkLabelItem
from advisor.ui.canvas.scene import LABELS_WAIT_LINKS
from advisor.ui.canvas.view import CanvasView
from advisor.ui.document import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

from tests.ui.test_canvas_dense import _view  # noqa: E402
from tests.ui.test_labels_wait_for_results import _counting  # noqa: E402  (the labels placed per call)


def _places(scene) -> dict[str, tuple[float, float]]:
    return {i: (link.label_t, link.label_side) for i, link in scene.links.items()}


def _opened(qtbot, design):
    document = Document()
    view = CanvasView(document)
    qtbot.addWidget(view)
    document.reset(design)
    document.set_results(analyse(design))
    view.scene().label_queue.finish()  # (so many labels are placed a slice at a time)
    return document, view.scene()


def test_undo_of_deleting_everything_places_the_labels_once_where_opening_placed_them(qtbot, monkeypatch):
    design = generate(LABELS_WAIT_LINKS + 100, "mesh")  # a chain with chords: labels crowd each other
    results = analyse(design)
    document, scene = _opened(qtbot, design)
    opened = _places(scene)
    assert any(t != scene.links[i].default_t() or side for i, (t, side) in opened.items())  # labels were moved
    every = tuple(x.id for x in (*design.sites, *design.clouds, *design.links))
    document.push(DeleteItems(every))
    document.set_results(analyse(document.design))  # the empty design's figures
    assert not scene.links
    calls = _counting(monkeypatch)
    document.undo()
    assert len(scene.links) == len(design.links)
    assert calls == []  # no labels placed for links without figures (before: every one of them)
    document.set_results(results)
    assert calls == [len(design.links)]  # once, with the figures
    scene.label_queue.finish()
    assert _places(scene) == opened


def test_labels_waiting_after_an_undo_are_placed_when_the_analysis_fails(qtbot, monkeypatch):
    design = generate(LABELS_WAIT_LINKS + 100, "mesh")
    document, scene = _opened(qtbot, design)
    document.push(DeleteItems(tuple(x.id for x in (*design.sites, *design.links))))
    document.set_results(analyse(document.design))
    calls = _counting(monkeypatch)
    document.undo()
    scene.place_waiting_labels()  # the main window calls it when the analysis fails
    assert calls == [len(design.links)]


def test_a_few_links_or_links_with_figures_are_placed_at_once(qtbot, monkeypatch):
    # below LABELS_WAIT_LINKS, or links the figures shown already price (an undo among links still there), nothing
    # waits: their labels take their places with the edit
    small = generate(200, "mesh")
    document, scene = _opened(qtbot, small)
    document.push(DeleteItems(tuple(x.id for x in (*small.sites, *small.links))))
    document.set_results(analyse(document.design))
    calls = _counting(monkeypatch)
    document.undo()
    assert calls == [len(small.links)]
    large = generate(LABELS_WAIT_LINKS + 100, "mesh")
    document, scene = _opened(qtbot, large)
    document.push(DeleteItems(tuple(x.id for x in large.links)))  # the links alone, the figures still shown
    calls.clear()
    document.undo()
    assert calls == [len(large.links)]


def _at_the_dense_count() -> Design:
    """A lone link A–B from (0, 0) to (400, 0), and far below it 64 sites joined by 1,999 links: 2,000 in all."""
    rows = [{"id": f"s{i}", "name": f"Site {i}", "x": (i % 12) * 160.0, "y": 3000.0 + (i // 12) * 160.0}
            for i in range(64)]
    links = [{"id": f"l{a}-{b}", "a": f"s{a}", "b": f"s{b}"} for a in range(64) for b in range(a + 1, 64)][:1999]
    rows += [{"id": "a", "name": "A", "x": 0.0, "y": 0.0}, {"id": "b", "name": "B", "x": 400.0, "y": 0.0}]
    links.append({"id": "lone", "a": "a", "b": "b"})
    return Design.model_validate({"name": "dense", "sites": rows, "links": links})


def test_crossing_the_dense_count_draws_the_links_in_view_again(qtbot, qapp, monkeypatch):
    design = _at_the_dense_count()
    assert len(design.links) == th.DENSE_LINKS
    view = _view(qtbot, design)
    document = view.document
    view.resetTransform()
    view.scale(0.6, 0.6)  # the lone link's label: hidden on a dense canvas, shown on another
    view.centerOn(200.0, 0.0)
    painted: list[tuple[str, str]] = []
    for cls, what in ((LinkItem, "line"), (LinkLabelItem, "label")):
        def recorded(self, painter, option, widget=None, real=cls.paint, what=what):
            painted.append((what, self.item_id))
            return real(self, painter, option, widget)
        monkeypatch.setattr(cls, "paint", recorded)

    def lines(self, painter, option, widget=None, real=DenseLines.paint):  # a dense canvas's lines, in one item
        painted.extend(("line", link_id) for link_id in self.scene().pairs.shown)
        return real(self, painter, option, widget)
    monkeypatch.setattr(DenseLines, "paint", lines)
    for _ in range(3):
        qapp.processEvents()
    assert ("label", "lone") in painted  # the first paint
    for edit in (lambda: document.push(DeleteItems((design.links[0].id,))), document.undo):
        painted.clear()
        edit()  # a mesh link out of view: 1,999 links (not dense), then 2,000 again (dense)
        for _ in range(3):
            qapp.processEvents()
        # the lone link and its label drawn again, as the new count has them (before: not drawn, as they were)
        assert {("line", "lone"), ("label", "lone")} <= set(painted), len(document.design.links)
