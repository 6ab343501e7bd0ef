"""Explain every number: one family of functions turns a computed figure into its explanation (the formula with the
actual inputs, the result, the terms and the sources), so the app, the PDF and `advisor explain` say the same.

    ctx = Context.of(design)                 # analyses the design (or pass its results)
    explain_link(ctx, "l-br01", "kbps")      # 'Zürich – MPLS: 7 calls (Erlang B, 1.965 E at 1 %) × 55.20 kbps + …'
    explain_site(ctx, "Zürich")              # Erlangs, PSTN trunks, signalling
    explain_findings(ctx, "BW-MTU")          # the rationale with its numbers and the source sentence
    explain_packet(packet.compute(spec))     # one call's packet, layer by layer
    trunks(10, 0.01)                         # Erlang B, step by step
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.explain.context import Context, ExplainError
from advisor.explain.erlang import blocking, traffic, trunks
from advisor.explain.erlang import prime as prime_erlang
from advisor.explain.explanation import Explanation, Quantity
from advisor.explain.links import FIGURES as LINK_FIGURES
from advisor.explain.links import explain_link
from advisor.explain.packet import explain as explain_packet
from advisor.explain.reasons import explain_candidate, explain_finding, explain_findings, explain_reason
from advisor.explain.sites import FIGURES as SITE_FIGURES
from advisor.explain.sites import explain_site, pstn_offered

__all__ = ["Context", "ExplainError", "Explanation", "Quantity", "LINK_FIGURES", "SITE_FIGURES", "explain_link",
           "explain_site", "explain_finding", "explain_findings", "explain_reason", "explain_candidate",
           "explain_packet", "explain_design", "every_figure", "trunks", "blocking", "traffic"]


def explain_design(ctx: Context, *, link: str | None = None, site: str | None = None,
                   finding: str | None = None) -> list[Explanation]:
    """The explanations `advisor explain` prints: one link's, one site's, one finding code's, or (with none of
    them) every link's and every site's figures."""
    if link is not None:
        return explain_link(ctx, link)
    if site is not None:
        return explain_site(ctx, site)
    if finding is not None:
        return explain_findings(ctx, finding)
    return list(every_figure(ctx))


def prime(ctx: Context) -> None:
    """Work out the Erlang B figures of every link's and site's worked examples at once (`prime`)."""
    loads = [r.erlangs for r in ctx.results.links] + [pstn_offered(r) for r in ctx.results.sites]
    prime_erlang(loads, ctx.design.traffic.gos)


def every_figure(ctx: Context) -> Iterator[Explanation]:
    """Every link's and every site's explanations, one at a time: `advisor explain` writes each as it comes, so a
    20,000-site design's 330,000 explanations are never all held at once (with their JSON, 4 GB). The Erlang B
    figures of every worked example are worked out first, all at once (`prime`)."""
    prime(ctx)
    for link_id in ctx.link_ids():
        yield from explain_link(ctx, link_id)
    for site_id in ctx.site_ids():
        yield from explain_site(ctx, site_id)
