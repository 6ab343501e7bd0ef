"""Edit intents (advisor.commands): each command's effect, its refusals, and undo-all by snapshots."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.commands import (
    AddLink,
    AddNodes,
    CommandError,
    DeleteItems,
    MoveNodes,
    ReplaceDesign,
    SetFields,
    SetFieldsMany,
    clone,
    describe_nodes,
    make_link,
    make_node,
    new_id,
)
from advisor.model import Cloud, Design, Link, Site


@pytest.fixture
def design() -> Design:
    return Design(
        name="Base",
        sites=(Site(id="hq", name="HQ 1", kind="hq", users=200, cucm_publisher=True),
               Site(id="site-1", name="Branch 1", users=25, x=100, y=50),
               Site(id="site-2", name="Branch 2", users=40, x=-100, y=50)),
        clouds=(Cloud(id="cloud-1", name="MPLS VPN", kind="mpls", y=-80),),
        links=(Link(id="link-1", a="hq", b="cloud-1"), Link(id="link-2", a="site-1", b="cloud-1"),
               Link(id="link-3", a="site-2", b="cloud-1"), Link(id="link-4", a="site-1", b="site-2")),
    )


def test_new_id_follows_the_highest_number_and_skips_taken(design):
    assert new_id(design, "site") == "site-3"
    assert new_id(design, "link") == "link-5"
    assert new_id(design, "cloud", taken=["cloud-2"]) == "cloud-3"
    assert new_id(Design(), "site") == "site-1"


def test_make_node_defaults_per_kind(design):
    hq = make_node(design, "hq", 10, 20)
    branch = make_node(design, "branch", 0, 0)
    dc = make_node(design, "datacenter", 0, 0)
    assert (hq.users, hq.cucm_publisher, hq.name, hq.x, hq.y) == (200, True, "HQ 2", 10, 20)
    assert (branch.users, branch.cucm_publisher, branch.name, branch.id) == (25, False, "Branch 3", "site-3")
    assert (dc.users, dc.kind) == (0, "datacenter")
    internet = make_node(design, "internet", 0, 0)
    assert isinstance(internet, Cloud) and internet.name == "Internet" and internet.id == "cloud-2"
    assert make_node(design, "mpls", 0, 0).name == "MPLS VPN 2"  # the first is taken
    with pytest.raises(CommandError, match="kind: 'router'"):
        make_node(design, "router", 0, 0)


def test_add_nodes_appends_nodes_and_links(design):
    node = make_node(design, "branch", 5, 6)
    link = Link(id="link-9", a=node.id, b="cloud-1")
    after = AddNodes((node,), (link,)).apply(design)
    assert after.sites[-1] == node and after.links[-1] == link
    assert design.sites[-1].id == "site-2"  # the original is untouched
    assert AddNodes((node,)).text == "Add Branch 3"


def test_add_link_defaults_and_refusals(design):
    link = make_link(design, "hq", "site-1")
    assert (link.l2, link.capacity_kbps, link.id) == ("ethernet", 2048.0, "link-5")
    after = AddLink(link).apply(design)
    assert after.links[-1].a == "hq" and after.links[-1].b == "site-1"
    # a second link between two nodes already joined (a site's two access links to one cloud), as the model allows
    assert (make_link(design, "cloud-1", "hq").a, make_link(design, "cloud-1", "hq").b) == ("cloud-1", "hq")
    with pytest.raises(CommandError, match="itself"):
        make_link(design, "hq", "hq")
    two_clouds = AddNodes((Cloud(id="cloud-2", kind="internet"),)).apply(design)
    with pytest.raises(CommandError, match="site at one end"):
        make_link(two_clouds, "cloud-1", "cloud-2")
    with pytest.raises(CommandError, match="link.b: unknown site or cloud 'nope'"):
        make_link(design, "hq", "nope")


def test_move_nodes_moves_only_the_named_nodes(design):
    after = MoveNodes({"site-1": (300, 400), "cloud-1": (1, 2)}).apply(design)
    assert (after.sites[1].x, after.sites[1].y) == (300, 400)
    assert (after.clouds[0].x, after.clouds[0].y) == (1, 2)
    assert after.sites[0] is design.sites[0]  # untouched objects are shared, which keeps diffs cheap
    with pytest.raises(CommandError, match="unknown site or cloud ghost"):
        MoveNodes({"ghost": (0, 0)}).apply(design)
    with pytest.raises(CommandError, match=r"Site 'Branch 1': X must be ≤ 1,000,000"):
        MoveNodes({"site-1": (2e6, 0)}).apply(design)


def test_set_fields_on_every_kind_of_target(design):
    assert SetFields("site-1", {"users": 60}).apply(design).sites[1].users == 60
    assert SetFields("link-2", {"capacity_kbps": 512}).apply(design).links[1].capacity_kbps == 512
    assert SetFields("cloud-1", {"kind": "internet"}).apply(design).clouds[0].kind == "internet"
    assert SetFields("design", {"customer": "ACME"}).apply(design).customer == "ACME"
    assert SetFields("design.voice", {"codec": "G.729"}).apply(design).voice.codec == "g729"
    assert SetFields("design.vpn", {"technology": "dmvpn"}).apply(design).vpn.technology == "dmvpn"
    assert SetFields("design.traffic", {"gos": 0.02}).apply(design).traffic.gos == 0.02
    assert SetFields("site-1.security", {"voice_vlan": True}).apply(design).sites[1].security.voice_vlan
    assert SetFields("site-2.traffic", {"calls_per_user": 4}).apply(design).sites[2].traffic.calls_per_user == 4


@pytest.mark.parametrize(("target", "values", "message"), [
    ("site-1", {"users": -1}, "Site 'Branch 1': Users must be ≥ 0"),
    ("link-1", {"capacity_kbps": 0}, "Link 'HQ 1 – MPLS VPN': Capacity must be ≥ 1"),
    ("link-1", {"b": "nowhere"}, "Link 'HQ 1 – MPLS VPN': End B names no site or cloud of the design ('nowhere')"),
    ("site-1", {"users": "many"}, "Site 'Branch 1': Users must be a whole number"),
    ("design.traffic", {"pstn_share": 0.9}, "shares must add up to 1"),
    ("design.voice", {"codec": "nonsense"}, "Voice: unknown codec 'nonsense'"),
    ("site-1.security", {"voice_vlan": "perhaps"}, "Site 'Branch 1', security controls: Voice VLAN must be true or false"),
    ("ghost", {"users": 1}, "ghost: no such site, cloud, link or design section"),
    ("site-1", {"id": "x"}, "Site 'Branch 1': Id cannot be changed"),
    ("design", {"sites": ()}, "design.sites: cannot be set as a field"),
])
def test_set_fields_refuses_bad_input_with_the_field_named(design, target, values, message):
    with pytest.raises(CommandError) as err:
        SetFields.checked(design, target, values)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_set_fields_knows_design_sections_without_a_design():
    with pytest.raises(CommandError, match="design.vpn.colour: is not a known field"):
        SetFields("design.vpn", {"colour": "red"})
    with pytest.raises(CommandError, match="nothing to change"):
        SetFields("site-1", {})


def test_set_fields_many_changes_every_target(design):
    cmd = SetFieldsMany(("site-1", "site-2"), {"survivability": "srst"})
    after = cmd.apply(design)
    assert [s.survivability for s in after.sites] == ["none", "srst", "srst"]
    assert cmd.text == "Change survivability of 2 items"
    with pytest.raises(CommandError, match=r"Site 'Branch 1': Users must be ≥ 0 \(and 1 more of the selected sites\)"):
        SetFieldsMany(("site-1", "site-2"), {"users": -5}).apply(design)


def test_delete_takes_links_along_and_keeps_the_rest_in_order(design):
    after = DeleteItems(("site-1",)).apply(design)
    assert [s.id for s in after.sites] == ["hq", "site-2"]
    assert [x.id for x in after.links] == ["link-1", "link-3"]
    cloudless = DeleteItems(("cloud-1", "link-4")).apply(design)
    assert cloudless.links == () and len(cloudless.sites) == 3
    with pytest.raises(CommandError, match="unknown id ghost"):
        DeleteItems(("ghost",)).apply(design)


def test_delete_resets_policies_that_name_the_deleted_site(design):
    hubbed = SetFields("design.vpn", {"hub_site": "hq"}).apply(design)
    hubbed = SetFields("design.traffic", {"central_pstn_site": "hq"}).apply(hubbed)
    after = DeleteItems(("hq",)).apply(hubbed)
    assert after.vpn.hub_site is None and after.traffic.central_pstn_site is None


def test_clone_gives_fresh_ids_offsets_and_keeps_internal_links_only(design):
    nodes = [design.sites[1], design.sites[2]]
    cmd = clone(design, nodes, design.links, offset=(40, 40), text="Duplicate")
    assert [n.id for n in cmd.nodes] == ["site-3", "site-4"]
    assert [(n.x, n.y) for n in cmd.nodes] == [(140, 90), (-60, 90)]
    assert [(x.id, x.a, x.b) for x in cmd.links] == [("link-5", "site-3", "site-4")]  # link-4 only
    assert cmd.text == "Duplicate 2 items"
    after = cmd.apply(design)
    assert len(after.sites) == 5 and len(after.links) == 5
    # From clipboard JSON too, validated like a file.
    raw = [n.model_dump(mode="json") for n in nodes]
    assert clone(design, raw, []).nodes[0].users == 25
    raw[0]["users"] = -3
    with pytest.raises(CommandError, match=r"nodes\[0\].users: must be ≥ 0"):
        clone(design, raw, [])


def test_describe_nodes_for_command_texts(design):
    assert describe_nodes(design, ["site-1"]) == "Branch 1"
    assert describe_nodes(design, ["site-1", "site-2", "hq"]) == "3 sites"
    assert describe_nodes(design, ["site-1", "cloud-1"]) == "1 site and 1 cloud"
    assert describe_nodes(design, ["site-1", "link-1"]) == "1 site and 1 link"


def test_replace_design(design):
    other = Design(name="Other")
    assert ReplaceDesign(other, text="Radial layout").apply(design) is other


# -- random edit sequences: snapshots make undo-all exact ---------------------------------------------------------

def _random_command(design: Design, draw) -> object:
    node_ids = sorted(design.node_ids())
    link_ids = [x.id for x in design.links]
    choice = draw(st.sampled_from(["add", "link", "move", "set", "many", "delete", "clone"]))
    if choice == "add" or not node_ids:
        kind = draw(st.sampled_from(["hq", "branch", "datacenter", "mpls", "internet", "private-wan"]))
        return AddNodes((make_node(design, kind, draw(st.integers(-500, 500)), draw(st.integers(-500, 500))),))
    if choice == "link" and len(node_ids) > 1:
        a, b = draw(st.lists(st.sampled_from(node_ids), min_size=2, max_size=2, unique=True))
        try:
            return AddLink(make_link(design, a, b))
        except CommandError:
            return None
    if choice == "move":
        ids = draw(st.lists(st.sampled_from(node_ids), min_size=1, max_size=4, unique=True))
        return MoveNodes({i: (draw(st.floats(-1e4, 1e4, allow_subnormal=False)), draw(st.floats(-1e4, 1e4, allow_subnormal=False))) for i in ids})
    site_ids = [s.id for s in design.sites]
    if choice == "set" and site_ids:
        return SetFields(draw(st.sampled_from(site_ids)), {"users": draw(st.integers(-5, 5000))})
    if choice == "many" and link_ids:
        ids = tuple(draw(st.lists(st.sampled_from(link_ids), min_size=1, max_size=3, unique=True)))
        return SetFieldsMany(ids, {"capacity_kbps": draw(st.sampled_from([64, 512, 2048, -1]))})
    if choice == "delete":
        return DeleteItems(tuple(draw(st.lists(st.sampled_from(node_ids + link_ids), min_size=1, max_size=3,
                                               unique=True))))
    if choice == "clone":
        ids = set(draw(st.lists(st.sampled_from(node_ids), min_size=1, max_size=3, unique=True)))
        nodes = [n for n in (*design.sites, *design.clouds) if n.id in ids]
        return clone(design, nodes, design.links)
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_edits_then_undo_all_restores_the_original(design, data):
    original_json = design.model_dump_json()
    snapshots = [(design, original_json)]  # what the undo stack keeps: (design, its JSON when it was made)
    applied = []
    current = design
    for _ in range(data.draw(st.integers(1, 15))):
        cmd = _random_command(current, data.draw)
        if cmd is None:
            continue
        try:
            after = cmd.apply(current)
        except CommandError:
            continue  # refused edits change nothing and are never recorded
        assert Design.model_validate(after.model_dump()) == after  # every result is a valid design
        snapshots.append((after, after.model_dump_json()))
        applied.append(cmd)
        current = after
    # Undo one by one: every snapshot is still exactly what it was (no command mutated an earlier design) …
    for snapshot, json_then in reversed(snapshots):
        assert snapshot.model_dump_json() == json_then
    # … so undo-all lands on the original, and redo-all (replaying the commands) lands on the final design.
    assert snapshots[0][0].model_dump_json() == original_json
    replayed = design
    for cmd in applied:
        replayed = cmd.apply(replayed)
    assert replayed == current


def test_a_kind_of_100000_characters_is_quoted_short():
    # a hostile drag carrying the node format: the refusal quotes the kind cut, not 100,000 characters
    from advisor.commands import CommandError, make_node

    design = Design.model_validate({"name": "d"})
    with pytest.raises(CommandError) as caught:
        make_node(design, "x" * 100_000, 0.0, 0.0)
    assert len(str(caught.value)) < 400 and "is not a site or cloud kind" in str(caught.value)


def test_a_text_too_long_says_its_limit_with_thousands_separators():
    from pydantic import ValidationError

    from advisor.validation import describe

    with pytest.raises(ValidationError) as caught:
        Design.model_validate({"name": "d", "notes": "n" * 20_001})
    assert "is too long (at most 20,000 characters)" in "; ".join(describe(caught.value))
