"""Security checklist and SEC-* checks (SPEC §3.5): the seed's controls, per site and per design.

`checklist(design)` says, for every control where it applies, whether it is in place; `check(design, technology)`
turns what matters into findings. Per-site findings are grouped by what is missing, so a 1,000-branch design gets
a handful of findings whose subjects list the sites, not a thousand copies of one sentence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import attrgetter, gt, itemgetter, not_, or_

from advisor.choice_words import SRTP as SRTP_WORDS
from advisor.findings import Finding, finding
from advisor.model import Design, Site
from advisor.numbers import counted
from advisor.results import ChecklistItem
from advisor.rules import seed
from advisor.rules._columns import link_columns, site_field
from advisor.rules._names import Names, names_for, tech_label, transport_label
from advisor.rules._wan import site_columns, wan_facts
from advisor.rules.security_checklist import NEEDS, applying, router_sites, site_blocks
from advisor.rules.security_checklist import settings_keys as _settings_keys
from advisor.rules.security_columns import call_processing
from advisor.rules.security_controls import (
    DESIGN_CONTROLS,
    ENCRYPTING,
    ENDPOINT,
    LAN,
    NFP,
    Control,
    design_items,
    srst_statuses,
    wide_items,
)

__all__ = ["checklist", "checklist_json", "check", "ENCRYPTING"]


_NAT, _AUTH = attrgetter("nat"), attrgetter("routing_auth")
_DICT = attrgetter("__dict__")


def checklist(design: Design, technology: str | None = None,
              sites: Iterable[str] | None = None) -> list[ChecklistItem]:
    """Design-wide items first, then per site: LAN and endpoints where there are phones, firewall at call-processing
    sites, device planes where a router connects the site to the WAN. `technology` defaults to the design's own
    (the recommendation when it says 'recommend'); `sites` limits the per-site items to those site ids (about
    17 items per site: a 10,000-site checklist is 170,000 items, so a view of one site should ask for one)."""
    if technology is None:
        technology = design.vpn.technology
        if technology == "recommend":
            from advisor.rules.vpn import recommend  # local: only needed when no technology is given

            technology = recommend(design).chosen
    items = design_items(design, technology)
    make = _item
    for rows, sid in site_blocks(design, _pair, None if sites is None else set(sites)):
        for c, status in rows:
            items.append(make(c, sid, status))
    return items


def _pair(c: Control, status: str) -> tuple[Control, str]:
    return c, status


def checklist_json(design: Design, technology: str) -> list[dict[str, str]]:
    """`checklist(design, technology)` as JSON-mode dicts (what `check --json` prints), without building 170,000
    models for a 10,000-site design: the same keys and values as each item's `model_dump(mode="json")`."""
    return [row if site is None else {**row, "site": site}
            for rows, site in checklist_blocks(design, technology) for row in rows]


SITE = "\u0000site\u0000"  # stands for the site id in `checklist_blocks`' shared rows


def checklist_blocks(design: Design, technology: str) -> list[tuple[tuple[dict[str, str], ...], str | None]]:
    """`checklist_json` in blocks, in order: (rows, site id). A block with a site id stands for its rows with
    "site" (which reads SITE) set to that id; the rows are one shared tuple per distinct site configuration, so
    `check --json` encodes each once and splices the ids in. A block with None holds its rows as they are."""
    blocks: list[tuple[tuple[dict[str, str], ...], str | None]] = [
        (tuple(item.model_dump(mode="json") for item in wide_items(design, technology)), None)]
    title, threat, sentence = DESIGN_CONTROLS["AV-SRST"]
    srst = {status: ({"control": "AV-SRST", "title": title, "threat": threat, "site": SITE, "status": status,
                      "rationale": seed.cite(sentence)},) for status in ("in-place", "missing")}
    blocks += [(srst[status], sid) for sid, status in srst_statuses(design)]
    blocks += site_blocks(design, _row)
    return blocks


def _row(c: Control, status: str) -> dict[str, str]:
    """A per-site row of `checklist_blocks` ("site" reads SITE)."""
    return {"control": c.id, "title": c.title, "threat": c.threat, "site": SITE, "status": status,
            "rationale": c.rationale}


_ITEM_FIELDS = frozenset(ChecklistItem.model_fields)
_new, _set = object.__new__, object.__setattr__


def _item(c: Control, site: str, status: str) -> ChecklistItem:
    """A ChecklistItem from known-good strings without re-validating them (170,000 items for 10,000 sites):
    the same object `ChecklistItem(...)` builds (tests/core/test_rules_security.py compares them)."""
    item = _new(ChecklistItem)
    _set(item, "__dict__", {"control": c.id, "title": c.title, "threat": c.threat, "site": site, "status": status,
                            "rationale": c.rationale})
    _set(item, "__pydantic_fields_set__", _ITEM_FIELDS)
    _set(item, "__pydantic_extra__", None)
    _set(item, "__pydantic_private__", None)
    return item


PLANES = tuple(c for c in NFP if c.id in ("NFP-CPPR", "NFP-MPP"))  # what SEC-DEVICE-PLANES asks of every router


@dataclass
class _Gaps:
    """What the per-site SEC checks need, from one pass over the sites (SPEC §5: 10,000 sites in a second).

    Each dict maps what a group of sites lacks to their ids (design order), in order of first appearance; sites
    lacking nothing are left out. Endpoint keys also say whether PC ports stay open on public-area phones.
    """

    phone_sites: int = 0
    lan: dict[tuple[Control, ...], list[str]] = field(default_factory=dict)
    planes: dict[tuple[Control, ...], list[str]] = field(default_factory=dict)
    endpoint: dict[tuple[tuple[Control, ...], bool], list[str]] = field(default_factory=dict)
    call_processing: list[Site] = field(default_factory=list)


_GAP_FIELDS = tuple(dict.fromkeys(c.field for c in (*LAN, *PLANES, *ENDPOINT)))  # the fields the SEC checks read
_READ_GAPS = itemgetter(*_GAP_FIELDS)  # a site's values of them from its settings' `__dict__` (its attributes)


def _group(controls: tuple[Control, ...]) -> tuple:
    """A reader of a group's control values from `_READ_GAPS`' tuple (a tuple, in the group's order), and each
    control with its place in that tuple and what its applicability needs (`NEEDS`)."""
    fields = tuple(c.field for c in controls)
    at = [_GAP_FIELDS.index(f) for f in fields]
    read = itemgetter(*at) if len(at) > 1 else lambda values: (values[at[0]],)
    return read, tuple((c, fields.index(c.field), NEEDS.get(c.id)) for c in controls)


# per group the SEC checks read: LAN, device planes, endpoints
_LAN, _PLANES, _ENDPOINT = _group(LAN), _group(PLANES), _group(ENDPOINT)
_PC_PORT = tuple(c.field for c in ENDPOINT).index("pc_port_disabled")  # its place in the endpoint tuple


def _gaps(design: Design) -> _Gaps:
    """Thousands of sites share a handful of configurations (their control fields, whether they have phones,
    public-area phones and a WAN router: all that applicability depends on): each distinct one is worked out once,
    and what it lacks of each group once per distinct values of that group's controls (sites whose settings all
    differ share those). Every per-site step is a C-level pass over a column (SPEC §5: 10,000 sites)."""
    secure = design.voice.security_mode != "non-secure"
    gaps = _Gaps()
    sites, cols = design.sites, site_columns(design)
    gaps.call_processing = list(compress(sites, map(gt, cols.nodes, repeat(0))))
    phones = list(map(gt, cols.phones, repeat(0)))
    gaps.phone_sites = phones.count(True)
    routers = router_sites(design)
    router = list(map(routers.__contains__, cols.ids))
    ids = cols.ids
    member = list(map(or_, phones, router))
    security, public = site_field(design, "security"), site_field(design, "public_area_phones")
    if False in member:  # a site with neither phones nor a WAN router lacks nothing the checks ask for
        ids, phones, router, security, public = (list(compress(column, member))
                                                 for column in (ids, phones, router, security, public))
    if not ids:
        return gaps
    settings = list(map(_DICT, security))  # each site's control fields by name
    public = list(map(gt, public, repeat(0)))
    keys = _settings_keys(settings)
    if keys is not None:  # per configuration (`at`: per site, where its configuration first appears)
        first: dict[tuple, int] = {}
        at = list(map(first.setdefault, zip(keys, public, phones, router, strict=True), count()))
        where = list(first.values())
        settings, public, phones, router = (list(map(column.__getitem__, where))
                                            for column in (settings, public, phones, router))
    values = list(map(_READ_GAPS, settings))  # one read of the settings: thousands of them, spread in memory
    for target, wanted, group, endpoint in ((gaps.lan, phones, _LAN, False), (gaps.planes, router, _PLANES, False),
                                            (gaps.endpoint, phones, _ENDPOINT, True)):
        if True not in wanted:
            continue
        sink: list[str] = []  # for the sites that join no list
        dest = _lists(target, group, endpoint, secure, list(map(group[0], values)), public, wanted, sink)
        if keys is not None:
            if len(dest) == 1:  # one configuration: its sites join one list, or none
                if dest[0] is not sink:
                    dest[0].extend(ids)
                continue
            dest = map(dict(zip(where, dest, strict=True)).__getitem__, at)
        deque(map(list.append, dest, ids), 0)
    return gaps


def _lists(target: dict, group: tuple, endpoint: bool, secure: bool, values: list[tuple], public: list[bool],
           wanted: list[bool], sink: list[str]) -> list[list[str]]:
    """Per configuration (the `values` of the group's controls, public-area phones, and whether the group is
    `wanted` there): the id list in `target` its sites join for what they lack of the group, or `sink` when they
    lack nothing or the group is not wanted. Worked out once per distinct values of the three; lists are made in
    order of the first configuration that lacks what they stand for. Endpoint keys also say whether PC ports stay
    open on public-area phones."""
    controls = group[1]
    firsts: dict[tuple, int] = {}
    at = list(map(firsts.setdefault, zip(values, public, wanted, strict=True), count()))
    lists: dict[int, list[str]] = {}
    for (v, pub, w), i in firsts.items():
        missing = ()
        if w:
            applies = applying(pub, secure)
            missing = tuple(c for c, j, need in controls if applies[need] and not v[j])
        lists[i] = (target.setdefault((missing, pub and not v[_PC_PORT]) if endpoint else missing, [])
                    if missing else sink)
    return list(map(lists.__getitem__, at))


def check(design: Design, technology: str) -> list[Finding]:
    """SEC-* findings for the design with its effective VPN technology."""
    v, p = design.voice, design.vpn
    out: list[Finding] = []
    gaps = _gaps(design)
    names = names_for(design)
    if v.srtp != "none" and v.security_mode != "encrypted":
        out.append(finding(
            "SEC-SRTP-WITHOUT-TLS", ("design",),
            f"SRTP ({SRTP_WORDS[v.srtp]}) is on but the device security mode is '{v.security_mode}', so the SRTP keys travel in "
            "signalling that is not encrypted",
            f"{seed.cite(seed.SRTP_KEYS)} {seed.cite(seed.SECURITY_MODES)}",
            "Set the device security mode to 'encrypted' (TLS + SRTP) in CUCM and on the phones.",
            rule="SEC-R1", source=seed.SRTP_KEYS))
    if (design.links and gaps.phone_sites >= 2 and v.srtp == "none" and technology in ("none", "mpls-isolation")):
        transport = wan_facts(design).transport  # link id -> its transport, for every link
        ids = tuple(link_columns(design).ids)
        nats = list(map(_NAT, design.links))
        pairs = (set(zip(map(transport.__getitem__, ids), nats, strict=True)) if any(nats)
                 else set(zip(set(transport.values()), repeat(False))))  # no NAT: each transport once
        kinds = sorted({transport_label(kind) + (" + NAT" if nat else "") for kind, nat in pairs})
        out.append(finding(
            "SEC-MEDIA-CLEAR", ids,
            f"voice between {gaps.phone_sites} sites crosses {counted(len(design.links), 'WAN link')} ({', '.join(kinds)}) in "
            f"clear text: no SRTP, and {tech_label(technology)}"
            + (" (no encryption)" if technology == "mpls-isolation" else "")
            + ("" if p.privacy_required else "; privacy marked not required"),
            f"every WAN link counts as untrusted: {seed.cite(seed.TRUSTED_BOUNDARY)} "
            f"{seed.cite(seed.ANYONE_CAN_CAPTURE)}",
            "Encrypt media end to end with SRTP (device security mode 'encrypted'), or between sites with an IPsec "
            "VPN (GET VPN on MPLS, DMVPN on the Internet).",
            severity=None if p.privacy_required else "info", rule="SEC-R2", source=seed.TRUSTED_BOUNDARY))
    for missing, site_ids in gaps.lan.items():
        what = ", ".join(c.title for c in missing)
        out.append(finding(
            "SEC-LAN-L2", site_ids, f"{counted(len(site_ids), 'site')} with phones {'lacks' if len(site_ids) == 1 else 'lack'} {what}: "
            f"{names.sites(site_ids)}",
            f"{seed.cite(seed.LAN_ARP)} {seed.cite(seed.LAN_VOICE_VLAN)} {seed.cite(seed.LAN_FEATURES)}",
            f"Enable on the access switches: {what}.", rule="SEC-R3", source=seed.LAN_ARP))
    if p.dynamic_routing:
        bare = list(compress(link_columns(design).ids, map(not_, map(_AUTH, design.links))))
        if bare:
            out.append(finding(
                "SEC-ROUTING-AUTH", bare,
                f"dynamic routing runs over {counted(len(bare), 'WAN link')} without routing protocol authentication: "
                f"{names.links(bare)}",
                f"{seed.cite(seed.ROUTING_AUTH)}",
                "Enable routing protocol authentication (e.g. EIGRP/OSPF SHA or MD5 keys, BGP TCP-AO/MD5) and filter "
                "routing updates on these links.", rule="SEC-R4", source=seed.ROUTING_AUTH))
    out += call_processing(design, gaps.call_processing, names)
    for missing, site_ids in gaps.planes.items():
        what = " and ".join(c.title for c in missing)
        out.append(finding(
            "SEC-DEVICE-PLANES", site_ids, f"{counted(len(site_ids), 'site router')} {'lacks' if len(site_ids) == 1 else 'lack'} {what}: "
            f"{names.sites(site_ids)}",
            f"{seed.cite(seed.NFP)} {' '.join(seed.cite(c.sentence) for c in missing)}",
            f"Configure {what} on the WAN/voice-gateway routers.", rule="SEC-R7", source=seed.NFP))
    _endpoints(gaps, out, names)
    return out


def _endpoints(gaps: _Gaps, out: list[Finding], names: Names) -> None:
    for (missing, public_port), site_ids in gaps.endpoint.items():
        what = ", ".join(c.title for c in missing)
        lobby = " (PC ports open on public-area phones)" if public_port else ""
        out.append(finding(
            "SEC-ENDPOINT", site_ids,
            f"{counted(len(site_ids), 'site')} with phones {'lacks' if len(site_ids) == 1 else 'lack'} {what}{lobby}: "
            f"{names.sites(site_ids)}",
            f"{seed.cite(seed.EP_HARDEN)} {' '.join(seed.cite(c.sentence) for c in missing)}",
            f"Harden the phones (CUCM product-specific configuration): {what}.",
            severity="error" if public_port else None, rule="SEC-R8", source=seed.EP_HARDEN))

