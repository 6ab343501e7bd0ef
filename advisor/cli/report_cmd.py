"""`advisor report FILE -o OUT.pdf [--issued YYYY-MM-DD] [--progress]`: the PDF design document, written atomically
and straight into the file (object by object as it is saved, never whole in memory).

The document carries its issued day (the design's, else today's; --issued sets it): printed on its pages, written
as the PDF's date and stored in the design inside the PDF. Exit status 0 on success, 2 when the design cannot be
read, the day is not one, or the PDF cannot be written (with a message).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from advisor.cli._common import UsageError, file_problem, named, quoted, refuse_terminal, write_problem
from advisor.cli._resolve import same_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the PDF design document",
                       description="Analyse a design and write its PDF design document (cover, summary, topology, "
                       "sites, links, packet anatomy, VPN comparison, deployment checks, security checklist, "
                       "findings, assumptions). The PDF carries the design: `advisor FILE.pdf` opens it again.")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    p.add_argument("-o", "--output", metavar="OUT.pdf",
                   help="where to write the PDF (default: the design's name with .pdf, next to it); - for standard "
                        "output (redirected to a file or a pipe)")
    p.add_argument("--issued", metavar="YYYY-MM-DD",
                   help="the day the document is issued: printed on its pages, the PDF's date, and kept in the "
                        "design inside the PDF (default: the design's own issued day, else today)")
    p.add_argument("--progress", action="store_true",
                   help="show progress on standard error, also when it is not a terminal (on a terminal a document "
                        "that takes more than a second shows it anyway)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.file == "":  # Path("") is the current folder
        raise UsageError("no file name given: name a design file")
    source = Path(args.file)
    issued = _issued(args.issued)
    if args.output == "-":  # standard output
        refuse_terminal("a PDF")
        return _run(source, issued, None, args)
    try:
        target = Path(args.output) if args.output else source.with_suffix(".pdf")
    except ValueError as exc:  # no suffix to replace
        raise UsageError(f"{args.file}: not a usable file name: {exc}") from None
    same = same_file(target, source)  # a symlink loop or a NUL in a name: its own file named
    if same:
        raise UsageError(f"{target}: the output would overwrite the input design; choose another name with -o")
    if (problem := file_problem(args.output or str(target), "design.pdf")) is not None:
        hint = "" if args.output else "; name the PDF with -o"  # the name made from the design's
        raise UsageError(f"{args.output or target}: {problem}{hint}")
    return _run(source, issued, target, args)


def _run(source: Path, issued: datetime.date | None, target: Path | None, args: argparse.Namespace) -> int:
    """Build the document and write it to `target`, or to standard output when it is None (`-o -`)."""
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load

    try:
        design = load(source)
        design = design.model_copy(update={"issued": issued or design.issued or datetime.date.today()})
        results = analyse(design, checklist=True)
    except (DesignFileError, AnalysisError) as exc:
        raise UsageError(str(exc)) from None

    from advisor.io_stream import atomic_writer
    from advisor.report import ReportError, load_reportlab, write_pdf

    try:
        load_reportlab()  # before the target is touched: a failing ~/.reportlab_mods is no fault of the output
    except ReportError as exc:
        raise UsageError(str(exc)) from None

    progress = (_Progress(sys.stderr) if args.progress and sys.stderr is not None  # `2>&-`: nowhere
                else _TerminalProgress.on(sys.stderr))
    try:
        if target is None:  # refused on a terminal before any work (run)
            sys.stdout.flush()  # after any text already printed there
            write_pdf(design, results, sys.stdout.buffer, progress)
            sys.stdout.buffer.flush()
        else:  # written into the temporary that replaces the target, never whole in memory
            with atomic_writer(target) as out:
                size = write_pdf(design, results, out, progress)
    except ReportError as exc:  # a part too large for a page: one line naming the section
        raise UsageError(f"{args.file}: {exc}") from None
    except OSError as exc:
        if target is None:
            raise
        raise UsageError(f"{target}: cannot be written: {write_problem(exc, target)}") from None
    except DesignFileError as exc:
        raise UsageError(f"{target}: cannot be written: {exc}") from None
    finally:  # a message after a failure starts on a line of its own
        if progress is not None:
            progress.finish()
    if target is not None:
        print(f"wrote {named(target)} ({size / 1024:,.0f} KB)")  # a name with a line break: one line
    _say_boxes(design)
    return 0


def _say_boxes(design) -> None:
    """A warning on stderr when the PDF prints some of the design's characters as empty boxes (no font for them)."""
    from advisor.cli._streams import to_stderr
    from advisor.report.unprinted import warning

    try:
        said = warning(design)
    except Exception:  # noqa: BLE001 - a warning only: the PDF is written, and the command succeeded
        return
    if said is not None:
        to_stderr(f"advisor: warning: {said}")


def _issued(text: str | None) -> datetime.date | None:
    """The --issued day, or None when not given; a UsageError names what is wrong with it."""
    if text is None:
        return None
    from pydantic import ValidationError

    from advisor.model import Design
    from advisor.validation import describe

    try:
        return Design.model_validate({"issued": text}).issued
    except ValidationError as exc:
        reason = describe(exc)[0].removeprefix("issued: ").split(" (not ")[0]  # the value is quoted already
        raise UsageError(f"--issued {quoted(text)}: {reason}") from None


class _Progress:
    """Percentages on stderr: rewritten in place on a terminal, one line per 10 % otherwise (logs, CI). Progress
    that cannot be shown (`2>/dev/full`) stops being shown: it ended the document's build as an internal error."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.last = -1

    def __call__(self, fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if self.tty:
            self._write(f"\r{percent:3d}% {message[:60]:<60}", flush=True)
        elif percent // 10 > self.last // 10 or percent == 100:
            self._write(f"{percent:3d}% {message}\n")
        self.last = percent

    def finish(self) -> None:
        if self.tty:
            self._write("\n")

    def _write(self, text: str, flush: bool = False) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            if flush:
                self.stream.flush()
        except (OSError, ValueError):  # a full disk, a closed stream: the document matters, not its progress
            self.stream = None


class _TerminalProgress:
    """Without --progress, on a terminal: the build's progress as `advisor check` shows its own (one line on stderr,
    after a second, with the time left, rubbed out at the end): a 1,000-site document takes seconds, a design of
    thousands of links minutes, and the command said nothing meanwhile."""

    WHAT = "writing the PDF"
    STEPS = 1000

    def __init__(self, stream):
        from advisor.cli._progress import TerminalLine

        self.line = TerminalLine(stream)

    @classmethod
    def on(cls, stream) -> _TerminalProgress | None:
        """One for `stream` when it is a terminal, else None (a file or a pipe gets nothing, as before)."""
        from advisor.cli._progress import is_terminal

        return cls(stream) if is_terminal(stream) else None

    def __call__(self, fraction: float, message: str) -> None:
        done = min(max(int(fraction * self.STEPS), 0), self.STEPS - 1)  # the end is `finish`
        self.line(self.WHAT, done, self.STEPS)

    def finish(self) -> None:
        self.line.clear()
