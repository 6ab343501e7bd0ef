"""Deployment-model detection and the DEP-* checks, with the SRND / G.114 figures they rest on."""


import pytest

from advisor import traffic
from advisor.model import Design
from advisor.rules import cac, cluster, deployment
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
    assert hit.severity == "error" and "12 phones at 2 sites but no call-processing node" in hit.message
    assert "DEP-NO-CALL-PROCESSING" not in codes(run(design([{"id": "a"}, {"id": "b"}])))


# --- survivability ---------------------------------------------------------------------------------------------

def test_srst_missing_groups_the_bare_branches():
    hit = get(run(star(branch(1, survivability="none"), branch(2), branch(3, survivability="none"))),
              "DEP-SRST-MISSING")
    assert hit.subjects == ("b1", "b3") and "2 sites with phones depend on call processing across the WAN and have no" in hit.message
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
                                       ("isr4331", "4331"), ("ISR4451-X/K9", "4451"), ("Cisco ISR 4461", "4461"),
                                       ("Catalyst C8300-1N1S-6T", deployment.platform_key("C8300-1N1S-6T"))])
def test_platform_names_are_normalised(text, key):
    assert deployment.platform_key(text) == key


def test_srst_mode_must_register_the_phones_signalling():
    sccp_on_sip = star(branch(1, survivability="sip-srst"), branch(2))
    assert get(run(sccp_on_sip), "DEP-SRST-MODE").subjects == ("b1",)
    sip = star(branch(1, survivability="srst"), branch(2, survivability="sip-srst"), branch(3, survivability="e-srst"),
               voice={"signalling": "sip"})
    hit = get(run(sip), "DEP-SRST-MODE")
    assert hit.subjects == ("b1",) and "SIP phones" in hit.message
    assert "DEP-SRST-MODE" not in codes(run(star(branch(1), branch(2, survivability="e-srst"))))


def test_mgcp_fallback_alone_is_flagged_and_not_sized_as_srst():
    found = run(star(branch(1, survivability="mgcp-fallback", srst_capacity=None)))
    assert "lose call control" in get(found, "DEP-SRST-MODE").message
    assert "DEP-SRST-CAPACITY" not in codes(found) and "DEP-SRST-MISSING" not in codes(found)


def test_a_mode_without_a_figure_for_the_platform_cannot_be_checked():
    # The 2811's 36 phones (secondary copy of Cisco's SRST table) is a Unified SRST figure, not a SIP SRST one.
    hit = get(run(star(branch(1, survivability="sip-srst", srst_capacity=None, srst_platform="2811"),
                       voice={"signalling": "sip"})), "DEP-SRST-CAPACITY")
    assert hit.severity == "warning" and "no SIP SRST figure" in hit.message


def test_srst_sites_without_platform_or_capacity_are_grouped_in_one_warning():
    hit = get(run(star(*[branch(i, srst_capacity=None) for i in range(1, 4)])), "DEP-SRST-CAPACITY")
    assert hit.severity == "warning" and hit.subjects == ("b1", "b2", "b3") and "3 sites with 60 phones cannot be checked" in hit.message


def test_catalyst_8000_is_recognised_but_its_capacity_is_unpublished():
    for model in ("C8200-1N-4T", "C8300-2N2S-6T"):
        hit = get(run(star(branch(1, srst_capacity=None, srst_platform=model))), "DEP-SRST-CAPACITY")
        assert hit.severity == "warning" and "publishes no" in hit.message and "not in the platform" not in hit.message
    assert "DEP-SRST-CAPACITY" not in codes(run(star(branch(1, srst_capacity=30, srst_platform="C8200-1N-4T"))))


def test_pstn_fallback():
    hit = get(run(star(branch(1, pstn_gateway=False), branch(2))), "DEP-PSTN-FALLBACK")
    assert hit.subjects == ("b1",)
    assert "DEP-PSTN-FALLBACK" not in codes(run(star(branch(1), branch(2))))


# --- cluster size ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("extra, problem", [
    ({"cucm_subscribers": 9}, "9 call-processing subscribers (at most 8 in a cluster)"),
    ({"cucm_subscribers": 1, "cucm_publisher": True}, "2 publishers"),
])
def test_cluster_size(extra, problem):
    d = design([hq(cucm_subscribers=0), {"id": "dc", **extra}], links=[("l1", "hq", "wan"), ("l2", "dc", "wan")])
    assert problem in get(run(d), "DEP-CLUSTER-SIZE").message


@pytest.mark.parametrize("devices, per_node, redundancy, expected", [
    (0, 1000, "1:1", (0, 0)), (1, 1000, "1:1", (1, 1)), (1000, 1000, "1:1", (1, 1)), (1001, 1000, "1:1", (2, 2)),
    (3000, 1000, "2:1", (3, 2)), (4000, 1000, "2:1", (4, 2)),
])
def test_call_processing_nodes_needed(devices, per_node, redundancy, expected):
    # primaries = ceil(devices / per node); backups = primaries (1:1) or ceil(primaries / 2) (2:1)
    assert cluster.nodes_needed(devices, per_node, redundancy) == expected


def test_megacluster_allows_8_primary_and_8_standby_nodes():
    # CUCM 15 Installation Guide: a megacluster supports up to 8 primary and 8 secondary/standby call-processing nodes.
    d = design([hq(cucm_subscribers=12)], cluster={"megacluster": True})
    assert "DEP-CLUSTER-SIZE" not in codes(run(d))
    assert "at most 16 in a megacluster" in get(run(design([hq(cucm_subscribers=17)], cluster={"megacluster": True})),
                                                "DEP-CLUSTER-SIZE").message
    assert "at most 8 in a cluster" in get(run(design([hq(cucm_subscribers=12)])), "DEP-CLUSTER-SIZE").message


def test_devices_count_in_the_cluster_their_sites_belong_to():
    # 30,000 + 30,000 phones in two clusters: each under 40,000 (Cisco Press CIPTV1); together they would not be.
    two = design([hq(users=30_000, cucm_subscribers=7), {"id": "hq2", "users": 30_000, "cucm_publisher": True,
                                                         "cucm_subscribers": 7, "cluster_id": "c2"}])
    assert "DEP-CLUSTER-SIZE" not in codes(run(two))
    one_cluster = design([hq(users=30_000, cucm_subscribers=7), {"id": "b1", "users": 30_000}])
    assert "60,000 phones (at most 40,000" in get(run(one_cluster), "DEP-CLUSTER-SIZE").message


def test_publisher_alone_warns_that_there_is_no_backup_subscriber():
    hit = get(run(design([hq(cucm_subscribers=0)])), "DEP-CLUSTER-REDUNDANCY")
    assert hit.severity == "warning" and "no backup subscriber" in hit.message
    assert "DEP-CLUSTER-REDUNDANCY" not in codes(run(design([hq(cucm_subscribers=1)])))
    row = next(r for r in deployment.detect(design([hq(cucm_subscribers=0)])).checks
               if r[0] == "cluster 'cluster-1' call-processing nodes")
    assert row[1] == "fail" and "1 placed" in row[2]


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
    assert "needs 4,632 kbps" in hit.message and "4,000 kbps left after voice and signalling" in hit.message
    assert "'hq'–'dc' needs" in hit.message and " – wan' has 4,000 kbps left" in hit.message  # unnamed: ids, ends
    assert "DEP-COW-BANDWIDTH" not in codes(run(cow(capacity=4700, subs=2)))


def test_cow_iccs_grows_with_bhca_and_delay_above_10k_bhca():
    # SRND: ICCS Mbps = BHCA / 10,000 × (1 + 0.006 × RTT): 15,000 users × 2 calls = 30,000 BHCA, 70 ms -> 4.26 Mbps.
    hit = get(run(cow(capacity=5000, users=15_000, subs=1)), "DEP-COW-BANDWIDTH")
    assert "ICCS 4,260 kbps at 30,000 BHCA and 70 ms RTT" in hit.message


def test_cow_bandwidth_counts_the_voice_already_on_the_link():
    base = cow(capacity=3500, users=1000, subs=1)  # 3088 kbps needed: fits the raw capacity, not after voice
    d = Design.model_validate(base.model_dump() | {
        "sites": [*base.model_dump()["sites"], branch(1, users=1000)],
        "links": [*base.model_dump()["links"], {"id": "l-b1", "a": "b1", "b": "wan", "capacity_kbps": 100_000}]})
    assert "DEP-COW-BANDWIDTH" not in codes(run(d))
    hit = get(run(d, sized=True), "DEP-COW-BANDWIDTH")
    # 1,000 phones of voice and signalling already take more than the 3,500 kbps: no room is left, and the text
    # says so rather than '-5,055 kbps left'
    assert ("no room left after voice and signalling (they exceed its capacity by " in hit.message
            and " kbps) for 3,088 kbps of cluster traffic" in hit.message and "-" not in hit.message.split("RTT")[1])


# --- CAC and delay ---------------------------------------------------------------------------------------------

def test_cac_topology_flags_links_that_bypass_the_hub_before_cucm_9():
    sites = [hq(), branch(1), branch(2)]
    mesh = design(sites, [("h1", "hq", "b1"), ("h2", "hq", "b2"), ("x", "b1", "b2")], clouds=(), cucm_release="8.6")
    assert get(run(mesh), "DEP-CAC-TOPOLOGY").subjects == ("x",)
    spokes = design(sites, [("h1", "hq", "b1"), ("h2", "hq", "b2")], clouds=(), cucm_release="8.6")
    assert "DEP-CAC-TOPOLOGY" not in codes(run(spokes))
    assert "DEP-CAC-TOPOLOGY" not in codes(run(star(branch(1), branch(2), cucm_release="8.6")))  # spokeless hub


@pytest.mark.parametrize("release", ["9.0", "12.5(1)SU3", "15", "latest"])
def test_enhanced_locations_cac_models_any_topology_from_cucm_9(release):
    sites = [hq(), branch(1), branch(2)]
    mesh = design(sites, [("h1", "hq", "b1"), ("h2", "hq", "b2"), ("x", "b1", "b2")], clouds=(), cucm_release=release)
    assert "DEP-CAC-TOPOLOGY" not in codes(run(mesh, sized=True))
    values = get(run(mesh, sized=True), "DEP-CAC-VALUES")
    assert "Model the topology" in values.message and "1 site-to-site link that bypasses the hub" in values.message


@pytest.mark.parametrize("codec, kbps, published", [
    ("g711", 80, True), ("g722", 80, True), ("g729", 24, True),  # PA Collaboration 14 (CVD), Bandwidth Management
    ("ilbc-20", 15.2 + 16, False), ("g728", 16 + 16, False),  # same rule: codec rate + 40 B × 8 × 50 pps
])
def test_cac_audio_per_call_in_cucm_units(codec, kbps, published):
    value, rule = cac.per_call_kbps(codec)
    assert value == pytest.approx(kbps)
    assert ("derived" in rule) is not published and "no layer 2" in rule


def test_cac_values_name_the_top_five_links_and_count_the_rest():
    d = star(*[branch(i, users=10 * i) for i in range(1, 9)])
    hit = get(run(d, sized=True), "DEP-CAC-VALUES")
    assert "and 4 more" in hit.message  # 9 links with calls (HQ + 8 branches), 5 named
    assert hit.severity == "info" and hit.subjects == ("design",)
    sizing = traffic.size(d, "getvpn")
    top = max(sizing.links, key=lambda lr: lr.calls)
    assert f"{top.calls} calls × 80 = {top.calls * 80} kbps" in hit.message


def test_cac_values_need_calls_between_sites():
    d = star(branch(1), traffic={"intra_site_share": 0.8, "on_net_share": 0.0, "pstn_share": 0.2})
    assert "DEP-CAC-VALUES" not in codes(run(d, sized=True))
    assert "DEP-CAC-VALUES" not in codes(run(design([hq()]), sized=True))  # single site


# The mouth-to-ear delay budget and its path search: tests/core/test_delay_budget.py
