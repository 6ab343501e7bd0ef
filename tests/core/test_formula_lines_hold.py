"""The worked formula of one call's bandwidth holds at the precision it shows (`packet_explain.formula_lines`, as
`advisor calc --explain`, the app's calculator, the PDF and the exercise keys print it):

- G.729 at 30 ms on Ethernet, 14 calls: "total = 34.93 kbps × 14 calls = 489.07 kbps", but 34.93 × 14 = 489.02
  (964 of 3,600 exercise keys had such a total); the rates multiplied bytes by a rounded 33.333 pps."""

from __future__ import annotations

import itertools
import re

import pytest

from advisor import packet
from advisor.packet_explain import formula_lines
from advisor.packet_spec import CallSpec


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def test_g723_at_30_ms_on_ethernet_by_hand():
    # By hand: 24 B payload + RTP 12 + UDP 8 + IP 20 = 64 B; + Ethernet 14 + FCS 4 = 82 B; 82 × 8 / 30 ms =
    # 21.8667 kbps per call; × 14 calls = 306.1333 kbps (21.87 × 14 would be 306.18).
    lines = formula_lines(packet.compute(CallSpec(codec="g723.1", ptime_ms=30, calls=14)))
    assert "kbps with layer 2 = 82 B × 8 / 30 ms = 21.87 kbps" in lines
    assert "total = 82 B × 8 × 14 calls / 30 ms = 306.13 kbps per direction" in lines


def test_a_rate_that_multiplies_out_keeps_its_short_form():
    # G.711 at 20 ms: 160 + 40 = 200 B, + 18 = 218 B; 218 × 8 × 50 / 1,000 = 87.2 kbps; × 3 = 261.6 kbps exactly
    lines = formula_lines(packet.compute(CallSpec(codec="g711", ptime_ms=20, calls=3)))
    assert "kbps with layer 2 = 218 B × 8 × 50 pps / 1,000 = 87.20 kbps" in lines
    assert "total = 87.20 kbps × 3 calls = 261.60 kbps per direction" in lines


@pytest.mark.parametrize(("codec", "ptime", "vpn"), list(itertools.product(
    ("g711", "g729", "g723.1", "ilbc-30", "g722"), (10, 20, 30, 40, 60), ("none", "ipsec", "dmvpn", "getvpn"))))
def test_every_rate_and_total_line_multiplies_out_as_shown(codec, ptime, vpn):
    for calls in (1, 7, 14, 333):
        try:
            result = packet.compute(CallSpec(codec=codec, ptime_ms=ptime, vpn=vpn, calls=calls))
        except ValueError:  # a packetization the codec does not take
            return
        for line in formula_lines(result):
            if m := re.fullmatch(r"kbps .* = ([\d,]+) B × 8 × ([\d.]+) pps / 1,000 = ([\d,.]+) kbps", line):
                size, pps, shown = _number(m[1]), float(m[2]), _number(m[3])
                assert round(size * 8 * pps / 1000, 2) == shown, line
            elif m := re.fullmatch(r"kbps .* = ([\d,]+) B × 8 / ([\d.]+) ms = ([\d,.]+) kbps", line):
                assert round(_number(m[1]) * 8 / float(m[2]), 2) == _number(m[3]), line
            elif m := re.fullmatch(r"total = ([\d,.]+) kbps × ([\d,]+) calls? = ([\d,.]+) kbps per direction", line):
                assert round(_number(m[1]) * _number(m[2]), 2) == _number(m[3]), line
            elif m := re.fullmatch(r"total = ([\d,]+) B × 8 × ([\d,]+) calls? / ([\d.]+) ms = ([\d,.]+) kbps per "
                                   r"direction", line):
                assert round(_number(m[1]) * 8 * _number(m[2]) / float(m[3]), 2) == _number(m[4]), line
            else:
                assert not line.startswith(("kbps", "total")), line
