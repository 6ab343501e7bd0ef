"""A share above its limit by less than the four decimals the findings show still reads above it."""

from __future__ import annotations

import pytest

from advisor import numbers


@pytest.mark.parametrize(("share", "limit", "shown"), [
    # 0.3300001 × 100 = 33.00001: four decimals read "33.0000", equal to the limit; five show the excess
    (0.3300001, 0.33, "33.00001"),
    # the next float above 1.0 is 1 + 2**-52 = 1.0000000000000002; × 100, written exactly: 100.00000000000002
    (1.0000000000000002, 1.0, "100.00000000000002"),
    # 10 × over: grouped by thousands like every other percent from 1,000 up
    (10.0000001, 10.0, "1,000.00001"),
])
def test_a_share_above_its_limit_by_a_hair_reads_above_it(share, limit, shown):
    text = numbers.percent_beside(share, limit)
    assert text == shown
    assert float(text.replace(",", "")) > limit * 100


@pytest.mark.parametrize(("share", "limit", "shown"), [
    (0.33, 0.33, "33.0"),  # at the limit: one decimal, as before
    (0.3299999, 0.33, "33.0"),  # below by a hair: reads at the limit, never above it
])
def test_a_share_at_or_below_its_limit_keeps_one_decimal(share, limit, shown):
    assert numbers.percent_beside(share, limit) == shown
