"""Every exercise's answer is what the command line computes for its `given`: `advisor calc --json` for packets,
`advisor erlang --json` for Erlang B, `advisor check --json` for the design topics. Many seeds in-process through
`advisor.cli.main`, a sample through the real command line in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.cli import main
from advisor.exercises import generate

ROOT = Path(__file__).resolve().parents[2]
SEEDS = range(20)


def calc_args(given: dict) -> list[str]:
    args = ["calc", "--json"]
    for key, value in given.items():
        option = "--" + key.replace("_", "-")
        if key == "nat_t":
            args += [option] if value else []
        else:
            args += [option, str(value)]
    return args


def erlang_args(given: dict) -> list[str]:
    return ["erlang", "--json", *[x for k, v in given.items() for x in (f"--{k}", str(v))]]


def expected_from_check(ex, out: dict) -> dict:
    """The exercise's answer fields, read from a `check --json` object."""
    if ex.topic == "link":
        link = next(ln for ln in out["links"] if ln["id"] == ex.given["link"])
        return {k: link[k] for k in ("erlangs", "calls", "per_call_kbps", "kbps")}
    if ex.topic == "vpn":
        return {"technology": out["recommendation"]["technology"]}
    failing = sorted({f["code"] for f in out["findings"] if f["severity"] in ("error", "warning")})
    if ex.topic == "deployment":
        return {"model": out["model"], "findings": [c for c in failing if c.startswith("DEP-")]}
    return {"findings": failing}


def check_equal(answer: dict, expected: dict) -> None:
    assert answer.keys() == expected.keys()
    for key, value in expected.items():
        assert answer[key] == (pytest.approx(value, rel=1e-12) if isinstance(value, float) else value), key


def run_main(capsys, args: list[str]) -> dict:
    status = main(args)
    out = capsys.readouterr().out
    assert status in (0, 1), out
    return json.loads(out)


@pytest.mark.parametrize("seed", SEEDS)
def test_answers_match_the_command_line(seed, capsys, tmp_path):
    for ex in generate(12, seed):
        if ex.topic == "packet":
            out = run_main(capsys, calc_args(ex.given))
            check_equal(ex.answer, {k: out[k] for k in ex.answer})
        elif ex.topic == "erlang":
            out = run_main(capsys, erlang_args(ex.given))
            check_equal(ex.answer, {k: out[k] for k in ex.answer})
            assert all(out[k] == pytest.approx(v) for k, v in ex.given.items())
        else:
            path = tmp_path / f"{ex.id}.json"
            path.write_text(json.dumps(ex.given["design"]), encoding="utf-8")
            check_equal(ex.answer, expected_from_check(ex, run_main(capsys, ["check", "--json", str(path)])))


def cli(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "advisor", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.parametrize("seed", [101, 202])
def test_answers_match_the_real_command_line(seed, tmp_path):
    for ex in generate(6, seed):
        if ex.topic == "packet":
            out = cli(*calc_args(ex.given))
        elif ex.topic == "erlang":
            out = cli(*erlang_args(ex.given))
        else:
            path = tmp_path / f"{ex.id}.json"
            path.write_text(json.dumps(ex.given["design"]), encoding="utf-8")
            check_equal(ex.answer, expected_from_check(ex, cli("check", "--json", str(path))))
            continue
        check_equal(ex.answer, {k: out[k] for k in ex.answer})


def test_packet_given_uses_only_calc_option_names():
    names = {"codec", "ptime", "l2", "crtp", "srtp", "vpn", "ipsec_mode", "cipher", "integrity", "nat_t", "calls"}
    for seed in range(10):
        for ex in generate(6, seed, ("packet", "erlang")):
            if ex.topic == "packet":
                assert set(ex.given) <= names and {"codec", "ptime", "l2", "vpn", "calls"} <= set(ex.given)
                assert set(ex.answer) == {"ip_packet_bytes", "frame_bytes", "kbps", "total_kbps"}
            else:
                assert set(ex.given) | set(ex.answer) <= {"traffic", "trunks", "gos", "blocking"}
                assert len(ex.given) == 2 and len(ex.answer) == 1
