"""Progress is reported from 0 to 1 in order, and returning False cancels the build."""

from __future__ import annotations

import pytest
from report_fixtures import results_for, star_design

from advisor.report import Cancelled, build_pdf


def test_progress_rises_to_one_with_messages():
    design = star_design(12)
    seen: list[tuple[float, str]] = []
    build_pdf(design, results_for(design), lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert len(seen) >= 20  # the layout pass reports as it goes, not only at the ends
    assert any("Laying out page" in m for _, m in seen)
    assert seen[-1][1].startswith("Done: ") and seen[-1][1].endswith("pages")


@pytest.mark.parametrize("stop_at", [0.0, 0.1, 0.5])
def test_returning_false_cancels(stop_at):
    design = star_design(12)
    seen: list[float] = []

    def progress(fraction, _message):
        seen.append(fraction)
        return fraction < stop_at

    with pytest.raises(Cancelled):
        build_pdf(design, results_for(design), progress)
    assert seen[-1] >= stop_at and seen[-1] < 1.0


def test_none_return_means_go_on():
    design = star_design(3)
    assert build_pdf(design, results_for(design), lambda f, m: None).startswith(b"%PDF")
