"""`advisor report FILE -o OUT.pdf [--progress]`: the PDF design document, written atomically.

Exit status 0 on success, 2 when the design cannot be read or the PDF cannot be written (with a message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.cli._common import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="write the PDF design document",
                       description="Analyse a design and write its PDF design document (cover, summary, topology, "
                       "sites, links, packet anatomy, VPN comparison, deployment checks, security checklist, "
                       "findings, assumptions). The PDF carries the design: `advisor FILE.pdf` opens it again.")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    p.add_argument("-o", "--output", metavar="OUT.pdf",
                   help="where to write the PDF (default: the design's name with .pdf, next to it)")
    p.add_argument("--progress", action="store_true", help="show progress on standard error")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load

    source = Path(args.file)
    try:
        target = Path(args.output) if args.output else source.with_suffix(".pdf")
        same = target.resolve() == source.resolve()
    except (OSError, ValueError, RuntimeError) as exc:  # no suffix to replace, a symlink loop, a NUL in the name
        raise UsageError(f"{args.output or args.file}: not a usable file name: {exc}") from None
    if same:
        raise UsageError(f"{target}: the output would overwrite the input design; choose another name with -o")
    if target.is_dir():
        raise UsageError(f"{target}: is a folder; give a file name such as {target / 'design.pdf'}")
    if not target.parent.is_dir() and str(target.parent):
        raise UsageError(f"{target}: the folder {target.parent} does not exist")
    try:
        design = load(source)
        results = analyse(design, checklist=True)
    except (DesignFileError, AnalysisError) as exc:
        raise UsageError(str(exc)) from None

    from advisor.io import write_atomic
    from advisor.report import build_pdf

    progress = _Progress(sys.stderr) if args.progress else None
    pdf = build_pdf(design, results, progress)
    if progress is not None:
        progress.finish()
    try:
        write_atomic(target, pdf)
    except (OSError, DesignFileError) as exc:
        raise UsageError(f"{target}: cannot be written: {getattr(exc, 'strerror', None) or exc}") from None
    print(f"wrote {target} ({len(pdf) / 1024:.0f} KB)")
    return 0


class _Progress:
    """Percentages on stderr: rewritten in place on a terminal, one line per 10 % otherwise (logs, CI)."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.last = -1

    def __call__(self, fraction: float, message: str) -> None:
        percent = int(fraction * 100)
        if self.tty:
            self.stream.write(f"\r{percent:3d}% {message[:60]:<60}")
            self.stream.flush()
        elif percent // 10 > self.last // 10 or percent == 100:
            self.stream.write(f"{percent:3d}% {message}\n")
        self.last = percent

    def finish(self) -> None:
        if self.tty:
            self.stream.write("\n")
