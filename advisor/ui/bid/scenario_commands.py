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
from advisor.model import Design, Scenario
from advisor.validation import describe


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
    """The name cleaned of surrounding spaces; CommandError if it is empty or taken (other than by `keep`)."""
    name = name.strip()
    if not name:
        raise CommandError("name: give the scenario a name")
    if name.casefold() == scenarios.CURRENT.casefold():
        raise CommandError(f"name: '{scenarios.CURRENT}' is the design itself; choose another name")
    if any(s.name.casefold() == name.casefold() and s.name != keep for s in design.scenarios):
        raise CommandError(f"name: a scenario is already called '{name}'")
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
