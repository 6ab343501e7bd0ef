"""Hostile input, round 28, on the command line: numbers written as Python reads them but no person writes them,
control characters in a value an option's own check quotes, and a site-list column or field mapped twice.

- Python's int() and float() read the digits of every script and '_' between digits: `bom --vpn-hubs ١` sized
  one VPN hub, `exercises --count ١٠` made ten exercises, `erlang --traffic 1_0` offered 10 Erlangs and `compare
  --vary ptime=١` compared a packetization of 1 ms. The site-list import refuses both in a cell ("write it with
  the digits 0 to 9"), and --header-row on the command line did; every option now does.
- `erlang --traffic -0` answered "-0.000 E".
- `import --header-row $'\\e[2J'` wrote the escape sequence to the terminal in argparse's error line.
- `import --map A=users --map A=name` read column A as the names and imported no users, in silence.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_hostile_round23 import invoke, refused

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json")


DIGITS = "write numbers with the digits 0 to 9"
UNDERSCORE = "write numbers without '_' (1000, not 1_000)"


@pytest.mark.parametrize("argv, option", [
    (("bom", EXAMPLE, "--vpn-hubs", "١"), "argument --vpn-hubs"),
    (("configs", EXAMPLE, "--vpn-hubs", "٢"), "argument --vpn-hubs"),
    (("exercises", "--count", "١٠", "--json"), "argument --count"),
    (("exercises", "--seed", "７", "--json"), "argument --seed"),
    (("calc", "--ptime", "２０"), "argument --ptime"),
    (("calc", "--calls", "١"), "argument --calls"),
    (("calc", "--crtp", "٢"), "argument --crtp"),
    (("import", "sites.csv", "-o", "x.json", "--header-row", "١"), "argument --header-row"),
])
def test_a_digit_of_another_script_is_refused_by_every_number_option(capsys, argv, option):
    line = refused(capsys, *argv)
    assert option in line and line.endswith(DIGITS)


@pytest.mark.parametrize("argv, option", [
    (("bom", EXAMPLE, "--vpn-hubs", "1_0"), "argument --vpn-hubs"),
    (("exercises", "--count", "1_0", "--json"), "argument --count"),
    (("calc", "--l2-bytes", "1_0"), "argument --l2-bytes"),
    (("calc", "--bitrate", "1_0", "--codec", "opus"), "argument --bitrate"),
])
def test_an_underscore_between_digits_is_refused(capsys, argv, option):
    line = refused(capsys, *argv)
    assert option in line and line.endswith(UNDERSCORE)


@pytest.mark.parametrize("argv, line", [
    (("erlang", "--traffic", "١", "--gos", "0.01"), f"advisor: error: --traffic: {DIGITS}, got '١'"),
    (("erlang", "--trunks", "1_0", "--gos", "0.01"), f"advisor: error: --trunks: {UNDERSCORE}, got '1_0'"),
    (("erlang", "--traffic", "5", "--gos", "٠.01"), f"advisor: error: --gos: {DIGITS}, got '٠.01'"),
])
def test_erlang_refuses_them_too(capsys, argv, line):
    assert refused(capsys, *argv) == line


@pytest.mark.parametrize("vary, line", [
    ("ptime=20,١", f"advisor: error: --vary ptime=١: {DIGITS}"),
    ("calls=1_0", f"advisor: error: --vary calls=1_0: {UNDERSCORE}"),
    ("crtp=٢", "advisor: error: --vary crtp=٢: crtp: must be one of 0, 2 or 4"),  # read as text, never as 2
    ("gos=٠.١", f"advisor: error: --vary gos=٠.١: {DIGITS}"),
])
def test_compare_refuses_them_in_varied_numbers(capsys, vary, line):
    assert refused(capsys, "compare", EXAMPLE, "--vary", vary) == line


def test_numbers_as_people_write_them_still_read(capsys):
    code, out, _err = invoke(capsys, "erlang", "--traffic", "10", "--gos", "1%", "--json")
    assert code == 0 and json.loads(out)["trunks"] == 18  # Erlang B: 18 trunks for 10 E at 1 %
    code, out, _err = invoke(capsys, "calc", "--calls", "1e3", "--ptime", "30", "--json")
    assert code == 0
    code, _out, _err = invoke(capsys, "bom", EXAMPLE, "--vpn-hubs", "+3", "--json")
    assert code == 0


def test_no_traffic_written_with_a_minus_sign_is_no_traffic(capsys):
    code, out, _err = invoke(capsys, "erlang", "--traffic", "-0", "--gos", "0.01")
    assert code == 0 and out.startswith("0.000 E at 1 % blocking needs 0 trunks")
    code, out, _err = invoke(capsys, "erlang", "--traffic", "-0", "--trunks", "3", "--json")
    assert code == 0 and json.dumps(json.loads(out)["traffic"]) == "0.0"


def test_a_value_quoted_by_an_options_own_check_shows_no_control_characters(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nZurich,10\n", encoding="utf-8")
    line = refused(capsys, "import", str(sites), "-o", str(tmp_path / "x.json"), "--header-row", "\x1b[2J\n5")
    assert line == "advisor import: error: argument --header-row: '?[2J?5' is not a row number"


@pytest.mark.parametrize("maps, line", [
    (("A=users", "A=name"), "advisor: error: --map 'A=name': column Site Name (A) is mapped by --map 'A=users' "
                            "already; map each column once"),
    (("Site Name=name", "a=ignore"), "advisor: error: --map 'a=ignore': column Site Name (A) is mapped by --map "
                                     "'Site Name=name' already; map each column once"),
    (("A=name", "B=name"), "advisor: error: --map 'B=name': the site name is read by --map 'A=name' already; map "
                           "each field once"),
])
def test_a_column_or_a_field_mapped_twice_is_refused(capsys, tmp_path, maps, line):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\nZurich,10\nBern,20\n", encoding="utf-8")
    argv = ["import", str(sites), "-o", str(tmp_path / "x.json")]
    for entry in maps:
        argv += ["--map", entry]
    assert refused(capsys, *argv) == line
    assert not (tmp_path / "x.json").exists()


def test_different_columns_for_different_fields_still_map(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Standort,Mitarbeiter\nZurich,10\nBern,20\n", encoding="utf-8")
    code, _out, _err = invoke(capsys, "import", str(sites), "-o", str(tmp_path / "x.json"),
                              "--map", "Standort=name", "--map", "Mitarbeiter=users")
    assert code == 0
    design = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    assert sorted(s["users"] for s in design["sites"]) == [10, 20]


def test_configs_to_a_dash_prints_the_sketches_as_every_other_output_does(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _err = invoke(capsys, "configs", EXAMPLE, "-o", "-", "--site", "br01")
    assert code == 0 and "CONFIGURATION SKETCH TO REVIEW" in out
    assert list(tmp_path.iterdir()) == []  # no folder named '-'
