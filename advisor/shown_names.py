"""Whether a name puts a mark on the screen or the page, and the label to show in its place when it does not.

A site, cloud or link may be named with blanks only, or with characters that show nothing (a zero-width space, a
joiner, a direction mark): the design allows it, and every place that shows a part by its name then showed
nothing: an empty canvas label, "Site — " in the Inspector's title, an empty cell in the link table, "site ''" in
a finding. Such a name is no name: the part is shown as an unnamed one is, by its id (a link by its two ends).
One test for the whole tool (core, app and PDF), with a fast path for the usual plain names.
"""

from __future__ import annotations

import functools
import re

# Besides the characters that show nothing (`validation.UNSEEN`): the joiners, direction marks, embeddings and
# isolates, and C0 and C1 controls. None of them is a mark on its own.
_NO_MARK = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\x00-\x1f\x7f-\x9f]")


# Explicit direction embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI)
_EXPLICIT = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_explicit_marks(text: str) -> str:
    """`text` without explicit direction embeddings, overrides and isolates, for a name shown beside words of ours
    (the app's labels and messages, the PDF's title and its ordered text): an unclosed right-to-left override in a
    name turned those words around too."""
    if text.isascii():  # the usual text (a table refresh asks for thousands): none of them is ASCII
        return text
    if len(text) > CACHED_MAX:  # a whole panel's text: searched each time, never kept (module notes below)
        return _EXPLICIT.sub("", text) if _EXPLICIT.search(text) else text
    return _without_marks(text)


# Names and labels are kept, each a few dozen characters. A long text is not: the VPN recommendation's panel (about
# 40 KB of HTML with its ✓ and ✗ marks, new at each edit that moves a figure) was kept up to the cache's 65,536
# entries, some 2.6 GB over a long session (~47 KB more memory per edit, for good).
CACHED_MAX = 256


@functools.lru_cache(maxsize=1 << 16)
def _without_marks(text: str) -> str:
    """The substitution for texts beyond ASCII ('Lyon – MPLS'): each refresh of the app's tables asks again for the
    same few thousand."""
    return _EXPLICIT.sub("", text)


def shows(text: str) -> bool:
    """Whether `text` puts a mark on the page: not when it is empty or holds only blanks, characters that show
    nothing, joiners, direction marks and controls."""
    if text.isascii() and text.isprintable():  # the usual name: shown unless it is all spaces
        return bool(text.strip())
    from advisor.validation import name_key

    return bool(name_key(_NO_MARK.sub("", text)))


def name_or(name: str, fallback: str) -> str:
    """`name`, or `fallback` (an id, 'Untitled design') when the name shows nothing."""
    return name if shows(name) else fallback


def all_plain(names: list[str]) -> bool:
    """Whether every name is printable ASCII (checked in C-level passes): then a name shows exactly when its
    stripped text is not empty, and a 10,000-site design's names need no test one by one."""
    return all(map(str.isascii, names)) and all(map(str.isprintable, names))


def by_id(items) -> dict[str, str]:
    """id -> what to show for each site, cloud or link of `items`: its name as written, or its id where the name
    shows nothing."""
    items = list(items)
    if all_plain([x.name for x in items]):
        return {x.id: x.name if x.name.strip() else x.id for x in items}
    return {x.id: x.name if shows(x.name) else x.id for x in items}
