"""Per-call packet and bandwidth exercises: a codec, packetization, layer 2, cRTP, SRTP, a VPN family and mode, a
cipher and NAT-T, answered by the packet engine (`advisor.packet.compute`), exactly as `advisor calc` answers."""

from __future__ import annotations

import random

from advisor import codecs, numbers, packet
from advisor.exercises.designs import esp_words
from advisor.exercises.exercise import Exercise, Steps
from advisor.explain import explain_packet
from advisor.layer2 import L2_CONVENTIONS
from advisor.packet_spec import ESP_VPNS, NAT_T_VPNS, SRTP_SUITES, SRTP_TAG_BYTES, TUNNEL_ONLY_VPNS, CallSpec

# Packetization times offered per codec: whole milliseconds that are whole numbers of frames.
PTIMES = {"g711": (10, 20, 30, 40), "g722": (20, 30), "g729": (10, 20, 30, 40, 60), "g726-32": (10, 20, 30),
          "g726-24": (20, 30), "g726-16": (20, 30), "g728": (10, 20, 30), "g723.1-6.3": (30, 60),
          "g723.1-5.3": (30, 60), "ilbc-20": (20, 40), "ilbc-30": (30, 60)}
COMMON_CODECS = ("g711", "g729", "g711", "g729", "g722")  # the ones met most, drawn more often
LAYER2 = ("ethernet", "ethernet", "dot1q", "ethernet-wire", "ppp", "mlppp", "frf12", "frame-relay", "atm",
          "atm-vcmux")
VPNS = ("none", "none", "gre", "ipsec", "vti", "flexvpn", "gre-ipsec", "gre-ipsec", "dmvpn", "dmvpn", "getvpn",
        "getvpn")
CIPHERS = ("aes-cbc", "aes-cbc", "aes-gcm", "3des")  # the `advisor calc` choices the SPEC names
INTEGRITIES = ("sha1-96", "sha1-96", "sha256-128", "none")
SRTP = ("none", "none", "none", "sha1-80", "sha1-32", "gcm")


def _vpn_words(spec: CallSpec) -> str:
    mode = f"{spec.ipsec_mode} mode"
    return {"none": "no tunnel and no IPsec",
            "gre": "a plain GRE tunnel (no tunnel key, no encryption)",
            "ipsec": f"IPsec ESP with a crypto map, {mode}",
            "vti": "a static VTI (IPsec tunnel mode on a tunnel interface)",
            "flexvpn": "FlexVPN (IKEv2; IPsec tunnel mode on a tunnel interface)",
            "gre-ipsec": f"GRE over IPsec, {mode}, no GRE tunnel key",
            "dmvpn": f"DMVPN: mGRE with a 4-byte tunnel key, over IPsec in {mode}",
            "getvpn": "GET VPN (ESP tunnel mode with tunnel header preservation, no metadata bytes)"}[spec.vpn]


def _cipher_words(spec: CallSpec) -> str:
    return esp_words(spec.cipher, spec.integrity)


def _spec(rng: random.Random) -> CallSpec:
    codec = rng.choice(COMMON_CODECS) if rng.random() < 0.6 else rng.choice(sorted(PTIMES))
    ptime = rng.choice(PTIMES[codec])
    vpn = rng.choice(VPNS)
    l2 = rng.choice(LAYER2)
    crtp = rng.choice((2, 4)) if vpn == "none" and L2_CONVENTIONS[l2].crtp_allowed and rng.random() < 0.5 else 0
    mode = "tunnel"
    if vpn in ESP_VPNS and vpn not in TUNNEL_ONLY_VPNS:
        mode = rng.choice(("tunnel", "transport"))
    cipher = rng.choice(CIPHERS) if vpn in ESP_VPNS else "aes-cbc"
    integrity = rng.choice(INTEGRITIES) if vpn in ESP_VPNS and cipher != "aes-gcm" else "sha1-96"
    if vpn in ESP_VPNS and cipher != "aes-gcm" and integrity == "none" and rng.random() < 0.7:
        integrity = "sha1-96"  # ESP without integrity is rare in practice: keep it rare here too
    nat_t = vpn in NAT_T_VPNS and rng.random() < 0.3
    srtp = rng.choice(SRTP) if not crtp else "none"
    return CallSpec(codec=codec, ptime_ms=float(ptime), l2=l2, crtp=crtp, srtp=srtp, vpn=vpn, ipsec_mode=mode,
                    cipher=cipher, integrity=integrity, nat_t=nat_t, calls=rng.randint(1, 30))


def given_of(spec: CallSpec) -> dict:
    """The spec under `advisor calc`'s option names (--codec … --calls), only the options that apply to it."""
    ptime = spec.ptime_ms
    out: dict = {"codec": spec.codec, "ptime": int(ptime) if ptime is not None and ptime.is_integer() else ptime,
                 "l2": spec.l2, "crtp": spec.crtp, "srtp": spec.srtp, "vpn": spec.vpn}
    if spec.vpn in ESP_VPNS:
        out["ipsec_mode"] = spec.ipsec_mode
        out["cipher"] = spec.cipher
        if spec.cipher != "aes-gcm":
            out["integrity"] = spec.integrity
        out["nat_t"] = spec.nat_t
    out["calls"] = spec.calls
    return out


def question_of(spec: CallSpec) -> tuple[str, tuple[str, ...]]:
    codec = codecs.resolve(spec.codec)
    facts = [f"codec {codec.name} ({codec.rate_kbps:g} kbps, {codec.frame_bytes} B per {codec.frame_ms:g} ms "
             f"frame), packetization {spec.ptime_ms:g} ms",
             f"layer 2: {L2_CONVENTIONS[spec.l2].description}"]
    if spec.crtp:
        facts.append(f"cRTP compresses the IP/UDP/RTP headers to {spec.crtp} B")
    facts.append(f"SRTP: {SRTP_SUITES[spec.srtp]} ({SRTP_TAG_BYTES[spec.srtp]} B tag)" if spec.srtp != "none"
                 else "no SRTP")
    facts.append(f"between the sites: {_vpn_words(spec)}")
    if spec.vpn in ESP_VPNS:
        facts.append(f"ESP cipher: {_cipher_words(spec)}")
        facts.append("a NAT sits on the path (NAT traversal, UDP 4500)" if spec.nat_t else "no NAT on the path")
    calls = f"{spec.calls} concurrent call{'' if spec.calls == 1 else 's'}"
    question = ("One voice call, IPv4. Work out the IP packet (layer 3, every tunnel header included), the frame "
                f"with layer 2, the bandwidth per call per direction with layer 2, and the total for {calls}.")
    return question, tuple(facts)


# The packet engine's formula lines (advisor.packet_explain), grouped into the steps a student takes.
_STEPS = (("payload", "voice payload and packet rate"), ("packets per second", None),
          ("clear packet", "the call's own packet P (voice, RTP, UDP, IP headers, SRTP tag)"),
          ("x = ", "what IPsec protects, and its padding"), ("pad(x)", None), ("IP packet", "the IP packet on the wire"),
          ("frame", "layer 2"), ("kbps at layer 3", "bandwidth per call, per direction"), ("kbps with layer 2", None),
          ("overhead", "overhead added to the clear packet P"), ("worst-case", None), ("total", "all the calls"),
          ("MPLS core", None))


def _grouped(lines, spec: CallSpec) -> list[tuple[str, list[str]]]:
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        heading = next((h for prefix, h in _STEPS if line.startswith(prefix)), None)
        if heading is not None or not out:
            if heading == "all the calls":
                heading = f"{spec.calls} concurrent call{'' if spec.calls == 1 else 's'}"
            out.append((heading or "", [line]))
        else:
            out[-1][1].append(line)
    return out


def make(rng: random.Random, ex_id: str) -> Exercise:
    while True:
        spec = _spec(rng)
        try:
            return exercise(spec, ex_id)
        except packet.PacketError:  # a combination the engine refuses (as `advisor calc` would): draw again
            continue


def exercise(spec: CallSpec, ex_id: str) -> Exercise:
    """The exercise for one call's settings; PacketError when the engine refuses them."""
    result = packet.compute(spec)
    question, facts = question_of(spec)
    explanation = explain_packet(result)
    steps = Steps()
    for heading, lines in _grouped(explanation.lines, spec):
        steps.step(heading, lines)
    steps.sources += list(explanation.sources)
    answer = {"ip_packet_bytes": result.ip_packet_bytes, "frame_bytes": result.frame_bytes, "kbps": result.kbps,
              "total_kbps": result.total_kbps}
    text = (f"IP packet {result.ip_packet_bytes} B; frame {result.frame_bytes} B; {numbers.kbps(result.kbps)} per "
            f"call per direction; {numbers.kbps(result.total_kbps)} for {numbers.count(spec.calls)} "
            f"call{'' if spec.calls == 1 else 's'}")
    return Exercise(id=ex_id, topic="packet", question=question, facts=facts, given=given_of(spec), answer=answer,
                    answer_text=text, solution=tuple(steps.lines), sources=tuple(steps.sources))
