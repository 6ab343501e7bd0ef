"""Reading one cell of a site list: numbers as people type them, bandwidths, times, yes/no, transports, types.

Every expected value is worked out by hand in the test: 1 Mbps = 1,000 kbps, 1 Gbps = 1,000,000 kbps, E1 =
2,048 kbps, T1 = 1,544 kbps (ITU-T G.704 / ANSI T1.403 line rates)."""

from __future__ import annotations

import datetime

import pytest

from advisor.importer.bandwidths import Bandwidth, bare_to_kbps, bare_unit, find_speed, parse_bandwidth
from advisor.importer.transports import BY_ID, find_transports
from advisor.importer.values import (
    BadValue,
    is_blank,
    parse_count,
    parse_kind,
    parse_ms,
    parse_number,
    parse_pstn,
    parse_srst,
    parse_yes_no,
)


@pytest.mark.parametrize("text, decimal_comma, expected", [
    ("2,048", False, 2048.0),  # ',' + three digits: thousands in a ','-separated file
    ("2,048", True, 2.048),  # … and the decimal mark in a ';'-separated one
    ("2.048", True, 2048.0),
    ("1.544", False, 1.544),
    ("1,5", False, 1.5),  # one digit after ',' can only be a decimal
    ("1,5", True, 1.5),
    ("1.234,5", False, 1234.5),  # both marks: the last one is the decimal
    ("1,234.5", True, 1234.5),
    ("1 234", False, 1234.0),
    ("1'234", False, 1234.0),
    ("1,234,567", False, 1234567.0),
    ("12", False, 12.0),
])
def test_numbers_as_typed(text, decimal_comma, expected):
    assert parse_number(text, decimal_comma).value == pytest.approx(expected)


def test_the_ambiguous_separator_is_noted_and_a_count_is_never_a_fraction():
    assert "thousands separator" in parse_number("2,048").note
    assert "decimal mark" in parse_number("2,048", True).note
    assert parse_number("1.5").note == ""
    assert parse_count("1,200").value == 1200 and parse_count("1,200").note == ""
    assert parse_count("1.200", True).value == 1200


@pytest.mark.parametrize("text", ["1,2,3", "1.2.34", "1.234,5,6"])
def test_malformed_numbers_are_refused(text):
    with pytest.raises(BadValue, match="not"):
        parse_number(text)


@pytest.mark.parametrize("cell, kbps", [
    ("2 Mbps", 2000.0),
    ("1.5M", 1500.0),
    ("512k", 512.0),
    ("10 Mb/s", 10_000.0),
    ("1 Gbps", 1_000_000.0),
    ("2,048 kbps", 2048.0),
    ("64 kbit/s", 64.0),
    ("2 MB", 2000.0),  # customers write MB for Mbps
    ("~10M", 10_000.0),
    ("1 000 kbps", 1000.0),
    ("E1", 2048.0),
    ("T1", 1544.0),
    ("2 x E1", 4096.0),
    ("4xT1", 6176.0),  # 4 × 1,544
    ("100/20 Mbps", 20_000.0),  # asymmetric: the slower direction, 20 Mbps
    ("20M/2M", 2000.0),
    ("10 Mbps (sym)", 10_000.0),
    ("155.52 Mbps", 155_520.0),
    ("2048000 bps", 2048.0),
    ("10 Mbps fibre", 10_000.0),  # one speed among other words
])
def test_bandwidths_with_a_unit(cell, kbps):
    reading = parse_bandwidth(cell)
    assert reading.value == Bandwidth(pytest.approx(kbps))


def test_asymmetric_and_wordy_bandwidths_say_what_was_done():
    assert "slower direction" in parse_bandwidth("100/20 Mbps").note
    assert "other words ignored" in parse_bandwidth("10 Mbps fibre").note


@pytest.mark.parametrize("cell, bare", [("2048", 2048.0), (100, 100.0), (1.5, 1.5), ("50/10", 10.0),
                                        ("1,5", 1.5)])
def test_bare_numbers_wait_for_their_column_unit(cell, bare):
    assert parse_bandwidth(cell).value == Bandwidth(None, bare)


@pytest.mark.parametrize("cell", ["fast", "0", "-5M", "", "10M and 20M", True, datetime.date(2026, 3, 1)])
def test_bad_bandwidths_name_the_forms_accepted(cell):
    with pytest.raises(BadValue, match="2 Mbps, 1.5M, 512k|date"):
        parse_bandwidth(cell)


def test_the_bare_number_rule():
    # Below 64: Mbps (no circuit is slower than one 64 kbps channel).
    assert bare_to_kbps(10, bare_unit([10, 2048], None), None) == (10_000.0, "Mbps")
    # 64 and up: kbps when every such number is a multiple of 64 kbps (or T1's 1,544), as E1/T1 speeds are …
    assert bare_unit([128, 512, 2048, 1544, 10], None) == "kbps"
    assert bare_to_kbps(2048, "kbps", None) == (2048.0, "kbps")
    # … else Mbps: 100 is not n × 64, so the column holds Ethernet speeds (100 Mbps, 1,000 Mbps).
    assert bare_unit([100, 1000, 512], None) == "Mbps"
    assert bare_to_kbps(100, "Mbps", None) == (100_000.0, "Mbps")
    assert bare_unit([155.52], None) == "Mbps"
    # A unit in the header wins, for every number of the column.
    assert bare_unit([100, 512], "kbps") == "kbps"
    assert bare_to_kbps(32, "kbps", "kbps") == (32.0, "kbps")
    assert bare_to_kbps(1.544, "Mbps", "Mbps") == (pytest.approx(1544.0), "Mbps")
    assert bare_to_kbps(1, "Gbps", "Gbps") == (1_000_000.0, "Gbps")


def test_find_speed_takes_exactly_one():
    assert find_speed("MPLS 10M") == 10_000.0
    assert find_speed("E1 leased line") == 2048.0
    assert find_speed("MPLS") is None
    assert find_speed("10M + 4G backup 20M") is None


@pytest.mark.parametrize("cell, count", [("25", 25), ("25 users", 25), ("1,200", 1200), ("~40", 40), ("25+", 25),
                                         ("20-30", 30), (25.0, 25), ("approx. 12", 12), ("2 000", 2000), (0, 0)])
def test_counts(cell, count):
    assert parse_count(cell).value == count


@pytest.mark.parametrize("cell", ["many", "25.5", "-3", "12 (incl. 2 temps)", 2_000_000, True])
def test_bad_counts(cell):
    with pytest.raises(BadValue):
        parse_count(cell)


@pytest.mark.parametrize("cell, ms", [("30", 30.0), ("30 ms", 30.0), ("30ms", 30.0), ("0.03 s", 30.0),
                                      ("<10 ms", 10.0), ("20-40 ms", 40.0), ("~25", 25.0), (12, 12.0)])
def test_times_in_ms(cell, ms):
    assert parse_ms(cell).value == pytest.approx(ms)


def test_a_range_is_read_as_its_upper_end_and_noted():
    assert parse_ms("20-40").note == "a range: its upper end used"


@pytest.mark.parametrize("cell", ["fast", 20_000, "30 minutes"])
def test_bad_times(cell):
    with pytest.raises(BadValue):
        parse_ms(cell)


@pytest.mark.parametrize("cell", ["Y", "yes", "x", "X", "1", "true", "TRUE", True, 1, "✓", "on"])
def test_yes(cell):
    assert parse_yes_no(cell).value is True


@pytest.mark.parametrize("cell", ["N", "no", "0", "false", False, 0, "off"])
def test_no(cell):
    assert parse_yes_no(cell).value is False


def test_neither_yes_nor_no_says_how_to_write_it():
    with pytest.raises(BadValue, match="write Y, yes, x, 1 or true"):
        parse_yes_no("maybe")


@pytest.mark.parametrize("cell", [None, "", "  ", "-", "n/a", "N/A", "TBD", "?", "—"])
def test_blanks(cell):
    assert is_blank(cell)


@pytest.mark.parametrize("text, transport", [
    ("MPLS", "mpls"), ("MPLS VPN", "mpls"), ("IP-VPN", "mpls"), ("ip vpn", "mpls"),
    ("Internet", "dia"), ("DIA", "dia"), ("Dedicated Internet Access", "dia"),
    ("Broadband", "broadband"), ("FTTC", "broadband"), ("Cable", "broadband"),
    ("ADSL", "adsl"), ("ADSL2+", "adsl"),
    ("LTE", "cellular"), ("4G LTE", "cellular"), ("Mobile broadband", "cellular"),
    ("Leased line", "leased-line"), ("E1", "leased-line"), ("private circuit", "leased-line"),
    ("Metro Ethernet", "metro-ethernet"), ("VPLS", "metro-ethernet"), ("Satellite", "satellite"),
])
def test_transports(text, transport):
    assert find_transports(text)[0].id == transport


def test_transports_in_the_order_named_and_what_each_means():
    assert [t.id for t in find_transports("MPLS + LTE backup")] == ["mpls", "cellular"]
    assert find_transports("Frame relay") == []
    assert BY_ID["adsl"].cloud == "internet" and BY_ID["adsl"].l2 == "atm"
    assert BY_ID["cellular"].nat is True and BY_ID["mpls"].nat is False
    # A leased line up to E1 speed is a serial circuit (PPP framing); faster, an Ethernet private line.
    assert BY_ID["leased-line"].l2_for(2048) == "ppp" and BY_ID["leased-line"].l2_for(10_000) == "ethernet"
    assert BY_ID["mpls"].l2_for(1544) == "ethernet"


@pytest.mark.parametrize("cell, kind", [("HQ", "hq"), ("Head Office", "hq"), ("DC", "datacenter"),
                                        ("Data centre", "datacenter"), ("Branch", "branch"), ("Store", "branch")])
def test_site_types(cell, kind):
    assert parse_kind(cell) == parse_kind(cell) and parse_kind(cell).value == kind and not parse_kind(cell).note


def test_an_unknown_site_type_reads_as_a_branch_with_a_note():
    reading = parse_kind("Retail park")
    assert reading.value == "branch" and "read as a branch" in reading.note


@pytest.mark.parametrize("cell, mode", [("Y", "srst"), ("x", "srst"), ("no", "none"), ("SRST", "srst"),
                                        ("E-SRST", "e-srst"), ("SIP SRST", "sip-srst"),
                                        ("MGCP fallback", "mgcp-fallback"), (True, "srst")])
def test_srst(cell, mode):
    assert parse_srst(cell).value == mode


@pytest.mark.parametrize("cell, local", [("yes", True), ("PRI", True), ("2 x E1 PRI", True), ("SIP trunk", True),
                                         ("central", False), ("via HQ", False), ("n", False)])
def test_pstn(cell, local):
    assert parse_pstn(cell).value is local


def test_bad_srst_and_pstn_values():
    with pytest.raises(BadValue, match="SRST mode"):
        parse_srst("sometimes")
    with pytest.raises(BadValue, match="PSTN connection"):
        parse_pstn("maybe later")
