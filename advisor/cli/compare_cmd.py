"""`advisor compare DESIGN.json [--vary KEY=V1,V2]… [--json | --csv OUT | --xlsx OUT]`: options side by side."""

from __future__ import annotations

import argparse

from advisor.cli._common import (
    UsageError,
    file_problem,
    numeral_problem,
    one_line,
    print_json,
    printable,
    shown_output,
    table,
    write_problem,
    wrote,
)
from advisor.scenarios import comparison_rows

EPILOG = """\
Without --vary, the scenarios saved in the design are compared with the design as it is.
--vary keys: codec (g711, g729, …), ptime (ms), vpn (getvpn, dmvpn, gre-ipsec, flexvpn, vti, ipsec,
mpls-isolation, none), vpn.mpls / vpn.internet / vpn.private-wan (one transport of a hybrid WAN), cipher
(aes-gcm, aes-cbc, 3des), srtp (none, sha1-80, sha1-32, gcm), crtp (0, 2, 4), gos (0.01 or 1%), calls
(busy-hour calls per user). Several --vary options give every combination, at most 100 of them.

Exit status: 0 compared, 2 the design cannot be read or a scenario is not valid."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare options side by side: bandwidth, load, findings, tunnels, BOM",
                       description="Analyse the design once per option (codec, packetization, VPN technology, "
                       "cipher, SRTP, cRTP, grade of service, busy-hour calls) and show the results side by side.",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    p.add_argument("--vary", action="append", default=[], metavar="KEY=V1,V2",
                   help="an option to vary, e.g. codec=g711,g729 (repeatable)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help='print {"scenarios": [...]} instead of a table')
    out.add_argument("--csv", metavar="OUT", help="write the comparison as CSV; - for standard output")
    out.add_argument("--xlsx", metavar="OUT", help="write the comparison as an Excel workbook; - for "
                     "standard output (redirected to a file)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor import bom, scenarios
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load
    from advisor.tabular import STDOUT

    out = args.csv or args.xlsx
    if out and out != STDOUT and (problem := file_problem(out, "options." + ("xlsx" if args.xlsx else "csv"))):
        # before the analyses (a hundred options on a large design take a while): a folder, a name ending in '/'
        # (it wrote a file named after the folder), a device, a read-only folder
        raise UsageError(f"cannot write {shown_output(out)}: {problem.removeprefix('cannot be written: ')}")
    try:
        design = load(args.file)
        chosen = scenarios.scenarios_from_vary(_numbers_checked(scenarios.parse_vary(args.vary))) if args.vary \
            else design.scenarios
        if not args.vary:
            _check_saved(args.file, design)
        outcomes = scenarios.compare(design, chosen, analyse, bom=bom.quantities)
    except (DesignFileError, AnalysisError, scenarios.ScenarioError) as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print_json({"scenarios": [o.as_json() for o in outcomes]})
    elif args.csv or args.xlsx:
        _write(args.csv or args.xlsx, "xlsx" if args.xlsx else "csv", outcomes, design)
    else:
        print(render(outcomes, design))
    return 0


_NUMERIC_KEYS = ("ptime", "gos", "calls")  # crtp reads ASCII digits only already: 0, 2 or 4


def _numbers_checked(varied: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The --vary options, each number written with the digits 0 to 9 and no '_' (float() read 'ptime=١' as 1 ms
    and 'calls=1_0' as 10 calls per user)."""
    for key, values in varied:
        for value in values if key in _NUMERIC_KEYS else ():
            if problem := numeral_problem(value):
                raise UsageError(f"--vary {key}={printable(value)[:40]}: {problem}")
    return varied


def _check_saved(path: str, design) -> None:
    """A saved scenario that no longer makes a valid design, named by its file and place (the message named the
    scenario alone, as if it came from the command line), before any analysis."""
    from advisor import scenarios

    for i, scenario in enumerate(design.scenarios):
        try:
            scenarios.apply(design, scenario)
        except scenarios.ScenarioError as exc:
            raise UsageError(f"{path}: scenarios[{i}]: {exc}") from None


def render(outcomes, design) -> str:
    header, body = comparison_rows(outcomes, design)
    align = "l" + "r" * (len(header) - 1)
    # The column headings are the scenarios' names: `table` splits a heading at its line breaks and prints its
    # other control characters as they are (a name holding ESC [2J cleared the terminal, a right-to-left override
    # turned the row around). Each name on one line, its control characters shown as '?'.
    return table(body, [one_line(cell) for cell in header], align)


def _write(path: str, kind: str, outcomes, design) -> None:
    from advisor import tabular

    header, body = comparison_rows(outcomes, design, raw=True)
    table = tabular.sheet("Options compared", ["measure", *header[1:]], body,
                          title=f"Options compared: {design.name}")
    try:
        if kind == "csv":
            tabular.write_csv(path, table)
        else:
            tabular.write_xlsx(path, [table])
    except OSError as exc:
        raise UsageError(f"cannot write {shown_output(path)}: {write_problem(exc, path)}") from None
    wrote(path)
