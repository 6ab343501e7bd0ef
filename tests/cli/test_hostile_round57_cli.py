"""Round 57 of the hostile-input hunt, the command line: `compare --vary`, and the whole-number options. Each defect
found, as the short sequence that shows it.

- `compare --vary ptime=20%` compared 0.2 ms (refused only when no codec had 0.2 ms frames), `calls=50%` compared
  0.5 calls per user: a percent is a share's only (the grade of service); elsewhere it is refused, naming the key
  and its unit. `ptime=1e-400%` was "too close to 0 … % apart from 0", as if a percent were its unit.
- `calc --mpls-labels 1e3`, `--l2-bytes 1e1`, `--srtp-mki 4e0`, `--crtp 2.0`, `bom --vpn-hubs 1e0`, `configs
  --vpn-hubs 3e0`, `exercises --count 1e1 --seed 7e0` and `import --header-row 1e0` were refused ("invalid int
  value: '1e3'", "expected a whole number of exercises, got '1e1'", "'1e0' is not a row number") where `calc --calls
  1e6` and `erlang --trunks 1e1` read them: every whole-number option now reads a number as `--calls` does, with its
  messages ("expected a whole number of bytes, got '1.5'", "too close to 0", "far beyond any value").
- `compare --vary gos=0,1e-400` said "0 and 1e-400 name the same value" (both the float 0), not what is wrong.
- `compare --vary calls=` and 5,000 nines quoted the value as 40 nines, as if it were a 40-digit number: a value
  cut short now ends in '…'.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MPLS = EXAMPLES / "hq-12-branches-mpls.json"  # 13 sites on one MPLS cloud, GET VPN, G.729 at 20 ms


def _error(capsys, *argv) -> str:
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    return err.strip().splitlines()[-1]


# -- compare --vary: a percent for a share only ------------------------------------------------------------------------

@pytest.mark.parametrize("vary, words", [
    ("ptime=20%", "packetization is a time in milliseconds, not a percent: write it without '%'"),  # was 0.2 ms
    ("ptime=20,30%", "packetization is a time in milliseconds, not a percent"),
    ("ptime=1e-400%", "packetization is a time in milliseconds, not a percent"),  # was "…2.2e-306 % apart from 0"
    ("calls=50%", "busy-hour calls per user is a number of calls such as 0.5 or 2, not a percent"),  # was 0.5
    ("crtp=2%", "cRTP is a header size in bytes (0, 2 or 4), not a percent"),
])
def test_compare_refuses_a_percent_for_what_is_no_share(capsys, vary, words):
    key = vary.split("=")[0]
    line = _error(capsys, "compare", MPLS, "--vary", vary)
    assert line.startswith(f"advisor: error: --vary {key}=") and words in line, line


def test_compare_calls_in_percent_compared_a_fraction_of_a_call(capsys):
    # the design's 13 sites at 0.5 calls per user would be compared in silence: refused, nothing printed
    code, out, err = _run(capsys, "compare", MPLS, "--vary", "calls=50%", "--json")
    assert (code, out) == (2, "")


def test_compare_grade_of_service_in_percent_is_still_a_share(capsys):
    code, out, _err = _run(capsys, "compare", MPLS, "--vary", "gos=1%,0.5%", "--json")
    assert code == 0
    names = [column["name"] for column in json.loads(out)["scenarios"]]
    assert names == ["Current design", "gos=1%", "gos=0.5%"]


def test_compare_two_percent_signs_are_no_number(capsys):
    assert _error(capsys, "compare", MPLS, "--vary", "gos=1%%") == "advisor: error: --vary gos=1%%: '1%%' is not a number"


def test_compare_names_the_value_too_close_to_zero_not_a_twin(capsys):
    line = _error(capsys, "compare", MPLS, "--vary", "gos=0,1e-400")  # was "0 and 1e-400 name the same value"
    assert line == ("advisor: error: --vary gos=1e-400: '1e-400' is too close to 0 to read exactly (at least about "
                    "2.2e-308 apart from 0)")


def test_compare_a_long_value_is_quoted_cut_with_an_ellipsis(capsys):
    line = _error(capsys, "compare", MPLS, "--vary", "calls=" + "9" * 5000)
    assert f"--vary calls={'9' * 39}…: " in line, line


# -- whole-number options read as --calls reads them -------------------------------------------------------------------

def _calc(capsys, *argv) -> dict:
    code, out, _err = _run(capsys, "calc", *argv, "--json")
    assert code == 0
    return json.loads(out)


def test_calc_byte_options_take_a_number_with_an_exponent(capsys):
    # G.711 at 20 ms: 160 B payload + 40 B RTP/UDP/IP + 10 B SRTP tag (sha1-80) + 4 B MKI = 214 B; + 10 B layer 2
    result = _calc(capsys, "--l2-bytes", "1e1", "--srtp", "sha1-80", "--srtp-mki", "4e0")
    assert (result["ip_packet_bytes"], result["frame_bytes"]) == (214, 224)


def test_calc_mpls_labels_take_a_number_with_an_exponent(capsys):
    result = _calc(capsys, "--mpls-labels", "2e0")  # two 4-byte labels in the provider core
    assert [(layer["name"], layer["bytes"]) for layer in result["core_layers"]] == [("MPLS label 1", 4),
                                                                                     ("MPLS label 2", 4)]


@pytest.mark.parametrize("argv, words", [
    # the option's own range, as for the same number in digits
    (["calc", "--mpls-labels", "1e3"], "advisor: error: --mpls-labels: MPLS labels must be a whole number from 0 to 8 "
                                       "(got 1,000)"),
    (["calc", "--vpn", "getvpn", "--getvpn-metadata", "1e3"],
     "advisor: error: --getvpn-metadata: GET VPN metadata must be a whole number from 0 to 64 (got 1,000)"),
    (["bom", MPLS, "--vpn-hubs", "1e1"], "advisor: error: --vpn-hubs 10: give 1 to 8"),
    (["calc", "--crtp", "3e0"], "advisor calc: error: argument --crtp: invalid choice: 3 (choose from 0, 2, 4)"),
    # what is no whole number, in --calls's words
    (["calc", "--l2-bytes", "1.5"], "advisor calc: error: argument --l2-bytes: expected a whole number of bytes, "
                                    "got '1.5'"),
    (["calc", "--mpls-labels", "inf"], "advisor calc: error: argument --mpls-labels: expected a whole number of "
                                       "labels, got 'inf'"),
    (["bom", MPLS, "--vpn-hubs=--"], "advisor bom: error: argument --vpn-hubs: expected a whole number of VPN hubs, "
                                     "got '--'"),
    (["calc", "--srtp-mki", "1e-400"], "advisor calc: error: argument --srtp-mki: '1e-400' is too close to 0 to read "
                                       "exactly (at least about 2.2e-308 apart from 0)"),
    (["calc", "--mpls-labels", "1e99999999999999999999"],
     "advisor calc: error: argument --mpls-labels: 1e99999999999999999999, far beyond any value this option takes"),
    (["exercises", "--count", "1e400"], "advisor exercises: error: argument --count: must be from 1 to 200, got a "
                                        "number of 401 digits"),
    (["exercises", "--seed", "9.3e18"], "advisor exercises: error: argument --seed: must be below 2^63 in size, got "
                                        "9300000000000000000"),
])
def test_whole_number_options_refuse_as_calls_refuses(capsys, argv, words):
    assert _error(capsys, *argv) == words


def test_calls_keeps_its_messages(capsys):
    assert _error(capsys, "calc", "--calls", "1.5") == ("advisor calc: error: argument --calls: expected a whole "
                                                         "number of calls, got '1.5'")
    assert _error(capsys, "calc", "--calls", "1e400") == ("advisor calc: error: argument --calls: 1e400 is beyond "
                                                           "what this tool sizes (at most 1,000,000,000,000,000)")


def test_bom_vpn_hubs_take_a_number_with_an_exponent(capsys):
    code, _out, err = _run(capsys, "bom", MPLS, "--vpn-hubs", "1e0", "--json")
    assert code == 0  # was "invalid int value: '1e0'"
    assert "--vpn-hubs has no effect" in err  # GET VPN: no hub routers, said as for --vpn-hubs 1


def test_exercises_count_and_seed_take_a_number_with_an_exponent(capsys):
    code, out, _err = _run(capsys, "exercises", "--count", "1e1", "--seed", "7e0", "--json")
    assert code == 0
    written = json.loads(out)["exercises"]
    assert len(written) == 10  # 1e1
    _code, same, _err = _run(capsys, "exercises", "--count", "10", "--seed", "7", "--json")
    assert json.loads(same)["exercises"] == written  # set 7e0 is set 7


def test_exercises_seed_is_read_exactly_past_a_float(capsys):
    # 9223372036854775807 (2^63 - 1) as a float is 2^63, which the seed's range refuses
    code, out, _err = _run(capsys, "exercises", "--count", "1", "--seed", "9223372036854775807e0", "--json")
    assert code == 0
    _code, same, _err = _run(capsys, "exercises", "--count", "1", "--seed", "9223372036854775807", "--json")
    assert out == same


def test_import_header_row_takes_a_number_with_an_exponent(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site,Users\nBern,10\nBasel,20\n", encoding="utf-8")
    code, _out, err = _run(capsys, "import", sites, "-o", tmp_path / "d.json", "--header-row", "1e0")
    assert code == 0, err  # was "'1e0' is not a row number"
    names = [site["name"] for site in json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["sites"]]
    assert names == ["Bern", "Basel"]
    assert _error(capsys, "import", sites, "-o", tmp_path / "e.json", "--header-row", "1.5") == \
        "advisor import: error: argument --header-row: '1.5' is not a row number"


@pytest.mark.parametrize("value", ["mpls-isolation", "2.2250738585072014e-308", "100.0000001"])
def test_compare_crtp_names_a_wrong_value_as_it_names_any_other(capsys, value):
    # before: a value longer than 9 characters was "crtp=…: a value of 14 characters" (its text hidden), while
    # 'recommend' (9) was "must be one of 0, 2 or 4"
    line = _error(capsys, "compare", MPLS, "--vary", f"crtp={value}")
    assert line == f"advisor: error: --vary crtp={value}: crtp: must be one of 0, 2 or 4"


@pytest.mark.parametrize("argv, words", [
    (["bom", MPLS, "--vpn-hubs", "1e400"], "advisor: error: --vpn-hubs a number of 401 digits: give 1 to 8"),
    (["configs", MPLS, "-o", "{tmp}", "--vpn-hubs", "-1e50"],
     "advisor: error: --vpn-hubs a negative number of 51 digits: give 1 to 8"),
])
def test_a_whole_number_far_out_of_range_is_named_by_its_digits(capsys, tmp_path, argv, words):
    # 1e400 read exactly is a 401-digit number: printed whole, it filled the message
    assert _error(capsys, *[str(a).replace("{tmp}", str(tmp_path / "out")) for a in argv]) == words
