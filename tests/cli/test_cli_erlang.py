"""`advisor erlang` in a subprocess: the JSON contract (SPEC §4.2) and exit 2 with a message on bad input."""

from __future__ import annotations

import json

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
    assert "18 trunks" in proc.stdout


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
