"""The PDF design document (SPEC §4.4): `build_pdf(design, results) -> bytes`, `write_pdf(design, results, file)`
(written into the file as it is saved, never whole in memory), `extract_design(pdf) -> json`.

reportlab is imported only when a report is built, so opening a design (even from a PDF) stays light.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from advisor.report.embed import extract_design

if TYPE_CHECKING:
    from advisor.model import Design
    from advisor.results import Results

__all__ = ["Cancelled", "ReportError", "build_pdf", "extract_design", "load_reportlab", "write_pdf"]


class Cancelled(Exception):
    """The progress callback returned False: the report was abandoned and nothing was written."""


class ReportError(Exception):
    """The document could not be laid out (something in it too large for a page); the message names the section
    and the page, in one line for the user."""


def build_pdf(design: Design, results: Results,
              progress: Callable[[float, str], bool | None] | None = None) -> bytes:
    """The whole design document as PDF bytes; deterministic for the same design and results.

    `progress(fraction, message)` is called as the work advances (fraction 0…1); returning False cancels and
    raises `Cancelled`. Raises `ReportError` when the document cannot be laid out.
    """
    load_reportlab()
    from advisor.report.builder import build

    return build(design, results, progress)


def write_pdf(design: Design, results: Results, out: BinaryIO,
              progress: Callable[[float, str], bool | None] | None = None) -> int:
    """`build_pdf`, written into the binary file `out` object by object as the document is saved (the same bytes);
    returns how many were written. Nothing is written before the layout is done: a cancelled or failed document
    leaves `out` empty (`advisor.io_stream.atomic_writer` then removes its temporary)."""
    load_reportlab()
    from advisor.report.builder import write

    return write(design, results, out, progress)


_HOOK = ("~", ".reportlab_mods")  # reportlab's own hook for local changes, run when it starts


def load_reportlab() -> None:
    """Start reportlab, which runs `~/.reportlab_mods` as it starts when that is a file (its hook for local
    changes). Where that name is no regular file (HOME set to /dev/null or to a file, as for service accounts and CI
    jobs; a folder; a FIFO, whose read would block), reportlab gets an empty stand-in, as if the file were missing:
    it failed with "Not a directory", which the command line took for the output file's fault. Where the file itself
    fails, ReportError names it."""
    if "reportlab" in sys.modules:
        return
    import os
    import stat

    path = os.path.expanduser(os.path.join(*_HOOK))
    if "reportlab_mods" not in sys.modules:
        try:
            regular = stat.S_ISREG(os.stat(path).st_mode)
        except (OSError, ValueError):  # (ValueError: a NUL in HOME)
            regular = False
        if not regular and importlib.util.find_spec("reportlab_mods") is None:  # (one on the path is reportlab's)
            sys.modules["reportlab_mods"] = types.ModuleType("reportlab_mods")
    try:
        import reportlab  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - the hook is the user's code: anything can fail in it
        for name in [n for n in sys.modules if n == "reportlab" or n.startswith("reportlab.")]:
            del sys.modules[name]
        what = (str(exc).splitlines() or [""])[0] or type(exc).__name__
        raise ReportError(f"{path}, which reportlab (the library that writes the PDF) runs as it starts, failed: "
                          f"{type(exc).__name__}: {what}; correct or remove it") from None
