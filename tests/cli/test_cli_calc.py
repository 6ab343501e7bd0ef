"""`advisor calc` and `advisor codecs` through the real command line (subprocess): JSON contract, errors, imports."""

import json
import subprocess
import sys

import pytest

from advisor.codecs import codec_ids


def calc_json(cli, *args: str) -> dict:
    proc = cli("calc", "--json", *args)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_json_contract_v3pn_g729(cli):
    # Cisco V3PN SRND: G.729 under GRE over IPsec (3DES + SHA1-96, tunnel mode) is 136 B and 54.4 kbps at layer 3.
    out = calc_json(cli, "--codec", "G.729", "--vpn", "gre-ipsec", "--ipsec-mode", "tunnel", "--cipher", "3des",
                    "--integrity", "sha1-96", "--calls", "10")
    assert out["payload_bytes"] == 20 and out["packets_per_second"] == 50
    assert out["ip_packet_bytes"] == 136 and out["frame_bytes"] == 154
    assert out["kbps_ip"] == pytest.approx(54.4) and out["kbps"] == pytest.approx(61.6)
    assert out["overhead_bytes"] == 76 and out["max_overhead_bytes"] == 81
    assert out["total_kbps"] == pytest.approx(616.0)
    assert [layer["name"] for layer in out["layers"]][:3] == ["Ethernet header", "IPv4 header (ESP tunnel, outer)",
                                                               "ESP header"]
    assert sum(layer["bytes"] for layer in out["layers"]) == out["frame_bytes"]


def test_json_defaults_g711_ethernet(cli):
    out = calc_json(cli)  # Cisco TAC doc 7934: G.711, 20 ms, Ethernet = 87.2 kbps
    assert out["codec"] == "g711" and out["kbps"] == pytest.approx(87.2) and out["l2"] == "ethernet"
    assert out["overhead_bytes"] == 0 and out["max_overhead_bytes"] == 0


def test_l2_bytes_alone_means_custom_and_crtp_on_serial(cli):
    out = calc_json(cli, "--codec", "g729", "--l2-bytes", "7", "--crtp", "2")
    assert out["l2"] == "custom" and out["frame_bytes"] == 29  # doc 7934: 11.6 kbps
    assert out["kbps"] == pytest.approx(11.6)


def test_seed_worst_case_97_and_77(cli):
    # the seed: GRE over IPsec adds up to 97 B (tunnel) / 77 B (transport) with AES + SHA1-96.
    assert calc_json(cli, "--vpn", "gre-ipsec", "--ipsec-mode", "tunnel")["max_overhead_bytes"] == 97
    assert calc_json(cli, "--vpn", "gre-ipsec", "--ipsec-mode", "transport")["max_overhead_bytes"] == 77


def test_human_output_has_the_layer_table_totals_and_convention(cli):
    proc = cli("calc", "--codec", "g729", "--vpn", "dmvpn", "--calls", "4", "--explain")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("G.729 (g729), 20 ms, 50.00 packets/s")
    assert "mGRE header" in out and "ESP padding" in out
    assert "kbps at layer 3       54.40 kbps" in out  # 136 B × 8 × 50 / 1000
    assert "total, 4 calls" in out and "246.40 kbps" in out  # 154 B frame → 61.60 kbps × 4
    assert "Ethernet: 14 header + 4 FCS = 18 B" in out
    assert "pad(x) = ceil((68 + 2) / 16) × 16 = 80 B" in out


@pytest.mark.parametrize("args, option", [
    (["--ptime", "15"], "--ptime"),
    (["--ptime", "nan"], "--ptime"),
    (["--ptime", "abc"], "--ptime"),
    (["--codec", "speex"], "--codec"),
    (["--crtp", "2"], "--crtp"),
    (["--crtp", "2", "--l2", "ppp", "--vpn", "gre-ipsec"], "--crtp"),
    (["--nat-t"], "--nat-t"),
    (["--vpn", "getvpn", "--nat-t"], "--nat-t"),
    (["--vpn", "getvpn", "--ipsec-mode", "transport"], "--ipsec-mode"),
    (["--l2", "custom"], "--l2-bytes"),
    (["--l2-bytes", "-1"], "--l2-bytes"),
    (["--l2", "token-ring"], "--l2"),
    (["--vpn", "l2tp"], "--vpn"),
    (["--bitrate", "24"], "--bitrate"),
    (["--codec", "opus", "--bitrate", "900"], "--bitrate"),
    (["--srtp-mki", "4"], "--srtp-mki"),
    (["--calls", "-2"], "--calls"),
    (["--calls", "two"], "--calls"),
    (["--mpls-labels", "99"], "--mpls-labels"),
])
def test_bad_input_exits_2_naming_the_option(cli, args, option):
    proc = cli("calc", *args)
    assert proc.returncode == 2, proc.stdout
    assert option in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_codecs_table_and_json(cli):
    proc = cli("codecs")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["id", "name", "rate"]
    for cid in codec_ids():
        assert any(line.startswith(cid + " ") for line in lines), cid
    assert "24 B" in next(line for line in lines if line.startswith("g723.1-6.3"))
    data = json.loads(cli("codecs", "--json").stdout)
    assert [c["id"] for c in data] == codec_ids()
    assert all(c["source"] for c in data)
    assert next(c for c in data if c["id"] == "g729")["aliases"][:2] == ["G.729", "G729"]


def test_calc_path_does_not_import_qt_pyqtgraph_or_reportlab():
    code = ("import sys, io, contextlib\nfrom advisor.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    assert main(['calc', '--json']) == 0\n    assert main(['codecs']) == 0\n"
            "bad = [m for m in ('PySide6', 'pyqtgraph', 'reportlab') if m in sys.modules]\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("args, option", [
    (["--cipher", "3des"], "--cipher"),
    (["--vpn", "gre", "--integrity", "none"], "--integrity"),
    (["--gre-key"], "--gre-key"),
    (["--vpn", "ipsec", "--getvpn-metadata", "12"], "--getvpn-metadata"),
])
def test_options_that_do_not_apply_change_nothing_and_are_noted(cli, args, option):
    # Scripts pass one fixed option set for every row of a table: irrelevant options must not fail the row.
    base = calc_json(cli, *[a for a in args if a in ("--vpn", "gre", "ipsec")])
    proc = cli("calc", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    assert option in proc.stderr and "no effect" in proc.stderr
    assert json.loads(proc.stdout)["ip_packet_bytes"] == base["ip_packet_bytes"]


def test_l2_bytes_overrides_a_named_layer_2(cli):
    # MP/FRF.12 counted as 6 B (some published tables) instead of Cisco's 7: G.711 20 ms = (200 + 6) × 8 × 50.
    proc = cli("calc", "--l2", "ppp", "--l2-bytes", "6", "--json")
    assert proc.returncode == 0 and "replaces" in proc.stderr
    assert json.loads(proc.stdout)["kbps"] == pytest.approx(82.4)


def test_large_totals_use_si_units_and_thousands_separators(cli):
    # Cisco TAC doc 7934: G.729, 20 ms, Ethernet = 31.2 kbps per call; 10^12 calls = 31.2 × 10^15 kbps
    # = 31.2 × 10^18 bps = 31.2 Pbps (SI units from 10^9 kbps on), and the count reads 1,000,000,000,000.
    proc = cli("calc", "--codec", "g729", "--calls", "1e12")
    assert proc.returncode == 0, proc.stderr
    total = next(line for line in proc.stdout.splitlines() if line.startswith("total,"))
    assert total.startswith("total, 1,000,000,000,000 calls") and "31.2 Pbps" in total
    assert "e+" not in proc.stdout and "31200000000000" not in proc.stdout
    # 10^6 calls: 31,200,000.00 kbps, below the SI threshold, with separators.
    proc = cli("calc", "--codec", "g729", "--calls", "1000000")
    assert "total, 1,000,000 calls  31,200,000.00 kbps" in proc.stdout


def test_calls_json_keeps_raw_numbers(cli):
    out = calc_json(cli, "--codec", "g729", "--calls", "1e12")
    assert out["calls"] == 10**12 and out["total_kbps"] == pytest.approx(31.2e12)


@pytest.mark.parametrize("value, words", [("2.5", "whole number"), ("1e16", "at most 1,000,000,000,000,000"),
                                          ("inf", "whole number")])
def test_calls_must_be_a_whole_number_within_reach(cli, value, words):
    proc = cli("calc", "--calls", value)
    assert proc.returncode == 2 and "--calls" in proc.stderr and words in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""
