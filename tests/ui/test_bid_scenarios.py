"""The Scenarios dock: the table equals `advisor compare` (the same measures, the same numbers), each edit is one
undo entry, "make current" puts a scenario's policies into the design and undo restores the design's own exactly.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QDialog

from advisor import bom, io, numbers, scenarios
from advisor.analysis import analyse
from advisor.model import Scenario
from advisor.scenarios import comparison_rows as compare_rows
from advisor.ui.bid.scenario_commands import AddScenario
from advisor.ui.bid.scenario_form import ScenarioForm

ROOT = Path(__file__).resolve().parents[2]
# Per call on Ethernet inside GET VPN (AES-CBC, HMAC-SHA1-96, tunnel mode), 20 ms packets, worked by hand in
# tests/core/test_scenarios.py: G.711 200 B IP packet -> 282 B frame -> 112.8 kbps; G.729 60 B -> 138 B -> 55.2 kbps.
G711_GETVPN_KBPS, G729_GETVPN_KBPS = 112.8, 55.2


@pytest.fixture
def panel(window, qtbot):
    window.docks["scenarios"].show()
    window.docks["scenarios"].raise_()
    p = window.bid.scenarios
    qtbot.waitUntil(lambda: p.up_to_date(), timeout=10_000)
    return p


def _settle(panel, qtbot) -> None:
    qtbot.waitUntil(lambda: panel.up_to_date(), timeout=10_000)


def _accepting(form: ScenarioForm) -> ScenarioForm:
    form.exec = lambda: QDialog.DialogCode.Accepted  # the user pressed Add / Save
    return form


def _set(form: ScenarioForm, field: str, value) -> None:
    editor = form.editors[field]
    editor.set(value)
    form._check()


def _table(panel) -> list[list[str]]:
    t = panel.model.table
    return [[label, *row] for label, row in zip(t.row_labels, t.rows, strict=True)]


def test_adding_a_scenario_is_one_undo_entry_and_the_table_equals_compare(window, panel, qtbot):
    doc = window.document
    form = _accepting(ScenarioForm(doc.design, panel))
    form.name.setText("G.729")
    _set(form, "codec", "g729")
    assert form.buttons.button(form.buttons.StandardButton.Ok).isEnabled()
    count = doc.undo_stack.count()
    panel.add(form)
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Add scenario “G.729”"
    assert doc.design.scenarios == (Scenario(name="G.729", codec="g729"),)
    _settle(panel, qtbot)
    design = doc.design
    expected = compare_rows(scenarios.compare(design, design.scenarios, analyse, bom=bom.quantities), design)
    header, body = expected
    assert panel.model.table.columns == header[1:] == ["Current design", "G.729"]
    assert _table(panel) == [list(r) for r in body]
    assert panel.selected_name() == "G.729"  # the new column is selected


def test_the_numbers_are_those_of_advisor_compare_and_of_the_hand_figures(window, panel, qtbot, tmp_path):
    doc = window.document
    doc.push(AddScenario(Scenario(name="G.729", codec="g729")))
    _settle(panel, qtbot)
    path = tmp_path / "design.json"
    io.save(doc.design, path)
    proc = subprocess.run([sys.executable, "-m", "advisor", "compare", str(path), "--json"], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    cli = json.loads(proc.stdout)["scenarios"]
    table = dict((row[0], row[1:]) for row in _table(panel))
    assert table["total WAN load (kbps)"] == [numbers.kbps_value(s["wan_kbps"]) for s in cli]
    assert table["hub links load (kbps)"] == [numbers.kbps_value(s["hub_link_kbps"]) for s in cli]
    assert table["errors"] == [str(s["errors"]) for s in cli]
    assert table["key servers"] == [str(s["key_servers"]) for s in cli]  # GET VPN: two cooperative key servers
    assert table["key servers"] == ["2", "2"]
    # By hand: the hub link carries the same calls with either codec (the Link sizing table's figure), so G.729
    # takes 112.8 - 55.2 = 57.6 kbps less per call on it.
    hub_link = next(x for x in doc.results.links if x.id == "link-1")
    assert hub_link.per_call_kbps == pytest.approx(G711_GETVPN_KBPS)
    saved = hub_link.calls * (G711_GETVPN_KBPS - G729_GETVPN_KBPS)
    assert cli[1]["hub_link_kbps"] == pytest.approx(cli[0]["hub_link_kbps"] - saved, abs=0.01)
    # a figure that differs from the current design's is bold; the VPN technology (the same) is not
    t = panel.model.table
    wan = t.row_labels.index("total WAN load (kbps)")
    assert (wan, 1) in t.bold and (t.row_labels.index("VPN technology"), 1) not in t.bold


def test_edit_and_delete_are_undoable(window, panel, qtbot):
    doc = window.document
    doc.push(AddScenario(Scenario(name="G.729", codec="g729")))
    _settle(panel, qtbot)
    panel.select("G.729")
    form = _accepting(ScenarioForm(doc.design, panel, doc.design.scenarios[0]))
    assert form.editors["codec"].value() == "g729"
    form.name.setText("G.729, DMVPN")
    _set(form, "technology", "dmvpn")
    panel.edit(form)
    assert doc.design.scenarios == (Scenario(name="G.729, DMVPN", codec="g729", technology="dmvpn"),)
    _settle(panel, qtbot)
    assert panel.model.table.columns == ["Current design", "G.729, DMVPN"]
    panel.select("G.729, DMVPN")
    panel.delete()
    assert doc.design.scenarios == ()
    doc.undo_stack.undo()
    assert doc.design.scenarios[0].name == "G.729, DMVPN"
    doc.undo_stack.undo()
    assert doc.design.scenarios == (Scenario(name="G.729", codec="g729"),)


def test_make_current_is_one_undo_entry_and_undo_restores_the_policies_exactly(window, panel, qtbot):
    doc = window.document
    doc.push(AddScenario(Scenario(name="Lean", codec="g729", ptime_ms=40.0, technology="dmvpn", cipher="aes-gcm",
                                  srtp="sha1-32", gos=0.005, calls_per_user=3.0)))
    _settle(panel, qtbot)
    before = doc.design
    panel.select("Lean")
    assert panel.buttons["current"].isEnabled()
    count = doc.undo_stack.count()
    panel.buttons["current"].click()
    assert doc.undo_stack.count() == count + 1
    after = doc.design
    assert (after.voice.codec, after.voice.ptime_ms, after.voice.srtp) == ("g729", 40.0, "sha1-32")
    assert (after.vpn.technology, after.vpn.cipher) == ("dmvpn", "aes-gcm")
    assert (after.traffic.gos, after.traffic.calls_per_user) == (0.005, 3.0)
    assert after.sites == before.sites and after.links == before.links and after.scenarios == before.scenarios
    # what the scenario does not set stays the design's own
    assert after.voice.signalling == before.voice.signalling and after.traffic.llq_share == before.traffic.llq_share
    doc.undo_stack.undo()
    assert doc.design == before
    assert (doc.design.voice, doc.design.vpn, doc.design.traffic) == (before.voice, before.vpn, before.traffic)
    doc.undo_stack.redo()
    assert doc.design == after
    _settle(panel, qtbot)
    # the current design now has the option's policies: its column and the option's agree
    t = panel.model.table
    wan = t.row_labels.index("total WAN load (kbps)")
    assert t.rows[wan][0] == t.rows[wan][1]


def test_the_form_refuses_what_makes_no_valid_design(window, panel):
    doc = window.document
    doc.push(AddScenario(Scenario(name="Taken")))
    form = ScenarioForm(doc.design, panel)
    ok = form.buttons.button(form.buttons.StandardButton.Ok)
    form.name.setText("Taken")
    assert not ok.isEnabled() and "already called 'Taken'" in form.problem.text()
    form.name.setText("taken")  # upper and lower case aside, the same name
    assert not ok.isEnabled() and "'taken' reads the same as 'Taken'" in form.problem.text()
    form.name.setText("Odd")
    _set(form, "codec", "g729")
    _set(form, "ptime_ms", 25.0)  # G.729 frames are 10 ms: 25 ms is not a whole number of them
    assert not ok.isEnabled() and "scenario 'Odd'" in form.problem.text()
    _set(form, "ptime_ms", 30.0)
    assert ok.isEnabled() and form.problem.text() == ""
    assert form.scenario() == Scenario(name="Odd", codec="g729", ptime_ms=30.0)


def test_hybrid_wans_get_a_choice_per_transport(window, qtbot):
    design = io.load(ROOT / "resources" / "examples" / "hq-40-branches-internet.json")
    from advisor.model import Cloud

    hybrid = design.model_copy(update={"clouds": (*design.clouds, Cloud(id="mpls-x", name="MPLS", kind="mpls"))})
    form = ScenarioForm(hybrid)
    assert {"transport:mpls", "transport:internet"} <= set(form.editors)
    _set(form, "transport:internet", "dmvpn")
    _set(form, "transport:mpls", "getvpn")
    assert form.scenario().transports == {"mpls": "getvpn", "internet": "dmvpn"}
    assert "transport:mpls" not in ScenarioForm(design).editors  # one transport: the whole-WAN choice suffices


def test_export_writes_the_comparison(window, panel, qtbot, tmp_path):
    window.document.push(AddScenario(Scenario(name="G.729", codec="g729")))
    _settle(panel, qtbot)
    target = tmp_path / "options.xlsx"
    assert panel.export(str(target)) == str(target)
    sheet = openpyxl.load_workbook(target)["Options compared"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == f"Options compared: {window.document.design.name}"
    assert values[1] == ["measure", "Current design", "G.729"]
    header, body = compare_rows(panel.outcomes, panel.design, raw=True)
    assert values[2:] == [list(r) for r in body]


def test_computing_is_shown_while_it_runs(window, panel, qtbot):
    started = []
    panel.runner.started.connect(lambda: started.append(panel.status.text()))
    window.document.push(AddScenario(Scenario(name="G.729", codec="g729")))
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    assert started[0] == "computing…"
    _settle(panel, qtbot)
    assert "1 option compared" in panel.status.text()


def test_a_scenario_broken_by_a_later_edit_is_left_out_and_named(window, panel, qtbot):
    from advisor.commands import SetFields

    doc = window.document
    doc.push(AddScenario(Scenario(name="30 ms", ptime_ms=30.0)))  # whole G.711 frames (10 ms)
    doc.push(AddScenario(Scenario(name="20 ms", ptime_ms=20.0)))
    # G.723.1 frames are 30 ms: 30 ms packets still hold whole frames, 20 ms packets no longer do
    doc.push(SetFields("design.voice", {"codec": "g723.1-6.3", "ptime_ms": None}))
    _settle(panel, qtbot)
    # the left-out option keeps a column of its own (no figures), so it can still be edited or deleted
    assert panel.model.table.columns == ["Current design", "30 ms", "20 ms"]
    assert "Left out: scenario '20 ms'" in panel.status.text()


def test_an_option_at_its_codecs_default_packetization_says_why_in_its_tip(window, panel, qtbot):
    doc = window.document
    drawn = doc.design.model_copy(update={"voice": doc.design.voice.model_copy(update={"ptime_ms": 20.0})})
    doc.reset(drawn)
    doc.push(AddScenario(Scenario(name="G.723.1", codec="g723.1-6.3")))  # 30 ms frames: 20 ms packets do not fit
    _settle(panel, qtbot)
    table = panel.model.table
    r = table.row_labels.index("packetization (ms)")
    assert table.rows[r] == ["20", "30 (codec's default; 20 ms does not fit its frames)"]
    assert (r, 1) in table.bold  # differs from the current design
    assert "not a whole number of its frames" in table.row_tips[r]
    assert table.tips[(r, 1)].startswith("G.723.1, packetization (ms): 30 (codec's default; 20 ms does not fit")


def test_undo_that_removes_the_selected_option_disables_its_buttons_at_once(window, panel, qtbot):
    doc = window.document
    form = _accepting(ScenarioForm(doc.design, panel))
    form.name.setText("G.729")
    _set(form, "codec", "g729")
    panel.add(form)
    _settle(panel, qtbot)
    assert panel.selected_name() == "G.729" and panel.buttons["delete"].isEnabled()
    doc.undo_stack.undo()  # the option is gone; the comparison has not come back yet
    assert not any(panel.buttons[k].isEnabled() for k in ("edit", "delete", "current"))
