"""The conventions (the design's assumptions, shown by the app, the PDF and `check --json`) name the codec, the
ESP algorithms, the SRTP suite and the layer 2 in the words the app's lists use, not by the file's ids: "G.729
(8 kbps)" where they read "g729", "AES-CBC with HMAC-SHA1-96" where they read "aes-cbc / sha1-96", "SRTP AES-CM-128,
HMAC-SHA1-80" where they read "SRTP sha1-80", "Ethernet: 14 header + 4 FCS = 18 B" where they read "ethernet: …".
The keys stay as they were: other tools read them.
"""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.model import Design

# The keys `check --json` documents (docs/check-json.md): a contract, unchanged by the words.
KEYS = {"codec", "media security", "vpn technology", "ipsec", "layer 2", "bandwidth", "mpls labels", "nat traversal",
        "traffic", "grade of service", "concurrent calls", "pstn trunks", "priority queue", "signalling", "routing",
        "clustering over the wan", "access links"}
MODE_RULE = "transport for GRE over IPsec and DMVPN, tunnel otherwise"
PAD_RULE = "; ESP pad(x) = ceil((x + 2) / B) × B (the rule Cisco IOS uses)"


def _conventions(voice: dict | None = None, vpn: dict | None = None, l2: str = "ethernet",
                 l2_bytes: int | None = None) -> dict[str, str]:
    link = {"id": "l1", "a": "hq", "b": "br", "capacity_kbps": 2048, "l2": l2}
    if l2_bytes is not None:
        link["l2_bytes"] = l2_bytes
    return analyse(Design.model_validate({
        "name": "two sites", "voice": voice or {}, "vpn": {"technology": "dmvpn", **(vpn or {})},
        "sites": [{"id": "hq", "name": "HQ", "kind": "hq", "users": 100, "cucm_publisher": True},
                  {"id": "br", "name": "Bern", "users": 20}],
        "links": [link]})).conventions


def test_the_keys_stay_and_the_words_replace_the_ids():
    conv = _conventions({"codec": "g729"})
    assert set(conv) == KEYS
    # G.729: 8 kbps (ITU-T G.729, CS-ACELP at 8 kbit/s)
    assert conv["codec"] == "G.729 (8 kbps), default packetization"  # was "g729, default packetization"
    assert conv["media security"] == "no SRTP"
    assert conv["ipsec"] == f"AES-CBC with HMAC-SHA1-96, mode: default ({MODE_RULE}){PAD_RULE}"  # was "aes-cbc / sha1-96"
    assert conv["layer 2"] == "Ethernet: 14 header + 4 FCS = 18 B"  # was "ethernet: 14 header …"


def test_a_packetization_and_an_srtp_suite_in_words():
    conv = _conventions({"codec": "g711", "ptime_ms": 30, "srtp": "sha1-80", "security_mode": "encrypted"})
    # G.711: 64 kbps (ITU-T G.711); the suite AES_CM_128_HMAC_SHA1_80 (RFC 4568)
    assert conv["codec"] == "G.711 (64 kbps), packetization 30 ms"
    assert conv["media security"] == "SRTP AES-CM-128, HMAC-SHA1-80"  # was "SRTP sha1-80"
    assert _conventions({"srtp": "gcm", "security_mode": "encrypted"})["media security"] == "SRTP AEAD AES-128-GCM"


def test_the_esp_algorithms_and_the_mode_in_words():
    conv = _conventions(vpn={"cipher": "3des", "integrity": "md5-96", "ipsec_mode": "tunnel"})
    assert conv["ipsec"] == (f"3DES (legacy) with HMAC-MD5-96 (to be avoided), mode: tunnel (default: {MODE_RULE})"
                             f"{PAD_RULE}")
    # AES-GCM carries its own 16-byte ICV (RFC 4106): the integrity setting plays no part, so it is not named
    conv = _conventions(vpn={"cipher": "aes-gcm", "integrity": "sha512"})
    assert conv["ipsec"].startswith("AES-GCM (its own 16 B ICV; integrity setting unused), mode: default (")
    assert "SHA512" not in conv["ipsec"] and "sha512" not in conv["ipsec"]


def test_each_layer_2_by_its_name():
    # the links' own conventions (advisor/layer2.py), opened by the layer 2's name: PPP 6 + 1 flag (Cisco TAC 7934)
    assert _conventions(l2="ppp")["layer 2"] == "PPP: 6 header + 1 end-of-frame flag = 7 B (Cisco per-call convention)"
    assert _conventions(l2="dot1q")["layer 2"] == "Ethernet 802.1Q: 14 header + 4 802.1Q tag + 4 FCS = 22 B"
    assert _conventions(l2="custom", l2_bytes=20)["layer 2"] == "Custom: 20 B per packet (user-entered)"
    assert _conventions(l2="none")["layer 2"] == "No layer 2: IP level only (0 B)"


def test_no_value_opens_with_an_id():
    conv = _conventions({"codec": "g729", "srtp": "sha1-32", "security_mode": "encrypted"}, l2="mlppp")
    for key in ("codec", "media security", "ipsec", "layer 2"):
        assert not any(ident in conv[key] for ident in ("g729", "sha1-32", "sha1-96", "aes-cbc", "mlppp:")), key
    assert conv["layer 2"].startswith("Multilink PPP: 6 MP header")
