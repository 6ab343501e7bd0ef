"""The scenario form refuses a name that reads as another option's (an accent typed two ways, case, spacing, an
invisible character) or shows nothing: its message says why, Add stays disabled, the typed text stays in the box,
and the design does not change. An edit that keeps a scenario's own name in another case is no clash."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from advisor.commands import CommandError
from advisor.model import Scenario
from advisor.ui.bid.scenario_commands import AddScenario, ReplaceScenario
from advisor.ui.bid.scenario_form import ScenarioForm

NFC, NFD = "caf\u00e9", "cafe\u0301"  # one 'é' (U+00E9); 'e' then the combining acute accent (U+0301)
ALIKE = "names are told apart as they read: not by case, spacing, invisible characters or how an accent was typed"


@pytest.fixture
def doc(window):
    window.document.push(AddScenario(Scenario(name=NFC, codec="g729")))
    return window.document


@pytest.mark.parametrize("typed, problem", [
    (NFD, f"name: '{NFD}' reads the same as '{NFC}', the name of another scenario ({ALIKE}); choose another name"),
    ("CAF\u00c9", f"name: 'CAF\u00c9' reads the same as '{NFC}', the name of another scenario ({ALIKE}); choose "
                  "another name"),
    (NFC + "\u200b", f"name: '{NFC}\\u200b' reads the same as '{NFC}', the name of another scenario ({ALIKE}); "
                     "choose another name"),
    (NFC, f"name: a scenario is already called '{NFC}'"),
    ("\u200b", "name: '\\u200b' shows nothing (only spaces or invisible characters); give the scenario a name"),
    ("\u200b\u2060", "name: '\\u200b\\u2060' shows nothing (only spaces or invisible characters); give the scenario "
                     "a name"),
    ("   ", "name: give the scenario a name"),
    ("current DESIGN", "name: 'Current design' is the design itself; choose another name"),
])
def test_the_form_refuses_before_anything_changes_and_keeps_what_was_typed(doc, window, typed, problem):
    before, count = doc.design, doc.undo_stack.count()
    form = ScenarioForm(doc.design, window)
    ok = form.buttons.button(form.buttons.StandardButton.Ok)
    form.name.setText(typed)
    assert form.problem.text() == problem
    assert not ok.isEnabled()
    form.accept()  # Enter pressed anyway: the form stays open
    assert form.result() != QDialog.DialogCode.Accepted
    assert form.name.text() == typed  # nothing typed is lost
    form.name.setText("Lean " + typed)  # the user goes on typing: accepted once it reads as no other
    assert ok.isEnabled() and form.problem.text() == ""
    assert doc.design == before and doc.undo_stack.count() == count


def test_the_command_refuses_a_look_alike_name_too(doc):
    """Whatever builds the command (a script, a future dialog): the clash is refused, with no undo entry."""
    before, count = doc.design, doc.undo_stack.count()
    with pytest.raises(CommandError, match="reads the same as"):
        doc.push(AddScenario(Scenario(name=NFD, codec="g711")))
    assert doc.design == before and doc.undo_stack.count() == count


def test_a_scenario_may_be_renamed_to_its_own_name_in_another_form(doc):
    """Editing 'café' into 'Cafe\u0301' (its own name, written otherwise) clashes with no other scenario; the name
    is stored as typed."""
    form = ScenarioForm(doc.design, None, doc.design.scenarios[0])
    form.name.setText("Cafe\u0301")
    assert form.problem.text() == ""
    doc.push(ReplaceScenario(NFC, form.scenario()))
    assert [s.name for s in doc.design.scenarios] == ["Cafe\u0301"]
    form.deleteLater()


def test_the_offered_name_reads_as_no_other(window):
    """The form offers 'Option 2' for a design with one scenario; 'option\u00a02' (a no-break space) reads as it."""
    window.document.push(AddScenario(Scenario(name="option\u00a02")))
    form = ScenarioForm(window.document.design, window)
    assert form.name.text() == "Option 3" and form.problem.text() == ""
