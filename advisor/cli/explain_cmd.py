"""`advisor explain DESIGN.json [--link ID | --site ID | --finding CODE] [--json]`: how each figure was computed.

The words come from `advisor.explain`, the same functions the app and the PDF use."""

from __future__ import annotations

import argparse
import sys

from advisor.cli._common import UsageError, one_line, print_json, printable


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain", help="explain how each figure of a design was computed",
        description="Explain the figures of a design: for each link its offered Erlangs, concurrent calls "
        "(Erlang B), kbps per call (the packet, layer by layer), bandwidth per direction, utilization and voice "
        "share; for each site its busy-hour Erlangs, PSTN trunks and signalling; for a finding its rationale with "
        "the numbers and the sentence of the source it applies. Each line is a formula with the design's own "
        "numbers; sources are cited by title. With no option, every link and every site.",
        epilog="Examples: advisor explain design.json --link l-br01;  advisor explain design.json --site Zürich;  "
        "advisor explain design.json --finding BW-MTU --json")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--link", metavar="ID", help="one link, by id or by name ('Zürich – MPLS VPN')")
    what.add_argument("--site", metavar="ID", help="one site, by id or by name")
    what.add_argument("--finding", metavar="CODE", help="every finding with this code (e.g. BW-LINK-OVERLOAD); "
                      "VPN-RECOMMENDATION adds the reasons for the recommended technology")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    p.add_argument("--json", action="store_true", help='print {"design", "explanations": [...]} as JSON')
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor.analysis import AnalysisError, analyse
    from advisor.explain import Context, ExplainError, explain_design
    from advisor.io import DesignFileError, load

    try:
        design = load(args.file)
        ctx = Context(design, analyse(design))
        explanations = explain_design(ctx, link=args.link, site=args.site, finding=args.finding)
    except (DesignFileError, AnalysisError) as exc:
        raise UsageError(str(exc)) from None
    except ExplainError as exc:
        option = "--link" if args.link is not None else "--site" if args.site is not None else "--finding"
        raise UsageError(f"{option}: {exc}") from None
    if args.finding is not None and not explanations:
        print(f"advisor: note: the design has no {args.finding.strip().upper()} finding", file=sys.stderr)
    if args.json:
        print_json({"design": design.name, "explanations": [e.to_json() for e in explanations]})
        return 0
    print(f"Design: {one_line(design.name)}")
    for e in explanations:
        print()
        print(printable(e.text()))
    return 0
