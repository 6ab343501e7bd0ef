"""The bill of materials: the totals to price, then every line of `advisor.bom.build` grouped by item (lines that
differ only in their site share one row that names all their sites), each with its reason, its source (numbered,
listed once below) and a mark where it rests on a figure to verify; then the choices the quantities assume."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from advisor import bom, numbers
from advisor.model import Design
from advisor.report import fonts, styles
from advisor.report.balance import by_content
from advisor.report.doc import SectionHeading
from advisor.report.keep import KeepWithStart
from advisor.report.sections import p, u
from advisor.report.tables import cell, data_table, fmt_int, paragraph, wrap_lines
from advisor.report.widths import PADDING
from advisor.report.wording import plain
from advisor.results import Results
from advisor.rules._names import names_for

SITES_IN_COLUMN = 8  # a line shared by more sites names them in a row of their own, across the table
LINES_PER_ROW = 30  # lines of names per such row (about 280 pt), so that no row outgrows a page
NAMES_PER_PARAGRAPH = 10  # names per row when only a Paragraph lays them out (10 names of 200 characters fit a page)
VERIFY = "verify"


@dataclass(frozen=True)
class Row:
    """Lines of the bill of materials that are the same but for their site."""

    item: str
    model: str
    quantity: int  # per site
    reason: str
    source: str
    unconfirmed: bool
    sites: tuple[str, ...]  # site ids, in design order


def grouped(items: list[bom.BomItem]) -> list[Row]:
    """The lines merged by (item, model, quantity, reason, source, unconfirmed), grouped by item in the order the
    items first appear; texts in the customer's words."""
    by_item: dict[str, dict[tuple, list[str]]] = {}
    for line in items:
        key = (line.model, line.quantity, line.reason, line.source, line.unconfirmed)
        by_item.setdefault(line.item, {}).setdefault(key, []).append(line.site)
    return [Row(plain(item), plain(model), quantity, plain(reason), plain(source), unconfirmed, tuple(sites))
            for item, rows in by_item.items()
            for (model, quantity, reason, source, unconfirmed), sites in rows.items()]


def materials(number: int, design: Design, results: Results, raw: Results | None = None) -> list:
    """The section; `raw` are the results as analysed (the bill of materials reads the sizing, not its words)."""
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Bill of materials"),
                  p("The equipment and services the design needs, derived from its sizing at the busy hour: the "
                    "call-processing nodes, the VPN key servers or hubs, each branch's survivable (SRST) router and "
                    "each site's PSTN trunks. Each line gives its reason; the numbers in the last column refer to "
                    "the sources listed under the table. Lines marked <b>verify</b> rest on a figure that is not "
                    "confirmed for every release: check it for yours before ordering.")]
    items = bom.build(design, raw or results)
    if not items:
        return [*flow, p("Nothing to list: the design has no sites yet.")]
    node = names_for(design).node  # two sites named alike carry their ids ('Lyon (b1)'), as the findings name them
    names = {s.id: node(s.id) for s in design.sites}
    rows = grouped(items)
    sources = {source: i for i, source in enumerate(dict.fromkeys(r.source for r in rows if r.source), start=1)}
    flow += [p("Totals", "h2"), _totals(items)]
    flow.append(KeepWithStart([p("Lines, by item", "h2"),
                               p("Sites with the same line share a row (more than a few are named under it); the "
                                 "quantity is per site.", "small"),
                               _lines(rows, names, sources)]))
    flow += [p("Sources", "h2")] + [p(f"{n}.&nbsp;&nbsp;{u(source)}", "small") for source, n in sources.items()]
    flow += _assumptions(design)
    return flow


def _totals(items: list[bom.BomItem]):
    to_verify = {(i.item, i.model) for i in items if i.unconfirmed and i.quantity}
    widths = [150, 250, 50, 40]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    for item, model, quantity in bom.totals(items):
        flag = VERIFY if (item, model) in to_verify else ""
        rows.append([cell(plain(item), widths[0]), cell(plain(model), widths[1]), fmt_int(quantity), flag])
        if flag:
            extra.append(_amber(3, len(rows)))
    return data_table(["Item", "Model", "Quantity", "Verify"], rows, widths, right_cols=(2,), nowrap_cols=(3,),
                      extra_style=extra)


def _lines(rows: list[Row], names: dict[str, str], sources: dict[str, int]):
    listed_sites = [[names.get(s, s) for s in row.sites] for row in rows]
    site_texts = [", ".join(sites) if len(sites) <= SITES_IN_COLUMN else
                  f"{numbers.count(len(sites))} sites, listed below" for sites in listed_sites]
    # the usual shares; the reasons, far the longest, take what the names and models leave (`balance`)
    widths, one_line = by_content([site_texts, [r.item for r in rows], [r.model for r in rows], None,
                                   [r.reason for r in rows], None, None], [96, 70, 76, 26, 170, 30, 26])
    body, extra = [], []
    for row, sites, site_text in zip(rows, listed_sites, site_texts, strict=True):
        listed = len(sites) <= SITES_IN_COLUMN
        body.append([cell(site_text, widths[0]),
                     cell(row.item, widths[1]), cell(row.model, widths[2]), fmt_int(row.quantity),
                     cell(row.reason, widths[4]), VERIFY if row.unconfirmed else "",
                     str(sources[row.source]) if row.source else ""])
        if row.unconfirmed:
            extra.append(_amber(5, len(body)))
        if not listed:  # many sites: their names across the whole width, under the line they share
            full = styles.FRAME_WIDTH - 2 * PADDING
            for names_row in name_rows(sites, full):
                body.append([names_row if isinstance(names_row, str) else Across(names_row, full)]
                            + [""] * (len(widths) - 1))
                extra.append(("TEXTCOLOR", (0, len(body)), (-1, len(body)), styles.MUTED))
    return data_table(["Sites", "Item", "Model", "Qty", "Reason", "Verify", "Source"], body, widths,
                      right_cols=(3, 6), nowrap_cols=(5,), keep=one_line, extra_style=extra)


class Across(Flowable):
    """A first-column cell laid out across the table's whole width (the rule is a line below each row, no column
    lines), so the names row needs no SPAN: reportlab maps every cell of a table with spans again each time it
    splits it, and a 60,000-line bill of materials split over a thousand pages took minutes and gigabytes. Plain
    lines need no wrapper: the table draws a string's lines as they are, unclipped."""

    def __init__(self, content: Flowable, width: float):
        super().__init__()
        self.content, self.across = content, width

    def wrap(self, avail_width, avail_height):
        _, height = self.content.wrap(self.across, avail_height)
        self.width, self.height = min(avail_width, self.across), height
        return self.width, height

    def split(self, avail_width, avail_height):
        """The names split between lines, each part across the width (a row of names taller than a page, such as
        names made of line breaks, is split inside by the table; unsplittable, it made the document fail)."""
        self.content.wrap(self.across, avail_height)
        return [Across(part, self.across) for part in self.content.split(self.across, avail_height)]

    def draw(self):
        self.content.drawOn(self.canv, 0, 0)


def name_rows(sites: list[str], width: float) -> list:
    """"At: " and the site names, comma-separated, as the cells of consecutive full-width rows, each well under a
    page: broken into lines once and cut every LINES_PER_ROW lines, or, when only a Paragraph can lay the names
    out (characters beyond DejaVu, a name wider than the line), NAMES_PER_PARAGRAPH names a row."""
    text = "At: " + ", ".join(sites)
    lines = wrap_lines(text, width)
    if lines is not None:
        return ["\n".join(lines[i:i + LINES_PER_ROW]) for i in range(0, len(lines), LINES_PER_ROW)]
    rows = []
    for start in range(0, len(sites), NAMES_PER_PARAGRAPH):
        end = start + NAMES_PER_PARAGRAPH
        part = ", ".join(sites[start:end]) + ("," if end < len(sites) else "")
        rows.append(paragraph(("At: " if start == 0 else "") + part))
    return rows


def _amber(col: int, row: int) -> tuple:
    return ("TEXTCOLOR", (col, row), (col, row), styles.WARNING_INK)


def _assumptions(design: Design) -> list:
    options = bom.BomOptions()
    widths = [150, 340]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows = [[cell(setting, widths[0]), cell(plain(value), widths[1])]
            for setting, value in bom.assumption_rows(design, options)]
    return [KeepWithStart([
            p("Assumptions", "h2"),
            p(f"Two choices are not part of the design and are assumed here: the PSTN interface "
              f"({u(bom.PSTN_LABELS[options.pstn])}; T1 PRI or SIP trunks give other lines) and "
              f"{fonts.markup(str(options.vpn_hubs))} VPN hub or head-end routers at the hub site (so that one can "
              "fail; GET VPN counts its key servers instead).", "small"),
            data_table(["Setting", "Value"], rows, widths)])]
