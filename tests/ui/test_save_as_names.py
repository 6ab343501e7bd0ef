"""The name chosen in File ▸ Save As becomes a design file's name as a user expects: "plan." was saved as
"plan..json", "plan.json " (a trailing space) as "plan.json .json", and a root folder raised inside the slot."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.ui.files import design_path


@pytest.mark.parametrize("chosen, saved", [
    ("plan", "plan.json"), ("plan.", "plan.json"), ("plan..", "plan.json"), ("plan.json ", "plan.json"),
    ("plan.json", "plan.json"), ("Plan.JSON", "Plan.JSON"), ("plan.v2", "plan.v2.json"), ("my plan", "my plan.json"),
    (" .", "design.json"),
])
def test_the_name_chosen_is_saved_with_one_json_ending(tmp_path, chosen, saved):
    assert design_path(str(tmp_path / chosen)) == tmp_path / saved


def test_a_root_folder_gets_a_name():
    assert design_path("/") == Path("/design.json")
