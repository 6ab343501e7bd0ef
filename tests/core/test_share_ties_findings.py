"""A link's share in its finding rounds a half up, as the link table (`numbers.percent`) does: 1.0045 of the
capacity is 100.45 %, so 100.5 % in both, though the float 100.44999999999999 would print 100.4. The per-link loop
and the column-by-column path give the same texts."""

from __future__ import annotations

from advisor import numbers
from advisor.rules import bandwidth_columns
from advisor.rules.bandwidth import _share


def test_a_tie_rounds_up_in_the_findings_as_in_the_table():
    # 1.0045 × 100 = 100.45 exactly to the user; half up at one decimal: 100.5
    assert f"{1.0045 * 100:.1f}" == "100.4"  # what format alone printed
    assert _share(1.0045, 100.0) == "100.5 %" == f"{numbers.percent_value(1.0045)} %"
    # 1.9805 × 100 = 198.05: 198.1 (format alone: 198.0)
    assert _share(1.9805, 100.0) == "198.1 %" == f"{numbers.percent_value(1.9805)} %"


def test_the_column_path_settles_ties_as_the_loop_does():
    values = [1.0045, 1.9805, 1.25, 1.5, 1.0055] * 100  # ties among plain figures (findings of links above 100 %)
    got = bandwidth_columns.share_texts(values, 100.0, _share)
    assert got == [_share(v, 100.0) for v in values]
    assert got[:5] == ["100.5 %", "198.1 %", "125.0 %", "150.0 %", "100.6 %"]  # format alone: 100.4, 198.0 for the first two
