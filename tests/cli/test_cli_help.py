"""What the command line says to users cites its sources by title: no "SPEC", "§", "seed" or internal rule ids
(VPN-R1, DEP-R16) in any --help text or in the commands' output."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.cli import SUBCOMMANDS

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))
# SPEC in capitals ("product-specific" is fine), "seed" as a word in any case (but not the exercises' `--seed`
# option), a rule id such as VPN-R1.
INTERNAL = re.compile(r"SPEC|§|(?i:(?<!--)\bseed)|-R[0-9]")


def internal_words(text: str) -> list[str]:
    return [text[max(m.start() - 40, 0):m.end() + 40] for m in INTERNAL.finditer(text)]


@pytest.mark.parametrize("command", [[], ["gui"], *([name] for name in SUBCOMMANDS)],
                         ids=lambda c: " ".join(c) or "advisor")
def test_help_cites_sources_by_title(cli, command):
    proc = cli(*command, "--help")
    assert proc.returncode == 0 and proc.stdout.startswith("usage: advisor"), proc.stderr
    assert not internal_words(proc.stdout + proc.stderr)


def test_the_pattern_catches_what_it_must():
    for text in ("Figures follow SPEC 3.1", "see §3.2", "the seed article", "The seed's comparison", "rule VPN-R1",
                 "DEP-R16"):
        assert internal_words(text), text
    assert not internal_words("Cisco Collaboration System SRND; RFC 4303; ITU-T G.114; T. Mlakar (NIL); "
                              "CUCM product-specific configuration")


@pytest.mark.parametrize("args", [
    ["calc", "--vpn", "gre-ipsec", "--explain", "--calls", "10"],
    ["calc", "--vpn", "getvpn", "--explain", "--mpls-labels", "2"],
    ["calc", "--vpn", "dmvpn", "--nat-t", "--explain"],
    ["codecs", "--sources"],
    ["erlang", "--traffic", "10", "--gos", "0.01"],
    ["erlang", "--traffic", "10"],
    ["calc", "--codec", "speex"],
], ids=lambda a: " ".join(a))
def test_command_output_and_messages_use_no_internal_vocabulary(cli, args):
    proc = cli(*args)
    assert "Traceback" not in proc.stderr
    assert not internal_words(proc.stdout + proc.stderr)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_check_text_uses_no_internal_vocabulary(cli, example):
    proc = cli("check", str(example))
    assert proc.returncode in (0, 1), proc.stderr
    assert not internal_words(proc.stdout)
