"""Explanations as rich text for the classroom's panes: the title, the formula lines in a monospace face (their
indentation kept), the quoted sentences and the sources. The words are the Explanation's own, unchanged."""

from __future__ import annotations

import html
from collections.abc import Sequence

from advisor.explain import Explanation

# Prose rather than formulas: a finding's why and remedy, a reason, a table's note read better in the text face.
_PROSE = ("finding", "reason", "table1")
_MONO = "font-family:'DejaVu Sans Mono','Menlo','Consolas',monospace; white-space:pre-wrap; margin:0"


def plain(explanations: Sequence[Explanation]) -> str:
    """The plain text `advisor explain` prints for these explanations."""
    return "\n\n".join(e.text() for e in explanations)


def block(e: Explanation, anchor: str = "") -> str:
    """One explanation: bold title, its lines, its quotations in italics, its sources in a small line."""
    name = f"<a name='{html.escape(anchor, quote=True)}'></a>" if anchor else ""
    parts = [f"<p style='margin:10px 0 3px 0'>{name}<b>{html.escape(e.title)}</b></p>"]
    if e.figure in _PROSE:
        parts += [f"<p style='margin:0 0 2px 12px'>{html.escape(line)}</p>" for line in e.lines]
    else:
        body = "<br>".join(html.escape(line) for line in e.lines)
        parts.append(f"<p style=\"{_MONO}; margin-left:12px\">{body}</p>")
    parts += [f"<p style='margin:2px 0 2px 12px'><i>{html.escape(q)}</i></p>" for q in e.quotes]
    if e.sources:
        parts.append(f"<p style='margin:2px 0 0 12px; color:gray'><small>sources: "
                     f"{html.escape('; '.join(e.sources))}</small></p>")
    return "".join(parts)


def page(explanations: Sequence[Explanation], *, heading: str = "", note: str = "",
         contents: Sequence[tuple[str, str]] = ()) -> str:
    """Explanations one after another; `contents` are (anchor, label) links to jump to each."""
    out = [f"<p style='margin:0 0 4px 0'><b>{html.escape(heading)}</b></p>"] if heading else []
    if contents:
        links = " · ".join(f"<a href='#{html.escape(a, quote=True)}'>{html.escape(label)}</a>"
                           for a, label in contents)
        out.append(f"<p style='margin:0 0 4px 0'>{links}</p>")
    if note:
        out.append(f"<p style='margin:0 0 6px 0; color:gray'>{html.escape(note)}</p>")
    anchors = [a for a, _label in contents] + [""] * max(0, len(explanations) - len(contents))
    out += [block(e, anchor) for e, anchor in zip(explanations, anchors, strict=False)]
    return "".join(out)


def mono_lines(lines: Sequence[str]) -> str:
    """Formula lines in the monospace face, one paragraph each."""
    return "".join(f"<p style=\"{_MONO}\">{html.escape(line)}</p>" for line in lines)


def paragraphs(texts: Sequence[str]) -> str:
    """Plain paragraphs (escaped), for the pane's guidance."""
    return "".join(f"<p style='margin:0 0 6px 0'>{html.escape(t)}</p>" for t in texts)
