"""Round 32 of hostile input: yes/no settings take JSON's true and false only. Lax reading took "yes", "off",
"false" written in quotes (as false), "t", 1 and 0: a hand-edited file could say `"firewall": "no"` and mean it,
or `"multicast": "false "` and get an error from nowhere, so every such value is refused with the field's path."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from advisor.model import Design
from advisor.validation import describe

BASE = {"name": "t", "sites": [{"id": "hq", "kind": "hq", "users": 10, "cucm_publisher": True},
                               {"id": "br", "users": 5}],
        "clouds": [{"id": "m"}], "links": [{"id": "l1", "a": "hq", "b": "m"}, {"id": "l2", "a": "br", "b": "m"}]}


def _with(path: tuple, value) -> dict:
    data = json.loads(json.dumps(BASE))
    where = data
    for key in path[:-1]:
        where = where.setdefault(key, {}) if isinstance(key, str) else where[key]
    where[path[-1]] = value
    return data


FLAGS = [("vpn", "multicast"), ("vpn", "dynamic_routing"), ("vpn", "privacy_required"), ("vpn", "gre_key"),
         ("sites", 1, "pstn_gateway"), ("sites", 0, "cucm_publisher"), ("links", 0, "nat"),
         ("links", 1, "carries_data")]


@pytest.mark.parametrize("path", FLAGS)
@pytest.mark.parametrize("value", ["yes", "no", "off", "on", "true", "false", "t", "1", 1, 0, 1.0])
def test_yes_no_settings_refuse_anything_but_true_and_false(path, value):
    with pytest.raises(ValidationError) as caught:
        Design.model_validate_json(json.dumps(_with(path, value)))
    where = ".".join(str(p) for p in path).replace(".0.", "[0].").replace(".1.", "[1].")
    assert any(line.startswith(f"{where}: must be true or false") for line in describe(caught.value)), \
        describe(caught.value)


@pytest.mark.parametrize("path", FLAGS)
@pytest.mark.parametrize("value", [True, False])
def test_true_and_false_are_read(path, value):
    design = Design.model_validate_json(json.dumps(_with(path, value)))
    node = design
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    assert node is value


def test_the_optional_gre_key_still_takes_null():
    assert Design.model_validate_json(json.dumps(_with(("vpn", "gre_key"), None))).vpn.gre_key is None


def test_security_controls_are_yes_no_settings_too():
    data = _with(("sites", 1, "security"), {"voice_vlan": "yes"})
    with pytest.raises(ValidationError) as caught:
        Design.model_validate_json(json.dumps(data))
    assert any(": must be true or false" in line and "voice_vlan" in line for line in describe(caught.value))


def test_negative_zero_is_read_as_zero_and_never_printed_with_its_sign(tmp_path):
    import math
    import subprocess
    import sys
    from pathlib import Path

    data = _with(("traffic", "calls_per_user"), -0.0)
    data["traffic"]["signalling_bps_per_phone"] = -0.0
    data["links"][0]["rtt_ms"] = -0.0
    text = json.dumps(data)
    assert "-0.0" in text
    design = Design.model_validate_json(text)
    for value in (design.traffic.calls_per_user, design.traffic.signalling_bps_per_phone, design.links[0].rtt_ms):
        assert value == 0.0 and math.copysign(1.0, value) == 1.0
    path = tmp_path / "negative-zero.json"
    path.write_text(text, encoding="utf-8")
    shown = subprocess.run([sys.executable, "-m", "advisor", "explain", str(path)],
                           cwd=Path(__file__).resolve().parents[2], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "0 calls/h" in shown.stdout and "-0" not in shown.stdout
