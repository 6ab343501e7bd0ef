"""Times in a site list written with an exponent, and numbers too close to 0 to compute with:

- '2e4' under 'Latency (us)' (20,000 µs = 20 ms) was read as 20,000 ms and its row skipped as "more than 10,000
  ms"; a workbook's 2e-05 under 'RTT (s)' (0.02 ms) was read as 2e-05 ms: the header's unit applied only to numbers
  written without an exponent;
- an RTT of 1e-320 ms (a denormal, which a design refuses) ended the import as an internal error; it now skips its
  row, as 1e-305 µs (1e-308 ms once in ms) does."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.cli.inprocess import run


def _rtts(path) -> dict[str, float]:
    data = json.loads(path.read_text(encoding="utf-8"))
    names = {s["id"]: s["name"] for s in data["sites"]}
    return {names[ln["a"]]: ln["rtt_ms"] for ln in data["links"]}


def test_an_exponent_under_a_microseconds_header_is_microseconds(tmp_path, capsys):
    source = tmp_path / "sites.csv"
    source.write_text("Site,Users,Latency (us)\nHQ,100,10\nBern,20,2e4\nBasel,5,20000\n", encoding="utf-8")
    out = tmp_path / "d.json"
    code, _out, err = run(capsys, "import", source, "-o", out)
    assert code == 0, err
    # 10 µs = 0.01 ms; 2e4 µs = 20,000 µs = 20 ms, as 20000 is
    assert _rtts(out) == {"HQ": 0.01, "Bern": 20.0, "Basel": 20.0}


def test_a_workbook_number_in_seconds_is_seconds(tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Site", "Users", "RTT (s)"])
    sheet.append(["HQ", 100, 0.01])
    sheet.append(["Bern", 20, 2e-05])  # Python writes it '2e-05': 0.02 ms
    source = tmp_path / "sites.xlsx"
    book.save(source)
    out = tmp_path / "d.json"
    code, _out, err = run(capsys, "import", source, "-o", out)
    assert code == 0, err
    got = _rtts(out)
    assert got["HQ"] == pytest.approx(10.0) and got["Bern"] == pytest.approx(0.02)


@pytest.mark.parametrize("header, cell", [("RTT (ms)", "1e-320"), ("Latency (us)", "1e-305")])
def test_a_time_too_close_to_0_skips_its_row(tmp_path, capsys, header, cell):
    source = tmp_path / "sites.csv"
    source.write_text(f"Site,Users,{header}\nHQ,100,10\nBern,20,{cell}\nBasel,5,7\n", encoding="utf-8")
    out = tmp_path / "d.json"
    code, printed, err = run(capsys, "import", source, "-o", out)
    assert code == 0, err
    assert f"  row 3, {header} (C): '{cell}' is too close to 0 to compute with; row skipped" in printed.splitlines()
    assert set(_rtts(out)) == {"HQ", "Basel"}
