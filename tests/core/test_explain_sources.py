"""Explanations cite only what the rules and tables already cite, by title, and never an internal rule id."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.explain import sources
from advisor.rules import seed

ROOT = Path(__file__).resolve().parents[2]


def _code_text() -> str:
    """Every source string the rules, engines and tables hold: the core's modules and the data files."""
    parts = [p.read_text(encoding="utf-8") for p in (ROOT / "advisor").rglob("*.py")
             if "explain" not in p.parts and "exercises" not in p.parts and "ui" not in p.parts]
    parts += [p.read_text(encoding="utf-8") for p in (ROOT / "resources").rglob("*.json")]
    return "\n".join(parts)


@pytest.mark.parametrize("title", [*sources._TITLES, sources.ESP_RFC.split(" (")[0],
                                   sources.NAT_T_RFC.split(" (")[0]])
def test_every_title_is_one_the_code_already_cites(title):
    text = _code_text()
    assert title.replace('"', '\\"') in text or title in text, title


def test_a_bare_article_sentence_becomes_a_quotation_with_its_title():
    titles, line = sources.cited(seed.MPLS_CLEAR)
    assert titles == (seed.SEED,)
    assert line == f"{seed.SEED}: \u201c{seed.MPLS_CLEAR}\u201d"


def test_a_guide_paraphrase_keeps_its_guide_and_says_paraphrased():
    titles, line = sources.cited(seed.SRND_COW_RTT)
    assert titles == (seed.SRND,) and "(paraphrased)" in line
    titles, _ = sources.cited(seed.NGE_GCM)
    assert titles == (seed.NGE,)


def test_composite_sources_name_each_guide_in_order():
    from advisor.rules.bandwidth import SOURCE_MTU, SOURCE_SIZING

    assert sources.cited(SOURCE_SIZING)[0] == (sources.PER_CALL, sources.SRND)
    assert sources.cited(SOURCE_MTU)[0][0].startswith('Cisco "Resolve IP Fragmentation')


def test_rule_ids_and_table_files_are_removed():
    assert sources.plain("SEC-R3: T. Mlakar [BW-R1, BW-R2] (VPN-R3) x [signalling.json]") == "T. Mlakar x"
    assert sources.plain("VPN-RECOMMENDATION and HMAC-SHA-1 stay") == "VPN-RECOMMENDATION and HMAC-SHA-1 stay"
