"""Formula texts write their constants as every other figure is written, grouped: 'packets per second = 1,000 /
packetization (ms)', '/ 3,600' (seconds in an hour), as '1,544 kbps' is. Identifiers keep their digits: RFC 4303,
UDP port 4500, the router models 2801 … 3845."""

from __future__ import annotations

import re

from advisor import io
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
