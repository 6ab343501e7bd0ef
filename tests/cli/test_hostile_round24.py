"""Hostile input, round 24, on the command line: legal values in combination.

`advisor check` showed a voice share of 33.02 % as "33.0" beside "above priority-queue share" and a utilization of
100.02 % as "100.0" beside "overloaded"; its "VPN:" line named the design-wide technology when every link ran the
technologies set on their clouds; `advisor bom` printed limit-table file names ("[cluster_limits.json]") in its
sources, which `explain` and the PDF leave out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"


def invoke(capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err
    return code, out.out, out.err


def _two_sites(capacity: float) -> dict:
    """An HQ and a 20-user branch on one cloud, no VPN: G.711 at 20 ms over Ethernet, 87.20 kbps a call."""
    return {"vpn": {"technology": "none", "privacy_required": False},
            "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}, {"id": "br", "users": 20}],
            "clouds": [{"id": "m", "kind": "mpls"}],
            "links": [{"id": "l-hq", "a": "hq", "b": "m", "capacity_kbps": 100_000},
                      {"id": "l-br", "a": "br", "b": "m", "capacity_kbps": capacity}]}


def _branch_row(capsys, tmp_path, share: float, field: str) -> list[str]:
    """The branch link's row of the capacity table, its capacity set so `field` ('voice' or 'total') is `share`."""
    path = tmp_path / "d.json"
    path.write_text(json.dumps(_two_sites(100_000)))
    code, out, _ = invoke(capsys, "check", str(path), "--json")
    link = next(r for r in json.loads(out)["links"] if r["id"] == "l-br")
    assert link["per_call_kbps"] == pytest.approx(87.2)
    path.write_text(json.dumps(_two_sites(link["voice_kbps" if field == "voice" else "kbps"] / share)))
    code, out, _ = invoke(capsys, "check", str(path))
    capacity = out[out.index("Capacity per link"):]
    return next(line for line in capacity.splitlines() if line.startswith("l-br ")).split()


def test_check_shows_a_voice_share_above_the_limit_as_above_it(capsys, tmp_path):
    row = _branch_row(capsys, tmp_path, 0.3302, "voice")
    assert row[-4:] == ["33.02", "above", "priority-queue", "share"]


def test_check_shows_an_overloaded_utilization_above_100(capsys, tmp_path):
    row = _branch_row(capsys, tmp_path, 1.0002, "total")
    assert row[-3] == "100.02" and row[-1] == "overloaded"


def test_check_names_the_technology_every_link_uses(capsys, tmp_path):
    path = tmp_path / "hybrid.json"
    path.write_text(json.dumps({
        "vpn": {"technology": "flexvpn"},
        "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}, {"id": "b1", "users": 20},
                  {"id": "b2", "users": 20}],
        "clouds": [{"id": "m", "kind": "mpls", "technology": "dmvpn"},
                   {"id": "i", "kind": "internet", "technology": "dmvpn"}],
        "links": [{"id": "l-hq-m", "a": "hq", "b": "m"}, {"id": "l-hq-i", "a": "hq", "b": "i"},
                  {"id": "l-b1", "a": "b1", "b": "m"}, {"id": "l-b2", "a": "b2", "b": "i"}]}))
    _code, out, _ = invoke(capsys, "check", str(path))
    assert "\nVPN: DMVPN\n" in out  # not 'VPN: FlexVPN (IKEv2)': no link runs it


def test_bom_sources_name_no_limit_table_file(capsys):
    code, out, _ = invoke(capsys, "bom", str(EXAMPLE))
    assert code == 0
    assert "Source: " in out
    assert ".json]" not in out
