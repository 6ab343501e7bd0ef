"""Round 40: the Inspector's refusals (advisor.commands) read like the file, and a link's end change joins two nodes
the canvas would not join.

- A refusal named the file's field path and the item's id: "br-1.cluster_id: may only use letters …",
  "l-ppp.name: is too long …", "cucm_release: is too long …", "links[1]: a link cannot connect 'br-1' to itself".
  Now the item by its name, the field as its Inspector row names it: "Site 'Branch Nord': CUCM cluster may only use …".
- With several sites selected, a refusal named the first failing site by its id and said nothing of the others.
- Changing link l-fr's End A to br-1 made a second br-1–MPLS link, while drawing that link on the canvas was refused
  ("these two nodes are already connected"). The model means such a link (a site's two access links to one cloud,
  docs/sizing.md "Multi-homed sites": each sized for all the site's traffic; files with 50,000 parallel links are
  tested): so both ways now make it, neither refuses it.
"""

from __future__ import annotations

import pytest

from advisor.commands import CommandError, MoveNodes, SetFields, SetFieldsMany, make_link
from advisor.model import Cloud, Design, Link, Site


@pytest.fixture
def design() -> Design:
    return Design(name="Multi", sites=(
        Site(id="hq", name="Head Office", kind="hq", users=300, cucm_publisher=True),
        Site(id="br-1", name="Branch Nord", users=40, public_area_phones=10, x=-300, y=200),
        Site(id="br-2", name="Branch Ost", users=20, public_area_phones=5, x=300, y=200),
        Site(id="br-3", name="Branch Süd", users=20, public_area_phones=5),
        Site(id="br-4", name="Branch West", users=20, public_area_phones=5)),
        clouds=(Cloud(id="mpls", name="MPLS"), Cloud(id="inet", name="Internet", kind="internet")),
        links=(Link(id="l-eth", a="hq", b="mpls", capacity_kbps=10_000),
               Link(id="l-ppp", a="br-1", b="mpls", capacity_kbps=512, l2="ppp"),
               Link(id="l-fr", a="br-2", b="mpls", capacity_kbps=256, l2="frf12"),
               Link(id="l-named", name="Backup line", a="hq", b="br-3")))


def _refusal(design: Design, target: str, values: dict) -> str:
    with pytest.raises(CommandError) as err:
        SetFields.checked(design, target, values)
    return str(err.value)


@pytest.mark.parametrize(("target", "values", "said"), [
    ("br-1", {"cluster_id": "a b"},
     "Site 'Branch Nord': CUCM cluster may only use letters, digits, '.', '_' and '-' (1–64 characters)"),
    ("br-1", {"srst_platform": "y" * 65}, "Site 'Branch Nord': SRST platform is too long (at most 64 characters)"),
    ("l-ppp", {"name": "n" * 201}, "Link 'Branch Nord – MPLS': Name is too long (at most 200 characters)"),
    ("l-named", {"capacity_kbps": 0}, "Link 'Backup line': Capacity must be ≥ 1"),
    ("design", {"cucm_release": "1" * 21}, "CUCM release is too long (at most 20 characters)"),
    ("br-1", {"users": -1}, "Site 'Branch Nord': Users must be ≥ 0"),
    ("br-1.traffic", {"pstn_share": 2}, "Site 'Branch Nord', traffic overrides: PSTN share must be ≤ 1"),
    ("mpls", {"name": "m" * 201}, "Cloud 'MPLS': Name is too long (at most 200 characters)"),
    ("l-ppp", {"l2": "custom"},
     "Link 'Branch Nord – MPLS': layer 2 'custom' needs its header bytes per packet (Custom layer 2)"),
    ("design.vpn", {"hub_site": "mpls"}, "VPN: Hub site id: 'mpls' is a cloud, not a site; name a site"),
    ("design.traffic", {"pstn_share": 0.9},
     "Traffic: intra-site + on-net + PSTN shares must add up to 1 (they add up to 1.7)"),
])
def test_a_refusal_names_the_item_by_name_and_the_field_as_the_form_does(design, target, values, said):
    assert _refusal(design, target, values) == said


@pytest.mark.parametrize(("values", "said"), [
    ({"b": "br-1"}, "Link 'Branch Nord – MPLS': End B is the link's other end: a link cannot connect 'Branch Nord' "
                    "to itself"),
    ({"a": "mpls"}, "Link 'Branch Nord – MPLS': End A is the link's other end: a link cannot connect 'MPLS' to itself"),
    ({"a": "inet"}, "Link 'Branch Nord – MPLS': End A 'Internet' is a cloud, as is the other end: a link must have a "
                    "site at one end at least (two clouds cannot be linked)"),
    ({"b": "ghost"}, "Link 'Branch Nord – MPLS': End B names no site or cloud of the design ('ghost')"),
])
def test_a_link_end_refusal_names_the_link_the_end_and_the_node_in_words(design, values, said):
    assert _refusal(design, "l-ppp", values) == said  # was "links[1]: a link cannot connect 'br-1' to itself"


def test_a_multi_site_refusal_names_the_first_site_by_name_and_counts_the_others(design):
    with pytest.raises(CommandError) as err:
        SetFieldsMany(("hq", "br-1", "br-2", "br-3", "br-4"), {"users": 0}).apply(design)
    assert str(err.value) == ("Site 'Branch Nord': phones in public areas (10) exceed the site's phones (0) "
                              "(and 3 more of the selected sites)")  # was "br-1: phones in public areas …"
    with pytest.raises(CommandError) as err:
        SetFieldsMany(("br-1.traffic", "br-2.traffic"), {"pstn_share": 2}).apply(design)
    assert str(err.value) == ("Site 'Branch Nord', traffic overrides: PSTN share must be ≤ 1 "
                              "(and 1 more of the selected sites)")
    with pytest.raises(CommandError) as err:
        SetFieldsMany(("l-eth", "l-ppp"), {"capacity_kbps": 0}).apply(design)
    assert str(err.value) == "Link 'Head Office – MPLS': Capacity must be ≥ 1 (and 1 more of the selected links)"


def test_a_site_whose_name_is_shared_or_missing_is_told_apart_by_its_id(design):
    twins = design.model_copy(update={"sites": (*design.sites[:3], design.sites[3].model_copy(
        update={"name": "Branch Ost"}), design.sites[4].model_copy(update={"name": ""}))})
    assert _refusal(twins, "br-2", {"users": -1}) == "Site 'Branch Ost (br-2)': Users must be ≥ 0"
    assert _refusal(twins, "br-4", {"users": -1}) == "Site 'br-4': Users must be ≥ 0"


def test_a_move_past_the_edge_names_the_site(design):
    with pytest.raises(CommandError) as err:
        MoveNodes({"br-1": (2e6, 0)}).apply(design)
    assert str(err.value) == "Site 'Branch Nord': X must be ≤ 1,000,000"  # was "br-1.x: must be ≤ 1000000"


def test_a_second_link_between_two_joined_nodes_is_made_both_ways(design):
    """The canvas refused it while the Inspector made it silently: both make it now, as the model allows."""
    after = SetFields.checked(design, "l-fr", {"a": "br-1"}).apply(design)
    assert [(x.id, x.a, x.b) for x in after.links if {x.a, x.b} == {"br-1", "mpls"}] == [
        ("l-ppp", "br-1", "mpls"), ("l-fr", "br-1", "mpls")]
    drawn = make_link(design, "mpls", "br-1")  # was "link: these two nodes are already connected"
    assert (drawn.a, drawn.b) == ("mpls", "br-1")
    with pytest.raises(CommandError, match="itself"):
        make_link(design, "br-1", "br-1")  # what the model refuses, the canvas still refuses
