"""Hostile input, round 49, in the importer.

- A cell of many opening brackets with no closing one ('((((…', '[[[[…', '{(burst…') in any of the first 30 rows
  (each is read as a header candidate) made the search for a unit in brackets try every bracket to the end of the
  cell: 20,000 '[' in one cell took 31 s, a 131,068-character one hours.
- `apply_map` read the first of two columns headed alike in silence.
- A title cell of a zero-width space named the design; `--hub` naming one site by name and another by id took the
  first row in silence; `--header-row` beyond the rows read said the file had no such row.
"""

from __future__ import annotations

import time

import pytest

from advisor.importer import MappingError, apply_map, preview
from advisor.importer.fields import normalize


@pytest.mark.parametrize("text", ["(" * 60_000, "[" * 60_000, "{" * 60_000, "(1" * 30_000, "(burst" * 10_000,
                                  "(" * 60_000 + "(ms)"])
def test_a_header_of_many_opening_brackets_is_read_at_once(text):
    started = time.perf_counter()
    words, unit = normalize(text)
    assert time.perf_counter() - started < 2  # minutes before
    assert unit == ("ms" if text.endswith("(ms)") else None)


@pytest.mark.parametrize("header, expected", [
    ("WAN BW (Mbps)", ("wan bw", "Mbps")),
    ("Delay (s)", ("delay", "s")),
    ("a (b) c [kbps] {x", ("c x", "kbps")),
    ("Users (000s)", ("user", None)),
    ("Bandwidth Mbps", ("bandwidth", "Mbps")),
    ("((Latency) (ms)", ("", "ms")),
])
def test_headers_with_brackets_read_as_before(header, expected):
    assert normalize(header) == expected


def test_a_site_list_with_a_cell_of_brackets_is_read_in_seconds(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users,Notes\nHQ,10," + "[" * 100_000 + "\nBranch,5,x\n", encoding="utf-8")
    started = time.perf_counter()
    pre = preview(sites)
    assert time.perf_counter() - started < 5
    assert [c.header for c in pre.columns][:2] == ["Site Name", "Users"]


def test_apply_map_refuses_a_header_two_columns_carry(tmp_path):
    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users,USERS\nHQ,1,2\n", encoding="utf-8")
    pre = preview(sites)
    with pytest.raises(MappingError, match=r"2 columns are headed 'users': Users \(B\) and USERS \(C\); name one "
                                           r"by its letter, e\.g\. --map \"B=users\""):
        apply_map(pre.mapping, pre.columns, ["users=users"])
    assert apply_map(pre.mapping, pre.columns, ["C=users"]).field_of(2) == "users"


@pytest.mark.parametrize("title, expected", [
    ("\u200b", "Sites from sites.csv"),
    ("\u200b\ufeff\u2060", "Sites from sites.csv"),
    ("\u200b,Survey 2026", "Survey 2026"),
    ("Survey\u00a02026", "Survey 2026"),
])
def test_a_title_cell_that_shows_nothing_does_not_name_the_design(tmp_path, title, expected):
    """A title block of one zero-width space named the design with it: a name that shows nothing, which --name
    refuses and the PDF printed as an empty title."""
    from advisor.importer import build_design

    sites = tmp_path / "sites.csv"
    sites.write_text(f"{title}\nSite Name,Users\nHQ,10\nBranch,5\n", encoding="utf-8")
    pre = preview(sites)
    design, _messages = build_design(pre, pre.mapping)
    assert design.name == expected


@pytest.mark.parametrize("hub, expected", [("Beta", "Beta"), ("beta", "Alpha"), ("Alpha", "Alpha"),
                                           ("alpha", "Beta"), ("Zürich", "Zürich"), ("z2", "Zurich!")])
def test_a_hub_named_as_one_site_and_ids_another_is_the_one_written_so(tmp_path, hub, expected):
    """`--hub Beta` made 'Alpha' the hub, whose id is 'beta': the first row matching the name or the id, in any
    case, was taken, although a site is named 'Beta' as typed."""
    from advisor.importer import build_design

    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Site ID,Users\nAlpha,beta,5\nBeta,alpha,6\nZürich,z1,3\nZurich!,z2,4\n",
                     encoding="utf-8")
    pre = preview(sites)
    design, _messages = build_design(pre, pre.mapping, hub=hub)
    assert next(s.name for s in design.sites if s.cucm_publisher) == expected


@pytest.mark.parametrize("hub, message", [
    ("ALPHA", "hub 'ALPHA': names 2 sites: 'Alpha' (row 2, by its name) and 'Beta' (row 3, by its id); give the "
              "hub's name or id as the sheet writes it"),
    ("zurich", "hub 'zurich': names 2 sites: 'Zürich' (row 4, by its name, accents and punctuation aside) and "
               "'Zurich!' (row 5, by its name, accents and punctuation aside); give the hub's name or id as the "
               "sheet writes it"),
])
def test_a_hub_that_names_two_sites_alike_is_refused(tmp_path, hub, message):
    from advisor.importer import ImportFileError, build_design

    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Site ID,Users\nAlpha,beta,5\nBeta,alpha,6\nZürich,z1,3\nZurich!,z2,4\n",
                     encoding="utf-8")
    pre = preview(sites)
    with pytest.raises(ImportFileError) as refused:
        build_design(pre, pre.mapping, hub=hub)
    assert str(refused.value) == message


def test_a_header_row_beyond_the_rows_read_is_not_said_to_be_missing(tmp_path):
    """`--header-row 20040` on a 20,101-row file said "the file has no row 20,040 (it has 20,030 rows)": it has,
    but only the first 20,030 are read."""
    from advisor.importer import ImportFileError

    sites = tmp_path / "sites.csv"
    sites.write_text("Site Name,Users\n" + "".join(f"S{i},{i % 50}\n" for i in range(20_100)), encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        preview(sites, header_row=20_040)
    assert str(refused.value) == ("sites.csv: row 20,040 of the file is beyond the first 20,030 rows, all the import "
                                  "reads (a design holds at most 20,000 sites); the header row must be among them")
    with pytest.raises(ImportFileError, match=r"the file has no row 4 \(it has 3 rows\)"):
        small = tmp_path / "small.csv"
        small.write_text("Site Name,Users\nA,1\nB,2\n", encoding="utf-8")
        preview(small, header_row=4)


def test_a_link_between_two_clouds_is_refused_naming_its_ends():
    from advisor.model import Design

    data = {"sites": [{"id": "s"}], "clouds": [{"id": "mpls-a", "kind": "mpls"}, {"id": "inet", "kind": "internet"}],
            "links": [{"id": "l1", "a": "s", "b": "mpls-a"}, {"id": "x", "a": "mpls-a", "b": "inet"}]}
    with pytest.raises(ValueError) as caught:
        Design.model_validate(data)
    assert "links[1]: a link must have a site at one end at least ('mpls-a' and 'inet' are both clouds)" in str(
        caught.value)
