"""Round 53 on the command line: a field named "" and a design PDF cut inside its attachment, as `advisor check`,
`check --json`, `report` and `explain` say them (one line, exit 2; see tests/core/test_hostile_round53.py)."""

from __future__ import annotations

import pytest

from tests.cli.conftest import run_cli
from tests.core.test_hostile_round53 import EXAMPLE_PDF, _stream

COMMANDS = [("check",), ("check", "--json"), ("explain",)]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_empty_field_name_is_named(tmp_path, command):
    path = tmp_path / "empty-name.json"
    path.write_text('{"schema_version": 1, "sites": [{"id": "a", "": 1}]}', encoding="utf-8")
    result = run_cli(*command, str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"advisor: error: {path}: invalid design: sites[0].\"\": is not a known field (site 'a')"]


@pytest.mark.parametrize("command", [*COMMANDS, ("report", "-o", "OUT")])
def test_a_pdf_cut_in_its_attachment_is_damaged(tmp_path, command):
    pdf = EXAMPLE_PDF.read_bytes()
    begin, length = _stream(pdf)
    path = tmp_path / "cut.pdf"
    path.write_bytes(pdf[:begin + length // 2] + b"\n%%EOF\n")
    result = run_cli(*(str(tmp_path / "out.pdf") if part == "OUT" else part for part in command), str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"advisor: error: {path}: this PDF is damaged where the design is attached; open the design file it was made "
        "from"]
    assert not (tmp_path / "out.pdf").exists()
