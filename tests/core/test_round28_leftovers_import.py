"""Leftovers of the hostile-input round on the site-list import, `--vary` and codec names.

Users written with an exponent ('1e6' is 1,000,000; '5e' and '1.5e0' are no whole number), a spreadsheet's error
text in a CSV ('#N/A', '#DIV/0!': a value lost, named as such), a dash beside a name (a value left out, not a section
heading), a name made only of invisible characters (no name), the header help when `--map` is given, the same
`--vary` value twice or an empty one, and 'iLBC', which names two codecs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor import scenarios
from advisor.codecs import CodecError, resolve
from advisor.importer import ImportFileError, build_design, preview
from advisor.importer.values import BadValue, is_blank, parse_count, parse_ms, spreadsheet_error


def _csv(folder: Path, text: str) -> Path:
    path = folder / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _imported(folder: Path, text: str):
    design, messages = build_design(preview(_csv(folder, text)))
    return design, [str(m) for m in messages]


# ------------------------------------------------------------------------------------------ exponent notation

@pytest.mark.parametrize("cell, users", [("1e6", 1_000_000), ("1E+06", 1_000_000), ("2.5e3", 2_500), ("1e0", 1),
                                         ("12E1", 120), ("-0e3", 0)])
def test_a_whole_number_written_with_an_exponent_is_read(cell, users):
    reading = parse_count(cell)
    assert reading.value == users
    assert "exponent" in reading.note  # said: a spreadsheet in scientific format may have rounded it


@pytest.mark.parametrize("cell, why", [("1.5e0", "'1.5e0' is 1.5, not a whole number"),
                                       ("5e", "'5e' is not a whole number"),
                                       ("5e+", "'5e+' is not a whole number"),
                                       ("1e6e2", "'1e6e2' is not a whole number"),
                                       ("1e7", "'1e7' is more than 1,000,000"),
                                       ("1e9999", "'1e9999' is more than 1,000,000"),
                                       ("-1e2", "'-1e2' is below 0")])
def test_an_exponent_that_is_no_whole_number_in_range_is_refused(cell, why):
    with pytest.raises(BadValue) as caught:
        parse_count(cell)
    assert str(caught.value) == why


def test_a_unit_word_after_a_count_still_reads():
    assert parse_count("5 each").value == 5  # 'e' starting a word is no exponent
    assert parse_count("25 employees").value == 25


def test_a_time_written_with_an_exponent():
    assert parse_ms("3e1").value == 30.0


def test_users_1e6_imports_a_site_of_a_million_users(tmp_path):
    design, messages = _imported(tmp_path, "Site,Users\nAlpha,1e6\nBeta,10\n")
    assert [(s.name, s.users) for s in design.sites] == [("Alpha", 1_000_000), ("Beta", 10)]
    assert not any("not a whole number" in m for m in messages)


def test_users_5e_skips_its_row_naming_the_cell(tmp_path):
    design, messages = _imported(tmp_path, "Site,Users\nAlpha,5e\nBeta,10\n")
    assert [s.name for s in design.sites] == ["Beta"]
    assert "row 2, Users (B): '5e' is not a whole number; row skipped" in messages


# ------------------------------------------------------------------------------------------ spreadsheet errors

@pytest.mark.parametrize("cell", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#n/a", "Err:502"])
def test_a_spreadsheet_error_in_users_is_named(tmp_path, cell):
    design, messages = _imported(tmp_path, f"Site,Users\nAlpha,{cell}\nBeta,10\n")
    assert [s.name for s in design.sites] == ["Beta"]
    assert (f"row 2, Users (B): the cell holds a spreadsheet error ({cell}), not a value; row skipped"
            in messages)
    assert not any("section heading" in m for m in messages)


def test_a_spreadsheet_error_among_other_values_is_named_too(tmp_path):
    design, messages = _imported(tmp_path, "Site,Users,WAN BW\nAlpha,#N/A,2 Mbps\nBeta,10,2 Mbps\n")
    assert [s.name for s in design.sites] == ["Beta"]  # '#N/A' was a blank: Alpha imported with no users
    assert "row 2, Users (B): the cell holds a spreadsheet error (#N/A), not a value; row skipped" in messages


def test_spreadsheet_error_is_not_a_blank():
    assert spreadsheet_error(" #N/A ") == "#N/A"
    assert spreadsheet_error("N/A") is None and is_blank("N/A")  # typed 'not available' stays a blank
    assert spreadsheet_error("#1 Main Street") is None


# ------------------------------------------------------------------------------------------ a dash beside a name

@pytest.mark.parametrize("cell", ["-", "\u2014", "n/a", "TBD"])
def test_a_dash_for_users_is_no_value_not_a_heading(tmp_path, cell):
    design, messages = _imported(tmp_path, f"Site,Users\nAlpha,{cell}\nBeta,10\n")
    assert [(s.name, s.users) for s in design.sites] == [("Alpha", 0), ("Beta", 10)]
    assert not any("section heading" in m for m in messages)
    assert any(m.startswith("row 2, Users (B): no users or phones given") for m in messages)


def test_real_section_headings_are_still_skipped(tmp_path):
    design, messages = _imported(tmp_path, "Site,Users,Notes\nEMEA,,\nAlpha,5,\nAPAC,,-\nBeta,10,\n")
    assert [s.name for s in design.sites] == ["Alpha", "Beta"]  # a dash in a column not imported says nothing
    assert "rows 2, 4, Site (A): only a name, no other value: read as a section heading; row skipped" in messages


# ------------------------------------------------------------------------------------------ invisible names

@pytest.mark.parametrize("name", ["\u200b", "\ufeff", "\u200e\u200f", " \u200b \u2067 ", "\u3164"])
def test_a_name_of_invisible_characters_is_no_name(tmp_path, name):
    design, messages = _imported(tmp_path, f"Site,Users\n{name},5\nBeta,10\n")
    assert [s.name for s in design.sites] == ["Beta"]
    assert "row 2, Site (A): no site name; row skipped" in messages


def test_a_name_keeps_its_inner_joiners(tmp_path):
    design, _ = _imported(tmp_path, "Site,Users\nA\u200dB,5\n")
    assert design.sites[0].name == "A\u200dB"


# ------------------------------------------------------------------------------------------ header help

def test_no_header_with_map_names_header_row_not_map(tmp_path):
    path = _csv(tmp_path, "Alpha,10,2 Mbps\nBeta,20,2 Mbps\n")
    with pytest.raises(ImportFileError) as caught:
        preview(path, hints=["B"])
    text = str(caught.value)
    assert "--header-row 1" in text and "--map" in text and "map its columns with --map" not in text
    with pytest.raises(ImportFileError, match="map its columns with --map"):  # without --map it is still offered
        preview(path)


# ------------------------------------------------------------------------------------------ --vary values

@pytest.mark.parametrize("item, why", [
    ("codec=g711,g711", "--vary codec=g711,g711: g711 is given twice"),
    ("codec=g711,PCMU", "--vary codec=g711,PCMU: g711 and PCMU name the same codec (G.711)"),
    ("ptime=20,20.0", "--vary ptime=20,20.0: 20 and 20.0 name the same value"),
    ("gos=1%,0.01", "--vary gos=1%,0.01: 1% and 0.01 name the same value"),
    ("vpn=dmvpn,getvpn,dmvpn", "--vary vpn=dmvpn,getvpn,dmvpn: dmvpn is given twice"),
])
def test_a_value_given_twice_is_refused(item, why):
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse_vary([item])
    assert str(caught.value) == why


@pytest.mark.parametrize("item", ["codec=g711,,g729", "codec=g711,", "codec=,g711", "codec=g711, ,g729"])
def test_an_empty_value_is_refused(item):
    with pytest.raises(scenarios.ScenarioError, match=r"an empty value .*: remove it") as caught:
        scenarios.parse_vary([item])
    assert str(caught.value).startswith(f"--vary {item}:")


def test_one_key_varied_twice_is_refused():
    with pytest.raises(scenarios.ScenarioError, match="--vary codec is given twice; give its values in one"):
        scenarios.scenarios_from_vary(scenarios.parse_vary(["codec=g711", "codec=g729"]))


def test_distinct_values_still_vary():
    assert scenarios.parse_vary(["codec=g711,g729", "ptime=20,30"]) == [("codec", ["g711", "g729"]),
                                                                         ("ptime", ["20", "30"])]


# ------------------------------------------------------------------------------------------ iLBC

@pytest.mark.parametrize("name", ["iLBC", "ilbc", " ILBC "])
def test_ilbc_names_its_two_modes_with_their_rates(name):
    # RFC 3951: 20 ms frames of 38 bytes (15.2 kbps), 30 ms frames of 50 bytes (13.33 kbps)
    with pytest.raises(CodecError) as caught:
        resolve(name)
    assert str(caught.value) == "iLBC has two modes: ilbc-20 (15.2 kbps) or ilbc-30 (13.33 kbps); give one"


def test_ilbc_modes_and_other_names_still_resolve():
    assert resolve("ilbc-20").id == "ilbc-20" and resolve("iLBC 13.33").id == "ilbc-30"
    assert resolve("G.726").id == "g726-32"  # a family name that is an alias stays one
    with pytest.raises(CodecError, match="unknown codec 'foo'"):
        resolve("foo")
