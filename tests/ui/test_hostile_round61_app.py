"""Round 61 in the app: what the docks show against `advisor check --json` for the same design (varied generated
designs of every topology, 40 to 300 sites, their Link sizing table read cell by cell, sorted and filtered, after
Inspector edits and after Undo). Each defect found, as the short sequence that shows it:

- The Link sizing table sorted by Status (a click on its header): "over LLQ share", then "ok", then "overloaded"
  (the order of the words the figures are kept as, "llq" < "ok" < "overload"), neither the order of the words shown
  nor from ok to overloaded; descending, the links over their LLQ share came last. The column now sorts from ok to
  over LLQ share to overloaded (the words' own order too), and back.
- An Internet hub design, the Bill of materials' "VPN hubs" set to 4 (it then lists 4 head-end routers), then the
  Configuration dock: each spoke's sketch still built "one tunnel to each of the 2 head-ends" (Tunnel1 and Tunnel2),
  and Save all wrote those, where `advisor configs --vpn-hubs 4` sketches four. The sketches now take the hubs the
  bill of materials counts, in the dock and in Save all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from advisor import io
from advisor.model import Design
from tests.ui.conftest import shown_window

ROOT = Path(__file__).resolve().parents[2]
STATUS = 9  # the Link sizing table's Status column


def _check_json(design: Design, folder: Path) -> dict:
    """`advisor check --json` on `design`, run as the command line is (exit 1: it has errors)."""
    path = folder / "design.json"
    io.save(design, path, backup=False)
    out = subprocess.run([sys.executable, "-m", "advisor", "check", "--json", str(path)], capture_output=True,
                         text=True, cwd=ROOT, check=False)
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def _column(window, column: int) -> list[str]:
    model = window.links.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


# -- the Status column sorted ---------------------------------------------------------------------------------

@pytest.fixture
def three_statuses(qtbot, sample_design):
    """The sample design with Branch 2's link at 2,048 kbps: by hand, HQ's 15 calls (about 1,700 kbps) fit its
    10,000 kbps (ok); Branch 1's 11 calls (about 1,245 kbps) overload its 1,024 kbps; Branch 2's 9 calls (about
    976 kbps of voice) fit 2,048 kbps but take 48 % of it, above the 33 % priority-queue share."""
    links = tuple(x.model_copy(update={"capacity_kbps": 2048.0}) if x.id == "link-3" else x
                  for x in sample_design.links)
    yield from shown_window(qtbot, sample_design.model_copy(update={"links": links}))


def test_sorting_by_status_goes_from_ok_to_overloaded(three_statuses, tmp_path):
    window = three_statuses
    checked = {x["id"]: x["status"] for x in _check_json(window.document.design, tmp_path)["links"]}
    assert checked == {"link-1": "ok", "link-2": "overload", "link-3": "llq"}  # the command line's own verdicts
    window.links.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
    # before: "over LLQ share", "ok", "overloaded"
    assert _column(window, STATUS) == ["ok", "over LLQ share", "overloaded"]
    assert _column(window, 0) == ["link-1", "link-3", "link-2"]
    window.links.table.sortByColumn(STATUS, Qt.SortOrder.DescendingOrder)
    assert _column(window, STATUS) == ["overloaded", "over LLQ share", "ok"]  # before: the LLQ one came last


def test_the_status_order_holds_after_an_edit_and_its_undo(three_statuses, tmp_path):
    window = three_statuses
    window.links.table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
    window.document.select(("link-1",))
    group = next(g for g in window.inspector._groups if "capacity_kbps" in g.editors)
    window.inspector._edit(group, "capacity_kbps", 1_500.0)  # HQ's ~1,700 kbps now overloads it
    window.analysis.run_now()
    checked = {x["id"]: x["status"] for x in _check_json(window.document.design, tmp_path)["links"]}
    assert checked["link-1"] == "overload"
    # ties in the design's order: link-1 before link-2
    assert _column(window, 0) == ["link-3", "link-1", "link-2"]
    assert _column(window, STATUS) == ["over LLQ share", "overloaded", "overloaded"]
    window.document.undo()
    window.analysis.run_now()
    assert _column(window, 0) == ["link-1", "link-3", "link-2"]
    assert _column(window, STATUS) == ["ok", "over LLQ share", "overloaded"]


# -- the Configuration dock with the bill of materials' VPN hubs ------------------------------------------------

@pytest.fixture
def hub_window(qtbot):
    """HQ and four branches over the Internet, GRE over IPsec to a hub (the benchmarks' generator)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    yield from shown_window(qtbot, generate(5, "internet-hub"))


def _cli_sketch(design: Design, folder: Path, site: str, hubs: int) -> str:
    path = folder / "design.json"
    io.save(design, path, backup=False)
    out = subprocess.run([sys.executable, "-m", "advisor", "configs", "--vpn-hubs", str(hubs), "--site", site,
                          "-o", str(folder / "sketches"), str(path)], capture_output=True, text=True, cwd=ROOT,
                         check=False)
    assert out.returncode == 0, out.stderr
    return (folder / "sketches" / f"{site}.txt").read_text(encoding="utf-8")


def test_the_sketches_build_as_many_head_ends_as_the_bill_of_materials_counts(hub_window, qtbot, tmp_path):
    window = hub_window
    bom, config = window.bid.bom, window.bid.config
    window.docks["bom"].raise_()
    bom.hubs.setValue(4)
    hub_lines = [x for x in bom.items if x.category == "vpn"]
    assert sum(x.quantity for x in hub_lines) == 4  # what the bill of materials counts
    window.docks["configuration"].raise_()
    config.refresh(wait=True)
    spoke = window.document.design.sites[1].id
    config.show_site(spoke)
    text = config.current_text()
    # before: "one tunnel to each of the 2 head-ends", and Tunnel1 and Tunnel2 alone
    assert "each of the 4 head-ends" in text
    assert "interface Tunnel4" in text
    assert text.rstrip("\n") == _cli_sketch(window.document.design, tmp_path, spoke, 4).rstrip("\n")


def test_save_all_writes_the_head_ends_the_bill_of_materials_counts(hub_window, tmp_path, monkeypatch):
    window = hub_window
    window.bid.bom.hubs.setValue(3)  # the Configuration dock behind its tab: not refreshed on screen
    written = window.bid.config.save_all(tmp_path / "out")
    assert written
    spoke = window.document.design.sites[1].id
    saved = (tmp_path / "out" / f"{spoke}.txt").read_text(encoding="utf-8")
    assert "each of the 3 head-ends" in saved  # before: 2
    assert saved.rstrip("\n") == _cli_sketch(window.document.design, tmp_path, spoke, 3).rstrip("\n")
