"""advisor.bom_rules: the SRST router that covers a branch's phones, and PRI / SIP trunk counts, by hand."""

import math

import pytest

from advisor.bom_rules import PSTN_LABELS, candidates, choose_router, model_name, pstn_line
from advisor.model import Site
from advisor.tables import Table, load_table

# A small table of our own: the rules must read whatever the user's table says.
TABLE = Table.model_validate({
    "title": "test platforms", "source": "test",
    "entries": {
        "1111": {"value": 20, "unit": "phones", "source": "s-1111"},
        "2222": {"value": 80, "unit": "phones", "source": "s-2222", "verify": True},
        "3333": {"value": 500, "unit": "phones", "source": "s-3333"},
        "0999": {"value": 40, "unit": "phones", "source": "s-old", "note": "an end-of-sale router"},
        "3333/sip-srst": {"value": 400, "unit": "phones", "source": "s-3333-sip"},
        "C8999": {"value": 0, "unit": "unpublished", "source": "s-c8999"},
    }})


def branch(**fields) -> Site:
    return Site.model_validate({"id": "br", "users": 30, "survivability": "srst", **fields})


@pytest.mark.parametrize("phones, key, capacity", [
    (1, "1111", 20), (20, "1111", 20),  # 20 fits exactly
    (21, "2222", 80),  # 0999 (40) is end of sale: never proposed for new hardware
    (80, "2222", 80), (81, "3333", 500), (500, "3333", 500)])
def test_the_smallest_platform_that_covers_the_phones(phones, key, capacity):
    choice = choose_router(branch(users=phones), phones, "sccp", TABLE)
    assert (choice.key, choice.capacity) == (key, capacity)
    assert choice.capacity >= phones
    assert choice.model == model_name(key)


def test_an_unconfirmed_figure_is_said_so():
    choice = choose_router(branch(), 50, "sccp", TABLE)
    assert choice.key == "2222" and choice.unconfirmed
    assert "unconfirmed" in choice.reason and "verify" in choice.reason


def test_no_platform_fits_gets_a_line_that_says_so():
    choice = choose_router(branch(users=501), 501, "sccp", TABLE)
    assert not choice.fits and choice.capacity is None
    assert "no platform in the platform table covers them" in choice.reason
    assert "Cisco 3333, registers 500" in choice.reason


def test_sip_phones_are_sized_on_the_sip_srst_figures():
    choice = choose_router(branch(), 30, "sip", TABLE)
    assert (choice.key, choice.capacity, choice.mode) == ("3333/sip-srst", 400, "sip-srst")
    assert "Unified SRST (SCCP phones) does not register SIP phones" in choice.reason


def test_the_designs_own_platform_is_kept_when_it_fits():
    choice = choose_router(branch(srst_platform="ISR 2222"), 30, "sccp", TABLE)
    assert choice.key == "2222" and choice.capacity == 80 and "the design's platform" in choice.reason


def test_the_designs_own_platform_is_replaced_when_too_small():
    choice = choose_router(branch(srst_platform="1111"), 30, "sccp", TABLE)
    assert choice.key == "2222"
    assert "registers 20 phones in Unified SRST (SCCP phones), fewer than the site's 30" in choice.reason


def test_a_capacity_setting_counts_for_an_unpublished_platform():
    choice = choose_router(branch(srst_platform="C8999", srst_capacity=120), 100, "sccp", TABLE)
    assert choice.capacity == 120 and "the site's SRST capacity setting" in choice.reason


def test_an_end_of_sale_platform_named_by_the_design_is_kept_and_flagged():
    choice = choose_router(branch(srst_platform="0999"), 30, "sccp", TABLE)
    assert choice.key == "0999" and "end-of-sale" in choice.reason


@pytest.mark.parametrize("phones", [1, 24, 49, 50, 51, 99, 100, 101, 250, 251, 999, 1000, 1001, 1999, 2000])
def test_bundled_table_router_covers_phones_and_no_smaller_one_does(phones):
    table = load_table("srst_platforms")
    choice = choose_router(branch(users=phones), phones, "sccp", table)
    assert choice.fits and choice.capacity >= phones
    assert all(cap < phones or cap >= choice.capacity for cap, _ in candidates(table, "srst"))


def test_bundled_table_largest_is_2000_devices():
    # Cisco SRST roadmap (SRST 12.7): the 4451 and 4461 register 2,000 devices; nothing larger is in the table
    table = load_table("srst_platforms")
    assert choose_router(branch(users=2000), 2000, "sccp", table).key == "4451"
    assert not choose_router(branch(users=2001), 2001, "sccp", table).fits


@pytest.mark.parametrize("trunks, e1, t1", [(1, 1, 1), (18, 1, 1), (23, 1, 1), (24, 1, 2), (30, 1, 2), (31, 2, 2),
                                            (46, 2, 2), (47, 2, 3), (60, 2, 3), (61, 3, 3)])
def test_pri_count_is_ceil_of_trunks_over_b_channels(trunks, e1, t1):
    # E1 PRI: 30 B-channels; T1 PRI: 23 B-channels (ITU-T I.431)
    assert pstn_line("e1", trunks, 1.0, 0.01).quantity == e1 == math.ceil(trunks / 30)
    assert pstn_line("t1", trunks, 1.0, 0.01).quantity == t1 == math.ceil(trunks / 23)
    assert pstn_line("sip", trunks, 1.0, 0.01).quantity == trunks


def test_pstn_reason_shows_the_arithmetic():
    line = pstn_line("t1", 30, 20.0, 0.01)
    assert line.reason == ("20.000 E of PSTN traffic at 1.0 % blocking needs 30 trunks (Erlang B): "
                           "ceil(30 / 23 B-channels per T1) = 2 T1 PRI")
    assert "I.431" in line.source
    assert set(PSTN_LABELS) == {"e1", "t1", "sip"}


@pytest.mark.parametrize("key, name", [("4331", "Cisco ISR 4331"), ("4451/sip-srst", "Cisco ISR 4451"),
                                       ("C8300-1N1S-6T", "Cisco Catalyst C8300-1N1S-6T"), ("2811", "Cisco 2811")])
def test_model_names(key, name):
    assert model_name(key) == name


def test_a_platform_named_as_the_user_writes_it_finds_its_table_entry():
    # Found through the table's index (once per table), as the loop over every entry per site found it: the first
    # entry whose platform reads the same and whose mode is the one asked for
    from advisor.bom_rules import table_key

    assert table_key(TABLE, "Cisco ISR 3333", "srst") == "3333"
    assert table_key(TABLE, "c3333", "sip-srst") == "3333/sip-srst"
    assert table_key(TABLE, "ISR1111/K9", "srst") == "1111"
    assert table_key(TABLE, "1111", "sip-srst") is None  # no SIP SRST entry for it
    assert table_key(TABLE, "4451", "srst") is None
    twice = Table.model_validate({"title": "t", "source": "s", "entries": {
        "ISR 4451": {"value": 10, "unit": "phones", "source": "a"},
        "4451": {"value": 20, "unit": "phones", "source": "b"}}})
    assert table_key(twice, "ISR4451-X", "srst") == "ISR 4451"  # the first, in the table's order
