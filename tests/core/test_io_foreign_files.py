"""Files that are almost designs: a class file given where a design belongs, a doubled byte-order mark."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor import io

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"


def test_a_class_file_opened_as_a_design_says_where_it_opens(tmp_path):
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / "lab.class.json"  # a valid class file: format, version, quiz settings and a valid design
    path.write_text(json.dumps({"format": "uc-design-advisor-class", "version": 1, "title": "Lab 1",
                                "design": design}), encoding="utf-8")
    with pytest.raises(io.DesignFileError) as err:
        io.load(path)
    message = str(err.value)
    assert message.startswith(f"{path}: this is a class file") and "Classroom ▸ Open Class File" in message
    assert "\n" not in message and "not a known field" not in message  # one line, not seven field problems


def test_the_format_name_is_the_one_the_app_writes():
    data = json.loads((HOSTILE / "class-title-html.class").read_text(encoding="utf-8"))
    assert data["format"] == io.CLASS_FILE_FORMAT


def test_a_second_byte_order_mark_is_named(tmp_path):
    path = tmp_path / "twice.json"
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + EXAMPLE.read_bytes())
    with pytest.raises(io.DesignFileError) as err:
        io.load(path)
    assert str(err.value) == (f"{path}: not valid JSON at line 1, column 1: a second byte-order mark (U+FEFF) "
                              "where the JSON should start")
