"""Where things go on the canvas: a palette double-click adds a node in free space in view, and labels (link labels,
far-zoom site names) do not cover each other on any bundled example."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

import pytest

from advisor import io
from advisor.analysis import analyse
from advisor.ui.canvas import layout
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.palette import Palette
from advisor.ui.canvas.scene import DesignScene

sys.path.insert(0, str(Path(__file__).parent))  # --import-mode=importlib: share the event helpers explicitly
from test_canvas_support import shown_view  # noqa: E402

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "examples").glob("*.json"))


def test_free_spot_is_the_nearest_grid_point_clear_of_the_others():
    footprint = (-30.0, -30.0, 30.0, 50.0)  # a node: icon around its position, label below
    area = (-400.0, -300.0, 400.0, 300.0)
    assert layout.free_spot((3.0, -4.0), footprint, [], area) == (0.0, 0.0)  # nothing there: the grid point
    # A node at the centre takes (-30, -30)–(30, 50). With a 20 px gap a new node at x = 0 must have its top
    # (y − 30 − 20) at 50 or below: y ≥ 100; to the side its left (x − 30 − 20) at 30 or more: x ≥ 80.
    taken = [(-30.0, -30.0, 30.0, 50.0)]
    assert layout.free_spot((0.0, 0.0), footprint, taken, area) in ((80.0, 0.0), (-80.0, 0.0))
    # Above: its bottom (y + 50 + 20) at −30 or above: y ≤ −100, farther than 80: the sides win.
    # A link running down x = 0: the footprint plus its gap (x − 50 … x + 50) must not straddle it: |x| ≥ 60.
    assert layout.free_spot((0.0, 0.0), footprint, [], area, lines=[(0.0, -300.0, 0.0, 300.0)]) in \
        ((60.0, 0.0), (-60.0, 0.0))
    full = [(-400.0, -300.0, 400.0, 300.0)]
    assert layout.free_spot((0.0, 0.0), footprint, full, area) is None


def test_double_clicks_on_the_palette_add_nodes_in_view_without_overlap(qtbot, document):
    view = shown_view(qtbot, document)
    view.fit_all()
    palette = Palette(view=view)
    qtbot.addWidget(palette)
    visible = view.mapToScene(view.viewport().rect()).boundingRect()
    for row in (1, 1, 1, 3, 1, 0, 1, 4, 1, 1):
        palette.list.itemActivated.emit(palette.list.item(row))
    scene = view.scene()
    assert len(scene.nodes) == 4 + 10
    feet = {i: n.footprint().translated(n.pos()) for i, n in scene.nodes.items()}
    for a, b in itertools.combinations(feet, 2):
        assert not feet[a].intersects(feet[b]), (a, b)
    for node_id, rect in feet.items():
        assert visible.contains(rect), node_id
    for node_id in (n for n in feet if n.startswith(("site-", "cloud-"))):
        for link in scene.links.values():  # no new node sits on a link (it would look connected)
            line = link.line()
            assert not any(feet[node_id].contains(line.pointAt(i / 400)) for i in range(401)), (node_id, link.item_id)
    new = [s for s in document.design.sites if s.id.startswith("site-")]
    assert all(s.x % th.GRID == 0 and s.y % th.GRID == 0 for s in new)  # on the grid, as snapping would put them


def _scene(path: Path) -> DesignScene:
    design = io.load(path)
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(analyse(design))
    return scene


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_labels_do_not_cover_each_other_on_the_examples(qapp, path):
    scene = _scene(path)
    labels = {i: x.label_rect() for i, x in scene.links.items()}
    feet = {i: n.footprint().translated(n.pos()) for i, n in scene.nodes.items()}
    for a, b in itertools.combinations(labels, 2):
        assert not labels[a].intersects(labels[b]), (a, b)
    for a, b in itertools.product(labels, feet):
        assert not labels[a].intersects(feet[b]), (a, b)
    for a, b in itertools.combinations(feet, 2):
        assert not feet[a].intersects(feet[b]), (a, b)
    bodies = {i: n.body_rect().translated(n.pos()) for i, n in scene.nodes.items()}
    for lod in (th.NAME_LOD, 0.3, 0.35, 0.4, th.TEXT_LOD - 0.001):  # the far zoom where names are drawn larger
        names = {i: n.far_name_rect(lod).translated(n.pos()) for i, n in scene.nodes.items()}
        for a, b in itertools.combinations(names, 2):
            assert not names[a].intersects(names[b]), (lod, a, b)
        for a, b in itertools.permutations(names, 2):
            assert not names[a].intersects(bodies[b]), (lod, a, b)


def test_a_far_name_grows_as_far_as_its_neighbours_allow(qapp):
    # The 40-store ring: Store 20 and Store 21 sit side by side 107.2 px apart (x = ±53.6, same y).
    scene = _scene(next(p for p in EXAMPLES if p.stem == "hq-40-branches-internet"))
    s20, s21 = scene.nodes["br20"], scene.nodes["br21"]
    assert s20.pos().y() == s21.pos().y() and s20.pos().x() - s21.pos().x() == pytest.approx(107.2)
    w20, w21 = s20.name_box(1.0)[0], s21.name_box(1.0)[0]
    # Side by side at scale s they need (w20 + w21)·s/2 + 4 px ≤ 107.2: s ≤ 2·(107.2 − 4)/(w20 + w21).
    limit = 2 * (107.2 - 4) / (w20 + w21)
    lod = 0.3  # wanted: NAME_SCREEN_ZOOM / 0.3 = 2.17, more than that
    assert th.NAME_SCREEN_ZOOM / lod > limit
    assert s20.far_name_scale(lod) <= limit + 1e-9 and s21.far_name_scale(lod) <= limit + 1e-9
    # A store on the side of the ring has the room: its name gets the size asked for.
    assert scene.nodes["br10"].far_name_scale(lod) == pytest.approx(th.NAME_SCREEN_ZOOM / lod)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_few_labels_placed_from_the_index_go_where_a_full_scan_puts_them(qapp, path, monkeypatch):
    # An edit relabels a link or two: their obstacles come from the scene's index, not from every item. Each link
    # in turn, and the busiest node's links together, land where measuring every node and label puts them.
    from advisor.ui.canvas import labels

    scene = _scene(path)
    hub = max(scene._node_links, key=lambda n: len(scene._node_links[n]), default=None)
    batches = [[x] for x in scene.links.values()]
    if hub is not None:
        batches.append([scene.links[i] for i in sorted(scene._node_links[hub])])
    for batch in batches:
        assert len(batch) <= labels.INDEXED_BATCH
        for link in batch:
            link.set_label_t(link.default_t())
        labels.place_link_labels(scene, batch)
        indexed = [link.label_t for link in batch]
        for link in batch:
            link.set_label_t(link.default_t())
        monkeypatch.setattr(labels, "INDEXED_BATCH", 0)  # the full scan
        labels.place_link_labels(scene, batch)
        monkeypatch.undo()
        assert [link.label_t for link in batch] == indexed


def test_a_label_whose_text_changes_but_not_its_width_keeps_its_place(qapp):
    """An edit that moves a link's figures without widening its label leaves the label where the placement put it
    (nothing new is covered, and labels do not jump about); a wider label goes back to its default place to be
    placed again."""
    scene = _scene(next(p for p in EXAMPLES if p.stem == "hq-40-branches-internet"))
    link = next(iter(scene.links.values()))
    base = scene._by_link[link.item_id].model_copy(update={"kbps": 123.45})
    link.set_result(base)
    advance = link._metrics["small"].horizontalAdvance
    width = advance(link.label)
    # the same digits in another order: the same width in any font whose digit pairs are not kerned apart
    alike = next((float(f"{a}{b}{c}.{d}{e}") for a, b, c, d, e in itertools.permutations("12345")
                  if advance(link.label.replace("123.45", f"{a}{b}{c}.{d}{e}")) == width
                  and f"{a}{b}{c}.{d}{e}" != "123.45"), None)
    assert alike is not None
    link.set_label_t(0.31)  # where the placement put it, off the default
    before = link.label
    assert link.set_result(base.model_copy(update={"kbps": alike})) is False
    assert link.label != before and link.label_t == 0.31
    assert link.set_result(base.model_copy(update={"kbps": 12_345_678.9})) is True  # wider: placed again
    assert link.label_t == link.default_t() and advance(link.label) > width
