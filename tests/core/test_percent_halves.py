"""Percent figures exactly halfway round up, on the decimal the user would work by hand, in every percent helper of
`advisor.numbers`; figures off the half print as before. Each expected value is worked by hand in its comment."""

from __future__ import annotations

import pytest

from advisor import numbers


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        # 0.0015 × 100 = 0.15 exactly; halfway between 0.1 and 0.2 → up → 0.2 (floats give 0.15000000000000002
        # or 0.1499999999999999 depending on the path, and format used to print "0.1")
        (0.0015, "0.2"),
        # 0.0025 × 100 = 0.25; halfway between 0.2 and 0.3 → 0.3 (half to even printed "0.2")
        (0.0025, "0.3"),
        # 1.9805 × 100 = 198.05; halfway between 198.0 and 198.1 → 198.1 (the float printed "198.0")
        (1.9805, "198.1"),
        # 1.9825 × 100 = 198.25 → 198.3
        (1.9825, "198.3"),
        # 1.9875 × 100 = 198.75 → 198.8 (here the float happened to round up already)
        (1.9875, "198.8"),
        # 795 / 400 = 1.9875, a share worked out by division: still 198.75 → 198.8
        (795 / 400, "198.8"),
        # 12.3455 × 100 = 1,234.55 → 1,234.6, with the thousands separator
        (12.3455, "1,234.6"),
    ],
)
def test_percent_value_halves_round_up(share, expected):
    assert numbers.percent_value(share) == expected
    assert numbers.percent(share) == f"{expected} %"


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        # 1.98745 × 100 = 198.745: below the half of 198.7–198.8 → 198.7 (not a tie: stays down)
        (1.98745, "198.7"),
        # 0.18978 × 100 = 18.978 → 19.0
        (0.18978, "19.0"),
        # 388.68 / 2048 = 0.18978515625 → 18.978515625 % → 19.0
        (388.68 / 2048, "19.0"),
        # 0.00149 × 100 = 0.149 → 0.1
        (0.00149, "0.1"),
        # 13.159 × 100 = 1,315.9 exactly one decimal → 1,315.9
        (13.159, "1,315.9"),
    ],
)
def test_percent_value_off_the_half_unchanged(share, expected):
    assert numbers.percent_value(share) == expected


def test_setting_percent_and_share_halves_round_up():
    # 0.0015 → 0.15 % → one decimal: 0.2 (the '%' format printed "0.1%")
    assert numbers.setting_percent(0.0015) == "0.2%"
    assert numbers.setting_share(0.0015) == "0.2 %"
    # 0.325 with no decimal: 32.5 % → 33 % (half to even printed "32%")
    assert numbers.setting_percent(0.325, decimals=0) == "33%"
    # 0.335 with no decimal: 33.5 % → 34 % (the float 0.335 is 0.33500000000000001998…, printed "34%" already)
    assert numbers.setting_percent(0.335, decimals=0) == "34%"
    # 0.33 with no decimal: 33 % exactly
    assert numbers.setting_percent(0.33, decimals=0) == "33%"


def test_probability_halves_round_up():
    # 0.0043985 × 100 = 0.43985 %; four significant digits → 0.4398|5 → up → 0.4399 (the float 0.43984999999999996
    # printed "0.4398")
    assert numbers.probability(0.0043985) == "0.4399 %"
    # 0.004398 × 100 = 0.4398 % → 0.4398 (not a tie)
    assert numbers.probability(0.004398) == "0.4398 %"
    # 0.0015 × 100 = 0.15 % → four significant digits → 0.1500 → trailing zeros dropped → 0.15
    assert numbers.probability(0.0015) == "0.15 %"


def test_percent_beside_halves_round_up_at_every_decimal():
    # 0.330465 against 0.33: 33.0465 %; one decimal 33.0 reads at the limit, two 33.05 (33.04|65 → 33.05), above
    assert numbers.percent_beside(0.330465, 0.33) == "33.05"
    # 0.3300005 against 0.33: 33.00005 %; 33.0, 33.00, 33.000 read at the limit; four decimals: 33.0000|5 → up →
    # 33.0001, above (the float 33.000049999999994 printed "33.0000", then the exact decimal fallback)
    assert numbers.percent_beside(0.3300005, 0.33) == "33.0001"


def test_huge_and_odd_shares_still_print():
    # beyond a float's precision the digits are the float's own, as before: 10^13 × 100 = 10^15
    assert numbers.percent_value(1e13) == "1,000,000,000,000,000.0"
    # × 100 overflows a float: "inf", never a crash
    assert numbers.percent_value(1e307) == "inf"
    assert numbers.probability(1e307) == "inf %"
    assert numbers.percent_value(float("nan")) == "nan"
    # a negative tie rounds away from zero as a hand would: -0.0015 → -0.15 % → -0.2
    assert numbers.percent_value(-0.0015) == "-0.2"
