"""Hostile round 29 (mutation fuzz of valid designs through the core): what the fuzz found in the explanations.
Expected values are worked out by hand."""

from __future__ import annotations

from advisor.explain import Context, explain_site
from advisor.model import Design


def _zero_shares_design() -> Design:
    # 'hq' overrides all three shares with 0 %; 'br' keeps the design's 50 / 30 / 20 %
    return Design.model_validate({
        "sites": [
            {"id": "hq", "kind": "hq", "users": 100, "cucm_publisher": True,
             "traffic": {"intra_site_share": 0, "on_net_share": 0, "pstn_share": 0}},
            {"id": "br", "users": 10, "survivability": "srst", "srst_capacity": 50},
        ],
        "clouds": [{"id": "mpls", "kind": "mpls"}],
        "links": [{"id": "hq-a", "a": "hq", "b": "mpls", "capacity_kbps": 100000},
                  {"id": "br-a", "a": "br", "b": "mpls"}],
    })


def test_a_site_whose_shares_are_all_zero_says_where_its_calls_went():
    # A = 100 users × 2 calls/h × 180 s / 3600 = 10 E, split 0 % / 0 % / 0 %: the explanation used to read
    # "split: intra-site 0 % = 0.000 E; on-net to other sites 0 % = 0.000 E; PSTN 0 % = 0.000 E", 10 E into nothing
    erlangs = explain_site(Context.of(_zero_shares_design()), "hq", "erlangs")[0]
    assert erlangs.result.value == 10.0
    assert erlangs.lines[0].endswith("= 10.000 E (calls the users place in the busy hour)")
    split = erlangs.lines[1]
    assert "intra-site 0 % = 0.000 E" not in split
    assert "shares are all 0 %" in split and "none of these calls is sized" in split


def test_a_site_with_its_shares_keeps_the_split():
    # 'br': A = 10 users × 2 × 180 / 3600 = 1 E: intra-site 50 % = 0.5 E, on-net 30 % = 0.3 E, PSTN 20 % = 0.2 E
    split = explain_site(Context.of(_zero_shares_design()), "br", "erlangs")[0].lines[1]
    assert split == ("split: intra-site 50 % = 0.500 E; on-net to other sites 30 % = 0.300 E; PSTN 20 % = 0.200 E")
