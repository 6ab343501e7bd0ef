"""`advisor compare` on a terminal says how far it is on stderr (one line, rewritten in place, rubbed out at the end),
never in what it writes on stdout, and nothing at all when stderr is a file or a pipe."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

from advisor import cli
from advisor.cli import _progress

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
ARGS = ["compare", str(EXAMPLE), "--vary", "codec=g711,g729,g722", "--json"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_compare_counts_the_design_and_each_option_on_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(_progress, "SHOW_AFTER_S", 0.0)  # the example takes well under the second it waits
    monkeypatch.setattr(_progress, "EVERY_S", 0.0)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(ARGS) == 0
    out = capsys.readouterr().out
    assert [o["name"] for o in json.loads(out)["scenarios"]] == ["Current design", "codec=g711", "codec=g729",
                                                                 "codec=g722"]
    assert "\r" not in out and "analysing" not in out
    written = terminal.getvalue()
    # 4 columns (the design and 3 options): at the start, then after each of the first three 1/4, 2/4, 3/4 of the
    # way (with no wait to show it, the start shows too); the fourth ends the loop and rubs the line out
    shown = [m.group(1) for m in re.finditer(r"\ranalysing the design and 3 options: (\d+) %", written)]
    assert shown == ["0", "25", "50", "75"]
    assert written.endswith("\r")  # rubbed out: spaces over the last line, the cursor back at its start
    last = written.rsplit("\r", 2)[-2]
    assert last.strip() == "" and len(last) >= len("analysing the design and 3 options: 75 %")


def test_nothing_on_stderr_when_it_is_not_a_terminal(capsys, monkeypatch):
    monkeypatch.setattr(_progress, "SHOW_AFTER_S", 0.0)
    monkeypatch.setattr(_progress, "EVERY_S", 0.0)
    assert cli.main(ARGS) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and json.loads(captured.out)["scenarios"][0]["name"] == "Current design"
