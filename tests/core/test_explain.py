"""advisor.explain: every explanation's arithmetic reproduces its figure, and the worked examples match hand
calculations. Expected values are worked out here by hand (or with textbook Erlang B), never read from the tool."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from advisor.explain import (
    Context,
    ExplainError,
    explain_design,
    explain_findings,
    explain_link,
    explain_packet,
    explain_site,
)
from advisor.io import load
from advisor.packet import CallSpec, compute

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))
MPLS = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


def textbook_blocking(a: float, n: int) -> float:
    """Erlang B from its definition, (A^n / n!) / Σ_k A^k / k!: independent of the tool's recurrence."""
    terms = [a**k / math.factorial(k) for k in range(n + 1)]
    return terms[-1] / sum(terms)


def number(text: str) -> float:
    return float(text.replace(",", ""))


@pytest.fixture(scope="module")
def mpls():
    return Context.of(load(MPLS))


@pytest.fixture(scope="module", params=[p.name for p in EXAMPLES])
def example(request):
    return Context.of(load(MPLS.parent / request.param))


def test_zurich_link_reads_as_the_worked_example(mpls):
    # Zürich: 24 users. G.729 20 ms under GET VPN (AES-CBC + SHA1-96) on Ethernet:
    # P = 20 payload + 40 IP/UDP/RTP = 60 B; ESP x = 60, pad = ceil(62 / 16) × 16 = 64; IP packet = 20 + 8 + 16 + 64
    # + 12 = 120 B; frame 138 B; 138 × 8 × 50 / 1000 = 55.2 kbps. Signalling SCCP: 24 × (53 + 21 × 2) = 2,280 bps.
    # 7 × 55.2 + 2.28 = 388.68 kbps.
    kbps = explain_link(mpls, "l-br01", "kbps")[0]
    assert kbps.lines[0] == ("Zürich – Provider MPLS VPN: 7 calls (Erlang B, 1.965 E at 1 %) × 55.20 kbps + "
                             "2.28 kbps signalling = 388.68 kbps")
    assert kbps.result.text == "388.68 kbps"
    assert kbps.terms["per_call_kbps"] == pytest.approx(55.2)
    assert kbps.terms["signalling_kbps"] == pytest.approx(24 * (53 + 21 * 2) / 1000)
    assert 'Cisco "Voice Over IP – Per Call Bandwidth Consumption" (TAC document 7934)' in kbps.sources
    erl = explain_link(mpls, "l-br01", "erlangs")[0]
    # 24 users × 2 calls/h × 180 s / 3600 = 2.4 E, of which 30 % on-net = 0.72 E placed by Zürich.
    assert erl.terms["originated_erlangs"] == pytest.approx(0.72)
    calls = explain_link(mpls, "l-br01", "calls")[0]
    a = calls.terms["traffic"]
    assert textbook_blocking(a, 6) > 0.01 >= textbook_blocking(a, 7)
    assert calls.result.value == 7


def test_link_and_site_found_by_name_or_id(mpls):
    assert explain_link(mpls, "Zurich - Provider MPLS VPN".replace("Zurich", "Zürich"))[0].subject == "l-br01"
    assert explain_site(mpls, "zürich")[0].subject == "br01"
    with pytest.raises(ExplainError, match="no site 'Atlantis'.*br01 \\(Zürich\\)"):
        explain_site(mpls, "Atlantis")
    with pytest.raises(ExplainError, match="not a finding code"):
        explain_findings(mpls, "BW-NOPE")


def test_link_figures_reproduce_their_numbers(example):
    for lid in example.link_ids():
        r = example.link(lid).result
        got = {e.figure: e for e in explain_link(example, lid)}
        t = got["kbps"].terms
        assert t["calls"] * t["per_call_kbps"] == pytest.approx(t["voice_kbps"])
        assert t["voice_kbps"] + t["signalling_kbps"] + t["cluster_kbps"] == pytest.approx(r.kbps)
        assert got["utilization"].terms["kbps"] / got["utilization"].terms["capacity_kbps"] == pytest.approx(
            r.utilization)
        assert got["llq_share"].terms["voice_kbps"] / r.capacity_kbps == pytest.approx(r.llq_share)
        c = got["calls"].terms
        if r.calls:
            assert textbook_blocking(r.erlangs, r.calls) <= example.design.traffic.gos
            assert c["blocking_below"] > example.design.traffic.gos
        per = got["per_call_kbps"].terms
        assert per["frame_bytes"] * 8 * per["packets_per_second"] / 1000 == pytest.approx(r.per_call_kbps)
        e = got["erlangs"].terms
        if "originated_erlangs" in e:
            parts = (e["originated_erlangs"], e["received_erlangs"], e["pstn_hauled_erlangs"], e["hub_relay_erlangs"])
            assert sum(parts) == pytest.approx(r.erlangs)


HEADLINE = re.compile(r": (\d[\d,]*) calls \(Erlang B, ([\d,.]+) E at ([\d.]+) %\) × ([\d,.]+) kbps"
                      r"(?: \+ ([\d,.]+) kbps signalling)?(?: \+ ([\d,.]+) kbps intra-cluster.*?)? = ([\d,.]+) kbps$")


def test_link_headline_parses_and_adds_up(example):
    for e in explain_design(example):
        if e.figure != "kbps":
            continue
        m = HEADLINE.search(e.lines[0])
        assert m, e.lines[0]
        calls, per, total = int(number(m[1])), number(m[4]), number(m[7])
        extra = sum(number(x) for x in (m[5], m[6]) if x)
        precise = next((line for line in e.lines if line.startswith("(before rounding: ")), None)
        if precise is None:  # the rounded terms add up to the rounded total, as printed
            assert round(calls * per + extra, 2) == total
        else:  # the same sum with four decimals, which rounds to the total
            figures = [number(x) for x in re.findall(r"\d[\d,]*\.\d{4}", precise)]
            assert int(number(re.search(r"rounding: ([\d,]+) ×", precise)[1])) == calls
            assert calls * figures[0] + sum(figures[1:-1]) == pytest.approx(figures[-1], abs=1e-3)
            assert round(figures[-1], 2) == total


STEP = re.compile(r"B\((\d+)\) = ([\d.]+) × ([\d.e+-]+) / \((\d+) \+ ([\d.]+) × ([\d.e+-]+)\) = ([\d.e+-]+)")


def test_recurrence_steps_reproduce_each_value(mpls):
    lines = [line for e in explain_design(mpls) for line in e.lines if STEP.search(line)]
    assert lines
    for line in lines:
        k, a, prev, k2, a2, prev2, cur = STEP.search(line).groups()
        assert k == k2 and a == a2 and prev == prev2
        assert float(a) * float(prev) / (int(k) + float(a) * float(prev)) == pytest.approx(float(cur), rel=1e-3)


def test_site_figures_reproduce_their_numbers(example):
    d = example.design
    for sid in example.site_ids():
        item = example.site(sid)
        got = {e.figure: e for e in explain_site(example, sid)}
        t = got["erlangs"].terms
        assert t["users"] * t["calls_per_user"] * t["holding_time_s"] / 3600 == pytest.approx(item.result.erlangs)
        s = got["signalling_kbps"].terms
        assert s["phones"] * s["bps_per_phone"] / 1000 == pytest.approx(item.result.signalling_kbps)
        trunks = got["pstn_trunks"]
        assert trunks.result.value == item.result.pstn_trunks
        if item.result.pstn_trunks:
            assert textbook_blocking(item.result.pstn_erlangs, item.result.pstn_trunks) <= d.traffic.gos


def test_site_erlangs_by_hand(mpls):
    # Headquarters: 600 users × 2 calls/h × 180 s / 3600 = 60 E: 50 % intra 30 E, 30 % on-net 18 E, 20 % PSTN 12 E.
    e = explain_site(mpls, "hq", "erlangs")[0]
    assert e.lines[0].startswith("A = 600 users × 2 calls/h × 180 s / 3,600 = 60.000 E")
    assert "on-net to other sites 30 % = 18.000 E" in e.lines[1]
    # 12 E at 1 %: B(12, 19) > 1 % ≥ B(12, 20) (textbook Erlang B): 20 trunks.
    trunks = explain_site(mpls, "hq", "pstn_trunks")[0]
    assert textbook_blocking(12, 19) > 0.01 >= textbook_blocking(12, 20)
    assert trunks.result.value == 20 and trunks.lines[-1].endswith("n = 20")


def test_site_without_traffic_has_no_split_to_contradict_its_shares():
    # A site of 0 users read "split: intra-site 0 %; on-net 0 %; PSTN 0 %" while the design's shares are 50/30/20.
    from advisor.model import Design

    design = Design.model_validate({"sites": [{"id": "hq", "kind": "hq", "users": 0, "cucm_publisher": True},
                                              {"id": "b1", "users": 10}],
                                    "links": [{"id": "l1", "a": "hq", "b": "b1"}]})
    line = explain_site(Context.of(design), "hq", "erlangs")[0].lines[1]
    assert line == "split: none, the site places no calls in the busy hour"


def test_hand_packet_g729_ethernet():
    # G.729, 20 ms: 20 B payload + 40 B IP/UDP/RTP = 60 B IP packet; + 18 B Ethernet = 78 B; × 8 × 50 = 31.2 kbps.
    e = explain_packet(compute(CallSpec(codec="g729", ptime_ms=20, l2="ethernet", calls=3)))
    assert "clear packet P = 20 IPv4 + 8 UDP + 12 RTP + 20 Voice payload = 60 B" in e.lines
    assert "frame = 60 B + 18 B layer 2 = 78 B (Ethernet: 14 header + 4 FCS = 18 B)" in e.lines
    assert "kbps with layer 2 = 78 B × 8 × 50 pps / 1,000 = 31.20 kbps" in e.lines
    assert e.lines[-1] == "total = 31.20 kbps × 3 calls = 93.60 kbps per direction"
    assert e.result.value == pytest.approx(31.2) and e.terms["total_kbps"] == pytest.approx(93.6)


def test_hand_packet_v3pn_gre_ipsec():
    # Cisco V3PN SRND: G.729 GRE over IPsec tunnel mode, 3DES + SHA1-96: x = 20 + 4 + 60 = 84; pad = ceil(86 / 8)
    # × 8 = 88; 20 + 8 + 8 IV + 88 + 12 = 136 B; 136 × 8 × 50 / 1000 = 54.4 kbps at layer 3.
    e = explain_packet(compute(CallSpec(codec="g729", vpn="gre-ipsec", ipsec_mode="tunnel", cipher="3des")))
    assert e.terms["ip_packet_bytes"] == 136 and e.terms["kbps_ip"] == pytest.approx(54.4)
    assert "RFC 4303 (IPsec ESP)" in e.sources


def test_finding_shows_numbers_and_source_sentence_without_rule_ids():
    ctx = Context.of(load(MPLS.parent / "classroom-flawed-design.json"))
    (srtp,) = explain_findings(ctx, "SEC-SRTP-WITHOUT-TLS")
    text = srtp.text()
    assert "SEC-R1" not in text and not re.search(r"\b[A-Z]{2,4}-[RC]\d+\b", text)
    assert "T. Mlakar, 'Security of Applications Moving to a Network' (NIL)" in srtp.sources
    assert "learn the keys by sniffing" in text
    overloads = explain_findings(ctx, "BW-LINK-OVERLOAD")
    assert overloads and all(any(line.startswith("figures: ") for line in e.lines) for e in overloads)


def test_every_vpn_reason_quotes_the_sentence_it_applies(mpls):
    from advisor.rules import seed

    sentences = {v for k, v in vars(seed).items() if k.isupper() and isinstance(v, str)}
    rec = explain_findings(mpls, "VPN-RECOMMENDATION")
    reasons = [e for e in rec if e.figure == "reason"]
    assert reasons
    for e in reasons:
        assert e.sources and e.quotes
        assert any(sentence in e.quotes[0] for sentence in sentences), e.quotes[0]
        if e.sources[0] == seed.SEED:
            assert "\u201c" in e.quotes[0]  # the article's own words, in quotation marks


def test_json_is_plain_data(mpls):
    import json

    for e in explain_design(mpls, link="l-hq"):
        data = json.loads(json.dumps(e.to_json()))
        assert set(data) == {"title", "subject", "figure", "lines", "result", "terms", "sources", "quotes"}
        assert math.isfinite(data["result"]["value"]) and data["result"]["text"]


@pytest.mark.parametrize("seed", range(15))
def test_cloud_link_traffic_always_breaks_into_terms(seed):
    """On one cloud every link's Erlangs break into calls out + calls in + hauled PSTN + hub relay, exactly."""
    import random

    from advisor.exercises.link_topic import make_design

    ctx = Context.of(make_design(random.Random(seed)))
    for lid in ctx.link_ids():
        e = explain_link(ctx, lid, "erlangs")[0]
        t = e.terms
        assert "originated_erlangs" in t, e.lines
        assert sum(t[k] for k in ("originated_erlangs", "received_erlangs", "pstn_hauled_erlangs",
                                  "hub_relay_erlangs")) == pytest.approx(ctx.link(lid).result.erlangs)
        kbps = explain_link(ctx, lid, "kbps")[0]
        assert not any("signalling of the phones whose call control" in line for line in kbps.lines)


def test_links_that_share_a_packet_price_it_once_in_an_explanation_context():
    # 50,000 parallel links priced 50,000 identical packets for `advisor explain`: the context keeps one per call
    # settings, and a link with other settings still gets its own.
    from advisor.explain.context import Context

    design = load(MPLS)
    ctx = Context.of(design)
    ids = [ln.id for ln in design.links]
    packets = [ctx.packet(i) for i in ids]
    by_settings: dict = {}
    for p in packets:
        assert by_settings.setdefault(p.spec, p) is p  # one object per distinct call settings
        assert p == compute(p.spec)  # and it is the packet engine's own answer
    assert len(by_settings) < len(ids)
