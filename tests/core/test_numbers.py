"""One rounding rule for every printed figure (advisor.numbers); expected strings written by hand."""

from advisor import numbers


def test_kbps_thousands_and_two_decimals():
    assert numbers.kbps_value(388.675) in ("388.68", "388.67")  # binary float; the format rounds the stored value
    assert numbers.kbps(2086.29) == "2,086.29 kbps"
    assert numbers.kbps_value(20000) == "20,000.00"


def test_huge_rates_use_si_units():
    # 1e12 calls x 31.2 kbps = 3.12e13 kbps = 3.12e16 bps = 31.2 Pbps
    assert numbers.kbps(31_200_000_000_000.0) == "31.2 Pbps"
    assert numbers.si_bps(2_048_000) == "2.05 Mbps"
    assert numbers.si_bps(999) == "999 bps"


def test_percent_one_decimal():
    # 388.68 / 2048 = 0.18978... -> 19.0 %
    assert numbers.percent(388.68 / 2048) == "19.0 %"
    assert numbers.percent(13.159) == "1,315.9 %"


def test_erlangs_and_counts():
    assert numbers.erlangs(1.965) == "1.965 E"
    assert numbers.erlangs(1e6) == "1,000,000 E"


def test_tiny_traffic_keeps_three_significant_digits():
    # 1 user × 1 call/h × 1.5 s / 3600 = 0.000416666… E: three decimals would read "0.000 E", as if none were offered
    assert numbers.erlangs(1 * 1 * 1.5 / 3600) == "0.000417 E"
    assert numbers.erlangs(0.0004) == "0.0004 E"
    assert numbers.erlangs(0.0005) == "0.001 E"  # three decimals from here on (0.0005 is stored a hair above it)
    assert numbers.erlangs(0.00009999) == "0.0001 E"  # rounds up across a power of ten: still 3 digits at most
    assert numbers.erlangs(1e-9) == "0.000000001 E"
    assert numbers.erlangs(1e-300) == "less than 0.000000001 E"
    assert numbers.erlangs(0.0) == "0.000 E"  # none offered: said as zero
    assert numbers.count(40000) == "40,000"


def test_non_finite_never_raises():
    assert numbers.kbps(float("inf")) == "inf kbps"
    assert numbers.percent(float("nan")) == "nan %"


def test_probability_four_significant_digits_never_exponent():
    assert numbers.probability(0.01) == "1 %"
    assert numbers.probability(0.0005) == "0.05 %"
    assert numbers.probability(0.004398) == "0.4398 %"
    assert numbers.probability(1e-14) == "less than 0.000000001 %"
    assert numbers.probability(0.0) == "0 %"


def test_first_names_then_how_many_more():
    from advisor.numbers import first_and_more

    names = [f"Branch {i}" for i in range(10_002)]
    assert first_and_more(iter(names), len(names), 2) == "Branch 0, Branch 1 and 10,000 more"
    assert first_and_more(names[:3], 3, 3) == "Branch 0, Branch 1, Branch 2"  # all shown: nothing counted
    assert first_and_more([], 0, 5) == ""
