"""`advisor check FILE [--json | --xlsx OUT | --csv OUT [--table links|sites|findings]]`: analyse a design. Exit 0 without error findings, 1 with any, 2 if unreadable.

The text output is `check_text.render`; `--json` is the contract of docs/check-json.md."""

from __future__ import annotations

import argparse
import re

from advisor.cli._common import Outcome, UsageError, print_json, shown_output, write_problem, wrote
from advisor.cli.check_text import render


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="analyse a design: findings, VPN recommendation, per-link sizing",
                       description="Analyse a design file. The text output lists the findings by severity, then "
                       "two tables with a row per link: its bandwidth per direction at the busy hour (voice = "
                       "concurrent calls × kbps per call, plus signalling, in kbps) and its capacity check (utilization and the "
                       "voice share of the link, in %). Exit status: 0 no error findings, 1 error findings, 2 the "
                       "file cannot be read or is invalid.")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    out.add_argument("--xlsx", metavar="OUT", help="write the link sizing, sites and findings tables to an Excel "
                     "workbook (numbers as numbers, units in the headers); - for standard output (redirected to "
                     "a file)")
    out.add_argument("--csv", metavar="OUT", help="write one table as CSV (UTF-8): the one --table names; - for "
                     "standard output")
    p.add_argument("--table", choices=("links", "sites", "findings"),
                   help="the table --csv writes (default: links, the link sizing)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor.analysis import AnalysisError, analyse
    from advisor.io import DesignFileError, load

    if args.table is not None and not args.csv:  # it was ignored: the text, JSON or workbook came out instead
        raise UsageError(f"--table {args.table}: goes with --csv (one table as CSV); "
                         + ("--xlsx writes every table" if args.xlsx else "add --csv OUT"))
    try:
        design = load(args.file)
        results = analyse(design)  # --json builds its checklist as plain rows (write_json)
    except (DesignFileError, AnalysisError) as exc:
        raise UsageError(str(exc)) from None
    status = Outcome.decided(1 if results.errors else 0)  # kept if the reader closes the pipe midway
    if args.json:
        write_json(design, results)
    elif args.xlsx or args.csv:
        write_tables(design, results, args.xlsx or args.csv, "xlsx" if args.xlsx else "csv",
                     args.table or "links")
    else:
        print(render(design, results))
    return status


def write_tables(design, results, path: str, kind: str, table: str) -> None:
    """The link sizing, sites and findings tables (`advisor.sheets`) as a workbook, or one of them as CSV."""
    from advisor import sheets, tabular

    built = {"links": sheets.links_sheet, "sites": sheets.sites_sheet, "findings": sheets.findings_sheet}
    try:
        if kind == "xlsx":
            tabular.write_xlsx(path, [make(design, results) for make in built.values()])
        else:
            tabular.write_csv(path, built[table](design, results))
    except BrokenPipeError:  # `--csv - | head`: the reader has what it wanted; the verdict stands, as for text
        raise
    except OSError as exc:
        raise UsageError(f"cannot write {shown_output(path)}: {write_problem(exc, path)}") from None
    wrote(path)


def write_json(design, results, stream=None) -> None:
    """Print `to_json`'s object, indented by 2, through pydantic's serializer (compiled): the standard library
    indents in pure Python, which took 70 % of a 10,000-site `check --json`. Same JSON values as `to_json`
    (tests/core/test_traffic_fast_paths.py); non-ASCII is escaped when the stream cannot encode UTF-8.

    The checklist (17 rows per site, 80 % of a 10,000-site output) is encoded once per distinct site
    configuration, with the site ids spliced in (`json_pieces`)."""
    import sys

    stream = stream or sys.stdout
    encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
    utf8 = encoding in ("utf-8", "utf8")
    rows, blocks = _checklist(design, results)
    try:
        pieces = json_pieces(design, results, rows, blocks)
        if utf8 and hasattr(stream, "buffer"):
            stream.flush()
            stream.buffer.writelines(pieces)  # straight to the bytes: no decode and re-encode of ~80 MB
            stream.buffer.write(b"\n")
            stream.buffer.flush()
            return
        text = b"".join(pieces).decode("utf-8")
        if not utf8 and not text.isascii():
            import json

            text = json.dumps(json.loads(text), indent=2, ensure_ascii=True)
        stream.write(text + "\n")
    except (ValueError, UnicodeError):  # e.g. a lone surrogate: the standard encoder escapes it
        if rows is None:
            from advisor.rules.security import checklist_json

            rows = checklist_json(design, results.recommendation.chosen)
        print_json(to_json(design, results) | {"checklist": rows})


def _checklist(design, results):
    """(rows, None): the results' own checklist items as JSON rows, when analysed with `checklist=True`; else
    (None, blocks): `security.checklist_blocks`, built now (not 170,000 models for a 10,000-site design)."""
    if results.checklist:
        return [c.model_dump(mode="json") for c in results.checklist], None
    from advisor.rules.security import checklist_blocks

    return None, checklist_blocks(design, results.recommendation.chosen)


def json_bytes(design, results, checklist: list[dict] | None = None) -> bytes:
    """`to_json` as indented UTF-8 JSON, serialized in one compiled pass (the models are dumped as they stand);
    `checklist` replaces the results' checklist items when given."""
    return b"".join(json_pieces(design, results, checklist))


_CHECKLIST_KEY = b'\n  "checklist": []'  # a raw newline is only ever formatting: this is the top-level key


def json_pieces(design, results, checklist: list[dict] | None = None, blocks=None) -> list[bytes | memoryview]:
    """`json_bytes` in pieces to write one after the other. With `blocks` (`security.checklist_blocks`), the
    checklist is encoded block by block: each shared rows tuple once, as the serializer lays it out at that
    depth, and each site's id spliced in where the rows read `security.SITE`: the same bytes as serializing the
    rows themselves (tests/core/test_check_output.py), at a fraction of the cost."""
    from pydantic_core import to_json as dump

    tree = _tree(design, results, raw=True)
    if blocks is None:
        if checklist is not None:
            tree["checklist"] = checklist
        return [dump(tree, indent=2, inf_nan_mode="null")]
    tree["checklist"] = []
    data = dump(tree, indent=2, inf_nan_mode="null")  # as the models say it; plain dicts would say Infinity
    # Searched from the end, where the key is (only "totals" and "conventions" follow it), and cut as views: a
    # 10,000-link chain's JSON before the checklist is ~40 MB, which a forward search and a copy each took ~20 ms.
    cut = data.rindex(_CHECKLIST_KEY) + len(_CHECKLIST_KEY)
    view = memoryview(data)
    return [view[:cut - 2], *_encode_blocks(blocks), view[cut:]]


def _encode_blocks(blocks) -> list[bytes]:
    """The checklist list as bytes pieces, items indented as the value of a top-level key. Each distinct row is
    encoded once and cut where its site id goes (a site configuration's rows are a handful of shared (control,
    status) rows); each rows tuple's text is kept as the pieces between its ids, its rows' cut texts joined pairwise
    once per pair of neighbouring rows; each site's text is those pieces joined with its id, one copy (10,000 sites
    whose configurations all differ were ~120 MB joined, then copied again to put the ids in)."""
    from pydantic_core import to_json as dump

    from advisor.rules.security import SITE

    placeholder, plain = dump(SITE), _PLAIN_ID.fullmatch
    row_cut: dict[int, list[bytes]] = {}  # row -> its text, cut at the ids
    joints: dict[tuple[int, int], bytes] = {}  # (row, next row) -> the last piece of one, ",\n", the next's first
    shapes: dict[int, list[bytes]] = {}  # rows tuple -> its text's pieces between the ids
    out: list[bytes] = []
    add = out.append
    for rows, site in blocks:
        parts = shapes.get(id(rows))
        if parts is None:
            parts = shapes[id(rows)] = _pieces(rows, dump, placeholder, row_cut, joints)
        if not parts:
            continue  # no rows
        if len(parts) == 1:
            add(parts[0])
        else:  # ids are letters, digits, '.', '_' and '-' (the model's pattern): nothing to escape
            add((placeholder if site is None else b'"' + site.encode() + b'"' if plain(site) else dump(site)
                 ).join(parts))
        add(b",\n")
    if not out:
        return [b"[]"]
    out[0:0] = [b"[\n"]
    out[-1] = b"\n  ]"
    return out


def _pieces(rows, dump, placeholder: bytes, row_cut: dict, joints: dict) -> list[bytes]:
    """b",\n".join of the rows' texts, split at `placeholder`, built from the rows' own cut texts. Site rows hold
    the placeholder once each, so their pieces are the first row's head, one joint per pair of neighbours and the
    last row's tail: looked up by C-level passes once every row and pair has been met (`joints` is keyed by the
    pair of rows, each cut into exactly two pieces)."""
    if not rows:
        return []
    ids = list(map(id, rows))
    if len(ids) > 1:  # every pair's joint known: both rows of each hold the id once
        try:
            return [row_cut[ids[0]][0], *map(joints.__getitem__, zip(ids[:-1], ids[1:], strict=True)),
                    row_cut[ids[-1]][-1]]
        except KeyError:  # a row or pair met for the first time, or a row without the id once
            pass
    parts: list[bytes] = []
    last = None
    for row in rows:
        cut = row_cut.get(id(row))
        if cut is None:  # [\n  {\n    "control": …\n  }\n] as an item of a list at depth 1
            one = dump([row], indent=2)
            cut = row_cut[id(row)] = (b"    " + one[2:-2].lstrip(b" ").replace(b"\n", b"\n  ")).split(placeholder)
        if last is None:
            parts.extend(cut)
        else:
            joint = parts[-1] + b",\n" + cut[0]
            if len(row_cut[id(last)]) == 2 and len(cut) == 2:  # the pair's joint, the same wherever it is met
                joints[(id(last), id(row))] = joint
            parts[-1] = joint
            parts.extend(cut[1:])
        last = row
    return parts


_PLAIN_ID = re.compile(r"[A-Za-z0-9_.\-]+")


def to_json(design, results) -> dict:
    """The `check --json` object (docs/check-json.md), as plain dicts and lists."""
    return _tree(design, results, raw=False)


def _tree(design, results, raw: bool) -> dict:
    """`raw`: leave the result models in place for pydantic's serializer (identical to their JSON-mode dump)."""

    def dump(model):
        return model if raw else model.model_dump(mode="json")

    def fields(model):  # a flat model of strings and numbers: its fields, which the serializer takes ~25 % faster
        return model.__dict__ if raw else model.model_dump(mode="json")

    rec = results.recommendation
    return {
        "design": design.name,
        "model": results.model.detected,
        "deployment": dump(results.model),
        "recommendation": {
            "technology": rec.technology,
            "chosen": rec.chosen,
            "ranking": [dump(c) for c in rec.ranking],
            "per_transport": [dump(t) for t in rec.per_transport],
            "per_cloud": dict(rec.per_cloud),
        },
        "links": [dump(link) for link in results.links],
        "sites": [fields(site) for site in results.sites],
        "mtu": dump(results.mtu) if results.mtu else None,
        "delay": dump(results.delay) if results.delay else None,
        "findings": [fields(f) for f in results.findings],
        "checklist": [dump(c) for c in results.checklist],
        "totals": {"sites": len(design.sites), "links": len(design.links),
                   "users": sum(s.users for s in design.sites), "wan_kbps": results.total_wan_kbps,
                   "errors": results.errors, "warnings": results.warnings},
        "conventions": results.conventions,
    }
