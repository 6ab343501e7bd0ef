"""The findings panel's words: subjects as the messages name them, the VPN recommendation as rich text, and
whether two analyses found the same."""

from __future__ import annotations

import html
from operator import attrgetter

from advisor import numbers
from advisor.results import Recommendation
from advisor.rules._names import tech_label
from advisor.ui.appearance import tone


def tech_name(technology: str) -> str:
    """'dmvpn' -> 'DMVPN', capitalised for a title."""
    label = tech_label(technology)
    return label[:1].upper() + label[1:]


_SUBJECTS = attrgetter("subjects")
SUBJECTS_LISTED = 5  # subjects a finding's row names; the others are counted
SUBJECTS_DETAILED = 50  # subjects its details name


class SubjectNames:
    """Subjects as the findings' messages name them: a node by its name, a link by its name or its two ends."""

    def __init__(self, design):
        self.design = design
        self._names = None
        self._links = {x.id for x in design.links}
        self._texts: dict[tuple[tuple[str, ...], int], str] = {}
        self._rows: dict[tuple[str, ...], str] = {}  # subjects -> the row's text (`shown`)
        # each subject's name, once: the filter's search names every subject of every finding (57,000 findings of
        # a 10,000-site design: 574,000 link names, each formatted again, 1.3 s at the first key typed)
        self._each: dict[str, str] = {}

    def get(self, subject: str, default: str | None = None) -> str:
        name = self._each.get(subject)
        if name is None:
            name = self._each[subject] = self._name(subject)
        return name

    def _name(self, subject: str) -> str:
        if subject == "design":
            return "whole design"
        if self._names is None:
            from advisor.rules._names import names_for

            self._names = names_for(self.design)  # the analysis's own, when it named this design last
        if subject in self._links:
            return self._names.link_name(subject)
        return self._names.node(subject)

    def subjects_text(self, subjects: tuple[str, ...], limit: int = SUBJECTS_LISTED) -> str:
        """The subjects column of one finding's row: the first `limit` names, then how many more ('A, B, C, D, E
        and 44,845 more': a finding about every link of a large design named them all in one cell, a megabyte of
        text the tree measured on every layout). Memoized: the same subjects recur after every edit."""
        key = (subjects, limit)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = numbers.first_and_more((self.get(s, s) for s in subjects), len(subjects),
                                                             limit)
        return text

    def alike(self, design) -> bool:
        """Whether ``design`` names every subject as this one's design does: the same ids, names and link ends.
        O(design) identity checks: after an edit, the sites, clouds and links it left alone are the same objects."""
        mine = self.design
        return (_alike(mine.sites, design.sites, ("id", "name")) and _alike(mine.clouds, design.clouds, ("id", "name"))
                and _alike(mine.links, design.links, ("id", "name", "a", "b")))

    def shown(self, findings) -> tuple[str, ...]:
        """The subjects column of each finding's row: looked up in C where the memo has them (after an edit, all
        but new subjects: 23,000 findings of a 10,000-link chain)."""
        subjects = list(map(_SUBJECTS, findings))
        memo = self._rows
        texts = list(map(memo.get, subjects))
        if None in texts:
            for i, text in enumerate(texts):
                if text is None:
                    texts[i] = memo[subjects[i]] = self.subjects_text(subjects[i])
        return tuple(texts)


FIT_TEXT = {"fits": "fits the links", "above the priority-queue share": "fills a priority queue",
            "overloads a link": "overloads a link", "blocked": "leaves a need unmet"}
TRANSPORT_NAMES = {"internet": "Internet", "mpls": "MPLS", "private-wan": "Private WAN", "leased": "Leased-line"}


def recommendation_html(rec: Recommendation, departs: bool | None = None) -> str:
    """The ranking as rich text: how each candidate fits the links, per-call kbps, tunnels and key servers, then
    its reasons (their source in the tooltip). `departs`: whether the links run something other than the
    recommendation (`advisor.report.vpn_use.departs`); by default, whether the design-wide choice differs."""
    head = f"<p><b>Recommended: {html.escape(tech_name(rec.technology))}</b>"
    if rec.chosen != rec.technology if departs is None else departs:
        head += f" — the design uses <b>{html.escape(tech_name(rec.chosen))}</b> (override)"
    for choice in rec.per_transport:
        head += (f"<br/>{html.escape(TRANSPORT_NAMES.get(choice.transport, choice.transport))} links: "
                 f"<b>{html.escape(tech_label(choice.chosen))}</b>")
    parts = [head + "</p>"]
    for rank, cand in enumerate(rec.ranking, 1):
        facts = [FIT_TEXT.get(cand.fits, cand.fits)]
        if cand.per_call_kbps is not None:
            facts.append(f"{numbers.kbps(cand.per_call_kbps)} per call on the busiest link")
        if cand.tunnels is not None:
            facts.append(numbers.counted(cand.tunnels, "tunnel"))
        if cand.key_servers is not None:
            facts.append(numbers.counted(cand.key_servers, "key server"))
        weight = "b" if cand.technology in (rec.technology, rec.chosen) else "span"
        parts.append(f"<p style='margin-bottom:0'><{weight}>{rank}. {html.escape(tech_name(cand.technology))}"
                     f"</{weight}> <span style='color:gray'>· {' · '.join(facts)}</span></p><ul style='margin-top:0'>")
        for reason in cand.reasons:
            mark, colour = ("✓", tone("ok")) if reason.positive else ("✗", tone("error"))  # the theme's own
            parts.append(f"<li title='{html.escape(reason.source, quote=True)}'><span style='color:{colour}'>"
                         f"{mark}</span> {html.escape(reason.text)}</li>")
        parts.append("</ul>")
    return "".join(parts)


def _alike(old: tuple, new: tuple, fields: tuple[str, ...]) -> bool:
    if len(old) != len(new):
        return False
    return all(a is b or all(getattr(a, f) == getattr(b, f) for f in fields) for a, b in zip(old, new, strict=True))


def changed_findings(old, new) -> list[int]:
    """The positions where two equally long lists of findings differ (`same_findings` of each pair, in one pass)."""
    return [i for i, (a, b) in enumerate(zip(old, new, strict=True))
            if a is not b and (type(a) is not type(b) or a.__dict__ != b.__dict__)]


def same_findings(old, new) -> bool:
    """``tuple(old) == tuple(new)`` for findings, with each pair's fields compared in C: pydantic's ``__eq__`` is
    Python, and a 1,000-site design has over 500 findings to compare after every edit. The same answer as
    pydantic's: a finding has no private or extra attributes, and its ``__dict__`` holds its fields alone."""
    return len(old) == len(new) and all(
        a is b or (type(a) is type(b) and a.__dict__ == b.__dict__) for a, b in zip(old, new, strict=True))
