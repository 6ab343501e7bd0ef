"""`advisor bom FILE [--json | --csv OUT | --xlsx OUT] [--pstn e1|t1|sip] [--vpn-hubs N]`: the bill of materials.

Exit status 0; 1 when a branch has no router in the platform table that covers its phones (the list says which);
2 when the design cannot be read or sized, or the output cannot be written (with a message).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from advisor.cli._common import (
    Outcome,
    UsageError,
    folder_problem,
    one_line,
    print_json,
    printable,
    shown_output,
    table,
    write_problem,
    wrote,
)
from advisor.cli._resolve import same_file
from advisor.cli._streams import to_stderr
from advisor.cli._whole import shown_whole, whole_number
from advisor.numbers import counted


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bom", help="the bill of materials: SRST routers, PSTN trunks, CUCM nodes, VPN hubs",
                       description="Derive the bill of materials from a design and its busy-hour sizing: an SRST "
                       "router per branch (the smallest in the platform table that covers its phones), PSTN "
                       "trunks per site (Erlang B, at most the phones each gateway serves: E1/T1 PRIs or SIP sessions), the CUCM cluster "
                       "nodes with the chosen redundancy, and the GET VPN key servers or VPN hubs. Each line "
                       "carries its reason and source. Exit status: 0 done, 1 a branch has no router in the "
                       "platform table that covers its phones, 2 the file cannot be read or the output written.")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true",
                     help='print {"items": [{"site", "item", "model", "quantity", "reason", "source", '
                          '"category", "unconfirmed"}]}')
    out.add_argument("--csv", metavar="OUT.csv", help="write the lines to a CSV file (UTF-8 with BOM, for Excel); - for standard "
                     "output (UTF-8, no BOM)")
    out.add_argument("--xlsx", metavar="OUT.xlsx",
                     help="write an Excel workbook: the lines, the totals and the assumptions; - for "
                          "standard output (redirected to a file)")
    add_options(p)
    p.set_defaults(handler=run)


def add_options(p: argparse.ArgumentParser) -> None:
    """The bill of materials' own options (`bom`, and `compare` for its hardware rows)."""
    p.add_argument("--pstn", choices=("e1", "t1", "sip"), default="e1",
                   help="PSTN interface: e1 = E1 PRI, 30 B-channels (the default); t1 = T1 PRI, 23 B-channels; "
                        "sip = SIP trunk sessions (one per concurrent call)")
    p.add_argument("--vpn-hubs", type=whole_number("a whole number of VPN hubs"), default=None, metavar="N",
                   help="VPN hub (head-end) routers at the hub site, 1 to 8 (default 2: one can fail)")


def options_of(args: argparse.Namespace):
    """`bom.BomOptions` of the command's --pstn and --vpn-hubs; a UsageError for a count out of range."""
    from advisor import bom
    from advisor.cli._hubs import DEFAULT_VPN_HUBS

    hubs = DEFAULT_VPN_HUBS if args.vpn_hubs is None else args.vpn_hubs
    if not 1 <= hubs <= bom.MAX_VPN_HUBS:
        raise UsageError(f"--vpn-hubs {shown_whole(hubs)}: give 1 to {bom.MAX_VPN_HUBS}")
    return bom.BomOptions(pstn=args.pstn, vpn_hubs=hubs)


def load_analysed(path: str, check=None):
    """(design, results) of a design file; a UsageError names what is wrong with it. `check(design)`, before the
    analysis, refuses what the design alone tells is wrong (a --site it does not hold: refused after minutes)."""
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load
    from advisor.tables import TableError

    try:
        design = load(path)
        if check is not None:
            check(design)
        return design, analyse(design)
    except (DesignFileError, AnalysisError, TableError) as exc:
        raise UsageError(str(exc)) from None


def check_output(target: str, source: str, suffix: str) -> Path:
    """The output file, refused (UsageError) when it is the input, a folder, in a missing folder, or misnamed;
    `-` is standard output."""
    from advisor.tabular import STDOUT

    path = Path(target)
    if target == STDOUT:
        return path
    same = same_file(path, Path(source))  # a symlink loop or a NUL in a name: its own file named
    if same:
        raise UsageError(f"{target}: the output would overwrite the input design; choose another name")
    if path.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name such as {path / ('bom' + suffix)}")
    if (problem := folder_problem(path.parent)) is not None:
        raise UsageError(f"{target}: {problem}")
    if path.name.lower() == suffix:  # it ends in .csv, but is all extension: "must end in .csv" read as nonsense
        raise UsageError(f"{target}: the file name is only its extension; give a name such as "
                         f"{path.with_name('bom' + suffix)}")
    if path.suffix.lower() != suffix:
        raise UsageError(f"{target}: the file name must end in {suffix}")
    return path


def run(args: argparse.Namespace) -> int:
    from advisor import bom
    from advisor.cli._hubs import hub_technologies, unused_note
    from advisor.tables import TableError

    options = options_of(args)
    target = None
    if args.csv or args.xlsx:
        target = check_output(args.csv or args.xlsx, args.file, ".csv" if args.csv else ".xlsx")
    design, results = load_analysed(args.file)
    hub_note = unused_note(args.vpn_hubs, design, results)
    try:
        items = bom.build(design, results, options)
    except TableError as exc:
        raise UsageError(str(exc)) from None
    status = Outcome.decided(1 if any(i.category == "router" and i.quantity == 0 for i in items) else 0)
    if args.json:
        print_json(bom.to_json(items))
    elif target is not None:
        _write(target, bom.sheets(design, items, options), csv=bool(args.csv))
        wrote(target, f" ({counted(len(items), 'line')})")
    else:
        print(render(design, items, options, hubs=bool(hub_technologies(design, results))))
    if hub_note:
        to_stderr(hub_note)
    return status


def _write(target: Path, sheets, csv: bool) -> None:
    from advisor import tabular
    from advisor.io import DesignFileError

    try:
        if csv:
            tabular.write_csv(target, sheets[0])
        else:
            tabular.write_xlsx(target, sheets)
    except BrokenPipeError:  # `--csv - | head`: the reader has what it wanted; the verdict stands, as for text
        raise
    except OSError as exc:
        raise UsageError(f"{shown_output(target)}: cannot be written: {write_problem(exc, target)}") from None
    except DesignFileError as exc:
        raise UsageError(f"{shown_output(target)}: cannot be written: {exc}") from None


def render(design, items, options, hubs: bool = True) -> str:
    """The text form: the lines as a table, the totals, then each line's reason and source."""
    from advisor import bom
    from advisor.bom_rules import PSTN_LABELS
    from advisor.numbers import count
    from advisor.shown_names import name_or

    head = [f"Bill of materials: {one_line(name_or(design.name, 'Untitled design'))}",  # blanks: as the PDF reads them
            f"PSTN interface: {PSTN_LABELS[options.pstn]}; VPN hubs: "
            f"{count(options.vpn_hubs) if hubs else 'none (no link uses a VPN with hub routers)'}"]
    if not items:
        return "\n".join([*head, "", "Nothing to list: the design has no call processing, branches, PSTN traffic "
                          "or VPN hubs yet."])
    rows = [[str(n), i.site, i.item, printable(i.model), count(i.quantity)] for n, i in enumerate(items, start=1)]
    lines = [*head, "", table(rows, ["#", "site", "item", "model", "qty"], "rlllr"), "", "Totals", ""]
    totals = [[item, printable(model), count(qty)] for item, model, qty in bom.totals(items)]
    lines += [table(totals, ["item", "model", "qty"], "llr"), "", "Reasons", ""]
    for n, i in enumerate(items, start=1):
        flag = " [unconfirmed figure: verify it]" if i.unconfirmed else ""
        lines += [f"{n:>3}. {i.site}, {i.item}: {printable(i.reason)}{flag}",
                  f"     Source: {printable(i.source)}"]  # bom.build leaves out '[cluster_limits.json]'
    return "\n".join(lines)
