"""Link labels placed by plain floating-point boxes (`labels._tries`) land exactly where Qt's own geometry puts
them: each label at the first of its candidate places whose box, grown by the gap, covers no node and no label
already placed, else at its default place. The oracle below is that rule written with QRectF and an all-pairs
test, as the placement was before it skipped the Qt objects (a 10,000-link design tries ~170,000 places)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLineF, QRectF

from advisor.analysis import analyse
from advisor.model import Design
from advisor.ui.canvas import labels
from advisor.ui.canvas.scene import DesignScene

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import generate  # noqa: E402


def _oracle(scene: DesignScene, batch: list) -> dict[str, tuple[float, float]]:
    """Where each label of `batch` goes (the others stay): candidate boxes from QLineF.pointAt and QRectF, on the
    line or just beside it (the offset along the line's normal, by hand below)."""
    g = labels.LABEL_GAP
    pending = {link.item_id for link in batch}
    taken = [node.footprint().translated(node.pos()) for node in scene.nodes.values()]
    taken += [link.label_rect() for link in scene.links.values() if link.item_id not in pending]
    out = {}
    for link in sorted(batch, key=lambda x: x.item_id):
        chosen = (link.default_t(), 0.0)
        ts = labels.candidate_ts(link)
        sides = (1.0, -1.0, 2.0, -2.0, 3.0, -3.0)
        for place in [(t, 0.0) for t in ts] + [(t, side) for side in sides for t in ts[:3]]:
            box = _box_at(link, *place).adjusted(-g, -g, g, g)
            if not any(box.intersects(other) for other in taken):
                chosen = place
                break
        out[link.item_id] = chosen
        taken.append(_box_at(link, *chosen))
    return out


def _box_at(link, t: float, side: float = 0.0) -> QRectF:
    line = QLineF(link.line())
    mid = line.pointAt(t)
    w, h = link._label_box()
    if side:  # the unit normal (−dy, dx) / length, out by half the box across it, a 4 px gap and 32 px a step
        nx, ny = -line.dy() / line.length(), line.dx() / line.length()
        reach = abs(nx) * w / 2 + abs(ny) * h / 2 + 4.0 + (abs(side) - 1) * 32.0
        sign = 1.0 if side > 0 else -1.0
        return QRectF(mid.x() + sign * nx * reach - w / 2, mid.y() + sign * ny * reach - h / 2, w, h)
    return QRectF(mid.x() - w / 2, mid.y() - h / 2, w, h)


def _crowded(seed: int) -> Design:
    """Sites scattered close together around two clouds, each on one or both, some joined directly: labels
    collide often, and lines cross at every angle."""
    rnd = random.Random(seed)
    sites = [{"id": f"s{i}", "name": f"Branch {i}" + "x" * rnd.randrange(12), "users": rnd.choice([5, 50, 500]),
              "x": rnd.uniform(-900, 900), "y": rnd.uniform(-600, 600)} for i in range(90)]
    clouds = [{"id": "m", "kind": "mpls", "x": -200.0, "y": 0.0}, {"id": "i", "kind": "internet", "x": 300.0,
                                                                     "y": 40.0}]
    links = [{"id": f"m{i}", "a": f"s{i}", "b": "m", "capacity_kbps": rnd.choice([512, 2048, 100000])}
             for i in range(90) if rnd.random() < 0.8]
    links += [{"id": f"i{i}", "a": f"s{i}", "b": "i"} for i in range(90) if rnd.random() < 0.4]
    links += [{"id": f"d{i}", "a": f"s{i}", "b": f"s{(i + 7) % 90}"} for i in range(0, 90, 5)]
    return Design.model_validate({"sites": sites, "clouds": clouds, "links": links})


@pytest.mark.parametrize("design", [_crowded(1), _crowded(2), generate(300, "mpls"), generate(200, "mesh")],
                         ids=["crowded-1", "crowded-2", "mpls-300", "mesh-200"])
def test_a_whole_design_is_placed_as_qt_geometry_places_it(qapp, design):
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(analyse(design))
    links = list(scene.links.values())
    assert len(links) > labels.INDEXED_BATCH  # the grid path
    for link in links:
        link.set_label_t(link.default_t())
    expected = _oracle(scene, links)
    labels.place_link_labels(scene, links)
    assert {link.item_id: (link.label_t, link.label_side) for link in links} == expected
    # the rule has something to decide here: some labels slid off their default place, some found none free
    moved = [link for link in links if link.label_t != link.default_t() or link.label_side]
    assert 0 < len(moved) < len(links)


def test_an_edits_few_labels_are_placed_as_qt_geometry_places_them(qapp):
    design = _crowded(3)
    scene = DesignScene()
    scene.sync(design)
    links = sorted(scene.links.values(), key=lambda x: x.item_id)[::9]  # a handful: the scene's index path
    assert len(links) <= labels.INDEXED_BATCH
    for link in links:
        link.set_label_t(link.default_t())
    expected = _oracle(scene, links)
    labels.place_link_labels(scene, links)
    assert {link.item_id: (link.label_t, link.label_side) for link in links} == expected
    assert any(link.label_t != link.default_t() or link.label_side for link in links)


def test_labels_that_could_not_lie_apart_stay_at_their_default_places(qapp):
    """A full mesh of 40 sites: 780 labels cover more than half the region their lines span, so no placement
    keeps them apart; each stays at its default place instead of trying 17 places against the pile (a 300-site
    full mesh, 44,850 links, held the window 3.8 s for that). A design with room is still placed (above)."""
    design = generate(40, "full-mesh")
    scene = DesignScene()
    scene.sync(design)
    scene.apply_results(analyse(design))
    links = list(scene.links.values())
    area = QRectF()
    for link in links:
        area = area.united(QRectF(link.line().p1(), link.line().p2()).normalized())
    area.adjust(-200, -200, 200, 200)
    covered = sum((w + labels.LABEL_GAP) * (h + labels.LABEL_GAP) for w, h in (x._label_box() for x in links))
    assert covered > labels.LABEL_AREA_SHARE * area.width() * area.height()  # the case this test is about
    assert labels.crowded(links, area)
    for link in links[::3]:
        link.set_label_t(0.25)  # somewhere else: placing puts each back
    labels.place_link_labels(scene, links)
    assert all(link.label_t == link.default_t() for link in links)
    sparse = generate(300, "mpls")
    scene = DesignScene()
    scene.sync(sparse)
    scene.apply_results(analyse(sparse))
    area = QRectF()
    for link in scene.links.values():
        area = area.united(QRectF(link.line().p1(), link.line().p2()).normalized())
    assert not labels.crowded(list(scene.links.values()), area.adjusted(-200, -200, 200, 200))


def test_the_box_of_the_lines_is_qts_union_of_each_lines_box(qapp):
    # `labels._lines_box` takes the extremes of the lines' ends: QRectF.united over each line's normalized box, where
    # a line of no length is a null box that adds nothing, and a flat line (no height) adds its width
    rng = random.Random(7)

    class Line:
        def __init__(self, *ends):
            self._line = QLineF(*ends)

    for trial in range(200):
        lines = []
        for _ in range(rng.randint(0, 6)):
            x1, y1 = rng.choice((0.0, rng.uniform(-500, 500))), rng.choice((0.0, rng.uniform(-500, 500)))
            kind = rng.random()
            x2, y2 = (x1, y1) if kind < 0.2 else (x1, rng.uniform(-500, 500)) if kind < 0.4 else \
                (rng.uniform(-500, 500), y1) if kind < 0.6 else (rng.uniform(-500, 500), rng.uniform(-500, 500))
            lines.append(Line(x1, y1, x2, y2))
        united = QRectF()
        for line in lines:
            united = united.united(QRectF(line._line.p1(), line._line.p2()).normalized())
        assert labels._lines_box(lines) == united, trial
