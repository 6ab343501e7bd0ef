"""Which links join the same two nodes, and which of those pairs the scene draws as a bundle (``canvas.bundle``).

The scene tells this what its sync added, re-ended and removed; at the end of the sync ``regroup`` puts each pair
it touched in order: up to PARALLEL_DRAWN links are in the scene one item each, more leave it for one BundleItem.
Their selection moves with them: a bundled link is selected when it is in its bundle's ``chosen`` (Qt cannot select
an item outside the scene), and the bundle item is selected in Qt whenever any of its links is, so that a click
elsewhere clears it as it clears any item. Work is per link of the pairs touched, never per repaint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisor.ui.canvas.bundle import PARALLEL_DRAWN, BundleItem

if TYPE_CHECKING:
    from advisor.model import Link
    from advisor.ui.canvas.items import LinkItem
    from advisor.ui.canvas.scene import DesignScene

__all__ = ["PARALLEL_DRAWN", "ParallelPairs"]


def pair_of(link: Link) -> tuple[str, str]:
    """The two ends, in either direction: a–b and b–a links are parallel."""
    return (link.a, link.b) if link.a <= link.b else (link.b, link.a)


class ParallelPairs:
    """The links of each pair of nodes (in the design's order), the bundles, and which link items the scene holds."""

    def __init__(self, scene: DesignScene):
        self.scene = scene
        self.links: dict[tuple[str, str], dict[str, None]] = {}  # pair -> its link ids (a dict: ordered)
        self.bundles: dict[tuple[str, str], BundleItem] = {}
        self.bundled: dict[str, BundleItem] = {}  # link id -> the bundle drawn for it
        self.shown: set[str] = set()  # links whose items (line and label) are in the scene
        self._touched: set[tuple[str, str]] = set()

    # -- what a sync changed -------------------------------------------------------------------------------------
    def add(self, item: LinkItem) -> None:
        """A new link: in the scene or a bundle once ``regroup`` has counted its pair."""
        pair = pair_of(item.link)
        self.links.setdefault(pair, {})[item.item_id] = None
        self._touched.add(pair)

    def re_end(self, link_id: str, before: Link, after: Link) -> None:
        old, new = pair_of(before), pair_of(after)
        if old != new:
            self.links[old].pop(link_id, None)
            self.links.setdefault(new, {})[link_id] = None
            self._touched.update((old, new))

    def remove(self, item: LinkItem) -> None:
        """A link deleted: its items leave the scene if they were in it, and its pair is counted again."""
        link_id = item.item_id
        pair = pair_of(item.link)
        self.links.get(pair, {}).pop(link_id, None)
        self._touched.add(pair)
        self.bundled.pop(link_id, None)
        if link_id in self.shown:
            self.shown.discard(link_id)
            self.scene.removeItem(item.label_item)
            self.scene.removeItem(item)

    def regroup(self, moved: set[str]) -> tuple[list[BundleItem], list[str]]:
        """Put each touched pair in order (items in the scene, or a bundle), keeping what was selected; bundles with
        an end in ``moved`` follow it. Returns the bundles whose links changed (their counts need a refresh) and the
        links that came back from a bundle into the scene (their labels need a place)."""
        scene, items = self.scene, self.scene.links
        touched, self._touched = self._touched, set()
        # Who is selected, read before anything moves between items and bundles (a link re-ended from one bundle
        # to another pair is still in its old bundle's choice).
        selected = {link_id for pair in touched for link_id in self.links.get(pair, ()) if self._is_selected(link_id)}
        changed, back = [], []
        for pair in touched:
            ids = self.links.get(pair)
            if not ids:
                self.links.pop(pair, None)
            bundle = self.bundles.get(pair)
            if ids and len(ids) > PARALLEL_DRAWN:
                if bundle is None:
                    bundle = self.bundles[pair] = BundleItem(scene.nodes[pair[0]], scene.nodes[pair[1]], scene.metrics)
                    scene.addItem(bundle)
                    scene.addItem(bundle.label_item)
                bundle.a_item, bundle.b_item = scene.nodes[pair[0]], scene.nodes[pair[1]]
                for link_id in ids:
                    if link_id in self.shown:
                        self.shown.discard(link_id)
                        item = items[link_id]
                        item.setSelected(False)  # the bundle holds its selection now
                        scene.removeItem(item.label_item)
                        scene.removeItem(item)
                    self.bundled[link_id] = bundle
                bundle.ids, bundle.members = list(ids), frozenset(ids)
                bundle.chosen = selected & bundle.members
                bundle.relabel()
                bundle.setSelected(bool(bundle.chosen))
                bundle.adjust()
                changed.append(bundle)
                continue
            if bundle is not None:
                del self.bundles[pair]
                bundle.setSelected(False)
                scene.removeItem(bundle.label_item)
                scene.removeItem(bundle)
            for link_id in ids or ():
                if self.bundled.pop(link_id, None) is not None:
                    back.append(link_id)
                if link_id not in self.shown:
                    self.shown.add(link_id)
                    item = items[link_id]
                    scene.addItem(item)
                    scene.addItem(item.label_item)
                    item.setSelected(link_id in selected)
        for pair, bundle in self.bundles.items():  # a few: one per pair of more than PARALLEL_DRAWN links
            a, b = scene.nodes[pair[0]], scene.nodes[pair[1]]
            if (a is not bundle.a_item or b is not bundle.b_item or pair[0] in moved or pair[1] in moved) and all(
                    bundle is not x for x in changed):
                bundle.a_item, bundle.b_item = a, b  # a node's item is replaced when its kind changes
                bundle.adjust()
        return changed, back

    def _is_selected(self, link_id: str) -> bool:
        bundle = self.bundled.get(link_id)
        if bundle is not None:
            return link_id in bundle.chosen
        return link_id in self.shown and self.scene.links[link_id].isSelected()

    # -- selection -----------------------------------------------------------------------------------------------
    def chosen_ids(self) -> list[str]:
        """The bundled links selected."""
        return [link_id for bundle in self.bundles.values() for link_id in bundle.ids if link_id in bundle.chosen]

    def select(self, wanted: set[str]) -> None:
        """The document's selection: each bundle takes its part of it."""
        for bundle in self.bundles.values():
            bundle.set_chosen(wanted & bundle.members)  # set against set: the smaller one is walked, in C
            if bundle.isSelected() != bool(bundle.chosen):
                bundle.setSelected(bool(bundle.chosen))

    def follow_qt(self) -> None:
        """After a selection made in Qt (a rubber band, a click elsewhere): a bundle Qt selected afresh chooses all
        its links, one it deselected none; one still selected keeps its choice."""
        for bundle in self.bundles.values():
            on = bundle.isSelected()
            if on and not bundle.chosen:
                bundle.set_chosen(set(bundle.members))
            elif not on and bundle.chosen:
                bundle.set_chosen(set())

    # -- showing -------------------------------------------------------------------------------------------------
    def drawn(self) -> list:
        """What the links are drawn as: their items in the scene, then the bundles (each has a line and a label)."""
        shown = self.shown
        return [*(x for x in self.scene.links.values() if x.item_id in shown), *self.bundles.values()]

    def refresh(self, bundles=None) -> None:
        """Count statuses and findings again: of ``bundles``, or of every bundle (new results or badges)."""
        for bundle in self.bundles.values() if bundles is None else bundles:
            bundle.refresh(self.scene.links)

    def set_metrics(self, metrics) -> None:
        for bundle in self.bundles.values():
            bundle.set_metrics(metrics)

    def follow_node(self, node_id: str) -> None:
        """A node dragged (before the document moves it): its bundles' lines follow."""
        for pair, bundle in self.bundles.items():
            if node_id in pair:
                bundle.adjust()
