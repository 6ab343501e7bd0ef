"""Round 22, random user events on the main window (a "monkey" driver): each defect it found, as the short event
sequence that shows it.

- A site or cloud dropped from the palette beyond the coordinates a design holds (±1,000,000: reachable once a
  node sits at the edge, typed in the inspector) raised a validation error out of the drop handler; it is now
  refused with a one-line status message, as a move there is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from advisor.model import Cloud, Design, Site

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import drop_kind, shown_view  # noqa: E402


def test_a_drop_beyond_the_coordinate_limit_lands_on_the_edge(qtbot, document):
    edge = Design(name="Edge", sites=(Site(id="far", name="Far site", users=10, x=0, y=-1_000_000),),
                  clouds=(Cloud(id="wan", name="WAN", kind="mpls", x=0, y=-999_000),))
    document.reset(edge)
    view = shown_view(qtbot, document)
    view.centerOn(0, -1_000_000)
    messages: list[str] = []
    view.message.connect(messages.append)
    drop_kind(view, "mpls", (0, -1_000_200))  # 200 above the edge: inside the scene's margin, outside the model
    # It lands on the edge, as a paste or a drag past it does (round 40; it was refused, in the model's words)
    assert messages == [] and document.undo_stack.count() == 1
    dropped = document.design.clouds[-1]
    assert len(document.design.clouds) == 2 and (dropped.x, dropped.y) == (0.0, -1_000_000.0)
