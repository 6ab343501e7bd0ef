"""Round 58 of the hostile-input hunt, the core: the bill of materials of a design edited by hand (see also
tests/cli/test_hostile_round58_cli.py). Each defect found, as the short sequence that shows it.

- A branch whose SRST platform is named with blanks alone ("   ") and whose capacity is set (100 phones) was billed
  an SRST router of model "   ": `advisor bom` printed a line with an empty model column and quantity 1, and its
  reason read "the design's platform     registers 100 phones". A name that shows nothing is now no name: the
  model is "the site's router", as for a capacity set with no platform.
- A branch naming a platform the table lacks ('nonsense') was explained as "the design's platform nonsense:
  platform 'nonsense' is not in the platform table", the name twice; a platform of blanks as "the design's
  platform    : platform '   ' …". It now reads "the design's platform 'nonsense' is not in the platform table".
"""

from __future__ import annotations

import pytest

from advisor.bom_rules import choose_router
from advisor.model import Site
from advisor.shown_names import shows
from advisor.tables import Table

# A table of our own: the smallest platform that covers 24 phones is '1100' (50 phones).
TABLE = Table.model_validate({
    "title": "test platforms", "source": "test",
    "entries": {
        "1100": {"value": 50, "unit": "phones", "source": "s-1100"},
        "1200": {"value": 100, "unit": "phones", "source": "s-1200"},
    }})


def branch(**fields) -> Site:
    return Site.model_validate({"id": "br", "users": 24, "survivability": "srst", **fields})


@pytest.mark.parametrize("platform", ["   ", "\u200b", "\u200e\u2060", "\t"])
def test_a_platform_named_with_nothing_that_shows_is_no_model(platform):
    choice = choose_router(branch(srst_platform=platform, srst_capacity=100), 24, "sccp", TABLE)
    assert choice.capacity == 100 and choice.fits  # the site's own capacity setting covers its 24 phones
    assert choice.model == "the site's router"  # was the blanks themselves: a bill line with no model
    assert shows(choice.model)
    assert choice.reason == ("24 phones: the site's router registers 100 phones in Unified SRST (SCCP phones) (the "
                             "site's SRST capacity setting)")


def test_a_platform_of_blanks_alone_is_as_a_capacity_set_with_no_platform():
    blank = choose_router(branch(srst_platform="   ", srst_capacity=100), 24, "sccp", TABLE)
    none = choose_router(branch(srst_capacity=100), 24, "sccp", TABLE)
    assert (blank.model, blank.capacity, blank.reason) == (none.model, none.capacity, none.reason)


def test_a_platform_the_table_lacks_is_named_once_and_quoted():
    choice = choose_router(branch(srst_platform="nonsense"), 24, "sccp", TABLE)
    assert choice.model == "Cisco 1100" and choice.capacity == 50  # the smallest of the table that covers 24
    assert choice.reason.startswith("the design's platform 'nonsense' is not in the platform table; 24 phones: "
                                    "the smallest platform in the platform table whose Unified SRST (SCCP phones) "
                                    "capacity covers them is Cisco 1100 (50 phones)")


def test_a_platform_of_blanks_the_table_lacks_is_quoted():
    choice = choose_router(branch(srst_platform="   "), 24, "sccp", TABLE)
    assert choice.model == "Cisco 1100"
    assert choice.reason.startswith("the design's platform '   ' is not in the platform table; 24 phones: ")


def test_a_platform_of_the_table_is_named_as_before():
    choice = choose_router(branch(srst_platform="ISR1200", srst_capacity=None), 24, "sccp", TABLE)
    assert (choice.model, choice.capacity) == ("Cisco 1200", 100)
    assert choice.reason == ("24 phones: the design's platform Cisco 1200 registers 100 phones in Unified SRST "
                             "(SCCP phones) (the platform table)")


# --- found by the round's review: the spreadsheets' titles and the router chosen from a capacity alone -----------

def test_sheet_titles_read_untitled_for_a_blank_design_name():
    """A design named with blanks alone titled its workbook sheets "Sites:    " (`check --xlsx`, the app's export)
    where the PDF's cover, `check` and `bom` read "Untitled design"."""
    from pathlib import Path

    from advisor import io, sheets
    from advisor.analysis import analyse

    example = Path(__file__).resolve().parents[2] / "resources" / "examples" / "hq-12-branches-mpls.json"
    design = io.load(example).model_copy(update={"name": " \u200b "})
    results = analyse(design)
    titles = [sheets.links_sheet(design, results).title, sheets.sites_sheet(design, results).title,
              sheets.findings_sheet(design, results).title]
    assert titles == ["Link sizing, per direction at the busy hour: Untitled design", "Sites: Untitled design",
                      "Findings: Untitled design"]


def test_capacity_without_platform_is_the_sites_own_router():
    """A capacity set with no platform named read "the design's platform the site's router registers 60 phones"."""
    site = Site(id="b1", users=40, survivability="srst", srst_capacity=60)
    choice = choose_router(site, 40, "sccp", TABLE)
    assert choice.reason.startswith("40 phones: the site's router registers 60 phones in ")
    assert "the design's platform" not in choice.reason
    short = choose_router(site.model_copy(update={"srst_capacity": 30}), 40, "sccp", TABLE)
    assert "the site's router registers 30 phones in " in short.reason and "platform the site" not in short.reason
