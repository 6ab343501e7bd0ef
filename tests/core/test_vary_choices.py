"""`advisor compare --vary` reads a value of a field of fixed choices whatever its case, as it reads the keys
(advisor/scenario_options.py `_choice`): 'vpn=GETVPN' is GET VPN, where it was refused; two spellings of one choice
are one option."""

from __future__ import annotations

import pytest

from advisor import scenarios


def _made(*items: str):
    return scenarios.scenarios_from_vary(scenarios.parse_vary(list(items)))


def test_a_choice_in_capitals_is_the_choice():
    made = _made("vpn=GETVPN,DMVPN", "srtp=SHA1-80")
    assert [(s.technology, s.srtp) for s in made] == [("getvpn", "sha1-80"), ("dmvpn", "sha1-80")]
    assert made[0].name == "vpn=GETVPN, srtp=SHA1-80"  # named as typed


def test_two_spellings_of_one_choice_are_one_option():
    with pytest.raises(scenarios.ScenarioError) as refused:
        _made("vpn=getvpn,GETVPN")
    assert "getvpn and GETVPN name the same value" in str(refused.value)


def test_what_is_no_choice_in_any_case_keeps_its_message():
    with pytest.raises(scenarios.ScenarioError) as refused:
        _made("vpn=GET")
    assert "VPN technology: must be one of" in str(refused.value)
