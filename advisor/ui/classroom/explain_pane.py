"""The Explain pane: how the selected link's, site's or finding's figures were computed, in the words of
`advisor.explain` (the same as `advisor explain` and the PDF); with nothing selected, the design's totals and how to
use the pane. In quiz mode it withholds whatever the quiz hides."""

from __future__ import annotations

import html
from unicodedata import category

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from advisor import numbers
from advisor.explain import (
    LINK_FIGURES,
    Context,
    Explanation,
    explain_candidate,
    explain_finding,
    explain_link,
    explain_site,
)
from advisor.findings import Finding
from advisor.results import results_fit
from advisor.rules._names import tech_label
from advisor.ui.classroom import masking, render
from advisor.ui.classroom.quiz import Hidden
from advisor.ui.rich_text import elide_words, without_overrides
from advisor.ui.visibility import CatchesUp, on_screen

FIGURE_LABELS = {"kbps": "Bandwidth", "calls": "Calls", "erlangs": "Erlangs", "per_call_kbps": "kbps per call",
                 "utilization": "Utilization", "llq_share": "Priority queue", "pstn_trunks": "PSTN trunks",
                 "signalling_kbps": "Signalling"}
BUSIEST_SHOWN = 3
WORD_PX = 220  # the widest unbroken run of a name the heading shows: a longer one is cut with "…" (tooltip: in full)
TOTALS_LINK = "totals"
HOW_TO = ("Select a link (on the canvas, in the link table or the plots) to see how its bandwidth, calls, Erlangs, "
          "kbps per call, utilization and priority-queue share were computed; a site for its Erlangs, PSTN trunks and "
          "signalling; a finding in the Findings panel for its reason and the sentence of its source.",
          "Each figure is its formula with this design's numbers, and the titles it rests on: the same words as "
          "the command line's \u201cadvisor explain\u201d and the PDF.")


FAILED_NOTE = ("The analysis of the design as it is now failed (the status bar says why): the explanations appear "
               "once it succeeds.")


def context_for(design, results, current: bool = True) -> Context | None:
    """An explanation context, or None while the results are for another version of the design: one whose ids
    differ, or (`current` False: `Document.results_current`) the design before an edit whose analysis is to come or
    failed. Its figures beside the edited design's gave "PSTN 2000 % = 80.000 E" (4,000 users, the figures of 40)."""
    return Context(design, results) if current and results_fit(design, results) else None


class ExplainPane(CatchesUp, QWidget):
    """Follows the document's selection and the findings panel's current finding."""

    def __init__(self, document, findings_panel=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("explain")
        self.document = document
        self.hidden = Hidden()
        self.explanations: list[Explanation] = []
        self._finding: tuple[str, tuple[str, ...]] | None = None  # (code, subjects) of the finding followed
        self._ctx: tuple[object, object, Context | None] | None = None  # (design, results, context)
        self._dirty = True
        self.heading = QLabel(objectName="explain-heading", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.browser = QTextBrowser(objectName="explain-text")
        self.browser.setOpenLinks(False)  # jumps within the page, and back to the totals: see _link
        self.browser.anchorClicked.connect(self._link)
        self.browser.setToolTip("How the figures of the selection were computed: each formula with this design's "
                                "numbers, and its sources")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.browser, 1)
        document.selectionChanged.connect(self._selection_changed)
        document.resultsChanged.connect(lambda _r: self.refresh())
        document.analysisFailed.connect(lambda _why: self.refresh())
        if findings_panel is not None:
            findings_panel.findingActivated.connect(self.show_finding)
            # Arrow keys in the findings move the current row without activating it; a re-analysis that puts the
            # current row back (the tree has no focus then) leaves the pane on what the user chose last.
            tree = findings_panel.tree
            tree.currentItemChanged.connect(
                lambda item, _prev: tree.hasFocus() and self._finding_item(findings_panel.finding_of(item)))

    # -- what to follow ---------------------------------------------------------------------------------------------
    def _selection_changed(self, _ids) -> None:
        self._finding = None
        self.refresh()

    def _finding_item(self, finding: Finding | None) -> None:
        if finding is not None:
            self.show_finding(finding)

    def show_finding(self, finding: Finding) -> None:
        self._finding = (finding.code, finding.subjects)
        self.refresh()

    def _link(self, url) -> None:
        if url.toString() == TOTALS_LINK:
            self._finding = None
            self.document.select(())
            self.refresh()
        elif url.fragment():
            self.browser.scrollToAnchor(url.fragment())

    def set_hidden(self, hidden: Hidden) -> None:
        self.hidden = hidden
        self.refresh()

    def text(self) -> str:
        """The plain text of what the pane explains (what `advisor explain` prints for it)."""
        return render.plain(self.explanations)

    # -- drawing ----------------------------------------------------------------------------------------------------
    def catch_up(self) -> None:
        """Explain again what changed while the pane was off screen."""
        if self._dirty:
            self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Explain the current subject now if the pane is on screen (or `force`), else on the next show."""
        if not (force or on_screen(self)):
            self._dirty = True
            return
        self._dirty = False
        ctx = self._context()
        if ctx is None:
            failed = self.document.analysis_error is not None and not self.document.results_current
            self._show([], "Explain", FAILED_NOTE if failed else
                       "The explanations appear once the design has been analysed.")
        elif self._finding is not None:
            self._explain_finding(ctx)
        else:
            self._explain_selection(ctx)

    def _context(self) -> Context | None:
        design, results = self.document.design, self.document.results
        cached = self._ctx
        if cached is None or cached[0] is not design or cached[1] is not results:
            cached = self._ctx = (design, results, context_for(design, results, self.document.results_current))
        return cached[2]

    def _show(self, explanations: list[Explanation], heading: str, note: str = "",
              contents: list[tuple[str, str]] | None = None, extra_html: str = "") -> None:
        secrets = masking.secrets(self.document.results, self.hidden) if self.hidden.any() else masking.Secrets(())
        kept = [e for e in explanations if not secrets.found_in(e.text())]
        if len(kept) < len(explanations):
            note = (note + " " if note else "") + "Some figures are hidden in the quiz."
            contents = None
        self.explanations = kept
        self._set_heading(heading)
        # a name's unclosed right-to-left override turned the explanation's own words after it around
        self.browser.setHtml(without_overrides(render.page(kept, note=note, contents=contents or ()) + extra_html))

    def _set_heading(self, bold: str, rest: str = "") -> None:
        """The heading, in bold up to `rest`; a word too wide for the pane cut with "…", the whole in the tooltip
        (a 200-letter name without a space would force the dock, and the window, thousands of pixels wide)."""
        font = QFont(self.heading.font())
        font.setBold(True)
        if bold and category(bold[0]).startswith("M"):  # a design named with marks alone: they need a letter to sit
            bold = "\u25cc" + bold  # on, or Qt drops them (the dotted circle, as `advisor explain` heads such a name)
        shown = elide_words(bold, QFontMetrics(font), WORD_PX)
        self.heading.setText(without_overrides(f"<b>{html.escape(shown, quote=False)}</b>{html.escape(rest, quote=False)}"))
        self.heading.setToolTip(bold + rest if shown != bold else "")

    def _explain_finding(self, ctx: Context) -> None:
        code, subjects = self._finding or ("", ())
        finding = next((f for f in ctx.results.findings if f.code == code and f.subjects == subjects), None)
        if finding is None:
            self._finding = None
            self._explain_selection(ctx)
            return
        secrets = masking.secrets(ctx.results, self.hidden) if self.hidden.any() else ()
        if not masking.finding_shown(finding, self.hidden, secrets):
            self._show([], f"Finding {code}", "This finding is hidden in the quiz.")
            return
        explanations = [explain_finding(ctx, finding)]
        if code == "VPN-RECOMMENDATION":
            explanations += explain_candidate(ctx, ctx.results.recommendation.ranking[0])
        self._show(explanations, f"Finding {code} ({finding.severity})",
                   extra_html=f"<p><a href='{TOTALS_LINK}'>The design's totals</a></p>")

    def _explain_selection(self, ctx: Context) -> None:
        ids = [i for i in self.document.selected if ctx.has_link(i) or ctx.has_site(i)]
        more = len(self.document.selected) - 1
        if not ids:
            if self.document.selected:
                self._show([], "A WAN cloud", "A cloud has no figures of its own: select one of its links, or a site.")
            else:
                self._overview(ctx)
            return
        subject = ids[0]
        note = _selection_note(self.document.selected, subject, ctx) if more > 0 else ""
        if ctx.has_link(subject):
            figures = masking.link_figures(self.hidden, LINK_FIGURES)
            explanations = [explain_link(ctx, subject, f)[0] for f in figures]
            withheld = len(figures) < len(LINK_FIGURES)
            if withheld:
                note = (note + " " if note else "") + "Some of this link's figures are hidden in the quiz."
            self._show(explanations, f"Link {ctx.names.link_name(subject)}", note,
                       [(f, FIGURE_LABELS[f]) for f in figures])
        else:
            explanations = explain_site(ctx, subject)
            self._show(explanations, f"Site {ctx.names.node(subject)}", note,
                       [(e.figure, FIGURE_LABELS.get(e.figure, e.figure)) for e in explanations])

    def _overview(self, ctx: Context) -> None:
        """Nothing selected: the design's totals, the busiest links' bandwidth lines, and how to use the pane."""
        r, hidden = ctx.results, self.hidden
        users = sum(s.users for s in ctx.design.sites)
        lines = [f"Busy-hour traffic: {numbers.counted(users, 'user')} at {numbers.counted(len(r.sites), 'site')} "
                 f"{'offers' if users == 1 else 'offer'} "
                 f"{numbers.erlangs(sum(s.erlangs for s in r.sites))}"]
        if not hidden.kbps:
            lines.append(f"WAN load: {numbers.kbps(r.total_wan_kbps)} per direction, "
                         + ("the bandwidth of its one link" if len(r.links) == 1 else
                            "the design has no WAN link" if not r.links else  # not "the sum of the 0 links'"
                            f"the sum of the {numbers.count(len(r.links))} links' bandwidth"))
        if not hidden.recommendation:
            lines.append(f"Recommended VPN: {tech_label(r.recommendation.technology)}")
        if not hidden.findings:
            notes = len(r.findings) - r.errors - r.warnings
            lines.append(f"Findings: {numbers.counted(r.errors, 'error')}, {numbers.counted(r.warnings, 'warning')}, "
                         f"{numbers.counted(notes, 'note')}")
        busiest = []
        if not (hidden.kbps or hidden.calls or hidden.recommendation):
            top = sorted(r.links, key=lambda x: (-x.kbps, x.id))[:BUSIEST_SHOWN]
            busiest = [explain_link(ctx, x.id, "kbps")[0] for x in top]
        self.explanations = busiest
        self._set_heading(ctx.design.name or "Design", ": totals")
        mono = render.mono_lines([e.lines[0] for e in busiest])
        self.browser.setHtml(without_overrides(
            render.paragraphs(lines) + (f"<p style='margin:8px 0 2px 0'><b>The busiest links</b></p>{mono}"
                                        if busiest else "")
            + "<p style='margin:10px 0 2px 0'><b>How to use this pane</b></p>" + render.paragraphs(HOW_TO)))


def _selection_note(selected: tuple[str, ...], subject: str, ctx: Context) -> str:
    """Which of several selected items the pane explains, named by kind: "12 links selected: explaining the first."
    (a bundle of parallel links clicked), and "the first link" when the selection starts with a cloud, which has no
    figures (it read "2 items selected: explaining the first." and explained the second)."""
    kind = "link" if ctx.has_link(subject) else "site"
    if all(ctx.has_link(i) for i in selected):
        noun = "links"
    elif all(ctx.has_site(i) for i in selected):
        noun = "sites"
    else:
        noun = "items"
    which = "the first" if subject == selected[0] else f"the first {kind}"
    return f"{numbers.count(len(selected))} {noun} selected: explaining {which}."
