"""Writes the deployment acceptance designs (SRST mode and capacity, cluster capacity, call admission control).

Built with the helpers of ../acceptance/make_designs.py (a centralized HQ + two SRST branches on MPLS, every control in
place). Run `python tests/data/acceptance/deployment/make_designs.py` to regenerate; the JSON files are the test inputs.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).parent
_spec = importlib.util.spec_from_file_location("acceptance_designs", HERE.parent / "make_designs.py")
base_designs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base_designs)
centralized, variant, by_id, link, hq, site = (base_designs.centralized, base_designs.variant, base_designs.by_id,
                                               base_designs.link, base_designs.hq, base_designs.site)

BIG = 1_000_000.0  # kbps: links that never limit the voice of the large sites below


def edit_site(site_id: str, **fields):
    def edit(design: dict) -> None:
        target = by_id(design, site_id)
        for key, value in fields.items():
            if value is None:
                target.pop(key, None)
            else:
                target[key] = value
    return edit


both = base_designs._all  # several edits in one


def big_links(design: dict) -> None:
    for ln in design["links"]:
        ln["capacity_kbps"] = BIG


def single_site(name: str, users: int, subscribers: int) -> dict:
    design = centralized(name, technology="none")
    design["sites"] = [hq(users=users, cucm_subscribers=subscribers)]
    design["clouds"], design["links"] = [], []
    return design


def designs() -> dict[str, dict]:
    base = centralized("Centralized design on MPLS")
    out: dict[str, dict] = {}

    def add(key: str, edit, source: dict | None = None) -> None:
        out[key] = variant(source or base, key.replace("_", " "), edit)

    sip = lambda d: d["voice"].update(signalling="sip")  # noqa: E731
    # Item 5: survivability mode and capacity
    add("dep_srst_mode_fire_sip_phones_on_sccp_srst", both(
        sip, edit_site("br2", survivability="sip-srst", srst_platform=None, srst_capacity=40)))
    add("dep_srst_mode_near_sip_phones_on_sip_srst", both(
        sip, edit_site("br1", survivability="sip-srst", srst_platform=None, srst_capacity=40),
        edit_site("br2", survivability="e-srst", srst_platform=None, srst_capacity=40)))
    add("dep_srst_mode_fire_mgcp_fallback_only", edit_site("br1", survivability="mgcp-fallback", srst_platform=None))
    add("dep_srst_mode_near_sccp_phones_on_e_srst",
        edit_site("br1", survivability="e-srst", srst_platform=None, srst_capacity=40))
    add("dep_srst_capacity_fire_no_platform", edit_site("br1", srst_platform=None))
    add("dep_srst_capacity_near_capacity_only", edit_site("br1", srst_platform=None, srst_capacity=30))
    add("dep_srst_capacity_fire_e_srst_without_figure", edit_site("br1", survivability="e-srst",
                                                                  srst_platform="ISR4451-X"))
    add("dep_srst_capacity_near_unified_srst_on_4451", edit_site("br1", srst_platform="ISR4451-X"))
    add("dep_srst_capacity_fire_2001_on_4461", both(edit_site("br1", users=2001, srst_platform="ISR4461"), big_links))
    add("dep_srst_capacity_near_2000_on_4461", both(edit_site("br1", users=2000, srst_platform="ISR4461"), big_links))
    add("dep_srst_capacity_fire_catalyst_unpublished", edit_site("br1", srst_platform="C8300-1N1S-6T"))
    add("dep_srst_capacity_near_catalyst_with_capacity", edit_site("br1", srst_platform="C8300-1N1S-6T",
                                                                   srst_capacity=40))
    # Item 6: cluster capacity and redundancy
    out["dep_cluster_size_fire_60000_lone_publisher"] = single_site("60,000 phones on a lone publisher", 60_000, 0)
    out["dep_cluster_size_near_40000_eight_nodes"] = single_site("40,000 phones on 8 nodes", 40_000, 7)
    add("dep_cluster_size_fire_primaries_short", both(edit_site("hq", users=2900, cucm_subscribers=1), big_links))
    add("dep_cluster_redundancy_fire_1to1_five_nodes", both(edit_site("hq", users=2900, cucm_subscribers=4),
                                                            big_links))
    add("dep_cluster_redundancy_near_2to1_five_nodes", both(edit_site("hq", users=2900, cucm_subscribers=4),
                                                            big_links, lambda d: d.update(cluster={"redundancy": "2:1"})))
    add("dep_cluster_redundancy_fire_publisher_alone", edit_site("hq", cucm_subscribers=0))
    add("dep_cluster_redundancy_near_publisher_and_subscriber", edit_site("hq", cucm_subscribers=1))
    # Item 8: call admission control
    bypass = lambda d: d["links"].append(link("l-br1-br2", "br1", "br2"))  # noqa: E731
    add("dep_cac_topology_fire_release_8_6", both(bypass, lambda d: d.update(cucm_release="8.6")))
    add("dep_cac_topology_near_release_9_1", both(bypass, lambda d: d.update(cucm_release="9.1")))
    add("dep_cac_values_fire_g729", lambda d: (
        d.update(voice={"codec": "G.729", "srtp": "none", "security_mode": "non-secure"}),
        d["vpn"].update(privacy_required=False), d["sites"].pop(), d["links"].pop(),
        by_id(d, "br1").update(users=50, srst_platform="2851")))
    add("dep_cac_values_near_no_calls_between_sites", lambda d: d.update(
        traffic={"intra_site_share": 0.8, "on_net_share": 0.0, "pstn_share": 0.2}))
    return out


def main() -> None:
    for name, design in designs().items():
        (HERE / f"{name}.json").write_text(json.dumps(design, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {name}.json")


if __name__ == "__main__":
    main()
