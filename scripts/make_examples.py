"""Write the bundled example designs in resources/examples/ (run again after a schema change).

Each example teaches one lesson; the numbers are realistic for a presales bid.
"""

from __future__ import annotations

import math
from pathlib import Path

from advisor.io import save
from advisor.model import Design, SecurityControls

OUT = Path(__file__).resolve().parent.parent / "resources" / "examples"
ALL_CONTROLS = {name: True for name in SecurityControls.model_fields}
BRANCH_CITIES = ["Zürich", "São Paulo", "Lyon", "Graz", "Ljubljana", "Porto", "Gent", "Brno", "Turku", "Bergen",
                 "Split", "Bath", "Trento", "Kraków", "Aarhus", "Cork", "Sevilla", "Malmö", "Pécs", "Tartu"]


def ring(n: int, radius: float, cx: float = 0.0, cy: float = 0.0) -> list[tuple[float, float]]:
    return [(round(cx + radius * math.cos(2 * math.pi * i / n - math.pi / 2), 1),
             round(cy + radius * math.sin(2 * math.pi * i / n - math.pi / 2), 1)) for i in range(n)]


def single_site() -> dict:
    return {
        "name": "Campus — single site", "customer": "Northwind Clinic", "author": "UC Design Advisor examples",
        "notes": "Lesson: a single-site deployment needs no WAN sizing, but the LAN, the firewall in front of "
                 "CUCM and the endpoints still need hardening.",
        "voice": {"codec": "g711", "srtp": "sha1-80", "security_mode": "encrypted"},
        "vpn": {"technology": "none"},
        "sites": [{"id": "campus", "name": "Main campus", "kind": "hq", "users": 420, "public_area_phones": 6,
                   "cucm_publisher": True, "cucm_subscribers": 2, "x": 0, "y": 0, "security": ALL_CONTROLS}],
    }


def hq_branches_mpls(n: int = 12) -> dict:
    spots = ring(n + 1, 420, 0, 260)  # the top of the ring is the HQ's; branches take the rest
    sites = [{"id": "hq", "name": "Headquarters", "kind": "hq", "users": 600, "cucm_publisher": True,
              "cucm_subscribers": 2, "x": spots[0][0], "y": spots[0][1], "security": ALL_CONTROLS}]
    links = [{"id": "l-hq", "a": "hq", "b": "mpls", "capacity_kbps": 20000, "rtt_ms": 10, "routing_auth": True}]
    # ISR 4000 routers from the platform table; the Catalyst 8200 has no published SRST count, so those branches
    # state one (the design's figure: check it in Cisco's SRST platform table for the release in use).
    platforms = ["ISR4321", "C8200-1N-4T", "ISR4331", "ISR4321"]
    for i, (x, y) in enumerate(spots[1:]):
        users = [24, 40, 60, 30][i % 4]
        sid = f"br{i + 1:02d}"
        platform = platforms[i % 4]
        sites.append({"id": sid, "name": BRANCH_CITIES[i], "kind": "branch", "users": users,
                      "survivability": "srst", "srst_platform": platform, "x": x, "y": y,
                      "srst_capacity": 50 if platform.startswith("C8200") else None, "security": ALL_CONTROLS})
        links.append({"id": f"l-{sid}", "a": sid, "b": "mpls", "capacity_kbps": 2048 if users <= 40 else 4096,
                      "l2": "ethernet", "rtt_ms": 30, "routing_auth": True})
    return {
        "name": f"HQ + {n} branches on MPLS VPN", "customer": "Contoso Retail", "author": "UC Design Advisor examples",
        "notes": "Lesson: centralized call processing over an MPLS VPN. MPLS isolates but does not encrypt, so "
                 "the advisor adds GET VPN: no tunnels, no overlay routing, original addresses preserved.",
        "voice": {"codec": "g729", "srtp": "none", "security_mode": "authenticated"},
        "vpn": {"technology": "recommend", "getvpn_key_servers": 2},
        "deployment_model": "centralized",
        "sites": sites,
        "clouds": [{"id": "mpls", "name": "Provider MPLS VPN", "kind": "mpls", "x": 0, "y": 260}],
        "links": links,
    }


def hq_branches_internet(n: int = 40) -> dict:
    spots = ring(n + 1, 700, 0, 320)  # the HQ sits outside the ring, above its empty top spot, clear of the names
    sites = [{"id": "hq", "name": "Headquarters", "kind": "hq", "users": 800, "cucm_publisher": True,
              "cucm_subscribers": 3, "x": spots[0][0], "y": spots[0][1] - 200, "security": ALL_CONTROLS}]
    links = [{"id": "l-hq", "a": "hq", "b": "inet", "capacity_kbps": 50000, "rtt_ms": 15, "routing_auth": True}]
    for i, (x, y) in enumerate(spots[1:]):
        sid = f"br{i + 1:02d}"
        users = [20, 35, 50, 15, 25][i % 5]
        sites.append({"id": sid, "name": f"Store {i + 1:02d}", "kind": "branch", "users": users,
                      "survivability": "srst", "srst_platform": "ISR4331" if users > 48 else "ISR4321", "x": x, "y": y,
                      "security": ALL_CONTROLS})
        links.append({"id": f"l-{sid}", "a": sid, "b": "inet", "capacity_kbps": 4096, "rtt_ms": 40,
                      "nat": i % 4 == 0, "routing_auth": True})
    return {
        "name": f"HQ + {n} stores over the Internet", "customer": "Fabrikam Stores",
        "author": "UC Design Advisor examples",
        "notes": "Lesson: many sites over the Internet with heavy store-to-store calling. GRE over IPsec "
                 "hub-and-spoke would hairpin those calls through HQ and need a tunnel per store; DMVPN phase 3 "
                 "builds spoke-to-spoke tunnels on demand.",
        "voice": {"codec": "g729", "srtp": "sha1-80", "security_mode": "encrypted"},
        "vpn": {"technology": "recommend", "dmvpn_phase": 3},
        "traffic": {"calls_per_user": 3, "intra_site_share": 0.3, "on_net_share": 0.5, "pstn_share": 0.2},
        "deployment_model": "centralized",
        "sites": sites,
        "clouds": [{"id": "inet", "name": "Internet", "kind": "internet", "x": 0, "y": 320}],
        "links": links,
    }


def two_dc_cow() -> dict:
    sites = [
        {"id": "dc-a", "name": "Data centre A", "kind": "datacenter", "users": 300, "cucm_publisher": True,
         "cucm_subscribers": 2, "x": -300, "y": 0, "security": ALL_CONTROLS},
        {"id": "dc-b", "name": "Data centre B", "kind": "datacenter", "users": 250, "cucm_subscribers": 2,
         "x": 300, "y": 0, "security": ALL_CONTROLS},
    ]
    links = [{"id": "dci", "a": "dc-a", "b": "dc-b", "name": "DCI", "capacity_kbps": 10000, "rtt_ms": 4,
              "routing_auth": True}]
    for i, (x, y) in enumerate(ring(4, 260, 0, 420)):
        sid = f"br{i + 1}"
        sites.append({"id": sid, "name": ["Αθήνα", "Wien", "Milano", "Praha"][i], "kind": "branch", "users": 40,
                      "survivability": "srst", "srst_platform": "C8300-1N1S-6T", "srst_capacity": 100, "x": x,
                      "y": y, "security": ALL_CONTROLS})
        links.append({"id": f"l-{sid}", "a": sid, "b": "pwan", "capacity_kbps": 4096, "rtt_ms": 30,
                      "routing_auth": True})
    links += [{"id": "l-dc-a", "a": "dc-a", "b": "pwan", "capacity_kbps": 20000, "rtt_ms": 10, "routing_auth": True},
              {"id": "l-dc-b", "a": "dc-b", "b": "pwan", "capacity_kbps": 20000, "rtt_ms": 10, "routing_auth": True}]
    return {
        "name": "Two data centres clustering over the WAN", "customer": "Adventure Works",
        "author": "UC Design Advisor examples",
        "notes": "Lesson: one CUCM cluster split over two data centres. The round trip between them must stay "
                 "within 80 ms and the interconnect must carry ICCS and database replication.",
        "voice": {"codec": "g711", "srtp": "sha1-80", "security_mode": "encrypted"},
        "vpn": {"technology": "recommend", "getvpn_key_servers": 2},
        "deployment_model": "clustering-over-wan",
        "sites": sites,
        "clouds": [{"id": "pwan", "name": "Private WAN", "kind": "private-wan", "x": 0, "y": 300}],
        "links": links,
    }


def classroom_flawed() -> dict:
    weak = {"voice_vlan": True}
    sites = [
        {"id": "hq", "name": "HQ", "kind": "hq", "users": 300, "cucm_publisher": True, "cucm_subscribers": 9,
         "x": 0, "y": 0, "security": weak, "public_area_phones": 4},
        {"id": "br1", "name": "R&D <lab>", "kind": "branch", "users": 60, "survivability": "srst",
         "srst_platform": "ISR4321", "x": -320, "y": 320, "security": weak, "public_area_phones": 2},
        {"id": "br2", "name": "Sales", "kind": "branch", "users": 45, "pstn_gateway": False, "x": 0, "y": 420,
         "security": weak},
        {"id": "br3", "name": "Remote office", "kind": "branch", "users": 30, "x": 320, "y": 320, "security": weak},
    ]
    links = [
        {"id": "l-hq", "a": "hq", "b": "inet", "capacity_kbps": 1024, "rtt_ms": 20, "nat": True},
        {"id": "l-br1", "a": "br1", "b": "inet", "capacity_kbps": 256, "rtt_ms": 180, "l2": "ppp"},
        {"id": "l-br2", "a": "br2", "b": "inet", "capacity_kbps": 512, "rtt_ms": 60},
        {"id": "l-br3", "a": "br3", "b": "inet", "capacity_kbps": 384, "rtt_ms": 150, "nat": True},
    ]
    return {
        "name": "Classroom: what not to do", "customer": "Training lab", "author": "UC Design Advisor examples",
        "notes": "Lesson: a deliberately flawed design. SRTP keys travel in clear signalling, GET VPN is forced "
                 "onto the Internet through NAT with a single key server and 3DES/MD5, cRTP is set on Ethernet, "
                 "links are too small, a branch has no survivability and another no PSTN gateway, the cluster is "
                 "too big, and LAN, firewall, device-plane and endpoint controls are missing.",
        "voice": {"codec": "g711", "srtp": "sha1-80", "security_mode": "authenticated", "crtp": 2},
        "vpn": {"technology": "getvpn", "cipher": "3des", "integrity": "md5-96", "getvpn_key_servers": 1,
                "multicast": True},
        "traffic": {"calls_per_user": 4, "intra_site_share": 0.3, "on_net_share": 0.5, "pstn_share": 0.2},
        "deployment_model": "distributed",
        "sites": sites,
        "clouds": [{"id": "inet", "name": "Internet", "kind": "internet", "x": 0, "y": 200}],
        "links": links,
    }


EXAMPLES = {
    "single-site-campus": single_site,
    "hq-12-branches-mpls": hq_branches_mpls,
    "hq-40-branches-internet": hq_branches_internet,
    "two-dc-clustering-over-wan": two_dc_cow,
    "classroom-flawed-design": classroom_flawed,
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in EXAMPLES.items():
        save(Design.model_validate(build()), OUT / f"{name}.json", backup=False)
        print(f"wrote {OUT / name}.json")


if __name__ == "__main__":
    main()
