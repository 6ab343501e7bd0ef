"""Exercise sheets: deterministic for a seed, topics taken in turn, hand-checked examples, and the key (PDF) holds
every answer and its worked solution while the sheet holds none of them."""

from __future__ import annotations

import io
import json
import re

import pytest

from advisor.exercises import MAX_COUNT, TOPICS, erlang_topic, generate, packet_topic, parse_topics, to_json
from advisor.packet import CallSpec


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_same_seed_same_exercises_other_seed_others():
    a, b, c = (json.dumps(to_json(generate(12, s))) for s in (5, 5, 6))
    assert a == b and a != c


def test_topics_taken_in_turn_and_ids_unique():
    got = generate(8, 3, ("erlang", "packet"))
    assert [e.topic for e in got] == ["erlang", "packet"] * 4
    assert len({e.id for e in got}) == 8
    assert [e.topic for e in generate(6, 3)] == list(TOPICS)


def test_parse_topics():
    assert parse_topics(None) == TOPICS
    assert parse_topics(" Packet, erlang,packet ") == ("packet", "erlang")
    with pytest.raises(ValueError, match="unknown topic 'vlan'.*packet, erlang"):
        parse_topics("packet,vlan")
    with pytest.raises(ValueError, match="count must be from 1"):
        generate(MAX_COUNT + 1, 1)


def test_hand_packet_g729_ethernet():
    # G.729, 20 ms, Ethernet: 20 B payload + 40 B IP/UDP/RTP = 60 B IP packet; + 18 B Ethernet = 78 B;
    # 78 × 8 × 50 / 1000 = 31.2 kbps per call; × 4 calls = 124.8 kbps.
    ex = packet_topic.exercise(CallSpec(codec="g729", ptime_ms=20.0, l2="ethernet", calls=4), "h1")
    assert ex.given == {"codec": "g729", "ptime": 20, "l2": "ethernet", "crtp": 0, "srtp": "none", "vpn": "none",
                        "calls": 4}
    assert ex.answer["ip_packet_bytes"] == 60 and ex.answer["frame_bytes"] == 78
    assert ex.answer["kbps"] == pytest.approx(31.2) and ex.answer["total_kbps"] == pytest.approx(124.8)
    work = "\n".join(ex.solution)
    assert "clear packet P = 20 IPv4 + 8 UDP + 12 RTP + 20 Voice payload = 60 B" in work
    assert "kbps with layer 2 = 78 B × 8 × 50 pps / 1,000 = 31.20 kbps" in work
    assert ex.answer_text == "IP packet 60 B; frame 78 B; 31.20 kbps per call per direction; 124.80 kbps for 4 calls"


def test_hand_packet_dmvpn_nat_t():
    # G.711 20 ms: P = 160 + 40 = 200 B. DMVPN transport mode, AES-CBC + SHA1-96, NAT-T: x = 8 (GRE + key) + 200 =
    # 208; pad = ceil(210 / 16) × 16 = 224; IP = 20 + 8 NAT-T + 8 ESP + 16 IV + 224 + 12 ICV = 288 B; PPP 7 B:
    # 295 B × 8 × 50 / 1000 = 118 kbps.
    ex = packet_topic.exercise(CallSpec(codec="g711", ptime_ms=20.0, l2="ppp", vpn="dmvpn", ipsec_mode="transport",
                                        nat_t=True), "h2")
    assert ex.given["nat_t"] is True and ex.given["ipsec_mode"] == "transport"
    assert ex.answer["ip_packet_bytes"] == 288 and ex.answer["frame_bytes"] == 295
    assert ex.answer["kbps"] == pytest.approx(118.0)


def test_hand_erlang_three_ways():
    # SPEC examples: 10 E at 1 % needs 18 trunks; 15 trunks at 1 % carry 8.108 E.
    assert erlang_topic.exercise("e1", traffic_e=10.0, gos=0.01).answer == {"trunks": 18}
    assert erlang_topic.exercise("e2", trunks_n=15, gos=0.01).answer["traffic"] == pytest.approx(8.108, abs=5e-4)
    # B(2 E, 3) = (8/6) / (1 + 2 + 2 + 8/6) = 4/19.
    assert erlang_topic.exercise("e3", traffic_e=2.0, trunks_n=3).answer["blocking"] == pytest.approx(4 / 19)


def test_every_topic_has_a_stepwise_solution_and_plain_words():
    for ex in generate(12, 11):
        assert ex.solution[0].startswith("Step 1: ")
        text = ex.full_question + "\n".join(ex.solution) + ex.answer_text
        assert not re.search(r"SPEC|§|\b[Ss]eed\b|\b[A-Z]{2,4}-[RC]\d*\b", text), ex.id
        assert set(ex.to_json()) == {"id", "topic", "question", "given", "answer", "solution"}


@pytest.fixture(scope="module")
def pdfs():
    from advisor.exercises.pdf import key_pdf, sheet_pdf

    exercises = generate(12, 21)
    return exercises, sheet_pdf(exercises, 21), key_pdf(exercises, 21)


def test_pdfs_are_byte_identical_for_a_seed(pdfs):
    from advisor.exercises.pdf import key_pdf, sheet_pdf

    exercises, sheet, key = pdfs
    again = generate(12, 21)
    assert sheet_pdf(again, 21) == sheet and key_pdf(again, 21) == key
    assert sheet_pdf(generate(12, 22), 22) != sheet
    assert b"D:20000101000000" in sheet  # a fixed creation date, not the clock's


def test_key_has_every_answer_and_solution(pdfs):
    exercises, sheet, key = pdfs
    text, sheet_text = flat(pdf_text(key)), flat(pdf_text(sheet))
    for number, ex in enumerate(exercises, start=1):
        assert f"Exercise {number}" in text and f"Exercise {number}" in sheet_text
        assert flat(f"Answer: {ex.answer_text}") in text, ex.answer_text
        first_step = ex.solution[1].strip()
        assert flat(first_step)[:60] in text
        if ex.topic in ("packet", "erlang", "link"):
            assert flat(ex.answer_text) not in sheet_text  # the sheet gives nothing away
    assert "Reference" in sheet_text and "pad(x) = ceil((x + 2) / B) × B" in sheet_text


def test_vpn_exercises_on_the_internet_answer_both_dmvpn_and_flexvpn():
    """Instructors get both Internet answers: large hub-and-spoke networks with G.711 rank DMVPN first (its
    per-spoke configuration advantage outweighs FlexVPN's smaller per-packet overhead), the others FlexVPN."""
    import random

    from advisor.analysis import analyse
    from advisor.exercises import vpn_topic

    answers = set()
    for seed in range(120):
        design = vpn_topic.make_design(random.Random(seed))
        if design.clouds[0].kind == "internet":
            answers.add(analyse(design).recommendation.technology)
    assert {"dmvpn", "flexvpn"} <= answers


def test_many_alike_branches_are_named_first_three_to_last():
    from advisor.exercises.designs import _some

    names = [f"'Branch {i:02d}'" for i in range(1, 60)]
    assert _some(names) == "'Branch 01', 'Branch 02', 'Branch 03' … 'Branch 59'"
    assert _some(names[:8]) == ", ".join(names[:8])
