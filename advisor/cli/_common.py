"""Shared command-line plumbing: error exits with status 2 and a message, never a traceback."""

from __future__ import annotations

import codecs
import json
import sys


class UsageError(Exception):
    """Bad input from the user: printed as `advisor: error: …`, exit status 2."""


def fail(message: str, status: int = 2) -> int:
    print(f"advisor: error: {message}", file=sys.stderr)
    return status


def is_utf8(stream) -> bool:
    """Whether `stream` writes UTF-8 (a Windows console or a file redirected in cp1252 does not)."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "utf-8"
    except LookupError:
        return False


def setup_streams() -> None:
    """Make stdout and stderr write whatever their encoding can take: a name the terminal cannot show becomes '?'
    (stdout) or a \\x escape (stderr) instead of a UnicodeEncodeError."""
    for stream, errors in ((sys.stdout, "replace"), (sys.stderr, "backslashreplace")):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) in ("strict", "surrogateescape"):
            try:
                reconfigure(errors=errors)
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot change
                pass


def print_json(obj: object) -> None:
    """Indented JSON on stdout; plain ASCII (\\u escapes) when stdout is not UTF-8, so it stays valid JSON."""
    print(json.dumps(obj, indent=2, ensure_ascii=not is_utf8(sys.stdout)))


def table(rows: list[list[str]], header: list[str], align: str | None = None) -> str:
    """Align a text table; `align` is one char per column, 'l' or 'r'."""
    align = align or "l" * len(header)
    cells = [header, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(r) for r in rows)])
