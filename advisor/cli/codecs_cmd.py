"""`advisor codecs`: the codec catalogue as an aligned table or JSON."""

from __future__ import annotations

import argparse
import dataclasses

from advisor.cli._common import print_json, table
from advisor.codecs import all_codecs


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("codecs", help="the codec catalogue",
                              description="The codec catalogue: ids, aliases accepted by --codec, frames and "
                              "default packetization, each with its source.")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--sources", action="store_true", help="add each codec's source and notes to the table")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    codecs = all_codecs()
    if args.json:
        print_json([{**dataclasses.asdict(c), "aliases": list(c.aliases)} for c in codecs])
        return 0
    header = ["id", "name", "rate", "frame", "default ptime", "aliases"]
    rows = []
    for c in codecs:
        rate = f"{round(c.rate_kbps, 2):g} kbps" + (" (default)" if c.variable_rate else "")
        row = [c.id, c.name, rate, f"{c.frame_ms:g} ms = {c.frame_bytes} B", f"{c.default_ptime_ms:g} ms",
               ", ".join(c.aliases)]
        if args.sources:
            row += [c.source, c.notes]
        rows.append(row)
    if args.sources:
        header += ["source", "notes"]
    print(table(rows, header, "llrlr" + "l" * (len(header) - 5)))
    return 0
