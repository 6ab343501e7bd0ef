"""The speed paths of `advisor check --json` give the very same answers as the plain ones: designs validated from
the bytes (`io._fast`) equal the checked path's, and the checklist encoded per site configuration with the ids
spliced in is byte for byte the serializer's own encoding of the rows."""

from __future__ import annotations

import io as stdio
import json
import random
from pathlib import Path

import pytest
from pydantic_core import to_json

from advisor import io
from advisor.analysis import analyse
from advisor.cli.check_cmd import _tree, json_bytes, json_pieces, write_json
from advisor.model import Design, SecurityControls
from advisor.rules import security

ROOT = Path(__file__).resolve().parents[2]
DESIGNS = sorted((ROOT / "resources" / "examples").glob("*.json")) + sorted(
    (ROOT / "tests" / "data" / "acceptance").glob("*.json"))[::6]


def _many_sites(n: int = 60) -> Design:
    """Sites of several configurations (phones or none, public-area phones, call processing, routers, SRST)."""
    sites = [{"id": "hq", "kind": "hq", "users": 300, "cucm_publisher": True, "cucm_subscribers": 1,
              "security": {"firewall": True, "application_inspection": True}}]
    for i in range(n):
        sites.append({"id": f"b-{i}.x", "name": f"Zweigstelle Zürich {i}", "users": (0, 12, 40)[i % 3],
                      "public_area_phones": 2 if i % 3 and i % 4 == 0 else 0,
                      "survivability": ("srst", "none")[i % 2], "srst_platform": "2821" if i % 2 == 0 else None,
                      "security": {"voice_vlan": i % 5 == 0, "pc_port_disabled": i % 7 == 0}})
    links = [{"id": f"l{i}", "a": f"b-{i}.x", "b": "wan"} for i in range(0, n, 2)] + [
        {"id": "lhq", "a": "hq", "b": "wan", "capacity_kbps": 100000}]
    return Design.model_validate({"name": "Many", "sites": sites, "links": links,
                                  "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "voice": {"security_mode": "authenticated"}})


def _cases():
    out = []
    for path in DESIGNS:
        try:
            out.append((path.stem, io.load(path)))
        except io.DesignFileError:  # the acceptance set holds invalid designs too
            continue
    return [*out, ("many", _many_sites()), ("distinct", _distinct_sites("non-secure")),
            ("distinct-encrypted", _distinct_sites("encrypted"))]


def _distinct_sites(mode: str, n: int = 80) -> Design:
    """Sites whose control settings nearly all differ (every flag drawn at random), with and without phones,
    public-area phones, call processing and routers, with the device security mode `mode`: each
    configuration's rows are assembled from rows shared with the others."""
    rnd = random.Random(5)
    flags = list(SecurityControls.model_fields)
    sites = []
    for i in range(n):
        users = rnd.choice((0, 10, 40))
        sites.append({"id": f"s{i}", "users": users, "public_area_phones": rnd.choice((0, users)),
                      "cucm_publisher": i == 0, "cucm_subscribers": rnd.choice((0, 0, 1)),
                      "cluster_id": "c1", "security": {f: rnd.random() < 0.5 for f in flags}})
    links = [{"id": f"l{i}", "a": f"s{i}", "b": "wan"} for i in range(0, n, 3)]
    return Design.model_validate({"name": "Distinct", "sites": sites, "links": links,
                                  "clouds": [{"id": "wan", "kind": "mpls"}],
                                  "voice": {"security_mode": mode}})


@pytest.mark.parametrize(("name", "design"), _cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_spliced_checklist_is_the_serializers_own_bytes(name, design):
    results = analyse(design)
    technology = results.recommendation.chosen
    rows = security.checklist_json(design, technology)
    assert rows == [c.model_dump(mode="json") for c in security.checklist(design, technology)]
    tree = _tree(design, results, raw=True) | {"checklist": rows}
    plain = to_json(tree, indent=2)
    blocks = security.checklist_blocks(design, technology)
    assert b"".join(json_pieces(design, results, None, blocks)) == plain
    assert json_bytes(design, results, rows) == plain


def test_write_json_writes_the_spliced_bytes():
    design = _many_sites(30)
    results = analyse(design)
    stream = stdio.TextIOWrapper(stdio.BytesIO(), encoding="utf-8")
    write_json(design, results, stream)
    rows = security.checklist_json(design, results.recommendation.chosen)
    expected = to_json(_tree(design, results, raw=True) | {"checklist": rows}, indent=2) + b"\n"
    assert stream.buffer.getvalue() == expected
    ascii_stream = stdio.TextIOWrapper(stdio.BytesIO(), encoding="cp1252")
    write_json(design, results, ascii_stream)
    text = ascii_stream.buffer.getvalue().decode("ascii")
    assert json.loads(text) == json.loads(expected)


def test_a_design_without_checklist_rows_keeps_an_empty_list():
    design = Design()
    results = analyse(design)
    blocks = [(rows, site) for rows, site in security.checklist_blocks(design, "none") if site is not None]
    data = b"".join(json_pieces(design, results, None, blocks))
    assert json.loads(data)["checklist"] == []


@pytest.mark.parametrize("path", DESIGNS, ids=lambda p: p.stem)
def test_fast_load_equals_the_checked_path(path):
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    try:
        checked = io._checked(text, path.name)
    except io.DesignFileError as exc:
        with pytest.raises(io.DesignFileError) as again:
            io.parse(raw, path.name)
        assert str(again.value) == str(exc)
        return
    assert io.parse(raw, path.name) == checked
    fast = io._fast(text, raw if not raw.startswith(b"\xef\xbb\xbf") else None)
    assert fast is None or fast == checked


def test_fast_load_takes_what_it_should_and_leaves_the_rest():
    good = io.dumps(_many_sites(5))
    assert io._fast(good, good.encode()) == io._checked(good, "x")
    data = json.loads(good)
    for version in (True, 1.0, "1"):  # validation would take these as 1; the version check does not
        text = json.dumps(data | {"schema_version": version})
        assert io._fast(text, text.encode()) is None
        with pytest.raises(io.DesignFileError, match="schema_version"):
            io.parse(text.encode())
    unstated = json.dumps({k: v for k, v in data.items() if k != "schema_version"})
    assert io._fast(unstated, unstated.encode()) is None  # version 0: migrated on the checked path
    assert io.parse(unstated) == io._checked(good, "x")
    named = json.dumps(data | {"notes": "schema_version"})
    assert io._fast(named, named.encode()) is None and io.parse(named).notes == "schema_version"
    escaped = json.dumps(data | {"notes": "caf\u00e9 \U0001f600"})  # \\u escapes, a surrogate pair among them
    assert io.parse(escaped.encode()).notes == "caf\u00e9 \U0001f600"
    lone = json.dumps(data | {"notes": "\ud800"})
    with pytest.raises(io.DesignFileError, match="lone surrogate"):
        io.parse(lone.encode())


@pytest.mark.parametrize(("name", "design"), _cases()[::3], ids=lambda v: v if isinstance(v, str) else "")
def test_findings_and_sites_given_as_their_fields_serialize_as_the_models_do(name, design):
    results = analyse(design)
    rows = security.checklist_json(design, results.recommendation.chosen)
    models = _tree(design, results, raw=True) | {"checklist": rows, "findings": list(results.findings),
                                                 "sites": list(results.sites)}
    assert json_bytes(design, results, rows) == to_json(models, indent=2)


def test_a_figure_that_is_not_finite_is_written_as_null_as_the_models_write_it():
    design = _many_sites(4)
    results = analyse(design)
    site = results.sites[0].model_copy(update={"erlangs": float("inf"), "signalling_kbps": float("nan")})
    results = results.model_copy(update={"sites": (site, *results.sites[1:])})
    text = json_bytes(design, results).decode("utf-8")
    assert json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))["sites"][0]["erlangs"] is None
    assert to_json([site]) == b'[' + to_json(json.loads(text)["sites"][0]) + b']'  # what the model itself gives


def test_encoded_blocks_of_every_shape_are_the_serializers_bytes():
    """Rows with the site id once, rows without it, a single row, a configuration met again (its pieces looked up
    pair by pair), one with a row moved (a pair never met), ids that need escaping, and an empty block: the pieces
    joined are the serializer's own encoding of the rows with each site's id put in."""
    from advisor.cli.check_cmd import _encode_blocks

    site = security.SITE

    def row(control, status, with_site=True):
        return {"control": control, "title": f"title {control}", "threat": "t", "site": site if with_site else "",
                "status": status, "rationale": "because"}

    a, b, c, d = row("A", "missing"), row("B", "in-place"), row("C", "n/a"), row("D", "missing", False)
    shapes = [((a, b, c), "s1"), ((a, b, c), "s2"), ((c, a), "s3"), ((d,), None), ((a,), "s4"), ((a,), "s5"),
              ((d, a, d, b), "s6"), ((d, a, d, b), "s7"), ((), "s8"), ((b, c, a, b), "s9"), ((a, b, c), 'q"uote'),
              ((d, d), None)]
    blocks = [(rows, sid) for rows, sid in shapes]
    expected_rows = [r if sid is None else {**r, "site": sid} if r["site"] == site else r
                     for rows, sid in shapes for r in rows]
    got = b"".join(_encode_blocks(blocks))
    expected = to_json({"checklist": expected_rows}, indent=2)
    prefix = b'{\n  "checklist": '
    assert expected.startswith(prefix)
    assert got == expected[len(prefix):-2]
    assert json.loads(got) == expected_rows
