"""The imported rows made into a design: one site per row, a cloud per transport, an access link per site with its
capacity, RTT and layer 2, and the hub (the largest site by users, or the one named) with call processing.

Every value the sheet does not give is a default (defaults.py), listed in the messages and grouped. The design is
validated by the model before it is returned.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from pydantic import ValidationError

from advisor.importer import reading
from advisor.importer.defaults import apply_defaults
from advisor.importer.headers import Mapping
from advisor.importer.layout import positions
from advisor.importer.messages import ImportFileError, Message, NothingImported, grouped
from advisor.importer.preview import Preview
from advisor.importer.records import SiteRecord, read_records
from advisor.importer.transports import BY_ID, CLOUD_NAMES, Transport
from advisor.model import MAX_NAME, MAX_SITES, Cloud, Design, Link, Site
from advisor.numbers import count, counted, kbps
from advisor.validation import describe

L2_LABELS = {"ethernet": "Ethernet", "atm": "ATM (AAL5 with RFC 2684 LLC/SNAP)", "ppp": "PPP on a serial line"}
# The transport standing for each cloud kind when the hub is joined to a cloud its own row does not name.
CLOUD_TRANSPORT = {"mpls": "mpls", "internet": "dia", "private-wan": "metro-ethernet"}
MAX_LISTED = 12  # columns named in one message; a sheet of 200 columns would make a line of kilobytes


class Imported(NamedTuple):
    design: Design
    messages: tuple[Message, ...]


def build_design(pre: Preview, mapping: Mapping | None = None, *, hub: str | None = None,
                 name: str | None = None) -> Imported:
    """(design, messages) from a preview and a column mapping (default: the preview's guess).

    `hub`: the name or id of the site that gets call processing (default: the largest by users); `name`: the
    design's name (default: the sheet's title, else 'Sites from FILE'). Raises NothingImported when no row could
    be imported (its messages say why, row by row) and ImportFileError when no column holds the site name or
    `hub` names no imported site."""
    mapping = mapping or pre.mapping
    if name is not None and len(" ".join(name.split())) > MAX_NAME:  # cut in silence before
        raise ImportFileError(f"the design's name: {len(' '.join(name.split())):,} characters, more than the "
                              f"{MAX_NAME} a name holds")
    if mapping.column_of("name") is None:
        headers = ", ".join(c.label for c in pre.columns if c.header) or "none"
        raise ImportFileError(f"{pre.source}: no column for the site name (columns: {headers}); map one, e.g. "
                              "--map \"Location=name\"")
    records, messages = read_records(pre, mapping)
    messages = list(pre.notes) + messages + _column_notes(pre, mapping, {r.row for r in records})
    if len(records) > MAX_SITES:
        messages.append(Message("skipped", f"more than {count(MAX_SITES)} sites, the most a design holds: rows "
                                           "skipped", tuple(r.row for r in records[MAX_SITES:])))
        records = records[:MAX_SITES]
    if not records:
        every = grouped(messages)
        raise NothingImported(_why_nothing(pre, _first_reason(every)), every)
    try:
        hub_row = _hub(records, hub).row
    except ImportFileError as exc:
        raise ImportFileError(_skipped_hub(pre, mapping, messages, hub) or str(exc)) from None
    records = apply_defaults(records, mapping, pre, hub_row, messages)
    design = _design(pre, mapping, records, hub_row, name, messages)
    return Imported(design, grouped(messages))


def _why_nothing(pre: Preview, reason: str) -> str:
    data = [r for r in pre.rows if any(v is not None and str(v).strip() for v in r.cells)]
    # a sheet longer than what is read: its blank rows said "no rows below the header" of a file whose sites
    # come after them
    cut = (f" (only the first {reading.MAX_ROWS:,} rows of the sheet are read: move its sites up, or delete the rows "
           "between)") if pre.rows_cut else ""
    if not data:
        if cut:
            return (f"{pre.source}: nothing imported: the rows read below the header (row {pre.header_row:,}) are "
                    f"blank{cut}")
        return f"{pre.source}: nothing imported: no rows below the header (row {pre.header_row:,})"
    if reason and cut:  # one aside in brackets: "skipped (row 2, …); only the first … rows are read: …"
        cut = "; " + cut.removeprefix(" (").removesuffix(")")
    if len(data) == 1:
        return f"{pre.source}: nothing imported: the one row below the header was skipped{reason}{cut}"
    return f"{pre.source}: nothing imported: all {count(len(data))} rows below the header were skipped{reason}{cut}"


def _first_reason(messages: tuple[Message, ...]) -> str:
    """' (row 2, Users (B): 'abc' is not a whole number; and 2 more reasons)': why the first skipped row was skipped,
    for the one line that says nothing was imported (the rows' own lines may be far above it, or not shown)."""
    skipped = [m for m in messages if m.severity == "skipped" and m.rows]
    if not skipped:
        return ""
    first = min(skipped, key=lambda m: m.rows[0])
    reason = first.text.removesuffix("; row skipped").removesuffix(": rows skipped").removesuffix("; rows skipped")
    where = ", ".join(p for p in (f"row {first.rows[0]:,}", first.column) if p)
    more = len(skipped) - 1
    return f" ({where}: {reason}" + (f"; and {more:,} more reason{'s' if more > 1 else ''})" if more else ")")


def _column_notes(pre: Preview, mapping: Mapping, imported: set[int]) -> list[Message]:
    notes = []
    # a column whose header names a field another column is read as is named by the preview's warning instead
    unmapped = [c.label for c in pre.columns if c.header and mapping.field_of(c.index) is None
                and (c.guess is None or mapping.column_of(c.guess) is None)]
    if unmapped:
        listed = ", ".join(unmapped[:MAX_LISTED]) + (f" … and {len(unmapped) - MAX_LISTED} more"
                                                     if len(unmapped) > MAX_LISTED else "")
        notes.append(Message("info", f"columns not imported (no field of the design): {listed}; map one with "
                             "--map \"COLUMN=FIELD\""))
    for c in pre.columns:
        field = mapping.field_of(c.index)
        if field == "rtt" and c.one_way:
            notes.append(Message("default", "a one-way delay: doubled for the round-trip time", (), c.label))
        elif field == "rtt" and "latency" in c.header.lower():
            notes.append(Message("default", "latency read as the round-trip time of the site's access link",
                                 (), c.label))
        rows = tuple(r for r, col in sorted(pre.formulas) if col == c.index and r in imported)
        if field and rows:
            notes.append(Message("info", "formulas: the values the workbook saved with them are used (never "
                                         "recalculated)", rows, c.label))
    return notes


def _hub(records: list[SiteRecord], wanted: str | None) -> SiteRecord:
    if wanted is None:  # the most users; on a tie an HQ or data centre, then the first row
        return max(records, key=lambda r: (r.users if r.users is not None else r.phones or 0,
                                           r.kind in ("hq", "datacenter"), -r.row))
    key = " ".join(wanted.split()).casefold()
    if not key:  # '' matched the first site imported without an id
        raise ImportFileError("hub: the name is empty; give a site's name or id, or leave the hub out for the site "
                              "with the most users")
    found = [r for r in records if r.name.casefold() == key or (r.id or "").casefold() == key]
    found = found or [r for r in records if slug(wanted) and slug(r.name) == slug(wanted)]  # 'zurich' finds 'Zürich'
    if not found:
        some = ", ".join(f"'{r.name}'" for r in records[:8]) + (" …" if len(records) > 8 else "")
        raise ImportFileError(f"hub '{wanted}': no imported site has that name or id (sites: {some})")
    if len(found) > 1:  # one site's name is another's id ('Beta' and the id 'beta'): the first row was taken
        typed = " ".join(wanted.split())
        exact = [r for r in found if typed in (r.name, r.id)]  # the one written as typed, case and all
        if len(exact) != 1:
            raise ImportFileError(_ambiguous_hub(wanted, found, key))
        found = exact
    return found[0]


def _skipped_hub(pre: Preview, mapping: Mapping, messages: list[Message], wanted: str | None) -> str | None:
    """Why `--hub` names no imported site when it names a row that was skipped, with the row's reason: "no
    imported site has that name" sent the user looking for a typing error in a name the sheet holds."""
    key = " ".join((wanted or "").split()).casefold()
    index = mapping.column_of("name")
    if not key or index is None:
        return None
    for row in pre.rows:
        cell = row.cells[index] if index < len(row.cells) else None
        if cell is None or " ".join(str(cell).split()).casefold() != key:
            continue
        why = [m for m in messages if m.severity == "skipped" and row.number in m.rows]
        if why:
            reason = why[0].text.removesuffix("; row skipped").removesuffix(": rows skipped")
            where = ", ".join(p for p in (f"row {row.number}", why[0].column) if p)
            return (f"hub '{wanted}': the site of that name was not imported, its row skipped ({where}: {reason}); "
                    "correct the row, or name another site as the hub")
    return None


def _ambiguous_hub(wanted: str, records: list[SiteRecord], key: str) -> str:
    """Why `--hub` names no one site: each site it names (`records`), with its row and how (name or id)."""
    def how(r: SiteRecord) -> str | None:
        if r.name.casefold() == key:
            return "name"
        if (r.id or "").casefold() == key:
            return "id"
        return "name, accents and punctuation aside" if slug(wanted) and slug(r.name) == slug(wanted) else None

    named = [f"'{r.name}' (row {r.row:,}, by its {why})" for r in records if (why := how(r)) is not None]
    listed = ", ".join(named[:4]) + (f" and {len(named) - 4:,} more" if len(named) > 4 else "")
    if len(named) <= 4:
        listed = " and ".join([", ".join(named[:-1]), named[-1]]) if len(named) > 1 else named[0]
    return (f"hub '{wanted}': names {len(named):,} sites: {listed}; give the hub's name or id as the sheet "
            "writes it")


def slug(text: str, limit: int = 40) -> str:
    """An id made from a name: 'Zürich HQ' -> 'zurich-hq' (letters, digits and '-'; '' when none is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()[:limit].strip("-")


_ID = re.compile(r"[A-Za-z0-9_.\-]{1,64}")


class _Ids:
    """Unique ids across sites, clouds and links."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}  # base, in lower case -> the number to try first: every lower one is used

    def take(self, wanted: str, fallback: str, keep: bool = False) -> str:
        """`wanted` as it is when `keep` and it is a valid id, else its slug (or `fallback`); '-2', '-3' … added
        until unused: the first unused one, as counting from 2 finds it (ids are never given back), in linear time
        (20,000 names with one slug took 41 s counting from 2 each time)."""
        base = wanted if keep and _ID.fullmatch(wanted) else (slug(wanted) or fallback)
        key = base.lower()
        n = self._next.get(key)
        candidate = base
        if n is not None or candidate.lower() in self.used:
            n = n or 2
            while True:
                suffix = f"-{n}"
                candidate = base[:64 - len(suffix)] + suffix
                if candidate.lower() not in self.used:
                    break
                n += 1
            self._next[key] = n + 1
        self.used.add(candidate.lower())
        return candidate


def _design(pre: Preview, mapping: Mapping, records: list[SiteRecord], hub_row: int, name: str | None,
            out: list[Message]) -> Design:
    ids = _Ids()
    hub = next(r for r in records if r.row == hub_row)
    kinds = Counter(r.transport.cloud for r in records)
    cloud_ids = {k: ids.take(k, k) for k in sorted(kinds, key=lambda k: (-kinds[k], k != hub.transport.cloud))}
    site_ids = {r.row: _site_id(r, ids, mapping, pre, out) for r in records}
    order = [hub] + [r for kind in cloud_ids for r in records if r is not hub and r.transport.cloud == kind]
    site_at, cloud_at = positions([site_ids[r.row] for r in order],
                                  ["" if r is hub else r.transport.cloud for r in order], list(cloud_ids))
    phones = sum(r.phones if r.phones is not None else r.users or 0 for r in records)
    try:
        sites = [_site(r, site_ids[r.row], site_at[site_ids[r.row]],
                       _call_processing(hub, phones, out) if r is hub else {}) for r in records]
    except ValidationError as exc:  # each row's values were checked on the way in: a bug, said plainly
        raise ImportFileError(f"{pre.source}: a site is not valid: " + "; ".join(describe(exc)[:5])) from None
    clouds = [Cloud(id=cid, name=CLOUD_NAMES[kind], kind=kind, x=cloud_at[cid][0], y=cloud_at[cid][1])
              for kind, cid in cloud_ids.items()]
    index = mapping.column_of("transport")
    column = pre.columns[index].label if index is not None else ""
    links = [_link(r, site_ids[r.row], cloud_ids[r.transport.cloud], r.transport, ids, column, out) for r in records]
    links += _hub_links(hub, site_ids[hub.row], cloud_ids, ids, out)
    title = " ".join((name or pre.title or f"Sites from {pre.source}").split())[:MAX_NAME]  # pre.title: cut, noted
    try:
        return Design.model_validate({"name": title, "notes": _notes(pre, len(records)), "sites": sites,
                                      "clouds": clouds, "links": links})
    except ValidationError as exc:  # every value was checked on the way in: this would be a bug, said plainly
        raise ImportFileError(f"{pre.source}: the imported design is not valid: " + "; ".join(describe(exc)[:5])) \
            from None


def _site_id(record: SiteRecord, ids: _Ids, mapping: Mapping, pre: Preview, out: list[Message]) -> str:
    if not record.id:
        return ids.take(record.name, f"site-{record.row}")
    made = ids.take(record.id, f"site-{record.row}", keep=True)
    if made != record.id:
        out.append(Message("warning", "an id already used, or not made of letters, digits, '.', '_' and '-': "
                                      "changed", (record.row,), pre.columns[mapping.column_of("id")].label))
    return made


def _site(record: SiteRecord, site_id: str, at: tuple[float, float], hub: dict) -> Site:
    fields = {"id": site_id, "name": record.name, "x": at[0], "y": at[1], "kind": record.kind or "branch",
              "users": record.users or 0, "phones": record.phones, "public_area_phones": record.public_phones or 0,
              "survivability": record.srst or "none", "srst_platform": record.router or None,
              "pstn_gateway": bool(record.pstn)}
    return Site.model_validate(fields | hub)


def _call_processing(hub: SiteRecord, phones: int, out: list[Message]) -> dict:
    """The hub's CUCM publisher and subscribers, sized for every site's phones by the cluster limits table."""
    from advisor.rules.cluster import nodes_needed
    from advisor.tables import load_table

    limits = load_table("cluster_limits")
    per_node = limits.value("devices_per_call_processing_node")
    primaries, backups = nodes_needed(phones, per_node, "1:1")
    most = int(limits.value("max_subscribers"))
    subscribers = min(max(2, primaries + backups), most)
    kind = hub.kind if hub.kind in ("hq", "datacenter") else "hq"
    rule = f"a primary and a backup per {count(per_node)} devices, 1:1 redundancy"
    # more phones than one cluster serves: the cap said, with what they need ("8 subscribers for 1,000,000 phones
    # (a primary and a backup per 10,000 devices)" read as if 8 were what that rule gives)
    nodes = counted(subscribers, "call-processing subscriber")  # one, with a user's table of at most one
    sized = (f"{nodes} for {counted(phones, 'phone')} ({rule}), no SRST" if primaries + backups <= most else
             f"{nodes}, no SRST; {count(subscribers)} is the most one cluster has, and "
             f"{counted(phones, 'phone')} need {count(primaries + backups)} ({rule}): more than one cluster serves, "
             "split them into clusters")
    out.append(Message("default", f"'{hub.name}' is the hub{'' if kind == hub.kind else ' and the HQ'}: a CUCM "
                                  f"publisher and {sized}", (hub.row,)))
    return {"kind": kind, "cucm_publisher": True, "cucm_subscribers": subscribers, "survivability": "none"}


def _link(record: SiteRecord, site_id: str, cloud_id: str, transport: Transport, ids: _Ids, column: str,
          out: list[Message]) -> Link:
    capacity = record.capacity_kbps
    l2 = transport.l2_for(capacity)
    out.append(Message("default", f"{transport.label} access: layer 2 {L2_LABELS[l2]} assumed"
                       + (f" (a leased line up to {kbps(2048)} is a serial circuit)" if l2 == "ppp" else ""),
                       (record.row,), column))
    return Link(id=ids.take(f"l-{site_id}", f"l-{record.row}"), a=site_id, b=cloud_id, name=transport.label,
                capacity_kbps=capacity, l2=l2, rtt_ms=record.rtt_ms, nat=bool(record.nat))


def _hub_links(hub: SiteRecord, hub_id: str, cloud_ids: dict[str, str], ids: _Ids, out: list[Message]) -> list[Link]:
    """The hub joins every cloud: a site on the Internet reaches call processing at the hub over the Internet."""
    links = []
    for kind, cloud_id in cloud_ids.items():
        if kind == hub.transport.cloud:
            continue
        transport = BY_ID[CLOUD_TRANSPORT[kind]]
        capacity = hub.capacity_kbps
        links.append(Link(id=ids.take(f"l-{hub_id}-{cloud_id}", f"l-hub-{cloud_id}"), a=hub_id, b=cloud_id,
                          name=transport.label, capacity_kbps=capacity, l2=transport.l2_for(capacity),
                          rtt_ms=transport.rtt_ms, nat=transport.nat))
        out.append(Message("default", f"the hub '{hub.name}' joins the {CLOUD_NAMES[kind]} cloud too, for the "
                                      f"sites on it: {transport.label} at its own circuit's {kbps(capacity)}, "
                                      f"{transport.rtt_ms:g} ms RTT, {L2_LABELS[transport.l2_for(capacity)]}",
                           (hub.row,)))
    return links


def sheet_label(name: str) -> str:
    """A sheet's name for the design's notes and the import's summary: a name of 100,000 characters (Excel keeps
    to 31) made the notes too long for a design, and nothing was imported."""
    return name if len(name) <= MAX_NAME else name[:MAX_NAME - 1] + "…"


def _notes(pre: Preview, sites: int) -> str:
    return (f"Imported from {pre.source}" + (f", sheet '{sheet_label(pre.sheet)}'" if pre.kind == "xlsx" else "")
            + f" (header on row {pre.header_row:,}): {counted(sites, 'site')}. Values the sheet did not give were "
            "assumed and listed by the import: check the capacities, RTTs, survivability and the policies.")
