"""Incremental refreshes equal full rebuilds: the canvas after edits and new results, the findings tree after
re-analyses that change only the findings' words; quick analyses coalesce and stop on shutdown."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from advisor.analysis import analyse
from advisor.commands import SetFields
from advisor.ui.canvas.scene import DesignScene
from advisor.ui.document import Document
from advisor.ui.findings_dock import FindingsPanel

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _link_state(scene: DesignScene) -> dict:
    return {i: (x.label, x.status, x.toolTip(), x.label_item.toolTip(), x.badge) for i, x in scene.links.items()}


def _node_state(scene: DesignScene) -> dict:
    return {i: (x.name, x.detail, x.toolTip(), x.badge) for i, x in scene.nodes.items()}


def _fresh(design, results) -> DesignScene:
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(results)
    return scene


@pytest.fixture
def designs():
    """A 30-site design and edits of users, capacity, a name and a new link, with their results."""
    first = generate(30, "mpls")
    site, link = first.sites[3], first.links[5]
    steps = [SetFields(site.id, {"users": site.users + 40}), SetFields(link.id, {"capacity_kbps": 64}),
             SetFields(site.id, {"name": "Renamed branch"}), SetFields(link.id, {"capacity_kbps": 100_000})]
    out = [first]
    for cmd in steps:
        out.append(cmd.apply(out[-1]))
    return out


def test_canvas_after_edits_and_results_equals_a_fresh_scene(qapp, designs):
    scene = DesignScene()
    results = None
    for design in designs:
        scene.sync(design)  # the edit: old results still shown where they fit
        fresh = _fresh(design, results)
        assert _link_state(scene) == _link_state(fresh) and _node_state(scene) == _node_state(fresh)
        results = analyse(design)
        scene.apply_results(results)  # the re-analysis
        fresh = _fresh(design, results)
        assert _link_state(scene) == _link_state(fresh) and _node_state(scene) == _node_state(fresh)
        scene.apply_results(results)  # the same results again: nothing changes
        assert _link_state(scene) == _link_state(fresh)


def test_results_for_an_older_design_show_only_where_the_link_still_fits(qapp, designs):
    design = designs[0]
    results = analyse(design)
    link = design.links[0]
    other = next(n.id for n in design.sites if n.id not in (link.a, link.b))
    moved = SetFields(link.id, {"b": other}).apply(design)
    scene = _fresh(design, results)
    scene.sync(moved)
    assert scene.links[link.id].label == f"{link.capacity_kbps:,.2f} kbps"  # its old figures no longer fit
    assert _link_state(scene) == _link_state(_fresh(moved, results))


def _tree_rows(panel: FindingsPanel) -> list:
    tree = panel.tree
    rows = []
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        rows.append((group.text(0), group.isHidden()))
        for r in range(group.childCount()):
            child = group.child(r)
            rows.append((child.text(0), child.text(1), child.toolTip(0), child.toolTip(1), child.isHidden(),
                         panel.finding_of(child)))
    return rows


def test_findings_rows_updated_in_place_equal_a_full_fill(qtbot, designs):
    document = Document(designs[0])
    panel = FindingsPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    document.set_results(analyse(designs[0]))
    # The users edit changes the findings' figures, not which findings there are.
    design = designs[1]
    document.reset(design)
    results = analyse(design)
    document.set_results(results)
    incremental = _tree_rows(panel)
    panel._fill_tree()
    assert incremental == _tree_rows(panel)


def test_the_finding_being_read_shows_its_new_words(qtbot):
    design = generate(12, "mpls")
    document = Document(design)
    panel = FindingsPanel(document)
    qtbot.addWidget(panel)
    panel.show()
    results = analyse(design)
    document.set_results(results)
    old = results.findings
    index = len(old) // 2
    new = list(old)
    new[index] = old[index].model_copy(update={"message": "reworded 123", "remedy": "another remedy"})
    panel.tree.setCurrentItem(panel._rows[index])
    rows = list(panel._rows)
    document.set_results(results.model_copy(update={"findings": tuple(new)}))
    assert panel._rows == rows and panel.tree.currentItem() is rows[index]  # the same rows, the same current
    assert panel._rows[index].text(0).endswith("reworded 123")
    assert "another remedy" in panel.details.toPlainText()
    incremental = _tree_rows(panel)
    panel._fill_tree()
    assert incremental == _tree_rows(panel)


def test_quick_analyses_coalesce_and_stop_on_shutdown(qtbot):
    from advisor.ui.analysis_runner import AnalysisRunner

    document = Document(generate(10, "mpls"))
    runner = AnalysisRunner(document)
    runner.run_now()
    assert runner.inline()  # quick: analysed on the UI thread, at once
    document.push(SetFields(document.design.sites[1].id, {"users": 99}))
    document.push(SetFields(document.design.sites[1].id, {"users": 98}))  # one turn: coalesced
    assert runner.pending()
    seen = []
    document.resultsChanged.connect(seen.append)
    qtbot.waitUntil(lambda: not runner.pending(), timeout=5000)
    assert len(seen) == 1 and seen[0] == analyse(document.design)
    document.push(SetFields(document.design.sites[1].id, {"users": 97}))
    runner.shutdown()  # a posted analysis is cancelled: nothing lands after shutdown
    qtbot.wait(20)
    assert len(seen) == 1 and not runner.pending()
