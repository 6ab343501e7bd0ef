"""The freed-jobs tests' shared parts: the jobs a test makes, recorded by weak reference (another test's may still be
ending), and the wait for them to be gone."""

from __future__ import annotations

import gc
import weakref


def recorded_jobs(monkeypatch, module) -> list[weakref.ref]:
    """Weak references to every `module._Job` made from now on in this test."""
    made: list[weakref.ref] = []

    class Recorded(module._Job):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(module, "_Job", Recorded)
    return made


def alive_after_a_while(qtbot, made: list[weakref.ref]) -> list[weakref.ref]:
    """The jobs still alive once the pool has deleted each job whose run has returned, on its own thread, and the
    event loop has run its deferred deletions (qtbot.wait runs the loop; waitUntil only processes events)."""
    for _ in range(100):
        qtbot.wait(20)
        gc.collect()
        if all(ref() is None for ref in made):
            break
    return [ref for ref in made if ref() is not None]
