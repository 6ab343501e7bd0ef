"""Hostile input, round 51, on the command line: figures as the house style and the user's own input read.

- `report` and `exercises` said a large file's size without thousands separators: "wrote big.pdf (1623 KB)".
- `erlang` echoed the traffic and the grade of service the user gave by the display rule for results, which
  rounded them: `--traffic 0.0005 --trunks 1` read "0.001 E offered to 1 trunk" (twice the traffic, beside its
  blocking), `--traffic 12345.5` "12,346 E", `--gos 0.012345` "1.235 %", `--gos 0.999999` "more than 99.99 %".
- `compare --vary` named a value's problem by the design file's field names: "ptime_ms: must be ≤ 200",
  "calls_per_user: …", "transports.mpls: …", "technology: …".
- `import` of a sheet longer than what is read said "20,000 sites …; 29 rows skipped", as if the file held 20,029
  rows; the rows not read were said only further down.
- `configs --site ''` said "no such site in the design", as if a site could be named so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_hostile_round48_cli import _run

ROOT = Path(__file__).resolve().parents[2]
DESIGN = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"


def test_report_groups_the_size_of_a_large_pdf(tmp_path, capsys, monkeypatch):
    import advisor.report

    def write_pdf(design, results, out, progress=None):  # the document, written into the file as it is saved
        out.write(b"%PDF" * 415_488)
        return 4 * 415_488

    monkeypatch.setattr(advisor.report, "write_pdf", write_pdf)
    code, out, err = _run(capsys, "report", DESIGN, "-o", tmp_path / "big.pdf")
    assert code == 0, err
    assert out.strip() == f"wrote {tmp_path / 'big.pdf'} (1,623 KB)"  # 1,661,952 B / 1,024


def test_exercises_group_the_size_of_a_large_sheet(tmp_path, capsys, monkeypatch):
    import advisor.exercises.pdf

    monkeypatch.setattr(advisor.exercises.pdf, "sheet_pdf", lambda *a, **k: b"%PDF" * 415_488)
    code, _out, err = _run(capsys, "exercises", "--count", "1", "-o", tmp_path / "sheet.pdf")
    assert code == 0, err
    assert f"wrote {tmp_path / 'sheet.pdf'} (1,623 KB)" in err


@pytest.mark.parametrize(("argv", "expected"), [
    (["--traffic", "0.0005", "--trunks", "1"], "0.0005 E offered to 1 trunk: blocking 0.04998 %"),
    (["--traffic", "12345.5", "--gos", "0.000001"], "12,345.5 E at 0.0001 % blocking needs"),
    (["--trunks", "10", "--gos", "0.012345"], "10 trunks at 1.2345 % blocking carry 4.635 E"),
    (["--trunks", "10", "--gos", "0.0700001"], "10 trunks at 7.00001 % blocking carry 6.776 E"),  # "7 %" before
    (["--trunks", "10", "--gos", "0.07"], "10 trunks at 7 % blocking carry 6.776 E"),  # 7.000000000000001 in floats
    (["--traffic", "999999.9999", "--trunks", "1000000"], "999,999.9999 E offered to 1,000,000 trunks"),
    # what the display rule shows as typed stays as it was
    (["--traffic", "10", "--gos", "0.01"], "10.000 E at 1 % blocking needs 18 trunks (blocking with 18: 0.7142 %)"),
    (["--traffic", "1e-12", "--trunks", "1"], "less than 0.000000001 E offered to 1 trunk"),
])
def test_erlang_echoes_the_inputs_as_given(capsys, argv, expected):
    code, out, err = _run(capsys, "erlang", *argv)
    assert code == 0, err
    assert out.startswith(expected), out


def test_erlang_refusal_echoes_the_grade_of_service_as_given(capsys):
    code, _out, err = _run(capsys, "erlang", "--trunks", "1000000", "--gos", "0.999999")
    assert code == 2
    assert "1,000,000 trunks at 99.9999 % blocking carry more than 10,000,000 E" in err, err


@pytest.mark.parametrize(("vary", "expected"), [
    ("ptime=500", "--vary ptime=500: packetization: must be ≤ 200"),
    ("calls=1,101", "--vary calls=101: busy-hour calls per user: must be ≤ 100"),
    ("gos=2", "--vary gos=2: gos: must be < 1"),  # named as typed: the key is the field's name
    ("cipher=x", "--vary cipher=x: cipher: must be one of"),
    ("vpn=x", "--vary vpn=x: VPN technology: must be one of"),
    ("vpn.mpls=x", "--vary vpn.mpls=x: VPN technology: must be one of"),
])
def test_compare_names_a_varied_field_in_words(capsys, vary, expected):
    code, _out, err = _run(capsys, "compare", DESIGN, "--vary", vary)
    assert code == 2
    assert expected in err, err
    for internal in ("ptime_ms", "calls_per_user", "transports.", ": technology:"):
        assert internal not in err, err
    assert len(err.strip().splitlines()) == 1


def test_import_summary_says_the_rows_not_read(tmp_path, capsys):
    # a design holds 20,000 sites: the rows after the first 20,030 are not read, and the summary said only
    # "29 rows skipped", as if the file held 20,029 rows
    path = tmp_path / "sites.csv"
    path.write_text("Site Name,Users\n" + "".join(f"S{i},1\n" for i in range(20_100)), encoding="utf-8")
    code, out, err = _run(capsys, "import", path, "-o", tmp_path / "d.json")
    assert code == 0, err
    first = out.splitlines()[0]
    assert "Imported 20,000 sites" in first
    assert "29 rows skipped, and the rows after row 20,030 not read." in first, first


def test_import_summary_of_a_whole_file_is_unchanged(tmp_path, capsys):
    path = tmp_path / "sites.csv"
    path.write_text("Site Name,Users\nHQ,10\nB,1\n", encoding="utf-8")
    code, out, err = _run(capsys, "import", path, "-o", tmp_path / "d.json")
    assert code == 0, err
    assert out.splitlines()[0] == (f"Imported 2 sites from sites.csv (header on row 1); 0 rows skipped. Wrote "
                                   f"{tmp_path / 'd.json'}: 1 cloud, 2 links; hub: HQ.")


@pytest.mark.parametrize("site", ["", "   "])
def test_configs_says_an_empty_site_is_no_site_given(capsys, site):
    # it said "--site '': no such site in the design (its sites: hq, br01, …)", as if a site could be named so;
    # `explain --site ''` says no site was given
    code, out, err = _run(capsys, "configs", DESIGN, f"--site={site}")
    assert code == 2 and not out
    assert err.strip() == ("advisor: error: --site: no site given: name one by its id or its name, or leave --site "
                           "out for every site")
