"""Hostile round 25 (today's changes): shares beside a limit that is not a whole float in percent, a VPN hub beside a
single other site, the explained bandwidth of a link the phones bound, scaled headers in a site list, and the
technologies a hybrid WAN's links use."""

from __future__ import annotations

from advisor import erlang, numbers
from advisor.analysis import analyse
from advisor.explain import Context, explain_link
from advisor.importer.fields import recognise
from advisor.model import Design


def _two(hq_users: int, branch_users: int, **more) -> Design:
    sites = [{"id": "hq", "name": "HQ", "kind": "hq", "users": hq_users, "cucm_publisher": True},
             {"id": "b", "name": "Branch", "users": branch_users}]
    links = [{"id": "l-hq", "a": "hq", "b": "m", "capacity_kbps": 1e9}, {"id": "l-b", "a": "b", "b": "m",
                                                                          "capacity_kbps": 1e9}]
    return Design.model_validate({"name": "two", "sites": sites, "links": links, **more})


def test_a_share_just_above_a_29_percent_limit_reads_above_it():
    # 0.29 × 100 is 28.999999999999996 in floating point: '29.0' read as above it beside 'above the 29 %'
    assert numbers.percent_beside(0.2903, 0.29) == "29.03"
    assert numbers.percent_against(0.5703, 0.57) == "57.03 %"
    assert numbers.percent_beside(0.0703, 0.07) == "7.03"
    # at the limit, one decimal reads within it (not '29.0000')
    assert numbers.percent_beside(0.29, 0.29) == "29.0"
    assert numbers.percent_beside(0.57, 0.57) == "57.0"


def test_the_explained_voice_share_above_a_29_percent_guideline_reads_above_it():
    # 10 calls (a 10-user branch beside a 1,000-user HQ) × 112.80 kbps = 1,128 kbps; on 3,885.635 kbps: 29.0297 %
    design = _two(1000, 10, clouds=[{"id": "m", "kind": "mpls"}], traffic={"llq_share": 0.29})
    design = design.model_copy(update={"links": (design.links[0].model_copy(update={"capacity_kbps": 3885.635}),
                                                 design.links[1])})
    [share] = explain_link(Context.of(design), "l-hq", "llq_share")
    assert "= 29.03 % (above the 29 % priority-queue guideline" in share.lines[0]


HUB = {"clouds": [{"id": "m", "kind": "internet"}],
       "vpn": {"technology": "dmvpn", "dmvpn_phase": 1, "hub_site": "hq"}}


def test_a_hub_beside_a_single_other_site_carries_at_most_its_own_phones():
    # 1 user at the hub, 1,000,000 at the branch: every call on either access link has one end at the hub's one
    # phone, so 1 call each (the hub relays nothing: there is no second spoke); not 29,783 on the hub's link
    links = {r.id: r for r in analyse(_two(1, 1_000_000, **HUB)).links}
    assert links["l-b"].calls == 1
    assert links["l-hq"].calls == 1
    # beside two spokes it relays calls between them, each across its link twice: its one phone bounds nothing
    design = _two(1, 1000, **HUB)
    spoke = design.sites[1].model_copy(update={"id": "c", "name": "C"})
    link = design.links[1].model_copy(update={"id": "l-c", "a": "c"})
    design = design.model_copy(update={"sites": (*design.sites, spoke), "links": (*design.links, link)})
    links = {r.id: r for r in analyse(design).links}
    assert links["l-hq"].calls > 1


def test_the_explained_bandwidth_of_a_bounded_link_gives_erlang_b_and_the_bound():
    # 30.3 E (1,000 users × 0.1 E × 30 % on-net, plus the branch's 0.3 E) at 1 % needs 42 trunks by Erlang B;
    # the 10-user branch holds 10 calls at most
    design = _two(1000, 10, clouds=[{"id": "m", "kind": "mpls"}])
    [kbps] = explain_link(Context.of(design), "l-hq", "kbps")
    assert kbps.lines[0].startswith("HQ – m: 10 calls (at most the 10 phones on the smaller side of this link, which only "
                                    "calls between its two sides cross; Erlang B gives 42 for 30.300 E at 1 %) × ")


def test_a_single_bounded_call_is_one_call_and_one_phone():
    design = _two(1, 1_000_000, clouds=[{"id": "m", "kind": "mpls"}])
    ctx = Context.of(design)
    [kbps] = explain_link(ctx, "l-b", "kbps")
    # 1,000,000 users × 0.1 E × 30 % on-net, plus the HQ user's 0.03 E, all between the two sites
    needed = erlang.trunks(1_000_000 * 0.1 * 0.3 + 0.03, 0.01)
    assert kbps.lines[0].startswith("Branch – m: 1 call (at most the 1 phone on the smaller side of this link, which only "
                                    f"calls between its two sides cross; Erlang B gives {needed:,} for 30,000 E at 1 %)")
    [calls] = explain_link(ctx, "l-b", "calls")
    assert calls.lines[-1].endswith("among the 1 phone (or user) on its smaller side, and a phone holds one call at a "
                                    "time: 1 call")


def test_a_header_in_thousands_names_no_field():
    # '2' under 'Users (000s)' is 2,000 users: read as users it would be 2
    for header in ("Users (000s)", "Users (thousands)", "Users ('000)", "Headcount in thousands", "Phones (000)",
                   "Users (millions)"):
        assert recognise(header) == (None, 0), header
    # a thousand in a name, or a unit, still names its field
    assert recognise("Site 1000")[0] == "name"
    assert recognise("Bandwidth (k)")[0] == "bandwidth"
    assert recognise("Users")[0] == "users"


def test_a_scaled_users_column_is_not_imported_as_users(tmp_path):
    from advisor.importer import preview

    path = tmp_path / "scaled.csv"
    path.write_text("Site,Users (000s),Phones\nA,2,5\nB,1,3\n", encoding="utf-8")
    mapping = preview(path).mapping
    assert mapping.column_of("users") is None
    assert (mapping.column_of("name"), mapping.column_of("phones")) == (0, 2)


def test_the_links_technologies_on_a_wan_whose_only_cloud_runs_the_recommendation():
    from advisor.report.vpn_use import technologies

    # the design is set to GRE over IPsec, but its one cloud runs the advisor's pick: no link uses GRE over IPsec
    design = _two(100, 10, clouds=[{"id": "m", "kind": "mpls", "technology": "recommend"}],
                  vpn={"technology": "gre-ipsec"})
    results = analyse(design)
    rec = results.recommendation
    assert rec.chosen == "gre-ipsec"
    assert technologies(design, results) == (rec.per_cloud["m"],)
    assert "gre-ipsec" not in technologies(design, results)


def test_srst_capacity_that_cannot_be_checked_groups_thousands_and_names_no_file():
    from advisor.analysis import analyse
    from advisor.model import Design

    sites = [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
             {"id": "b", "users": 99999, "survivability": "srst", "srst_platform": None}]
    design = Design.model_validate({"name": "big branch", "sites": sites, "clouds": [{"id": "m", "kind": "mpls"}],
                                    "links": [{"id": "l0", "a": "hq", "b": "m"}, {"id": "l1", "a": "b", "b": "m"}]})
    [unknown] = [f for f in analyse(design).findings
                 if f.code == "DEP-SRST-CAPACITY" and "cannot be checked" in f.message]
    assert "with 99,999 phones cannot be checked" in unknown.message
    assert ".json" not in unknown.remedy and "the advisor's SRST platform table" in unknown.remedy


def test_a_design_setting_no_link_uses_is_not_called_a_departure():
    """GRE over IPsec set for the design, its only cloud set to run the recommendation (static VTI): every link
    runs the recommendation, so nothing says the design uses GRE over IPsec 'instead'."""
    from advisor.analysis import analyse
    from advisor.cli.check_text import render
    from advisor.model import Design
    from advisor.report.summary import _recommendation
    from advisor.report.vpn_use import departs

    design = Design.model_validate({
        "name": "gre set, cloud recommends", "vpn": {"technology": "gre-ipsec"},
        "sites": [{"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True}, {"id": "b", "users": 20}],
        "clouds": [{"id": "m", "kind": "mpls", "technology": "recommend"}],
        "links": [{"id": "l0", "a": "hq", "b": "m"}, {"id": "l1", "a": "b", "b": "m"}]})
    results = analyse(design)
    rec = results.recommendation
    assert rec.chosen == "gre-ipsec" and rec.per_cloud == {"m": rec.technology} != {"m": "gre-ipsec"}
    assert not departs(design, results)
    text = render(design, results)
    vpn_line = next(line for line in text.splitlines() if line.startswith("VPN: "))
    assert "recommended" not in vpn_line
    [found] = [f for f in results.findings if f.code == "VPN-RECOMMENDATION"]
    assert "instead" not in found.message and "GRE over IPsec, applies to no link" in found.message
    assert "instead" not in _recommendation(design, results)


def test_a_delay_column_in_seconds_reads_its_bare_numbers_as_seconds(tmp_path):
    """'Delay (s)' with 0.05 read 0.05 ms: a bare number takes the header's unit (50 ms); a cell with a unit of its
    own keeps it ('0.04 s' 40 ms, '20 ms' 20 ms)."""
    from advisor.importer.build import build_design
    from advisor.importer.preview import preview

    path = tmp_path / "delay.csv"
    path.write_text("Site Name,Users,Delay (s)\nBern,10,0.05\nBasel,5,0.04 s\nGenf,3,20 ms\nLugano,2,30\n",
                    encoding="utf-8")
    pre = preview(path)
    design, messages = build_design(pre, pre.mapping)
    rtts = {ln.id: ln.rtt_ms for ln in design.links}
    assert rtts == {"l-bern": 50.0, "l-basel": 40.0, "l-genf": 20.0}  # 30 s: more than 10,000 ms, row skipped
    assert any("'30' seconds is more than 10,000 ms" in m.text for m in messages)


def test_the_erlang_b_steps_group_thousands():
    import re

    from advisor.explain import trunks

    lines = trunks(20000, 0.01).lines  # thousands of trunks: every count in the steps is grouped
    assert re.search(r"n = \d{1,3}(,\d{3})+$", lines[-1])
    assert re.search(r"\d{1,3}(,\d{3})+ are too few$", lines[-2])
    assert re.search(r"B\(\d{1,3}(,\d{3})+\) = 20,000 × ", "\n".join(lines))
    assert not re.search(r"\d{4,}", re.sub(r"\d*\.\d+", "", "\n".join(lines)))  # no 4 digits outside decimals
