"""Our own results workbook (`advisor check --xlsx`) imports back without any --map: its Sites sheet is the one
chosen, 'Site' (the ids) and 'Name' go to the id and the name, and the columns of measured figures ('WAN traffic
(Erlangs)', 'PSTN trunks (channels)') are not taken for the transport or the PSTN gateway. A customer's plain
sheet reads as before."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from advisor.cli import main
from advisor.importer import preview
from advisor.importer.fields import recognise
from advisor.importer.headers import columns_of, guess
from advisor.io import load

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))


def _export(example: Path, folder: Path) -> Path:
    book = folder / f"{example.stem}.xlsx"
    assert main(["check", str(example), "--xlsx", str(book)]) in (0, 1)  # 1: the design has errors (classroom)
    return book


def _sites(design) -> list[tuple]:
    """What the Sites sheet carries that the import reads: id, name, type, users, phones, survivability."""
    return [(s.id, s.name, s.kind, s.users, s.phone_count, s.survivability) for s in design.sites]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_results_workbook_imports_back_without_a_map(example, tmp_path, capsys):
    book = _export(example, tmp_path)
    capsys.readouterr()
    out = tmp_path / "back.json"
    assert main(["import", str(book), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"from {book.name}, sheet 'Sites' (header on row 2); 0 rows skipped." in printed.splitlines()[0]
    original = load(example)
    assert _sites(load(out)) == _sites(original)
    assert len(original.sites) >= 1


def test_the_sites_sheet_named_imports_every_row(tmp_path, capsys):
    """The command of the report: `import small.xlsx --sheet Sites -o x.json` skipped every row."""
    example = next(p for p in EXAMPLES if p.stem == "hq-12-branches-mpls")
    book = _export(example, tmp_path)
    out = tmp_path / "x.json"
    assert main(["import", str(book), "--sheet", "Sites", "-o", str(out)]) == 0
    design = load(out)
    assert [s.name for s in design.sites][:2] == ["Headquarters", "Zürich"]  # the example's first two sites
    assert len(design.sites) == 13  # HQ + 12 branches
    assert "Rows skipped" not in capsys.readouterr().out


def test_the_sites_sheet_mapping():
    pre_columns = columns_of(["Site", "Name", "Type", "Users", "Phones", "Busy-hour traffic (Erlangs)",
                              "WAN traffic (Erlangs)", "PSTN traffic (Erlangs)", "PSTN trunks (channels)",
                              "Signalling (kbps)", "Call-processing nodes", "Survivability"], 12)
    mapping, _passed = guess(pre_columns)
    assert mapping.fields == ("id", "name", "kind", "users", "phones", None, None, None, None, None, None, "srst")


HEADERS = [
    # measured figures name no transport, PSTN or yes/no field
    ("WAN traffic (Erlangs)", None), ("PSTN trunks (channels)", None), ("PSTN traffic (Erlangs)", None),
    ("PSTN channels", None), ("Busy-hour calls", None), ("Site traffic (Erlangs)", None), ("Router count", None),
    ("NAT (%)", None), ("Survivability (ms)", None), ("Circuit (channels)", None), ("Type (Erlangs)", None),
    # ... but a field holding that figure is still named
    ("Latency (ms)", "rtt"), ("Capacity (kbps)", "bandwidth"), ("User count", "users"),
    ("IP phone count", "phones"), ("Head count", "users"), ("Trunks", "pstn"), ("PSTN", "pstn"),
    # a transport header with a speed unit holds the speed
    ("Circuit (Mbps)", "bandwidth"), ("Access (kbps)", "bandwidth"), ("WAN traffic (kbps)", None),
    # a link's or a person's name is no site's
    ("Link name", None), ("Contact name", None),
]


def test_headers_of_measured_figures():
    assert [(h, recognise(h)[0]) for h, _f in HEADERS] == HEADERS


NAME_AND_SITE = [
    (["Site", "Name", "Users"], ("id", "name", "users")),  # 'Name' is the name, 'Site' the id
    (["Name", "Site", "Users"], ("name", "id", "users")),
    (["Site", "Site Name", "Users"], ("id", "name", "users")),
    (["Site", "Site ID", "Name"], (None, "id", "name")),  # the id is taken: 'Site' is left out
    (["Site", "Users", "City"], ("name", "users", None)),  # alone, 'Site' is still the name
    (["Site Name", "City", "Users"], ("name", None, "users")),  # a passed-over 'City' is no id
]


def test_name_beats_site():
    got = []
    for headers, _fields in NAME_AND_SITE:
        mapping, passed = guess(columns_of(headers, len(headers)))
        got.append((headers, mapping.fields))
        # the columns naming a field and left out are listed as passed over
        assert {c.header for c, _f in passed} == {h for h, f in zip(headers, mapping.fields, strict=True)
                                                   if f is None and recognise(h)[0] is not None}
    assert got == NAME_AND_SITE


def _book(path: Path, sheets: list[tuple[str, list[list[object]], bool]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, visible in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.sheet_state = "visible" if visible else "hidden"
    wb.save(path)
    return path


def test_the_default_sheet_is_the_site_list(tmp_path):
    links = [["Link", "Link name", "End A", "Capacity (kbps)", "Circuit"], ["l-1", None, "Bern", 2048, "MPLS"]]
    sites = [["Site Name", "Users"], ["Bern", 10], ["Basel", 5]]
    path = _book(tmp_path / "b.xlsx", [("Links", links, True), ("Sites", sites, True)])
    pre = preview(path)
    assert [(s.name, s.header_row) for s in pre.sheets] == [("Links", 1), ("Sites", 1)]  # both have a header
    assert pre.sheet == "Sites" and [r.cells[0] for r in pre.rows] == ["Bern", "Basel"]
    # a hidden site list stays passed over for a visible sheet
    path = _book(tmp_path / "c.xlsx", [("Links", links, True), ("Sites", sites, False)])
    assert preview(path).sheet == "Links"
    # with no site list, the first sheet with a header, as before
    other = [["Site", "WAN BW"], ["Bern", "2M"]]
    path = _book(tmp_path / "d.xlsx", [("Links", links, True), ("Circuits", other, True)])
    assert preview(path).sheet == "Links"


def test_a_customer_sheet_imports_as_before(tmp_path, capsys):
    source = tmp_path / "sites.csv"
    source.write_text("Site Name,Users,City,Circuit (Mbps),Access,PSTN\n"
                      "Bern HQ,120,Bern,10,MPLS,yes\nBasel,15,Basel,4,Internet,no\n", encoding="utf-8")
    pre = preview(source)
    # 'Circuit (Mbps)' holds the speed, 'Access' the transport (both were taken for the transport, the leftmost
    # kept and then read as the speed by its values: Access was left out)
    assert pre.mapping.fields == ("name", "users", None, "bandwidth", "transport", "pstn")
    out = tmp_path / "sites.json"
    assert main(["import", str(source), "-o", str(out)]) == 0
    design = load(out)
    assert [(s.id, s.name, s.users, s.pstn_gateway) for s in design.sites] == [
        ("bern-hq", "Bern HQ", 120, True), ("basel", "Basel", 15, False)]
    links = {x.a: (x.capacity_kbps, x.b) for x in design.links if x.a == "basel"}
    assert links["basel"] == (4000, "internet")  # 4 Mbps, the header's unit (1 Mbps = 1,000 kbps), on the Internet
