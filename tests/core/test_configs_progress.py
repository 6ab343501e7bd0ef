"""The configuration sketches of a large design report their progress, so whoever runs them can stop them (the
app's worker when its design is stale or the window closes) and a terminal shows how far they are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from generate import generate  # noqa: E402

from advisor import configs  # noqa: E402
from advisor import progress as core_progress  # noqa: E402
from advisor.analysis import analyse  # noqa: E402


class _Stop(Exception):
    pass


@pytest.fixture(scope="module")
def large():
    design = generate(configs.PROGRESS_MIN_SITES, "mpls")
    return design, analyse(design)


def test_a_large_design_reports_its_sketches_and_stops_at_a_report(large, monkeypatch):
    design, results = large
    made, seen = [], []
    real = configs._site
    monkeypatch.setattr(configs, "_site", lambda ctx, site_id: made.append(site_id) or real(ctx, site_id))

    def show(what: str, done: int, total: int) -> None:
        seen.append((what, done, total))
        if len(seen) == 3:
            raise _Stop

    with core_progress.reporting(show), pytest.raises(_Stop):
        configs.sketches(design, results)
    n = len(design.sites)
    assert seen[0][0] == f"making the configuration sketches of {n:,} sites"
    assert [total for _w, _d, total in seen] == [n, n, n]
    every = n // core_progress.STEPS
    assert [done for _w, done, _t in seen] == [every, 2 * every, 3 * every]
    assert made == [s.id for s in design.sites[:3 * every]]  # stopped there, not after every site


def test_the_reports_change_no_sketch(large):
    design, results = large
    plain = configs.sketch_texts(design, results)
    with core_progress.reporting(lambda *_args: None):
        reported = configs.sketch_texts(design, results)
    assert reported == plain and len(plain) == len(design.sites)


def test_a_small_design_reports_nothing():
    design = generate(configs.PROGRESS_MIN_SITES - 1, "mpls")
    results = analyse(design)
    seen = []
    with core_progress.reporting(lambda *args: seen.append(args)):
        configs.sketches(design, results)
    assert not [s for s in seen if s[0].startswith("making the configuration sketches")]
