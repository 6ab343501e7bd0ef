"""Counts read with their noun in the right number ("1 site has", "2 sites have"), never "site(s)".

Each check builds a small design twice: once where the issue concerns one site or link, once where it concerns
several; the expected words are written out here by hand.
"""

import math

import pytest

from advisor.analysis import analyse
from advisor.cli.check_text import render
from advisor.findings import finding
from advisor.model import Design, SecurityControls
from advisor.rules import deployment, security
from advisor.tables import load_table

ALL_ON = {name: True for name in SecurityControls.model_fields}


def design(sites, links, clouds=("wan",), **top) -> Design:
    """`links`: (id, a, b) or (id, a, b, more fields)."""
    return Design.model_validate({"sites": sites, "clouds": [{"id": c, "kind": "mpls"} for c in clouds],
                                  "links": [{"id": ln[0], "a": ln[1], "b": ln[2], **(ln[3] if len(ln) > 3 else {})}
                                            for ln in links], **top})


def star(*branches, hq=None, **top) -> Design:
    sites = [hq or {"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2},
             *branches]
    return design(sites, [(f"l-{s['id']}", s["id"], "wan") for s in sites], **top)


def branch(i, **kw) -> dict:
    return {"id": f"b{i}", "users": 20, "survivability": "srst", "srst_capacity": 50, **kw}


def dep(d: Design):
    """(verdict rows, findings) of the deployment checks."""
    result, findings = deployment.detect_and_check(d)
    return list(result.checks), findings


def one(findings, code):
    [hit] = [f for f in findings if f.code == code]
    return hit


def no_brackets(*texts):
    assert not any("(s)" in t for t in texts), texts


# --- DEP-SRST-MISSING ----------------------------------------------------------------------------------------------

def test_srst_missing_one_site_and_two():
    rows, out = dep(star(branch(1, survivability="none"), branch(2)))
    hit = one(out, "DEP-SRST-MISSING")
    assert hit.message.startswith("1 site with phones depends on call processing across the WAN and has no "
                                  "survivability: ")
    assert "1 of 2 remote sites with SRST or MGCP fallback" in [r[2] for r in rows]
    rows, out = dep(star(branch(1, survivability="none"), branch(2, survivability="none")))
    hit = one(out, "DEP-SRST-MISSING")
    assert hit.message.startswith("2 sites with phones depend on call processing across the WAN and have no "
                                  "survivability: ")
    assert "0 of 2 remote sites with SRST or MGCP fallback" in [r[2] for r in rows]
    no_brackets(hit.message, *(r[2] for r in rows))


def test_srst_row_counts_one_remote_site():
    rows, _out = dep(star(branch(1)))
    assert "1 of 1 remote site with SRST or MGCP fallback" in [r[2] for r in rows]


# --- DEP-PSTN-FALLBACK ---------------------------------------------------------------------------------------------

def test_pstn_fallback_one_remote_site_and_two():
    rows, out = dep(star(branch(1, pstn_gateway=False), branch(2)))
    assert one(out, "DEP-PSTN-FALLBACK").message.startswith(
        "1 remote site has no local PSTN gateway, so no fallback or AAR path when the WAN fails: ")
    assert "1 of 2 remote sites with a local gateway" in [r[2] for r in rows]
    _rows, out = dep(star(branch(1, pstn_gateway=False), branch(2, pstn_gateway=False)))
    hit = one(out, "DEP-PSTN-FALLBACK")
    assert hit.message.startswith(
        "2 remote sites have no local PSTN gateway, so no fallback or AAR path when the WAN fails: ")
    no_brackets(hit.message)


@pytest.mark.parametrize("branches, words", [
    (1, "1 site cannot haul its PSTN calls to its gateway"),
    (2, "2 sites cannot haul their PSTN calls to its gateway"),
])
def test_central_pstn_site_cut_off_from_one_site_and_two(branches, words):
    # the central PSTN site has no WAN link: every other site with users is cut off from it
    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2},
             *(branch(i) for i in range(1, branches + 1))]
    d = design(sites, [(f"l-b{i}", f"b{i}", "wan") for i in range(1, branches + 1)],
               traffic={"central_pstn_site": "hq"})
    hit = [f for f in dep(d)[1] if f.code == "DEP-PSTN-FALLBACK"][0]
    assert hit.message.startswith(f"the central PSTN site 'hq' has no WAN link, so {words}: "), hit.message
    no_brackets(hit.message)


@pytest.mark.parametrize("branches, words", [(1, "it does not reach, so 1 site cannot haul its"),
                                             (2, "they do not reach, so 2 sites cannot haul their")])
def test_central_pstn_site_on_another_part_of_the_wan(branches, words):
    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2},
             *(branch(i) for i in range(1, branches + 1))]
    links = [("l-hq", "hq", "wan"), *((f"l-b{i}", f"b{i}", "other") for i in range(1, branches + 1))]
    d = design(sites, links, clouds=("wan", "other"), traffic={"central_pstn_site": "hq"})
    hit = [f for f in dep(d)[1] if f.code == "DEP-PSTN-FALLBACK"][0]
    assert f"is on a part of the WAN {words} PSTN calls" in hit.message, hit.message


# --- SEC-ENDPOINT and SEC-ROUTING-AUTH -----------------------------------------------------------------------------

def secure_design(sites, authenticated=()) -> Design:
    """Each site on cloud 'wan'; the links of the sites in `authenticated` run routing protocol authentication."""
    return design(sites, [(f"l-{s['id']}", s["id"], "wan", {"routing_auth": s["id"] in authenticated})
                          for s in sites])


def hardened_hq() -> dict:
    return {"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True, "security": ALL_ON}


def office(i) -> dict:
    return {"id": f"b{i}", "users": 10, "security": {**ALL_ON, "web_access_disabled": False}}


def test_endpoint_hardening_one_site_and_two():
    hit = one(security.check(secure_design([hardened_hq(), office(1)]), "getvpn"), "SEC-ENDPOINT")
    assert hit.message.startswith("1 site with phones lacks ") and hit.message.endswith(": 'b1'")
    hit = one(security.check(secure_design([hardened_hq(), office(1), office(2)]), "getvpn"), "SEC-ENDPOINT")
    assert hit.message.startswith("2 sites with phones lack ") and hit.message.endswith(": 'b1', 'b2'")
    no_brackets(hit.message)


def test_routing_auth_one_link_and_three():
    sites = [hardened_hq(), office(1), office(2)]
    one_bare = secure_design(sites, authenticated=("hq", "b2"))
    hit = one(security.check(one_bare, "getvpn"), "SEC-ROUTING-AUTH")
    assert hit.message.startswith("dynamic routing runs over 1 WAN link without routing protocol "
                                  "authentication: "), hit.message
    hit = one(security.check(secure_design(sites), "getvpn"), "SEC-ROUTING-AUTH")
    assert hit.subjects == ("l-hq", "l-b1", "l-b2")
    assert hit.message.startswith("dynamic routing runs over 3 WAN links without routing protocol "
                                  "authentication: "), hit.message
    no_brackets(hit.message)


# --- cluster size and redundancy -----------------------------------------------------------------------------------

PER_NODE = load_table("cluster_limits").value("devices_per_call_processing_node")


def cluster(users: int, subscribers: int):
    d = design([{"id": "hq", "kind": "hq", "users": users, "cucm_publisher": True,
                 "cucm_subscribers": subscribers}], [("l-hq", "hq", "wan")])
    return dep(d)


def test_cluster_redundancy_one_node_of_each():
    # 100 phones: 1 primary, 1:1 redundancy: 1 backup; the publisher alone is placed
    assert math.ceil(100 / PER_NODE) == 1
    rows, out = cluster(100, 0)
    hit = one(out, "DEP-CLUSTER-REDUNDANCY")
    assert "need 1 primary node + 1 backup node with 1:1 redundancy, and 1 call-processing node is placed " \
           "(publisher and subscribers): no backup subscriber, 1 short" in hit.message, hit.message
    assert hit.remedy.startswith("Add 1 backup subscriber so that every primary node has a standby")
    assert "1 publisher, 0 subscribers at 1 site" in [r[2] for r in rows]
    no_brackets(hit.message, hit.remedy, *(r[2] for r in rows))


def test_cluster_redundancy_several_nodes():
    # 2 × per-node + 1 phones: 3 primaries, 1:1: 3 backups; publisher + 3 subscribers = 4 placed, 1 backup, 2 short
    users = 2 * int(PER_NODE) + 1
    assert math.ceil(users / PER_NODE) == 3
    rows, out = cluster(users, 3)
    hit = one(out, "DEP-CLUSTER-REDUNDANCY")
    assert "need 3 primary nodes + 3 backup nodes with 1:1 redundancy, and 4 call-processing nodes are placed " \
           "(publisher and subscribers): only 1 backup, 2 short" in hit.message, hit.message
    assert hit.remedy.startswith("Add 2 backup subscribers so that")
    assert "1 publisher, 3 subscribers at 1 site" in [r[2] for r in rows]
    _rows, out = cluster(users, 4)  # 5 placed: 2 backups, 1 short
    hit = one(out, "DEP-CLUSTER-REDUNDANCY")
    assert "only 2 backups, 1 short" in hit.message and hit.remedy.startswith("Add 1 backup subscriber so")


def test_cluster_over_capacity_with_one_node_placed():
    # per-node + 1 phones: 2 primaries, but the publisher alone is placed
    hit = one(cluster(int(PER_NODE) + 1, 0)[1], "DEP-CLUSTER-SIZE")
    assert "need 2 primary nodes + 2 backup nodes with 1:1 redundancy, but only 1 call-processing node is " \
           "placed (publisher and subscribers)" in hit.message, hit.message
    # 'has' is followed by what the cluster has, never straight by the clause 'N phones … need …'
    assert " has too few call-processing nodes: " in hit.message, hit.message


# --- the `advisor check` summary line ------------------------------------------------------------------------------

def summary_line(*severities: str) -> str:
    d = star(branch(1))
    results = analyse(d)
    made = tuple(finding("DEP-MODEL", ("design",), "a test finding", "why", "what to do", severity=s)
                 for s in severities)
    text = render(d, results.model_copy(update={"findings": made}))
    [line] = [ln for ln in text.splitlines() if ln.startswith("Findings: ")]
    return line


@pytest.mark.parametrize("severities, line", [
    (("error", "warning", "warning"), "Findings: 1 error, 2 warnings"),
    (("error", "error", "warning"), "Findings: 2 errors, 1 warning"),
    ((), "Findings: 0 errors, 0 warnings"),
])
def test_check_summary_line(severities, line):
    assert summary_line(*severities) == line
