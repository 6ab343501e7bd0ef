"""Round 59 of the hostile-input hunt, the command line: the words before and around a command, and the number
options' words. Each defect found, as the short sequence that shows it.

- `calc --ptime 1,5` (a decimal comma), `--ptime 20ms` and `--bitrate .` said "argument --ptime: invalid float
  value: '1,5'", Python's word for a number, where `erlang --traffic 1,5` says "expected a number of Erlangs".
- `advisor check2 d.json`, `advisor calc_ …` and `advisor report-2 d.json` (a command mistyped with a digit or a
  '_') opened the desktop app on a design named 'check2', which is not there, and passed over the rest in silence;
  `advisor chek d.json` says "unknown command 'chek': did you mean 'check'?".
- `advisor --check d.json` and `advisor -o x.pdf report d.json` (an option before the command) said "argument
  COMMAND: invalid choice: 'd.json'" and "… 'x.pdf'", naming the design or the output, not the mistake; `advisor
  -- check d.json` (the end of options, then the command) said "invalid choice: '--'".
- `calc --vpn dmvpn --gre-key --no-gre-key` sized the packet without the GRE key, the last one given, in silence,
  where an option given twice with two values is refused ("given twice … give it once").
- `erlang --gos -1%` said "argument --gos: expected one argument" (a negative percent read as an option), where
  `--gos -0.01` says the grade of service must be between 0 and 1.
- `erlang --gos 1％` (a full-width percent sign), `--gos 1٪` (the Arabic one) and `calc --ptime −20` (the minus
  sign) said "write numbers with the digits 0 to 9" of numbers written with them: the sign is named now.
- An option of another command, or one mistyped, said "advisor: error: unrecognized arguments: --issued d.json"
  (`compare --issued 2026-03-01 d.json`): the design named as a mistake, the option's value taken for the design,
  and no word of which command has no such option; `check a.json b.json` said "unrecognized arguments: b.json".
- `advisor check d.json --csv /dev/stdout | less` (and `report -o /dev/stdout | …`, `compare --csv`, `exercises
  -o`, `import -o`) said "cannot write /dev/stdout: the folder /proc/4711/fd takes no new files (a system folder
  such as /proc or /sys)": a folder the user never named, and no word of '-' for standard output.
- `compare --vary vpn.mpls=dmvpn` on a design whose links are all on MPLS showed GET VPN's 0 tunnels and 2 key
  servers (the design-wide technology's) beside DMVPN on every link.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor import cli
from tests.cli.inprocess import refusal as _one_line
from tests.cli.inprocess import run as _run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MPLS = EXAMPLES / "hq-12-branches-mpls.json"  # 13 sites on one MPLS cloud, G.729 at 20 ms
COMMANDS = "the commands are calc, erlang, codecs, check, report, import, compare, bom, configs, explain, exercises"


def _last_line(capsys, *argv) -> str:
    """The refusal of a usage error: exit 2, nothing on stdout; argparse's own errors have the usage above them."""
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, ""), (code, out[:200], err)
    return err.strip().splitlines()[-1]


@pytest.fixture
def no_app(monkeypatch, tmp_path):
    """The desktop app must not open: the test fails if it is asked to."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "_gui", lambda path: pytest.fail(f"opened the app on {path!r}"))


# -- calc's decimal options in the user's words -------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "expected"), [
    (["--ptime", "1,5"], "argument --ptime: expected a number of milliseconds, got '1,5' (write it without commas: "
                         "1.5, 1000)"),
    (["--ptime", "20ms"], "argument --ptime: expected a number of milliseconds, got '20ms'"),
    (["--codec", "opus", "--bitrate", "."], "argument --bitrate: expected a number of kbps, got '.'"),
    (["--codec", "opus", "--bitrate", "1,000"], "argument --bitrate: expected a number of kbps, got '1,000' (write it "
                                                "without commas: 1.5, 1000)"),
])
def test_calc_names_a_decimal_it_cannot_read_in_words(capsys, argv, expected):
    line = _last_line(capsys, "calc", *argv)
    assert line == f"advisor calc: error: {expected}"
    assert "float" not in line


@pytest.mark.parametrize(("value", "expected"), [
    ("٢٠", "'٢٠': write numbers with the digits 0 to 9"),
    ("2_0", "'2_0': write numbers without '_' (1000, not 1_000)"),
    ("1e400", "'1e400' is beyond the largest number this tool reads (about 1.8e308)"),
    ("1e-400", "'1e-400' is too close to 0 to read exactly (at least about 2.2e-308 apart from 0)"),
])
def test_calc_decimal_options_keep_the_parsers_checks(capsys, value, expected):
    assert _last_line(capsys, "calc", "--ptime", value) == f"advisor calc: error: argument --ptime: {expected}"


def test_calc_decimal_options_still_read_numbers(capsys):
    # G.729 at 30 ms: 3 frames of 10 B, 30 B of payload; 33.33 packets per second (1000 / 30)
    code, out, _err = _run(capsys, "calc", "--codec", "g729", "--ptime", " 3e1 ", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["payload_bytes"] == 30 and result["ptime_ms"] == 30
    code, out, _err = _run(capsys, "calc", "--codec", "opus", "--bitrate", "24.5", "--ptime", "-0", "--json")
    assert code == 2 and "packetization time 0 ms is out of range" in _err  # -0 read as 0, as before


# -- a command mistyped with a digit or a '_' -------------------------------------------------------------------

@pytest.mark.parametrize(("word", "close"), [("check2", "check"), ("calc_", "calc"), ("report-2", "report"),
                                             ("explain1", "explain"), ("2bom", "bom")])
def test_a_command_mistyped_with_a_digit_is_named_not_opened(capsys, no_app, word, close):
    line = _one_line(capsys, word, "design.json")
    assert line.startswith(f"advisor: error: unknown command '{word}': did you mean '{close}'? {COMMANDS}")


def test_a_word_like_no_command_still_opens_the_app(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    opened = []
    monkeypatch.setattr(cli, "_gui", lambda path: opened.append(path) or 0)
    assert cli.main(["site42"]) == 0 and opened == ["site42"]  # a design of that name, to be made
    (tmp_path / "check2").write_text("{}")
    assert cli.main(["check2"]) == 0 and opened[-1] == "check2"  # a file of that name is opened


# -- an option before the command, and '--' -------------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "expected"), [
    (["--check", MPLS], "unknown option '--check' before the command: commands are written without dashes: "
                        f"advisor check …; {COMMANDS}"),
    (["-o", "x.pdf", "report", MPLS], "unknown option '-o' before the command: a command's options go after the "
                                      f"command, e.g. advisor check --json design.json; {COMMANDS}"),
    (["--json", "check", MPLS], "unknown option '--json' before the command: a command's options go after the "
                                f"command, e.g. advisor check --json design.json; {COMMANDS}"),
])
def test_an_option_before_the_command_is_named(capsys, no_app, argv, expected):
    assert _one_line(capsys, *argv) == f"advisor: error: {expected}"


def test_the_end_of_options_before_a_command_runs_it(capsys, no_app):
    # `--` ends the options: the command follows it (a design named like an option would be opened after it)
    code, out, _err = _run(capsys, "--", "erlang", "--traffic", "10", "--gos", "0.01", "--json")
    assert code == 0 and json.loads(out)["trunks"] == 18  # Erlang B: 10 E at 1 % blocking needs 18 trunks
    assert _one_line(capsys, "--", "chek", MPLS).startswith("advisor: error: unknown command 'chek': did you mean")


@pytest.mark.parametrize("argv", [["--version"], ["--vers"], ["--help"], ["-h"], ["--he"]])
def test_the_programs_own_options_still_work(capsys, argv):
    code, out, _err = _run(capsys, *argv)
    assert code == 0 and ("advisor" in out)


# -- a switch and its '--no-' form ------------------------------------------------------------------------------

@pytest.mark.parametrize(("first", "second"), [("--gre-key", "--no-gre-key"), ("--no-gre-key", "--gre-key"),
                                               ("--no-gre", "--gre-k")])
def test_a_switch_given_both_ways_is_refused(capsys, first, second):
    line = _last_line(capsys, "calc", "--vpn", "dmvpn", first, second, "--json")
    full = {"--no-gre": "--no-gre-key", "--gre-k": "--gre-key"}
    assert line == (f"advisor calc: error: argument --gre-key/--no-gre-key: given twice, as {full.get(first, first)} "
                    f"and as {full.get(second, second)}: give one")


def test_a_switch_given_twice_the_same_way_is_taken(capsys):
    # DMVPN (GRE in IPsec transport mode, AES-CBC: 16-byte blocks), G.711 at 20 ms: the 200 B IP packet and GRE's
    # 4 B, with ESP's 2-byte trailer, are 206 B, padded by 2 to 208; the 4 B key makes 210, padded by 14 to 224
    with_key = json.loads(_run(capsys, "calc", "--vpn", "dmvpn", "--gre-key", "--gre-key", "--json")[1])
    without = json.loads(_run(capsys, "calc", "--vpn", "dmvpn", "--no-gre-key", "--no-gre-key", "--json")[1])
    assert with_key["spec"]["gre_key"] is True and without["spec"]["gre_key"] is False
    assert (without["esp_padding_bytes"], with_key["esp_padding_bytes"]) == (2, 14)
    assert with_key["overhead_bytes"] - without["overhead_bytes"] == 4 + 12


# -- signs of a number ---------------------------------------------------------------------------------------------

def test_a_negative_percent_is_a_value_not_an_option(capsys):
    assert _one_line(capsys, "erlang", "--traffic", "10", "--gos", "-1%") == (
        "advisor: error: --gos: must be strictly between 0 and 1 (0.01 = 1 % blocking), got '-1%'")
    assert _last_line(capsys, "calc", "--ptime", "-20%") == (
        "advisor calc: error: argument --ptime: expected a number of milliseconds, got '-20%'")


@pytest.mark.parametrize(("argv", "expected"), [
    (["erlang", "--traffic", "10", "--gos", "1％"], "advisor: error: --gos: write '％' as '%', got '1％'"),
    (["erlang", "--traffic", "10", "--gos", "1٪"], "advisor: error: --gos: write '٪' as '%', got '1٪'"),
    (["erlang", "--traffic", "1٫5", "--trunks", "3"], "advisor: error: --traffic: write '٫' as '.', got '1٫5'"),
    (["calc", "--ptime", "−20"], "advisor calc: error: argument --ptime: '−20': write '−' as '-'"),
    (["compare", MPLS, "--vary", "gos=1％"], "advisor: error: --vary gos=1％: write '％' as '%'"),
    (["erlang", "--traffic", "10", "--gos", "١"], "advisor: error: --gos: write numbers with the digits 0 to 9, got "
                                                  "'١'"),  # a digit of another script, as before
])
def test_a_sign_of_another_script_is_named(capsys, argv, expected):
    assert _last_line(capsys, *argv) == expected


# -- an option the command does not have -----------------------------------------------------------------------

@pytest.mark.parametrize(("argv", "expected"), [
    (["compare", "--issued", "2026-03-01", MPLS],
     "advisor compare: error: unknown option '--issued' for advisor compare; it is an option of advisor report "
     "(see advisor compare --help)"),
    (["check", "--jsn", MPLS], "advisor check: error: unknown option '--jsn' for advisor check; did you mean --json? "
                               "(see advisor check --help)"),
    (["report", "--isued=2026-03-01", MPLS], "advisor report: error: unknown option '--isued' for advisor report; did "
                                             "you mean --issued? (see advisor report --help)"),
    (["check", "--outptu", "x", MPLS], "advisor check: error: unknown option '--outptu' for advisor check (see advisor "
                                       "check --help)"),
    (["check", MPLS.name, MPLS.name], f"advisor check: error: unexpected '{MPLS.name}': advisor check takes one file"),
    (["calc", "extra"], "advisor calc: error: unexpected 'extra': advisor calc takes no file or other word"),
])
def test_an_option_the_command_lacks_is_named(capsys, monkeypatch, argv, expected):
    monkeypatch.chdir(EXAMPLES)
    line = _last_line(capsys, *argv)
    assert line == expected
    assert "unrecognized" not in line


# -- /dev/stdout into a pipe ------------------------------------------------------------------------------------

PIPE_WORDS = ("it leads to a pipe (as /dev/stdout does when the output goes to another program), not a file; give - to "
              "write to standard output")


@pytest.mark.parametrize(("argv", "expected"), [
    (["check", str(MPLS), "--csv", "/dev/stdout"], f"cannot write /dev/stdout: {PIPE_WORDS}"),
    (["report", str(MPLS), "-o", "/dev/stdout"], f"/dev/stdout: cannot be written: {PIPE_WORDS}"),
    (["exercises", "--count", "1", "-o", "/dev/stdout"], f"-o: /dev/stdout: cannot be written: {PIPE_WORDS}"),
])
def test_dev_stdout_into_a_pipe_is_said_to_be_one(argv, expected):
    done = subprocess.run([sys.executable, "-m", "advisor", *argv], capture_output=True, text=True, timeout=120,
                          check=False)  # standard output: a pipe
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"advisor: error: {expected}\n"


def test_compare_counts_the_tunnels_and_key_servers_of_what_the_links_use(capsys):
    """`compare --vary vpn.mpls=dmvpn` on 12 branches and an HQ on one MPLS cloud showed GET VPN's counts (0 tunnels,
    2 key servers) beside DMVPN on every link. By hand: DMVPN hub and spoke, one tunnel per branch = 12; no key
    server (GET VPN's alone)."""
    code, out, _err = _run(capsys, "compare", MPLS,
                           "--vary", "vpn.mpls=dmvpn", "--json")
    assert code == 0
    current, dmvpn = json.loads(out)["scenarios"]
    assert (current["tunnels"], current["key_servers"]) == (0, 2)  # GET VPN: no tunnels, two cooperative servers
    assert dmvpn["per_transport"] == {"mpls": "dmvpn"}
    assert (dmvpn["tunnels"], dmvpn["key_servers"]) == (12, None)
