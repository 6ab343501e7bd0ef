"""advisor.bom on designs whose figures are worked out by hand: branch routers, PSTN trunks, CUCM nodes with their
redundancy, GET VPN key servers and VPN hubs; and every bundled example."""

import math
import re
from pathlib import Path

import pytest

from advisor import bom
from advisor.analysis import analyse
from advisor.bom_rules import model_name
from advisor.io import load
from advisor.model import Design
from advisor.tables import load_table

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))
PSTN_ONLY = {"calls_per_user": 2, "holding_time_s": 180, "intra_site_share": 0, "on_net_share": 0, "pstn_share": 1}


def design(sites, *, clouds=(), links=(), traffic=None, vpn=None, cluster=None, voice=None) -> Design:
    return Design.model_validate({
        "name": "hand", "sites": list(sites), "clouds": list(clouds), "links": list(links),
        "traffic": traffic or PSTN_ONLY, "vpn": vpn or {"technology": "none"}, "cluster": cluster or {},
        "voice": voice or {}})


def items_of(d: Design, **options) -> list[bom.BomItem]:
    return bom.build(d, analyse(d), bom.BomOptions(**options))


def one(items, item: str, site: str | None = None) -> bom.BomItem:
    found = [i for i in items if i.item == item and (site is None or i.site == site)]
    assert len(found) == 1, (item, site, items)
    return found[0]


HQ = {"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2}


def star(branches: dict[str, int], technology: str = "getvpn", **kw) -> Design:
    """HQ + branches (id -> phones) on one MPLS cloud."""
    sites = [HQ, *({"id": b, "users": n, "survivability": "srst"} for b, n in branches.items())]
    links = [{"id": f"l-{s['id']}", "a": s["id"], "b": "wan", "capacity_kbps": 100_000} for s in sites]
    return design(sites, clouds=[{"id": "wan", "kind": "mpls"}], links=links, vpn={"technology": technology, **kw})


# ---------------------------------------------------------------------------------------------- PSTN trunks

@pytest.mark.parametrize("users, e1, t1", [
    # 100 users × 2 calls × 180 s / 3600 = 10 E, all to the PSTN: Erlang B at 1 % needs 18 trunks (SPEC example)
    (100, 1, 1),
    # 200 users: 20 E need 30 trunks (Erlang B tables: 29 carry 19.49 E, 30 carry 20.34 E at 1 %)
    (200, 1, 2),
])
def test_pri_count_equals_ceil_of_the_erlang_b_trunks(users, e1, t1):
    d = design([{**HQ, "users": users}])
    trunks = {100: 18, 200: 30}[users]
    assert analyse(d).sites[0].pstn_trunks == trunks
    assert one(items_of(d, pstn="e1"), "PSTN digital trunk").quantity == e1 == math.ceil(trunks / 30)
    assert one(items_of(d, pstn="t1"), "PSTN digital trunk").quantity == t1 == math.ceil(trunks / 23)
    sip = one(items_of(d, pstn="sip"), "PSTN SIP trunk")
    assert sip.quantity == trunks and sip.model == "SIP trunk sessions"


def test_e1_is_the_default():
    line = one(items_of(design([HQ])), "PSTN digital trunk")
    assert line.model == "E1 PRI (30 B-channels)"


def test_no_pstn_traffic_no_trunk_line():
    d = design([HQ], traffic={**PSTN_ONLY, "intra_site_share": 1, "pstn_share": 0})
    assert not [i for i in items_of(d) if i.category == "pstn"]


# ------------------------------------------------------------------------------------------------ routers

def test_each_branch_router_covers_its_phones():
    d = star({"br1": 24, "br2": 60, "br3": 300, "br4": 1500})
    table = load_table("srst_platforms")
    routers = {i.site: i for i in items_of(d) if i.category == "router"}
    assert set(routers) == {"br1", "br2", "br3", "br4"}  # the HQ runs call processing: no SRST there
    capacities = {model_name(k): int(e.value) for k, e in table.entries.items() if "/" not in k}
    for site, phones in (("br1", 24), ("br2", 60), ("br3", 300), ("br4", 1500)):
        assert routers[site].quantity == 1
        assert capacities[routers[site].model] >= phones
    # by hand from the table: 60 > 4321's 50 -> 4331 (100); 300 > 4351's 250 -> 4431 (1,000); 1,500 -> 4451 (2,000)
    assert [routers[s].model for s in ("br2", "br3", "br4")] == ["Cisco ISR 4331", "Cisco ISR 4431",
                                                                  "Cisco ISR 4451"]


def test_a_branch_too_large_for_any_platform_gets_a_zero_line_that_says_so():
    line = one(items_of(star({"big": 2500})), "SRST router (branch)", "big")
    assert line.quantity == 0
    assert "no platform in the platform table covers them" in line.reason


def test_unconfirmed_router_figures_are_flagged():
    line = one(items_of(star({"br1": 24})), "SRST router (branch)", "br1")
    assert line.unconfirmed and "unconfirmed" in line.reason  # the 4321's 50 phones is unconfirmed
    line = one(items_of(star({"br1": 1500})), "SRST router (branch)", "br1")
    assert not line.unconfirmed  # the 4451's 2,000 devices is in Cisco's SRST roadmap


def test_single_site_has_no_branch_router():
    assert not [i for i in items_of(design([HQ])) if i.category == "router"]


# ------------------------------------------------------------------------------------------ cluster nodes

def _cluster(phones: int, redundancy: str) -> dict[str, bom.BomItem]:
    d = design([{**HQ, "users": phones, "cucm_subscribers": 8}], cluster={"redundancy": redundancy})
    return {i.item: i for i in items_of(d) if i.category == "cluster"}


@pytest.mark.parametrize("phones, redundancy, subscribers, tftp", [
    # per node: the table's 10,000 devices. 1,000 phones: 1 primary; 1:1 -> 1 backup; 2:1 -> ceil(1/2) = 1
    (1_000, "1:1", 2, 0), (1_000, "2:1", 2, 0),
    # 25,000 phones: ceil(25,000 / 10,000) = 3 primaries; 1:1 -> 3 backups (6); 2:1 -> ceil(3/2) = 2 (5);
    # more than 2 primaries -> a dedicated TFTP server
    (25_000, "1:1", 6, 1), (25_000, "2:1", 5, 1),
    # 40,000 phones: 4 primaries; 1:1 -> 8 (the cluster's limit); 2:1 -> 4 + 2 = 6
    (40_000, "1:1", 8, 1), (40_000, "2:1", 6, 1),
])
def test_cluster_nodes_follow_the_redundancy_rule(phones, redundancy, subscribers, tftp):
    assert load_table("cluster_limits").value("devices_per_call_processing_node") == 10_000
    lines = _cluster(phones, redundancy)
    assert lines["CUCM publisher"].quantity == 1
    assert lines["CUCM call-processing subscribers"].quantity == subscribers
    assert lines["CUCM TFTP and media services"].quantity == tftp
    assert f"{redundancy} redundancy" in lines["CUCM call-processing subscribers"].reason


def test_a_cluster_beyond_its_limit_says_split():
    # 41,000 phones: 5 primaries + 5 backups = 10 > 8 call-processing nodes
    line = _cluster(41_000, "1:1")["CUCM call-processing subscribers"]
    assert line.quantity == 10 and "split the phones into several clusters" in line.reason


def test_each_cluster_gets_its_own_nodes():
    sites = [{**HQ, "users": 500}, {"id": "dc2", "kind": "datacenter", "users": 300, "cucm_publisher": True,
                                     "cluster_id": "c2"}]
    items = items_of(design(sites, links=[{"id": "l", "a": "hq", "b": "dc2"}]))
    assert [i.site for i in items if i.item == "CUCM publisher"] == ["hq", "dc2"]


# ------------------------------------------------------------------------------------------------- VPN

def test_getvpn_two_key_servers_at_the_hub():
    line = one(items_of(star({"br1": 20, "br2": 20})), "GET VPN key server")
    assert (line.site, line.quantity) == ("hq", 2)
    assert "3 group members" in line.reason


@pytest.mark.parametrize("asked, deployed", [(0, 2), (1, 2), (2, 2), (3, 3)])
def test_getvpn_never_fewer_than_two_key_servers(asked, deployed):
    line = one(items_of(star({"br1": 20}, getvpn_key_servers=asked)), "GET VPN key server")
    assert line.quantity == deployed
    assert ("single point of failure" in line.reason) == (asked < 2)


@pytest.mark.parametrize("technology, item", [("dmvpn", "DMVPN hub router"), ("flexvpn", "FlexVPN (IKEv2) hub router"),
                                              ("vti", "static VTI (IPsec tunnel interface) head-end router")])
def test_hub_routers_with_their_redundancy(technology, item):
    d = star({"br1": 20, "br2": 20, "br3": 20}, technology)
    line = one(items_of(d), item)
    assert (line.site, line.quantity) == ("hq", 2)
    assert "3 spoke sites terminate their tunnels" in line.reason
    assert one(items_of(d, vpn_hubs=1), item).quantity == 1
    assert one(items_of(d, vpn_hubs=3), item).quantity == 3


def test_gre_full_mesh_has_no_hub_and_getvpn_no_hub_router():
    mesh = items_of(star({"br1": 20, "br2": 20}, "gre-ipsec", gre_topology="full-mesh"))
    assert not [i for i in mesh if i.category == "vpn"]
    assert [i.item for i in items_of(star({"br1": 20})) if i.category == "vpn"] == ["GET VPN key server"]


def test_options_are_checked():
    with pytest.raises(ValueError, match="PSTN interface"):
        bom.BomOptions(pstn="bri")
    with pytest.raises(ValueError, match="VPN hubs must be 1 to 8"):
        bom.BomOptions(vpn_hubs=0)


# --------------------------------------------------------------------------------------------- outputs

def test_json_has_the_five_keys_first():
    items = items_of(star({"br1": 20}))
    out = bom.to_json(items)
    assert list(out) == ["items"]
    for row in out["items"]:
        assert list(row)[:5] == ["site", "item", "model", "quantity", "reason"]
        assert isinstance(row["quantity"], int)


def test_totals_add_up_over_sites():
    items = items_of(star({"br1": 20, "br2": 30, "br3": 60}))
    totals = {(item, model): qty for item, model, qty in bom.totals(items)}
    assert totals[("SRST router (branch)", "Cisco ISR 4321")] == 2  # 20 and 30 phones: 4321 (50)
    assert totals[("SRST router (branch)", "Cisco ISR 4331")] == 1  # 60 phones: 4331 (100)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_builds_with_reasons_and_sources(example):
    d = load(example)
    items = bom.build(d, analyse(d))
    assert items
    site_ids = {s.id for s in d.sites}
    for item in items:
        assert item.site in site_ids and item.reason and item.source and item.quantity >= 0
        for text in (item.reason, item.source, item.model):
            assert not re.search(r"SPEC|§|(?i:\bseed)|-R[0-9]", text)  # sources by title; no internal rule ids
    sheets = bom.sheets(d, items)
    assert [s.name for s in sheets] == ["Bill of materials", "Totals", "Assumptions"]
    assert len(sheets[0].rows) == len(items)


def test_bom_configs_and_tabular_import_without_qt_or_reportlab():
    import subprocess
    import sys

    code = ("import sys\nimport advisor.bom, advisor.bom_rules, advisor.configs, advisor.configs.files, advisor.tabular\n"
            "import advisor.cli.bom_cmd, advisor.cli.configs_cmd\n"
            "bad = [m for m in ('PySide6', 'pyqtgraph', 'advisor.ui', 'reportlab', 'openpyxl') if m in sys.modules]\n"
            "assert not bad, bad\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_hybrid_wan_lists_key_servers_and_hubs():
    sites = [HQ, {"id": "b1", "users": 20, "survivability": "srst"}, {"id": "b2", "users": 20, "survivability": "srst"}]
    d = design(sites, clouds=[{"id": "mpls", "kind": "mpls", "technology": "getvpn"},
                              {"id": "inet", "kind": "internet", "technology": "dmvpn"}],
               links=[{"id": "hq-m", "a": "hq", "b": "mpls"}, {"id": "hq-i", "a": "hq", "b": "inet"},
                      {"id": "b1-m", "a": "b1", "b": "mpls"}, {"id": "b2-i", "a": "b2", "b": "inet"}],
               vpn={"technology": "recommend"})
    vpn = {i.item: i for i in items_of(d) if i.category == "vpn"}
    assert vpn["GET VPN key server"].quantity == 2 and "2 group members" in vpn["GET VPN key server"].reason
    assert vpn["DMVPN hub router"].quantity == 2 and "1 spoke site terminates its tunnels" in vpn["DMVPN hub router"].reason


def test_quantities_for_a_scenario_comparison():
    q = bom.quantities(star({"br1": 20, "br2": 30}), analyse(star({"br1": 20, "br2": 30})))
    assert q["SRST router (branch): Cisco ISR 4321"] == 2  # 20 and 30 phones: the 4321's 50
    assert q["GET VPN key server: Cisco IOS XE router (cooperative key server)"] == 2
    assert all(isinstance(v, int) and v > 0 for v in q.values())


def test_many_subscriber_placements_are_counted_not_listed():
    from advisor.bom import _placements

    assert _placements([]) == "none"
    assert _placements([(2, "'HQ'"), (1, "'DC'")]) == "2 at 'HQ', 1 at 'DC'"
    many = [(64, f"s{i}") for i in range(1000)]
    text = _placements(many)
    # the first five by name; the other 995 sites hold 995 × 64 = 63,680 subscribers
    assert text == "64 at s0, 64 at s1, 64 at s2, 64 at s3, 64 at s4 and 63,680 at 995 more sites"


def test_reasons_name_sites_as_the_findings_do():
    # 'the design places 2 at dc-a' and "the hub 'hq'" named sites by id where every finding names them
    from advisor import io
    from advisor.analysis import analyse
    from advisor.bom import build

    root = Path(__file__).resolve().parents[2] / "resources" / "examples"
    design = io.load(root / "two-dc-clustering-over-wan.json")
    reasons = " ".join(i.reason for i in build(design, analyse(design)))
    assert "the design places 2 at 'Data centre A', 2 at 'Data centre B'" in reasons
    design = io.load(root / "hq-40-branches-internet.json")
    reasons = " ".join(i.reason for i in build(design, analyse(design)))
    assert "at the hub 'Headquarters'" in reasons
