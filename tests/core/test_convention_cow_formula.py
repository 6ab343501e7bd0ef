"""The clustering-over-the-WAN convention states the SRND formula with thousands grouped, in words that a grouped
figure cannot make ambiguous: "max(1,544, 1,000 × …)" would read as four arguments."""

from __future__ import annotations

import re
from pathlib import Path

from advisor import io
from advisor.analysis import analyse

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "two-dc-clustering-over-wan.json"


def test_cow_convention_groups_its_figures_and_names_each_term():
    text = analyse(io.load(EXAMPLE)).conventions["clustering over the wan"]
    # ICCS: the larger of the T1 floor and the BHCA term (Cisco SRND), database: 1,544 kbps per remote server
    assert "ICCS = the larger of 1,544 kbps and 1,000 × BHCA / 10,000 × (1 + 0.006 × RTT ms) kbps" in text
    assert "database replication = 1,544 kbps per server on the remote side" in text
    assert "max(" not in text
    assert not re.search(r"\b\d{4,}\b", text), text  # no figure of four digits or more left ungrouped
