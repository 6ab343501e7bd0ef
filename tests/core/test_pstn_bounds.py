"""A gateway's PSTN trunks are bounded by the phones it serves, and PSTN calls with no gateway at all are said so.

Every expected figure is worked out by hand in the comments. The defaults: 2 busy-hour calls per user × 180 s =
0.1 E per user, 20 % of it PSTN = 0.02 E per user, grade of service P.01. Erlang B by the recurrence
B(A, 0) = 1, B(A, n) = A·B(A, n−1) / (n + A·B(A, n−1)):
  A = 0.02 E: B(1) = 0.02 / 1.02 = 0.0196 > 0.01; B(2) = 0.02 × 0.0196 / (2 + 0.0004) = 0.000196 ≤ 0.01 → 2 trunks
  A = 0.04 E: B(1) = 0.04 / 1.04 = 0.0385 > 0.01; B(2) = 0.04 × 0.0385 / 2.0015 = 0.00077 ≤ 0.01 → 2 trunks
  A = 0.08 E: B(1) = 0.08 / 1.08 = 0.0741 > 0.01; B(2) = 0.08 × 0.0741 / 2.0059 = 0.00295 ≤ 0.01 → 2 trunks
"""

from __future__ import annotations

import pytest

from advisor import erlang, traffic
from advisor.analysis import analyse
from advisor.explain import Context, explain_site
from advisor.model import Design


def _design(sites, *, linked=True, **traffic_policy) -> Design:
    data = {"sites": sites}
    if linked and len(sites) > 1:
        data["clouds"] = [{"id": "wan", "kind": "mpls"}]
        data["links"] = [{"id": f"l-{s['id']}", "a": s["id"], "b": "wan"} for s in sites]
    if traffic_policy:
        data["traffic"] = traffic_policy
    return Design.model_validate(data)


def _hq(users=1, **kw):
    return {"id": "hq", "kind": "hq", "users": users, "cucm_publisher": True, **kw}


def _trunks(design: Design) -> dict[str, int]:
    return {s.id: s.pstn_trunks for s in analyse(design).sites}


def test_erlang_b_by_hand():
    # the hand figures above, so the bound below is seen to lower Erlang B's own answer
    assert erlang.trunks(0.02, 0.01) == 2 and erlang.trunks(0.04, 0.01) == 2 and erlang.trunks(0.08, 0.01) == 2


def test_a_one_user_site_needs_one_trunk_not_two():
    # 0.02 E of PSTN at its own gateway: Erlang B asks 2, but the site has 1 phone and a PSTN call holds it
    d = _design([_hq(1)])
    assert _trunks(d) == {"hq": 1}
    sizing = traffic.size(d, "none")
    assert sizing.bounded_trunks == {"hq": 2}  # Erlang B's figure, kept for the explanations


def test_more_phones_than_users_count_the_phones():
    # 1 user, 3 phones: 0.02 E, Erlang B 2 ≤ 3 phones: not bounded
    assert _trunks(_design([_hq(1, phones=3)])) == {"hq": 2}
    # 2 users, 1 phone: 0.04 E, Erlang B 2 ≤ max(2 users, 1 phone) = 2: not bounded
    assert _trunks(_design([_hq(2, phones=1)])) == {"hq": 2}


def test_a_gateway_serving_no_phone_needs_no_trunk():
    # 0 users, 0 phones: no PSTN traffic, 0 trunks (never below 0)
    assert _trunks(_design([_hq(0), {"id": "b1", "users": 0}])) == {"hq": 0, "b1": 0}


def test_hauled_sites_phones_count_at_the_gateway():
    # The HQ (0 users, gateway) receives the PSTN calls of b1 (1 user, no gateway): 0.02 E at the HQ, Erlang B 2;
    # the gateway serves 0 + 1 = 1 phone: 1 trunk (counting the HQ's own phones alone would give 0)
    d = _design([_hq(0), {"id": "b1", "users": 1, "pstn_gateway": False}])
    assert _trunks(d) == {"hq": 1, "b1": 0}
    # three 1-user branches hauled to a 1-user HQ: 0.08 E, Erlang B 2 ≤ 1 + 3 = 4 phones: not bounded
    d = _design([_hq(1), *({"id": f"b{i}", "users": 1, "pstn_gateway": False} for i in range(3))])
    assert _trunks(d)["hq"] == 2
    assert traffic.size(d, "none").bounded_trunks == {}


def test_central_pstn_site_counts_every_hauled_site():
    # central PSTN site 'hq' (0 users): b1 (1 user) hauls there although it has a gateway of its own:
    # 0.02 E at the HQ, Erlang B 2, 0 + 1 phone served: 1 trunk; b1's own gateway carries nothing: 0
    d = _design([_hq(0), {"id": "b1", "users": 1}], central_pstn_site="hq")
    assert _trunks(d) == {"hq": 1, "b1": 0}


def test_a_site_the_wan_does_not_join_keeps_its_phones_apart():
    # b1 has no link: its PSTN calls are not hauled to the HQ, whose gateway serves its own 1 phone only:
    # 0.02 E, Erlang B 2, bounded to 1
    d = Design.model_validate({
        "sites": [_hq(1), {"id": "b1", "users": 5, "pstn_gateway": False}, {"id": "b2", "users": 1}],
        "clouds": [{"id": "wan", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "wan"}, {"id": "l-b2", "a": "b2", "b": "wan"}]})
    assert _trunks(d)["hq"] == 1


def test_explain_says_why_the_trunks_are_below_erlang_b():
    d = _design([_hq(1)])
    got = explain_site(Context(d, analyse(d)), "hq", "pstn_trunks")[0]
    assert got.result.value == 1 and got.terms["erlang_b_trunks"] == 2 and got.terms["trunks"] == 1
    text = got.text()
    assert "n = 2" in text  # Erlang B's steps still shown
    assert "at most 1 trunk: the gateway serves 1 phone" in text and "Erlang B's 2 could never all be busy" in text


def test_explain_names_the_hauled_phones():
    # HQ 0 users + b1 1 user hauled: 0 here + 1 hauled
    d = _design([_hq(0), {"id": "b1", "users": 1, "pstn_gateway": False}])
    text = explain_site(Context(d, analyse(d)), "hq", "pstn_trunks")[0].text()
    assert "the gateway serves 1 phone (0 here + 1 at the sites that haul their PSTN calls here)" in text


def test_explain_unbounded_trunks_say_nothing_more():
    d = _design([_hq(1, phones=3)])
    got = explain_site(Context(d, analyse(d)), "hq", "pstn_trunks")[0]
    assert got.result.value == 2 and "at most" not in got.text()


def test_explain_a_gateway_whose_calls_go_to_the_central_site():
    d = _design([_hq(0), {"id": "b1", "users": 1}], central_pstn_site="hq")
    text = explain_site(Context(d, analyse(d)), "b1", "pstn_trunks")[0].text()
    # 1 user × 0.02 E = 0.020 E travel to the HQ; its own gateway carries none
    assert "central PSTN site: the site's 0.020 E of PSTN calls travel over the WAN to 'hq'; no trunks here" in text


def test_conventions_and_pdf_say_the_bound():
    results = analyse(_design([_hq(1)]))
    assert results.conventions["pstn trunks"] == traffic.PSTN_TRUNKS
    assert "at most the phones" in traffic.PSTN_TRUNKS and "Erlang B" in traffic.PSTN_TRUNKS
    from advisor.report.sections import sites
    flow = sites(3, _design([_hq(1)]), results)
    assert any(traffic.PSTN_TRUNKS in getattr(f, "text", "") for f in flow)


# --- PSTN calls with no gateway ------------------------------------------------------------------------------------

def _codes(results, code):
    return [f for f in results.findings if f.code == code]


def test_no_gateway_anywhere_is_said_once_with_the_erlangs():
    # HQ 10 users + b1 5 users, no gateway anywhere: PSTN = 15 users × 0.02 E = 0.300 E, at no gateway
    d = _design([_hq(10, pstn_gateway=False), {"id": "b1", "users": 5, "pstn_gateway": False}])
    results = analyse(d)
    [f] = _codes(results, "DEP-PSTN-NO-GATEWAY")
    assert f.severity == "warning" and f.subjects == ("design",)
    assert "no site has a PSTN gateway" in f.message and "0.300 E in all" in f.message
    assert "Mark the PSTN gateway of a site" in f.remedy
    assert all(s.pstn_trunks == 0 for s in results.sites)
    # on-net only, no PSTN hauled: the HQ sends 10 × 0.1 × 0.3 = 0.3 E to b1, b1 sends 5 × 0.1 × 0.3 = 0.15 E back
    assert [ln.erlangs for ln in results.links] == pytest.approx([0.45, 0.45])


def test_no_gateway_single_site_also_said():
    # one site, no gateway: 4 users × 0.02 = 0.080 E (the single-site model has no remote-site check)
    [f] = _codes(analyse(_design([_hq(4, pstn_gateway=False)])), "DEP-PSTN-NO-GATEWAY")
    assert "0.080 E in all" in f.message


def test_gateways_only_where_nothing_is_hauled_names_the_sites():
    # b1 has a gateway, but PSTN calls are hauled only to an HQ or call-processing site's: the HQ's 10 users'
    # 0.200 E have nowhere to go; b1's own 0.100 E are sized at its gateway
    d = _design([_hq(10, pstn_gateway=False), {"id": "b1", "users": 5}])
    results = analyse(d)
    [f] = _codes(results, "DEP-PSTN-NO-GATEWAY")
    assert f.subjects == ("hq",) and "0.200 E" in f.message and "'hq'" in f.message
    text = explain_site(Context(d, results), "hq", "pstn_trunks")[0].text()
    assert "none has one" in text and "no site has a PSTN gateway" not in text


def test_no_finding_with_a_gateway_or_no_pstn_share():
    assert not _codes(analyse(_design([_hq(10), {"id": "b1", "users": 5, "pstn_gateway": False}])),
                      "DEP-PSTN-NO-GATEWAY")
    d = _design([_hq(10, pstn_gateway=False)], intra_site_share=0.7, on_net_share=0.3, pstn_share=0.0)
    assert not _codes(analyse(d), "DEP-PSTN-NO-GATEWAY")


def test_the_bill_of_materials_buys_the_bounded_trunks_and_says_why():
    # 1-user HQ with its own gateway: 0.02 E of PSTN traffic; Erlang B asks 2 trunks (above), the one phone can
    # hold 1 call: 1 SIP session, and the reason gives both figures instead of "needs 1 trunks (Erlang B)"
    from advisor import bom

    design = _design([_hq(pstn_gateway=True)])
    items = bom.build(design, analyse(design), bom.BomOptions(pstn="sip"))
    (trunk,) = [i for i in items if i.category == "pstn"]
    assert trunk.quantity == 1
    assert "Erlang B asks 2 trunks, but the gateway serves 1 phone (or user)" in trunk.reason
    assert "1 trunks" not in trunk.reason


def test_explain_reads_a_noise_level_load_as_the_sizing_does():
    # 1 user × 1e-9 calls/h × 1e-9 s / 3600 × 20 % ≈ 5.6e-23 E: below the sizing's 1e-9 E floor, so 0 trunks; the
    # explanation ran Erlang B on the raw figure (15 trunks at P.01) and then said the 1 phone bounded it to 0
    d = _design([_hq(pstn_gateway=True)], calls_per_user=1e-9, holding_time_s=1e-9)
    got = explain_site(Context(d, analyse(d)), "hq", "pstn_trunks")[0]
    assert got.result.value == 0
    assert "no traffic offered: 0 trunks" in got.text() and "at most 0" not in got.text()


def test_sites_the_wan_does_not_join_to_the_pstn_site_are_named():
    # The WAN in two parts: HQ (gateway) and b1 on a cloud; b2 – b3 joined only to each other, with no gateway.
    # Their PSTN calls, 10 users × 0.1 E × 20 % = 0.2 E each, 0.4 E in all, reach no gateway: nothing said before
    # (a PSTN site exists, so the check stopped there).
    d = Design.model_validate({
        "sites": [_hq(10, pstn_gateway=True), {"id": "b1", "users": 10, "pstn_gateway": False},
                  {"id": "b2", "users": 10, "pstn_gateway": False}, {"id": "b3", "users": 10, "pstn_gateway": False}],
        "clouds": [{"id": "wan", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "wan"}, {"id": "l-b1", "a": "b1", "b": "wan"},
                  {"id": "l-23", "a": "b2", "b": "b3"}]})
    [f] = [f for f in analyse(d).findings if f.code == "DEP-PSTN-NO-GATEWAY"]
    assert f.subjects == ("b2", "b3")
    assert "2 sites without a PSTN gateway have 0.400 E of PSTN calls" in f.message
    assert "the WAN does not join them to 'hq'" in f.message and "Join these sites to 'hq'" in f.remedy
    # b1, hauled to the HQ, is not named; with b2 – b3 joined to the cloud too, nothing is
    joined = d.model_copy(update={"links": (*d.links, d.links[1].model_copy(update={"id": "l-b2", "a": "b2"}))})
    assert not [f for f in analyse(joined).findings if f.code == "DEP-PSTN-NO-GATEWAY"]


def test_a_central_pstn_site_without_a_gateway_is_said():
    # 'b' is named the central PSTN site but not marked a gateway: the sizing puts every PSTN call there as if it
    # had one, silently before. 10 users × 0.1 E × 20 % = 0.2 E at 'b'; Erlang B at P.01: B(2) = 0.2 × 0.1667 /
    # 2.0333 = 0.0164 > 1 %, B(3) = 0.2 × 0.0164 / 3.0033 = 0.0011 ≤ 1 % -> 3 trunks (10 phones served, no cap)
    d = Design.model_validate({
        "traffic": {"central_pstn_site": "b"},
        "sites": [_hq(5, pstn_gateway=False), {"id": "b", "users": 5, "pstn_gateway": False}],
        "clouds": [{"id": "wan", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "wan"}, {"id": "l-b", "a": "b", "b": "wan"}]})
    results = analyse(d)
    assert {s.id: s.pstn_trunks for s in results.sites} == {"hq": 0, "b": 3}
    [f] = [f for f in results.findings if f.code == "DEP-PSTN-NO-GATEWAY"]
    assert f.subjects == ("b",) and "has no PSTN gateway marked" in f.message and "(3 trunks for 0.200 E)" in f.message
    marked = d.model_copy(update={"sites": (d.sites[0], d.sites[1].model_copy(update={"pstn_gateway": True}))})
    assert not [f for f in analyse(marked).findings if f.code == "DEP-PSTN-NO-GATEWAY"]
