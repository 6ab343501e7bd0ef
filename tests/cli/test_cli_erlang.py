"""`advisor erlang` in a subprocess: the JSON contract (SPEC §4.2) and exit 2 with a message on bad input."""

from __future__ import annotations

import json
import re

import pytest


def _json(cli, *args: str) -> dict:
    proc = cli("erlang", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


def test_trunks_for_traffic_json(cli):
    # SPEC §3.2: 10 E at 1 % needs 18 trunks.
    assert _json(cli, "--traffic", "10", "--gos", "0.01") == {"traffic": 10.0, "gos": 0.01, "trunks": 18}


def test_traffic_for_trunks_json_accepts_percent(cli):
    # SPEC §3.2: 15 trunks at 1 % carry 8.108 E.
    out = _json(cli, "--trunks", "15", "--gos", "1%")
    assert set(out) == {"trunks", "gos", "traffic"}
    assert (out["trunks"], out["gos"]) == (15, 0.01)
    assert out["traffic"] == pytest.approx(8.108, abs=5e-4)


def test_blocking_json(cli):
    # Erlang B table: 18 trunks carry 10.44 E at 1 %, so 10 E on 18 trunks blocks a little under 1 % (0.714 %).
    out = _json(cli, "--traffic", "10", "--trunks", "18")
    assert set(out) == {"traffic", "trunks", "blocking"}
    assert out["blocking"] == pytest.approx(0.00714, abs=1e-5)


def test_text_output(cli):
    proc = cli("erlang", "--traffic", "10", "--gos", "0.01")
    assert proc.returncode == 0
    assert proc.stdout.startswith("10.000 E at 1 % blocking needs 18 trunks")
    # 15 trunks at 1 %: 8.108 E (Erlang B table), Erlangs with three decimals.
    assert cli("erlang", "--trunks", "15", "--gos", "1%").stdout == "15 trunks at 1 % blocking carry 8.108 E\n"


def test_large_values_read_with_thousands_separators(cli):
    """10^6 E at 1 %: carried traffic A × (1 − B) = 990,000 E needs at least 990,000 trunks, and 10^6 trunks
    (one per Erlang) block far less than 1 % at this size, so the answer lies between the two: 990,xxx trunks."""
    out = cli("erlang", "--traffic", "1e6", "--gos", "0.01").stdout
    assert out.startswith("1,000,000 E at 1 % blocking needs 990,")
    assert re.match(r"1,000,000 E at 1 % blocking needs 990,\d{3} trunks", out)
    carried = cli("erlang", "--trunks", "1000000", "--gos", "0.01").stdout
    # N = 10^6 trunks carry a little more than 10^6 E at 1 % (the large-group efficiency): 1,0xx,xxx E, no decimals.
    assert re.fullmatch(r"1,000,000 trunks at 1 % blocking carry 1,0\d\d,\d{3} E\n", carried)
    for text in (out, carried):
        assert "e+" not in text


def test_blocking_text_is_a_percent(cli):
    # Erlang B: 10 E on 18 trunks blocks 0.714 % (18 trunks carry 10.437 E at exactly 1 %).
    assert cli("erlang", "--traffic", "10", "--trunks", "18").stdout == "10.000 E offered to 18 trunks: blocking 0.7142 %\n"
    # 1 E on 20 trunks: B = (1/20!) / Σ(k=0..20) 1/k! ≈ 1.5 × 10^-19, far below what a percent with digits can show.
    assert "less than 0.000000001 %" in cli("erlang", "--traffic", "1", "--trunks", "20").stdout


@pytest.mark.parametrize(("args", "named"), [
    (["--traffic", "10"], "give exactly two"),
    (["--gos", "0.01"], "give exactly two"),
    ([], "give exactly two"),
    (["--traffic", "10", "--trunks", "18", "--gos", "0.01"], "give exactly two"),
    (["--traffic", "ten", "--gos", "0.01"], "--traffic"),
    (["--traffic=-3", "--gos", "0.01"], "--traffic"),
    (["--traffic", "nan", "--gos", "0.01"], "--traffic"),
    (["--traffic", "10", "--gos", "1.5"], "--gos"),
    (["--traffic", "10", "--gos", "0"], "--gos"),
    (["--traffic", "10", "--gos", "abc"], "--gos"),
    (["--trunks", "2.5", "--gos", "0.01"], "--trunks"),
    (["--trunks=-1", "--gos", "0.01"], "--trunks"),
    (["--trunks", "1e12", "--gos", "0.01"], "--trunks"),
])
def test_bad_input_exits_2_naming_the_option(cli, args, named):
    proc = cli("erlang", *args)
    assert proc.returncode == 2
    assert named in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_no_traffic_needs_no_trunk_without_claiming_full_blocking(cli):
    # It read "needs 0 trunks (blocking with 0: 100 %)": B(0, 0) = 1 by convention, yet 0 E needs no trunk.
    proc = cli("erlang", "--traffic", "0", "--gos", "0.5")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "0.000 E at 50 % blocking needs 0 trunks (no traffic offered)"
