"""After a design is opened the app collects once and freezes what survives (advisor.ui.heap)."""

from __future__ import annotations

import gc
import weakref

import pytest

from advisor import io
from advisor.ui import heap


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test run collects as usual


class _Node:
    pass


def test_settle_collects_garbage_cycles_then_freezes_the_survivors(unfrozen):
    kept = _Node()
    cycle = _Node()
    cycle.me = cycle  # garbage only the cyclic collector can free
    gone = weakref.ref(cycle)
    del cycle
    heap.settle()
    assert gone() is None
    assert gc.get_freeze_count() > 0 and gc.is_tracked(kept)
    gc.unfreeze()
    assert gc.get_freeze_count() == 0


def test_opening_a_design_settles_the_heap_after_its_first_paint(qtbot, window, sample_design, tmp_path, unfrozen):
    path = tmp_path / "design.json"
    path.write_text(io.dumps(sample_design), encoding="utf-8")
    assert gc.get_freeze_count() == 0
    assert window.files.open_path(path, ask=False, remember=False)
    assert gc.get_freeze_count() == 0  # not before the design is shown
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 0, timeout=2000)
