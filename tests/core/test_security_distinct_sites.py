"""The security checklist and the SEC gaps of sites whose settings nearly all differ (every control drawn at random)
equal a plain site-by-site reading of the rules: the shared rows and per-group memos change the speed only."""

from __future__ import annotations

import random

import pytest

from advisor.model import Design, SecurityControls
from advisor.rules import security
from advisor.rules.security_controls import ENDPOINT, FIREWALL, LAN, NFP

FLAGS = list(SecurityControls.model_fields)


def _design(mode: str, seed: int, n: int = 120) -> Design:
    rnd = random.Random(seed)
    sites = []
    for i in range(n):
        users = rnd.choice((0, 0, 8, 30))
        sites.append({"id": f"s{i}", "users": users, "public_area_phones": rnd.choice((0, users)),
                      "cucm_publisher": i == 0, "cucm_subscribers": rnd.choice((0, 0, 1)),
                      "security": {f: rnd.random() < 0.5 for f in FLAGS}})
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "wan"} for i in range(0, n, 2)]
    return Design.model_validate({"name": "Distinct", "sites": sites, "links": links,
                                  "clouds": [{"id": "wan", "kind": "mpls"}], "voice": {"security_mode": mode}})


def _applies(control, site, secure: bool) -> bool:
    """The rule as written: PC ports matter only where phones stand in public areas; CTL and the TLS proxy only
    when signalling uses TLS."""
    if control.id == "EP-PC-PORT":
        return site.public_area_phones > 0
    if control.id in ("EP-CTL", "FW-TLS-PROXY"):
        return secure
    return True


def _routers(design: Design) -> set[str]:
    return {ln.a for ln in design.links} | {ln.b for ln in design.links}


CASES = [(mode, seed) for mode in ("non-secure", "authenticated", "encrypted") for seed in (1, 2)]


@pytest.mark.parametrize(("mode", "seed"), CASES)
def test_checklist_rows_read_site_by_site(mode, seed):
    design = _design(mode, seed)
    secure, routers = mode != "non-secure", _routers(design)
    expected = []
    for site in design.sites:
        groups = []
        if site.phone_count > 0:
            groups += [LAN, ENDPOINT]
        if site.call_processing_nodes > 0:
            groups.append(FIREWALL)
        if site.id in routers:
            groups.append(NFP)
        for group in groups:
            for c in group:
                status = ("n/a" if not _applies(c, site, secure) else
                          "in-place" if getattr(site.security, c.field) else "missing")
                expected.append((c.id, site.id, status))
    items = security.checklist(design, "none")
    got = [(i.control, i.site, i.status) for i in items if i.site != "design" and i.control != "AV-SRST"]
    assert got == expected
    rows = security.checklist_json(design, "none")
    assert rows == [i.model_dump(mode="json") for i in items]


@pytest.mark.parametrize(("mode", "seed"), CASES)
def test_gaps_group_sites_as_a_plain_reading_does(mode, seed):
    design = _design(mode, seed)
    secure, routers = mode != "non-secure", _routers(design)
    lan: dict = {}
    planes: dict = {}
    endpoint: dict = {}
    phone_sites = 0
    for site in design.sites:
        phones = site.phone_count > 0
        phone_sites += phones

        def lacking(group, site=site):
            return tuple(c for c in group if _applies(c, site, secure) and not getattr(site.security, c.field))

        if phones and (missing := lacking(LAN)):
            lan.setdefault(missing, []).append(site.id)
        if site.id in routers and (missing := lacking(security.PLANES)):
            planes.setdefault(missing, []).append(site.id)
        if phones and (missing := lacking(ENDPOINT)):
            open_port = site.public_area_phones > 0 and not site.security.pc_port_disabled
            endpoint.setdefault((missing, open_port), []).append(site.id)
    gaps = security._gaps(design)
    assert gaps.phone_sites == phone_sites
    assert list(gaps.lan.items()) == list(lan.items())  # the same groups, in order of first appearance
    assert list(gaps.planes.items()) == list(planes.items())
    assert list(gaps.endpoint.items()) == list(endpoint.items())
    assert len(gaps.lan) > 5 and len(gaps.endpoint) > 5  # the draw gives many distinct groups to compare
