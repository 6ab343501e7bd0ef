"""Shared command-line plumbing: error exits with status 2 and a message, never a traceback."""

from __future__ import annotations

import json
import sys


class UsageError(Exception):
    """Bad input from the user: printed as `advisor: error: …`, exit status 2."""


def fail(message: str, status: int = 2) -> int:
    print(f"advisor: error: {message}", file=sys.stderr)
    return status


def print_json(obj: object) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False))


def table(rows: list[list[str]], header: list[str], align: str | None = None) -> str:
    """Align a text table; `align` is one char per column, 'l' or 'r'."""
    align = align or "l" * len(header)
    cells = [header, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(r) for r in rows)])
