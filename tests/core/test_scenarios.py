"""Options compared side by side: each column equals a separate analysis of the design with that policy, scenarios
round-trip through the file, bad scenarios are named."""

import json

import pytest

from advisor import io, scenarios
from advisor.analysis import analyse
from advisor.model import Design, Scenario

EXAMPLE = "resources/examples/hq-12-branches-mpls.json"


@pytest.fixture(scope="module")
def design() -> Design:
    return io.load(EXAMPLE)


def test_each_column_equals_its_own_analysis(design):
    chosen = [Scenario(name="G.729", codec="g729"), Scenario(name="DMVPN", technology="dmvpn")]
    out = scenarios.compare(design, chosen, analyse)
    assert [o.name for o in out] == [scenarios.CURRENT, "G.729", "DMVPN"]
    for o, variant in zip(out, [design, design.model_copy(update={"voice": design.voice.model_copy(
            update={"codec": "g729"})}), design.model_copy(update={"vpn": design.vpn.model_copy(
                update={"technology": "dmvpn"})})], strict=True):
        r = analyse(variant)
        assert o.wan_kbps == pytest.approx(r.total_wan_kbps)
        assert o.errors == r.errors and o.warnings == r.warnings
        assert o.over_capacity == sum(x.status == "overload" for x in r.links)
        assert o.technology == r.recommendation.chosen


def test_g729_needs_less_bandwidth_than_g711_by_hand(design):
    # Per call on Ethernet inside GET VPN (AES-CBC, SHA1-96, tunnel mode), 20 ms:
    # G.711: 160 B voice + 40 B IP/UDP/RTP = 200 B; ESP pad: ceil((200+2)/16)*16 = 208; 20 + 8 + 16 + 208 + 12 = 264 B
    #        + 18 B Ethernet = 282 B x 8 x 50 = 112.8 kbps
    # G.729:  20 B voice + 40 = 60 B; pad: ceil(62/16)*16 = 64; 20 + 8 + 16 + 64 + 12 = 120 B + 18 = 138 B -> 55.2 kbps
    # The example already uses G.729, so the G.711 column's busiest link carries the same calls at 112.8/55.2.
    out = scenarios.compare(design, [Scenario(name="G.711", codec="g711")], analyse)
    base, g711 = out
    r711 = analyse(scenarios.apply(design, Scenario(name="x", codec="g711")))
    assert [round(x.per_call_kbps, 6) for x in r711.links if x.calls] == [112.8] * 13
    assert [round(x.per_call_kbps, 6) for x in analyse(design).links if x.calls] == [55.2] * 13
    assert g711.wan_kbps > base.wan_kbps


def test_vary_builds_every_combination():
    varied = scenarios.parse_vary(["codec=g711,g729", "vpn=getvpn,dmvpn"])
    made = scenarios.scenarios_from_vary(varied)
    assert [s.name for s in made] == ["codec=g711, vpn=getvpn", "codec=g711, vpn=dmvpn", "codec=g729, vpn=getvpn",
                                      "codec=g729, vpn=dmvpn"]
    assert made[1].codec == "g711" and made[1].technology == "dmvpn"


def test_vary_per_transport_and_numbers():
    made = scenarios.scenarios_from_vary(scenarios.parse_vary(["vpn.internet=dmvpn", "gos=1%", "calls=3"]))
    assert made[0].transports == {"internet": "dmvpn"}
    assert made[0].gos == pytest.approx(0.01) and made[0].calls_per_user == 3.0


@pytest.mark.parametrize("item, words", [("codec", "KEY=VALUE"), ("colour=red", "unknown key 'colour'"),
                                         ("gos=high", "not a number"), ("vpn=ipsecx", "vpn=ipsecx")])
def test_bad_vary_is_named(item, words):
    with pytest.raises(scenarios.ScenarioError, match=words):
        scenarios.scenarios_from_vary(scenarios.parse_vary([item]))


def test_invalid_policy_names_the_scenario(design):
    # iLBC's 30 ms packets are not a whole number of G.729's... the other way round: G.729 frames are 10 ms, so a
    # 25 ms packetization is not a whole number of frames.
    with pytest.raises(scenarios.ScenarioError, match="scenario 'odd'"):
        scenarios.apply(design, Scenario(name="odd", codec="g729", ptime_ms=25))


def test_per_transport_sets_the_clouds(design):
    variant = scenarios.apply(design, Scenario(name="t", transports={"mpls": "dmvpn"}))
    assert {c.technology for c in variant.clouds if c.kind == "mpls"} == {"dmvpn"}
    assert variant.links == design.links and variant.sites == design.sites


def test_scenarios_round_trip_through_the_file(design, tmp_path):
    saved = design.model_copy(update={"scenarios": (Scenario(name="G.711 + DMVPN", codec="g711", technology="dmvpn",
                                                             gos=0.005),)})
    path = tmp_path / "d.json"
    io.save(saved, path)
    back = io.load(path)
    assert back.scenarios == saved.scenarios
    assert json.loads(path.read_text())["scenarios"][0]["name"] == "G.711 + DMVPN"


def test_bom_delta_against_the_current_design(design):
    def bom(d, r):
        return {"key server": 2 if r.recommendation.chosen == "getvpn" else 0,
                "hub router": 2 if r.recommendation.chosen == "dmvpn" else 0}
    out = scenarios.compare(design, [Scenario(name="DMVPN", technology="dmvpn")], analyse, bom=bom)
    assert out[0].bom == {"key server": 2, "hub router": 0}
    assert out[1].bom_delta == {"key server": -2, "hub router": 2}


@pytest.mark.parametrize("second", ["G.711", "g.711", " G.711 "])
def test_two_scenarios_of_one_name_are_refused_naming_both(design, second):
    """Options are looked up and compared by name, and the app refuses a name already taken (case aside): a file
    holding two alike is refused with the places of both, not loaded with one hiding the other."""
    data = json.loads(io.dumps(design))
    data["scenarios"] = [{"name": "G.711", "codec": "g711"}, {"name": "G.729", "codec": "g729"},
                         {"name": second, "codec": "g729"}]
    with pytest.raises(io.DesignFileError) as err:
        io.parse(json.dumps(data))
    assert "scenarios[2].name" in str(err.value) and "scenarios[0]" in str(err.value)
    data["scenarios"][2]["name"] = "G.711 with SRTP"
    assert [s.name for s in io.parse(json.dumps(data)).scenarios] == ["G.711", "G.729", "G.711 with SRTP"]


def test_too_many_combinations_are_counted_in_words_a_reader_can_take():
    # 2 × 3 × 101 = 606 combinations: more than the 100 compared at once, printed as the number
    with pytest.raises(scenarios.ScenarioError, match="--vary: 606 combinations"):
        scenarios.scenarios_from_vary([("codec", ["g711", "g729"]), ("gos", ["0.01", "0.02", "0.05"]),
                                       ("calls_per_user", [str(i) for i in range(101)])])
    # 2^40 combinations: not a 13-digit number, and no 1,500-digit one for 5,000 options
    with pytest.raises(scenarios.ScenarioError, match="--vary: more than a billion combinations"):
        scenarios.scenarios_from_vary([(f"k{i}", ["a", "b"]) for i in range(40)])


def test_compare_reports_its_progress_to_whoever_shows_it(design):
    """`advisor compare` on a terminal: the design and each option, counted as they are analysed."""
    from advisor import progress

    seen = []
    options = [Scenario(name="G.711", codec="g711"), Scenario(name="G.729", codec="g729")]
    with progress.reporting(lambda what, done, total: seen.append((what, done, total))):
        scenarios.compare(design, options, analyse)
    mine = [(done, total) for what, done, total in seen if what == "analysing the design and 2 options"]
    assert mine == [(0, 3), (1, 3), (2, 3), (3, 3)]
    calls = []
    with progress.reporting(lambda *a: seen.append(a)):
        seen.clear()
        scenarios.compare(design, options, analyse, progress=lambda done, total: calls.append(done))
    assert calls == [1, 2, 3] and not any(what.startswith("analysing the design") for what, *_ in seen)


def test_a_codec_that_cannot_carry_the_designs_packets_is_compared_at_its_default_and_says_so(design):
    drawn = design.model_copy(update={"voice": design.voice.model_copy(update={"ptime_ms": 20.0})})
    # G.723.1 frames are 30 ms: 20 ms packets are not a whole number of them. The option keeps the codec and uses
    # its default, 30 ms (one 24 B frame). Per call on Ethernet inside GET VPN (AES-CBC, SHA1-96, tunnel mode):
    # 24 + 40 = 64 B; ESP pad: ceil((64 + 2) / 16) × 16 = 80; 20 + 8 + 16 + 80 + 12 = 136 B + 18 B Ethernet = 154 B
    # × 8 bits × 1000 / 30 packets per second = 41.0667 kbps.
    variant = scenarios.apply(drawn, Scenario(name="G.723.1", codec="g723.1-6.3"))
    assert variant.voice.codec == "g723.1-6.3" and variant.voice.ptime_ms is None
    assert {round(x.per_call_kbps, 4) for x in analyse(variant).links if x.calls} == {41.0667}
    base, g723 = scenarios.compare(drawn, [Scenario(name="G.723.1", codec="g723.1-6.3")], analyse)
    assert (base.ptime_ms, base.ptime_unfit) == (20.0, None)
    assert (g723.ptime_ms, g723.ptime_unfit) == (30.0, 20.0)
    _header, rows = scenarios.comparison_rows([base, g723], drawn)
    assert rows[1] == ["packetization (ms)", "20", "30 (codec's default; 20 ms does not fit its frames)"]
    _header, raw = scenarios.comparison_rows([base, g723], drawn, raw=True)
    assert raw[1] == ["packetization (ms)", 20.0, 30.0]
    assert g723.as_json()["unfit_design_ptime_ms"] == 20.0


def test_a_packetization_set_with_the_codec_is_still_checked(design):
    drawn = design.model_copy(update={"voice": design.voice.model_copy(update={"ptime_ms": 20.0})})
    with pytest.raises(scenarios.ScenarioError, match="not a whole number of G.723.1"):
        scenarios.apply(drawn, Scenario(name="odd", codec="g723.1-6.3", ptime_ms=20.0))  # asked for: refused
    kept = scenarios.apply(drawn, Scenario(name="G.729", codec="g729"))  # 20 ms fits G.729's 10 ms frames
    assert kept.voice.ptime_ms == 20.0


def test_the_hub_links_load_is_that_of_the_hub_the_sizing_centres_on():
    # A data centre with call processing listed before the HQ with call processing: the sizing's hub is the HQ
    # (the HQ with call processing first), and so is the comparison's 'hub links load' (it summed the data centre's
    # links, the first call-processing site listed).
    sites = [{"id": "dc", "kind": "datacenter", "users": 0, "cucm_subscribers": 1},
             {"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True},
             {"id": "br", "kind": "branch", "users": 100}]
    links = [{"id": f"l-{s}", "a": s, "b": "m", "capacity_kbps": 100000} for s in ("dc", "hq", "br")]
    d = Design.model_validate({"sites": sites, "links": links, "clouds": [{"id": "m", "kind": "mpls"}]})
    results = analyse(d)
    hq_link = next(r for r in results.links if r.id == "l-hq")
    dc_link = next(r for r in results.links if r.id == "l-dc")
    assert hq_link.kbps > 0 and hq_link.kbps != dc_link.kbps
    assert scenarios.outcome("current", d, results).hub_kbps == hq_link.kbps
