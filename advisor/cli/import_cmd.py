"""`advisor import SITES.csv|SITES.xlsx -o DESIGN.json [--map COL=FIELD]… [--hub NAME] [--sheet NAME]`.

Reads a customer's site list into a design (advisor.importer), writes it atomically and prints what was skipped,
guessed and assumed, each line naming its rows and column. Exit status 0 when the design was written (even with
rows skipped), 2 when nothing could be imported or the file, an option or the output is unusable (with a message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.cli._common import (
    ClosedOutput,
    OutputFailed,
    UsageError,
    _same_file,
    folder_problem,
    one_line,
    printable,
    takes_numerals,
    write_problem,
)
from advisor.cli._resolve import same_file, why
from advisor.cli._streams import to_stderr
from advisor.cli._whole import shown_whole, whole_number

HEADINGS = {"skipped": "Rows skipped", "warning": "Values read with a guess", "default": "Defaults applied",
            "info": "How the file was read"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import a customer's site list (CSV or XLSX) as a design",
        description="Read a site list (CSV or XLSX) into a design: one site per row, a WAN cloud per transport "
        "(MPLS, Internet, private WAN), an access link per site with its bandwidth, round-trip time and layer 2, "
        "and call processing at the hub. Headers such as Site Name, Headcount, Phones, WAN BW, Circuit, Access, "
        "Latency (ms) and Router are recognised, under a title block too; bandwidths such as 2 Mbps, 1.5M, 512k, "
        "10 Mb/s or a bare number. Each skipped row and each default applied is listed with its rows and "
        "column. Exit status: 0 the design was written, 2 nothing could be imported or the input is unusable.",
        epilog="Fields for --map: name, id, kind, users, phones, public_phones, bandwidth, transport, rtt, router, "
        "srst, pstn, nat (or 'ignore'). A bare bandwidth number below 64 is Mbps; from 64 up it is kbps when "
        "the column's numbers are all multiples of 64 kbps (128, 512, 2048: E1/T1 speeds), else Mbps; a unit "
        "in the header, e.g. 'WAN BW (Mbps)', wins.")
    p.add_argument("file", metavar="SITES", help="the site list: .csv (any of , ; tab |) or .xlsx")
    p.add_argument("-o", "--output", metavar="DESIGN.json", required=True, help="where to write the design")
    p.add_argument("--map", metavar="COL=FIELD", action="append", default=[], dest="maps",
                   help="read column COL (its header, or its letter) as FIELD, e.g. \"Headcount=users\"; "
                        "repeatable; \"Notes=ignore\" leaves a column out")
    p.add_argument("--hub", metavar="NAME", help="the site (name or id) with call processing (default: the site "
                                                 "with the most users)")
    p.add_argument("--sheet", metavar="NAME", help="the workbook sheet to import (default: the first that reads "
                                                   "as a site list, with a site name and users or phones; else the "
                                                   "first with a recognisable header row)")
    p.add_argument("--header-row", metavar="N", type=_row_number,
                   help="the header row's number, when it is not found by itself")
    p.add_argument("--name", metavar="TEXT", help="the design's name (default: the sheet's title, else the file's)")
    p.set_defaults(handler=run)


# a digit of another script ('٣' was row 3) is refused before (`numeral_problem`)
_row = whole_number("a row number", refused=lambda text: f"'{text}' is not a row number")


@takes_numerals
def _row_number(text: str) -> int:
    value = _row(text)  # '1e0' too, as every whole-number option reads it
    if value < 1:
        raise argparse.ArgumentTypeError(f"{shown_whole(value)}: rows are numbered from 1")
    return value


def run(args: argparse.Namespace) -> int:
    from advisor.importer import (
        ImportFileError,
        MappingError,
        NothingImported,
        apply_map,
        build_design,
        preview,
    )
    from advisor.importer.build import sheet_label
    from advisor.importer.headers import split_map
    from advisor.numbers import counted

    target = _target(args.output, args.file)
    _check_name(args.name)
    try:
        hints = [split_map(entry)[0] for entry in args.maps]
        pre = preview(args.file, sheet=args.sheet, header_row=args.header_row, hints=hints)
        if args.sheet is not None and pre.kind == "csv":  # it was ignored in silence
            raise UsageError(f"option --sheet: {printable(pre.source)} is a CSV file, which has no sheets; leave "
                             "--sheet out")
        mapping = apply_map(pre.mapping, pre.columns, args.maps)
        design, messages = build_design(pre, mapping, hub=args.hub, name=args.name)
    except NothingImported as exc:
        try:
            print_messages(exc.messages)
            sys.stdout.flush()
        except (ClosedOutput, OutputFailed):
            pass  # the rows' reasons cannot be shown; why nothing was imported still is, on stderr
        raise UsageError(str(exc)) from None
    except (ImportFileError, MappingError) as exc:
        raise UsageError(str(exc)) from None
    _save(design, target)
    skipped = {row for m in messages if m.severity == "skipped" for row in m.rows}
    where = f", sheet '{sheet_label(pre.sheet)}'" if pre.kind == "xlsx" else ""
    hub = next((s for s in design.sites if s.cucm_publisher), None)
    # a sheet longer than what is read: "20,000 sites …; 29 rows skipped" read as if the file held 20,029 rows
    last = pre.rows[-1].number if pre.rows else pre.header_row
    unread = f", and the rows after row {last:,} not read" if pre.rows_cut else ""
    try:
        print(printable(f"Imported {counted(len(design.sites), 'site')} from {pre.source}{where} (header on row "
                        f"{pre.header_row:,}); {counted(len(skipped), 'row')} skipped{unread}. Wrote {target}: "
                        f"{counted(len(design.clouds), 'cloud')}, {counted(len(design.links), 'link')}; hub: "
                        f"{hub.name if hub else 'none'}."))
        print_messages(messages)
        sys.stdout.flush()
    except (ClosedOutput, OutputFailed) as exc:
        # As every command whose standard output cannot take what it prints (`report -o X.pdf >&-` too): exit 2.
        # The design is written whole all the same; the list of the rows skipped and the values assumed is lost.
        why = "is closed" if isinstance(exc, ClosedOutput) else f"cannot be written: {exc.strerror}"
        raise UsageError(f"standard output {why}; {printable(one_line(str(target)))} was written, but not the list "
                         "of what was imported, skipped and assumed") from None
    return 0


def _is_text(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: a byte the command line could not decode
        return False
    return True


def _check_name(name: str | None) -> None:
    """`--name` longer than a design's name holds is refused, before the file is read (it was cut in silence)."""
    from advisor.model import MAX_NAME

    if name is None:
        return
    if not _is_text(name):  # bytes that are no UTF-8 ($'\xff'): the design refused "its name", not the option
        raise UsageError("--name: not valid UTF-8 text; type the name again")
    from advisor.validation import reading_key

    words = " ".join(name.split())  # as the design keeps it: runs of spaces and line breaks as one space
    # a zero-width space alone too, and controls or direction marks alone ("\x01\x02" named a design): a design
    # with a name that shows nothing
    if not reading_key(words):
        raise UsageError("--name: the name is empty; leave the option out to use the sheet's title")
    if len(words) > MAX_NAME:
        raise UsageError(f"--name: {len(words):,} characters; a design's name holds at most {MAX_NAME}")


def _target(output: str, source: str) -> Path:
    if output == "-":  # elsewhere '-' is standard output, which carries the import's own report here
        raise UsageError("-o -: give a file name for the design (standard output carries the list of what was "
                         "imported and skipped)")
    target = Path(output)
    try:
        exists = target.exists()
    except (OSError, ValueError) as exc:
        raise UsageError(f"{output}: not a usable file name: {why(exc)}") from None
    if exists and same_file(target, Path(source)):
        raise UsageError(f"{target}: the output would overwrite the site list; choose another name with -o")
    if exists and (backup := _backup_of(target)) is not None and _same_file(str(backup), source):
        # `import d.json.bak -o d.json`: the save keeps the design it replaces as d.json.bak, over the site list
        raise UsageError(f"{target}: saving over it keeps the design it holds as {backup.name}, which is the site "
                         "list being imported; choose another name with -o")
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name such as {target / 'design.json'}")
    if (problem := folder_problem(target.parent)) is not None:
        raise UsageError(f"{target}: {problem}")
    if exists and (problem := _backup_problem(target)) is not None:
        raise UsageError(f"{target}: the file it holds would be lost: a save keeps it as {problem}") from None
    return target


def _backup_problem(target: Path) -> str | None:
    """Why the file at `target` could not be kept as FILE.bak when the import saves over it, where that is known
    before: a folder in FILE.bak's place, or a name too long to add '.bak' to. The save would write the design
    all the same and only warn: the design it replaced, maybe edited by hand since its import, was gone."""
    import os
    import stat

    from advisor.atomic import NAME_MAX_BYTES, encoded_name
    from advisor.atomic import target as replaced

    try:
        real = replaced(target)
        if not stat.S_ISREG(os.stat(real).st_mode):
            return None  # nothing the save keeps (a pipe is replaced, never read)
    except (OSError, ValueError):
        return None  # the save says what is wrong
    backup = real.with_name(real.name + ".bak")
    if len(encoded_name(backup.name)) > NAME_MAX_BYTES:
        return (f"FILE.bak, a name longer than a file name may be ({NAME_MAX_BYTES} bytes); choose a shorter name "
                "with -o")
    if backup.is_dir() and not backup.is_symlink():
        return f"{printable(one_line(backup.name))}, which is a folder; move it, or choose another name with -o"
    return None


def _backup_of(target: Path) -> Path | None:
    """The FILE.bak a save over `target` writes (beside the file a link leads to), or None when none can be."""
    from advisor.atomic import target as replaced

    try:
        real = replaced(target)
    except OSError:
        return None
    return real.with_name(real.name + ".bak")


def _save(design, target: Path) -> None:
    from advisor.io import BackupError, DesignFileError, save

    try:
        save(design, target)
    except BackupError as exc:  # the design was written; only FILE.bak is missing
        to_stderr(f"advisor: warning: {exc}")
    except OSError as exc:
        raise UsageError(f"{target}: cannot be written: {write_problem(exc, target)}") from None
    except DesignFileError as exc:
        raise UsageError(f"{target}: cannot be written: {exc}") from None


def print_messages(messages) -> None:
    """The messages under a heading per severity, one line each."""
    for severity, heading in HEADINGS.items():
        lines = [m for m in messages if m.severity == severity]
        if lines:
            print(f"\n{heading}:")
            for message in lines:
                print(printable(f"  {message}"))
