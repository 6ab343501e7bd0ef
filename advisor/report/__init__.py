"""The PDF design document (SPEC §4.4): `build_pdf(design, results) -> bytes`, `write_pdf(design, results, file)`
(written into the file as it is saved, never whole in memory), `extract_design(pdf) -> json`.

reportlab is imported only when a report is built, so opening a design (even from a PDF) stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from advisor.report.embed import extract_design

if TYPE_CHECKING:
    from advisor.model import Design
    from advisor.results import Results

__all__ = ["Cancelled", "ReportError", "build_pdf", "extract_design", "write_pdf"]


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
    from advisor.report.builder import build

    return build(design, results, progress)


def write_pdf(design: Design, results: Results, out: BinaryIO,
              progress: Callable[[float, str], bool | None] | None = None) -> int:
    """`build_pdf`, written into the binary file `out` object by object as the document is saved (the same bytes);
    returns how many were written. Nothing is written before the layout is done: a cancelled or failed document
    leaves `out` empty (`advisor.io_stream.atomic_writer` then removes its temporary)."""
    from advisor.report.builder import write

    return write(design, results, out, progress)
