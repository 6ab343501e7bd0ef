"""Headings stay with what follows them, without pushing a long table to the next page.

reportlab groups a heading (keepWithNext) with the flowable after it in a KeepTogether, and a KeepTogether that
does not fit the space left breaks the page, even when what follows is a table of several pages: a page then held
only a heading and its introduction. `KeepWithStart` breaks the page only when the heading cannot stay with the
start of what follows (a table's header and first rows, a paragraph's first lines), or when the whole group is short
enough to move as one.
"""

from __future__ import annotations

from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

FIRST_ROWS = 3  # body rows a table's start must show under its heading
FIRST_LINES = 3  # lines a paragraph's start must show
SHORT = 0.4  # a group up to this share of a page moves whole to the next page rather than split


class KeepWithStart(KeepTogether):
    def split(self, aW, aH):  # noqa: N803 - reportlab's names
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        page = getattr(frame, "_height", None) or aH
        if self._H > aH and self._H > SHORT * page and self._content and self._start_height(aW) <= aH:
            return list(self._content)  # the heading stays here; what follows splits across the page end
        return super().split(aW, aH)

    def _start_height(self, width: float) -> float:
        """The height of everything but the last flowable, plus the start of the last one."""
        last = self._content[-1]
        _, full = last.wrapOn(self.canv, width, 0xFFFFFFF)
        return self._H - full + start_height(last, full)


def start_height(flowable, full: float) -> float:
    """The least of `flowable` that may stand under a heading at a page end: a table's header and first rows, a
    paragraph's first lines, what a flowable's own `start_height()` says; anything else whole."""
    if isinstance(flowable, Table):
        heights = getattr(flowable, "_rowHeights", None) or []
        shown = (flowable.repeatRows or 0) + FIRST_ROWS
        return min(full, sum(h for h in heights[:shown] if h is not None))
    if isinstance(flowable, Paragraph):
        leading = getattr(flowable.style, "leading", 12)
        return min(full, FIRST_LINES * leading + flowable.getSpaceBefore())
    if hasattr(flowable, "start_height"):  # a listing: its first lines
        return min(full, flowable.start_height())
    return full  # a drawing, a nested group: whole


def keep_openings(flow: list) -> list:
    """A section's opening (its heading, introduction and any sub-heading: the text before anything else) grouped
    with the first thing that is not text, so the heading never ends a page alone (see KeepWithStart)."""
    i = 0
    while i < len(flow) and _moves_page(flow[i]):
        i += 1
    j = i
    while j < len(flow) and isinstance(flow[j], (Paragraph, Spacer)) and not _moves_page(flow[j]):
        j += 1
    if j == i:
        return flow
    group = flow[i:j]
    if j < len(flow) and not _moves_page(flow[j]):
        nxt = flow[j]
        group += list(nxt._content) if isinstance(nxt, KeepTogether) else [nxt]
        j += 1
    return [*flow[:i], KeepWithStart(group), *flow[j:]]


def _moves_page(flowable) -> bool:
    """Page breaks, conditional page breaks and template switches: never inside a group."""
    return bool(getattr(flowable, "locChanger", False)) or hasattr(flowable, "frameAction")


def keep_headings(flow: list) -> list:
    """Headings (keepWithNext) directly before a KeepTogether joined into one group with its content: reportlab
    never groups a heading with a KeepTogether, so the heading could end a page alone."""
    out: list = []
    run: list = []
    for flowable in flow:
        if isinstance(flowable, KeepTogether) and run:
            out.append(KeepWithStart([*run, *flowable._content]))
            run = []
        elif isinstance(flowable, Paragraph) and flowable.getKeepWithNext():
            run.append(flowable)
        else:
            out += run
            run = []
            out.append(flowable)
    return out + run
