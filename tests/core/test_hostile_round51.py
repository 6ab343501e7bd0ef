"""Hostile input, round 51, on the site-list import: what a message says of a value is what the cell holds.

- A workbook's number was quoted rounded and in exponent notation: 1234567.5 users read "'1.23457e+06' is not a
  whole number", an RTT of 12345.678 ms "'12345.7' is more than 10,000 ms"; '1.2345678e3' users "is 1234.57".
- A speed too slow to be a circuit read "0.00 kbps is slower than one 64 kbps channel" (for '0.00001k': a speed,
  not none), and one far too fast "1e+06 Tbps is more than 1 Tbps".
- 0.000001 users passed as a whole number (0 users), under a fixed allowance of a millionth.
- A hub with more phones than one cluster serves: "8 call-processing subscribers for 1,000,000 phones (a primary and
  a backup per 10,000 devices, 1:1 redundancy)", as if 8 were what that rule gives (it gives 200).
- `--hub` naming a site whose row was skipped said "no imported site has that name or id", as if mistyped.
- A list in neither UTF-8 nor Windows-1252 (Shift-JIS, as Excel saves CSV on Japanese Windows) was imported with
  garbled names, said only among how the file was read.
- A cell merged over several rows holds its value in its first row only: 'Internet' merged over three sites put
  the two below on MPLS, in silence.
- 'Latency (µs)' read its cells as seconds (the micro sign folded away left 's'), 'Latency (us)' as ms; 20,000
  under 'RTT (s)' was refused as "more than 10,000 ms" as if it were ms.
- 'WAN BW (bps)', '(bit/s)' and '(Tbps)' stated no unit the import knew: 2,048,000 bps read as 2,048,000 kbps.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from advisor.importer import ImportFileError, build_design, preview


def _xlsx(tmp_path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sites"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "sites.xlsx"
    book.save(path)
    return path


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _messages(path: Path, **options) -> list[str]:
    _design, messages = build_design(preview(path), **options)
    return [str(m) for m in messages]


def test_a_workbook_number_is_quoted_with_every_digit_and_no_exponent(tmp_path):
    path = _xlsx(tmp_path, [["Site Name", "Users", "WAN BW (Mbps)", "RTT (ms)", "Public phones"],
                            ["HQ", 100, 10, 20, 0],
                            ["Half", 1234567.5, 2, 30, None],
                            ["Slow", 5, 2, 12345.678, None],
                            ["Below", 5, 2, -0.0000001, None],
                            ["Huge", 5, 2, 10, 1e20]])
    text = "\n".join(_messages(path))
    assert "row 3, Users (B): '1234567.5' is not a whole number" in text
    assert "row 4, RTT (ms) (D): '12345.678' is more than 10,000 ms" in text
    assert "row 5, RTT (ms) (D): '-0.0000001' is below 0" in text
    assert "'1e+20' is more than 1,000,000" in text  # beyond 10^16, as a spreadsheet shows it
    assert "e+06" not in text and "12345.7'" not in text


def test_a_fraction_in_exponent_notation_is_named_with_its_digits_grouped(tmp_path):
    path = _csv(tmp_path, "Site Name,Users,WAN BW\nHQ,10,2M\nB,1.2345678e3,2M\n")
    assert any("row 3, Users (B): '1.2345678e3' is 1,234.5678, not a whole number" in m for m in _messages(path))


def test_too_slow_and_too_fast_speeds_are_named_with_their_digits(tmp_path):
    path = _csv(tmp_path, "Site Name,Users,WAN BW\nHQ,10,2M\nA,1,0.00001k\nB,1,1e13M\nC,1,1e300\nD,1,1.5e8M\n")
    text = "\n".join(_messages(path))
    assert "row 3, WAN BW (C): 0.00001 kbps is slower than one 64 kbps channel" in text
    assert "row 4, WAN BW (C): 10,000,000 Tbps is more than 1 Tbps; row skipped" in text
    assert "row 5, WAN BW (C): 1e+291 Tbps is more than 1 Tbps; row skipped" in text  # not 292 digits
    assert "row 6, WAN BW (C): 150 Tbps is more than 1 Tbps; row skipped" in text
    assert "0.00 kbps" not in text and "e+06" not in text


@pytest.mark.parametrize("users", [0.000001, 0.0000005, 3.0000001])
def test_a_fraction_of_a_user_is_no_whole_number(tmp_path, users):
    path = _xlsx(tmp_path, [["Site Name", "Users"], ["HQ", 10], ["Tiny", users]])
    design, messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["HQ"]
    assert any(m.severity == "skipped" and m.rows == (3,) and "not a whole number" in m.text for m in messages)


def test_a_whole_number_off_by_a_floats_last_digit_is_still_whole(tmp_path):
    path = _xlsx(tmp_path, [["Site Name", "Users"], ["HQ", 10], ["Computed", 12.000000000000002]])
    design, _messages = build_design(preview(path))
    assert [s.users for s in design.sites] == [10, 12]


def test_a_hub_beyond_one_cluster_says_the_cap_and_what_the_phones_need(tmp_path):
    path = _csv(tmp_path, "Site Name,Users\nHQ,1000000\nB,10\n")
    design, messages = build_design(preview(path))
    hub = next(s for s in design.sites if s.cucm_publisher)
    assert hub.cucm_subscribers == 8
    [line] = [m.text for m in messages if "is the hub" in m.text]
    # 1,000,010 phones at 10,000 a node: 101 primaries + 101 backups = 202
    assert "8 is the most one cluster has, and 1,000,010 phones need 202" in line, line
    assert not re.search(r"8 call-processing subscribers for [\d,]+ phones \(", line)


def test_a_hub_within_one_cluster_reads_as_before(tmp_path):
    path = _csv(tmp_path, "Site Name,Users\nHQ,100\nB,20\n")
    _design, messages = build_design(preview(path))
    assert any(m.text == "'HQ' is the hub and the HQ: a CUCM publisher and 2 call-processing subscribers for 120 "
               "phones (a primary and a backup per 10,000 devices, 1:1 redundancy), no SRST" for m in messages)


def test_a_hub_whose_row_was_skipped_says_so_with_the_rows_reason(tmp_path):
    path = _csv(tmp_path, "Site Name,Users,WAN BW\nHQ,100,10M\nBad,-1,2M\n")
    with pytest.raises(ImportFileError) as caught:
        build_design(preview(path), hub=" bad ")
    text = str(caught.value)
    assert "row 4" not in text and "no imported site" not in text
    assert "the site of that name was not imported, its row skipped (row 3, Users (B): '-1' is below 0)" in text
    with pytest.raises(ImportFileError, match="no imported site has that name or id"):
        build_design(preview(path), hub="Nope")


def test_a_list_in_neither_utf8_nor_windows_1252_is_warned_of(tmp_path):
    # Excel on Japanese Windows saves CSV in Shift-JIS: read as Windows-1252 the names came out garbled, said only
    # among how the file was read
    path = tmp_path / "sites.csv"
    path.write_bytes("Site Name,Users\n東京,10\n大阪,5\n".encode("shift_jis"))
    _design, messages = build_design(preview(path))
    warned = [m.text for m in messages if m.severity == "warning"]
    assert any("neither UTF-8 nor Windows-1252" in t and "save it as 'CSV UTF-8'" in t for t in warned), warned


def test_a_windows_1252_list_is_read_without_a_warning(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_bytes("Site Name;Users\nZürich;10\nMünchen;5\n".encode("cp1252"))
    design, messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["Zürich", "München"]
    assert not [m for m in messages if m.severity == "warning"]


def test_a_cell_merged_over_several_sites_is_read_for_each_of_them(tmp_path):
    # "Internet" merged over rows 4-6 is saved in row 4 alone: rows 5 and 6 read no transport, and were put on
    # MPLS in silence
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.merge_cells("A1:D1")  # a title over the columns: one row, left as it is
    sheet["A1"] = "Contoso sites"
    for row in (["Site Name", "Users", "WAN BW", "Transport"], ["HQ", 100, "10M", "MPLS"],
                ["Bern", 10, "2M", "Internet"], ["Basel", 10, "2M", None], ["Genf", 10, "2M", None],
                ["Chur", 10, "2M", "MPLS"]):
        sheet.append(row)
    sheet.merge_cells("D4:D6")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    design, messages = build_design(preview(path))
    assert preview(path).header_row == 2
    cloud_of = {link.a: link.b for link in design.links if link.a != "hq"}
    assert cloud_of == {"bern": "internet", "basel": "internet", "genf": "internet", "chur": "mpls"}
    [note] = [m for m in messages if "merged" in m.text]
    assert (note.severity, note.rows, note.column) == ("warning", (4, 5, 6), "Transport (D)")
    assert "'Internet', saved in row 4 alone, read for each row it spans" in note.text


@pytest.mark.parametrize("header", ["Latency (µs)", "Latency (μs)", "Latency (us)", "RTT (usec)", "RTT microseconds"])
def test_a_delay_in_microseconds_is_read_as_such(tmp_path, header):
    # the micro sign folded away left 's': 'Latency (µs)' read its cells as seconds (5 µs as 5,000 ms, 500 µs
    # refused as "'500' seconds"); 'Latency (us)' read them as ms (500 µs as 500 ms)
    path = _csv(tmp_path, f"Site Name,Users,{header}\nHQ,10,500\nB,1,20000\nC,1,5\n")
    design, messages = build_design(preview(path))
    assert [link.rtt_ms for link in design.links] == [0.5, 20.0, 0.005]  # 500 µs, 20,000 µs, 5 µs
    assert not [m for m in messages if m.severity == "skipped"]


def test_a_delay_in_seconds_is_held_to_the_limit_in_ms(tmp_path):
    # 20,000 under 'RTT (s)' was refused as "'20000' is more than 10,000 ms", as if it were ms
    path = _csv(tmp_path, "Site Name,Users,RTT (s)\nHQ,10,0.05\nB,1,20000\nC,1,5\n")
    design, messages = build_design(preview(path))
    assert [link.rtt_ms for link in design.links] == [50.0, 5000.0]
    assert "row 3, RTT (s) (C): '20000' seconds is more than 10,000 ms; row skipped" in [str(m) for m in messages]


@pytest.mark.parametrize("header", ["Users (US)", "Users"])
def test_a_country_in_brackets_is_no_unit(tmp_path, header):
    path = _csv(tmp_path, f"Site Name,{header},RTT\nHQ,10,20\nB,3,30\n")
    design, _messages = build_design(preview(path))
    assert [s.users for s in design.sites] == [10, 3]
    assert [link.rtt_ms for link in design.links] == [20.0, 30.0]


@pytest.mark.parametrize(("header", "expected"), [
    ("WAN BW (bps)", [2048.0, 1536.0]),  # 2,048,000 bits per second is an E1
    ("WAN BW (bit/s)", [2048.0, 1536.0]),
    ("Bandwidth (b/s)", [2048.0, 1536.0]),
    ("WAN BW (Tbps)", [1e6]),  # 0.001 Tbps is 1 Gbps; the others are refused as more than 1 Tbps
])
def test_a_bandwidth_header_in_bits_or_terabits_per_second_is_its_unit(tmp_path, header, expected):
    # no unit was read from these headers: the cells' numbers, multiples of 64, read as kbps (2,048,000 bps as
    # 2 Gbps, 1,000 times the circuit)
    path = _csv(tmp_path, f"Site Name,Users,{header}\nHQ,10,2048000\nB,1,1536000\nC,1,0.001\n")
    pre = preview(path)
    assert pre.columns[2].unit == header.split("(")[1].rstrip(")").replace("bit/s", "bps").replace("b/s", "bps")
    design, messages = build_design(pre)
    assert [link.capacity_kbps for link in design.links] == expected
    assert not any("a number without a unit" in m.text for m in messages)


def test_overlapping_merges_are_looked_at_within_a_budget():
    # Excel never writes ranges that overlap; a crafted sheet of 20,000 ranges each over 20,000 rows would have
    # cost 400 million cell visits
    import time

    from advisor.importer.merged import MAX_FILLED, fill_merged

    body = [["S", None] for _ in range(20_000)]
    body[0][1] = "MPLS"
    start = time.perf_counter()
    fill_merged(body, [(2, 2, 20_001, 2)] * 20_000, 1, ["Site (A)", "Transport (B)"])
    assert time.perf_counter() - start < 5
    assert all(row[1] == "MPLS" for row in body)
    assert MAX_FILLED < 20_000 * 20_000
