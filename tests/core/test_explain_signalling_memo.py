"""A hub's link names the phones of every site whose call control crosses it; each site's signalling formula was
written out again, site by site: with the Explain pane showing the busiest links of a 10,000-site design, about
0.1 s of every edit. The formula is now worked out once per calls-per-phone figure, with the same text."""

from __future__ import annotations

import sys
from pathlib import Path

from advisor import analysis
from advisor.explain import Context, explain_link
from advisor.signalling import SignallingFormula

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def test_the_hub_links_signalling_is_written_from_one_formula_per_calls_figure(monkeypatch):
    design = generate(60, "mpls")  # 60 sites, each with its users as its phones: one calls-per-phone figure
    results = analysis.analyse(design)
    hub = max(results.links, key=lambda r: r.signalling_kbps)
    before = explain_link(Context(design, results), hub.id, "kbps")[0].text()
    written = []
    real = SignallingFormula.describe
    monkeypatch.setattr(SignallingFormula, "describe", lambda self, *a: written.append(a) or real(self, *a))
    after = explain_link(Context(design, results), hub.id, "kbps")[0].text()
    assert after == before
    assert len(written) == 1  # was 59: one per branch whose phones register across the hub's link
