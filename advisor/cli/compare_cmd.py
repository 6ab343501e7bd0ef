"""`advisor compare DESIGN.json [--vary KEY=V1,V2]… [--json | --csv OUT | --xlsx OUT] [--pstn …] [--vpn-hubs N]`:
options side by side."""

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
from advisor.cli._streams import to_stderr
from advisor.cli.bom_cmd import add_options, options_of
from advisor.scenarios import comparison_rows
from advisor.validation import unseen_escaped, visible

EPILOG = """\
Without --vary, the scenarios saved in the design are compared with the design as it is (the first column,
"Current design": a saved scenario of that name, or of a name that shows nothing, is refused).
--vary keys: codec (g711, g729, …), ptime (ms), vpn (getvpn, dmvpn, gre-ipsec, flexvpn, vti, ipsec,
mpls-isolation, none), vpn.mpls / vpn.internet / vpn.private-wan (one transport of a hybrid WAN), cipher
(aes-gcm, aes-cbc, 3des), srtp (none, sha1-80, sha1-32, gcm), crtp (0, 2, 4), gos (0.01 or 1%: the only key
that takes a percent), calls (busy-hour calls per user). Several --vary options give every combination, at most
100 of them.

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
    add_options(p)  # the bill of materials' rows counted as `advisor bom` counts them
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor import bom_shared, scenarios
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load
    from advisor.tabular import STDOUT

    options = options_of(args)
    out = args.csv or args.xlsx
    if out and out != STDOUT and (problem := file_problem(out, "options." + ("xlsx" if args.xlsx else "csv"))):
        # before the analyses (a hundred options on a large design take a while): a folder, a name ending in '/'
        # (it wrote a file named after the folder), a device, a read-only folder
        raise UsageError(f"cannot write {shown_output(out)}: {problem.removeprefix('cannot be written: ')}")
    try:
        design = load(args.file)
        varied = _numbers_checked(scenarios.parse_vary(args.vary)) if args.vary else []
        chosen = scenarios.scenarios_from_vary(varied) if args.vary else design.scenarios
        notes = _missing_transports(varied, design)
        if not args.vary:
            _check_saved(args.file, design)
        elif design.scenarios:  # they were left out in silence: the columns are the --vary ones only
            from advisor.numbers import counted

            notes.append(f"the design's {counted(len(design.scenarios), 'saved option')} "
                         f"{'is' if len(design.scenarios) == 1 else 'are'} not compared with --vary; leave --vary out "
                         "to compare them")
        # the bill's site and cluster lines built once for the options that change none of what they read
        quantities = bom_shared.for_comparison()
        outcomes = scenarios.compare(design, chosen, analyse, bom=lambda d, r: quantities(d, r, options))
    except (DesignFileError, AnalysisError, scenarios.ScenarioError) as exc:
        raise UsageError(str(exc)) from None  # alone: a note above it made the refusal two lines
    for text in notes:
        to_stderr(f"advisor: note: {text}")
    if args.json:
        print_json({"scenarios": [o.as_json() for o in outcomes]})
    elif args.csv or args.xlsx:
        _write(args.csv or args.xlsx, "xlsx" if args.xlsx else "csv", outcomes, design)
    else:
        print(render(outcomes, design))
    return 0


_NUMERIC_KEYS = ("ptime", "gos", "calls")  # crtp: a whole number or its own message (`scenarios._typed`)


def _numbers_checked(varied: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The --vary options, each number written with the digits 0 to 9 and no '_' (float() read 'ptime=١' as 1 ms
    and 'calls=1_0' as 10 calls per user)."""
    from advisor.cli import _beyond_floats, _beyond_percent
    from advisor.scenarios import percent_problem

    for key, values in varied:
        for value in values if key in _NUMERIC_KEYS else ():
            # 'gos=1e-307%' was a denormal share once divided by 100, as `erlang --gos` refuses it; a '%' is a
            # share's only ('ptime=1e-400%' was "too close to 0" in percent, 'ptime=20%' 0.2 ms)
            if problem := numeral_problem(value) or percent_problem(key, value) or (
                    _beyond_percent(value) if key == "gos" else _beyond_floats(value, float, overflow=False)):
                # 'ptime=1e-320' was named 9.99989e-321 ms, 'gos=1e-400' said "must be > 0" (one too large is
                # "not a finite number", as the design file says)
                raise UsageError(f"--vary {key}={_clipped(value)}: {problem}")
    return _read_apart(_fields_checked(varied))


_UNITS = {"ptime": " ms", "calls": " calls per user", "gos": ""}


def _read_apart(varied: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Two values of one key that the analysis reads as one number: 'ptime=20.00000000000000000001,
    20.00000000000000000002' compared two columns of 20 ms, headed as if they differed (a number keeps about 16
    significant digits). Values written alike are refused before (`scenarios.parse_vary`)."""
    from advisor.scenario_options import shortest_number

    for key, values in varied:
        read: dict[float, str] = {}
        for value in values if key in _NUMERIC_KEYS else ():
            number = _typed_number(key, value)
            if number in read:
                raise UsageError(f"--vary {key}: {_clipped(read[number])} and {_clipped(value)} are both read as "
                                 f"{shortest_number(number)}{_UNITS[key]} (a number keeps about 16 significant digits); "
                                 "give values that differ within them")
            read[number] = value
    return varied


def _typed_number(key: str, value: str) -> float:
    """A --vary value of a number key (checked already) as the option takes it: 'gos=1%' is 0.01."""
    from advisor.scenarios import _typed

    return _typed(key, value)


def _clipped(value: str) -> str:
    """A --vary value as a message quotes it: '…' where it is cut ('calls=' and 5,000 nines read as 40 nines)."""
    text = printable(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _fields_checked(varied: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """Each --vary value checked on its own, its problem naming the field as the app's scenario form does: the
    design file's names were shown ("--vary ptime=500: ptime_ms: must be ≤ 200", "calls_per_user: …",
    "transports.mpls: …")."""
    from pydantic import ValidationError

    from advisor import scenarios
    from advisor.model import Scenario
    from advisor.validation import describe, field_titles

    # a field named as the key typed (codec, cipher, srtp, crtp, gos) keeps that name; the others in words
    every = field_titles(Scenario)
    titles = {field: every[field] for key, field in scenarios.VARY_KEYS.items() if field != key}
    for key, values in varied:
        for value in values:
            if key.startswith("vpn."):  # a transport's technology takes the values of the WAN's
                fields = {"technology": value}
            else:
                fields = {scenarios.VARY_KEYS[key]: scenarios._typed(key, value)}
            try:
                Scenario.model_validate({"name": key, **fields})
            except ValidationError as exc:
                problem = "; ".join(describe(exc, titles=titles))
                raise UsageError(f"--vary {key}={_clipped(value)}: {problem}") from None
    return varied


def _missing_transports(varied: list[tuple[str, list[str]]], design) -> list[str]:
    """The notes for `--vary vpn.internet=…` on a design with no Internet cloud: its columns came out the same as
    the design's, with nothing to say why (a script may pass one set of options for every design, as to `calc`,
    which notes an option that has no effect). Printed once the options are compared."""

    from advisor.rules._names import transport_label

    kinds = {cloud.kind for cloud in design.clouds}
    notes = []
    for key, _values in varied:
        transport = key.split(".", 1)[1] if key.startswith("vpn.") else None
        if transport is not None and transport not in kinds:
            notes.append(f"--vary {key}: the design has no {transport_label(transport)} cloud, so these options "
                         "change nothing")
    return notes


def _check_saved(path: str, design) -> None:
    """A saved scenario that no longer makes a valid design, named by its file and place (the message named the
    scenario alone, as if it came from the command line), before any analysis. So is one named as the design's own
    column ('Current design', as the app refuses to name one): the table showed two columns of that name."""
    from advisor import scenarios
    from advisor.io_errors import short
    from advisor.validation import name_key

    for i, scenario in enumerate(design.scenarios):
        if not name_key(scenario.name):  # blanks or characters that show nothing: a column with no heading
            raise UsageError(f"{path}: scenarios[{i}].name: '{short(scenario.name)}' shows nothing; give the "
                             "scenario a name")
        if name_key(scenario.name) == name_key(scenarios.CURRENT):
            raise UsageError(f"{path}: scenarios[{i}].name: '{short(scenario.name)}' reads as the column of the "
                             f"design itself ('{scenarios.CURRENT}'); rename the scenario to compare it")
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
    # A character that shows nothing is written as its escape: 'Option A' and 'Option A\u200b' (two names the
    # design keeps apart) headed two columns that read alike. So did 'A\nB' and 'A\tB' ('A?B' both): headings
    # that would read alike show each control character as its escape instead.
    shown = [one_line(unseen_escaped(cell)) for cell in header]
    alike = {text for text in shown if shown.count(text) > 1}
    return table(body, [visible(cell) if text in alike else text for cell, text in zip(header, shown, strict=True)],
                 align)


def _write(path: str, kind: str, outcomes, design) -> None:
    from advisor import tabular
    from advisor.sheets import comparison_sheet

    table = comparison_sheet(design, outcomes)  # as the app exports it: each measure's numbers grouped
    try:
        if kind == "csv":
            tabular.write_csv(path, table)
        else:
            tabular.write_xlsx(path, [table])
    except BrokenPipeError:  # `--csv - | head`: the reader has what it wanted; the verdict stands, as for text
        raise
    except OSError as exc:
        raise UsageError(f"cannot write {shown_output(path)}: {write_problem(exc, path)}") from None
    wrote(path)
