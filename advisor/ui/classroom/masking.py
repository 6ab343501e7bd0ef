"""What each hidden field hides, without Qt: the link-table columns, the figures of a link's explanation, the findings
that state a hidden figure, the results the canvas may draw, and the texts that must appear nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from advisor import numbers
from advisor.findings import Finding
from advisor.results import Results
from advisor.rules._names import tech_label
from advisor.ui.classroom.quiz import Hidden

# Link-table columns (by their header) that state a hidden figure or let it be read back: utilization × capacity is
# the bandwidth, voice kbps / kbps per call the calls, the status whether the link overflows.
LINK_COLUMNS = {"kbps": ("Voice kbps", "Total kbps", "Utilization %", "LLQ %", "Status"),
                "calls": ("Calls", "Voice kbps", "LLQ %", "Status"),
                "recommendation": ("VPN",)}
# A link's explained figures each hidden field withholds (advisor.explain.LINK_FIGURES): the bandwidth line names
# the calls and the encapsulation, the packet names the technology.
LINK_FIGURES = {"kbps": ("kbps", "utilization", "llq_share"),
                "calls": ("calls", "kbps", "utilization", "llq_share"),
                "recommendation": ("kbps", "per_call_kbps")}
# Findings whose text states a link's calls or bandwidth (per link, or the priority queue and CAC values built
# from them), and those that name or betray the VPN technology.
FIGURE_CODES = frozenset({"BW-LINK-OVERLOAD", "BW-LLQ-SHARE", "BW-LFI", "QOS-PRIORITY-QUEUE", "DEP-CAC-VALUES",
                          "DEP-COW-BANDWIDTH"})
TECHNOLOGY_CODES = frozenset({"BW-MTU", "BW-CRTP-INVALID", "QOS-PRECLASSIFY", "QOS-PER-TUNNEL"})
# Words that name a technology in the findings' sentences besides its display name.
TECHNOLOGY_WORDS = {"getvpn": ("GET VPN", "key server"), "dmvpn": ("DMVPN",), "flexvpn": ("FlexVPN",),
                    "vti": ("VTI", "tunnel interface"), "gre-ipsec": ("GRE",), "ipsec": ("crypto map",),
                    "mpls-isolation": ("isolation alone",)}
HIDDEN_NOTE = "hidden in the quiz"


def hidden_columns(headers: Sequence[str], hidden: Hidden) -> set[int]:
    """The link-table columns to hide, by position, for these headers."""
    names = {name for field in hidden.names() for name in LINK_COLUMNS.get(field, ())}
    return {i for i, header in enumerate(headers) if header in names}


def link_figures(hidden: Hidden, figures: Iterable[str]) -> tuple[str, ...]:
    """The figures of a link that may be explained while these fields are hidden."""
    withheld = {f for field in hidden.names() for f in LINK_FIGURES.get(field, ())}
    return tuple(f for f in figures if f not in withheld)


def technologies(results: Results) -> set[str]:
    """Every technology the results recommend or use, on any transport or cloud."""
    rec = results.recommendation
    found = {rec.technology, rec.chosen, *rec.per_cloud.values()}
    for choice in rec.per_transport:
        found |= {choice.technology, choice.chosen}
    found |= {r.technology for r in results.links if r.technology}
    return found - {"none"}


def _kbps_forms(value: float) -> set[str]:
    return {numbers.kbps_value(value), f"{value:.2f}", f"{value:.1f}", f"{value:,.1f}"}


_FIGURE_CHARS = frozenset("0123456789.,")
_FIGURE_RUN = re.compile(r"[0-9.,]+")


class Secrets(tuple):
    """The texts `secrets` gives, sorted, with `found_in(text)`: whether any of them is in the text, as
    `any(secret in text for secret in secrets)` says, without scanning the text once per secret.

    A figure ("1,234.56") is made of digits, '.' and ',' only, so where it is in a text it lies inside one run of
    those characters: each run's pieces of a figure's lengths are looked up in a set (a few dozen lookups per run).
    The other secrets (technologies' names and encapsulations, a few dozen) are searched for as before. A design of
    5,000 links hides ~20,000 figures: a quiz froze the window ~8 s per set of results scanning every finding for
    each."""

    def __new__(cls, texts):
        self = super().__new__(cls, sorted(t for t in set(texts) if t))
        figures = {t for t in self if _FIGURE_CHARS.issuperset(t)}
        self._figures = figures
        self._lengths = sorted({len(t) for t in figures})
        self._words = tuple(t for t in self if t not in figures)
        return self

    def found_in(self, text: str) -> bool:
        if any(word in text for word in self._words):
            return True
        figures, lengths = self._figures, self._lengths
        if not figures:
            return False
        for run in _FIGURE_RUN.findall(text):
            n = len(run)
            for size in lengths:
                if size > n:
                    break
                for start in range(n - size + 1):
                    if run[start:start + size] in figures:
                        return True
        return False


def secrets(results: Results | None, hidden: Hidden) -> Secrets:
    """Texts that must appear nowhere while these fields are hidden: each link's bandwidth and voice load as
    printed (with 2 or 1 decimals, with or without separators), the technology's names and encapsulations."""
    out: set[str] = set()
    if results is None:
        return Secrets(())
    if hidden.kbps or hidden.calls:
        for r in results.links:
            if r.calls:  # a link without calls shows 0.00 and signalling alone: nothing to work out there
                out |= _kbps_forms(r.voice_kbps)
                if hidden.kbps:
                    out |= _kbps_forms(r.kbps)
    if hidden.recommendation:
        for tech in technologies(results):
            out.add(tech_label(tech))
            out.update(TECHNOLOGY_WORDS.get(tech, ()))
        out |= {r.encapsulation for r in results.links if r.encapsulation}
    return Secrets(out)


def finding_shown(finding: Finding, hidden: Hidden, hidden_texts: Sequence[str]) -> bool:
    """May this finding be listed while these fields are hidden?"""
    if hidden.findings:
        return False
    code = finding.code
    if (hidden.kbps or hidden.calls) and code in FIGURE_CODES:
        return False
    if hidden.recommendation and (code.startswith("VPN-") or code in TECHNOLOGY_CODES):
        return False
    if hidden_texts:
        text = " ".join((finding.message, finding.rationale, finding.remedy, finding.source))
        return not (hidden_texts.found_in(text) if isinstance(hidden_texts, Secrets)
                    else any(secret in text for secret in hidden_texts))
    return True


def canvas_results(results: Results, hidden: Hidden) -> Results:
    """The results the canvas may draw: without link figures when calls or bandwidth are hidden (labels show the
    capacity), with the encapsulation withheld when the technology is, and only the findings that may be listed.
    A display copy (model_copy, nothing invented), never saved."""
    update: dict = {}
    if hidden.kbps or hidden.calls:
        update["links"] = ()
    elif hidden.recommendation:
        update["links"] = tuple(r.model_copy(update={"encapsulation": f"VPN {HIDDEN_NOTE}", "technology": ""})
                                for r in results.links)
    texts = secrets(results, hidden)
    update["findings"] = tuple(f for f in results.findings if finding_shown(f, hidden, texts))
    return results.model_copy(update=update)
