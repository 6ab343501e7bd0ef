"""`advisor explain DESIGN.json [--link ID | --site ID | --finding CODE] [--json]`: how each figure was computed.

The words come from `advisor.explain`, the same functions the app and the PDF use."""

from __future__ import annotations

import argparse
import sys
from unicodedata import category

from advisor.cli._common import UsageError, is_utf8, one_line, print_json, printable
from advisor.cli._streams import to_stderr


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
    from advisor.explain import Context, ExplainError, every_figure, explain_design
    from advisor.io import DesignFileError, load
    from advisor.shown_names import name_or

    try:
        design = load(args.file)
        _refuse_unknown(design, args)  # before the analysis: minutes on a large design, for a mistyped id
        ctx = Context(design, analyse(design))
        if args.link is None and args.site is None and args.finding is None:
            explanations = every_figure(ctx)  # written as they come (a lookup's error must come first: eager)
        else:
            explanations = explain_design(ctx, link=args.link, site=args.site, finding=args.finding)
    except (DesignFileError, AnalysisError) as exc:
        raise UsageError(str(exc)) from None
    except ExplainError as exc:
        option = "--link" if args.link is not None else "--site" if args.site is not None else "--finding"
        raise UsageError(f"{option}: {exc}") from None
    if args.finding is not None and not explanations:
        from advisor.explain.reasons import code_key

        to_stderr(f"advisor: note: the design has no {code_key(args.finding)} finding")
    elif not design.sites:  # a design of no site printed its name alone, and said nothing of why
        to_stderr("advisor: note: nothing to explain: the design has no site")
    if args.json:
        write_json(design.name, explanations)
        return 0
    print(f"Design: {one_line(name_or(design.name, 'Untitled design'))}")  # blanks: as the PDF reads them
    for e in explanations:
        print()
        print(_text(e))
    return 0


def _text(e) -> str:
    """The explanation as text, each of its lines on one line: a site named 'a' + line break + 'b' (a name may hold
    one) printed 'b: busy-hour traffic' as a heading of its own. Its parts are made one line each only when one of
    them breaks a line (a quarter of a second more per 10,000 sites otherwise); `printable` makes the other
    breaks (a carriage return, U+0085) a '?'."""
    text = e.text()
    parts = 1 + len(e.lines) + len(e.quotes) + bool(e.sources)
    if text.count("\n") == parts - 1 and "\u2028" not in text and "\u2029" not in text:
        return _based(printable(text))
    return _based(e.text(shown=one_line))


def _based(text: str) -> str:
    """`text` with a dotted circle (U+25CC) in front when it starts with a combining mark: a site named with accents
    or Arabic vowel marks alone (or whose name starts with one) heads its explanation, and a mark first on a line
    has no letter to sit on: a terminal drops it or draws it over nothing (": busy-hour traffic"). Elsewhere such
    a name follows a quote or a space that carries its marks, as every other command prints it; the circle is how
    the Unicode Standard shows a mark on its own. Only the title starts a line: the other lines are indented."""
    return f"\u25cc{text}" if text and category(text[0]).startswith("M") else text


def _refuse_unknown(design, args: argparse.Namespace) -> None:
    """Raise the ExplainError `explain_design` would raise for a --finding code that is no code, or a --link or
    --site the design does not hold, from the design alone: the same lookup (id, name, or the two ends as the tables print them), on placeholder results
    that carry the ids only."""
    from types import SimpleNamespace

    from advisor.explain import Context
    from advisor.explain.reasons import known_code

    if args.finding is not None:  # a code the catalogue lacks was refused after the analysis
        known_code(args.finding)
    if args.link is None and args.site is None:
        return
    ids = SimpleNamespace(links=[SimpleNamespace(id=ln.id) for ln in design.links],
                          sites=[SimpleNamespace(id=s.id) for s in design.sites])
    lookup = Context(design, ids)
    if args.link is not None:
        lookup.link(args.link)
    else:
        lookup.site(args.site)


_BATCH = 1 << 20  # bytes written at a time


def write_json(name: str, explanations, stream=None) -> None:
    """`{"design": name, "explanations": [...]}` indented by 2, each explanation encoded and written as it comes, by
    the compiled serializer: `json.dumps` of a 20,000-site design's whole list took 11 s and, with the list, 4 GB.
    The same JSON values as `json.dumps` (tests/core/test_hostile_round21b.py); where stdout is not UTF-8, the
    standard encoder with its \\u escapes."""
    from pydantic_core import to_json

    stream = stream or sys.stdout
    if not is_utf8(stream) or not hasattr(stream, "buffer"):
        print_json({"design": name, "explanations": [e.to_json() for e in explanations]})
        return
    out = stream.buffer
    stream.flush()
    head = b'{\n  "design": ' + to_json(name) + b',\n  "explanations": ['
    pieces, size, count = [head], len(head), 0
    for e in explanations:
        piece = (b",\n    " if count else b"\n    ") + to_json(e.to_json(), indent=2).replace(b"\n", b"\n    ")
        pieces.append(piece)
        size += len(piece)
        count += 1
        if size >= _BATCH:
            out.write(b"".join(pieces))
            pieces, size = [], 0
    pieces.append(b"\n  ]\n}\n" if count else b"]\n}\n")
    out.write(b"".join(pieces))
    out.flush()
