"""Hostile option values on the command line: an output that names the input design (under any name), an empty
output name, a name the system refuses (too long), `--vary` values that `int()` refuses or that multiply into
millions of scenarios. Each ends in exit 2 and one line naming the problem, before any work and with the input
untouched; never a traceback, an "unexpected internal error", a hang or gigabytes of memory.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor import cli

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
TOO_LONG = "n" * 300 + ".pdf"  # one path component: more than the 255 bytes any common file system takes


def refused(capsys, *argv: str) -> str:
    """The one line a refusal prints (exit 2), without the 'advisor: error: ' prefix."""
    assert cli.main(list(argv)) == 2
    err = capsys.readouterr().err
    assert err.startswith("advisor: error: ") and err.count("\n") == 1, err
    assert "internal error" not in err and "Traceback" not in err
    return err.removeprefix("advisor: error: ").rstrip("\n")


@pytest.fixture
def design(tmp_path) -> Path:
    copy = tmp_path / "design.json"
    copy.write_bytes(EXAMPLE.read_bytes())
    return copy


@pytest.mark.parametrize("command", [["check", "--csv"], ["check", "--xlsx"], ["compare", "--csv"],
                                     ["compare", "--xlsx"], ["bom", "--csv"], ["report", "-o"]])
@pytest.mark.parametrize("alias", ["same", "symlink", "hardlink"])
def test_an_output_over_the_input_design_is_refused(capsys, tmp_path, design, command, alias):
    """`check design.json --csv design.json` wrote the link table over the design (also through a link)."""
    before = design.read_bytes()
    target = design if alias == "same" else tmp_path / f"{alias}.csv"
    if alias == "symlink":
        target.symlink_to(design)
    elif alias == "hardlink":
        os.link(design, target)
    line = refused(capsys, command[0], str(design), *command[1:], str(target))
    assert line == f"{target}: the output would overwrite the input design; choose another name"
    assert design.read_bytes() == before


@pytest.mark.parametrize("argv, option, kind", [(["check", "{d}", "--csv", ""], "--csv", "file"),
                                                (["check", "{d}", "--xlsx", ""], "--xlsx", "file"),
                                                (["report", "{d}", "-o", ""], "-o", "file"),
                                                (["configs", "{d}", "-o", ""], "-o", "folder"),
                                                (["exercises", "--count", "1", "--answers", ""], "--answers", "file")])
def test_an_empty_output_name_is_refused(capsys, tmp_path, design, argv, option, kind):
    """An empty name was taken as no option: `report -o ''` wrote design.pdf next to the input instead. configs
    writes into a folder, and says so."""
    line = refused(capsys, *(a.format(d=design) for a in argv))
    assert line == f"{option}: the {kind} name is empty"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["design.json"]


@pytest.mark.parametrize("argv", [["report", "{d}", "-o", "{long}"], ["bom", "{d}", "--xlsx", "{long}"],
                                  ["configs", "{d}", "-o", "{long}"], ["exercises", "-o", "{long}"],
                                  ["check", "{d}", "--csv", "{long}"]])
def test_a_file_name_too_long_for_the_system_is_named(capsys, tmp_path, design, argv):
    """Path.is_dir() raises for ENAMETOOLONG: it ended in 'unexpected internal error'."""
    long = tmp_path / TOO_LONG
    line = refused(capsys, *(a.format(d=design, long=long) for a in argv))
    assert line == f"{long}: not a usable file name: File name too long"


def test_a_superscript_digit_for_crtp_is_named(capsys, design):
    """'²'.isdigit() is true but int('²') raises."""
    line = refused(capsys, "compare", str(design), "--vary", "crtp=²")
    assert line == "--vary crtp=²: crtp: must be one of 0, 2 or 4"


def test_millions_of_combinations_are_refused_at_once(capsys, design, monkeypatch):
    """400 × 100 × 100 values built four million scenarios: more than a minute and 5 GB before any output. They
    are counted, not built: no scenario is made before the refusal."""
    from advisor import scenarios

    monkeypatch.setattr(scenarios, "Scenario", lambda *a, **k: pytest.fail("a scenario was built"))
    gos = ",".join(f"{n / 10_000:g}" for n in range(1, 401))
    calls = ",".join(str(n) for n in range(100))
    line = refused(capsys, "compare", str(design), "--vary", f"gos={gos}", "--vary", f"calls={calls}",
                   "--vary", f"calls={calls}")
    # 400 × 100 × 100 = 4,000,000
    assert line == "--vary: 4,000,000 combinations of options; at most 100 are compared at once: vary fewer values"


def test_one_hundred_combinations_are_still_compared(capsys, design):
    # 10 × 10 = 100, the most a design may save as well
    values = ",".join(str(n) for n in range(10))
    assert cli.main(["compare", str(design), "--vary", f"calls={values}", "--vary", "gos=0.01,0.02,0.03,0.04,0.05,0.06,0.07,0.08,0.09,0.1",
                     "--json"]) == 0
    assert capsys.readouterr().out.count('"name"') >= 100
