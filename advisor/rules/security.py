"""Security checklist and SEC-* checks (SPEC §3.5): the seed's controls, per site and per design.

`checklist(design)` says, for every control where it applies, whether it is in place; `check(design, technology)`
turns what matters into findings. Per-site findings are grouped by what is missing, so a 1,000-branch design gets
a handful of findings whose subjects list the sites, not a thousand copies of one sentence.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import attrgetter, eq, gt, itemgetter, lt, not_, or_

from advisor.findings import Finding, finding
from advisor.model import Design, Site
from advisor.numbers import counted
from advisor.results import ChecklistItem
from advisor.rules import seed
from advisor.rules._columns import link_columns
from advisor.rules._names import Names, names_for, tech_label, transport_label
from advisor.rules._wan import site_columns, wan_facts
from advisor.rules.security_columns import call_processing
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
    """The ends of the design's links (its per-design link columns, which the analysis has already read)."""
    cols = link_columns(design)
    return set(cols.a).union(cols.b)


_NAT, _AUTH = attrgetter("nat"), attrgetter("routing_auth")
_SECURITY, _PUBLIC = attrgetter("security"), attrgetter("public_area_phones")
_DICT = attrgetter("__dict__")


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


_GAP_FIELDS = tuple(dict.fromkeys(c.field for c in (*LAN, *PLANES, *ENDPOINT)))  # the fields the SEC checks read
_READ_GAPS = itemgetter(*_GAP_FIELDS)  # a site's values of them from its settings' `__dict__` (its attributes)


def _group(controls: tuple[Control, ...]) -> tuple:
    """A reader of a group's control values from `_READ_GAPS`' tuple (a tuple, in the group's order), and each
    control with its place in that tuple and what its applicability needs (`_NEEDS`)."""
    fields = tuple(c.field for c in controls)
    at = [_GAP_FIELDS.index(f) for f in fields]
    read = itemgetter(*at) if len(at) > 1 else lambda values: (values[at[0]],)
    return read, tuple((c, fields.index(c.field), _NEEDS.get(c.id)) for c in controls)


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
    routers = _router_sites(design)
    router = list(map(routers.__contains__, cols.ids))
    ids = cols.ids
    member = list(map(or_, phones, router))
    if False in member:  # a site with neither phones nor a WAN router lacks nothing the checks ask for
        sites, ids, phones, router = (list(compress(column, member)) for column in (sites, ids, phones, router))
    if not sites:
        return gaps
    settings = list(map(_DICT, map(_SECURITY, sites)))  # each site's control fields by name
    public = list(map(gt, map(_PUBLIC, sites), repeat(0)))
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


_FEW_OTHERS = 16  # `_settings_keys`: one site in this many sampled; at most as many with settings of their own


def _settings_keys(dicts: list[dict]) -> Iterable | None:
    """Per site, a key for its settings (a `SecurityControls`' `__dict__`): equal keys for equal settings, finer
    than the fields applicability reads, so never coarser than the configurations that differ: each site's control
    fields, in field order, read at C speed. Where nearly every site has the settings of one (the last: a branch),
    one compare per site and a shared key (None) instead, which saves building and hashing a tuple of every field
    per site. None where a sample says nearly every site's settings differ: configurations would save nothing, so
    `_gaps` works per site."""
    values = map(tuple, map(dict.values, dicts))
    common = dicts[-1]
    sample = dicts[::_FEW_OTHERS]
    if 4 * sample.count(common) < 3 * len(sample):  # settings vary
        if len(sample) >= _FEW_OTHERS and 2 * len(set(map(tuple, map(dict.values, sample)))) > len(sample):
            return None
        return values
    others = list(compress(count(), map(not_, map(eq, dicts, repeat(common)))))
    if len(others) * _FEW_OTHERS > len(dicts):
        return values
    keys: list = [None] * len(dicts)
    for i in others:
        keys[i] = tuple(dicts[i].values())
    return keys


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
            applies = _applying(pub, secure)
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
            f"SRTP ({v.srtp}) is on but the device security mode is '{v.security_mode}', so the SRTP keys travel in "
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

