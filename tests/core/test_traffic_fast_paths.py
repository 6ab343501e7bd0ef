"""The fast paths give the same answers as the slow ones: `check --json` text, the checklist items, tree routing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from advisor.analysis import analyse
from advisor.cli.check_cmd import json_bytes, to_json, write_json
from advisor.io import load
from advisor.results import ChecklistItem
from advisor.rules import security

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_json_text_has_the_same_values_as_to_json(path):
    design = load(path)
    results = analyse(design, checklist=True)
    expected = to_json(design, results)
    assert json.loads(json_bytes(design, results)) == expected
    # `check --json` analyses without the checklist and builds it as plain rows: the same values
    lean = analyse(design)
    rows = security.checklist_json(design, lean.recommendation.chosen)
    assert json.loads(json_bytes(design, lean, rows)) == expected


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_write_json_prints_the_same_values(path):
    design = load(path)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    write_json(design, analyse(design), stream)
    stream.seek(0)
    assert json.loads(stream.read()) == to_json(design, analyse(design, checklist=True))


def test_write_json_escapes_for_a_non_utf8_stream():
    design = load(EXAMPLES[0])
    results = analyse(design, checklist=True)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    write_json(design, results, stream)
    stream.seek(0)
    text = stream.read()
    assert text.isascii() and json.loads(text) == to_json(design, results)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_checklist_items_equal_validated_items(path):
    design = load(path)
    for technology in ("dmvpn", "none"):
        for item in security.checklist(design, technology):
            again = ChecklistItem(**item.model_dump())
            assert item == again and item.model_dump_json() == again.model_dump_json()
