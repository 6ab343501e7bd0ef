"""Two analyses of one design whose loads were summed two ways (one tree per source, or at once): the same calls,
statuses and findings, each figure within rounding."""

from __future__ import annotations

import math
import re


def same_within_rounding(fast, slow) -> None:
    """The same calls, statuses and findings, each figure within 1e-9; a figure that falls on a half of its last
    shown digit may print either way, as the two sums round it."""
    for a, b in zip(fast.links, slow.links, strict=True):
        assert (a.id, a.calls, a.status) == (b.id, b.calls, b.status)
        assert math.isclose(a.erlangs, b.erlangs, rel_tol=1e-9, abs_tol=1e-12)
        assert math.isclose(a.signalling_kbps, b.signalling_kbps, rel_tol=1e-9, abs_tol=1e-9)
    assert [(f.code, f.subjects) for f in fast.findings] == [(f.code, f.subjects) for f in slow.findings]
    for f, g in zip(fast.findings, slow.findings, strict=True):
        same_but_last_digit(f.message, g.message)


def same_but_last_digit(a: str, b: str) -> None:
    number = re.compile(r"\d[\d,]*(?:\.\d+)?")
    assert number.sub("#", a) == number.sub("#", b)
    for x, y in zip(number.findall(a), number.findall(b), strict=True):
        if x != y:
            places = len(x.partition(".")[2])
            assert abs(float(x.replace(",", "")) - float(y.replace(",", ""))) <= 1.000001 * 10 ** -places, (x, y)
