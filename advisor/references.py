"""Internal references a reader has no use for: rule ids ("[BW-R1]", "(VPN-R3)", "SEC-R3: " at the head of a
text) and limit-table file names ("[signalling.json]"). One set of patterns for the explanations
(`advisor.explain`) and the customer document (`advisor.report.wording`, which rewords more)."""

from __future__ import annotations

import re

RULE = r"[A-Z]{2,4}-[RC]\d*[a-z]?\b"  # VPN-R1, DEP-R16, VPN-R, VPN-C2; never a finding code (VPN-RECOMMENDATION)
INTERNAL = (
    re.compile(rf"\s*\[{RULE}(?:\s*[,;/]\s*{RULE})*\]"),  # " [SEC-R8]", " [BW-R1, BW-R2]"
    re.compile(rf"\s*\({RULE}(?:\s*[,;/]\s*{RULE})*\)"),  # " (VPN-R3)"
    re.compile(rf"\b{RULE}:\s*"),  # "SEC-R3: Mlakar…" at the head of a rationale
    re.compile(r"\s*\[[\w.-]+\.json\]"),  # " [signalling.json]": a limit table's file
)


_ANY = re.compile(rf"{RULE}|\.json\]")  # what every pattern above needs somewhere in the text


def strip_internal(text: str) -> str:
    """`text` without rule ids and limit-table file names. Most texts hold neither: one search tells (the bill of
    materials asks for 45,000 at 10,000 sites)."""
    if _ANY.search(text) is None:
        return text
    for pattern in INTERNAL:
        text = pattern.sub("", text)
    return text
