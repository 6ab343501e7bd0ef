"""`advisor check` on a design whose scenarios' names read alike (an accent typed two ways, case, spacing, a
zero-width space) or show nothing: exit status 2 and one line that names the file, the scenario's place and the
clash; nothing on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"
ALIKE = "names are told apart as they read: not by case, spacing, invisible characters or how an accent was typed"


def _file(tmp_path: Path, *names: str) -> Path:
    design = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    design["scenarios"] = [{"name": name, "codec": codec} for name, codec in zip(names, ("g729", "g711"), strict=False)]
    path = tmp_path / "options.json"
    path.write_text(json.dumps(design, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("names, line", [
    (("caf\u00e9", "cafe\u0301"),  # NFC, then NFD: the two print alike, which is the point
     "scenarios[1].name: 'cafe\u0301' reads the same as 'caf\u00e9', the name of scenarios[0] "
     f"({ALIKE}); give each scenario a name of its own"),
    (("Option A", "option a"),
     f"scenarios[1].name: 'option a' reads the same as 'Option A', the name of scenarios[0] ({ALIKE}); give each "
     "scenario a name of its own"),
    (("Option A", "Option A\u200b"),
     "scenarios[1].name: 'Option A\\u200b' reads the same as 'Option A', the name of scenarios[0] "
     f"({ALIKE}); give each scenario a name of its own"),
    (("A\nB", "A\tB"),  # a line break and a tab both read as a space (the names are shown escaped)
     f"scenarios[1].name: 'A\\tB' reads the same as 'A\\nB', the name of scenarios[0] ({ALIKE}); give each "
     "scenario a name of its own"),
    (("Option A", "    "),
     "scenarios[1].name: '    ' shows nothing (only spaces or invisible characters); give the scenario a name"),
    (("\u200b", "Option A"),
     "scenarios[0].name: '\\u200b' shows nothing (only spaces or invisible characters); give the scenario a name"),
])
def test_check_refuses_scenario_names_that_read_alike_or_show_nothing(cli, tmp_path, names, line):
    path = _file(tmp_path, *names)
    proc = cli("check", str(path))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == f"advisor: error: {path}: invalid design: {line}\n"
