"""Scenario edits as intents (``text`` and ``apply(design) -> Design``), each one undo entry in the app.

Add, replace and delete change `Design.scenarios` only; "make current" puts a scenario's policies into the design
(``advisor.scenarios.apply``) and leaves the topology and the scenario list as they are. Never merged with one
another: two additions are two undo entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import ValidationError

from advisor import scenarios
from advisor.commands import CommandError
from advisor.io_errors import short
from advisor.model import Design, Scenario
from advisor.validation import ALIKE, describe, reading_key


def _with_scenarios(design: Design, chosen: tuple[Scenario, ...]) -> Design:
    try:
        return Design.model_validate({**dict(design), "scenarios": chosen})
    except ValidationError as exc:
        raise CommandError("; ".join(describe(exc))) from None


def _index(design: Design, name: str) -> int:
    for i, s in enumerate(design.scenarios):
        if s.name == name:
            return i
    raise CommandError(f"scenario '{name}': not in the design")


def check_name(design: Design, name: str, keep: str | None = None) -> str:
    """The name cleaned of surrounding spaces; CommandError if it shows nothing or reads as the design's own column
    or another scenario's name (other than `keep`'s), as the design file's own check compares names
    (`validation.reading_key`: case, spacing, invisible characters and an accent typed two ways aside)."""
    name = name.strip()
    if not name:
        raise CommandError("name: give the scenario a name")
    key = reading_key(name)
    if not key:
        raise CommandError(f"name: '{short(name)}' shows nothing (only spaces or invisible characters); give the "
                           "scenario a name")
    if key == reading_key(scenarios.CURRENT):
        raise CommandError(f"name: '{scenarios.CURRENT}' is the design itself; choose another name")
    for s in design.scenarios:
        if s.name != keep and reading_key(s.name) == key:
            if s.name == name:
                raise CommandError(f"name: a scenario is already called '{short(name)}'")
            raise CommandError(f"name: '{short(name, 40)}' reads the same as '{short(s.name, 40)}', the name of "
                               f"another scenario ({ALIKE}); choose another name")
    return name


@dataclass(frozen=True)
class AddScenario:
    scenario: Scenario

    @property
    def text(self) -> str:
        return f"Add scenario “{self.scenario.name}”"

    def apply(self, design: Design) -> Design:
        check_name(design, self.scenario.name)
        scenarios.apply(design, self.scenario)  # a scenario that makes no valid design is refused here
        return _with_scenarios(design, (*design.scenarios, self.scenario))


@dataclass(frozen=True)
class ReplaceScenario:
    """Edit: the scenario called `name` becomes `scenario` (renamed too, if its name differs), in place."""

    name: str
    scenario: Scenario

    @property
    def text(self) -> str:
        return f"Edit scenario “{self.scenario.name}”"

    def apply(self, design: Design) -> Design:
        index = _index(design, self.name)
        check_name(design, self.scenario.name, keep=self.name)
        scenarios.apply(design, self.scenario)
        chosen = list(design.scenarios)
        chosen[index] = self.scenario
        return _with_scenarios(design, tuple(chosen))


@dataclass(frozen=True)
class DeleteScenario:
    name: str

    @property
    def text(self) -> str:
        return f"Delete scenario “{self.name}”"

    def apply(self, design: Design) -> Design:
        index = _index(design, self.name)
        return _with_scenarios(design, design.scenarios[:index] + design.scenarios[index + 1:])


@dataclass(frozen=True)
class MakeCurrent:
    """The design takes the scenario's policies (codec, packetization, VPN, cipher, SRTP, cRTP, grade of service,
    busy-hour calls); the sites, links and scenarios stay."""

    name: str

    @property
    def text(self) -> str:
        return f"Make scenario “{self.name}” current"

    def apply(self, design: Design) -> Design:
        scenario = design.scenarios[_index(design, self.name)]
        try:
            changed = scenarios.apply(design, scenario)
        except scenarios.ScenarioError as exc:
            raise CommandError(str(exc)) from None
        try:  # apply() copies without validating the whole design: the cross-checks run here
            return Design.model_validate(dict(changed))
        except ValidationError as exc:
            raise CommandError("; ".join(describe(exc))) from None
