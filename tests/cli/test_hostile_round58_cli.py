"""Round 58 of the hostile-input hunt, the command line: structural mutations of the examples, hostile site lists and
`compare --vary`, run through every sub-command. Each defect found, as the short sequence that shows it.

- `compare --vary ptime=20.00000000000000000001,20.00000000000000000002` compared two columns of 20 ms, headed as
  if they differed (`gos=10.0000000000000000001%,0.1` two of 0.1): the values differ beyond the 16 or so significant
  digits a number keeps, and were told apart only as written.
- `compare --vary calls=0.000…01,0.000…02` (values of 198 characters, 1e-196 and 2e-196) headed two columns alike:
  each option's name is cut to 200 characters, and the two names were cut to the same one; so were `--vary
  calls=0.000…01 --vary codec=g711,g729`, the codecs cut off. Names that would be too long now write their numbers
  in their fewest digits (calls=1e-196), and names still alike are told apart (`scenario_options._names`).
- `explain` of a design with no site printed "Design: Untitled design" and nothing else, exit 0, saying nothing of
  why (`explain --finding` with no such finding says so on standard error).
- `configs` of a branch with no WAN link said "24 phones; 0 WAN links; no WAN link; branch registering across the
  WAN.": the link said twice, and a way to register that the site does not have.
- `import` of a site list whose sites come after the rows read (blank rows down to row 20,030, a site below them)
  said "nothing imported: no rows below the header (row 1)" of a file with a site in it; with one row read and
  skipped, it did not say that the rest was not read either.
- `import` of a site list naming 'Zürich' twice, once with the accent typed as its own character (as macOS writes
  it), or 'Lyon' twice, once with a zero-width space or a direction mark after it, or 'Site 3' once with a
  full-width 'Ｓ', made two sites that read the same ('Zürich (zurich)', 'Zürich (zurich-2)'), where 'ZÜRICH' below
  'Zürich' is skipped as "the same site name"; `explain --site Zürich` then answered "2 sites are named 'Zürich'".
- A design named with blanks alone ("   ", allowed) or with characters that show nothing (a zero-width space) was
  headed "Design:    " by `check` and `explain`, "Bill of materials:    " by `bom` (and its workbook's title), and
  "of design '   '" by each `configs` sketch, where the PDF's cover and pages read "Untitled design"; a customer of
  blanks added " —    " to the heading.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.importer import reading
from tests.cli.inprocess import refusal as _error
from tests.cli.inprocess import run as _run

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MPLS = EXAMPLES / "hq-12-branches-mpls.json"  # 13 sites on one MPLS cloud, G.729 at 20 ms


# -- compare --vary: two values the analysis reads as one number ---------------------------------------------------

def test_compare_refuses_two_ptimes_read_as_the_same_number(capsys):
    # 20 + 1e-20 and 20 + 2e-20 are both the double 20.0 (its neighbours are 3.6e-15 apart): one option, twice
    line = _error(capsys, "compare", MPLS, "--vary", "ptime=20.00000000000000000001,20.00000000000000000002")
    assert line == ("advisor: error: --vary ptime: 20.00000000000000000001 and 20.00000000000000000002 are both "
                    "read as 20 ms (a number keeps about 16 significant digits); give values that differ within them")


def test_compare_refuses_a_percent_and_a_share_read_as_the_same_number(capsys):
    # 10.0000000000000000001 % is 0.100000000000000000001, the double 0.1, as 0.1 is
    line = _error(capsys, "compare", MPLS, "--vary", "gos=10.0000000000000000001%,0.1", "--json")
    assert line.startswith("advisor: error: --vary gos: 10.0000000000000000001% and 0.1 are both read as 0.1 ")


def test_compare_still_compares_values_that_differ_within_the_digits_kept(capsys):
    code, out, _err = _run(capsys, "compare", MPLS, "--vary", "ptime=20,40.000000000000", "--json")
    assert code == 0
    columns = json.loads(out)["scenarios"]
    assert [c["name"] for c in columns] == ["Current design", "ptime=20", "ptime=40.000000000000"]
    assert [c["ptime_ms"] for c in columns[1:]] == [20, 40]


def test_compare_two_values_whose_long_names_would_read_alike_are_named_apart(capsys):
    # 'calls=' and 0. and 195 zeros and a digit: 204 characters, which cut to 199 and '…' read the same for 1 and 2
    # at the end (two columns headed alike); the numbers are now named in their fewest digits
    one, two = "0." + "0" * 195 + "1", "0." + "0" * 195 + "2"
    code, out, _err = _run(capsys, "compare", MPLS, "--vary", f"calls={one},{two}", "--json")
    assert code == 0
    assert [c["name"] for c in json.loads(out)["scenarios"]] == ["Current design", "calls=1e-196", "calls=2e-196"]


def test_compare_names_the_long_value_short_when_the_short_ones_differ(capsys):
    # the names 'calls=0.000…01, codec=g711' and '…, codec=g729' were cut before the codec
    long = "0." + "0" * 195 + "1"
    code, out, _err = _run(capsys, "compare", MPLS, "--vary", f"calls={long}", "--vary", "codec=g711,g729", "--json")
    assert code == 0
    assert [c["name"] for c in json.loads(out)["scenarios"]] == [
        "Current design", "calls=1e-196, codec=g711", "calls=1e-196, codec=g729"]


def test_compare_shorter_values_of_the_same_numbers_are_compared(capsys):
    code, out, _err = _run(capsys, "compare", MPLS, "--vary", "calls=1e-196,2e-196", "--json")
    assert code == 0
    assert [c["name"] for c in json.loads(out)["scenarios"]] == ["Current design", "calls=1e-196", "calls=2e-196"]


# -- explain: a design with nothing to explain ---------------------------------------------------------------------

@pytest.mark.parametrize("as_json", [False, True])
def test_explain_of_a_design_without_sites_says_why_nothing_is_explained(capsys, tmp_path, as_json):
    design = tmp_path / "empty.json"
    design.write_text("{}", encoding="utf-8")
    code, out, err = _run(capsys, "explain", design, *(["--json"] if as_json else []))
    assert code == 0
    assert err == "advisor: note: nothing to explain: the design has no site\n"  # was nothing at all
    if as_json:
        assert json.loads(out) == {"design": "Untitled design", "explanations": []}
    else:
        assert out == "Design: Untitled design\n"


def test_explain_of_a_site_alone_needs_no_note(capsys, tmp_path):
    design = tmp_path / "one.json"
    design.write_text(json.dumps({"sites": [{"id": "a", "users": 0}]}), encoding="utf-8")
    code, out, err = _run(capsys, "explain", design)
    assert (code, err) == (0, "")
    assert "a: busy-hour traffic" in out


# -- configs: a branch with no WAN link -----------------------------------------------------------------------------

def _cut_off(tmp_path: Path) -> Path:
    """The MPLS example with Ljubljana (br05, 24 users, no call processing) left without its access link."""
    data = json.loads(MPLS.read_text(encoding="utf-8"))
    data["links"] = [ln for ln in data["links"] if "br05" not in (ln["a"], ln["b"])]
    path = tmp_path / "cut-off.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_configs_says_a_site_without_links_has_none_once_and_cannot_register(capsys, tmp_path):
    code, out, _err = _run(capsys, "configs", "--site", "br05", _cut_off(tmp_path))
    assert code == 0
    banner = " ".join(line.removeprefix("! ") for line in out.splitlines()[3:5])
    assert banner == ("Site br05 (Ljubljana) of design 'HQ + 12 branches on MPLS VPN'. 24 phones; no WAN link; branch "
                      "without call processing of its own: its phones cannot register.")
    assert "0 WAN links" not in out and "registering across the WAN" not in out.split("! ===")[2]


def test_configs_of_a_linked_branch_is_as_before(capsys, tmp_path):
    code, out, _err = _run(capsys, "configs", "--site", "br04", _cut_off(tmp_path))
    assert code == 0
    banner = " ".join(line.removeprefix("! ") for line in out.splitlines()[3:5])
    assert banner == ("Site br04 (Graz) of design 'HQ + 12 branches on MPLS VPN'. 30 phones; 1 WAN link; GET VPN; "
                      "branch registering across the WAN.")


# -- import: a site list longer than what is read --------------------------------------------------------------------

def test_import_says_blank_rows_read_and_the_rest_unread_not_no_rows(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)  # as 20,030 rows: 50 read, the site on row 62 is not
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Headcount,WAN BW\n" + "\n" * 60 + "Lyon,10,2M\n", encoding="utf-8")
    code, _out, err = _run(capsys, "import", sites, "-o", tmp_path / "d.json")  # the notes read go to stdout
    assert code == 2
    assert err.strip().splitlines()[-1] == (
        "advisor: error: sites.csv: nothing imported: the rows read below the header (row 1) are blank (only the "
        "first 50 rows of the sheet are read: move its sites up, or delete the rows between)")
    assert not (tmp_path / "d.json").exists()


def test_import_says_the_rest_was_not_read_when_the_rows_read_were_skipped(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(reading, "MAX_ROWS", 50)
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Headcount,WAN BW\nGraz,many,2M\n" + "\n" * 60 + "Lyon,10,2M\n", encoding="utf-8")
    _code, _out, err = _run(capsys, "import", sites, "-o", tmp_path / "d.json")
    assert err.strip().splitlines()[-1] == (
        "advisor: error: sites.csv: nothing imported: the one row below the header was skipped (row 2, Headcount "
        "(B): 'many' is not a whole number); only the first 50 rows of the sheet are read: move its sites up, or "
        "delete the rows between")


def test_import_of_a_header_alone_still_says_no_rows(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Headcount,WAN BW\n", encoding="utf-8")
    _code, _out, err = _run(capsys, "import", sites, "-o", tmp_path / "d.json")
    assert err.strip().splitlines()[-1] == "advisor: error: sites.csv: nothing imported: no rows below the header (row 1)"


# -- a design named with nothing that shows --------------------------------------------------------------------------

def _unnamed(tmp_path: Path, name: str) -> Path:
    data = json.loads(MPLS.read_text(encoding="utf-8"))
    data["name"], data["customer"] = name, "  "
    path = tmp_path / "unnamed.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["   ", "\u200b", "\u2060\u200e"])
@pytest.mark.parametrize("command, heading", [
    (["check"], "Design: Untitled design"),  # was "Design:     —   "
    (["explain", "--site", "hq"], "Design: Untitled design"),
    (["bom"], "Bill of materials: Untitled design"),
])
def test_a_name_that_shows_nothing_reads_untitled_as_in_the_pdf(capsys, tmp_path, name, command, heading):
    code, out, _err = _run(capsys, command[0], _unnamed(tmp_path, name), *command[1:])
    assert code in (0, 1)
    assert out.splitlines()[0] == heading


def test_a_configs_sketch_of_a_design_named_with_blanks_reads_untitled(capsys, tmp_path):
    code, out, _err = _run(capsys, "configs", "--site", "br01", _unnamed(tmp_path, "   "))
    assert code == 0
    assert out.splitlines()[3].startswith("! Site br01 (Zürich) of design 'Untitled design'. 24 phones;")


def test_the_bill_workbook_of_a_design_named_with_blanks_reads_untitled(capsys, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "bom.xlsx"
    code, _out, _err = _run(capsys, "bom", _unnamed(tmp_path, "   "), "--xlsx", out)
    assert code == 0
    assert openpyxl.load_workbook(out).worksheets[0]["A1"].value == "Bill of materials: Untitled design"


def test_the_json_keeps_the_name_as_written(capsys, tmp_path):
    code, out, _err = _run(capsys, "check", _unnamed(tmp_path, "   "), "--json")
    assert code in (0, 1) and json.loads(out)["design"] == "   "


# -- import: one site name typed two ways -----------------------------------------------------------------------------

def test_import_skips_a_name_that_reads_as_an_earlier_one(capsys, tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Headcount,WAN BW\nZ\u00fcrich,10,2M\nZu\u0308rich,20,2M\nLyon,5,2M\nLyon\u200b,6,2M\n"
                     "Lyon\u200e,7,2M\n\uff33ite 3,8,2M\nSite 3,9,2M\nSite 4,1,2M\n", encoding="utf-8")
    out = tmp_path / "d.json"
    code, text, _err = _run(capsys, "import", sites, "-o", out)
    assert code == 0
    assert "row 3, Site Name (A): the same site name as row 2; row skipped" in text
    assert "rows 5, 6, Site Name (A): the same site name as row 4; row skipped" in text
    assert "row 8, Site Name (A): the same site name as row 7; row skipped" in text
    design = json.loads(out.read_text(encoding="utf-8"))
    assert [(s["name"], s["users"]) for s in design["sites"]] == [
        ("Z\u00fcrich", 10), ("Lyon", 5), ("\uff33ite 3", 8), ("Site 4", 1)]
