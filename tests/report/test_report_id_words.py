"""The PDF names what the design file holds as ids in the words the app's lists show: a kind as "Data centre", a
survivability as "SRST (ISR4321)", a layer 2 as "Ethernet (18 B)", a codec as "G.729 (8 kbps)", signalling as
"SCCP", an SRTP suite and an ESP integrity by their RFC names, a GRE topology as "full mesh"; a link's ends as the
findings write them ("HQ – Branch (b1)"). Ids stay where the id is the point: the link column, site ids in the
policies, finding codes, the limit tables' entries (the keys a user's own table overrides)."""

from __future__ import annotations

import re

import pytest
from report_fixtures import pdf_text, results_for, section_text

from advisor.model import Design
from advisor.report import build_pdf


def _design() -> Design:
    sites = [{"id": "hq", "name": "  HQ ", "kind": "hq", "users": 200, "cucm_publisher": True, "x": 0, "y": 0},
             {"id": "b1", "name": "Branch", "users": 40, "survivability": "srst", "srst_platform": "ISR4321",
              "x": 300, "y": 0},
             {"id": "b2", "name": "Branch", "users": 20, "survivability": "e-srst", "x": 0, "y": 300},
             {"id": "dc", "name": "DC", "kind": "datacenter", "users": 10, "x": 300, "y": 300}]
    links = [{"id": "l1", "a": "hq", "b": "b1"}, {"id": "l2", "a": "hq", "b": "b2", "l2": "dot1q"},
             {"id": "l3", "a": "dc", "b": "hq"}]
    return Design.model_validate({
        "name": "Words", "sites": sites, "links": links,
        "voice": {"codec": "g729", "srtp": "sha1-80", "signalling": "sccp"},
        "vpn": {"technology": "gre-ipsec", "cipher": "aes-cbc", "integrity": "sha256-128",
                "gre_topology": "full-mesh", "ipsec_mode": "tunnel"}})


@pytest.fixture(scope="module")
def text():
    design = _design()
    return pdf_text(build_pdf(design, results_for(design)))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[\w.-]+", text))


def test_the_sites_table_names_kinds_and_survivability_in_words(text):
    sites = section_text(text, "Sites")
    # the Inspector's lists (advisor.ui.choice_labels): SRST, E-SRST; the palette: HQ, Branch, Data centre
    assert "SRST (ISR4321)" in sites and "E-SRST" in sites
    assert "Data centre" in sites
    assert "Branch" in sites
    assert not {"srst", "e-srst", "datacenter", "branch"} & _words(sites)  # the ids: none of them left


def test_the_links_table_names_ends_and_layer_2_as_the_findings_and_lists_do(text):
    links = section_text(text, "Links")
    for ends in ("HQ \u2013 Branch (b1)", "HQ \u2013 Branch (b2)", "DC \u2013 HQ"):  # en dash, duplicates by id
        assert ends in links
    assert " \u2014 " not in links.split("How to read")[0]  # the em dash of old, in the table: gone
    # the layer-2 list's names with the bytes (Ethernet 14 + 4 FCS = 18 B; 802.1Q adds a 4 B tag: 22 B)
    assert "Ethernet (18 B)" in links and "Ethernet 802.1Q (22 B)" in links
    assert "ethernet (18 B)" not in links and "dot1q" not in links


def test_the_packet_anatomy_names_the_layer_2(text):
    anatomy = section_text(text, "Per-call packet anatomy")
    assert "layer 2 Ethernet)" in anatomy  # "(…, the link with the most calls; layer 2 Ethernet)"
    assert "Layer 2: Ethernet: 14 header + 4 FCS = 18 B." in anatomy


def test_the_policy_tables_show_each_setting_in_the_lists_words(text):
    start = text.index("Voice policy")
    policies = " ".join(text[start:text.index("Limit tables", start)].split())
    expected = ["G.729 (8 kbps)", "G.711 (64 kbps)",  # this design's codec and the default, as the codec list
                "HMAC-SHA1-80", "none (RTP in clear)", "SCCP",  # RFC 4568's suite; the default no SRTP
                "GRE over IPsec", "Let the advisor choose",  # the technology and its default, as the VPN list
                "AES-CBC", "HMAC-SHA256-128", "HMAC-SHA1-96",  # RFC 4868's and RFC 2404's names
                "full mesh", "hub and spoke", "tunnel", "default (transport for GRE, DMVPN)"]
    for words in expected:
        assert words in policies, words
    ids = {"g729", "g711", "sha1-80", "sccp", "gre-ipsec", "recommend", "aes-cbc", "sha256-128", "sha1-96",
           "full-mesh", "hub-and-spoke"}
    # the Meaning column (the file format's own descriptions) quotes "'recommend' lets the advisor choose" and
    # writes "1 = hub-and-spoke only" (the English adjective, for DMVPN's phase)
    meaning = {"recommend", "hub-and-spoke"}
    assert not (ids - meaning) & _words(policies)
