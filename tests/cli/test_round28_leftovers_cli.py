"""Leftovers of the hostile-input round, on the command line: each refusal is one line on stderr, exit 2."""

from __future__ import annotations

EXAMPLE = "resources/examples/hq-12-branches-mpls.json"


def _one_line_error(proc) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_compare_refuses_a_codec_given_twice(cli):
    line = _one_line_error(cli("compare", EXAMPLE, "--vary", "codec=g711,g711"))
    assert line.endswith("--vary codec=g711,g711: g711 is given twice")


def test_compare_refuses_an_empty_value(cli):
    line = _one_line_error(cli("compare", EXAMPLE, "--vary", "codec=g711,,g729"))
    assert "--vary codec=g711,,g729: an empty value" in line


def test_calc_names_the_two_ilbc_modes(cli):
    line = _one_line_error(cli("calc", "--codec", "iLBC"))
    assert line.endswith("--codec: iLBC has two modes: ilbc-20 (15.2 kbps) or ilbc-30 (13.33 kbps); give one")


def test_import_with_a_column_letter_and_no_header_suggests_header_row(cli, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Alpha,10,2 Mbps\nBeta,20,2 Mbps\n", encoding="utf-8")
    line = _one_line_error(cli("import", str(sites), "-o", str(tmp_path / "out.json"), "--map", "B=users"))
    assert "no header row found" in line and "--header-row 1" in line
    assert "map its columns with --map" not in line


def test_import_reads_users_1e6_and_names_a_spreadsheet_error(cli, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site,Users\nAlpha,1e6\nBeta,#N/A\nGamma,-\n", encoding="utf-8")
    proc = cli("import", str(sites), "-o", str(tmp_path / "out.json"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Imported 2 sites from sites.csv (header on row 1); 1 row skipped.")
    assert "row 3, Users (B): the cell holds a spreadsheet error (#N/A), not a value; row skipped" in proc.stdout
    assert "hub: Alpha." in proc.stdout  # 1,000,000 users: the most
    assert "section heading" not in proc.stdout
