"""Round 56 of the hostile-input hunt, the core: names that read alike on the page.

- Two sites named 'Zürich', one typed with 'ü' (U+00FC) and one with 'u' and a combining diaeresis (U+0308, as
  macOS writes it), were two different names to the findings, which give the id only to names written alike: the
  PDF and `check` said "'Zürich – Provider MPLS VPN' 9 calls …" of one link with nothing to tell it from the other,
  where two sites both typed 'Zürich' read 'Zürich (br01)' and 'Zürich (br02)'. So did a name with a zero-width
  space at its end. The ids are now given to names that look alike; names that look different (case, full-width
  letters) keep theirs bare.
"""

from __future__ import annotations

import re

import pytest

from advisor.model import Design
from advisor.rules._names import Names

NFC, NFD = "Z\u00fcrich", "Zu\u0308rich"  # the same word on the page: 'ü' composed, or 'u' + a combining diaeresis


def _design(site_names: list[str], link_names: list[str] | None = None) -> Design:
    link_names = link_names or [""] * len(site_names)
    return Design.model_validate({
        "sites": [{"id": f"s{i}", "name": name, "users": 10} for i, name in enumerate(site_names)],
        "clouds": [{"id": "wan", "name": "MPLS", "kind": "mpls"}],
        "links": [{"id": f"l{i}", "a": f"s{i}", "b": "wan", "name": name} for i, name in enumerate(link_names)],
    })


@pytest.mark.parametrize("second", [
    NFD,                    # composed the other way
    NFC + "\u200b",         # a zero-width space after it
    "\ufeff" + NFC,         # a byte-order mark in front
])
def test_sites_whose_names_look_alike_carry_their_ids(second):
    names = Names(_design([NFC, second, "Bern"]))
    assert names.node("s0") == f"{NFC} (s0)"
    assert names.node("s1") == f"{second} (s1)"  # the name as written, with its id
    assert names.node("s2") == "Bern"
    assert names.link("l1") == f"link '{second} (s1) – MPLS'"


@pytest.mark.parametrize("second", ["ZÜRICH", "zürich", "Ｚüｒｉｃｈ"])  # case or full-width letters: seen apart
def test_sites_whose_names_look_different_keep_them_bare(second):
    names = Names(_design([NFC, second]))
    assert (names.node("s0"), names.node("s1")) == (NFC, second)


def test_links_whose_names_look_alike_carry_their_ids():
    names = Names(_design(["A", "B", "C"], [f"{NFC} access", f"{NFD} access", "Bern access"]))
    assert names.link_name("l0") == f"{NFC} access (l0)"
    assert names.link_name("l1") == f"{NFD} access (l1)"
    assert names.link_name("l2") == "Bern access"
    assert names.links_each(["l0", "l1"]) == [f"link '{NFC} access (l0)'", f"link '{NFD} access (l1)'"]


def test_plain_names_written_alike_still_carry_their_ids():
    names = Names(_design(["Bern", "Bern", "Basel"]))
    assert [names.node(f"s{i}") for i in range(3)] == ["Bern (s0)", "Bern (s1)", "Basel"]


# -- figures of 1,000 and more grouped ------------------------------------------------------------------------------

def test_priority_queue_finding_groups_its_figures_and_quotes_the_command_as_typed():
    """The bundled example's head office link: 37 concurrent calls × 55.20 kbps (G.729 in GET VPN on Ethernet) =
    2,042.4 kbps, rounded up to a whole kbps: 2,043. The finding said "priority 2043 kbps" in its sentence; the
    remedy quotes the IOS command, which takes no separator: 'priority 2043'."""
    from pathlib import Path

    from advisor import io
    from advisor.analysis import analyse

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
    [found] = [f for f in analyse(io.load(example)).findings if f.code == "QOS-PRIORITY-QUEUE"]
    assert "'Headquarters – Provider MPLS VPN' priority 2,043 kbps (37 calls × 55.20 kbps)" in found.message
    assert "'priority 2043'" in found.remedy


def test_signalling_class_of_1000_kbps_and_more_is_grouped():
    """Every site of 1,000,000 phones signals 1,000,000 × 95 bps (SCCP over TLS at 2 calls/h: (53 + 21 × 2) × 1)
    = 95,000 kbps on its link: "CS3 bandwidth 95,000 kbps", not "95000"."""
    design = Design.model_validate({
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 10, "cucm_publisher": True},
                  {"id": "b", "name": "B", "users": 1_000_000}],
        "clouds": [{"id": "wan", "name": "MPLS", "kind": "mpls"}],
        "links": [{"id": "l-hq", "a": "hq", "b": "wan", "capacity_kbps": 1e9},
                  {"id": "l-b", "a": "b", "b": "wan", "capacity_kbps": 1e9}],
        "voice": {"security_mode": "authenticated"},
    })
    from advisor.analysis import analyse

    [found] = [f for f in analyse(design).findings if f.code == "QOS-PRIORITY-QUEUE"]
    assert "'B – MPLS' priority " in found.message and "CS3 bandwidth 95,000 kbps" in found.message
    assert not re.search(r"\d{4,} kbps", found.message), found.message  # the priority figure too (over 1,000)


# -- denormals and shares at the edge, as written ----------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [
    (5e-324, "5 × 10⁻³²⁴"),       # the smallest denormal: its six digits were "4.94066", noise of the format
    (1e-320, "1 × 10⁻³²⁰"),       # was "9.99989 × 10⁻³²¹"
    (-5e-324, "-5 × 10⁻³²⁴"),
    (1.2345678e-20, "1.23457 × 10⁻²⁰"),  # a normal number keeps six significant digits
    (1e300, "1 × 10³⁰⁰"),
])
def test_power_of_ten_shows_a_denormal_as_written(value, shown):
    from advisor import numbers

    assert numbers.power_of_ten(value) == shown


def test_a_design_packetization_of_5e_324_is_refused_as_too_close_to_0():
    # a denormal is refused in a design file as on the command line (it was named "5 × 10⁻³²⁴ ms, not a whole number
    # of G.729 frames"); the smallest normal float is still named as written
    from advisor.model_policies import VoicePolicy

    with pytest.raises(ValueError, match="ptime_ms\n.*is too close to 0 to compute with"):
        VoicePolicy.model_validate({"codec": "g729", "ptime_ms": 5e-324})
    with pytest.raises(ValueError, match="packetization time 2.22507 × 10⁻³⁰⁸ ms is not a whole number of G.729"):
        VoicePolicy.model_validate({"codec": "g729", "ptime_ms": 2.2250738585072014e-308})


@pytest.mark.parametrize("gos, shown", [
    (0.01, "1 %"),
    (5e-324, "5 × 10⁻³²² %"),     # 5e-324 × 100 in decimal; the float product read "4.94066 × 10⁻³²² %"
    (0.9999999, "99.99999 %"),    # below 1: never "100 %", which six significant digits made of it
    (0.07, "7 %"),                # 0.07 × 100 is 7.000000000000001 in floats
])
def test_explain_grade_of_service_as_written(gos, shown):
    from advisor.explain.erlang import gos_text

    assert gos_text(gos) == shown
