"""The VPN comparison table as data, without Qt: the article's Table 1 (GRE over IPsec, DMVPN, GET VPN, as the PDF
prints it) with the candidates the advisor added since, then this design's ranking, one row per kind of reason.

The Table 1 cells of the three original columns are the PDF's (`advisor.report.table1.SEED_TABLE_1`); the added
candidates' cells restate the sentences the recommendation cites for them (`advisor.rules.seed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor import numbers
from advisor.explain import Explanation, Quantity, explain_reason
from advisor.explain import sources as src
from advisor.report.table1 import FIT_LABEL, SEED_TABLE_1, SEED_TABLE_1_SOURCE
from advisor.results import Candidate, Results
from advisor.rules import seed
from advisor.rules._names import TECH_LABELS, tech_label, transport_label
from advisor.rules.seed import SEED as ARTICLE

ADDED = ("vti", "flexvpn", "ipsec", "mpls-isolation")
# Table 1's rows for the candidates added since the article, each column with the titles it restates.
ADDED_CELLS = {
    "vti": ("Public Internet (through NAT, with NAT traversal) or private WAN", "Point-to-point tunnels (hub-and-spoke)",
            "Yes — overlay, on the routed tunnel interface (no GRE header)", "Peer-to-peer"),
    "flexvpn": ("Public Internet or private WAN", "Hub-and-spoke from one virtual template, spoke-to-spoke "
                "shortcuts on demand (NHRP)", "Yes — overlay, on the tunnel interface (no GRE header)",
                "Peer-to-peer (IKEv2)"),
    "ipsec": ("Public Internet or private WAN", "Point-to-point crypto peers (hub-and-spoke)",
              "No — a crypto map carries no routing protocol and no multicast", "Peer-to-peer"),
    "mpls-isolation": ("The provider's MPLS VPN only", "Any-to-any (the provider's VPN)",
                       "Yes — with the provider (MP-BGP), no overlay",
                       "None — isolation by routing only; traffic crosses the provider in clear text"),
}
ADDED_SOURCES = {"vti": (seed.CISCO_VTI, (seed.VTI_ROUTING,)), "flexvpn": (seed.CISCO_FLEXVPN, (seed.FLEXVPN,)),
                 "ipsec": (seed.SEED, (seed.IPSEC_NO_ROUTING,)),
                 "mpls-isolation": (seed.SEED, (seed.MPLS_ANY, seed.MPLS_CLEAR))}
# The kinds of reasons the recommendation gives (its rules), as rows.
REASON_ROWS = (("VPN-R1", "Privacy"), ("VPN-R2", "Routing, multicast"),
               ("VPN-R3", "Transport"), ("VPN-R4", "Tunnels, key servers"),
               ("VPN-R5", "Spoke-to-spoke calls"), ("VPN-R6", "Bytes per call"), ("VPN-R7", "Fit on the links"))
REASON_TIPS = {"VPN-R1": "isolation and encryption, and whether privacy is required",
               "VPN-R2": "dynamic routing and multicast, and how each candidate carries them",
               "VPN-R3": "the transport (Internet, NAT, private WAN or MPLS) each candidate runs on",
               "VPN-R4": "tunnels to configure and key servers to run at this design's scale",
               "VPN-R5": "calls between branches, and whether they cross the hub twice",
               "VPN-R6": "the bytes each candidate adds to every voice packet",
               "VPN-R7": "whether the candidate's calls fit the links and their priority queues"}
# The reasons that decide each of Table 1's rows for this design.
TABLE1_REASONS = {"Infrastructure network": ("VPN-R3", "VPN-R1"), "Network style": ("VPN-R5", "VPN-R4"),
                  "Dynamic routing": ("VPN-R2",), "Encryption style": ("VPN-R1", "VPN-R4")}
ALL = frozenset({"recommendation", "kbps", "calls"})
REC = frozenset({"recommendation"})


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    cells: tuple[str, ...]  # one per column
    tip: str
    rules: tuple[str, ...] = ()  # the kinds of reasons that decide it
    hidden_by: frozenset[str] = frozenset()  # quiz fields that hide the row
    section: bool = False  # a heading row spanning the table


@dataclass(frozen=True)
class Table:
    techs: tuple[str, ...]
    rows: tuple[Row, ...]
    recommended: str | None
    chosen: str | None
    table1_source: str

    def labels(self) -> tuple[str, ...]:
        return tuple(tech_label(t) for t in self.techs)


def build(results: Results | None) -> Table:
    """The table for these results (Table 1 alone when there are none yet)."""
    seed_rows = SEED_TABLE_1
    by_label = {label: tech for tech, label in TECH_LABELS.items()}
    original = tuple(by_label[label] for label in seed_rows[0][1:])
    techs = original + tuple(t for t in ADDED if t not in original)
    rows = [Row("table1", f"Table 1 of {ARTICLE}, and the candidates added since", (), "", section=True)]
    for r, row in enumerate(seed_rows[1:]):
        cells = tuple(row[1 + original.index(t)] if t in original else ADDED_CELLS[t][r] for t in techs)
        rows.append(Row(f"table1:{row[0]}", row[0], cells, f"{row[0]}: as the article's Table 1 states it",
                        rules=TABLE1_REASONS.get(row[0], ())))
    if results is None:
        return Table(techs, tuple(rows), None, None, SEED_TABLE_1_SOURCE)
    rec = results.recommendation
    ranking = {c.technology: (i, c) for i, c in enumerate(rec.ranking, start=1)}
    rows.append(Row("design", "For this design", (), "", section=True))
    rows += _design_rows(techs, ranking, rec.technology, rec.chosen, len(rec.ranking), FIT_LABEL)
    if rec.per_transport:
        cells = tuple(", ".join(f"{transport_label(choice.transport)} links" for choice in rec.per_transport if choice.chosen == t)
                      or "—" for t in techs)
        rows.append(Row("transport", "Runs on (hybrid WAN)", cells, "The technology each transport's links use: "
                        "a hybrid WAN is ranked per transport", ("VPN-R3",), REC))
    return Table(techs, tuple(rows), rec.technology if rec.technology in techs else None,
                 rec.chosen if rec.chosen in techs else None, SEED_TABLE_1_SOURCE)


def _design_rows(techs, ranking: dict[str, tuple[int, Candidate]], best: str, chosen: str, n: int,
                 fit_label: dict[str, str]) -> list[Row]:
    def cell(tech: str, text) -> str:
        got = ranking.get(tech)
        return text(got[0], got[1]) if got is not None else "—"

    def rank(i: int, c: Candidate) -> str:
        marks = [" — recommended" if c.technology == best else "", " — in use" if c.technology == chosen != best
                 else ""]
        return f"{i} of {n}" + "".join(marks)

    def opt_count(value: int | None, none: str = "—") -> str:
        return none if value is None else numbers.count(value)

    rows = [
        Row("rank", "Rank for this design", tuple(cell(t, rank) for t in techs),
            "Where the recommendation places each candidate: by how it fits the links, then by its reasons",
            tuple(code for code, _title in REASON_ROWS), REC),
        Row("fits", "On these links", tuple(cell(t, lambda _i, c: fit_label.get(c.fits, c.fits)) for t in techs),
            "Priced on the design's own links: fits, fills a priority queue, overloads a link, or leaves a need "
            "unmet", ("VPN-R7", "VPN-R1", "VPN-R2", "VPN-R3"), ALL),
        Row("per-call", "kbps per call",
            tuple(cell(t, lambda _i, c: numbers.kbps(c.per_call_kbps) if c.per_call_kbps is not None else "—")
                  for t in techs),
            "One call per direction with the candidate's encapsulation, on the busiest link (its layer 2)",
            ("VPN-R6",), REC),
        Row("tunnels", "Tunnels to configure", tuple(cell(t, lambda _i, c: opt_count(c.tunnels)) for t in techs),
            "Hub tunnels (N − 1), a GRE full mesh N(N − 1)/2, none for GET VPN", ("VPN-R4",), REC),
        Row("key-servers", "Key servers", tuple(cell(t, lambda _i, c: opt_count(c.key_servers)) for t in techs),
            "GET VPN's cooperative key servers", ("VPN-R4",), REC),
    ]
    for code, title in REASON_ROWS:
        cells = tuple(cell(t, lambda _i, c, code=code: reasons_text(c, (code,))) for t in techs)
        rows.append(Row(f"reason:{code}", title, cells, f"The recommendation's reasons: {REASON_TIPS[code]}",
                        (code,), ALL if code == "VPN-R7" else REC))
    return rows


def reasons_text(candidate: Candidate, rules: tuple[str, ...]) -> str:
    """The candidate's reasons of these kinds, one per line, ✓ for and ✗ against ('—' when it has none)."""
    lines = [f"{'✓' if r.positive else '✗'} {src.plain(r.text)}" for r in candidate.reasons if r.rule in rules]
    return "\n".join(lines) or "—"


def facts(table: Table, row: Row, tech: str | None, results: Results | None) -> list[Explanation]:
    """What decides a row (for one candidate, or every one): the reasons of its kinds, each with the sentence it
    applies; a Table 1 row first says where its words come from."""
    out: list[Explanation] = []
    if row.key.startswith("table1:"):
        out.append(_table1_note(table, row, tech))
    if results is None or not row.rules:
        return out
    ranking = {c.technology: c for c in results.recommendation.ranking}
    for t in ([tech] if tech is not None else table.techs):
        candidate = ranking.get(t)
        if candidate is None:
            continue
        ordered = sorted((r for r in candidate.reasons if r.rule in row.rules), key=lambda r: not r.positive)
        out += [explain_reason(t, r) for r in ordered]
    return out


def _table1_note(table: Table, row: Row, tech: str | None) -> Explanation:
    techs = [tech] if tech is not None else list(table.techs)
    lines = [f"{tech_label(t)}: {row.cells[table.techs.index(t)]}" for t in techs]
    added = [t for t in techs if t in ADDED_SOURCES]
    quotes = tuple(seed.cite(sentence, ADDED_SOURCES[t][0]) for t in added for sentence in ADDED_SOURCES[t][1])
    sources = tuple(dict.fromkeys([*(src.ARTICLE for t in techs if t not in ADDED), *(ADDED_SOURCES[t][0]
                                                                                      for t in added)]))
    return Explanation(title=f"{row.title}: what the table says", lines=(*lines, table.table1_source)
                       if any(t not in ADDED for t in techs) else tuple(lines),
                       result=Quantity(len(techs), "candidates", row.title), sources=sources, quotes=quotes,
                       subject=row.key, figure="table1")
