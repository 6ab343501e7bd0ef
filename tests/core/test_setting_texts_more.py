"""More design settings and figures in the texts users read, at the edges of their ranges: the clustering round trip
of a long chain, the Erlang B steps of `explain`, the grade of service of `bom` and the PDF, the priority-queue share
of the VPN ranking and of `check`, the shares' sums, the sites whose own traffic shares are scaled to 100 %, and a
schema version typed as a text. Never in exponent notation, never a bound the value is not; the usual designs read
as before. Expected texts are worked out by hand from the settings."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from advisor import cli, demand, numbers
from advisor.analysis import analyse
from advisor.bom import BomOptions, assumption_rows
from advisor.bom_rules import pstn_line
from advisor.explain.erlang import steps
from advisor.io import load
from advisor.io_errors import DesignFileError
from advisor.model import Design
from advisor.report.explained import how_to_read

ROOT = Path(__file__).resolve().parents[2]
MPLS = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
EXPONENT = re.compile(r"\d[eE][+-]?\d")  # '1e-12', '2.01e+06', '3.310484e-10'
TRAFFIC_TEXT = ("2 busy-hour calls placed per user × 180 s; split 50% intra-site / 30% on-net / 20% PSTN; on-net "
                "spread over other sites by users (gravity model)")  # the example's, as every release printed it


def _data(**traffic) -> dict:
    data = copy.deepcopy(json.loads(MPLS.read_text(encoding="utf-8")))
    data["traffic"].update(traffic)
    return data


def _file(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "design.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


# -- 1. clustering over the WAN: the round trip of a long chain -------------------------------------------------

def test_clustering_round_trip_prints_every_whole_digit():
    # 61 sites in a chain over 60 links of 10,000 ms round trip (the most a link may have), the publisher at one end
    # and a subscriber at the other: the pair's round trip is 60 × 10,000 = 600,000 ms, every digit grouped (':g'
    # printed '600000'; 201 such links, 2,010,000 ms, printed '2.01e+06', but sites more than 64 links apart are no
    # longer followed link by link)
    sites = [{"id": f"s{i}", "users": 10} for i in range(61)]
    sites[0].update(kind="hq", cucm_publisher=True)
    sites[-1].update(cucm_subscribers=1)
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{i + 1}", "capacity_kbps": 2000, "rtt_ms": 10000}
             for i in range(60)]
    results = analyse(Design.model_validate({"name": "chain", "vpn": {"technology": "none"}, "sites": sites,
                                             "links": links}))
    rtt = next(f for f in results.findings if f.code == "DEP-COW-RTT")
    assert "between call-processing sites 's0' and 's60' is 600,000 ms, above the " in rtt.message
    bandwidth = next(f for f in results.findings if f.code == "DEP-COW-BANDWIDTH")
    assert " BHCA and 600,000 ms RTT + database " in bandwidth.message
    texts = [t for f in results.findings if f.code.startswith("DEP-COW") for t in (f.message, f.rationale)]
    assert [t for t in texts if EXPONENT.search(t)] == []


def test_whole_digits():
    assert numbers.whole_digits(2010000.0) == "2010000" and numbers.whole_digits(1e6) == "1000000"
    assert numbers.whole_digits(999999.7) == "999999.7"  # ':g' read '1e+06'
    assert numbers.whole_digits(12.3456) == "12.3456" and numbers.whole_digits(80) == "80"  # as ':g' printed
    assert numbers.whole_digits(1e-9) == "0.000000001"


def test_vpn_ranking_prints_a_gigabit_capacity_in_full():
    # two sites of 50,000 users, 20 calls of 600 s each: 50,000 × 20 × 600 / 3600 = 166,667 E per site, 30 % of it
    # on-net, far beyond the two 1,000,000 kbps links (':g' printed '1e+06 kbps')
    data = {"name": "big", "traffic": {"calls_per_user": 20, "holding_time_s": 600},
            "sites": [{"id": "a", "kind": "hq", "users": 50000, "cucm_publisher": True},
                      {"id": "b", "users": 50000}],
            "clouds": [{"id": "c", "kind": "internet"}],
            "links": [{"id": "la", "a": "a", "b": "c", "capacity_kbps": 1000000},
                      {"id": "lb", "a": "b", "b": "c", "capacity_kbps": 1000000}]}
    ranking = analyse(Design.model_validate(data)).recommendation.ranking
    fit = [r.text for c in ranking for r in c.reasons if r.rule == "VPN-R7"]
    assert fit and all("kbps needed of 1,000,000 kbps (" in t and not EXPONENT.search(t) for t in fit)  # grouped as typed


# -- 2. the Erlang B steps of `advisor explain` -------------------------------------------------------------------

def test_erlang_steps_in_plain_decimals():
    # B(A, n) = A × B(n−1) / (n + A × B(n−1)), A = 0.001: B(1) = 0.001 / 1.001 = 0.000999001; B(2) = 0.001 ×
    # 0.000999001 / 2.000001 = 0.0000004995; B(3) = 0.001 × 0.0000004995 / 3 = 0.0000000001665
    lines = steps(0.001, 3)
    assert lines[0].endswith("= 0.000999001")
    assert lines[1].endswith("= 0.0000004995") and lines[2].endswith("= 0.0000000001665")
    assert "× 0.000999001 / (2 + " in lines[1]
    assert [line for line in lines if EXPONENT.search(line)] == []
    # the usual figures, as before: 1 × 1 / 2 = 0.5, 1 × 0.5 / 2.5 = 0.2, 1 × 0.2 / 3.2 = 0.0625
    assert [line.rsplit("= ", 1)[1] for line in steps(1.0, 3)] == ["0.5", "0.2", "0.0625"]


def test_explain_prints_no_exponent_even_in_the_recurrence(tmp_path, capsys):
    # Zürich's 1.965 E at P0.000000000001 need 19 trunks: B(16) was printed '3.310484e-10'
    assert cli.main(["explain", _file(tmp_path, _data(gos=1e-12)), "--link", "l-br01"]) == 0
    out = capsys.readouterr().out
    assert "B(17) = 1.965 × 0.000000000331048 / (17 + 1.965 × 0.000000000331048) = " in out
    assert [line for line in out.splitlines() if EXPONENT.search(line)] == []


# -- 3. the grade of service in `bom` and the PDF -----------------------------------------------------------------

@pytest.mark.parametrize("gos, shown", [
    (1e-12, "0.0000000001 %"),  # 1e-12 × 100; not '0.0 %'
    (0.999999, "99.9999 %"),  # not '100.0 %'
    (0.01, "1.0 %"),  # the usual design, as before
    (0.005, "0.5 %"),
])
def test_grade_of_service_in_bom_and_report(gos, shown):
    line = pstn_line("sip", 10, 3.2, gos)
    assert f"of PSTN traffic at {shown} blocking needs 10 trunks (Erlang B)" in line.reason
    design = Design.model_validate(_data(gos=gos))
    assert dict(assumption_rows(design, BomOptions()))["Grade of service"] == f"{shown} blocking (Erlang B)"
    calls = next(para.text for para in how_to_read(design) if "<b>Calls</b>" in getattr(para, "text", ""))
    assert f"at most the grade of service ({shown})," in calls


def test_report_priority_queue_share_never_reads_100():
    design = Design.model_validate(_data(llq_share=0.9999999))
    share = next(para.text for para in how_to_read(design) if "<b>LLQ share</b>" in getattr(para, "text", ""))
    assert "against the design's 99.99999 % guideline" in share
    share = next(para.text for para in how_to_read(Design.model_validate(_data()))
                 if "<b>LLQ share</b>" in getattr(para, "text", ""))
    assert "against the design's 33 % guideline" in share  # as the bandwidth findings print it


def test_setting_share():
    assert numbers.setting_share(0.01) == "1.0 %" and numbers.setting_share(0.33) == "33.0 %"
    assert numbers.setting_share(1e-12) == "0.0000000001 %" and numbers.setting_share(0.999999) == "99.9999 %"
    assert numbers.setting_share(1.0) == "100.0 %" and numbers.setting_share(0.0) == "0.0 %"


# -- 4. the priority-queue share: the VPN ranking, `advisor check` ------------------------------------------------

def test_vpn_ranking_priority_queue_guideline():
    ranking = analyse(Design.model_validate(_data(llq_share=0.999))).recommendation.ranking
    fit = [r.text for c in ranking for r in c.reasons if r.rule == "VPN-R7"]
    assert fit and all("the 99.9 % guideline" in t for t in fit)  # not 'the 100 % guideline'
    ranking = analyse(Design.model_validate(_data())).recommendation.ranking
    assert all("the 33 % guideline" in r.text for c in ranking for r in c.reasons if r.rule == "VPN-R7")


def test_check_capacity_table_priority_queue_share(tmp_path, capsys):
    assert cli.main(["check", _file(tmp_path, _data(llq_share=0.9999999))]) in (0, 1)
    out = capsys.readouterr().out
    assert "voice share = voice / capacity, at most 99.99999 %: the priority-queue share)" in out
    assert cli.main(["check", str(MPLS)]) == 0
    assert "at most 33.0 %: the priority-queue share)" in capsys.readouterr().out  # as before


# -- 5. what the shares add up to --------------------------------------------------------------------------------

def test_design_shares_sum_in_plain_decimals(tmp_path):
    data = _data(intra_site_share=1e-9, on_net_share=0, pstn_share=0)
    with pytest.raises(DesignFileError) as err:
        load(_file(tmp_path, data))
    assert "shares must add up to 1 (they add up to 0.000000001)" in str(err.value)
    data = _data(pstn_share=0.2000011)  # 0.5 + 0.3 + 0.2000011: six digits would read '1'
    with pytest.raises(DesignFileError) as err:
        load(_file(tmp_path, data))
    assert "(they add up to 1.000001)" in str(err.value)
    data = _data(pstn_share=0.3)
    with pytest.raises(DesignFileError) as err:
        load(_file(tmp_path, data))
    assert "(they add up to 1.1)" in str(err.value)  # as before


def test_site_shares_sum_in_the_note_and_the_convention():
    data = _data()
    data["sites"][2]["traffic"] = {"intra_site_share": 1e-9, "on_net_share": 0, "pstn_share": 0}
    design = Design.model_validate(data)
    notes: list[str] = []
    demand._load_lists(design, notes)
    assert notes == [f"sites[2].traffic ({data['sites'][2]['id']}): shares add up to 0.000000001; scaled to 100 %"]
    traffic = analyse(design).conventions["traffic"]
    assert traffic.endswith(f"scaled to it: '{data['sites'][2]['name']}' (0.0000001 %)")  # 1e-9 × 100


# -- 6. sites whose own shares are scaled to 100 % -----------------------------------------------------------------

def _overriding(*overrides: dict) -> dict:
    """The example with sites 1, 2, … overriding their traffic shares."""
    data = _data()
    for site, override in zip(data["sites"][1:], overrides, strict=False):
        site["traffic"] = override
    return data


def test_the_traffic_convention_names_the_scaled_site(tmp_path, capsys):
    # site 1: intra 0.8 with the design's 30 % on-net and 20 % PSTN = 130 %; site 2: 0.6 + 0.2 + 0.2 = 100 %
    data = _overriding({"intra_site_share": 0.8}, {"intra_site_share": 0.6, "on_net_share": 0.2})
    scaled, exact = data["sites"][1]["name"], data["sites"][2]["name"]
    expected = f"{TRAFFIC_TEXT}; site overrides that do not add up to 100 % are scaled to it: '{scaled}' (130 %)"
    assert analyse(Design.model_validate(data)).conventions["traffic"] == expected
    assert exact not in expected
    path = _file(tmp_path, data)
    assert cli.main(["check", path]) == 0  # the design still loads and is analysed
    lines = capsys.readouterr().out.splitlines()
    assert f"Traffic: site overrides that do not add up to 100 % are scaled to it: '{scaled}' (130 %)" in lines
    assert cli.main(["check", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conventions"]["traffic"] == expected


def test_without_overrides_the_traffic_convention_reads_as_before(capsys):
    data = _overriding({"intra_site_share": 0.6, "on_net_share": 0.2}, {"calls_per_user": 3})  # all add up to 1
    assert analyse(Design.model_validate(data)).conventions["traffic"] == TRAFFIC_TEXT
    assert analyse(Design.model_validate(_data())).conventions["traffic"] == TRAFFIC_TEXT
    assert cli.main(["check", str(MPLS)]) == 0
    assert "Traffic:" not in capsys.readouterr().out


def test_at_most_three_scaled_sites_are_named():
    # five sites at 0.9 + 0.3 + 0.2 = 140 %, and one at 0.1 + 0.3 + 0.2 = 60 %
    data = _overriding(*[{"intra_site_share": 0.9}] * 5, {"intra_site_share": 0.1})
    names = [s["name"] for s in data["sites"][1:4]]
    traffic = analyse(Design.model_validate(data)).conventions["traffic"]
    assert traffic.endswith(f"scaled to it: '{names[0]}' (140 %), '{names[1]}' (140 %), '{names[2]}' (140 %) "
                            "and 3 more")
    assert demand.scaled_shares(Design.model_validate(data))[-1] == (data["sites"][6]["id"], pytest.approx(0.6))


# -- 7. a schema version typed as a text -------------------------------------------------------------------------

def test_schema_version_as_text_is_quoted(tmp_path, capsys):
    path = tmp_path / "text-version.json"
    path.write_text('{"schema_version": "1", "name": "x"}', encoding="utf-8")
    with pytest.raises(DesignFileError) as err:
        load(path)
    assert str(err.value).endswith('schema_version: must be a whole number ≥ 0, not "1" (a text)')
    assert cli.main(["check", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.rstrip().endswith('schema_version: must be a whole number ≥ 0, not "1" (a text)')


@pytest.mark.parametrize("value, shown", [("-1", "-1"), ("1.5", "1.5"), ("true", "true"), ("null", "null"),
                                          ("[1]", "a list")])
def test_other_schema_versions(tmp_path, value, shown):
    path = tmp_path / "version.json"
    path.write_text(f'{{"schema_version": {value}}}', encoding="utf-8")
    with pytest.raises(DesignFileError) as err:
        load(path)
    assert str(err.value).endswith(f"schema_version: must be a whole number ≥ 0, not {shown}")


@pytest.mark.parametrize(("share", "text"), [
    (0.5, "50 %"), (1.0, "100 %"), (1.5, "150 %"),
    (1.004, "100.4 %"),  # over its priority queue: '100 %' would read as just full
    (0.996, "99.6 %"),  # fits: '100 %' would read as full
    (1.00004, "100.004 %"), (0.9999999, "just under 100 %"), (1.0000001, "just over 100 %"),
])
def test_vpn_ranking_loads_never_read_100_when_they_are_not(share, text):
    from advisor.rules.vpn_score import _load

    assert _load(share) == text
