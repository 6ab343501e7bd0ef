"""The Assumptions dock lists the conventions of the last analysis, live: the same rows as the design document's
assumptions, and the note that a site's shares were scaled to 100 % as soon as such a design is open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from advisor.model import Design


def _rows(window) -> dict[str, str]:
    model = window.assumptions.model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def _settled(window, name: str) -> bool:
    results = window.document.results
    return results is not None and window.document.design.name == name and _rows(window) != {}


def _design(intra: float = 0.5) -> Design:
    sites = [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True},
             {"id": "b1", "name": "Bern", "users": 20, "traffic": {"intra_site_share": intra}}]
    return Design.model_validate({"name": "two sites", "sites": sites,
                                  "links": [{"id": "l1", "a": "hq", "b": "b1", "capacity_kbps": 2048}]})


def test_the_rows_are_the_analysis_conventions_with_a_capital(window, qtbot):
    window.document.reset(_design())
    qtbot.waitUntil(lambda: "2048" in _rows(window).get("Bandwidth", "") or _settled(window, "two sites"))
    rows = _rows(window)
    conventions = window.document.results.conventions
    assert len(rows) == len(conventions)
    assert rows["Grade of service"] == conventions["grade of service"]
    assert rows["IPsec"] == conventions["ipsec"] and "ESP pad(x)" in rows["IPsec"]
    assert rows["VPN technology"] == conventions["vpn technology"]
    assert window.assumptions.model.headerData(1, Qt.Orientation.Horizontal) == "What the figures assume"
    # the text column takes the dock's width (a model reset forgets the sections' modes: set again each time)
    from PySide6.QtWidgets import QHeaderView

    header = window.assumptions.view.horizontalHeader()
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.Stretch


def test_scaled_site_shares_are_named_as_soon_as_the_design_is_shown(window, qtbot):
    # Bern's own intra-site share 0.9 with the design's 0.3 on-net and 0.2 PSTN: 140 %, scaled to 100 %
    window.document.reset(_design(intra=0.9))
    qtbot.waitUntil(lambda: "Bern" in _rows(window).get("Traffic", ""))
    traffic = _rows(window)["Traffic"]
    assert "'Bern' (140 %)" in traffic and "scaled" in traffic
