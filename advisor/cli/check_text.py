"""`advisor check FILE` as text: the summary, the findings by severity, and two link tables (bandwidth, capacity)
whose columns each name their unit. Every figure is printed by `advisor.numbers` (one rounding rule)."""

from __future__ import annotations

from advisor import numbers
from advisor.cli._common import one_line, printable, table

# The link status in words: `llq` means the calls' voice needs more of the link than the priority queue may take.
STATUS_TEXT = {"ok": "ok", "llq": "above priority-queue share", "overload": "overloaded"}


def render(design, results) -> str:
    out = [*_summary(design, results), ""]
    for severity in ("error", "warning", "info"):
        group = [f for f in results.findings if f.severity == severity]
        if group:
            out += [*_findings(severity, group), ""]
    if results.links:
        from advisor.rules._names import names_for

        ends = names_for(design).link_name
        out += [*_bandwidth_table(results.links, ends), "",
                *_capacity_table(results.links, ends, design.traffic.llq_share)]
    return printable("\n".join(out).rstrip()) + "\n"


def _summary(design, results) -> list[str]:
    from advisor.report.vpn_use import departs, in_use
    from advisor.rules._names import MODEL_LABELS, tech_label
    from advisor.shown_names import name_or, shows

    rec = results.recommendation
    return [
        # a name of blanks or of characters that show nothing reads "Untitled design", as the PDF's cover reads it
        f"Design: {one_line(name_or(design.name, 'Untitled design'))}"
        + (f" — {one_line(design.customer)}" if shows(design.customer) else ""),
        f"Sites {numbers.count(len(design.sites))}, clouds {numbers.count(len(design.clouds))}, "
        f"links {numbers.count(len(design.links))}, users {numbers.count(sum(s.users for s in design.sites))}",
        f"Deployment model: {MODEL_LABELS.get(results.model.detected, results.model.detected)}",
        f"VPN: {one_line(in_use(design, results))}"
        + (f" (recommended: {tech_label(rec.technology)})" if departs(design, results) else ""),
        _wan_load(results),
        *_scaled_shares(results),
        f"Findings: {numbers.counted(results.errors, 'error')}, {numbers.counted(results.warnings, 'warning')}"
        + _for_information(results),
    ]


def _for_information(results) -> str:
    """', 6 for information' when findings of that severity follow (the report counts them so too); the line
    named 180 findings of the 186 listed below it."""
    infos = sum(1 for f in results.findings if f.severity == "info")
    return f", {numbers.count(infos)} for information" if infos else ""


def _scaled_shares(results) -> list[str]:
    """The traffic convention's sites whose own shares were scaled to 100 %, when there are: one line."""
    from advisor.demand import SCALED_SHARES

    text = results.conventions.get("traffic", "")
    at = text.find(SCALED_SHARES)
    return [] if at < 0 else [f"Traffic: {text[at:]}"]


def _wan_load(results) -> str:
    """The WAN's total per direction, summed over the links, and what it is made of."""
    links = results.links
    parts = [f"voice {numbers.kbps(sum(link.voice_kbps for link in links))}",
             f"signalling {numbers.kbps(sum(link.signalling_kbps for link in links))}"]
    cluster = sum(link.cluster_kbps for link in links)
    if cluster:
        parts.append(f"intra-cluster {numbers.kbps(cluster)}")
    return (f"WAN load: {numbers.kbps(results.total_wan_kbps)} per direction, summed over the links "
            f"({' + '.join(parts)})")


def _findings(severity: str, group) -> list[str]:
    lines = [f"{severity.upper()}S ({numbers.count(len(group))})"]
    for f in group:
        subjects = ", ".join(f.subjects)
        lines.append(f"  {f.code:<24} {f.message}" + (f"  [{subjects}]" if subjects else ""))
        lines.append(f"  {'':<24} remedy: {f.remedy}")
    return lines


def _bandwidth_table(links, ends) -> list[str]:
    """Traffic to bandwidth: calls × kbps per call = voice; voice + signalling (+ intra-cluster) = total."""
    cluster = any(link.cluster_kbps for link in links)
    header = ["link", "ends", "busy-hour\nErlangs", "concurrent\ncalls", "per call\nkbps", "voice\nkbps",
              "signalling\nkbps", *(["intra-cluster\nkbps"] if cluster else []), "total\nkbps"]
    rows = []
    for link in links:
        row = [link.id, ends(link.id), _erlangs(link.erlangs), numbers.count(link.calls),
               numbers.kbps_value(link.per_call_kbps), numbers.kbps_value(link.voice_kbps),
               numbers.kbps_value(link.signalling_kbps)]
        if cluster:
            row.append(numbers.kbps_value(link.cluster_kbps))
        rows.append([*row, numbers.kbps_value(link.kbps)])
    total = "voice + signalling + intra-cluster" if cluster else "voice + signalling"
    return ["Bandwidth per link, per direction, at the busy hour",
            f"(voice = concurrent calls × kbps per call; total = {total})",
            table(rows, header, "ll" + "r" * (len(header) - 2))]


def _capacity_table(links, ends, llq_share: float) -> list[str]:
    """Total against capacity (utilization) and voice against capacity (what the priority queue must take)."""
    header = ["link", "ends", "total\nkbps", "capacity\nkbps", "utilization\n%", "voice share\nof link %", "status"]
    rows = [[link.id, ends(link.id), numbers.kbps_value(link.kbps), numbers.kbps_value(link.capacity_kbps),
             numbers.percent_beside(link.utilization, 1.0), numbers.percent_beside(link.llq_share, llq_share),
             STATUS_TEXT.get(link.status, link.status)] for link in links]
    return ["Capacity per link",
            f"(utilization = total / capacity; voice share = voice / capacity, at most "
            f"{numbers.setting_share(llq_share)}: the priority-queue share)",
            table(rows, header, "llrrrrl")]


def _erlangs(value: float) -> str:
    """The Erlangs figure without its unit, which the column header carries."""
    return numbers.erlangs(value).removesuffix(" E")
