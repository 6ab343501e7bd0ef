"""The per-site rows of the security checklist (`security.checklist`, `security.checklist_blocks`), column by column.

A site's rows are four groups in turn: LAN and endpoints where it has phones, firewall where it has call
processing, device planes where a WAN router connects it. Each group's rows depend only on that group's control
flags (and, for the endpoints, on public-area phones), so a group has few distinct outcomes (at most 2^7 × 2)
even where every site's 22 flags differ. A site's configuration is its four groups' numbers (each group's flags
numbered in order of first appearance) and whether it has phones, call processing, a WAN router and public-area
phones; each distinct configuration's rows are its groups' shared rows concatenated, column by column. Where
sites share settings (a generated design: a handful), the settings are numbered once per distinct configuration
instead of once per site (`settings_keys`). Every per-site and per-configuration step is a C-level pass: 10,000
sites whose settings all differ are 10,000 configurations (SPEC §5).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import compress, count, repeat
from operator import add, attrgetter, eq, getitem, itemgetter, lt, not_

from advisor.model import Design
from advisor.rules._columns import link_columns, per_design
from advisor.rules._wan import site_columns
from advisor.rules.security_controls import ENDPOINT, FIREWALL, LAN, NFP, Control

__all__ = ["FEW_OTHERS", "NEEDS", "applying", "router_sites", "settings_keys", "site_blocks"]

# PC ports matter only where phones stand in public areas; CTL and TLS proxy only when signalling uses TLS
NEEDS = {"EP-PC-PORT": "public", "EP-CTL": "secure", "FW-TLS-PROXY": "secure"}


def applying(public: bool, secure: bool) -> dict[str | None, bool]:
    """Whether a control applies, by what it needs (`NEEDS`; None: nothing), at a site with or without
    public-area phones in a design whose signalling does or does not use TLS."""
    return {None: True, "public": public, "secure": secure}


def router_sites(design: Design) -> set[str]:
    """The ends of the design's links (its per-design link columns, which the analysis has already read), worked
    out once per analysis (`per_design`: the SEC checks and the checklist both read it); read, never changed."""
    memo = per_design(design)
    got = memo.get("router_sites")
    if got is None:
        cols = link_columns(design)
        got = memo["router_sites"] = set(cols.a).union(cols.b)
    return got


class _Codes(dict):
    """Numbers each key it is asked for, 0, 1, 2, … in order of first appearance: a miss runs this Python method,
    a hit is a C-level lookup (a group has a few dozen distinct values however many sites read it)."""

    __slots__ = ()

    def __missing__(self, key):
        code = self[key] = len(self)
        return code


# The groups in row order: controls, and a reader of their flags (in that order) from a settings' `__dict__`
_GROUPS = tuple((group, itemgetter(*(c.field for c in group))) for group in (LAN, ENDPOINT, FIREWALL, NFP))
_DICT, _SECURITY, _PUBLIC = attrgetter("__dict__"), attrgetter("security"), attrgetter("public_area_phones")

Rows = tuple  # a site's rows: what `row` makes of each (control, status), shared by the sites that share them


def site_blocks(design: Design, row: Callable[[Control, str], object], wanted: set[str] | None = None
                ) -> list[tuple[Rows, str]]:
    """(rows, site id) per site with rows (only the `wanted` ones when given), in design order: `row(control,
    status)` per item, called once per (control, status); one rows tuple per distinct site configuration, shared
    by its sites."""
    sites, cols = design.sites, site_columns(design)
    routers = router_sites(design)
    ids = cols.ids
    columns = (list(map(_DICT, map(_SECURITY, sites))), list(map(lt, repeat(0), cols.phones)),
               list(map(lt, repeat(0), cols.nodes)), list(map(routers.__contains__, ids)),
               list(map(lt, repeat(0), map(_PUBLIC, sites))))
    if wanted is not None:
        mask = list(map(wanted.__contains__, ids))
        ids = list(compress(ids, mask))
        columns = tuple(list(compress(column, mask)) for column in columns)
    settings, phones, nodes, router, public = columns
    if not settings:
        return []
    codes = tuple(_Codes() for _ in _GROUPS)
    same = settings_keys(settings)
    if same is None:  # nearly every site's settings differ: number each group's flags site by site
        # per site: its four group numbers, then whether it has phones, call processing, a WAN router, public phones
        # (each group numbered in a pass of its own, which keeps its numbering in cache: faster than all in step)
        keys = list(zip(*map(list, _numbers(codes, settings)), phones, nodes, router, public, strict=True))
        memo: dict[tuple, Rows] = dict.fromkeys(keys)  # per distinct configuration, in order of first appearance
        configs = zip(*memo, strict=True)
    else:  # sites share settings: number the groups' flags once per distinct configuration (its first site's)
        keys = list(zip(same, phones, nodes, router, public, strict=True))
        memo = {}
        deque(map(memo.setdefault, keys, settings), 0)
        configs = (*map(tuple, _numbers(codes, list(memo.values()))), *list(zip(*memo, strict=True))[1:])
    made: dict[tuple[str, str], object] = {}  # one row per (control, status)
    secure = design.voice.security_mode != "non-secure"
    tables = [_tables(group, list(code), secure, row, made) for (group, _), code in zip(_GROUPS, codes, strict=True)]
    lan, endpoint, firewall, planes, has_phones, has_nodes, has_router, has_public = configs
    # each distinct configuration's rows: per group, the table its presence (and public phones) picks, at its number
    groups = (map(getitem, map(tables[0].__getitem__, has_phones), lan),
              map(getitem, map(tables[1].__getitem__, zip(has_phones, has_public, strict=True)), endpoint),
              map(getitem, map(tables[2].__getitem__, has_nodes), firewall),
              map(getitem, map(tables[3].__getitem__, has_router), planes))
    memo = dict(zip(memo, map(add, map(add, map(add, *groups[:2]), groups[2]), groups[3]), strict=True))
    rows = list(map(memo.__getitem__, keys))
    return list(compress(zip(rows, ids, strict=True), rows))


def _numbers(codes: tuple[_Codes, ...], settings: list[dict]) -> list[Iterator[int]]:
    """Per group, each of the `settings`' number for its flags in that group (`codes`: the group's numbering)."""
    return [map(code.__getitem__, map(read, settings)) for code, (_, read) in zip(codes, _GROUPS, strict=True)]


FEW_OTHERS = 16  # `settings_keys`: one site in this many sampled; at most as many with settings of their own


def settings_keys(dicts: list[dict]) -> Iterable | None:
    """Per site, a key for its settings (a `SecurityControls`' `__dict__`): equal keys for equal settings, finer
    than the fields applicability reads, so never coarser than the configurations that differ: each site's control
    fields, in field order, read at C speed. Where nearly every site has the settings of one (the last: a branch),
    one compare per site and a shared key (None) instead, which saves building and hashing a tuple of every field
    per site. None where a sample says nearly every site's settings differ: configurations would save nothing, so
    `security._gaps` and `site_blocks` work per site."""
    values = map(tuple, map(dict.values, dicts))
    common = dicts[-1]
    sample = dicts[::FEW_OTHERS]
    if 4 * sample.count(common) < 3 * len(sample):  # settings vary
        if len(sample) >= FEW_OTHERS and 2 * len(set(map(tuple, map(dict.values, sample)))) > len(sample):
            return None
        return values
    others = list(compress(count(), map(not_, map(eq, dicts, repeat(common)))))
    if len(others) * FEW_OTHERS > len(dicts):
        return values
    keys: list = [None] * len(dicts)
    for i in others:
        keys[i] = tuple(dicts[i].values())
    return keys


def _tables(group: tuple[Control, ...], values: list[tuple], secure: bool,
            row: Callable[[Control, str], object], made: dict) -> dict:
    """A group's rows per number (`values`: its flags per number, in the group's order), keyed by what picks them:
    for the endpoints (has phones, has public-area phones), for the others whether the site has what the group
    needs (phones, call processing, a WAN router). Where it has not, no rows. `made` keeps one row per (control, status)."""
    def made_row(c: Control, status: str) -> object:
        got = made.get((c.id, status))
        if got is None:
            got = made[c.id, status] = row(c, status)
        return got

    def rows(public: bool) -> list[Rows]:
        applies = applying(public, secure)
        # per control: its rows when in place, when missing; the one row if it does not apply here
        outcomes = [(made_row(c, "in-place"), made_row(c, "missing")) if applies[NEEDS.get(c.id)]
                    else (made_row(c, "n/a"),) * 2 for c in group]
        return [tuple(map(getitem, outcomes, map(not_, flags))) for flags in values]

    none = [()] * len(values)
    if group is ENDPOINT:
        return {(False, False): none, (False, True): none, (True, False): rows(False), (True, True): rows(True)}
    return {False: none, True: rows(False)}
