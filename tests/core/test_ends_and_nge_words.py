"""A link's two ends are written by one function, `Names.ends` ("HQ – Branch (b1)": each end as the findings name
it, an en dash between), which `link_name` uses for an unnamed link; the VPN-NGE finding names the ESP integrity
algorithm as the conventions and RFC 4868 do ("HMAC-SHA256-128", where it wrote "SHA256-128"); the words of the
app's lists live in the core, where the PDF reads them."""

from __future__ import annotations

import subprocess
import sys

from advisor.analysis import analyse
from advisor.model import Design
from advisor.rules._names import Names


def _design(**vpn) -> Design:
    # an HQ whose name is padded with blanks, two branches the user named alike, both links unnamed
    sites = [{"id": "hq", "name": "  HQ ", "kind": "hq", "users": 200, "cucm_publisher": True},
             {"id": "b1", "name": "Branch", "users": 40}, {"id": "b2", "name": "Branch", "users": 20}]
    links = [{"id": "l1", "a": "hq", "b": "b1"}, {"id": "l2", "a": "hq", "b": "b2", "name": "  "}]
    return Design.model_validate({"name": "ends", "sites": sites, "links": links,
                                  "vpn": {"technology": "gre-ipsec", **vpn}})


def test_ends_are_the_two_names_as_the_findings_write_them():
    names = Names(_design())
    # by hand: the padding dropped, the two "Branch" sites told apart by their ids, an en dash (U+2013) between
    assert names.ends("hq", "b1") == "HQ \u2013 Branch (b1)"
    assert names.ends("b2", "hq") == "Branch (b2) \u2013 HQ"
    assert names.ends("hq", "gone") == "HQ \u2013 gone"  # an end the design does not hold: by its id


def test_an_unnamed_links_name_is_its_ends():
    names = Names(_design())
    assert names.link_name("l1") == names.ends("hq", "b1") == "HQ \u2013 Branch (b1)"
    assert names.link_name("l2") == "HQ \u2013 Branch (b2)"  # a name of blanks is no name
    assert names.links_each(["l1"]) == ["link 'HQ \u2013 Branch (b1)'"]  # the batch path writes the same


def test_vpn_nge_names_the_integrity_algorithm_as_the_conventions_do():
    results = analyse(_design(cipher="aes-cbc", integrity="sha256-128"))
    nge = [f for f in results.findings if f.code == "VPN-NGE"]
    assert len(nge) == 1
    # RFC 4868's name: HMAC-SHA-256 truncated to 128 bits; the conventions write "AES-CBC with HMAC-SHA256-128"
    assert "uses AES-CBC with HMAC-SHA256-128;" in nge[0].message
    assert "HMAC-SHA256-128" in results.conventions["ipsec"]
    assert "set the ESP cipher to AES-GCM" in nge[0].remedy and "aes-gcm" not in nge[0].remedy
    default = [f for f in analyse(_design(cipher="aes-cbc")).findings if f.code == "VPN-NGE"][0]
    assert "uses AES-CBC with HMAC-SHA1-96;" in default.message  # RFC 2404's HMAC-SHA-1-96


def test_the_lists_words_are_core_data():
    from advisor import choice_words

    assert choice_words.shown("survivability", "srst") == "SRST"
    assert choice_words.shown("kind", "datacenter") == "Data centre"  # as the palette names it
    assert choice_words.shown("signalling", "sccp") == "SCCP"
    assert choice_words.shown("gre_topology", "full-mesh") == "full mesh"
    assert choice_words.TECHNOLOGIES["recommend"] == "Let the advisor choose"
    assert choice_words.TECHNOLOGIES["getvpn"] == "GET VPN"
    # the words live below the app, where the PDF and the CLI read them: importing them brings no Qt along
    probe = "import sys, advisor.choice_words; print('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
