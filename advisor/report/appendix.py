"""The end of the document: security checklist per site, all findings, assumptions and sources."""

from __future__ import annotations

import functools
from collections import defaultdict
from operator import attrgetter

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether

from advisor import numbers
from advisor.choice_words import CHOICE_LABELS, TECHNOLOGIES, codec_label
from advisor.findings import SEVERITY_ORDER, Finding
from advisor.model import Design, TrafficPolicy, VoicePolicy, VpnPolicy
from advisor.report import fonts, styles
from advisor.report.balance import by_content
from advisor.report.deferred import LazyTable
from advisor.report.doc import SectionHeading
from advisor.report.sections import p, u
from advisor.report.tables import cell, data_table
from advisor.report.wording import ARTICLE, plain
from advisor.results import Results
from advisor.rules._names import names_for

# Beyond this many findings of one code the list becomes a compact table of subject and message.
FINDINGS_AS_TEXT = 4
SHARES = {"Subject": 100, "Finding": 260, "Remedy": 150, "Why": 150}  # each column's most (`balance`)
SUBJECTS_NAMED = 100  # subjects a finding names; the others are counted


def checklist(number: int, design: Design, results: Results) -> list:
    node = names_for(design).node  # two sites named alike carry their ids ('Lyon (b1)'), as the findings name them
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Security checklist"),
                  p("Controls from \"Security of Applications Moving to a Network\" (T. Mlakar, NIL), the threat each "
                    "answers, and where they are missing. "
                    "The first table explains each control once; the second lists, per site, what is in place "
                    "and what is missing.")]
    if not results.checklist:
        return [*flow, p("The checklist is empty for this design.")]
    controls: dict[str, object] = {}
    for item in results.checklist:
        controls.setdefault(item.control, item)
    id_width = max(fonts.string_width(c, 7.5) for c in controls) + 8  # ids do not wrap: fit the longest
    widths = [110, 70, 258]
    widths = [id_width] + [w * (styles.FRAME_WIDTH - id_width) / sum(widths) for w in widths]
    legend = [[item.control, cell(item.title, widths[1]), cell(item.threat, widths[2]),
               cell(_article_words(item.rationale), widths[3])] for item in controls.values()]
    flow += [p("Controls", "h2"), data_table(["Control", "Title", "Threat", "Rationale (the article)"], legend, widths)]

    per_site: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"in-place": [], "missing": [], "n/a": []})
    for item in results.checklist:
        per_site[item.site].setdefault(item.status, []).append(item.control)
    order = ["design", *[s.id for s in design.sites]]
    listed = set(order)  # (a list's `in` made this quadratic: 0.5 s at 10,000 sites)
    order += sorted(k for k in per_site if k not in listed)
    widths = [110, 40, 40, 300]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    for site in order:
        if site not in per_site:
            continue
        status = per_site[site]
        label = "Whole design" if site == "design" else node(site)
        missing = ", ".join(status["missing"]) or "—"
        rows.append([cell(label, widths[0]), str(len(status["in-place"])), str(len(status["missing"])),
                     cell(missing, widths[3])])
        if status["missing"]:
            extra.append(("TEXTCOLOR", (2, len(rows)), (3, len(rows)), styles.WARNING_INK))
    flow += [p("Per site", "h2"),
             data_table(["Site", "In place", "Missing", "Missing controls"], rows, widths, right_cols=(1, 2),
                        extra_style=extra)]
    return flow


def _article_words(rationale: str) -> str:
    """The article's sentence alone: the column is headed with the article, named in the section's introduction."""
    for prefix in (f"{ARTICLE}: ", f"{ARTICLE} (paraphrased): "):
        if rationale.startswith(prefix):
            return rationale[len(prefix):] + (" (paraphrased)" if "paraphrased" in prefix else "")
    return rationale


def findings(number: int, design: Design, results: Results) -> list:
    named = names_for(design)  # sites, clouds and links named alike carry their ids ('Lyon (b1)'), as in the findings
    node, link_name = named.node, named.link_name
    names = {s.id: node(s.id) for s in design.sites} | {c.id: node(c.id) for c in design.clouds}
    names |= {link.id: link_name(link.id) if link.name else link.id for link in design.links}
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Findings"),
                  p(f"{numbers.counted(len(results.findings), 'finding')}: {numbers.counted(results.errors, 'error')}, "
                    f"{numbers.counted(results.warnings, 'warning')}, "
                    f"{numbers.count(len(results.findings) - results.errors - results.warnings)} for information. "
                    "What the findings of one kind share (rationale, remedy, source) is given once.")]
    if not results.findings:
        return [*flow, p("No findings: every check passed.")]
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in results.findings:
        groups[f.code].append(f)
    ordered = sorted(groups.items(), key=lambda kv: (min(SEVERITY_ORDER[f.severity] for f in kv[1]), kv[0]))
    for code, items in ordered:
        flow += _finding_group(code, items, names)
    return flow


def _finding_group(code: str, items: list[Finding], names: dict[str, str]) -> list:
    """One code: what all its findings share is said once; what differs (numbers in a remedy) stays per finding."""
    severity = min((f.severity for f in items), key=SEVERITY_ORDER.__getitem__)
    ink = styles.SEVERITY_INK[severity].hexval()[2:]
    shared = {key: len({getattr(f, key) for f in items}) == 1 for key in ("rationale", "remedy", "source")}
    first = items[0]
    head = [p(f'<font color="#{ink}">{severity.upper()}</font>&nbsp;&nbsp;{u(code)}'
              + (f" — {len(items)} findings" if len(items) > 1 else ""), "h3")]
    if shared["rationale"]:
        head.append(p(f"<b>Why:</b> {u(first.rationale)}", "small"))
    if shared["remedy"]:
        head.append(p(f"<b>Remedy:</b> {u(first.remedy)}", "small"))
    own = _why(items) if shared["source"] and not shared["rationale"] else None
    if shared["source"] and first.source and (own is not None or first.source not in first.rationale):
        head.append(p(f"<b>Source:</b> {u(first.source)}", "small"))
    why = own or _RATIONALE
    if len(items) <= FINDINGS_AS_TEXT:
        body = []
        for f in items:
            body.append(p(f"• {_subjects(f, names)}{u(f.message)}", "finding"))
            if not shared["rationale"]:
                body.append(p(f"<b>Why:</b> {u(why(f))}", "detail"))
            if not shared["remedy"]:
                body.append(p(f"<b>Remedy:</b> {u(f.remedy)}", "detail"))
        return [KeepTogether(head + body[:3]), *body[3:]]
    header = ["Subject", "Finding", *(["Remedy"] if not shared["remedy"] else []),
              *(["Why"] if not shared["rationale"] else [])]
    # made when the layout reaches it: a large design's groups of 30,000 findings are not all held at once
    return [KeepTogether(head), LazyTable(functools.partial(_group_table, header, items, names, why), len(items) + 1)]


def _group_table(header: list[str], items: list[Finding], names: dict[str, str], why):
    columns = [[_named(f, names) or "design" for f in items], [f.message for f in items]]
    if "Remedy" in header:
        columns.append([f.remedy for f in items])
    if "Why" in header:
        columns.append(list(map(why, items)))
    widths, one_line = by_content(columns, [SHARES[h] for h in header])
    rows = [[cell(text, w) for text, w in zip(row, widths, strict=True)] for row in zip(*columns, strict=True)]
    return data_table(header, rows, widths, keep=one_line)


_RATIONALE = attrgetter("rationale")


def _why(items: list[Finding]):
    """When every rationale of a group opens with the group's source (a per-link finding cites its guide, then gives
    its own figures), each finding's own part of it: the source is then printed once, above the group, not on every
    row (2,000 overloaded links repeated a 400-character citation 2,000 times). None when they do not."""
    source = items[0].source
    if not source or not all(f.rationale.startswith(source) for f in items):
        return None

    def own(f: Finding) -> str:
        rest = f.rationale[len(source):].lstrip(".;:, ")
        if rest.startswith("(") and (end := rest.find(")")) > 0:  # "(design setting 33 %). 31 calls…"
            rest = rest[1:end] + rest[end + 1:]
        return rest[:1].upper() + rest[1:]

    return own


def _named(f: Finding, names: dict[str, str]) -> str:
    """The finding's subjects by name: up to SUBJECTS_NAMED, then how many more (a finding about every link of a
    300-site full mesh listed 44,850 of them, 60 pages)."""
    return numbers.first_and_more((names.get(s, s) for s in f.subjects), len(f.subjects), SUBJECTS_NAMED)


def _subjects(f: Finding, names: dict[str, str]) -> str:
    if not f.subjects:
        return ""
    return "<b>" + u(_named(f, names)) + ":</b> "


def assumptions(number: int, design: Design, results: Results) -> list:
    flow: list = [CondPageBreak(60 * mm), SectionHeading(number, "Assumptions and sources"),
                  p("Every convention the figures rest on, every setting of the design's policies (with the "
                    "tool's default beside it), and the source of every limit the checks apply.")]
    widths = [110, 380]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    conv = [[cell(k, widths[0]), cell(v, widths[1])] for k, v in results.conventions.items()]
    if conv:
        flow += [p("Conventions", "h2"), data_table(["Convention", "Value used"], conv, widths)]
    try:
        from advisor.codecs import resolve

        codec = resolve(design.voice.codec)
        flow.append(p(f"Codec {u(codec.name)}: {codec.rate_bps / 1000:g} kbps, {codec.frame_ms:g} ms frames of "
                      f"{codec.frame_bytes} B, default packetization {codec.default_ptime_ms:g} ms. "
                      f"Source: {u(plain(codec.source))}.", "small"))
    except Exception:  # noqa: BLE001 - a catalogue problem must not cost the whole report
        pass
    for title, policy, model in (("Traffic policy", design.traffic, TrafficPolicy),
                                 ("Voice policy", design.voice, VoicePolicy), ("VPN policy", design.vpn, VpnPolicy)):
        flow += [p(title, "h2"), _policy_table(policy, model)]
    flow += _limit_tables()
    return flow


def _policy_table(policy, model) -> object:
    widths = [140, 90, 90, 170]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    rows, extra = [], []
    for name, field in model.model_fields.items():
        unit = (field.json_schema_extra or {}).get("unit", "") if isinstance(field.json_schema_extra, dict) else ""
        value = getattr(policy, name)
        default = field.get_default(call_default_factory=True)
        rows.append([cell(field.title or name, widths[0]), cell(_setting(value, unit, model, name), widths[1]),
                     cell(_setting(default, unit, model, name), widths[2]),
                     cell(plain(field.description or ""), widths[3])])
        if value != default:
            extra.append(("FONT", (1, len(rows)), (1, len(rows)), fonts.SANS_BOLD, 7.5, 9.2))
    return data_table(["Setting", "This design", "Default", "Meaning"], rows, widths, extra_style=extra)


def _setting(value: object, unit: str, model=None, name: str = "") -> str:
    """A policy's setting as the Inspector's list names it ('G.729 (8 kbps)', 'SCCP', 'HMAC-SHA1-96', 'hub and
    spoke'), never its id; a number with its unit; an empty one as 'empty'."""
    if value is None:
        return "empty"
    words = _words(model, name, value)
    if words is not None:
        return words
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = numbers.setting(value) if isinstance(value, float) else str(value)
    return f"{text} {unit}".strip()


def _words(model, name: str, value: object) -> str | None:
    """The words the app's lists show for a setting held as an id; None for a number, a flag or free text."""
    if name == "codec":
        from advisor.codecs import CodecError, resolve

        try:
            return codec_label(resolve(str(value)))
        except CodecError:
            return None
    if model is VpnPolicy and name == "technology":
        return TECHNOLOGIES.get(value)
    labels = CHOICE_LABELS.get(name)  # only the fields with a list: another may hold a value no dict can look up
    return labels.get(value) if labels is not None else None


def _limit_tables() -> list:
    from advisor import tables

    flow: list = [p("Limit tables", "h2"),
                  p("The published limits the checks compare the design with, each with its source. Figures marked "
                    "“verify” change between releases: check them for yours.", "small")]
    widths = [70, 60, 360]
    widths = [w * styles.FRAME_WIDTH / sum(widths) for w in widths]
    for name in tables.table_names():
        try:
            table = tables.load_table(name)
        except Exception as exc:  # noqa: BLE001 - a broken user table is reported in place, not fatal
            flow.append(p(f"{u(name)}: cannot be read ({u(exc)})", "small"))
            continue
        rows = [[cell(key.replace("_", " "), widths[0]), _limit(entry.value, entry.unit),
                 cell(plain(entry.source) + (" (verify)" if entry.verify or table.verify else ""), widths[2])]
                for key, entry in table.entries.items()]
        flow += [p(u(table.title), "h3"), p(f"Source: {u(plain(table.source))}", "small"),
                 data_table(["Entry", "Value", "Source"], rows, widths, right_cols=(1,))]
    return flow


def _limit(value: float, unit: str) -> str:
    """A limit as every figure is printed (advisor.numbers): kbps with two decimals, whole numbers grouped."""
    if unit == "kbps":
        return numbers.kbps(value)
    text = numbers.count(value) if float(value).is_integer() else f"{value:g}"
    return f"{text} {unit}".strip()
