"""'Find the flaws': a sound small design with a few mistakes put in (SRTP keys in clear signalling, GET VPN over
the Internet, legacy ciphers, an overloaded link, a branch without SRST …). The answer is every error and warning
finding `advisor.analysis.analyse` reports, as `advisor check` reports them."""

from __future__ import annotations

import random
from collections.abc import Callable

from advisor.exercises import designs
from advisor.exercises.exercise import Exercise, Steps
from advisor.explain import Context, explain_finding
from advisor.findings import CATALOGUE
from advisor.numbers import counted

Mutation = Callable[[dict, random.Random], None]


def _srtp_without_tls(d: dict, rng: random.Random) -> None:
    d["voice"] |= {"srtp": "sha1-80", "security_mode": "authenticated"}


def _getvpn_internet(d: dict, rng: random.Random) -> None:
    d["clouds"][0] |= {"kind": "internet", "name": "Internet"}


def _legacy_crypto(d: dict, rng: random.Random) -> None:
    d["vpn"] |= {"cipher": rng.choice(("3des", "des")), "integrity": rng.choice(("md5-96", "sha1-96"))}


def _crtp_ethernet(d: dict, rng: random.Random) -> None:
    d["voice"]["crtp"] = 2


def _no_srst(d: dict, rng: random.Random) -> None:
    d["sites"][1] |= {"survivability": "none", "srst_platform": None}


def _srst_small(d: dict, rng: random.Random) -> None:
    d["sites"][-1] |= {"users": 40, "srst_platform": "2801"}


def _overload(d: dict, rng: random.Random) -> None:
    d["links"][-1]["capacity_kbps"] = float(rng.choice((256, 384, 512)))


def _no_routing_auth(d: dict, rng: random.Random) -> None:
    for ln in d["links"]:
        ln["routing_auth"] = False


def _no_firewall(d: dict, rng: random.Random) -> None:
    d["sites"][0]["security"] |= {"firewall": False, "application_inspection": False}


def _no_pstn(d: dict, rng: random.Random) -> None:
    d["sites"][1]["pstn_gateway"] = False


def _lan_controls(d: dict, rng: random.Random) -> None:
    d["sites"][-1]["security"] |= {"dhcp_snooping": False, "dynamic_arp_inspection": False}


def _single_key_server(d: dict, rng: random.Random) -> None:
    d["vpn"]["getvpn_key_servers"] = 1


def _cluster_size(d: dict, rng: random.Random) -> None:
    d["sites"][0]["cucm_subscribers"] = 9


def _isolation_only(d: dict, rng: random.Random) -> None:
    d["vpn"]["technology"] = "mpls-isolation"


def _lobby_pc_port(d: dict, rng: random.Random) -> None:
    d["sites"][0]["public_area_phones"] = 4
    d["sites"][0]["security"]["pc_port_disabled"] = False


# name -> (mutation, the finding it is meant to cause, flaws it cannot be combined with)
FLAWS: dict[str, tuple[Mutation, str, tuple[str, ...]]] = {
    "srtp_without_tls": (_srtp_without_tls, "SEC-SRTP-WITHOUT-TLS", ()),
    "getvpn_internet": (_getvpn_internet, "VPN-GETVPN-PUBLIC", ("isolation_only",)),
    "legacy_crypto": (_legacy_crypto, "VPN-LEGACY-CRYPTO", ("isolation_only",)),
    "crtp_ethernet": (_crtp_ethernet, "BW-CRTP-INVALID", ()),
    "no_srst": (_no_srst, "DEP-SRST-MISSING", ("no_pstn",)),
    "srst_small": (_srst_small, "DEP-SRST-CAPACITY", ()),
    "overload": (_overload, "BW-LINK-OVERLOAD", ()),
    "no_routing_auth": (_no_routing_auth, "SEC-ROUTING-AUTH", ()),
    "no_firewall": (_no_firewall, "SEC-FIREWALL", ("lobby_pc_port", "cluster_size")),
    "no_pstn": (_no_pstn, "DEP-PSTN-FALLBACK", ("no_srst",)),
    "lan_controls": (_lan_controls, "SEC-LAN-L2", ()),
    "single_key_server": (_single_key_server, "VPN-KEY-SERVER", ("isolation_only",)),
    "cluster_size": (_cluster_size, "DEP-CLUSTER-SIZE", ("no_firewall", "lobby_pc_port")),
    "isolation_only": (_isolation_only, "VPN-ISOLATION-ONLY", ("getvpn_internet", "legacy_crypto",
                                                               "single_key_server")),
    "lobby_pc_port": (_lobby_pc_port, "SEC-ENDPOINT", ("no_firewall", "cluster_size")),
}
_DISTRACTORS = 4
_PER_CODE = 2  # findings of one code explained in the key; the others are named


def _base(rng: random.Random) -> dict:
    sites, ids = designs.star(rng, rng.randint(2, 3), hq_users=(100, 300), branch_users=(10, 30))
    links = [designs.link(f"l-{sid}", sid, "mpls", 20_000.0 if sid == "hq" else 8192.0, rtt_ms=20.0)
             for sid in ids]
    return {"sites": sites, "clouds": [{"id": "mpls", "name": "MPLS", "kind": "mpls"}], "links": links,
            "voice": {"codec": "g729", "signalling": "sccp", "security_mode": "non-secure"},
            "vpn": {"technology": "getvpn", "cipher": "aes-gcm", "getvpn_key_servers": 2},
            "traffic": designs.random_traffic(rng, gos=0.01)}


def pick_flaws(rng: random.Random) -> list[str]:
    chosen: list[str] = []
    wanted = rng.randint(2, 4)
    for name in rng.sample(sorted(FLAWS), len(FLAWS)):
        if len(chosen) == wanted:
            break
        if any(name in FLAWS[c][2] or c in FLAWS[name][2] for c in chosen):
            continue
        chosen.append(name)
    return chosen


def make_design(rng: random.Random, flaws: list[str]):
    d = _base(rng)
    for name in flaws:
        FLAWS[name][0](d, rng)
    return designs.build("Find the flaws", d["sites"], d["clouds"], d["links"], voice=d["voice"], vpn=d["vpn"],
                         traffic=d["traffic"])


def make(rng: random.Random, ex_id: str) -> Exercise:
    flaws = pick_flaws(rng)
    design = make_design(rng, flaws)
    ctx = Context.of(design)
    found = [f for f in ctx.results.findings if f.severity in ("error", "warning")]
    codes = sorted({f.code for f in found})
    others = [FLAWS[n][1] for n in sorted(FLAWS) if FLAWS[n][1] not in codes]
    shown = set(codes) | set(rng.sample(others, min(_DISTRACTORS, len(others))))
    choices = tuple(f"{code}: {CATALOGUE[code][1]}" for code in CATALOGUE if code in shown)
    question = ("Review this design as the advisor would. Which of the problems listed below does it have (every "
                "error and warning)? For each, say where it is, why it matters and what to change.")
    steps = Steps()
    for code in codes:
        of_code = [f for f in found if f.code == code]
        for f in of_code[:_PER_CODE]:
            e = explain_finding(ctx, f)
            steps.step(f"{code} ({f.severity})", [*e.lines, *e.quotes], e.sources)
        if len(of_code) > _PER_CODE:
            steps.lines.append(f"  (and {counted(len(of_code) - _PER_CODE, f'more {code} finding')} of the same kind)")
    answer = {"findings": codes}
    return Exercise(id=ex_id, topic="flaws", question=question, facts=designs.describe(design), choices=choices,
                    given={"design": design.model_dump(mode="json")}, answer=answer,
                    answer_text=", ".join(codes) if codes else "no error or warning", solution=tuple(steps.lines),
                    sources=tuple(steps.sources), space_lines=8)
