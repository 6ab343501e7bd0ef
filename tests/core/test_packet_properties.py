"""Properties of the packet engine over random valid calls (hypothesis): nothing shrinks, padding stays in range."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.codecs import all_codecs
from advisor.packet import L2_CONVENTIONS, CallSpec, compute

SERIAL = ["ppp", "mlppp", "frf12", "frame-relay", "custom"]  # where cRTP is counted
FIXED_CODECS = [c for c in all_codecs() if not c.variable_rate]


@st.composite
def call_specs(draw) -> CallSpec:
    codec = draw(st.sampled_from(all_codecs()))
    frames = draw(st.integers(1, int((codec.max_ptime_ms or 200) // codec.frame_ms)))
    vpn = draw(st.sampled_from(["none", "gre", "ipsec", "gre-ipsec", "dmvpn", "getvpn"]))
    l2 = draw(st.sampled_from(list(L2_CONVENTIONS)))
    crtp = draw(st.sampled_from([0, 2, 4])) if vpn == "none" and l2 in SERIAL else 0
    return CallSpec(
        codec=codec.id, ptime_ms=frames * codec.frame_ms,
        bitrate_kbps=draw(st.none() | st.floats(6, 510)) if codec.variable_rate else None,
        l2=l2, l2_bytes=draw(st.integers(0, 200)) if l2 == "custom" else None, crtp=crtp,
        srtp=draw(st.sampled_from(["none", "sha1-80", "sha1-32", "gcm"])),
        vpn=vpn,
        ipsec_mode=draw(st.sampled_from(["default", "tunnel"] if vpn == "getvpn" else
                                        ["default", "tunnel", "transport"])),
        cipher=draw(st.sampled_from(["aes-cbc", "aes-gcm", "3des", "des"])),
        integrity=draw(st.sampled_from(["sha1-96", "md5-96", "sha256-128", "sha384", "sha512", "none"])),
        gre_key=draw(st.none() | st.booleans()),
        nat_t=draw(st.booleans()) if vpn in ("ipsec", "gre-ipsec", "dmvpn") else False,
        ipv6=draw(st.booleans()),
        getvpn_metadata_bytes=draw(st.integers(0, 64)),
        mpls_labels=draw(st.integers(0, 3)),
        calls=draw(st.integers(0, 10_000)),
    )


@settings(max_examples=400, deadline=None)
@given(call_specs())
def test_no_encapsulation_shrinks_a_packet(spec):
    r = compute(spec)
    assert r.ip_packet_bytes >= r.clear_ip_bytes >= r.payload_bytes
    assert r.frame_bytes >= r.ip_packet_bytes
    assert r.overhead_bytes == r.ip_packet_bytes - r.clear_ip_bytes >= 0
    assert sum(layer.bytes for layer in r.layers) == r.frame_bytes


@settings(max_examples=400, deadline=None)
@given(call_specs())
def test_esp_padding_in_range_and_protected_length_a_multiple_of_the_block(spec):
    r = compute(spec)
    if r.esp_block_bytes is None:
        assert spec.vpn in ("none", "gre") and r.esp_padding_bytes == 0
        assert r.max_overhead_bytes == r.overhead_bytes
        return
    block = r.esp_block_bytes
    assert 0 <= r.esp_padding_bytes <= block - 1
    assert (r.esp_protected_bytes + r.esp_padding_bytes + 2) % block == 0


@settings(max_examples=400, deadline=None)
@given(call_specs())
def test_overhead_never_exceeds_the_worst_case(spec):
    r = compute(spec)
    assert r.overhead_bytes <= r.max_overhead_bytes
    if r.esp_block_bytes is not None:
        assert r.max_overhead_bytes - r.overhead_bytes == r.esp_block_bytes - 1 - r.esp_padding_bytes


@settings(max_examples=200, deadline=None)
@given(call_specs(), st.integers(0, 100_000))
def test_kbps_linear_in_calls(spec, calls):
    one = compute(CallSpec(**{**spec.__dict__, "calls": 1}))
    many = compute(CallSpec(**{**spec.__dict__, "calls": calls}))
    assert math.isclose(many.total_kbps, calls * one.kbps, rel_tol=1e-12, abs_tol=1e-9)
    assert many.kbps == one.kbps


@settings(max_examples=200, deadline=None)
@given(call_specs())
def test_kbps_is_frame_bytes_times_8_times_pps(spec):
    r = compute(spec)
    assert math.isclose(r.kbps, r.frame_bytes * 8 * (1000 / r.ptime_ms) / 1000, rel_tol=1e-12)
    assert math.isclose(r.kbps_ip, r.ip_packet_bytes * 8 * r.packets_per_second / 1000, rel_tol=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(FIXED_CODECS), st.integers(1, 6),
       st.sampled_from(["ipsec", "gre-ipsec", "dmvpn", "getvpn"]), st.sampled_from(["aes-cbc", "3des", "aes-gcm"]))
def test_more_voice_per_packet_never_means_a_smaller_packet(codec, frames, vpn, cipher):
    base = CallSpec(codec=codec.id, ptime_ms=frames * codec.frame_ms, vpn=vpn, cipher=cipher)
    longer = CallSpec(codec=codec.id, ptime_ms=(frames + 1) * codec.frame_ms, vpn=vpn, cipher=cipher)
    if longer.ptime_ms > 200:
        return
    assert compute(longer).ip_packet_bytes >= compute(base).ip_packet_bytes
