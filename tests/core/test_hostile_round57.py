"""Round 57 of the hostile-input hunt, the scenario machinery: the options `advisor compare --vary` makes. Each
defect found, as the short sequence that shows it.

- `--vary ptime=20%` was read as 0.2 ms and `calls=50%` as 0.5 calls per user: every '%' was divided by 100,
  where only a share (the grade of service) is a fraction a percent can name.
- `gos=1%%` was read as 1 % (every trailing '%' was stripped).
- `gos=0,1e-400` was refused as "0 and 1e-400 name the same value" (both read as the float 0): 1e-400 is a number
  of its own, refused as too close to 0 on the command line.
"""

from __future__ import annotations

import pytest

from advisor import scenarios


def _made(*items: str):
    return scenarios.scenarios_from_vary(scenarios.parse_vary(list(items)))


@pytest.mark.parametrize("item, words", [
    ("ptime=20%", "--vary ptime=20%: packetization is a time in milliseconds, not a percent: write it without '%'"),
    ("ptime=20 %", "--vary ptime=20 %: packetization is a time in milliseconds, not a percent"),
    ("calls=50%", "--vary calls=50%: busy-hour calls per user is a number of calls such as 0.5 or 2, not a percent"),
    ("crtp=2%", "--vary crtp=2%: cRTP is a header size in bytes (0, 2 or 4), not a percent"),
])
def test_a_percent_is_refused_for_what_is_no_share(item, words):
    # before: ptime=20% made a scenario of 0.2 ms, calls=50% one of 0.5 calls per user
    with pytest.raises(scenarios.ScenarioError) as refused:
        _made(item)
    assert str(refused.value) == words or str(refused.value).startswith(words)


@pytest.mark.parametrize("item, gos", [
    ("gos=1%", 0.01),       # 1 / 100
    ("gos=0.5%", 0.005),    # 0.5 / 100
    ("gos=0.02", 0.02),     # a fraction as written
])
def test_the_grade_of_service_still_takes_a_percent(item, gos):
    (made,) = _made(item)
    assert made.gos == pytest.approx(gos, rel=1e-15)


def test_a_percent_sign_twice_is_no_number():
    with pytest.raises(scenarios.ScenarioError, match=r"'1%%' is not a number"):
        _made("gos=1%%")  # before: 1 % (rstrip took both signs)


@pytest.mark.parametrize("item", ["gos=0,1e-400", "ptime=20,20.000000000000000000001", "calls=1,1.0000000000000000001"])
def test_values_that_differ_as_written_are_not_the_same_option(item):
    # before: compared as floats, 'gos=0,1e-400' was "0 and 1e-400 name the same value"; each value's own check
    # says what is wrong with it (1e-400: too close to 0 to read exactly, on the command line)
    assert [len(values) for _key, values in scenarios.parse_vary([item])] == [2]


@pytest.mark.parametrize("item, words", [
    ("ptime=20,2e1", "20 and 2e1 name the same value"),
    ("gos=1%,0.01", "1% and 0.01 name the same value"),
    ("gos=0.010,1e-2", "0.010 and 1e-2 name the same value"),
    ("crtp=2,2.0", "2 and 2.0 name the same value"),
    ("gos=0,-0", "0 and -0 name the same value"),
])
def test_two_spellings_of_one_value_are_still_one_option(item, words):
    with pytest.raises(scenarios.ScenarioError, match=words):
        scenarios.parse_vary([item])


def test_the_vary_options_are_still_known_by_the_scenarios_module():
    # split into advisor.scenario_options; callers (the command line, tests) still find them in advisor.scenarios
    from advisor import scenario_options

    for name in ("VARY_KEYS", "TRANSPORTS", "ScenarioError", "parse_vary", "scenarios_from_vary", "percent_problem"):
        assert getattr(scenarios, name) is getattr(scenario_options, name)


@pytest.mark.parametrize("item, crtp", [("crtp=2.0", 2), ("crtp=2e0", 2), ("crtp=4", 4), ("crtp=-0", 0)])
def test_crtp_reads_a_whole_number_as_the_command_line_does(item, crtp):
    # before: '2.0' stayed text and was refused as "must be one of 0, 2 or 4" (`calc --crtp 2.0` takes it)
    (made,) = _made(item)
    assert made.crtp == crtp
