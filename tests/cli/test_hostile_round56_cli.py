"""Round 56 of the hostile-input hunt, the command line: numbers at the edges of what a float holds, and names of
marks alone. Each defect found, as the short sequence that shows it.

- `erlang --traffic 5e-324` (a denormal) was sized ("less than 0.000000001 E … needs 1 trunk") and `--traffic
  1e-400` (which float() reads as 0) as no traffic at all, where `calc --ptime 5e-324` and `--ptime 1e-400` are
  refused as "too close to 0 to read exactly"; so were `--gos 5e-324`, `--gos 1e-310%` and `--trunks 1e-400` (read
  as 0 trunks). `erlang --traffic 1e400` said "must be a finite number", as if 1e400 were none.
- `calc --calls 1e-400` was 0 calls, `--calls 1e400` "expected a whole number of calls".
- `compare --vary gos=1e-307%` compared a grade of service of 1e-309 (a denormal once divided by 100).
- `explain` printed a site named with combining marks alone (accents, Arabic vowel marks) first on its heading's
  line, where the marks have no letter to sit on: a terminal drops them, and the heading read ": busy-hour
  traffic". Every other command prints such a name after a quote or a space.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from advisor.cli import main
from tests.cli.inprocess import changed_copy
from tests.cli.inprocess import run as _run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MPLS = EXAMPLES / "hq-12-branches-mpls.json"  # 13 sites on one MPLS cloud; hq has 600 users, br01 'Zürich' 24
TOO_CLOSE = "is too close to 0 to read exactly (at least about 2.2e-308 apart from 0)"
TOO_CLOSE_PERCENT = "is too close to 0 to read exactly (at least about 2.2e-306 % apart from 0)"


_design = partial(changed_copy, MPLS)  # (tmp_path, change[, name]): the MPLS example changed, written there


# -- erlang reads numbers as calc does ----------------------------------------------------------------------------

@pytest.mark.parametrize("option, value, other", [
    ("--traffic", "5e-324", ("--gos", "0.01")),      # the smallest denormal
    ("--traffic", "1e-310", ("--trunks", "3")),      # a denormal
    ("--traffic", "1e-400", ("--gos", "0.01")),      # read as 0 by float(): was "needs 0 trunks (no traffic)"
    ("--gos", "5e-324", ("--traffic", "5")),
    ("--gos", "1e-400", ("--traffic", "5")),         # was "must be strictly between 0 and 1"
    ("--trunks", "1e-400", ("--gos", "0.01")),       # was "0 trunks at 1 % blocking carry 0.000 E"
])
def test_erlang_refuses_what_calc_refuses_as_too_close_to_zero(capsys, option, value, other):
    code, out, err = _run(capsys, "erlang", option, value, *other)
    assert (code, out) == (2, "")
    assert err == f"advisor: error: {option}: '{value}' {TOO_CLOSE}\n"
    # calc's own refusal of the same number, word for word after the option (argparse's 'argument' prefix aside)
    with pytest.raises(SystemExit):
        main(["calc", "--ptime", value])
    assert f"argument --ptime: '{value}' {TOO_CLOSE}" in capsys.readouterr().err


@pytest.mark.parametrize("gos", ["1e-307%", "1e-310%", "1E-400%"])
def test_erlang_refuses_a_percent_too_close_to_zero_once_divided_by_100(capsys, gos):
    # 1e-307 % = 1e-309, below the smallest normal float (2.2250738585072014e-308)
    code, out, err = _run(capsys, "erlang", "--traffic", "5", "--gos", gos)
    assert (code, out) == (2, "")
    assert err == f"advisor: error: --gos: '{gos}' {TOO_CLOSE_PERCENT}\n"


@pytest.mark.parametrize("argv, expected", [
    # the smallest normal float is a number: A = 2.2e-308 E offered to 5 trunks blocks ~0 (shown as the least share)
    (["--traffic", "2.2250738585072014e-308", "--trunks", "5"],
     "less than 0.000000001 E offered to 5 trunks: blocking less than 0.000000001 %"),
    # 2.3e-306 % = 2.3e-308, just above it: taken
    (["--traffic", "5", "--gos", "2.3e-306%"], None),
    # zero written with an exponent is zero (no digit but 0 in it)
    (["--traffic", "0e-999", "--gos", "0.01"], "0.000 E at 1 % blocking needs 0 trunks (no traffic offered)"),
    (["--traffic", "-0.0", "--trunks", "2"], "0.000 E offered to 2 trunks: blocking 0 %"),
    # the published figure: 10 E at 1 % needs 18 trunks (Erlang B table)
    (["--traffic", "10", "--gos", "0.01"], "10.000 E at 1 % blocking needs 18 trunks (blocking with 18: 0.7142 %)"),
])
def test_erlang_still_takes_the_numbers_at_the_edge(capsys, argv, expected):
    code, out, err = _run(capsys, "erlang", *argv)
    assert (code, err) == (0, "")
    if expected is not None:
        assert out == expected + "\n"


@pytest.mark.parametrize("option, value, other, expected", [
    ("--traffic", "1e400", ("--gos", "0.01"), "1e400 Erlangs is beyond what this tool sizes (at most 1,000,000)"),
    ("--trunks", "1e400", ("--gos", "0.01"), "1e400 is beyond what this tool sizes (at most 1,000,000)"),
    ("--traffic", "inf", ("--gos", "0.01"), "must be a finite number ≥ 0 Erlangs, got 'inf'"),
    ("--traffic", "-1e400", ("--gos", "0.01"), "must be a finite number ≥ 0 Erlangs, got '-1e400'"),
])
def test_erlang_names_a_number_too_large_for_a_float_as_too_large(capsys, option, value, other, expected):
    code, out, err = _run(capsys, "erlang", option, value, *other)
    assert (code, out, err) == (2, "", f"advisor: error: {option}: {expected}\n")


# -- calc --calls --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("1e-400", f"'1e-400' {TOO_CLOSE}"),   # was 0 calls
    ("5e-324", f"'5e-324' {TOO_CLOSE}"),
    ("1e400", "1e400 is beyond what this tool sizes (at most 1,000,000,000,000,000)"),
])
def test_calc_calls_at_the_edges_of_a_float(capsys, value, expected):
    with pytest.raises(SystemExit) as exit_:
        main(["calc", f"--calls={value}"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert err.splitlines()[-1] == f"advisor calc: error: argument --calls: {expected}"


def test_calc_calls_zero_written_with_an_exponent_is_zero_calls(capsys):
    code, out, _err = _run(capsys, "calc", "--calls=0e-999")
    assert code == 0
    assert "total, 0 calls        0.00 kbps" in out


# -- compare --vary gos in percent ------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1e-307%", "1e-400%"])
def test_compare_refuses_a_percent_too_close_to_zero(capsys, value):
    code, out, err = _run(capsys, "compare", MPLS, "--vary", f"gos={value}")
    assert (code, out) == (2, "")
    assert err == f"advisor: error: --vary gos={value}: '{value}' {TOO_CLOSE_PERCENT}\n"


# -- explain: a name of marks alone ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "\u0301\u0301",          # two combining acute accents
    "\u064e\u0651",          # Arabic fatha and shadda (harakat) alone
    "\u0301abc",             # a name that starts with a mark
])
def test_explain_gives_a_mark_at_the_start_of_a_heading_a_dotted_circle(tmp_path, capsys, name):
    def marks(d):
        d["sites"][0]["name"] = name  # hq
        d["links"][0]["name"] = name  # l-hq

    path = _design(tmp_path, marks)
    code, out, _err = _run(capsys, "explain", path, "--site", "hq")
    assert code == 0
    assert out.splitlines()[2] == f"\u25cc{name}: busy-hour traffic"
    code, out, _err = _run(capsys, "explain", path, "--link", "l-hq")
    assert out.splitlines()[2] == f"\u25cc{name}: bandwidth per direction"
    # every other line starts with something a mark can sit on: the heading of another site, or an indent
    code, out, _err = _run(capsys, "explain", path)
    assert not [line for line in out.splitlines() if line[:1] in ("\u0301", "\u064e")]


def test_explain_leaves_a_plain_name_and_the_json_as_they_are(tmp_path, capsys):
    path = _design(tmp_path, lambda d: d["sites"][0].update(name="\u0301\u0301"))
    code, out, _err = _run(capsys, "explain", path, "--site", "br01")
    assert out.splitlines()[2] == "Zürich: busy-hour traffic"
    code, out, _err = _run(capsys, "explain", path, "--site", "hq", "--json")
    assert json.loads(out)["explanations"][0]["title"] == "\u0301\u0301: busy-hour traffic"  # the data as it is


# -- calc: minus zero ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("argv, expected", [
    (["--ptime", "-0.0"], "--ptime: packetization time 0 ms is out of range (0 < ptime <= 200 ms)"),
    (["--ptime", "-0"], "--ptime: packetization time 0 ms is out of range (0 < ptime <= 200 ms)"),
    (["--codec", "opus", "--bitrate", "-0.0"], "--bitrate: bit rate 0 kbps is out of range for Opus (6-510 kbps)"),
])
def test_calc_names_minus_zero_as_zero(capsys, argv, expected):
    """'-0' is 0 (IEEE: -0 + 0 = +0), as erlang and the design file read it: calc named it "-0 ms"."""
    code, out, err = _run(capsys, "calc", *argv)
    assert (code, out, err) == (2, "", f"advisor: error: {expected}\n")


# -- an undecodable byte in an option's value ---------------------------------------------------------------------------

BYTE = "\udcff"  # how Python holds the byte 0xFF of a command-line argument that is not UTF-8 (surrogateescape)


@pytest.mark.parametrize("argv, expected", [
    (["erlang", "--traffic", f"1{BYTE}", "--gos", "1%"],
     "advisor: error: --traffic: write numbers with the digits 0 to 9, got '1\ufffd'"),
    (["configs", MPLS, "--site", BYTE, "-o", "{tmp}/sketches"], "advisor: error: --site '\ufffd': no such site"),
    (["report", MPLS, "-o", "{tmp}/d.pdf", "--issued", BYTE],
     "advisor: error: --issued '\ufffd': must be a date written YYYY-MM-DD"),
    (["exercises", "--topics", BYTE, "--json"], "advisor: error: --topics: unknown topic '\ufffd'"),
    (["check", MPLS, "--csv", "-", "--table", BYTE], "argument --table: invalid choice: '\ufffd' (choose from"),
    (["explain", MPLS, "--site", "hq", "--site", BYTE],
     "argument --site: given twice, --site 'hq' and --site '\ufffd': give it once"),
])
def test_an_undecodable_byte_of_an_option_is_shown_as_a_replacement_character(tmp_path, capsys, argv, expected):
    """Every message shows such a byte as U+FFFD (io_errors.no_surrogates); these quoted the value with repr(),
    which wrote '\\udcff', a text no user typed."""
    argv = [str(a).replace("{tmp}", str(tmp_path)) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err, err
    assert "\\udcff" not in err
