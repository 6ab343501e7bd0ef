"""A design file of legal size whose lists hold millions of values is refused before they are built or validated
one by one: 60 MB of short strings where sites belong took 95 s and 22 GB (each item one validation problem) and
now takes a couple of seconds. Valid designs are never affected: commas inside texts do not count, and the largest
design sits far below every bound."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from advisor import io, json_bounds
from advisor.model import MAX_SITES, Design

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _no_validation(monkeypatch) -> None:
    """Fail if the design's items reach pydantic (compiled or not)."""
    monkeypatch.setattr(Design, "model_validate_json", classmethod(lambda *a, **k: pytest.fail("compiled parse")))
    monkeypatch.setattr(Design, "model_validate", classmethod(lambda *a, **k: pytest.fail("validated")))


def test_millions_of_values_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(json_bounds, "MAX_VALUES", 1000)
    _no_validation(monkeypatch)
    monkeypatch.setattr(io.json, "loads", lambda *a, **k: pytest.fail("parsed"))
    text = '{"name": "x", "sites": [' + ",".join(['"a"'] * 1500) + "]}"
    with pytest.raises(io.DesignFileError) as err:
        io.parse(text, "big.json")
    # 1,500 strings: 1,499 commas between them and the one after "x", so 1,501 values
    assert str(err.value) == "big.json: holds 1,501 JSON values, far more than any design (at most 1,000)"


def test_commas_inside_texts_do_not_count(monkeypatch):
    monkeypatch.setattr(json_bounds, "MAX_VALUES", 1000)
    design = Design.model_validate({"name": "," * 200, "notes": ",\\\"," * 400,
                                    "sites": [{"id": "a", "name": "," * 200}]})
    text = design.model_dump_json(indent=2)
    assert text.count(",") > 1000  # over the plain count ...
    assert io.parse(text, "commas.json") == design  # ... but not over the values


def test_a_long_list_of_non_objects_skips_the_compiled_parser_and_is_refused_by_length(monkeypatch):
    _no_validation(monkeypatch)
    text = '{"name": "x", "sites": [' + ",".join(['"a"'] * (MAX_SITES + 100_000)) + "]}"  # 480 kB, one object
    assert len(text) > json_bounds.SPARSE_FROM and not json_bounds.compiled_parse_safe(text)
    with pytest.raises(io.DesignFileError) as err:
        io.parse(text, "strings.json")
    assert str(err.value) == "strings.json: invalid design: sites: has too many items (at most 20,000)"


def test_more_objects_than_any_design_skip_the_compiled_parser(monkeypatch):
    _no_validation(monkeypatch)
    text = '{"links": [' + ",".join(["{}"] * (json_bounds.COMPILED_MAX_OBJECTS + 1)) + "]}"
    assert not json_bounds.compiled_parse_safe(text)
    with pytest.raises(io.DesignFileError) as err:
        io.parse(text, "objects.json")
    assert str(err.value) == "objects.json: invalid design: links: has too many items (at most 50,000)"


def test_the_length_guard_words_it_as_the_validation_does():
    sites = [{"id": f"s{i}"} for i in range(MAX_SITES + 1)]
    text = json.dumps({"name": "x", "sites": sites})
    assert json_bounds.compiled_parse_safe(text)  # dense enough: the compiled parser refuses it itself
    with pytest.raises(io.DesignFileError) as compiled:
        io.parse(text, "f.json")
    assert json_bounds.list_over_limit(json.loads(text)) == "sites: has too many items (at most 20,000)"
    assert str(compiled.value) == "f.json: invalid design: sites: has too many items (at most 20,000)"


@pytest.mark.parametrize("topology", ["mpls", "dual-cloud", "chain"])
def test_large_valid_designs_take_the_compiled_parser(topology):
    text = generate(10_000, topology).model_dump_json(indent=2)
    assert json_bounds.compiled_parse_safe(text)
    assert json_bounds.values_over_limit(text) is None


def test_bytes_are_counted_as_the_text_is(monkeypatch):
    monkeypatch.setattr(json_bounds, "MAX_VALUES", 1000)
    text = '{"name": "a,b", "sites": [' + ",".join(['"a,"'] * 1500) + "]}"
    assert json_bounds.values_over_limit(text) == json_bounds.values_over_limit(text.encode()) == 1501
    assert json_bounds.values_over_limit('{"name": "' + "," * 3000 + '"}') is None
    assert json_bounds.values_over_limit(('{"name": "' + "," * 3000 + '"}').encode()) is None


def test_brackets_inside_texts_do_not_count_as_objects(monkeypatch):
    """5,000 sites named with 200 '{' each were refused as 'more than 1,000,000 JSON objects and lists'."""
    monkeypatch.setattr(json_bounds, "MAX_CONTAINERS", 500)
    design = Design.model_validate({"name": "{[" * 100, "notes": "{\\\"[" * 300,
                                    "sites": [{"id": f"s{i}", "name": "{" * 50} for i in range(5)]})
    text = design.model_dump_json()
    assert text.count("{") + text.count("[") > 500 and len(text) > 500  # the plain count is over: texts set aside
    assert not json_bounds.containers_over_limit(text)
    assert not json_bounds.containers_over_limit(text.encode("utf-8"))
    assert io.parse(text, "braces.json") == design
    many = "[" + ",".join(["{}"] * 600) + "]"  # 600 real objects, over the limit of 500
    assert json_bounds.containers_over_limit(many) and json_bounds.containers_over_limit(many.encode())
