"""`advisor configs FILE -o DIR [--site ID] [--vpn-hubs N]`: configuration sketches, one text file per site.

Without -o the sketches are printed. Exit status 0 on success, 2 when the design cannot be read or sized, the site
is unknown, or a file cannot be written (with a message).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from advisor.cli._common import UsageError, named, one_line, printable, quoted, write_problem
from advisor.cli._streams import to_stderr
from advisor.cli._whole import shown_whole, whole_number

# the temporary a sketch is written to before it replaces the file (`advisor.io.write_atomic`): .NAME.XXXXXXXX.tmp
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("configs", help="configuration sketches per site (Cisco IOS XE), to review",
                       description="Write a Cisco IOS XE configuration sketch per site that carries the design's "
                       "figures: the voice priority queue from the busy-hour sizing, ip mtu / adjust-mss from the "
                       "MTU advice, the chosen VPN's skeleton, SRST sized for the phones and the CUCM location "
                       "bandwidths. Sketches to review, never final configuration: names in <ANGLE-BRACKETS> are "
                       "placeholders, and addresses are RFC 5737 documentation addresses. One file per site, "
                       "named after the site id. Exit status: 0 done, 2 the file cannot be read or a sketch "
                       "cannot be written.")
    p.add_argument("file", help="design file (.json, or a PDF made by advisor report)")
    p.add_argument("-o", "--output", metavar="DIR",
                   help="folder to write the files to (created if missing); without it, or with -, the sketches are "
                        "printed")
    p.add_argument("--site", metavar="ID", help="only this site, by id or by name")
    p.add_argument("--vpn-hubs", type=whole_number("a whole number of VPN hubs"), default=None, metavar="N",
                   help="VPN hub (head-end) routers sketched at the hub site, 1 to 8 (default 2, as the bill of "
                        "materials counts them)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from advisor import configs
    from advisor.bom import MAX_VPN_HUBS
    from advisor.cli._hubs import DEFAULT_VPN_HUBS, unused_note
    from advisor.cli.bom_cmd import load_analysed
    from advisor.tables import TableError

    hubs = DEFAULT_VPN_HUBS if args.vpn_hubs is None else args.vpn_hubs
    if not 1 <= hubs <= MAX_VPN_HUBS:
        raise UsageError(f"--vpn-hubs {shown_whole(hubs)}: give 1 to {MAX_VPN_HUBS}")
    # '-' is standard output, as for every other command's output: it made a folder named '-'
    folder = _folder(args.output) if args.output and args.output != "-" else None
    def site_known(design) -> None:  # before the analysis
        if args.site is not None and not args.site.strip():  # "no such site ''", as if a site could be named so
            raise UsageError("--site: no site given: name one by its id or its name, or leave --site out for "
                             "every site")
        if args.site is not None and design.site(args.site) is None:
            if (by_name := _site_named(design, args.site)) is not None:  # by name, as `explain --site` takes it
                args.site = by_name
                return
            known = ", ".join(s.id for s in design.sites[:10]) + (" …" if len(design.sites) > 10 else "")
            raise UsageError(f"--site {printable(quoted(args.site))}: no such site in the design"
                             + (f" (its sites: {known})" if known else " (it has no sites)"))

    design, results = load_analysed(args.file, site_known)
    hub_note = unused_note(args.vpn_hubs, design, results)
    try:
        sketches = configs.sketches(design, results, hubs=hubs)
    except TableError as exc:
        raise UsageError(str(exc)) from None
    if args.site is not None:
        sketches = {args.site: sketches[args.site]}
    if folder is None:  # one sketch at a time: together, thousands of them held gigabytes at once
        if not sketches:  # printed nothing and said nothing: a design without sites has no sketch
            to_stderr("advisor: note: no configuration sketch: the design has no site")
        for i, sketch in enumerate(sketches.values()):
            sys.stdout.write(("\n" if i else "") + sketch.text())
    else:
        _check_input_kept(folder, sketches, args.file)
        _write(folder, sketches)
    if hub_note:  # once the sketches are out: above an error writing them, the refusal was two lines
        to_stderr(hub_note)
    return 0


def _site_named(design, name: str) -> str | None:
    """The id of the one site named `name` (case, and the way accented letters are composed, aside), as `explain
    --site` finds it; None when no site is; refused when several share the name. `configs --site Zürich` said "no
    such site in the design" of a site named so."""
    from types import SimpleNamespace

    from advisor.explain import Context, ExplainError

    ids = SimpleNamespace(links=[], sites=[SimpleNamespace(id=s.id) for s in design.sites])
    lookup = Context(design.model_copy(update={"links": ()}), ids)
    try:
        return lookup.site(name).site.id
    except ExplainError as exc:
        if str(exc).startswith("no site"):
            return None
        raise UsageError(f"--site: {exc}") from None


def _check_input_kept(folder: Path, sketches, source: str) -> None:
    """Refuse, before any sketch is written, a folder where a sketch's file is the input design itself (a design
    saved as hq.txt in the folder the sketches go to): the sketch of site 'hq' replaced the design, in silence."""
    from advisor.cli._common import _same_file
    from advisor.configs.files import file_names

    if not folder.is_dir():
        return
    for site_id, name in file_names(list(sketches)).items():
        if _same_file(str(folder / name), source):
            raise UsageError(f"{named(folder / name)}: the sketch of site '{one_line(site_id)}' would overwrite the "
                             "input design; give another folder with -o")


def _folder(output: str) -> Path:
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        what = ("a device" if folder.is_char_device() or folder.is_block_device() else
                "a named pipe (FIFO)" if folder.is_fifo() else "a socket" if folder.is_socket() else "a file")
        raise UsageError(f"{output}: is {what}; give a folder for the sketches (one file per site)")
    if folder.is_symlink() and not folder.exists():  # the folder could not be made: it said "File exists"
        raise UsageError(f"{output}: is a link to {os.readlink(folder)}, which does not exist; give a folder for the "
                         "sketches")
    return folder


def _link_into(folder: Path, target_folder: str) -> Path | None:
    """The link in `folder` whose target lies in `target_folder` (where a sketch's temporary failed), if any."""
    try:
        wanted = os.path.realpath(target_folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_symlink() and os.path.dirname(os.path.realpath(entry.path)) == wanted:
                    return Path(entry.path)
    except OSError:
        pass
    return None


def _write(folder: Path, sketches) -> None:
    from advisor.atomic import remove_abandoned_in
    from advisor.configs.files import write_all

    written: list = []
    remove_abandoned_in(folder, ".txt")  # what a run killed left, whichever sites it was writing
    try:
        write_all(folder, sketches, written)
    except OSError as exc:
        where = exc.filename or folder
        if _TEMPORARY.fullmatch(os.path.basename(os.fspath(where))):  # a save's temporary: the folder is at fault,
            # or the folder a sketch's link leads into (the file is written through the link)
            where = _link_into(folder, os.path.dirname(os.fspath(where))) or folder
        kept = (f"; {len(written):,} of the {len(sketches):,} sketches were written before it and stay in "
                f"{one_line(str(folder))}" if written else "")
        raise UsageError(f"{where}: cannot be written: {write_problem(exc, where)}{kept}") from None
    for site_id, path in written:  # each on one line, whatever the folder's name holds
        name = sketches[site_id].site_name
        # a file named otherwise than its site's id ('.' and '..' as __.txt and __-2.txt) says whose it is
        whose = [] if Path(path).name == f"{site_id}.txt" else [f"site id '{one_line(site_id)}'"]
        whose += [f"site '{one_line(name)}'"] if name != site_id else []
        print(f"wrote {named(path)}" + (f" ({', '.join(whose)})" if whose else ""))
    count = f"{len(written):,} configuration sketches" if len(written) != 1 else "1 configuration sketch"
    print(f"{count if written else 'no configuration sketch (no site)'} to review in {named(folder)}")
