"""`advisor exercises --count N --seed S [--topics …] -o SHEET.pdf --answers KEY.pdf [--json]`: exercise sheets
with answer keys, the same for the same set number (S)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from advisor.cli._common import (
    UsageError,
    file_problem,
    folder_problem,
    named,
    one_line,
    print_json,
    printable,
    refuse_terminal,
    takes_numerals,
    write_problem,
)
from advisor.cli._streams import to_stderr
from advisor.cli._whole import MAX_DIGITS, shown_whole, whole_number

_TOPICS_HELP = ("packet (per-call packet and bandwidth), erlang (Erlang B, all three ways), link (sizing one link "
                "of a small design), vpn (choosing the VPN), deployment (the deployment model and its checks), "
                "flaws (find the flaws in a design)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "exercises", help="exercise sheets with answer keys (PDF or JSON)",
        description="Generate exercises on UC WAN design and security. The sheet holds the questions and a "
        "reference of the conventions; the answer key holds each answer with its worked solution, line by line, "
        "and its sources. Every answer is computed by the advisor's own engines (as 'advisor calc', 'advisor "
        "erlang' and 'advisor check' compute them). The same set number gives the same exercises and "
        "byte-identical PDFs. Topics: " + _TOPICS_HELP + ".",
        epilog="Example: advisor exercises --count 12 --seed 7 -o sheet.pdf --answers key.pdf")
    p.add_argument("--count", type=_count, default=6, metavar="N", help="how many exercises (default 6, at most 200)")
    p.add_argument("--seed", type=_seed, default=1, metavar="S", help="a whole number choosing the set (default 1)")
    p.add_argument("--topics", metavar="LIST", help="comma-separated topics, taken in turn (default: all): "
                   "packet,erlang,link,vpn,deployment,flaws")
    p.add_argument("-o", "--output", metavar="SHEET.pdf", help="write the exercise sheet here; - for standard output")
    p.add_argument("--answers", metavar="KEY.pdf", help="write the answer key here; - for standard output")
    p.add_argument("--json", action="store_true",
                   help='print {"exercises": [{"id", "topic", "question", "given", "answer", "solution"}]}')
    p.set_defaults(handler=run)


_DIGITS = re.compile(r"\s*[+-]?[0-9][0-9_]*\s*")


def _digits(text: str) -> int:
    """The significant digits of a whole number as typed (0…05 is 5, one digit)."""
    return sum(ch.isdigit() for ch in text.strip().lstrip("+-").lstrip("0_"))


_exercises = whole_number("a whole number of exercises")
_whole = whole_number("a whole number")


@takes_numerals
def _count(text: str) -> int:
    from advisor.exercises import MAX_COUNT

    if _DIGITS.fullmatch(text) and _digits(text) > MAX_DIGITS:  # past int()'s 4,300 digits: far too large
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_COUNT}, got a number of {_digits(text):,} digits")
    value = _exercises(text)  # '1e1' too, as every whole-number option reads it
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_COUNT}, got {shown_whole(value)}")
    return value


@takes_numerals
def _seed(text: str) -> int:
    if _DIGITS.fullmatch(text) and _digits(text) > MAX_DIGITS:  # it said "expected a whole number" of 5,000 digits
        raise argparse.ArgumentTypeError(f"must be below 2^63 in size, got a number of {_digits(text):,} digits")
    value = _whole(text)
    if abs(value) >= 2**63:
        raise argparse.ArgumentTypeError(f"must be below 2^63 in size, got {shown_whole(value)}")
    return value


def _empty_entry(text: str) -> int:
    """The position (1, 2, …) of the first blank entry of a comma-separated list, or 0."""
    return next((n for n, entry in enumerate(text.split(","), start=1) if not entry.strip()), 0)


def _target(path: str, option: str) -> Path | None:
    """A writable file name for `option`, checked before any work is done ('-': standard output). Both files are
    checked before either is written: the sheet was written and only then the key refused (a read-only folder, a
    device, a link into a missing folder), leaving half of what was asked for."""
    if path == "-":
        refuse_terminal("a PDF", option)
        return None
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{option}: {path} is a folder; give a file name such as {target / 'sheet.pdf'}")
    if (problem := folder_problem(target.parent)) is not None:
        raise UsageError(f"{option}: {problem}")
    if (problem := file_problem(path, "sheet.pdf")) is not None:
        raise UsageError(f"{option}: {one_line(path)}: {problem}")
    return target


def _write(target: Path | None, data: bytes, option: str) -> None:
    from advisor.io import DesignFileError, write_atomic

    if target is None:
        from advisor.tabular import to_stdout

        to_stdout(data)  # refused on a terminal before any work (_target)
        return
    try:
        write_atomic(target, data)
    except OSError as exc:
        raise UsageError(f"{option}: {target} cannot be written: {write_problem(exc, target)}") from None
    except DesignFileError as exc:
        raise UsageError(f"{option}: {target} cannot be written: {exc}") from None
    to_stderr(f"wrote {named(target)} ({len(data) / 1024:,.0f} KB)")


def _write_pair(sheet: Path, sheet_data: bytes, key: Path, key_data: bytes) -> None:
    """The sheet and its key written as one (`advisor.io_pair`): an interrupted or killed run never leaves a new
    sheet beside an older key (each file whole; at worst a sheet without its key)."""
    from advisor import atomic
    from advisor.io import DesignFileError
    from advisor.io_pair import write_atomic_pair

    try:
        write_atomic_pair(sheet, sheet_data, key, key_data)
        for folder in dict.fromkeys(atomic.target(p).parent for p in (sheet, key)):
            atomic.fsync_dir(folder)
    except (OSError, DesignFileError) as exc:
        detail = write_problem(exc, sheet) if isinstance(exc, OSError) else str(exc)
        raise UsageError(f"-o {sheet} and --answers {key} cannot be written: {detail}") from None
    for target, data in ((sheet, sheet_data), (key, key_data)):
        to_stderr(f"wrote {named(target)} ({len(data) / 1024:,.0f} KB)")


def run(args: argparse.Namespace) -> int:
    from advisor.exercises import TOPICS, generate, parse_topics, to_json
    from advisor.io_errors import no_surrogates

    if args.topics is not None and not any(t.strip() for t in args.topics.split(",")):
        # given, but empty or only commas: a script's empty variable, not a wish for every topic (leave it out)
        raise UsageError(f"--topics: no topic given; topics: {', '.join(TOPICS)} (leave --topics out for all)")
    if args.topics is not None and (empty := _empty_entry(args.topics)):  # 'packet,,erlang' dropped one in silence,
        # where `compare --vary codec=g711,,g729` refuses it
        from advisor.validation import clip

        raise UsageError(f"--topics {clip(no_surrogates(args.topics), 60)}: topic {empty} is empty (two commas with "
                         "nothing between, or a comma at an end): remove it")
    try:
        # an undecodable byte as U+FFFD, as every message shows it (the topics' own message wrote '\udcff')
        topics = parse_topics(args.topics if args.topics is None else no_surrogates(args.topics))
    except ValueError as exc:
        raise UsageError(f"--topics: {exc}") from None
    outputs = [name for name, given in (("-o", args.output), ("--answers", args.answers), ("--json", args.json))
               if given == "-" or given is True]
    if len(outputs) > 1:
        raise UsageError(f"{' and '.join(outputs)} would {'both' if len(outputs) == 2 else 'all'} write to standard "
                         "output; give a file name to all but one")
    sheet = _target(args.output, "-o") if args.output else None
    key = _target(args.answers, "--answers") if args.answers else None
    if sheet is not None and key is not None and sheet.resolve() == key.resolve():
        raise UsageError("-o and --answers name the same file: the key would overwrite the sheet")
    exercises = generate(args.count, args.seed, topics)
    if args.output or args.answers:
        from advisor.report import ReportError, load_reportlab

        try:
            load_reportlab()
        except ReportError as exc:
            raise UsageError(str(exc)) from None
        from advisor.exercises.pdf import key_pdf, sheet_pdf

        if sheet is not None and key is not None:  # both files: both made, then both put in place together
            _write_pair(sheet, sheet_pdf(exercises, args.seed), key, key_pdf(exercises, args.seed))
        else:
            if args.output:
                _write(sheet, sheet_pdf(exercises, args.seed), "-o")
            if args.answers:
                _write(key, key_pdf(exercises, args.seed), "--answers")
    if args.json:
        print_json(to_json(exercises))
    elif not args.output and not args.answers:
        for ex in exercises:
            print(printable(f"{ex.id} ({ex.topic})\n{ex.full_question}\nanswer: {ex.answer_text}\n"))
    return 0
