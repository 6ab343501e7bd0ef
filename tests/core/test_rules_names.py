"""Findings speak the user's language: sites, clouds and links by the names the user typed, technologies by their
display names, shares with enough decimals to read above their limit; subjects stay ids."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from advisor.analysis import analyse
from advisor.model import Design
from advisor.rules import _names, vpn
from advisor.rules._names import Names, names_for, tech_label
from advisor.rules.bandwidth import _share
from advisor.rules.bandwidth import guideline_share as _limit

NAMED = {
    "sites": [{"id": "hq", "name": "Ljubljana HQ", "kind": "hq", "users": 200, "cucm_publisher": True},
              {"id": "br1", "name": "Maribor", "users": 60},
              {"id": "br2", "name": "  ", "users": 60}],  # a blank name: shown by its id
    "clouds": [{"id": "wan", "name": "MPLS VPN", "kind": "mpls"}],
    "links": [{"id": "l-hq", "a": "hq", "b": "wan", "capacity_kbps": 100_000, "name": "HQ fibre"},
              {"id": "l-br1", "a": "br1", "b": "wan", "capacity_kbps": 300},
              {"id": "l-br2", "a": "br2", "b": "wan", "capacity_kbps": 300}],
}


def named(**top) -> Design:
    return Design.model_validate({**NAMED, **top})


def test_nodes_by_name_falling_back_to_the_id():
    n = Names(named())
    assert n.node("br1") == "Maribor" and n.node("wan") == "MPLS VPN"
    assert n.node("br2") == "br2"  # blank name
    assert n.site("br1") == "site 'Maribor'" and n.quoted("hq") == "'Ljubljana HQ'"
    assert n.node("nowhere") == "nowhere"  # an id the design does not hold is shown as it is


def test_links_by_name_else_by_their_two_ends():
    n = Names(named())
    assert n.link("l-hq") == "link 'HQ fibre'"
    assert n.link("l-br1") == "link 'Maribor – MPLS VPN'"
    assert n.link_name("l-br2") == "br2 – MPLS VPN"


def test_lists_are_quoted_and_cut_after_the_limit():
    n = Names(named())
    assert n.sites(["hq", "br1"]) == "'Ljubljana HQ', 'Maribor'"
    assert n.sites(["hq", "br1", "br2"], limit=2) == "'Ljubljana HQ', 'Maribor' and 1 more"
    assert n.links(("l-br1",)) == "'Maribor – MPLS VPN'"


def test_a_name_shared_by_two_sites_carries_each_id():
    d = Design.model_validate({"sites": [{"id": "a", "name": "Branch"}, {"id": "b", "name": "Branch"},
                                         {"id": "c", "name": "Celje"}, {"id": "d"}, {"id": "e"}]})
    n = Names(d)
    assert (n.node("a"), n.node("b")) == ("Branch (a)", "Branch (b)")
    assert (n.node("c"), n.node("d"), n.node("e")) == ("Celje", "d", "e")  # unnamed sites: their ids, as they are


def test_two_links_that_would_read_alike_carry_their_ids():
    d = named(links=[*NAMED["links"], {"id": "l-br1-backup", "a": "br1", "b": "wan"},
                     {"id": "l-br2-4g", "a": "br2", "b": "wan", "name": "HQ fibre"}])
    n = Names(d)
    assert n.link_name("l-br1") == "Maribor – MPLS VPN (l-br1)"  # primary and backup access to one cloud
    assert n.link_name("l-br1-backup") == "Maribor – MPLS VPN (l-br1-backup)"
    assert n.link_name("l-hq") == "HQ fibre (l-hq)" and n.link_name("l-br2-4g") == "HQ fibre (l-br2-4g)"
    assert n.link_name("l-br2") == "br2 – MPLS VPN"


def test_one_table_per_design_shared_by_the_rule_families():
    d = named()
    first = names_for(d)
    assert names_for(d) is first  # every rule family of one analysis reuses it
    assert names_for(named()) is not first  # an equal but different design (e.g. after an edit): its own table


def test_technology_display_names_are_one_table():
    assert vpn.LABELS is _names.TECH_LABELS and vpn.label("dmvpn") == tech_label("dmvpn") == "DMVPN"
    assert tech_label("something-new") == "something-new"


def test_findings_name_sites_and_links_but_subjects_stay_ids():
    # Maribor: 60 users, 2 × 180 s, 30 % on-net -> about 2 E both ways, some 7 G.711 calls: > 300 kbps
    result = analyse(named(vpn={"technology": "dmvpn"}))
    by_code = {f.code: f for f in result.findings}
    overload = next(f for f in result.findings if f.code == "BW-LINK-OVERLOAD" and f.subjects == ("l-br1",))
    assert overload.message.startswith("link 'Maribor – MPLS VPN' needs ")
    assert by_code["BW-MTU"].message.startswith("DMVPN adds ")
    assert by_code["SEC-FIREWALL"].message.startswith("call-processing site 'Ljubljana HQ' ")
    assert by_code["SEC-FIREWALL"].subjects == ("hq",)
    assert "cluster 'cluster-1' at 'Ljubljana HQ'" in by_code["DEP-MODEL"].message
    for f in result.findings:
        assert not re.search(r"'(br1|l-br1|l-hq|wan)'", f.message), f.message  # no id where a name exists
        assert set(f.subjects) <= {"design", "hq", "br1", "br2", "wan", "l-hq", "l-br1", "l-br2"}


def test_hairpin_reason_names_the_hub():
    d = named(vpn={"technology": "ipsec", "dynamic_routing": False})
    ipsec = next(c for c in vpn.recommend(d).ranking if c.technology == "ipsec")
    [r5] = [r for r in ipsec.reasons if r.rule == "VPN-R5"]
    assert "through hub 'Ljubljana HQ'" in r5.text


def test_shares_show_enough_decimals_to_read_above_the_limit():
    assert _share(343.20 / 1039, 33) == "33.03 %"  # the acceptance case: not '33%' nor '33.0%'
    assert _share(249.6 / 700, 33) == "35.7 %"  # one decimal when that is enough
    assert _share(1.004, 100) == "100.4 %" and _share(1.0004, 100) == "100.04 %"
    assert _share(0.29004, 29) == "29.004 %"


def test_the_limit_is_shown_as_set():
    assert _limit(0.33) == "33 %" and _limit(0.29) == "29 %" and _limit(0.335) == "33.5 %"  # 0.29 × 100 = 28.999…


@given(limit=st.floats(0.05, 1.0), excess=st.floats(1e-3, 2.0))
def test_a_share_above_its_limit_always_reads_above_it(limit, excess):
    shown_limit = float(_limit(limit)[:-1])
    assert float(_share(limit * (1 + excess), shown_limit).rstrip(" %")) > shown_limit


_TEXTS = st.sampled_from(["", "  ", "Maribor", "Celje", "Koper – Izola", "<b>&", "Ljubljana HQ"])


@given(st.lists(st.tuples(_TEXTS, st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=12),
       st.lists(_TEXTS, min_size=4, max_size=4))
def test_every_link_labelled_at_once_reads_as_each_link_alone(links, site_names):
    # links_each labels every link in one pass (unnamed links from their ends' names); each label is the one
    # `link` gives that link alone: named and unnamed links, shared names, two unnamed links between the same ends
    sites = [{"id": f"s{i}", "name": name} for i, name in enumerate(site_names)]
    rows = [{"id": f"l{k}", "a": f"s{a}", "b": f"s{b if b != a else (a + 1) % 4}", "name": name}
            for k, (name, a, b) in enumerate(links)]
    design = Design.model_validate({"name": "t", "sites": sites, "links": rows})
    ids = [r["id"] for r in rows][::-1] + ["not-a-link"]
    assert Names(design).links_each(ids) == [Names(design).link(i) for i in ids]
    unnamed = Design.model_validate({"name": "t", "sites": sites,
                                     "links": [{**r, "name": ""} for r in rows]})
    assert Names(unnamed).links_each(ids) == [Names(unnamed).link(i) for i in ids]
