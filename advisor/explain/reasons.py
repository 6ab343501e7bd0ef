"""Findings and VPN reasons explained: the message and rationale with their numbers, the remedy, and the sentence
of the article or guide the rule applies, cited by title."""

from __future__ import annotations

import re
import unicodedata

from advisor.explain import sources as src
from advisor.explain.context import Context, ExplainError
from advisor.explain.explanation import Explanation, Quantity, unique
from advisor.explain.links import kbps
from advisor.findings import CATALOGUE, Finding
from advisor.results import Candidate, Reason
from advisor.rules._names import tech_label

_LINK_FIGURE_CODES = ("BW-LINK-OVERLOAD", "BW-LLQ-SHARE", "BW-LFI", "QOS-PRIORITY-QUEUE")
_LINKS_SHOWN = 3


def explain_finding(ctx: Context, f: Finding) -> Explanation:
    """One finding: what it says, why (its rationale, with the numbers), what to do, and the source sentence."""
    titles, sentence = src.cited(f.source)
    rationale = src.plain(f.rationale)
    lines = [src.plain(f.message), f"why: {rationale}", f"remedy: {src.plain(f.remedy)}"]
    if f.code in _LINK_FIGURE_CODES:
        linked = [s for s in f.subjects if ctx.has_link(s)][:_LINKS_SHOWN]
        lines += [f"figures: {kbps(ctx, ctx.link(s)).lines[0]}" for s in linked]
    quotes = (sentence,) if sentence and sentence not in rationale else ()
    where = ", ".join(_subject(ctx, s) for s in f.subjects[:_LINKS_SHOWN])
    more = f" and {len(f.subjects) - _LINKS_SHOWN:,} more" if len(f.subjects) > _LINKS_SHOWN else ""
    return Explanation(
        title=f"{f.code} ({f.severity}){': ' + where + more if where else ''}", lines=tuple(lines),
        result=Quantity(len(f.subjects), "subjects", f.severity), terms={"code": f.code, "severity": f.severity},
        sources=unique((*titles, *src.titles_in(rationale))), quotes=quotes, subject=f.code, figure="finding")


def _subject(ctx: Context, subject: str) -> str:
    if subject == "design":
        return "the design"
    if ctx.has_link(subject):
        return ctx.names.link(subject)
    return ctx.names.site(subject) if ctx.has_site(subject) else subject


_DASHES = re.compile(r"[\s_\u2010-\u2015\u2212]+")


def code_key(code: str) -> str:
    """A finding code as typed or pasted, as the catalogue writes it: 'bw–mtu' (an en dash from a word processor),
    'BW_MTU', full-width 'ＢＷ-ＭＴＵ' are BW-MTU; they were "not a finding code" beside a list that held it."""
    return _DASHES.sub("-", unicodedata.normalize("NFKC", code).strip()).upper()


def known_code(code: str) -> str:
    """The catalogue's code `code` names (`code_key`); ExplainError, listing the codes, when it names none."""
    wanted = code_key(code)
    if wanted not in CATALOGUE:
        close = [c for c in CATALOGUE if c.startswith(wanted.split("-")[0] + "-")] or list(CATALOGUE)
        raise ExplainError(f"'{code}' is not a finding code; codes: {', '.join(close)}")
    return wanted


def explain_findings(ctx: Context, code: str) -> list[Explanation]:
    """Every finding of the design with this code (case, and the dash or underscore between its words, aside)."""
    wanted = known_code(code)
    out = [explain_finding(ctx, f) for f in ctx.results.findings if f.code == wanted]
    if wanted == "VPN-RECOMMENDATION":
        out += explain_candidate(ctx, ctx.results.recommendation.ranking[0])
    return out


def explain_reason(technology: str, reason: Reason) -> Explanation:
    """One reason for or against a VPN candidate, with the sentence of the article (or guide) it applies."""
    titles, sentence = src.cited(reason.source)
    side = "for" if reason.positive else "against"
    return Explanation(
        title=f"{tech_label(technology)}: a reason {side}", lines=(src.plain(reason.text),),
        result=Quantity(1 if reason.positive else -1, "reason", side), terms={"technology": technology,
                                                                                 "positive": reason.positive},
        sources=titles, quotes=(sentence,) if sentence else (), subject=technology, figure="reason")


def explain_candidate(ctx: Context, candidate: Candidate) -> list[Explanation]:
    """Every reason of one candidate of the design's VPN ranking, reasons for first."""
    ordered = sorted(candidate.reasons, key=lambda r: not r.positive)
    return [explain_reason(candidate.technology, r) for r in ordered]
