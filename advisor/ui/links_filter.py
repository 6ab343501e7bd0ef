"""Which links the link sizing table shows: those matching the typed filter, and, with "Selected only", those
selected on the canvas (all the links of a clicked bundle) or ending at a selected site or cloud.

Kept apart from the table's model: the model shows whatever list it is given (an edit re-analysed rewrites only the
rows that changed), and the panel hands it the links this filter keeps.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from advisor.results import LinkResult
from advisor.rules._names import tech_label

STATUS_TEXT = {"ok": "ok", "llq": "over LLQ share", "overload": "overloaded"}


class LinkFilter:
    """The typed text (case aside) and the selection scope (None: every link), and what each link is searched by:
    what the table shows of it (its id, the names of its ends, and its status and VPN unless their columns are
    hidden, as a quiz hides the answers), formatted once per results."""

    def __init__(self) -> None:
        self.text = ""
        self.scope: frozenset[str] | None = None  # the canvas selection's ids, when "Selected only" is on
        self._haystack: list[str] | None = None
        self._of: tuple | None = None  # (links, names) the haystack was made from, held by identity

    @property
    def active(self) -> bool:
        return bool(self.text.strip()) or self.scope is not None

    def keep(self, links: Sequence[LinkResult], names: dict[str, str], status: bool = True,
             vpn: bool = True) -> list[LinkResult] | Sequence[LinkResult]:
        """The links to show, in their order: `links` itself when nothing filters. `status`, `vpn`: whether the
        text is also looked for in the link's status and VPN (not when the table hides them)."""
        needle = self.text.strip().casefold()
        scope = self.scope
        if not needle and scope is None:
            return links
        texts = self._texts(links, names, status, vpn) if needle else None
        return [x for i, x in enumerate(links)
                if (scope is None or _in_scope(x, scope)) and (texts is None or needle in texts[i])]

    def _texts(self, links: Sequence[LinkResult], names: dict[str, str], status: bool, vpn: bool) -> list[str]:
        if self._of is None or self._of[0] is not links or self._of[1:] != (names, status, vpn):
            get = names.get
            self._haystack = [
                f"{x.id}\n{get(x.a, x.a)} – {get(x.b, x.b)}\n{STATUS_TEXT.get(x.status, x.status) if status else ''}\n"
                f"{tech_label(x.technology) if vpn else ''}".casefold() for x in links]
            self._of = (links, names, status, vpn)
        return self._haystack


def _in_scope(link: LinkResult, scope: Collection[str]) -> bool:
    return link.id in scope or link.a in scope or link.b in scope


def summary(shown: int, total: int, filtering: bool, scoped_empty: bool) -> str:
    """The line under the filter: how many links the table shows."""
    if scoped_empty:
        return "Nothing selected: select links, a bundle, or sites on the canvas"
    if not filtering:
        return f"{total:,} link{'s' if total != 1 else ''}"
    return f"{shown:,} of {total:,} link{'s' if total != 1 else ''}"
