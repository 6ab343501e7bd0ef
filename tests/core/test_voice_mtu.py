"""A voice packet larger than the path MTU is said: it is fragmented on the way, and the sizing prices it as one
packet. Sizes by hand (RFC 3550 RTP 12 B, RFC 768 UDP 8 B, IPv4 20 B; RFC 2784 GRE 4 B; RFC 4303 ESP: 8 B header,
16 B AES-CBC IV, 2 B trailer, padding to a multiple of 16, 12 B HMAC-SHA1-96)."""

from __future__ import annotations

from advisor.analysis import analyse
from advisor.model import Design


def _design(codec: str, ptime: float, technology: str) -> Design:
    sites = [{"id": "hq", "kind": "hq", "users": 50, "cucm_publisher": True}, {"id": "br", "users": 20}]
    return Design.model_validate({
        "name": "ptime", "sites": sites, "links": [{"id": "l1", "a": "hq", "b": "br", "capacity_kbps": 100_000}],
        "voice": {"codec": codec, "ptime_ms": ptime},
        "vpn": {"technology": technology, "cipher": "aes-cbc", "integrity": "sha1-96"}})


def _voice(results):
    return [f for f in results.findings if f.code == "BW-MTU" and f.message.startswith("voice packets")]


def test_g711_at_200_ms_in_gre_over_ipsec_is_1704_bytes_and_fragments():
    # G.711 at 200 ms: 64,000 bit/s × 0.2 s / 8 = 1,600 B of voice; + RTP, UDP, IP = 1,640 B. GRE adds 4 + 20 = 24 B:
    # 1,664 B. ESP transport mode keeps the outer 20-byte IP header and protects the 1,644 B after it: 1,644 + 2 =
    # 1,646, padded to 1,648 (2 B); 20 + 8 + 16 + 1,648 + 12 = 1,704 B, above 1,500
    (found,) = _voice(analyse(_design("g711", 200, "gre-ipsec")))
    assert found.severity == "warning" and found.subjects == ("design",)
    assert "are 1,704 B (1,640 B before GRE over IPsec adds 64 B), more than the 1,500-byte path MTU" in found.message
    assert "fragmented in two" in found.message and "20 or 30 ms" in found.remedy


def test_without_a_tunnel_g711_at_200_ms_is_1640_bytes_and_fragments_too():
    (found,) = _voice(analyse(_design("g711", 200, "none")))
    assert "are 1,640 B, more than the 1,500-byte path MTU" in found.message


def test_the_usual_packetization_fits_and_says_nothing():
    # G.711 at 20 ms: 160 + 40 = 200 B; in GRE over IPsec 264 B (well within 1,500)
    assert _voice(analyse(_design("g711", 20, "gre-ipsec"))) == []
    # G.711 at 180 ms: 1,440 + 40 = 1,480 B without a tunnel: fits
    assert _voice(analyse(_design("g711", 180, "none"))) == []
