"""Hostile command lines: an option given as `--opt=--` (Python 3.11's argparse handed the command an empty list,
never checked: a traceback in eleven options), and a standard output that refuses what is written (`> /dev/full`:
"unexpected internal error" from the first print, or nothing said at all when only the last flush failed). Each
ends in exit 2 and one line naming the option or the output.
"""

from __future__ import annotations

import errno
import io
import sys
from pathlib import Path

import pytest

from advisor import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


def refused(capsys, *argv: str) -> str:
    """The last line of standard error after exit 2 (argparse's own refusals come after its usage lines)."""
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:  # argparse refuses by SystemExit
        code = exc.code
    assert code == 2
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    return err.strip().splitlines()[-1]


@pytest.mark.parametrize("argv, words", [
    (["erlang", "--traffic=--", "--gos", "0.01"], "advisor: error: --traffic: expected a number of Erlangs, got '--'"),
    (["compare", "{d}", "--vary=--"], "advisor: error: --vary '--': write KEY=VALUE[,VALUE…], e.g. codec=g711,g729"),
    (["bom", "{d}", "--vpn-hubs=--"], "advisor bom: error: argument --vpn-hubs: expected a whole number of VPN hubs, "
                                      "got '--'"),
    (["configs", "{d}", "--vpn-hubs=--"], "advisor configs: error: argument --vpn-hubs: expected a whole number of "
                                          "VPN hubs, got '--'"),
    (["explain", "{d}", "--finding=--"], "advisor: error: --finding: '--' is not a finding code"),
    (["explain", "{d}", "--site=--"], "advisor: error: --site: no site '--' in this design"),
    (["exercises", "--count=--"], "advisor exercises: error: argument --count: expected a whole number of exercises, "
                                  "got '--'"),
    (["exercises", "--seed=--"], "advisor exercises: error: argument --seed: expected a whole number, got '--'"),
    (["import", "{d}", "-o", "{tmp}/x.json", "--map=--"], "advisor: error: --map '--': write COLUMN=FIELD"),
    (["import", "{d}", "-o", "{tmp}/x.json", "--header-row=--"], "argument --header-row: '--' is not a row number"),
    (["calc", "--vpn", "getvpn", "--getvpn-metadata=--"], "argument --getvpn-metadata: expected a whole number of "
                                                          "bytes, got '--'"),
])
def test_an_option_given_as_equals_dash_dash_is_its_value(capsys, tmp_path, argv, words):
    argv = [a.replace("{d}", str(EXAMPLE)).replace("{tmp}", str(tmp_path)) for a in argv]
    assert words in refused(capsys, *argv)


def test_a_name_given_as_equals_dash_dash_is_that_name(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nBern,10\nBasel,5\n", encoding="utf-8")
    assert cli.main(["import", str(sites), "-o", str(tmp_path / "d.json"), "--name=--"]) == 0
    assert '"name": "--"' in (tmp_path / "d.json").read_text(encoding="utf-8")


class Full(io.TextIOBase):
    """A standard output on a full disk: every write (`failing="write"`) or only the flush fails."""

    encoding, errors = "utf-8", "advisor-replace"

    def __init__(self, failing: str = "write") -> None:
        self.failing = failing

    def isatty(self) -> bool:
        return False

    def write(self, text: str) -> int:
        if self.failing == "write":
            raise OSError(errno.ENOSPC, "No space left on device")
        return len(text)

    def flush(self) -> None:
        if self.failing == "flush":
            raise OSError(errno.ENOSPC, "No space left on device")

    @property
    def buffer(self):
        return self


@pytest.mark.parametrize("argv", [["calc"], ["calc", "--json"], ["erlang", "--traffic", "10", "--gos", "0.01"],
                                  ["codecs"], ["check", str(EXAMPLE)], ["report", str(EXAMPLE), "-o", "-"],
                                  ["exercises", "--answers", "-"]])
@pytest.mark.parametrize("failing", ["write", "flush"])
def test_a_full_standard_output_is_said_so(capsys, monkeypatch, argv, failing):
    monkeypatch.setattr(sys, "stdout", Full(failing))
    assert refused(capsys, *argv) == "advisor: error: standard output cannot be written: No space left on device"


def test_a_standard_output_that_works_is_put_back_after_the_command(capsys):
    before = sys.stdout
    assert cli.main(["calc"]) == 0
    assert sys.stdout is before and "G.711" in capsys.readouterr().out
