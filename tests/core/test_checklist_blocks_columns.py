"""The per-site security checklist built column by column (`security_checklist.site_blocks`: per-group numbers,
shared rows per configuration) equals a plain site-by-site reading of the rules, on generated designs plain and
varied (every flag drawn at random per site), of several topologies and seeds, in every device security mode, with
sites without phones, without call processing, without a WAN router and with public-area phones; the rows tuples
stay shared where configurations repeat; and `check --json` spliced from the blocks is byte for byte the
serializer's own encoding of the rows."""

from __future__ import annotations

import io as stdio
import random
import sys
from pathlib import Path

import pytest
from pydantic_core import to_json

from advisor.analysis import analyse
from advisor.cli.check_cmd import _tree, json_pieces, write_json
from advisor.model import Design, SecurityControls
from advisor.results import ChecklistItem
from advisor.rules import security, security_checklist
from advisor.rules.security_controls import design_items

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402
from varied import vary  # noqa: E402

from tests.core.qos_security_plain import checklist_rows_plain  # noqa: E402

FLAGS = list(SecurityControls.model_fields)
MODES = ("non-secure", "authenticated", "encrypted")
TOPOLOGIES = ("mpls", "chain", "mesh", "tree")


def _design(topology: str, sites: int, seed: int, *, varied: bool, mode: str, settings: str = "as made",
            unrouted: bool = False) -> Design:
    """A generated design (`varied`: every per-site field drawn at random), in security mode `mode`. Plain ones get
    sites without phones and with public-area phones. `settings`: "as made", "few" (each site one of four random
    settings), "one in twenty" (the default but every twentieth site's own). `unrouted`: every third link dropped,
    which leaves sites without a WAN router."""
    design = generate(sites, topology, seed)
    if varied:
        design = vary(design, seed)
    data = design.model_dump()
    rnd = random.Random(seed)
    data["voice"]["security_mode"] = mode
    if not varied:
        for i, site in enumerate(data["sites"]):
            if i % 5 == 3:
                site["users"], site["phones"] = 0, None
            elif i % 4 == 1:
                site["public_area_phones"] = 1 + i % 3
    if settings == "few":
        choices = [{f: rnd.random() < 0.5 for f in FLAGS} for _ in range(4)]
        for site in data["sites"]:
            site["security"] = dict(rnd.choice(choices))
    elif settings == "one in twenty":
        for i, site in enumerate(data["sites"]):
            site["security"] = {f: rnd.random() < 0.5 for f in FLAGS} if i % 20 == 7 else {}
    if unrouted:
        data["links"] = [ln for k, ln in enumerate(data["links"]) if k % 3]
    return Design.model_validate(data)


def _expected(design: Design, technology: str) -> list[dict[str, str]]:
    return [item.model_dump(mode="json") for item in design_items(design, technology)] + checklist_rows_plain(design)


def _expanded(blocks) -> list[dict[str, str]]:
    return [row if site is None else {**row, "site": site} for rows, site in blocks for row in rows]


CASES = [pytest.param(topology, varied, mode, seed, settings, unrouted,
                      id=f"{topology}-{'varied' if varied else 'plain'}-{mode}-{seed}-{settings}"
                         + ("-unrouted" if unrouted else ""))
         for k, (topology, varied, mode) in enumerate(
             (t, v, m) for t in TOPOLOGIES for v in (False, True) for m in MODES)
         for seed, settings, unrouted in [(1 + k % 3, "as made", k % 4 == 1)]]
CASES += [pytest.param("mpls", False, mode, 4, settings, unrouted, id=f"mpls-{settings}-{mode}-{unrouted}")
          for mode in MODES for settings in ("few", "one in twenty") for unrouted in (False, True)]


@pytest.mark.parametrize(("topology", "varied", "mode", "seed", "settings", "unrouted"), CASES)
def test_blocks_equal_the_rules_read_site_by_site(topology, varied, mode, seed, settings, unrouted):
    design = _design(topology, 300, seed, varied=varied, mode=mode, settings=settings, unrouted=unrouted)
    technology = design.vpn.technology
    expected = _expected(design, technology)
    blocks = security.checklist_blocks(design, technology)
    assert _expanded(blocks) == expected
    assert all(row["site"] == security.SITE for rows, site in blocks if site is not None for row in rows)
    assert security.checklist_json(design, technology) == expected
    assert [item.model_dump(mode="json") for item in security.checklist(design, technology)] == expected
    wanted = [s.id for s in design.sites[1::37]] + ["no-such-site"]
    subset = [row for row in expected if row["site"] == "design" or row["control"] == "AV-SRST" or row["site"] in wanted]
    assert security.checklist(design, technology, wanted) == [ChecklistItem(**row) for row in subset]


def test_the_cases_take_every_way_of_keying_the_settings():
    """Varied designs: nearly every site's settings differ (numbered site by site); plain ones: one setting shared
    (a compare per site), four settings (their values), one site in twenty with its own."""
    def keys(**kw):
        design = _design("mpls", 300, 4, mode="non-secure", **kw)
        return security_checklist.settings_keys([s.security.__dict__ for s in design.sites])

    assert keys(varied=True) is None
    assert isinstance(keys(varied=False), list) and set(keys(varied=False)) == {None}
    few = keys(varied=False, settings="few")
    assert few is not None and not isinstance(few, list)
    assert isinstance(keys(varied=False, settings="one in twenty"), list)


@pytest.mark.parametrize("settings", ["as made", "few", "one in twenty"])
def test_repeated_configurations_share_one_rows_tuple(settings):
    """`check --json` encodes each rows tuple once (by identity): sites of one configuration share theirs."""
    design = _design("tree", 300, 2, varied=False, mode="authenticated", settings=settings)
    blocks = security.checklist_blocks(design, "none")
    per_site: dict[str, tuple] = {}
    for row in checklist_rows_plain(design):
        per_site[row["site"]] = (*per_site.get(row["site"], ()), (row["control"], row["status"]))
    site_blocks = [(rows, site) for rows, site in blocks if site is not None and rows[0]["control"] != "AV-SRST"]
    assert len(site_blocks) == len(per_site)
    assert len({id(rows) for rows, _ in site_blocks}) <= len(set(per_site.values())) < 40
    assert len({id(row) for rows, _ in site_blocks for row in rows}) <= 3 * len(FLAGS)


def test_sites_without_rows_and_designs_without_sites():
    data = {"name": "Bare", "sites": [{"id": "a"}, {"id": "b", "users": 0}], "voice": {"security_mode": "encrypted"}}
    bare = Design.model_validate(data)
    assert [site for _, site in security.checklist_blocks(bare, "none")] == [None]
    assert _expanded(security.checklist_blocks(bare, "none")) == _expected(bare, "none")
    assert security_checklist.site_blocks(Design(), security._pair) == []
    assert security.checklist(Design(), "none") == design_items(Design(), "none")


JSON_CASES = [("mpls", True, "encrypted", 7), ("chain", True, "non-secure", 3), ("mesh", True, "authenticated", 5),
              ("tree", True, "encrypted", 2), ("mpls", False, "non-secure", 7), ("tree", False, "encrypted", 1)]


@pytest.mark.parametrize(("topology", "varied", "mode", "seed"), JSON_CASES)
def test_check_json_is_the_serializers_own_bytes(topology, varied, mode, seed):
    design = _design(topology, 300, seed, varied=varied, mode=mode, unrouted=seed == 3)
    results = analyse(design)
    technology = results.recommendation.chosen
    rows = _expected(design, technology)
    plain = to_json(_tree(design, results, raw=True) | {"checklist": rows}, indent=2, inf_nan_mode="null")
    blocks = security.checklist_blocks(design, technology)
    assert b"".join(json_pieces(design, results, None, blocks)) == plain
    stream = stdio.TextIOWrapper(stdio.BytesIO(), encoding="utf-8")
    write_json(design, results, stream)
    assert stream.buffer.getvalue() == plain + b"\n"
