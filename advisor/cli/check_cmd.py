"""`advisor check FILE [--json]`: analyse a design. Exit 0 without error findings, 1 with any, 2 if unreadable."""

from __future__ import annotations

import argparse

from advisor.cli._common import UsageError, print_json, table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="analyse a design: findings, VPN recommendation, per-link sizing",
                       description="Analyse a design file. Exit status: 0 no error findings, 1 error findings, "
                       "2 the file cannot be read or is invalid.")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load

    try:
        design = load(args.file)
        results = analyse(design, checklist=args.json)
    except (DesignFileError, AnalysisError) as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json(to_json(design, results))
    else:
        print(render(design, results))
    return 1 if results.errors else 0


def to_json(design, results) -> dict:
    rec = results.recommendation
    return {
        "design": design.name,
        "model": results.model.detected,
        "deployment": results.model.model_dump(mode="json"),
        "recommendation": {
            "technology": rec.technology,
            "chosen": rec.chosen,
            "ranking": [c.model_dump(mode="json") for c in rec.ranking],
            "per_transport": [t.model_dump(mode="json") for t in rec.per_transport],
            "per_cloud": dict(rec.per_cloud),
        },
        "links": [link.model_dump(mode="json") for link in results.links],
        "sites": [site.model_dump(mode="json") for site in results.sites],
        "mtu": results.mtu.model_dump(mode="json") if results.mtu else None,
        "delay": results.delay.model_dump(mode="json") if results.delay else None,
        "findings": [f.model_dump(mode="json") for f in results.findings],
        "checklist": [c.model_dump(mode="json") for c in results.checklist],
        "totals": {"sites": len(design.sites), "links": len(design.links),
                   "users": sum(s.users for s in design.sites), "wan_kbps": results.total_wan_kbps,
                   "errors": results.errors, "warnings": results.warnings},
        "conventions": results.conventions,
    }


def render(design, results) -> str:
    from advisor.rules._names import names_for, tech_label

    rec, names = results.recommendation, names_for(design)
    out = [
        f"Design: {design.name}" + (f" — {design.customer}" if design.customer else ""),
        f"Sites {len(design.sites)}, clouds {len(design.clouds)}, links {len(design.links)}, "
        f"users {sum(s.users for s in design.sites)}",
        f"Deployment model: {results.model.detected}",
        f"VPN: {tech_label(rec.chosen)}"
        + ("" if rec.chosen == rec.technology else f" (recommended: {tech_label(rec.technology)})"),
        f"WAN voice load: {results.total_wan_kbps:,.2f} kbps per direction (sum over links)",
        f"Findings: {results.errors} error(s), {results.warnings} warning(s)",
        "",
    ]
    for severity in ("error", "warning", "info"):
        group = [f for f in results.findings if f.severity == severity]
        if not group:
            continue
        out.append(f"{severity.upper()}S ({len(group)})")
        for f in group:
            subjects = ", ".join(f.subjects)
            out.append(f"  {f.code:<24} {f.message}" + (f"  [{subjects}]" if subjects else ""))
            out.append(f"  {'':<24} remedy: {f.remedy}")
        out.append("")
    if results.links:
        rows = [[link.id, names.link_name(link.id), f"{link.erlangs:.2f}", str(link.calls),
                 f"{link.per_call_kbps:.2f}", f"{link.kbps:,.2f}", f"{link.capacity_kbps:,.0f}",
                 f"{link.utilization:.1%}", f"{link.llq_share:.1%}", link.status] for link in results.links]
        out.append(table(rows, ["link", "ends", "erlangs", "calls", "kbps/call", "kbps", "capacity",
                                "util", "LLQ", "status"], "llrrrrrrrl"))
    return "\n".join(out).rstrip() + "\n"
