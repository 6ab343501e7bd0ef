"""Codec catalogue (SPEC 3.1): aliases, payload per packet, refused packetization times and bit rates."""

import math

import pytest

from advisor.codecs import CodecError, all_codecs, codec_ids, payload_bytes, resolve
from advisor.model import VoicePolicy

# SPEC 3.1 catalogue table: id -> (rate kbps, frame ms, frame bytes, default ptime ms, payload at default ptime).
SPEC_TABLE = {
    "g711": (64, 10, 80, 20, 160),
    "g722": (64, 10, 80, 20, 160),
    "g729": (8, 10, 10, 20, 20),
    "g726-32": (32, 5, 20, 20, 80),
    "g726-24": (24, 5, 15, 20, 60),
    "g726-16": (16, 5, 10, 20, 40),
    "g728": (16, 2.5, 5, 30, 60),
    "g723.1-6.3": (6.3, 30, 24, 30, 24),
    "g723.1-5.3": (5.3, 30, 20, 30, 20),
    "ilbc-20": (15.2, 20, 38, 20, 38),
    "ilbc-30": (13.33, 30, 50, 30, 50),
    "opus": (32, 20, 80, 20, 80),
}


def test_catalogue_matches_the_spec_table():
    assert codec_ids() == list(SPEC_TABLE)
    for codec in all_codecs():
        rate, frame_ms, frame_bytes, ptime, payload = SPEC_TABLE[codec.id]
        assert round(codec.rate_kbps, 2) == rate, codec.id
        assert (codec.frame_ms, codec.frame_bytes, codec.default_ptime_ms) == (frame_ms, frame_bytes, ptime)
        assert payload_bytes(codec) == payload, codec.id
        assert codec.source.strip(), f"{codec.id} has no source"


@pytest.mark.parametrize("alias, expected", [
    ("G.711", "g711"), ("G711", "g711"), ("g711ulaw", "g711"), ("PCMU", "g711"), ("pcma", "g711"),
    ("G.711 µ-law", "g711"), ("G.729a", "g729"), ("g729ab", "g729"), ("G729", "g729"), ("G.729AB", "g729"),
    ("G.722", "g722"), ("G.726-32", "g726-32"), ("g726r24", "g726-24"), ("G.726 r16", "g726-16"),
    ("G.723.1", "g723.1-6.3"), ("G.723.1 5.3", "g723.1-5.3"), ("ilbc_mode_30", "ilbc-30"), ("iLBC20", "ilbc-20"),
    ("LD-CELP", "g728"), ("  OPUS ", "opus"), ("g723.1-6.3", "g723.1-6.3"),
])
def test_aliases_resolve_case_insensitively(alias, expected):
    assert resolve(alias).id == expected


@pytest.mark.parametrize("bad", ["g999", "", "   ", None, 711])
def test_unknown_codec_names_the_value_and_lists_ids(bad):
    with pytest.raises(CodecError) as info:
        resolve(bad)
    assert isinstance(info.value, ValueError)
    assert "g711" in str(info.value) and "ilbc-30" in str(info.value)
    if isinstance(bad, str) and bad.strip():
        assert repr(bad)[1:-1] in str(info.value)


def test_payload_is_whole_frames_not_rate_times_time_for_g723():
    # SPEC 3.1: G.723.1 6.3 kbps carries 24 B per 30 ms, where 6300 × 30 / 8000 = 23.6 B.
    g723 = resolve("g723.1-6.3")
    assert payload_bytes(g723, 30) == 24
    assert g723.rate_bps * 30 / 8000 != 24
    assert payload_bytes(g723, 60) == 48
    # For the others the two agree.
    for cid in ("g711", "g729", "g726-32", "g728", "ilbc-20"):
        codec = resolve(cid)
        assert payload_bytes(codec, 30 if cid == "g728" else 20) == codec.rate_bps * (
            30 if cid == "g728" else 20) / 8000


@pytest.mark.parametrize("codec, ptime", [("g711", 15), ("g711", 25), ("g723.1-6.3", 20), ("ilbc-30", 20),
                                          ("ilbc-20", 30), ("g728", 1), ("g729", 5)])
def test_ptime_not_a_whole_number_of_frames_is_refused(codec, ptime):
    with pytest.raises(CodecError, match="whole number of .* frames") as info:
        payload_bytes(codec, ptime)
    assert f"{ptime:g} ms" in str(info.value)


@pytest.mark.parametrize("ptime", [0, -20, 250, math.nan, math.inf, "20", True])
def test_ptime_out_of_range_or_not_a_number_is_refused(ptime):
    with pytest.raises(CodecError, match="packetization time"):
        payload_bytes("g711", ptime)


def test_fractional_frames_that_are_whole_are_accepted():
    assert payload_bytes("g728", 2.5) == 5
    assert payload_bytes("g728", 7.5) == 15
    assert payload_bytes("g726-32", 15) == 60


def test_opus_bitrate_rounds_up_to_whole_bytes():
    assert payload_bytes("opus", 20, 32) == 80
    assert payload_bytes("opus", 20, 12) == 30
    assert payload_bytes("opus", 20, 6.1) == 16  # 15.25 B cannot be sent: 16
    assert payload_bytes("opus", 40, 24) == 120


def test_bitrate_refused_for_fixed_rate_codecs_and_out_of_range():
    with pytest.raises(CodecError, match="only to variable-rate"):
        payload_bytes("g711", 20, 64)
    with pytest.raises(CodecError, match="out of range"):
        payload_bytes("opus", 20, 600)
    with pytest.raises(CodecError, match="out of range"):
        payload_bytes("opus", 20, 2)


def test_design_model_normalises_codec_aliases():
    assert VoicePolicy(codec="G.729a").codec == "g729"
    with pytest.raises(ValueError, match="unknown codec 'speex'"):
        VoicePolicy(codec="speex")


def test_opus_packets_stop_at_120_ms():
    # RFC 6716, 3.2.5: the audio in one Opus packet must not exceed 120 ms; 120 ms at 32 kbps = 480 bytes
    assert payload_bytes("opus", 120, 32) == 480
    with pytest.raises(CodecError, match=r"140 ms is longer than one Opus packet can hold \(120 ms at most, per RFC 6716\)"):
        payload_bytes("opus", 140, 32)
    assert payload_bytes("g711", 140) == 1120  # fixed-rate codecs keep the general 200 ms bound: 140 × 8 bytes


def test_a_refused_value_is_shown_with_the_digits_that_tell_it_from_the_limit():
    # ':g' printed 5.999999999999999 as 6 beside "(6-510 kbps)", and 200.00000001 ms as 200 beside "<= 200 ms"
    from advisor.codecs import check_bitrate, frames_per_packet

    with pytest.raises(CodecError, match=r"bit rate 5\.999999999999999 kbps is out of range for Opus \(6-510 kbps\)"):
        check_bitrate(resolve("opus"), 5.999999999999999)
    with pytest.raises(CodecError, match=r"packetization time 200\.00000001 ms is out of range"):
        frames_per_packet(resolve("g711"), 200.00000001)
