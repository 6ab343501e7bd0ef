"""docs/check-json.schema.json: the committed schema is the one scripts/make_check_schema.py generates from the result
models, and the real output of `advisor check --json` validates against it.

`jsonschema` is not a dependency, so a small validator below covers the keywords the schema uses (and fails on any
other keyword, so it can never silently skip one).
"""

from __future__ import annotations

import functools
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.findings import CATALOGUE, SEVERITY_ORDER

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "docs" / "check-json.schema.json"
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))
ACCEPTANCE = ROOT / "tests" / "data" / "acceptance"
# A few acceptance designs that reach the less common parts of the output: a hybrid WAN (per_transport,
# per_cloud), clustering over the WAN (cluster_kbps), a hub overlay (hairpin), NAT, an empty design (mtu and
# delay null), a single site, sites without links, SIP signalling, an error design.
ACCEPTANCE_CASES = ("hybrid_mpls_internet", "hybrid_cloud_set_by_user", "cow_bandwidth_fire_3000",
                    "hairpin_fire_dmvpn_phase1", "tricky_nat_branch_dmvpn", "tricky_empty",
                    "tricky_sites_without_links", "signalling_sip", "getvpn_public_fire_internet",
                    "two_sites_key_servers", "overload_fire_347")
CASES = [pytest.param(p, id=p.stem) for p in EXAMPLES] + [
    pytest.param(ACCEPTANCE / f"{name}.json", id=name) for name in ACCEPTANCE_CASES]
# Object schemas that are maps (keys are ids or convention names), not closed records.
OPEN_MAPS = {"clusters", "per_cloud", "conventions"}


def _load_script():
    spec = importlib.util.spec_from_file_location("make_check_schema", ROOT / "scripts" / "make_check_schema.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@functools.cache
def check_json(path: Path) -> tuple[int, dict]:
    proc = subprocess.run([sys.executable, "-m", "advisor", "check", str(path), "--json"], capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


# ---- a validator for the subset of JSON Schema (2020-12) the file uses ----

ANNOTATIONS = {"$schema", "$id", "title", "description", "$defs"}
KNOWN = ANNOTATIONS | {"type", "properties", "required", "additionalProperties", "items", "prefixItems",
                       "minItems", "maxItems", "enum", "$ref", "anyOf"}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool) or isinstance(v, float) and v.is_integer(),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def errors(value, node: dict, root: dict, path: str = "$") -> list[str]:
    """Every violation of `node` by `value`, as 'path: problem' strings (empty when valid)."""
    unknown = set(node) - KNOWN
    if unknown:
        return [f"{path}: the test's validator does not know {sorted(unknown)}"]
    if "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/$defs/"), ref
        return errors(value, root["$defs"][ref[len("#/$defs/"):]], root, path)
    if "anyOf" in node:
        if any(not errors(value, option, root, path) for option in node["anyOf"]):
            return []
        return [f"{path}: matches none of anyOf"]
    out: list[str] = []
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        if not any(TYPES[t](value) for t in types):
            return [f"{path}: {value!r:.60} is not {'/'.join(types)}"]
    if "enum" in node and value not in node["enum"]:
        out.append(f"{path}: {value!r} not in {node['enum']}")
    if isinstance(value, dict):
        props = node.get("properties", {})
        for key in node.get("required", ()):
            if key not in value:
                out.append(f"{path}: missing {key!r}")
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                out += errors(item, props[key], root, f"{path}.{key}")
            elif extra is False:
                out.append(f"{path}: unexpected key {key!r}")
            elif isinstance(extra, dict):
                out += errors(item, extra, root, f"{path}.{key}")
    if isinstance(value, list):
        if "minItems" in node and len(value) < node["minItems"]:
            out.append(f"{path}: fewer than {node['minItems']} items")
        if "maxItems" in node and len(value) > node["maxItems"]:
            out.append(f"{path}: more than {node['maxItems']} items")
        prefix = node.get("prefixItems", [])
        for i, item in enumerate(value):
            if i < len(prefix):
                out += errors(item, prefix[i], root, f"{path}[{i}]")
            elif "items" in node:
                out += errors(item, node["items"], root, f"{path}[{i}]")
    return out


def object_schemas(node, where: str = "$"):
    """(where, schema) for every object schema in the tree."""
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield where, node
        for key, child in node.items():
            yield from object_schemas(child, f"{where}.{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from object_schemas(child, f"{where}[{i}]")


# ---- the schema file ----

def test_committed_schema_is_the_generated_one():
    script = _load_script()
    committed = SCHEMA_FILE.read_text(encoding="utf-8")
    assert committed == script.render(), (
        "docs/check-json.schema.json is stale: run .venv/bin/python scripts/make_check_schema.py")
    assert committed.endswith("}\n")


def test_closed_objects_are_closed_and_complete():
    seen = 0
    for where, node in object_schemas(schema()):
        name = where.rsplit(".", 1)[-1]
        if name in OPEN_MAPS:
            assert isinstance(node.get("additionalProperties"), dict) and "properties" not in node, where
            continue
        seen += 1
        assert node.get("additionalProperties") is False, where
        assert sorted(node["required"]) == sorted(node["properties"]), where
    assert seen >= 13  # the top level, totals and the eleven result models


def test_finding_codes_in_the_schema_are_the_catalogue():
    assert schema()["$defs"]["Finding"]["properties"]["code"]["enum"] == sorted(CATALOGUE)


def test_validator_rejects_what_it_should():
    _code, out = check_json(EXAMPLES[0])
    root = schema()
    assert errors(out, root, root) == []
    bad = json.loads(json.dumps(out))
    bad["surprise"] = 1
    del bad["totals"]["users"]
    bad["links"][0]["status"] = "fine"
    bad["links"][0]["calls"] = "7"
    bad["recommendation"]["ranking"][0]["fits"] = "maybe"
    bad["mtu"] = {"ip_mtu": 1400}
    bad["delay"] = {**(out["delay"] or {}), "terms": [["coder delay"]]}
    problems = "\n".join(errors(bad, root, root))
    for expected in ("unexpected key 'surprise'", "missing 'users'", "'fine' not in", "'7' is not integer",
                     "'maybe' not in", "$.mtu: matches none of anyOf", "$.delay: matches none of anyOf"):
        assert expected in problems, problems


# ---- real output ----

@pytest.mark.parametrize("path", CASES)
def test_check_json_output_validates(path: Path):
    code, out = check_json(path)
    root = schema()
    assert errors(out, root, root) == []
    assert code == (1 if out["totals"]["errors"] else 0)
    for f in out["findings"]:
        assert f["code"] in CATALOGUE, f["code"]
    severities = [f["severity"] for f in out["findings"]]
    assert out["totals"]["errors"] == severities.count("error")
    assert out["totals"]["warnings"] == severities.count("warning")
    keys = [(SEVERITY_ORDER[f["severity"]], f["code"], f["subjects"]) for f in out["findings"]]
    assert keys == sorted(keys), "findings are ordered by severity, code, subjects"
    assert out["model"] == out["deployment"]["detected"]
    assert [link["id"] for link in out["links"]] == [ln["id"] for ln in json.loads(
        path.read_text(encoding="utf-8")).get("links", [])]


def test_cases_reach_the_rare_parts():
    """The chosen designs exercise the optional and hybrid parts of the output, so the schema is tested there."""
    outs = [check_json(p.values[0])[1] for p in CASES]
    assert any(o["recommendation"]["per_transport"] for o in outs)
    assert any(o["recommendation"]["per_cloud"] for o in outs)
    assert any(o["mtu"] is None for o in outs) and any(o["mtu"] for o in outs)
    assert any(o["delay"] is None for o in outs) and any(o["delay"] for o in outs)
    assert any(link["cluster_kbps"] > 0 for o in outs for link in o["links"])
    assert any(link["hairpin_erlangs"] > 0 for o in outs for link in o["links"])
    assert any(c["fits"] == "blocked" for o in outs for c in o["recommendation"]["ranking"])
    assert any(o["totals"]["errors"] for o in outs) and any(not o["totals"]["errors"] for o in outs)
