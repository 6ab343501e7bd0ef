"""Numbers in a site list are written with the digits 0 to 9: Python's int(), float() and regular expressions' \\d
also take Arabic-Indic ('١٠') and full-width ('１０') digits, which were imported as 10. And '-0' is 0, not a value
below 0."""

from __future__ import annotations

import pytest

from advisor.importer import build_design, preview
from advisor.importer.bandwidths import parse_bandwidth
from advisor.importer.values import BadValue, parse_count, parse_ms

ARABIC_10 = "\u0661\u0660"  # ١٠
FULL_WIDTH_10 = "\uff11\uff10"  # １０
DEVANAGARI_2 = "\u0968"  # २


@pytest.mark.parametrize("reader, text, what", [
    (parse_count, ARABIC_10, "a whole number"),
    (parse_count, FULL_WIDTH_10, "a whole number"),
    (parse_count, f"{FULL_WIDTH_10} users", "a whole number"),
    (parse_count, f"1{ARABIC_10}", "a whole number"),  # one ASCII digit among them
    (parse_ms, f"{ARABIC_10} ms", "a time in ms"),
    (parse_bandwidth, f"{FULL_WIDTH_10} Mbps", "a bandwidth"),
    (parse_bandwidth, f"{DEVANAGARI_2} x E1", "a bandwidth"),
    (parse_bandwidth, f"100/{DEVANAGARI_2}0 Mbps", "a bandwidth"),
])
def test_other_scripts_digits_are_not_numbers(reader, text, what):
    with pytest.raises(BadValue) as caught:
        reader(text)
    assert str(caught.value) == f"'{text}' is not {what}: write it with the digits 0 to 9"


@pytest.mark.parametrize("reader, value, expected", [
    (parse_count, "-0", 0),
    (parse_count, "- 0", 0),
    (parse_count, "-0,000", 0),  # a count: ',' and three digits are thousands
    (parse_count, -0.0, 0),  # a workbook's number
    (parse_ms, "-0", 0.0),
    (parse_ms, "-0.0 ms", 0.0),
    (parse_ms, -0.0, 0.0),
])
def test_minus_zero_is_zero(reader, value, expected):
    got = reader(value).value
    assert got == expected and str(got) == str(expected)  # 0.0, never -0.0
    assert type(got) is type(expected)


@pytest.mark.parametrize("value", ["-1", "-0.5", "- 3 ms", -0.25])
def test_below_zero_is_still_refused(value):
    with pytest.raises(BadValue, match="is below 0$"):
        parse_ms(value)


def test_the_import_names_the_row_and_column_of_each_such_number(tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("Site Name,Users,WAN BW,RTT\n"
                    f"Bern,{ARABIC_10},2 Mbps,20\n"
                    f"Basel,25,{FULL_WIDTH_10} Mbps,20\n"
                    "Genf,-0,2 Mbps,-0\n"
                    "Luzern,40,2 Mbps,10\n", encoding="utf-8")
    design, messages = build_design(preview(path))
    skipped = [str(m) for m in messages if m.severity == "skipped"]
    assert skipped == [
        f"row 2, Users (B): '{ARABIC_10}' is not a whole number: write it with the digits 0 to 9; row skipped",
        f"row 3, WAN BW (C): '{FULL_WIDTH_10} Mbps' is not a bandwidth: write it with the digits 0 to 9; row skipped",
    ]
    assert [(s.name, s.users) for s in design.sites] == [("Genf", 0), ("Luzern", 40)]
    genf = next(x for x in design.links if x.a == "genf" or x.b == "genf")
    assert genf.rtt_ms == 0.0
