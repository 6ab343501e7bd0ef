"""Small designs for exercises, and the design in words: every fact a student needs is read back from the `Design`
itself, so the question can never describe a design other than the one the answer was computed for."""

from __future__ import annotations

import random

from advisor import codecs, esp, numbers
from advisor.layer2 import L2_CONVENTIONS
from advisor.model import Design, SecurityControls
from advisor.packet_spec import SRTP_SUITES, CallSpec
from advisor.rules._names import tech_label
from advisor.rules.survivability import MODE_LABELS

HQ_NAMES = ("Ljubljana", "Vienna", "Zagreb", "Munich", "Prague", "Milan")
BRANCH_NAMES = ("Maribor", "Celje", "Koper", "Kranj", "Graz", "Linz", "Split", "Zadar", "Brno", "Gent", "Porto",
                "Lyon", "Bergen", "Turku", "Bath", "Trieste", "Pula", "Ptuj")
CONTROLS = tuple(SecurityControls.model_fields)
SHARES = ((0.5, 0.3, 0.2), (0.3, 0.5, 0.2), (0.4, 0.4, 0.2), (0.6, 0.25, 0.15), (0.5, 0.35, 0.15))
CLOUD_LABELS = {"mpls": "the provider's MPLS VPN", "internet": "the Internet", "private-wan": "a private WAN"}


def controls(off: tuple[str, ...] = ()) -> dict:
    """Every security control in place except `off`."""
    return {name: name not in off for name in CONTROLS}


def site(sid: str, name: str, users: int, *, kind: str = "branch", publisher: bool = False, subscribers: int = 0,
         cluster: str = "cluster-1", survivability: str = "none", platform: str | None = None,
         pstn_gateway: bool = True, off: tuple[str, ...] = ()) -> dict:
    return {"id": sid, "name": name, "kind": kind, "users": users, "cucm_publisher": publisher,
            "cucm_subscribers": subscribers, "cluster_id": cluster, "survivability": survivability,
            "srst_platform": platform, "pstn_gateway": pstn_gateway, "security": controls(off)}


def link(lid: str, a: str, b: str, capacity_kbps: float, *, l2: str = "ethernet", rtt_ms: float = 30.0,
         nat: bool = False, routing_auth: bool = True) -> dict:
    return {"id": lid, "a": a, "b": b, "capacity_kbps": capacity_kbps, "l2": l2, "rtt_ms": rtt_ms, "nat": nat,
            "routing_auth": routing_auth}


def star(rng: random.Random, branches: int, *, hq_users: tuple[int, int] = (80, 400),
         branch_users: tuple[int, int] = (10, 60)) -> tuple[list[dict], list[str]]:
    """An HQ with call processing and `branches` branches with SRST on a platform big enough for them."""
    hq = site("hq", rng.choice(HQ_NAMES), rng.randrange(hq_users[0], hq_users[1] + 1, 10), kind="hq",
              publisher=True, subscribers=rng.choice((1, 2)))
    names = (rng.sample(BRANCH_NAMES, branches) if branches <= len(BRANCH_NAMES)
             else [f"Branch {k:02d}" for k in range(1, branches + 1)])
    out = [hq]
    for k, name in enumerate(names, start=1):
        users = rng.randrange(branch_users[0], branch_users[1] + 1, 2)
        out.append(site(f"br{k}", name, users, survivability="srst", platform=platform_for(users)))
    return out, [s["id"] for s in out]


# Published Unified SRST capacities (the srst_platforms table): the smallest that serves a branch.
_PLATFORMS = (("2801", 24), ("2811", 36), ("2821", 48), ("2851", 96), ("3825", 336), ("3845", 720))


def platform_for(phones: int) -> str:
    return next((name for name, cap in _PLATFORMS if cap >= phones), "3845")


def build(name: str, sites: list[dict], clouds: list[dict], links: list[dict], *, voice: dict, vpn: dict,
          traffic: dict, deployment_model: str = "auto", cucm_release: str = "12.5") -> Design:
    return Design.model_validate({"name": name, "customer": "Exercise", "cucm_release": cucm_release,
                                  "deployment_model": deployment_model, "voice": voice, "vpn": vpn,
                                  "traffic": traffic, "sites": sites, "clouds": clouds, "links": links})


def random_traffic(rng: random.Random, **fixed) -> dict:
    intra, on_net, pstn = rng.choice(SHARES)
    out = {"calls_per_user": float(rng.choice((1, 2, 2, 3, 4))), "holding_time_s": float(rng.choice((120, 180, 240))),
           "intra_site_share": intra, "on_net_share": on_net, "pstn_share": pstn,
           "gos": rng.choice((0.01, 0.01, 0.02))}
    return out | fixed


def _pct(share: float) -> str:
    """A design setting as typed: 0.3 -> '30 %'."""
    return f"{share * 100:g} %"


# -- the design in words -----------------------------------------------------------------------------------------
KIND_WORDS = {"hq": "HQ", "branch": "branch", "datacenter": "data centre"}  # not the file's 'datacenter'


def _site_words(s, *, platform: bool = True) -> str:
    """What a site holds, after its name: 'call processing …; SRST …; local PSTN gateway'."""
    parts = []
    if s.cucm_publisher or s.cucm_subscribers:
        nodes = (["CUCM publisher"] if s.cucm_publisher else []) + (
            [f"{s.cucm_subscribers} call-processing subscriber{'s' if s.cucm_subscribers > 1 else ''}"]
            if s.cucm_subscribers else [])
        parts.append(" + ".join(nodes) + f" (cluster '{s.cluster_id}')")
    elif s.phone_count:
        parts.append("no call processing")
    if s.survivability != "none":  # in words: the file's ids ('srst', 'mgcp-fallback') read as code on a sheet
        mode = MODE_LABELS.get(s.survivability, s.survivability)
        parts.append(f"survivability {mode}" + (f" on a Cisco {s.srst_platform}"
                                                if s.srst_platform and platform else ""))
    elif s.phone_count and not s.call_processing_nodes:
        parts.append("no SRST")
    parts.append("local PSTN gateway" if s.pstn_gateway else "no PSTN gateway")
    if s.public_area_phones:  # the endpoint finding rests on them: "lacks PC port disabled" alone did not say so
        parts.append(f"{numbers.counted(s.public_area_phones, 'phone')} in public areas (lobbies)")
    return "; ".join(parts)


def _site_fact(s) -> str:
    kind = KIND_WORDS.get(s.kind, s.kind)
    return f"'{s.name}' ({kind}): {numbers.counted(s.users, 'user')}; {_site_words(s)}"


def _link_tail(ln) -> str:
    conv = L2_CONVENTIONS[ln.l2]
    extras = [f"RTT {ln.rtt_ms:g} ms"]
    if ln.nat:
        extras.append("behind a NAT")
    if not ln.routing_auth:
        extras.append("no routing protocol authentication")
    return f"{numbers.kbps(ln.capacity_kbps)}, layer 2 {conv.description}, " + ", ".join(extras)


def _security_words(design: Design) -> str:
    titles = {k: f.title for k, f in SecurityControls.model_fields.items()}
    gaps = []
    for s in design.sites:
        off = [titles[k] for k in CONTROLS if not getattr(s.security, k)]
        if off:
            gaps.append(f"'{s.name}' lacks {', '.join(off)}")
    return ("every site has all LAN, firewall, router-plane and phone-hardening controls in place"
            + (f", except: {'; '.join(gaps)}" if gaps else ""))


def _grouped(items: list[tuple[str, str]], one: str, many: str) -> list[str]:
    """(name, tail) facts with the same tail told once: `one` / `many` format them ({names}, {tail}, {n})."""
    groups: dict[str, list[str]] = {}
    for name, tail in items:
        groups.setdefault(tail, []).append(name)
    out = []
    for tail, names in groups.items():
        if len(names) < 3:
            out += [one.format(names=n, tail=tail, n=1) for n in names]
        else:
            out.append(many.format(names=_some(names), tail=tail, n=len(names)))
    return out


def _some(names: list[str], limit: int = 8) -> str:
    """Names listed, or, for more than `limit`, the first three … the last (the design file holds them all)."""
    return ", ".join(names) if len(names) <= limit else f"{', '.join(names[:3])} … {names[-1]}"


def describe(design: Design, *, compact: bool = False) -> tuple[str, ...]:
    """The design as a list of facts, in the order an engineer would tell them; `compact` tells branches and links
    that differ only in name (and users) once."""
    v, t, p = design.voice, design.traffic, design.vpn
    names = {s.id: f"'{s.name}'" for s in design.sites} | {c.id: f"'{c.name}'" for c in design.clouds}
    codec = codecs.resolve(v.codec)
    branches = [s for s in design.sites if s.kind == "branch"] if compact else []
    facts = [_site_fact(s) for s in design.sites if s not in branches]
    if len(branches) == 1:
        facts.append(f"1 branch with {numbers.counted(branches[0].users, 'user')}")
    elif branches:
        users = [s.users for s in branches]
        facts.append(f"{len(branches)} branches with {min(users)} to {max(users)} users each "
                     f"({numbers.count(sum(users))} in all)")
    if branches:
        facts += _grouped([(f"'{s.name}'", _site_words(s, platform=False)) for s in branches],
                          "{names}: {tail}", "{n} branches ({names}), each: {tail}")
    for c in design.clouds:
        facts.append(f"cloud '{c.name}': {CLOUD_LABELS[c.kind]}")
    clouds = {c.id for c in design.clouds}
    links = []
    for ln in design.links:
        site_end, other = (ln.b, ln.a) if ln.a in clouds else (ln.a, ln.b)
        links.append((names[site_end], f"to {names[other]}: {_link_tail(ln)}"))
    facts += _grouped(links, "link {names} {tail}", "{n} links, one per site ({names}), each {tail}") if compact \
        else [f"link {name} {tail}" for name, tail in links]
    facts.append(f"voice: {codec.name}, {v.ptime_ms or codec.default_ptime_ms:g} ms packetization; "
                 f"{v.signalling.upper()} signalling; device security mode {v.security_mode}; "
                 + (f"SRTP {SRTP_SUITES[v.srtp]}" if v.srtp != "none" else "no SRTP")
                 + (f"; cRTP {v.crtp} B where possible" if v.crtp else ""))
    if p.technology == "recommend":
        needs = [("privacy required" if p.privacy_required else "privacy not required"),
                 ("dynamic routing needed" if p.dynamic_routing else "static routing is enough"),
                 ("multicast needed (music on hold, paging)" if p.multicast else "no multicast")]
        facts.append("VPN: to be chosen; " + ", ".join(needs))
    else:
        mode = _mode_words(p)
        crypto = "" if p.technology in ("none", "mpls-isolation") else f", ESP {esp_words(p.cipher, p.integrity)}"
        extra = ""
        if p.technology == "getvpn":
            extra = f", {numbers.counted(p.getvpn_key_servers, 'key server')}"
        elif p.technology == "gre-ipsec":
            extra = f", {p.gre_topology}" + (f" (hub {_hub_name(design)})" if p.gre_topology == "hub-and-spoke"
                                             else "")
        elif p.technology == "dmvpn":
            extra = f", phase {p.dmvpn_phase}"
        facts.append(f"VPN: {tech_label(p.technology)}{mode}{crypto}{extra}; "
                     + ("privacy required" if p.privacy_required else "privacy not required"))
    pstn = ("PSTN calls leave through the site's own gateway; a site without one sends them over the WAN to the "
            "HQ's gateway")
    calls = f"{t.calls_per_user:g} call{'' if t.calls_per_user == 1 else 's'}"
    facts.append(f"busy hour: each user places {calls} of {t.holding_time_s:g} s; "
                 f"{_pct(t.intra_site_share)} stay in the site, {_pct(t.on_net_share)} go to other sites (spread "
                 f"over them in proportion to their users), {_pct(t.pstn_share)} go to the PSTN; {pstn}")
    facts.append(f"grade of service {t.gos * 100:g} % blocking (Erlang B); voice at most {t.llq_share * 100:g} % of "
                 "a link (priority queue)")
    facts.append(_security_words(design))
    return tuple(facts)


def _hub_name(design: Design) -> str:
    """The hub of a hub-and-spoke overlay, named: its link relays every spoke-to-spoke call, so a student sizing it
    must know which site it is."""
    from advisor.demand import hub_site

    hub = hub_site(design)
    return f"'{hub.name}'" if hub is not None else "the HQ"


def _mode_words(p) -> str:
    """How the VPN wraps a call, as the packet is built: 'IPsec mode default' left the student to guess which mode
    (transport for GRE over IPsec and DMVPN) and whether DMVPN's GRE carries its 4-byte tunnel key."""
    if p.technology in ("none", "mpls-isolation", "getvpn"):
        return "" if p.technology != "getvpn" else (
            ", tunnel mode with tunnel header preservation"
            + (f", {p.getvpn_metadata_bytes} B metadata" if p.getvpn_metadata_bytes else ", no metadata bytes"))
    spec = CallSpec(vpn=p.technology, ipsec_mode=p.ipsec_mode, gre_key=p.gre_key)
    mode = f"IPsec {esp.effective_mode(spec)} mode"
    if p.technology in ("vti", "flexvpn"):
        return f", {mode} on a tunnel interface (no GRE)"
    if p.technology in ("gre-ipsec", "dmvpn"):
        gre = "mGRE" if p.technology == "dmvpn" else "GRE"
        key = f"with a {esp.GRE_KEY_BYTES}-byte tunnel key" if esp.effective_gre_key(spec) else "without a tunnel key"
        return f", {gre} {key} over {mode}"
    return f", {mode}"


def esp_words(cipher: str, integrity: str) -> str:
    """'AES-CBC with HMAC-SHA1-96'; AES-GCM authenticates by itself and ignores the integrity option (as the ESP
    sizing does): 'AES-GCM (integrity built in: its own 16 B ICV)'."""
    c = esp.CIPHERS[cipher]
    if c.icv_bytes is not None:
        return f"{c.name} (integrity built in: its own {c.icv_bytes} B ICV)"
    return f"{c.name} with {esp.INTEGRITY_NAMES[integrity]}"
