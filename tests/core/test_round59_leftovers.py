"""Three leftovers of the last hostile round. Each defect found, as the short sequence that shows it.

- `configs` of a branch whose links reach no call processing (Ljubljana and Porto joined by a leased line to each
  other only, or Ljubljana alone on an Internet cloud of its own) said "24 phones; 1 WAN link; GET VPN; branch
  registering across the WAN." and, in its SRST part, "24 SCCP phones register across the WAN; during an outage
  …": its phones have nowhere to register, as `check` says of the same site.
- `exercises --topics packet,,erlang` (or `packet,`) was taken as `packet,erlang`, the empty topic dropped without a
  word, where `compare --vary codec=g711,,g729` refuses the empty value.
- `scenarios_from_vary([("ptime", ["20", "20"])])` named two options 'ptime=20'; `[("calls", ["0.000…01",
  "0.000…02"])]` (values of 198 characters) named both 'calls=0.0000…' once cut to 200 characters: two columns
  headed alike for any caller but the command line, which refused them. Names are now always different: a name
  too long writes its numbers in the fewest digits (1e-196), and one still alike gets ' (2)'.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pytest

from advisor import scenario_options, scenarios
from advisor.cli import main
from tests.cli.inprocess import changed_copy

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MPLS = EXAMPLES / "hq-12-branches-mpls.json"  # HQ (call processing) and 12 branches on one MPLS cloud, GET VPN
CANNOT = "branch without call processing of its own: its phones cannot register."


def _run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse refuses by SystemExit
        code = exc.code
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "internal error" not in err
    return code, out, err


# -- configs: a branch with links but no path to call processing ----------------------------------------------------

_design = partial(changed_copy, MPLS)  # (tmp_path, change[, name]): the MPLS example changed, written there


def _island(data: dict) -> None:
    """Ljubljana (br05) and Porto (br06) off the cloud, joined by a leased line to each other only."""
    access = next(ln for ln in data["links"] if ln["a"] == "br05")
    data["links"] = [ln for ln in data["links"] if ln["a"] not in ("br05", "br06")]
    data["links"].append(dict(access, id="l-island", a="br05", b="br06"))


def _alone_on_a_cloud(data: dict) -> None:
    """Ljubljana's access link moved to an Internet cloud no other site is on."""
    data["clouds"].append({"id": "inet", "name": "Internet", "kind": "internet"})
    for ln in data["links"]:
        if ln["a"] == "br05":
            ln["b"] = "inet"


def _to_the_hq(data: dict) -> None:
    """Ljubljana off the cloud, on a leased line to the HQ (which has the call processing)."""
    for ln in data["links"]:
        if ln["a"] == "br05":
            ln["b"] = "hq"


def _banner_and_srst(capsys, path: Path, site: str) -> tuple[str, str]:
    code, out, err = _run(capsys, "configs", "--site", site, path)
    assert code == 0, err
    lines = out.splitlines()
    banner = " ".join(line.removeprefix("! ") for line in lines[3:5])
    at = next(i for i, line in enumerate(lines) if line.startswith("! Survivability:"))
    srst = " ".join(line.removeprefix("! ") for line in lines[at + 2:at + 4])
    return banner, srst


@pytest.mark.parametrize("change, site, wan", [
    (_island, "br05", "1 WAN link; GET VPN"),
    (_island, "br06", "1 WAN link; GET VPN"),
    (_alone_on_a_cloud, "br05", "1 WAN link; FlexVPN (IKEv2)"),
])
def test_configs_of_a_branch_reaching_no_call_processing_says_its_phones_cannot_register(capsys, tmp_path, change,
                                                                                         site, wan):
    banner, srst = _banner_and_srst(capsys, _design(tmp_path, change), site)
    assert banner.endswith(f"; {wan}; {CANNOT}"), banner  # was "branch registering across the WAN."
    assert "register across the WAN;" not in srst
    assert srst.startswith(f"{'24' if site == 'br05' else '40'} SCCP phones have no WAN path to call processing, "
                           "so they cannot register across the WAN"), srst


@pytest.mark.parametrize("change, site", [(_island, "br04"), (_to_the_hq, "br05")])
def test_configs_of_a_branch_reaching_call_processing_registers_across_the_wan(capsys, tmp_path, change, site):
    banner, srst = _banner_and_srst(capsys, _design(tmp_path, change), site)
    assert banner.endswith("; branch registering across the WAN."), banner
    assert "SCCP phones register across the WAN; during an outage Unified SRST" in srst


# -- exercises --topics: an empty topic between commas ----------------------------------------------------------------

@pytest.mark.parametrize("topics, at", [("packet,,erlang", 2), ("packet,", 2), (",packet", 1),
                                        ("packet, ,erlang", 2), ("erlang,vpn,,", 3)])
def test_exercises_refuses_an_empty_topic_naming_it(capsys, topics, at):
    code, out, err = _run(capsys, "exercises", "--count", "2", "--topics", topics, "--json")
    assert (code, out) == (2, "")  # was exit 0, the empty topic dropped
    assert err.splitlines() == [f"advisor: error: --topics {topics}: topic {at} is empty (two commas with nothing "
                                "between, or a comma at an end): remove it"]


def test_exercises_takes_topics_without_an_empty_one(capsys):
    code, out, _err = _run(capsys, "exercises", "--count", "2", "--topics", "packet, erlang", "--json")
    assert code == 0
    assert [ex["topic"] for ex in json.loads(out)["exercises"]] == ["packet", "erlang"]


# -- scenarios_from_vary: every name different ---------------------------------------------------------------------

def _names(varied) -> list[str]:
    return [s.name for s in scenarios.scenarios_from_vary(varied)]


def test_a_value_given_twice_makes_two_names():
    assert _names([("ptime", ["20", "20"])]) == ["ptime=20", "ptime=20 (2)"]  # was 'ptime=20' twice
    assert _names([("codec", ["g711", "g729", "g711"])]) == ["codec=g711", "codec=g729", "codec=g711 (2)"]


def test_long_numbers_are_named_in_their_fewest_digits():
    one, two = "0." + "0" * 195 + "1", "0." + "0" * 195 + "2"  # 10^-196 and 2 · 10^-196
    assert _names([("calls", [one, two])]) == ["calls=1e-196", "calls=2e-196"]  # was 'calls=0.000…' twice
    assert _names([("calls", [one]), ("codec", ["g711", "g729"])]) == ["calls=1e-196, codec=g711",
                                                                      "calls=1e-196, codec=g729"]
    # a share in percent keeps its '%': 12.5000…0 % is 12.5 %
    assert _names([("gos", ["12." + "5" + "0" * 200 + "%"])]) == ["gos=12.5%"]


def test_names_cut_alike_are_told_apart_within_the_longest_name(monkeypatch):
    monkeypatch.setattr(scenario_options, "MAX_NAME", 16)  # as 200 characters, with short values
    names = _names([("codec", ["g711"]), ("calls", ["0.5", "0.6", "0.7"])])
    # 'codec=g711, calls=0.5' is 21 characters: cut to 15 and '…', the same for all three; with ' (2)' (4
    # characters) the rest is cut to 11 and '…'
    assert names == ["codec=g711, cal…", "codec=g711,… (2)", "codec=g711,… (3)"]
    assert all(len(name) <= 16 for name in names)


def test_ordinary_names_are_as_written():
    assert _names(scenarios.parse_vary(["ptime=20,40.000000000000", "gos=1%"])) == [
        "ptime=20, gos=1%", "ptime=40.000000000000, gos=1%"]
    assert _names(scenarios.parse_vary(["vpn.internet=dmvpn", "calls=0.50"])) == ["vpn.internet=dmvpn, calls=0.50"]
