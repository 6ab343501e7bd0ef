"""A large design just opened places its link labels once, when its results arrive (they resize every label), and
in the same places as placing them twice did; if the analysis fails, they are placed then."""

from __future__ import annotations

import sys
from pathlib import Path

from advisor.analysis import analyse
from advisor.ui.canvas import labels
from advisor.ui.canvas.scene import LABELS_WAIT_LINKS, DesignScene

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = labels.Placement

    def counted(scene, links):
        links = list(links)
        calls.append(len(links))
        return real(scene, links)

    monkeypatch.setattr(labels, "Placement", counted)
    return calls


def test_a_large_design_opened_places_its_labels_once_where_twice_placed_them(qapp, monkeypatch):
    design = generate(LABELS_WAIT_LINKS + 100, "mesh")  # a chain with chords: labels crowd each other
    results = analyse(design)
    calls = _counting(monkeypatch)
    scene = DesignScene()
    scene.sync(design)
    assert calls == []  # nothing placed for the bare design
    scene.apply_results(results)
    assert calls == [len(design.links)]
    scene.label_queue.finish()  # (so many labels are placed a slice at a time)
    placed = {i: link.label_t for i, link in scene.links.items()}
    monkeypatch.undo()
    # the earlier way: every label placed on the bare design, then again with the results
    twice = DesignScene()
    twice.sync(design.model_copy(update={"links": design.links[:1]}))  # not empty: no waiting
    twice.sync(design)
    twice.apply_results(results)
    twice.label_queue.finish()
    assert {i: link.label_t for i, link in twice.links.items()} == placed
    assert any(link.label_t != link.default_t() for link in scene.links.values())


def test_labels_that_waited_for_a_failed_analysis_are_placed(qapp, monkeypatch):
    design = generate(LABELS_WAIT_LINKS + 100, "mesh")
    calls = _counting(monkeypatch)
    scene = DesignScene()
    scene.sync(design)
    assert calls == []
    scene.place_waiting_labels()  # the main window calls it when the analysis fails
    assert calls == [len(design.links)]
    scene.label_queue.finish()  # (so many labels are placed a slice at a time)
    scene.place_waiting_labels()  # nothing left waiting
    assert calls == [len(design.links), 0]


def test_a_small_design_places_its_labels_at_once(qapp, monkeypatch):
    design = generate(50, "mesh")
    calls = _counting(monkeypatch)
    DesignScene().sync(design)
    assert calls == [len(design.links)]
