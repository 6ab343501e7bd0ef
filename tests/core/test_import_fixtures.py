"""The messy fixtures of tests/data/import imported end to end: every imported value checked against the fixture by
hand, bad rows reported by number and column, and the designs valid, saved, reloaded and analysed.

Conversions used below: 1 Mbps = 1,000 kbps; 1 Gbps = 1,000,000 kbps; E1 2,048 kbps; T1 1,544 kbps. Call
processing at the hub: the cluster limits table gives 10,000 devices per call-processing node, so up to 10,000
phones need 1 primary + 1 backup subscriber (1:1 redundancy): 2 subscribers.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from advisor.analysis import analyse
from advisor.importer import build_design, preview
from advisor.io import load, save

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "import"


def _import(name: str, **kwargs):
    sheet = kwargs.pop("sheet", None)
    return build_design(preview(FIXTURES / name, sheet=sheet), **kwargs)


def _sites(design) -> dict:
    return {s.name: s for s in design.sites}


def _links(design) -> dict:
    return {(link.a, link.b): link for link in design.links}


def _texts(messages, severity: str) -> list[str]:
    return [str(m) for m in messages if m.severity == severity]


# ---------------------------------------------------------------------------------------------- messy.csv (UTF-8)

def test_messy_csv_sites():
    design, _ = _import("messy.csv")
    assert design.name == "Northwind Traders — WAN site survey"  # the title block's first line
    sites = _sites(design)
    assert list(sites) == ["Head Office", "Zürich", "Lyon", "Store 7", "Madrid", "Oslo", "Kraków"]
    expected = {  # name: (id, kind, users, phones, public phones, survivability, router)
        "Head Office": ("head-office", "hq", 450, 480, 4, "none", "ISR4451-X"),
        "Zürich": ("zurich", "branch", 24, None, 0, "srst", "ISR4321"),
        "Lyon": ("lyon", "branch", 120, None, 0, "srst", "C8300-1N1S-6T"),
        "Store 7": ("store-7", "branch", 12, 12, 0, "none", None),
        "Madrid": ("madrid", "branch", 30, None, 0, "srst", "ISR1111"),
        "Oslo": ("oslo", "branch", 15, None, 0, "none", None),
        "Kraków": ("krakow", "branch", 8, None, 0, "none", None),
    }
    for name, (sid, kind, users, phones, public, surv, router) in expected.items():
        s = sites[name]
        assert (s.id, s.kind, s.users, s.phones, s.public_area_phones, s.survivability, s.srst_platform) == \
            (sid, kind, users, phones, public, surv, router), name
        assert s.pstn_gateway is True  # no PSTN column: a local gateway assumed
    hub = sites["Head Office"]  # 450 users, the most
    assert hub.cucm_publisher and hub.cucm_subscribers == 2
    assert sum(s.cucm_publisher for s in design.sites) == 1
    assert sum(s.call_processing_nodes for s in design.sites) == 3


def test_messy_csv_links_and_clouds():
    design, _ = _import("messy.csv")
    assert {c.id: c.kind for c in design.clouds} == {"mpls": "mpls", "internet": "internet",
                                                     "private-wan": "private-wan"}
    expected = {  # (site, cloud): (capacity kbps, layer 2, RTT ms, NAT, name)
        ("head-office", "mpls"): (1_000_000, "ethernet", 8, False, "MPLS"),  # 1 Gbps
        ("zurich", "mpls"): (2000, "ethernet", 32, False, "MPLS"),  # 2 Mbps, 'MPLS VPN'
        ("lyon", "mpls"): (2048, "ethernet", 30, False, "MPLS"),  # '2,048 kbps', 'IP-VPN', no RTT: 30 ms for MPLS
        ("store-7", "internet"): (512, "atm", 45, False, "ADSL"),  # 512k, ADSL over ATM, '45 ms'
        ("madrid", "internet"): (10_000, "ethernet", 25, False, "Broadband"),  # '10 Mb/s', '~25'
        ("oslo", "internet"): (1500, "ethernet", 40, True, "LTE / 5G"),  # 1.5M, '20-40' -> 40, carrier NAT
        ("krakow", "private-wan"): (2048, "ppp", 12, False, "Leased line"),  # bare 2048: kbps; serial up to E1
        ("head-office", "internet"): (1_000_000, "ethernet", 40, False, "Internet (DIA)"),  # the hub joins
        ("head-office", "private-wan"): (1_000_000, "ethernet", 20, False, "Metro Ethernet"),  # every cloud
    }
    links = _links(design)
    assert set(links) == set(expected)
    for key, (capacity, l2, rtt, nat, name) in expected.items():
        link = links[key]
        assert (link.capacity_kbps, link.l2, link.rtt_ms, link.nat, link.name) == (capacity, l2, rtt, nat, name), key


def test_messy_csv_bad_rows_are_reported_by_number_and_column():
    _, messages = _import("messy.csv")
    assert _texts(messages, "skipped") == [
        "row 10, Headcount (C): 'many' is not a whole number; row skipped",
        "row 11, WAN BW (E): 'fast' is not a bandwidth (e.g. 2 Mbps, 1.5M, 512k, 10 Mb/s or 1 Gbps); row skipped",
        "row 14, Site Name (A): only a name, no other value: read as a section heading; row skipped",
        "row 16, Site Name (A): a totals row ('Totals'); skipped",
    ]
    assert _texts(messages, "warning") == [
        "row 8, WAN BW (E): a ',' followed by three digits read as a thousands separator",
        "row 13, Latency (ms) (G): a range: its upper end used",
    ]


def test_messy_csv_every_default_is_listed_grouped():
    _, messages = _import("messy.csv")
    defaults = _texts(messages, "default")
    for line in (
        "row 8, Latency (ms) (G): no RTT given: 30 ms assumed for MPLS access (a planning figure; measure it)",
        "rows 6, 8, 12, 13, 15, Phones (D): no phones given: one per user",
        "rows 5, 6, 8, 9, 12, 13, 15: no PSTN gateway given: a local gateway assumed",
        "row 13: no NAT given: NAT on the path assumed for LTE / 5G access (carrier-grade NAT)",
        "rows 6, 8, 12: no SRST given: Unified SRST assumed on the router named",
        "rows 9, 13, 15: no SRST and no router given: no survivability assumed",
        "row 9, Circuit (F): ADSL access: layer 2 ATM (AAL5 with RFC 2684 LLC/SNAP) assumed",
        "row 15, WAN BW (E): a number without a unit: read as kbps (the column's numbers of 64 and more are all "
        "multiples of 64 kbps, as E1/T1 circuit speeds are)",
        "Latency (ms) (G): latency read as the round-trip time of the site's access link",
    ):
        assert line in defaults, line
    assert any(line.startswith("row 5: 'Head Office' is the hub and the HQ: a CUCM publisher and 2 call-processing "
                               "subscribers for 689 phones") for line in defaults)  # 480+24+120+12+30+15+8
    assert len(defaults) == len(set(defaults))
    # Location names the site name too, less surely than Site Name: said so, not listed as naming no field
    info = " ".join(_texts(messages, "info"))
    assert "Location (B) names the site name too, less surely than Site Name (A), which is read" in info
    assert "no field of the design): Location (B)" not in info


# ------------------------------------------------------------------------- bom_semicolon.csv (BOM, ';', 1,5)

def test_bom_semicolon_csv():
    design, messages = _import("bom_semicolon.csv")
    sites, links = _sites(design), _links(design)
    assert list(sites) == ["Wien", "Mödling", "Linz", "Innsbruck"]  # the BOM is not part of the first header
    expected = {  # name: (users, phones, survivability, router, local PSTN)
        "Wien": (85, 90, "none", "ISR4331", True),  # the hub: no SRST whatever its row says
        "Mödling": (12, None, "srst", "ISR1111", False),  # 'x' = SRST; an empty PSTN cell in a filled column = no
        "Linz": (40, None, "none", None, False),
        "Innsbruck": (20, None, "sip-srst", "ISR4321", True),
    }
    for name, values in expected.items():
        s = sites[name]
        assert (s.users, s.phones, s.survivability, s.srst_platform, s.pstn_gateway) == values, name
    assert sites["Wien"].cucm_publisher and sites["Wien"].cucm_subscribers == 2
    ids = {s.name: s.id for s in design.sites}
    expected_links = {  # (site id, cloud): (kbps, layer 2, RTT)
        (ids["Wien"], "internet"): (10_000, "ethernet", 35),  # bare 10 < 64: Mbps
        (ids["Mödling"], "internet"): (1500, "atm", 40),  # '1,5' with ',' as the decimal mark: 1.5 Mbps; ADSL
        (ids["Linz"], "mpls"): (2048, "ethernet", 28),  # '2.048' = 2048 here; a multiple of 64: kbps
        (ids["Innsbruck"], "internet"): (20_000, "ethernet", 40),  # '100/20 Mbps': the 20 Mbps upstream
        (ids["Wien"], "mpls"): (10_000, "ethernet", 30),  # the hub joins MPLS at its own 10 Mbps
    }
    assert {k: (v.capacity_kbps, v.l2, v.rtt_ms) for k, v in links.items()} == expected_links
    assert _texts(messages, "skipped") == ["row 5, Staff (B): 'bad' is not a whole number; row skipped"]
    assert "row 4, Speed (D): a '.' followed by three digits read as a thousands separator (the file separates " \
           "its columns with ';')" in _texts(messages, "warning")
    assert "rows 2, 3, Speed (D): a number below 64 without a unit: read as Mbps (no circuit is slower than one " \
           "64 kbps channel)" in _texts(messages, "default")


# --------------------------------------------------------------------------- cp1252_tabs.csv (Windows-1252, tabs)

def test_cp1252_tab_separated_csv():
    design, _ = _import("cp1252_tabs.csv")
    assert [s.name for s in design.sites] == ["Köln", "Besançon", "Málaga"]
    ids = {s.name: s.id for s in design.sites}
    assert ids == {"Köln": "koln", "Besançon": "besancon", "Málaga": "malaga"}
    assert {k: (v.capacity_kbps, v.rtt_ms) for k, v in _links(design).items()} == {
        ("koln", "mpls"): (1024, 25),  # header 'BW (kbps)': bare numbers are kbps
        ("besancon", "mpls"): (768, 30),  # no latency: 30 ms for MPLS
        ("malaga", "internet"): (2000, 41),  # '2 Mbps' keeps its own unit
        ("koln", "internet"): (1024, 40),  # the hub (30 users) joins the Internet cloud
    }


# ------------------------------------------------------------------------------------- sites.xlsx (workbook)

def test_xlsx_sites_and_links():
    design, _ = _import("sites.xlsx")
    assert design.name == "Fabrikam Inc. — WAN sites"
    sites = _sites(design)
    expected = {  # name: (id, kind, users, phones, survivability, router)
        "Dallas HQ": ("DAL", "hq", 900, 900, "none", "ISR4451"),  # phones '=D5', saved as 900
        "Austin": ("AUS", "branch", 45, None, "srst", "ISR4331"),
        "El Paso": ("ELP", "branch", 18, 18, "none", None),  # 'Store' is a branch
        "Denver": ("DEN", "datacenter", 200, None, "srst", "C8500"),
        "Phoenix": ("PHX", "branch", 30, None, "srst", "ISR1111"),
    }
    assert set(sites) == set(expected)
    for name, (sid, kind, users, phones, surv, router) in expected.items():
        s = sites[name]
        assert (s.id, s.kind, s.users, s.phones, s.survivability, s.srst_platform) == \
            (sid, kind, users, phones, surv, router), name
    assert sites["Dallas HQ"].cucm_publisher and sites["Dallas HQ"].cucm_subscribers == 2
    expected_links = {  # (site, cloud): (kbps, layer 2, RTT, NAT) — header 'Bandwidth (Mbps)'
        ("DAL", "mpls"): (100_000, "ethernet", 12, False),
        ("AUS", "internet"): (10_000, "ethernet", 40, True),  # RTT '=8*5' saved as 40; NAT TRUE
        ("ELP", "private-wan"): (1544, "ppp", 22, False),  # 1.544 Mbps, 'T1': a serial leased line
        ("DEN", "private-wan"): (1_000_000, "ethernet", 5, False),  # 1000 Mbps metro Ethernet; NAT 'N'
        ("PHX", "internet"): (10_000, "ethernet", 40, False),  # '50/10' Mbps: 10 up; cable broadband
        ("DAL", "internet"): (100_000, "ethernet", 40, False),
        ("DAL", "private-wan"): (100_000, "ethernet", 20, False),
    }
    assert {k: (v.capacity_kbps, v.l2, v.rtt_ms, v.nat) for k, v in _links(design).items()} == expected_links


def test_xlsx_bad_rows_and_formulas_are_reported():
    _, messages = _import("sites.xlsx")
    assert _texts(messages, "skipped") == [
        "row 8, IP Phones (E): a formula saved without its value (open the workbook in Excel and save it, or type "
        "the value); row skipped",
        "row 11, Users (D): the cell holds a spreadsheet error (#DIV/0!), not a value; row skipped",
        "row 13, Site (A): a totals row ('Total'); skipped",
    ]
    info = _texts(messages, "info")
    assert "row 5, IP Phones (E): formulas: the values the workbook saved with them are used (never recalculated)" \
        in info
    assert "row 6, RTT (ms) (H): formulas: the values the workbook saved with them are used (never recalculated)" \
        in info
    assert "rows 9, 12, NAT (J): empty: read as no" in _texts(messages, "default")


def test_xlsx_other_sheet_by_name():
    design, _ = _import("sites.xlsx", sheet="Sites 2019")
    assert [(s.name, s.users) for s in design.sites] == [("Old Dallas", 700), ("Old Austin", 30)]
    assert sorted(link.capacity_kbps for link in design.links) == [512, 10_000]  # '512k', '10M'


def test_the_hub_can_be_named():
    design, messages = _import("messy.csv", hub="zurich")  # the name without its accent finds 'Zürich'
    hub = _sites(design)["Zürich"]
    assert hub.cucm_publisher and hub.kind == "hq" and hub.survivability == "none"
    assert not _sites(design)["Head Office"].cucm_publisher
    assert _sites(design)["Head Office"].survivability == "srst"  # a router named: SRST on it
    assert any("'Zürich' is the hub" in str(m) for m in messages)


# ------------------------------------------------------------------------------- valid, saved, analysed

@pytest.mark.parametrize("name", ["messy.csv", "bom_semicolon.csv", "cp1252_tabs.csv", "sites.xlsx"])
def test_imported_designs_save_reload_and_analyse(tmp_path, name):
    design, _ = _import(name)
    path = tmp_path / "design.json"
    save(design, path)
    assert load(path) == design
    results = analyse(design)
    assert {r.id for r in results.links} == {link.id for link in design.links}
    assert results.model.detected == "centralized"
    assert len({(s.x, s.y) for s in design.sites}) == len(design.sites)


def test_the_fixture_script_writes_these_fixtures(tmp_path):
    """make_fixtures.py re-run: the same cells (values and formulas) in every sheet, the same CSV bytes."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_xlsx(tmp_path)
    for csv_path in module.write_csvs(tmp_path):
        assert csv_path.read_bytes() == (FIXTURES / csv_path.name).read_bytes()
    for data_only in (False, True):
        ours = openpyxl.load_workbook(tmp_path / "sites.xlsx", data_only=data_only)
        kept = openpyxl.load_workbook(FIXTURES / "sites.xlsx", data_only=data_only)
        assert ours.sheetnames == kept.sheetnames
        for sheet in ours.sheetnames:
            assert [[c.value for c in row] for row in ours[sheet].iter_rows()] == \
                [[c.value for c in row] for row in kept[sheet].iter_rows()]
    with zipfile.ZipFile(io.BytesIO((FIXTURES / "sites.xlsx").read_bytes())) as z:
        assert '<f>D5</f><v>900</v>' in z.read("xl/worksheets/sheet2.xml").decode()
