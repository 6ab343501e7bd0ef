"""Hostile site lists, round 64: cells a workbook holds as whole numbers, delays given one way, speeds written in
the transport cell, and a header search over many wide sheets. Each ended in an internal error (or took over a
minute); now the row is read, or skipped with its reason, as the same value elsewhere is."""

from __future__ import annotations

import random
import string
import zipfile

import openpyxl
import pytest

from advisor.importer import build_design, preview
from advisor.importer import fields as fields_module
from advisor.importer.fields import _EXCLUDED, _WORDS, FIELDS, _holds, recognise

MARK = 987654321  # a number cell rewritten in the saved sheet: openpyxl cannot write a number beyond the floats
HUGE = "1" + "0" * 400  # what Excel would keep in <v> for a cell typed with 401 digits


def _book(path, rows) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Sites"
    for row in rows:
        book.active.append(row)
    book.save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(f"<v>{MARK}</v>".encode(), f"<v>{HUGE}</v>".encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _skipped(messages) -> list[str]:
    return [str(m) for m in messages if m.severity == "skipped"]


@pytest.mark.parametrize("header, cell, ms", [("Delay (s)", 5, 5000.0), ("Latency (us)", 500, 0.5),
                                               ("Delay (s)", 0, 0.0)])
def test_a_whole_number_under_a_seconds_or_microseconds_header_is_read_in_that_unit(tmp_path, header, cell, ms):
    """Excel saves 5 as <v>5</v>, which the workbook reader gives as an int: it went to the text reader (a
    TypeError, an internal error), where a float 5.0 was read as 5 seconds."""
    path = tmp_path / "sites.xlsx"
    _book(path, [["Site", "Users", header], ["HQ", 50, cell], ["Bern", 10, 2.0 if header == "Delay (s)" else 20.0]])
    design, messages = build_design(preview(path))
    assert not _skipped(messages)
    hq = next(link for link in design.links if link.a == design.sites[0].id or link.b == design.sites[0].id)
    assert hq.rtt_ms == ms


@pytest.mark.parametrize("column", ["Users", "WAN BW", "RTT (ms)", "Phones"])
def test_a_number_cell_of_hundreds_of_digits_skips_its_row(tmp_path, column):
    """A <v> of 400 digits reads as a Python int beyond the largest float: math.isfinite raised OverflowError."""
    path = tmp_path / "sites.xlsx"
    header = ["Site", "Users", "WAN BW", "RTT (ms)", "Phones"]
    row = ["Bern", 10, 2048, 20, 10]
    row[header.index(column)] = MARK
    _book(path, [header, ["HQ", 50, 2048, 10, 50], row])
    design, messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["HQ"]
    (skipped,) = _skipped(messages)
    assert column in skipped and "beyond the largest a spreadsheet holds" in skipped


def test_a_circuit_column_of_huge_numbers_is_previewed(tmp_path):
    """The preview looks at a 'Circuit' column's values to tell speeds from transports, before any mapping: a
    huge number there ended the import before `--map Circuit=ignore` could leave the column out."""
    path = tmp_path / "sites.xlsx"
    _book(path, [["Site", "Users", "Circuit"], ["HQ", 50, MARK], ["Bern", 10, MARK]])
    pre = preview(path)
    assert pre.mapping.column_of("bandwidth") is None  # the values are no speeds


@pytest.mark.parametrize("delay, kept", [("4000", True), ("5000", True), ("6000", False), ("5000.5", False)])
def test_a_one_way_delay_is_checked_as_the_round_trip_it_makes(tmp_path, delay, kept):
    """A one-way delay is doubled into the round trip after the 10,000 ms check: 6,000 ms one way became a
    12,000 ms link the design refuses (an internal error). The round trip is what the limit is about."""
    path = tmp_path / "sites.csv"
    path.write_text(f"Site,Users,One-way delay (ms)\nHQ,50,10\nBern,10,{delay}\n", encoding="utf-8")
    design, messages = build_design(preview(path))
    assert ("Bern" in [s.name for s in design.sites]) is kept
    if not kept:
        (skipped,) = _skipped(messages)
        assert "One-way delay" in skipped and "one way is a round trip of" in skipped and "10,000 ms" in skipped


@pytest.mark.parametrize("transport, reason", [("MPLS 0.5 kbps", "slower than one 64 kbps channel"),
                                                ("MPLS 10k", "slower than one 64 kbps channel"),
                                                ("MPLS 5000 Tbps", "more than 1 Tbps")])
def test_a_speed_in_the_transport_cell_has_the_bandwidth_columns_limits(tmp_path, transport, reason):
    """With no bandwidth column, the speed the transport cell names is the capacity: it went in unchecked, and
    0.5 kbps or 5,000 Tbps ended in an internal error (10 kbps was taken, which the bandwidth column refuses)."""
    path = tmp_path / "sites.csv"
    path.write_text(f"Site,Users,Transport\nHQ,50,MPLS 10M\nBern,10,{transport}\n", encoding="utf-8")
    design, messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["HQ"]
    assert design.links[0].capacity_kbps == 10_000
    (skipped,) = _skipped(messages)
    assert "Transport" in skipped and reason in skipped


def test_each_field_is_recognised_as_by_its_phrases_one_by_one():
    """The header search matches a field's words with one pattern per field (~85 µs a cell before, so 40 sheets of
    200 columns took a minute to open): the same fields as trying each phrase (`_holds`), on the phrases
    themselves, their neighbours and random words."""
    def one_by_one(text: str) -> list[str]:
        return [f.id for f in FIELDS if any(_holds(text, w) for w in _WORDS[f.id])
                and not any(_holds(text, x) for x in _EXCLUDED[f.id])]

    def pattern(text: str) -> list[str]:
        return [f.id for f in FIELDS if (res := fields_module._WORDS_RE[f.id])[0] is not None and res[0].search(text)
                and not (res[1] is not None and res[1].search(text))]

    rng = random.Random(64)
    phrases = [w.rstrip("*") for f in FIELDS for w in (*_WORDS[f.id], *_EXCLUDED[f.id])]
    texts = [*phrases, *(p + "x" for p in phrases), *(p[:-1] for p in phrases if len(p) > 1)]
    texts += [" ".join(rng.choice(phrases + ["site", "a", "wan", "x"]) for _ in range(rng.randint(1, 4)))
              for _ in range(3000)]
    texts += ["".join(rng.choice(string.ascii_lowercase + " ") for _ in range(rng.randint(1, 14))) for _ in range(2000)]
    matched = 0
    for text in texts:
        assert pattern(text) == one_by_one(text), text
        matched += bool(one_by_one(text))
    assert matched > 1000  # the comparison reached fields, not only misses


def test_a_site_list_after_many_wide_sheets_of_words_is_found(tmp_path):
    """Sheets of 30 rows × 200 short words that name no field before the site list: the header search reads every
    cell of their first 30 rows (the time it takes: benchmarks/bench_import.py), and picks the site list."""
    rng = random.Random(5)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for s in range(4):
        sheet = book.create_sheet(f"Notes {s}")
        for _ in range(30):
            sheet.append(["".join(rng.choice(string.ascii_lowercase) for _ in range(6)) for _ in range(200)])
    sites = book.create_sheet("Sites")
    for row in (["Site", "Users"], ["HQ", 50], ["Bern", 10]):
        sites.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    design, _messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["HQ", "Bern"]
    assert recognise("site name")[0] == "name" and recognise("zzqx")[0] is None


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_holding_letters_beyond_latin1_is_read(tmp_path, codec):
    """A UTF-16 list without its byte-order mark was told by every other byte being NUL: one 'ō' (U+014D) or 'Ā'
    (U+0100) in a name and it was refused as "not a text file (a NUL byte at byte 2)"."""
    path = tmp_path / "sites.csv"
    path.write_bytes("Site Name,Users\nŌsaka,10\nĀdaži,20\nBern,30\n".encode(codec))
    design, _messages = build_design(preview(path))
    assert [s.name for s in design.sites] == ["Ōsaka", "Ādaži", "Bern"]
