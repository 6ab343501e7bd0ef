"""A large design's link labels are placed a slice at a time, the window's events handled in between, and end
where placing them in one go puts them; whatever changes the drawing first finishes the placement under way."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from advisor.analysis import analyse
from advisor.ui.canvas import label_queue, labels
from advisor.ui.canvas.scene import DesignScene

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402

from tests.ui.test_labels_wait_for_results import _counting  # noqa: E402  (the labels placed per call)


@pytest.fixture(scope="module")
def mesh():
    design = generate(label_queue.SLICED_FROM + 100, "mesh")  # a chain with chords: labels crowd each other
    return design, analyse(design)


def _in_one_go(design, results) -> dict[str, tuple[float, float]]:
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(results)
    scene.label_queue.finish()
    one_go = DesignScene()
    one_go.sync(design)
    for link in one_go.links.values():
        link.set_result(scene._result_of(link))
    labels.place_link_labels(one_go, one_go.links.values())
    return {i: (x.label_t, x.label_side) for i, x in one_go.links.items()}


def _sliced(design, results, monkeypatch) -> DesignScene:
    """A scene given `design` and its results, one clock check's worth of labels placed a slice, the rest waiting."""
    monkeypatch.setattr(label_queue, "SLICE_SECONDS", 0.0)
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(results)
    assert scene.label_queue.pending()
    return scene


def _places(scene) -> dict[str, tuple[float, float]]:
    return {i: (x.label_t, x.label_side) for i, x in scene.links.items()}


def test_slices_end_where_one_go_puts_the_labels(qapp, mesh, monkeypatch):
    design, results = mesh
    expected = _in_one_go(design, results)
    monkeypatch.setattr(label_queue, "SLICE_SECONDS", 0.0)  # one check of the clock's worth of labels per slice
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(results)
    left = scene.label_queue.pending()
    assert 0 < left < len(design.links)  # the first slice placed some, the window goes on before the rest
    slices = 0
    while scene.label_queue.pending():
        QApplication.processEvents()
        slices += 1
        assert slices < len(design.links)
    assert slices >= left // labels.SLICE_CHECK
    assert _places(scene) == expected
    moved = sum(1 for i, x in scene.links.items() if (x.label_t, x.label_side) != (x.default_t(), 0.0))
    assert moved > 100  # the placement did move labels off their default places


def test_labels_waiting_when_the_drawing_changes_are_placed_after_it(qapp, mesh, monkeypatch):
    design, results = mesh
    monkeypatch.setattr(label_queue, "SLICE_SECONDS", 0.0)
    for change in ("sync", "results"):
        scene = DesignScene()
        scene.sync(design)
        scene.apply_results(results)
        waiting = scene.label_queue.pending()
        assert waiting
        placed_first = {i: (x.label_t, x.label_side) for i, x in scene.links.items()
                        if (x.label_t, x.label_side) != (x.default_t(), 0.0)}
        if change == "sync":
            scene.sync(design.model_copy(update={"name": "renamed"}))  # changes no link
        else:
            scene.apply_results(results)  # the same figures: no label relabelled
        assert 0 < scene.label_queue.pending() <= waiting  # carried over: a slice at most placed inside the change
        while scene.label_queue.pending():
            QApplication.processEvents()
        assert {i: (x.label_t, x.label_side) for i, x in scene.links.items() if i in placed_first} == placed_first
        moved = sum((x.label_t, x.label_side) != (x.default_t(), 0.0) for x in scene.links.values())
        assert moved > len(placed_first), change  # the carried labels were placed too


def test_deleting_everything_places_no_waiting_label(qapp, mesh, monkeypatch):
    # Opening a large design and deleting everything at once placed the 13,000 labels still waiting before the
    # deletion: 1.3 s for labels about to go
    design, results = mesh
    scene = _sliced(design, results, monkeypatch)
    placements = _counting(monkeypatch)
    scene.sync(design.model_copy(update={"sites": [], "clouds": [], "links": []}))
    QApplication.processEvents()
    assert scene.label_queue.pending() == 0
    assert sum(placements) == 0


def test_a_cleared_drawing_drops_the_placement(qapp, mesh, monkeypatch):
    design, results = mesh
    scene = _sliced(design, results, monkeypatch)
    scene.clear_design()  # File > New or Open: the items are gone
    assert scene.label_queue.pending() == 0
    QApplication.processEvents()  # the timer does nothing more
    assert scene.links == {}


def test_fewer_labels_are_placed_at_once(qapp, monkeypatch):
    design = generate(200, "mesh")
    monkeypatch.setattr(label_queue, "SLICE_SECONDS", 0.0)
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(analyse(design))
    assert scene.label_queue.pending() == 0
