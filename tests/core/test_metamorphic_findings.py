"""Metamorphic tests of everything else the analysis returns: the findings (code, severity, subjects, and the
figures and words of their texts, ids mapped), the VPN ranking and its reasons, the deployment model and its checks,
the worst mouth-to-ear delay and the pair it names, the security checklist and the conventions. The designs are
those of tests/core/test_metamorphic_analysis.py (every shape, round-trip times drawn so that no two paths tie).
Relations: sites, clouds and links listed in another order, link ends swapped, every id renamed, an empty cloud
added, every capacity scaled by 1,000 or halved (overload and priority-queue findings may only vanish or only
appear), users added at a branch (its link's load never falls; no overload appears where it cannot call), the
compiled loops off. Texts are compared as their words and figures, names aside: a list of sites follows the order
they are listed in. Each defect found, as the short sequence that shows it.

- VPN-NGE priced the AES-GCM saving on the first link listed: with two Internet links, one of them behind a NAT,
  IPsec with AES-CBC said 'the IP packet is 256 B instead of 264 B' with the NATed link second and '264 B instead
  of 272 B' with it first. Now NAT traversal's 8 B are counted when a NAT sits on some link, whatever the order.
- Where pairs tie exactly for the worst delay (a ring a-b-c-d of equal links: a-c and b-d; four sites alike on
  one cloud; three spokes alike behind a hub), the pair named followed the order the sites were listed in: a-c,
  d-b or c-a for the same ring. Now the smallest id among the sites at the worst delay, and of its partners at that
  delay the calling site with the smallest id.
- An empty cloud (no link reaches it) was named in the CAC values as a location 'used as a hub': a chain of leased
  lines and a cloud no link reaches said "each cloud ('spare') a location without endpoints used as a hub".
- An empty cloud beside the one cloud the sites are on made the sites no WAN path reaches read "each cloud is a
  network of its own: sites on two clouds meet only through a site on both" (there is one cloud to meet on).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter

import pytest

from advisor import routing_compiled
from advisor.analysis import analyse
from advisor.model import Design
from tests.core.test_metamorphic_analysis import DESIGNS, LABELS, _edited

_QUOTED = re.compile(r"(?<![A-Za-z])'[^']*?'(?![A-Za-z])")  # a name quoted, not an apostrophe (the hub's)
_NUMBER = re.compile(r"(?<![A-Za-z\d.])\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")


def _text(s: str):
    """A text as its words and figures, quoted names left out (their order follows the design's)."""
    s = _QUOTED.sub("", s)
    figures = sorted(_NUMBER.findall(s), key=lambda x: float(x.replace(",", "")))
    return Counter(_WORD.findall(_NUMBER.sub("", s))), figures


def _same_text(x: str, y: str) -> bool:
    """The same words, and the same figures up to one unit of the last digit shown (a sum added in another order
    can round the other way at a half)."""
    (wx, fx), (wy, fy) = _text(x), _text(y)
    if wx != wy or len(fx) != len(fy):
        return False
    for a, b in zip(fx, fy, strict=True):
        places = len(a.split(".")[1]) if "." in a else 0
        if not math.isclose(float(a.replace(",", "")), float(b.replace(",", "")), abs_tol=1.01 * 10 ** -places):
            return False
    return True


def _shown(results, name=lambda i: i) -> dict:
    """What the analysis tells beyond the figures, ids through `name`, texts as they read."""
    rec, model, delay = results.recommendation, results.model, results.delay
    return {
        "findings": sorted((f.code, f.severity, tuple(sorted(map(name, f.subjects))), f.rule,
                            name(f.message), name(f.rationale), name(f.remedy)) for f in results.findings),
        "ranking": [(c.technology, c.score, c.fits, c.tunnels, c.key_servers,
                     sorted((r.rule, r.positive, name(r.text)) for r in c.reasons)) for c in rec.ranking],
        "choice": (rec.technology, rec.chosen, sorted((name(k), v) for k, v in rec.per_cloud.items())),
        # a transport's `chosen` is its first cloud's technology (docs/check-json.md): left out here
        "transports": sorted((t.transport, t.technology, tuple(sorted(map(name, t.links))),
                              tuple(c.technology for c in t.ranking)) for t in rec.per_transport),
        "model": (model.detected, model.intended, sorted(map(name, model.call_processing_sites)),
                  sorted((name(k), sorted(map(name, v))) for k, v in model.clusters.items()),
                  sorted((verdict, name(check), name(detail)) for check, verdict, detail in model.checks)),
        "delay": None if delay is None else (round(delay.total_ms, 9), frozenset((name(delay.a), name(delay.b))),
                                            delay.hub and name(delay.hub), delay.terms),
        "checklist": sorted((c.control, name(c.site), c.status, c.title, c.rationale) for c in results.checklist),
        "mtu": results.mtu and results.mtu.model_dump(),
        "conventions": {k: name(v) for k, v in results.conventions.items()},
    }


def _texts_of(value) -> list:
    """The strings of a nested value, in order, and the rest of it with each string replaced by a marker."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts_of(v)]
    if isinstance(value, dict):
        return [t for k in sorted(value) for t in _texts_of(value[k])]
    return []


def _skeleton(value):
    if isinstance(value, str):
        return "…"
    if isinstance(value, (list, tuple, frozenset)):
        return [_skeleton(v) for v in (sorted(value) if isinstance(value, frozenset) else value)]
    if isinstance(value, dict):
        return {k: _skeleton(v) for k, v in sorted(value.items())}
    if isinstance(value, float):
        return round(value, 9)
    return value if not hasattr(value, "model_dump") else _skeleton(value.model_dump())


def _words_figures(row) -> tuple[str, list[float]]:
    words, figures = _text(" | ".join(_texts_of(row)))
    return repr(sorted(words.items())), [float(x.replace(",", "")) for x in figures]


def _differences(before: dict, after: dict) -> list[str]:
    out = []
    for key in before:
        b, a = before[key], after[key]
        if b != a and key in _ROWS:
            b, a = _ROWS[key](b), _ROWS[key](a)
        if _skeleton(b) != _skeleton(a):
            out.append(f"{key}: {str(b)[:300]} became {str(a)[:300]}")
            continue
        for x, y in zip(_texts_of(b), _texts_of(a), strict=True):
            if x != y and not _same_text(x, y):
                out.append(f"{key}: {x[:300]!r} became {y[:300]!r}")
                break
    return out


def _by_texts(rows, fixed: int) -> list:
    """Rows sorted by their first `fixed` fields, then their texts' words and figures (names aside)."""
    return sorted(rows, key=lambda r: (repr(r[:fixed]), *_words_figures(r[fixed:])))


_ROWS = {  # how the rows of a part are matched when their texts differ
    "findings": lambda v: _by_texts(v, 4),
    "checklist": lambda v: _by_texts([(c, st, s, t, r) for c, s, st, t, r in v], 2),
    "ranking": lambda v: [(*c[:5], _by_texts(c[5], 2)) for c in v],
    "model": lambda v: (*v[:4], _by_texts(v[4], 1)),
    "delay": lambda v: v and (v[0], sorted(v[1]), *v[2:]),
}


_BASE: dict[str, object] = {}


def _base(label: str, design: Design):
    if label not in _BASE:
        _BASE[label] = analyse(design, checklist=True)
    return _BASE[label]


@pytest.mark.parametrize(("label", "design"), DESIGNS, ids=LABELS)
def test_the_order_of_sites_clouds_and_links_changes_nothing_said(label, design):
    rnd = random.Random(label + "order")
    shuffled = _edited(design, lambda d: [rnd.shuffle(d[k]) for k in ("sites", "clouds", "links")])
    before, after = _base(label, design), analyse(shuffled, checklist=True)
    assert not _differences(_shown(before), _shown(after))
    if before.delay is not None:  # the very pair, in the same direction (exact ties: the smallest ids)
        assert (after.delay.a, after.delay.b) == (before.delay.a, before.delay.b)


@pytest.mark.parametrize(("label", "design"), DESIGNS, ids=LABELS)
def test_which_end_of_a_link_is_written_first_changes_nothing_said(label, design):
    rnd = random.Random(label + "ends")

    def swap(data):
        for ln in data["links"]:
            if rnd.random() < 0.5:
                ln["a"], ln["b"] = ln["b"], ln["a"]

    before, after = _base(label, design), analyse(_edited(design, swap), checklist=True)
    assert not _differences(_shown(before), _shown(after))


@pytest.mark.parametrize(("label", "design"), DESIGNS, ids=LABELS)
def test_renaming_every_id_and_cluster_changes_nothing_said_but_the_ids(label, design):
    rnd = random.Random(label + "ids")
    ids = [*(s.id for s in design.sites), *(c.id for c in design.clouds), *(ln.id for ln in design.links),
           *sorted({s.cluster_id for s in design.sites})]
    new = dict(zip(ids, (f"Q{n}Q" for n in rnd.sample(range(10 * len(ids)), len(ids))), strict=True))
    back = {v: k for k, v in new.items()}

    def rename(data):
        for key in ("sites", "clouds", "links"):
            for item in data[key]:
                item["id"] = new[item["id"]]
        for s in data["sites"]:
            s["cluster_id"] = new[s["cluster_id"]]
        for ln in data["links"]:
            ln["a"], ln["b"] = new[ln["a"]], new[ln["b"]]
        for policy, key in (("vpn", "hub_site"), ("traffic", "central_pstn_site")):
            if data[policy].get(key):
                data[policy][key] = new[data[policy][key]]

    before, after = _base(label, design), analyse(_edited(design, rename), checklist=True)
    assert not _differences(_shown(before), _shown(after, lambda s: re.sub(r"Q\d+Q", lambda m: back[m[0]], s)))


@pytest.mark.parametrize(("label", "design"), DESIGNS, ids=LABELS)
def test_an_empty_cloud_added_changes_nothing_said(label, design):
    after = analyse(_edited(design, lambda d: d["clouds"].append({"id": "zz-empty", "kind": "internet"})),
                    checklist=True)
    assert not _differences(_shown(_base(label, design)), _shown(after))


_CAPACITY = {"BW-LINK-OVERLOAD", "BW-LLQ-SHARE", "DEP-COW-BANDWIDTH"}
_RANK = {"ok": 0, "llq": 1, "overload": 2}


def _capacity_findings(results) -> set:
    return {(f.code, s) for f in results.findings if f.code in _CAPACITY for s in f.subjects}


@pytest.mark.parametrize(("label", "design"), DESIGNS, ids=LABELS)
def test_more_capacity_adds_no_overload_and_less_removes_none(label, design):
    before = _base(label, design)
    big = analyse(_edited(design, lambda d: [ln.update(capacity_kbps=1000 * ln["capacity_kbps"]) for ln in d["links"]]))
    half = analyse(_edited(design, lambda d: [ln.update(capacity_kbps=ln["capacity_kbps"] / 2) for ln in d["links"]]))
    assert _capacity_findings(big) <= _capacity_findings(before) <= _capacity_findings(half)
    for b, g, h in zip(before.links, big.links, half.links, strict=True):
        assert _RANK[g.status] <= _RANK[b.status] <= _RANK[h.status]


def _parts(design: Design):
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for ln in design.links:
        parent[find(ln.a)] = find(ln.b)
    return find


@pytest.mark.parametrize(("label", "design"), DESIGNS, ids=LABELS)
def test_users_added_at_a_branch_never_lower_its_link_nor_overload_a_part_it_cannot_call(label, design):
    # a branch on one link: that link carries only its own calls and signalling (a site on several links, or one
    # other sites' calls cross, can see them fall: the gravity model sends the others' calls to it instead)
    ends = Counter(e for ln in design.links for e in (ln.a, ln.b))
    leaves = [s.id for s in design.sites if ends[s.id] == 1 and s.id != design.vpn.hub_site]
    if not leaves:
        pytest.skip("no branch on a single link")
    site = random.Random(label).choice(leaves)
    before = _base(label, design)
    after = analyse(_edited(design, lambda d: [s.update(users=s["users"] + 50) for s in d["sites"]
                                               if s["id"] == site]))
    for b, a in zip(before.links, after.links, strict=True):
        if site in (b.a, b.b):
            assert a.erlangs >= b.erlangs - 1e-9 and a.kbps >= b.kbps - 1e-9
    part, end = _parts(design), {ln.id: ln.a for ln in design.links}
    for _code, subject in _capacity_findings(after) - _capacity_findings(before):
        assert part(end.get(subject, subject)) == part(site)


def test_the_compiled_loops_off_change_nothing_said(monkeypatch):
    """A 1,200-site ring with varied figures (its trees compiled) analysed with and without the compiled loops."""
    if not routing_compiled.available():
        pytest.skip("numba is not installed here")
    from tests.core.test_metamorphic_analysis import _generated, analysed_both_ways
    compiled, interpreted = analysed_both_ways(_generated("ring", 1200, 8, True), monkeypatch, checklist=True)
    assert _shown(interpreted) == _shown(compiled)
    assert interpreted.delay == compiled.delay


# ---- the defects, each by hand


def _nat_pair(order: list[int]) -> Design:
    links = [{"id": "la", "a": "a", "b": "inet"}, {"id": "lb", "a": "b", "b": "inet", "nat": True}]
    return Design.model_validate({
        "sites": [{"id": "a", "users": 20, "kind": "hq", "cucm_publisher": True}, {"id": "b", "users": 20}],
        "clouds": [{"id": "inet", "kind": "internet"}], "links": [links[k] for k in order],
        "vpn": {"technology": "ipsec", "cipher": "aes-cbc"}, "voice": {"codec": "g711", "ptime_ms": 20}})


@pytest.mark.parametrize("order", [[0, 1], [1, 0]])
def test_the_aes_gcm_saving_counts_nat_traversal_whatever_the_order(order):
    # G.711 at 20 ms: 160 + 12 + 8 + 20 = 200 B. IPsec tunnel mode, AES-CBC + SHA1-96: 20 (new IP) + 8 (SPI, seq)
    # + 16 (IV) + pad(200 + 2 → 208) + 12 (ICV) = 264 B; AES-GCM: 20 + 8 + 8 + pad(202 → 204 by 4) + 16 = 256 B;
    # NAT traversal adds UDP 8 B to each: 272 and 264 B
    nge = [f.message for f in analyse(_nat_pair(order)).findings if f.code == "VPN-NGE"]
    assert len(nge) == 1 and nge[0].endswith("the IP packet is 264 B instead of 272 B")


def _tied(shape: str, order: list[int]) -> Design:
    sites = [{"id": x, "users": 50, "kind": "hq" if x == "a" else "branch", "cucm_publisher": x == "a"}
             for x in "abcd"]
    if shape == "ring":
        links = [{"id": x + y, "a": x, "b": y, "rtt_ms": 100} for x, y in ("ab", "bc", "cd", "da")]
        clouds = []
    else:
        links = [{"id": "l" + x, "a": x, "b": "w", "rtt_ms": 100} for x in "abcd"]
        clouds = [{"id": "w", "kind": "mpls" if shape == "cloud" else "internet"}]
    vpn = {"technology": "gre-ipsec", "hub_site": "a"} if shape == "hub" else {"technology": "none"}
    return Design.model_validate({"sites": [sites[k] for k in order], "clouds": clouds,
                                  "links": [links[k] for k in order], "vpn": vpn})


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1], [1, 3, 0, 2]])
@pytest.mark.parametrize(("shape", "pair"), [("ring", ("a", "c")), ("cloud", ("a", "b"))])
def test_pairs_tied_for_the_worst_delay_name_the_smallest_ids_whatever_the_order(shape, pair, order):
    # two links between the farthest sites either way: G.711 0.125 + packetization 20 + 2 × (50 ms of propagation
    # + a 218 B Ethernet frame at 2,048 kbps, 0.8515625 ms) + jitter buffer 60 = 181.828125 ms, for a-c and b-d
    # on the ring, for every pair on the cloud
    delay = analyse(_tied(shape, order)).delay
    assert (delay.a, delay.b) == pair
    assert delay.total_ms == pytest.approx(0.125 + 20 + 2 * (50 + 218 * 8 / 2048) + 60, abs=1e-9)


@pytest.mark.parametrize("order", [[0, 1, 2, 3], [3, 2, 1, 0], [2, 3, 0, 1], [1, 3, 0, 2]])
def test_spokes_tied_through_the_hub_name_the_smallest_ids_whatever_the_order(order):
    # GRE over IPsec hub a: b, c and d are alike, each pair of them as far apart through the hub
    delay = analyse(_tied("hub", order)).delay
    assert (delay.a, delay.b, delay.hub) == ("b", "c", "a")


def test_a_cloud_no_link_reaches_is_no_cac_location():
    chain = {"sites": [{"id": s, "users": 30, "kind": "hq" if s == "a" else "branch", "cucm_publisher": s == "a"}
                       for s in "abc"],
             "links": [{"id": "ab", "a": "a", "b": "b"}, {"id": "bc", "a": "b", "b": "c"}]}
    spare = json.loads(json.dumps(chain)) | {"clouds": [{"id": "spare", "kind": "internet"}]}
    cac = [[f.message for f in analyse(Design.model_validate(d)).findings if f.code == "DEP-CAC-VALUES"]
           for d in (chain, spare)]
    assert cac[0] == cac[1] and len(cac[0]) == 1 and "each cloud" not in cac[1][0]


def test_a_cloud_no_link_reaches_does_not_split_the_wan_in_words():
    data = {"sites": [{"id": "a", "users": 30, "kind": "hq", "cucm_publisher": True}, {"id": "b", "users": 30},
                      {"id": "c", "users": 30}],
            "clouds": [{"id": "w", "kind": "mpls"}, {"id": "spare", "kind": "internet"}],
            "links": [{"id": "la", "a": "a", "b": "w"}, {"id": "lb", "a": "b", "b": "w"}]}  # c: no link
    found = [f.message for f in analyse(Design.model_validate(data)).findings if f.code == "DEP-UNREACHABLE"]
    assert len(found) == 1 and "'c'" in found[0] and "each cloud is a network of its own" not in found[0]
