"""`advisor explain`: through `advisor.cli.main`, with its error handling; plus the real command line in a subprocess."""

from __future__ import annotations

import json

import pytest

from advisor import cli

from .conftest import EXAMPLES, ROOT

MPLS = str(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json")


@pytest.fixture
def run(capsys):
    def invoke(*argv: str) -> tuple[int, str, str]:
        status = cli.main(["explain", *argv])
        out = capsys.readouterr()
        return status, out.out, out.err
    return invoke


def test_link_by_id_prints_the_worked_example(run):
    status, out, err = run(MPLS, "--link", "l-br01")
    assert status == 0 and not err
    assert ("Zürich – Provider MPLS VPN: 7 calls (Erlang B, 1.965 E at 1 %) × 55.20 kbps + 2.28 kbps signalling "
            "= 388.68 kbps") in out
    assert "kbps with layer 2 = 138 B × 8 × 50 pps / 1,000 = 55.20 kbps" in out  # G.729 under GET VPN
    assert "sources: Cisco Unified Communications SRND" in out


def test_site_by_name_and_json(run):
    status, out, _ = run(MPLS, "--site", "Zürich", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["design"] == "HQ + 12 branches on MPLS VPN"
    figures = {e["figure"]: e for e in data["explanations"]}
    assert set(figures) == {"erlangs", "pstn_trunks", "signalling_kbps"}
    # 24 users × 2 calls/h × 180 s / 3600 = 2.4 E
    assert figures["erlangs"]["result"]["value"] == pytest.approx(2.4)


def test_all_links_and_sites_without_an_option(run):
    status, out, _ = run(MPLS)
    assert status == 0
    assert out.count(": bandwidth per direction") == 13 and out.count(": busy-hour traffic\n") == 13


def test_finding_code_with_reasons_for_the_recommendation(run):
    status, out, _ = run(MPLS, "--finding", "vpn-recommendation")
    assert status == 0
    assert "VPN-RECOMMENDATION (info)" in out and "GET VPN: a reason for" in out
    assert "“GET VPN usage is especially recommended on private WANs" in out
    assert "VPN-R" not in out.replace("VPN-RECOMMENDATION", "")


def test_bad_input_gets_one_line_and_status_2(run, tmp_path):
    status, out, err = run(MPLS, "--link", "l-nowhere")
    assert status == 2 and err.startswith("advisor: error: --link: no link 'l-nowhere'") and not out
    assert len(err.strip().splitlines()) == 1
    status, _, err = run(MPLS, "--finding", "BW-FOO")
    assert status == 2 and "'BW-FOO' is not a finding code" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"sites": [{"id": "a", "users": -1}]}', encoding="utf-8")
    status, _, err = run(str(bad))
    assert status == 2 and "sites[0].users" in err and "Traceback" not in err


def test_absent_code_is_a_note_not_an_error(run):
    status, out, err = run(MPLS, "--finding", "BW-LINK-OVERLOAD", "--json")
    assert status == 0 and json.loads(out)["explanations"] == []
    assert "has no BW-LINK-OVERLOAD finding" in err


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_through_the_real_command_line(cli, example):
    proc = cli("explain", str(example), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["explanations"] or "single-site" in example.stem
