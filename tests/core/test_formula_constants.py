"""Formula texts write their constants as every other figure is written, grouped: 'packets per second = 1,000 /
packetization (ms)', '/ 3,600' (seconds in an hour), as '1,544 kbps' is. Identifiers keep their digits: RFC 4303,
UDP port 4500, the router models 2801 … 3845."""

from __future__ import annotations

import re

import pytest

from advisor import io, numbers
from advisor.exercises.reference import reference
from advisor.explain import Context, explain_site

EXAMPLE = "resources/examples/hq-12-branches-mpls.json"
TOPICS = {"packet", "erlang", "link", "vpn", "deployment", "flaws"}
# four digits or more, not part of a grouped figure or a decimal
UNGROUPED = re.compile(r"(?<![\d,.])\d{4,}(?![\d,])")
IDENTIFIERS = re.compile(r"RFC \d+|UDP \d+|\b(2801|2811|2821|2851|3825|3845)\b|802\.1Q")


def test_the_reference_card_writes_its_constants_grouped():
    lines = [line for _title, group in reference(TOPICS) for line in group]
    text = "\n".join(lines)
    assert "packets per second = 1,000 / packetization (ms)" in text
    assert "kbps per call per direction = frame bytes × 8 × packets per second / 1,000" in text
    assert "busy-hour traffic (Erlangs) = users × calls per user per hour × holding time (s) / 3,600" in text
    assert UNGROUPED.findall(IDENTIFIERS.sub("", text)) == []


def test_a_sites_erlangs_are_explained_with_the_hour_grouped():
    """Headquarters of the example: 600 users × 2 calls/h × 180 s / 3,600 s per hour = 60 E."""
    design = io.load(EXAMPLE)
    line = explain_site(Context.of(design), "hq", "erlangs")[0].lines[0]
    assert line.startswith("A = 600 users × 2 calls/h × 180 s / 3,600 = 60.000 E")


@pytest.mark.parametrize(("value", "plain", "grouped"), [
    (180.0, "180", "180"), (3600.0, "3600", "3,600"), (1234567.0, "1234570", "1,234,570"),
    (36000.5, "36000.5", "36,000.5"), (-2500.25, "-2500.25", "-2,500.25"), (999.9, "999.9", "999.9"),
    (5e-15, "5 × 10⁻¹⁵", "5 × 10⁻¹⁵"),
])
def test_a_setting_in_prose_groups_its_whole_digits(value, plain, grouped):
    # a field's text stays plain (the user edits it); a sentence prints it as every other figure, grouped
    assert numbers.setting(value) == plain
    assert numbers.setting(value, grouped=True) == grouped


def test_an_hour_long_holding_time_reads_grouped_beside_its_constant():
    from advisor.rules.traffic_checks import _per_user

    # 2 calls/h × 3,600 s / 3,600 = 2 E per user; 1,500 calls/h × 2 s / 3,600 = 0.8333 E
    assert _per_user(2 * 3600 / 3600, 2, 3600) == "2 E per user (2 calls/h × 3,600 s / 3,600)"
    assert _per_user(1500 * 2 / 3600, 1500, 2).endswith("(1,500 calls/h × 2 s / 3,600)")
