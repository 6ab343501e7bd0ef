"""The security checklist and the SEC gaps of sites whose settings nearly all differ (every control drawn at random)
equal a plain site-by-site reading of the rules: the shared rows and per-group memos change the speed only."""

from __future__ import annotations

import random

import pytest

from advisor.model import Design, SecurityControls
from advisor.rules import security
from tests.core.qos_security_plain import checklist_rows_plain, gaps_plain

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


CASES = [(mode, seed) for mode in ("non-secure", "authenticated", "encrypted") for seed in (1, 2)]


@pytest.mark.parametrize(("mode", "seed"), CASES)
def test_checklist_rows_read_site_by_site(mode, seed):
    design = _design(mode, seed)
    expected = [(r["control"], r["site"], r["status"]) for r in checklist_rows_plain(design)]
    items = security.checklist(design, "none")
    got = [(i.control, i.site, i.status) for i in items if i.site != "design" and i.control != "AV-SRST"]
    assert got == expected
    rows = security.checklist_json(design, "none")
    assert rows == [i.model_dump(mode="json") for i in items]


@pytest.mark.parametrize(("mode", "seed"), CASES)
def test_gaps_group_sites_as_a_plain_reading_does(mode, seed):
    design = _design(mode, seed)
    phone_sites, lan, planes, endpoint = gaps_plain(design)
    gaps = security._gaps(design)
    assert gaps.phone_sites == phone_sites
    assert list(gaps.lan.items()) == list(lan.items())  # the same groups, in order of first appearance
    assert list(gaps.planes.items()) == list(planes.items())
    assert list(gaps.endpoint.items()) == list(endpoint.items())
    assert len(gaps.lan) > 5 and len(gaps.endpoint) > 5  # the draw gives many distinct groups to compare
