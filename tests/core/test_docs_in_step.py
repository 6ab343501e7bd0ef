"""README.md and docs/ say what the tool does today: every command-line option, every design field, every finding
code with its rule and every `check --json` convention is documented, and no internal reference leaks into them."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from advisor import analysis, io
from advisor.cli import build_parser
from advisor.findings import CATALOGUE
from advisor.model import Cloud, Design, Link, Scenario, SecurityControls, Site
from advisor.model_policies import (
    ClusterPolicy,
    DelayPolicy,
    SiteTraffic,
    TrafficPolicy,
    VoicePolicy,
    VpnPolicy,
)

ROOT = Path(__file__).resolve().parents[2]
# the performance pages are measurement logs kept by the benchmarks, not a description of the product
USER_DOCS = [ROOT / "README.md", *(p for p in sorted((ROOT / "docs").glob("*.md")) if "performance" not in p.name)]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def _options() -> list[tuple[str, str]]:
    return sorted({(name, option) for name, sp in _commands().items() for action in sp._actions
                   for option in action.option_strings if option not in ("-h", "--help")})


@pytest.mark.parametrize(("command", "option"), _options())
def test_every_option_of_every_command_is_documented(command: str, option: str) -> None:
    # before: calc's --ptime, --srtp, --nat-t …, erlang --trunks, codecs --sources and report --progress were nowhere
    pattern = re.compile(r"(?<![\w-])" + re.escape(option) + r"(?![\w-])")
    where = [p.name for p in USER_DOCS if pattern.search(_text(p)) and re.search(rf"\b{command}\b", _text(p))]
    assert where, f"advisor {command} {option} is described in neither README.md nor docs/"


SECTIONS: tuple[tuple[str, type[BaseModel]], ...] = (
    ("## Design (top level)", Design), ("## voice", VoicePolicy), ("## vpn", VpnPolicy),
    ("## traffic", TrafficPolicy), ("## delay", DelayPolicy), ("## cluster", ClusterPolicy), ("## sites[]", Site),
    ("## sites[].security", SecurityControls), ("## sites[].traffic", SiteTraffic), ("## clouds[]", Cloud),
    ("## links[]", Link), ("## scenarios[]", Scenario))


def _section(text: str, heading: str) -> str:
    start = text.index(heading + "\n") if heading + "\n" in text else text.index(heading + " ")
    end = text.find("\n## ", start + len(heading))
    return text[start:end if end != -1 else len(text)]


@pytest.mark.parametrize(("heading", "model"), SECTIONS, ids=[h for h, _ in SECTIONS])
def test_design_format_lists_every_field_of_its_section_and_no_other(heading: str, model: type[BaseModel]) -> None:
    # before: the design's `delay` (target_ms, jitter_buffer_ms) and `cluster` (redundancy, megacluster) had no table
    section = _section(_text(ROOT / "docs" / "design-format.md"), heading)
    rows = re.findall(r"^\| `(\w+)` \|", section, re.M)
    assert rows == list(model.model_fields), heading


def test_every_ranged_design_field_states_its_range() -> None:
    text = _text(ROOT / "docs" / "design-format.md")
    # a cluster id is an id: 1 to 64 of the characters ids use (the model's pattern); before, its range was empty
    row = re.search(r"^\| `cluster_id` \|.*$", text, re.M).group(0)
    assert "1 to 64 letters, digits" in row
    # DelayPolicy: target above 0 and at most 1,000 ms; jitter buffer 0 to 500 ms (advisor/model_policies.py)
    assert re.search(r"^\| `target_ms` \| number \| 150\.0 \| ms \| > 0, ≤ 1000 \|", text, re.M)
    assert re.search(r"^\| `jitter_buffer_ms` \| number \| 60\.0 \| ms \| ≥ 0, ≤ 500 \|", text, re.M)


def test_rules_md_has_every_catalogue_code_with_its_severity_and_no_other() -> None:
    rows = dict(re.findall(r"^\| ([A-Z][A-Z0-9-]+) \| ([A-Z]+-[RC]\d*) \|", _text(ROOT / "docs" / "rules.md"), re.M))
    assert set(rows) == set(CATALOGUE)
    severity = dict(re.findall(r"^\| ([A-Z][A-Z0-9-]+) \| [A-Z]+-[RC]\d* \| (\w+)", _text(ROOT / "docs" / "rules.md"),
                               re.M))
    for code, (default, _) in CATALOGUE.items():
        # VPN-LEGACY-CRYPTO's row starts with its error case ("error for DES …; warning for 3DES")
        assert default in severity[code] or code == "VPN-LEGACY-CRYPTO", code


def test_rules_md_names_the_module_of_each_rule_family() -> None:
    # before: the code list named neither cluster.py, survivability.py, cac.py nor qos.py, which produce DEP-CLUSTER-*,
    # DEP-SRST-*, DEP-CAC-* and QOS-* findings
    text = _text(ROOT / "docs" / "rules.md")
    for module in ("cluster.py", "survivability.py", "cac.py", "traffic_checks.py", "qos.py", "security_columns.py",
                   "bandwidth_mtu.py", "voice_mtu.py"):
        assert f"`{module}`" in text, module


def test_check_json_md_names_every_convention_key() -> None:
    # before: 'concurrent calls' was left out of the list
    results = analysis.analyse(io.load(ROOT / "resources" / "examples" / "hq-12-branches-mpls.json"))
    listed = _text(ROOT / "docs" / "check-json.md")
    row = re.search(r"^\| `conventions` \|.*$", listed, re.M).group(0)
    missing = [key for key in results.conventions if f"`{key}`" not in row]
    assert not missing


@pytest.mark.parametrize("path", USER_DOCS, ids=[p.name for p in USER_DOCS])
def test_no_reference_to_the_internal_specification(path: Path) -> None:
    # before: docs/architecture.md cited "SPEC §3.1" … "SPEC §3.5", a document a reader of this repository cannot open
    text = _text(path)
    assert "SPEC" not in text and "§" not in text


def test_readme_erlang_examples_match_the_recurrence() -> None:
    # README: 10 E at 1 % needs 18 trunks; 15 trunks at 1 % carry 8.108 E (the standard Erlang B tables)
    from advisor import erlang

    readme = _text(ROOT / "README.md")
    assert "--traffic 10 --gos 0.01    # -> 18 trunks" in readme and "--trunks 15 --gos 1%       # -> 8.108 E" in readme
    assert erlang.trunks(10, 0.01) == 18
    assert round(erlang.traffic(15, 0.01), 3) == 8.108
