"""An edit that leaves the WAN's topology alone (a site's users, a site moved) keeps the routing graph, with the
cuts and blocks worked out on it; any change to the links or the nodes builds a new one. Either way the analysis is
the one a fresh process makes."""

from __future__ import annotations

import sys
from pathlib import Path

from advisor import routing_graph
from advisor.analysis import analyse, forget
from advisor.commands import SetFields
from advisor.routing_blocks import blocks

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def test_a_users_edit_keeps_the_graph_and_its_blocks_and_the_same_figures():
    design = generate(300, "mesh")
    analyse(design)
    graph = routing_graph.graph_of(design)
    kept_blocks = blocks(graph)
    edited = SetFields(design.sites[5].id, {"users": design.sites[5].users + 7}).apply(design)
    reused = analyse(edited)
    assert routing_graph.graph_of(edited) is graph and blocks(graph) is kept_blocks
    forget()
    fresh = analyse(edited)
    assert routing_graph.graph_of(edited) is not graph
    assert reused == fresh
    assert reused.links != analyse(design).links  # the edit moved the figures: the test compares something


def test_any_change_to_links_or_nodes_builds_a_new_graph():
    design = generate(40, "mesh")
    graph = routing_graph.graph_of(design)
    link = design.links[3]
    slower = SetFields(link.id, {"rtt_ms": link.rtt_ms + 5}).apply(design)
    assert routing_graph.graph_of(slower) is not graph
    assert routing_graph.graph_of(slower).rtt[3] == link.rtt_ms + 5
    renamed = design.model_copy(update={"sites": (design.sites[0].model_copy(update={"id": "zz"}),
                                                  *design.sites[1:])})
    assert not routing_graph.same_topology(design, renamed)
    fewer = design.model_copy(update={"links": design.links[:-1]})
    assert not routing_graph.same_topology(design, fewer)
    moved = SetFields(design.sites[2].id, {"x": 999.0}).apply(design)
    assert routing_graph.same_topology(design, moved)


def test_the_farthest_partners_of_a_mesh_are_kept_while_the_drawing_and_weights_stand(monkeypatch):
    """A 100-site mesh's exact farthest partners (a tree per site) are worked out once while only users change;
    a link's round-trip time changes them, and the figures are always a fresh process's."""
    from advisor.rules import delay_underlay

    design = generate(100, "mesh")
    analyse(design)
    searched: list[int] = []
    real = delay_underlay._underlay
    monkeypatch.setattr(delay_underlay, "_underlay", lambda *a: searched.append(1) or real(*a))
    edited = SetFields(design.sites[3].id, {"users": design.sites[3].users + 5}).apply(design)
    kept = analyse(edited)
    assert not searched  # the last answer was read
    link = design.links[10]
    slower = SetFields(link.id, {"rtt_ms": link.rtt_ms + 40}).apply(edited)
    changed = analyse(slower)
    assert searched == [1]
    forget()
    assert analyse(edited) == kept and analyse(slower) == changed
    assert kept.delay != changed.delay  # the slower link moved the worst path: the comparison says something


def test_the_hubs_tree_and_the_rules_trees_are_kept_with_the_graph(monkeypatch):
    """A users edit of a mesh reuses the via-hub routing's tree and the delay check's trees: no search runs again,
    and the figures are a fresh process's. A codec change moves the one-way delays (serialization): the rules'
    trees for those weights are searched again."""
    from advisor import routing_graph as rg
    from advisor.rules import _paths

    design = generate(200, "mesh")
    analyse(design)
    graph = rg.graph_of(design)
    assert graph.sum_trees and graph.paths_trees  # the analysis asked for both
    searched: list[int] = []
    real = rg.lowest_tree
    for module in (rg, _paths):
        monkeypatch.setattr(module, "lowest_tree", lambda *a, **k: searched.append(a[2]) or real(*a, **k))
    edited = SetFields(design.sites[9].id, {"users": design.sites[9].users + 3}).apply(design)
    reused = analyse(edited)
    assert rg.graph_of(edited) is graph and searched == []
    forget()
    assert analyse(edited) == reused and searched  # a fresh graph searches again, to the same figures
    searched.clear()
    other = "g729" if design.voice.codec == "g711" else "g711"
    recoded = SetFields("design.voice", {"codec": other}).apply(edited)
    analyse(recoded)
    assert searched  # new one-way delays: new trees
