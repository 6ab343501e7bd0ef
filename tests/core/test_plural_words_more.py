"""Counts read with their noun in the right number, second sweep: "1 trunk", "1 phone", "1 site", "1 key server",
never "1 trunks"; several stay plural. The expected words are written out here by hand; the Erlang B figures are
worked by hand in the comments."""

from __future__ import annotations

import pytest

from advisor import numbers
from advisor.analysis import analyse
from advisor.bom_rules import choose_router
from advisor.exercises.designs import describe
from advisor.exercises.erlang_topic import exercise
from advisor.explain import erlang as explain_erlang
from advisor.importer import ImportFileError, build_design, preview
from advisor.model import Design
from advisor.rules import deployment
from advisor.tables import load_table


def design(sites, **top) -> Design:
    return Design.model_validate({"sites": sites, "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "links": [{"id": f"l-{s['id']}", "a": s["id"], "b": "wan"} for s in sites], **top})


HQ = {"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True, "cucm_subscribers": 2}


def _csv(tmp_path, text: str):
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --- numbers.counted --------------------------------------------------------------------------------------------

def test_counted_writes_an_irregular_plural_out():
    assert numbers.counted(1, "switch", "switches") == "1 switch"
    assert numbers.counted(2, "switch", "switches") == "2 switches"
    assert numbers.counted(1, "entry", "entries") == "1 entry"
    assert numbers.counted(12_000, "entry", "entries") == "12,000 entries"
    assert numbers.counted(0, "sketch", "sketches") == "0 sketches"
    assert numbers.counted(1_200, "site") == "1,200 sites"  # the regular plural as before


# --- Erlang B explained -----------------------------------------------------------------------------------------

def test_trunks_for_a_tiny_load_is_one_trunk():
    # B(0.005, 1) = 0.005 / 1.005 = 0.50 % <= 1 %: one trunk
    e = explain_erlang.trunks(0.005, 0.01)
    assert e.result.value == 1 and e.result.text == "1 trunk"
    # B(0.5, 1) = 33.3 %, B(0.5, 2) = 7.69 %, B(0.5, 3) = 1.27 %, B(0.5, 4) = 0.158 %: four trunks
    assert explain_erlang.trunks(0.5, 0.01).result.text == "4 trunks"


def test_blocking_and_traffic_titles_on_one_trunk_and_several():
    one = explain_erlang.blocking(0.5, 1)
    assert one.title == "Blocking of 0.500 E on 1 trunk"
    assert one.lines[0] == "the probability that a call offered to 1 trunk carrying 0.500 E finds it busy"
    many = explain_erlang.blocking(0.5, 3)
    assert many.title == "Blocking of 0.500 E on 3 trunks"
    assert many.lines[0] == "the probability that a call offered to 3 trunks carrying 0.500 E finds all of them busy"
    assert explain_erlang.traffic(1, 0.01).title == "Traffic 1 trunk carries at 1 % blocking"
    assert explain_erlang.traffic(5, 0.01).title == "Traffic 5 trunks carry at 1 % blocking"


def test_erlang_exercises_say_one_trunk():
    ex = exercise("e1", traffic_e=0.005, gos=0.01)
    assert ex.answer_text == "1 trunk"
    ex = exercise("e2", traffic_e=0.5, trunks_n=1)
    assert ex.question.startswith("0.500 E is offered to 1 trunk at the busy hour.")
    ex = exercise("e3", trunks_n=1, gos=0.01)
    assert ex.question.startswith("A site has 1 trunk. How much")
    ex = exercise("e4", trunks_n=7, gos=0.01)
    assert ex.question.startswith("A site has 7 trunks. How much")


# --- the exercise's design in words ------------------------------------------------------------------------------

def test_a_site_of_one_user_and_a_single_branch():
    d = design([{**HQ, "name": "Main"}, {"id": "b1", "name": "Kiosk", "users": 1}])
    facts = describe(d)
    assert any(f.startswith("'Kiosk' (branch): 1 user; ") for f in facts), facts
    assert any(f.startswith("'Main' (HQ): 100 users; ") for f in facts), facts
    compact = describe(d, compact=True)
    assert "1 branch with 1 user" in compact, compact
    assert not any("branches" in f for f in compact), compact


# --- the VPN ranking ---------------------------------------------------------------------------------------------

def _reasons(d: Design, tech: str) -> list[str]:
    [cand] = [c for c in analyse(d).recommendation.ranking if c.technology == tech]
    return [r.text for r in cand.reasons]


def test_one_cooperative_key_server_and_two():
    sites = [HQ, {"id": "b1", "users": 20}, {"id": "b2", "users": 20}]
    one = design(sites, vpn={"technology": "getvpn", "getvpn_key_servers": 1})
    assert "1 cooperative key server to deploy and run for 3 sites" in _reasons(one, "getvpn")
    two = design(sites, vpn={"technology": "getvpn", "getvpn_key_servers": 2})
    assert "2 cooperative key servers to deploy and run for 3 sites" in _reasons(two, "getvpn")


# --- SRST: the finding and the bill of materials ------------------------------------------------------------------

def test_srst_capacity_one_phone_and_two():
    def message(users: int, capacity: int) -> str:
        d = design([HQ, {"id": "b1", "users": users, "survivability": "srst", "srst_capacity": capacity}])
        [hit] = [f for f in deployment.detect_and_check(d)[1] if f.code == "DEP-SRST-CAPACITY"]
        return hit.message

    assert message(1, 0).startswith("site 'b1' has 1 phone but its ")
    assert message(3, 1).startswith("site 'b1' has 3 phones but its ")


def test_srst_router_choice_for_one_phone():
    table = load_table("srst_platforms")
    site = Design.model_validate({"sites": [{"id": "b1", "users": 1, "survivability": "srst",
                                             "srst_capacity": 1}]}).sites[0]
    choice = choose_router(site, 1, "sccp", table)
    # a capacity set with no platform named: the site's own router registers them
    assert choice.reason.startswith("1 phone: the site's router registers 1 phone in ")
    site2 = site.model_copy(update={"srst_capacity": 2})
    assert choose_router(site2, 2, "sccp", table).reason.startswith("2 phones: ")


# --- the import ----------------------------------------------------------------------------------------------------

def test_import_public_phones_over_one_phone(tmp_path):
    text = "Site,Users,Phones,Lobby phones\nA,5,1,2\nB,5,4,6\nC,5,,\n"
    _design, messages = build_design(preview(_csv(tmp_path, text)))
    skipped = [str(m) for m in messages if m.severity == "skipped"]
    assert skipped == ["row 2, Lobby phones (D): 2 phones in public areas, more than the site's 1 phone; row skipped",
                       "row 3, Lobby phones (D): 6 phones in public areas, more than the site's 4 phones; row skipped"]


def test_import_of_one_site_and_of_two(tmp_path):
    one, _ = build_design(preview(_csv(tmp_path, "Site,Users\nA,10\n")))
    assert "(header on row 1): 1 site. Values" in one.notes
    two, _ = build_design(preview(_csv(tmp_path, "Site,Users\nA,10\nB,1\n")))
    assert "(header on row 1): 2 sites. Values" in two.notes


def test_a_header_row_beyond_a_sheet_of_one_row(tmp_path):
    with pytest.raises(ImportFileError, match=r"has no row 5 \(it has 1 row\)$"):
        preview(_csv(tmp_path, "Site,Users\n"), header_row=5)
    with pytest.raises(ImportFileError, match=r"has no row 5 \(it has 2 rows\)$"):
        preview(_csv(tmp_path, "Site,Users\nA,10\n"), header_row=5)


# --- the PDF's findings section -------------------------------------------------------------------------------------

def test_report_findings_count_one_finding_and_three():
    from advisor.findings import finding
    from advisor.report.appendix import findings as findings_section

    d = design([HQ, {"id": "b1", "users": 20}])
    results = analyse(d)

    def first_paragraph(found) -> str:
        flow = findings_section(3, d, results.model_copy(update={"findings": tuple(found)}))
        return next(f.text for f in flow if hasattr(f, "text") and "finding" in f.text)

    error = finding("DEP-SRST-MISSING", ("b1",), "site 'b1' has no SRST", "why", "fix", severity="error")
    warning = finding("DEP-SRST-MISSING", ("b1",), "site 'b1' has no SRST", "why", "fix", severity="warning")
    assert first_paragraph([error]).startswith("1 finding: 1 error, 0 warnings, 0 for information.")
    assert first_paragraph([error, warning, warning]).startswith("3 findings: 1 error, 2 warnings, 0 for "
                                                                 "information.")
