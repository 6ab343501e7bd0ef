"""Security checklist and SEC-* checks (SPEC §3.5): the seed's controls, per site and per design.

`checklist(design)` says, for every control where it applies, whether it is in place; `check(design, technology)`
turns what matters into findings. Per-site findings are grouped by what is missing, so a 1,000-branch design gets
a handful of findings whose subjects list the sites, not a thousand copies of one sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter, itemgetter, lt

from advisor.findings import Finding, finding
from advisor.model import Design, Site
from advisor.numbers import counted
from advisor.results import ChecklistItem
from advisor.rules import seed
from advisor.rules._names import Names, names_for, tech_label, transport_label
from advisor.rules._wan import site_columns, wan_facts
from advisor.rules.security_controls import (
    DESIGN_CONTROLS,
    ENCRYPTING,
    ENDPOINT,
    FIREWALL,
    LAN,
    NFP,
    Control,
    design_items,
    srst_statuses,
    wide_items,
)

__all__ = ["checklist", "checklist_json", "check", "ENCRYPTING"]


def _router_sites(design: Design) -> set[str]:
    ends = set(map(_END_A, design.links))
    ends.update(map(_END_B, design.links))
    return ends


_END_A, _END_B = attrgetter("a"), attrgetter("b")
_ID, _NAT = attrgetter("id"), attrgetter("nat")
_SECURITY, _PUBLIC = attrgetter("security"), attrgetter("public_area_phones")


# PC ports matter only where phones stand in public areas; CTL and TLS proxy only when signalling uses TLS
_NEEDS = {"EP-PC-PORT": "public", "EP-CTL": "secure", "FW-TLS-PROXY": "secure"}


def _applying(public: bool, secure: bool) -> dict[str | None, bool]:
    """Whether a control applies, by what it needs (`_NEEDS`; None: nothing), at a site with or without
    public-area phones in a design whose signalling does or does not use TLS."""
    return {None: True, "public": public, "secure": secure}



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
    for c, sid, status in _site_statuses(design, sites):
        items.append(make(c, sid, status))
    return items


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
    shared: dict[int, tuple[dict[str, str], ...]] = {}  # by the identity of `_site_row_blocks`' memoised rows
    row_of: dict[int, dict[str, str]] = {}  # one row per (control, status) pair, shared by every configuration
    for rows, sid in _site_row_blocks(design):
        rows_json = shared.get(id(rows))
        if rows_json is None:
            for pair in rows:
                if id(pair) not in row_of:
                    c, status = pair
                    row_of[id(pair)] = {"control": c.id, "title": c.title, "threat": c.threat, "site": SITE,
                                        "status": status, "rationale": c.rationale}
            rows_json = shared[id(rows)] = tuple(map(row_of.__getitem__, map(id, rows)))
        blocks.append((rows_json, sid))
    return blocks


def _site_row_blocks(design: Design, wanted: set[str] | None = None
                     ) -> Iterator[tuple[tuple[tuple[Control, str], ...], str]]:
    """(rows, site id) per site with items (only the `wanted` ones when given), in design order. Thousands of
    sites share a handful of configurations: each distinct one is worked out once and its rows tuple shared."""
    routers = _router_sites(design)
    secure = design.voice.security_mode != "non-secure"
    memo: dict[tuple, tuple[tuple[Control, str], ...]] = {}
    sites, cols = design.sites, site_columns(design)
    # each site's configuration, read column by column (the analysis has already read the phones and nodes)
    keys = zip(map(_READ_SITE, map(_SECURITY, sites)), map(lt, repeat(0), cols.phones),
               map(lt, repeat(0), cols.nodes), map(lt, repeat(0), map(_PUBLIC, sites)),
               map(routers.__contains__, cols.ids), strict=True)
    for sid, key in zip(cols.ids, keys, strict=True):
        if wanted is None or sid in wanted:
            rows = memo.get(key)
            if rows is None:
                rows = memo[key] = _site_rows(key, secure)
            if rows:
                yield rows, sid


def _site_statuses(design: Design, sites: Iterable[str] | None) -> Iterator[tuple[Control, str, str]]:
    """(control, site id, status) per site item, in checklist order."""
    for rows, sid in _site_row_blocks(design, None if sites is None else set(sites)):
        for c, status in rows:
            yield c, sid, status


def _site_rows(key: tuple, secure: bool) -> tuple[tuple[Control, str], ...]:
    """One site's (control, status) rows from its configuration `key` (`_site_row_blocks`): LAN and endpoints where
    there are phones, firewall at call-processing sites, device planes where a router connects the site to the
    WAN. Every (control, status) pair is one shared object (`_SITE_GROUPS`): 10,000 distinct configurations share
    them."""
    values, phones, nodes, public, router = key
    applies = _applying(public, secure)
    out: list[tuple[Control, str]] = []
    for present, group in ((phones, _SITE_GROUPS[0]), (nodes, _SITE_GROUPS[1]), (router, _SITE_GROUPS[2])):
        if present:
            out += [pairs[2 if not applies[need] else 0 if values[at] else 1] for at, need, pairs in group]
    return tuple(out)


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


_FIELDS = tuple(dict.fromkeys(c.field for c in (*LAN, *ENDPOINT, *FIREWALL, *NFP)))
_READ_SITE = attrgetter(*_FIELDS)  # a site's control values, in `_FIELDS` order


def _read(c: Control) -> tuple[int, str | None]:
    """Where a control's value sits in `_READ_SITE`'s tuple, and what its applicability needs (`_NEEDS`)."""
    return _FIELDS.index(c.field), _NEEDS.get(c.id)


# per control of each per-site group: `_read`, and its three (control, status) pairs: in place, missing, not
# applicable
_SITE_GROUPS = tuple(tuple((*_read(c), ((c, "in-place"), (c, "missing"), (c, "n/a"))) for c in group)
                     for group in ((*LAN, *ENDPOINT), FIREWALL, NFP))


# per group the SEC checks read (LAN, device planes, endpoints): its controls, each with `_read`, and a reader of
# their values from `_READ_SITE`'s tuple
_LACKS = tuple((tuple((c, *_read(c)) for c in group), itemgetter(*(_read(c)[0] for c in group)))
               for group in (LAN, PLANES, ENDPOINT))
_PC_PORT = _FIELDS.index("pc_port_disabled")


def _gaps(design: Design) -> _Gaps:
    """Thousands of sites share a handful of configurations, so each distinct one (its control fields, whether it
    has phones, public-area phones and a WAN router: all that applicability depends on) is worked out once; and
    what a configuration lacks of each group, once per distinct values of that group's controls (sites whose
    settings all differ share those)."""
    secure = design.voice.security_mode != "non-secure"
    routers = _router_sites(design)
    gaps = _Gaps()
    memo: dict[tuple, tuple] = {}  # configuration -> the `append` of each id list the site joins
    joined: tuple[dict, dict, dict] = ({}, {}, {})  # per group: its values (and public-area phones) -> an `append`
    targets = (gaps.lan, gaps.planes, gaps.endpoint)
    cols = site_columns(design)
    gaps.call_processing = [s for s, n in zip(design.sites, cols.nodes, strict=True) if n > 0]
    for s, sid, phone_count in zip(design.sites, cols.ids, cols.phones, strict=True):
        phones = phone_count > 0
        router = sid in routers
        if phones:
            gaps.phone_sites += 1
        elif not router:
            continue
        public = s.public_area_phones > 0
        sec = s.security
        # every control field of the site's settings, in field order, read at C speed: finer than the fields
        # applicability reads, so never coarser than the configurations that differ
        key = (tuple(sec.__dict__.values()), public, phones, router)
        adds = memo.get(key)
        if adds is None:
            values = _READ_SITE(sec)  # the same values, in `_FIELDS` order
            adds = memo[key] = tuple(add for g, wanted in enumerate((phones, router, phones)) if wanted and (
                add := _join(targets[g], joined[g], _LACKS[g], values, public, secure, g == 2)) is not None)
        for add in adds:
            add(sid)
    return gaps


def _join(target: dict, joined: dict, lacks: tuple, values: tuple, public: bool, secure: bool, endpoint: bool):
    """The `append` of the id list in `target` for what a site with these control `values` lacks of one group, or
    None when it lacks nothing. Endpoint keys also say whether PC ports stay open on public-area phones."""
    controls, read = lacks
    key = (read(values), public)
    if key in joined:
        return joined[key]
    applies = _applying(public, secure)
    missing = tuple(c for c, at, need in controls if applies[need] and not values[at])
    group_key = (missing, public and not values[_PC_PORT]) if endpoint else missing
    add = joined[key] = target.setdefault(group_key, []).append if missing else None
    return add


def check(design: Design, technology: str) -> list[Finding]:
    """SEC-* findings for the design with its effective VPN technology."""
    v, p = design.voice, design.vpn
    out: list[Finding] = []
    gaps = _gaps(design)
    names = names_for(design)
    if v.srtp != "none" and v.security_mode != "encrypted":
        out.append(finding(
            "SEC-SRTP-WITHOUT-TLS", ("design",),
            f"SRTP ({v.srtp}) is on but the device security mode is '{v.security_mode}', so the SRTP keys travel in "
            "signalling that is not encrypted",
            f"{seed.cite(seed.SRTP_KEYS)} {seed.cite(seed.SECURITY_MODES)}",
            "Set the device security mode to 'encrypted' (TLS + SRTP) in CUCM and on the phones.",
            rule="SEC-R1", source=seed.SRTP_KEYS))
    if (design.links and gaps.phone_sites >= 2 and v.srtp == "none" and technology in ("none", "mpls-isolation")):
        transport = wan_facts(design).transport
        ids = tuple(map(_ID, design.links))
        kinds = sorted({transport_label(kind) + (" + NAT" if nat else "") for kind, nat in
                        set(zip(map(transport.__getitem__, ids), map(_NAT, design.links), strict=True))})
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
        bare = [ln.id for ln in design.links if not ln.routing_auth]
        if bare:
            out.append(finding(
                "SEC-ROUTING-AUTH", bare,
                f"dynamic routing runs over {counted(len(bare), 'WAN link')} without routing protocol authentication: "
                f"{names.links(bare)}",
                f"{seed.cite(seed.ROUTING_AUTH)}",
                "Enable routing protocol authentication (e.g. EIGRP/OSPF SHA or MD5 keys, BGP TCP-AO/MD5) and filter "
                "routing updates on these links.", rule="SEC-R4", source=seed.ROUTING_AUTH))
    for s in gaps.call_processing:
        if not s.security.firewall:
            out.append(finding(
                "SEC-FIREWALL", (s.id,),
                f"call-processing {names.site(s.id)} ({counted(s.call_processing_nodes, 'CUCM node')}) has no firewall",
                f"{seed.cite(seed.FW_GENERAL)} {seed.cite(seed.FW_ACCESS)}",
                "Put an ASA-class firewall in front of the CUCM servers: access control, SIP/SCCP/RTP inspection, "
                "TCP normalization, IPS and per-client connection limits.", rule="SEC-R5", source=seed.FW_ACCESS))
        elif (v.security_mode != "non-secure" and s.security.application_inspection and not s.security.tls_proxy):
            out.append(finding(
                "SEC-TLS-PROXY", (s.id,),
                f"signalling is TLS-protected ('{v.security_mode}' mode) and the firewall at {names.quoted(s.id)} "
                "inspects SIP/SCCP without a TLS proxy: it cannot open media ports or apply policy to encrypted signalling",
                f"{seed.cite(seed.FW_TLS_PROXY)}",
                "Enable the firewall's TLS proxy for phone-to-CUCM signalling (the firewall becomes a trusted "
                "device in the CTL).", rule="SEC-R6", source=seed.FW_TLS_PROXY))
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

