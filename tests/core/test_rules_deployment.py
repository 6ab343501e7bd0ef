"""Deployment-model detection and the DEP-* checks, with the SRND / G.114 figures they rest on."""

import random

import pytest

from advisor import traffic
from advisor.model import Design
from advisor.rules import deployment
from advisor.rules._wan import Paths
from advisor.rules.deployment_paths import cow_rtt_limit_ms, release_tuple


def design(sites, links=(), clouds=("wan",), **top):
    return Design.model_validate({
        "sites": list(sites), "clouds": [{"id": c, "kind": "mpls"} for c in clouds],
        "links": [dict(zip(("id", "a", "b"), ln[:3], strict=True), **(ln[3] if len(ln) > 3 else {})) for ln in links], **top})


def hq(**kw):
    return {"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2, **kw}


def branch(i, **kw):
    return {"id": f"b{i}", "users": 20, "survivability": "srst", "srst_capacity": 50, **kw}


def star(*branches, rtts=None, hub=None, **top):
    """hq + branches, each on cloud 'wan'; rtts maps site id -> access RTT."""
    sites = [hub or hq(), *branches]
    rtts = rtts or {}
    links = [(f"l-{s['id']}", s["id"], "wan", {"rtt_ms": rtts.get(s["id"], 20)}) for s in sites]
    return design(sites, links, **top)


def run(d, sized=False):
    dep = deployment.detect(d)
    sizing = traffic.size(d, "getvpn") if sized else None
    return deployment.check(d, sizing, dep)


def codes(findings):
    return [f.code for f in findings]


def get(findings, code):
    return next(f for f in findings if f.code == code)


# --- detection -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sites, expected", [
    ([hq()], "single-site"),
    ([hq(), branch(1)], "centralized"),
    ([hq(), {"id": "dc", "kind": "datacenter"}], "single-site"),  # the only site with phones does the calling
    ([hq(), {"id": "hq2", "users": 50, "cucm_publisher": True, "cluster_id": "c2"}, branch(1)], "distributed"),
    ([hq(), {"id": "dc", "cucm_subscribers": 2}, branch(1)], "clustering-over-wan"),
    ([{"id": "a", "users": 5}, {"id": "b", "users": 5}], "none"),
])
def test_detect(sites, expected):
    d = design(sites)
    result = deployment.detect(d)
    assert result.detected == expected
    assert get(run(d), "DEP-MODEL").severity == "info"


def test_detect_reports_clusters_and_call_processing_sites():
    d = design([hq(), {"id": "dc", "cucm_subscribers": 2}, branch(1)])
    result = deployment.detect(d)
    assert result.clusters == {"cluster-1": ("hq", "dc")} and result.call_processing_sites == ("hq", "dc")


def test_model_mismatch_only_when_intent_differs():
    d = star(branch(1), deployment_model="distributed")
    assert "centralized" in get(run(d), "DEP-MODEL-MISMATCH").message
    assert "DEP-MODEL-MISMATCH" not in codes(run(star(branch(1), deployment_model="centralized")))
    assert "DEP-MODEL-MISMATCH" not in codes(run(star(branch(1))))


def test_no_call_processing_is_an_error_only_with_phones():
    hit = get(run(design([{"id": "a", "users": 5}, {"id": "b", "users": 7}])), "DEP-NO-CALL-PROCESSING")
    assert hit.severity == "error" and "12 phone(s)" in hit.message
    assert "DEP-NO-CALL-PROCESSING" not in codes(run(design([{"id": "a"}, {"id": "b"}])))


# --- survivability ---------------------------------------------------------------------------------------------

def test_srst_missing_groups_the_bare_branches():
    hit = get(run(star(branch(1, survivability="none"), branch(2), branch(3, survivability="none"))),
              "DEP-SRST-MISSING")
    assert hit.subjects == ("b1", "b3") and "2 site(s)" in hit.message
    assert "DEP-SRST-MISSING" not in codes(run(star(branch(1), branch(2))))
    assert "DEP-SRST-MISSING" not in codes(run(design([hq()])))  # single site: nothing remote


def test_srst_capacity_from_the_platform_table():
    # Cisco Unified SRST data sheet (SPEC §3.4): a 2811 supports 36 phones.
    hit = get(run(star(branch(1, users=40, srst_capacity=None, srst_platform="Cisco 2811"))), "DEP-SRST-CAPACITY")
    assert hit.severity == "error" and "40 phones" in hit.message and "supports 36" in hit.message
    assert "DEP-SRST-CAPACITY" not in codes(run(star(branch(1, users=36, srst_capacity=None, srst_platform="2811"))))


def test_srst_capacity_setting_overrides_the_table_and_unknown_platforms_are_flagged():
    ok = star(branch(1, users=40, srst_capacity=100, srst_platform="2811"))
    assert "DEP-SRST-CAPACITY" not in codes(run(ok))
    unknown = get(run(star(branch(1, srst_capacity=None, srst_platform="7999"))), "DEP-SRST-CAPACITY")
    assert unknown.severity == "warning" and "not in the platform table" in unknown.message


@pytest.mark.parametrize("text, key", [("Cisco 2811", "2811"), ("ISR 3945E", "3945E"), ("c2901", "2901"),
                                       ("isr4331", "4331")])
def test_platform_names_are_normalised(text, key):
    assert deployment.platform_key(text) == key


def test_pstn_fallback():
    hit = get(run(star(branch(1, pstn_gateway=False), branch(2))), "DEP-PSTN-FALLBACK")
    assert hit.subjects == ("b1",)
    assert "DEP-PSTN-FALLBACK" not in codes(run(star(branch(1), branch(2))))


# --- cluster size ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("extra, problem", [
    ({"cucm_subscribers": 9}, "9 call-processing subscribers (at most 8)"),
    ({"cucm_subscribers": 1, "cucm_publisher": True}, "2 publishers"),
])
def test_cluster_size(extra, problem):
    d = design([hq(cucm_subscribers=0), {"id": "dc", **extra}], links=[("l1", "hq", "wan"), ("l2", "dc", "wan")])
    assert problem in get(run(d), "DEP-CLUSTER-SIZE").message


def test_cluster_without_publisher_and_at_the_limit():
    assert "no publisher" in get(run(design([{"id": "a", "users": 5, "cucm_subscribers": 2}])),
                                 "DEP-CLUSTER-SIZE").message
    assert "DEP-CLUSTER-SIZE" not in codes(run(design([hq(cucm_subscribers=8)])))


# --- clustering over the WAN -----------------------------------------------------------------------------------

def cow(rtt_hq=20, rtt_dc=50, capacity=100_000, release="12.5", users=100, subs=1):
    sites = [hq(users=users), {"id": "dc", "kind": "datacenter", "cucm_subscribers": subs}]
    links = [("l-hq", "hq", "wan", {"rtt_ms": rtt_hq, "capacity_kbps": capacity}),
             ("l-dc", "dc", "wan", {"rtt_ms": rtt_dc, "capacity_kbps": capacity})]
    return design(sites, links, cucm_release=release)


def test_cow_rtt_limit_80_ms_from_cucm_6_1():
    # Cisco SRND: 80 ms RTT between call-processing servers for CUCM 6.1 and later.
    hit = get(run(cow(rtt_hq=30, rtt_dc=60)), "DEP-COW-RTT")
    assert "90 ms" in hit.message and "80 ms" in hit.message and {"hq", "dc", "l-hq", "l-dc"} <= set(hit.subjects)
    assert "DEP-COW-RTT" not in codes(run(cow(rtt_hq=30, rtt_dc=50)))  # exactly 80 ms is within the limit


def test_cow_rtt_limit_40_ms_before_6_1():
    # Cisco IP Telephony SRND (before CUCM 6.1): 40 ms round trip.
    assert "40 ms" in get(run(cow(rtt_hq=20, rtt_dc=30, release="6.0(1)")), "DEP-COW-RTT").message
    assert "DEP-COW-RTT" not in codes(run(cow(rtt_hq=20, rtt_dc=30, release="8.6(2)")))


@pytest.mark.parametrize("release, expected", [("12.5(1)SU3", (12, 5, 1)), ("6.1", (6, 1)), ("v9", (9,)),
                                               ("latest", None)])
def test_release_parsing(release, expected):
    assert release_tuple(release) == expected


def test_unreadable_release_uses_the_latest_limit_and_says_so():
    limit, source = cow_rtt_limit_ms("latest")
    assert limit == 80 and "not understood" in source


def test_cow_bandwidth_needs_t1_for_iccs_plus_t1_per_remote_server():
    # Cisco SRND: 1.544 Mbps ICCS minimum + 1.544 Mbps database traffic per remote server: 2 servers -> 4632 kbps.
    hit = get(run(cow(capacity=4000, subs=2)), "DEP-COW-BANDWIDTH")
    assert "needs 4632 kbps" in hit.message and "4000 kbps free" in hit.message
    assert "'hq'–'dc' needs" in hit.message and " – wan' has 4000 kbps free" in hit.message  # unnamed: ids, ends
    assert "DEP-COW-BANDWIDTH" not in codes(run(cow(capacity=4700, subs=2)))


def test_cow_iccs_grows_with_bhca_and_delay_above_10k_bhca():
    # SRND: ICCS Mbps = BHCA / 10,000 × (1 + 0.006 × RTT): 15,000 users × 2 calls = 30,000 BHCA, 70 ms -> 4.26 Mbps.
    hit = get(run(cow(capacity=5000, users=15_000, subs=1)), "DEP-COW-BANDWIDTH")
    assert "ICCS 4260 kbps at 30000 BHCA and 70 ms RTT" in hit.message


def test_cow_bandwidth_counts_the_voice_already_on_the_link():
    base = cow(capacity=3500, users=1000, subs=1)  # 3088 kbps needed: fits the raw capacity, not after voice
    d = Design.model_validate(base.model_dump() | {
        "sites": [*base.model_dump()["sites"], branch(1, users=1000)],
        "links": [*base.model_dump()["links"], {"id": "l-b1", "a": "b1", "b": "wan", "capacity_kbps": 100_000}]})
    assert "DEP-COW-BANDWIDTH" not in codes(run(d))
    hit = get(run(d, sized=True), "DEP-COW-BANDWIDTH")
    assert "after this design's voice" in hit.message


# --- CAC and delay ---------------------------------------------------------------------------------------------

def test_cac_topology_flags_links_that_bypass_the_hub():
    sites = [hq(), branch(1), branch(2)]
    mesh = design(sites, [("h1", "hq", "b1"), ("h2", "hq", "b2"), ("x", "b1", "b2")], clouds=())
    assert get(run(mesh), "DEP-CAC-TOPOLOGY").subjects == ("x",)
    spokes = design(sites, [("h1", "hq", "b1"), ("h2", "hq", "b2")], clouds=())
    assert "DEP-CAC-TOPOLOGY" not in codes(run(spokes))
    assert "DEP-CAC-TOPOLOGY" not in codes(run(star(branch(1), branch(2))))  # one MPLS cloud: spokeless hub


def test_delay_above_g114_150_ms_one_way():
    # ITU-T G.114: 150 ms one way; b1–b2 RTT 200 + 150 = 350 ms -> 175 ms one way.
    hit = get(run(star(branch(1), branch(2), rtts={"b1": 200, "b2": 150})), "DEP-DELAY")
    assert "175 ms" in hit.message and set(hit.subjects) == {"b1", "b2"}
    assert "DEP-DELAY" not in codes(run(star(branch(1), branch(2), rtts={"b1": 150, "b2": 150})))


def test_delay_through_a_hub_overlay_counts_both_legs():
    d = star(branch(1), branch(2), rtts={"hq": 100, "b1": 100, "b2": 100}, vpn={"technology": "gre-ipsec"},
             hub=hq(name="Ljubljana HQ"))
    assert "DEP-DELAY" not in codes(run(d))  # underlay: 200 ms RTT, 100 ms one way
    sizing = traffic.size(d, "gre-ipsec")
    assert sizing.hub == "hq"
    hit = get(deployment.check(d, sizing, deployment.detect(d, sizing)), "DEP-DELAY")
    assert "through hub 'Ljubljana HQ'" in hit.message and "200 ms" in hit.message


def _brute_worst(d):
    paths = Paths(d)
    ids = [s.id for s in d.sites if s.users > 0]
    return max(paths.rtts_from(a).get(b, -1) for a in ids for b in ids if a != b)


@pytest.mark.parametrize("seed", range(8))
def test_delay_finder_matches_all_pairs_on_random_trees_and_meshes(seed):
    rnd = random.Random(seed)
    n = rnd.randint(4, 12)
    sites = [hq()] + [branch(i, users=rnd.choice([0, 10, 30])) for i in range(1, n)]
    links = [(f"t{i}", sites[i]["id"], sites[rnd.randrange(i)]["id"], {"rtt_ms": rnd.randint(10, 200)})
             for i in range(1, n)]
    if seed % 2:  # add cycles
        links += [(f"m{k}", "hq", sites[rnd.randrange(1, n)]["id"], {"rtt_ms": rnd.randint(10, 400)})
                  for k in range(2)]
        links = list({(ln[1], ln[2]): ln for ln in links if ln[1] != ln[2]}.values())
    d = design(sites, links, clouds=())
    row = next(r for r in deployment.detect(d).checks if r[0] == "one-way delay (G.114)")
    worst = _brute_worst(d)
    assert f": {worst / 2:g} ms one way" in row[2]
