"""Hostile input, round 50, on the command line: the same design's figures said alike by every output.

- `check` said "Findings: 126 errors, 54 warnings" above 186 findings (the 6 for information listed under their own
  heading), where the PDF says "186 findings: 126 errors, 54 warnings, 6 for information".
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))


def _number(text: str) -> int:
    return int(text.replace(",", ""))


@pytest.mark.parametrize("path", EXAMPLES[:4], ids=lambda p: p.stem)
def test_the_summary_line_counts_every_finding_check_lists(capsys, path):
    code, text, _err = _run(capsys, "check", path)
    assert code in (0, 1)
    code, raw, _err = _run(capsys, "check", path, "--json")
    findings = json.loads(raw)["findings"]
    [line] = [ln for ln in text.splitlines() if ln.startswith("Findings: ")]
    said = {word: _number(n) for n, word in re.findall(r"([\d,]+) (errors?|warnings?|for information)", line)}
    by_severity = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    assert said.get("errors", said.get("error")) == by_severity["error"], line
    assert said.get("warnings", said.get("warning")) == by_severity["warning"], line
    assert said.get("for information", 0) == by_severity["info"], line
    headed = sum(_number(n) for n in re.findall(r"^[A-Z]+ \(([\d,]+)\)$", text, re.M))
    assert headed == len(findings) == sum(said.values())

