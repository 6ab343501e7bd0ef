"""Round 61 of the hostile-input hunt, the command line: `explain`, `compare`, `bom` and `configs` against `check
--json` for the same design. Each defect found, as the short sequence that shows it.

- `compare` of a design whose clouds each name the same technology (DMVPN on the MPLS cloud and DMVPN on the
  Internet cloud: `check --json` gives every link "dmvpn") showed "tunnels to configure —" in the "Current design"
  column, and 3 under `--vary vpn=dmvpn`, a column with every other figure alike: the same design, every link on
  DMVPN to the hub, 3 spokes. GET VPN on both clouds said "key servers —" beside the BOM's 2 key servers.
"""

import json
from pathlib import Path

import pytest

from tests.cli.inprocess import run as _run


def _two_clouds(tmp_path: Path, technology: str) -> Path:
    """HQ and 3 branches, each on an MPLS cloud and on the Internet, both clouds set to `technology`."""
    sites = [{"id": "hq", "name": "HQ", "users": 200, "cucm_publisher": True}]
    sites += [{"id": f"b{i}", "name": name, "users": users, "survivability": "srst"}
              for i, (name, users) in enumerate((("Lyon", 40), ("Nice", 30), ("Lille", 20)), 1)]
    links = [{"id": f"{c[0]}{i}", "a": s["id"], "b": c, "capacity_kbps": 10_000 if i == 0 else 2_000}
             for c in ("mpls", "inet") for i, s in enumerate(sites)]
    design = {"schema_version": 1, "name": "Two clouds",
              "clouds": [{"id": "mpls", "name": "MPLS", "kind": "mpls", "technology": technology},
                         {"id": "inet", "name": "Internet", "kind": "internet", "technology": technology}],
              "sites": sites, "links": links}
    path = tmp_path / "d.json"
    path.write_text(json.dumps(design), encoding="utf-8")
    return path


def _json(capsys, *argv) -> dict:
    code, out, err = _run(capsys, *argv)
    assert code in (0, 1), err
    return json.loads(out)


@pytest.mark.parametrize(("technology", "tunnels", "key_servers"), [
    ("dmvpn", 3, None),  # 4 sites, hub at HQ: one tunnel per spoke, N - 1 = 3; DMVPN runs no key server
    ("getvpn", 0, 2),  # GET VPN: no tunnel; the design's 2 cooperative key servers (the default)
])
def test_every_cloud_on_one_technology_counts_its_tunnels_and_key_servers(capsys, tmp_path, technology, tunnels,
                                                                         key_servers):
    design = _two_clouds(tmp_path, technology)
    check = _json(capsys, "check", "--json", design)
    assert {link["technology"] for link in check["links"]} == {technology}  # every link on it, per check
    current, varied = _json(capsys, "compare", design, "--vary", f"vpn={technology}", "--json")["scenarios"]
    assert current["name"] == "Current design"
    assert current["wan_kbps"] == varied["wan_kbps"] == round(check["totals"]["wan_kbps"], 2)
    assert (current["tunnels"], current["key_servers"]) == (tunnels, key_servers)
    assert (varied["tunnels"], varied["key_servers"]) == (tunnels, key_servers)
    if key_servers:  # the bill of materials of the same design buys them
        bom = _json(capsys, "bom", design, "--json")["items"]
        assert sum(i["quantity"] for i in bom if i["item"] == "GET VPN key server") == key_servers
    # the table says it in the same words as the column beside it
    code, out, _err = _run(capsys, "compare", design, "--vary", f"vpn={technology}")
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("tunnels to configure"))
    assert row.split()[-2:] == [str(tunnels), str(tunnels)]
