"""Design settings in the texts users read (findings, conventions, `check`, `explain`, `bom`) at the edges of their
ranges: never in exponent notation ("1e-12"), never misleading ("0 ms target" for a tiny positive target, "100.0%
blocking" for 0.999999). Expected texts are worked out by hand from the settings."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from advisor import analysis, cli, numbers, signalling
from advisor.analysis import analyse
from advisor.bom import BomItem, BomOptions
from advisor.cli.bom_cmd import render
from advisor.model import Design
from advisor.rules.bandwidth import guideline_share as _limit
from advisor.rules.bandwidth import rate
from advisor.rules.delay import ms

ROOT = Path(__file__).resolve().parents[2]
MPLS = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
EXPONENT = re.compile(r"\d[eE][+-]?\d")  # '1e-12', '1.5e+06', '3.3E-10'


def _data(**traffic) -> dict:
    """HQ + 12 branches on MPLS, with Zürich's link cut to 64 kbps (overloaded: BW-LINK-OVERLOAD and BW-LLQ-SHARE
    fire) and the given traffic settings."""
    data = copy.deepcopy(json.loads(MPLS.read_text(encoding="utf-8")))
    data["traffic"].update(traffic)
    data["links"][1]["capacity_kbps"] = 64.0
    return data


def _design(data: dict) -> Design:
    return Design.model_validate(data)


def _texts(results) -> list[str]:
    out = [t for f in results.findings for t in (f.message, f.rationale, f.remedy)]
    return out + list(results.conventions.values())


EXTREMES = {
    "gos 1e-12": dict(gos=1e-12),
    "gos 0.999999": dict(gos=0.999999),
    "gos 0.9999999": dict(gos=0.9999999),
    "signalling 1e-9": dict(signalling_bps_per_phone=1e-9),
    "holding time and calls 1e-9": dict(holding_time_s=1e-9, calls_per_user=1e-9),
    "llq share 0.9999999": dict(llq_share=0.9999999),
    "shares near 0 and 1": dict(intra_site_share=1e-9, on_net_share=0.999999999, pstn_share=0.0),
}


@pytest.mark.parametrize("traffic", EXTREMES.values(), ids=EXTREMES.keys())
def test_no_exponent_in_findings_or_conventions(traffic):
    texts = _texts(analyse(_design(_data(**traffic))))
    assert texts and [t for t in texts if EXPONENT.search(t)] == []


def test_tiny_grade_of_service_reads_as_typed():
    results = analyse(_design(_data(gos=1e-12)))
    # 1e-12 = 0.000000000001 (eleven zeros after the point); in percent 1e-10 = 0.0000000001 %
    assert results.conventions["grade of service"] == "Erlang B at P0.000000000001 (0.0000000001% blocking)"
    overload = next(f for f in results.findings if f.code == "BW-LINK-OVERLOAD")
    assert " E offered at P0.000000000001 need " in overload.rationale
    queue = next(f for f in results.findings if f.code == "QOS-PRIORITY-QUEUE")
    assert "at the busy hour at P0.000000000001 (Erlang B)" in queue.rationale


@pytest.mark.parametrize("gos, text", [
    (0.999999, "Erlang B at P0.999999 (99.9999% blocking)"),  # not '(100.0% blocking)'
    (0.9999999, "Erlang B at P0.9999999 (99.99999% blocking)"),  # six digits would read 'P1'
    (0.01, "Erlang B at P0.01 (1.0% blocking)"),  # the usual design, as before
    (0.005, "Erlang B at P0.005 (0.5% blocking)"),
])
def test_grade_of_service_convention(gos, text):
    assert analyse(_design(_data(gos=gos))).conventions["grade of service"] == text


def test_tiny_settings_in_the_traffic_and_signalling_conventions():
    conv = analyse(_design(_data(signalling_bps_per_phone=1e-9))).conventions
    assert conv["signalling"] == "0.000000001 bps per phone (design setting)"
    conv = analyse(_design(_data(holding_time_s=1e-9, calls_per_user=1e-9))).conventions
    assert conv["traffic"].startswith("0.000000001 busy-hour calls placed per user × 0.000000001 s; split 50% "
                                      "intra-site / 30% on-net / 20% PSTN;")
    # SCCP over TLS (the example's security mode): (53 + 21 × 0.000000001 calls/h) × 1
    assert "(53 + 21 × 0.000000001 calls/h)" in conv["signalling"]


def test_shares_never_read_as_their_bounds():
    conv = analyse(_design(_data(intra_site_share=1e-9, on_net_share=0.999999999, pstn_share=0.0))).conventions
    assert "split 0.0000001% intra-site / 99.9999999% on-net / 0% PSTN" in conv["traffic"]
    results = analyse(_design(_data(llq_share=0.9999999)))
    assert results.conventions["priority queue"] == "voice at most 99.99999% of each link (LLQ)"
    llq = next(f for f in results.findings if f.code == "BW-LLQ-SHARE")
    assert "above the 99.99999 % priority-queue guideline" in llq.message  # not 'the 100 % guideline'
    assert analyse(_design(_data())).conventions["priority queue"] == "voice at most 33% of each link (LLQ)"


def test_tiny_delay_target_is_not_zero():
    data = _data()
    data["delay"] = {"target_ms": 1e-9}
    results = analyse(_design(data))
    delay = next(f for f in results.findings if f.code == "DEP-DELAY")
    assert "above the 0.000000001 ms target" in delay.message
    assert "The target used here, 0.000000001 ms," in delay.rationale
    assert " 0 ms target" not in delay.message


def test_long_delays_print_every_whole_digit():
    # a chain of 202 sites over 201 links of 10,000 ms round trip: propagation 201 × 10,000 / 2 = 1,005,000 ms
    sites = [{"id": f"s{i}", "users": 10, **({"kind": "hq", "cucm_publisher": True} if i == 0 else {})}
             for i in range(202)]
    links = [{"id": f"l{i}", "a": f"s{i}", "b": f"s{i + 1}", "capacity_kbps": 100000, "rtt_ms": 10000}
             for i in range(201)]
    results = analyse(Design.model_validate({"name": "chain", "vpn": {"technology": "none"}, "sites": sites,
                                             "links": links}))
    delay = next(f for f in results.findings if f.code == "DEP-DELAY")
    assert "propagation 1,005,000 ms" in delay.message and not EXPONENT.search(delay.message)
    assert ms(1e6) == "1,000,000" and ms(1234567.891) == "1,234,568" and ms(23.4376) == "23.438" and ms(0.125) == "0.125"
    assert ms(20212.7) == "20,212.7" and ms(999.9996) == "1,000" and ms(-1500.5) == "-1,500.5"


def test_number_helpers_at_the_edges():
    assert numbers.setting_percent(5e-324) == "5 × 10⁻³²²%"  # positive: never '0.0%' (as written × 100: round 56)
    assert numbers.setting_percent(5e-324, 0) != "0%"
    assert numbers.setting_percent(0.999999) == "99.9999%" and numbers.setting_percent(1.0) == "100.0%"
    assert numbers.setting_percent(0.0) == "0.0%" and numbers.setting_percent(0.33, 0) == "33%"
    assert numbers.setting_fraction(0.9999999) == "0.9999999" and numbers.setting_fraction(1e-12) == "0.000000000001"
    assert rate(1500000.5) == "1,500,000.5" and rate(1e6) == "1,000,000" and rate(1.5) == "1.5"  # grouped, never 1e+06
    assert _limit(0.33) == "33 %" and _limit(0.9999999) == "99.99999 %"


def test_signalling_formula_with_tiny_calls_per_hour():
    design = _design(_data())
    text = signalling.formula(design).describe(1e-9)
    # (53 + 21 × 1e-9) × 1 = 53.000000021: six significant digits, '53'
    assert text.startswith("SCCP over TLS: (53 + 21 × 0.000000001 calls/h) × 1 (TLS factor) = 53 bps per phone")


# -- the command line ---------------------------------------------------------------------------------------------

def _file(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "design.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _extreme(tmp_path: Path) -> str:
    data = _data(gos=1e-12, signalling_bps_per_phone=1e-9)
    data["delay"] = {"target_ms": 1e-9}
    return _file(tmp_path, data)


def test_check_text_and_json(tmp_path, capsys):
    path = _extreme(tmp_path)
    assert cli.main(["check", path]) == 1
    out = capsys.readouterr().out
    assert "above the 0.000000001 ms target" in out and not EXPONENT.search(out)
    cli.main(["check", path, "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["conventions"]["grade of service"] == "Erlang B at P0.000000000001 (0.0000000001% blocking)"
    texts = list(data["conventions"].values()) + [f[k] for f in data["findings"]
                                                   for k in ("message", "rationale", "remedy")]
    assert [t for t in texts if EXPONENT.search(t)] == []


def test_explain_prints_the_settings_as_typed(tmp_path, capsys):
    assert cli.main(["explain", _extreme(tmp_path), "--finding", "BW-LINK-OVERLOAD"]) == 0
    out = capsys.readouterr().out
    assert "E offered at P0.000000000001 need " in out
    # the Erlang B recurrence's own steps ('B(17) = …') are computed figures, printed by advisor.explain
    lines = [line for line in out.splitlines() if not line.lstrip().startswith("B(")]
    assert [line for line in lines if EXPONENT.search(line)] == []


def test_explain_refuses_an_unknown_link_or_site_before_the_analysis(tmp_path, capsys, monkeypatch):
    calls = []
    monkeypatch.setattr(analysis, "analyse", lambda *a, **k: calls.append(a) or pytest.fail("analysed"))
    assert cli.main(["explain", str(MPLS), "--link", "l-nowhere"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "--link: no link 'l-nowhere' in this design" in err
    assert "l-br01 (Zürich – Provider MPLS VPN)" in err and err.endswith("and 1 more")  # 13 links, 12 shown
    assert cli.main(["explain", str(MPLS), "--site", "Atlantis"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "--site: no site 'Atlantis' in this design; its sites: hq (Headquarters)" in err
    assert calls == []
    monkeypatch.undo()
    assert cli.main(["explain", str(MPLS), "--site", "Zürich"]) == 0  # a known one by name is still analysed


def test_bom_quantities_have_thousands_separators(tmp_path, capsys):
    items = [BomItem("hq", "PSTN trunks", "SIP trunk sessions", 12345, "r", "s", "pstn"),
             BomItem("hq", "PSTN trunks", "SIP trunk sessions", 1000, "r", "s", "pstn"),
             BomItem("br", "SRST router", "ISR4321", 1, "r", "s", "router")]
    text = render(_design(_data()), items, BomOptions())
    lines = text.splitlines()
    rows = [line for line in lines if "SIP trunk sessions" in line or "ISR4321" in line]
    assert [line.split()[-1] for line in rows] == ["12,345", "1,000", "1", "13,345", "1"]  # lines, then totals
    assert len({len(line) for line in rows[:3]}) == 1  # right-aligned: every line ends in the qty column
    # through the command line: 20,000 users × 2 calls × 180 s / 3600 = 2,000 E, all to the PSTN over SIP; Erlang B
    # needs more trunks than the offered Erlangs, so more than 2,000 sessions
    data = {"name": "big", "vpn": {"technology": "none"},
            "sites": [{"id": "hq", "kind": "hq", "users": 20000, "cucm_publisher": True, "cucm_subscribers": 2}],
            "traffic": {"calls_per_user": 2, "holding_time_s": 180, "intra_site_share": 0, "on_net_share": 0,
                        "pstn_share": 1}}
    path = _file(tmp_path, data)
    assert cli.main(["bom", path, "--json", "--pstn", "sip"]) == 0
    quantity = next(i["quantity"] for i in json.loads(capsys.readouterr().out)["items"] if i["category"] == "pstn")
    assert quantity > 2000
    assert cli.main(["bom", path, "--pstn", "sip"]) == 0
    out = capsys.readouterr().out
    assert f"{quantity:,}" in out and f" {quantity}\n" not in out
