"""The scene mirrors the design: it diffs old and new designs and adds, removes or updates only what changed.

Results (link figures, finding badges) are applied the same way; nothing here edits the document.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsScene

from advisor.model import Design
from advisor.ui.canvas import dense_lines, labels
from advisor.ui.canvas import theme as th
from advisor.ui.canvas.badge import badges_of, problems_of
from advisor.ui.canvas.bundle import BundleItem
from advisor.ui.canvas.items import Badge, LinkItem, LinkLabelItem, NodeItem
from advisor.ui.canvas.label_queue import LabelQueue
from advisor.ui.canvas.pairs import ParallelPairs

_MARGIN = 1500.0  # room to pan and drop around the drawing
# The depth of the scene's BSP index (2**depth leaves). Qt sizes it from the item count (15 for 10,000 sites), and
# every item is filed in each leaf its bounding box covers: the links of a star (all to one cloud) or of a full mesh
# cross much of the drawing, so that filing grows with items × leaves. A 20,000-site star's first paint took 11–28 s
# and moving 50 sites of a 120-site full mesh 12–20 s; at depth 10 they take about 1 s, while a chain's or a tree's
# short links find their neighbours as fast as before (benchmarks/bench_canvas.py, docs/performance.md).
BSP_DEPTH = 10
# A design opened with at least this many links, or as many brought back into a design without links (Undo of a
# Delete of everything), places its link labels once, when its results arrive (their figures change every label's
# size): placing them for the bare design first cost as much again (~0.5 s at 10,000 links, ~3 s at 45,000).
# `place_waiting_labels` places them if the analysis fails instead.
LABELS_WAIT_LINKS = 2000
# From this many nodes and links changed in one sync (a layout, its undo, a paste of thousands), the rest is changed
# with the scene's index off and the index rebuilt once after: each item's geometry change otherwise re-files it in the index, about
# 36 µs at 20,000 sites, three times per link (radial layout of 20,000 sites: 4.3 s).
BULK_ITEMS = 2000


class DesignScene(QGraphicsScene):
    selectedIdsChanged = Signal(tuple)  # selection made on the canvas (not echoes of document.select)

    def __init__(self, theme: th.Theme | None = None, parent=None):
        super().__init__(parent)
        self.setBspTreeDepth(BSP_DEPTH)
        # What the canvas shows of the results (quiz mode hides figures: advisor.ui.classroom.window_mask), applied
        # to every results the scene is given, so each change places the labels once, already as shown.
        self.results_view = None
        self._syncing_selection = False
        self._selection_stale = False  # a change came while syncing: the labels repaint when it ends
        self.selection_passes = 0  # how often the selected links were gathered (tests: once per change)
        self._changed, self._index_off = 0, False  # items changed by the sync under way; its index switched off
        self.label_queue = LabelQueue(self)  # link labels of a large design placed a slice at a time
        self._forget_design()
        self.set_theme(theme or th.current())
        self.selectionChanged.connect(self._on_selection_changed)

    # -- theme ---------------------------------------------------------------------------------------------------
    def set_theme(self, theme: th.Theme) -> None:
        self.label_queue.interrupt()
        same_fonts = getattr(self, "theme", None) is not None and self.theme.fonts == theme.fonts
        self.theme = theme
        self.setBackgroundBrush(theme.background)
        if self.dense_layer is not None:
            self.dense_layer.redraw()  # a dense scene's lines, cached in the old colours
        if same_fonts:  # light <-> dark: the items paint in the scene's theme's colours, their sizes stay
            self.update()  # (measuring every label again froze a 20,000-site window for 4-5 s)
            return
        self.metrics = {role: QFontMetricsF(font) for role, font in theme.fonts.items()}
        if self.nodes:  # text widths depend on the fonts: rebuild labels
            for node in (*self._design.sites, *self._design.clouds):
                item = self.nodes[node.id]
                item._metrics = self.metrics
                item.kind = ""  # force a geometry refresh
                item.set_node(node)
            for item in self.links.values():
                item._metrics = self.metrics
                item.adjust()
            self.pairs.set_metrics(self.metrics)
            self._nodes_changed()
            self.label_queue.place(self.links.values())
            self._waiting = []
        self.update()

    # -- design --------------------------------------------------------------------------------------------------
    @property
    def design(self) -> Design:
        return self._design

    def sync(self, new: Design) -> None:
        """Bring the items in line with ``new``: O(changed items) item work, O(design) identity checks."""
        self.label_queue.interrupt()  # labels still waiting for their place take it in the changed drawing
        self._design = new
        was_dense = th.dense(self)
        old_nodes, old_links = self._by_id  # the previous design's, kept from its sync
        new_nodes = {n.id: n for n in (*new.sites, *new.clouds)}
        new_links = {x.id: x for x in new.links}
        self._by_id = new_nodes, new_links
        # Removals change the selection; the document prunes its own, so do not echo it back.
        self._syncing_selection = True
        self._changed, self._index_off = 0, False
        try:
            removed_links, removed_nodes = old_links.keys() - new_links.keys(), old_nodes.keys() - new_nodes.keys()
            self._changing(len(removed_links) + len(removed_nodes))
            for link_id in removed_links:
                self._remove_link(link_id)
            for node_id in removed_nodes:
                item = self.nodes.pop(node_id)
                self._node_links.pop(node_id, None)
                self.removeItem(item)
            moved: set[str] = set()
            fresh_nodes: list[NodeItem] = []  # new items: they take their badge from the current results
            fresh_links: list[str] = []  # new or changed links: set_link cleared their figures
            adjusted: list[str] = []  # links whose label went back to its default place
            nodes_changed = len(old_nodes) != len(new_nodes)
            for node_id, node in new_nodes.items():
                before = old_nodes.get(node_id)
                if before is node:
                    continue
                nodes_changed = True
                self._changing()
                item = self.nodes.get(node_id)
                if item is None or before is None or type(before) is not type(node):
                    selected = False
                    if item is not None:  # a site became a cloud of the same id (a recovered or replaced design)
                        selected = item.isSelected()
                        self.removeItem(item)
                    item = NodeItem(node, self.metrics)
                    self.nodes[node_id] = item
                    self.addItem(item)
                    # still selected in the document: the new item shows it (Delete removed a node shown unselected)
                    item.setSelected(selected)
                    fresh_nodes.append(item)
                else:
                    item.set_node(node)
                if before is None or (before.x, before.y) != (node.x, node.y):
                    moved.add(node_id)
            for link_id, link in new_links.items():
                before = old_links.get(link_id)
                if before is link and link.a not in moved and link.b not in moved:
                    continue
                a, b = self.nodes[link.a], self.nodes[link.b]
                adjusted.append(link_id)
                self._changing()
                if before is not link:
                    fresh_links.append(link_id)
                if before is None:
                    item = LinkItem(link, a, b, self.metrics)
                    self.links[link_id] = item
                    self.pairs.add(item)  # into the scene, or into its pair's bundle (regroup, below)
                    self._node_links[link.a].add(link_id)
                    self._node_links[link.b].add(link_id)
                elif before is not link:
                    for end in {before.a, before.b} - {link.a, link.b}:
                        self._node_links[end].discard(link_id)
                    self._node_links[link.a].add(link_id)
                    self._node_links[link.b].add(link_id)
                    self.pairs.re_end(link_id, before, link)
                    self.links[link_id].set_link(link, a, b)
                else:
                    self.links[link_id].adjust()
            bundles, unbundled = self.pairs.regroup(moved)
            adjusted.extend(unbundled)  # their labels were never placed: they get a place as new ones
        finally:
            if self._index_off:
                self._index_again()
            self._end_sync()
        if th.dense(self) != was_dense:
            # every line's width and every label's zoom change (theme.dense): all of it is drawn again, not only
            # what this edit touched (a link deleted out of view left the others drawn as before)
            self.update()
        dense_lines.follow(self, fresh_links, bool(removed_links or adjusted))  # many lines: drawn in one item
        self._fit_scene_rect()
        # The results have not changed: only the items made or changed here need them (the others show them
        # already). Equal to apply_results(self._results) over every item (tests/ui/test_canvas.py,
        # test_scene_updates_incrementally).
        for link_id in fresh_links:
            self._apply_link(link_id, self.links[link_id])
        for item in fresh_nodes:
            item.set_badge(self._badges.get(item.item_id))
        bundled = self.pairs.bundled
        self.pairs.refresh({*bundles, *(bundled[i] for i in fresh_links if i in bundled)})
        if nodes_changed:
            self._nodes_changed()
        if not old_links and len(adjusted) >= LABELS_WAIT_LINKS and not any(i in self._by_link for i in adjusted):
            # a design just opened, or every link back at once (Undo of a Delete of everything): their results
            # come next, and resize every label
            self._waiting = adjusted
            return
        self.label_queue.place(self.links[i] for i in adjusted)

    def _changing(self, count: int = 1) -> None:
        """Count the items a sync changes: from BULK_ITEMS on, the rest is changed with the index off."""
        self._changed += count
        if self._changed >= BULK_ITEMS and not self._index_off:
            self._index_off = True
            self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)

    def _index_again(self) -> None:
        # Back to the index, at its depth: a new index sized by Qt from the item count alone (15 for 10,000 sites)
        # made the next theme switch take minutes (BSP_DEPTH).
        self.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        self.setBspTreeDepth(BSP_DEPTH)

    def clear_design(self) -> None:
        """Drop every item at once: the design is being replaced wholesale (New, Open). Telling each old link that
        its results went and removing its items one by one from the index took 7 s at 20,000 sites; the next
        ``sync`` builds the new design as into an empty window."""
        self.label_queue.drop()
        self._syncing_selection = True  # the selection empties with the items: the document prunes its own
        try:
            self.clear()
        finally:
            self._syncing_selection = False
            self._selection_stale = False
        self._forget_design()
        self._fit_scene_rect()

    def _forget_design(self) -> None:
        """No design, no items, no results: as a new scene starts and as ``clear_design`` leaves it."""
        self.nodes: dict[str, NodeItem] = {}
        self.links: dict[str, LinkItem] = {}  # every link's item; those of a bundle are not in the scene (pairs)
        self.pairs = ParallelPairs(self)
        self._node_links: dict[str, set[str]] = defaultdict(set)
        self._design = Design()
        self._by_id: tuple[dict, dict] = ({}, {})  # node id -> node, link id -> link of self._design
        self._results = None
        self._by_link: dict = {}  # link id -> LinkResult of self._results
        self.name_spots: dict | None = None  # node names per small square (advisor.ui.canvas.labels._crowded)
        self.node_cells: dict | None = None  # node items per square of a grid (labels._nodes_near)
        self._badges: dict[str, Badge] = {}  # subject id -> Badge of self._results
        self._problems: tuple = ()  # (severity, subjects) of its findings, info excluded: what the badges count
        self._selected_links: set[str] = set()  # whose labels show the selection (their border)
        self._waiting: list[str] = []  # links whose labels wait for the results (LABELS_WAIT_LINKS)
        # draws the link items' lines when they are many (clear() deleted the last one)
        self.dense_layer: dense_lines.DenseLines | None = None
        self.drag_layer = None  # while sites are dragged: what moves, and the picture of the rest

    def place_waiting_labels(self) -> None:
        """Place the labels that waited for results that will not come (the analysis failed)."""
        waiting, self._waiting = self._waiting, []
        self.label_queue.place(self.links[i] for i in waiting if i in self.links)

    def _remove_link(self, link_id: str) -> None:
        item = self.links.pop(link_id)
        for end in (item.link.a, item.link.b):
            self._node_links[end].discard(link_id)
        self.pairs.remove(item)

    def _fit_scene_rect(self) -> None:
        nodes = (*self._design.sites, *self._design.clouds)
        if not nodes:
            self.setSceneRect(QRectF(-_MARGIN, -_MARGIN, 2 * _MARGIN, 2 * _MARGIN))
            return
        xs = [n.x for n in nodes]
        ys = [n.y for n in nodes]
        rect = QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))
        self.setSceneRect(rect.adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN))

    def _nodes_changed(self) -> None:
        """Names moved, came or went: each node measures its room for a far-zoom name again when next drawn."""
        for item in self.nodes.values():
            item.name_room = None
        self.name_spots = None  # labels._crowded counts them again
        self.node_cells = None  # and labels._nodes_near grids them again

    def name_room(self, node: NodeItem) -> float:
        return labels.name_room(self, node)

    def drawing_rect(self) -> QRectF:
        """The bounding box of what is drawn (for fit to window)."""
        rect = QRectF()
        for item in self.nodes.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # -- results -------------------------------------------------------------------------------------------------
    def apply_results(self, results) -> None:
        """Link labels and colours from ``results.links`` (as ``results_view`` shows them, when set); finding badges
        on their subjects.

        Items whose figures and badge are unchanged are left alone: every item shows ``self._badges`` already, so
        only the subjects whose badge differs are told, and each link compares its figures before it repaints.
        """
        self.label_queue.interrupt()
        if results is not None and self.results_view is not None:
            results = self.results_view(results)
        if results is not self._results or results is None:
            self._results = results
            self._by_link = {r.id: r for r in results.links} if results is not None else {}
            # What the badges are made of: an edit seldom changes which findings fall on which subjects.
            problems = problems_of(results)
            if problems != self._problems:
                self._problems = problems
                self._set_badges(badges_of(problems))
        relabelled = [item for item in self.links.values() if item.set_result(self._result_of(item))]
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            ids = {item.item_id for item in relabelled}
            relabelled.extend(self.links[i] for i in waiting if i in self.links and i not in ids)
        self.label_queue.place(relabelled)
        self.pairs.refresh()  # their links' statuses and findings

    def figures_hidden(self) -> bool:
        """Whether the links' figures are withheld (quiz mode's ``results_view``): analysed but not shown, so a
        link without a result is not "not analysed yet"."""
        return self.results_view is not None and self._results is not None and not self._results.links \
            and bool(self._design.links)

    def _set_badges(self, badges: dict[str, Badge]) -> None:
        old = self._badges
        self._badges = badges
        if badges == old:
            return
        for subject in old.keys() | badges.keys():
            badge = badges.get(subject)
            if badge != old.get(subject):
                item = self.nodes.get(subject)
                item = item if item is not None else self.links.get(subject)
                if item is not None:
                    item.set_badge(badge)

    def _result_of(self, item: LinkItem):
        """The link's result, if any. Results computed for an older design may name links that changed since:
        shown only if they fit."""
        result = self._by_link.get(item.item_id)
        if result is None:
            return None
        a, b = item.link.a, item.link.b
        return result if (result.a == a and result.b == b) or (result.a == b and result.b == a) else None

    def _apply_link(self, link_id: str, item: LinkItem) -> bool:
        """Show the link's figures and badge; True when its label changed (and went back to its default place)."""
        relabelled = item.set_result(self._result_of(item))
        item.set_badge(self._badges.get(link_id))
        return relabelled

    def helpEvent(self, event) -> None:  # noqa: N802 - Qt's name
        # Link tooltips are written lazily (LinkItem.toolTip): bring those under the pointer up to date first, so
        # Qt's own lookup (which reads the C++ tooltip) finds them.
        for item in self.items(event.scenePos()):
            if isinstance(item, LinkItem | LinkLabelItem | BundleItem):
                item.toolTip()
        super().helpEvent(event)

    # -- positions during a gesture ------------------------------------------------------------------------------
    def move_node_item(self, node_id: str, pos: QPointF) -> None:
        """Show a node at ``pos`` while a gesture runs (the document changes only on release)."""
        self.nodes[node_id].setPos(pos)
        light = self.drag_layer is not None and self.drag_layer.light  # many links: the drag draws their lines
        bundled = self.pairs.bundled
        for link_id in () if light else self._node_links.get(node_id, ()):
            if link_id not in bundled:  # a bundle's links follow in the release's sync, the bundle now
                self.links[link_id].adjust()  # default places while dragging; the release's sync finds free ones
        self.pairs.follow_node(node_id)
        if light:
            self.drag_layer.lines.update()
        if self.dense_layer is not None:
            self.dense_layer.stale()

    def item_at(self, scene_pos: QPointF, transform) -> NodeItem | LinkItem | BundleItem | None:
        """The node, link or bundle of links under a point; a label counts as its link or bundle."""
        item = self.itemAt(scene_pos, transform)
        if isinstance(item, LinkLabelItem):
            return item.link_item
        return item if isinstance(item, NodeItem | LinkItem | BundleItem) else None

    def node_at(self, scene_pos: QPointF) -> NodeItem | None:
        for item in self.items(scene_pos):
            if isinstance(item, NodeItem):
                return item
        return None

    # -- selection -----------------------------------------------------------------------------------------------
    def selected_ids(self) -> tuple[str, ...]:
        """Nodes and links selected, bundled links (canvas.pairs) included."""
        drawn = tuple(item.item_id for item in self.selectedItems() if not isinstance(item, BundleItem))
        return drawn + tuple(self.pairs.chosen_ids()) if self.pairs.bundles else drawn

    def set_selected_ids(self, ids) -> None:
        wanted = set(ids)
        bundled = self.pairs.bundled
        self._syncing_selection = True
        try:
            for item in self.selectedItems():
                if not isinstance(item, BundleItem) and item.item_id not in wanted:
                    item.setSelected(False)
            for item_id in wanted:
                if item_id in bundled:
                    continue  # selected in its bundle (pairs.select)
                item = self.nodes.get(item_id) or self.links.get(item_id)
                if item is not None and not item.isSelected():
                    item.setSelected(True)
            self.pairs.select(wanted)
        finally:
            self._end_sync()

    def _end_sync(self) -> None:
        # Qt signals a selection change for each item selected, deselected or removed: while syncing, those only
        # mark the labels stale, and they repaint once here (Select All on 10,000 items was quadratic).
        self._syncing_selection = False
        if self._selection_stale:
            self._selection_stale = False
            self._show_link_selection()

    def _on_selection_changed(self) -> None:
        if self._syncing_selection:
            self._selection_stale = True
            return
        self.pairs.follow_qt()
        self._show_link_selection()
        self.selectedIdsChanged.emit(self.selected_ids())

    def _show_link_selection(self) -> None:
        # A link's label shows its selection too: the labels of the links selected or deselected repaint. (Here,
        # not in each link's itemChange: Qt calls that Python override ~7 times as it builds every link item, a
        # fifth of building 45,000 of them.)
        self.selection_passes += 1
        now = {item.item_id for item in self.selectedItems() if isinstance(item, LinkItem)}
        flipped = now ^ self._selected_links
        for link_id in flipped:
            item = self.links.get(link_id)
            if item is not None:
                item.label_item.update()
        self._selected_links = now
        if flipped and self.dense_layer is not None:
            self.dense_layer.stale()  # the selected lines are drawn on top of the others

