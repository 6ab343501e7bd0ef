"""The rows of the sizing (`advisor.traffic.size`): a SiteResult per site, a LinkResult row per link, each site's
links, and the results built from the rows without re-validation.

At 10,000 sites building 20,000 results is most of what the sizing costs, and most of that is reaching objects
spread over memory: each site is read once (one C-level pass for the five fields the sizing needs), each link's
figures are C-level maps over the columns, a column whose every value is one object is written once into the
packet's head row rather than into every row, and the results' slots are set through their descriptors. The same
objects, the same IEEE operations on the same operands in the same order, as the formula written for one site or
one link (tests/core/test_sizing_columns.py keeps those and compares, field by field, bit for bit).
"""

from __future__ import annotations

from collections import deque
from itertools import compress, repeat
from operator import add, attrgetter, eq, getitem, gt, is_, itemgetter, mul, setitem, truediv

from advisor import erlang, erlang_batch
from advisor.demand_bounds import site_phones
from advisor.findings import trusted_many
from advisor.model import Design
from advisor.results import LinkResult, SiteResult

NOISE_ERLANGS = 1e-9  # differences of sums leave ~1e-16 where a site truly offers nothing
_ID = attrgetter("id")
_SITE, _TO = itemgetter(0), itemgetter(1)
_SITE_FIELDS, _GATEWAY_FIELD = itemgetter("id", "name", "users", "phones", "pstn_gateway"), itemgetter(4)
LINK_ROW = dict.fromkeys(LinkResult.model_fields)


def site_results(design: Design, loads, pstn_erl: list[float], wan: list[float], pstn_i: int | None,
                 haul=(), bounded: dict[str, int] | None = None) -> tuple[SiteResult, ...]:
    """One SiteResult per site. Derived values of known types: built without re-validation (`trusted_many`).

    A gateway's PSTN trunks: Erlang B on the PSTN traffic at it, at most the phones it serves (`served_phones`): a
    PSTN call holds one of them, and a phone holds one call at a time. `bounded` receives, per site whose trunks
    that bound lowers, Erlang B's figure."""
    sites = design.sites
    gos = design.traffic.gos
    # each site read once, in one C-level pass: (id, name, users, phones, PSTN gateway), from its attribute dict
    # (the very objects its attributes read, in a fraction of the cost of five attribute reads on a model)
    fields = list(map(_SITE_FIELDS, map(vars, sites)))
    gateway = list(map(_GATEWAY_FIELD, fields))
    if pstn_i is not None:
        gateway[pstn_i] = True  # the PSTN site is a gateway
    trunks: dict[float, int] = {}  # Erlang B per load: thousands of sites share a few
    gateways = [0.0 if pstn < NOISE_ERLANGS else pstn for pstn in compress(pstn_erl, gateway)]
    if len(gateways) >= erlang_batch.BATCH_MIN:  # thousands of gateways with loads of their own: one batch
        trunks = erlang_batch.trunks_many(gateways, gos)
    rows = []
    append = rows.append
    for i, ((sid, name, users, phones, _gw), is_gateway, erl, intra, on_net, pstn, wan_i, kbps) in enumerate(zip(
            fields, gateway, loads.erlangs, loads.intra, loads.on_net, pstn_erl, wan, loads.phones_kbps,
            strict=True)):
        pstn_trunks = 0
        if is_gateway:
            a = 0.0 if pstn < NOISE_ERLANGS else pstn
            pstn_trunks = trunks.get(a)
            if pstn_trunks is None:
                pstn_trunks = trunks[a] = erlang.trunks(a, gos)
            if pstn_trunks > users and (phones is None or pstn_trunks > phones):  # more than its own phones
                served = served_phones(design, i, pstn_i, haul)
                if pstn_trunks > served:
                    if bounded is not None:
                        bounded[sid] = pstn_trunks
                    pstn_trunks = served
        append({
            "id": sid, "name": name, "users": users, "phones": users if phones is None else phones,
            "erlangs": erl, "intra_erlangs": intra, "on_net_erlangs": on_net, "pstn_erlangs": pstn,
            "pstn_trunks": pstn_trunks, "wan_erlangs": 0.0 if wan_i < NOISE_ERLANGS else wan_i,
            "signalling_kbps": kbps})
    return tuple(trusted_many(SiteResult, rows))


def served_phones(design: Design, i: int, pstn_i: int | None, haul) -> int:
    """The phones the PSTN gateway of site `i` serves: per site the larger of its users and its phones (users may
    call from soft clients, as the link bound counts them), its own plus those of every site whose PSTN calls are
    hauled to it (`demand.Routed.haul`: (site, PSTN site, Erlangs), all to the PSTN site)."""
    sites = design.sites
    own = site_phones(sites[i])
    if i != pstn_i or not haul:
        return own
    hauled = compress(map(_SITE, haul), map(eq, map(_TO, haul), repeat(i)))  # every entry, as hauls go
    return own + sum(map(site_phones, map(sites.__getitem__, hauled)))


def site_links(site_ids: list[str], link_ids: list[str], ends_a: list[str], ends_b: list[str]
               ) -> dict[str, list[str]]:
    """Site id -> the ids of the links touching it, in link order; ends that are no site (clouds) are skipped."""
    site_links: dict[str, list[str]] = {sid: [] for sid in site_ids}
    get = site_links.get
    for lid, a, b in zip(link_ids, ends_a, ends_b, strict=True):
        ids = get(a)
        if ids is not None:
            ids.append(lid)
        ids = get(b)
        if ids is not None:
            ids.append(lid)
    return site_links


def fill(rows: list[dict], columns) -> None:
    """Write each (field, column) of `columns` into `rows`, a column at a time: C-level loops instead of a dict built
    per link. The rows hold every field already (copies of `LINK_ROW`), so the declared field order stays; every
    column must have a value per row."""
    n = len(rows)
    for name, column in columns:
        if len(column) != n:
            raise ValueError(f"{name}: {len(column)} values for {n} rows")
        deque(map(setitem, rows, repeat(name), column), 0)


def one_value(column: list) -> bool:
    """Whether every value of `column` is the very object of its first (so one value stands for all, bit for bit)."""
    return bool(column) and all(map(is_, column, repeat(column[0])))


def link_rows(heads: dict[int, dict], kinds: list[int] | None, llq_limit: float, erlangs: list[float],
              calls: list[int], hairpin: list[float], signalling: list[float], cluster: list[float],
              capacity: list[float]) -> list[dict]:
    """A LinkResult row per position (id, a and b left to the caller): its packet's figures (`heads`, each row's
    head `kinds[k]`; None: the one head everywhere), then voice = calls × per-call kbps, total = (voice + signalling) +
    cluster, utilization = total ÷ capacity and the priority-queue share voice ÷ capacity, each by a C-level map over
    the columns: the same IEEE operations, in the same order, as the formula written for one link. A column whose
    every value is one object (no hairpinning, no clustering) goes into the heads rather than into each row."""
    m = len(kinds) if kinds is not None else len(calls)
    given = (("erlangs", erlangs), ("calls", calls), ("signalling_kbps", signalling), ("capacity_kbps", capacity),
             ("hairpin_erlangs", hairpin), ("cluster_kbps", cluster))
    for name, column in given:
        if len(column) != m:
            raise ValueError(f"{name}: {len(column)} values for {m} rows")
    same = {name: column[0] for name, column in given if one_value(column)}
    if same:
        heads = {k: {**head, **same} for k, head in heads.items()}
    if kinds is None:
        head = next(iter(heads.values())) if m else {}
        rows = list(map(dict.copy, repeat(head, m)))
        per_call: list[float] | repeat[float] = repeat(head["per_call_kbps"] if m else 0.0, m)
    else:
        rows = list(map(dict.copy, map(heads.__getitem__, kinds)))
        per_call = list(map(getitem, rows, repeat("per_call_kbps")))
    voice = list(map(mul, calls, per_call))
    total = list(map(add, map(add, voice, signalling), cluster))
    llq = list(map(truediv, voice, capacity))
    fill(rows, ((name, column) for name, column in (
        ("erlangs", erlangs), ("calls", calls), ("voice_kbps", voice), ("signalling_kbps", signalling),
        ("kbps", total), ("capacity_kbps", capacity), ("utilization", list(map(truediv, total, capacity))),
        ("llq_share", llq), ("hairpin_erlangs", hairpin), ("cluster_kbps", cluster)) if name not in same))
    for k in compress(range(m), map(gt, llq, repeat(llq_limit))):
        rows[k]["status"] = "llq"
    for k in compress(range(m), map(gt, total, capacity)):
        rows[k]["status"] = "overload"
    return rows
