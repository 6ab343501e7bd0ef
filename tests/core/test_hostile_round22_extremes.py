"""Hostile input, round 22: valid designs at the edges of what the schema accepts.

A grade of service, holding time, calls per user or signalling rate near the bottom of its range was printed in
exponent notation by `advisor explain` and the options' descriptions ("18.750 E at 1e-10 %", "1e-09 s"), and a
blocking below 0.000000001 % set against a grade of service smaller still read "less than 0.000000001 % >
1e-10 %: 56 are too few". An option's grade of service was rounded to one decimal: 0.999999 read "100.0 %" and
1e-12 read "0.0 %".
"""

from __future__ import annotations

import json
import re

import pytest

from advisor import numbers
from advisor.cli import main
from advisor.explain import erlang as explain_erlang
from advisor.model import Scenario
from advisor.report.options import describe

_EXPONENT = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize(("value", "text"), [
    (180.0, "180"), (0.005, "0.005"), (1e-9, "0.000000001"), (1e-12, "0.000000000001"),
    (36000.0, "36000"), (1234567.0, "1234570"), (5e-15, "5 × 10⁻¹⁵"), (0.0, "0"),
])
def test_a_setting_is_never_written_in_exponent_notation(value, text):
    assert numbers.setting(value) == text


def test_trunks_for_a_tiny_grade_of_service_read_in_plain_decimals():
    # B(1 E, n) = (1/n!) / Σ_{k≤n} 1/k!; the sum is e to 10 digits from n = 13 on.
    # B(1, 14) = 1 / (87,178,291,200 × 2.718281828) = 4.220e-12 > 1e-12; B(1, 15) = 4.220e-12 / 15 ≈ 2.813e-13.
    lines = explain_erlang.trunks(1.0, 1e-12, with_steps=False).lines
    assert lines[0] == "the fewest trunks n with B(1.000 E, n) ≤ 0.0000000001 %"
    assert lines[-2] == "B(1.000 E, 14) = 0.000000000422 % > 0.0000000001 %: 14 are too few"
    assert lines[-1] == "B(1.000 E, 15) = 0.00000000002813 % ≤ 0.0000000001 %: n = 15"


def test_trunks_for_a_grade_of_service_of_one_in_a_billion():
    # 1e-9 is 0.0000001 %; B(1, 11) = 1 / (39,916,800 × 2.718281828) = 9.216e-9, B(1, 12) = 9.216e-9 / 12 = 7.68e-10
    lines = explain_erlang.trunks(1.0, 1e-9, with_steps=False).lines
    assert lines[-2] == "B(1.000 E, 11) = 0.0000009216 % > 0.0000001 %: 11 are too few"
    assert lines[-1] == "B(1.000 E, 12) = 0.0000000768 % ≤ 0.0000001 %: n = 12"


def _design(tmp_path, **traffic):
    policy = {"intra_site_share": 0.5, "on_net_share": 0.3, "pstn_share": 0.2, **traffic}
    design = {"traffic": policy, "clouds": [{"id": "wan"}],
              "sites": [{"id": "hq", "kind": "hq", "users": 500, "cucm_publisher": True},
                        {"id": "s1", "users": 50}],
              "links": [{"id": "l0", "a": "hq", "b": "wan"}, {"id": "l1", "a": "s1", "b": "wan"}]}
    path = tmp_path / "extreme.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    return str(path)


def _explained(capsys, argv) -> str:
    assert main(argv) == 0
    out = capsys.readouterr().out
    # the steps of the Erlang B recurrence ("  B(13) = 1.000 × 7.680130e-10 / …") keep their own notation
    return "\n".join(line for line in out.splitlines() if not line.lstrip().startswith("B(") or "=" not in line
                      or " × " not in line)


def test_explain_a_link_at_a_tiny_grade_of_service(tmp_path, capsys):
    out = _explained(capsys, ["explain", _design(tmp_path, gos=1e-12), "--link", "l1"])
    assert "at 0.0000000001 %)" in out  # 1e-12 = 1e-10 %
    assert "grade of service 0.0000000001 % blocking" in out
    assert not _EXPONENT.search(out), out
    assert "less than" not in out  # every blocking is set against a smaller grade of service, digit by digit


def test_explain_a_site_with_a_tiny_holding_time_and_signalling(tmp_path, capsys):
    path = _design(tmp_path, holding_time_s=1e-9, signalling_bps_per_phone=1e-9)
    out = _explained(capsys, ["explain", path, "--site", "s1"])
    # A = 50 users × 2 calls/h × 1e-9 s / 3600
    assert "A = 50 users × 2 calls/h × 0.000000001 s / 3,600" in out
    assert "signalling = 50 phones × 0.000000001 bps" in out
    assert not _EXPONENT.search(out.split("signalling = 50 phones × 0.000000001 bps")[0]), out


@pytest.mark.parametrize(("fields", "words"), [
    ({"gos": 0.999999}, "grade of service 99.9999 %"),  # below 100 %: not "100.0 %"
    ({"gos": 1e-12}, "grade of service 0.0000000001 %"),  # not "0.0 %"
    ({"gos": 0.01}, "grade of service 1 %"),
    ({"calls_per_user": 1e-9}, "0.000000001 busy-hour calls per user"),
])
def test_an_options_settings_read_as_set(fields, words):
    assert describe(Scenario(name="x", **fields)) == words


def test_explain_works_out_each_blocking_once(tmp_path, capsys, monkeypatch):
    """2,000 branches sending their own 50,000 E to a central PSTN gateway: `advisor explain` ran the same
    50,000-step Erlang B recurrence eight times per link (34 s). Links that carry the same traffic share it."""
    from advisor import erlang

    asked: list[tuple[float, int]] = []
    real = erlang.blocking_series

    def counted(a: float, ks) -> dict[int, float]:
        ks = list(ks)
        asked.append((a, max(ks)))
        return real(a, ks)

    monkeypatch.setattr(erlang, "blocking_series", counted)
    explain_erlang.forget()
    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}]
    sites += [{"id": f"b{i}", "users": 50} for i in range(20)]  # 20 links with the same offered traffic
    design = {"clouds": [{"id": "wan"}], "sites": sites,
              "links": [{"id": f"l-{s['id']}", "a": s["id"], "b": "wan"} for s in sites]}
    path = tmp_path / "same.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    assert main(["explain", str(path)]) == 0
    capsys.readouterr()
    assert asked
    assert len(asked) == len(set(asked))
