"""`advisor check`: the JSON contract, exit statuses, and messages for bad files (never a traceback)."""

import json
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_analysed(cli, example):
    proc = cli("check", str(example), "--json")
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    for key in ("model", "recommendation", "links", "sites", "findings"):
        assert key in out
    assert {"technology", "ranking"} <= set(out["recommendation"])
    for cand in out["recommendation"]["ranking"]:
        assert {"technology", "score", "reasons"} <= set(cand)
    for link in out["links"]:
        assert {"id", "calls", "kbps", "capacity_kbps", "utilization", "llq_share"} <= set(link)
    for f in out["findings"]:
        assert {"code", "severity", "subjects", "message", "rationale", "remedy"} <= set(f)
    errors = [f for f in out["findings"] if f["severity"] == "error"]
    assert proc.returncode == (1 if errors else 0)


def test_human_output_groups_findings_and_shows_links(cli):
    example = next(p for p in EXAMPLES if p.stem == "hq-12-branches-mpls")
    proc = cli("check", str(example))
    assert proc.returncode in (0, 1)
    assert "Deployment model: multisite with centralized call processing" in proc.stdout
    assert "INFOS" in proc.stdout and "VPN-RECOMMENDATION" in proc.stdout
    assert "l-br01" in proc.stdout and "per call" in proc.stdout and "signalling" in proc.stdout


def test_flawed_example_exits_1(cli):
    example = next(p for p in EXAMPLES if p.stem == "classroom-flawed-design")
    proc = cli("check", str(example), "--json")
    assert proc.returncode == 1
    codes = {f["code"] for f in json.loads(proc.stdout)["findings"]}
    assert {"SEC-SRTP-WITHOUT-TLS", "VPN-GETVPN-PUBLIC", "VPN-LEGACY-CRYPTO", "BW-CRTP-INVALID"} <= codes


@pytest.mark.parametrize("content, expected", [
    ("{not json", "not valid JSON"),
    ('{"sites": [{"id": "a", "users": -1}]}', "sites[0].users: must be ≥ 0"),
    ('{"schema_version": 99}', "newer than this advisor"),
    ('{"links": [{"id": "l", "a": "x", "b": "y"}]}', "links[0].a: unknown site or cloud 'x'"),
])
def test_bad_files_exit_2_with_a_message(cli, tmp_path, content, expected):
    p = tmp_path / "bad.json"
    p.write_text(content)
    proc = cli("check", str(p))
    assert proc.returncode == 2
    assert expected in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_file_exits_2(cli, tmp_path):
    proc = cli("check", str(tmp_path / "missing.json"))
    assert proc.returncode == 2 and "cannot be read" in proc.stderr


def test_version_and_help(cli):
    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("advisor ")
    for sub in ("calc", "erlang", "codecs", "check", "report"):
        proc = cli(sub, "--help")
        assert proc.returncode == 0 and "usage:" in proc.stdout
