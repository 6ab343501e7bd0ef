"""Header recognition, the header row under a title block, the mapping the user edits, and grouped messages."""

from __future__ import annotations

import pytest

from advisor.importer import Mapping, MappingError, Message, apply_map, grouped, rows_text
from advisor.importer.fields import normalize, one_way, recognise
from advisor.importer.headers import column_letter, columns_of, find_header, guess, split_map


@pytest.mark.parametrize("header, field", [
    # the issue's own headers
    ("Site Name", "name"), ("Location", "name"), ("Headcount", "users"), ("Phones", "phones"),
    ("WAN BW", "bandwidth"), ("Circuit", "transport"), ("Access", "transport"), ("Latency (ms)", "rtt"),
    ("Router", "router"),
    # case, punctuation and spacing do not matter
    ("SITE-NAME", "name"), ("  site   name ", "name"), ("Head count", "users"), ("wan_bw", "bandwidth"),
    # common synonyms
    ("No. of Users", "users"), ("# of IP Phones", "phones"), ("Staff", "users"), ("Employees", "users"),
    ("Handsets", "phones"), ("Lobby phones", "public_phones"), ("Bandwidth [kbit/s]", "bandwidth"),
    ("Access speed", "bandwidth"), ("Circuit type", "transport"), ("WAN Type", "transport"),
    ("Connectivity", "transport"), ("RTT", "rtt"), ("Round-trip time", "rtt"), ("One-way delay (ms)", "rtt"),
    ("CPE", "router"), ("Router model", "router"), ("SRST", "srst"), ("Survivability", "srst"),
    ("Local PSTN", "pstn"), ("PSTN breakout", "pstn"), ("NAT", "nat"), ("Site ID", "id"), ("Store #", "id"),
    ("Site type", "kind"), ("Type", "kind"), ("Branch", "name"), ("City", "name"),
    # not what they seem
    ("Circuit ID", None), ("Carrier", None), ("Router IP", None), ("Mobile phones", None), ("Notes", None),
    ("", None),
])
def test_headers(header, field):
    assert recognise(header)[0] == field


def test_units_in_headers():
    assert normalize("WAN BW (Mbps)") == ("wan bw", "Mbps")
    assert normalize("Bandwidth [kbit/s]") == ("bandwidth", "kbps")
    assert normalize("Speed Gbps") == ("speed", "Gbps")
    assert normalize("Latency in ms") == ("latency", "ms")
    assert normalize("Site B") == ("site b", None)  # a single letter is no unit
    assert one_way("One-way delay (ms)") and not one_way("Latency (ms)")


def test_a_stronger_synonym_wins_the_field():
    assert recognise("Site Name") == ("name", 3) and recognise("Location") == ("name", 2)
    columns = columns_of(["Location", "Site Name", "Users"], 3)
    mapping, passed = guess(columns)
    assert mapping.fields == (None, "name", "users")
    assert [(c.header, f) for c, f in passed] == [("Location", "name")]


def test_the_header_row_is_found_under_a_title_block():
    rows = [["Contoso — site survey"], [], ["Prepared by IT", None, "March 2026"],
            ["Site Name", "Headcount", "WAN BW"], ["Zürich", 24, "2 Mbps"]]
    assert find_header(rows) == 3
    assert find_header([["Site list"], ["Zürich"]]) is None  # one field named is not a header
    assert find_header([["Standort", "Mitarbeiter"], ["Wien", 85]]) is None
    assert find_header([["Standort", "Mitarbeiter"], ["Wien", 85]], hints=["Standort", "Mitarbeiter"]) == 0


def test_only_the_first_30_rows_are_searched():
    rows = [["filler"]] * 30 + [["Site", "Users"]]
    assert find_header(rows) is None


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == \
        ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_assign_keeps_each_field_on_one_column():
    mapping = Mapping(("name", "users", None))
    moved = mapping.assign(2, "users")
    assert moved.fields == ("name", None, "users") and mapping.fields == ("name", "users", None)
    assert moved.column_of("users") == 2 and moved.column_of("phones") is None
    assert moved.assign(0, None).fields == (None, None, "users")
    with pytest.raises(MappingError, match="unknown field 'colour'"):
        mapping.assign(0, "colour")
    with pytest.raises(MappingError, match="no column D"):
        mapping.assign(3, "users")


def test_map_entries_by_header_or_letter():
    columns = columns_of(["Standort", "Mitarbeiter", "Notes", "WAN BW"], 4)
    mapping, _ = guess(columns)
    assert mapping.fields == (None, None, None, "bandwidth")
    mapped = apply_map(mapping, columns, ["standort=name", "B=Users", "WAN BW=ignore", "notes=capacity_kbps"])
    assert mapped.fields == ("name", "users", "bandwidth", None)


@pytest.mark.parametrize("entry, message", [
    ("Headcount", "write COLUMN=FIELD"),
    ("=users", "write COLUMN=FIELD"),
    ("Colour=users", "no column 'Colour' in the header row (columns: Standort (A), Mitarbeiter (B))"),
    ("Standort=colour", "unknown field 'colour'; fields: public_phones, phones, users"),
])
def test_bad_map_entries_say_what_there_is(entry, message):
    columns = columns_of(["Standort", "Mitarbeiter"], 2)
    with pytest.raises(MappingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        apply_map(guess(columns)[0], columns, [entry])


def test_split_map_splits_at_the_last_equals_sign():
    assert split_map("Users=Phones=phones") == ("Users=Phones", "phones")


def test_rows_text():
    assert rows_text([7]) == "row 7"
    assert rows_text([4, 5]) == "rows 4, 5"
    assert rows_text([9, 4, 5, 6, 12]) == "rows 4–6, 9, 12"
    many = list(range(2, 200, 2))  # 99 separate rows: 12 named, 87 counted
    assert rows_text(many) == "rows " + ", ".join(str(r) for r in range(2, 26, 2)) + " … and 87 more rows"


def test_messages_say_the_same_thing_once_per_column():
    messages = [Message("default", "no RTT given", (5,), "RTT (F)"), Message("skipped", "bad", (9,), "Users (C)"),
                Message("default", "no RTT given", (4,), "RTT (F)"), Message("default", "no RTT given", (6,), ""),
                Message("info", "read as text")]
    out = grouped(messages)
    assert [str(m) for m in out] == ["row 9, Users (C): bad", "rows 4, 5, RTT (F): no RTT given",
                                     "row 6: no RTT given", "read as text"]
