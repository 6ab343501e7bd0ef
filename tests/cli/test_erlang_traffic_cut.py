"""The most traffic a number of trunks carries is shown cut, never rounded up:

- `advisor erlang --trunks 30 --gos 0.02` answered "carry 21.932 E", and 21.932 E on 30 trunks blocks 2.0003 %,
  more than the 2 % asked for (the exact root is 21.931565 E); its worked explanation checked the recurrence at
  21.931565 E while printing 21.932."""

from __future__ import annotations

from advisor import numbers
from advisor.explain import erlang as explain_erlang
from tests.cli.inprocess import run


def _blocking(a: float, n: int) -> float:  # the recurrence, written here: B(0) = 1, B(k) = A·B / (k + A·B)
    b = 1.0
    for k in range(1, n + 1):
        b = a * b / (k + a * b)
    return b


def test_the_answer_is_cut_to_stay_within_the_grade_of_service(capsys):
    code, out, _err = run(capsys, "erlang", "--trunks", "30", "--gos", "0.02")
    assert code == 0
    assert out.strip() == "30 trunks at 2 % blocking carry 21.931 E"
    assert _blocking(21.931, 30) <= 0.02 < _blocking(21.932, 30)


def test_the_explanation_checks_the_figure_it_shows():
    e = explain_erlang.traffic(30, 0.02)
    assert e.result.text == "21.931 E"
    assert any("shown rounded down, 21.931 E" in line for line in e.lines)
    assert any(line.startswith("check, the recurrence at A = 21.931 E") for line in e.lines)


def test_small_and_large_figures_are_cut_too():
    assert numbers.erlangs_at_most(0.0009999) == "0.000999 E"  # erlangs() reads "0.001 E"
    assert numbers.erlangs_at_most(12_345.9) == "12,345 E"
    assert numbers.erlangs_at_most(8.108042797178461) == "8.108 E"
